import pytest

from cleaners.ibid import apply_ibid, resolve_ibids, resolve_in_text
from cleaners.model import Footnote, Paragraph

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


def _resolved(*texts: str) -> list[str | None]:
    notes = [Footnote(str(n), n, text, [1]) for n, text in enumerate(texts, start=1)]
    resolve_ibids(notes)
    return [note.resolved for note in notes]


def test_locators_by_rank():
    # A coarser locator drops the finer ones; a finer one replaces its own kind, keeps the rest.
    assert apply_ibid("A/74/1002, para. 34.", "annex I.") == "A/74/1002, annex I."
    assert apply_ibid("Report, vol. 2, p. 12, para. 3.", "p. 45.") == "Report, vol. 2, p. 45."
    assert apply_ibid("Report, chap. II, para. 3.", "para. 7.") == "Report, chap. II, para. 7."
    # "at" locators, as ICTY and US courts print them.
    assert apply_ibid("Krnojelac Trial Judgment at para. 54.", "para. 88.") == (
        "Krnojelac Trial Judgment, para. 88."
    )
    assert apply_ibid("Aleksovski Appeal Judgement, pp 59-60.", "at 59.") == (
        "Aleksovski Appeal Judgement, at 59."
    )


def test_ibid_chains_of_an_icty_appeal_judgement():
    # Čelebići Appeal Judgement (IT-96-21-A), notes 23-25 and 44-45: "Ibid," with no point.
    assert _resolved(
        "Tadi} Appeal Judgement, para 116.", "Ibid, para 117.", "Ibid, para 121.", "Ibid."
    ) == [
        "Tadi} Appeal Judgement, para 116.",
        "Tadi} Appeal Judgement, para 117.",
        "Tadi} Appeal Judgement, para 121.",
        "Tadi} Appeal Judgement, para 121.",
    ]
    # A note that goes on to comment: the Ibid. repeats the source and its new locator only.
    assert (
        _resolved(
            "Trial Judgement, para 211. The Trial Chamber relied upon the ICRC Commentary.",
            "Ibid, para 212.",
        )[1]
        == "Trial Judgement, para 212."
    )


def test_id_forms_of_a_trial_judgement():
    # Galić Trial Judgement (IT-98-29-T), notes 6-8, 634-635 of Čelebići.
    assert _resolved("Tadi} Jurisdiction Decision, para. 94.", "Id., para. 70.", "Id.") == [
        "Tadi} Jurisdiction Decision, para. 94.",
        "Tadi} Jurisdiction Decision, para. 70.",
        "Tadi} Jurisdiction Decision, para. 70.",
    ]
    assert _resolved("Witness D, T. 1928-9.", "Id. at T. 1930.")[1] == "Witness D, T. 1930."


def test_ibid_explaining_what_its_source_cites():
    # Martić Trial Judgement, notes 1348-1349: "referring to" lists what the source relies on.
    resolved = _resolved(
        "Bla{kić Appeal Judgement, para. 696, referring to Jelisić Appeal Judgement, para. 122; "
        "Jokić Sentencing Judgement, para. 76.",
        "Ibid., referring to Joki} Sentencing Judgement, para. 89.",
        "Ibid., para. 697.",
    )
    assert resolved[1:] == [
        "Bla{kić Appeal Judgement, para. 696, referring to Joki} Sentencing Judgement, para. 89.",
        "Bla{kić Appeal Judgement, para. 697.",
    ]


def test_supporting_citations_are_not_what_ibid_repeats():
    assert (
        _resolved(
            "Kupreškić Trial Judgement, para. 5. See also Kordić Appeal Judgement, para. 7; "
            "Blaškić Appeal Judgement, para. 9.",
            "Ibid., para. 8.",
        )[1]
        == "Kupreškić Trial Judgement, para. 8."
    )


def test_each_part_of_a_note_is_resolved_on_its_own():
    # A see-also keeps as printed; an Ibid. after a citation in the same note repeats that one.
    assert (
        _resolved("A/79/1, para. 250.", "Ibid., para. 259; see also resolution 79/1, action 56.")[1]
        == "A/79/1, para. 259; see also resolution 79/1, action 56."
    )
    assert _resolved("A/78/136, para. 3; ibid., para. 4.") == [
        "A/78/136, para. 3; A/78/136, para. 4."
    ]
    assert (
        _resolved("Resolution 70/1.", "Cf. ibid., para. 4.")[1] == "Cf. Resolution 70/1, para. 4."
    )


def test_an_antecedent_of_several_sources_needs_the_locator_to_single_one_out():
    # Galić notes 253-254: two judgments, a bare "Id.": left open, with the reason.
    notes = _notes("Kunarac Appeal Judgement, para. 95; Kunarac Trial Judgement, para. 430.", "Id.")
    issues = resolve_ibids(notes)
    assert notes[1].resolved is None
    assert "footnote 5 cites several sources" in issues[0].message
    assert issues[0].subject == "footnote 6"
    # Only one of them has a paragraph for "para. 5" to replace.
    assert _resolved("Resolution 70/1; and A/78/136, para. 3.", "Ibid., para. 5.")[1] == (
        "A/78/136, para. 5."
    )


def test_supra_resolves_to_the_source_its_title_names():
    # Almonacid-Arellano et al. v. Chile (Inter-American Court, 2006), notes 1-2.
    resolved = _resolved(
        "Cf. Case of the Serrano-Cruz Sisters. Preliminary Objections. Judgment of November 23, "
        "2004. Series C No. 118, para. 61; Case of Alfonso Martín del Campo-Dodd. Preliminary "
        "Objections. Judgment of September 3, 2004. Series C No. 113, para. 68.",
        "Cf. Case of the Serrano-Cruz Sisters. Preliminary Objections, supra note 1, para. 73.",
    )
    assert resolved[1] == (
        "Cf. Case of the Serrano-Cruz Sisters. Preliminary Objections. Judgment of November 23, "
        "2004. Series C No. 118, para. 73."
    )
    # The opinion appended to it numbers its notes on from the judgment's, but its "n. (2)"
    # means its own second note: the title is not in note 2, so it stays open.
    notes = _notes("Case of Goiburú et al. Judgment of September 22, 2006. Series C No. 153.")
    notes.append(Footnote("6", 6, "A. O'Shea, op. cit. supra n. (5), p. 186.", [1]))
    (issue,) = resolve_ibids(notes)
    assert notes[1].resolved is None and 'does not cite "A. O\'Shea"' in issue.message


def test_op_cit_without_a_note_finds_the_nearest_note_naming_it():
    assert (
        _resolved(
            "M.Ch. Bassiouni, Crimes against Humanity, 2nd. rev. ed., 1999, pp. 252-253.",
            "Resolution 70/1.",
            "M.Ch. Bassiouni, op. cit., p. 260.",
        )[2]
        == "M.Ch. Bassiouni, Crimes against Humanity, 2nd. rev. ed., 1999, p. 260."
    )


def test_supra_footnotes_and_cross_references():
    resolved = _resolved("Trial Judgement, para. 1898.", "Resolution 70/1.", "See supra, fns 1, 2.")
    assert resolved[2] == "See Trial Judgement, para. 1898; Resolution 70/1."
    # "supra para. 187" points into the document itself: an Ibid. after it repeats it.
    assert _resolved("See supra para. 187.", "Ibid.") == [
        "See supra para. 187.",
        "supra para. 187.",
    ]


def test_the_resolution_is_recorded_on_the_part():
    notes = _notes("A/78/136, para. 3.", "Resolution 70/1; see also ibid., para. 4.")
    resolve_ibids(notes)
    ibid_part = notes[1].citations[1]
    assert ibid_part.kind == "ibid"
    assert (ibid_part.refers_to.note, ibid_part.refers_to.part) == (6, 0)
    assert ibid_part.resolved == "Resolution 70/1, para. 4."
    assert notes[1].resolved == "Resolution 70/1; see also Resolution 70/1, para. 4."


def test_in_text_ibid_of_an_acabq_report():
    # A/80/604/Add.10, paragraphs 27 and 45-49: "(ibid., …)" repeats the bracket before it.
    paragraphs = [
        Paragraph(
            "The Board of Auditors (A/80/5 (Vol. II)) noted (ibid., chap. II, para. 114).", 3
        ),
        Paragraph("See the report (see para. 19 below) and (A/80/614, paras. 62–67).", 4),
        Paragraph("The Committee was informed (ibid., paras. 69–79) and (ibid.).", 4),
    ]
    found, issues = resolve_in_text(paragraphs)
    assert issues == []
    assert [(entry.paragraph, entry.citation.kind, entry.citation.resolved) for entry in found] == [
        (0, "document", None),
        (0, "ibid", "A/80/5 (Vol. II), chap. II, para. 114"),
        (1, "document", None),
        (2, "ibid", "A/80/614, paras. 69–79"),
        (2, "ibid", "A/80/614, paras. 69–79"),
    ]
    assert [entry.antecedent for entry in found] == [None, 0, None, 2, 3]
    # No in-text Ibid.: nothing recorded; an Ibid. with nothing before it: an issue.
    assert resolve_in_text(paragraphs[1:2]) == ([], [])
    found, issues = resolve_in_text([Paragraph("As reported (ibid., para. 3).", 2)])
    assert found[0].citation.resolved is None and issues[0].code == "ibid-unresolved"


def test_fixes_from_checking_the_celebici_golden_file():
    # Note 199-200: a sentence of prose before the citation is not part of the source.
    assert (
        _resolved(
            "The Appeals Chamber further referred to the IMT’s holding that crimes against "
            "international law are committed by individuals. "
            "Tadi} Jurisdiction Decision, para 128.",
            "Ibid, para 129.",
        )[1]
        == "Tadi} Jurisdiction Decision, para 129."
    )
    # Notes 798-799, 816-817: a locator printed with no comma is replaced like any other.
    assert _resolved("Trial Transcript pp 1323, 1337.", "Ibid, p 6269.")[1] == (
        "Trial Transcript, p 6269."
    )
    assert _resolved("Trial Transcript at p 13954.", "Ibid at p 14024.")[1] == (
        "Trial Transcript, p 14024."
    )
    # Notes 1118-1122: articles are numbered through the instrument; a title is coarser.
    assert _resolved(
        "Constitution, Article 9.", "Ibid, Title XI.", "Ibid, Article 108.", "Ibid, Article 109."
    )[1:] == ["Constitution, Title XI.", "Constitution, Article 108.", "Constitution, Article 109."]
    # Note 809-810: the page may be that of the transcript the judgment refers to: open.
    notes = _notes(
        "Trial Judgement at para 1089, referring to Trial Transcript at p 7774.",
        "Ibid at p 4726, referred to by the Trial Chamber.",
    )
    (issue,) = resolve_ibids(notes)
    assert notes[1].resolved is None and "only in what it refers to" in issue.message
    # Note 22: "Id" with no point, then a bracket.
    assert _resolved("Tadi} Appeal Judgement, para 137.", "Id (emphasis in original).")[1] == (
        "Tadi} Appeal Judgement, para 137 (emphasis in original)."
    )


def test_a_supra_part_needs_only_its_own_antecedent_resolved():
    # Almonacid-Arellano notes 153-154: note 153's "19 Tradesmen" part is open, its
    # "Palamara-Iribarne" part is not.
    notes = _notes(
        "Cf. Case of the 19 Merchants. Judgment of July 5, 2004. Series C No. 109, para. 192.",
        "Cf. Case of Palamara-Iribarne. Judgment of November 22, 2005. Series C No. 135, "
        "para. 124; and Case of 19 Tradesmen, supra note 5, para. 165.",
        "Cf. Case of Palamara-Iribarne, supra note 6, para. 143.",
    )
    resolve_ibids(notes)
    assert notes[1].resolved is None
    assert notes[2].resolved == (
        "Cf. Case of Palamara-Iribarne. Judgment of November 22, 2005. Series C No. 135, para. 143."
    )


def test_supra_references_that_show_the_notes_renumbered():
    # Almonacid-Arellano: the opinion's notes are printed from 171 on, but its "supra n. (2)"
    # means its own second note (172).  Two references agree on the offset, so it is undone,
    # with an info issue; one reference alone proves nothing.
    texts = [f"Resolution {n}/1." for n in range(1, 11)]
    texts[6] = "A. O'Shea, Amnesty for Crime in International Law, Kluwer, 2004, p. 15."
    texts[7] = "M.Ch. Bassiouni, Crimes against Humanity, 1999, pp. 252."
    texts.append("A. O'Shea, op. cit. supra n. (2), p. 186.")  # note 11: O'Shea is in note 7
    notes = [Footnote(str(n), n, text, [1]) for n, text in enumerate(texts, start=1)]
    issues = resolve_ibids(notes)
    assert notes[10].resolved is None  # one reference: no renumbering shown
    notes.append(Footnote("12", 12, "Cf. M.Ch. Bassiouni, op. cit. supra n. (3), p. 227.", [1]))
    issues = resolve_ibids(notes)
    assert (
        notes[10].resolved
        == "A. O'Shea, Amnesty for Crime in International Law, Kluwer, 2004, p. 186."
    )
    assert notes[11].resolved == "Cf. M.Ch. Bassiouni, Crimes against Humanity, 1999, p. 227."
    assert [issue.code for issue in issues] == ["supra-renumbered", "supra-renumbered"]
    assert "read as footnote 7" in issues[0].message


def test_slips_and_signals_of_real_notes():
    # Čelebići note 791 "Ibid at para,1285."; Almonacid note 179 "cit. in A. O'Shea, op. cit.".
    assert _resolved("Trial Judgement, para 1121.", "Ibid at para,1285.")[1] == (
        "Trial Judgement, para,1285."
    )
    assert (
        _resolved(
            "A. O'Shea, Amnesty for Crime, 2004, p. 1.",
            "The Treaty of Sèvres; cit. in A. O'Shea, op. cit. supra n. (1), p. 15.",
        )[1]
        == "The Treaty of Sèvres; cit. in A. O'Shea, Amnesty for Crime, 2004, p. 15."
    )


def test_short_titles_link_to_the_note_that_defines_them():
    # Blaškić Trial Judgement: "(hereinafter “Kahan Report”)", then "Kahan Report, p. 480."
    notes = _notes(
        "Report of the Commission of Inquiry into the Events at the Refugee Camps in Beirut, "
        "1983 (hereinafter “Kahan Report”), reproduced in 22 ILM, p. 473.",
        "Kahan Report, p. 480.",
        "Ibid., p. 481.",
    )
    resolve_ibids(notes)
    (defining,) = notes[0].citations
    assert defining.get("short_title") == "Kahan Report"
    (use,) = notes[1].citations
    assert (use.refers_to.note, use.refers_to.part) == (5, 0)
    assert use.resolved == (
        "Report of the Commission of Inquiry into the Events at the Refugee Camps in Beirut, "
        "1983, p. 480."
    )
    # The notes themselves read as printed: a short title is not an Ibid.
    assert [note.resolved for note in notes[1:]] == [
        "Kahan Report, p. 480.",
        "Kahan Report, p. 481.",
    ]
