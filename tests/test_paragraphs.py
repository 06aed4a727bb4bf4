from cleaners.canonical import canonical_body
from cleaners.model import HYPHEN_SITE, Edit
from cleaners.paragraphs import build_paragraphs, join_lines
from tests.ocr_lines import ocr_line


def test_paragraph_running_from_page_one_to_page_two_is_one_paragraph(res_78_228):
    para = next(p for p in res_78_228.paragraphs if p.text.startswith("Recalling the adoption by"))
    assert para.page == 1
    assert "types of exploitation,\ue0002\ue001 on taking immediate" in para.text
    assert para.text.endswith("torture of children,\ue0004\ue001")


def test_numbered_and_lettered_paragraph_starts_are_kept(res_78_228):
    starts = [p.text[:4] for p in res_78_228.paragraphs]
    assert "(a) " in starts and "(e) " in starts
    assert any(
        p.text.startswith("33. Requests the Secretary-General") for p in res_78_228.paragraphs
    )


def test_paragraphs_are_separated_by_one_blank_line(res_78_228):
    body = canonical_body(res_78_228)
    assert "\n\n\n" not in body
    assert body.startswith(
        "78/228. Improving the coordination of efforts against trafficking in persons\n\n"
        "The General Assembly,\n\nReiterating its strong condemnation"
    )


def test_closing_lines_are_their_own_paragraphs(res_78_228):
    assert [p.text for p in res_78_228.paragraphs[-2:]] == [
        "50th plenary meeting",
        "19 December 2023",
    ]


def test_join_lines_marks_hyphen_sites_and_keeps_suspended_hyphens():
    edits: list[Edit] = []
    assert join_lines(["the Secretary-", "General said"], 1, edits) == (
        "the Secretary-" + HYPHEN_SITE + "General said"
    )
    assert join_lines(["a gender-", "and age-sensitive"], 1, edits) == "a gender- and age-sensitive"
    assert edits == []


def test_soft_hyphen_at_line_end_is_removed_as_an_edit():
    edits: list[Edit] = []
    assert join_lines(["traffick\u00ad", "ing"], 3, edits) == "trafficking"
    assert edits == [Edit("hyphenation", 3, "\u00ad", "", "soft-hyphen-line-break", 1.0)]


def test_on_an_ocr_layer_a_size_change_does_not_start_a_paragraph():
    # OCR sizes each line by its box: "Gen-" at 10.8 pt, "eral Assembly," at 10.1 pt.
    lines = [
        ocr_line(
            1, 141.1, 454.6, 10.8, "Recalling the Final Document of the Tenth Session of the Gen-"
        ),
        ocr_line(1, 117.7, 467.2, 10.1, "eral Assembly, the first special session devoted to"),
        ocr_line(1, 117.7, 480.0, 11.2, "disarmament,"),
        ocr_line(1, 141.4, 498.6, 10.8, "Recalling also the advisory opinion"),
    ]
    ocr = build_paragraphs(lines, 10.8, [], ocr=True)
    assert [p.text[:9] for p in ocr] == ["Recalling", "Recalling"]
    assert "Gen-" + HYPHEN_SITE + "eral Assembly," in ocr[0].text
    assert len(build_paragraphs(lines, 10.8, [])) == 4


def test_a_range_broken_at_its_dash_is_joined_without_a_space():
    from cleaners.paragraphs import join_lines

    assert (
        join_lines(["Decade (2021\u2013", "2030), with"], 1, []) == "Decade (2021\u20132030), with"
    )
    assert join_lines(["Peace \u2013", "and security"], 1, []) == "Peace \u2013 and security"
