"""Characters that never reach canonical text, taken out as edits with an issue.

- Control characters (NUL, the C0 and C1 ranges) that a PDF's text layer can hold: invisible,
  and they break the readers and tools the text goes to.
- Bidirectional embeddings, overrides and isolates (U+202A-U+202E, U+2066-U+2069): they make
  text display in another order than it reads ("Trojan Source"); the text's own order is
  what it says.
- Glyphs the PDF maps to no character: pdfminer writes them as "(cid:52)", which is not text;
  each becomes U+FFFD, the replacement character, so the reader sees that something is there.
"""

from __future__ import annotations

import re
from dataclasses import replace

from .model import PRIVATE_TOKEN_RE, Edit, Issue, Line, Page

#: Removed: C0 and C1 controls but the ones that are spacing (tab, line and page breaks, read as
#: such), bidirectional embeddings, overrides and isolates.
CONTROL_RE = re.compile("[\x00-\x08\x0e-\x1f\x7f-\x84\x86-\x9f\u202a-\u202e\u2066-\u2069]")
#: A glyph with no character, as pdfminer writes it.
UNMAPPED_RE = re.compile(r"\(cid:\d+\)")
REPLACEMENT = "\ufffd"


def clean_text(text: str, page: int | None = None) -> tuple[str, list[Edit]]:
    """`text` without control and direction characters, unmapped glyphs replaced; one edit for
    each kind found, its `before` the characters as they were."""
    edits = []
    controls = CONTROL_RE.findall(text)
    if controls:
        edits.append(Edit("characters", page, "".join(controls), "", "control-removed", 1.0))
        text = CONTROL_RE.sub("", text)
    unmapped = UNMAPPED_RE.findall(text)
    if unmapped:
        before = " ".join(unmapped)
        after = REPLACEMENT * len(unmapped)
        edits.append(Edit("characters", page, before, after, "unmapped-glyph-replaced", 1.0))
        text = UNMAPPED_RE.sub(REPLACEMENT, text)
    return text, edits


def without_private_tokens(text: str, page: int | None = None) -> tuple[str, Edit | None]:
    """`text` without the private-use characters ibidem keeps for its own tokens (a marker, a
    hyphen site), and the edit that removed them, as they were."""
    removed = "".join(PRIVATE_TOKEN_RE.findall(text))
    if not removed:
        return text, None
    return PRIVATE_TOKEN_RE.sub("", text), Edit(
        "characters", page, removed, "", "private-use-removed", 1.0
    )


def clean_pages(pages: list[Page]) -> tuple[list[Page], list[Edit], list[Issue]]:
    """Pages whose spans hold none of these characters, the edits that took them out, and an
    issue for each kind found."""
    edits: list[Edit] = []
    out = []
    for page in pages:
        lines = [_clean_line(line, edits) for line in page.lines]
        out.append(replace(page, lines=tuple(line for line in lines if line.spans)))
    return out, edits, issues_for(edits)


def _clean_line(line: Line, edits: list[Edit]) -> Line:
    if not any(CONTROL_RE.search(s.text) or UNMAPPED_RE.search(s.text) for s in line.spans):
        return line
    spans = []
    for span in line.spans:
        text, found = clean_text(span.text, line.page)
        edits.extend(found)
        if text:
            spans.append(replace(span, text=text))
    return replace(line, spans=tuple(spans))


def issues_for(edits: list[Edit]) -> list[Issue]:
    """One warning for each kind of character taken out, with the pages it was on."""
    issues = []
    for rule, says in (
        (
            "control-removed",
            "Control or text-direction characters (invisible, or making the text display "
            "out of its order) were removed",
        ),
        (
            "unmapped-glyph-replaced",
            f"Glyphs the PDF maps to no character are shown as {REPLACEMENT}; check the text "
            "against the PDF",
        ),
    ):
        found = [edit for edit in edits if edit.rule == rule]
        if found:
            # What was removed, or what replaced it (one U+FFFD a glyph).
            count = sum(
                len(edit.before if rule == "control-removed" else edit.after) for edit in found
            )
            pages = sorted({edit.page for edit in found if edit.page is not None})
            where = f" ({'page' if len(pages) == 1 else 'pages'} {', '.join(map(str, pages))})"
            issues.append(Issue("warning", rule, f"{says} ({count}){where if pages else ''}."))
    return issues
