"""The benchmark's scorer can fail: the truth scores perfectly, an empty output scores zero."""

from __future__ import annotations

from pathlib import Path

import pytest

from bench.generate import generate
from bench.run import expected_document
from bench.score import Counts, Expected, rates, score_body, score_notes
from bench.truth import load_all

TRUTHS = load_all()


@pytest.fixture(scope="module")
def expected(tmp_path_factory) -> tuple:
    truth = TRUTHS[1]  # A/RES/81/144: pyphen line breaks, soft hyphens, Ibid. chains
    record = generate(truth, 1, tmp_path_factory.mktemp("gen"))
    return truth, expected_document(truth, record)


def _score(expected: Expected, text: str, notes: dict) -> dict:
    counts = score_body(expected, text)
    counts.add(score_notes(expected, notes))
    return rates(counts)


def test_ten_source_documents_with_ibid_chains():
    assert len(TRUTHS) >= 10
    assert sum(1 for t in TRUTHS for n in t.notes.values() if n.ibid_of) >= 20


def test_the_truth_itself_scores_perfectly(expected):
    truth, exp = expected
    notes = {n: exp.notes[n] for n in exp.notes}
    scores = _score(exp, truth.text(), notes)
    assert exp.sites and any(kind == "break" for kind, _ in exp.sites)
    assert scores["cer"] == 0 and scores["wer"] == 0
    assert scores["words_intact"] == 1 and scores["split_word_rate"] == 0
    assert scores["false_joins"] == 0 and scores["leaks"] == 0
    assert scores["hyphen_recall"] == 1 and scores["hyphen_precision"] == 1
    assert scores["real_hyphens_removed"] == 0
    assert scores["marker_f1"] == 1
    assert scores["footnote_exact"] == 1
    assert scores["ibid_accuracy"] == 1 and scores["ibid_of_accuracy"] == 1


def test_an_empty_output_scores_zero(expected):
    _, exp = expected
    scores = _score(exp, "", {})
    assert scores["cer"] == 1 and scores["wer"] == 1
    assert scores["words_intact"] == 0
    assert scores["hyphen_recall"] == 0
    assert scores["marker_recall"] == 0 and scores["marker_f1"] == 0
    assert scores["footnote_exact"] == 0
    assert scores["ibid_accuracy"] == 0 and scores["ibid_of_accuracy"] == 0


def test_splits_joins_hyphens_and_leaks_are_counted():
    exp = Expected(
        words=["the", "Secretary-General", "said", "trafficking", "in", "persons"],
        markers=[(1, 2)],
        sites=[("compound", 1), ("break", 3)],
        notes={},
        furniture=["A/RES/1/1", "2/2"],
    )
    counts = score_body(exp, "the SecretaryGeneral said[^1] traffick-ing in per sons 2/2")
    assert counts.real_hyphens_removed == 1
    assert counts.breaks_removed == 0
    assert counts.split_words == 1
    assert counts.leaks == 1
    assert counts.markers_right == 1


def test_pooled_counts_add_up():
    total = Counts()
    total.add(Counts(words=10, word_errors=1))
    total.add(Counts(words=30, word_errors=3))
    assert rates(total)["wer"] == pytest.approx(0.1)


def test_generation_is_deterministic(tmp_path: Path):
    (tmp_path / "a").mkdir()
    (tmp_path / "b").mkdir()
    first = generate(TRUTHS[3], 3, tmp_path / "a")
    second = generate(TRUTHS[3], 3, tmp_path / "b")
    assert first == second
    name = f"{TRUTHS[3].doc_id}.pdf"
    assert (tmp_path / "a" / name).read_bytes() == (tmp_path / "b" / name).read_bytes()
