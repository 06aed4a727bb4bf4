import pytest

from cleaners.citations import (
    check_plausibility,
    comma_parts,
    find_citations,
    locator_kind,
    ordinal_number,
    split_parts,
)


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


@pytest.mark.parametrize(
    ("text", "kind", "fields"),
    [
        # Forms of other series, as printed in ../shared/corpus/varied.
        (
            "Prosecutor v. Zlatko Aleksovski, Case No. IT-95-14/1-A, Judgement, 24 March 2000, "
            "para. 5.",
            "judgment",
            {"parties": "Prosecutor v. Zlatko Aleksovski", "case_number": "IT-95-14/1-A"},
        ),
        (
            "Case of the Serrano-Cruz Sisters. Preliminary Objections. Judgment of November 23, "
            "2004. Series C No. 118, para. 61",
            "judgment",
            {"parties": "Case of the Serrano-Cruz Sisters", "series": "C", "series_number": "118"},
        ),
        ("CRPD/C/SVN/CO/1, paras. 31–32.", "document", {"symbol": "CRPD/C/SVN/CO/1"}),
        ("A/HRC/WG.6/20/SVN/2, para. 4.", "document", {"symbol": "A/HRC/WG.6/20/SVN/2"}),
        ("E/C.12/GC/27.", "document", {"symbol": "E/C.12/GC/27"}),
        ("Convention No. 169.", "convention", {"title": "Convention", "number": "169"}),
        (
            "Indigenous and Tribal Peoples Convention, 1989 (No. 169).",
            "convention",
            {"title": "Indigenous and Tribal Peoples Convention", "number": "169"},
        ),
        (
            "Available from https://www.ohchr.org/a;b,c.pdf.",
            "url",
            {"url": "https://www.ohchr.org/a;b,c.pdf."},
        ),
        (
            "Case of Goiburú et al., supra note 14, para. 43.",
            "supra",
            {"title": "Case of Goiburú et al.", "note": "14", "details": "para. 43."},
        ),
        (
            "A. O'Shea, op. cit. supra n. (2), p. 186.",
            "supra",
            {"title": "A. O'Shea", "note": "2", "details": "p. 186."},
        ),
        ("Bassiouni, op. cit., p. 5.", "supra", {"title": "Bassiouni", "details": "p. 5."}),
        ("above, note 12.", "footnote", {"number": "12"}),
        ("supra fn 283.", "footnote", {"number": "283"}),
        ("supra, fns 37, 44.", "footnote", {"number": "37", "numbers": "37, 44"}),
        ("supra para. 187.", "cross_reference", {}),
        ("supra, Section III.C.1.(a), para. 17.", "cross_reference", {}),
        ("and vols. 2171, 2173 and 2983, No. 27531.", "locator", {"locator": "volume"}),
        # Prose that points to a note is no citation of it.
        ("For a description of the uniforms, see supra fn 283.", "other", {}),
    ],
)
def test_forms_of_other_series(text, kind, fields):
    assert _kinds(text) == [(kind, None, fields)]


@pytest.mark.parametrize(
    ("text", "signal", "details"),
    [
        ("Ibid.", None, ""),
        ("ibid.", None, ""),
        ("Ibid", None, ""),
        ("Ibidem.", None, ""),
        ("Idem.", None, ""),
        ("Id.", None, ""),
        ("See ibid.", "See", ""),
        ("Cf. ibid., p. 282.", "Cf.", "p. 282."),
        ("See also, id., paras 815-816.", "See also", "paras 815-816."),
        ("Cited in id., pp. 33-4.", "Cited in", "pp. 33-4."),
        ("Ibid, para 97 (emphasis in original).", None, "para 97 (emphasis in original)."),
        ("Ibid.. para. 57.", None, "para. 57."),
        ("Ibid at para 24.", None, "para 24."),
        ("Id. at 59.", None, "at 59."),
        ("id.at T. 2424, 2450", None, "T. 2424, 2450"),
    ],
)
def test_every_form_of_ibid(text, signal, details):
    assert _kinds(text) == [("ibid", signal, {"details": details} if details else {})]


def test_a_note_splits_into_its_parts_and_gives_its_text_back():
    text = (
        "Marica Vuković, 22 Mar 2006, T. 2443-2444, 2455. See also id.at T. 2424, 2450; "
        "Ex. 1042, Tab 2."
    )
    assert split_parts(text) == [
        ("", "Marica Vuković, 22 Mar 2006, T. 2443-2444, 2455."),
        (" ", "See also id.at T. 2424, 2450"),
        ("; ", "Ex. 1042, Tab 2."),
    ]
    assert [kind for kind, _, _ in _kinds(text)] == ["other", "ibid", "locator"]
    # A bare "Ibid." and the sentence of commentary after it; "and" belongs to the separator.
    assert split_parts("Ibid. For example, the Manual states it.") == [
        ("", "Ibid."),
        (" ", "For example, the Manual states it."),
    ]
    assert split_parts("Ibid. and Tadić Sentencing Judgement, para. 56.") == [
        ("", "Ibid."),
        (" and ", "Tadić Sentencing Judgement, para. 56."),
    ]
    # A URL is never split.
    assert len(split_parts("See https://example.org/a;b; and A/78/1.")) == 2


def test_locators_rank_from_volume_to_footnote():
    assert [
        locator_kind(part)
        for part in ("vol. 2", "part I", "chap. II", "sect. C", "annex I", "p. 4", "para. 5",
                     "fn. 3", "at para. 54", "T. 2443", "Separate Opinion of Judge Li")
    ] == ["volume", "part", "chapter", "section", "annex", "page", "paragraph", "footnote",
          "paragraph", "transcript", "opinion"]  # fmt: skip
    assert locator_kind("resolution 2, annex") == "resolution"
    assert locator_kind("resolution 79/1") is None  # a source of its own
    assert comma_parts("Krnojelac Trial Judgment at para. 54") == [
        "Krnojelac Trial Judgment",
        "at para. 54",
    ]
