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

from .model import Footnote, Issue

IBID_RE = re.compile(r"^Ibid\.(?P<rest>.*)$", re.DOTALL)
#: A signal belongs to the footnote that prints it, not to the source an Ibid. repeats.
SIGNAL_RE = re.compile(r"^(?:See also|See, for example,|See, e\.g\.,|See|Cf\.)\s+")

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
    """Fill `resolved` and `ibid_of` on every footnote; return issues for what failed."""
    issues: list[Issue] = []
    for note in footnotes:
        if note.number is None:  # "*" and letter notes: never an Ibid. antecedent or target
            note.resolved = note.text
    by_number = {note.number: note for note in footnotes if note.number is not None}
    for note in sorted(by_number.values(), key=lambda n: n.number or 0):
        match = IBID_RE.match(note.text)
        if match is None:
            note.resolved = note.text
            continue
        assert note.number is not None
        antecedent = by_number.get(note.number - 1)
        note.ibid_of = note.number - 1 if note.number > 1 else None
        problem = None
        if antecedent is None:
            problem = f"footnote {note.number - 1}, which it repeats, is not in this document"
        elif antecedent.resolved is None:
            problem = f"footnote {antecedent.number}, which it repeats, is itself unresolved"
        elif ";" in antecedent.resolved:
            problem = f"footnote {antecedent.number} cites several sources"
        else:
            note.resolved = apply_ibid(antecedent.resolved, match.group("rest"))
            if note.resolved is None:
                problem = (
                    f"footnote {antecedent.number} has no locator matching "
                    f"{match.group('rest').strip(' ,.')!r}"
                )
        if problem:
            note.resolved = None
            issues.append(
                Issue(
                    "warning",
                    "ibid-unresolved",
                    f"Footnote {note.number} (Ibid.) left unresolved: {problem}.",
                    note.pages[0],
                )
            )
    return issues


def apply_ibid(antecedent: str, details: str) -> str | None:
    """The antecedent with the Ibid.'s details put in place; None when they do not fit."""
    details = details.strip()
    if not details or details == ".":
        return SIGNAL_RE.sub("", antecedent, count=1)
    details = details.lstrip(",").strip()
    kind = locator_kind(_parts(details)[0])
    if kind is None:
        return None
    parts = _parts(SIGNAL_RE.sub("", antecedent, count=1))
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


def _parts(citation: str) -> list[str]:
    """Comma-separated parts, not splitting inside brackets ("(A/78/10, annex)")."""
    parts: list[str] = []
    depth = 0
    current = ""
    for char in citation:
        depth += char in "(["
        depth -= char in ")]"
        if char == "," and depth == 0:
            parts.append(current.strip())
            current = ""
        else:
            current += char
    parts.append(current.strip())
    return parts
