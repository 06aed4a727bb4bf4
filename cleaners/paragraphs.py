"""Rebuild paragraphs from body lines, across lines and across pages.

A line starts a paragraph when it is indented past the left margin, when the space above it is
clearly wider than the line pitch, or when its size or weight changes (a title).  The first line
of a page continues the last paragraph of the page before unless it starts one by those rules,
so a paragraph that runs from page 1 to page 2 stays one paragraph.
"""

from __future__ import annotations

import re
from itertools import pairwise
from statistics import median

from .columns import commonest_edge
from .model import HYPHEN_SITE, MARKER_CLOSE, MARKER_OPEN, Edit, Line, Paragraph, marker_token

#: A line indented more than this many body-size units past the margin starts a paragraph.
INDENT_RATIO = 0.8
#: A vertical step wider than this many line pitches starts a paragraph.
PARAGRAPH_GAP_RATIO = 1.3
#: After a line ending in a hyphen, these words mean a suspended hyphen ("gender- and age-").
SUSPENDED_HYPHEN_NEXT = ("and ", "or ", "nor ", "to ")
SOFT_HYPHEN = "\u00ad"

#: A numbered paragraph's opening: "22. ", "121.3 ".
NUMBERED_START_RE = re.compile(r"^\d{1,3}(?:\.\d{1,3}\.?|\.)\s+[A-Z]")
#: A line that ends a sentence, markers after the stop included.
SENTENCE_END_RE = re.compile(
    '[.!?:;]["\u201d\u2019)]*(?:' + MARKER_OPEN + r"\d+" + MARKER_CLOSE + ")*$"
)
MARKER_GROUP_RE = re.compile(r"^\d+(?:[,\u2013-]\s?\d+)*,?$")


def line_text(line: Line, *, skip_leading_label: bool = False) -> str:
    """The line's text with superscript footnote numbers as marker tokens."""
    out: list[str] = []
    spans = list(line.spans)
    if skip_leading_label:
        spans = spans[1:]
    for span in spans:
        if out and span.space_before:
            out.append(" ")
        if span.superscript and MARKER_GROUP_RE.match(span.text):
            out.extend(marker_token(n) for n in marker_numbers(span.text))
        else:
            out.append(span.text)
    return "".join(out).strip()


def marker_numbers(label: str) -> list[int]:
    """The numbers a raised label names: "5" -> [5], "5, 6" -> [5, 6], "5–7" -> [5, 6, 7]."""
    numbers: list[int] = []
    for part in re.findall(r"\d+(?:[\u2013-]\d+)?", label):
        first, _, last = part.replace("\u2013", "-").partition("-")
        start, end = int(first), int(last or first)
        numbers.extend(range(start, end + 1) if end >= start else [start])
    return numbers


def join_lines(texts: list[str], page: int, edits: list[Edit]) -> str:
    """Join the lines of one paragraph: a soft hyphen is removed (an edit); a printed hyphen
    before a word is marked as a site for `hyphenation` to decide; a suspended one stays."""
    joined = ""
    for text in texts:
        if not joined:
            joined = text
        elif joined.endswith(SOFT_HYPHEN):
            edits.append(Edit("hyphenation", page, SOFT_HYPHEN, "", "soft-hyphen-line-break", 1.0))
            joined = joined[:-1] + text
        elif (
            joined.endswith("-")
            and not joined.endswith(" -")
            and not text.startswith(SUSPENDED_HYPHEN_NEXT)
        ):
            joined += HYPHEN_SITE + text  # decided later, with evidence (hyphenation.py)
        elif joined.endswith("\u2013") and joined[-2:-1].isdigit() and text[:1].isdigit():
            joined += text  # a range broken at its dash: "2023–" + "2025"
        else:
            joined += " " + text
    return joined


def build_paragraphs(
    lines: list[Line], body_size: float, edits: list[Edit], *, ocr: bool = False
) -> list[Paragraph]:
    """Group body lines (all pages, in reading order) into paragraphs.

    On an OCR layer (`ocr`) sizes and weights are the OCR engine's guesses, line by line, so a
    change of size or weight starts nothing there: only indents and gaps do.
    """
    if not lines:
        return []
    margin = _left_margin(lines)
    pitch = _line_pitch(lines)
    groups: list[list[Line]] = []
    previous: Line | None = None
    for line in lines:
        if previous is None or _starts_paragraph(line, previous, margin, pitch, body_size, ocr):
            groups.append([line])
        else:
            groups[-1].append(line)
        previous = line
    paragraphs = []
    for group in groups:
        text = join_lines([line_text(line) for line in group], group[0].page, edits)
        if text:
            paragraphs.append(Paragraph(text=text, page=group[0].page))
    return paragraphs


def _starts_paragraph(
    line: Line, previous: Line, margin: float, pitch: float, body_size: float, ocr: bool
) -> bool:
    left = margin if line.column_x0 is None else line.column_x0  # a column's own margin
    if line.x0 > left + INDENT_RATIO * body_size:
        return True
    if not ocr and (abs(line.size - previous.size) > 0.5 or line.bold != previous.bold):
        return True
    if line.page != previous.page:
        # A numbered paragraph ("22. JS2 noted ...") that opens a page after the page before
        # ended its sentence: set flush with the margin, it shows no indent to go by.
        return bool(NUMBERED_START_RE.match(line_text(line))) and bool(
            SENTENCE_END_RE.search(line_text(previous))
        )
    return line.bottom - previous.bottom > pitch * PARAGRAPH_GAP_RATIO


def _left_margin(lines: list[Line]) -> float:
    return commonest_edge(line.x0 for line in lines)


def _line_pitch(lines: list[Line]) -> float:
    steps = [
        b.bottom - a.bottom
        for a, b in pairwise(lines)
        if a.page == b.page and abs(a.size - b.size) < 0.5 and b.bottom > a.bottom
    ]
    return median(steps) if steps else max(line.size for line in lines) * 1.2
