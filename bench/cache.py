"""Where the benchmark keeps what it makes once: OCR of the generated scans, PDF pages read,
text dumps made with pdftotext.

Every entry is keyed by its content and by the versions of what made it (the images and the OCR
engine's version; the PDF's bytes and the page reader's code, `cleaners.page_cache`; the PDF
and pdftotext's version), so an entry is never stale and the cache can be shared. It lives
outside the clone, in the user's cache folder, so a fresh clone reuses what an earlier one
made: `IBIDEM_BENCH_CACHE` moves it, and deleting it only costs time.
"""

from __future__ import annotations

import os
from pathlib import Path


def root() -> Path:
    explicit = os.environ.get("IBIDEM_BENCH_CACHE")
    if explicit:
        return Path(explicit)
    user_cache = os.environ.get("XDG_CACHE_HOME") or Path.home() / ".cache"
    return Path(user_cache) / "ibidem" / "bench"


def folder(name: str) -> Path:
    """The cache's folder for one kind of entry ("ocr", "pages", "forms")."""
    return root() / name
