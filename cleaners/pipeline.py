"""One document from a file to a `Document`, stage by named stage.

The stage names go into every JSON record (`stages`), so each output says which rules made it.
`clean_file` tells a PDF from a text dump by its bytes, not its name.
"""

from __future__ import annotations

import hashlib
import os
import re
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

from . import (
    characters,
    dump_reader,
    footnotes,
    hyphenation,
    ibid,
    layout,
    lexicon,
    ocr,
    ocr_reader,
    page_cache,
    paragraphs,
    pdf_reader,
    spacing,
    text_pages,
)
from .model import Document, Edit, Issue, Line, Page, Paragraph, Source
from .review import (
    Review,
    ReviewFileError,
    apply_footnote_decisions,
    apply_text_decisions,
)


class InputError(Exception):
    """The input file cannot be processed; the message names the file and says why.  `kind`
    says whose the failure is, for the exit code and the QA row (`flows/errors.py`)."""

    kind = "input"


class ReviewError(InputError):
    """The document's review file is invalid: the document fails until it is put right."""

    kind = "review"


class MissingTool(InputError):
    """A program the input needs is not installed (tesseract for a scan): the machine's."""

    kind = "environment"


def clean_file(
    path: Path,
    *,
    known_titles: tuple[str, ...] = (),
    review: Review | None = None,
    cache_dir: Path | None = None,
    source: str | None = None,
) -> Document:
    """Clean one input file, PDF or raw text dump, applying the editors' decisions in `review`
    (`cleaners.review`) when given.  With `cache_dir`, a PDF's pages are read from the page
    cache there (`cleaners.page_cache`) when it has them, and stored in it when not.

    `source` is the path recorded in the outputs; by default `source_path(path)`.  A worker on
    another machine or in another folder is given it, so its outputs match a local run's."""
    recorded = source or source_path(path)
    if not path.is_file():
        raise InputError(f"{path}: no such file")
    if path.stat().st_size == 0:
        raise InputError(f"{path.name}: the file is empty (0 bytes)")
    if is_pdf(path):
        return clean_pdf(path, recorded, review, cache_dir)
    if path.suffix.lower() == ".pdf":
        raise InputError(f"{path.name}: named .pdf but is not a PDF (no %PDF- header)")
    return clean_dump(path, recorded, known_titles=known_titles, review=review)


def needs_reading(path: Path, sha256: str, cache_dir: Path | None) -> bool:
    """Whether cleaning `path` means reading a PDF (the costly step): it is a PDF and the page
    cache has no entry for it."""
    try:
        pdf = is_pdf(path)
    except OSError:
        return False
    return pdf and (cache_dir is None or not page_cache.entry_path(cache_dir, sha256).exists())


def is_pdf(path: Path) -> bool:
    """A PDF by its bytes (a `%PDF-` header near the start), whatever its name says."""
    with path.open("rb") as handle:
        return b"%PDF-" in handle.read(1024)


@dataclass
class Context:
    """What one PDF's stages share: its pages and the editors' words going in; the layout's
    lines, then the document, as the stages make them."""

    path: Path
    source: Source
    pages: list[Page]
    editor_words: tuple[str, ...]
    ocr_layer: bool
    #: A dump's text pages (`text_pages`): no sizes, like an OCR layer.
    text: bool = False
    edits: list[Edit] = field(default_factory=list)
    issues: list[Issue] = field(default_factory=list)
    regions: layout.Layout = field(default_factory=layout.Layout)
    body_lines: list[Line] = field(default_factory=list)
    note_lines: list[Line] = field(default_factory=list)
    paragraphs: list[Paragraph] = field(default_factory=list)
    document: Document | None = None

    @property
    def doc(self) -> Document:
        assert self.document is not None, "a stage after 'footnotes' needs the document"
        return self.document


def _characters(ctx: Context) -> None:
    ctx.pages, edits, issues = characters.clean_pages(ctx.pages)
    ctx.edits.extend(edits)
    ctx.issues.extend(issues)


def _layout(ctx: Context) -> None:
    ctx.regions = layout.split_layout(ctx.pages, text=ctx.text)
    ctx.edits.extend(ctx.regions.edits)
    ctx.body_lines, ctx.note_lines = ctx.regions.body, ctx.regions.footnotes


def _ocr_labels_markers(ctx: Context) -> None:
    ctx.note_lines = ocr.number_note_labels(ctx.note_lines, ctx.edits)
    ctx.body_lines = ocr.restore_markers(
        ctx.body_lines, ctx.note_lines, ctx.regions.issues, ctx.edits
    )


def _text_markers(ctx: Context) -> None:
    ctx.body_lines = text_pages.restore_markers(
        ctx.body_lines, ctx.note_lines, ctx.edits, ctx.regions.endnotes_from
    )


def _paragraphs(ctx: Context) -> None:
    ctx.paragraphs = paragraphs.build_paragraphs(
        ctx.body_lines, ctx.regions.body_size, ctx.edits, ocr=ctx.ocr_layer or ctx.text
    )


def _footnotes(ctx: Context) -> None:
    notes, note_issues = footnotes.collect_footnotes(ctx.note_lines, ctx.edits)
    ctx.document = Document(
        doc_id=doc_id_for(ctx.regions.metadata.get("symbol"), ctx.path),
        source=ctx.source,
        metadata=ctx.regions.metadata,
        paragraphs=ctx.paragraphs,
        footnotes=notes,
        edits=ctx.edits,
        issues=[*ctx.issues, *ctx.regions.issues, *note_issues],
    )
    if ctx.ocr_layer:
        ctx.document.metadata["text_layer"] = "ocr"


def _spacing(ctx: Context) -> None:
    spacing.repair_spacing(ctx.doc, ctx.editor_words)


def _hyphenation(ctx: Context) -> None:
    hyphenation.decide_line_end_hyphens(ctx.doc, ctx.editor_words)


def _ocr_words(ctx: Context) -> None:
    # After hyphenation, so that half words at a line end are never "corrected".
    ocr.repair_ocr_text(ctx.doc, lexicon.corpus_words(), ctx.editor_words)


Stage = tuple[str, Callable[[Context], None]]
#: A born-digital PDF's stages, after reading and before the stages all inputs share
#: (`finish`: "link", "ibid").
PDF_STAGES: tuple[Stage, ...] = (
    ("characters", _characters),
    ("layout", _layout),
    ("paragraphs", _paragraphs),
    ("footnotes", _footnotes),
    ("hyphenation", _hyphenation),
)
#: A scan's OCR layer: markers and note labels recovered before paragraphs are built; split
#: words joined before hyphens are decided; specks and misread words repaired after.
OCR_STAGES: tuple[Stage, ...] = (
    ("characters", _characters),
    ("layout", _layout),
    ("ocr-labels-markers", _ocr_labels_markers),
    ("paragraphs", _paragraphs),
    ("footnotes", _footnotes),
    ("spacing", _spacing),
    ("hyphenation", _hyphenation),
    ("ocr-words", _ocr_words),
)
#: A layout-keeping dump's text pages: sizes unknown, as on an OCR layer, but no misreadings.
TEXT_STAGES: tuple[Stage, ...] = (
    ("layout", _layout),
    ("text-markers", _text_markers),
    ("paragraphs", _paragraphs),
    ("footnotes", _footnotes),
    ("spacing", _spacing),
    ("hyphenation", _hyphenation),
)
#: A text dump's own stages (its reader builds paragraphs and notes itself).
DUMP_STAGES = ("spacing", "footnotes")
#: The stages `finish` runs for every kind.
SHARED_STAGES = ("link", "ibid")


def clean_pdf(
    path: Path, source: str, review: Review | None = None, cache_dir: Path | None = None
) -> Document:
    """Read a PDF (OCR'd first when it has no text), then run the stages of its kind: a
    born-digital text layer or a scan's OCR layer."""
    sha256 = sha256_of(path)
    try:
        pages = page_cache.read_pages(path, sha256, cache_dir)
        ocr_tools = ""
        if not ocr_reader.has_text(pages):  # page images only: OCR gives them a text layer
            pages = page_cache.read_pages(
                path, sha256, cache_dir, ocr_reader.read_with_ocr, f"ocr-{ocr_reader.tools_key()}"
            )
            ocr_tools = ocr_reader.tools()
    except ocr_reader.ToolMissing as error:
        raise MissingTool(str(error)) from error
    except (pdf_reader.PdfReadError, ocr_reader.OcrError) as error:
        raise InputError(str(error)) from error
    ocr_layer = bool(pages) and sum(page.scanned for page in pages) * 2 >= len(pages)
    stages = OCR_STAGES if ocr_layer else PDF_STAGES
    ctx = Context(
        path=path,
        source=Source(source, sha256, "pdf", len(pages)),
        pages=pages,
        editor_words=tuple(review.lexicon) if review else (),
        ocr_layer=ocr_layer,
    )
    # A document's stages make many thousands of small objects and no cycles.
    with pdf_reader.cyclic_gc_paused():
        for _, stage in stages:
            stage(ctx)
        document = ctx.doc
        document.stages = ["pdf_reader", *(name for name, _ in stages), *SHARED_STAGES]
        if ocr_tools:
            document.metadata["ocr_by"] = ocr_tools
            document.issues.insert(
                0,
                Issue(
                    "warning",
                    "ocr-by-ibidem",
                    f"The PDF has no text layer (page images only): ibidem made one with OCR "
                    f"({ocr_tools}). Check the text against the scan.",
                ),
            )
        return finish(document, review)


def clean_dump(
    path: Path,
    source: str,
    *,
    known_titles: tuple[str, ...] = (),
    review: Review | None = None,
) -> Document:
    """Clean a text dump: one that keeps its pages' layout (`pdftotext -layout`) goes through
    the layout stages as text pages; any other (plain `pdftotext`, the seeds' flattened
    pages) through the dump reader."""
    try:
        text, encoding_issue = dump_reader.decode_dump(path.read_bytes(), path.name)
    except dump_reader.DumpReadError as error:
        raise InputError(str(error)) from error
    text, removed = characters.clean_text(text)
    if not text.strip():
        raise InputError(f"{path.name}: the file holds no text (only spaces or a byte order mark)")
    if text_pages.is_laid_out(text):
        document = _document_from_text_pages(path, source, text, review)
    else:
        document = _document_from_dump(path, source, text, known_titles, review)
    document.edits[:0] = removed
    document.issues[:0] = [
        *([encoding_issue] if encoding_issue else []),
        *characters.issues_for(removed),
    ]
    return finish(document, review)


def _document_from_dump(
    path: Path, source: str, text: str, known_titles: tuple[str, ...], review: Review | None
) -> Document:
    dump = dump_reader.parse_dump(text, known_titles=known_titles)
    symbol = dump.metadata.get("symbol")
    page = dump.metadata.get("printed_page")  # a single page's; a whole document has none
    document = Document(
        doc_id=doc_id_for(f"{symbol}_p{page}" if symbol and page else symbol, path),
        source=Source(source, sha256_of(path), "text", dump.pages),
        metadata=dump.metadata,
        paragraphs=dump.paragraphs,
        footnotes=dump.footnotes,
        edits=dump.edits,
        issues=dump.issues,
        stages=["dump_reader", *DUMP_STAGES, *SHARED_STAGES],
    )
    spacing.repair_spacing(document, review.lexicon if review else ())
    return document


def _document_from_text_pages(
    path: Path, source: str, text: str, review: Review | None
) -> Document:
    pages, removed = text_pages.text_pages(text)
    ctx = Context(
        path=path,
        source=Source(source, sha256_of(path), "text", len(pages)),
        pages=pages,
        editor_words=tuple(review.lexicon) if review else (),
        ocr_layer=False,
        text=True,
    )
    for _, stage in TEXT_STAGES:
        stage(ctx)
    document = ctx.doc
    document.edits[:0] = removed
    document.stages = ["text_pages", *(name for name, _ in TEXT_STAGES), *SHARED_STAGES]
    symbol = document.metadata.get("symbol")
    if len(pages) == 1 and pages[0].number > 1 and symbol:
        # One page of a longer document, numbered as it prints itself: "A_RES_78_228_p2".
        document.metadata["printed_page"] = str(pages[0].number)
        document.doc_id = doc_id_for(f"{symbol}_p{pages[0].number}", path)
    return document


def finish(document: Document, review: Review | None = None) -> Document:
    """The stages every input kind shares: the editors' decisions, the link check, Ibid.

    Text decisions come before the link check (a marker an editor paired is checked like any
    other); resolved citations an editor set come after Ibid. resolution, which they override.
    """
    footnotes.link_typed_markers(document)
    footnotes.number_sequences(document)
    footnotes.demote_stray_markers(document)
    try:
        decisions = review.for_document(document.doc_id) if review else None
    except ReviewFileError as error:
        raise ReviewError(f"{document.source.path}: {error}") from error
    if decisions:
        document.stages.append("review")
        apply_text_decisions(document, decisions)
    document.issues.extend(footnotes.check_links(document))
    document.issues.extend(ibid.resolve_ibids(document.footnotes))
    document.in_text_citations, in_text_issues = ibid.resolve_in_text(document.paragraphs)
    document.issues.extend(in_text_issues)
    if decisions:
        apply_footnote_decisions(document, decisions)
    return document


def sha256_of(path: Path) -> str:
    digest = hashlib.sha256()
    with path.open("rb") as handle:
        for block in iter(lambda: handle.read(1 << 20), b""):
            digest.update(block)
    return digest.hexdigest()


#: The names of a batch's own files in the output folder (`manifest.json`, `qa-summary.json`):
#: never a document's, so that no input can overwrite them or be overwritten by them.
BATCH_FILE_STEMS = frozenset({"manifest", "qa-summary", "index"})


#: The longest doc_id: its outputs' names (`<doc_id>.qa.html`) and their temporaries stay
#: well inside the 255 bytes a file system allows a name.
MAX_DOC_ID = 120


def doc_id_for(symbol: str | None, path: Path) -> str:
    """`A/RES/78/228` -> `A_RES_78_228`, `A/81/6 (Sect. 24)` -> `A_81_6_Sect._24`; without a
    symbol, the file name's stem; a name the batch's own files have (`manifest`) gets
    `_document` added."""
    return bounded_doc_id(re.sub(r"[\s()/]+", "_", symbol) if symbol else path.stem)


def bounded_doc_id(name: str) -> str:
    """`name` as a doc_id: letters, digits, `.`, `_` and `-` only; not a batch file's name; at
    most `MAX_DOC_ID` characters (a longer one is cut and ends with a hash of the whole)."""
    cleaned = re.sub(r"[^A-Za-z0-9._-]+", "_", name.replace("/", "_")).strip("._-")
    if cleaned.lower() in BATCH_FILE_STEMS:
        cleaned += "_document"
    if len(cleaned) > MAX_DOC_ID:
        digest = hashlib.sha256(cleaned.encode()).hexdigest()[:8]
        cleaned = f"{cleaned[: MAX_DOC_ID - 9]}-{digest}"
    return cleaned or "document"


def source_path(path: Path) -> str:
    """The input path as recorded: relative to the working folder when inside it, POSIX style.
    A symbolic link is recorded as itself, not as the file it points to."""
    absolute = Path(os.path.abspath(path))
    try:
        return absolute.relative_to(os.getcwd()).as_posix()
    except ValueError:
        return path.name
