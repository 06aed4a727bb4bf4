"""A layout-keeping text dump's pages as the page model, so they go through the layout stages.

A dump has the words exactly and no typography: no sizes, no raised markers, no drawn rules.
`pdftotext -layout` keeps where the words stood, though: each line of the dump becomes a `Line`
one row down the page (a blank line is a row too, so the gap between two blocks stays a gap), as
far right as its leading spaces put it, all at one nominal size.  The pages are marked
`scanned`: as on an OCR layer, sizes are not evidence, and the stages read the words instead.
What the typography would have said, the dump says so:

- a note's number, raised in the PDF, stands on a row of its own just above its note, or run
  into the note's first word ("6Brahim");
- the note zone starts at a typed separator, or at the line that opens with the number the next
  note should carry, or at a "*" note set apart;
- a running header is a short block over a blank row carrying the document's symbol;
- a marker is the next note's number after a word, apart from it ("persons, 5") or glued to it.
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import replace

from .characters import without_private_tokens
from .furniture import removal
from .model import Edit, Line, Page, Span
from .note_zone import (
    BASELINE_LABEL_RE,
    SYMBOL_LABEL_RE,
    label_number,
    label_of,
    note_openings,
)
from .patterns import NOT_MARKER_BEFORE, PAGE_NUMBER, SEPARATOR_RE, UN_SYMBOL_RE
from .profile import apart, block_end

#: The nominal size, line pitch and character width of a text page: measures to place lines
#: by, not a typography (every line has the same size, so no threshold relative to the body
#: size tells lines apart by it).
SIZE = 10.0
PITCH = 12.0
CHAR_WIDTH = 5.0
#: A dump is laid out (`pdftotext -layout`) when this share of its lines is indented.
LAID_OUT_SHARE = 0.2


def is_laid_out(text: str) -> bool:
    """Whether a dump keeps its pages' layout: many lines indented, as only a layout-keeping
    tool prints them (plain `pdftotext` and the seeds' flattened pages start at the margin)."""
    lines = [line for line in text.split("\n") if line.strip()]
    indented = sum(line[:1] in (" ", "\t") for line in lines)
    return bool(lines) and indented >= LAID_OUT_SHARE * len(lines)


def text_pages(text: str) -> tuple[list[Page], list[Edit]]:
    """The dump's pages (each ends with a form feed) as pages of `Line`s, in order (numbered
    from 1), and the edits that removed the private-use characters ibidem keeps for its own
    tokens."""
    pages = [page for page in text.split("\f") if page.strip()] or [text]
    edits: list[Edit] = []
    clean = []
    for number, page in enumerate(pages, start=1):
        page, removed = without_private_tokens(page, number)
        edits.extend([removed] if removed else [])
        clean.append(_close_dash_gaps(page, number, edits))
    # A single page is numbered as it prints itself ("2/13"): page 2 of a document has no
    # masthead, and its edits name page 2.
    first = printed_number(clean[0]) if len(clean) == 1 else None
    return [_page(first or n, text) for n, text in enumerate(clean, start=1)], edits


#: A space pdftotext puts before a hyphen or a range's dash where the PDF has none: between
#: letters ("Secretary -General", "Non -Proliferation") or between digits ("4 –15 September").
#: A hyphen before a digit stays: it may be a minus ("of -5").
DASH_GAP_RE = re.compile(r"(?<=[A-Za-z]) (-)(?=[A-Za-z])|(?<=\d) (\u2013)(?=\d)")


def _close_dash_gaps(text: str, page: int, edits: list[Edit]) -> str:
    """`text` with the spaces of `DASH_GAP_RE` closed, each an edit."""

    def close(match: re.Match[str]) -> str:
        dash = match.group(1) or match.group(2)
        left = text[max(0, match.start() - 20) : match.start()].split()[-1:]
        right = text[match.end() : match.end() + 20].split()[:1]
        word = "".join(left)
        edits.append(
            Edit(
                "spacing",
                page,
                f"{word} {dash}{''.join(right)}",
                f"{word}{dash}{''.join(right)}",
                "dump-space-before-dash",
                0.9,
            )
        )
        return dash

    return DASH_GAP_RE.sub(close, text)


#: "2/13" alone on a page's first or last lines: page 2 of 13.
PRINTED_NUMBER_RE = re.compile(rf"(?<!\S){PAGE_NUMBER}(?!\S)")


def printed_number(text: str) -> int | None:
    """The number a page prints as "n/N" (N > 1) on its first or last lines, if any."""
    lines = [line for line in text.split("\n") if line.strip()]
    for line in lines[:HEADER_LINES] + lines[-HEADER_LINES:]:
        found = PRINTED_NUMBER_RE.search(line)
        if found and 0 < int(found[1]) <= int(found[2]) and int(found[2]) > 1:
            return int(found[1])
    return None


def _page(number: int, text: str) -> Page:
    rows = [row.expandtabs().rstrip() for row in text.split("\n")]
    while rows and not rows[0]:
        rows.pop(0)
    while rows and not rows[-1]:
        rows.pop()
    # Each page's text column starts where most of its lines do, at 0: a layout-keeping dump
    # pads pages by their own offsets (odd and even pages apart).  A line left of it (a note's
    # hanging number) stands at less than 0.
    starts = Counter(len(row) - len(row.lstrip()) for row in rows if row)
    margin = max(starts.items(), key=lambda item: (item[1], -item[0]))[0] if starts else 0
    lines = [_line(number, row, text, margin) for row, text in enumerate(rows) if text]
    width = max((line.x1 for line in lines), default=0.0)
    return Page(number, width, len(rows) * PITCH, tuple(_raise_labels(lines)), scanned=True)


def _line(page: int, row: int, text: str, margin: int) -> Line:
    top, bottom = row * PITCH, row * PITCH + SIZE
    spans: list[Span] = []
    end = 0
    for word in text.split():
        start = text.index(word, end)
        end = start + len(word)
        x0, x1 = (start - margin) * CHAR_WIDTH, (end - margin) * CHAR_WIDTH
        spans.append(Span(word, "text", SIZE, x0, x1, top, bottom, space_before=bool(spans)))
    return Line(page, tuple(spans), spans[0].x0, spans[-1].x1, top, bottom, SIZE)


#: A raised number run into the word after it at a line's start: "6Brahim Ben Mohamed ...".
GLUED_LABEL_RE = re.compile(r"^(\d{1,4})(?=[\u201c\"]?[A-Z][a-z])")


def _raise_labels(lines: list[Line]) -> list[Line]:
    """Note labels the dump shows where the PDF raised them.  A label alone on its row, left
    of the line on the row under it, was raised above that line (a layout-keeping dump prints
    a superscript a row up); a number run into the capital after it at a line's start
    ("6Brahim") was raised before it.  Either becomes the line's raised first span."""
    out: list[Line] = []
    for line in lines:
        first = line.spans[0]
        glued = GLUED_LABEL_RE.match(first.text)
        if glued:
            cut = first.x0 + glued.end() * CHAR_WIDTH
            label = replace(first, text=glued.group(1), x1=cut, superscript=True)
            rest = replace(first, text=first.text[glued.end() :], x0=cut, space_before=True)
            line = replace(line, spans=(label, rest, *line.spans[1:]))
        above = out[-1] if out else None
        if (
            above is not None
            and len(above.spans) == 1
            and (BASELINE_LABEL_RE.match(above.spans[0].text) or _symbol_label(above))
            and not apart(above, line)
            and above.x1 <= line.x0
        ):
            label = replace(above.spans[0], superscript=True, top=line.top, bottom=line.bottom)
            rest = replace(line.spans[0], space_before=True)
            out[-1] = replace(line, spans=(label, rest, *line.spans[1:]), x0=label.x0)
            continue
        out.append(line)
    return out


def _symbol_label(line: Line) -> bool:
    return bool(SYMBOL_LABEL_RE.match(line.spans[0].text))


#: A running header is at most this many lines (a long title over five, the symbol beside).
HEADER_LINES = 6


def drop_symbol_header(
    page: Page, lines: list[Line], metadata: dict[str, str], edits: list[Edit]
) -> list[Line]:
    """A running header that carries the document's symbol, on a page after the first: the
    block of lines above the page's first blank row, when it is short and one of its lines
    starts or ends with the symbol ("Scale of assessments for the apportionment of the
    expenses of the" / "A/RES/80/2   United Nations: requests under Article 19 of the
    Charter").  With no typography, the blank row under it is what sets a header apart from
    the text.  With no symbol known (a single page of a document), the header's gives it."""
    if page.number == 1 or not lines:
        return lines
    end = block_end(lines, 0)
    known = metadata.get("symbol")
    symbols = [_header_symbol(line.plain_text) for line in lines[:end]]
    symbol = next((s for s in symbols if s is not None and s == (known or s)), None)
    if end == len(lines) or end > HEADER_LINES or symbol is None:
        return lines
    metadata.setdefault("symbol", symbol)
    edits.extend(removal(line, "running-header") for line in lines[:end])
    return lines[end:]


def _header_symbol(text: str) -> str | None:
    """The symbol a header line starts or ends with ("A/RES/78/68*": a reissue's mark)."""
    words = text.split()
    for word in (words[0], words[-1]) if words else ():
        if UN_SYMBOL_RE.match(word.rstrip("*")):
            return word.rstrip("*")
    return None


#: A note's number stands in the left part of the page, at the margin or indented like a
#: paragraph ("19 December 2023", set to the right under a resolution's last line, is no note).
NOTE_LABEL_SHARE = 0.3


def split_note_zone(
    page: Page, lines: list[Line], next_number: int, edits: list[Edit]
) -> tuple[list[Line], list[Line]]:
    """A text page's body and notes.  The notes start after a typed separator; or with the
    block (lines on consecutive rows) whose line opens with `next_number`, the number the
    page's first note should carry, so that a note continued from the page before, printed
    just above, goes with them; or at a note marked "*" set apart from the text."""
    for index, line in enumerate(lines):
        if SEPARATOR_RE.match(line.plain_text.replace(" ", "")) and index + 1 < len(lines):
            edits.append(removal(line, "footnote-separator"))
            return lines[:index], lines[index + 1 :]
    for index in range(1, len(lines)):
        if _opens_note(lines[index], next_number, page.width):
            while index > 1 and not apart(lines[index - 1], lines[index]):
                index -= 1
            return lines[:index], lines[index:]
        if (  # "* Any changes to the list of sponsors ..."; "***" alone is a break
            _symbol_label(lines[index])
            and len(lines[index].spans) > 1
            and apart(lines[index - 1], lines[index])
        ):
            return lines[:index], lines[index:]
    return lines, []


def _opens_note(line: Line, number: int, width: float) -> bool:
    """Whether the line opens note `number`: its number raised, or on the baseline without a
    point ("5 See ..."; "5. Requests ..." is a numbered paragraph), at the page's left."""
    label = label_of(line)
    if label is None or label_number(label) != number or line.x0 > NOTE_LABEL_SHARE * width:
        return False
    return line.spans[0].superscript or not label.endswith(".")


#: A word with a note's number glued to it: "persons,5", "Convention12", or a year's
#: ("2030 Agenda" ... "2015–20305": the year 2030 and marker 5).
GLUED_RE = re.compile(
    r"^(?P<word>.*(?:[A-Za-z)\]\u201d\u2019\"',.;:]|(?<!\d)(?:1[89]|20)\d\d))(?P<number>\d{1,4})$"
)
#: Punctuation that never opens a word.
CLOSING_RE = re.compile(r"^[.,;:)\]]+$")


def restore_markers(
    body: list[Line], notes: list[Line], edits: list[Edit], endnotes_from: int | None = None
) -> list[Line]:
    """Body lines with each note's marker raised.  Notes are taken in their order, and each
    one's number is looked for after the marker before it: a footnote's on the page it starts
    on, an endnote's (`notes[endnotes_from:]`) anywhere further on.  A marker is the number
    after a word, apart from it ("persons, 5") or glued to it ("persons,5").  A number not
    found is left to the link check, which names the note without a marker."""
    out = list(body)
    first_line: dict[int, int] = {}
    for index, line in enumerate(out):
        first_line.setdefault(line.page, index)
    cursor = (0, 0)
    for index, number in note_openings(notes):
        endnote = endnotes_from is not None and index >= endnotes_from
        page = None if endnote else notes[index].page
        start = cursor
        if page is not None and (cursor[0] >= len(out) or out[cursor[0]].page != page):
            start = (first_line.get(page, len(out)), 0)
        found = _find_marker(out, page, number, start)
        if found is not None:
            at, span = found
            out[at] = _raised(out[at], span, number, edits)
            cursor = (at, span + 1)
    return out


def _find_marker(
    lines: list[Line], page: int | None, number: int, start: tuple[int, int]
) -> tuple[int, int] | None:
    """Where the marker of note `number` stands from `start` (line, span) on, on `page` if
    given: the number apart after a word that does not make it a number of the text
    ("resolution 5"), or glued to a word."""
    wanted = str(number)
    previous = ""
    for index in range(start[0], len(lines)):
        line = lines[index]
        if page is not None and line.page != page:
            return None
        for position, span in enumerate(line.spans):
            if (index, position) >= start and not span.superscript:
                glued = GLUED_RE.match(span.text)
                apart = span.text == wanted and previous.lower() not in {"", *NOT_MARKER_BEFORE}
                if apart or (glued and glued.group("number") == wanted):
                    return index, position
            previous = span.text
    return None


def _raised(line: Line, position: int, number: int, edits: list[Edit]) -> Line:
    """The line with the marker at span `position` raised, as an edit."""
    span = line.spans[position]
    word = span.text[: -len(str(number))]
    pieces = [replace(span, text=word)] if word else []
    pieces.append(replace(span, text=str(number), superscript=True, space_before=False))
    after = list(line.spans[position + 1 :])
    if after and CLOSING_RE.match(after[0].text):
        # "Muslims 20 ." as a layout-keeping dump spaces a raised number: the stop after the
        # marker closes the sentence the marker ends.
        after[0] = replace(after[0], space_before=False)
    before = " ".join(s.text for s in line.spans[max(0, position - 3) : position + 1])
    marked = before[: -len(str(number))].rstrip() + f"[^{number}]"
    edits.append(Edit("marker", line.page, before, marked, "text-marker-in-sequence", 0.9))
    return replace(line, spans=(*line.spans[:position], *pieces, *after))
