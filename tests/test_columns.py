"""Columns: a stretch set in two columns is read column by column; tables stay rows."""

from __future__ import annotations

from pathlib import Path

import pytest

from cleaners.columns import find_column_stretches, foot_in_columns
from cleaners.pdf_reader import read_pdf
from cleaners.pipeline import clean_file

FIXTURES = Path(__file__).parent / "fixtures" / "columns"


def prose(left: float, right: float, size: float = 10.0) -> list[tuple[float, float]]:
    """The glyph extents of a line of set text from `left` to `right`, words 0.3 em apart."""
    word, space = 4 * size, 0.3 * size
    glyphs, x = [], left
    while x + word <= right:
        glyphs.append((x, x + word))
        x += word + space
    return glyphs


def two_columns(rows: int, shift: float = 0.0) -> list:
    """Rows of a page in two columns 50-250 and 270-470; the right column's baselines shifted
    by `shift` points (columns need not be set on one grid)."""
    page = []
    for index in range(rows):
        bottom = 100 + 12 * index
        if shift:
            page.append((bottom, 10.0, prose(50, 250)))
            page.append((bottom + shift, 10.0, prose(270, 470)))
        else:
            page.append((bottom, 10.0, prose(50, 250) + prose(270, 470)))
    return page


@pytest.mark.parametrize("shift", [0.0, 5.0])
def test_two_columns_are_found_with_the_header_above_them_left_out(shift):
    header = (60.0, 9.0, prose(50, 120))
    rows = [header, *two_columns(20, shift)]
    (stretch,) = find_column_stretches(rows)
    assert (stretch.first, stretch.last) == (1, len(rows) - 1)
    assert 219 < stretch.x < 270  # between the left column's last word and the right one


def test_notes_at_the_foot_of_each_column_keep_the_columns():
    """Each column's notes under its own separator: too few and too short rows for a stretch of
    their own, read in the columns above them because none crosses the gutter."""
    rows = two_columns(20)
    notes = [
        (400.0, 10.0, prose(50, 110) + prose(270, 330)),  # the two separators
        (410.0, 8.0, prose(50, 240) + prose(270, 460)),
        (419.0, 8.0, prose(60, 180)),  # the left column's note ends; the right's goes on
        (428.0, 8.0, prose(270, 400)),
    ]
    footer = (480.0, 8.0, prose(50, 100) + prose(420, 470))  # job number, page number
    page = [*rows, *notes, footer]
    (stretch,) = find_column_stretches(page)

    foot = foot_in_columns(page, stretch)

    assert foot is not None and (foot.first, foot.last, foot.x) == (20, 23, stretch.x)


def test_a_note_zone_across_both_columns_and_a_footer_stay_rows():
    rows = two_columns(20)
    across = [(400.0, 8.0, prose(50, 470)), (409.0, 8.0, prose(50, 300))]
    footer = (480.0, 8.0, prose(50, 100) + prose(420, 470))
    (stretch,) = find_column_stretches([*rows, *across])
    assert foot_in_columns([*rows, *across, footer], stretch) is None
    assert foot_in_columns([*rows, footer], stretch) is None  # one row: a footer


def test_one_column_and_a_table_are_not_columns():
    one_column = [(100 + 12 * i, 10.0, prose(50, 470)) for i in range(30)]
    table = [  # a label and three figures a row, as budget tables are set
        (100 + 12 * i, 10.0, prose(50, 200) + prose(260, 290) + prose(340, 370) + prose(420, 450))
        for i in range(30)
    ]
    assert find_column_stretches(one_column) == []
    assert find_column_stretches(table) == []


def test_a_real_page_in_two_columns_is_read_column_by_column():
    """UN Women's CEDAW for Youth, p. 12: Articles 15 and 16 down the left column, Articles 17
    to 22 down the right; read by rows, every line would pair one of each."""
    (page,) = read_pdf(FIXTURES / "CEDAW_for_Youth_page15.pdf")
    texts = [line.plain_text for line in page.lines]
    assert texts.index("Countries must guarantee women and girls") == 2
    assert texts.index("marriages must be registered.") + 1 == texts.index("ARTICLES 17 TO 22")
    assert texts.index("mendations on thematic or other issues.") < texts.index("12")
    columns = {line.plain_text: line.column_x0 for line in page.lines}
    assert (columns["ARTICLE 16"], columns["ARTICLES 17 TO 22"], columns["12"]) == (78, 324, None)


@pytest.mark.parametrize(
    "name",
    [
        "IT-95-14-T_page9_players_table.pdf",  # names beside their wrapped descriptions
        "A_HRC_43_2_page151_table.pdf",  # symbol, agenda item, title: a table with wrapped titles
        "TCMemo_2020_26_page4_table.pdf",  # docket numbers and figures
        "A_HRC_WG.6_7_SVN_2_Corr.1_page2_table.pdf",  # treaty bodies and their reports
    ],
)
def test_a_real_table_stays_rows(name):
    (page,) = read_pdf(FIXTURES / name)
    assert all(line.column_x0 is None for line in page.lines)


def test_each_column_s_paragraphs_are_whole():
    """Paragraph indents and gaps are read within each column, and a paragraph ends at its
    column's foot, not mid-way down the other column."""
    paragraphs = [p.text for p in clean_file(FIXTURES / "CEDAW_for_Youth_page15.pdf").paragraphs]
    article_16 = paragraphs[paragraphs.index("Marriage and Family Life") + 1]
    assert article_16.startswith("In terms of marriage and family relations, countries must")
    assert article_16.endswith("Additionally, all marriages must be registered.")
    articles_17 = paragraphs[paragraphs.index("ARTICLES 17 TO 22") + 1]
    assert "Countries submit an initial report within one year" in articles_17
    assert articles_17.endswith("general recommendations on thematic or other issues.")
