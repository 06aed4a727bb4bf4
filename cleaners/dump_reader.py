"""Read a legacy raw text dump: one printed page flattened into one line of text.

The parts are told apart by what UN pages print: the running header (symbol and title) first;
the body; a row of "_" before the footnote block; in the block, the footnote numbers (listed apart
from the bodies, or interleaved with them, one sometimes displaced to the end), the page footer
"n/N" and the job number; then trailing text that is not part of the document.

Footnote numbers rise by one through a document, so their order decides which digits in the body
are markers and which number goes with which footnote body.  What stays uncertain is an `Issue`.
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass, field, replace
from functools import cache
from importlib import resources
from pathlib import Path

from .characters import without_private_tokens
from .model import (
    MARKER_RE,
    Edit,
    Footnote,
    Issue,
    Paragraph,
    marker_token,
)
from .patterns import (
    BARCODE,
    JOB_NUMBER,
    NOT_MARKER_BEFORE,
    PAGE_NUMBER,
    SEPARATOR,
    SYMBOL_IN_TEXT_RE,
)

SYMBOL_RE = re.compile(r"^(?:[A-Z]{1,5}/)(?:[A-Z0-9.\-]+/)*[A-Z0-9.\-]*[0-9A-Z]")
SEPARATOR_RE = re.compile(rf"\s*{SEPARATOR}\s*")
PAGE_FOOTER_RE = re.compile(rf"(?<!\S){PAGE_NUMBER}(?!\S)")
JOB_NUMBER_RE = re.compile(rf"(?<!\S){JOB_NUMBER}(?!\S)")
LABEL_RE = re.compile(r"(\d{1,3})(?=\s|$)")
INITIALS_RE = re.compile(r"^(?:[A-Z]\.)+[A-Z]$")  # "I.C.J", not a roman "I"
#: Words after which a period does not end a footnote body ("vol. 2225", "chap. IV").
ABBREVIATIONS = frozenset(
    (
        "vol",
        "vols",
        "No",
        "Nos",
        "no",
        "nos",
        "para",
        "paras",
        "chap",
        "chaps",
        "sect",
        "sects",
        "art",
        "arts",
        "p",
        "pp",
        "e.g",
        "i.e",
        "Rev",
        "Add",
        "Corr",
        "Suppl",
        "Ser",
        "Doc",
        "al",
        "cf",
        "ed",
        "eds",
        "Mr",
        "Mrs",
        "Ms",
        "Dr",
        "St",
        "Vol",
    )
)
#: Words that open a preambular paragraph of a resolution; after ", " they start a paragraph.
PREAMBULAR_OPENERS = (
    "Acknowledging",
    "Affirming",
    "Alarmed",
    "Appreciating",
    "Aware",
    "Bearing in mind",
    "Commending",
    "Concerned",
    "Conscious",
    "Considering",
    "Convinced",
    "Deeply concerned",
    "Desiring",
    "Determined",
    "Emphasizing",
    "Encouraging",
    "Expressing",
    "Further recalling",
    "Gravely concerned",
    "Guided",
    "Having considered",
    "Highlighting",
    "Mindful",
    "Noting",
    "Reaffirming",
    "Recalling",
    "Recognizing",
    "Reiterating",
    "Stressing",
    "Taking into account",
    "Taking note",
    "Underlining",
    "Underscoring",
    "Welcoming",
)
PARAGRAPH_OPENING_RE = re.compile(
    r"(?:\([a-z]{1,4}\)|\d{1,3}\.) [A-Z]|(?:" + "|".join(PREAMBULAR_OPENERS) + r")\b"
)
PARAGRAPH_START_RE = re.compile(
    r"(?<=[,;:.])((?:" + MARKER_RE.pattern + r")*) "
    r"(?=(?:\([a-z]{1,4}\)|\d{1,3}\.) [A-Z]|(?:" + "|".join(PREAMBULAR_OPENERS) + r")\b)"
)


class DumpReadError(Exception):
    """The file is not a readable text dump; the message names the file and says why."""


@dataclass
class Dump:
    metadata: dict[str, str] = field(default_factory=dict)
    pages: int = 1
    paragraphs: list[Paragraph] = field(default_factory=list)
    footnotes: list[Footnote] = field(default_factory=list)
    edits: list[Edit] = field(default_factory=list)
    issues: list[Issue] = field(default_factory=list)


@cache
def default_titles() -> tuple[str, ...]:
    """Titles of UN resolutions shipped with ibidem, to tell a running header from the body."""
    text = resources.files("cleaners").joinpath("data", "un_titles.txt").read_text("utf-8")
    return tuple(
        line.strip() for line in text.splitlines() if line.strip() and not line.startswith("#")
    )


#: Control characters that no text dump holds (tab, line feed, form feed, carriage return do).
_CONTROL_RE = re.compile("[\x00-\x08\x0b\x0e-\x1f\x7f]")


def decode_dump(data: bytes, name: str) -> tuple[str, Issue | None]:
    """The dump's text, and an issue saying how it was decoded when that was not UTF-8.

    UTF-8 (with or without a byte order mark) is the norm.  UTF-16 is known by its byte order
    mark.  Legacy dumps from Windows tools are Windows-1252: read so, with a warning for the
    editor to check quotes and accented letters.  Bytes that are control characters in all of
    these (NUL and the like) mean binary data, refused rather than turned into text."""
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        try:
            text = data.decode("utf-16")
        except UnicodeDecodeError as error:
            raise DumpReadError(
                f"{name}: UTF-16 text (it has a byte order mark) cut short or broken "
                f"({error.reason} at byte {error.start})"
            ) from error
        _refuse_binary(text, name)
        return text, Issue(
            "info", "dump-encoding", "The dump is UTF-16 text (it has a byte order mark)."
        )
    _refuse_binary(data.decode("latin-1"), name)  # one character a byte, to find control bytes
    try:
        return data.decode("utf-8-sig"), None
    except UnicodeDecodeError as error:
        where = f"{error.reason} at byte {error.start}"
        try:
            text = data.decode("cp1252")
        except UnicodeDecodeError:
            raise DumpReadError(f"{name}: not UTF-8 text ({where})") from error
    return text, Issue(
        "warning",
        "dump-encoding",
        f"The dump is not UTF-8 ({where}); it was read as Windows-1252. Check quotation "
        "marks, dashes and accented letters.",
    )


def _refuse_binary(text: str, name: str) -> None:
    control = _CONTROL_RE.search(text)
    if control:
        raise DumpReadError(
            f"{name}: binary data, not a text dump (control character "
            f"{ord(control.group()):#04x} at {control.start()})"
        )


def read_dump(path: Path, *, known_titles: tuple[str, ...] = ()) -> Dump:
    text, issue = decode_dump(path.read_bytes(), path.name)
    dump = parse_dump(text, known_titles=known_titles)
    if issue:
        dump.issues.insert(0, issue)
    return dump


#: A line of a flattened dump this long is a page of its own even with no page number on it.
FLAT_PAGE_CHARS = 200


def split_pages(text: str) -> list[str]:
    """A dump's pages, in order.

    `pdftotext` ends each page with a form feed.  A flattened dump (the seeds' form) prints one
    page a line: a line with a page's furniture (a job number, "2/13") or as long as a page is
    one; a short line without (a web viewer's "Select target paragraph") stays with the page
    before.  Anything else is one page.
    """
    if "\f" in text:
        pages = [page for page in text.split("\f") if page.strip()]
        return pages or [text]
    pages: list[str] = []
    for line in text.split("\n"):
        starts_page = JOB_NUMBER_RE.search(line) or PAGE_FOOTER_RE.search(line)
        if pages and not (starts_page or len(line.strip()) >= FLAT_PAGE_CHARS):
            pages[-1] += "\n" + line
        elif line.strip() or pages:
            pages.append(line)
    return pages if len(pages) > 1 else [text]


def parse_dump(text: str, *, known_titles: tuple[str, ...] = ()) -> Dump:
    """Split a dump into pages, and each page into header, body paragraphs, footnotes, footer
    and junk; a whole document's pages are joined into one (see `join_pages`)."""
    pages = split_pages(text)
    if len(pages) == 1:
        return _parse_page(text, known_titles=known_titles)
    flattened = "\f" not in text
    furniture: list[list[Edit]] = [[] for _ in pages]
    if not flattened and not _headed_by_symbol(pages):
        pages, furniture = drop_repeated_furniture(pages, (*known_titles, *default_titles()))
    parsed: list[Dump] = []
    last_note = 0
    # Notes are found by their numbers only in a dump that never prints a separator line (a
    # drawn rule, which pdftotext does not read): where one does, it marks every note block.
    by_number = not flattened and not any(SEPARATOR_RE.search(page) for page in pages)
    for number, page in enumerate(pages, start=1):
        # A flattened page is one line; lines that `split_pages` left with it are not the
        # document's (a viewer's "Select target paragraph").
        page, _, junk = page.partition("\n") if flattened else (page, "", "")
        parsed.append(
            _parse_page(
                page,
                known_titles=known_titles,
                number=number,
                paged=True,
                next_note=last_note + 1 if by_number else None,
            )
        )
        parsed[-1].edits[:0] = furniture[number - 1]
        last_note = max([last_note, *(n.number or 0 for n in parsed[-1].footnotes)])
        if junk.strip():
            parsed[-1].edits.append(
                Edit("junk", number, junk.strip(), "", "text-between-pages", 0.9)
            )
    return join_pages(parsed)


#: How many lines a running header may take at a page's top (a long title runs to three).
HEADER_LINES = 6


def _headed_by_symbol(pages: list[str]) -> bool:
    """Whether most pages' running header carries the document's symbol: the pages read it
    themselves (`_drop_header`), with its title."""
    headed = sum(
        any(SYMBOL_IN_TEXT_RE.search(line) for line in page.strip().split("\n")[:HEADER_LINES])
        for page in pages
    )
    return headed * 2 >= len(pages)


#: Lines at a page's top and bottom edges that may be furniture.
EDGE_LINES = 3
#: A line repeated at the edge of this share of the pages (and of 3 at least) is a running
#: header or footer.
REPEATED_SHARE = 0.3


def drop_repeated_furniture(
    pages: list[str], titles: tuple[str, ...] = ()
) -> tuple[list[str], list[list[Edit]]]:
    """Running headers and footers of a pdftotext dump: lines at a page's edges that repeat on
    many pages ("Case No. IT-06-90-A", "16 November 2012"); then bare page
    numbers that move with the page ("6" on the sixth page, "- 7 -") at what is then a page's
    first or last line.  A number that does not move with the page (a note's number pdftotext
    printed apart) stays.  Each removal is an edit.
    """
    needed = max(3, REPEATED_SHARE * len(pages))
    edges = [_furniture_candidates(index, page, titles) for index, page in enumerate(pages)]
    seen: dict[str, set[int]] = {}
    for index, lines in enumerate(edges):
        for line in lines:
            seen.setdefault(_furniture_key(line), set()).add(index)
    removed: list[list[Edit]] = [[] for _ in pages]
    kept: list[str] = []
    for index, (page, lines) in enumerate(zip(pages, edges, strict=True)):
        repeated = {
            line
            for line in lines
            if len(seen[_furniture_key(line)]) >= needed and re.search(r"[A-Za-z]", line)
        }
        removed[index] = [
            Edit("furniture", index + 1, line, "", "running-header", 0.9)
            for line in lines
            if line in repeated
        ]
        kept.append(_without_edge_lines(page, repeated))
    # Page numbers, once the repeated lines are gone: a page's first or last line, moving
    # with the page on enough pages.
    ends = [_bare_ends(page) for page in kept]
    offsets = Counter(value - index for index, found in enumerate(ends) for value in found.values())
    offset, support = offsets.most_common(1)[0] if offsets else (0, 0)
    for index, found in enumerate(ends):
        if support < needed:
            break
        lines = kept[index].split("\n")
        for at in sorted(found, reverse=True):
            if found[at] - index == offset:
                removed[index].append(
                    Edit("furniture", index + 1, lines[at].strip(), "", "page-number", 0.9)
                )
                del lines[at]
        kept[index] = "\n".join(lines)
    return kept, removed


def _bare_ends(page: str) -> dict[int, int]:
    """The page's first and last lines that are a bare number: line index -> the number."""
    lines = page.split("\n")
    filled = _filled(lines)
    found: dict[int, int] = {}
    for at in sorted({filled[0], filled[-1]} if filled else set()):
        bare = BARE_NUMBER_RE.fullmatch(lines[at].strip())
        if bare:
            found[at] = int(bare.group(1))
    return found


def _furniture_candidates(index: int, page: str, titles: tuple[str, ...]) -> list[str]:
    """A page's edge lines that may be repeated furniture.  What a page reads itself stays: its
    job number and "2/13" (`_drop_footer`), a header with a symbol or a known title
    (`_drop_header`), the first page's masthead."""
    edge = _edge_lines(page)
    return [
        line
        for position, line in enumerate(edge)
        if not (JOB_NUMBER_RE.search(line) or PAGE_FOOTER_RE.search(line))
        and not SYMBOL_RE.match(line)
        and not any(" ".join(line.split()) in title for title in titles)
        and not (index == 0 and position < EDGE_LINES)
    ]


#: A page number printed alone: "6", "- 7 -", "Page 8".
BARE_NUMBER_RE = re.compile(r"(?:-\s*|Page\s+)?(\d{1,4})(?:\s*-)?")


def _filled(lines: list[str]) -> list[int]:
    """The indices of the lines that hold text."""
    return [index for index, line in enumerate(lines) if line.strip()]


def _edge_indices(lines: list[str]) -> list[int]:
    """The indices of a page's first and last `EDGE_LINES` lines that hold text."""
    filled = _filled(lines)
    return filled[:EDGE_LINES] + filled[EDGE_LINES:][-EDGE_LINES:]


def _edge_lines(page: str) -> list[str]:
    lines = page.split("\n")
    return [lines[index].strip() for index in _edge_indices(lines)]


def _furniture_key(line: str) -> str:
    """A line as it repeats: its words, numbers and all ("Case No. IT-06-90-A"); a note's
    "Trial Judgement, para. 1211." repeats only by chance."""
    return " ".join(line.split())


def _without_edge_lines(page: str, drop: set[str]) -> str:
    """The page without the edge lines in `drop` (each where it stands at an edge)."""
    lines = page.split("\n")
    edge = set(_edge_indices(lines))
    return "\n".join(
        line for i, line in enumerate(lines) if not (i in edge and line.strip() in drop)
    )


def _notes_by_number(text: str, first: int) -> tuple[str, str] | None:
    """A pdftotext page's body and notes, when no separator is printed: the notes begin with
    the block (lines between blank lines) that holds the first line opening with `first`, the
    number the page's first note should carry (alone, or before its text); None when no line
    does, or when that block is the page's first."""
    lines = text.split("\n")
    opening = next(
        (
            index
            for index, line in enumerate(lines)
            if (label := NOTE_LINE_RE.match(line)) and int(label.group(1)) == first
        ),
        None,
    )
    if opening is None:
        return None
    while opening > 0 and lines[opening - 1].strip():
        opening -= 1
    if opening == 0:
        return None
    return "\n".join(lines[:opening]), "\n".join(lines[opening:])


#: A line a note opens with, as pdftotext reads it: its number alone or before its text.
NOTE_LINE_RE = re.compile(r"^\s*(\d{1,4})(?:\s+\S|\s*$)")


def join_pages(pages: list[Dump]) -> Dump:
    """One document from its pages: a page's first paragraph continues the last one before it
    unless a paragraph visibly starts there; a page's notes block opening with text before any
    number continues the last note before it; metadata from the first page that gives it."""
    whole = Dump()
    for page in pages:
        for name, value in page.metadata.items():
            if name not in ("printed_page", "job_number"):
                whole.metadata.setdefault(name, value)
        whole.edits.extend(page.edits)
        whole.issues.extend(page.issues)
        paragraphs = list(page.paragraphs)
        if (
            paragraphs
            and whole.paragraphs
            and not PARAGRAPH_OPENING_RE.match(MARKER_RE.sub("", paragraphs[0].text))
        ):
            whole.paragraphs[-1].text += " " + paragraphs.pop(0).text
        whole.paragraphs.extend(paragraphs)
        notes = list(page.footnotes)
        if notes and whole.footnotes and notes[0].number is None and not notes[0].label:
            carried = notes.pop(0)
            whole.footnotes[-1].text += " " + carried.text
            whole.footnotes[-1].pages.extend(carried.pages)
        whole.footnotes.extend(notes)
    whole.pages = len(pages)
    return whole


def _parse_page(
    text: str,
    *,
    known_titles: tuple[str, ...] = (),
    number: int | None = None,
    paged: bool = False,
    next_note: int | None = None,
) -> Dump:
    """One page: header, body paragraphs, footnotes, footer and junk.  `number` is the page's
    place in a whole-document dump (a single page's is its printed number); `paged` for a page
    of a whole-document dump, where the job number need not be the last thing read (pdftotext
    reads a page's foot where its height falls).  `next_note`, for a page of a pdftotext dump,
    is the number its first note should carry: with no separator printed, the notes are found
    by their numbers (`_notes_by_number`)."""
    dump = Dump()
    text, removed = without_private_tokens(text)
    if removed:
        dump.edits.append(removed)
    if not paged:
        text = _drop_trailing_junk(text, dump)
    numbered = (
        None
        if SEPARATOR_RE.search(text) or next_note is None
        else _notes_by_number(text, next_note)
    )
    text = " ".join(text.split())
    parts = SEPARATOR_RE.split(text, maxsplit=1)
    body, block = (parts[0], parts[1]) if len(parts) == 2 else (text, "")
    if numbered is not None:
        body, block = (" ".join(part.split()) for part in numbered)
    if len(parts) == 2:
        separator = SEPARATOR_RE.search(text)
        assert separator is not None
        dump.edits.append(
            Edit("furniture", None, separator.group(0).strip(), "", "footnote-separator", 1.0)
        )
    block = _drop_footer(block, dump) if block else block
    if not block:
        body = _drop_footer(body, dump, at_end=not paged)
    if not block and not paged:
        dump.issues.append(
            Issue(
                "info",
                "footnote-block-missing",
                "The page has no footnote block (no separator line): any footnote numbers in "
                "the text were kept as printed.",
            )
        )
    if MASTHEAD_RE.match(body):
        body = _drop_masthead(body, dump)
    else:
        body = _drop_header(body, dump, (*known_titles, *default_titles()))
    page = number or _page(dump)
    if block:
        dump.footnotes = _pair_footnotes(block, page, dump)
    numbers = [note.number for note in dump.footnotes if note.number is not None]
    body = _place_markers(body, numbers, page, dump)
    dump.paragraphs = _split_paragraphs(body, page, dump)
    dump.edits = [edit if edit.page else replace(edit, page=page) for edit in dump.edits]
    return dump


def _page(dump: Dump) -> int:
    printed = dump.metadata.get("printed_page", "")
    return int(printed) if printed.isdigit() and int(printed) > 0 else 1


def _drop_trailing_junk(text: str, dump: Dump) -> str:
    """Text after the job number, the last thing a UN page prints, is not part of the document."""
    matches = list(JOB_NUMBER_RE.finditer(text))
    if not matches:
        return text
    last = matches[-1]
    junk = text[last.end() :].strip()
    if junk and not BARCODE_FOOT_RE.fullmatch(junk):  # a first page's barcode is furniture
        dump.edits.append(Edit("junk", None, junk, "", "trailing-text-after-job-number", 0.9))
        return text[: last.end()]
    return text


#: A first page's foot: its release code and barcode ("100124 *2325978*").
BARCODE_FOOT_RE = re.compile(rf"(?<!\S)(?:\d{{6}}\s+)?{BARCODE}(?!\S)")


def _drop_footer(text: str, dump: Dump, *, at_end: bool = False) -> str:
    for match in reversed(list(BARCODE_FOOT_RE.finditer(text))):
        dump.edits.append(Edit("furniture", None, match.group(0), "", "barcode", 1.0))
        text = text[: match.start()] + text[match.end() :]
    for match in reversed(list(JOB_NUMBER_RE.finditer(text))):
        if at_end and text[match.end() :].strip():
            continue
        dump.metadata["job_number"] = match.group(0).split()[0]
        dump.edits.append(Edit("furniture", None, match.group(0), "", "job-number", 1.0))
        text = text[: match.start()] + text[match.end() :]
        break
    for match in reversed(list(PAGE_FOOTER_RE.finditer(text))):
        number, total = int(match.group(1)), int(match.group(2))
        if 0 < number <= total and (not at_end or not text[match.end() :].strip()):
            dump.metadata["printed_page"] = str(number)
            dump.metadata["printed_pages"] = str(total)
            dump.edits.append(Edit("furniture", number, match.group(0), "", "page-number", 1.0))
            text = text[: match.start()] + text[match.end() :]
            break
    return " ".join(text.split())


def _drop_header(body: str, dump: Dump, titles: tuple[str, ...]) -> str:
    symbol = SYMBOL_RE.match(body)
    if symbol is None:
        return _drop_header_title_first(body, dump, titles)
    dump.metadata["symbol"] = symbol.group(0)
    rest = body[symbol.end() :].lstrip()
    title = max((t for t in titles if rest.startswith(t + " ")), key=len, default=None)
    header = symbol.group(0)
    inferred = title is None and _title_before_paragraph_start(rest)
    if inferred:
        title = inferred
        dump.issues.append(
            Issue(
                "info",
                "header-title-inferred",
                f"The running header's title {title!r} is not a known title; it was taken to end "
                "where the first paragraph visibly starts.",
            )
        )
    if title is None:
        dump.issues.append(
            Issue(
                "warning",
                "header-title-unknown",
                "The running header's title is not a known title, so it could not be told from "
                "the body; only the symbol was removed and the body may begin with the title.",
            )
        )
    else:
        dump.metadata["title"] = title
        header = f"{header} {title}"
        rest = rest[len(title) :].lstrip()
    confidence = 0.7 if inferred else 1.0
    dump.edits.append(Edit("furniture", None, header, "", "running-header", confidence))
    return rest


#: A first page: "United Nations" and the symbol open it, in either order ("United Nations
#: A/RES/78/228 General Assembly …" flattened; "A/RES/78/228 United Nations General Assembly"
#: as pdftotext reads the masthead).
MASTHEAD_RE = re.compile(
    r"^(?:United Nations (?P<after>[A-Z]{1,5}/\S+)|(?P<before>[A-Z]{1,5}/\S+) United Nations )"
)


#: The most words a running header has (the longest titles run to some 60 words).
HEADER_WORDS = 90


def _drop_header_title_first(body: str, dump: Dump, titles: tuple[str, ...]) -> str:
    """A running header printed title first ("Improving the coordination … A/RES/78/228"), as
    `pdftotext` reads an even page whose symbol is on the right, or with the symbol between the
    lines of a two-line title (`pdftotext -layout`)."""
    words = body.split(" ", HEADER_WORDS)
    at = next((i for i, word in enumerate(words[:-1]) if SYMBOL_RE.fullmatch(word)), None)
    if at is None:
        return body
    rest = " ".join(words[:at] + words[at + 1 :])
    for title in sorted(titles, key=len, reverse=True):
        count = len(title.split(" "))
        if rest.startswith(title + " ") and count >= at:
            header = " ".join(words[: count + 1])
            dump.metadata.setdefault("symbol", words[at])
            dump.metadata.setdefault("title", title)
            dump.edits.append(Edit("furniture", None, header, "", "running-header", 1.0))
            return body[len(header) :].lstrip()
    return body


def _drop_masthead(body: str, dump: Dump) -> str:
    """A first page opens with the masthead: parse it, remove it up to the title line.

    The title line ("81/101. Title") is found by the resolution number the symbol gives; without
    it the masthead cannot be told from the body, and is kept, with a warning.
    """
    opening = MASTHEAD_RE.match(body)
    assert opening is not None
    symbol = SYMBOL_RE.match(opening.group("after") or opening.group("before"))
    number = re.search(r"(\d+)/(\d+)$", symbol.group(0)) if symbol else None
    title = re.search(rf"(?<!\S){number.group(1)}/{number.group(2)}\. ", body) if number else None
    draft = DRAFT_END_RE.search(body, 0, MASTHEAD_CHARS) if symbol and not title else None
    if symbol is not None and draft is not None:
        # A draft's masthead ends with its sponsors' ": draft resolution" (the sponsors and the
        # agenda title run together in a dump: neither is read, rather than guessed).
        dump.metadata["symbol"] = symbol.group(0)
        dump.metadata["document_type"] = draft.group("kind")
        _masthead_fields(body[: draft.start()], dump)
        dump.edits.append(Edit("masthead", None, body[: draft.end()], "", "masthead", 0.9))
        return body[draft.end() :].lstrip()
    if symbol is None or title is None:
        dump.issues.append(
            Issue(
                "warning",
                "masthead-end-not-found",
                "The page opens with a masthead whose title line could not be found: the "
                "masthead was kept in the text.",
            )
        )
        return body
    masthead = body[: title.start()].strip()
    dump.metadata["symbol"] = symbol.group(0)
    _masthead_fields(masthead, dump)
    opener = body.find(" The General Assembly,", title.end())
    if opener > 0:
        dump.metadata["title_line"] = body[title.start() : opener].strip()
        dump.metadata["title"] = body[title.end() : opener].strip()
    dump.edits.append(Edit("masthead", None, masthead, "", "masthead", 1.0))
    return body[title.start() :]


#: Where a draft's masthead ends: "United States of America:* amendment to draft resolution
#: A/80/L.25", "Colombia and Spain: draft resolution".
DRAFT_END_RE = re.compile(
    r":\*? (?P<kind>(?:revised )?(?:amendments? to )?draft (?:resolution|decision))"
    r"(?: [A-Z]{1,5}/\S+)?"
)
#: How far into a first page a masthead may reach.
MASTHEAD_CHARS = 1500


def _masthead_fields(masthead: str, dump: Dump) -> None:
    """The fields a masthead prints, read with patterns (a dump has no layout to go by)."""
    for name, pattern in (
        ("distribution", r"Distr\.: (\w+)"),
        ("date", r"Distr\.: \w+ (\d{1,2} [A-Z][a-z]+ \d{4})"),
        ("session", r"([A-Z][a-z]+(?:-[a-z]+)? session)\b"),
        ("agenda_item", r"Agenda items? (\d+(?: \([a-z]\))?)"),
        ("adopted", r"adopted by the General Assembly on (\d{1,2} [A-Z][a-z]+ \d{4})"),
        ("report", r"\[(on the report of [^\]]+|without reference to [^\]]+)\]"),
    ):
        found = re.search(pattern, masthead)
        if found:
            dump.metadata[name] = found.group(1)


def _title_before_paragraph_start(text: str) -> str | None:
    """A title-like run of words ending where a numbered, lettered or preambular paragraph
    starts, within the first 30 words: "Follow-up to … for Development 1. Reaffirms …"."""
    words = text.split(" ")
    for count in range(2, min(30, len(words))):
        head, tail = " ".join(words[:count]), " ".join(words[count:])
        if head.endswith((".", ";")):  # a sentence ended: this is body text, not a title
            return None
        if PARAGRAPH_OPENING_RE.match(tail):
            return head
    return None


def _split_bodies(block: str) -> list[tuple[str, int | str]]:
    """The block as a list of ("label", n) and ("body", text) items, in printed order."""
    items: list[tuple[str, int | str]] = []
    pos = 0
    while pos < len(block):
        if block[pos].isspace():
            pos += 1
            continue
        label = LABEL_RE.match(block, pos)
        if label and (pos == 0 or not items or _ends_body(items[-1])):
            items.append(("label", int(label.group(1))))
            pos = label.end()
            continue
        end = _body_end(block, pos)
        items.append(("body", block[pos:end].strip()))
        pos = end
    return items


def _ends_body(item: tuple[str, int | str]) -> bool:
    return item[0] == "label" or str(item[1]).endswith(".")


def _body_end(block: str, start: int) -> int:
    """Where the footnote body starting at `start` ends: after a period that ends a citation."""
    # A body ends at a period before a capital, a label, a year opening the next body
    # ("2000 Review Conference …") or the end of the block.
    ends = r"\.(?=\s+(?:[A-Z\u201c\"]|\d{1,3}(?:\s|$)|\d{4} [A-Z])|\s*$)"
    for match in re.finditer(ends, block[start:]):
        end = start + match.end()
        word = re.search(r"(\S+)\.$", block[start:end])
        last = word.group(1).split(",")[-1].split("(")[-1] if word else ""
        rest = block[end:]
        only_labels_left = re.fullmatch(r"(?:\s+\d{1,3})+\s*", rest) is not None
        if last in ABBREVIATIONS and not only_labels_left:
            continue  # "vol.", "No."
        if INITIALS_RE.match(last) and not (only_labels_left or _label_follows(block, end)):
            continue  # "I.C.J."; but "sect. I.A. 33 See …" ends before the next note's label
        if re.match(r"\s+\d", rest) and not (
            _label_follows(block, end) or re.match(r"\s+\d{4} [A-Z]", rest)
        ):
            continue
        return end
    return len(block)


def _label_follows(block: str, pos: int) -> bool:
    """A number after a body is a label when a capitalised body, a label or the end follows."""
    return bool(re.match(r"\s+\d{1,3}(?:\s+(?:[A-Z\u201c\"]|\d{1,3}(?:\s|$))|\s*$)", block[pos:]))


def _pair_footnotes(block: str, page: int, dump: Dump) -> list[Footnote]:
    """Pair footnote numbers with bodies by their order: numbers rise by one."""
    items = _split_bodies(block)
    labels = [int(value) for kind, value in items if kind == "label"]
    bodies = [str(value) for kind, value in items if kind == "body"]
    if not labels:
        dump.issues.append(
            Issue("error", "footnote-numbers-missing", "The footnote block has no numbers.", page)
        )
        return [Footnote("", None, " ".join(bodies), [page])]
    expected = list(range(min(labels), max(labels) + 1))
    if (
        sorted(labels) != expected
        or len(bodies) != len(expected)
        or not _printed_numbers_agree(items, expected)
    ):
        return _pair_by_anchors(items, page, dump)
    displaced = [n for n in labels if not _label_precedes_body(items, n)]
    if displaced and not _labels_listed_apart(items):
        dump.issues.append(
            Issue(
                "info",
                "footnote-number-displaced",
                "Footnote number(s) "
                + ", ".join(map(str, displaced))
                + " printed away from their bodies; paired by the order of the numbers.",
                page,
            )
        )
    return [Footnote(str(n), n, body, [page]) for n, body in zip(expected, bodies, strict=True)]


def _printed_numbers_agree(items: list[tuple[str, int | str]], expected: list[int]) -> bool:
    """Every number printed directly before a body is the number the order gives that body."""
    if _labels_listed_apart(items):
        return True
    position = 0
    for index, (kind, _) in enumerate(items):
        if kind != "body":
            continue
        before = items[index - 1] if index else None
        if before and before[0] == "label" and before[1] != expected[position]:
            return False
        position += 1
    return True


def _labels_listed_apart(items: list[tuple[str, int | str]]) -> bool:
    """True when all numbers come first, before any body (the first dump's layout)."""
    kinds = [kind for kind, _ in items]
    return "body" in kinds and "label" not in kinds[kinds.index("body") :]


def _label_precedes_body(items: list[tuple[str, int | str]], number: int) -> bool:
    return any(
        kind == "label"
        and value == number
        and index + 1 < len(items)
        and items[index + 1][0] == "body"
        for index, (kind, value) in enumerate(items)
    )


def _pair_by_anchors(items: list[tuple[str, int | str]], page: int, dump: Dump) -> list[Footnote]:
    """Numbers and bodies do not add up: keep each number with the bodies printed after it.

    Several bodies after one number are one footnote of several sentences; bodies before any
    number are kept as one unnumbered note each; numbers with no body of their own are named in an
    error issue for the editor rather than given a guessed body.
    """
    notes: list[Footnote] = []
    current: Footnote | None = None
    for kind, value in items:
        if kind == "label":
            current = Footnote(str(value), int(value), "", [page])
            notes.append(current)
        elif current is not None:
            current.text = f"{current.text} {value}".strip()
        else:
            notes.append(Footnote("", None, str(value), [page]))
    empty = [note for note in notes if not note.text]
    for note in empty:  # removed from the notes, so recorded as an edit: nothing vanishes
        dump.edits.append(
            Edit("note-label", page, note.label, "", "footnote-number-without-body", 0.5)
        )
    if empty:
        dump.issues.append(
            Issue(
                "error",
                "footnote-pairing-uncertain",
                "Footnote numbers and bodies in the block do not pair up one to one; numbers "
                + ", ".join(note.label for note in empty)
                + " have no body of their own.",
                page,
            )
        )
        notes = [note for note in notes if note.text]
    return notes


def _place_markers(body: str, numbers: list[int], page: int, dump: Dump) -> str:
    """Turn the plain digits that are footnote markers into marker tokens, in number order."""
    position = 0
    for number in sorted(numbers):
        pattern = re.compile(r"(?<=[^\s/])( ?)" + str(number) + r"(?=\s|$)")
        for match in pattern.finditer(body, position):
            before = body[: match.start()].split()
            previous = before[-1].lower() if before else ""
            if previous in NOT_MARKER_BEFORE or (not match.group(1) and previous[-1:].isdigit()):
                continue
            start = max(0, match.start() - 20)
            context = body[start : match.end()]
            if start:
                context = context.split(" ", 1)[-1]
            token = marker_token(number)
            body = body[: match.start()] + token + body[match.end() :]
            dump.edits.append(
                Edit(
                    "marker",
                    page,
                    context,
                    context[: len(context) - len(match.group(0))] + f"[^{number}]",
                    "dump-marker-digit-in-sequence",
                    0.9,
                )
            )
            position = match.start() + len(token)
            break
    return body


def _split_paragraphs(body: str, page: int, dump: Dump) -> list[Paragraph]:
    """Split the flattened body where a resolution paragraph visibly starts."""
    pieces: list[str] = []
    last = 0
    for match in PARAGRAPH_START_RE.finditer(body):
        cut = match.end(1)
        pieces.append(body[last:cut].strip())
        last = cut
        left = body[max(0, cut - 15) : cut].split(" ")[-1]
        right = body[match.end() :].split(" ", 1)[0]
        dump.edits.append(
            Edit(
                "paragraph",
                page,
                MARKER_RE.sub(r"[^\1]", f"{left} {right}"),
                MARKER_RE.sub(r"[^\1]", f"{left}\n\n{right}"),
                "dump-paragraph-start",
                0.8,
            )
        )
    pieces.append(body[last:].strip())
    return [Paragraph(text=piece, page=page) for piece in pieces if piece]
