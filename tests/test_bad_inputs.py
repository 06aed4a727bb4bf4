"""Bad inputs a nightly batch meets, each refused with an error that names the file and says
why, or read with an issue saying what was done (docs/reliability.md lists them all).

The PDFs are made from the real corpus with pikepdf (encrypted, emptied, truncated copies)."""

from __future__ import annotations

import random
import re
import subprocess
import sys
from pathlib import Path

import pikepdf
import pytest

from cleaners import canonical
from cleaners.dump_reader import SEPARATOR_RE
from cleaners.pipeline import InputError, clean_file
from tests.conftest import CORPUS_OTHER, SEEDS, corpus_pdf, typeset_pdf

SOURCE = corpus_pdf("A_RES_80_2.pdf")


def _error(path: Path) -> str:
    with pytest.raises(InputError) as caught:
        clean_file(path)
    assert path.name in str(caught.value)  # every error names its file
    return str(caught.value)


@pytest.mark.parametrize("name", ["empty.pdf", "empty.txt"])
def test_an_empty_file_is_refused(tmp_path: Path, name: str):
    (tmp_path / name).touch()
    assert _error(tmp_path / name) == f"{name}: the file is empty (0 bytes)"


@pytest.mark.parametrize(
    ("data", "says"),
    [
        (b"  \n\n\t \n", "the file holds no text (only spaces or a byte order mark)"),
        (b"\xef\xbb\xbf", "the file holds no text (only spaces or a byte order mark)"),
        (b"\xff\xfe\n\x00 \x00", "the file holds no text (only spaces or a byte order mark)"),
        (
            b"\xff\xfeA\x00B",  # UTF-16 of an odd length: a byte cut off
            "UTF-16 text (it has a byte order mark) cut short or broken (truncated data at byte 4)",
        ),
    ],
)
def test_a_dump_with_no_text_or_cut_short_is_refused(tmp_path: Path, data: bytes, says: str):
    (tmp_path / "dump.txt").write_bytes(data)
    assert _error(tmp_path / "dump.txt") == f"dump.txt: {says}"


@pytest.mark.parametrize("seed", range(12))
def test_a_pdf_with_random_bytes_changed_is_read_or_refused_never_a_bug(tmp_path: Path, seed: int):
    """Bytes of a real PDF changed at random (5 to 3,000 of them), as a bad disk or a broken
    download does: pdfminer meets malformed objects inside its own code (`KeyError`,
    `PSSyntaxError` while listing the pages, …).  Each is the file's fault: cleaned, or
    refused naming the file, never reported as a bug."""
    rng = random.Random(seed)
    data = bytearray(SOURCE.read_bytes())
    for _ in range(rng.choice([5, 50, 500, 3000])):
        data[rng.randrange(len(data))] = rng.randrange(256)
    path = tmp_path / "damaged.pdf"
    path.write_bytes(bytes(data))
    try:
        clean_file(path)
    except InputError as error:
        assert str(error).startswith("damaged.pdf: ")


def test_a_pdf_that_pdfminer_cannot_open_is_refused():
    assert "not a readable PDF (No /Root object!" in _error(CORPUS_OTHER / "broken-no-root.pdf")


def test_a_truncated_pdf_is_refused(tmp_path: Path):
    """Half of a real resolution, as an interrupted download leaves it."""
    data = SOURCE.read_bytes()
    truncated = tmp_path / "truncated.pdf"
    truncated.write_bytes(data[: len(data) // 2])
    assert re.match(
        r"truncated\.pdf: (not a readable PDF|page \d+ cannot be read)", _error(truncated)
    )


def test_a_pdf_encrypted_with_a_password_is_refused(tmp_path: Path):
    locked = tmp_path / "locked.pdf"
    with pikepdf.open(SOURCE) as pdf:
        pdf.save(locked, encryption=pikepdf.Encryption(user="secret", owner="owner"))
    assert _error(locked) == (
        "locked.pdf: the PDF is encrypted with a password; ask for a copy without one"
    )


def test_a_pdf_encrypted_with_an_empty_password_is_read(tmp_path: Path):
    """Many published PDFs are encrypted only to restrict printing or copying: anyone may open
    them, and so may ibidem; the text is the same as the unencrypted file's."""
    restricted = tmp_path / "A_RES_80_2.pdf"
    with pikepdf.open(SOURCE) as pdf:
        pdf.save(
            restricted,
            encryption=pikepdf.Encryption(
                user="", owner="owner", allow=pikepdf.Permissions(extract=False)
            ),
        )
    document, original = clean_file(restricted), clean_file(SOURCE)
    assert [p.text for p in document.paragraphs] == [p.text for p in original.paragraphs]
    assert [n.text for n in document.footnotes] == [n.text for n in original.footnotes]


def test_a_pdf_with_no_pages_is_refused(tmp_path: Path):
    empty = tmp_path / "no-pages.pdf"
    with pikepdf.new() as pdf:
        pdf.save(empty)
    assert _error(empty) == "no-pages.pdf: the PDF has no pages"


def test_binary_junk_named_txt_is_refused(tmp_path: Path):
    junk = tmp_path / "junk.txt"
    junk.write_bytes(SOURCE.read_bytes()[-4000:])  # compressed streams and xref: not text
    assert _error(junk).startswith("junk.txt: ")


def test_a_dump_with_no_footnote_block_is_read_with_its_markers_reported(tmp_path: Path):
    """The seed dump of A/RES/70/179 cut before its footnote separator: the text is kept, and
    the editor is told there was no footnote block."""
    text = (SEEDS / "001_fbc6d4cddf77f986.txt").read_text("utf-8")
    body = SEPARATOR_RE.split(text, maxsplit=1)[0]
    cut = tmp_path / "no-notes.txt"
    cut.write_text(body, "utf-8")
    document = clean_file(cut)
    assert document.paragraphs and not document.footnotes
    assert "footnote-block-missing" in {issue.code for issue in document.issues}


def test_a_page_with_thousands_of_glyphs_is_read(tmp_path: Path):
    """A page set in 2 pt type: 240 lines, over 13,000 glyphs."""
    from reportlab.pdfgen import canvas

    dense = tmp_path / "dense.pdf"
    pdf = canvas.Canvas(str(dense), invariant=1)
    for line in range(240):
        pdf.setFont("Times-Roman", 2)
        pdf.drawString(20, 820 - line * 3.3, f"Recalling its resolution {line} " * 2)
    pdf.save()
    document = clean_file(dense)
    text = canonical.to_text(document)
    assert "Recalling its resolution 239" in text
    assert sum(line.count("Recalling") for line in text.splitlines()) == 480


def test_a_huge_page_is_read(tmp_path: Path):
    """The largest page PDF allows (200 by 200 inches)."""
    huge = tmp_path / "huge.pdf"
    typeset_pdf(huge, pages=1, lines=30, size=(14400, 14400))
    document = clean_file(huge)
    assert "Recalling its resolution 1/29" in canonical.to_text(document)


def test_a_long_document_is_read_in_bounded_memory(tmp_path: Path):
    """300 pages: pages are released as they are read, so the reading process's peak memory
    stays near what one page needs (measured in a fresh process)."""
    long = tmp_path / "long.pdf"
    typeset_pdf(long, pages=300, lines=12)
    code = (
        "import resource, sys\n"
        "from pathlib import Path\n"
        "from cleaners.pipeline import clean_file\n"
        "document = clean_file(Path(sys.argv[1]))\n"
        "print(document.source.pages, len(document.paragraphs),"
        " resource.getrusage(resource.RUSAGE_SELF).ru_maxrss // 1024)\n"
    )
    done = subprocess.run(
        [sys.executable, "-c", code, str(long)], capture_output=True, text=True, check=True
    )
    pages, paragraphs, peak_mb = map(int, done.stdout.split())
    assert pages == 300 and paragraphs > 0
    assert peak_mb < 400, f"peak {peak_mb} MB reading 300 pages"
