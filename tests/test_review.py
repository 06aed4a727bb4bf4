"""Editor decisions (`cleaners.review`): the file format, and each decision applied to a real
document by a real run of the pipeline."""

from __future__ import annotations

import tempfile
from pathlib import Path

import pytest
import yaml
from hypothesis import given, settings
from hypothesis import strategies as st

from cleaners import canonical, qa
from cleaners.model import Document, Footnote, Paragraph, Source, edit_ids, marker_token
from cleaners.pipeline import InputError, clean_file
from cleaners.review import (
    ReviewFileError,
    apply_footnote_decisions,
    apply_text_decisions,
    load_decisions,
    load_review,
    starter_file,
)

from .conftest import RAW, SEEDS, corpus_pdf

DUMP_70_179 = SEEDS / "001_fbc6d4cddf77f986.txt"


def _review(folder: Path, doc_id: str, text: str) -> Path:
    folder.mkdir(exist_ok=True)
    path = folder / f"{doc_id}.yaml"
    path.write_text(text, encoding="utf-8")
    return path


def _clean(path: Path, folder: Path):
    return clean_file(path, review=load_review(folder))


# the format ------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "says"),
    [
        ("hyphens:\n\tfront-line: join\n", "line 2: not valid YAML"),
        ("hyphens:\n  front-line: joined\n", "hyphens.front-line: 'joined' is not one of"),
        ("edits:\n  e1234: accept\n", "edits: 'e1234' does not match"),
        ("markers:\n  - {footnote: 5}\n", "markers.0: 'after' is a required property"),
        ("resolved:\n  7: ''\n", "resolved.7: '' should be non-empty"),
        ("doc_id: A_RES_78_229\n", "doc_id is 'A_RES_78_229' but the file is named for"),
        ("hyphen:\n  front-line: join\n", "Additional properties are not allowed ('hyphen'"),
        ("- front-line\n", "the file: ['front-line'] is not of type 'object'"),
    ],
)
def test_an_invalid_file_is_refused_with_its_name_and_the_place(tmp_path, text, says):
    path = _review(tmp_path, "A_RES_78_228", text)
    with pytest.raises(ReviewFileError) as error:
        load_decisions(path)
    assert str(error.value).startswith(str(path))
    assert says in str(error.value)


@pytest.mark.parametrize(
    ("text", "says"),
    [
        # "Billion laughs": a few hundred bytes of nested aliases expand to gigabytes.
        (
            "lexicon: &a [x, x, x, x, x, x, x, x, x]\nb: &b [*a, *a, *a, *a, *a, *a, *a, *a]\n",
            "line 2: not valid YAML: aliases (*name) are not allowed",
        ),
        # A key twice: the later would silently replace the first decision.
        (
            "hyphens:\n  front-line: join\n  front-line: keep\n",
            "the key 'front-line' is given twice",
        ),
        ('resolved:\n  7: Ibid.\n  "7": Ibid., p. 2.\n', "the key '7' is given twice"),
        # A number no conversion should be asked to make (Python refuses 4,300 digits).
        ("resolved:\n  ? " + "9" * 5000 + "\n  : Ibid.\n", "a number of 5000 digits"),
        ("resolved:\n  '" + "9" * 40 + "': Ibid.\n", "does not match"),
        ("[" * 3000 + "]" * 3000, "nested too deeply to be a review file"),
        ("lexicon:\n" + "  - word\n" * 130_000, "1,170,009 bytes; a review file holds at most"),
        ("lexicon:\n  - " + "x" * 101 + "\n", "is too long"),
    ],
)
def test_a_hostile_file_is_refused_at_its_bounds(tmp_path, text, says):
    path = _review(tmp_path, "A_RES_78_228", text)
    with pytest.raises(ReviewFileError) as error:
        load_decisions(path)
    assert str(error.value).startswith(str(path))
    assert says in str(error.value)


@settings(max_examples=150, deadline=None)
@given(
    content=st.one_of(
        st.binary(max_size=3000),
        st.recursive(
            st.none() | st.booleans() | st.integers() | st.text(max_size=40),
            lambda inner: (
                st.lists(inner, max_size=5)
                | st.dictionaries(st.text(max_size=20), inner, max_size=5)
            ),
            max_leaves=30,
        ).map(lambda data: yaml.safe_dump(data).encode("utf-8")),
    )
)
def test_whatever_a_review_file_holds_only_its_document_fails(content):
    """Random bytes or random YAML in one review file: reading the folder never raises, that
    document has decisions or an error naming its file, and the other document's load."""
    with tempfile.TemporaryDirectory() as folder:
        (Path(folder) / "A.yaml").write_bytes(content)
        (Path(folder) / "B.yaml").write_text("lexicon:\n  - bycatch\n", encoding="utf-8")
        review = load_review(Path(folder))
        assert review.documents["B"].lexicon == ("bycatch",)
        assert ("A" in review.documents) != ("A" in review.errors)
        if "A" in review.errors:
            assert review.errors["A"].startswith(str(Path(folder) / "A.yaml"))


def test_a_review_file_that_is_a_link_is_refused(tmp_path):
    """A review file is read only as a regular file in review/: a link cannot make ibidem read
    (and show in a report) a file elsewhere on the machine."""
    outside = tmp_path / "elsewhere.yaml"
    outside.write_text("accept: []\n")
    folder = tmp_path / "review"
    folder.mkdir()
    (folder / "A_RES_80_2.yaml").symlink_to(outside)
    with pytest.raises(ReviewFileError, match=r"A_RES_80_2\.yaml: not a regular file"):
        load_decisions(folder / "A_RES_80_2.yaml")


def test_an_invalid_file_fails_its_document_and_names_the_file(tmp_path):
    _review(tmp_path, "A_RES_78_228", "hyphens:\n  front-line: joined\n")
    with pytest.raises(InputError, match=r"A_RES_78_228\.yaml: hyphens\.front-line"):
        _clean(RAW / "A_RES_78_228.pdf", tmp_path)


def test_sections_left_empty_are_no_decisions(tmp_path):
    path = _review(tmp_path, "A_RES_78_228", "doc_id: A_RES_78_228\nedits:\nhyphens:\njoins:\n")
    decisions = load_decisions(path)
    assert (decisions.edits, decisions.hyphens, decisions.joins) == ((), (), ())


# decisions applied -----------------------------------------------------------------------------


def test_a_forced_hyphen_decision_settles_the_undecided_site(tmp_path):
    _review(tmp_path, "A_RES_78_228", "hyphens:\n  front-line: join\n")
    document = _clean(RAW / "A_RES_78_228.pdf", tmp_path)
    body = canonical.canonical_body(document)
    assert "frontline service providers" in body and "front-line" not in body
    pipeline_edit, editor_edit = [e for e in document.edits if e.before == "front-\nline"]
    assert (pipeline_edit.rule, pipeline_edit.decision) == ("undecided-kept", "rejected")
    assert (editor_edit.after, editor_edit.decision) == ("frontline", "editor")
    assert not [issue for issue in document.issues if issue.code == "hyphen-undecided"]
    assert qa.status(document) == "clean"


def test_rejecting_an_edit_restores_the_text_as_printed(tmp_path):
    plain = clean_file(DUMP_70_179)
    ids = dict(zip(edit_ids(plain.edits), plain.edits, strict=True))
    join = next(i for i, e in ids.items() if e.before == "Conven tion")
    other = next(i for i, e in ids.items() if e.before == "perso ns")
    _review(tmp_path, plain.doc_id, f"edits:\n  {join}: reject\n  {other}: accept\n")
    document = _clean(DUMP_70_179, tmp_path)
    body = canonical.canonical_body(document)
    assert "United Nations Conven tion against Transnational" in body
    assert "trafficking in persons and" in body
    decided = dict(zip(edit_ids(document.edits), document.edits, strict=True))
    assert decided[join].decision == "rejected" and decided[other].decision == "accepted"


def test_an_edit_that_cannot_be_undone_is_reported_not_guessed(tmp_path):
    plain = clean_file(DUMP_70_179)
    header = next(
        i for i, e in zip(edit_ids(plain.edits), plain.edits, strict=True) if e.kind == "furniture"
    )
    _review(tmp_path, plain.doc_id, f"edits:\n  {header}: reject\n")
    document = _clean(DUMP_70_179, tmp_path)
    assert canonical.canonical_body(document) == canonical.canonical_body(plain)
    (stale,) = [i for i in document.issues if i.code == "review-decision-stale"]
    assert f"edits.{header}: not applied: a furniture edit" in stale.message


def test_the_editor_resolves_an_ibid_and_pairs_a_marker(tmp_path):
    _review(
        tmp_path,
        "A_RES_70_179_p2",
        "resolved:\n"
        "  6: United Nations, Treaty Series, vol. 2237, No. 39574.\n"
        "markers:\n"
        "  - {footnote: 9, after: 'Council resolution 2015/23 of 21 July 2015'}\n",
    )
    document = _clean(DUMP_70_179, tmp_path)
    note = next(n for n in document.footnotes if n.number == 6)
    assert note.resolved == "United Nations, Treaty Series, vol. 2237, No. 39574."
    unresolved = [i.message for i in document.issues if i.code == "ibid-unresolved"]
    assert len(unresolved) == 2 and not any(m.startswith("Footnote 6 ") for m in unresolved)
    body = canonical.canonical_body(document)
    assert "resolution 2015/23 of 21 July 2015[^9] on the implementation" in body
    assert {(e.rule, e.decision) for e in document.edits if e.decision} == {
        ("editor-resolved", "editor"),
        ("editor-marker", "editor"),
    }
    assert "review" in document.stages


def test_decisions_that_no_longer_match_are_flagged(tmp_path):
    _review(
        tmp_path,
        "A_RES_70_179_p2",
        "edits:\n  e00000000: accept\n"
        "hyphens:\n  front-line: keep\n"
        "joins:\n  - Secre tariat\n"
        "resolved:\n  42: Something.\n"
        "markers:\n  - {footnote: 9, after: 'trafficking in persons'}\n",
    )
    document = _clean(DUMP_70_179, tmp_path)
    stale = sorted(i.message for i in document.issues if i.code == "review-decision-stale")
    assert len(stale) == 5
    assert [m.split(": ")[1] for m in stale] == [
        "edits.e00000000",
        "hyphens.front-line",
        "joins.Secre tariat",
        "markers.9",
        "resolved.42",
    ]
    assert "is not in the text exactly once" in stale[3]


def test_a_forced_join_joins_every_place_it_is_printed(tmp_path):
    # "Trans" and "national" are both words, so the pipeline leaves the split alone; "Glo bal"
    # it joins itself, and the editor's decision accepts that edit.
    _review(tmp_path, "A_RES_70_179_p2", "joins:\n  - Trans national\n  - Glo bal\n")
    source = tmp_path / "dump.txt"
    text = DUMP_70_179.read_text("utf-8")
    text = text.replace("Transnational", "Trans national").replace("Global Plan", "Glo bal Plan")
    source.write_text(text, encoding="utf-8")
    document = _clean(source, tmp_path)
    body = canonical.canonical_body(document)
    assert "Trans national" not in body and "Glo bal" not in body
    assert "Convention against Transnational Organized Crime" in body
    joins = [e for e in document.edits if e.rule == "editor-join"]
    assert joins and all(e.after == "Transnational" and e.decision == "editor" for e in joins)
    accepted = [e for e in document.edits if e.before == "Glo bal"]
    assert accepted and all(e.decision == "accepted" for e in accepted)
    assert not [i for i in document.issues if i.code == "review-decision-stale"]


def test_lexicon_words_apply_to_every_document_of_the_batch(tmp_path):
    # The word is added in another document's file: it counts for the whole batch.
    _review(tmp_path, "A_RES_78_181", "lexicon:\n  - frontline\n")
    document = _clean(RAW / "A_RES_78_228.pdf", tmp_path)
    (edit,) = [e for e in document.edits if e.before == "front-\nline"]
    assert (edit.after, edit.rule) == ("frontline", "editor-lexicon")
    assert edit.decision is None  # a pipeline decision made with the editor's word


# the starter file ------------------------------------------------------------------------------


def test_the_starter_file_lists_the_open_questions_and_loads_once_uncommented(tmp_path):
    record = canonical.to_record(clean_file(corpus_pdf("A_RES_78_228.pdf")))
    text = starter_file(record)
    assert yaml.safe_load(text) == {
        "doc_id": "A_RES_78_228",
        "hyphens": None,
        "edits": None,
        "joins": None,
        "resolved": None,
        "markers": None,
        "lexicon": None,
    }
    assert "#  front-line: keep    # page 11:" in text
    path = _review(
        tmp_path, "A_RES_78_228", text.replace("#  front-line: keep", "  front-line: keep")
    )
    assert load_decisions(path).hyphens == (("front-line", "keep"),)


def test_the_starter_file_of_a_document_without_a_symbol_names_its_doc_id(tmp_path):
    dump = tmp_path / "notes.txt"
    dump.write_text("Some text of a page with no symbol, cleaned all the same.\n", "utf-8")
    record = canonical.to_record(clean_file(dump))
    assert "symbol" not in record["metadata"]
    text = starter_file(record)
    assert text.startswith("# ibidem review decisions for notes (")
    assert yaml.safe_load(text)["doc_id"] == "notes"


def test_the_starter_file_offers_the_unresolved_ibids(tmp_path):
    text = starter_file(canonical.to_record(clean_file(DUMP_70_179)))
    assert '#  "6": "Ibid., vol. 2237, No. 39574."' in text
    assert load_decisions(_review(tmp_path, "A_RES_70_179_p2", text)).resolved == ()


def test_the_starter_file_asks_where_a_lost_marker_goes(tmp_path):
    record = canonical.to_record(clean_file(DUMP_70_179))
    record["text"] = record["text"].replace("[^9]", "")  # the marker OCR or a dump lost
    text = starter_file(record)
    assert '#  - {footnote: 9, after: "words the marker follows"}    # "Resolutions 55/67' in text
    assert "footnote: 8" not in text


# later note sequences ---------------------------------------------------------------------------


def _judgment_with_an_opinion() -> Document:
    """A judgment whose appended opinion (from page 5) numbers its notes from 1 again."""
    body = [
        Paragraph(f"The Chamber finds{marker_token(1)} and holds{marker_token(2)}.", 1),
        Paragraph(f"Dissenting opinion: the majority errs{marker_token(1)} and more.", 5),
    ]
    notes = [
        Footnote("1", 1, "Case No. IT-95-14-T.", [1]),
        Footnote("2", 2, "Ibid., para. 3.", [1]),
        Footnote("1", 1, "Appeal Judgement, para. 9.", [5], sequence=1),
        Footnote("2", 2, "Ibid., para. 12.", [5], sequence=1),
    ]
    return Document("judgment", Source("raw/judgment.pdf", "0" * 64, "pdf", 5), {}, body, notes)


def test_a_review_file_names_the_notes_of_an_appended_opinion(tmp_path):
    path = _review(
        tmp_path,
        "judgment",
        'resolved:\n  "2.2": Appeal Judgement, para. 12.\n'
        "markers:\n  - {footnote: '2.2', after: 'and more'}\n",
    )
    decisions = load_decisions(path)
    document = _judgment_with_an_opinion()
    apply_text_decisions(document, decisions)
    apply_footnote_decisions(document, decisions)
    assert [note.resolved for note in document.footnotes] == [
        None,
        None,
        None,
        "Appeal Judgement, para. 12.",
    ]
    assert document.paragraphs[1].text.endswith(f"and more{marker_token(2)}.")
    assert [marker.key for marker in document.markers()] == [(0, 1), (0, 2), (1, 1), (1, 2)]
    assert "and more[^2.2]" in canonical.canonical_body(document)
    assert not [issue for issue in document.issues if issue.code == "review-decision-stale"]


def test_a_later_sequence_s_note_without_quotes_is_refused(tmp_path):
    """YAML reads 2.10 as 2.1: note 10 would become note 1."""
    path = _review(tmp_path, "judgment", "resolved:\n  2.10: Appeal Judgement, para. 12.\n")
    with pytest.raises(ReviewFileError, match=r'line 2: .*2\.10 is a number with a point.*"2\.10"'):
        load_decisions(path)


def test_a_marker_put_outside_its_sequence_is_not_applied(tmp_path):
    path = _review(
        tmp_path, "judgment", "markers:\n  - {footnote: '2.2', after: 'The Chamber finds'}\n"
    )
    document = _judgment_with_an_opinion()
    apply_text_decisions(document, load_decisions(path))
    assert document.paragraphs[0].text.startswith(f"The Chamber finds{marker_token(1)}")
    (stale,) = [issue.message for issue in document.issues if issue.code == "review-decision-stale"]
    assert (
        "markers.2.2: not applied: 'The Chamber finds' is not where its sequence's markers" in stale
    )


def test_the_starter_file_names_an_appended_opinion_s_notes_by_their_sequence():
    record = canonical.to_record(_judgment_with_an_opinion())
    record["text"] = record["text"].replace("[^2.1]", "")
    text = starter_file(record)
    assert '#  "2.2": "Ibid., para. 12."' in text
    assert '#  - {footnote: "2.1", after: "words the marker follows"}' in text
    assert "footnote: 1," not in text
