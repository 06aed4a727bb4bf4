"""Decide every line-end hyphen: a line break to remove, or a real hyphen to keep.

Paragraph joining marks each site (a line ending in "-" before a word) with `HYPHEN_SITE` and
decides nothing; this stage decides with evidence, in the order the rules are listed, and records
each decision as an `Edit` (joins, keeps and undecided sites alike).  Suspended hyphens ("gender-
and age-sensitive") and soft hyphens are settled when lines are joined.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass

from .lexicon import Lexicon
from .model import CONTEXT_CHARS, HYPHEN_SITE, MARKER_RE, Document, Edit, Issue, text_context

SITE_RE = re.compile(r"([A-Za-z\u00c0-\u024f]*)-" + HYPHEN_SITE + r"([A-Za-z\u00c0-\u024f0-9]*)")
WORD_RE = re.compile(r"[A-Za-z\u00c0-\u024f][A-Za-z\u00c0-\u024f-]*[A-Za-z\u00c0-\u024f]")
#: Parts that make productive compounds: "rights-based", "non-governmental", "self-reliance".
COMPOUND_SUFFIXES = frozenset(
    (
        "based sensitive related specific led oriented driven responsive friendly free making "
        "building wide term level scale owned"
    ).split()
)
COMPOUND_PREFIXES = frozenset(
    ("non co self well cross inter intra multi post pre anti semi sub ex").split()
)


@dataclass(frozen=True)
class Decision:
    join: bool | None  # None: undecided (the hyphen is kept)
    rule: str
    confidence: float


def decide(head: str, tail: str, printed: set[str], lexicon: Lexicon) -> Decision:
    """The decision for "head-" at a line end followed by "tail", rules in order."""
    joined, hyphenated = head + tail, f"{head}-{tail}"
    if not head:  # "2025-" + "unrwa", "5-" + "year": no word joins a number
        return Decision(False, "first-part-not-a-word", 0.9)
    if hyphenated.lower() in printed:
        return Decision(False, "document-prints-hyphenated", 0.95)
    if joined.lower() in printed:
        return Decision(True, "document-prints-joined", 0.95)
    if lexicon.is_editor_word(hyphenated):
        return Decision(False, "editor-lexicon", 0.95)
    if lexicon.is_editor_word(joined):
        return Decision(True, "editor-lexicon", 0.95)
    if tail[:1].isupper() or tail[:1].isdigit():
        return Decision(False, "second-part-capital-or-digit", 0.95)
    if len(head) >= 2 and head.isupper():
        return Decision(False, "first-part-acronym", 0.9)
    head_word, tail_word = lexicon.is_word(head), lexicon.is_word(tail)
    if lexicon.is_word(joined) and not (head_word and tail_word):
        return Decision(True, "lexicon-join", 0.9)
    if (
        head_word
        and tail_word
        and (tail.lower() in COMPOUND_SUFFIXES or head.lower() in COMPOUND_PREFIXES)
    ):
        return Decision(False, "lexicon-compound", 0.85)
    if head_word and tail_word and not lexicon.is_word(joined):
        return Decision(False, "lexicon-join-not-a-word", 0.8)  # "people-centred", "fifty-third"
    if (
        head_word
        and tail_word
        and lexicon.count(joined) > max(lexicon.count(head), lexicon.count(tail))
    ):
        return Decision(True, "lexicon-join-more-frequent", 0.7)  # "mat-" + "ter"
    return Decision(None, "undecided-kept", 0.5)


def printed_words(document: Document) -> list[str]:
    """Every word the document prints intact (not at a hyphen site), as printed."""
    return [
        word
        for text in _texts(document)
        for word in WORD_RE.findall(SITE_RE.sub(" ", MARKER_RE.sub(" ", text)))
    ]


def decide_line_end_hyphens(document: Document, editor_words: Iterable[str] = ()) -> None:
    """Replace every hyphen site in paragraphs and footnotes by its decision, as edits.

    `editor_words` are words an editor added to the lexicon (see `cleaners.review`)."""
    words = printed_words(document)
    printed = {word.lower() for word in words}
    lexicon = Lexicon(words, editor_words)

    def settle(text: str, page: int) -> str:
        out: list[str] = []
        last = 0
        for match in SITE_RE.finditer(text):
            out.append(text[last : match.start()])
            last = match.end()
            head, tail = match.group(1), match.group(2)
            decision = decide(head, tail, printed, lexicon)
            after = head + tail if decision.join else f"{head}-{tail}"
            done = _last_chars(out, CONTEXT_CHARS)
            left = text_context(done, len(done), len(done))[0]
            right = text_context(text, match.end(), match.end())[1].replace(HYPHEN_SITE, "")
            document.edits.append(
                Edit(
                    "hyphenation",
                    page,
                    f"{head}-\n{tail}",
                    after,
                    decision.rule,
                    decision.confidence,
                    left,
                    right,
                )
            )
            out.append(after)
            if decision.join is None:
                document.issues.append(
                    Issue(
                        "info",
                        "hyphen-undecided",
                        f'Line-end hyphen in "{head}-{tail}" kept: no evidence that it is a '
                        "line break.",
                        page,
                        context=f"{left}{head}-{tail}{right}",
                    )
                )
        out.append(text[last:])
        return "".join(out)

    for paragraph in document.paragraphs:
        paragraph.text = settle(paragraph.text, paragraph.page)
    for note in document.footnotes:
        note.text = settle(note.text, note.pages[0])


def _last_chars(pieces: list[str], count: int) -> str:
    """The last `count` characters of `"".join(pieces)`, without joining them all: joining
    everything settled for every hyphen site made settling a paragraph quadratic."""
    taken: list[str] = []
    size = 0
    for piece in reversed(pieces):
        taken.append(piece)
        size += len(piece)
        if size >= count:
            break
    return "".join(reversed(taken))[-count:]


def _texts(document: Document) -> list[str]:
    return [p.text for p in document.paragraphs] + [n.text for n in document.footnotes]
