from cleaners.canonical import canonical_body
from cleaners.model import HYPHEN_SITE, Edit
from cleaners.paragraphs import join_lines


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
