"""Footnote bodies from the footnote zone, and the check that ties body markers to them.

Find first, then link: bodies are collected from every page's footnote zone (a block at the top of
a zone with no number continues the last footnote of the page before), then the markers found in
the body are checked against them as a whole.  Whatever does not add up becomes an `Issue`.
"""

from __future__ import annotations

import re
from collections import Counter

from .model import (
    MARKER_RE,
    Document,
    Edit,
    Footnote,
    Issue,
    Line,
    Marker,
    marker_token,
    note_name,
    readable,
    restarts,
    text_context,
)
from .note_zone import label_number, label_of
from .paragraphs import join_lines, line_text

#: The point after a note number, printed apart from it: "¹⁸⁵. A. O'Shea", "169 . Cf.".
LABEL_POINT_RE = re.compile(r"^[.)](?:\s+|$)")
#: What a note carried over to the next page may open with, after its repeated number.
CONTINUED_NOTE_RE = re.compile(r"^\((?:\.{3}|…)?\s?continued\)\s*", re.IGNORECASE)


def collect_footnotes(lines: list[Line], edits: list[Edit]) -> tuple[list[Footnote], list[Issue]]:
    """Footnote bodies from footnote-zone lines (all pages, in reading order)."""
    notes: list[tuple[Footnote, list[str]]] = []
    issues: list[Issue] = []
    current_page = None
    last_numbered: Footnote | None = None  # a "*" note between numbered ones breaks nothing
    for line in lines:
        first_on_page = line.page != current_page
        current_page = line.page
        label = _opening_label(line, last_numbered, first_on_page)
        if label is not None:
            number = label_number(label)
            text = line_text(line, skip_leading_label=True)
            continued = CONTINUED_NOTE_RE.match(text)
            if continued and notes and first_on_page and notes[-1][0].number == number:
                # "10 (...continued)": a note carried over repeats its number with a mark.
                edits.append(
                    Edit(
                        "furniture",
                        line.page,
                        continued.group(0).strip(),
                        "",
                        "note-continued-mark",
                        1.0,
                    )
                )
                notes[-1][0].pages.append(line.page)
                notes[-1][1].append(text[continued.end() :])
                continue
            stray = LABEL_POINT_RE.match(text)
            if stray:
                # "¹⁸⁵. A. O'Shea", "169 . Cf.": the number's point, printed apart from it.
                edits.append(Edit("note-label", line.page, stray.group(0), "", "label-point", 1.0))
                text = text[stray.end() :]
            notes.append((Footnote(label.strip("()[]./"), number, "", [line.page]), []))
            notes[-1][1].append(text)
            if number is not None:
                last_numbered = notes[-1][0]
            continue
        if not notes:
            issues.append(
                Issue(
                    "warning",
                    "footnote-start-missing",
                    "Footnote text with no number before it; kept as an unnumbered note.",
                    line.page,
                )
            )
            notes.append((Footnote("", None, "", [line.page]), []))
        note, texts = notes[-1]
        if first_on_page and line.page not in note.pages:
            note.pages.append(line.page)
        texts.append(line_text(line))
    footnotes = []
    for note, texts in notes:
        note.text = _plain(join_lines(texts, note.pages[0], edits))
        footnotes.append(note)
    return footnotes, issues


def number_sequences(document: Document) -> None:
    """Tell the numbering sequences of a document apart: a judgment's appended opinions, a
    report's annexes, whose notes start again at 1.

    A note numbered 1 after higher numbers starts a new sequence only where the body's markers
    start again too: a marker 1 after higher ones, in a paragraph that starts on the note's
    page or the two before.  Without that evidence it stays a repeated number, which the link
    check reports.
    """
    markers: list[tuple[int, int, int]] = []  # (number, page, highest before it)
    highest = 0
    for marker in document.markers():
        markers.append((marker.number, marker.page, highest))
        highest = 1 if marker.number == 1 and highest > 1 else max(highest, marker.number)
    sequence, highest, used = 0, 0, 0
    for note in document.footnotes:
        if note.number is None:
            continue
        if note.number == 1 and highest > 1:
            evidence = next(
                (
                    index
                    for index, (number, page, before) in enumerate(markers[used:], start=used)
                    if restarts(number, before, page, note.pages[0])
                ),
                None,
            )
            if evidence is not None:
                used = evidence + 1
                sequence, highest = sequence + 1, 0
        highest = max(highest, note.number)
        note.sequence = sequence


def _opening_label(line: Line, previous: Footnote | None, first_on_page: bool) -> str | None:
    """The label that opens a new note on this line, or None when the line continues one.

    A raised number or a symbol always opens a note.  A number on the baseline ("12", "12.",
    "12/") opens one only when it is the next number of the sequence (1 for the first note): a
    continued note's line may well begin with a number ("12 March 2000, para. 5", "1. murders").
    """
    label = label_of(line)
    if label is None or line.spans[0].superscript or label_number(label) is None:
        return label
    expected = (previous.number or 0) + 1 if previous is not None else 1
    if label_number(label) == expected:
        return label
    # "12 (continued)": note 12 carried over, its number printed again.
    carried = previous is not None and label_number(label) == previous.number and first_on_page
    return (
        label
        if carried and CONTINUED_NOTE_RE.match(line_text(line, skip_leading_label=True))
        else None
    )


def _plain(text: str) -> str:
    """Footnote text never carries marker tokens: a raised digit inside a note is just a digit."""
    return MARKER_RE.sub(lambda m: m.group(1), text)


#: A typewriter's note reference: "n/" on the baseline after a word ("in 1987, 1/ and",
#: "on 16 January 1992 3/,"); never inside a symbol or a fraction ("48/161").
TYPED_MARKER_RE = re.compile(r"(?<=\S)( ?)(\d{1,3})/(?=[\s,.;:)]|$)")


def link_typed_markers(document: Document) -> None:
    """Typewritten documents print their references as "1/" on the baseline.  Where notes
    have no marker, their "n/" in the body become markers, in the order of the notes (one out
    of order stays text); once that order has linked them, a later "n/" to a note already
    referenced is a second reference to it ("as set out in the Tegucigalpa Protocol, 2/").
    Each is an edit."""
    marked = {marker.number for marker in document.markers()}
    unmarked = sorted(
        {
            note.number
            for note in document.footnotes
            if note.number is not None and note.number not in marked
        }
    )
    if not unmarked:
        return
    waiting = iter(unmarked)
    expected = next(waiting)
    linked: set[int] = set()
    for paragraph in document.paragraphs:

        def link(match: re.Match[str], page: int = paragraph.page) -> str:
            nonlocal expected
            number = int(match.group(2))
            if number != expected and not (number in linked and match.group(1)):
                return match.group(0)
            word = match.string[: match.start()].split(" ")[-1][-20:]
            document.edits.append(
                Edit(
                    "marker",
                    page,
                    f"{word}{match.group(0)}",
                    f"{word}[^{number}]",
                    "typed-marker",
                    0.9,
                )
            )
            if number == expected:
                linked.add(number)
                expected = next(waiting, -1)
            return marker_token(number)

        paragraph.text = TYPED_MARKER_RE.sub(link, paragraph.text)


def demote_stray_markers(document: Document) -> None:
    """Raised digits that cannot be footnote markers become text again, as recorded edits.

    A raised number with no footnote of that number is not a marker when it follows a digit (an
    exponent, "10³") or lies outside the document's numbering (a unit, "m²", in a document with
    no footnotes or fewer than that number); otherwise it stays a marker and the link check
    reports the missing footnote.
    """
    numbers = {note.number for note in document.footnotes if note.number is not None}
    highest = max(numbers, default=0)
    raised = [marker.number for marker in document.markers()]
    for paragraph in document.paragraphs:

        def demote(match: re.Match[str], page: int = paragraph.page) -> str:
            number = int(match.group(1))
            before = match.string[: match.start()]
            if number in numbers:
                return match.group(0)
            if not before[-1:].isdigit() and number <= highest + 1:
                return match.group(0)
            context = MARKER_RE.sub(r"[^\1]", before[-20:].split(" ")[-1])
            document.edits.append(
                Edit(
                    "marker",
                    page,
                    f"{context}[^{number}]",
                    f"{context}{number}",
                    "raised-digit-not-a-marker",
                    0.8,
                )
            )
            document.issues.append(
                Issue(
                    "info",
                    "raised-digit-kept-as-text",
                    f"The raised {number} after {context!r} is not a footnote marker "
                    "(no footnote of that number); kept as text.",
                    page,
                )
            )
            return match.group(1)

        paragraph.text = MARKER_RE.sub(demote, paragraph.text)
    if not numbers and _counts_up(raised):
        document.issues.append(
            Issue(
                "warning",
                "markers-without-notes",
                f"{len(raised)} raised numbers count up from 1 like note markers, but no note "
                "was found for them: the notes may be where ibidem did not look. Check the "
                "pages.",
            )
        )


def _counts_up(numbers: list[int]) -> bool:
    """Whether raised numbers in reading order run 1, 2, ... as note markers do."""
    run = 0
    for number in numbers:
        if number == run + 1:
            run = number
    return run >= 2


def check_links(document: Document) -> list[Issue]:
    """Check markers against footnotes as a whole, sequence by sequence: one footnote per
    marker, numbers in order."""
    issues: list[Issue] = []
    numbered = [note for note in document.footnotes if note.number is not None]
    counts = Counter(note.key for note in numbered)
    for key in sorted(k for k, count in counts.items() if count > 1):
        issues.append(
            Issue(
                "error",
                "footnote-number-repeated",
                f"Footnote {note_name(key)} is printed twice.",
            )
        )
    for sequence in sorted({note.sequence for note in numbered}):
        numbers = sorted(n for s, n in counts if s == sequence and n is not None)
        for expected in range(numbers[0], numbers[-1] + 1):
            if (sequence, expected) not in counts:
                issues.append(
                    Issue(
                        "error",
                        "footnote-number-missing",
                        f"No footnote {note_name((sequence, expected))} between {numbers[0]} "
                        f"and {numbers[-1]}.",
                    )
                )
    markers = document.markers()
    marked = Counter(marker.key for marker in markers)
    by_key = {note.key: note for note in numbered}
    for marker in markers:
        if marker.key not in counts:
            issues.append(
                Issue(
                    "error",
                    "marker-without-footnote",
                    f"Marker {note_name(marker.key)} in the text has no footnote.",
                    marker.page,
                    context=marker_context(document, marker),
                )
            )
    for key in sorted(counts, key=lambda k: (k[0], k[1] or 0)):
        if key not in marked:
            issues.append(
                Issue(
                    "error",
                    "footnote-without-marker",
                    f"Footnote {note_name(key)} is not referenced by any marker in the text.",
                    by_key[key].pages[0],
                    context=by_key[key].text,
                )
            )
    highest = (0, 0)
    for marker in markers:
        if marker.key < highest and marked[marker.key] == 1:
            issues.append(
                Issue(
                    "warning",
                    "marker-out-of-order",
                    f"Marker {note_name(marker.key)} comes after marker {note_name(highest)}.",
                    marker.page,
                    context=marker_context(document, marker),
                )
            )
        highest = max(highest, marker.key)
    return issues


def marker_context(document: Document, marker: Marker) -> str:
    """The words around a marker's first appearance in its paragraph, markers as `[^N]`."""
    text = document.paragraphs[marker.paragraph].text
    start = text.find(marker_token(marker.number))
    left, right = text_context(text, start, start + len(marker_token(marker.number)))
    return readable(f"{left}{marker_token(marker.number)}{right}")
