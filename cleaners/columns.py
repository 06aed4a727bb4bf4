"""Columns: a stretch of a page set in two columns is read column by column, not row by row.

pdfplumber gives glyphs, not reading order.  Rows grouped by baseline run across the whole page,
so on a page set in two columns each row would hold a line of both, interleaved.  A stretch of
rows is set in columns when the rows leave a gutter between them: a vertical band of white,
about a line's size wide or more, that no row crosses, with set text on both sides (most rows
of each side fill their column; a table's cells do not, and a table's rows stay rows).  Nothing
here is a position on the page or a size in points: the gutter is wherever the rows leave it,
measured in the size of their own type.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from itertools import pairwise
from statistics import median

#: A gutter is at least this many times the size of the rows beside it: a word space is a
#: quarter to a third of it, and a justified line's widest space seldom reaches it.
GUTTER_MIN_RATIO = 0.9
#: Rows with text on each side of a gutter: a stretch needs this many on both (a signature
#: block or a short table is not a page in columns; the columns' baselines need not align) ...
MIN_SIDE_ROWS = 6
#: ... each side at least this share of the stretch's width ...
MIN_COLUMN_SHARE = 0.25
#: ... and each side's middle row (by width) at least this share of its column's width, as set
#: text is, justified or ragged; the column's width is the width of the row at this rank ...
MIDDLE_ROW_SHARE = 0.8
COLUMN_WIDTH_RANK = 0.9
#: ... with at most a few rows (a loose justified line) holding a gutter-wide gap, and lines
#: on this share of each side's line steps at least (a table's labels are a line each, far
#: apart beside their wrapped descriptions).
MIN_WHOLE_ROWS = 0.8
MIN_DENSITY = 0.7
#: Where both columns stand blank for more than this many of their line steps, a stretch ends:
#: a running header or footer, a note zone standing apart stays above or below the columns.
APART_STEPS = 1.8
#: Stretches looked for on one page (title, columns, a full-width table, columns again).
MAX_STRETCHES = 4
#: A block under the columns keeps them with this many rows at least: one row with text on
#: both sides is a footer's job number and page number.
MIN_FOOT_ROWS = 2

#: One row of glyphs down the page: its baseline, its type size and its glyphs' (x0, x1).
Row = tuple[float, float, Sequence[tuple[float, float]]]


@dataclass(frozen=True)
class ColumnStretch:
    """Rows `first` to `last` (inclusive, in order down the page) are set in two columns that
    part at `x`: glyphs left of it are the left column's."""

    first: int
    last: int
    x: float


def find_column_stretches(rows: Sequence[Row]) -> list[ColumnStretch]:
    """The stretches of `rows` set in two columns, top to bottom; none on a page of one."""
    blocks = [_blocks(size, ink) for _, size, ink in rows]
    free = [(0, len(rows))]
    found: list[ColumnStretch] = []
    while len(found) < MAX_STRETCHES:
        candidates = [
            stretch
            for lo, hi in free
            if (stretch := _best_stretch(rows, blocks, lo, hi)) is not None
        ]
        if not candidates:
            break
        best = max(candidates, key=lambda s: (s.last - s.first, -s.first))
        found.append(best)
        remaining = []
        for lo, hi in free:
            parts = [(lo, best.first), (best.last + 1, hi)] if lo <= best.first < hi else []
            remaining.extend(parts or [(lo, hi)])
        free = [(lo, hi) for lo, hi in remaining if hi > lo]
    return sorted(found, key=lambda stretch: stretch.first)


def foot_in_columns(rows: Sequence[Row], above: ColumnStretch) -> ColumnStretch | None:
    """The block of rows at the foot of a page in columns that keeps their gutter: notes set at
    the foot of each column, under a separator of its own.

    Under the last stretch in columns, the first block of rows (rows less than `APART_STEPS` of
    their size apart) is read in the same two columns when it holds `MIN_FOOT_ROWS` rows or
    more, none of them crosses the gutter and both sides have text. Too few rows for a stretch
    of its own, and short (notes are not set text), but a note zone across both columns crosses
    the gutter, and one of short notes only has no right side: either stays rows."""
    first = above.last + 1
    last = first
    while last + 1 < len(rows) and (
        rows[last + 1][0] - rows[last][0] <= APART_STEPS * rows[last][1]
    ):
        last += 1
    blocks = [_blocks(size, ink) for _, size, ink in rows[first : last + 1]]
    if not blocks or any(_crosses(row, above.x) for row in blocks):
        return None
    sides = [_sides(row, above.x) for row in blocks]
    if len(blocks) < MIN_FOOT_ROWS or not all(map(any, zip(*sides, strict=True))):
        return None
    return ColumnStretch(first, last, above.x)


def commonest_edge(lefts: Iterable[float]) -> float:
    """A column's left edge: where most of its lines start (to the point; the leftmost of
    equals), not where its leftmost line does (a hanging number, an outdented heading)."""
    counts = Counter(round(left) for left in lefts)
    return float(max(counts.items(), key=lambda item: (item[1], -item[0]))[0])


def _blocks(size: float, ink: Sequence[tuple[float, float]]) -> list[tuple[float, float]]:
    """A row's glyphs merged into the blocks a gutter-wide gap parts."""
    merged: list[tuple[float, float]] = []
    for x0, x1 in sorted(ink):
        if merged and x0 - merged[-1][1] < GUTTER_MIN_RATIO * size:
            merged[-1] = (merged[-1][0], max(merged[-1][1], x1))
        else:
            merged.append((x0, x1))
    return merged


def _best_stretch(
    rows: Sequence[Row], blocks: list[list[tuple[float, float]]], lo: int, hi: int
) -> ColumnStretch | None:
    """The longest stretch in columns among rows `lo` to `hi` (exclusive), if any."""
    # Where columns could part: in a row's gap, or just right of a row's text (the columns'
    # baselines need not align, so a row may hold one column's line only).
    partings = sorted(
        {
            round(x)
            for (_, size, _), row in zip(rows[lo:hi], blocks[lo:hi], strict=True)
            for x in (
                *((left[1] + right[0]) / 2 for left, right in pairwise(row)),
                *(x1 + GUTTER_MIN_RATIO * size / 2 for _, x1 in row),
            )
        }
    )
    best: ColumnStretch | None = None
    for x in partings:
        for first, last in _bands_at(rows, blocks, lo, hi, x):
            stretch = _columns(rows, blocks, first, last, x)
            # Kept only when the rows at its gutter's middle are these same rows: a part of a
            # longer run cut by a long line elsewhere is no stretch on its own.
            if (
                stretch is not None
                and (first, last) in _bands_at(rows, blocks, lo, hi, stretch.x)
                and (best is None or last - first > best.last - best.first)
            ):
                best = stretch
    return best


def _bands_at(
    rows: Sequence[Row], blocks: list[list[tuple[float, float]]], lo: int, hi: int, x: float
) -> list[tuple[int, int]]:
    """The runs of rows `lo` to `hi` (exclusive) that no glyph crosses at `x`, cut into bands
    where both sides stand blank (`_bands`)."""
    bands: list[tuple[int, int]] = []
    start = lo
    while start < hi:
        if _crosses(blocks[start], x):
            start += 1
            continue
        end = start
        while end + 1 < hi and not _crosses(blocks[end + 1], x):
            end += 1
        bands.extend(_bands(rows, blocks, start, end, x))
        start = end + 1
    return bands


def _crosses(row: list[tuple[float, float]], x: float) -> bool:
    return any(x0 < x < x1 for x0, x1 in row)


def _bands(
    rows: Sequence[Row], blocks: list[list[tuple[float, float]]], first: int, last: int, x: float
) -> list[tuple[int, int]]:
    """Rows `first` to `last` cut where both sides of `x` stand blank for more than APART_STEPS
    lines: a header, a footer or a note zone standing apart, or another band of columns."""
    steps = [
        b - a
        for side in (0, 1)
        for a, b in pairwise(
            rows[i][0] for i in range(first, last + 1) if _sides(blocks[i], x)[side]
        )
        if b > a
    ]
    if not steps:
        return []
    step = median(steps)
    bands = [[first, first]]
    for index in range(first + 1, last + 1):
        if rows[index][0] - rows[index - 1][0] > APART_STEPS * step:
            bands.append([index, index])
        bands[-1][1] = index
    return [(a, b) for a, b in bands]


def _columns(
    rows: Sequence[Row], blocks: list[list[tuple[float, float]]], first: int, last: int, x: float
) -> ColumnStretch | None:
    """Rows `first` to `last`, which no glyph crosses at `x`, as a stretch in two columns if
    they are one (see the module's rules)."""
    spans = range(first, last + 1)
    left = [[b for b in blocks[i] if b[1] <= x] for i in spans]
    right = [[b for b in blocks[i] if b[0] >= x] for i in spans]
    if min(sum(map(bool, left)), sum(map(bool, right))) < MIN_SIDE_ROWS:
        return None
    bottoms = [
        [rows[i][0] for i, row in zip(spans, side, strict=True) if row] for side in (left, right)
    ]
    step = min(median(b - a for a, b in pairwise(side)) for side in bottoms)  # the line pitch
    if not all(_dense(side, step) for side in bottoms):
        return None
    left_edge = min(b[0] for row in left for b in row)
    gutter_left = max(b[1] for row in left for b in row)
    gutter_right = min(b[0] for row in right for b in row)
    right_edge = max(b[1] for row in right for b in row)
    size = median(rows[i][1] for i in spans)
    width = right_edge - left_edge
    if (
        gutter_right - gutter_left < GUTTER_MIN_RATIO * size
        or gutter_left - left_edge < MIN_COLUMN_SHARE * width
        or right_edge - gutter_right < MIN_COLUMN_SHARE * width
        or not _set_text(left)
        or not _set_text(right)
    ):
        return None
    return ColumnStretch(first, last, (gutter_left + gutter_right) / 2)


def _dense(bottoms: list[float], step: float) -> bool:
    """Whether one side's rows follow each other line after line (`step` apart), as a column of
    text does: a table's labels stand a line each beside their wrapped descriptions, with
    blank lines between them."""
    return len(bottoms) >= MIN_DENSITY * ((bottoms[-1] - bottoms[0]) / step + 1)


def _sides(row: list[tuple[float, float]], x: float) -> tuple[bool, bool]:
    return any(x1 <= x for _, x1 in row), any(x0 >= x for x0, _ in row)


def _set_text(side: list[list[tuple[float, float]]]) -> bool:
    """Whether one side's rows are set text: the middle row is nearly as wide as the column
    (a table's labels and figures, a list's short items, are not), and all but a few rows are
    one run of words (a table's row there holds several cells, a gutter apart)."""
    rows = [row for row in side if row]
    if not rows:
        return False
    widths = sorted(row[-1][1] - row[0][0] for row in rows)
    column = widths[int(COLUMN_WIDTH_RANK * (len(widths) - 1))]  # a raised marker overhangs
    whole = sum(len(row) == 1 for row in rows)
    middle = widths[len(widths) // 2]
    return middle >= MIDDLE_ROW_SHARE * column and whole >= MIN_WHOLE_ROWS * len(rows)
