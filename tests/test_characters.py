"""Characters that never reach canonical text (`cleaners/characters.py`): taken out as edits
with an issue, from a PDF's glyphs and from a dump's text."""

from __future__ import annotations

from pathlib import Path

from cleaners.canonical import to_text
from cleaners.characters import clean_text
from cleaners.pipeline import clean_file

DEJAVU = Path("/usr/share/fonts/truetype/dejavu/DejaVuSerif.ttf")


def test_controls_and_direction_overrides_are_removed_and_unmapped_glyphs_shown():
    text, edits = clean_text("Paid \u202e0001$\u202c to \x00X (cid:52) and\tmore\f", page=3)
    assert text == "Paid 0001$ to X \ufffd and\tmore\f"  # tab and page break are spacing
    assert [(e.kind, e.rule, e.before, e.after, e.page) for e in edits] == [
        ("characters", "control-removed", "\u202e\u202c\x00", "", 3),
        ("characters", "unmapped-glyph-replaced", "(cid:52)", "\ufffd", 3),
    ]


def test_a_pdf_whose_text_holds_them_is_cleaned_with_edits_and_an_issue(tmp_path: Path):
    from reportlab.pdfbase import pdfmetrics
    from reportlab.pdfbase.ttfonts import TTFont
    from reportlab.pdfgen import canvas

    pdfmetrics.registerFont(TTFont("DejaVuSerif", str(DEJAVU)))
    path = tmp_path / "hostile.pdf"
    pdf = canvas.Canvas(str(path), invariant=1)
    pdf.setFont("DejaVuSerif", 10)
    pdf.drawString(72, 700, "The sum is \u202e0001$\u202c as printed.")
    pdf.drawString(72, 686, "A line with a NUL \x00 in it.")
    pdf.showPage()
    pdf.save()

    document = clean_file(path)
    text = to_text(document)
    assert "\u202e" not in text and "\u202c" not in text and "\x00" not in text
    assert "The sum is 0001$ as printed." in text
    removed = "".join(e.before for e in document.edits if e.rule == "control-removed")
    assert sorted(removed) == sorted("\u202e\u202c\x00")
    assert [i.code for i in document.issues if i.code == "control-removed"] == ["control-removed"]
    assert document.stages[:2] == ["pdf_reader", "characters"]


def test_a_dump_holding_them_is_cleaned_the_same_way(tmp_path: Path):
    path = tmp_path / "dump.txt"
    path.write_text("Text \u202eevil\u202c here (cid:12) ok.\n", encoding="utf-8")
    document = clean_file(path)
    assert "Text evil here \ufffd ok." in to_text(document)
    assert [e.rule for e in document.edits if e.kind == "characters"] == [
        "control-removed",
        "unmapped-glyph-replaced",
    ]
    assert {"control-removed", "unmapped-glyph-replaced"} <= {i.code for i in document.issues}
