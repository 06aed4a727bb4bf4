import re
from pathlib import Path

import pytest

from cleaners.pipeline import InputError, clean_file, doc_id_for
from tests.conftest import CORPUS_OTHER


@pytest.mark.parametrize(
    ("symbol", "expected"),
    [
        ("A/RES/78/228", "A_RES_78_228"),
        ("A/C.3/80/L.20", "A_C.3_80_L.20"),
        ("A/RES/78/228_p2", "A_RES_78_228_p2"),
        (None, "my_file"),
        # A symbol read from a hostile document cannot name a file outside clean/ or review/.
        ("../../etc/passwd", "etc_passwd"),
        ("..", "document"),
    ],
)
def test_doc_id_from_symbol_or_file_name(symbol, expected):
    assert doc_id_for(symbol, Path("raw/my file.pdf")) == expected


def test_dump_doc_id_names_the_page(dump_78_228):
    assert dump_78_228.doc_id == "A_RES_78_228_p2"
    assert dump_78_228.source.kind == "text"


def test_broken_pdf_is_an_input_error_naming_the_file():
    with pytest.raises(InputError, match=re.escape("broken-no-root.pdf")):
        clean_file(CORPUS_OTHER / "broken-no-root.pdf")


def test_missing_file_is_an_input_error(tmp_path: Path):
    with pytest.raises(InputError, match=re.escape("no such file")):
        clean_file(tmp_path / "nothing.pdf")


def test_stages_are_recorded(res_78_228, dump_78_228):
    assert res_78_228.stages == [
        "pdf_reader",
        "characters",
        "layout",
        "paragraphs",
        "footnotes",
        "hyphenation",
        "link",
        "ibid",
    ]
    assert dump_78_228.stages[0] == "dump_reader"


def test_file_named_pdf_that_is_not_a_pdf(tmp_path: Path):
    fake = tmp_path / "fake.pdf"
    fake.write_text("Recalling its resolution 64/293,")
    with pytest.raises(InputError, match=re.escape("fake.pdf: named .pdf but is not a PDF")):
        clean_file(fake)
