import pytest

from cleaners.citations import check_plausibility, find_citations, ordinal_number


def _kinds(text: str) -> list[tuple[str, str | None, dict]]:
    return [(c.kind, c.signal, dict(c.fields)) for c in find_citations(text)]


@pytest.mark.parametrize(
    ("text", "kind", "fields"),
    [
        (
            "United Nations, Treaty Series, vol. 2225, No. 39574.",
            "treaty",
            {"series": "United Nations", "volume": "vol. 2225", "number": "No. 39574"},
        ),
        (
            "League of Nations, Treaty Series, vol. 60, No. 1414.",
            "treaty",
            {"series": "League of Nations", "volume": "vol. 60", "number": "No. 1414"},
        ),
        (
            "Official Records of the General Assembly, Seventy-eighth Session, Supplement No. 10 "
            "(A/78/10), chap. IV, para. 3.",
            "official_records",
            {
                "body": "General Assembly",
                "session": "Seventy-eighth Session",
                "supplement": "Supplement No. 10",
                "supplement_number": "10",
                "symbol": "A/78/10",
            },
        ),
        ("Resolution 70/1.", "resolution", {"number": "70/1"}),
        (
            "General Assembly resolution 64/293.",
            "resolution",
            {"body": "General Assembly", "number": "64/293"},
        ),
        ("Resolution 217 A (III).", "resolution", {"number": "217 A (III)"}),
        (
            "Security Council resolution 1325 (2000).",
            "resolution",
            {"body": "Security Council", "number": "1325 (2000)"},
        ),
        ("Decision 77/540.", "decision", {"number": "77/540"}),
        ("A/78/136.", "document", {"symbol": "A/78/136"}),
        ("E/CN.15/2023/15, annex.", "document", {"symbol": "E/CN.15/2023/15"}),
        ("I.C.J. Reports 1996, p. 226.", "icj", {"year": "1996", "page": "226"}),
        ("Target 5.2.", "other", {}),
    ],
)
def test_un_citation_forms(text, kind, fields):
    assert _kinds(text) == [(kind, None, fields)]


def test_signals_are_kept_apart():
    assert _kinds("See also resolution 70/1.") == [("resolution", "See also", {"number": "70/1"})]
    assert _kinds("See footnote 5.") == [("footnote", "See", {"number": "5"})]


def test_several_sources_in_one_footnote():
    kinds = [
        kind for kind, _, _ in _kinds("A/51/218, annex; see also I.C.J. Reports 1996, p. 226.")
    ]
    assert kinds == ["document", "icj"]


def test_ordinals():
    assert [
        ordinal_number(w) for w in ("Seventy-eighth", "Eightieth", "First", "Sixty-fourth")
    ] == [
        78,
        80,
        1,
        64,
    ]
    assert ordinal_number("Resolution") is None


def test_session_and_symbol_that_disagree_are_flagged():
    (wrong,) = find_citations(
        "Official Records of the General Assembly, Seventy-eighth Session, Supplement No. 10 "
        "(A/77/10)."
    )
    assert (
        check_plausibility(wrong) == "Seventy-eighth Session does not match the session of A/77/10"
    )
    (supplement,) = find_citations(
        "Official Records of the General Assembly, Seventy-eighth Session, Supplement No. 10 "
        "(A/78/12)."
    )
    assert check_plausibility(supplement) == "Supplement No. 10 does not match A/78/12"
    (right,) = find_citations(
        "Official Records of the General Assembly, Seventy-eighth Session, Supplement No. 10 "
        "(A/78/10)."
    )
    assert check_plausibility(right) is None
