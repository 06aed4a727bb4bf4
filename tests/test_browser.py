"""The QA pages in a real browser: headless Chromium (Debian's) driven by Playwright.

Opens a report and the index as an editor does (from disk), fails on any console error, checks
that the rows are there and that the CSS filters work, that document text which looks like
script never runs, and saves the screenshot the README shows.
"""

from __future__ import annotations

import copy
import shutil
from pathlib import Path

import pytest

from cleaners import qa

from .conftest import REPO

pytestmark = pytest.mark.browser

CHROMIUM = shutil.which("chromium") or "/usr/bin/chromium"
#: Flags for a root user on a machine with no network (see docs/architecture.md).
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]
SCREENSHOT = REPO / "docs" / "images" / "qa-report.png"


@pytest.fixture(scope="module")
def browser():
    from playwright.sync_api import sync_playwright

    if not Path(CHROMIUM).is_file():
        pytest.fail(f"Chromium is missing at {CHROMIUM}: `make test` installs it (apt chromium)")
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        yield browser
        browser.close()


@pytest.fixture
def page(browser):
    """A page that records every console error, page error and dialog."""
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    page = context.new_page()
    page.problems = []
    page.on("console", lambda m: m.type == "error" and page.problems.append(m.text))
    page.on("pageerror", lambda error: page.problems.append(str(error)))
    page.on("dialog", lambda dialog: (page.problems.append(dialog.message), dialog.dismiss()))
    yield page
    context.close()


@pytest.fixture(scope="module")
def pages(res_78_228, dump_70_179, tmp_path_factory) -> Path:
    out = tmp_path_factory.mktemp("clean")
    rows = []
    for document in (res_78_228, dump_70_179):
        qa.write_report(document, out)
        rows.append(qa.summary(document))
    qa.write_index(out, [*rows, qa.failure_summary("raw/x.pdf", "x.pdf: not a readable PDF")])
    return out


def _visible(page, selector: str) -> int:
    return sum(row.is_visible() for row in page.locator(selector).all())


def test_report_rows_and_filters(page, pages, res_78_228):
    page.goto((pages / "A_RES_78_228.qa.html").as_uri())
    assert page.locator("#status").inner_text() == "needs review"
    assert page.locator("#issue-table tbody tr").count() == len(res_78_228.issues) == 1
    assert page.locator("#footnote-table tbody tr").count() == 34
    assert _visible(page, "#footnote-table tr.link-linked") == 34
    edits = len(res_78_228.edits)
    furniture = sum(edit.kind == "furniture" for edit in res_78_228.edits)
    assert _visible(page, "#edit-table tbody tr") == edits
    page.screenshot(path=str(SCREENSHOT))

    page.get_by_label("furniture", exact=True).uncheck()
    assert _visible(page, "#edit-table tbody tr") == edits - furniture
    assert _visible(page, "#edit-table tr.kind-furniture") == 0
    page.get_by_label("furniture", exact=True).check()
    page.get_by_label("only edits awaiting a decision").check()
    assert _visible(page, "#edit-table tbody tr") == 1
    assert "front-" in page.locator("#edit-table tbody tr.open").inner_text()
    assert page.problems == []


def test_index_lists_worst_first_and_links_to_reports(page, pages):
    page.goto((pages / "index.html").as_uri())
    rows = page.locator("#document-table tbody tr")
    assert rows.count() == 3
    assert rows.nth(0).locator(".status").inner_text() == "failed"
    assert "x.pdf: not a readable PDF" in rows.nth(0).inner_text()
    page.get_by_role("link", name="A/RES/70/179").click()
    assert page.url.endswith("/A_RES_70_179_p2.qa.html")
    assert page.locator("#issue-table tbody tr").count() == 4
    assert page.locator("#footnote-table tbody tr").count() == 4
    assert page.problems == []


def test_script_in_a_document_is_shown_never_run(page, res_78_228, tmp_path):
    hostile = copy.deepcopy(res_78_228)
    hostile.footnotes[0].text = "<script>window.pwned = 1; alert('footnote')</script>"
    hostile.paragraphs[0].text += ' <img src=x onerror="window.pwned = 2">'
    hostile.paragraphs[0].text += ' <a id="js" href="javascript:window.pwned = 3">link</a>'
    hostile.metadata["title"] = "<iframe src=javascript:alert(1)></iframe>"
    report = qa.write_report(hostile, tmp_path)
    page.goto(report.as_uri())
    assert page.evaluate("window.pwned") is None
    assert page.locator("script, img, iframe, a#js").count() == 0
    assert "<script>window.pwned = 1;" in page.locator("#footnote-table").inner_text()
    assert page.problems == []
