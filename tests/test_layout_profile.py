"""Layout from each document's own typography: randomized layouts, furniture, note labels."""

from __future__ import annotations

import pytest

from bench.layouts import furniture_left, generate, score
from bench.score import rates
from cleaners.canonical import to_record
from cleaners.model import Line, Span
from cleaners.patterns import footer_pieces
from cleaners.pipeline import clean_file
from cleaners.profile import learn_profile
from tests.conftest import SHARED, cleaned, corpus_pdf

VARIED = SHARED / "corpus" / "varied"


@pytest.mark.parametrize("seed", [3, 7, 12, 25, 33, 58])
def test_randomized_layout_is_read_exactly(seed, tmp_path):
    """Paper, sizes, separator, label style, headers and footers, one or two columns drawn at
    random: every note found with its exact text and page, every marker linked, the body's
    words in reading order, no furniture left."""
    (truth,) = generate(tmp_path, count=1, first_seed=seed)
    assert truth.params.columns == (2 if seed in (25, 33) else 1)  # both kinds are tried
    record = to_record(clean_file(tmp_path / f"{truth.name}.pdf"))
    result = score(truth, record)
    assert result.notes_exact == result.notes_true > 0, truth.params
    assert rates(result)["marker_f1"] == 1.0, truth.params
    assert result.word_errors == 0, truth.params
    assert furniture_left(truth, record) == [], truth.params


def test_profile_is_learned_from_the_document():
    profile = learn_profile_of(corpus_pdf("A_RES_78_228.pdf"))
    assert (profile.body_size, round(profile.pitch)) == (10.0, 12)
    courier = learn_profile_of(VARIED / "un-ga-res-1994_A_RES_48_161.pdf")
    assert (courier.body_size, round(courier.pitch), courier.margin) == (10.0, 10, 72.0)


def learn_profile_of(path):
    from cleaners.pdf_reader import read_pdf

    return learn_profile(read_pdf(path))


@pytest.mark.parametrize(
    ("text", "furniture"),
    [
        ("GE.19-13879 3", True),
        ("2 GE.19-13879", True),
        ("GE.20-04483(E)", True),
        ("Page 2 GE.10-96680", True),
        ("2/2 26-21106", True),
        ("case 07-55393 was heard", False),
        ("2013/9, 2014/27, 2015/26,", False),
    ],
)
def test_footer_pieces(text, furniture):
    assert footer_pieces(text) is furniture


def test_a_note_line_of_resolution_numbers_is_not_a_footer():
    """A/RES/80/118, note 2: a line of "2013/9, 2014/27, ..." was removed as page numbers."""
    document = cleaned(corpus_pdf("A_RES_80_118.pdf"))
    note = next(note for note in document.footnotes if note.number == 2)
    assert "2013/9, 2014/27" in note.text and note.text.endswith("2023/3 and 2024/13.")


def test_geneva_job_numbers_and_mirrored_footers_are_removed():
    record = to_record(cleaned(VARIED / "hrc-upr-2019_A_HRC_WG.6_34_ITA_3_summary.pdf"))
    assert "GE.19-13879" not in record["text"]
    rules = {edit["rule"] for edit in record["edits"] if edit["kind"] == "furniture"}
    assert {"running-header", "page-number", "job-number", "barcode"} <= rules


def test_typewriter_markers_link_to_their_notes():
    """1994 Courier template: notes after "____", labelled "1/", referenced "1987, 1/ and"."""
    record = to_record(cleaned(VARIED / "un-ga-res-1994_A_RES_48_161.pdf"))
    assert [note["number"] for note in record["footnotes"]] == [1, 2, 3, 4, 5]
    assert record["footnotes"][0]["text"] == "A/42/521-S/19085, annex."
    assert "adopted at the Esquipulas II summit meeting on 7 August 1987,[^1] and" in record["text"]
    # Five first references and three second ones ("as set out in the Tegucigalpa Protocol, 2/").
    assert sum(edit["rule"] == "typed-marker" for edit in record["edits"]) == 8
    assert "as set out in the Tegucigalpa Protocol,[^2] and" in record["text"]
    assert "Page 2" not in record["text"] and "/..." not in record["text"]


def test_notes_at_body_size_after_a_gap_are_found():
    """An ICTY judgment sets its notes at the body's size, with no rule: a raised label after
    a gap opens the zone."""
    document = cleaned(VARIED / "icty-2009_D-Milosevic_AJ.pdf")
    numbers = {note.number for note in document.footnotes if note.number is not None}
    assert len(numbers & set(range(1, 950))) >= 0.98 * 949  # 942 of 949 (see docs/benchmarks.md)


def test_raised_numbers_counting_up_without_notes_need_review():
    document = clean_document_without_notes()
    assert "markers-without-notes" in [issue.code for issue in document.issues]


def clean_document_without_notes():
    from cleaners.model import Document, Paragraph, Source, marker_token
    from cleaners.pipeline import finish

    text = f"First claim{marker_token(1)} and second{marker_token(2)} and third.{marker_token(3)}"
    return finish(
        Document("x", Source("x.pdf", "0" * 64, "pdf", 1), {}, [Paragraph(text, 1)], [], [], [])
    )


def test_a_baseline_number_continuing_a_note_is_not_a_new_note():
    from cleaners.footnotes import collect_footnotes

    def line(bottom, *words):
        spans = tuple(
            Span(w, "F", 8.0, 10.0 * i, 10.0 * i + 8, bottom - 8, bottom, space_before=i > 0)
            for i, w in enumerate(words)
        )
        return Line(1, spans, 0.0, 100.0, bottom - 8, bottom, 8.0)

    lines = [line(10, "1.", "Prosecutor", "v.", "Blaškić,", "Judgement,"), line(20, "3", "March")]
    notes, _ = collect_footnotes(lines, [])
    assert [(n.number, n.text) for n in notes] == [(1, "Prosecutor v. Blaškić, Judgement, 3 March")]


def test_headings_at_the_tops_of_pages_are_not_running_headers():
    """ "Article 12", "Article 13" at the tops of pages of the Covenant repeat with their
    numbers aside, but the numbers do not move with the pages: headings, kept."""
    record = to_record(cleaned(VARIED / "un-treaty_ICCPR_OHCHR-print.pdf"))
    removed = [e["before"] for e in record["edits"] if e["kind"] == "furniture"]
    assert not [text for text in removed if text.startswith("Article")]
    assert "No one shall be arbitrarily deprived of the right to enter his own" in record["text"]


def test_a_table_head_under_the_running_header_stays():
    record = to_record(cleaned(VARIED / "un-ga-inf-2021_A_INF_76_1.pdf"))
    assert "Opening date of the general debate" in record["text"]


def test_a_chart_axis_under_a_rule_is_not_a_note_zone():
    """A/81/6 (Sect. 24) prints no numbered notes; its charts' axes ("200", "150") sit under
    drawn rules."""
    document = cleaned(VARIED / "un-ppb-2027_A_81_6_Sect24.pdf")
    assert [note.number for note in document.footnotes if note.number is not None] == []


def test_a_note_continued_under_the_next_pages_rule_is_one_note():
    """D.C. Circuit 07-3125, note 1 runs from page 10 to the rule at the foot of page 11."""
    document = cleaned(VARIED / "court-us-DCCir_07-3125.pdf")
    note = document.footnotes[0]
    assert note.pages == [10, 11]
    assert note.text.endswith(
        "our analysis assumes the knife had only one blade. See id. at 23, 76–77."
    )


def test_numbers_follow_pages():
    from cleaners.furniture import _following_pages

    def line(page, text):
        return Line(page, (Span(text, "F", 10.0, 0, 10, 0, 10),), 0.0, 10.0, 0.0, 10.0, 10.0)

    footers = [line(p, f"GE.19-13879 {p + 1}") for p in (2, 4, 6)]
    headings = [line(p, f"Article {n}") for p, n in ((2, 12), (5, 13), (6, 17))]
    folios = [line(2, "i"), line(3, "ii"), *(line(p, str(p - 2)) for p in (7, 12, 14))]
    assert _following_pages(footers) == (footers, True)
    assert _following_pages(headings) == ([], False)
    assert _following_pages(folios) == (folios[2:], True)


@pytest.mark.parametrize(
    ("name", "expected"),
    [
        (
            "icty-2012_Gotovina_AJ.pdf",
            {
                "case_number": "IT-06-90-A",
                "chamber": "Appeals Chamber",
                "date": "16 November 2012",
                "parties": "PROSECUTOR v. ANTE GOTOVINA",
            },
        ),
        (
            "achpr-court-2023_Kaunda-v-Malawi_judgment.pdf",
            {
                "court": "AFRICAN COURT ON HUMAN AND PEOPLES’ RIGHTS",
                "case_number": "013/2021",
                "date": "5 SEPTEMBER 2023",
                "parties": "SYMON VUWA KAUNDA AND OTHERS v. REPUBLIC OF MALAWI",
            },
        ),
        (
            "court-us-DCCir_07-3125.pdf",
            {"court": "United States Court of Appeals", "case_number": "07-3125"},
        ),
    ],
)
def test_a_judgments_cover_is_read_into_metadata(name, expected):
    """Fields a pattern finds are read; the rest (the ICTY's court name cut over six lines, the
    D.C. Circuit's parties printed with their roles) are left out rather than guessed."""
    assert cleaned(VARIED / name).metadata == expected


def test_geneva_masthead_symbol_and_fields():
    """A Council's masthead: its fields read, and every line above the title removed."""
    document = cleaned(VARIED / "hrc-upr-2019_A_HRC_WG.6_34_ITA_3_summary.pdf")
    title = "Summary of Stakeholders’ submissions on Italy*"
    assert document.metadata == {
        "symbol": "A/HRC/WG.6/34/ITA/3",
        "distribution": "General",
        "date": "14 August 2019",
        "original": "English",
        "session": "Thirty-fourth session",
        "title": title,
        "title_line": title,
    }
    assert document.paragraphs[0].text == title
    removed = [edit.before for edit in document.edits if edit.kind == "masthead"]
    assert (
        "Human Rights Council" in removed
        and "Working Group on the Universal Periodic Review" in removed
    )


@pytest.mark.parametrize(
    ("name", "title"),
    [
        (  # the 2009 template: the symbol under "Distr. GENERAL", the title bold at body size
            "hrc-upr-2009_A_HRC_WG.6_7_ITA_1_national-report.pdf",
            "NATIONAL REPORT SUBMITTED IN ACCORDANCE WITH PARAGRAPH 15 (A) OF THE ANNEX TO "
            "HUMAN RIGHTS COUNCIL RESOLUTION 5/1*",
        ),
        (  # French: no field names the session; the title is set largest
            "hrc-upr-2009_A_HRC_WG.6_7_ITA_1_national-report_FR.pdf",
            "Rapport national présenté conformément au paragraphe 15 a) de l’annexe à la "
            "résolution 5/1 * du Conseil des droits de l’homme Italie",
        ),
        (  # 1994, Courier: nothing bold to go by; read from its text, as a scan's
            "un-ga-res-1994_A_RES_48_161.pdf",
            "The situation in Central America: procedures for the establishment of a firm and "
            "lasting peace and progress in fashioning a region of peace, freedom, democracy and "
            "development",
        ),
    ],
)
def test_older_and_other_language_mastheads_are_removed_up_to_the_title(name, title):
    document = cleaned(VARIED / name)
    assert document.metadata["title"] == title
    assert document.metadata["symbol"] in {"A/HRC/WG.6/7/ITA/1", "A/RES/48/161"}
    assert not [issue for issue in document.issues if issue.code == "masthead-end-not-found"]
    assert cleaned(VARIED / "un-acabq-2026_A_80_604_Add.10.pdf").doc_id == "A_80_604_Add.10"


# Cases a review of the change found (each failed before its fix) -----------------------------


def _line(page, bottom, words, size=10.0, raised=None):
    spans = [
        Span(w, "F", size, 10.0 * i + 20, 10.0 * i + 28, bottom - size, bottom, space_before=i > 0)
        for i, w in enumerate(words.split())
    ]
    if raised:
        spans.insert(
            0, Span(raised, "F", size * 0.6, 10, 16, bottom - size, bottom - 3, superscript=True)
        )
    return Line(page, tuple(spans), 10.0, 500.0, bottom - size, bottom, size)


def _pages(*pages):
    from cleaners.model import Page

    return [Page(number, 600.0, 800.0, tuple(lines)) for number, lines in enumerate(pages, 1)]


def test_a_notes_heading_over_numbered_paragraphs_is_not_an_endnote_section():
    from cleaners.layout import split_layout

    body = [
        _line(1, 100 + 12 * i, f"The Board reviewed the accounts of year {i}.") for i in range(5)
    ]
    notes = [_line(1, 200, "Notes"), _line(1, 212, "1. The Board notes that the fund grew.")]
    later = [_line(2, 100 + 12 * i, f"Chapter two text line number {i} goes on.") for i in range(6)]
    layout = split_layout(_pages([*body, *notes], later))
    assert layout.footnotes == []
    assert any(line.page == 2 for line in layout.body)


def test_headings_whose_numbers_advance_with_the_pages_stay():
    from cleaners.layout import split_layout

    words = "liberty security movement privacy expression assembly".split()
    pages = [
        [
            _line(page, 60, f"Article {page + 3}"),
            *(
                _line(page, 75 + 12 * i, f"Everyone has the right to {words[(page + i) % 6]}.")
                for i in range(20)
            ),
        ]
        for page in range(1, 7)
    ]
    layout = split_layout(_pages(*pages))
    assert not [edit for edit in layout.edits if edit.before.startswith("Article")]


def test_a_form_blank_of_underscores_is_not_a_separator():
    from cleaners.layout import split_layout

    lines = [
        *(_line(1, 100 + 12 * i, f"The parties agree to the terms line {i}.") for i in range(5)),
        _line(1, 200, "____________"),
        _line(1, 212, "For the Government of the Republic"),
    ]
    layout = split_layout(_pages(lines))
    assert layout.footnotes == [] and layout.body[-1].plain_text.startswith("For the Government")


def test_a_symbol_note_between_numbered_notes_breaks_no_sequence():
    from cleaners.footnotes import collect_footnotes

    lines = [
        _line(1, 100, "1. First note.", 8.0),
        _line(1, 110, "* Reissued for technical reasons.", 8.0),
        _line(1, 120, "2. Second note.", 8.0),
        _line(1, 130, "3. Third note.", 8.0),
    ]
    notes, _ = collect_footnotes(lines, [])
    assert [(note.label, note.text) for note in notes] == [
        ("1", "First note."),
        ("*", "Reissued for technical reasons."),
        ("2", "Second note."),
        ("3", "Third note."),
    ]


def test_a_baseline_note_carried_over_with_continued_is_one_note():
    from cleaners.footnotes import collect_footnotes

    lines = [
        _line(1, 700, "1. The note starts", 8.0),
        _line(2, 700, "1 (continued) ends here.", 8.0),
    ]
    notes, _ = collect_footnotes(lines, [])
    assert [(note.number, note.text, note.pages) for note in notes] == [
        (1, "The note starts ends here.", [1, 2])
    ]


def test_marker_and_note_sequences_agree():
    """Markers 1, 1, 2 (a second reference to note 1), then the opinion's 1, 2 in a paragraph
    starting two pages before its notes: both sides count the same sequences."""
    from cleaners.canonical import to_text
    from cleaners.footnotes import check_links, number_sequences
    from cleaners.model import Document, Footnote, Paragraph, Source, marker_token

    text1 = f"a{marker_token(1)} again{marker_token(1)} b{marker_token(2)}."
    text2 = f"Opinion{marker_token(1)} and{marker_token(2)}."
    notes = [Footnote("1", 1, "One.", [1]), Footnote("2", 2, "Two.", [1])]
    notes += [Footnote("1", 1, "Uno.", [5]), Footnote("2", 2, "Dos.", [5])]
    document = Document(
        "x",
        Source("x.pdf", "0" * 64, "pdf", 5),
        {},
        [Paragraph(text1, 1), Paragraph(text2, 3)],
        notes,
    )
    number_sequences(document)
    assert [note.sequence for note in document.footnotes] == [0, 0, 1, 1]
    assert [marker.key for marker in document.markers()] == [(0, 1), (0, 1), (0, 2), (1, 1), (1, 2)]
    assert check_links(document) == []
    assert "Opinion[^2.1] and[^2.2]." in to_text(document)


def test_a_page_of_zero_size_glyphs_does_not_fail():
    from cleaners.layout import split_layout

    split_layout(_pages([_line(1, 100, "tiny", 0.0), _line(1, 112, "text", 0.0)]))


def test_typewritten_notes_in_two_sequences():
    """An opinion typed after the judgment numbers its "1/" notes anew."""
    from cleaners.canonical import to_text
    from cleaners.model import Document, Footnote, Paragraph, Source
    from cleaners.pipeline import finish

    paragraphs = [
        Paragraph("in 1987, 1/ and later 2/ done.", 1),
        Paragraph("the opinion 1/ says 2/ this.", 4),
    ]
    notes = [Footnote("1", 1, "A/42/521.", [1]), Footnote("2", 2, "A/46/829.", [1])]
    notes += [Footnote("1", 1, "A/48/586.", [4]), Footnote("2", 2, "A/48/587.", [4])]
    document = finish(Document("x", Source("x.pdf", "0" * 64, "pdf", 4), {}, paragraphs, notes))
    assert [note.sequence for note in document.footnotes] == [0, 0, 1, 1]
    assert [issue.code for issue in document.issues if issue.severity == "error"] == []
    assert "the opinion[^2.1] says[^2.2] this." in to_text(document)


@pytest.mark.parametrize(
    ("last_line", "continues"),
    [
        ("the butterfly knife had", True),
        ("Treaty Series, vol. 2225,", True),
        ("A/HRC/40/3", False),
        ("para. 5.", False),
    ],
)
def test_a_note_continues_on_the_next_page_only_mid_sentence(last_line, continues):
    from cleaners.note_zone import ends_inside_note

    assert (ends_inside_note([_line(1, 700, last_line, 8.0)]) is not None) is continues


def _resolution_page_1():
    return [
        _line(1, 300 + 12 * i, f"Recalling its resolution {i} on the matter at hand,")
        for i in range(30)
    ]


def test_a_header_block_set_apart_with_the_symbol_goes_whatever_its_sizes():
    """A scan's OCR layer: the header's lines read at about the text's size, the symbol on a line
    of its own in the middle of the block (`bench` scan of A/RES/81/233, left in the text)."""
    from cleaners.layout import split_layout

    header = [
        _line(2, 36, "Follow-up to and implementation of the outcomes", size=9.6),
        _line(2, 46, "of the International Conferences on Financing for", size=9.6),
        _line(2, 51, "A/RES/81/233", size=8.8),
        _line(2, 56, "Development", size=8.8),
    ]
    text = [
        _line(2, 98 + 12 * i, f"{i + 1}. Calls upon all Member States to act now,")
        for i in range(20)
    ]
    layout = split_layout(_pages(_resolution_page_1(), [*header, *text]))
    removed = [edit.before for edit in layout.edits if edit.rule == "running-header"]
    assert removed == [line.plain_text for line in header]
    assert layout.body[len(_resolution_page_1())].plain_text.startswith("1. Calls upon")


def test_a_last_page_of_closing_lines_keeps_them_under_its_header():
    """Page 2 holds only the header, the meeting and the date: the page number "2/2" at its foot
    drew the header down the page, and the resolution's last lines went as header."""
    from cleaners.layout import split_layout

    page_2 = [
        _line(2, 52, "A/RES/81/215 Crime prevention and criminal justice", size=7.6),
        _line(2, 96, "51st plenary meeting", size=8.0),
        _line(2, 114, "17 December 2026", size=8.0),
        _line(2, 755, "2/2", size=6.0),
    ]
    layout = split_layout(_pages(_resolution_page_1(), page_2))
    kept = [line.plain_text for line in layout.body if line.page == 2]
    assert kept == ["51st plenary meeting", "17 December 2026"]


def test_each_columns_typed_separator_leaves_the_note_zone():
    """Notes at the foot of each column: the right column's own "____" follows the left
    column's notes, and was read as the end of the note above it."""
    from cleaners.layout import split_layout

    body = [
        _line(1, 100 + 12 * i, f"The Council recalls its resolution {i} and more.")
        for i in range(20)
    ]
    zone = [
        _line(1, 400, "____________"),
        _line(1, 410, "Ibid., para. 4.", size=8.0, raised="1"),
        _line(1, 420, "____________"),
        _line(1, 430, "See A/HRC/43/15, para. 2.", size=8.0, raised="2"),
    ]
    layout = split_layout(_pages([*body, *zone]))
    assert [line.plain_text for line in layout.footnotes] == [
        "1Ibid., para. 4.",
        "2See A/HRC/43/15, para. 2.",
    ]
    separators = [edit for edit in layout.edits if edit.rule == "footnote-separator"]
    assert len(separators) == 2
