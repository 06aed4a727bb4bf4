"""The varied corpus (../shared/corpus/varied): real documents of other UN series, eras and
tribunals, against the note count printed in each (INDEX.csv), with furniture left in the text.

    python -m bench.varied    # prints the tables; pages are cached (bench/cache.py)
"""

from __future__ import annotations

import csv
import re
from collections import Counter
from collections.abc import Callable
from pathlib import Path

from bench import cache, parallel
from cleaners.canonical import to_record
from cleaners.model import REFERENCES
from cleaners.pipeline import InputError, clean_file

VARIED = Path(__file__).parent.parent.parent / "shared" / "corpus" / "varied"
#: As tests/real/test_varied.py counts them: a job number with its language letter or the
#: Geneva prefix; a line that is only a page number.
JOB_LEAK = re.compile(r"\bGE\.\d{2}-\d{5}\b|\b\d{2}-\d{5}\s?\([A-Z]\)")
PAGE_LEAK = re.compile(r"(?m)^(?:\d{1,3}/\d{1,3}|Page \d{1,4}|- \d{1,4} -)$")
IMPRINT = re.compile(r"Printed at United Nations[^\n]*")


def records(folder: Path = VARIED) -> list[tuple[dict[str, str], dict | str]]:
    """Each INDEX.csv row with its record, or the error that refused it."""
    rows = list(csv.DictReader((folder / "INDEX.csv").open(encoding="utf-8")))
    jobs = [(row, folder / row["file"]) for row in rows]
    return parallel.map_ordered(record_or_error, jobs, cost=lambda job: job[1].stat().st_size)


def record_or_error(job: tuple[dict[str, str], Path]) -> tuple[dict[str, str], dict | str]:
    row, path = job
    try:
        return row, to_record(clean_file(path, cache_dir=cache.folder("pages")))
    except InputError as error:
        return row, str(error)


#: What each row of the citations table counts: notes (or in-text brackets) with a part of
#: this form, and of them how many are resolved.
FORMS: tuple[tuple[str, Callable[[dict, dict], bool]], ...] = (
    ("Ibid./Id. notes (every form)", lambda note, part: part["kind"] == "ibid"),
    (
        '… printed "Id.", "Idem" or "Ibidem"',
        lambda note, part: (
            part["kind"] == "ibid" and re.match(r"(?i)id\.|idem|ibidem", part["text"]) is not None
        ),
    ),
    (
        '… under a signal ("See ibid.", "Cf. ibid.")',
        lambda n, p: p["kind"] == "ibid" and bool(p["signal"]),
    ),
    (
        "… after another citation in the same note",
        lambda note, part: part["kind"] == "ibid" and note["citations"].index(part) > 0,
    ),
    (
        '… with an explanation ("Ibid., citing …")',
        lambda note, part: (
            part["kind"] == "ibid"
            and re.search(
                r"(?i)^\W*(?:referring to|citing|quoting|\()", part["fields"].get("details", "")
            )
            is not None
        ),
    ),
    ("supra / op. cit. by title", lambda note, part: part["kind"] == "supra"),
    ('"see note N", "supra fn N", "above, note N"', lambda n, p: p["kind"] == "footnote"),
    (
        'notes of several ";"-parts with a reference',
        lambda note, part: part["kind"] in REFERENCES and len(note["citations"]) > 1,
    ),
)


def citation_table(folder: Path = VARIED, cleaned: list | None = None) -> str:
    """References resolved per form over the varied corpus, and the citation kinds found."""
    counts: dict[str, list[int]] = {name: [0, 0] for name, _ in FORMS}
    kinds: Counter[str] = Counter()
    in_text = [0, 0]
    for _, record in cleaned if cleaned is not None else records(folder):
        if isinstance(record, str):
            continue
        for note in record["footnotes"]:
            kinds.update(part["kind"] for part in note["citations"])
            for name, form in FORMS:
                if any(form(note, part) for part in note["citations"]):
                    counts[name][0] += 1
                    counts[name][1] += note["resolved"] is not None
        for entry in record.get("citations_in_text", []):
            if entry["kind"] == "ibid":
                in_text[0] += 1
                in_text[1] += entry["resolved"] is not None
    rows = [
        "| form | notes | resolved | left open (each with its reason) |",
        "|---|---:|---:|---:|",
    ]
    for name, (total, resolved) in [*counts.items(), ('in-text "(ibid., para. N)"', in_text)]:
        share = f" ({resolved / total:.1%})" if total else ""
        rows.append(f"| {name} | {total} | {resolved}{share} | {total - resolved} |")
    rows.append("")
    rows.append(
        "Citation parts found, by kind: "
        + ", ".join(f"{kind} {count}" for kind, count in sorted(kinds.items()))
        + "."
    )
    return "\n".join(rows)


def masthead_outcome(record: dict) -> str:
    """ "removed" (read into metadata and taken out of the text up to the title), "kept" (the
    symbol read, the title not found: the lines stay, with an issue), or "—" (no UN symbol:
    a judgment's or a publication's cover)."""
    if "symbol" not in record["metadata"]:
        return "—"
    if any(issue["code"] == "masthead-end-not-found" for issue in record["issues"]):
        return "kept"
    if any(edit["kind"] == "masthead" for edit in record["edits"]):
        return "removed"
    return "—"


def table(folder: Path = VARIED, cleaned: list | None = None) -> str:
    rows = [
        "| document | kind | pages | printed notes | found | linked | numbers twice "
        "| note sequences | job / page numbers left | masthead |",
        "|---|---|---:|---:|---:|---:|---:|---:|---:|---|",
    ]
    complete = with_notes = leaks_total = 0
    mastheads: Counter[str] = Counter()
    for row, record in cleaned if cleaned is not None else records(folder):
        if isinstance(record, str):
            rows.append(f"| {row['file']} | {row['kind']} | | | | | | | failed: {record} | |")
            continue
        printed = int(row["footnote_estimate"])
        expected = set(range(1, printed + 1))
        keys = [(n.get("sequence", 1), n["number"]) for n in record["footnotes"] if n["number"]]
        markers = {int(n) for n in re.findall(r"\[\^(\d+)\]", record["text"])}
        sequences = len({sequence for sequence, _ in keys})
        found = {number for sequence, number in keys if sequence == 1} & expected
        linked = found & markers
        text = IMPRINT.sub("", record["text"])
        leaks = len(JOB_LEAK.findall(text)) + len(PAGE_LEAK.findall(text))
        leaks_total += leaks
        if printed:
            with_notes += 1
            complete += len(linked) >= 0.98 * printed
        masthead = masthead_outcome(record)
        mastheads[masthead] += 1
        rows.append(
            f"| {row['file']} | {row['kind']} | {row['pages']} | {printed} | {len(found)} "
            f"| {len(linked)} | {len(keys) - len(set(keys))} | {sequences} | {leaks} "
            f"| {masthead} |"
        )
    rows.append("")
    rows.append(
        f"{complete} of {with_notes} documents with notes have ≥ 98 % of their printed notes "
        f"found and linked; {leaks_total} job or page numbers left in all; of the "
        f"{mastheads['removed'] + mastheads['kept']} with a UN masthead, "
        f"{mastheads['removed']} have it read and removed up to the title."
    )
    return "\n".join(rows)


if __name__ == "__main__":
    every = records(VARIED)
    print(table(cleaned=every))
    print()
    print(citation_table(cleaned=every))
