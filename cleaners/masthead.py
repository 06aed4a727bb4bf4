"""The first page's masthead: the symbol, dates, session, agenda item and sponsors, read into
metadata and removed from the text as edits; the title stays as the first paragraph.

Born-digital pages are read from their typography (the symbol top right, the bold title above
the first body line; in other series' mastheads, the bold title set largest after the last
masthead field); a scanned page's OCR layer, whose sizes and weights are guesses, and a text
page, from its text (a resolution's numbered title, the preamble's opening, the block after
the last field's).
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

from .furniture import removal
from .model import Issue, Line, Page
from .patterns import MASTHEAD_FIELDS, UN_SYMBOL_RE, printed_symbol
from .profile import apart, block_end

if TYPE_CHECKING:
    from .layout import Layout

#: The masthead's symbol and the page's header stand in this top share of the first page ...
HEADER_BAND = 0.10
#: ... and the masthead and the title in this one.
MASTHEAD_SHARE = 0.6

#: What an OCR layer gives instead, on a scan: sizes and weights are the OCR engine's guesses, so
#: the masthead ends at a line of text, the resolution's numbered title ("81/19. Return or ...")
#: or, with no such title, the preamble's opening "The General Assembly,".
RESOLUTION_TITLE_RE = re.compile(r"^(\d{1,3})/(\d{1,3})\.\s+\S")
PREAMBLE_OPENING_RE = re.compile(r"^The\s+General\s+Assembly\b")
#: The line that ends a draft's masthead: its sponsors, then ": draft resolution" ("United
#: States of America:* amendment to draft resolution A/80/L.25").
DRAFT_LINE_RE = re.compile(
    r":\*?\s+((?:amendments? to )?(?:revised )?draft (?:resolution|decision)\b.*)$"
)
#: The line above a resolution's or a decision's title that says who adopted it, and when: a
#: masthead line, however it is set ("Decision adopted by the Human Rights Council on ...").
ADOPTED_RE = re.compile(r"^(?:Resolution|Decision) adopted by\b")
#: "A/RES/81/19" as OCR reads the slashes: "AYRES/81/19", "A\\RES’81/101", "AVRES/81/52".
OCR_RESOLUTION_SYMBOL_RE = re.compile(r"^A\W?.?RES\W{1,2}(\d{1,3})\W{1,2}(\d{1,3})$")


def take_masthead(page: Page, lines: list[Line], layout: Layout) -> list[Line]:
    """Parse and remove the UN masthead above the title; keep the title in the body.

    The title is the block of bold lines set larger than the body just above the first body
    line (a line at body size, not bold, below the symbol band and not a masthead field).
    """
    symbol = _masthead_symbol(page)
    if symbol is None:
        # A judgment's or a decision's cover: its case, court, chamber, date and parties are
        # read into metadata; no line is removed (nothing says where its text starts).
        layout.metadata.update(judgment_fields([line.plain_text.strip() for line in lines]))
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
        # Another series' masthead (a Council, a treaty body, a committee, a budget report).
        title_start = _title_after_fields(page, lines, layout.body_size)
        if title_start is None:
            # No bold title to go by (a typewriter-era page): its fields are read, and the rest
            # from its text, as a scan's is.
            fields = _parse_masthead(lines[: len(lines) if first_body is None else first_body])
            layout.metadata.update({k: v for k, v in fields.items() if k not in layout.metadata})
            return take_ocr_masthead(page, lines, layout)
        first_body = block_end(lines, title_start)
    return _remove_masthead(lines, title_start, first_body, layout)


def _title_after_fields(page: Page, lines: list[Line], body_size: float) -> int | None:
    """The index of the title of a masthead laid out as other series lay theirs out: of the
    bold blocks (standing apart, or set larger than the line above) after the masthead's last
    field ("Agenda item 6", "Original: anglais"), the first set largest (the Council's name and
    session, bold too, are set smaller than the title); None without such."""
    upper = [i for i, line in enumerate(lines) if line.bottom < page.height * MASTHEAD_SHARE]
    texts = [line.plain_text.strip() for line in lines]
    last_field = _last_field(texts, upper)
    if last_field is None:
        return None
    starts = [
        i
        for i in upper
        if i > last_field
        and lines[i].bold
        and lines[i].size > body_size - 0.5
        and not ADOPTED_RE.match(texts[i])
        and (apart(lines[i - 1], lines[i]) or lines[i].size > lines[i - 1].size + 0.5)
    ]
    return max(starts, key=lambda i: (lines[i].size, -i)) if starts else None


def _last_field(texts: list[str], upper: list[int]) -> int | None:
    """The index of the last of the lines `upper` that is a masthead field."""
    fields = [i for i in upper if any(pattern.match(texts[i]) for _, pattern in MASTHEAD_FIELDS)]
    return fields[-1] if fields else None


def take_ocr_masthead(page: Page, lines: list[Line], layout: Layout) -> list[Line]:
    """The masthead of a scanned first page, found from its text (see `RESOLUTION_TITLE_RE`).

    OCR garbles the symbol's slashes; a resolution's symbol is then read from its numbered
    title when the garbled symbol carries the same numbers ("AYRES/81/19" with "81/19.").
    """
    upper = [i for i, line in enumerate(lines) if line.bottom < page.height * 0.7]
    texts = [line.plain_text.strip() for line in lines]
    title = next((i for i in upper if RESOLUTION_TITLE_RE.match(texts[i])), None)
    opening = next((i for i in upper if PREAMBLE_OPENING_RE.match(texts[i])), None)
    draft = next((i for i in upper if _draft_line(texts, i)), None)
    if title is None and draft is not None and block_end(lines, draft) < len(lines):
        return _take_draft_masthead(lines, texts, draft, opening, layout)
    if title is not None and opening is not None and opening < title:
        title = None
    if title is None and opening:
        # A number OCR misread ("$1/37."): the title is what lies between the report line and
        # the preamble.
        report = dict(MASTHEAD_FIELDS)["report"]
        after = [i + 1 for i in range(opening) if report.match(texts[i])]
        title = after[-1] if after and after[-1] < opening else None
    title_start = title if title is not None else opening
    first_body = opening if opening is not None else (title_start or 0) + 1
    if not title_start:
        # Another series' masthead: the title is the block after the one holding the last
        # masthead field ("Thirty-fourth session" and the dates under it).
        last_field = _last_field(texts, upper)
        title_start = None if last_field is None else block_end(lines, last_field)
        if title_start is None or title_start not in upper:
            _masthead_end_not_found(layout)
            return lines
        first_body = block_end(lines, title_start)
    tokens = [token for text in texts[:title_start] for token in text.split()]
    numbered = RESOLUTION_TITLE_RE.match(texts[title]) if title is not None else None
    symbol = _ocr_symbol(tokens, numbered, layout)
    if symbol is not None:
        layout.metadata["symbol"] = symbol
    return _remove_masthead(lines, title_start, first_body, layout, scanned=True)


def _take_draft_masthead(
    lines: list[Line], texts: list[str], draft: int, opening: int | None, layout: Layout
) -> list[Line]:
    """A draft's masthead, with no numbered title: the title is the block after the sponsors'
    ": draft resolution" (line `draft`, which may run onto the next), up to the preamble
    (`opening`) or the next gap; none when the preamble follows the sponsors."""
    title_start = block_end(lines, draft)
    tokens = [token for text in texts[:title_start] for token in text.split()]
    symbol = _ocr_symbol(tokens, None, layout)
    if symbol is not None:
        layout.metadata["symbol"] = symbol
    if opening is not None and opening >= title_start:
        first_body = opening  # the preamble; right after the sponsors, there is no title
    else:
        first_body = block_end(lines, title_start)
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
    # A reissued document marks its symbol with an asterisk ("A/RES/78/68*") for a note.
    return next(
        (token.rstrip("*") for token in tokens if UN_SYMBOL_RE.match(token.rstrip("*"))), None
    )


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
        layout.edits.append(removal(line, "masthead", kind="masthead"))
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
    """The symbol printed top right; its parts may be separate runs ("A", "/RES/78/228") on
    rows a little apart.  Runs are taken row by row, top down, as long as they still make a
    symbol: other masthead lines may share the band ("Distr.: General" on an A4 page)."""
    band = page.height * HEADER_BAND
    spans = sorted(
        (
            span
            for line in page.lines
            if line.bottom <= band
            for span in line.spans
            if span.x0 >= page.width * 0.6
        ),
        key=lambda span: span.bottom,
    )
    found = None
    for count in range(1, len(spans) + 1):
        runs = sorted(spans[:count], key=lambda span: span.x0)
        # A reissued document marks its symbol with an asterisk ("A/RES/78/68*") for a note.
        symbol = "".join(span.text for span in runs).replace(" ", "").rstrip("*")
        if UN_SYMBOL_RE.match(symbol):
            found = symbol
    return printed_symbol(found) if found else _distribution_block_symbol(page)


def _distribution_block_symbol(page: Page) -> str | None:
    """The symbol of an older masthead (the 1990s and 2000s), printed in the right-hand block
    under "Distr. GENERAL" rather than at the top: a line of the right half of the masthead
    that is a symbol and nothing else, below a "Distr." line of that block."""
    upper = [line for line in page.lines if line.bottom < page.height * MASTHEAD_SHARE]
    block = [line for line in upper if line.x0 >= page.width * 0.5]
    texts = [line.plain_text.strip() for line in block]
    start = next((i for i, text in enumerate(texts) if text.startswith("Distr.")), None)
    if start is None:
        return None
    return next(
        (t.rstrip("*") for t in texts[start + 1 :] if UN_SYMBOL_RE.match(t.rstrip("*"))), None
    )


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
        if ADOPTED_RE.match(text):
            adopted = " ".join([text, *texts[index + 1 : index + 2]])
            found = re.search(r"on (\d{1,2} [A-Z][a-z]+ \d{4})", adopted)
            if found:
                metadata["adopted"] = found.group(1)
        draft = _draft_line(texts, index)
        if draft and "document_type" not in metadata:
            start = _ocr_sponsors_start(lines, index) if scanned else _sponsors_start(lines, index)
            sponsors = " ".join([*texts[start:index], text[: draft.start()]])
            metadata["sponsors"] = sponsors.rstrip(" :*")
            metadata["document_type"] = draft.group(1)
    return metadata


def _draft_line(texts: list[str], index: int) -> re.Match[str] | None:
    """The ": draft resolution" that ends a draft's sponsors on line `index`, which may run
    onto the next line ("Sweden:* amendment to" / "draft resolution 4 recommended by ...")."""
    text = texts[index]
    found = DRAFT_LINE_RE.search(text) or DRAFT_LINE_RE.search(" ".join(texts[index : index + 2]))
    return found if found and found.start() < len(text) else None


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


def _ocr_sponsors_start(lines: list[Line], end: int) -> int:
    """On a scan, with no bold to go by: the sponsor lines run up to the upper-case agenda title,
    a masthead field or a gap wider than the lines' own."""
    start = end
    while start > 0:
        text = lines[start - 1].plain_text.strip()
        if (
            text.isupper()
            or any(pattern.match(text) for _, pattern in MASTHEAD_FIELDS)
            or apart(lines[start - 1], lines[start])
        ):
            break
        start -= 1
    return start


#: A cover's lines are short: a longer one, or one ending a sentence, is the text's.
COVER_LINE_WORDS = 14
#: A court or tribunal, named on a judgment's cover.
COURT_RE = re.compile(r"^(?:International (?:Criminal )?Tribunal\b.*|.*\b(?:Court|COURT)\b.*)$")
#: "Case No. IT-95-14-T", "Case No.: IT-98-29/1-A", "APPLICATION No. 013/2021", "No. 07-3125".
CASE_NUMBER_RE = re.compile(
    r"(?:^|\b(?:Case|CASE|Application|APPLICATION|Communication|Petition)\s+)No\.?:?\s*"
    r"([A-Z0-9][\w./-]*\d[\w./-]*)"
)
CHAMBER_RE = re.compile(
    r"\bIN THE (TRIAL|APPEALS|PRE-TRIAL) CHAMBER\b|\b((?:Trial|Appeals) Chamber [IVX]+)\b"
)
_MONTHS = "January|February|March|April|May|June|July|August|September|October|November|December"
#: "3 March 2000", "September 26, 2006", "5 SEPTEMBER 2023".
DATE_RE = re.compile(
    rf"\b(\d{{1,2}} (?:{_MONTHS}) \d{{4}}|(?:{_MONTHS}) \d{{1,2}}, \d{{4}})\b", re.IGNORECASE
)
#: The line that dates a judgment: "Date:", "Judgment of", "Decided", "JUDGMENT".
DATED_RE = re.compile(r"^(?:Date:|Judge?ment of|Decision of|Decided|JUDGE?MENT\b)", re.IGNORECASE)


#: A court's name cut at a line end ("International Tribunal for the"), or run together with
#: the case number beside it: not read, rather than read wrong.
UNFINISHED_RE = re.compile(r"\b(?:the|of|for|and|on)$|\bNo\.", re.IGNORECASE)
#: Lines around "v." that name a party's role or the document, not the party.
ROLE_RE = re.compile(r"appell|plaintiff|defendant|respondent|petitioner|opinion|\d", re.IGNORECASE)


def judgment_fields(texts: list[str]) -> dict[str, str]:
    """The case number, court, chamber, date and parties printed on a judgment's first page.

    Only what a pattern finds is read: a field not found is left out, never guessed."""
    fields: dict[str, str] = {}
    for index, text in enumerate(texts):
        words = len(text.split())
        if words > COVER_LINE_WORDS or (
            words >= 4 and text.endswith((".", ";", ":")) and not DATED_RE.match(text)
        ):
            continue  # a sentence of the text, not a line of the cover
        case = CASE_NUMBER_RE.search(text)
        if case and "case_number" not in fields:
            fields["case_number"] = case.group(1)
        if "court" not in fields and COURT_RE.match(text) and not UNFINISHED_RE.search(text):
            fields["court"] = text
        chamber = CHAMBER_RE.search(text)
        if chamber and "chamber" not in fields:
            fields["chamber"] = (
                f"{chamber.group(1).title()} Chamber" if chamber.group(1) else chamber.group(2)
            )
        if "date" not in fields and DATED_RE.match(text):
            date = DATE_RE.search(" ".join(texts[index : index + 2]))
            if date:
                fields["date"] = date.group(1)
        if (
            text in ("v.", "V.", "v", "V", "versus")
            and 0 < index < len(texts) - 1
            and not ROLE_RE.search(texts[index - 1] + " " + texts[index + 1])
        ):
            fields.setdefault("parties", f"{texts[index - 1]} v. {texts[index + 1]}")
        elif "parties" not in fields and re.fullmatch(r"(?:Case of )?.{3,80} v\. .{3,80}", text):
            fields["parties"] = text.removeprefix("Case of ")
    return fields if "case_number" in fields or "court" in fields else {}
