import json
import re
from pathlib import Path

import pytest

from cleaners.canonical import (
    InvalidRecord,
    remove_stale_temporaries,
    schema,
    to_json,
    to_record,
    to_text,
    validate,
    write_outputs,
)
from cleaners.pipeline import clean_file
from tests.conftest import corpus_pdf


def test_record_validates_and_carries_the_contract(res_78_228):
    record = to_record(res_78_228)
    validate(record)
    assert record["schema_version"] == "1.2"
    assert record["doc_id"] == "A_RES_78_228"
    assert record["source"]["kind"] == "pdf" and record["source"]["pages"] == 13
    assert record["source"]["sha256"] == (
        "45fb7cf80f3882e166db0a0168be146bab0a5764e335ce47435e49f7b6ba0ec7"
    )
    assert record["footnotes"][4] == {
        "number": 5,
        "label": "5",
        "text": "United Nations, Treaty Series, vol. 2225, No. 39574.",
        "resolved": "United Nations, Treaty Series, vol. 2225, No. 39574.",
        "ibid_of": None,
        "pages": [2],
        "citations": [
            {
                "kind": "treaty",
                "signal": None,
                "text": "United Nations, Treaty Series, vol. 2225, No. 39574.",
                "fields": {
                    "number": "No. 39574",
                    "series": "United Nations",
                    "volume": "vol. 2225",
                },
            }
        ],
    }


def test_text_has_markers_after_the_character_they_follow(res_78_228):
    text = to_record(res_78_228)["text"]
    assert "Crime,[^5] as well as" in text
    assert [int(n) for n in re.findall(r"\[\^(\d+)\]", text)] == list(range(1, 35))
    assert "\ue000" not in text and "\ue001" not in text


def test_pandoc_text_ends_with_footnote_definitions(res_78_228):
    text = to_text(res_78_228)
    assert text.endswith("[^34]: Resolution 64/293.\n")
    assert "\n\n[^1]: Resolution 70/1.\n[^2]: Target 5.2.\n" in text
    assert "[^5]: United Nations, Treaty Series, vol. 2225, No. 39574.\n" in text


def test_same_input_same_bytes(tmp_path: Path):
    path = corpus_pdf("A_RES_80_2.pdf")
    first = write_outputs(clean_file(path), tmp_path / "a")
    second = write_outputs(clean_file(path), tmp_path / "b")
    for one, two in zip(first, second, strict=True):
        assert one.read_bytes() == two.read_bytes()


def test_write_is_atomic_and_leaves_no_temporary_files(tmp_path: Path, res_78_228):
    paths = write_outputs(res_78_228, tmp_path)
    assert sorted(p.name for p in tmp_path.iterdir()) == ["A_RES_78_228.json", "A_RES_78_228.txt"]
    assert json.loads(paths[0].read_text("utf-8"))["doc_id"] == "A_RES_78_228"


def test_stale_temporaries_are_removed_and_outputs_kept(tmp_path: Path, res_78_228):
    paths = write_outputs(res_78_228, tmp_path)
    stale = tmp_path / ".A_RES_78_228.json.x1y2.tmp"
    stale.write_text("{half")
    assert remove_stale_temporaries(tmp_path) == [stale]
    assert sorted(tmp_path.iterdir()) == sorted(paths)


def test_invalid_record_is_refused_before_writing(res_78_228):
    record = to_record(res_78_228)
    record["footnotes"][0]["pages"] = []
    with pytest.raises(
        InvalidRecord, match=r"A_RES_78_228: data.footnotes\[0\].pages must contain"
    ):
        validate(record)


def test_fast_check_agrees_with_the_reference_validator(res_78_228):
    """`validate` uses fastjsonschema (draft 7) for speed; the schema says draft 2020-12.  The
    reference implementation checks the schema itself and gives the same verdicts."""
    import jsonschema

    reference = jsonschema.Draft202012Validator(schema())
    reference.check_schema(schema())
    good = to_record(res_78_228)
    broken = [
        {**good, "doc_id": 78},
        {**good, "edits": [{**good["edits"][0], "kind": ""}]},
        {**good, "footnotes": [{**good["footnotes"][0], "pages": []}]},
        {**good, "unknown": 1},
    ]
    assert reference.is_valid(good)
    validate(good)
    for record in broken:
        assert not reference.is_valid(record)
        with pytest.raises(InvalidRecord):
            validate(record)


def test_json_is_utf8_not_escaped(res_78_228):
    assert "Children’s Fund" in to_json(res_78_228)


def test_pandoc_renders_the_text_with_every_footnote_linked(res_78_228):
    import pypandoc

    html = pypandoc.convert_text(to_text(res_78_228), "html", format="markdown")
    assert html.count('class="footnote-ref"') == 34
    folded = " ".join(html.split())
    assert '<li id="fn5"><p>United Nations, Treaty Series, vol. 2225, No. 39574.' in folded
    assert 'Organized Crime,<a href="#fn5" class="footnote-ref" id="fnref5"' in folded
    assert "[^" not in html
