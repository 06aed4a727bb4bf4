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
from pathlib import Path

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
    them.  Empty when tesseract is not installed."""
    import ocrmypdf

    if shutil.which("tesseract") is None:
        return ""
    found = subprocess.run(["tesseract", "--version"], capture_output=True, text=True, check=False)
    first = (found.stdout or found.stderr).splitlines()
    return f"ocrmypdf {ocrmypdf.__version__}, {first[0] if first else 'tesseract'}"


def tools_key() -> str:
    """A short hash of `tools()`, for the page cache: new OCR programs, new pages."""
    return hashlib.sha256(tools().encode()).hexdigest()[:12]


@contextmanager
def streams_kept() -> Iterator[None]:
    """Put back the process's `sys.stdout` and `sys.stderr` after a call into ocrmypdf.

    ocrmypdf 16 returns with `sys.stderr` replaced by a buffer of its own: whatever the process
    wrote to its error stream afterwards (a message, a traceback) went nowhere."""
    stdout, stderr = sys.stdout, sys.stderr
    try:
        yield
    finally:
        sys.stdout, sys.stderr = stdout, stderr


def read_with_ocr(path: Path) -> list[Page]:
    """The pages of the image-only PDF at `path`, read from a copy ocrmypdf gave a text layer."""
    import ocrmypdf
    from ocrmypdf.exceptions import ExitCodeException, MissingDependencyError

    if not tools():
        raise ToolMissing(
            f"{path.name}: the PDF has no text layer and tesseract is not installed "
            f"to OCR it; {INSTALL_HINT}"
        )
    with tempfile.TemporaryDirectory(prefix="ibidem-ocr-") as folder:
        copy = Path(folder) / "ocr.pdf"
        try:
            with streams_kept():
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
                f"{path.name}: the PDF has no text layer and OCR needs a program that is not "
                f"installed ({error}); {INSTALL_HINT}"
            ) from error
        except ExitCodeException as error:
            raise OcrError(f"{path.name}: OCR failed ({type(error).__name__}: {error})") from error
        return pdf_reader.read_pdf(copy)
