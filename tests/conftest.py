"""Shared fixtures: the real corpus beside the repository, and cleaned documents cached per run."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from functools import cache
from pathlib import Path

import pytest

from cleaners.model import Document
from cleaners.pipeline import clean_file

REPO = Path(__file__).resolve().parent.parent
SHARED = REPO.parent / "shared"
CORPUS_UN = SHARED / "corpus" / "un"
CORPUS_OTHER = SHARED / "corpus" / "other"
SEEDS = SHARED / "seeds"
RAW = REPO / "raw"
IBIDEM = Path(sys.executable).parent / "ibidem"


def corpus_pdf(name: str) -> Path:
    path = CORPUS_UN / name
    if not path.is_file():
        raise FileNotFoundError(
            f"{path} is missing: the tests read the real corpus in ../shared beside the repository"
        )
    return path


def make_raw(project: Path, *files: Path) -> Path:
    """A `raw/` folder in `project` holding copies of `files`."""
    raw = project / "raw"
    raw.mkdir(parents=True)
    for file in files:
        shutil.copy(file, raw / file.name)
    return raw


def run_ibidem(cwd: Path, *args: str, **env: str) -> subprocess.CompletedProcess[str]:
    """Run the `ibidem` command as a user does, in `cwd`, with no Prefect settings of ours
    (plus `env`)."""
    clean_env = {k: v for k, v in os.environ.items() if not k.startswith("PREFECT_")}
    return subprocess.run(
        [str(IBIDEM), *args],
        cwd=cwd,
        env={**clean_env, **env},
        capture_output=True,
        text=True,
        timeout=600,
    )


#: Pages the tests read, cached like a batch caches them (`cleaners.page_cache`): a second test
#: session, and a test that needs a PDF's glyphs as well as its record, do not read it again.
TEST_PAGE_CACHE = REPO / ".cache" / "test-pages"


@cache
def cleaned(path: Path) -> Document:
    """Clean a file once per test run (PDF reading is the slow part)."""
    return clean_file(path, cache_dir=TEST_PAGE_CACHE)


@pytest.fixture(scope="session")
def res_78_228() -> Document:
    return cleaned(corpus_pdf("A_RES_78_228.pdf"))


@pytest.fixture(scope="session")
def dump_78_228() -> Document:
    return cleaned(SEEDS / "000_555edb49f3832ae0.txt")


@pytest.fixture(scope="session")
def dump_70_179() -> Document:
    return cleaned(SEEDS / "001_fbc6d4cddf77f986.txt")


def typeset_pdf(path: Path, pages: int, lines: int, size: tuple[float, float] = (595, 842)) -> None:
    """A plain PDF of `pages` pages of `lines` lines of resolution-like text (reportlab)."""
    from reportlab.pdfgen import canvas

    pdf = canvas.Canvas(str(path), pagesize=size, invariant=1)
    for page in range(1, pages + 1):
        text = pdf.beginText(72, size[1] - 72)
        text.setFont("Times-Roman", 10)
        for line in range(lines):
            text.textLine(f"Recalling its resolution {page}/{line} on the rule of law and")
        pdf.drawText(text)
        pdf.showPage()
    pdf.save()
