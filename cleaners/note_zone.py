"""Where a page's notes begin: the note zone under the body, and endnote sections.

A zone starts after a typed separator (a row of underscores), after a drawn rule with note
lines under it, or with no separator at all where a block set smaller than the body opens with
a note label.  Labels are raised ("¹"), on the baseline ("1", "1.", "(1)", the typewriter's
"1/"), or symbols ("*", "†").  Endnotes are collected under a "Notes" or "Endnotes" heading at
the end of a document or chapter.  Sizes are the document's own (`profile`); whether a label's
number is the next one in its sequence is checked when the notes are collected (`footnotes`).
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from statistics import median

from .furniture import removal
from .model import Edit, Line, Page
from .patterns import SEPARATOR_RE
from .profile import Profile, line_steps

#: A note label on the baseline, as its own word: "12", "12.", "(12)", "[12]", "12/".
BASELINE_LABEL_RE = re.compile(r"^(?:\d{1,4}[./]?|\(\d{1,4}\)|\[\d{1,4}\])$")
#: Notes marked by symbols ("* Reissued for technical reasons", "† Deceased") at any size; not
#: "§", which opens a note's continued line as often as a note ("§§ 45-50; ...").
SYMBOL_LABEL_RE = re.compile(r"^(?:\*{1,3}|[\u2020\u2021]{1,2})$")
#: The heading of an endnote section.
ENDNOTES_HEADING_RE = re.compile(
    r"^(?:End)?notes$|^Notes and references$|^Notas$|^Примечания$", re.IGNORECASE
)

#: How many line steps under a zone's first line are compared with the gap above it: those of
#: its first note or two, not the wider gaps between later notes.
EDGE_STEPS = 2

#: What an OCR layer gives: sizes and weights are the OCR engine's guesses, so a scan's zone is
#: found from spacing.  It starts after a gap this many line pitches tall (the separator's
#: place) ...
OCR_ZONE_GAP_RATIO = 1.7
#: ... and a gap this many pitches tall above the last lines of a page leaves them only notes.
OCR_EMPTY_GAP_RATIO = 4.0
#: A scan's zone opens with a note label: a number, or what OCR made of a small raised one.
OCR_NOTE_LABEL_RE = re.compile(r"^(?:\d{1,3}|[^\w\s]{1,2}(?:\s[^\w\s]{1,2})?)\s+\S")
#: OCR reads the footnote separator, when it reads it at all, as a few dashes or underscores.
OCR_SEPARATOR_RE = re.compile(r"^[_\u2014\u2013-]{1,}$")
#: On a scan, a separator is only looked for below this share of the page's height.
OCR_SEPARATOR_FROM = 0.4


def label_of(line: Line, *, baseline: bool = True) -> str | None:
    """The note label a line opens with, as printed, or None; with `baseline` False, only a
    raised number or a symbol counts."""
    if not line.spans:
        return None
    first = line.spans[0]
    text = first.text.strip()
    if first.superscript or SYMBOL_LABEL_RE.match(text):
        return text
    if (
        baseline
        and BASELINE_LABEL_RE.match(text)
        and (len(line.spans) == 1 or line.spans[1].space_before)
    ):
        return text
    return None


def label_number(label: str) -> int | None:
    digits = label.strip("()[]./")
    return int(digits) if digits.isdigit() else None


def split_note_zone(
    page: Page,
    lines: list[Line],
    profile: Profile,
    edits: list[Edit],
    *,
    continuing: float | None = None,
    next_number: int = 1,
) -> tuple[list[Line], list[Line]]:
    """A born-digital page's lines split into body and note zone.  `continuing` is the size of
    the note the page before ended inside (see `ends_inside_note`): a zone whose first line is
    set at that size may open without a label.  `next_number` is the number the next note
    should carry: a number on the baseline under a drawn rule opens a zone only when it is that
    one (a chart's axis under a rule prints "200")."""
    for index, line in enumerate(lines):
        if _typed_separator(line) and _notes_under(
            lines[index + 1 :], profile, continuing, next_number
        ):
            # Notes at the foot of each column: the next column's own separator is in the zone.
            separators = [line, *(below for below in lines[index + 1 :] if _typed_separator(below))]
            edits.extend(removal(separator, "footnote-separator") for separator in separators)
            return lines[:index], [below for below in lines[index + 1 :] if below not in separators]
    rule = _drawn_separator(page, lines, profile, continuing, next_number)
    if rule is not None:
        return (
            [line for line in lines if line.bottom < rule],
            [line for line in lines if line.bottom >= rule],
        )
    start = _smaller_block_start(lines, profile)
    if start == len(lines):
        start = _spaced_block_start(lines)
    return lines[:start], lines[start:]


def _typed_separator(line: Line) -> bool:
    return bool(SEPARATOR_RE.match(line.plain_text.replace(" ", "")))


def _notes_under(
    below: list[Line], profile: Profile, continuing: float | None, next_number: int
) -> bool:
    """Whether the lines under a typed separator are notes: set smaller than the body, or
    opening with a note's label, or going on with the note the page before ended inside (a
    row of underscores is also a form's blank: "__________ For the Government of")."""
    if not below:
        return False
    first = below[0]
    return (
        all(profile.smaller(line.size) for line in below)
        or _opens_numbered_note(first)
        or label_number(label_of(first) or "") == next_number
        or continuing is not None
    )


def _spaced_block_start(lines: list[Line]) -> int:
    """Notes set at the body's size with no separator (some tribunals' PDFs): the first line
    that opens with a raised number after a gap wider than the steps between the lines below
    it.  A body line never opens with a raised number (a marker follows its word on the same
    line), so the label is the evidence, and the gap says the text above has ended."""
    for index in range(1, len(lines)):
        line = lines[index]
        if not line.spans or not line.spans[0].superscript or not _opens_numbered_note(line):
            continue
        below = line_steps(lines[index:])
        gap = line.bottom - lines[index - 1].bottom
        if below and gap > max(below[:EDGE_STEPS]):
            return index
    return len(lines)


def _drawn_separator(
    page: Page, lines: list[Line], profile: Profile, continuing: float | None, next_number: int
) -> float | None:
    """A drawn rule with text above it, under which every line is set smaller than the body and
    the first opens with a note label, or continues the note the page before ended inside.
    Tables draw rules too, with small text under them; only a label on the first line (or a
    note left unfinished) makes the text under a rule a note zone."""
    for rule in sorted(page.rules, key=lambda r: r.top):
        above = [line for line in lines if line.bottom < rule.top]
        below = [line for line in lines if line.bottom > rule.top]
        if (
            above
            and below
            and all(profile.smaller(line.size) for line in below)
            and (
                _opens_numbered_note(below[0])
                or label_number(label_of(below[0]) or "") == next_number
                or (continuing is not None and profile.same_size(below[0].size, continuing))
            )
        ):
            return rule.top
    return None


def number_after(lines: list[Line], next_number: int) -> int:
    """The number the next note should carry after these note lines."""
    for _, number in note_openings(lines, next_number):
        next_number = number + 1
    return next_number


def note_openings(lines: list[Line], next_number: int = 1) -> Iterator[tuple[int, int]]:
    """The note lines that open a numbered note, as (index, number): a raised number, or one
    on the baseline that is the next of the sequence (a note's line may well begin with a
    number: "2000 Review Conference ...", "12 March 2000, para. 5")."""
    for index, line in enumerate(lines):
        label = label_of(line)
        number = label_number(label) if label is not None else None
        if number is not None and (line.spans[0].superscript or number == next_number):
            next_number = number + 1
            yield index, number


def ends_inside_note(lines: list[Line]) -> float | None:
    """The size of the last note line when a page's note zone ends inside a sentence ("... the
    butterfly knife had"): the note goes on at the foot of the next page.  None otherwise."""
    if not lines:
        return None
    text = lines[-1].plain_text.rstrip()
    # Mid-sentence: a small letter, a comma or a dash ends the line, not a full stop, nor a
    # symbol or a number that may end a note ("A/HRC/40/3").
    return lines[-1].size if text and (text[-1].islower() or text[-1] in ",\u2013-") else None


def _smaller_block_start(lines: list[Line], profile: Profile) -> int:
    """With no separator: the block of smaller lines at the page bottom, if a note label opens
    it.  Returns the index of its first line, or `len(lines)` when the page has no such block.
    A number on the baseline does not open one: with no separator, a table's first column would
    pass for labels.  A line that opens with a raised number belongs to the block whatever its
    size: a note's first line is at times set at the body's size."""
    start = len(lines)
    while start > 0 and (
        profile.smaller(lines[start - 1].size)
        or (
            start < len(lines)
            and bool(lines[start - 1].spans)
            and lines[start - 1].spans[0].superscript
            and _opens_numbered_note(lines[start - 1])
        )
    ):
        start -= 1
    while start < len(lines) and not _opens_numbered_note(lines[start]):
        start += 1
    return start


def _opens_numbered_note(line: Line) -> bool:
    """A raised number or a note symbol: a raised letter ("a") is a table's own note."""
    label = label_of(line, baseline=False)
    return label is not None and (
        label_number(label) is not None or bool(SYMBOL_LABEL_RE.match(label))
    )


def endnotes_start(lines: list[Line]) -> int | None:
    """The index of an endnote heading ("Notes", "Endnotes") whose next line opens with note 1,
    or None: the notes of a document or chapter collected at its end."""
    for index, line in enumerate(lines[:-1]):
        if ENDNOTES_HEADING_RE.match(line.plain_text.strip()):
            label = label_of(lines[index + 1])
            if label is not None and label_number(label) == 1:
                return index
    return None


def split_ocr_note_zone(
    page: Page, lines: list[Line], profile: Profile, edits: list[Edit]
) -> tuple[list[Line], list[Line]]:
    """On a scan the separator is part of the image and sizes are OCR guesses, so the zone is
    found from spacing: it starts at a line in the lower part of the page after a gap wider
    than `OCR_ZONE_GAP_RATIO` line pitches (where the separator was).  The first such line
    that opens with a note label starts it; with no label, the widest gap does, when the lines
    below it are set smaller or closer, or it is so wide that the page above has ended and the
    lines below can only be notes."""
    lower = page.height * OCR_SEPARATOR_FROM
    for index, line in enumerate(lines):
        if line.bottom > lower and OCR_SEPARATOR_RE.match(line.plain_text.strip()):
            edits.append(removal(line, "footnote-separator"))
            return lines[:index], lines[index + 1 :]
    steps = line_steps(lines)
    if not steps:
        return lines, []
    pitch = median(steps)
    gaps = [
        (lines[index].bottom - lines[index - 1].bottom, index)
        for index in range(1, len(lines))
        if lines[index].bottom > lower
        and lines[index].bottom - lines[index - 1].bottom > OCR_ZONE_GAP_RATIO * pitch
    ]
    labelled = [i for _, i in gaps if OCR_NOTE_LABEL_RE.match(lines[i].plain_text.strip())]
    if labelled:
        return lines[: labelled[0]], lines[labelled[0] :]
    for gap, index in sorted(gaps, reverse=True)[:1]:
        if gap > OCR_EMPTY_GAP_RATIO * pitch or _set_smaller(lines, index):
            return lines[:index], lines[index:]
    return lines, []


def _set_smaller(lines: list[Line], start: int) -> bool:
    """Whether the lines from `start` on are set clearly smaller or closer than those above."""
    above, below = lines[:start], lines[start:]
    if median(line.size for line in below) < 0.85 * median(line.size for line in above):
        return True
    steps_above, steps_below = line_steps(above), line_steps(below)
    if len(steps_above) < 3 or len(steps_below) < 2:
        return False
    return median(steps_below) < 0.9 * median(steps_above)
