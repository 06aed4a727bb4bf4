"""Join words broken by a stray space ("perso ns", "Conven tion"), and split words run together
("theUnited", "sexualand"), with the lexicon as the oracle.

Only where the join is a word and at least one fragment is not (the rule SymSpell's compound
lookup uses, applied one pair at a time so that punctuation, digits, casing and hyphens stay as
printed); never across digits, symbols ("A/RES/78/228", "64/293") or citation punctuation.
A split needs stronger evidence than a join, since a word the lexicon lacks ("overfished",
"bycatch") could be cut in two: the run-together word is no word at all (not even in the
document or the UN corpus) and no name (it starts in lower case), it splits in exactly one
place into two common words, and either a case change inside it ("theUnited") is that place or
one part is a function word ("sexualand").
Each join and split is an `Edit`.  Used on raw dumps and OCR text layers; born-digital PDFs get
their words from glyph gaps and have no such splits.
"""

from __future__ import annotations

import re
from collections.abc import Iterable

from .lexicon import Lexicon
from .model import Document, Edit, token_context

#: A left fragment: letters only, nothing after it (a marker or a comma ends a word).
LEFT_RE = re.compile(r"^[A-Za-z\u00c0-\u024f]+$")
#: A right fragment: lower-case letters, then the word's own closing punctuation or markers.
RIGHT_RE = re.compile(r"^([a-z\u00df-\u024f]+)([,.;:)\u201d’]*(?:\ue000\d+\ue001)*[,.;:)]*)$")
#: A join shorter than this, or rarer than this count, is not evidence enough.
MIN_JOINED_LENGTH = 4
MIN_JOINED_COUNT = 1000
#: A run-together word: letters (a case change at most once), then its own punctuation.
GLUED_RE = re.compile(r"^([A-Za-z]{6,})([,.;:)]*)$")
#: Each part of a split is at least this long and this common.
MIN_PART_LENGTH = 2
MIN_PART_COUNT = 100_000
#: Words a missing space most often follows or precedes, whose glue is no compound.
FUNCTION_WORDS = frozenset(
    "the of and to in for on with by at from as or that which its their this these an a".split()
)


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
            before, after = token_context(out, tokens[index + 2 :])
            edits.append(
                Edit(
                    "spacing",
                    page,
                    f"{left} {tail.group(1)}",
                    joined,
                    "join-split-word",
                    0.9,
                    before,
                    tail.group(2) + after,
                )
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


def split_glued_words(text: str, page: int, lexicon: Lexicon, edits: list[Edit]) -> str:
    """`text` with words run together split in two, one edit per split (see the module)."""
    out: list[str] = []
    tokens = text.split(" ")
    for index, token in enumerate(tokens):
        glued = GLUED_RE.match(token)
        split = _split_point(glued.group(1), lexicon) if glued else None
        if glued is None or split is None:
            out.append(token)
            continue
        word = glued.group(1)
        left, right = word[:split], word[split:]
        before, after = token_context(out, tokens[index + 1 :])
        edits.append(
            Edit(
                "spacing",
                page,
                word,
                f"{left} {right}",
                "split-glued-word",
                0.8,
                before,
                glued.group(2) + after,
            )
        )
        out.append(f"{left} {right}{glued.group(2)}")
    return " ".join(out)


def _split_point(word: str, lexicon: Lexicon) -> int | None:
    if lexicon.is_word(word) or word[0].isupper():
        return None  # a word, or a name ("Faustin", "WeProtect") that is not to be cut
    changes = [i for i in range(1, len(word)) if word[i - 1].islower() and word[i].isupper()]
    if len(changes) > 1 or (not changes and any(c.isupper() for c in word[1:])):
        return None  # "iPhoneX", "UNICEF"
    points = [
        i
        for i in range(MIN_PART_LENGTH, len(word) - MIN_PART_LENGTH + 1)
        if lexicon.count(word[:i]) >= MIN_PART_COUNT and lexicon.count(word[i:]) >= MIN_PART_COUNT
    ]
    if len(points) != 1 or (changes and points != changes):
        return None
    left, right = word[: points[0]].lower(), word[points[0] :].lower()
    if not changes and left not in FUNCTION_WORDS and right not in FUNCTION_WORDS:
        return None
    return points[0]


def repair_spacing(document: Document, editor_words: Iterable[str] = ()) -> None:
    """Join split words and split glued ones in every paragraph and footnote of a dump or OCR
    text layer."""
    lexicon = Lexicon(editor_words=editor_words)

    def repair(text: str, page: int) -> str:
        text = join_split_words(text, page, lexicon, document.edits)
        return split_glued_words(text, page, lexicon, document.edits)

    for paragraph in document.paragraphs:
        paragraph.text = repair(paragraph.text, paragraph.page)
    for note in document.footnotes:
        note.text = repair(note.text, note.pages[0])
