"""Resolve "Ibid." footnotes into full citations over the footnote sequence.

"Ibid." means the footnote just before it in numbering order, resolved first (so chains resolve
transitively).  A bare "Ibid." repeats that citation; "Ibid., <details>" keeps what the
antecedent says above the first locator the details name, and replaces the rest: after
"United Nations, Treaty Series, vol. 2225, No. 39574.", "Ibid., vol. 2237, No. 39574." resolves to
"United Nations, Treaty Series, vol. 2237, No. 39574.".  It fails closed: when the antecedent is
missing, cites several sources, or lacks the locator, the footnote stays unresolved with an issue.
"""

from __future__ import annotations

import re

from .citations import (
    IBID_RE,
    SIGNAL_RE,
    check_plausibility,
    find_citations,
    split_outside_brackets,
    split_sources,
)
from .model import Citation, Footnote, Issue, note_name

#: Locator kinds, coarse to fine, each recognised at the start of a comma-separated part.
LOCATORS: tuple[tuple[str, re.Pattern[str]], ...] = (
    # A session: "Seventy-eighth Session"; the Economic and Social Council's are years ("2018").
    (
        "session",
        re.compile(
            r"^(?:[A-Z][a-z]+(?:-[a-z]+)? (?:Special |Emergency Special )?Session\b|\d{4}$)"
        ),
    ),
    ("supplement", re.compile(r"^Supplement\b")),
    ("volume", re.compile(r"^vols?\.")),
    ("number", re.compile(r"^Nos?\.")),
    ("document", re.compile(r"^(?:document )?[A-Z]{1,5}/[A-Z0-9]")),
    ("part", re.compile(r"^(?:part|Part)\b")),
    ("chapter", re.compile(r"^chaps?\.")),
    ("section", re.compile(r"^(?:sects?\.|section\b)")),
    ("resolution", re.compile(r"^(?:resolution|decision)\b")),
    ("annex", re.compile(r"^annex")),
    ("paragraph", re.compile(r"^paras?\.")),
    ("page", re.compile(r"^pp?\.")),
)
#: Kinds fine enough that "Ibid., para. 3." may add them to an antecedent that has none.
APPENDABLE = {"part", "chapter", "section", "resolution", "annex", "paragraph", "page"}


def resolve_ibids(footnotes: list[Footnote]) -> list[Issue]:
    """Parse every footnote's citations, then fill `resolved` and `ibid_of` in number order.

    Returns issues for what was left open and for citations that contradict themselves.
    """
    issues: list[Issue] = []
    for note in footnotes:
        note.citations = find_citations(note.text)
        if note.number is None:  # "*" and letter notes: never an Ibid. antecedent or target
            note.resolved = note.text
    # Notes are looked up within their own sequence: an appended opinion's "Ibid." repeats the
    # opinion's note before it, never the judgment's.
    by_number = {note.key: note for note in footnotes if note.number is not None}
    for note in sorted(by_number.values(), key=lambda n: (n.sequence, n.number or 0)):
        first = note.citations[0] if note.citations else None
        if first is not None and first.kind == "ibid":
            problem = _resolve_ibid(note, by_number)
        elif first is not None and first.kind == "footnote" and len(note.citations) == 1:
            problem = _resolve_reference(note, first, by_number)
        else:
            note.resolved = note.text
            problem = None
        if problem:
            note.resolved = None
            issues.append(
                Issue(
                    "warning",
                    "ibid-unresolved",
                    f"Footnote {note_name(note.key)} ({note.text[:40]}) left unresolved: "
                    f"{problem}.",
                    note.pages[0],
                    context=note.text,
                )
            )
    for note in footnotes:
        for citation in find_citations(note.resolved or ""):
            reason = check_plausibility(citation)
            if reason:
                issues.append(
                    Issue(
                        "warning",
                        "citation-implausible",
                        f"Footnote {note.label}: {reason}.",
                        note.pages[0],
                        context=note.resolved or "",
                    )
                )
    return issues


def _resolve_ibid(note: Footnote, by_number: dict) -> str | None:
    """Fill `note.resolved` from the footnote just before it; the reason when it cannot.

    Each ";"-part is resolved against the same antecedent: "Ibid., vol. 2131, No. 20378; and
    vols. 2171 and 2173, No. 27531." names two volumes of the one treaty series.
    """
    assert note.number is not None
    note.ibid_of = note.number - 1 if note.number > 1 else None
    antecedent = by_number.get((note.sequence, note.number - 1))
    if antecedent is None:
        return f"footnote {note.number - 1}, which it repeats, is not in this document"
    if antecedent.resolved is None:
        return f"footnote {antecedent.number}, which it repeats, is itself unresolved"
    if len(split_sources(antecedent.resolved)) > 1:
        return f"footnote {antecedent.number} cites several sources"
    resolved_parts = []
    for part in split_outside_brackets(note.text, ";"):
        joiner, core = ("and ", part[4:]) if part.startswith("and ") else ("", part)
        match = IBID_RE.match(core)
        details = match.group("details") if match else f", {core}"
        resolved = apply_ibid(antecedent.resolved, details)
        if resolved is None:
            return f"footnote {antecedent.number} has no locator matching {details.strip(' ,.')!r}"
        resolved_parts.append(joiner + resolved)
    note.resolved = "; ".join(resolved_parts)
    return None


def _resolve_reference(note: Footnote, reference: Citation, by_number: dict) -> str | None:
    """ "See footnote 5" points to footnote 5's resolved citation, under this note's signal."""
    assert note.number is not None
    target = int(reference.get("number") or 0)
    referenced = by_number.get((note.sequence, target))
    if referenced is None or target >= note.number:
        return f"footnote {target}, which it points to, is not an earlier footnote here"
    note.ibid_of = target
    if referenced.resolved is None:
        return f"footnote {target}, which it points to, is itself unresolved"
    citation = SIGNAL_RE.sub("", referenced.resolved, count=1)
    note.resolved = f"{reference.signal} {citation}" if reference.signal else citation
    return None


def apply_ibid(antecedent: str, details: str) -> str | None:
    """The antecedent with the Ibid.'s details put in place; None when they do not fit."""
    details = details.strip()
    if not details or details == ".":
        return SIGNAL_RE.sub("", antecedent, count=1)
    details = details.lstrip(",").strip()
    kind = locator_kind(_comma_parts(details)[0])
    if kind is None:
        return None
    # The signal ("See") belongs to the footnote that prints it, not to the source repeated.
    parts = _comma_parts(SIGNAL_RE.sub("", antecedent, count=1))
    for index, part in enumerate(parts):
        if locator_kind(part) == kind:
            kept = ", ".join(parts[:index])
            return f"{kept}, {details}" if kept else details
    if kind in APPENDABLE:
        return f"{', '.join(parts).rstrip('.').rstrip()}, {details}"
    return None


def locator_kind(part: str) -> str | None:
    for kind, pattern in LOCATORS:
        if pattern.match(part):
            return kind
    return None


def _comma_parts(citation: str) -> list[str]:
    """Comma-separated parts, not splitting inside brackets ("(A/78/10, annex)")."""
    return split_outside_brackets(citation, ",")
