from cleaners.layout import split_layout
from cleaners.lexicon import Lexicon, corpus_words
from cleaners.model import Edit, Issue, Line, marker_token
from cleaners.ocr import (
    correct_ibid,
    correct_misreadings,
    number_note_labels,
    remove_specks,
    restore_markers,
)
from cleaners.paragraphs import line_text
from cleaners.spacing import join_split_words, split_glued_words
from tests.ocr_lines import ocr_line, ocr_pages


def _labelled_zone() -> tuple[list[Line], list[Line], list[Edit]]:
    layout = split_layout(ocr_pages())
    edits: list[Edit] = []
    return layout.body, number_note_labels(layout.footnotes, edits), edits


def test_note_labels_become_numbers_and_a_misread_one_takes_the_next_number():
    _, notes, edits = _labelled_zone()
    assert [line_text(line, skip_leading_label=True)[:12] for line in notes] == [
        "United Natio",
        "Thid., vol. ",
        "Thid., vol. ",
        "Thid., vol. ",
        "Ibid., vol. ",
        "A/81/218.",
    ]
    assert [line.spans[0].text for line in notes] == ["1", "2", "3", "4", "5", "6"]
    assert all(line.spans[0].superscript for line in notes)
    assert [(e.before, e.after, e.rule) for e in edits] == [("> ©", "6", "ocr-note-label")]


def test_an_indented_line_of_a_note_never_opens_a_note():
    lines = [
        ocr_line(1, 120.0, 650.0, 7.2, "9 Report of the World Summit for Social Development,"),
        ocr_line(1, 127.4, 660.0, 6.5, "* (United Nations publication, Sales No. E.96.IV.8)."),
        ocr_line(1, 120.0, 670.0, 7.2, "° Resolution 70/1."),
    ]
    notes = number_note_labels(lines, [])
    assert [line.spans[0].superscript for line in notes] == [True, False, True]
    assert notes[2].spans[0].text == "10"


def test_misread_markers_are_placed_in_order_when_their_count_matches_the_notes():
    body, notes, _ = _labelled_zone()
    edits: list[Edit] = []
    issues: list[Issue] = []
    lines = restore_markers(body, notes, issues, edits)
    text = " ".join(line_text(line) for line in lines)
    assert issues == []
    for number, word in enumerate(
        ["Property,", "Conflict", "Protocols,", "Heritage", "Expressions,", "Organization"], 1
    ):
        assert word + marker_token(number) in text
    assert "Organization" + marker_token(6) + "," in text
    assert "resolutions,:" in text  # a colon after a comma is a speck, not a marker
    assert [e.before for e in edits][-1] == "Property,!"


def test_markers_are_not_guessed_when_candidates_and_notes_disagree():
    body, notes, _ = _labelled_zone()
    issues: list[Issue] = []
    edits: list[Edit] = []
    lines = restore_markers(body, notes[:5], issues, edits)
    assert [issue.code for issue in issues] == ["ocr-markers-unsure"]
    assert edits == []
    assert lines == body


def test_specks_are_removed_and_abbreviations_kept():
    edits: list[Edit] = []
    text = "1..Calls upon the. United Nations and: other. bodies, see vol. 2 and the work.of it"
    assert remove_specks(".Member " + text, 1, Lexicon(), edits) == (
        "Member 1. Calls upon the. United Nations and: other bodies, see vol. 2 and the work of it"
    )
    assert {edit.rule for edit in edits} == {"ocr-speck"}
    assert len(edits) == 4


def test_a_misread_word_is_corrected_to_the_one_near_word_the_document_prints():
    edits: list[Edit] = []
    printed = ["Secretary", "General", "twenty", "sixth", "session"]
    assert correct_misreadings(
        "the Sécretary-General, at its rrwenty-sixth session", 1, Lexicon(), printed, edits
    ) == ("the Secretary-General, at its twenty-sixth session")
    assert [(e.before, e.after) for e in edits] == [
        ("Sécretary", "Secretary"),
        ("rrwenty", "twenty"),
    ]


def test_names_digits_and_ties_are_left_alone():
    edits: list[Edit] = []
    printed = ["Sweden", "Swedish", "vote", "note", "session"]
    text = "Swedan voted on item 12abc, a zote, a sessiom2"
    assert correct_misreadings(text, 1, Lexicon(), ["Sweden", "vote", "note"], edits) == (
        "Sweden voted on item 12abc, a zote, a sessiom2"
    )
    # "Swedan" is printed as a name nearby ("Sweden"); "zote" is as near "vote" as "note".
    assert [(e.before, e.after) for e in edits] == [("Swedan", "Sweden")]
    edits.clear()
    assert correct_misreadings("Swedan", 1, Lexicon(), printed[2:], edits) == "Swedan"


def test_ibid_misread_at_a_note_start_is_ibid():
    edits: list[Edit] = []
    assert correct_ibid("Thid., vol. 249, No. 3511.", 1, edits) == "Ibid., vol. 249, No. 3511."
    assert correct_ibid("Third Committee", 1, edits) == "Third Committee"
    assert [(e.before, e.after, e.rule) for e in edits] == [("Thid", "Ibid", "ocr-ibid")]


def _repair_all(text: str, printed: list[str], edits: list[Edit]) -> str:
    lexicon = Lexicon()
    text = join_split_words(text, 1, lexicon, edits)
    text = split_glued_words(text, 1, lexicon, edits)
    text = remove_specks(text, 1, lexicon, edits)
    return correct_misreadings(text, 1, lexicon, printed, edits)


def test_repairs_change_nothing_in_clean_text(res_78_228, dump_78_228):
    # Idempotent: the born-digital text of A/RES/78/228 and the repaired seed dump are clean.
    for document in (res_78_228, dump_78_228):
        texts = [p.text for p in document.paragraphs] + [n.text for n in document.footnotes]
        edits: list[Edit] = []
        for text in texts:
            assert _repair_all(text, list(corpus_words()), edits) == text
        assert edits == []
