"""Documents in randomized layouts, with their exact truth: nothing of one template.

Each seed draws a layout the way UN series and eras differ: paper (A4 or Letter), margins, body
size 9-12.5 pt and leading, notes at 70-95 % of the body, raised marker size and lift, the
separator (a drawn rule, a typed row of underscores, or none), the note label (raised, or on the
baseline as "1", "1." or the typewriter's "1/"), notes indented or full width, serif or sans,
running headers and footers mirrored on even pages, page numbers in every form ("2/9", "Page 2",
"- 2 -", a bare "2"), Geneva or New York job numbers, and one or two columns (a third of the
documents: the body in two columns, each line filled to its column, the notes across the foot).
The text is set line by line here, so
every note's number, text and page and every furniture line are known exactly.

    python -m bench.layouts OUT_DIR [N]   # writes N documents (default 40), scores them and
                                          # prints the table by layout family
"""

from __future__ import annotations

import json
import random
import sys
from collections import Counter
from dataclasses import asdict, dataclass, field
from pathlib import Path

from rapidfuzz.distance import Levenshtein

from bench import parallel
from bench.score import MARKER_RE, Counts, rates, tokens_and_markers

WORDS = (
    "the Council recalls its resolutions on human rights and welcomes the report of the "
    "Special Rapporteur on the situation in the region encourages States to cooperate fully "
    "with the mechanisms and requests the Secretary-General to submit a report at its next "
    "session notes with concern the continuing violations and calls upon all parties to "
    "respect international humanitarian law decides to remain seized of the matter"
).split()
NOTE_TEXTS = (
    "See A/HRC/43/15, para. {n}.",
    "Resolution {n}/1 of the Human Rights Council.",
    "United Nations, Treaty Series, vol. 2{n}5, No. 3{n}74.",
    "Ibid., para. {n}.",
    "CRPD/C/SVN/CO/1, paras. {n} and 3{n}.",
    "Official Records of the General Assembly, Seventy-eighth Session, Supplement No. {n} "
    "(A/78/{n}), chap. IV, sect. B, and the report on the implementation of the programme.",
)
TITLE = "Situation of human rights in the region"
FONTS = {"serif": ("Times-Roman", "Times-Bold"), "sans": ("Helvetica", "Helvetica-Bold")}
PAPERS = {"A4": (595.0, 842.0), "Letter": (612.0, 792.0)}


@dataclass
class LayoutParams:
    paper: str
    font: str
    body_size: float
    leading: float
    note_ratio: float
    marker_ratio: float
    marker_raise: float
    separator: str  # rule | underscores | none
    label: str  # raised | plain | dot | slash
    note_indent: bool
    header_size_ratio: float
    page_number: str  # n/N | Page n | - n - | n
    job: str
    margin: float
    columns: int  # 1 | 2: the body set in two columns
    column_notes: bool = False  # two columns: each column's notes at its own foot, not below both


@dataclass
class LayoutTruth:
    name: str
    params: LayoutParams
    pages: int
    notes: dict[int, str] = field(default_factory=dict)
    note_pages: dict[int, int] = field(default_factory=dict)
    markers: list[int] = field(default_factory=list)
    furniture: list[str] = field(default_factory=list)
    #: The body's words in reading order (the first page's title, then column by column).
    body: list[str] = field(default_factory=list)

    def families(self) -> tuple[str, str]:
        """The layout families the metrics are reported by: separator and label style, and the
        number of columns."""
        columns = "1 column"
        if self.params.columns == 2:
            columns = "2 columns, notes per column" if self.params.column_notes else "2 columns"
        return f"{self.params.separator}/{self.params.label}", columns


def draw_params(rng: random.Random) -> LayoutParams:
    body = rng.choice([9.0, 9.5, 10.0, 10.5, 11.0, 11.5, 12.0, 12.5])
    separator = rng.choice(["rule", "underscores", "none"])
    # With no separator at all, the label is raised: a number on the baseline at the foot of
    # a page with nothing to set it apart is a table's first column as much as a note.
    label = "raised" if separator == "none" else rng.choice(["raised", "plain", "dot", "slash"])
    return LayoutParams(
        paper=rng.choice(sorted(PAPERS)),
        font=rng.choice(sorted(FONTS)),
        body_size=body,
        leading=round(body * rng.uniform(1.15, 1.35), 2),
        note_ratio=round(rng.uniform(0.70, 0.95), 2),
        marker_ratio=round(rng.uniform(0.55, 0.72), 2),
        marker_raise=round(rng.uniform(0.30, 0.45), 2),
        separator=separator,
        label=label,
        note_indent=rng.random() < 0.5,
        header_size_ratio=rng.choice([0.8, 0.9, 1.0]),
        page_number=rng.choice(["n/N", "Page n", "- n -", "n"]),
        job=rng.choice(["GE.{y}-{d}(E)", "{y}-{d} (E)", "GE.{y}-{d}"]).format(
            y=rng.randint(10, 25), d=rng.randint(10000, 99999)
        ),
        margin=rng.uniform(56, 90),
        columns=(columns := rng.choice([1, 1, 2])),
        # Drawn only for two columns, so that a one-column document is the same as before.
        column_notes=columns == 2 and rng.random() < 0.5,
    )


def make_document(seed: int, out_dir: Path) -> LayoutTruth:
    """Typeset one document of seed `seed` as `<out_dir>/layout-<seed>.pdf`; return its truth."""
    from reportlab.pdfgen import canvas

    rng = random.Random(seed)
    params = draw_params(rng)
    width, height = PAPERS[params.paper]
    regular, bold = FONTS[params.font]
    name = f"layout-{seed:03d}"
    truth = LayoutTruth(name, params, 0)
    pdf = canvas.Canvas(str(out_dir / f"{name}.pdf"), pagesize=(width, height), invariant=1)
    body, note_size = params.body_size, round(params.body_size * params.note_ratio, 1)
    note_leading = note_size * 1.2
    left, right = params.margin, width - params.margin
    pages = rng.randint(3, 6)
    truth.pages = pages
    number = 0
    symbol = f"A/HRC/{rng.randint(40, 59)}/{rng.randint(1, 99)}"
    for page in range(1, pages + 1):
        notes: list[tuple[int, list[str]]] = []
        y = height - params.margin * 0.9
        # Running header, mirrored on even pages; the first page carries a title instead.
        header = f"{symbol}" if page % 2 else "Human rights situation: report"
        header_size = round(body * params.header_size_ratio, 1)
        pdf.setFont(regular, header_size)
        if page > 1:
            (pdf.drawString if page % 2 else pdf.drawRightString)(
                left if page % 2 else right, y, header
            )
            truth.furniture.append(header)
        else:
            pdf.setFont(bold, body + 2)
            pdf.drawString(left, y, TITLE)
            truth.body.extend(TITLE.split())
        y -= 3 * params.leading
        bottom_limit = params.margin + 2.5 * body
        lines_left = 0 if params.columns == 2 else rng.randint(14, 24)
        if params.columns == 2:
            number = _set_columns(
                pdf, rng, params, truth, notes, page, y, bottom_limit, left, right, number
            )
        paragraph_start = True
        while lines_left > 0:
            reserve = sum(len(t) for _, t in notes) * note_leading + (
                2 * note_leading if notes else 0
            )
            if y - params.leading < bottom_limit + reserve + 4 * note_leading:
                break
            indent = 2.5 * body if paragraph_start else 0.0
            words = [rng.choice(WORDS) for _ in range(rng.randint(9, 12))]
            number = _set_line(
                pdf, rng, params, truth, notes, words, left + indent, y, page, number
            )
            paragraph_start = rng.random() < 0.2
            y -= params.leading * (1.5 if paragraph_start else 1.0)
            lines_left -= 1
        _set_notes(pdf, params, notes, left, right, bottom_limit)
        # Footer: page number and job number, mirrored on even pages.
        folio = params.page_number.replace("N", str(pages)).replace("n", str(page), 1)
        if params.page_number == "n/N":
            folio = f"{page}/{pages}"
        fy = params.margin * 0.6
        pdf.setFont(regular, round(body * 0.8, 1))
        if page % 2:
            pdf.drawString(left, fy, params.job)
            pdf.drawRightString(right, fy, folio)
        else:
            pdf.drawString(left, fy, folio)
            pdf.drawRightString(right, fy, params.job)
        truth.furniture.extend([params.job, folio])
        pdf.showPage()
    pdf.save()
    return truth


def _set_notes(
    pdf,
    params: LayoutParams,
    notes: list[tuple[int, list[str]]],
    left: float,
    right: float,
    bottom_limit: float,
) -> None:
    """Set `notes` between `left` and `right` from the bottom up, so that the zone ends at
    `bottom_limit`, under the document's separator."""
    regular = FONTS[params.font][0]
    body = params.body_size
    note_size = round(body * params.note_ratio, 1)
    note_leading = note_size * 1.2
    zone_height = sum(len(t) for _, t in notes) * note_leading
    ny = bottom_limit + zone_height
    if notes:
        if params.separator == "rule":
            pdf.setLineWidth(0.5)
            pdf.line(
                left,
                ny + note_leading * 0.6,
                left + 0.3 * (right - left),
                ny + note_leading * 0.6,
            )
        elif params.separator == "underscores":
            pdf.setFont(regular, body)
            pdf.drawString(left, ny + note_leading * 0.6, "_" * 12)
    note_x = left + (2.5 * body if params.note_indent else 0)
    for n, text_lines in notes:
        for line_index, text in enumerate(text_lines):
            ny -= note_leading
            x = note_x
            if line_index == 0:
                label = {"plain": f"{n}", "dot": f"{n}.", "slash": f"{n}/"}.get(params.label)
                if label is None:
                    size = round(note_size * 0.7, 1)
                    pdf.setFont(regular, size)
                    pdf.drawString(x, ny + note_size * 0.35, str(n))
                    x += pdf.stringWidth(str(n), regular, size) + note_size * 0.3
                else:
                    pdf.setFont(regular, note_size)
                    pdf.drawString(x, ny, label)
                    x += pdf.stringWidth(label + " ", regular, note_size)
            else:
                x = note_x + (0 if params.label == "raised" else note_size * 1.5)
            pdf.setFont(regular, note_size)
            pdf.drawString(x, ny, text)


def _set_line(
    pdf,
    rng: random.Random,
    params: LayoutParams,
    truth: LayoutTruth,
    notes: list[tuple[int, list[str]]],
    words: list[str],
    x: float,
    y: float,
    page: int,
    number: int,
) -> int:
    """Set one body line of `words` from `x` at baseline `y`, with a raised marker after one
    of them now and then (its note joins `notes`, wrapped to the page's width); return the last
    note number used."""
    regular = FONTS[params.font][0]
    body = params.body_size
    width = PAPERS[params.paper][0] - 2 * params.margin
    note_size = round(body * params.note_ratio, 1)
    line_marker = None
    if rng.random() < 0.18 and len(notes) < 3:
        number += 1
        line_marker = (rng.randint(2, len(words) - 1), number)
    truth.body.extend(words)
    for index, word in enumerate(words):
        pdf.setFont(regular, body)
        pdf.drawString(x, y, word)
        x += pdf.stringWidth(word, regular, body)
        if line_marker and index == line_marker[0]:
            marker_size = round(body * params.marker_ratio, 1)
            pdf.setFont(regular, marker_size)
            label = str(line_marker[1])
            pdf.drawString(x, y + body * params.marker_raise, label)
            x += pdf.stringWidth(label, regular, marker_size)
            truth.markers.append(line_marker[1])
            extra = " ".join(rng.choice(WORDS) for _ in range(rng.randint(0, 8)))
            text = rng.choice(NOTE_TEXTS).format(n=line_marker[1])
            text = f"{text} {extra.capitalize()}." if extra else text
            notes.append((line_marker[1], _wrap(text, pdf, regular, note_size, width - 20)))
            truth.notes[line_marker[1]] = text
            truth.note_pages[line_marker[1]] = page
        x += pdf.stringWidth(" ", regular, body)
    return number


def _set_columns(
    pdf,
    rng: random.Random,
    params: LayoutParams,
    truth: LayoutTruth,
    notes: list[tuple[int, list[str]]],
    page: int,
    top: float,
    bottom_limit: float,
    left: float,
    right: float,
    number: int,
) -> int:
    """Set the page's body in two columns, each line filled to its column's width as set text
    is; the notes run the full width below both (room for three notes of four lines is kept),
    or with `column_notes` each column's at its own foot, wrapped to the column. Return the last
    note number used."""
    regular = FONTS[params.font][0]
    body = params.body_size
    note_size = round(body * params.note_ratio, 1)
    note_leading = note_size * 1.2
    gutter = body * rng.uniform(1.2, 2.5)
    column = (right - left - gutter) / 2
    floor = bottom_limit + (20 if params.column_notes else 14) * note_leading
    rows = max(4, int((top - floor) / params.leading) - rng.randint(0, 4))
    paragraph_start = True
    for x0 in (left, left + column + gutter):
        column_notes: list[tuple[int, list[str]]] = [] if params.column_notes else notes
        y = top
        for _ in range(rows):
            indent = 1.5 * body if paragraph_start else 0.0
            room = column - indent - 3 * body  # a marker's width to spare
            words: list[str] = []
            while pdf.stringWidth(" ".join([*words, "x"]), regular, body) < room:
                words.append(rng.choice(WORDS))
                if pdf.stringWidth(" ".join(words), regular, body) > room:
                    words.pop()
                    break
            if len(words) < 3:
                words = [rng.choice(WORDS) for _ in range(3)]
            number = _set_line(
                pdf, rng, params, truth, column_notes, words, x0 + indent, y, page, number
            )
            paragraph_start = rng.random() < 0.15
            y -= params.leading
        if params.column_notes:
            # Wrapped inside the column, after its indent and its label.
            room = column - (2.5 * body if params.note_indent else 0) - 3 * note_size
            wrapped = [
                (n, _wrap(truth.notes[n], pdf, regular, note_size, room)) for n, _ in column_notes
            ]
            _set_notes(pdf, params, wrapped, x0, x0 + column, bottom_limit)
    return number


def _wrap(text: str, pdf, font: str, size: float, width: float) -> list[str]:
    lines: list[str] = []
    current = ""
    for word in text.split():
        trial = f"{current} {word}".strip()
        if current and pdf.stringWidth(trial, font, size) > width:
            lines.append(current)
            current = word
        else:
            current = trial
    return [*lines, current]


def generate(out_dir: Path, count: int = 40, first_seed: int = 1) -> list[LayoutTruth]:
    return [generate_one(seed, out_dir) for seed in range(first_seed, first_seed + count)]


def generate_one(seed: int, out_dir: Path) -> LayoutTruth:
    """The document of `seed` as a PDF, and its truth beside it."""
    out_dir.mkdir(parents=True, exist_ok=True)
    truth = make_document(seed, out_dir)
    (out_dir / f"{truth.name}.truth.json").write_text(
        json.dumps(asdict(truth), indent=1, sort_keys=True) + "\n", encoding="utf-8"
    )
    return truth


def score(truth: LayoutTruth, record: dict) -> Counts:
    """Notes exact (number, text and first page), markers in the body (as a multiset), the
    body's words in reading order (word errors), and furniture left in the body text, as
    `bench.score` counts them."""
    found = {note["number"]: note for note in record["footnotes"] if note["number"] is not None}
    exact = sum(
        1
        for number, text in truth.notes.items()
        if number in found
        and found[number]["text"] == text
        and found[number]["pages"][:1] == [truth.note_pages[number]]
    )
    markers = [int(n) for n in MARKER_RE.findall(record["text"])]
    words, _ = tokens_and_markers(record["text"])
    return Counts(
        words=len(truth.body),
        word_errors=Levenshtein.distance(truth.body, words),
        markers_true=len(truth.markers),
        markers_found=len(markers),
        markers_right=sum((Counter(markers) & Counter(truth.markers)).values()),
        notes_true=len(truth.notes),
        notes_exact=exact,
        leaks=len(furniture_left(truth, record)),
        documents=1,
    )


def furniture_left(truth: LayoutTruth, record: dict) -> list[str]:
    """The furniture strings still in the body text (bare page numbers cannot be told)."""
    return [
        piece
        for piece in dict.fromkeys(truth.furniture)
        if not piece.isdigit() and piece in record["text"]
    ]


def generate_and_score(job: tuple[int, Path]) -> tuple[tuple[str, str], Counts]:
    """One document made, cleaned with ibidem and scored: its layout families and counts."""
    from cleaners.canonical import to_record
    from cleaners.pipeline import clean_file

    seed, out_dir = job
    truth = generate_one(seed, out_dir)
    return truth.families(), score(truth, to_record(clean_file(out_dir / f"{truth.name}.pdf")))


def table(out_dir: Path, count: int = 40) -> str:
    """Generate `count` documents, clean them with ibidem and report every metric per layout
    family (separator / note label) and in all."""
    families: dict[str, Counts] = {}
    by_columns: dict[str, Counts] = {}
    total = Counts()
    jobs = [(seed, out_dir) for seed in range(1, count + 1)]
    for (family, columns), result in parallel.map_ordered(generate_and_score, jobs):
        families.setdefault(family, Counts()).add(result)
        by_columns.setdefault(columns, Counts()).add(result)
        total.add(result)
    rows = [
        "| family (separator / label; columns) | documents | notes | notes exact | marker F1 "
        "| body WER | furniture leaks |",
        "|---|---:|---:|---:|---:|---:|---:|",
    ]
    for name, result in [
        *sorted(families.items()),
        *sorted(by_columns.items()),
        ("**all**", total),
    ]:
        measured = rates(result)
        rows.append(
            f"| {name} | {result.documents} | {result.notes_true} "
            f"| {measured['footnote_exact']:.3f} | {measured['marker_f1']:.3f} "
            f"| {measured['wer']:.4f} | {result.leaks} |"
        )
    return "\n".join(rows)


if __name__ == "__main__":
    print(table(Path(sys.argv[1]), int(sys.argv[2]) if len(sys.argv) > 2 else 40))
