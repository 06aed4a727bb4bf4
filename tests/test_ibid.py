import pytest

from cleaners.ibid import apply_ibid, resolve_ibids
from cleaners.model import Footnote

TREATY = "United Nations, Treaty Series, vol. 2225, No. 39574."
RECORDS = (
    "Official Records of the General Assembly, Seventy-eighth Session, Supplement No. 10 (A/78/10)."
)


@pytest.mark.parametrize(
    ("antecedent", "details", "expected"),
    [
        (TREATY, "", TREATY),
        (TREATY, ", vol. 2237, No. 39574.", "United Nations, Treaty Series, vol. 2237, No. 39574."),
        (
            RECORDS,
            ", Seventy-ninth Session, Supplement No. 10 (A/79/10).",
            "Official Records of the General Assembly, Seventy-ninth Session, Supplement No. 10 "
            "(A/79/10).",
        ),
        (RECORDS, ", para. 12.", RECORDS[:-1] + ", para. 12."),
        ("See " + TREATY, "", TREATY),
        (
            "See Official Records of the Economic and Social Council, 2023, Supplement No. 10 "
            "(E/2023/30), chap. I, sect. C.",
            ", 2018, Supplement No. 10 (E/2018/30), chap. I, sect. C.",
            "Official Records of the Economic and Social Council, 2018, Supplement No. 10 "
            "(E/2018/30), chap. I, sect. C.",
        ),
    ],
)
def test_apply_ibid(antecedent, details, expected):
    assert apply_ibid(antecedent, details) == expected


def test_real_locator_forms_from_the_corpus():
    # A/RES/78/168 note 8, A/RES/80/116 note 6, A/RES/80/45 note 5.
    assert apply_ibid(
        "Report of the World Summit on Sustainable Development, Johannesburg, South Africa, "
        "26 August–4 September 2002 (United Nations publication, Sales No. E.03.II.A.1 and "
        "corrigendum), chap. I, resolution 1, annex.",
        ", resolution 2, annex.",
    ).endswith("corrigendum), chap. I, resolution 2, annex.")
    assert apply_ibid("United Nations, Treaty Series, vol. 75, Nos. 970–973.", ", No. 973.") == (
        "United Nations, Treaty Series, vol. 75, No. 973."
    )
    assert apply_ibid(
        "2000 Review Conference, Final Document, vol. I (NPT/CONF.2000/28 (Parts I and II)), "
        "part I.",
        ", section entitled “Article VI”, para. 15.",
    ) == (
        "2000 Review Conference, Final Document, vol. I (NPT/CONF.2000/28 (Parts I and II)), "
        "part I, section entitled “Article VI”, para. 15."
    )


def test_ibid_with_a_locator_the_antecedent_lacks_fails_closed():
    # "Resolution 70/1." has no volume for "vol. 2237" to replace.
    assert apply_ibid("Resolution 70/1.", ", vol. 2237, No. 39574.") is None


def _notes(*texts: str) -> list[Footnote]:
    return [Footnote(str(n), n, text, [1]) for n, text in enumerate(texts, start=5)]


def test_chain_resolves_transitively():
    notes = _notes(TREATY, "Ibid., vol. 2237, No. 39574.", "Ibid.", "Ibid., vol. 266, No. 3822.")
    assert resolve_ibids(notes) == []
    assert [note.resolved for note in notes] == [
        TREATY,
        "United Nations, Treaty Series, vol. 2237, No. 39574.",
        "United Nations, Treaty Series, vol. 2237, No. 39574.",
        "United Nations, Treaty Series, vol. 266, No. 3822.",
    ]
    assert [note.ibid_of for note in notes] == [None, 5, 6, 7]


def test_see_footnote_points_to_that_footnotes_resolved_citation():
    notes = _notes(TREATY, "Ibid., vol. 2237, No. 39574.", "Resolution 70/1.", "See footnote 6.")
    assert resolve_ibids(notes) == []
    assert notes[3].resolved == "See United Nations, Treaty Series, vol. 2237, No. 39574."
    assert notes[3].ibid_of == 6


def test_see_footnote_to_a_later_or_missing_note_is_left_open():
    notes = _notes("Resolution 70/1.", "See note 9.")
    issues = resolve_ibids(notes)
    assert notes[1].resolved is None
    assert [issue.code for issue in issues] == ["ibid-unresolved"]


def test_implausible_citation_is_a_warning():
    notes = _notes(RECORDS, "Ibid., Seventy-ninth Session, Supplement No. 10 (A/78/10).")
    issues = resolve_ibids(notes)
    assert [issue.code for issue in issues] == ["citation-implausible"]
    assert "Seventy-ninth Session does not match the session of A/78/10" in issues[0].message


def test_ibid_of_several_parts_resolves_each_against_the_antecedent(tmp_path):
    from tests.conftest import cleaned, corpus_pdf

    note = {n.number: n for n in cleaned(corpus_pdf("A_RES_80_185.pdf")).footnotes}[9]
    assert note.text == "Ibid., vol. 2131, No. 20378; and vols. 2171, 2173 and 2983, No. 27531."
    assert note.resolved == (
        "United Nations, Treaty Series, vol. 2131, No. 20378; and United Nations, Treaty Series, "
        "vols. 2171, 2173 and 2983, No. 27531."
    )
    note = {n.number: n for n in cleaned(corpus_pdf("A_RES_78_69.pdf")).footnotes}[103]
    assert note.resolved.startswith(
        "Official Records of the General Assembly, Seventy-fourth Session, Supplement No. 10 "
        "(A/74/10); Official Records of the General Assembly, Seventy-sixth Session,"
    )
    assert note.resolved.endswith(
        "and Official Records of the General Assembly, Seventy-eighth "
        "Session, Supplement No. 10 (A/78/10)."
    )


def test_ibid_after_several_sources_is_left_open_with_a_reason():
    notes = _notes("Resolution 70/1; and A/78/136.", "Ibid.")
    issues = resolve_ibids(notes)
    assert notes[1].resolved is None and notes[1].ibid_of == 5
    assert [issue.code for issue in issues] == ["ibid-unresolved"]
    assert "cites several sources" in issues[0].message


def test_real_chains_of_78_228(res_78_228):
    by_number = {note.number: note for note in res_78_228.footnotes}
    assert by_number[6].resolved == "United Nations, Treaty Series, vol. 2237, No. 39574."
    assert by_number[9].resolved == "United Nations, Treaty Series, vol. 2133, No. 37245."
    assert by_number[9].ibid_of == 8
    assert by_number[15].resolved == (
        "Official Records of the Economic and Social Council, 2018, Supplement No. 10 "
        "(E/2018/30), chap. I, sect. C."
    )
    assert by_number[5].resolved == by_number[5].text and by_number[5].ibid_of is None
