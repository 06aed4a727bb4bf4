"""One document, three forms: each PDF cleaned as a PDF and as text dumps of it — `pdftotext`,
`pdftotext -layout`, and the seeds' flattened form (one line per page) — and each dump's result
scored against the PDF's own: body character error rate, markers, notes exact, Ibid. resolved.

    python -m bench.forms [PDF ...]    # default: ../shared/corpus/un; dumps cached (bench/cache.py)
"""

from __future__ import annotations

import functools
import hashlib
import re
import subprocess
import sys
from pathlib import Path

from bench import cache, parallel
from bench.score import Counts, Expected, rates, score_body, score_notes, tokens_and_markers
from cleaners.canonical import to_record, write_atomic
from cleaners.pipeline import InputError, clean_file

HERE = Path(__file__).parent
CORPUS = HERE.parent.parent / "shared" / "corpus" / "un"
FORMS = ("pdftotext", "pdftotext -layout", "flattened")


def make_dump(pdf: Path, form: str) -> str:
    """The PDF as a text dump of one form (poppler's pdftotext; pages end with a form feed)."""
    layout = ["-layout"] if form == "pdftotext -layout" else []
    text = subprocess.run(
        ["pdftotext", *layout, "-enc", "UTF-8", str(pdf), "-"],
        capture_output=True,
        text=True,
        check=True,
    ).stdout
    if form != "flattened":
        return text
    pages = [" ".join(page.split()) for page in text.split("\f")]
    return "\n".join(page for page in pages if page) + "\n"


def dump_file(pdf: Path, form: str) -> Path:
    """The dump, made once per PDF content, form and pdftotext version."""
    digest = hashlib.sha256(pdf.read_bytes())
    digest.update(f"{form} {pdftotext_version()}".encode())
    slug = re.sub(r"\W+", "-", form)
    path = cache.folder("forms") / f"{pdf.stem}.{slug}.{digest.hexdigest()[:16]}.txt"
    if not path.exists():
        path.parent.mkdir(parents=True, exist_ok=True)
        write_atomic(path, make_dump(pdf, form))
    return path


@functools.cache
def pdftotext_version() -> str:
    return subprocess.run(["pdftotext", "-v"], capture_output=True, text=True).stderr.strip()


def expected_from(record: dict) -> Expected:
    """The PDF's own result as the truth a dump of it is scored against."""
    words, markers = tokens_and_markers(record["text"])
    notes = {
        note["number"]: {k: note[k] for k in ("text", "resolved", "ibid_of")}
        for note in record["footnotes"]
        if note["number"] is not None and "sequence" not in note
    }
    return Expected(words, markers, [], notes, [])


def score_forms(pdfs: list[Path]) -> dict[str, Counts]:
    """Pooled counts per form over the PDFs."""
    pooled = {form: Counts() for form in FORMS}
    for counts in parallel.map_ordered(score_pdf, pdfs, cost=lambda pdf: pdf.stat().st_size):
        for form, form_counts in counts.items():
            pooled[form].add(form_counts)
    return pooled


def score_pdf(pdf: Path) -> dict[str, Counts]:
    """Each form of one PDF scored against the PDF's own result."""
    truth = expected_from(to_record(clean_file(pdf, cache_dir=cache.folder("pages"))))
    scored = {form: Counts() for form in FORMS}
    for form in FORMS:
        try:
            record = to_record(clean_file(dump_file(pdf, form)))
        except InputError:
            scored[form].failed += 1
            continue
        notes = {note["number"]: note for note in record["footnotes"] if note["number"] is not None}
        scored[form].add(score_body(truth, record["text"]))
        scored[form].add(score_notes(truth, notes))
    return scored


def table(pooled: dict[str, Counts]) -> str:
    rows = [
        "| form | documents | body CER | markers F1 | notes exact | Ibid. as from the PDF |",
        "|---|---:|---:|---:|---:|---:|",
    ]
    for form, counts in pooled.items():
        r = rates(counts)
        exact = counts.notes_exact / counts.notes_true if counts.notes_true else None
        ibids = counts.ibids_resolved_right / counts.ibids if counts.ibids else None
        rows.append(
            f"| {form} | {counts.documents} | {_f(r['cer'])} | {_f(r['marker_f1'])} "
            f"| {_f(exact)} | {_f(ibids)} |"
        )
    return "\n".join(rows)


def _f(value: float | None) -> str:
    return "–" if value is None else f"{value:.3f}"


if __name__ == "__main__":
    paths = [Path(arg) for arg in sys.argv[1:]] or sorted(CORPUS.glob("*.pdf"))
    print(table(score_forms(paths)))
