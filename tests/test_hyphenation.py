import pytest

from cleaners.hyphenation import decide, decide_line_end_hyphens
from cleaners.lexicon import Lexicon
from cleaners.model import HYPHEN_SITE, Document, Footnote, Paragraph, Source
from tests.conftest import cleaned, corpus_pdf

LEXICON = Lexicon()


@pytest.mark.parametrize(
    ("head", "tail", "printed", "join", "rule"),
    [
        ("decision", "making", {"decision-making"}, False, "document-prints-hyphenated"),
        ("Confer", "ence", {"conference"}, True, "document-prints-joined"),
        ("Secretary", "General", set(), False, "second-part-capital-or-digit"),
        ("COVID", "19", set(), False, "second-part-capital-or-digit"),
        ("UNHCR", "led", set(), False, "first-part-acronym"),
        ("traffick", "ing", set(), True, "lexicon-join"),
        ("rights", "based", set(), False, "lexicon-compound"),
        ("non", "governmental", set(), False, "lexicon-compound"),
        ("people", "centred", set(), False, "lexicon-join-not-a-word"),
        ("fifty", "third", set(), False, "lexicon-join-not-a-word"),
        ("mat", "ter", set(), True, "lexicon-join-more-frequent"),
        ("health", "care", set(), None, "undecided-kept"),
    ],
)
def test_rules_in_order(head, tail, printed, join, rule):
    decision = decide(head, tail, printed, LEXICON)
    assert (decision.join, decision.rule) == (join, rule)


def test_every_site_becomes_an_edit_and_undecided_ones_an_issue():
    document = Document(
        doc_id="t",
        source=Source("t.pdf", "0" * 64, "pdf", 1),
        paragraphs=[Paragraph(f"combat traffick-{HYPHEN_SITE}ing and health-{HYPHEN_SITE}care", 1)],
        footnotes=[Footnote("1", 1, f"the Secretary-{HYPHEN_SITE}General", [1])],
    )
    decide_line_end_hyphens(document)
    assert document.paragraphs[0].text == "combat trafficking and health-care"
    assert document.footnotes[0].text == "the Secretary-General"
    assert [(e.before, e.after, e.rule) for e in document.edits] == [
        ("traffick-\ning", "trafficking", "lexicon-join"),
        ("health-\ncare", "health-care", "undecided-kept"),
        ("Secretary-\nGeneral", "Secretary-General", "second-part-capital-or-digit"),
    ]
    assert [issue.code for issue in document.issues] == ["hyphen-undecided"]


def test_real_un_pdfs_keep_every_line_end_hyphen():
    # UN resolutions are not hyphenated by the typesetter: every line-end hyphen is real.
    for name in ("A_RES_78_228.pdf", "A_RES_78_181.pdf", "A_C.3_80_L.20.pdf"):
        edits = [e for e in cleaned(corpus_pdf(name)).edits if e.kind == "hyphenation"]
        assert edits, name
        assert all(edit.after == edit.before.replace("\n", "") for edit in edits), name


def test_no_word_joins_a_number():
    """ "…/emergency-appeals/2025-" + "unrwa-occupied…" (A/81/6 (Sect. 26), note 1)."""
    from cleaners.hyphenation import decide
    from cleaners.lexicon import Lexicon

    decision = decide("", "unrwa", {"unrwa"}, Lexicon())
    assert (decision.join, decision.rule) == (False, "first-part-not-a-word")
