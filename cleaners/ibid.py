"""Resolve references — Ibid., supra, "see note 5" — into the full citations they stand for.

Find, then resolve (as eyecite does): `citations.find_citations` has typed every part of every
note; here each reference is resolved by a small resolver for its kind, and the result is data on
the part: `refers_to`, the note and part it was resolved against, and `resolved`.  A note's
`resolved` text is rendered from its parts; a part that is no reference stays as printed.

- Ibid. (Id., Idem, Ibidem) repeats the citation just before it: the part before it in the same
  note when that part cites a source, otherwise the note before it in numbering order, resolved
  first so chains resolve transitively.  When that note cites several sources, the Ibid.'s
  locator must single one out.
- supra and op. cit. repeat the source the title names in the note they give (op. cit. without a
  note: the nearest earlier note naming it); "see note 5" gives note 5's resolved citation.
- A part that is only locators ("and vols. 2171 and 2173, No. 27531") continues the reference
  before it.
- Locators rank from volume down to footnote (`citations.LOCATORS`): "Ibid., para. 12" replaces
  a paragraph and keeps what ranks above it; a coarser locator drops the finer ones.

It fails closed: a reference that cannot be resolved leaves its note's `resolved` None, with an
`ibid-unresolved` issue that says why.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass, field, replace

from .citations import (
    APPENDABLE,
    EXPLAINS_RE,
    EXPLANATION_RE,
    LOCATOR_RANK,
    SHORT_TITLE_RE,
    SIGNAL_RE,
    check_plausibility,
    clean_details,
    coarsest_locator,
    comma_parts,
    find_citations,
    locator_kind,
    split_parts,
)
from .model import (
    MARKER_RE,
    REFERENCES,
    Citation,
    CitationKind,
    CitationRef,
    Footnote,
    InTextCitation,
    Issue,
    Paragraph,
    footnote_subject,
    note_name,
)

Notes = dict[tuple[int, int], Footnote]


@dataclass
class Scope:
    """What the resolvers look things up in: the notes by (sequence, number), and the offsets
    by which the document's own supra references show its notes renumbered."""

    notes: Notes
    offsets: tuple[int, ...] = ()
    issues: list[Issue] = field(default_factory=list)


#: A resolver's answer: the citation it used and the full citation, or why it could not.
Resolution = tuple[CitationRef, str] | str


def resolve_ibids(footnotes: list[Footnote]) -> list[Issue]:
    """Parse every note's citations, then resolve its references in numbering order.

    Fills each note's `citations`, `resolved` and `ibid_of`; returns issues for what was left
    open and for citations that contradict themselves.
    """
    issues: list[Issue] = []
    for note in footnotes:
        note.citations = find_citations(note.text)
        note.resolved = note.text
        note.ibid_of = None
    # Notes are looked up within their own sequence: an appended opinion's "Ibid." repeats the
    # opinion's note before it, never the judgment's.
    notes: Notes = {(n.sequence, n.number): n for n in footnotes if n.number is not None}
    scope = Scope(notes, renumbering_offsets(notes))
    ordered = sorted(notes.values(), key=lambda n: n.key)
    for note in ordered:
        problem = _resolve_note(note, scope)
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
                    subject=footnote_subject(note),
                )
            )
    issues.extend(scope.issues)
    link_short_titles(ordered)
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
                        subject=footnote_subject(note),
                    )
                )
    return issues


def _resolve_note(note: Footnote, scope: Scope) -> str | None:
    """Resolve each reference part of a numbered note; the first reason one stays open."""
    assert note.number is not None
    if not any(citation.kind in REFERENCES for citation in note.citations):
        return None
    problem = None
    for index, citation in enumerate(note.citations):
        if citation.kind in REFERENCES:
            answer = RESOLVERS[citation.kind](note, index, scope)
        elif citation.kind is CitationKind.LOCATOR and _continues_a_reference(note, index):
            answer = _resolve_continuation(note, index)
        else:
            continue
        if isinstance(answer, str):
            problem = problem or answer
            continue
        refers_to, resolved = answer
        note.citations[index] = replace(citation, refers_to=refers_to, resolved=resolved)
        if note.ibid_of is None and refers_to.note != note.number:
            note.ibid_of = refers_to.note
    if problem:
        return problem
    note.resolved = "".join(
        separator + _rendered(citation, printed)
        for (separator, printed), citation in zip(
            split_parts(note.text), note.citations, strict=True
        )
    )
    return None


def _rendered(citation: Citation, printed: str) -> str:
    if citation.resolved is None:
        return printed
    return f"{citation.signal} {citation.resolved}" if citation.signal else citation.resolved


def _resolve_ibid(note: Footnote, index: int, scope: Scope) -> Resolution:
    """The citation before it in the note, or else in the note before it."""
    assert note.number is not None
    details = note.citations[index].get("details") or ""
    for before in range(index - 1, -1, -1):
        prior = note.citations[before]
        if prior.kind in REFERENCES and prior.resolved is None:
            return f"the citation before it in the note is itself unresolved ({prior.text[:30]})"
        if _cites_a_source(prior):
            return _repeat(CitationRef(note.sequence, note.number, before), prior, details)
    if note.number == 1:
        return "it is the first footnote, and nothing before it in the note is a citation"
    note.ibid_of = note.number - 1
    previous = scope.notes.get((note.sequence, note.number - 1))
    if previous is None:
        return f"footnote {note.number - 1}, which it repeats, is not in this document"
    candidates = _principal(previous.citations)
    if len(candidates) > 1:
        candidates = _with_locator(candidates, details)
    if not candidates:
        return f"footnote {previous.number}, which it repeats, cites nothing"
    if len(candidates) > 1:
        return f"footnote {previous.number} cites several sources"
    part, antecedent = candidates[0]
    if _elsewhere_in_note(previous.citations, part, details):
        # "Trial Judgement at para 1089, referring to …; Trial Transcript, p 1631" and then
        # "Ibid, p 4726": the page may be the transcript's as well as the judgment's.
        return f"footnote {previous.number} cites several sources with such a locator"
    return _repeat(CitationRef(note.sequence, previous.number, part), antecedent, details)


def _resolve_supra(note: Footnote, index: int, scope: Scope) -> Resolution:
    """ "X, supra note 14, para. 43": the source of note 14 that the title X names."""
    assert note.number is not None
    citation = note.citations[index]
    title = citation.get("title") or ""
    number = citation.get("note")
    if number is None:  # "Bassiouni, op. cit., p. 5": the nearest earlier note naming it
        target = _nearest_naming(scope.notes, note, title)
        if target is None:
            return f"no earlier footnote cites {title!r}"
    else:
        found = scope.notes.get((note.sequence, int(number)))
        if found is None or int(number) >= note.number:
            return f"footnote {number}, which it names, is not an earlier footnote here"
        target = found
        if title and not _named_parts(target, title):
            target = _renumbered(scope, note, index, target)
    note.ibid_of = target.number
    candidates = _named_parts(target, title) if title else list(enumerate(target.citations))
    if not candidates:
        return f"footnote {target.number} does not cite {title!r}"
    if len(candidates) > 1:
        return f"footnote {target.number} cites several sources {title!r} could name"
    part, antecedent = candidates[0]
    assert target.number is not None
    return _repeat(
        CitationRef(note.sequence, target.number, part), antecedent, citation.get("details") or ""
    )


def link_short_titles(notes: list[Footnote]) -> None:
    """A later part that cites by a short title a note defined ("(hereinafter “Kahan Report”)")
    records the definition: `refers_to` its part, `resolved` the full citation with the part's
    own locators.  The note's text and `resolved` keep the short title as printed."""
    defined: dict[tuple[int, str], tuple[CitationRef, str]] = {}
    for note in notes:
        assert note.number is not None
        for index, citation in enumerate(note.citations):
            if citation.kind in REFERENCES or citation.refers_to is not None:
                continue
            used = _short_title_used(defined, note.sequence, citation.text)
            if used is not None:
                where, full, rest = used
                note.citations[index] = replace(citation, refers_to=where, resolved=full + rest)
            definition = SHORT_TITLE_RE.search(citation.text)
            title = citation.get("short_title")
            if definition and title and (note.sequence, title) not in defined:
                full = citation.text[: definition.start()].rstrip(" ,")
                defined[(note.sequence, title)] = (
                    CitationRef(note.sequence, note.number, index),
                    full,
                )


def _short_title_used(
    defined: dict[tuple[int, str], tuple[CitationRef, str]], sequence: int, text: str
) -> tuple[CitationRef, str, str] | None:
    """The definition a part's opening short title refers to, and what follows the title."""
    for (in_sequence, title), (where, full) in defined.items():
        if in_sequence == sequence and text.startswith(title) and full:
            rest = text[len(title) :]
            if rest[:1] in ("", ",", ".", " ", ";"):
                return where, full, rest
    return None


#: How many supra references must agree on an offset before it is read as a renumbering.
RENUMBERING_EVIDENCE = 2


def renumbering_offsets(notes: Notes) -> tuple[int, ...]:
    """Offsets by which the document's notes were renumbered after its supra references were
    written: an opinion appended to a judgment numbers its notes on from the judgment's (171,
    172 …) while its "supra n. (2)" still means its own second note.  An offset counts when
    `RENUMBERING_EVIDENCE` references whose note does not name their title find it that many
    notes further on."""
    found: Counter[int] = Counter()
    for note in notes.values():
        for citation in note.citations:
            number, title = citation.get("note"), citation.get("title")
            if citation.kind is not CitationKind.SUPRA or not number or not title:
                continue
            named = notes.get((note.sequence, int(number)))
            if named is None or _names(named.text, title):
                continue
            later = _nearest_naming(notes, note, title)
            if later is not None and later.number is not None and later.number > int(number):
                found[later.number - int(number)] += 1
    return tuple(sorted(k for k, n in found.items() if n >= RENUMBERING_EVIDENCE))


def _renumbered(scope: Scope, note: Footnote, index: int, named: Footnote) -> Footnote:
    """The note a supra reference means once the document's renumbering is undone, with an
    issue that says so; `named` itself when no offset finds its title."""
    title = note.citations[index].get("title") or ""
    assert note.number is not None and named.number is not None
    for offset in scope.offsets:
        meant = scope.notes.get((note.sequence, named.number + offset))
        if meant is not None and (meant.number or 0) < note.number and _named_parts(meant, title):
            scope.issues.append(
                Issue(
                    "info",
                    "supra-renumbered",
                    f"Footnote {note_name(note.key)}: “supra note {named.number}” read as "
                    f"footnote {meant.number}, which cites {title!r}: other references here "
                    f"show the notes numbered on by {offset}.",
                    note.pages[0],
                    context=note.text,
                    subject=footnote_subject(note),
                )
            )
            return meant
    return named


def _nearest_naming(notes: Notes, note: Footnote, title: str) -> Footnote | None:
    """The nearest note before `note`, in its sequence, whose text names `title`."""
    assert note.number is not None
    for number in range(note.number - 1, 0, -1):
        earlier = notes.get((note.sequence, number))
        if earlier is not None and _names(earlier.text, title):
            return earlier
    return None


def _resolve_footnote(note: Footnote, index: int, scope: Scope) -> Resolution:
    """ "See footnote 5": note 5's resolved citation ("supra, fns 37, 44": each, joined)."""
    assert note.number is not None
    citation = note.citations[index]
    numbers = [int(n) for n in (citation.get("numbers") or citation.get("number") or "").split(",")]
    resolved: list[str] = []
    for number in numbers:
        target = scope.notes.get((note.sequence, number))
        if target is None or number >= note.number:
            return f"footnote {number}, which it points to, is not an earlier footnote here"
        if note.ibid_of is None:
            note.ibid_of = number
        if target.resolved is None:
            return f"footnote {number}, which it points to, is itself unresolved"
        resolved.append(SIGNAL_RE.sub("", target.resolved, count=1))
    details = citation.get("details") or ""
    if len(numbers) == 1 and details:
        applied = apply_ibid(resolved[0], details)
        if applied is None:
            return f"footnote {numbers[0]} has no locator matching {details!r}"
        resolved = [applied]
    joined = "; ".join([r.rstrip(".") for r in resolved[:-1]] + resolved[-1:])
    return CitationRef(note.sequence, numbers[0], 0), joined


def _resolve_continuation(note: Footnote, index: int) -> Resolution:
    """ "…; and vols. 2171 and 2173, No. 27531": more of the source resolved just before it."""
    assert note.number is not None
    prior = note.citations[index - 1]
    assert prior.resolved is not None
    applied = apply_ibid(prior.resolved, note.citations[index].text)
    if applied is None:
        return f"the source before {note.citations[index].text[:30]!r} has no such locator"
    return CitationRef(note.sequence, note.number, index - 1), applied


def _continues_a_reference(note: Footnote, index: int) -> bool:
    if index == 0:
        return False
    prior = note.citations[index - 1]
    return prior.resolved is not None and (
        prior.kind in REFERENCES or prior.kind is CitationKind.LOCATOR
    )


RESOLVERS: dict[CitationKind, Callable[[Footnote, int, Scope], Resolution]] = {
    CitationKind.IBID: _resolve_ibid,
    CitationKind.SUPRA: _resolve_supra,
    CitationKind.FOOTNOTE: _resolve_footnote,
}


def _repeat(refers_to: CitationRef, antecedent: Citation, details: str) -> Resolution:
    """The antecedent part repeated with the details in place (see `apply_ibid`)."""
    if antecedent.kind in REFERENCES and antecedent.resolved is None:
        return f"footnote {refers_to.note}, which it repeats, is itself unresolved"
    source = citation_proper(_source(antecedent))
    kind = coarsest_locator(details) if details else None
    explained = EXPLAINS_RE.search(source)
    if (
        explained
        and kind not in _locators_in(source[: explained.start()])
        and kind in _locators_in(source[explained.start() :])
    ):
        # "Trial Judgement at para 1089, referring to Trial Transcript at p 7774", then
        # "Ibid at p 4726": the page may be the transcript's.
        return f"footnote {refers_to.note} has such a locator only in what it refers to"
    resolved = apply_ibid(source, details)
    if resolved is None:
        return f"footnote {refers_to.note} has no locator matching {details.strip(' ,.')!r}"
    return refers_to, resolved


#: Words between a signal and its source: "Cf., in this regard, e.g., M.Ch. Bassiouni".
_LEAD_RE = re.compile(r"^(?:(?:in this regard|inter alia|e\.g\.|for example|among others),?\s+)+")
#: The end of a sentence of prose before a citation: "… committed by individuals. Tadi}
#: Jurisdiction Decision, para 128", "… were interchangeable: Trial Submission, p 4", "… crimes
#: against humanity, cf. J.R.W.D. Jones, The Practice …".
_PROSE_END_RE = re.compile(
    # "… individuals.", "… Additional Protocol I." (a roman number after a word ends it too)
    r"(?:(?:(?<=[a-z]{3})|(?<=[a-z] [IVX])|(?<=[a-z] [IVX]{2})|(?<=[a-z] [IVX]{3}))\."
    r"|(?<=[a-z]):|,\s+(?:cf\.|see also|see),?)\s+(?=[A-Z\u00c0-\u024f])"
)


def citation_proper(source: str) -> str:
    """A part as a source to repeat: without the words a signal leads with, and without the
    sentences of prose before the citation whose locator it carries."""
    source = _LEAD_RE.sub("", source)
    parts = comma_parts(source)
    first = next((i for i, part in enumerate(parts) if locator_kind(part)), None)
    if first is None or first == 0:
        return source
    located = source.find(parts[first], len(parts[0]))
    cut = start = 0
    for end in _PROSE_END_RE.finditer(source, 0, located):
        if _is_prose(source[start : end.start()]):
            cut = end.end()
        start = end.end()
    return source[cut:]


def _is_prose(sentence: str) -> bool:
    """A sentence, not a title's segment ("Case of the Serrano-Cruz Sisters. Preliminary
    Objections."): four or more lower-case words besides "of", "the" and "and"."""
    words = re.findall(r"\b[a-z][a-z’'-]{2,}\b", sentence)
    return sum(word not in ("the", "and") for word in words) >= 4


def _elsewhere_in_note(citations: list[Citation], chosen: int, details: str) -> bool:
    """Whether the locator the details replace is missing from the chosen part but printed in
    another part of its note."""
    kind = coarsest_locator(details) if details else None
    if kind is None or _has_locator(citations[chosen], kind):
        return False
    return any(_has_locator(c, kind) for i, c in enumerate(citations) if i != chosen)


def _has_locator(citation: Citation, kind: str) -> bool:
    return kind in _locators_in(_source(citation))


def _locators_in(text: str) -> set[str | None]:
    return {locator_kind(piece) for piece in comma_parts(text)}


def _cites_a_source(citation: Citation) -> bool:
    """Whether an earlier part of the same note is a source an Ibid. can repeat: a known form,
    a resolved reference, or text with a locator ("Defence Closing Brief, para. 12")."""
    if citation.kind in REFERENCES or citation.kind is CitationKind.LOCATOR:
        return citation.resolved is not None
    if citation.kind is not CitationKind.OTHER:
        return True
    return any(locator_kind(part) for part in comma_parts(citation.text)[1:])


#: Signals of a supporting authority: "X, para. 5; see also Y" cites X, supported by Y.
SUPPORTING = frozenset({"see also", "cf.", "compare", "but see", "also", "see, for example,"})


def _principal(citations: list[Citation]) -> list[tuple[int, Citation]]:
    """The parts of a note an Ibid. after it may repeat: all of them, less what only supports
    or comments on its first citation, when that is a citation of its own.

    Left out: parts under a supporting signal, and the parts after them with no signal of their
    own (a signal governs until the next one); the authorities a part lists after "referring
    to" or "citing"; prose without a locator.
    """
    parts = list(enumerate(citations))
    if not citations:
        return parts
    first = citations[0]
    if (first.signal or "").lower() in SUPPORTING or not _cites_a_source(first):
        return parts
    principal = [parts[0]]
    supporting = False
    listing = EXPLAINS_RE.search(_source(first)) is not None
    for part, citation in parts[1:]:
        if citation.signal is not None:
            supporting = citation.signal.lower() in SUPPORTING
        elif listing:
            continue
        listing = EXPLAINS_RE.search(citation.text) is not None
        if not supporting and _cites_a_source(citation):
            principal.append((part, citation))
    return principal


def _with_locator(
    candidates: list[tuple[int, Citation]], details: str
) -> list[tuple[int, Citation]]:
    """The candidates that have the locator the details replace, when that singles some out."""
    kind = coarsest_locator(details) if details else None
    if kind is None:
        return candidates
    having = [(part, citation) for part, citation in candidates if _has_locator(citation, kind)]
    return having or candidates


def _named_parts(note: Footnote, title: str) -> list[tuple[int, Citation]]:
    """The parts of `note` whose source contains `title` (letters and digits compared); one
    source cited twice in the note ("Bassiouni …, pp. 252; ibid., p. 263") counts once."""
    named = [
        (part, citation)
        for part, citation in enumerate(note.citations)
        if _names(_source(citation), title)
    ]
    works = {_letters(comma_parts(citation_proper(_source(c)))[0]) for _, c in named}
    return named[:1] if len(works) == 1 else named


def _names(text: str, title: str) -> bool:
    wanted = _letters(title)
    return bool(wanted) and wanted in _letters(text)


def _letters(text: str) -> str:
    """Letters and digits only, "the" left out: "Case of the IndigenousYakye Axa" and "Case of
    Indigenous Yakye Axa" compare equal."""
    return "".join(word for word in re.findall(r"\w+", text.lower()) if word != "the")


def _source(citation: Citation) -> str:
    return citation.resolved if citation.resolved is not None else citation.text


def apply_ibid(antecedent: str, details: str) -> str | None:
    """The antecedent with the Ibid.'s details put in place; None when they do not fit.

    No details: the antecedent itself.  Details that explain ("referring to …", "emphasis
    added") follow it.  Otherwise they start with a locator, put in by rank (`put_locators`).
    """
    # The signal ("See") belongs to the note that prints it, not to the source repeated.
    source = SIGNAL_RE.sub("", antecedent, count=1)
    details = clean_details(details)
    if not details:
        return source
    # What the antecedent went on to cite ("…, para. 686, referring to Kunarac …") is not part
    # of the source the details locate in.
    explained = EXPLAINS_RE.search(source)
    if explained:
        source = source[: explained.start()]
    if EXPLANATION_RE.match(details):
        joiner = " " if details.startswith("(") else ", "
        return f"{source.rstrip('. ')}{joiner}{details}"
    kind = coarsest_locator(details)
    if kind is None:
        return None
    return put_locators(source, kind, details)


#: Locators numbered through a whole instrument, and the divisions they stand without: after
#: "Constitution, Title XI", "Ibid, Article 108" is "Constitution, Article 108".
NUMBERED_THROUGH = {"article": frozenset({"part", "title", "chapter", "section"})}


def put_locators(source: str, kind: str, details: str) -> str | None:
    """`source` keeping its locators that rank above `kind`, then `details`.

    The source's locators of `kind` or finer, and whatever follows them, are dropped.  When the
    source has none, details are added only if `kind` is fine enough to be a place in it.
    """
    rank = LOCATOR_RANK[kind]
    kept: list[str] = []
    replaced = False
    for part in comma_parts(source):
        part_kind = locator_kind(part)
        if part_kind is not None and LOCATOR_RANK[part_kind] >= rank:
            replaced = True
            break
        if kind in NUMBERED_THROUGH and part_kind in NUMBERED_THROUGH[kind]:
            continue
        kept.append(part)
    if not replaced and kind not in APPENDABLE:
        return None
    return f"{', '.join(kept).rstrip('.').rstrip()}, {details}" if kept else details


#: A bracket in the body with one level of brackets inside: "(A/80/5 (Vol. II))".
_BRACKET_RE = re.compile(r"\(((?:[^()]|\([^()]*\))*)\)")
#: What an in-text Ibid. may repeat: a citation that names its source.
_IN_TEXT_SOURCES = (
    frozenset(CitationKind)
    - REFERENCES
    - {
        CitationKind.LOCATOR,
        CitationKind.CROSS_REFERENCE,
        CitationKind.OTHER,
        CitationKind.URL,
    }
)


def resolve_in_text(paragraphs: list[Paragraph]) -> tuple[list[InTextCitation], list[Issue]]:
    """Citations in brackets in the body, "(A/80/614, para. 49)" … "(ibid., paras. 69–79)",
    each Ibid. resolved against the in-text citation before it.

    Returns them only when the body has an in-text Ibid. (they are what it leans on), and an
    issue for each Ibid. left open.
    """
    found: list[InTextCitation] = []
    issues: list[Issue] = []
    last_source: int | None = None
    for number, paragraph in enumerate(paragraphs):
        for bracket in _BRACKET_RE.finditer(MARKER_RE.sub("", paragraph.text)):
            for citation in find_citations(bracket.group(1)):
                if citation.kind is CitationKind.IBID:
                    found.append(_in_text_ibid(number, citation, found, last_source))
                    if found[-1].citation.resolved is not None:
                        last_source = len(found) - 1
                    else:
                        issues.append(_in_text_issue(paragraph, citation, last_source is None))
                elif citation.kind in _IN_TEXT_SOURCES:
                    found.append(InTextCitation(number, citation))
                    last_source = len(found) - 1
    if not any(entry.citation.kind is CitationKind.IBID for entry in found):
        return [], []
    return found, issues


def _in_text_ibid(
    paragraph: int, citation: Citation, found: list[InTextCitation], antecedent: int | None
) -> InTextCitation:
    if antecedent is None:
        return InTextCitation(paragraph, citation)
    resolved = apply_ibid(_source(found[antecedent].citation), citation.get("details") or "")
    if resolved is None:
        return InTextCitation(paragraph, citation, antecedent)
    return InTextCitation(paragraph, replace(citation, resolved=resolved), antecedent)


def _in_text_issue(paragraph: Paragraph, citation: Citation, first: bool) -> Issue:
    why = (
        "no citation before it in the text"
        if first
        else "the citation before it has no locator matching it"
    )
    return Issue(
        "warning",
        "ibid-unresolved",
        f"In-text “({citation.text})” left unresolved: {why}.",
        paragraph.page,
        context=citation.text,
    )
