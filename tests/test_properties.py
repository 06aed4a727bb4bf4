"""Properties that hold for every input: checked on every real input, and with hypothesis on
generated ones.

- Conservation: every non-space character of the source is in the output (the canonical text,
  the footnotes, the metadata) or in the `before` of an edit: nothing vanishes unrecorded.
- Idempotence: the word repairs, run again on a cleaned document, change nothing.
- Determinism: the same input gives the same record, byte for byte.
- The dump parser and the citation and Ibid. parsers never crash, whatever the text.
"""

from __future__ import annotations

import csv
import os
import re
import tempfile
from collections import Counter
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from cleaners import canonical, citations, hyphenation, ibid, lexicon, ocr, page_cache, spacing
from cleaners.dump_reader import decode_dump, parse_dump
from cleaners.model import Document, Footnote
from cleaners.pipeline import clean_file, is_pdf, sha256_of
from tests.conftest import CORPUS_OTHER, CORPUS_UN, SEEDS, TEST_PAGE_CACHE, cleaned

REAL_INPUTS = [
    *(CORPUS_UN / row["file"] for row in csv.DictReader((CORPUS_UN / "INDEX.csv").open())),
    CORPUS_OTHER / "A_L.632-1971-scanned.pdf",
    *sorted(SEEDS.glob("*.txt")),
]


def _chars(text: str) -> Counter[str]:
    return Counter(char for char in text if not char.isspace())


def _source_text(path: Path) -> str:
    """What the input holds: a PDF's glyphs as read (from the tests' page cache), a dump's text."""
    if is_pdf(path):
        pages = page_cache.read_pages(path, sha256_of(path), TEST_PAGE_CACHE)
        return "".join(span.text for page in pages for line in page.lines for span in line.spans)
    return decode_dump(path.read_bytes(), path.name)[0]


def _unaccounted(source: str, document: Document) -> Counter[str]:
    """Characters of `source` that are neither in the document's output nor named in an edit."""
    output = _chars(canonical.to_text(document)) + _chars(" ".join(document.metadata.values()))
    named: Counter[str] = Counter()
    for edit in document.edits:
        named += _chars(edit.before)
    return _chars(source) - output - named


@pytest.mark.parametrize("path", REAL_INPUTS, ids=[path.name for path in REAL_INPUTS])
def test_no_character_of_a_real_input_vanishes_unrecorded(path: Path):
    document = cleaned(path)
    assert _unaccounted(_source_text(path), document) == Counter()


@pytest.mark.parametrize("path", REAL_INPUTS[::8], ids=[path.name for path in REAL_INPUTS[::8]])
def test_the_word_repairs_change_nothing_the_second_time(path: Path):
    """Each word stage the document went through (its `stages`), run again, finds nothing."""
    document = clean_file(path, cache_dir=TEST_PAGE_CACHE)
    before = canonical.to_json(document)
    if "spacing" in document.stages:
        spacing.repair_spacing(document, ())
    if "hyphenation" in document.stages:
        hyphenation.decide_line_end_hyphens(document, ())
    if "ocr-words" in document.stages:
        ocr.repair_ocr_text(document, lexicon.corpus_words(), ())
    assert canonical.to_json(document) == before


# Generated dumps: UN-like words, markers after words, a footnote block, page furniture.
WORDS = st.sampled_from(
    "the General Assembly Recalling its resolution Convention against Transnational Organized "
    "Crime trafficking persons Secretary -General Conven tion traffick- ing Ibid. See footnote "
    "vol. No. para. A/RES/70/179 United Nations, Treaty Series, 2225 , ; ( ) 1. 2.".split()
)
#: Any printable text (control characters make a dump binary data, refused: dump_reader tests).
PRINTABLE = st.text(st.characters(blacklist_categories=("Cc", "Cs")), min_size=1, max_size=6)
SENTENCE = st.lists(st.one_of(WORDS, st.integers(1, 9).map(str), PRINTABLE), max_size=40).map(
    " ".join
)
NOTE = st.tuples(st.integers(1, 9), SENTENCE).map(lambda note: f"{note[0]} {note[1]}")
DUMP = st.tuples(
    st.sampled_from(["", "A/RES/70/179 Improving the coordination of efforts "]),
    SENTENCE,
    st.lists(NOTE, max_size=5),
    st.sampled_from(["", " 2/13", " 2/13 15-12345", " 23-25978"]),
).map(
    lambda parts: (
        parts[0]
        + parts[1]
        + (" __________________ " + " ".join(parts[2]) if parts[2] else "")
        + parts[3]
    )
)
# `make test` tries 150 examples a property; HYPOTHESIS_PROFILE=deep tries 3,000.
settings.register_profile("ci", max_examples=150)
settings.register_profile("deep", max_examples=3000)
settings.load_profile(os.environ.get("HYPOTHESIS_PROFILE", "ci"))
SETTINGS = settings(deadline=None, suppress_health_check=[HealthCheck.too_slow])


@SETTINGS
@given(DUMP)
def test_a_generated_dump_loses_no_character_and_cleans_the_same_twice(text: str):
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "generated.txt"
        path.write_text(text, "utf-8")
        try:
            first = clean_file(path)
        except Exception as error:  # only a clear refusal is allowed: an empty dump
            assert not text.strip(), error
            return
        assert _unaccounted(text, first) == Counter()
        assert canonical.to_json(clean_file(path)) == canonical.to_json(first)


@SETTINGS
@given(st.text())
def test_the_dump_parser_never_crashes(text: str):
    parse_dump(text)


@SETTINGS
@given(st.one_of(st.text(), SENTENCE))
def test_the_citation_parser_never_crashes(text: str):
    citations.find_citations(text)


@SETTINGS
@given(st.lists(st.one_of(st.text(max_size=60), SENTENCE, st.just("Ibid.")), max_size=8))
def test_ibid_resolution_never_crashes(texts: list[str]):
    notes = [Footnote(str(n), n, text, [1]) for n, text in enumerate(texts, start=1)]
    ibid.resolve_ibids(notes)
    assert all(note.ibid_of is None or note.ibid_of < note.number for note in notes)


#: Citation strings in the forms `cleaners.citations` knows, put together at random: sources,
#: references (every Ibid. form, supra, op. cit., "see note N"), locators and separators.
_SOURCE = st.sampled_from(
    [
        "United Nations, Treaty Series, vol. 2225, No. 39574",
        "Official Records of the General Assembly, Seventy-eighth Session, Supplement No. 10 "
        "(A/78/10)",
        "Prosecutor v. Zlatko Aleksovski, Case No. IT-95-14/1-A, Judgement, 24 March 2000",
        "Case of Goiburú et al. Judgment of September 22, 2006. Series C No. 153",
        "CRPD/C/SVN/CO/1",
        "Tadić Appeal Judgement",
        "Defence Closing Brief",
        "Resolution 70/1",
        "https://www.ohchr.org/a,b;c",
        "Convention No. 169",
    ]
)
_LOCATOR = st.sampled_from(
    ["para. 5", "paras. 31–32", "p. 136", "pp 4-6", "annex I", "chap. II", "T. 2443", "fn. 3",
     "vol. 2237, No. 39574", "sect. C", "at 59", "Article 9"]
)  # fmt: skip
_REFERENCE = st.sampled_from(
    ["Ibid.", "ibid", "Ibidem", "Idem", "Id.", "See ibid.", "Cf. ibid.", "Id. at", "supra note 1",
     "Tadić Appeal Judgement, supra note 2", "Goiburú, op. cit.", "see note 3", "above, note 1",
     "supra para. 12"]
)  # fmt: skip
_PART = st.one_of(
    st.tuples(_SOURCE, st.lists(_LOCATOR, max_size=2)).map(lambda t: ", ".join([t[0], *t[1]])),
    st.tuples(_REFERENCE, st.lists(_LOCATOR, max_size=2)).map(lambda t: ", ".join([t[0], *t[1]])),
    st.text(max_size=30),
)
_NOTE = st.lists(_PART, min_size=1, max_size=3).map(
    lambda parts: "; ".join(parts).rstrip(" ,") + "."
)


@SETTINGS
@given(st.lists(_NOTE, min_size=1, max_size=8))
def test_resolution_never_invents_text(texts: list[str]):
    """Whatever the notes say, resolution never crashes, only looks back, and writes no word
    that was in no note."""
    notes = [Footnote(str(n), n, text, [1]) for n, text in enumerate(texts, start=1)]
    ibid.resolve_ibids(notes)
    printed = {word for text in texts for word in re.findall(r"\w+", text)}
    for note in notes:
        assert note.ibid_of is None or note.ibid_of < (note.number or 0)
        for word in re.findall(r"\w+", note.resolved or ""):
            assert word in printed, (word, note.resolved)


@SETTINGS
@given(st.one_of(st.text(), _NOTE))
def test_a_note_split_into_parts_gives_its_text_back(text: str):
    joined = "".join(separator + part for separator, part in citations.split_parts(text))
    assert text.startswith(joined)
    assert not re.search(r"\w", text[len(joined) :])
