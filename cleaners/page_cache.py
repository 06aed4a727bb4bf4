"""A cache of read PDF pages, so that reading (the costly step) is done once per PDF.

An entry is keyed by the PDF's sha256 and the extractor's version: the versions of pdfplumber
and pdfminer.six and a hash of the modules that turn glyphs into pages (`pdf_reader`, `model`).
Change any of them and every entry is stale at once, without anyone bumping a number by hand;
change a cleaning rule and the cached pages are still good, so a rerun only cleans again.

Entries are gzipped JSON (plain data, nothing executed on load), written atomically; an entry
that cannot be read is ignored and the PDF read again.
"""

from __future__ import annotations

import gzip
import hashlib
import json
from collections.abc import Callable
from contextlib import suppress
from dataclasses import fields
from functools import cache
from importlib import metadata, resources
from pathlib import Path
from typing import Any

from . import pdf_reader
from .canonical import write_atomic
from .model import Line, Page, Rule, Span

#: The modules whose code decides what a page read from a PDF holds.
EXTRACTOR_MODULES = ("pdf_reader.py", "columns.py", "model.py")
EXTRACTOR_PACKAGES = ("pdfplumber", "pdfminer.six")

_SPAN_FIELDS = tuple(f.name for f in fields(Span))
_LINE_FIELDS = tuple(f.name for f in fields(Line) if f.name != "spans")
_RULE_FIELDS = tuple(f.name for f in fields(Rule))


@cache
def extractor_version() -> str:
    """A short hash of everything that decides what `pdf_reader` makes of a PDF."""
    digest = hashlib.sha256()
    for package in EXTRACTOR_PACKAGES:
        digest.update(f"{package}=={metadata.version(package)}\n".encode())
    for module in EXTRACTOR_MODULES:
        digest.update(resources.files("cleaners").joinpath(module).read_bytes())
    return digest.hexdigest()[:16]


def entry_path(cache_dir: Path, sha256: str, variant: str = "") -> Path:
    """The entry of a PDF's pages; a `variant` names pages read another way (OCR)."""
    key = f"{sha256}-{variant}" if variant else sha256
    return cache_dir / f"{key}-{extractor_version()}.json.gz"


def read_pages(
    path: Path,
    sha256: str,
    cache_dir: Path | None,
    read: Callable[[Path], list[Page]] = pdf_reader.read_pdf,
    variant: str = "",
) -> list[Page]:
    """The pages of the PDF at `path` (whose sha256 is `sha256`), from the cache when it has
    them, else `read` and stored (under `variant`, when they are not `pdf_reader`'s)."""
    if cache_dir is None:
        return read(path)
    entry = entry_path(cache_dir, sha256, variant)
    pages = load(entry)
    if pages is None:
        pages = read(path)
        with suppress(OSError):  # a cache that cannot be written (full, read-only) costs time only
            store(entry, pages)
    return pages


def load(entry: Path) -> list[Page] | None:
    try:
        with pdf_reader.cyclic_gc_paused():
            data = json.loads(gzip.decompress(entry.read_bytes()))
            return [_page(item) for item in data]
    except (OSError, EOFError, ValueError, TypeError, KeyError, IndexError):
        return None


def store(entry: Path, pages: list[Page]) -> None:
    data = json.dumps([_plain_page(page) for page in pages], separators=(",", ":"))
    entry.parent.mkdir(parents=True, exist_ok=True)
    write_atomic(entry, gzip.compress(data.encode("utf-8"), compresslevel=1, mtime=0))


def _plain_page(page: Page) -> list[Any]:
    return [
        page.number,
        page.width,
        page.height,
        page.scanned,
        [
            [
                *(getattr(line, name) for name in _LINE_FIELDS),
                [[getattr(span, name) for name in _SPAN_FIELDS] for span in line.spans],
            ]
            for line in page.lines
        ],
        [[getattr(rule, name) for name in _RULE_FIELDS] for rule in page.rules],
        list(page.rotated),
    ]


def _page(item: list[Any]) -> Page:
    number, width, height, scanned, lines, rules, rotated = item
    return Page(
        number=number,
        width=width,
        height=height,
        lines=tuple(_line(line) for line in lines),
        rules=tuple(Rule(*rule) for rule in rules),
        scanned=scanned,
        rotated=tuple(rotated),
    )


def _line(item: list[Any]) -> Line:
    *values, spans = item
    return Line(
        **dict(zip(_LINE_FIELDS, values, strict=True)),
        spans=tuple(Span(*span) for span in spans),
    )
