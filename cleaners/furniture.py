"""Running headers, footers, page and job numbers: what a page prints around its text.

Furniture is found by what it is and where it stands, never by a fixed band of the page:

- *where*: only the lines at a page's top or bottom edge qualify, a run of them with nothing
  but other furniture between them and the edge;
- *what*: a line repeated at the same height on many pages, once its numbers are set aside
  ("GE.19-13879 3" and "GE.19-13879 5" are one footer; odd and even pages may mirror each
  other, and each side repeats on its own), or a line that can only be furniture by its
  pattern (`patterns`: "2/13", "Page 2", "- 2 -", job numbers, barcodes, "Please recycle").

Every removal is an `Edit` with the rule that made it.
"""

from __future__ import annotations

import math
import re
from collections import Counter, defaultdict
from dataclasses import dataclass, replace
from itertools import pairwise

from .model import Edit, Line, Page
from .patterns import (
    BARCODE_RE,
    BARE_PAGE_NUMBER_RE,
    CONTINUED_RE,
    JOB_NUMBER_RE,
    PAGE_LABEL_RE,
    RECYCLE_RE,
    SYMBOL_IN_TEXT_RE,
    footer_pieces,
)
from .profile import Profile

#: Running heads and feet are at most this many lines deep; deeper lines are the text's.
EDGE_LINES = 3
#: A line is repeated furniture when it stands at the same height on at least this share of the
#: pages (and on 3 of them at least): a header that only some chapters carry still repeats on
#: many pages, while a line of text repeats at a page edge only by chance.
REPEAT_SHARE = 0.1
MIN_REPEATS = 3
#: Lines of running text follow each other at about the body's pitch (paragraph gaps included).
TEXT_STEP = 1.7
#: A header known only by its looks stands further than this many pitches above the text.
HEADER_GAP = 1.5

_DIGITS_RE = re.compile(r"\d+")
_ROMAN_RE = re.compile(r"\b[ivxlcdm]+\b")
_UPPER_ROMAN_RE = re.compile(r"[IVXLC]+")
_LABEL_RE = re.compile(r"^(?:\d{1,4}[./]|\(\d{1,4}\))$")


@dataclass(frozen=True)
class Furniture:
    """The lines of a document found repeated at a page's top or bottom edge."""

    top: frozenset[Line]
    bottom: frozenset[Line]
    #: Where the text starts on a page, typically: a header lies above it.
    text_top: float
    #: The heights at which repeated headers stand.
    header_tops: tuple[float, ...] = ()


def find_repeated(pages: list[Page], profile: Profile) -> Furniture:
    """The edge lines that repeat, numbers aside, at one height on enough pages."""
    if profile.body_size <= 0:  # no text with a size: nothing to measure heights by
        return Furniture(frozenset(), frozenset(), 0.0)
    needed = max(MIN_REPEATS, math.ceil(REPEAT_SHARE * len(pages)))
    found: dict[str, set[Line]] = {"top": set(), "bottom": set()}
    twice: set[Line] = set()
    moving_top: set[Line] = set()
    short = len(pages) < 2 * MIN_REPEATS
    for edge in ("top", "bottom"):
        groups: dict[tuple[str, int], list[Line]] = defaultdict(list)
        for page in pages:
            lines = page.lines[:EDGE_LINES] if edge == "top" else page.lines[-EDGE_LINES:]
            for line in lines:
                if not line.spans or _opens_with_label(line):  # a note: never
                    continue
                height = line.top if edge == "top" else page.height - line.bottom
                # Heights within about a body size of each other fall into one bucket or the
                # next; both are counted (see below).
                groups[(_key(line.plain_text), round(height / profile.body_size))].append(line)
        for (key, bucket), lines in groups.items():
            near = [*lines, *groups.get((key, bucket + 1), [])]
            near, moving = _following_pages(near) if _repeatable(key) else ([], False)
            if len({line.page for line in near}) >= needed:
                (moving_top if moving and edge == "top" else found[edge]).update(near)
            elif len({line.page for line in near}) >= 2 and edge == "top" and short:
                twice.update(near)
    text_top = _text_top(pages, profile, found["top"] | twice)
    # A header whose number moves with the page ("Page 2") stands above where the text
    # starts; "Article 5", "Article 6" at the tops of pages 2, 3 are the text's first lines.
    # In a document too short for a header to repeat 3 times on odd (or even) pages, two
    # pages will do, also above where the text starts.
    found["top"].update(line for line in moving_top | twice if line.bottom < text_top)
    furniture = Furniture(frozenset(found["top"]), frozenset(found["bottom"]), text_top)
    # Where headers stand: the heights of the headers found so far, on pages after the first.
    # (Headers with words: a page number's height is where a page's first line may stand.)
    tops = {
        round(page.lines[0].top, 1)
        for page in pages[1:]
        if _header_run(page.lines, page.height, profile, furniture, None)
        and any(char.isalpha() for char in page.lines[0].plain_text)
    }
    return replace(furniture, header_tops=tuple(sorted(tops)))


def _following_pages(lines: list[Line]) -> tuple[list[Line], bool]:
    """The lines of one key whose numbers are furniture's, and whether a number moves: each
    number the same on every page (a symbol, a date, a job number) or moving with the page (a
    page number, "i", "ii" of the front matter and "5", "6" of the text each with their own
    offset: the commonest is kept).  "Article 12", "Article 13" at the tops of pages, or
    "Table 26.4", are headings of the text: none is kept."""
    numbers = {line: _numbers(line.plain_text) for line in lines}
    if len({len(found) for found in numbers.values()}) > 1:
        return [], False
    kept, moving = list(lines), False
    for position in range(len(numbers[lines[0]]) if lines else 0):
        if len({numbers[line][position] for line in kept}) <= 1:
            continue
        if _UPPER_ROMAN_RE.fullmatch(_tokens(lines[0].plain_text)[position]):
            return [], False  # "Figure 26.II": pages are numbered in figures or small roman
        offsets = Counter(numbers[line][position] - line.page for line in kept)
        offset, count = offsets.most_common(1)[0]
        if count < 2:
            return [], False
        kept = [line for line in kept if numbers[line][position] - line.page == offset]
        moving = True
    return kept, moving


def _tokens(text: str) -> list[str]:
    return re.findall(r"\d+|\b[IVXLC]+\b|\b[ivxlc]+\b", text)


def _numbers(text: str) -> tuple[int, ...]:
    """The numbers a line prints, roman numerals ("Figure 26.II") included."""
    return tuple(int(token) if token.isdigit() else _roman(token) for token in _tokens(text))


def _roman(token: str) -> int:
    values = {"i": 1, "v": 5, "x": 10, "l": 50, "c": 100}
    digits = [values[char] for char in token.lower()]
    return sum(-d if d < n else d for d, n in zip(digits, [*digits[1:], 0], strict=True))


def _repeatable(key: str) -> bool:
    """Whether a line of this key may be furniture by repeating: one with words, or a bare page
    number; not a number like "121.3" or a table's row of figures ("# # # #")."""
    return any(char.isalpha() for char in key) or key in ("#", "-#-", "\u2013#\u2013")


def _opens_with_label(line: Line) -> bool:
    """Whether a line opens like a note: a raised number, or "1.", "1/", "(1)"."""
    first = line.spans[0]
    return first.superscript or bool(_LABEL_RE.match(first.text))


def _key(text: str) -> str:
    """A line's text with its numbers set aside: what stays the same from page to page."""
    text = _DIGITS_RE.sub("#", text.lower())
    return _ROMAN_RE.sub("#", text).replace(" ", "")


def _text_top(pages: list[Page], profile: Profile, repeated: set[Line]) -> float:
    """The median height at which a page's text starts: its first line at body size followed
    by another at about the body's pitch (a header at body size stands apart, over a gap)."""
    tops = []
    for page in pages:
        lines = [line for line in page.lines if line not in repeated]
        tops.append(
            next(
                (
                    line.top
                    for line, following in pairwise(lines)
                    if profile.same_size(line.size)
                    and following.bottom - line.bottom <= TEXT_STEP * profile.pitch
                ),
                page.height,
            )
        )
    tops.sort()
    return tops[len(tops) // 2] if tops else 0.0


def drop_header(
    page: Page,
    lines: list[Line],
    profile: Profile,
    furniture: Furniture,
    edits: list[Edit],
    symbol: str | None = None,
) -> list[Line]:
    """Remove the running header: the run of header lines at the top of a page after the first
    (the first page carries the masthead instead); `symbol` is the document's, when the
    masthead gave it."""
    if page.number == 1:
        return lines
    start = _header_run(lines, page.height, profile, furniture, symbol)
    for line in lines[:start]:
        edits.append(removal(line, "running-header"))
    return lines[start:]


def _header_run(
    lines: list[Line] | tuple[Line, ...],
    page_height: float,
    profile: Profile,
    furniture: Furniture,
    symbol: str | None,
) -> int:
    """How many lines at the top of a page are its header.

    A line repeated across pages, or a page label, is a header wherever it stands in the upper
    half of the page.  Other evidence needs the header to stand above the text and apart from
    it, by more than `HEADER_GAP` pitches (a page's first heading or line of text stands at the
    same height as other pages' headers, but not apart): a line carrying the document's symbol
    ("A/RES/78/228 Improving the coordination ...", a header that changes from page to page),
    one standing where other pages carry their header (an even page's own, printed once), and,
    only above such a line, lines set smaller than the body (a header's first line, "Scale of
    assessments for the apportionment of the expenses of the"); or a block set apart that
    carries the symbol (`_symbol_block`).
    """
    kinds: list[str] = []
    for line in lines:
        # A header stands in the page's upper half: on a page holding only a resolution's last
        # lines ("51st plenary meeting"), its footer's "2/2" is no header to run down to.
        if line.top > page_height / 2:
            break
        kind = _header_kind(line, profile, furniture, symbol)
        if kind is None:
            break
        kinds.append(kind)
    start = len(kinds)
    while start > 0 and kinds[start - 1] == "smaller":  # only above a header known otherwise
        start -= 1
    while start > 0 and kinds[start - 1] != "known":
        following = lines[start] if start < len(lines) else None
        if following is None or following.bottom - lines[start - 1].bottom > (
            HEADER_GAP * profile.pitch
        ):
            break
        start -= 1
    return max(start, _symbol_block(lines, profile, furniture, symbol))


def _symbol_block(
    lines: list[Line] | tuple[Line, ...],
    profile: Profile,
    furniture: Furniture,
    symbol: str | None,
) -> int:
    """How many lines a header block at the top of a page holds: lines set close together above
    where the text starts, apart from what follows by more than `HEADER_GAP` pitches, one of
    them carrying the symbol ("Follow-up to and implementation of the outcomes / of the
    International Conferences on Financing for / A/RES/81/233 / Development").

    Known by the symbol and the white below it, whatever the lines' sizes: on an OCR layer a
    size is a box's height, and a header's first line may read no smaller than the text."""
    end = 0
    while end < len(lines) and lines[end].bottom < furniture.text_top:
        end += 1
        if end == len(lines):
            return 0  # no text below: nothing to stand apart from
        step = lines[end].bottom - lines[end - 1].bottom
        if step > HEADER_GAP * profile.pitch:
            return end if any(_carries_symbol(line, symbol) for line in lines[:end]) else 0
        if step > TEXT_STEP * profile.pitch:
            return 0  # not one block
    return 0


def _header_kind(
    line: Line, profile: Profile, furniture: Furniture, symbol: str | None
) -> str | None:
    """What makes this line a header, if anything: "known", "symbol", "slot" or "smaller"."""
    if line in furniture.top or PAGE_LABEL_RE.match(line.plain_text.strip()):
        return "known"
    if line.bottom >= furniture.text_top:
        return None
    if _carries_symbol(line, symbol):
        return "symbol"
    if any(abs(line.top - top) <= profile.body_size / 2 for top in furniture.header_tops):
        return "slot"
    return "smaller" if profile.smaller(line.size) else None


def _carries_symbol(line: Line, symbol: str | None) -> bool:
    """Whether a line prints the document's symbol, or any symbol when the masthead gave none."""
    if symbol is not None:
        return symbol in line.plain_text
    return bool(SYMBOL_IN_TEXT_RE.search(line.plain_text))


def drop_footer(
    page: Page, lines: list[Line], furniture: Furniture, edits: list[Edit]
) -> list[Line]:
    """Remove the run of footer lines at the bottom of a page, each with the rule that knew it."""
    start = len(lines)
    rules: list[str] = []
    while start > 0:
        rule = _footer_rule(lines[start - 1], furniture)
        if rule is None:
            break
        rules.append(rule)
        start -= 1
    for line, rule in zip(lines[start:], reversed(rules), strict=True):
        edits.append(removal(line, rule))
    return lines[:start]


def _footer_rule(line: Line, furniture: Furniture) -> str | None:
    """The rule that makes this bottom-edge line furniture, or None when it is text."""
    text = line.plain_text.strip()
    if PAGE_LABEL_RE.match(text):  # "2/13", "Page 2", "- 2 -"
        return "page-number"
    if JOB_NUMBER_RE.match(text):
        return "job-number"
    if BARCODE_RE.match(_symbol_font_text(text)) or any(
        _is_barcode_font(span.font) for span in line.spans
    ):
        return "barcode"
    if RECYCLE_RE.match(text):
        return "recycle-notice"
    if CONTINUED_RE.match(text):
        return "continued-mark"
    if footer_pieces(text):
        return "footer-furniture"
    if line in furniture.bottom:
        return "page-number" if BARE_PAGE_NUMBER_RE.match(text) else "running-footer"
    return None


def _is_barcode_font(font: str) -> bool:
    name = font.lower()
    return "barcode" in name or "c39" in name or "code39" in name


def _symbol_font_text(text: str) -> str:
    """Text in a symbol font's private-use codes (U+F020-U+F0FF) read as the ASCII it maps."""
    return "".join(
        chr(ord(char) - 0xF000) if 0xF020 <= ord(char) <= 0xF0FF else char for char in text
    ).strip()


def rotated_removals(page: Page) -> list[Edit]:
    """The text a page sets at an angle to its lines (`Page.rotated`), recorded as removed: a
    landscape page's symbol, page and job numbers down its side, read into the text, would
    break its lines; a table heading turned on end stays in the record."""
    return [Edit("furniture", page.number, text, "", "rotated-text", 1.0) for text in page.rotated]


def removal(line: Line, rule: str, kind: str = "furniture") -> Edit:
    """The edit that records a whole line removed from the text."""
    return Edit(kind, line.page, line.plain_text, "", rule, 1.0)
