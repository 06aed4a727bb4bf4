"""Score a cleaned text against the exact truth.

Words are aligned with a Levenshtein alignment over word tokens (rapidfuzz); every metric that
needs a position (split words, hyphen sites, markers) reads it off that alignment, so an extractor
that adds headers or footnotes into the body is charged for them where they land.
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass, field

from rapidfuzz.distance import Levenshtein

MARKER_RE = re.compile(r"\[\^(\d+)\]")


@dataclass
class Counts:
    """Raw counts, summed over documents before rates are taken (pooled scores)."""

    chars: int = 0
    char_errors: int = 0
    words: int = 0
    word_errors: int = 0
    words_intact: int = 0
    split_words: int = 0
    false_joins: int = 0
    breaks: int = 0
    breaks_removed: int = 0
    real_hyphens: int = 0
    real_hyphens_removed: int = 0
    leaks: int = 0
    markers_true: int = 0
    markers_found: int = 0
    markers_right: int = 0
    notes_true: int = 0
    notes_exact: int = 0
    ibids: int = 0
    ibids_resolved_right: int = 0
    ibid_of_right: int = 0
    documents: int = 0
    failed: int = 0

    def add(self, other: Counts) -> None:
        for name in self.__dataclass_fields__:
            setattr(self, name, getattr(self, name) + getattr(other, name))


@dataclass
class Output:
    """What a system produced for one document: body text (with [^N] or without), footnotes."""

    text: str
    footnotes: dict[int, dict] = field(default_factory=dict)  # number -> {text, resolved, ibid_of}


@dataclass
class Expected:
    """The truth for one input: body words with their markers, hyphen sites, notes, furniture."""

    words: list[str]
    markers: list[tuple[int, int]]  # (footnote number, index of the word it follows)
    sites: list[tuple[str, int]]  # (kind, word index): "break", "compound", "suspended"
    notes: dict[int, dict]
    furniture: list[str]


def tokens_and_markers(text: str) -> tuple[list[str], list[tuple[int, int]]]:
    """Word tokens with `[^N]` taken out, and (N, index of the token it follows)."""
    words: list[str] = []
    markers: list[tuple[int, int]] = []
    for raw in text.split():
        found = [int(n) for n in MARKER_RE.findall(raw)]
        word = MARKER_RE.sub("", raw)
        if word:
            words.append(word)
        markers.extend((n, len(words) - 1) for n in found)
    return words, markers


def _aligned(truth: list[str], out: list[str]) -> list[tuple[str, int, int, int, int]]:
    return [
        (op.tag, op.src_start, op.src_end, op.dest_start, op.dest_end)
        for op in Levenshtein.opcodes(truth, out)
    ]


def _output_index(ops: list[tuple[str, int, int, int, int]], out_index: int) -> int | None:
    """The truth word an output word stands for, read off the alignment."""
    for tag, i1, i2, j1, j2 in ops:
        if j1 <= out_index < j2:
            if tag == "equal":
                return i1 + out_index - j1
            if tag == "replace" and i2 > i1:
                return min(i2 - 1, i1 + (out_index - j1) * (i2 - i1) // max(1, j2 - j1))
            return i1 - 1 if i1 > 0 else None
    return None


def _segment(
    ops: list[tuple[str, int, int, int, int]], truth_index: int, out: list[str]
) -> list[str]:
    """The output words that stand where truth word `truth_index` stands."""
    for tag, i1, i2, j1, _ in ops:
        if tag == "equal" and i1 <= truth_index < i2:
            return [out[j1 + truth_index - i1]]
    for i1, i2, j1, j2 in _differing_runs(ops):
        if i1 <= truth_index < i2:
            return out[j1:j2]
    return []


def _differing_runs(ops: list[tuple[str, int, int, int, int]]) -> list[tuple[int, int, int, int]]:
    """Stretches where truth and output differ: consecutive non-equal operations merged.

    "prostitution" -> "prostitutio n" comes out of the alignment as a replace next to an insert;
    only the merged stretch shows the split.
    """
    runs: list[tuple[int, int, int, int]] = []
    for tag, i1, i2, j1, j2 in ops:
        if tag == "equal":
            continue
        if runs and runs[-1][1] == i1 and runs[-1][3] == j1:
            runs[-1] = (runs[-1][0], i2, runs[-1][2], j2)
        else:
            runs.append((i1, i2, j1, j2))
    return runs


def _splits_and_joins(ops, truth: list[str], out: list[str]) -> tuple[int, int]:
    """True words broken by a space (splits) and true words glued together (false joins)."""
    splits = joins = 0
    for i1, i2, j1, j2 in _differing_runs(ops):
        i, j = i1, j1
        while i < i2 and j < j2:
            step = False
            for k in range(2, min(4, j2 - j) + 1):
                if "".join(out[j : j + k]) == truth[i]:
                    splits += 1
                    i, j, step = i + 1, j + k, True
                    break
            if step:
                continue
            for k in range(2, min(4, i2 - i) + 1):
                if "".join(truth[i : i + k]) == out[j]:
                    joins += 1
                    i, j, step = i + k, j + 1, True
                    break
            if not step:
                i, j = i + 1, j + 1
    return splits, joins


def score_body(expected: Expected, output_text: str, *, with_markers: bool = True) -> Counts:
    """Body metrics: CER, WER, intact words, splits, joins, hyphen sites, leakage, markers."""
    counts = Counts(documents=1)
    out_words, out_markers = tokens_and_markers(output_text)
    truth_plain = " ".join(expected.words)
    out_plain = " ".join(out_words)
    counts.chars = len(truth_plain)
    counts.char_errors = Levenshtein.distance(truth_plain, out_plain)
    counts.words = len(expected.words)
    counts.word_errors = Levenshtein.distance(expected.words, out_words)
    available = Counter(out_words)
    for word in expected.words:
        if available[word] > 0:
            available[word] -= 1
            counts.words_intact += 1
    ops = _aligned(expected.words, out_words)
    counts.split_words, counts.false_joins = _splits_and_joins(ops, expected.words, out_words)
    for kind, index in expected.sites:
        segment = _segment(ops, index, out_words)
        word = expected.words[index]
        if kind == "break":
            counts.breaks += 1
            counts.breaks_removed += word in segment
        else:
            counts.real_hyphens += 1
            dehyphenated = word.replace("-", "", 1)
            counts.real_hyphens_removed += word not in segment and any(
                dehyphenated in token for token in segment
            )
    truth_text = " ".join(expected.words)
    for item in expected.furniture:
        counts.leaks += max(0, out_plain.count(item) - truth_text.count(item))
    if with_markers:
        truth_markers = set(expected.markers)
        counts.markers_true = len(truth_markers)
        found = {(n, _output_index(ops, i)) for n, i in out_markers}
        counts.markers_found = len(found)
        counts.markers_right = len(found & truth_markers)
    return counts


def _norm(text: str | None) -> str | None:
    return None if text is None else " ".join(text.split())


def score_notes(expected: Expected, footnotes: dict[int, dict]) -> Counts:
    """Footnote bodies (exact), Ibid. resolution (exact) and ibid_of, by footnote number."""
    counts = Counts()
    for number, truth in expected.notes.items():
        got = footnotes.get(number)
        counts.notes_true += 1
        counts.notes_exact += bool(got) and _norm(got["text"]) == _norm(truth["text"])
        if truth["ibid_of"] is not None:
            counts.ibids += 1
            counts.ibids_resolved_right += bool(got) and _norm(got["resolved"]) == _norm(
                truth["resolved"]
            )
            counts.ibid_of_right += bool(got) and got["ibid_of"] == truth["ibid_of"]
    return counts


def rates(c: Counts) -> dict[str, float | None]:
    """The reported metrics from pooled counts (None where there is nothing to measure)."""

    def ratio(num: int, den: int) -> float | None:
        return num / den if den else None

    precision_den = c.breaks_removed + c.real_hyphens_removed
    marker_p = ratio(c.markers_right, c.markers_found)
    marker_r = ratio(c.markers_right, c.markers_true)
    return {
        "cer": ratio(c.char_errors, c.chars),
        "wer": ratio(c.word_errors, c.words),
        "words_intact": ratio(c.words_intact, c.words),
        "split_word_rate": ratio(c.split_words, c.words),
        "false_joins": float(c.false_joins),
        "hyphen_precision": ratio(c.breaks_removed, precision_den),
        "hyphen_recall": ratio(c.breaks_removed, c.breaks),
        "real_hyphens_removed": float(c.real_hyphens_removed),
        "leaks": float(c.leaks),
        "marker_precision": marker_p,
        "marker_recall": marker_r,
        "marker_f1": (
            None
            if marker_r is None
            else (2 * marker_p * marker_r / (marker_p + marker_r) if c.markers_right else 0.0)
        ),
        "footnote_exact": ratio(c.notes_exact, c.notes_true),
        "ibid_accuracy": ratio(c.ibids_resolved_right, c.ibids),
        "ibid_of_accuracy": ratio(c.ibid_of_right, c.ibids),
    }
