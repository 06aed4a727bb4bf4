"""Join words broken by a stray space ("perso ns", "Conven tion"), with the lexicon as the oracle.

Only where the join is a word and at least one fragment is not (the rule SymSpell's compound
lookup uses, applied one pair at a time so that punctuation, digits, casing and hyphens stay as
printed); never across digits, symbols ("A/RES/78/228", "64/293") or citation punctuation.
Each join is an `Edit`.  Used on raw dumps and OCR text layers; born-digital PDFs get their words
from glyph gaps and have no such splits.
"""

from __future__ import annotations

import re

from .lexicon import Lexicon
from .model import Document, Edit

#: A left fragment: letters only, nothing after it (a marker or a comma ends a word).
LEFT_RE = re.compile(r"^[A-Za-z\u00c0-\u024f]+$")
#: A right fragment: lower-case letters, then the word's own closing punctuation or markers.
RIGHT_RE = re.compile(r"^([a-z\u00df-\u024f]+)([,.;:)\u201d’]*(?:\ue000\d+\ue001)*[,.;:)]*)$")
#: A join shorter than this, or rarer than this count, is not evidence enough.
MIN_JOINED_LENGTH = 4
MIN_JOINED_COUNT = 1000


def join_split_words(text: str, page: int, lexicon: Lexicon, edits: list[Edit]) -> str:
    """`text` with split words joined, one edit per join."""
    tokens = text.split(" ")
    out: list[str] = []
    index = 0
    while index < len(tokens):
        left = tokens[index]
        right = tokens[index + 1] if index + 1 < len(tokens) else ""
        tail = RIGHT_RE.match(right)
        if LEFT_RE.match(left) and tail and _is_split(left, tail.group(1), lexicon):
            joined = left + tail.group(1)
            edits.append(
                Edit("spacing", page, f"{left} {tail.group(1)}", joined, "join-split-word", 0.9)
            )
            out.append(joined + tail.group(2))
            index += 2
            continue
        out.append(left)
        index += 1
    return " ".join(out)


def _is_split(left: str, right: str, lexicon: Lexicon) -> bool:
    joined = left + right
    if len(joined) < MIN_JOINED_LENGTH or lexicon.count(joined) < MIN_JOINED_COUNT:
        return False
    return not (lexicon.is_word(left) and lexicon.is_word(right))


def repair_spacing(document: Document) -> None:
    """Join split words in every paragraph and footnote of a dump or OCR text layer."""
    lexicon = Lexicon()
    for paragraph in document.paragraphs:
        paragraph.text = join_split_words(paragraph.text, paragraph.page, lexicon, document.edits)
    for note in document.footnotes:
        note.text = join_split_words(note.text, note.pages[0], lexicon, document.edits)
