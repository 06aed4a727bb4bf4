"""Typeset the benchmark's source documents as UN-style PDFs, and as raw text dumps, with truth.

Each source (bench/sources/*.txt) becomes a born-digital PDF laid out the way UN resolutions are:
masthead on page 1, running header with the symbol on later pages, footer "n/N" and job number,
justified serif body, superscript markers, a footnote zone under a row of "_" whose notes carry
over onto the next page when they do not fit. Page size, font, size and margins vary per document;
some documents break words at line ends with pyphen (some of those with soft hyphens), and real
compounds ("Secretary-General") and suspended hyphens ("gender- and") land at line ends too.

The layout is done here, not by reportlab's paragraph engine, so that every line-end hyphen and
the page of every word and note are known exactly: they are written to `<name>.layout.json`
beside the PDF for the scorer.  Seeded and deterministic.
"""

from __future__ import annotations

import json
import random
import re
from dataclasses import asdict, dataclass, field, replace
from importlib import metadata
from pathlib import Path

import pyphen
from reportlab.lib.pagesizes import A4, LETTER
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.ttfonts import TTFont
from reportlab.pdfgen.canvas import Canvas

from bench.truth import Para, Truth, Word
from cleaners.ocr_reader import ocrmypdf_confined

DEJAVU = Path("/usr/share/fonts/truetype/dejavu")
SEED = 20261123
SOFT_HYPHEN = "\u00ad"
MONTHS = [
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
]


@dataclass(frozen=True)
class Style:
    page: tuple[float, float]
    family: str  # "Times" or a registered DejaVu family
    size: float
    margin_left: float
    margin_right: float
    margin_top: float
    margin_bottom: float
    hyphenate: bool
    soft_hyphens: bool

    def font(self, kind: str = "regular") -> str:
        if self.family == "Times":
            return {"regular": "Times-Roman", "italic": "Times-Italic", "bold": "Times-Bold"}[kind]
        return {
            "regular": self.family,
            "italic": f"{self.family}-Italic",
            "bold": f"{self.family}-Bold",
        }[kind]


@dataclass
class Piece:
    """A piece of a word drawn on one line: the word's index, the text drawn, its markers."""

    word: int
    text: str
    italic: bool
    markers: tuple[int, ...] = ()


@dataclass
class BodyLine:
    pieces: list[Piece]
    kind: str
    first: bool
    last: bool
    indent: float


@dataclass
class NoteLine:
    number: int | None  # None: continuation of the note before
    note: int
    text: str


@dataclass
class PageLayout:
    lines: list[tuple[float, BodyLine]] = field(default_factory=list)
    notes: list[NoteLine] = field(default_factory=list)


@dataclass(frozen=True)
class HyphenSite:
    """A hyphen at a line end: `break` (remove it), `compound` or `suspended` (keep it)."""

    kind: str
    word: int
    printed: str
    page: int


def style_for(index: int) -> Style:
    rng = random.Random(SEED + index)
    family = ["Times", "DejaVuSerif", "DejaVuSerifCondensed"][index % 3]
    hyphenate = index % 2 == 1
    return Style(
        page=LETTER if index % 2 == 0 else A4,
        family=family,
        size=rng.choice([9.5, 10.0, 10.5, 11.0]),
        margin_left=rng.choice([54.0, 60.0, 66.0]),
        margin_right=rng.choice([54.0, 60.0, 66.0]),
        margin_top=rng.choice([48.0, 52.0]),
        margin_bottom=rng.choice([40.0, 46.0]),
        hyphenate=hyphenate,
        soft_hyphens=hyphenate and family != "Times" and index % 4 == 1,
    )


def register_fonts() -> None:
    for family in ("DejaVuSerif", "DejaVuSerifCondensed"):
        for suffix, file_suffix in (("", ""), ("-Italic", "-Italic"), ("-Bold", "-Bold")):
            name = family + suffix
            if name not in pdfmetrics.getRegisteredFontNames():
                path = DEJAVU / f"{family}{file_suffix}.ttf"
                if not path.is_file():
                    raise SystemExit(
                        f"{path} is missing: install Debian's fonts-dejavu-core (make bench does)"
                    )
                pdfmetrics.registerFont(TTFont(name, str(path)))


class Typesetter:
    """Lays out one document and draws it."""

    def __init__(self, truth: Truth, style: Style) -> None:
        self.truth = truth
        self.style = style
        self.width, self.height = style.page
        self.col_left = style.margin_left + 63.0
        self.col_right = self.width - style.margin_right - 50.0
        self.leading = style.size * 1.2
        self.note_size = round(style.size * 0.85, 2)
        self.note_leading = self.note_size * 1.2
        self.hyphenator = pyphen.Pyphen(lang="en_US")
        self.words: list[Word] = []
        self.sites: list[HyphenSite] = []

    # measuring -------------------------------------------------------------------------
    def text_width(self, text: str, italic: bool = False, size: float | None = None) -> float:
        font = self.style.font("italic" if italic else "regular")
        return pdfmetrics.stringWidth(text.replace(SOFT_HYPHEN, "-"), font, size or self.style.size)

    def marker_width(self, markers: tuple[int, ...]) -> float:
        if not markers:
            return 0.0
        label = ",".join(str(n) for n in markers)
        return self.text_width(label, size=self.style.size * 0.65) + 0.5

    def piece_width(self, piece: Piece) -> float:
        return self.text_width(piece.text, piece.italic) + self.marker_width(piece.markers)

    # line breaking ---------------------------------------------------------------------
    def break_paragraph(self, para: Para) -> list[BodyLine]:
        start = len(self.words)
        self.words.extend(para.words)
        indent = 24.0 if para.kind in ("body", "opener") else 0.0
        width = self.col_right - self.col_left
        queue = [
            Piece(start + i, word.text, word.italic, word.markers)
            for i, word in enumerate(para.words)
        ]
        lines: list[BodyLine] = []
        current: list[Piece] = []
        space = self.text_width(" ")
        while queue:
            piece = queue.pop(0)
            used = sum(self.piece_width(p) for p in current) + space * len(current)
            available = width - (indent if not lines else 0.0)
            if used + self.piece_width(piece) <= available:
                current.append(piece)
                filled = used + self.piece_width(piece)
                if queue and piece.text.endswith("-") and filled >= 0.5 * available:
                    # a typesetter may end a line after a suspended hyphen ("gender-" + "and")
                    lines.append(
                        BodyLine(current, para.kind, not lines, False, indent if not lines else 0)
                    )
                    current = []
                continue
            head, tail = self.split_word(piece, available - used)
            if head is not None and tail is not None:
                current.append(head)
                queue.insert(0, tail)
            elif not current:  # a word longer than the line: put it alone
                current.append(piece)
                continue
            else:
                queue.insert(0, piece)
            lines.append(BodyLine(current, para.kind, not lines, False, indent if not lines else 0))
            current = []
        lines.append(BodyLine(current, para.kind, not lines, True, indent if not lines else 0))
        return lines

    def split_word(self, piece: Piece, room: float) -> tuple[Piece | None, Piece | None]:
        """Split a word at a line end: at its own hyphen, else (if allowed) where pyphen says."""
        text = piece.text
        for match in reversed(list(re.finditer(r"(?<=[A-Za-z])-(?=[A-Za-z])", text))):
            head = text[: match.end()]
            if self.text_width(head, piece.italic) <= room:
                return (
                    Piece(piece.word, head, piece.italic),
                    Piece(piece.word, text[match.end() :], piece.italic, piece.markers),
                )
        if not self.style.hyphenate or not re.fullmatch(r"[A-Za-z]{6,}[,;:.]?", text):
            return None, None
        mark = SOFT_HYPHEN if self.style.soft_hyphens else "-"
        for position in reversed(self.hyphenator.positions(text.rstrip(",;:."))):
            if position < 3 or len(text) - position < 3:
                continue
            head = text[:position] + mark
            if self.text_width(head, piece.italic) <= room:
                return (
                    Piece(piece.word, head, piece.italic),
                    Piece(piece.word, text[position:], piece.italic, piece.markers),
                )
        return None, None

    # pages -----------------------------------------------------------------------------
    def wrap_note(self, number: int) -> list[NoteLine]:
        words = f"{self.truth.notes[number].text}".split()
        width = self.col_right - self.col_left
        lines: list[NoteLine] = []
        current: list[str] = []
        for word in words:
            candidate = " ".join([*current, word])
            if current and self.text_width(candidate, size=self.note_size) > width:
                lines.append(NoteLine(number if not lines else None, number, " ".join(current)))
                current = [word]
            else:
                current.append(word)
        lines.append(NoteLine(number if not lines else None, number, " ".join(current)))
        return lines

    def zone_height(self, count: int) -> float:
        return 0.0 if count == 0 else 14.0 + count * self.note_leading

    def layout(self) -> list[PageLayout]:
        """Place body lines top down; each page's notes go in its zone at the bottom.

        When a line fits but its notes do not all fit, the line stays with as many note lines
        as fit and the rest of the note continues at the top of the next page's zone (the page
        is then full).
        """
        pages = [PageLayout()]
        y = self.masthead_bottom()
        bottom = self.height - self.style.margin_bottom - 38.0
        carried: list[NoteLine] = []
        for para_index, para in enumerate(self.truth.paras):
            y += 6.0 if para_index else 0.0
            for line in self.break_paragraph(para):
                new = [nl for p in line.pieces for n in p.markers for nl in self.wrap_note(n)]
                page = pages[-1]
                below = y + self.leading
                if not carried and below + self.zone_height(len(page.notes) + len(new)) <= bottom:
                    page.lines.append((below, line))
                    page.notes.extend(new)
                    y = below
                    continue
                room = int((bottom - below - 14.0) // self.note_leading) - len(page.notes)
                if not carried and new and page.lines and room >= 1:
                    page.lines.append((below, line))
                    page.notes.extend(new[:room])
                    carried = new[room:]
                    y = below
                    continue
                pages.append(PageLayout(notes=carried))
                carried = []
                y = self.style.margin_top + 30.0 + self.leading
                pages[-1].lines.append((y, line))
                pages[-1].notes.extend(new)
        if carried:
            pages.append(PageLayout(notes=carried))
        return pages

    def masthead_bottom(self) -> float:
        agenda = self.wrap_plain(self.truth.meta["agenda_title"], 230.0, 10.0, bold=True)
        return 282.0 + 12.0 * max(0, len(agenda) - 2) + 56.0

    def wrap_plain(self, text: str, width: float, size: float, bold: bool = False) -> list[str]:
        font = self.style.font("bold" if bold else "regular")
        lines: list[str] = []
        current: list[str] = []
        for word in text.split():
            candidate = " ".join([*current, word])
            if current and pdfmetrics.stringWidth(candidate, font, size) > width:
                lines.append(" ".join(current))
                current = [word]
            else:
                current.append(word)
        lines.append(" ".join(current))
        return lines

    # drawing ---------------------------------------------------------------------------
    def draw(self, path: Path) -> list[PageLayout]:
        pages = self.layout()
        canvas = Canvas(str(path), pagesize=self.style.page, invariant=1)
        canvas.setTitle(self.truth.symbol)
        for number, page in enumerate(pages, start=1):
            if number == 1:
                self.draw_masthead(canvas)
            else:
                self.draw_header(canvas, number)
            for baseline, line in page.lines:
                self.draw_line(canvas, baseline, line, number)
            self.draw_notes(canvas, page.notes)
            self.draw_footer(canvas, number, len(pages))
            canvas.showPage()
        canvas.save()
        return pages

    def y(self, top: float) -> float:
        return self.height - top

    def draw_masthead(self, canvas: Canvas) -> None:
        meta = self.truth.meta
        left = self.style.margin_left
        right = self.width - self.style.margin_right
        canvas.setFont(self.style.font(), 14)
        canvas.drawString(left + 63, self.y(61), "United Nations")
        prefix, rest = meta["symbol"].split("/", 1)
        rest_width = self.text_width("/" + rest, size=10)
        canvas.setFont(self.style.font(), 20)
        a_width = pdfmetrics.stringWidth(prefix, self.style.font(), 20)
        canvas.drawString(right - rest_width - a_width, self.y(61), prefix)
        canvas.setFont(self.style.font(), 10)
        canvas.drawString(right - rest_width, self.y(59), "/" + rest)
        canvas.line(left, self.y(65), right, self.y(65))
        canvas.setFont(self.style.font("bold"), 20)
        canvas.drawString(left + 63, self.y(91), "General Assembly")
        column = self.width * 0.65
        canvas.setFont(self.style.font(), 10)
        canvas.drawString(column, self.y(89), "Distr.: General")
        canvas.drawString(column, self.y(101), meta["date"])
        canvas.line(left, self.y(209), right, self.y(209))
        canvas.setFont(self.style.font("bold"), 10)
        canvas.drawString(left, self.y(224), meta["session"])
        canvas.setFont(self.style.font(), 10)
        canvas.drawString(left, self.y(236), f"Agenda item {meta['agenda_item']}")
        canvas.setFont(self.style.font("bold"), 10)
        agenda = self.wrap_plain(meta["agenda_title"], 230.0, 10.0, bold=True)
        for index, text in enumerate(agenda):
            canvas.drawString(left, self.y(248 + 12 * index), text)
        top = 282.0 + 12.0 * max(0, len(agenda) - 2)
        canvas.setFont(self.style.font("bold"), 14)
        canvas.drawString(self.col_left, self.y(top), "Resolution adopted by the General Assembly")
        canvas.drawString(self.col_left, self.y(top + 15), f"on {meta['adopted']}")
        canvas.setFont(self.style.font("italic"), 10)
        canvas.drawString(self.col_left, self.y(top + 36), f"[{meta['report']}]")

    def draw_header(self, canvas: Canvas, number: int) -> None:
        size = 8.5
        font = self.style.font("bold")
        left = self.style.margin_left
        right = self.width - self.style.margin_right
        title = self.wrap_plain(self.truth.meta["title"], 250.0, size, bold=True)
        canvas.setFont(font, size)
        top = 52.0 - 10.0 * (len(title) - 1)
        for index, text in enumerate(title):
            baseline = self.y(top + 10.0 * index)
            if number % 2 == 0:
                canvas.drawRightString(right, baseline, text)
            else:
                canvas.drawString(left, baseline, text)
        last = self.y(top + 10.0 * (len(title) - 1))
        if number % 2 == 0:
            canvas.drawString(left, last, self.truth.symbol)
        else:
            canvas.drawRightString(right, last, self.truth.symbol)
        canvas.line(left, self.y(58), right, self.y(58))

    def draw_footer(self, canvas: Canvas, number: int, total: int) -> None:
        job = self.truth.meta["job"]
        left = self.style.margin_left
        right = self.width - self.style.margin_right
        base = self.y(self.height - self.style.margin_bottom + 6)
        if number == 1:
            canvas.setFont(self.style.font(), 10)
            day, month, year = self.truth.meta["date"].split()
            stamp = f"{int(day):02d}{MONTHS.index(month) + 1:02d}{year[2:]}"
            canvas.drawString(left, base + 10, f"{job} (E)    {stamp}")
            canvas.setFont("Courier", 12)
            canvas.drawString(left, base - 4, f"*{job.replace('-', '')}*")
            return
        # Even pages: "n/N" left, job number right; odd pages the other way round.
        label_x, job_x = (left, right) if number % 2 == 0 else (right, left)
        canvas.setFont(self.style.font("bold"), 8.5)
        draw = canvas.drawString if label_x == left else canvas.drawRightString
        draw(label_x, base, f"{number}/{total}")
        canvas.setFont(self.style.font(), 7)
        draw = canvas.drawString if job_x == left else canvas.drawRightString
        draw(job_x, base + 2, job)

    def draw_line(self, canvas: Canvas, baseline: float, line: BodyLine, page: int) -> None:
        size = self.style.size
        if line.kind == "title":
            font = self.style.font("bold")
            size = size + 2
            x = self.col_left - 51 if line.first else self.col_left
            canvas.setFont(font, size)
            canvas.drawString(x, self.y(baseline), " ".join(p.text for p in line.pieces))
            self.note_sites(line, page)
            return
        if line.kind == "closing":
            canvas.setFont(self.style.font("italic"), size)
            canvas.drawRightString(
                self.col_right, self.y(baseline), " ".join(p.text for p in line.pieces)
            )
            return
        x = self.col_left + line.indent
        widths = [self.piece_width(p) for p in line.pieces]
        gaps = len(line.pieces) - 1
        space = self.text_width(" ")
        if not line.last and gaps > 0:
            space = (self.col_right - x - sum(widths)) / gaps
        for piece, width in zip(line.pieces, widths, strict=True):
            canvas.setFont(self.style.font("italic" if piece.italic else "regular"), size)
            canvas.drawString(x, self.y(baseline), piece.text)
            if piece.markers:
                label = ",".join(str(n) for n in piece.markers)
                canvas.setFont(self.style.font(), size * 0.65)
                marker_x = x + self.text_width(piece.text, piece.italic) + 0.5
                canvas.drawString(marker_x, self.y(baseline) + size * 0.35, label)
            x += width + space
        self.note_sites(line, page)

    def note_sites(self, line: BodyLine, page: int) -> None:
        """Record the hyphen this line ends with, if any, and whether it is a line-break hyphen."""
        if line.last or not line.pieces:
            return
        end = line.pieces[-1]
        word = self.words[end.word].text
        if end.text.endswith(SOFT_HYPHEN):
            kind = "break"
        elif not end.text.endswith("-"):
            return
        elif end.text == word:
            kind = "suspended"  # "gender-" before "and age-sensitive"
        elif word.startswith(end.text):
            kind = "compound"  # broken at its own hyphen: "Secretary-" + "General"
        else:
            kind = "break"  # a hyphen the typesetter added: "traffick-" + "ing"
        self.sites.append(HyphenSite(kind, end.word, end.text, page))

    def draw_notes(self, canvas: Canvas, notes: list[NoteLine]) -> None:
        if not notes:
            return
        bottom = self.height - self.style.margin_bottom - 38.0
        top = bottom - self.zone_height(len(notes)) + 14.0
        canvas.setFont(self.style.font("bold"), 8)
        canvas.drawString(self.col_left - 24, self.y(top - 8), "_" * 18)
        for index, line in enumerate(notes):
            baseline = self.y(top + self.note_leading * (index + 1))
            if line.number is not None:
                canvas.setFont(self.style.font(), self.note_size * 0.65)
                label = str(line.number)
                width = self.text_width(label, size=self.note_size * 0.65)
                canvas.drawString(
                    self.col_left - 4 - width, baseline + self.note_size * 0.35, label
                )
            canvas.setFont(self.style.font(), self.note_size)
            canvas.drawString(self.col_left, baseline, line.text)


def features(truth: Truth, pages: list[PageLayout]) -> set[str]:
    """The hard cases a layout shows: a suspended hyphen at a line end, a note continued on the
    next page, an Ibid. that is the first footnote on its page."""
    found: set[str] = set()
    for number, page in enumerate(pages, start=1):
        for _, line in page.lines:
            end = line.pieces[-1] if line.pieces else None
            if (
                end
                and not line.last
                and end.text.endswith("-")
                and end.text == line_word(truth, end)
            ):
                found.add("suspended")
        if number > 1 and _first_numbered(page.notes) > 0:
            found.add("continued")
        first = next((line.note for line in page.notes if line.number is not None), None)
        if number > 1 and first is not None and truth.notes[first].ibid_of is not None:
            found.add("ibid_first")
    return found


def line_word(truth: Truth, piece: Piece) -> str:
    return [word for para in truth.paras for word in para.words][piece.word].text


def wanted(truth: Truth, index: int) -> set[str]:
    """What this document should show: a suspended hyphen where it has one; in every third
    document an Ibid. opening a page's footnotes, and in the others a note continued."""
    words = [word.text for para in truth.paras for word in para.words]
    goals = {"suspended"} if any(w.endswith("-") and len(w) > 1 for w in words) else set()
    has_ibid = any(note.ibid_of is not None for note in truth.notes.values())
    goals.add("ibid_first" if index % 3 == 0 and has_ibid else "continued")
    return goals


def generate(truth: Truth, index: int, out_dir: Path) -> dict:
    """Write `<doc_id>.pdf` and its layout record; return the record.

    The right margin is moved one point at a time (up to 40 either way), at the document's size
    and half a point either side, for the first layout that shows most of the hard cases this
    document is meant to show (`wanted`); deterministic, as layout is.
    """
    register_fonts()
    base = style_for(index)
    goals = wanted(truth, index)
    style, shown = base, features(truth, Typesetter(truth, base).layout())
    trials = (
        replace(base, size=base.size + delta, margin_right=base.margin_right + shift)
        for delta in (0.0, 0.5, -0.5)
        for shift in (step * sign for step in range(41) for sign in (1, -1))
    )
    for trial in trials:
        if goals <= shown:
            break
        shown_here = features(truth, Typesetter(truth, trial).layout())
        if len(goals & shown_here) > len(goals & shown):
            style, shown = trial, shown_here
    setter = Typesetter(truth, style)
    pdf = out_dir / f"{truth.doc_id}.pdf"
    pages = setter.draw(pdf)
    record = {
        "doc_id": truth.doc_id,
        "source": truth.name,
        "style": asdict(style),
        "features": sorted(shown),
        "pages": [
            {
                "words": sorted({p.word for _, line in page.lines for p in line.pieces}),
                "notes_started": [line.note for line in page.notes if line.number is not None],
                "notes_continued": sorted(
                    {line.note for line in page.notes[: _first_numbered(page.notes)]}
                ),
            }
            for page in pages
        ],
        "hyphen_sites": [asdict(site) for site in setter.sites],
    }
    (out_dir / f"{truth.doc_id}.layout.json").write_text(json.dumps(record, indent=1) + "\n")
    return record


def _first_numbered(lines: list[NoteLine]) -> int:
    """How many lines at the top of a zone continue a note from the page before."""
    return next((i for i, line in enumerate(lines) if line.number is not None), len(lines))


# raw text dumps -----------------------------------------------------------------------------
#: The seeds break about one word in 300 with a stray space ("prostitutio n", "perso ns").
SPLIT_RATE = 1 / 300


def make_dumps(truth: Truth, record: dict, out_dir: Path, index: int) -> list[dict]:
    """One dump per page in the format of ../shared/seeds/, with its own truth record; and the
    whole document in that form, one page a line (`<doc_id>.txt`), whose truth is the
    document's."""
    rng = random.Random(SEED * 7 + index)
    pages: list[str] = []
    words = [word for para in truth.paras for word in para.words]
    total = len(record["pages"])
    dumps = []
    for number, page in enumerate(record["pages"], start=1):
        on_page = page["words"]
        body_words = []
        splits = []
        for i in on_page:
            word = words[i]
            text = word.text
            letters = re.fullmatch(r"[A-Za-z]{7,}", text)
            if letters and rng.random() < SPLIT_RATE * 3:  # only long words are at risk
                cut = rng.randint(2, len(text) - 2)
                text = f"{text[:cut]} {text[cut:]}"
                splits.append(word.text)
            body_words.append(text + "".join(f" {n}" for n in word.markers))
        started = page["notes_started"]
        meta = truth.meta
        header = (  # page 1 opens with the masthead, later pages with the running header
            f"United Nations {truth.symbol} General Assembly Distr.: General {meta['date']} "
            f"{meta['session']} Agenda item {meta['agenda_item']} {meta['agenda_title']} "
            f"Resolution adopted by the General Assembly on {meta['adopted']} [{meta['report']}]"
            if number == 1
            else f"{truth.symbol} {meta['title']}"
        )
        footer = f"{number}/{total}"
        block = ""
        if started:
            bodies = [truth.notes[n].text for n in started]
            if rng.random() < 0.5 or len(started) < 3:
                block = " ".join(
                    [" ".join(map(str, started)), footer, " ".join(bodies), truth.meta["job"]]
                )
            else:  # interleaved, one number displaced to the end (like the second seed)
                displaced = rng.choice(started[1:-1])
                parts = [
                    (f"{n} " if n != displaced else "") + body
                    for n, body in zip(started, bodies, strict=True)
                ]
                block = " ".join([*parts, str(displaced), footer, truth.meta["job"]])
            text = f"{header} {' '.join(body_words)} __________________ {block}"
        else:
            text = f"{header} {' '.join(body_words)} {footer} {truth.meta['job']}"
        if rng.random() < 0.5:
            text += f"\n\nSelect target paragraph{rng.randint(1, 9)}"
        name = f"{truth.doc_id}_p{number}"
        (out_dir / f"{name}.txt").write_text(text + "\n", encoding="utf-8")
        pages.append(text)
        dumps.append(
            {"name": name, "page": number, "words": on_page, "notes": started, "splits": splits}
        )
    (out_dir / f"{truth.doc_id}.txt").write_text("\n".join(pages) + "\n", encoding="utf-8")
    return dumps


# scanned PDFs -------------------------------------------------------------------------------
SCAN_DPI = 200


def make_scan(pdf: Path, out: Path, cache_dir: Path, index: int) -> Path:
    """Render, degrade a little (blur, noise, slight rotation), then OCR with ocrmypdf.

    OCR output is cached by the degraded images and the OCR versions: tesseract is the slow part.
    """
    import hashlib
    import io
    import subprocess

    import pypdfium2
    from PIL import Image, ImageFilter

    rng = random.Random(SEED * 13 + index)
    images = []
    document = pypdfium2.PdfDocument(str(pdf))
    try:
        for page in document:
            image = page.render(scale=SCAN_DPI / 72).to_pil().convert("L")
            image = image.rotate(rng.uniform(-0.6, 0.6), resample=Image.BICUBIC, fillcolor=255)
            image = image.filter(ImageFilter.GaussianBlur(0.6))
            pixels = image.load()
            width, height = image.size
            for _ in range(width * height // 400):
                x, y = rng.randrange(width), rng.randrange(height)
                pixels[x, y] = rng.choice((0, 96, 160, 255))
            images.append(image)
    finally:
        document.close()
    digest = hashlib.sha256()
    for image in images:
        digest.update(image.tobytes())
    tesseract = subprocess.run(["tesseract", "--version"], capture_output=True, text=True).stdout
    digest.update(
        f"{metadata.version('ocrmypdf')} {tesseract.splitlines()[0] if tesseract else ''}".encode()
    )
    cached = cache_dir / f"{digest.hexdigest()[:32]}.pdf"
    if not cached.is_file():
        cache_dir.mkdir(parents=True, exist_ok=True)
        buffer = io.BytesIO()
        images[0].save(buffer, "PDF", resolution=SCAN_DPI, save_all=True, append_images=images[1:])
        image_pdf = cache_dir / f"{cached.stem}.images.pdf"
        image_pdf.write_bytes(buffer.getvalue())
        with ocrmypdf_confined() as ocrmypdf:
            ocrmypdf.ocr(
                image_pdf,
                cached,
                language=["eng"],
                output_type="pdf",
                optimize=0,
                progress_bar=False,
                jobs=2,
            )
        image_pdf.unlink()
    out.write_bytes(cached.read_bytes())
    return out
