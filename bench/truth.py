"""The benchmark's ground truth: source documents parsed into words, paragraphs and footnotes.

A source file (see bench/sources/README.md) is the exact truth for everything generated from it:
the canonical text with `[^N]` markers, each footnote's text, resolved citation and `ibid_of`.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path

SOURCES = Path(__file__).parent / "sources"
MARKER_RE = re.compile(r"\[\^(\d+)\]")


@dataclass(frozen=True)
class Word:
    """One printed word: its text, whether it is italic, and the footnote markers after it."""

    text: str
    italic: bool = False
    markers: tuple[int, ...] = ()


@dataclass(frozen=True)
class Para:
    kind: str  # "title", "opener", "body", "closing"
    words: tuple[Word, ...]


@dataclass(frozen=True)
class Note:
    number: int
    text: str
    resolved: str | None
    ibid_of: int | None


@dataclass
class Truth:
    name: str
    meta: dict[str, str]
    paras: list[Para] = field(default_factory=list)
    notes: dict[int, Note] = field(default_factory=dict)

    @property
    def symbol(self) -> str:
        return self.meta["symbol"]

    @property
    def doc_id(self) -> str:
        return self.symbol.replace("/", "_")

    def text(self) -> str:
        """The canonical body text, as ibidem writes it."""
        return "\n\n".join(para_text(para.words) for para in self.paras)


def para_text(words: tuple[Word, ...] | list[Word]) -> str:
    return " ".join(word.text + "".join(f"[^{n}]" for n in word.markers) for word in words)


def plain(text: str) -> str:
    """Text with footnote references removed and white space normalised, for CER/WER."""
    return " ".join(MARKER_RE.sub("", text).split())


def load_all() -> list[Truth]:
    return [load(path) for path in sorted(SOURCES.glob("*.txt"))]


def load(path: Path) -> Truth:
    head, body, notes = path.read_text(encoding="utf-8").split("\n---\n")
    meta = dict(line.split(": ", 1) for line in head.strip().splitlines())
    truth = Truth(path.stem, meta)
    number = meta["symbol"].split("/")[-2] + "/" + meta["symbol"].split("/")[-1]
    truth.paras.append(Para("title", _words(f"{number}. {meta['title']}")))
    for line in body.strip().splitlines():
        truth.paras.append(Para("opener" if line.startswith("The ") else "body", _words(line)))
    truth.paras.append(Para("closing", _words(meta["meeting"])))
    truth.paras.append(Para("closing", _words(meta["adopted"])))
    truth.notes = _notes(notes)
    return truth


def _words(line: str) -> tuple[Word, ...]:
    words = []
    italic = False
    for raw in line.split():
        starts = raw.startswith("*")
        ends = "*" in raw[1:] if starts else "*" in raw
        token = raw.replace("*", "")
        this_italic = italic or starts
        markers = tuple(int(n) for n in MARKER_RE.findall(token))
        token = MARKER_RE.sub("", token)
        words.append(Word(token, this_italic, markers))
        if starts and not ends:
            italic = True
        if ends:
            italic = False
    return tuple(words)


def _notes(block: str) -> dict[int, Note]:
    notes: dict[int, Note] = {}
    current: tuple[int, str] | None = None
    resolved: dict[int, str] = {}
    for line in block.strip().splitlines():
        if line.startswith("[^"):
            match = re.match(r"\[\^(\d+)\]: (.+)$", line)
            assert match, line
            current = (int(match.group(1)), match.group(2))
            notes[current[0]] = Note(current[0], current[1], None, None)
        elif line.strip().startswith("=> ") and current:
            resolved[current[0]] = line.strip()[3:]
    for number, note in notes.items():
        is_ibid = note.text.startswith("Ibid.")
        notes[number] = Note(
            number,
            note.text,
            resolved.get(number, note.text),
            number - 1 if is_ibid else None,
        )
    return notes
