"""The small typed model every stage shares.

Reading produces `Page`s of `Line`s of `Span`s (glyph runs with their geometry); layout turns them
into a `Document` of paragraphs and footnotes, and every stage after that takes a `Document` and
returns it with one documented kind of change.  Every change to the text is an `Edit`; every doubt
is an `Issue`.

Footnote references live inside paragraph text as marker tokens (see `marker_token`) so that
they travel with the character they follow through every later text repair, and are only turned
into `[^N]` when the canonical text is written.
"""

from __future__ import annotations

import hashlib
import re
from collections import Counter
from dataclasses import dataclass, field
from enum import StrEnum
from typing import Literal

SCHEMA_VERSION = "1.2"

MARKER_OPEN = "\ue000"
MARKER_CLOSE = "\ue001"
MARKER_RE = re.compile(MARKER_OPEN + r"(\d+)" + MARKER_CLOSE)
#: Marks a hyphen at a line end ("traffick-" + HYPHEN_SITE + "ing") until `hyphenation` decides it.
HYPHEN_SITE = "\ue002"
#: Private-use characters ibidem uses for its own tokens; stripped from input text on reading.
PRIVATE_TOKEN_RE = re.compile("[" + MARKER_OPEN + MARKER_CLOSE + HYPHEN_SITE + "]")


def marker_token(number: int) -> str:
    """The in-text token for a footnote reference to footnote `number`."""
    return f"{MARKER_OPEN}{number}{MARKER_CLOSE}"


Severity = Literal["error", "warning", "info"]
SourceKind = Literal["pdf", "text"]
#: Who settled an edit: an editor accepted or rejected the pipeline's change, or made it.
Decision = Literal["accepted", "rejected", "editor"]
#: Words of context kept either side of a change (`text_context`).
CONTEXT_WORDS = 6
_LEFT_WORDS_RE = re.compile(rf"(?:\S+\s+){{0,{CONTEXT_WORDS}}}\S*$")
_RIGHT_WORDS_RE = re.compile(rf"^\S*(?:\s+\S+){{0,{CONTEXT_WORDS}}}")


@dataclass(frozen=True)
class Span:
    """A run of glyphs on one line set in one font and size, with no word gap inside.

    `superscript` spans are smaller and raised above the line's baseline: footnote markers in
    the body, footnote numbers in the footnote zone.  Geometry is in PDF points from the top-left.
    """

    text: str
    font: str
    size: float
    x0: float
    x1: float
    top: float
    bottom: float
    space_before: bool = False
    superscript: bool = False


@dataclass(frozen=True)
class Line:
    """One printed line: its spans left to right, and the geometry of its baseline glyphs;
    `column_x0` is the left edge of its column where the page is set in columns (`columns`)."""

    page: int
    spans: tuple[Span, ...]
    x0: float
    x1: float
    top: float
    bottom: float
    size: float
    bold: bool = False
    column_x0: float | None = None

    @property
    def plain_text(self) -> str:
        """The line as printed, superscripts inline, words separated by one space."""
        out: list[str] = []
        for span in self.spans:
            if out and span.space_before:
                out.append(" ")
            out.append(span.text)
        return "".join(out)


@dataclass(frozen=True)
class Rule:
    """A drawn horizontal line (a footnote separator when short and low on the page)."""

    page: int
    x0: float
    x1: float
    top: float


@dataclass(frozen=True)
class Page:
    """One page's lines; `scanned` when an image covers most of it (its text is an OCR layer).

    `rotated` is the text set at an angle to the lines, one string per baseline: a landscape
    page's symbol, page and job numbers down its side, a table heading turned on end. It is no
    part of the reading flow; the layout records it as removed (`furniture.rotated_removals`).
    """

    number: int
    width: float
    height: float
    lines: tuple[Line, ...]
    rules: tuple[Rule, ...] = ()
    scanned: bool = False
    rotated: tuple[str, ...] = ()


@dataclass(frozen=True)
class Edit:
    """One change the pipeline made to the text, with the rule that made it.

    `left` and `right` are a few words either side of a change inside running text, as the text
    was when the change was made: what an editor reads it in, and what finds it again when an
    editor rejects it.  Removed lines (furniture) have none: the line itself is `before`.
    `decision` is None for the pipeline's own changes until an editor accepts or rejects one.
    """

    kind: str
    page: int | None
    before: str
    after: str
    rule: str
    confidence: float
    left: str = ""
    right: str = ""
    decision: Decision | None = None


#: How far either side of a change its context words are looked for.
CONTEXT_CHARS = 200


def text_context(text: str, start: int, end: int) -> tuple[str, str]:
    """The words either side of `text[start:end]`, with the spaces that separate them (looked
    for within `CONTEXT_CHARS`)."""
    left = _LEFT_WORDS_RE.search(text[max(0, start - CONTEXT_CHARS) : start])
    right = _RIGHT_WORDS_RE.match(text[end : end + CONTEXT_CHARS])
    return (left.group(0) if left else "", right.group(0) if right else "")


def readable(text: str) -> str:
    """Text as a reader sees it: markers as `[^N]`, no hyphen-site marks, line breaks as "⏎"."""
    return MARKER_RE.sub(r"[^\1]", text).replace(HYPHEN_SITE, "").replace("\n", "⏎")


def token_context(done: list[str], rest: list[str]) -> tuple[str, str]:
    """`text_context` for a change between space-separated tokens already written (`done`)
    and still to come (`rest`)."""
    left = " ".join(done[-CONTEXT_WORDS:]) + " " if done else ""
    right = " " + " ".join(rest[:CONTEXT_WORDS]) if rest else ""
    return left, right


def edit_ids(edits: list[Edit]) -> list[str]:
    """A stable id for each edit, from what it changed and where: the same change in the same
    words gets the same id on every run, so an editor's decision finds it again."""
    ids: list[str] = []
    seen: Counter[str] = Counter()
    for edit in edits:
        key = "\0".join((edit.kind, str(edit.page), edit.before, edit.after, edit.left, edit.right))
        base = "e" + hashlib.sha1(key.encode("utf-8")).hexdigest()[:8]
        seen[base] += 1
        ids.append(base if seen[base] == 1 else f"{base}-{seen[base]}")
    return ids


@dataclass(frozen=True)
class Issue:
    """Something an editor should look at: the pipeline did not guess."""

    severity: Severity
    code: str
    message: str
    page: int | None = None
    #: The text the issue is about, as printed (a footnote, the words around a marker).
    context: str = ""
    #: What the issue concerns, for the code that settles it: "footnote 12", "footnote 2.3".
    subject: str = ""


@dataclass
class Paragraph:
    """A paragraph of body text (marker tokens inline) and the page it starts on."""

    text: str
    page: int


class CitationKind(StrEnum):
    """What a citation part is.  The reference kinds point to another citation and are
    resolved by `cleaners.ibid`; the others name their source themselves."""

    TREATY = "treaty"
    OFFICIAL_RECORDS = "official_records"
    RESOLUTION = "resolution"
    DECISION = "decision"
    ICJ = "icj"
    JUDGMENT = "judgment"
    CONVENTION = "convention"
    DOCUMENT = "document"
    URL = "url"
    IBID = "ibid"
    SUPRA = "supra"
    FOOTNOTE = "footnote"
    LOCATOR = "locator"
    CROSS_REFERENCE = "cross_reference"
    OTHER = "other"


@dataclass(frozen=True)
class CitationRef:
    """Where a citation is printed: the note (its sequence and number) and its part there."""

    sequence: int
    note: int
    part: int


@dataclass(frozen=True)
class Citation:
    """One part of a note (or of a bracket in the body) naming one source (see
    `cleaners.citations`).

    `fields` holds what the form names (volume, session, symbol, parties …).  A reference
    (`REFERENCES`: Ibid., supra, "see note 5") is resolved by `cleaners.ibid`: `refers_to` is the
    citation it was resolved against and `resolved` the full citation it stands for; both stay
    None when it is left open.
    """

    kind: CitationKind
    text: str
    signal: str | None = None
    fields: tuple[tuple[str, str], ...] = ()
    refers_to: CitationRef | None = None
    resolved: str | None = None

    def get(self, name: str) -> str | None:
        return dict(self.fields).get(name)


#: Kinds that stand for another citation: resolved into it, or left open with a reason.
REFERENCES = frozenset({CitationKind.IBID, CitationKind.SUPRA, CitationKind.FOOTNOTE})


@dataclass(frozen=True)
class InTextCitation:
    """A citation in brackets in the body text, "(A/80/614, para. 49)" or "(ibid., para. 35)";
    `antecedent` is the index of the in-text citation an Ibid. repeats."""

    paragraph: int
    citation: Citation
    antecedent: int | None = None


@dataclass
class Footnote:
    """A footnote body.  `number` is None for notes marked by a symbol or letter ("*", "a").

    `ibid_of` is the footnote an "Ibid." repeats, or the one a "See footnote N" points to, in
    the same sequence.  `sequence` counts the numbering sequences of a document: judgments
    append opinions, and reports annexes, whose notes start again at 1 (0 is the first).
    """

    label: str
    number: int | None
    text: str
    pages: list[int]
    resolved: str | None = None
    ibid_of: int | None = None
    citations: list[Citation] = field(default_factory=list)
    sequence: int = 0

    @property
    def key(self) -> tuple[int, int | None]:
        """What a marker links to: the number within its sequence."""
        return (self.sequence, self.number)


def note_label(label: str, sequence: int) -> str:
    """A note's label in the canonical text: as printed in the first sequence, prefixed by
    its sequence's number after it ("2.1": note 1 of the second sequence)."""
    return label if sequence == 0 else f"{sequence + 1}.{label}"


def footnote_subject(note: Footnote) -> str:
    """The `Issue.subject` of an issue about a note: "footnote 12", "footnote 2.3"."""
    return f"footnote {note_label(note.label, note.sequence)}"


def note_name(key: tuple[int, int | None]) -> str:
    """A note's number as an editor reads it: "12", or "12 of note sequence 2" in a later
    sequence (an appended opinion's notes)."""
    sequence, number = key
    return f"{number}" if sequence == 0 else f"{number} of note sequence {sequence + 1}"


@dataclass(frozen=True)
class Marker:
    """A footnote reference found in the body text, in its note sequence."""

    number: int
    page: int
    paragraph: int
    sequence: int = 0

    @property
    def key(self) -> tuple[int, int]:
        return (self.sequence, self.number)


@dataclass(frozen=True)
class Source:
    path: str
    sha256: str
    kind: SourceKind
    pages: int


@dataclass
class Document:
    """A document on its way through the stages; `canonical` writes it out."""

    doc_id: str
    source: Source
    metadata: dict[str, str] = field(default_factory=dict)
    paragraphs: list[Paragraph] = field(default_factory=list)
    footnotes: list[Footnote] = field(default_factory=list)
    edits: list[Edit] = field(default_factory=list)
    issues: list[Issue] = field(default_factory=list)
    stages: list[str] = field(default_factory=list)
    in_text_citations: list[InTextCitation] = field(default_factory=list)

    def markers(self) -> list[Marker]:
        """Every footnote reference in the body, in reading order, each in its sequence."""
        found = [
            (int(m.group(1)), para.page, index)
            for index, para in enumerate(self.paragraphs)
            for m in MARKER_RE.finditer(para.text)
        ]
        sequences = marker_sequences(self.footnotes, [(n, page) for n, page, _ in found])
        return [
            Marker(number, page, index, sequence)
            for (number, page, index), sequence in zip(found, sequences, strict=True)
        ]


#: A sequence's first marker may stand in a paragraph that starts this many pages before its
#: note.
RESTART_PAGES = 2


def restarts(number: int, highest: int, page: int, note_page: int) -> bool:
    """Whether a marker `number` on `page`, after markers up to `highest`, starts again the
    numbering of a note sequence whose note 1 is printed on `note_page`."""
    return number == 1 and highest > 1 and note_page - RESTART_PAGES <= page <= note_page


def marker_sequences(footnotes: list[Footnote], markers: list[tuple[int, int]]) -> list[int]:
    """The note sequence of each marker (number, page) in reading order.

    A sequence after the first starts where its first note is printed: the first marker 1 on
    its page or in a paragraph starting shortly before (`restarts`), once the current sequence
    has counted past 1.
    """
    starts: list[tuple[int, int]] = []
    for note in footnotes:
        if note.sequence == len(starts) + 1 and note.number is not None:
            starts.append((note.number, note.pages[0]))
    sequence, highest = 0, 0
    out: list[int] = []
    for number, page in markers:
        if sequence < len(starts):
            first, first_page = starts[sequence]
            if number == first and restarts(number, highest, page, first_page):
                sequence, highest = sequence + 1, 0
        highest = max(highest, number)
        out.append(sequence)
    return out
