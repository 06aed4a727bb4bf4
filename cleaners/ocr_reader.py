"""A text layer for a PDF that has none (a scan saved as page images).

ocrmypdf runs tesseract over each page and writes a copy of the PDF with the recognised text as
an invisible layer, the kind of layer a scanner's software makes; `pdf_reader` then reads that
copy, and the cleaning stages treat it like any other OCR layer.  ocrmypdf is the library made
for this (page images, rotation, DPI, the text layer's geometry) and drives tesseract and
Ghostscript, which are system programs: `make install` installs them, and when they are missing
the error says how to install them.
"""

from __future__ import annotations

import hashlib
import shutil
import subprocess
import sys
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from functools import cache
from importlib import metadata
from pathlib import Path
from types import ModuleType

from . import pdf_reader
from .model import Page

#: What `make install` runs on Debian to install what OCR needs.
INSTALL_HINT = (
    "run `make install`, or as root: apt-get install tesseract-ocr tesseract-ocr-eng ghostscript"
)
LANGUAGES = ("eng",)


class OcrError(Exception):
    """OCR could not be run or failed; the message names the file and says what to do."""


class ToolMissing(OcrError):
    """tesseract is not installed: the machine's fault, not the file's."""


def has_text(pages: list[Page]) -> bool:
    """Whether any page has a glyph of text (an image-only scan has none)."""
    return any(page.lines for page in pages)


@cache
def tools() -> str:
    """The OCR programs and their versions, as the outputs record them: the text depends on
    them.  Empty when tesseract is not installed.  (ocrmypdf's version is read from its
    package's metadata: importing it would patch pdfminer, see `ocrmypdf_confined`.)"""
    if shutil.which("tesseract") is None:
        return ""
    found = subprocess.run(["tesseract", "--version"], capture_output=True, text=True, check=False)
    first = (found.stdout or found.stderr).splitlines()
    return f"ocrmypdf {metadata.version('ocrmypdf')}, {first[0] if first else 'tesseract'}"


def tools_key() -> str:
    """A short hash of `tools()`, for the page cache: new OCR programs, new pages."""
    return hashlib.sha256(tools().encode()).hexdigest()[:12]


@contextmanager
def ocrmypdf_confined() -> Iterator[ModuleType]:
    """ocrmypdf, imported and run without changing the rest of the process.

    Importing ocrmypdf patches pdfminer for the whole process: a font with neither a ToUnicode
    map nor an Encoding is given no characters. Every PDF read afterwards lost such a font's
    text to "(cid:N)". For example, the brackets of the ICTY's Blaškić judgment, set in a
    non-embedded Symbol font, became U+FFFD in any worker that had OCR'd a scan before. The
    patch holds only while ocrmypdf runs. ocrmypdf also returns with `sys.stderr` replaced by
    a buffer of its own, which swallowed every later message and traceback; the streams are
    put back too."""
    from pdfminer.pdffont import PDFSimpleFont

    stdout, stderr = sys.stdout, sys.stderr
    pdfminer_own = PDFSimpleFont.__init__
    import ocrmypdf
    from ocrmypdf.pdfinfo import layout

    # ocrmypdf keeps pdfminer's own method beside its patch (the patch is applied once, when
    # ocrmypdf is first imported, which may have been before this call).
    pdfminer_own = getattr(layout, "original_pdfsimplefont_init", pdfminer_own)
    PDFSimpleFont.__init__ = getattr(layout, "pdfsimplefont__init__", pdfminer_own)
    try:
        yield ocrmypdf
    finally:
        PDFSimpleFont.__init__ = pdfminer_own
        sys.stdout, sys.stderr = stdout, stderr


def read_with_ocr(path: Path) -> list[Page]:
    """The pages of the image-only PDF at `path`, read from a copy ocrmypdf gave a text layer."""
    if not tools():
        raise ToolMissing(
            f"{path.name}: the PDF has no text layer and tesseract is not installed "
            f"to OCR it; {INSTALL_HINT}"
        )
    with tempfile.TemporaryDirectory(prefix="ibidem-ocr-") as folder:
        copy = Path(folder) / "ocr.pdf"
        with ocrmypdf_confined() as ocrmypdf:
            from ocrmypdf.exceptions import ExitCodeException, MissingDependencyError

            try:
                ocrmypdf.ocr(
                    path,
                    copy,
                    language=list(LANGUAGES),
                    output_type="pdf",
                    optimize=0,
                    progress_bar=False,
                    jobs=1,
                )
            except MissingDependencyError as error:
                raise OcrError(
                    f"{path.name}: the PDF has no text layer and OCR needs a program that is "
                    f"not installed ({error}); {INSTALL_HINT}"
                ) from error
            except ExitCodeException as error:
                raise OcrError(
                    f"{path.name}: OCR failed ({type(error).__name__}: {error})"
                ) from error
        return pdf_reader.read_pdf(copy)
