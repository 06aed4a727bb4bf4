"""The QA report and the batch index (`cleaners.qa`), rendered for real documents."""

from __future__ import annotations

import copy
import json
import re
from html.parser import HTMLParser

from cleaners import qa
from cleaners.model import Issue, edit_ids


class Rows(HTMLParser):
    """The rows of each table of a page, by table id, as lists of cell texts."""

    def __init__(self) -> None:
        super().__init__()
        self.tables: dict[str, list[list[str]]] = {}
        self.links: list[str] = []
        self._table: str | None = None
        self._row: list[str] | None = None
        self._in_body = False

    def handle_starttag(self, tag, attrs):
        attributes = dict(attrs)
        if tag == "table":
            self._table = attributes.get("id")
            self.tables[self._table] = []
        elif tag == "tbody":
            self._in_body = True
        elif tag == "tr" and self._in_body:
            self._row = []
        elif tag == "td" and self._row is not None:
            self._row.append("")
        elif tag == "a":
            self.links.append(attributes["href"])

    def handle_endtag(self, tag):
        if tag == "tbody":
            self._in_body = False
        elif tag == "tr" and self._row is not None:
            self.tables[self._table].append([" ".join(cell.split()) for cell in self._row])
            self._row = None

    def handle_data(self, data):
        if self._row:
            self._row[-1] += data


def parse(html: str) -> Rows:
    rows = Rows()
    rows.feed(html)
    return rows


def test_report_of_a_born_digital_resolution(res_78_228):
    html = qa.render_report(res_78_228, "../raw/A_RES_78_228.pdf")
    page = parse(html)
    assert len(page.tables["footnote-table"]) == len(res_78_228.footnotes) == 34
    assert all(row[-1] == "linked" for row in page.tables["footnote-table"])
    assert len(page.tables["edit-table"]) == len(res_78_228.edits)
    # The one undecided hyphen is the first edit, shown in its words, awaiting a decision.
    first = page.tables["edit-table"][0]
    assert first[3] == "undecided-kept" and first[-1] == "awaiting decision"
    assert "law enforcement, front-⏎linefront-line service providers" in first[5]
    (issue,) = page.tables["issue-table"]
    assert issue[:3] == ["info", "hyphen-undecided", "11"]
    assert "../raw/A_RES_78_228.pdf#page=11" in page.links
    assert set(edit_ids(res_78_228.edits)) <= set(re.findall(r'id="(e[0-9a-f]{8}(?:-\d+)?)"', html))
    assert 'id="status">needs review<' in html


def test_report_of_a_dump_shows_the_ibid_chain_and_the_marker_sentences(dump_70_179):
    page = parse(qa.render_report(dump_70_179, "../raw/dump.txt"))
    notes = {row[0]: row for row in page.tables["footnote-table"]}
    assert notes["8"][3] == "unresolved" and notes["8"][4] == "8 → 7 → 6 → 5"
    assert notes["8"][5] == "p. 2: and Institutions and Practices Similar to Slavery,[^8]"
    assert [row[0] for row in page.tables["issue-table"]] == ["warning"] * 3 + ["info"]
    # A dump has no pages to jump to: every link goes to the file itself.
    assert set(page.links) == {"../raw/dump.txt"}


def test_document_text_is_shown_as_text_never_run(res_78_228):
    hostile = copy.deepcopy(res_78_228)
    hostile.footnotes[0].text = '<script>alert(1)</script><img src=x onerror="alert(2)">'
    hostile.paragraphs[0].text += ' <a href="javascript:alert(3)">x</a>'
    hostile.issues.append(Issue("warning", "x", "</td><script>alert(4)</script>", 1, "<b>"))
    html = qa.render_report(hostile, "../raw/A_RES_78_228.pdf")
    assert "<script" not in html and "<img" not in html and "<b>" not in html
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in html
    assert "default-src 'none'" in html  # and the page forbids scripts altogether


def test_reports_are_byte_identical_from_run_to_run(dump_70_179, tmp_path):
    first = qa.write_report(dump_70_179, tmp_path / "a").read_bytes()
    assert first == qa.write_report(copy.deepcopy(dump_70_179), tmp_path / "b").read_bytes()


def test_the_index_lists_worst_first_and_a_rerun_replaces_its_row(
    res_78_228, dump_70_179, dump_78_228, tmp_path
):
    failure = qa.failure_summary("raw/broken.pdf", "broken.pdf: named .pdf but is not a PDF")
    qa.write_index(tmp_path, [qa.summary(d) for d in (dump_78_228, res_78_228, dump_70_179)])
    qa.write_index(tmp_path, [failure])
    record = json.loads((tmp_path / "qa-summary.json").read_text())
    assert [row["status"] for row in record["documents"]] == [
        "failed",
        "needs review",
        "needs review",
        "clean",
    ]
    assert record["documents"][1]["doc_id"] == "A_RES_70_179_p2"  # 3 warnings before 1 open edit
    assert record["totals"]["documents"] == 4 and record["totals"]["footnotes"] == 34 + 8 + 4
    page = parse((tmp_path / "index.html").read_text())
    assert "broken.pdf: named .pdf but is not a PDF" in page.tables["document-table"][0][2]
    assert "A_RES_78_228.qa.html" in page.links

    fixed = copy.deepcopy(res_78_228)
    fixed.issues.clear()
    fixed.edits[:] = [e for e in fixed.edits if e.rule != "undecided-kept"]
    qa.write_index(tmp_path, [qa.summary(fixed)])
    rows = json.loads((tmp_path / "qa-summary.json").read_text())["documents"]
    assert len(rows) == 4
    assert next(r for r in rows if r["doc_id"] == "A_RES_78_228")["status"] == "clean"


def test_markdown_summary_escapes_document_text(dump_70_179):
    text = qa.markdown_summary(dump_70_179)
    assert text.startswith("## A/RES/70/179: needs review")
    assert "| 1 | 20 | 0 | 4/4 | 0/3 | 0 | 3 | 1 |" in text
    assert "Footnote 6 \\(Ibid., vol. 2237" in text
