"""A document's typography, learned from its own pages: the measure every layout threshold is
relative to.

UN documents are set at 10 pt on Letter in New York, 10 pt on A4 in Geneva, 12 pt Courier in the
1990s, 12 pt Times in tribunals; notes at 70-95 % of the body; headers above or below the text.
So nothing in layout is a size or a position: it is a share of this profile.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass
from itertools import pairwise
from statistics import median

from .model import Line, Page

#: Sizes closer than this share of the body size (and a quarter point) are one size: glyph
#: sizes jitter by rounding, while notes are set at 95 % of the body at the most.
SAME_SIZE = 0.03
MIN_SIZE_STEP = 0.25


@dataclass(frozen=True)
class Profile:
    """The measures of one document's body text."""

    #: The size most glyphs are set in.
    body_size: float
    #: The usual step from one body line's baseline to the next.
    pitch: float
    #: The commonest left edge of body lines (the text column's margin).
    margin: float

    def same_size(self, size: float, other: float | None = None) -> bool:
        """Whether `size` is the body size (or `other`), within rounding."""
        return abs(size - (self.body_size if other is None else other)) <= self.size_step

    def smaller(self, size: float) -> bool:
        """Whether `size` is set clearly smaller than the body."""
        return size < self.body_size - self.size_step

    @property
    def size_step(self) -> float:
        return size_step(self.body_size)


def learn_profile(pages: list[Page]) -> Profile:
    """The profile of a document from all its pages."""
    body_size = body_font_size(pages)
    tolerance = size_step(body_size)
    body_lines = [
        line for page in pages for line in page.lines if abs(line.size - body_size) <= tolerance
    ]
    steps = [
        b.bottom - a.bottom
        for a, b in pairwise(body_lines)
        if a.page == b.page and 0 < b.bottom - a.bottom < 3 * body_size
    ]
    # The commonest step is the leading; a median would drift towards paragraph gaps.
    pitch = _mode(steps) if steps else 1.2 * body_size
    margins = Counter(round(line.x0) for line in body_lines)
    margin = float(max(margins.items(), key=lambda item: (item[1], -item[0]))[0]) if margins else 0
    return Profile(body_size=body_size, pitch=pitch, margin=margin)


def size_step(body_size: float) -> float:
    """The least difference that makes two sizes two, for a body of this size."""
    return max(SAME_SIZE * body_size, MIN_SIZE_STEP)


def body_font_size(pages: list[Page]) -> float:
    """The size most glyphs of the document are set in: the body text size."""
    sizes: Counter[float] = Counter()
    for page in pages:
        for line in page.lines:
            for span in line.spans:
                if not span.superscript:
                    sizes[round(span.size, 1)] += len(span.text)
    if not sizes:
        return 0.0
    return max(sizes.items(), key=lambda item: (item[1], item[0]))[0]


def _mode(values: list[float]) -> float:
    """The commonest value at half-point resolution, as the median of the values in that bin."""
    bins = Counter(round(value * 2) for value in values)
    best = max(bins.items(), key=lambda item: (item[1], -item[0]))[0]
    return median(value for value in values if round(value * 2) == best)


def line_steps(lines: list[Line]) -> list[float]:
    """The vertical steps from each line's baseline to the next one's, down the page."""
    return [b.bottom - a.bottom for a, b in pairwise(lines) if b.bottom > a.bottom]


def apart(upper: Line, lower: Line) -> bool:
    """Whether two lines stand further apart than a line is tall: a blank line between."""
    return lower.top - upper.bottom > lower.bottom - lower.top


def block_end(lines: list[Line], start: int) -> int:
    """The index after the block of lines from `start` on: lines that stand no further apart."""
    end = start + 1
    while end < len(lines) and not apart(lines[end - 1], lines[end]):
        end += 1
    return end
