"""Page layout: tell the masthead, running header, footer furniture and footnote zone from the body.

Every line removed from the text (masthead, running header, page number, job number, barcode,
separator) is recorded as an `Edit` with the rule that removed it, so nothing vanishes silently.
The first-page masthead is parsed into metadata.
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass, field
from itertools import pairwise
from statistics import median

from .model import Edit, Issue, Line, Page

#: Lines whose bottom lies in the top/bottom share of the page may be running header/footer.
HEADER_BAND = 0.10
FOOTER_BAND = 0.85

#: What UN pages print around the text, as patterns shared with the dump reader.
SEPARATOR = r"_{5,}"
PAGE_NUMBER = r"(\d{1,4})/(\d{1,4})"
#: "23-25978", "23-25978 (E) 100124"; a reissue adds an asterisk ("23-24915* (E) 160124").
JOB = r"\d{2}-\d{5}\*?"
JOB_NUMBER = rf"{JOB}(?:\s*\([A-Z]\)(?:\s+\d{{6}}\*?)?)?"

SEPARATOR_RE = re.compile(f"^{SEPARATOR}$")
PAGE_NUMBER_RE = re.compile(f"^{PAGE_NUMBER}$")
JOB_NUMBER_RE = re.compile(f"^{JOB_NUMBER}$")
BARCODE = r"\*\d{5,}\*"
BARCODE_RE = re.compile(f"^{BARCODE}$")
RECYCLE_RE = re.compile(r"^Please recycle\b", re.IGNORECASE)
UN_SYMBOL_RE = re.compile(r"^[A-Z]{1,5}(/[A-Z0-9.\-]+)+$")

#: What an OCR layer gives instead, on a scan: sizes and weights are the OCR engine's guesses, so
#: the masthead ends at a line of text, the resolution's numbered title ("81/19. Return or ...")
#: or, with no such title, the preamble's opening "The General Assembly,".
RESOLUTION_TITLE_RE = re.compile(r"^(\d{1,3})/(\d{1,3})\.\s+\S")
PREAMBLE_OPENING_RE = re.compile(r"^The\s+General\s+Assembly\b")
#: "A/RES/81/19" as OCR reads the slashes: "AYRES/81/19", "A\\RES’81/101", "AVRES/81/52".
OCR_RESOLUTION_SYMBOL_RE = re.compile(r"^A\W?.?RES\W{1,2}(\d{1,3})\W{1,2}(\d{1,3})$")
#: A scan's footnote zone starts after a gap this many line pitches tall (the separator's place).
OCR_ZONE_GAP_RATIO = 1.7
#: A gap this many pitches tall above the last lines of a page leaves them only notes to be.
OCR_EMPTY_GAP_RATIO = 4.0
#: Its first line opens with a note label: a number, or what OCR made of a small raised one.
OCR_NOTE_LABEL_RE = re.compile(r"^(?:\d{1,3}|[^\w\s]{1,2}(?:\s[^\w\s]{1,2})?)\s+\S")
#: OCR reads the footnote separator, when it reads it at all, as a few dashes or underscores.
OCR_SEPARATOR_RE = re.compile(r"^[_\u2014\u2013-]{1,}$")
#: Footer pieces OCR may run together on one line: "2/2 26-21106", "26-21106 (E).. 021226".
FOOTER_PIECE_RE = re.compile(rf"^(?:{PAGE_NUMBER}|{JOB}|\([A-Z]\)|\d{{6}}\*?|{BARCODE})$")

#: Masthead lines and the metadata field each one fills (the first group of the pattern).
MASTHEAD_FIELDS: tuple[tuple[str, re.Pattern[str]], ...] = (
    ("distribution", re.compile(r"^Distr\.:\s*(.+)$")),
    ("original", re.compile(r"^Original:\s*(.+)$")),
    ("date", re.compile(r"^(\d{1,2} [A-Z][a-z]+ \d{4})$")),
    ("session", re.compile(r"^([A-Z][a-z]+(?:-[a-z]+)? (?:special |emergency special )?session)$")),
    ("agenda_item", re.compile(r"^Agenda items? (.+)$")),
    ("committee", re.compile(r"^((?:First|Second|Third|Fourth|Fifth|Sixth) Committee)$")),
    ("report", re.compile(r"^\[(on the report of .+|without reference to .+)\]$")),
)


@dataclass
class Layout:
    """The regions of a document, page by page, and what was removed on the way."""

    body: list[Line] = field(default_factory=list)
    footnotes: list[Line] = field(default_factory=list)
    metadata: dict[str, str] = field(default_factory=dict)
    edits: list[Edit] = field(default_factory=list)
    issues: list[Issue] = field(default_factory=list)
    body_size: float = 0.0


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


def split_layout(pages: list[Page]) -> Layout:
    """Split every page into body lines and footnote lines, removing furniture as edits."""
    layout = Layout(body_size=body_font_size(pages))
    for page in pages:
        lines = list(page.lines)
        if page.number == 1:
            take = _take_ocr_masthead if page.scanned else _take_masthead
            lines = take(page, lines, layout)
        lines = _drop_running_header(page, lines, layout)
        lines = _drop_footer_furniture(page, lines, layout)
        split = _split_ocr_footnote_zone if page.scanned else _split_footnote_zone
        body, notes = split(page, lines, layout)
        layout.body.extend(body)
        layout.footnotes.extend(notes)
    return layout


def _remove(layout: Layout, line: Line, kind: str, rule: str) -> None:
    layout.edits.append(Edit(kind, line.page, line.plain_text, "", rule, 1.0))


def _take_masthead(page: Page, lines: list[Line], layout: Layout) -> list[Line]:
    """Parse and remove the UN masthead above the title; keep the title in the body.

    The title is the block of bold lines set larger than the body just above the first body
    line (a line at body size, not bold, below the symbol band and not a masthead field).
    """
    symbol = _masthead_symbol(page)
    if symbol is None:
        return lines
    layout.metadata["symbol"] = symbol
    first_body = next(
        (i for i, line in enumerate(lines) if _is_body_line(line, page, layout.body_size)), None
    )
    title_start = first_body or 0
    while (
        title_start > 0
        and lines[title_start - 1].bold
        and lines[title_start - 1].size > layout.body_size
    ):
        title_start -= 1
    if first_body is None or title_start == first_body:
        _masthead_end_not_found(layout)
        return lines
    return _remove_masthead(lines, title_start, first_body, layout)


def _take_ocr_masthead(page: Page, lines: list[Line], layout: Layout) -> list[Line]:
    """The masthead of a scanned first page, found from its text (see `RESOLUTION_TITLE_RE`).

    OCR garbles the symbol's slashes; a resolution's symbol is then read from its numbered
    title when the garbled symbol carries the same numbers ("AYRES/81/19" with "81/19.").
    """
    upper = [i for i, line in enumerate(lines) if line.bottom < page.height * 0.7]
    texts = [line.plain_text.strip() for line in lines]
    title = next((i for i in upper if RESOLUTION_TITLE_RE.match(texts[i])), None)
    opening = next((i for i in upper if PREAMBLE_OPENING_RE.match(texts[i])), None)
    if title is not None and opening is not None and opening < title:
        title = None
    if title is None and opening:
        # A number OCR misread ("$1/37."): the title is what lies between the report line and
        # the preamble.
        report = dict(MASTHEAD_FIELDS)["report"]
        after = [i + 1 for i in range(opening) if report.match(texts[i])]
        title = after[-1] if after and after[-1] < opening else None
    title_start = title if title is not None else opening
    if not title_start:
        _masthead_end_not_found(layout)
        return lines
    tokens = [token for text in texts[:title_start] for token in text.split()]
    numbered = RESOLUTION_TITLE_RE.match(texts[title]) if title is not None else None
    symbol = _ocr_symbol(tokens, numbered, layout)
    if symbol is not None:
        layout.metadata["symbol"] = symbol
    first_body = opening if opening is not None else title_start + 1
    return _remove_masthead(lines, title_start, first_body, layout, scanned=True)


def _ocr_symbol(tokens: list[str], numbered: re.Match[str] | None, layout: Layout) -> str | None:
    """The symbol among the masthead's words: a resolution's from its numbered title when a
    word carries the same numbers however OCR read the slashes, else any word shaped like one."""
    for token in tokens if numbered else ():
        garbled = OCR_RESOLUTION_SYMBOL_RE.match(token)
        if numbered and garbled and garbled.groups() == numbered.groups():
            symbol = "A/RES/{}/{}".format(*numbered.groups())
            if token != symbol:
                layout.issues.append(
                    Issue(
                        "info",
                        "symbol-read-from-title",
                        f"The OCR layer prints the symbol as {token!r}; read as {symbol} from "
                        "the resolution's numbered title.",
                        1,
                    )
                )
            return symbol
    return next((token for token in tokens if UN_SYMBOL_RE.match(token)), None)


def _masthead_end_not_found(layout: Layout) -> None:
    layout.issues.append(
        Issue(
            "warning",
            "masthead-end-not-found",
            "No title above the first body line on page 1: the masthead was kept in the "
            "text and only the symbol was read.",
            1,
        )
    )


def _remove_masthead(
    lines: list[Line], title_start: int, first_body: int, layout: Layout, *, scanned: bool = False
) -> list[Line]:
    """Parse the lines above the title into metadata and remove them, each as an edit."""
    masthead = lines[:title_start]
    metadata = _parse_masthead(masthead, scanned=scanned)
    title_line = " ".join(line.plain_text.strip() for line in lines[title_start:first_body])
    if title_line:
        metadata["title_line"] = title_line
        number = re.match(r"^(\d+/\d+)\.\s+(.+)$", title_line)
        metadata["title"] = number.group(2) if number else title_line
        if number:
            metadata["resolution"] = number.group(1)
    layout.metadata.update(metadata)
    for line in masthead:
        _remove(layout, line, "masthead", "masthead")
    return lines[title_start:]


def _is_body_line(line: Line, page: Page, body_size: float) -> bool:
    text = line.plain_text.strip()
    return (
        line.bottom > page.height * HEADER_BAND
        and line.x0 < page.width * 0.5  # not the masthead's right column ("English")
        and abs(line.size - body_size) < 0.5
        and not line.bold
        and not any(pattern.match(text) for _, pattern in MASTHEAD_FIELDS)
    )


def _masthead_symbol(page: Page) -> str | None:
    """The symbol printed top right; its parts may be separate runs ("A", "/RES/78/228")."""
    band = page.height * HEADER_BAND
    spans = sorted(
        (
            span
            for line in page.lines
            if line.bottom <= band
            for span in line.spans
            if span.x0 >= page.width * 0.6
        ),
        key=lambda span: span.x0,
    )
    # A reissued document marks its symbol with an asterisk ("A/RES/78/68*") for a note.
    symbol = "".join(span.text for span in spans).replace(" ", "").rstrip("*")
    return symbol if UN_SYMBOL_RE.match(symbol) else None


def _parse_masthead(lines: list[Line], *, scanned: bool = False) -> dict[str, str]:
    metadata: dict[str, str] = {}
    texts = [line.plain_text.strip() for line in lines]
    for index, text in enumerate(texts):
        for name, pattern in MASTHEAD_FIELDS:
            match = pattern.match(text)
            if match and name not in metadata:
                metadata[name] = match.group(1)
                if name == "agenda_item":
                    metadata.update(_agenda_title(lines, index))
                break
        if text.startswith("Resolution adopted by"):
            adopted = " ".join([text, *texts[index + 1 : index + 2]])
            found = re.search(r"on (\d{1,2} [A-Z][a-z]+ \d{4})", adopted)
            if found:
                metadata["adopted"] = found.group(1)
        draft = re.search(r":\*?\s+((?:amendment to )?draft (?:resolution|decision)\b.*)$", text)
        if draft:
            start = _ocr_sponsors_start(texts, index) if scanned else _sponsors_start(lines, index)
            sponsors = " ".join(texts[start : index + 1])
            metadata["sponsors"] = sponsors[: sponsors.rindex(draft.group(1))].rstrip(" :*")
            metadata["document_type"] = draft.group(1)
    return metadata


def _agenda_title(lines: list[Line], index: int) -> dict[str, str]:
    """The bold agenda title lines under "Agenda item N", set in the same column."""
    title: list[str] = []
    for line in lines[index + 1 :]:
        if not line.bold or line.size > lines[index].size or abs(line.x0 - lines[index].x0) > 2:
            break
        title.append(line.plain_text.strip())
    return {"agenda_title": " ".join(title)} if title else {}


def _sponsors_start(lines: list[Line], end: int) -> int:
    """Drafts list their sponsors in bold above ": draft resolution", in the text column."""
    start = end
    while start > 0:
        line = lines[start - 1]
        text = line.plain_text.strip()
        if (
            not line.bold
            or line.size != lines[end].size
            or line.x0 < lines[end].x0 - 2
            or any(pattern.match(text) for _, pattern in MASTHEAD_FIELDS)
        ):
            break
        start -= 1
    return start


def _ocr_sponsors_start(texts: list[str], end: int) -> int:
    """On a scan, with no bold to go by: the sponsor lines run up to the upper-case agenda title
    or a masthead field."""
    start = end
    while start > 0:
        text = texts[start - 1]
        if text.isupper() or any(pattern.match(text) for _, pattern in MASTHEAD_FIELDS):
            break
        start -= 1
    return start


def _drop_running_header(page: Page, lines: list[Line], layout: Layout) -> list[Line]:
    if page.number == 1:
        return lines
    band = page.height * HEADER_BAND
    kept: list[Line] = []
    for line in lines:
        if line.bottom <= band and (
            line.size < layout.body_size or re.search(r"[A-Z]+/\S*\d", line.plain_text)
        ):
            _remove(layout, line, "furniture", "running-header")
        else:
            kept.append(line)
    return kept


def _drop_footer_furniture(page: Page, lines: list[Line], layout: Layout) -> list[Line]:
    band = page.height * FOOTER_BAND
    kept: list[Line] = []
    for line in lines:
        text = line.plain_text.strip()
        rule = None
        if line.bottom >= band:
            if PAGE_NUMBER_RE.match(text):
                rule = "page-number"
            elif JOB_NUMBER_RE.match(text):
                rule = "job-number"
            elif BARCODE_RE.match(text) or any("barcode" in s.font.lower() for s in line.spans):
                rule = "barcode"
            elif RECYCLE_RE.match(text):
                rule = "recycle-notice"
            elif _footer_pieces(text):
                rule = "footer-furniture"
        if rule:
            _remove(layout, line, "furniture", rule)
        else:
            kept.append(line)
    return kept


def _footer_pieces(text: str) -> bool:
    """A footer line made only of page number, job number and barcode pieces, as OCR runs them
    together ("2/2 26-21106"), with the dots and commas OCR adds around them."""
    pieces = [piece.strip(".,:;'") for piece in text.split()]
    return bool(pieces) and all(FOOTER_PIECE_RE.match(piece) for piece in pieces)


def _split_footnote_zone(
    page: Page, lines: list[Line], layout: Layout
) -> tuple[list[Line], list[Line]]:
    """Lines above the footnote separator are body; lines below it are footnotes."""
    for index, line in enumerate(lines):
        if SEPARATOR_RE.match(line.plain_text.replace(" ", "")):
            _remove(layout, line, "furniture", "footnote-separator")
            return lines[:index], lines[index + 1 :]
    rule = _drawn_separator(page, lines, layout.body_size)
    if rule is not None:
        return (
            [line for line in lines if line.bottom < rule],
            [line for line in lines if line.bottom >= rule],
        )
    start = _footnote_block_start(lines, layout.body_size)
    return lines[:start], lines[start:]


def _split_ocr_footnote_zone(
    page: Page, lines: list[Line], layout: Layout
) -> tuple[list[Line], list[Line]]:
    """On a scan the separator is part of the image and sizes are OCR guesses, so the zone is
    found from spacing: it starts at a line in the lower part of the page after a gap wider
    than `OCR_ZONE_GAP_RATIO` line pitches (where the separator was).  The first such line
    that opens with a note label starts it; with no label, the widest gap does, when the lines
    below it are set smaller or closer, or it is so wide that the page above has ended and the
    lines below can only be notes."""
    for index, line in enumerate(lines):
        if line.bottom > page.height * 0.4 and OCR_SEPARATOR_RE.match(line.plain_text.strip()):
            _remove(layout, line, "furniture", "footnote-separator")
            return lines[:index], lines[index + 1 :]
    steps = _line_steps(lines)
    if not steps:
        return lines, []
    pitch = median(steps)
    gaps = [
        (lines[index].bottom - lines[index - 1].bottom, index)
        for index in range(1, len(lines))
        if lines[index].bottom > page.height * 0.4
        and lines[index].bottom - lines[index - 1].bottom > OCR_ZONE_GAP_RATIO * pitch
    ]
    labelled = [i for _, i in gaps if OCR_NOTE_LABEL_RE.match(lines[i].plain_text.strip())]
    if labelled:
        return lines[: labelled[0]], lines[labelled[0] :]
    for gap, index in sorted(gaps, reverse=True)[:1]:
        if gap > OCR_EMPTY_GAP_RATIO * pitch or _set_smaller(lines, index):
            return lines[:index], lines[index:]
    return lines, []


def _set_smaller(lines: list[Line], start: int) -> bool:
    """Whether the lines from `start` on are set clearly smaller or closer than those above."""
    above, below = lines[:start], lines[start:]
    if median(line.size for line in below) < 0.85 * median(line.size for line in above):
        return True
    steps_above, steps_below = _line_steps(above), _line_steps(below)
    if len(steps_above) < 3 or len(steps_below) < 2:
        return False
    return median(steps_below) < 0.9 * median(steps_above)


def _line_steps(lines: list[Line]) -> list[float]:
    """The vertical steps from each line's baseline to the next one's, down the page."""
    return [b.bottom - a.bottom for a, b in pairwise(lines) if b.bottom > a.bottom]


def _drawn_separator(page: Page, lines: list[Line], body_size: float) -> float | None:
    """A short drawn rule low on the page, under which smaller lines start with a note label.

    Tables draw rules too, with small text under them; only a first line that starts with a
    footnote number or an asterisk makes the text under a rule a footnote zone.
    """
    for rule in sorted(page.rules, key=lambda r: r.top):
        if rule.top < page.height * 0.4 or rule.x1 - rule.x0 > page.width * 0.5:
            continue
        below = [line for line in lines if line.bottom > rule.top]
        if below and all(line.size < body_size for line in below) and _starts_note(below[0]):
            return rule.top
    return None


def _footnote_block_start(lines: list[Line], body_size: float) -> int:
    """With no separator: the block of smaller lines at the page bottom, if a note label opens it.

    Returns the index of its first line, or `len(lines)` when the page has no such block.
    """
    start = len(lines)
    while start > 0 and lines[start - 1].size < body_size - 0.5:
        start -= 1
    while start < len(lines) and not _starts_note(lines[start]):
        start += 1
    return start


def _starts_note(line: Line) -> bool:
    first = line.spans[0]
    return first.superscript or bool(re.fullmatch(r"\*{1,3}", first.text))
