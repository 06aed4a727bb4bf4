"""Layout-keeping dumps (`pdftotext -layout`) read as text pages and cleaned by the layout
stages: each rule on lines as the dump prints them, then whole real documents of four series
against their PDFs' own results."""

from pathlib import Path

import pytest

from cleaners.canonical import to_record
from cleaners.model import Edit
from cleaners.pipeline import clean_file
from cleaners.text_pages import (
    is_laid_out,
    restore_markers,
    split_note_zone,
    text_pages,
)
from tests.conftest import SHARED, cleaned, corpus_pdf

DUMPS = Path(__file__).parent / "fixtures" / "dumps"


def page_of(text: str):
    pages, _ = text_pages(text)
    return pages[0]


def test_only_a_dump_with_indented_lines_is_laid_out():
    assert is_laid_out("      The General Assembly,\n     Recalling its resolution\nand more\n")
    assert not is_laid_out("The General Assembly,\nRecalling its resolution 70/179,\n")
    assert not is_laid_out("A/RES/78/228 Improving the coordination ... 2/13 23-25978\n")


def test_a_number_a_row_above_its_note_was_raised():
    # A/RES/78/228, page 1: "1" printed a row above "Resolution 70/1.", left of it.
    page = page_of(
        "     Sustainable Development, 1 and recalling also\n"
        "   __________________\n"
        "       1\n"
        "           Resolution 70/1.\n"
    )
    note = page.lines[-1]
    assert [(s.text, s.superscript) for s in note.spans] == [
        ("1", True),
        ("Resolution", False),
        ("70/1.", False),
    ]


def test_a_number_run_into_its_note_was_raised():
    # The African Court's judgment: "6Brahim Ben Mohamed ..."; "3D" or "57(5)" are no labels.
    page = page_of("6Brahim Ben Mohamed v. Tunisia\n3D printing\n57(5) of Protocol I\n")
    assert [line.spans[0].superscript for line in page.lines] == [True, False, False]
    assert page.lines[0].spans[1].text == "Brahim"


def test_pages_are_set_to_their_own_margin():
    # Odd and even pages of a -layout dump are padded by different offsets.
    odd, even = text_pages("     text\n     text\n        indented\n\f  text\n  text\n\f")[0]
    assert odd.lines[0].x0 == even.lines[0].x0 == 0
    assert odd.lines[2].x0 > 0


def test_a_drafts_masthead_ends_after_its_sponsors_draft_resolution(tmp_path):
    # A/80/L.38 as pdftotext -layout prints it: ": amendment to" / "draft resolution" wrapped.
    path = tmp_path / "A_80_L.38.txt"
    path.write_text(
        "        United Nations                                             A/80/L.38\n"
        "        General Assembly                                   Distr.: Limited\n"
        "                                                           11 December 2025\n"
        "\n"
        "Eightieth session\n"
        "Agenda item 16 (a)\n"
        "Macroeconomic policy questions: international trade\n"
        "and development\n"
        "\n"
        "        Austria, Belgium, Bulgaria, Croatia, Spain and Sweden:* amendment to\n"
        "        draft resolution 4 recommended by the Second Committee in its report\n"
        "        contained in document A/80/555\n"
        "\n"
        "        International trade and development\n"
        "\n"
        "             Delete the twenty-first preambular paragraph and operative paragraphs\n"
        "        35, 38 and 39.\n",
        encoding="utf-8",
    )
    document = clean_file(path)
    meta = document.metadata
    assert (meta["symbol"], meta["title"]) == ("A/80/L.38", "International trade and development")
    assert meta["sponsors"] == "Austria, Belgium, Bulgaria, Croatia, Spain and Sweden"
    assert meta["document_type"].startswith("amendment to draft resolution 4 recommended")
    assert [p.text for p in document.paragraphs] == [
        "International trade and development",
        "Delete the twenty-first preambular paragraph and operative paragraphs 35, 38 and 39.",
    ]


def zone(text: str, next_number: int):
    page = page_of(text)
    edits: list[Edit] = []
    body, notes = split_note_zone(page, list(page.lines), next_number, edits)
    return [line.plain_text for line in body], [line.plain_text for line in notes], edits


def test_notes_start_at_a_typed_separator():
    body, notes, edits = zone("   text of the body,\n   ______________\n     1\n      Note.\n", 1)
    assert (body, notes) == (["text of the body,"], ["1 Note."])
    assert [edit.rule for edit in edits] == ["footnote-separator"]


def test_notes_start_at_the_next_notes_number_with_the_block_above_it():
    # A tribunal's page with no separator printed: note 7's block, continued note 6 above it.
    text = (
        "  53. In the present case, the Court observes\n"
        "        that the Applicants merely allege.\n"
        "\n"
        "§ 88, continued from the page before.\n"
        "7 Jebra Kambole v. United Republic of Tanzania (merits)\n"
    )
    body, notes, _ = zone(text, 7)
    assert notes == [
        "§ 88, continued from the page before.",
        "7 Jebra Kambole v. United Republic of Tanzania (merits)",
    ]
    assert len(body) == 2


def test_a_date_or_a_section_break_opens_no_note():
    # "19 December 2023" under a resolution's last line, set to the right; "***" alone.
    text = (
        "   rural areas.\n"
        "\n"
        "                                                        50th plenary meeting\n"
        "                                                          19 December 2023\n"
        "\n"
        "                                  ***\n"
        "   41. The Court acknowledges\n"
    )
    assert zone(text, 19)[1] == []


def test_a_star_note_set_apart_opens_the_zone():
    text = (
        "       In operative paragraph 69, replace the words.\n"
        "\n"
        "   * Any changes to the list of sponsors will be reflected in the record.\n"
    )
    assert zone(text, 1)[1] == [
        "* Any changes to the list of sponsors will be reflected in the record."
    ]


def test_markers_are_the_notes_numbers_in_sequence():
    page = page_of(
        "   of the resolution 5 of the Sustainable Development, 5 and of\n"
        "   the Decade 2024–20346 and Treaty”, 7 Muslims 8 .\n"
        "   _____\n"
        "    5\n"
        "      Note five.\n"
        "    6\n"
        "      Note six.\n"
        "    7\n"
        "      Note seven.\n"
        "    8\n"
        "      Note eight.\n"
    )
    edits: list[Edit] = []
    body = restore_markers(list(page.lines[:2]), list(page.lines[3:]), edits)
    raised = [(s.text, s.superscript) for line in body for s in line.spans if s.superscript]
    assert raised == [("5", True), ("6", True), ("7", True), ("8", True)]
    # "resolution 5" is a number of the text; a raised number closes up to its word, and the
    # stop after "Muslims 8" to it.
    first = body[0].plain_text
    assert "resolution 5 of" in first and "Development,5 and" in first
    assert body[1].plain_text.endswith("Muslims8.")
    assert [edit.after for edit in edits][:2] == [
        "the Sustainable Development,[^5]",
        "the Decade 2024–2034[^6]",
    ]


def test_the_space_pdftotext_puts_before_a_hyphen_or_a_ranges_dash_is_closed():
    # As A/RES/80/45 and A/RES/78/181 print in a -layout dump; "of -5" may be a minus.
    pages, edits = text_pages(
        "   the Non -Proliferation of Beijing, 4 –15 September, of -5 and A - B\n"
    )
    assert pages[0].lines[0].plain_text == (
        "the Non-Proliferation of Beijing, 4–15 September, of -5 and A - B"
    )
    assert [(e.kind, e.rule, e.before, e.after) for e in edits] == [
        ("spacing", "dump-space-before-dash", "Non -Proliferation", "Non-Proliferation"),
        ("spacing", "dump-space-before-dash", "4 –15", "4–15"),
    ]


def test_private_use_characters_are_removed_as_an_edit():
    pages, edits = text_pages("   text \ue000 here\n")
    assert pages[0].lines[0].plain_text == "text here"
    assert [(e.rule, e.before, e.page) for e in edits] == [("private-use-removed", "\ue000", 1)]


def test_one_page_of_a_longer_document_is_named_for_its_page(tmp_path):
    page = (DUMPS / "A_RES_78_228.pdftotext-layout.txt").read_text("utf-8").split("\f")[1]
    path = tmp_path / "page.txt"
    path.write_text(page, encoding="utf-8")
    document = clean_file(path)
    assert document.doc_id == "A_RES_78_228_p2"
    assert document.metadata["printed_page"] == "2"


#: Real documents as `pdftotext -layout` dumps them (tests/fixtures/dumps/README.md), with what
#: their cleaned text must match of the PDF's own result: body character error rate at most,
#: markers F1 and notes exact at least (measured; the differences are pdftotext's own spacing,
#: "Non -Proliferation", which the dump prints and the PDF's glyphs do not).
REAL = [
    ("A_RES_78_228.pdftotext-layout.txt", "un", "A_RES_78_228.pdf", 0.001, 1.0, 32),
    (
        "A_HRC_WG.6_34_ITA_3.pdftotext-layout.txt",
        "varied",
        "hrc-upr-2019_A_HRC_WG.6_34_ITA_3_summary.pdf",
        0.002,
        1.0,
        168,
    ),
    (
        "Kaunda-v-Malawi.pdftotext-layout.txt",
        "varied",
        "achpr-court-2023_Kaunda-v-Malawi_judgment.pdf",
        0.001,
        0.9,
        10,
    ),
    (
        "A_RES_48_161.pdftotext-layout.txt",
        "varied",
        "un-ga-res-1994_A_RES_48_161.pdf",
        0.015,
        1.0,
        5,
    ),
]


@pytest.mark.corpus
@pytest.mark.parametrize(("dump", "corpus", "pdf", "cer", "marker_f1", "notes_exact"), REAL)
def test_a_layout_dump_cleans_like_its_pdf(dump, corpus, pdf, cer, marker_f1, notes_exact):
    from bench.forms import expected_from
    from bench.score import rates, score_body, score_notes

    source = corpus_pdf(pdf) if corpus == "un" else SHARED / "corpus" / corpus / pdf
    truth = expected_from(to_record(cleaned(source)))
    document = cleaned(DUMPS / dump)
    record = to_record(document)
    body = rates(score_body(truth, record["text"]))
    notes = score_notes(truth, {n["number"]: n for n in record["footnotes"] if n["number"]})
    assert body["cer"] <= cer and body["marker_f1"] >= marker_f1
    assert notes.notes_exact >= notes_exact
    assert notes.ibids_resolved_right == notes.ibids
    assert document.stages[0] == "text_pages" and document.source.kind == "text"
