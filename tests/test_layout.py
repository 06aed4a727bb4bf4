import re

from cleaners.layout import split_layout
from cleaners.model import Page
from cleaners.pdf_reader import read_pdf
from tests.conftest import cleaned, corpus_pdf


def test_masthead_metadata_of_a_resolution(res_78_228):
    meta = res_78_228.metadata
    assert meta["symbol"] == "A/RES/78/228"
    assert meta["distribution"] == "General"
    assert meta["date"] == "22 December 2023"
    assert meta["session"] == "Seventy-eighth session"
    assert meta["agenda_item"] == "107"
    assert meta["agenda_title"] == "Crime prevention and criminal justice"
    assert meta["adopted"] == "19 December 2023"
    assert meta["title_line"] == (
        "78/228. Improving the coordination of efforts against trafficking in persons"
    )
    assert meta["title"] == "Improving the coordination of efforts against trafficking in persons"


def test_masthead_of_a_draft_lists_sponsors():
    meta = cleaned(corpus_pdf("A_C.3_80_L.20.pdf")).metadata
    assert meta["symbol"] == "A/C.3/80/L.20"
    assert meta["committee"] == "Third Committee"
    assert meta["document_type"] == "draft resolution"
    assert meta["sponsors"].startswith("Andorra, Antigua and Barbuda")
    assert meta["sponsors"].endswith("Venezuela (Bolivarian Republic of)")
    assert meta["title"] == "Rights of the child"


def test_amendment_without_opener_still_finds_its_title():
    doc = cleaned(corpus_pdf("A_80_L.30.pdf"))
    assert doc.metadata["document_type"] == "amendment to draft resolution A/80/L.25"
    assert doc.metadata["sponsors"] == "United States of America"
    assert doc.paragraphs[0].text.startswith("Strengthening of the coordination of emergency")
    assert doc.paragraphs[1].text.startswith("1. In the fourth preambular paragraph")


def test_reissued_symbol_drops_its_asterisk():
    assert cleaned(corpus_pdf("A_RES_78_68.pdf")).metadata["symbol"] == "A/RES/78/68"


def test_every_removed_line_is_an_edit(res_78_228):
    rules = {edit.rule for edit in res_78_228.edits}
    assert {
        "masthead",
        "running-header",
        "page-number",
        "job-number",
        "barcode",
        "footnote-separator",
    } <= rules
    removed = [edit.before for edit in res_78_228.edits]
    assert "23-25978 (E) 100124" in removed
    assert "*2325978*" in removed
    assert "2/13" in removed and "13/13" in removed
    assert "A/RES/78/228 Improving the coordination of efforts against trafficking in persons" in (
        removed
    )
    # Odd pages print the title first, then the symbol.
    assert "Improving the coordination of efforts against trafficking in persons A/RES/78/228" in (
        removed
    )


def test_footnote_zone_is_below_the_underscore_row():
    pages = read_pdf(corpus_pdf("A_RES_78_228.pdf"))[:2]
    layout = split_layout(pages)
    assert layout.body_size == 10.0
    page2 = [line.plain_text for line in layout.footnotes if line.page == 2]
    assert page2[0] == "2 Target 5.2." and page2[-1] == "9 Ibid., vol. 2133, No. 37245."
    assert not any(re.fullmatch(r"_+", line.plain_text) for line in layout.body)


def test_drawn_rule_separates_footnotes_when_there_is_no_underscore_row():
    doc = cleaned(corpus_pdf("A_80_L.30.pdf"))
    assert [(note.label, note.text) for note in doc.footnotes] == [
        (
            "*",
            "Any changes to the list of sponsors will be reflected in the official record of "
            "the meeting.",
        )
    ]
    assert "Any changes to the list of sponsors" not in "\n".join(p.text for p in doc.paragraphs)


def test_footnote_block_at_the_page_bottom_without_any_separator():
    page = read_pdf(corpus_pdf("A_RES_78_228.pdf"))[1]
    without = Page(
        page.number,
        page.width,
        page.height,
        tuple(line for line in page.lines if not line.plain_text.startswith("___")),
    )
    layout = split_layout([without])
    assert [line.plain_text for line in layout.footnotes][:2] == ["2 Target 5.2.", "3 Target 8.7."]
    assert len(layout.footnotes) == 8
    assert layout.body[-1].plain_text.startswith("international and national mass media")
