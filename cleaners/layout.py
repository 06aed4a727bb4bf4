"""Page layout: the masthead, the furniture and the note zones of every page, from the body.

One page model serves born-digital pages and OCR layers alike: layout reads `Page`s and knows
nothing of where they came from, but that an OCR layer's sizes are guesses.  It learns the
document's typography first (`profile`), then, page by page, reads the first page's masthead
(`masthead`), removes the furniture at the page edges (`furniture`) and splits the note zone
from the body (`note_zone`).  Every line removed from the text is an `Edit` with its rule, so
nothing vanishes silently.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from . import furniture, masthead, note_zone, text_pages
from .furniture import removal
from .model import Edit, Issue, Line, Page
from .profile import learn_profile


@dataclass
class Layout:
    """The regions of a document, page by page, and what was removed on the way."""

    body: list[Line] = field(default_factory=list)
    footnotes: list[Line] = field(default_factory=list)
    metadata: dict[str, str] = field(default_factory=dict)
    edits: list[Edit] = field(default_factory=list)
    issues: list[Issue] = field(default_factory=list)
    body_size: float = 0.0
    #: Where endnotes start among `footnotes`, when a document collects its notes at the end.
    endnotes_from: int | None = None


def split_layout(pages: list[Page], *, text: bool = False) -> Layout:
    """Split every page into body lines and note lines, removing furniture as edits; `text`
    for a dump's text pages (`text_pages`), whose note zone is found from their words."""
    profile = learn_profile(pages)
    layout = Layout(body_size=profile.body_size)
    repeated = furniture.find_repeated(pages, profile)
    # Endnotes are looked for once the body has shown raised markers: a "Notes" heading over
    # numbered paragraphs (financial statements) is not an endnote section.
    in_endnotes = raised_markers = False
    continuing: float | None = None
    next_number = 1
    for page in pages:
        layout.edits.extend(furniture.rotated_removals(page))
        lines = list(page.lines)
        if page.number == 1:
            take = masthead.take_ocr_masthead if page.scanned else masthead.take_masthead
            lines = take(page, lines, layout)
        if text:  # before the header a line repeats: the symbol header of one page's dump
            lines = text_pages.drop_symbol_header(page, lines, layout.metadata, layout.edits)
        lines = furniture.drop_header(
            page, lines, profile, repeated, layout.edits, layout.metadata.get("symbol")
        )
        lines = furniture.drop_footer(page, lines, repeated, layout.edits)
        # A text page shows no raised markers until they are found from the notes.
        if not in_endnotes and (text or (not page.scanned and raised_markers)):
            start = note_zone.endnotes_start(lines)
            if start is not None:
                in_endnotes = True
                layout.endnotes_from = len(layout.footnotes)
                layout.edits.append(removal(lines[start], "endnotes-heading"))
                layout.body.extend(lines[:start])
                lines = lines[start + 1 :]
        if in_endnotes:
            layout.footnotes.extend(lines)
            continue
        if text:
            body, notes = text_pages.split_note_zone(page, lines, next_number, layout.edits)
        elif page.scanned:
            body, notes = note_zone.split_ocr_note_zone(page, lines, profile, layout.edits)
        else:
            body, notes = note_zone.split_note_zone(
                page, lines, profile, layout.edits, continuing=continuing, next_number=next_number
            )
        continuing = note_zone.ends_inside_note(notes)
        next_number = note_zone.number_after(notes, next_number)
        layout.body.extend(body)
        layout.footnotes.extend(notes)
        raised_markers = raised_markers or any(
            span.superscript for line in body for span in line.spans[1:]
        )
    return layout
