"""Editor decisions: read `review/<doc_id>.yaml`, apply it to a document, write a starter file.

An editor settles what the pipeline was unsure of once, and every later run applies it: accept
or reject a listed edit (by its id), force a line-end hyphen decision or a join, set a
footnote's resolved citation, pair a marker with a footnote, add words to the lexicon (for every
document of the batch).  A decision that no longer finds what it was about (the text changed)
is not applied and raises a `review-decision-stale` issue, so nothing is silently dropped.
The format is in docs/review.md and `cleaners/schema/review.schema.json`.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterator
from dataclasses import dataclass, field, replace
from functools import cache
from importlib import resources
from pathlib import Path
from typing import Any

from .model import (
    MARKER_RE,
    Document,
    Edit,
    Footnote,
    Issue,
    Paragraph,
    edit_ids,
    footnote_subject,
    marker_token,
    text_context,
)

SCHEMA_FILE = "review.schema.json"
STALE = "review-decision-stale"
#: Shorter and shorter context around a change when finding it again; each must be unique.
CONTEXT_LADDER = (200, 12, 0)


class ReviewFileError(Exception):
    """A review file that cannot be read or does not follow the format; names file and place."""


@dataclass(frozen=True)
class MarkerPairing:
    """Put footnote `footnote`'s marker right after the words `after` in the body; `sequence`
    counts note sequences from 0, as `Footnote.sequence` does."""

    footnote: int
    after: str
    sequence: int = 0

    @property
    def key(self) -> tuple[int, int]:
        return (self.sequence, self.footnote)


def note_key(name: str | int) -> tuple[int, int]:
    """A note as a review file names it: 12 (the first sequence), or "2.3", note 3 of the
    document's second note sequence (an appended opinion's), as the text writes `[^2.3]`."""
    sequence, _, number = str(name).rpartition(".")
    return (int(sequence) - 1 if sequence else 0, int(number))


def note_key_name(key: tuple[int, int]) -> str:
    """The name a review file gives the note `key` (`note_key`'s inverse)."""
    sequence, number = key
    return f"{sequence + 1}.{number}" if sequence else str(number)


@dataclass(frozen=True)
class Decisions:
    """One document's decisions (all sorted, so applying them never depends on file order)."""

    source: str = ""
    edits: tuple[tuple[str, str], ...] = ()
    hyphens: tuple[tuple[str, str], ...] = ()
    joins: tuple[str, ...] = ()
    resolved: tuple[tuple[tuple[int, int], str], ...] = ()
    markers: tuple[MarkerPairing, ...] = ()
    lexicon: tuple[str, ...] = ()

    def __len__(self) -> int:
        parts = (self.edits, self.hyphens, self.joins, self.resolved, self.markers, self.lexicon)
        return sum(map(len, parts))


@dataclass(frozen=True)
class Review:
    """Every review file of a folder: decisions per doc_id, lexicon words for the whole batch,
    and the files that could not be read (their documents fail with the error)."""

    folder: str = "review"
    documents: dict[str, Decisions] = field(default_factory=dict)
    errors: dict[str, str] = field(default_factory=dict)

    @property
    def lexicon(self) -> tuple[str, ...]:
        return tuple(sorted({w for d in self.documents.values() for w in d.lexicon}))

    def for_document(self, doc_id: str) -> Decisions | None:
        """The document's decisions; raises `ReviewFileError` when its file is invalid."""
        if doc_id in self.errors:
            raise ReviewFileError(self.errors[doc_id])
        return self.documents.get(doc_id)


# reading ---------------------------------------------------------------------------------------


@cache
def schema() -> dict[str, Any]:
    text = resources.files("cleaners").joinpath("schema", SCHEMA_FILE).read_text("utf-8")
    return json.loads(text)


def review_path(folder: Path, doc_id: str) -> Path:
    return folder / f"{doc_id}.yaml"


def load_review(folder: Path) -> Review:
    """Read every `*.yaml` in `folder` (none when it does not exist).  A file that cannot be
    read fails its own document only, whatever is in it."""
    documents: dict[str, Decisions] = {}
    errors: dict[str, str] = {}
    if folder.is_dir():
        for path in sorted(folder.glob("*.yaml")):
            try:
                documents[path.stem] = load_decisions(path)
            except ReviewFileError as error:
                errors[path.stem] = str(error)
    return Review(folder.as_posix(), documents, errors)


#: A review file is one document's decisions, written by hand: a larger one is not a review
#: file, and reading it would cost the batch more than that document.
MAX_REVIEW_BYTES = 1_000_000


def load_decisions(path: Path) -> Decisions:
    """Read and validate one review file; `ReviewFileError` says what is wrong and where.

    Bounded, so that nothing in a review file costs more than its document: its size, no YAML
    aliases ("billion laughs": a few hundred bytes of nested aliases expand to gigabytes), no
    nesting deeper than Python's stack, no key twice (the later would silently replace a
    decision), and lengths and numbers bounded by the schema."""
    import jsonschema
    import yaml

    if path.is_symlink() or not path.is_file():
        raise ReviewFileError(f"{path}: not a regular file")
    size = path.stat().st_size
    if size > MAX_REVIEW_BYTES:
        raise ReviewFileError(
            f"{path}: {size:,} bytes; a review file holds at most {MAX_REVIEW_BYTES:,}"
        )
    try:
        data = yaml.load(path.read_text("utf-8"), Loader=_review_loader())
    except UnicodeDecodeError as error:
        raise ReviewFileError(f"{path}: not UTF-8 text ({error.reason})") from error
    except yaml.YAMLError as error:
        mark = getattr(error, "problem_mark", None)
        where = f" line {mark.line + 1}" if mark is not None else ""
        problem = getattr(error, "problem", None) or str(error)
        raise ReviewFileError(f"{path}{where}: not valid YAML: {problem}") from error
    except RecursionError as error:
        raise ReviewFileError(f"{path}: nested too deeply to be a review file") from error
    data = {} if data is None else _string_keys(data)
    errors = sorted(
        jsonschema.Draft202012Validator(schema()).iter_errors(data), key=lambda e: list(e.path)
    )
    if errors:
        first = errors[0]
        where = ".".join(str(part) for part in first.absolute_path) or "the file"
        raise ReviewFileError(f"{path}: {where}: {first.message}")
    if data.get("doc_id", path.stem) != path.stem:
        raise ReviewFileError(
            f"{path}: doc_id is {data['doc_id']!r} but the file is named for {path.stem!r}"
        )
    return Decisions(
        source=path.as_posix(),
        edits=tuple(sorted((data.get("edits") or {}).items())),
        hyphens=tuple(sorted((data.get("hyphens") or {}).items())),
        joins=tuple(sorted(set(data.get("joins") or []))),
        resolved=tuple(
            sorted((note_key(name), text) for name, text in (data.get("resolved") or {}).items())
        ),
        markers=tuple(
            sorted(
                (_pairing(item) for item in (data.get("markers") or [])),
                key=lambda pairing: (pairing.key, pairing.after),
            )
        ),
        lexicon=tuple(sorted(set(data.get("lexicon") or []))),
    )


def _pairing(item: dict[str, Any]) -> MarkerPairing:
    sequence, number = note_key(item["footnote"])
    return MarkerPairing(number, item["after"], sequence)


@cache
def _review_loader() -> type:
    """PyYAML's safe loader, refusing aliases, keys given twice and numbers too long to be
    any the format has."""
    import yaml

    class ReviewLoader(yaml.SafeLoader):
        def compose_node(self, parent: Any, index: Any) -> Any:
            if self.check_event(yaml.AliasEvent):
                raise yaml.composer.ComposerError(
                    None, None, "aliases (*name) are not allowed", self.peek_event().start_mark
                )
            return super().compose_node(parent, index)

        def construct_mapping(self, node: Any, deep: bool = False) -> Any:
            seen: set[str] = set()
            for key_node, _ in node.value:
                key = self.construct_object(key_node, deep=deep)
                # As the format reads keys: 7 and "7" are one key (`_string_keys`).
                if isinstance(key, (str, int, float, bool)):
                    if str(key) in seen:
                        raise yaml.constructor.ConstructorError(
                            None, None, f"the key {key!r} is given twice", key_node.start_mark
                        )
                    seen.add(str(key))
            return super().construct_mapping(node, deep)

        def construct_bounded_int(self, node: Any) -> Any:
            digits = sum(char.isdigit() for char in str(node.value))
            if digits > MAX_DIGITS:
                raise yaml.constructor.ConstructorError(
                    None, None, f"a number of {digits} digits", node.start_mark
                )
            return self.construct_yaml_int(node)

        def refuse_float(self, node: Any) -> Any:
            # YAML reads 2.10 as the number 2.1: note 10 of the second sequence would be lost.
            raise yaml.constructor.ConstructorError(
                None,
                None,
                f"{node.value} is a number with a point; a note of a later sequence is written "
                f'in quotes ("{node.value}")',
                node.start_mark,
            )

    ReviewLoader.add_constructor("tag:yaml.org,2002:int", ReviewLoader.construct_bounded_int)
    ReviewLoader.add_constructor("tag:yaml.org,2002:float", ReviewLoader.refuse_float)
    return ReviewLoader


#: The most digits a number in a review file has (a footnote's is six at most).
MAX_DIGITS = 18


def _string_keys(data: Any) -> Any:
    """YAML reads `7:` as the number 7; the format's keys are all strings."""
    if isinstance(data, dict):
        return {str(key): _string_keys(value) for key, value in data.items()}
    if isinstance(data, list):
        return [_string_keys(item) for item in data]
    return data


# applying --------------------------------------------------------------------------------------


def apply_text_decisions(document: Document, decisions: Decisions) -> None:
    """The decisions that change the text: edits accepted or rejected, hyphens, joins, markers.

    Applied after the pipeline's own stages and before the link check, so a paired marker is
    checked like any other."""
    _apply_edit_decisions(document, decisions)
    for word, choice in decisions.hyphens:
        _force_hyphen(document, decisions, word, choice)
    for split in decisions.joins:
        _force_join(document, decisions, split)
    for pairing in decisions.markers:
        _pair_marker(document, decisions, pairing)


def apply_footnote_decisions(document: Document, decisions: Decisions) -> None:
    """Resolved citations set by the editor, after Ibid. resolution (they override it)."""
    notes = {note.key: note for note in document.footnotes if note.number is not None}
    for key, text in decisions.resolved:
        note = notes.get(key)
        if note is None:
            name = note_key_name(key)
            _stale(document, decisions, f"resolved.{name}", f"there is no footnote {name}")
            continue
        document.edits.append(
            Edit(
                "citation",
                note.pages[0],
                note.resolved or "",
                text,
                "editor-resolved",
                1.0,
                decision="editor",
            )
        )
        note.resolved = text
        settled = footnote_subject(note)
        document.issues[:] = [
            issue
            for issue in document.issues
            if not (
                issue.code in ("ibid-unresolved", "citation-implausible")
                and issue.subject == settled
            )
        ]


def _apply_edit_decisions(document: Document, decisions: Decisions) -> None:
    index = dict(zip(edit_ids(document.edits), range(len(document.edits)), strict=True))
    for edit_id, action in decisions.edits:
        position = index.get(edit_id)
        if position is None:
            _stale(document, decisions, f"edits.{edit_id}", "no edit has this id any more")
            continue
        edit = document.edits[position]
        if action == "accept":
            document.edits[position] = replace(edit, decision="accepted")
        elif _revert(document, edit, reverted_text(edit)):
            document.edits[position] = replace(edit, decision="rejected")
        else:
            _stale(document, decisions, f"edits.{edit_id}", _why_not_reverted(edit))


def reverted_text(edit: Edit) -> str:
    """What the text reads where `edit` was made, had it not been made."""
    if edit.kind == "hyphenation":
        head, _, tail = edit.before.partition("-\n")
        return f"{head}-{tail}" if edit.after == head + tail else head + tail
    return edit.before


def can_revert(edit: Edit) -> bool:
    """Changes inside running text can be undone; removed lines and markers cannot."""
    return edit.kind in ("hyphenation", "spacing", "ocr") and bool(edit.left or edit.right)


def _why_not_reverted(edit: Edit) -> str:
    if not can_revert(edit):
        return (
            f"a {edit.kind} edit ({edit.rule}) cannot be rejected by a decision; "
            "accept it, or report the case to the developers"
        )
    return f"its text ({edit.after!r} in its words) is no longer found exactly once"


def _revert(document: Document, edit: Edit, replacement: str) -> bool:
    if not can_revert(edit):
        return False
    found = _find_once(_holders(document, edit.page), edit.left, edit.after, edit.right)
    if found is None:
        return False
    holder, start = found
    holder.text = holder.text[:start] + replacement + holder.text[start + len(edit.after) :]
    return True


def _holders(document: Document, page: int | None) -> list[Paragraph | Footnote]:
    """The paragraphs and footnotes that start on `page` (all of them when it is None)."""
    return [
        holder
        for holder in [*document.paragraphs, *document.footnotes]
        if page is None or _first_page(holder) == page
    ]


def _first_page(holder: Paragraph | Footnote) -> int:
    return holder.page if isinstance(holder, Paragraph) else holder.pages[0]


def _find_once(
    holders: list[Paragraph | Footnote], left: str, target: str, right: str
) -> tuple[Paragraph | Footnote, int] | None:
    """Where `target` stands between (the ends of) `left` and `right`, if in exactly one place;
    with less and less context until one place is found."""
    if not target:
        return None
    for width in CONTEXT_LADDER:
        before = left[-width:] if width else ""
        after = right[:width] if width else ""
        needle = before + target + after
        places = [
            (holder, start + len(before))
            for holder in holders
            for start in _occurrences(holder.text, needle)
        ]
        if len(places) == 1:
            return places[0]
        if len(places) > 1:
            return None
    return None


def _occurrences(text: str, needle: str) -> Iterator[int]:
    start = text.find(needle)
    while start != -1:
        yield start
        start = text.find(needle, start + 1)


def _force_hyphen(document: Document, decisions: Decisions, word: str, choice: str) -> None:
    head, _, tail = word.partition("-")
    wanted = head + tail if choice == "join" else word
    sites = [
        (position, edit)
        for position, edit in enumerate(document.edits)
        if edit.kind == "hyphenation" and edit.before == f"{head}-\n{tail}" and not edit.decision
    ]
    if not sites:
        _stale(document, decisions, f"hyphens.{word}", "no line-end hyphen here reads so")
        return
    for position, edit in sites:
        if edit.after == wanted:
            document.edits[position] = replace(edit, decision="accepted")
        elif _revert(document, edit, wanted):
            document.edits[position] = replace(edit, decision="rejected")
            document.edits.append(
                replace(edit, after=wanted, rule="editor-hyphen", confidence=1.0, decision="editor")
            )
        else:
            _stale(document, decisions, f"hyphens.{word}", _why_not_reverted(edit))
    document.issues[:] = [
        issue
        for issue in document.issues
        if not (issue.code == "hyphen-undecided" and f'"{word}"' in issue.message)
    ]


def _force_join(document: Document, decisions: Decisions, split: str) -> None:
    joined = "".join(split.split())
    pattern = re.compile(r"(?<![\w-])" + re.escape(split) + r"(?![\w-])")
    accepted = 0
    for position, edit in enumerate(document.edits):
        if edit.kind == "spacing" and edit.before == split and edit.after == joined:
            document.edits[position] = replace(edit, decision="accepted")
            accepted += 1
    joins: list[Edit] = []
    for holder in [*document.paragraphs, *document.footnotes]:

        def join(match: re.Match[str], page: int = _first_page(holder)) -> str:
            left, right = text_context(match.string, match.start(), match.end())
            joins.append(
                Edit("spacing", page, split, joined, "editor-join", 1.0, left, right, "editor")
            )
            return joined

        holder.text = pattern.sub(join, holder.text)
    document.edits.extend(joins)
    if not joins and not accepted:
        _stale(document, decisions, f"joins.{split}", "the text no longer prints it")


def _pair_marker(document: Document, decisions: Decisions, pairing: MarkerPairing) -> None:
    name = note_key_name(pairing.key)
    where = f"markers.{name}"
    if not any(note.key == pairing.key for note in document.footnotes):
        _stale(document, decisions, where, f"there is no footnote {name}")
        return
    found = _find_once(document.paragraphs, "", pairing.after, "")
    if found is None:
        _stale(document, decisions, where, f"{pairing.after!r} is not in the text exactly once")
        return
    paragraph, start = found
    end = start + len(pairing.after)
    left, right = text_context(paragraph.text, start, end)
    printed = paragraph.text
    paragraph.text = printed[:end] + marker_token(pairing.footnote) + printed[end:]
    if _sequence_at(document, paragraph, end) != pairing.sequence:
        paragraph.text = printed
        _stale(
            document, decisions, where, f"{pairing.after!r} is not where its sequence's markers are"
        )
        return
    document.edits.append(
        Edit(
            "marker",
            paragraph.page,
            pairing.after,
            f"{pairing.after}[^{name}]",
            "editor-marker",
            1.0,
            left,
            right,
            "editor",
        )
    )


def _sequence_at(document: Document, paragraph: Paragraph | Footnote, end: int) -> int:
    """The note sequence of the marker that stands at `end` of `paragraph`'s text."""
    index = next(i for i, held in enumerate(document.paragraphs) if held is paragraph)
    before = len(MARKER_RE.findall(paragraph.text[:end]))
    return [marker for marker in document.markers() if marker.paragraph == index][before].sequence


def _stale(document: Document, decisions: Decisions, where: str, why: str) -> None:
    document.issues.append(
        Issue(
            "warning",
            STALE,
            f"{decisions.source}: {where}: not applied: {why}. The text may have changed since "
            "the decision was made; check it and update the review file.",
        )
    )


# the starter file ------------------------------------------------------------------------------


def starter_file(record: dict[str, Any]) -> str:
    """A review file for a document record (`<doc_id>.json`) listing every open question as a
    commented-out decision, ready to uncomment."""
    from .qa import needs_decision, render_template

    edits = [
        edit
        for edit in record["edits"]
        if needs_decision(Edit(**{key: value for key, value in edit.items() if key != "id"}))
    ]
    named = [
        (note_key_name((note.get("sequence", 1) - 1, note["number"])), note)
        for note in record["footnotes"]
        if note["number"] is not None
    ]
    return render_template(
        "review.yaml.j2",
        record=record,
        undecided=[edit for edit in edits if edit["rule"] == "undecided-kept"],
        doubtful=[edit for edit in edits if edit["rule"] != "undecided-kept"],
        unresolved=[(name, note) for name, note in named if note["resolved"] is None],
        unmarked=[(name, note) for name, note in named if f"[^{name}]" not in record["text"]],
    )
