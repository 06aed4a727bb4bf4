"""Read a PDF into pages of lines from its glyphs (pdfplumber's `page.chars`).

Decisions are made from glyph geometry before any text is flattened: glyphs are grouped into rows
by baseline; a short row of smaller glyphs raised above the row just below it is a row of
superscripts (footnote markers, footnote numbers) and joins that line as superscript spans;
word gaps come from space glyphs and, line by line, from the line's own gaps (see `_word_gap`).
"""

from __future__ import annotations

import gc
import math
import traceback
from collections import Counter
from collections.abc import Iterator
from contextlib import contextmanager
from itertools import pairwise
from pathlib import Path
from typing import Any

import pdfplumber
from pdfminer.pdfdocument import PDFPasswordIncorrect
from pdfminer.pdfparser import PDFSyntaxError
from pdfplumber.utils.exceptions import PdfminerException

from . import columns
from .model import PRIVATE_TOKEN_RE, Line, Page, Rule, Span

#: Glyphs whose baselines differ by no more than this (points) are on one row.
BASELINE_TOLERANCE = 1.0
#: A superscript is at most this fraction of its host line's size (a quotation set at 8 pt
#: raises its markers at 6.5 pt: 0.81) ...
SUPERSCRIPT_MAX_SIZE_RATIO = 0.85
#: ... and its baseline is raised by at least this fraction of the host size.
SUPERSCRIPT_MIN_RAISE_RATIO = 0.2
#: A row of more non-space glyphs than this is text, never a row of superscripts.
SUPERSCRIPT_MAX_GLYPHS = 12
#: A page with an image over this share of its area is a scan; its text is an OCR layer.
SCANNED_IMAGE_SHARE = 0.7
#: A gap wider than this fraction of the font size separates words even without a space glyph,
#: on a line whose own gaps do not show where words part (see `_word_gap`) ...
WORD_GAP_RATIO = 0.18
#: ... and a line's own word gap is kept within these fractions of its size.
WORD_GAP_BOUNDS = (WORD_GAP_RATIO, 0.3)
#: Two clusters of gaps are told apart only when the narrowest of the wider is this many times
#: the widest of the narrower.
WORD_GAP_SEPARATION = 1.5


class PdfReadError(Exception):
    """The file could not be read as a PDF; the message says why, in words a person understands."""


class _Row:
    """Glyphs on one baseline, with their ink (non-space glyphs), size and bounds worked out
    once: rows are compared with each other many times."""

    __slots__ = ("bottom", "chars", "ink", "left", "right", "size", "top")

    def __init__(self, bottom: float, chars: list[dict[str, Any]]) -> None:
        self.bottom = bottom
        self.chars = chars
        self.measure()

    def measure(self) -> None:
        self.ink = [c for c in self.chars if not c["text"].isspace()]
        self.size = _dominant_size(self.ink)
        if self.ink:
            self.left = min(c["x0"] for c in self.ink)
            self.right = max(c["x1"] for c in self.ink)
            self.top = min(c["top"] for c in self.ink)

    def absorb(self, other: _Row) -> None:
        """Take in the glyphs of another piece of the same printed line."""
        self.chars.extend(other.chars)
        self.bottom = max(self.bottom, other.bottom)
        self.measure()


def read_pdf(path: Path) -> list[Page]:
    """All pages of the PDF at `path`, each as lines of spans."""
    return list(iter_pages(path))


def iter_pages(path: Path) -> Iterator[Page]:
    """Pages one at a time, releasing pdfplumber's per-page caches as it goes.

    What the PDF library cannot make of the file (its own errors, or any error raised inside
    it by malformed data: a `KeyError` for a missing key, a `RecursionError` for objects
    nested without end) is the file's fault, a `PdfReadError`; an error of ibidem's own code
    is not caught here."""
    pdf = None
    try:
        pdf = pdfplumber.open(path)
        pages = pdf.pages
    except Exception as error:
        if pdf is not None:  # `pdf.close()` lists the pages again, and fails the same way
            pdf.stream.close()
        cause = error.args[0] if error.args else error
        if isinstance(cause, PDFPasswordIncorrect):
            raise PdfReadError(
                f"{path.name}: the PDF is encrypted with a password; ask for a copy without one"
            ) from error
        if not _raised_by_pdf_library(error):
            raise
        raise PdfReadError(f"{path.name}: not a readable PDF ({_said(error)})") from error
    with pdf:
        if not pages:
            raise PdfReadError(f"{path.name}: the PDF has no pages")
        for index, page in enumerate(pages, start=1):
            try:
                with cyclic_gc_paused():
                    read = _read_page(page, index)
                yield read
            except Exception as error:
                if not _raised_by_pdf_library(error):
                    raise
                raise PdfReadError(
                    f"{path.name}: page {index} cannot be read ({_said(error)})"
                ) from error
            finally:
                page.close()


def _raised_by_pdf_library(error: Exception) -> bool:
    """Whether `error` is the PDF library's: its own kind, or raised from inside its code."""
    if isinstance(error, (PdfminerException, PDFSyntaxError)):
        return True
    if isinstance(error, (OSError, MemoryError)):
        return False  # the machine's, not the file's
    frames = traceback.extract_tb(error.__traceback__)
    return bool(frames) and any(
        part in frames[-1].filename for part in ("/pdfminer/", "/pdfplumber/")
    )


def _said(error: Exception) -> str:
    if isinstance(error, (PdfminerException, PDFSyntaxError)):
        return str(error)
    return f"{type(error).__name__}: {error}"


@contextmanager
def cyclic_gc_paused() -> Iterator[None]:
    """Pause Python's cycle collector while one page is parsed (or one document's cached
    pages are loaded, or its cleaning stages run).

    A page makes hundreds of thousands of short-lived objects (pdfminer's tokens, pdfplumber's
    glyph dicts, `Span`s), and the collector would walk the whole heap again and again for
    cycles that are not there: that was most of the time ibidem spent over pdfplumber's own,
    and more than half of the time cleaning a document from cached pages took.  Garbage is still
    freed by reference counting, and collection resumes between pages and documents.
    """
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was_enabled:
            gc.enable()


def _read_page(page: Any, number: int) -> Page:
    along: list[dict[str, Any]] = []
    turned: list[dict[str, Any]] = []
    for char in page.chars:
        if char["text"]:
            (along if _along_rows(char) else turned).append(char)
    lines = tuple(_lines_in_reading_order(_group_rows(along), number))
    rules = tuple(
        Rule(number, float(obj["x0"]), float(obj["x1"]), float(obj["top"]))
        for obj in [*page.lines, *page.rects]
        if abs(float(obj["bottom"]) - float(obj["top"])) < 2.0
        and float(obj["x1"]) - float(obj["x0"]) > 20.0
    )
    area = float(page.width) * float(page.height)
    scanned = any(
        (float(image["x1"]) - float(image["x0"])) * (float(image["bottom"]) - float(image["top"]))
        > SCANNED_IMAGE_SHARE * area
        for image in page.images
    )
    rotated = _rotated_runs(turned)
    return Page(number, float(page.width), float(page.height), lines, rules, scanned, rotated)


def _along_rows(char: dict[str, Any]) -> bool:
    """Whether a glyph is set along the page's rows: its baseline nearer horizontal than
    vertical, left to right, not upside down.

    pdfminer's `upright` tests an exact product of the glyph's matrix, which a turn by 90° passes
    in floating point (cos 90° is 6e-17, not 0): a landscape page's symbol down its side was
    read glyph by glyph into the rows, and its job number's "1" became a note number."""
    a, b, c, d = char["matrix"][:4]
    return a > abs(b) and d > abs(c)


def _rotated_runs(chars: list[dict[str, Any]]) -> tuple[str, ...]:
    """The text of glyphs set at an angle, one string per baseline, each read along its own
    direction. Glyphs share a baseline when they stand less than a third of their size apart
    across it; words are apart where a gap along it is wider than a quarter of their size, and
    pieces of text (a page number and a job number down one margin) where it is wider than
    three times their size."""
    placed = []
    for char in chars:
        a, b, _, _, e, f = char["matrix"]
        scale = math.hypot(a, b)
        ux, uy = a / scale, b / scale
        width, height = char["x1"] - char["x0"], char["bottom"] - char["top"]
        # The glyph's extents across its baseline (its size) and along it, whichever way it
        # is turned.
        size = abs(uy) * width + abs(ux) * height
        advance = abs(ux) * width + abs(uy) * height
        direction = round(math.degrees(math.atan2(uy, ux)))
        placed.append((direction, ux * f - uy * e, ux * e + uy * f, size, advance, char["text"]))
    placed.sort()
    runs: list[list[tuple[int, float, float, float, float, str]]] = []
    for direction, across, along, size, advance, text in placed:
        if not runs or direction != runs[-1][0][0] or across - runs[-1][-1][1] > size / 3:
            runs.append([])
        runs[-1].append((direction, across, along, size, advance, text))
    texts: list[list[str]] = []
    for run in runs:
        end = None
        for _, _, along, size, advance, text in sorted(run, key=lambda glyph: glyph[2]):
            if end is None or along - end > 3 * size:  # far apart: another piece of text
                texts.append([])
            elif along - end > size / 4:
                texts[-1].append(" ")
            texts[-1].append(text)
            end = along + advance
    joined = (" ".join("".join(pieces).split()) for pieces in texts)
    return tuple(text for text in joined if text)


def _group_rows(chars: list[dict[str, Any]]) -> list[_Row]:
    groups: list[tuple[float, list[dict[str, Any]]]] = []
    for char in sorted(chars, key=lambda c: (round(c["bottom"], 2), c["x0"])):
        if groups and char["bottom"] - groups[-1][0] <= BASELINE_TOLERANCE:
            groups[-1][1].append(char)
        else:
            groups.append((char["bottom"], [char]))
    rows = [_Row(bottom, group) for bottom, group in groups]
    return [row for row in rows if row.ink]


def _lines_in_reading_order(rows: list[_Row], page_number: int) -> Iterator[Line]:
    """The page's lines in reading order: a stretch set in two columns (`columns`) gives its
    left column's lines, then its right column's, each with the column's left edge."""
    plain = [(row.bottom, row.size, [(c["x0"], c["x1"]) for c in row.ink]) for row in rows]
    stretches = columns.find_column_stretches(plain)
    if stretches and (foot := columns.foot_in_columns(plain, stretches[-1])) is not None:
        stretches.append(foot)
    start = 0
    for stretch in stretches:
        yield from _rows_to_lines(rows[start : stretch.first], page_number)
        part = rows[stretch.first : stretch.last + 1]
        for left in (True, False):
            side = [
                _Row(row.bottom, [c for c in row.chars if (_middle(c) < stretch.x) == left])
                for row in part
            ]
            side = [row for row in side if row.ink]
            edge = columns.commonest_edge(row.left for row in side)
            yield from _rows_to_lines(side, page_number, edge)
        start = stretch.last + 1
    yield from _rows_to_lines(rows[start:], page_number)


def _join_slanted_pieces(rows: list[_Row]) -> list[_Row]:
    """Join pieces of one line whose baseline drifts across the page (a slightly rotated scan).

    Two rows of the same size that sit side by side, not overlapping horizontally, with their
    glyph boxes overlapping vertically by most of their height, are one printed line.  A
    superscript lies inside its host line's span, so it is never joined this way.
    """
    merged = True
    while merged:
        merged = False
        for index, row in enumerate(rows):
            for other_index in range(index + 1, len(rows)):
                other = rows[other_index]
                if other.bottom - row.bottom > row.size:
                    break
                if _same_slanted_line(row, other):
                    row.absorb(other)
                    del rows[other_index]
                    merged = True
                    break
            if merged:
                break
    return rows


def _same_slanted_line(a: _Row, b: _Row) -> bool:
    if abs(a.size - b.size) > 0.5 or a.size == 0:
        return False
    if not (a.right <= b.left + 0.5 or b.right <= a.left + 0.5):
        return False
    overlap = min(a.bottom, b.bottom) - max(a.top, b.top)
    return overlap >= 0.6 * min(a.bottom - a.top, b.bottom - b.top)


def _middle(char: dict[str, Any]) -> float:
    return (char["x0"] + char["x1"]) / 2


def _rows_to_lines(
    rows: list[_Row], page_number: int, column_x0: float | None = None
) -> Iterator[Line]:
    """The lines of `rows` (one page's, or one column's), with their superscripts: pieces of
    a slanted line joined first."""
    rows = _join_slanted_pieces(rows)
    superscripts: dict[int, list[dict[str, Any]]] = {}
    hosts: list[int] = []
    for index, row in enumerate(rows):
        host = _superscript_host(rows, index)
        if host is None:
            hosts.append(index)
        else:
            superscripts.setdefault(host, []).extend(row.ink)
    for index in hosts:
        row = rows[index]
        raised = superscripts.get(index, [])
        yield _make_line(row, raised, page_number, column_x0)


def _superscript_host(rows: list[_Row], index: int) -> int | None:
    """The index of the row this row is a superscript of, or None when it is a row of its own."""
    row = rows[index]
    ink = row.ink
    if len(ink) > SUPERSCRIPT_MAX_GLYPHS:
        return None
    size, top = row.size, row.top
    for host_index in range(index + 1, len(rows)):
        host = rows[host_index]
        if host.bottom - row.bottom > host.size:
            break
        host_top = host.top
        raised = host.bottom - row.bottom
        if (
            size <= host.size * SUPERSCRIPT_MAX_SIZE_RATIO
            and raised >= host.size * SUPERSCRIPT_MIN_RAISE_RATIO
            and row.bottom > host_top
            and top >= host_top - host.size
            and all(host.left - 20.0 <= c["x0"] <= host.right + 20.0 for c in ink)
        ):
            return host_index
    return None


def _make_line(
    row: _Row, raised: list[dict[str, Any]], page_number: int, column_x0: float | None
) -> Line:
    base = row.chars
    size = row.size
    tagged = [(c, False) for c in base] + [(c, True) for c in raised]
    tagged.sort(key=lambda item: item[0]["x0"])
    spans = _spans(tagged, size)
    ink = row.ink
    fonts = Counter(c["fontname"] for c in ink)
    font = fonts.most_common(1)[0][0]
    return Line(
        page=page_number,
        spans=tuple(spans),
        x0=row.left,
        x1=row.right,
        top=row.top,
        bottom=row.bottom,
        size=size,
        bold="bold" in font.lower(),
        column_x0=column_x0,
    )


def _spans(tagged: list[tuple[dict[str, Any], bool]], line_size: float) -> list[Span]:
    spans: list[Span] = []
    current: list[dict[str, Any]] = []
    current_super = False
    space_before = False
    pending_space = False
    previous: dict[str, Any] | None = None

    def flush() -> None:
        nonlocal current, space_before
        if current:
            text = PRIVATE_TOKEN_RE.sub("", "".join(c["text"] for c in current))
            if text:
                spans.append(
                    Span(
                        text=text,
                        font=current[0]["fontname"],
                        size=round(float(current[0]["size"]), 2),
                        x0=round(float(current[0]["x0"]), 2),
                        x1=round(float(current[-1]["x1"]), 2),
                        top=round(float(min(c["top"] for c in current)), 2),
                        bottom=round(float(max(c["bottom"] for c in current)), 2),
                        space_before=space_before,
                        superscript=current_super,
                    )
                )
        current = []

    word_gap = _word_gap([char for char, is_super in tagged if not is_super], line_size)
    for char, is_super in tagged:
        if char["text"].isspace():
            pending_space = True
            continue
        gap = char["x0"] - previous["x1"] if previous is not None else 0.0
        wide_gap = gap > word_gap
        new_word = pending_space or wide_gap
        font_change = bool(current) and (
            char["fontname"] != current[0]["fontname"]
            or abs(char["size"] - current[0]["size"]) > 0.1
        )
        if not current or new_word or font_change or is_super != current_super:
            flush()
            # A marker hugs the character before it; the word after a marker keeps its gap.
            space_before = new_word and bool(spans or current) and not is_super
            current_super = is_super
        current.append(char)
        previous = char
        pending_space = False
    flush()
    return spans


def _word_gap(chars: list[dict[str, Any]], line_size: float) -> float:
    """The gap above which two glyphs of this line are in two words, from the line's own gaps.

    The gaps inside words sit together near zero (kerning); word gaps, however justification
    stretched them, and the wider gaps after punctuation lie above them.  So the line's gaps
    between glyphs (space glyphs left out, a gap across one measured whole), sorted, part at
    their first clear jump, and the word gap is the middle of that jump, kept within
    `WORD_GAP_BOUNDS`.  With no clear jump, or fewer than 4 gaps, `WORD_GAP_RATIO` decides.
    """
    gaps: list[float] = []
    previous = None
    for char in chars:
        if char["text"].isspace():
            continue
        if previous is not None:
            gaps.append(float(char["x0"]) - float(previous["x1"]))
        previous = char
    fallback = WORD_GAP_RATIO * line_size
    if len(gaps) < 4:
        return fallback
    gaps.sort()
    floor = 0.02 * line_size
    for narrow, wide in pairwise(gaps):
        if wide >= WORD_GAP_SEPARATION * max(narrow, floor) and wide - narrow >= 5 * floor:
            low, high = (bound * line_size for bound in WORD_GAP_BOUNDS)
            return min(max((narrow + wide) / 2, low), high)
    return fallback


def _dominant_size(chars: list[dict[str, Any]]) -> float:
    if not chars:
        return 0.0
    # Counted as printed, then by rounded size: a line has few sizes and many glyphs.
    sizes: Counter[float] = Counter()
    for size, count in Counter(c["size"] for c in chars).items():
        sizes[round(float(size), 1)] += count
    return max(sizes.items(), key=lambda item: (item[1], item[0]))[0]
