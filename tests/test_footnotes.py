from cleaners.footnotes import check_links, collect_footnotes
from cleaners.model import Document, Footnote, Line, Paragraph, Source, Span, marker_token
from tests.conftest import cleaned, corpus_pdf


def test_all_34_footnotes_of_78_228_with_their_pages(res_78_228):
    numbers = [note.number for note in res_78_228.footnotes]
    assert numbers == list(range(1, 35))
    by_number = {note.number: note for note in res_78_228.footnotes}
    assert by_number[1].text == "Resolution 70/1." and by_number[1].pages == [1]
    assert by_number[5].text == "United Nations, Treaty Series, vol. 2225, No. 39574."
    assert by_number[34].text == "Resolution 64/293." and by_number[34].pages == [9]
    assert by_number[19].text.startswith("The Council of the Baltic Sea States, the Department")
    assert by_number[19].text.endswith("(UN-Women) and the World Bank.")


def test_every_marker_linked_and_in_order(res_78_228):
    assert [marker.number for marker in res_78_228.markers()] == list(range(1, 35))
    # The only issue is for the editor: "front-line" at a line end, kept, with no evidence.
    assert [(issue.code, issue.page) for issue in res_78_228.issues] == [("hyphen-undecided", 11)]


def _zone_line(page: int, text: str, label: str | None = None) -> Line:
    spans = [
        Span(word, "Times", 8.5, 0, 0, 0, 0, space_before=i > 0)
        for i, word in enumerate(text.split())
    ]
    if label:
        spans.insert(0, Span(label, "Times", 5.5, 0, 0, 0, 0, superscript=True))
    return Line(page, tuple(spans), 0, 0, 0, 0, 8.5)


def test_footnote_continued_on_next_page_lists_both_pages():
    # None of the 48 real PDFs has one (every footnote zone starts with a number), so the
    # continuation is built from lines as the reader makes them.
    lines = [
        _zone_line(3, "Official Records of the General Assembly,", "7"),
        _zone_line(3, "Seventy-eighth Session,", "8"),
        _zone_line(4, "Supplement No. 10 (A/78/10)."),
        _zone_line(4, "Resolution 70/1.", "9"),
    ]
    notes, issues = collect_footnotes(lines, [])
    assert issues == []
    assert [(n.number, n.text, n.pages) for n in notes] == [
        (7, "Official Records of the General Assembly,", [3]),
        (8, "Seventy-eighth Session, Supplement No. 10 (A/78/10).", [3, 4]),
        (9, "Resolution 70/1.", [4]),
    ]


def test_zone_starting_without_a_number_is_an_issue_not_lost_text():
    notes, issues = collect_footnotes([_zone_line(1, "Stray text.")], [])
    assert [(n.number, n.text) for n in notes] == [(None, "Stray text.")]
    assert [issue.code for issue in issues] == ["footnote-start-missing"]


def test_table_under_a_drawn_rule_is_not_a_footnote_zone():
    doc = cleaned(corpus_pdf("A_RES_78_252.pdf"))
    assert all(note.number is not None for note in doc.footnotes)
    assert any("Principal level 274 2 276" in p.text for p in doc.paragraphs)


def test_asterisk_note_is_kept_apart_from_the_numbered_sequence():
    doc = cleaned(corpus_pdf("A_RES_78_68.pdf"))
    first = doc.footnotes[0]
    assert (first.label, first.number, first.text) == (
        "*",
        None,
        "Reissued for technical reasons on 15 January 2024.",
    )
    assert [note.number for note in doc.footnotes[1:]] == list(range(1, 49))
    assert doc.footnotes[2].text == "Ibid., vol. 2167, No. 37924."


def _document(markers: list[int], notes: list[int]) -> Document:
    text = "Text" + "".join(f" word{marker_token(n)}" for n in markers)
    return Document(
        doc_id="t",
        source=Source("t.pdf", "0" * 64, "pdf", 1),
        paragraphs=[Paragraph(text, 1)],
        footnotes=[Footnote(str(n), n, f"Note {n}.", [1]) for n in notes],
    )


def test_link_check_reports_gaps_repeats_orphans_and_order():
    codes = sorted(issue.code for issue in check_links(_document([1, 3, 2, 5], [1, 2, 2, 3, 4])))
    assert codes == [
        "footnote-number-repeated",
        "footnote-without-marker",
        "marker-out-of-order",
        "marker-without-footnote",
    ]


def test_link_check_is_silent_when_everything_adds_up():
    assert check_links(_document([1, 2, 3], [1, 2, 3])) == []


def test_marker_labels_with_several_numbers_and_ranges():
    from cleaners.paragraphs import marker_numbers

    assert marker_numbers("5") == [5]
    assert marker_numbers("5,6") == [5, 6]
    assert marker_numbers("5, 6") == [5, 6]
    assert marker_numbers("5–7") == [5, 6, 7]


def test_raised_digits_that_cannot_be_markers_become_text_again():
    from cleaners.footnotes import demote_stray_markers

    document = _document([], [1, 2, 3])
    document.paragraphs = [
        Paragraph(f"an area of 10{marker_token(4)} square metres", 2),
        Paragraph(f"emissions of CO{marker_token(9)} rose", 2),
        Paragraph(f"as noted,{marker_token(4)} the Assembly", 3),
    ]
    demote_stray_markers(document)
    assert [p.text for p in document.paragraphs] == [
        "an area of 104 square metres",
        "emissions of CO9 rose",
        f"as noted,{marker_token(4)} the Assembly",
    ]
    assert [(e.before, e.after) for e in document.edits] == [("10[^4]", "104"), ("CO[^9]", "CO9")]
    assert [i.code for i in check_links(document)].count("marker-without-footnote") == 1


def _two_sequences(second_marker: int) -> Document:
    """A judgment's notes 1-2 on pages 1-2, then an opinion's note 1 on page 3; the body's
    markers on page 3 start again at `second_marker`."""
    from cleaners.footnotes import number_sequences

    paragraphs = [
        Paragraph(f"Held{marker_token(1)} and found.{marker_token(2)}", 1),
        Paragraph(f"I dissent.{marker_token(second_marker)}", 3),
    ]
    notes = [
        Footnote("1", 1, "Tadić Appeal Judgement, para. 5.", [1]),
        Footnote("2", 2, "Ibid., para. 7.", [2]),
        Footnote("1", 1, "Ibid., para. 9.", [3]),
    ]
    document = Document("x", Source("x.pdf", "0" * 64, "pdf", 3), {}, paragraphs, notes)
    number_sequences(document)
    return document


def test_an_appended_opinion_numbers_its_notes_anew():
    from cleaners.canonical import to_record, to_text
    from cleaners.ibid import resolve_ibids

    document = _two_sequences(second_marker=1)
    assert [note.sequence for note in document.footnotes] == [0, 0, 1]
    assert [marker.key for marker in document.markers()] == [(0, 1), (0, 2), (1, 1)]
    assert check_links(document) == []
    issues = resolve_ibids(document.footnotes)
    # The opinion's first note is an Ibid. with nothing before it in its own sequence.
    assert document.footnotes[1].resolved == "Tadić Appeal Judgement, para. 7."
    assert document.footnotes[2].resolved is None and [i.code for i in issues] == [
        "ibid-unresolved"
    ]
    assert "of note sequence 2" in issues[0].message
    assert "I dissent.[^2.1]" in to_text(document) and "\n[^2.1]: Ibid., para. 9." in to_text(
        document
    )
    assert [note.get("sequence") for note in to_record(document)["footnotes"]] == [None, None, 2]


def test_a_second_note_1_without_a_restart_in_the_body_is_a_repeated_number():
    document = _two_sequences(second_marker=2)
    assert [note.sequence for note in document.footnotes] == [0, 0, 0]
    assert "footnote-number-repeated" in [issue.code for issue in check_links(document)]


def test_icty_appeal_judgement_with_appended_opinions():
    from cleaners.canonical import to_record
    from tests.conftest import SHARED

    record = to_record(cleaned(SHARED / "corpus" / "varied" / "icty-2001_Delalic_Celebici_AJ.pdf"))
    sequences = {note.get("sequence", 1) for note in record["footnotes"]}
    assert sequences == {1, 2, 3}
    assert not [i for i in record["issues"] if i["code"] == "footnote-number-repeated"]
