import re
from pathlib import Path

from cleaners.layout import split_layout
from cleaners.model import Page
from cleaners.pdf_reader import read_pdf
from tests.conftest import CORPUS_OTHER, cleaned, corpus_pdf
from tests.ocr_lines import ocr_pages


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


def test_scanned_masthead_ends_at_the_numbered_title_and_symbol_comes_from_it():
    layout = split_layout(ocr_pages())
    assert layout.metadata["symbol"] == "A/RES/81/19"
    assert layout.metadata["resolution"] == "81/19"
    assert layout.metadata["date"] == "2 December 2026"
    assert layout.body[0].plain_text.startswith("81/19. Return or restitution")
    assert [issue.code for issue in layout.issues] == ["symbol-read-from-title"]
    removed = [edit.before for edit in layout.edits if edit.rule == "masthead"]
    assert removed[0] == "United Nations AYRES/81/19"
    assert removed[-1] == "[without reference to a Main Committee (A/81/L.14)]"


def test_scanned_footnote_zone_starts_after_the_gap_at_a_labelled_line():
    layout = split_layout(ocr_pages())
    assert [line.plain_text[:8] for line in layout.footnotes] == [
        "1 United",
        "2 Thid.,",
        "3 Thid.,",
        "4 Thid.,",
        "5 Ibid.,",
        "> © A/81",
    ]
    assert layout.body[-1].plain_text == "28 November 2026"


def test_footer_pieces_run_together_by_ocr_are_furniture():
    layout = split_layout(ocr_pages())
    footer = {edit.before: edit.rule for edit in layout.edits if edit.kind == "furniture"}
    assert footer["2/2 26-21106"] == "footer-furniture"
    assert footer["26-21106 (E).. 021226"] == "footer-furniture"
    assert footer["*2621106*"] == "barcode"


def test_real_1971_scan_masthead_ends_at_the_preamble():
    doc = cleaned(CORPUS_OTHER / "A_L.632-1971-scanned.pdf")
    assert doc.metadata["symbol"] == "A/L.632"
    assert doc.metadata["document_type"] == "draft resolution"
    assert doc.metadata["sponsors"].startswith("Australia, Colombia, Costa Rica")
    assert doc.metadata["sponsors"].endswith("United States of America and Uruguay")
    assert doc.paragraphs[0].text.startswith("The General Assembly,")
    assert "title" not in doc.metadata  # the preamble follows the sponsors: no title line
    removed = [edit.before for edit in doc.edits if edit.rule == "masthead"]
    assert "OF CHINA IN THE UNITED NATIONS" in removed


def test_text_turned_on_end_is_recorded_as_removed_with_its_page():
    """Nothing lost: the side margins of a landscape page leave the text as edits."""
    (page,) = read_pdf(Path(__file__).parent / "fixtures" / "rotated" / "A_80_630_page34_chart.pdf")

    layout = split_layout([page])

    removed = [(edit.page, edit.before) for edit in layout.edits if edit.rule == "rotated-text"]
    assert removed == [(1, "34/34"), (1, "26-01656"), (1, "A/80/630")]
    assert layout.footnotes == []
    assert layout.body[-1].plain_text.startswith("Abbreviations: ASG")
