"""The batch manifest: which inputs a batch must clean, which are unchanged, which are gone."""

from __future__ import annotations

from pathlib import Path

from cleaners import manifest
from cleaners.manifest import Entry


def _setup(tmp_path: Path):
    out = tmp_path / "clean"
    out.mkdir()
    (out / "A.json").write_text("{}")
    rules = manifest.rules_version()
    entries = {
        "raw/a.pdf": Entry("raw/a.pdf", "sha-a", rules, "r1", "A", ("A.json",)),
        "raw/b.pdf": Entry("raw/b.pdf", "sha-b", rules, "r1", None, (), "b.pdf: broken"),
        "raw/gone.pdf": Entry("raw/gone.pdf", "sha-g", rules, "r1", "G", ("G.json",)),
    }
    inputs = {
        "raw/a.pdf": (Path("raw/a.pdf"), "sha-a"),
        "raw/b.pdf": (Path("raw/b.pdf"), "sha-b"),
        "raw/new.pdf": (Path("raw/new.pdf"), "sha-n"),
    }
    return out, entries, inputs


def test_plan_sorts_inputs_into_todo_unchanged_and_removed(tmp_path: Path):
    out, entries, inputs = _setup(tmp_path)
    plan = manifest.plan(inputs, entries, out, review="r1")
    assert plan.todo == [Path("raw/new.pdf")]
    assert [e.source for e in plan.unchanged] == ["raw/a.pdf", "raw/b.pdf"]
    assert [e.source for e in plan.removed] == ["raw/gone.pdf"]


def test_a_change_of_input_rules_review_or_outputs_makes_an_input_due(tmp_path: Path):
    out, entries, inputs = _setup(tmp_path)
    changed = {**inputs, "raw/a.pdf": (Path("raw/a.pdf"), "sha-a2")}
    assert Path("raw/a.pdf") in manifest.plan(changed, entries, out, review="r1").todo
    assert len(manifest.plan(inputs, entries, out, review="r2").todo) == 3
    old_rules = {**entries, "raw/a.pdf": Entry("raw/a.pdf", "sha-a", "old", "r1", "A", ("A.json",))}
    assert Path("raw/a.pdf") in manifest.plan(inputs, old_rules, out, review="r1").todo
    (out / "A.json").unlink()
    assert Path("raw/a.pdf") in manifest.plan(inputs, entries, out, review="r1").todo


def test_force_and_only_failed(tmp_path: Path):
    out, entries, inputs = _setup(tmp_path)
    forced = manifest.plan(inputs, entries, out, review="r1", force=True)
    assert forced.todo == [Path("raw/a.pdf"), Path("raw/b.pdf"), Path("raw/new.pdf")]
    failed = manifest.plan(inputs, entries, out, review="r1", only_failed=True)
    assert failed.todo == [Path("raw/b.pdf")]
    # Given files, not a whole folder: nothing is "removed".
    assert manifest.plan(inputs, entries, out, review="r1", whole_folder=False).removed == []


def test_save_and_load_round_trip(tmp_path: Path):
    out, entries, _ = _setup(tmp_path)
    manifest.save(out, entries)
    assert manifest.load(out) == entries
    (out / manifest.MANIFEST_FILE).write_text("{not json")
    assert manifest.load(out) == {}


def test_review_version_follows_the_review_files(tmp_path: Path):
    review = tmp_path / "review"
    empty = manifest.review_version(review)
    review.mkdir()
    (review / "A.yaml").write_text("lexicon: [frontline]\n")
    first = manifest.review_version(review)
    assert first != empty
    (review / "A.yaml").write_text("lexicon: [front-line]\n")
    assert manifest.review_version(review) != first
