import re
from pathlib import Path

import pytest

from cleaners.pdf_reader import PdfReadError, _spans, read_pdf
from tests.conftest import CORPUS_OTHER, corpus_pdf


@pytest.fixture(scope="module")
def pages_78_228():
    return read_pdf(corpus_pdf("A_RES_78_228.pdf"))


def _line(pages, page, starts):
    return next(line for line in pages[page - 1].lines if line.plain_text.startswith(starts))


def test_body_marker_is_a_superscript_span_on_its_host_line(pages_78_228):
    line = _line(pages_78_228, 2, "Crime,")
    texts = [(span.text, span.superscript) for span in line.spans[:3]]
    assert texts == [("Crime,", False), ("5", True), ("as", False)]
    assert line.spans[1].size < line.size
    assert line.spans[2].space_before and not line.spans[1].space_before


def test_marker_after_word_without_punctuation(pages_78_228):
    line = _line(pages_78_228, 2, "and child pornography")
    marker = next(span for span in line.spans if span.superscript)
    assert marker.text == "7"
    assert line.plain_text.startswith("and child pornography7 and the")


def test_footnote_numbers_join_their_footnote_lines(pages_78_228):
    line = _line(pages_78_228, 2, "5 United Nations")
    assert line.spans[0].superscript and line.spans[0].text == "5"
    assert line.plain_text == "5 United Nations, Treaty Series, vol. 2225, No. 39574."


def test_words_come_from_glyph_gaps_not_a_fixed_tolerance(pages_78_228):
    # pdfplumber's extract_text(x_tolerance=1) splits these; the glyph rows must not.
    text = "\n".join(line.plain_text for page in pages_78_228 for line in page.lines)
    assert "prostitution" in text and "prostitutio n" not in text
    assert "Secretary-General" in text and "Secretary -General" not in text
    assert "COVID-19" in text and "COVID -19" not in text


def test_symbol_runs_are_separate_on_page_one(pages_78_228):
    top = [line.plain_text for line in pages_78_228[0].lines[:2]]
    assert "/RES/78/228" in top and "United Nations A" in top


def test_broken_pdf_gives_a_clear_error_naming_the_file():
    with pytest.raises(PdfReadError, match=re.escape("broken-no-root.pdf: not a readable PDF")):
        read_pdf(CORPUS_OTHER / "broken-no-root.pdf")


def test_file_that_is_not_a_pdf(tmp_path: Path):
    fake = tmp_path / "fake.pdf"
    fake.write_text("hello")
    with pytest.raises(PdfReadError, match=re.escape("fake.pdf")):
        read_pdf(fake)


def test_line_on_a_slightly_rotated_scan_stays_one_line(tmp_path: Path):
    # An OCR layer of a page scanned 0.6 degrees askew: the baseline drifts ~4 pt across a line.
    from reportlab.pdfgen.canvas import Canvas

    path = tmp_path / "slanted.pdf"
    canvas = Canvas(str(path))
    canvas.rotate(0.6)
    canvas.setFont("Times-Roman", 10)
    lines = [
        "Reiterating its strong condemnation of trafficking in persons, especially women",
        "and children, which constitutes an offence and a serious threat to human dignity",
        "physical integrity, human rights and sustainable development, and recalling",
    ]
    for index, text in enumerate(lines):
        canvas.drawString(72, 700 - 12 * index, text)
    canvas.save()
    assert [line.plain_text for line in read_pdf(path)[0].lines] == lines


def _chars(words: list[str], letter_gap: float, word_gap: float, size: float = 10.0) -> list:
    """Glyphs of one line with no space glyphs: only the gaps tell the words apart."""
    chars, x = [], 72.0
    for word in words:
        for letter in word:
            chars.append(
                {
                    "text": letter,
                    "x0": x,
                    "x1": x + 5.0,
                    "top": 90.0,
                    "bottom": 100.0,
                    "fontname": "Times",
                    "size": size,
                }
            )
            x += 5.0 + letter_gap
        x += word_gap - letter_gap
    return chars


def test_word_gaps_are_found_line_by_line_without_space_glyphs():
    words = ["thirty-second,", "thirty-third", "and", "thirty-fourth", "sessions,"]
    # Letter-spaced text: 0.25 em inside words, 0.6 em between them; a fixed 0.18 em splits
    # every letter.
    spaced = _spans([(c, False) for c in _chars(words, 2.5, 6.0)], 10.0)
    assert [span.text for span in spaced] == words
    # Words 0.25 em apart, wider after a comma (the benchmark's reportlab lines): the first
    # jump above the letter gaps is the word gap, not the wider one after punctuation.
    chars = _chars(words, 0.0, 2.5)
    for char in chars[chars.index(next(c for c in chars if c["text"] == ",")) + 1 :]:
        char["x0"] += 3.5
        char["x1"] += 3.5
    assert [span.text for span in _spans([(c, False) for c in chars], 10.0)] == words


ROTATED = Path(__file__).parent / "fixtures" / "rotated" / "A_80_630_page34_chart.pdf"


def test_text_turned_on_end_is_read_along_its_own_baseline_not_into_the_rows():
    """A/80/630's landscape organization chart: its symbol, page and job numbers run down the
    margins. pdfminer called those glyphs upright (cos 90° is not exactly 0), so they were read
    one glyph a line, and the job number's "1" joined the legend's row as its note number."""
    (page,) = read_pdf(ROTATED)

    assert page.rotated == ("34/34", "26-01656", "A/80/630")
    assert [line.plain_text for line in page.lines] == [
        "Annex",
        "Organization chart",
        "Abbreviations: ASG, Assistant Secretary-General; FS, Field Service; NGS, national "
        "General Service; NPO, National Professional Officer.",
    ]
