"""`make bench`: accuracy against exact truth, real-corpus checks, baselines, a short speed run;
`make bench-full`: the long speed and scale runs.

    python -m bench.run [--full] [--section LABEL ...] [--write docs/benchmarks.md]

`make bench`, every section spread over the machine's cores (bench/parallel.py), what it makes
once cached by content (bench/cache.py):
1. Generate the benchmark documents (bench/sources) as born-digital PDFs, scanned PDFs (OCR by
   ocrmypdf/tesseract) and raw text dumps, under bench/out/; clean them with ibidem and extract
   them with the baselines (pdfplumber `extract_text()`, pdfplumber with `x_tolerance=1`,
   poppler's `pdftotext`; the raw OCR layer; the raw dump), and score everything against the
   truth (bench/score.py).
2. Randomized layouts (bench/layouts.py) and the varied corpus of other series
   (bench/varied.py).
3. One document, three forms: text dumps of each real PDF against the PDF (bench/forms.py).
4. On the real PDFs in ../shared/corpus/un/: footnotes and markers, furniture left in the body,
   and the share of body words outside the lexicon, against raw pdfplumber text; QA reports.
5. Speed and peak memory on a fixed subset (bench/speed.py), and batch operations as an
   operator runs them: cold, after a rule change, unchanged (bench/operations.py).

`make bench-full`: speed over every real PDF, cold batches with 1 and 2 workers in turns, and
the varied corpus as a batch.

Each section's tables replace their blocks in docs/benchmarks.md (bench/report.py), stamped with
the command, the commit and the section's time.
"""

from __future__ import annotations

import argparse
import re
import subprocess
import sys
import time
from collections import Counter
from collections.abc import Callable, Container
from dataclasses import replace
from pathlib import Path

import pdfplumber

from bench import cache, corpus_report, forms, layouts, operations, parallel, speed, varied
from bench.generate import generate, make_dumps, make_scan
from bench.report import Block, merge
from bench.score import Counts, Expected, rates, score_body, score_notes
from bench.truth import Truth, load_all
from cleaners import qa
from cleaners.canonical import to_record
from cleaners.lexicon import Lexicon, english, un_words
from cleaners.model import Document, Edit
from cleaners.pipeline import InputError, clean_file
from cleaners.spacing import split_glued_words

BENCH = Path(__file__).parent
OUT = BENCH / "out"
REPO = BENCH.parent
CORPUS = REPO.parent / "shared" / "corpus" / "un"
SEEDS = REPO.parent / "shared" / "seeds"


# truth for one input ---------------------------------------------------------------------------
def _furniture(truth: Truth, pages: int) -> list[str]:
    job = truth.meta["job"]
    labels = [f"{page}/{pages}" for page in range(1, pages + 1)]
    return [truth.symbol, job, f"*{job.replace('-', '')}*", "Distr.:", "Agenda item", *labels]


def expected_document(truth: Truth, record: dict) -> Expected:
    words = [word for para in truth.paras for word in para.words]
    return Expected(
        words=[word.text for word in words],
        markers=[(n, i) for i, word in enumerate(words) for n in word.markers],
        sites=[(site["kind"], site["word"]) for site in record["hyphen_sites"]],
        notes={
            n: {"text": note.text, "resolved": note.resolved, "ibid_of": note.ibid_of}
            for n, note in truth.notes.items()
        },
        furniture=_furniture(truth, len(record["pages"])),
    )


def expected_dump(truth: Truth, record: dict, dump: dict) -> Expected:
    """A dump is one page: its words, its markers, and the notes that start on it.

    An Ibid. whose chain reaches a note printed on another page cannot be resolved from the page
    alone: the right answer there is to leave it open (resolved null).
    """
    words = [word for para in truth.paras for word in para.words]
    on_page = dump["words"]
    position = {index: k for k, index in enumerate(on_page)}
    notes = {}
    for n in dump["notes"]:
        note = truth.notes[n]
        resolved = note.resolved
        chain = n
        while truth.notes[chain].ibid_of is not None:
            chain = truth.notes[chain].ibid_of
            if chain not in dump["notes"]:
                resolved = None
                break
        notes[n] = {"text": note.text, "resolved": resolved, "ibid_of": note.ibid_of}
    return Expected(
        words=[words[i].text for i in on_page],
        markers=[(n, position[i]) for i in on_page for n in words[i].markers],
        sites=[],
        notes=notes,
        furniture=_furniture(truth, len(record["pages"])),
    )


# systems ---------------------------------------------------------------------------------------
def ibidem_output(path: Path) -> tuple[str, dict[int, dict]] | None:
    try:
        record = to_record(clean_file(path))
    except InputError:
        return None
    notes = {note["number"]: note for note in record["footnotes"] if note["number"] is not None}
    return record["text"], notes


def pdfplumber_text(path: Path, **options: float) -> str:
    with pdfplumber.open(path) as pdf:
        return "\n".join(page.extract_text(**options) or "" for page in pdf.pages)


def pdftotext(path: Path) -> str:
    return subprocess.run(
        ["pdftotext", "-enc", "UTF-8", str(path), "-"], capture_output=True, text=True, check=True
    ).stdout


BASELINES = {
    "pdfplumber extract_text()": lambda p: pdfplumber_text(p),
    "pdfplumber x_tolerance=1": lambda p: pdfplumber_text(p, x_tolerance=1),
    "pdftotext": pdftotext,
}


# the generated benchmark -----------------------------------------------------------------------
def build_inputs() -> list[tuple[Truth, dict, list[dict]]]:
    for folder in ("born", "scan", "dump"):
        (OUT / folder).mkdir(parents=True, exist_ok=True)
    built = []
    for index, truth in enumerate(load_all()):
        record = generate(truth, index, OUT / "born")
        make_scan(
            OUT / "born" / f"{truth.doc_id}.pdf",
            OUT / "scan" / f"{truth.doc_id}.pdf",
            cache.folder("ocr"),
            index,
        )
        dumps = make_dumps(truth, record, OUT / "dump", index)
        built.append((truth, record, dumps))
    return built


def score_generated(built) -> tuple[dict[str, dict[str, Counts]], list[tuple[str, str, Counts]]]:
    """Pooled counts per input kind and system, and ibidem's counts per input."""
    results: dict[str, dict[str, Counts]] = {
        "born-digital": {},
        "scanned": {},
        "dump": {},
        "whole dump": {},
    }
    per_input: list[tuple[str, str, Counts]] = []
    for scored in parallel.map_ordered(score_document, built):
        for kind, system, counts, name in scored:
            results[kind].setdefault(system, Counts()).add(counts)
            if system == "ibidem":
                per_input.append((kind, name, counts))
    return results, per_input


def score_document(built_one) -> list[tuple[str, str, Counts, str]]:
    """Every input made of one generated document, scored for ibidem and the baselines:
    (input kind, system, counts, input name)."""
    truth, record, dumps = built_one
    scored: list[tuple[str, str, Counts, str]] = []
    expected = expected_document(truth, record)
    for kind, folder in (("born-digital", "born"), ("scanned", "scan")):
        path = OUT / folder / f"{truth.doc_id}.pdf"
        output = ibidem_output(path)
        text, notes = output if output else ("", {})
        counts = score_body(expected, text)
        counts.add(score_notes(expected, notes))
        counts.failed += output is None
        scored.append((kind, "ibidem", counts, truth.doc_id))
        baselines = (
            BASELINES
            if kind == "born-digital"
            else {"raw OCR layer (pdfplumber)": BASELINES["pdfplumber extract_text()"]}
        )
        for name, extract in baselines.items():
            scored.append((kind, name, score_body(expected, extract(path), with_markers=False), ""))
    for dump in dumps:
        path = OUT / "dump" / f"{dump['name']}.txt"
        ibidem, raw = _score_dump(expected_dump(truth, record, dump), path)
        scored += [("dump", "ibidem", ibidem, dump["name"]), ("dump", "raw dump", raw, "")]
    # The whole document as one dump, one page a line: its truth is the document's (no
    # line-break hyphens: a dump's words are whole).
    path = OUT / "dump" / f"{truth.doc_id}.txt"
    ibidem, raw = _score_dump(replace(expected, sites=[]), path)
    scored += [("whole dump", "ibidem", ibidem, truth.doc_id), ("whole dump", "raw dump", raw, "")]
    return scored


def _score_dump(expected: Expected, path: Path) -> tuple[Counts, Counts]:
    """ibidem's counts on a dump, and the raw dump's own."""
    output = ibidem_output(path)
    text, notes = output if output else ("", {})
    counts = score_body(expected, text)
    counts.add(score_notes(expected, notes))
    counts.failed += output is None
    return counts, score_body(expected, path.read_text("utf-8"), with_markers=False)


# real documents --------------------------------------------------------------------------------
WORD_RE = re.compile(r"[A-Za-z]+(?:['’][a-z]+)?")


def out_of_lexicon(text: str, words: Container[str]) -> tuple[int, Counter[str]]:
    tokens = [t.lower() for t in WORD_RE.findall(re.sub(r"\[\^\d+\]", " ", text))]
    missing = Counter(t for t in tokens if t not in words and len(t) > 1)
    return len(tokens), missing


def read_real(path: Path) -> tuple[Document | InputError, str]:
    """One real input cleaned (its pages from the benchmark's cache), and a PDF's raw
    pdfplumber text, the baseline of the lexicon count."""
    try:
        document: Document | InputError = clean_file(path, cache_dir=cache.folder("pages"))
    except InputError as error:
        document = error
    return document, pdfplumber_text(path) if path.suffix == ".pdf" else ""


def real_documents(documents: list[tuple[Path, object]], raw_texts: list[str]) -> dict:
    """Lexicon share and furniture left in the body, ibidem against raw pdfplumber text."""
    # symspellpy's English dictionary and the UN lexicon; not the corpus words, which are read
    # from these same PDFs.
    words = english().keys() | un_words()
    totals = {"ibidem_tokens": 0, "ibidem_oov": 0, "raw_tokens": 0, "raw_oov": 0}
    splits: list[Edit] = []
    oov: Counter[str] = Counter()
    leaks = 0
    for (path, document), raw_text in zip(documents, raw_texts, strict=True):
        if path.suffix != ".pdf" or not isinstance(document, Document):
            continue
        text = to_record(document)["text"]
        # Born-digital text has no glued words: every split the dump/OCR rule would make is false.
        split_glued_words(text, 0, Lexicon(), splits)
        count, missing = out_of_lexicon(text, words)
        totals["ibidem_tokens"] += count
        totals["ibidem_oov"] += sum(missing.values())
        oov.update(missing)
        raw_count, raw_missing = out_of_lexicon(raw_text, words)
        totals["raw_tokens"] += raw_count
        totals["raw_oov"] += sum(raw_missing.values())
        leaks += len(FURNITURE_RE.findall(text))
    return {
        **totals,
        "furniture_in_body": leaks,
        "false_splits": [edit.before for edit in splits],
        "top_oov": oov.most_common(40),
    }


def qa_reports(documents: list[tuple[Path, object]]) -> str:
    """The QA pages for the real corpus: statuses, open questions, render time and size."""
    statuses: Counter[str] = Counter()
    timings: list[float] = []
    sizes: list[int] = []
    rows = []
    open_edits = issues = 0
    for path, document in documents:
        if not isinstance(document, Document):
            rows.append(qa.failure_summary(path.name, str(document)))
            statuses["failed"] += 1
            continue
        started = time.perf_counter()
        html = qa.render_report(document, path.name)
        timings.append(time.perf_counter() - started)
        sizes.append(len(html.encode("utf-8")))
        row = qa.summary(document)
        rows.append(row)
        statuses[row["status"]] += 1
        open_edits += row["open_edits"]
        issues += row["issues"]["error"] + row["issues"]["warning"]
    timings.sort()
    sizes.sort()
    index = len(qa.render_index(rows).encode("utf-8"))
    return (
        f"{len(documents)} inputs (the 48 PDFs and the 2 seed dumps): "
        + ", ".join(f"{statuses[state]} {state}" for state in qa.STATUSES)
        + f"; {issues} errors and warnings and {open_edits} edits awaiting a decision in all.\n"
        f"- report render time per document: median {timings[len(timings) // 2] * 1000:.1f} ms,"
        f" max {timings[-1] * 1000:.1f} ms; report size: median {sizes[len(sizes) // 2] // 1024} "
        f"KB, max {sizes[-1] // 1024} KB; the index of all {len(rows)}: {index // 1024} KB."
    )


FURNITURE_RE = re.compile(r"\b\d{2}-\d{5}\b|\*\d{7}\*|^\d{1,3}/\d{1,3}$", re.MULTILINE)


CORPUS_NOTES = """\
Columns: the highest footnote number printed, numbered footnotes found, markers in the body,
markers linked to a footnote, Ibid. footnotes resolved and left open, issues (info left out).
- The dumps are single pages: `000_…` is page 2 of A/RES/78/228 (footnotes 2–9), `001_…` page 2
  of A/RES/70/179 (footnotes 6–9). Its three open Ibid. footnotes (6, 7, 8) repeat footnote 5,
  which is printed on page 1 and not in the dump: left open with an issue, by design.
- The documents with 0 footnotes print none (A/80/L.30, L.32, L.38 and A/RES/78/127 have only a
  "*" note or no note; asterisk notes are kept with `number: null`).
- None of the 48 PDFs has a footnote that continues onto the next page (every footnote zone starts
  with a numbered note); continuation is measured on the generated documents and tested on lines."""


# report ----------------------------------------------------------------------------------------
METRICS = [
    ("cer", "body CER", "{:.4f}"),
    ("wer", "body WER", "{:.4f}"),
    ("words_intact", "words intact", "{:.4f}"),
    ("split_word_rate", "split-word rate", "{:.5f}"),
    ("false_joins", "false joins", "{:.0f}"),
    ("hyphen_precision", "line-break hyphen precision", "{:.3f}"),
    ("hyphen_recall", "line-break hyphen recall", "{:.3f}"),
    ("real_hyphens_removed", "real hyphens removed", "{:.0f}"),
    ("leaks", "header/footer/page/job leaks", "{:.0f}"),
    ("marker_precision", "marker precision", "{:.3f}"),
    ("marker_recall", "marker recall", "{:.3f}"),
    ("marker_f1", "marker F1", "{:.3f}"),
    ("footnote_exact", "footnote body exact", "{:.3f}"),
    ("ibid_accuracy", "Ibid. resolution accuracy", "{:.3f}"),
    ("ibid_of_accuracy", "ibid_of accuracy", "{:.3f}"),
]


def accuracy_table(results: dict[str, dict[str, Counts]]) -> str:
    columns = [(kind, system) for kind, systems in results.items() for system in systems]
    header = "| metric | " + " | ".join(f"{kind}: {system}" for kind, system in columns) + " |"
    lines = [header, "|---|" + "---:|" * len(columns)]
    all_rates = {column: rates(results[column[0]][column[1]]) for column in columns}
    for key, label, fmt in METRICS:
        cells = []
        for column in columns:
            value = all_rates[column][key]
            cells.append("—" if value is None else fmt.format(value))
        lines.append(f"| {label} | " + " | ".join(cells) + " |")
    extra = []
    for kind, systems in results.items():
        counts = systems["ibidem"]
        extra.append(
            f"- {kind}: {counts.documents} inputs, {counts.words} words, {counts.breaks} "
            f"line-break hyphens and {counts.real_hyphens} real hyphens at line ends, "
            f"{counts.markers_true} "
            f"markers, {counts.notes_true} footnotes, {counts.ibids} Ibid.; ibidem failed on "
            f"{counts.failed}."
        )
    return "\n".join(lines) + "\n\n" + "\n".join(extra)


#: The per-input table: a subset of METRICS under short labels, in the same number formats.
PER_INPUT = [
    ("cer", "CER"),
    ("wer", "WER"),
    ("split_word_rate", "split"),
    ("hyphen_recall", "hyphen R"),
    ("leaks", "leaks"),
    ("marker_f1", "marker F1"),
    ("footnote_exact", "notes exact"),
    ("ibid_accuracy", "Ibid."),
]


def per_input_table(per_input: list[tuple[str, str, Counts]]) -> str:
    """ibidem's scores on each generated input."""
    formats = {key: fmt for key, _, fmt in METRICS}
    lines = [
        "| kind | input | " + " | ".join(label for _, label in PER_INPUT) + " |",
        "|---|---|" + "---:|" * len(PER_INPUT),
    ]
    for kind, name, counts in per_input:
        values = rates(counts)
        cells = [
            "—" if values[key] is None else formats[key].format(values[key]) for key, _ in PER_INPUT
        ]
        lines.append(f"| {kind} | {name} | " + " | ".join(cells) + " |")
    return "\n".join(lines)


def hard_cases(built) -> str:
    """What the generated corpus contains of the cases that are hard to get right."""
    counts: Counter[str] = Counter()
    for _, record, dumps in built:
        counts.update(record["features"])
        counts.update(f"{site['kind']} hyphen" for site in record["hyphen_sites"])
        counts["soft-hyphen document"] += record["style"]["soft_hyphens"]
        counts["dump split word"] += sum(len(dump["splits"]) for dump in dumps)
    names = {
        "break hyphen": "line-break hyphens (pyphen)",
        "compound hyphen": "real compounds broken at their hyphen",
        "suspended hyphen": "suspended hyphens at a line end",
        "continued": "documents with a note continued on the next page",
        "ibid_first": "documents with an Ibid. opening a page's notes",
        "soft-hyphen document": "documents breaking with soft hyphens",
        "dump split word": "words split by a space in the dumps",
    }
    return (
        "- hard cases in the generated corpus: "
        + ", ".join(f"{counts[key]} {label}" for key, label in names.items())
        + "."
    )


# sections ----------------------------------------------------------------------------------------
#: What each section describes before its table: how its inputs were made and what is counted.
GENERATED = (
    "Ten documents written for the benchmark (`bench/sources/`), typeset by `bench/generate.py`"
    " as born-digital PDFs (Times or DejaVu Serif, 9.5–11 pt, Letter or A4, pyphen line breaks "
    "and soft hyphens in some), the same pages scanned (rendered at 200 dpi, blurred, noised, "
    "rotated up to 0.6°, OCR by ocrmypdf/tesseract) and as raw dumps in the seeds' format, "
    "one per page and the whole document with one page a line (one long word in about 100 "
    "split by a space, numbers listed apart or interleaved with one displaced). Pooled over "
    "documents. Baselines are scored on their whole text, "
    "so what they leave in (headers, footnotes, markers glued to words) counts against them; "
    "markers and footnotes are not scored for plain extractors (—)."
)
LAYOUTS = (
    "Forty documents of `bench/layouts.py` (seeds 1-40): paper, margins, body 9-12.5 pt and "
    "leading, notes at 70-95 % of the body, marker size and lift, separator (drawn rule, "
    "underscores, none), note label (raised, `1`, `1.`, `1/`), indented or full-width notes, "
    "serif or sans, headers and footers mirrored on even pages, page numbers as `n/N`, "
    "`Page n`, `- n -` or bare, Geneva or New York job numbers, one or two columns (with "
    "the notes across the foot of the page or at the foot of each column). Notes exact: "
    "number, text and page; body WER: the body's words in reading order."
)
VARIED_TEXT = (
    "Real documents of other series, eras and tribunals (`../shared/corpus/varied`, "
    "`python -m bench.varied`), against the highest note number each prints (INDEX.csv). "
    'Found and linked count note numbers 1..printed; "numbers twice" are notes whose '
    "number another note already has (appended opinions that restart their numbering)."
)
CITATIONS = (
    "Notes holding a reference of each form, and how many of them are resolved "
    "(`python -m bench.varied`); every open one has an `ibid-unresolved` issue with its "
    "reason."
)
FORMS = (
    "Each PDF made into text dumps — `pdftotext`, `pdftotext -layout`, and the seeds' "
    "flattened form (one line per page) — and each cleaned as a dump, scored against the same "
    "PDF's own result (`python -m bench.forms [PDF ...]`)."
)


def generated_section() -> dict[str, str]:
    built = build_inputs()
    results, per_input = score_generated(built)
    return {
        "generated": GENERATED + "\n\n" + accuracy_table(results) + "\n" + hard_cases(built),
        "generated-inputs": per_input_table(per_input),
    }


def layouts_section() -> dict[str, str]:
    return {"layouts": LAYOUTS + "\n\n" + layouts.table(OUT / "layouts")}


def varied_section() -> dict[str, str]:
    records = varied.records()
    return {
        "varied": VARIED_TEXT + "\n\n" + varied.table(cleaned=records),
        "varied-citations": CITATIONS + "\n\n" + varied.citation_table(cleaned=records),
    }


def forms_section() -> dict[str, str]:
    return {
        f"forms-{corpus.name}": f"{FORMS} Corpus: `{corpus.name}`.\n\n"
        + forms.table(forms.score_forms(sorted(corpus.glob("*.pdf"))))
        for corpus in (CORPUS, varied.VARIED)
    }


def real_section() -> dict[str, str]:
    paths = sorted(CORPUS.glob("*.pdf")) + sorted(SEEDS.glob("*.txt"))
    read = parallel.map_ordered(read_real, paths, cost=lambda path: path.stat().st_size)
    documents = [(path, document) for path, (document, _) in zip(paths, read, strict=True)]
    real = real_documents(documents, [raw for _, raw in read])
    raw_share = real["raw_oov"] / max(1, real["raw_tokens"])
    ibidem_share = real["ibidem_oov"] / max(1, real["ibidem_tokens"])
    lexicon = (
        f"- body words outside the lexicon (symspellpy's English dictionary and the UN lexicon "
        f"`cleaners/data/un_lexicon.txt`): ibidem {ibidem_share:.4f} "
        f"({real['ibidem_oov']} of {real['ibidem_tokens']}); raw pdfplumber `extract_text()` "
        f"of the same pages {raw_share:.4f} ({real['raw_oov']} of {real['raw_tokens']}).\n"
        f"- job numbers, barcodes or page numbers left in the body: {real['furniture_in_body']}.\n"
        f"- glued-word splits the dump/OCR rule would make in ibidem's text (all would be false, "
        f"the text is born-digital): {len(real['false_splits'])} in {real['ibidem_tokens']} "
        f"words {real['false_splits'][:10]}.\n"
        "- the most frequent out-of-lexicon words in ibidem's output, for review:\n\n  "
        + ", ".join(f"{word} ({count})" for word, count in real["top_oov"])
    )
    return {
        "corpus": corpus_report.report_documents(documents) + "\n\n" + CORPUS_NOTES,
        "corpus-lexicon": lexicon,
        "qa-reports": qa_reports(documents),
    }


def speed_section(full: bool) -> dict[str, str]:
    pdfs = sorted(CORPUS.glob("*.pdf"))
    long_document = CORPUS / "A_RES_78_69.pdf"
    if full:
        return {"speed-full": speed.table(speed.measure(pdfs, long_document))}
    return {"speed": speed.table(speed.measure_short(pdfs, long_document))}


def operations_section(full: bool) -> dict[str, str]:
    pdfs = sorted(CORPUS.glob("*.pdf"))
    if full:
        varied_pdfs = sorted(varied.VARIED.glob("*.pdf"))
        return {"operations-full": operations.table(operations.measure(pdfs, varied_pdfs))}
    return {"operations": operations.table(operations.measure_short(pdfs))}


def sections(full: bool) -> list[tuple[str, Callable[[], dict[str, str]]]]:
    """What each command runs, in order: `make bench` every accuracy section and short speed
    runs; `make bench-full` the long speed and scale runs."""
    if full:
        return [
            ("speed-full", lambda: speed_section(full=True)),
            ("operations-full", lambda: operations_section(full=True)),
        ]
    return [
        ("generated", generated_section),
        ("layouts", layouts_section),
        ("varied", varied_section),
        ("forms", forms_section),
        ("real", real_section),
        ("speed", lambda: speed_section(full=False)),
        ("operations", lambda: operations_section(full=False)),
    ]


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--write", type=Path, help="also update these blocks of this file")
    parser.add_argument(
        "--full", action="store_true", help="the long speed and scale runs (make bench-full)"
    )
    parser.add_argument(
        "--section",
        action="append",
        choices=[label for full in (False, True) for label, _ in sections(full)],
        help="run this section only (repeatable): its blocks are updated, no others",
    )
    args = parser.parse_args(argv)
    command = "make bench-full" if args.full else "make bench"
    chosen = sections(args.full)
    if args.section:
        chosen = [
            (label, make)
            for full in (False, True)
            for label, make in sections(full)
            if label in args.section
        ]
        command = "python -m bench.run " + " ".join(f"--section {s}" for s in args.section)
    commit = subprocess.run(
        ["git", "-C", str(REPO), "log", "-1", "--format=%h"], capture_output=True, text=True
    ).stdout.strip()
    started = time.monotonic()
    blocks: list[Block] = []
    durations: list[tuple[str, float]] = []
    for label, make in chosen:
        section_started = time.monotonic()
        made = make()
        seconds = time.monotonic() - section_started
        durations.append((label, seconds))
        blocks += [
            Block(name, markdown, command, commit, seconds) for name, markdown in made.items()
        ]
        print(f"bench: {label}: {seconds / 60:.1f} min", file=sys.stderr, flush=True)
    elapsed = time.monotonic() - started
    summary = "\n".join(
        ["| section | minutes |", "|---|---:|"]
        + [f"| {label} | {seconds / 60:.1f} |" for label, seconds in durations]
        + [f"| **all** | {elapsed / 60:.1f} |"]
    )
    if not args.section:  # the time of a whole command, not of a section run alone
        name = "runs-full" if args.full else "runs"
        blocks.append(Block(name, summary, command, commit, elapsed))
    text = "\n\n".join(block.text() for block in blocks)
    print(text)
    if args.write:
        existing = args.write.read_text("utf-8") if args.write.exists() else "# Benchmarks\n"
        args.write.write_text(merge(existing, blocks), encoding="utf-8")
    print(f"{command}: {elapsed / 60:.1f} min in all", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
