"""What UN pages print around their text, as patterns every reader and layout stage shares.

Page numbers, job numbers, barcodes, footnote separators, symbols and masthead fields, in the
forms the series and eras print them.  A pattern says what a line *is*; where on the page it
must stand to be removed is decided by `furniture` from the document's own layout.
"""

from __future__ import annotations

import re

#: A typed footnote separator: a row of underscores ("__________", "____") or of dashes
#: ("——————", US slip opinions).
SEPARATOR = r"(?:_{4,}|[\u2014\u2015]{4,})"
#: "2/13": page 2 of 13 (General Assembly documents since the 1990s).
PAGE_NUMBER = r"(\d{1,4})/(\d{1,4})"
#: "23-25978" (New York), "GE.19-13879" (Geneva), "V.20-01234" (Vienna); a reissue adds an
#: asterisk ("23-24915*").
JOB = r"(?:[A-Z]{1,2}\.)?\d{2}-\d{5}\*?"
#: The job number with its language and dates: "23-25978 (E) 100124", "GE.19-13879 (R) 210819
#: 230819", "GE.20-04483(E)".
JOB_NUMBER = rf"{JOB}(?:\s*\([A-Z]\)(?:\s+\d{{6}}\*?){{0,2}})?"
BARCODE = r"\*\d{5,}\*"

SEPARATOR_RE = re.compile(f"^{SEPARATOR}$")
JOB_NUMBER_RE = re.compile(f"^{JOB_NUMBER}$")
BARCODE_RE = re.compile(f"^{BARCODE}$")
RECYCLE_RE = re.compile(r"^Please recycle\b", re.IGNORECASE)
#: "A/RES/78/228", "A/HRC/WG.6/34/ITA/3", "A/80/604/Add.10", "CRPD/C/SVN/CO/1", "E/C.12/GC/27",
#: and a budget section's "A/81/6 (Sect. 24)/Part A", as a word without its spaces.
UN_SYMBOL_RE = re.compile(
    r"^[A-Z]{1,5}(/[A-Z0-9][A-Za-z0-9.\-]*(?:\((?:Sect\.|Part|Chap\.)\w+\))?)+$"
)


def printed_symbol(word: str) -> str:
    """A symbol read as a word (`UN_SYMBOL_RE`) as the UN prints it: "A/81/6 (Sect. 24)/Part A"."""
    word = re.sub(r"\((Sect\.|Part|Chap\.)(\w+)\)", r" (\1 \2)", word)
    return re.sub(r"/Part([A-Z0-9]+)$", r"/Part \1", word)


#: A symbol anywhere in a line ("A/RES/78/228 Improving ..."): a running header's mark.
SYMBOL_IN_TEXT_RE = re.compile(r"[A-Z]+/\S*\d")

#: Page numbers as printed on their own: "Page 2", "page 2 of 13", "- 2 -", "– ii –", "p. 4",
#: "2/13"; a bare number or roman numeral is a page number only where it repeats page after
#: page (see `furniture`).
PAGE_LABEL_RE = re.compile(
    r"^(?:(?:Page|Página|Pág\.|Seite|p\.)\s*\d{1,4}(?:\s+(?:of|de|sur)\s+\d{1,4})?"
    r"|[-\u2013\u2014]\s*(?:\d{1,4}|[ivxlc]{1,6})\s*[-\u2013\u2014]"
    rf"|{PAGE_NUMBER})$",
    re.IGNORECASE,
)
BARE_PAGE_NUMBER_RE = re.compile(r"^(?:\d{1,4}|[ivxlcIVXLC]{1,6})$")
#: The continuation mark old typescripts print at a page's foot: "/...".
CONTINUED_RE = re.compile(r"^/\s?\.{2,3}$")
#: The pieces a footer runs together with a job number ("2 GE.19-13879", "GE.19-13879 3",
#: "2/2 26-21106", OCR's "26-21106 (E).. 021226"): page numbers, dates, barcodes.
FOOTER_PIECE_RE = re.compile(rf"^(?:{PAGE_NUMBER}|\([A-Z]\)|\d{{6}}\*?|{BARCODE}|\d{{1,4}})$")
JOB_IN_TEXT_RE = re.compile(rf"(?<!\S){JOB_NUMBER}(?!\S)|(?<!\S){JOB}(?=\()")

#: Words before a number that make it a number of the text ("resolution 5", "para. 12"),
#: not a note's marker, in a text with no raised digits to go by.
NOT_MARKER_BEFORE = frozenset(
    (
        "no",
        "no.",
        "nos.",
        "para.",
        "paras.",
        "paragraph",
        "paragraphs",
        "resolution",
        "resolutions",
        "decision",
        "goal",
        "goals",
        "target",
        "targets",
        "vol.",
        "vols.",
        "chap.",
        "article",
        "articles",
        "art.",
        "item",
        "items",
        "annex",
        "page",
        "p.",
        "pp.",
        "and",
        "or",
        "to",
        "of",
        "section",
        "sect.",
        "rule",
        "rules",
        "principle",
        "principles",
    )
)

#: Masthead lines and the metadata field each one fills (the first group of the pattern).
MASTHEAD_FIELDS: tuple[tuple[str, re.Pattern[str]], ...] = (
    ("distribution", re.compile(r"^Distr\.:?\s*(.+)$")),
    ("original", re.compile(r"^Original:\s*(.+)$")),
    ("date", re.compile(r"^(\d{1,2} [A-Z][a-z]+ \d{4})$")),
    ("session", re.compile(r"^([A-Z][a-z]+(?:-[a-z]+)? (?:special |emergency special )?session)$")),
    ("agenda_item", re.compile(r"^Agenda items? (.+)$")),
    ("committee", re.compile(r"^((?:First|Second|Third|Fourth|Fifth|Sixth) Committee)$")),
    ("report", re.compile(r"^\[(on the report of .+|without reference to .+)\]$")),
)


def footer_pieces(text: str) -> bool:
    """A footer line made of a job number and page number, date and barcode pieces, with the
    dots and commas OCR adds around them."""
    rest, jobs = JOB_IN_TEXT_RE.subn(" ", text)
    rest = rest.strip(" .,:;'")
    if not jobs:
        return False
    pieces = [piece.strip(".,:;'") for piece in rest.split()]
    return (
        not rest
        or bool(PAGE_LABEL_RE.match(rest))
        or all(FOOTER_PIECE_RE.match(piece) for piece in pieces if piece)
    )
