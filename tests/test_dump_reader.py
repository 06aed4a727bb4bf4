import re
from collections import Counter
from pathlib import Path

import pytest

from cleaners.canonical import to_record
from cleaners.dump_reader import DumpReadError, decode_dump, parse_dump, read_dump, split_pages
from cleaners.model import marker_token
from tests.conftest import SEEDS, cleaned


def test_header_footer_and_junk_are_removed_as_edits(dump_78_228):
    removed = {edit.rule: edit.before for edit in dump_78_228.edits if edit.after == ""}
    assert removed["running-header"] == (
        "A/RES/78/228 Improving the coordination of efforts against trafficking in persons"
    )
    assert removed["page-number"] == "2/13"
    assert removed["job-number"] == "23-25978"
    assert removed["trailing-text-after-job-number"] == "Select target paragraph3"
    text = "\n".join(p.text for p in dump_78_228.paragraphs)
    for leftover in ("A/RES/78/228", "2/13", "23-25978", "Select target", "____"):
        assert leftover not in text


def test_numbers_listed_apart_pair_with_bodies_in_order(dump_78_228):
    assert [(n.number, n.text) for n in dump_78_228.footnotes][:5] == [
        (2, "Target 5.2."),
        (3, "Target 8.7."),
        (4, "Target 16.2."),
        (5, "United Nations, Treaty Series, vol. 2225, No. 39574."),
        (6, "Ibid., vol. 2237, No. 39574."),
    ]
    assert dump_78_228.footnotes[-1].text == "Ibid., vol. 2133, No. 37245."
    assert all(note.pages == [2] for note in dump_78_228.footnotes)


def test_displaced_number_is_placed_by_the_sequence(dump_70_179):
    assert [(n.number, n.text) for n in dump_70_179.footnotes] == [
        (6, "Ibid., vol. 2237, No. 39574."),
        (7, "Ibid., vol. 2171, No. 27531."),
        (8, "Ibid., vol. 266, No. 3822."),
        (9, "Resolutions 55/67, 58/137, 59/166, 61/144, 63/156 and 63/194."),
    ]
    assert "footnote-number-displaced" in {issue.code for issue in dump_70_179.issues}


def test_plain_digit_markers_become_marker_tokens(dump_78_228):
    text = " ".join(p.text for p in dump_78_228.paragraphs)
    assert text.startswith("exploitation," + marker_token(2) + " on taking")
    assert "in all its forms," + marker_token(3) + " and on ending" in text
    assert "child pornography" + marker_token(7) + " and the" in text
    # Numbers that are not markers stay as they are.
    assert "by 2025 end child labour" in text and "1999 (No. 182)" in text
    assert [m.number for m in dump_78_228.markers()] == list(range(2, 10))


def test_ibid_whose_antecedent_is_on_an_earlier_page_stays_open(dump_70_179):
    note6 = dump_70_179.footnotes[0]
    assert note6.resolved is None and note6.ibid_of == 5
    assert any(
        issue.code == "ibid-unresolved" and "footnote 5" in issue.message
        for issue in dump_70_179.issues
    )


def test_ibid_chain_resolves_inside_one_dump(dump_78_228):
    by_number = {note.number: note for note in dump_78_228.footnotes}
    assert by_number[8].resolved == "United Nations, Treaty Series, vol. 266, No. 3822."


def test_paragraph_starts_are_recovered_with_edits(dump_70_179):
    starts = [p.text[:12] for p in dump_70_179.paragraphs]
    assert starts[:3] == ["Especially W", "Taking note ", "Recalling th"]
    assert "(f) To foste" in starts
    assert all(edit.confidence < 1 for edit in dump_70_179.edits if edit.kind == "paragraph")


def test_unknown_header_title_is_an_issue_not_a_guess():
    dump = parse_dump("A/RES/99/1 Some title never seen before text of the body. 3/9")
    assert dump.metadata["symbol"] == "A/RES/99/1"
    assert dump.paragraphs[0].text.startswith("Some title never seen")
    assert [issue.code for issue in dump.issues] == [
        "footnote-block-missing",
        "header-title-unknown",
    ]


def test_dump_without_footnote_block():
    dump = parse_dump("Recalling its resolution 64/293, Welcoming the report, 4/7")
    assert dump.footnotes == []
    assert [p.text for p in dump.paragraphs] == [
        "Recalling its resolution 64/293,",
        "Welcoming the report,",
    ]
    assert dump.metadata["printed_page"] == "4"
    assert [issue.code for issue in dump.issues] == ["footnote-block-missing"]


def test_bad_bytes_give_a_clear_error():
    with pytest.raises(DumpReadError, match=re.escape("x.txt: binary data")):
        decode_dump(b"\x00\x01", "x.txt")
    with pytest.raises(DumpReadError, match=re.escape("x.txt: binary data")):
        decode_dump(bytes(range(256)) * 4, "x.txt")  # junk that is neither UTF-8 nor 1252
    with pytest.raises(DumpReadError, match=re.escape("x.txt: not UTF-8 text")):
        decode_dump(b"caf\xe9 \x81", "x.txt")  # 0x81 is not a Windows-1252 character


@pytest.mark.parametrize(
    ("encoding", "severity"), [("utf-16", "info"), ("cp1252", "warning"), ("utf-8-sig", None)]
)
def test_legacy_encodings_are_read_and_said(tmp_path, encoding, severity):
    """The seed dump of A/RES/70/179 saved by other tools: the same text, and an issue naming
    the encoding when it is not UTF-8."""
    seed = SEEDS / "001_fbc6d4cddf77f986.txt"
    # The seed is plain ASCII: give it letters and quotes Windows-1252 and UTF-16 encode.
    text = seed.read_text("utf-8").replace("Children", "Children’s “Café”")
    copy = tmp_path / "dump.txt"
    copy.write_bytes(text.encode(encoding))
    reference = tmp_path / "reference.txt"
    reference.write_bytes(text.encode("utf-8"))
    dump, expected = read_dump(copy), read_dump(reference)
    assert [p.text for p in dump.paragraphs] == [p.text for p in expected.paragraphs]
    assert [n.text for n in dump.footnotes] == [n.text for n in expected.footnotes]
    encoding_issues = [issue for issue in dump.issues if issue.code == "dump-encoding"]
    assert [issue.severity for issue in encoding_issues] == ([severity] if severity else [])


# Regressions found by the benchmark's generated dumps (bench/out/dump/).


def test_initials_do_not_end_a_footnote_and_a_year_can_start_one():
    dump = parse_dump(
        "A/RES/81/52 Reducing nuclear danger recalling the opinion, 2 the Documents, 3 and "
        "A/81/119.4 __________________ 2 A/51/218, annex; see also I.C.J. Reports 1996, p. 226. "
        "2000 Review Conference of the Parties, Final Document, part I. 4 A/81/119. 3 2/4 26-21877"
    )
    assert [(n.number, n.text) for n in dump.footnotes] == [
        (2, "A/51/218, annex; see also I.C.J. Reports 1996, p. 226."),
        (3, "2000 Review Conference of the Parties, Final Document, part I."),
        (4, "A/81/119."),
    ]


def test_marker_after_a_number_separated_by_a_space():
    dump = parse_dump(
        "Noting the reports of the Council for 2024 5 and 2025, 6 and the work, "
        "__________________ 5 A/79/3. 6 A/80/3. 3/7"
    )
    text = dump.paragraphs[0].text
    assert "for 2024" + marker_token(5) + " and 2025," + marker_token(6) in text
    after_session = parse_dump(
        "on its sixteenth session 5 and of the Working Group, __________ 5 A/68/37. 3/7"
    )
    assert "sixteenth session" + marker_token(5) + " and" in after_session.paragraphs[0].text


def test_unknown_header_title_ending_where_a_paragraph_starts_is_inferred_for_review():
    dump = parse_dump(
        "A/RES/81/233 Follow-up to the outcomes of the Conferences on Financing for Development "
        "1. Reaffirms its strong political commitment; 2. Calls upon all States, 2/2 26-23788"
    )
    assert dump.metadata["title"] == (
        "Follow-up to the outcomes of the Conferences on Financing for Development"
    )
    assert dump.paragraphs[0].text.startswith("1. Reaffirms")
    header = next(edit for edit in dump.edits if edit.rule == "running-header")
    assert header.confidence < 1
    assert "header-title-inferred" in {issue.code for issue in dump.issues}


def test_first_page_masthead_is_parsed_and_removed():
    dump = parse_dump(
        "United Nations A/RES/81/215 General Assembly Distr.: General 22 December 2026 "
        "Eighty-first session Agenda item 108 Crime prevention and criminal justice Resolution "
        "adopted by the General Assembly on 17 December 2026 [on the report of the Third "
        "Committee (A/81/480, para. 52)] 81/215. Crime prevention in the context of development "
        "The General Assembly, Recalling its resolutions, 1/2 26-23425"
    )
    meta = dump.metadata
    assert (meta["symbol"], meta["date"], meta["session"], meta["agenda_item"]) == (
        "A/RES/81/215",
        "22 December 2026",
        "Eighty-first session",
        "108",
    )
    assert meta["title"] == "Crime prevention in the context of development"
    assert dump.paragraphs[0].text.startswith("81/215. Crime prevention")
    assert any(
        edit.kind == "masthead" and edit.before.startswith("United Nations") for edit in dump.edits
    )


DUMPS = Path(__file__).parent / "fixtures" / "dumps"


@pytest.mark.parametrize("form", ["pdftotext", "pdftotext-layout", "flattened"])
def test_a_whole_document_dump_cleans_like_its_pdf(form, res_78_228):
    """A/RES/78/228 as pdftotext reads it (form feeds), with -layout, and flattened one page a
    line: its 13 pages are split, cleaned one by one and joined into the PDF's result."""
    from bench.forms import expected_from
    from bench.score import rates, score_body, score_notes

    dump = cleaned(DUMPS / f"A_RES_78_228.{form}.txt")
    assert (dump.doc_id, dump.source.pages) == ("A_RES_78_228", 13)
    assert "printed_page" not in dump.metadata  # a whole document, not one page of it
    truth = expected_from(to_record(res_78_228))
    record = to_record(dump)
    body = rates(score_body(truth, record["text"]))
    assert body["cer"] < 0.001 and body["marker_f1"] == 1.0
    notes = score_notes(truth, {n["number"]: n for n in record["footnotes"] if n["number"]})
    # Two notes differ by pdftotext's own spacing ("and th e Bali Process").
    assert (notes.notes_exact, notes.notes_true) == (32, 34)
    assert (notes.ibids_resolved_right, notes.ibids) == (7, 7)
    # Furniture of every page is an edit: the running header of pages 2-13 (one line, or its
    # symbol and title lines), the masthead of page 1 (one edit, or one a line), 13 job numbers
    # (alone, or on one line with the page's date: "23-25978 (E)     100124").
    rules = Counter(edit.rule for edit in dump.edits)
    headed = {edit.page for edit in dump.edits if edit.rule == "running-header"}
    assert headed == set(range(2, 14))
    assert {edit.page for edit in dump.edits if edit.rule == "masthead"} == {1}
    assert rules["job-number"] + rules["footer-furniture"] == 13


def test_pages_of_a_dump():
    assert split_pages("one\fpage two\f") == ["one", "page two"]
    page = "x " * 120
    assert split_pages(f"{page}1/3 23-25978\n{page}2/3\n\nSelect target\n{page}") == [
        f"{page}1/3 23-25978",
        f"{page}2/3\n\nSelect target",
        page,
    ]
    # One page, or a dump of short lines: one page, as today.
    assert split_pages("A/RES/78/228 text 2/13 23-25978\n\nSelect target paragraph3") == [
        "A/RES/78/228 text 2/13 23-25978\n\nSelect target paragraph3"
    ]


def test_a_drafts_masthead_ends_with_its_sponsors_draft_resolution():
    # A/80/L.32 as pdftotext reads it, flattened: no title line numbered by the symbol.
    dump = parse_dump(
        "A/80/L.32 United Nations General Assembly Distr.: Limited 8 December 2025 Original: "
        "English Eightieth session Agenda item 72 (a) Strengthening of the coordination of "
        "humanitarian and disaster relief assistance of the United Nations United States of "
        "America:* amendment to draft resolution A/80/L.25 Strengthening of the coordination of "
        "emergency humanitarian assistance of the United Nations In operative paragraph 69, "
        "replace “sexual and reproductive” with “emergency”. 25-20153 (E) 091225 *2520153*"
    )
    assert dump.metadata["symbol"] == "A/80/L.32"
    assert dump.metadata["document_type"] == "amendment to draft resolution"
    assert (dump.metadata["distribution"], dump.metadata["agenda_item"]) == ("Limited", "72 (a)")
    assert "sponsors" not in dump.metadata  # run together with the agenda title: not guessed
    assert dump.paragraphs[0].text.startswith("Strengthening of the coordination of emergency")
    assert [edit.rule for edit in dump.edits if edit.kind in ("masthead", "furniture")] == [
        "barcode",
        "job-number",
        "masthead",
    ]


def test_a_running_header_title_first_or_split_by_the_symbol():
    title = (
        "Scale of assessments for the apportionment of the expenses of the United Nations: "
        "requests under Article 19 of the Charter"
    )
    body = "5. Agrees that the failure of the Comoros to pay the full minimum amount"
    # pdftotext reads an even page's header title first; -layout puts the symbol between the
    # two lines of a long title.
    for header in (
        f"{title} A/RES/80/2",
        "Scale of assessments for the apportionment of the expenses of the A/RES/80/2 United "
        "Nations: requests under Article 19 of the Charter",
    ):
        dump = parse_dump(f"{header} {body}", known_titles=(title,))
        assert dump.paragraphs[0].text == body
        assert dump.metadata["symbol"] == "A/RES/80/2"
        assert [edit.before for edit in dump.edits if edit.rule == "running-header"] == [header]


def _judgment_page(number: int, body: str, notes: list[str]) -> str:
    """A page of an ICTY judgment as pdftotext reads it: no separator (the rule is drawn), the
    first note's number apart, the case number and date at the foot."""
    return "\n".join(
        [
            body,
            "",
            *notes,
            "",
            f"{number}",
            "Case No. IT-06-90-A",
            "",
            "16 November 2012",
        ]
    )


def test_a_judgment_dump_without_separators():
    # Gotovina Appeal Judgement pages as pdftotext reads them: the case number and date repeat
    # at every page's foot, the page number moves with the page, and the notes are found by
    # their numbers counting on from the page before.
    grounds = ["first", "second", "third", "fourth"]
    pages = [
        _judgment_page(
            n + 1,
            f"The Appeals Chamber turns to the {ground} ground {2 * n + 1} and the Trial "
            f"Chamber's holding on it.{2 * n + 2} It finds no error.",
            [str(2 * n + 1), "", f"Trial Judgement, para. {n * 7 + 100}.", f"{2 * n + 2} Ibid."],
        )
        for n, ground in enumerate(grounds)
    ]
    dump = parse_dump("\f".join(pages) + "\f")
    assert [note.number for note in dump.footnotes] == list(range(1, 9))
    assert [note.text for note in dump.footnotes[:2]] == ["Trial Judgement, para. 100.", "Ibid."]
    removed = Counter(edit.rule for edit in dump.edits if edit.kind == "furniture")
    assert removed == {"running-header": 8, "page-number": 4}  # case number and date, 4 pages
    text = " ".join(paragraph.text for paragraph in dump.paragraphs)
    assert "Case No." not in text and "November 2012" not in text
    assert text.count(marker_token(2)) == 1
