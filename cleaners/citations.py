"""Parse footnote text into citations of the forms UN documents use.

Find first, resolve later (as eyecite does): `find_citations` turns a footnote into typed
citations, each with its signal ("See", "See also") kept apart; `ibid.py` resolves "Ibid." and
"See footnote N" over the footnote sequence using them; `check_plausibility` warns where a
citation contradicts itself (a session ordinal and a document symbol that disagree).
"""

from __future__ import annotations

import re

from .model import Citation

SIGNAL_RE = re.compile(
    r"^(?P<signal>See also|See, for example,|See, e\.g\.,|See|Cf\.|Also)\s+", re.IGNORECASE
)

BODIES = (
    "General Assembly",
    "Security Council",
    "Economic and Social Council",
    "Trusteeship Council",
    "Human Rights Council",
)
_BODY = "|".join(BODIES)

TREATY_RE = re.compile(
    r"^(?P<series>United Nations|League of Nations), Treaty Series, "
    r"(?P<volume>vols?\. [\d, and]+?), (?P<number>Nos?\. [\d–-]+)"
)
RECORDS_RE = re.compile(
    rf"^Official Records of the (?P<body>{_BODY})(?:, (?P<session>"
    r"(?:[A-Z][a-z]+(?:-[a-z]+)? (?:Special |Emergency Special )?Session)|\d{4}))?"
    r"(?:, (?P<supplement>Supplement No\. (?P<supplement_number>\w+))"
    r"(?: \((?P<symbol>[^()]*(?:\([^()]*\)[^()]*)*)\))?)?"
)
RESOLUTION_RE = re.compile(
    rf"^(?:(?P<body>{_BODY}) )?(?P<word>[Rr]esolutions?|[Dd]ecisions?) "
    r"(?P<number>(?:ES-|S-)?\d+/\d+(?: [A-Z])?|\d+ [A-Z] \([IVXLC]+\)|\d+ \(\d{4}\))"
)
ICJ_RE = re.compile(r"^(?:.*?)I\.C\.J\. Reports (?P<year>\d{4}), p\. (?P<page>\d+)")
SYMBOL_RE = re.compile(r"^(?:document )?(?P<symbol>[A-Z]{1,8}(?:/[A-Za-z0-9.\-]+)+)")
FOOTNOTE_REF_RE = re.compile(r"^(?:footnote|note)s? (?P<number>\d+)\b")
IBID_RE = re.compile(r"^[Ii]bid\.(?P<details>.*)$", re.DOTALL)


def find_citations(text: str) -> list[Citation]:
    """Every citation in a footnote, in printed order (parts separated by ";")."""
    return [_parse_part(part) for part in split_sources(text) if part]


def split_sources(text: str) -> list[str]:
    """Split at ";" outside brackets: each part names one source."""
    return [re.sub(r"^and\s+", "", part) for part in split_outside_brackets(text, ";") if part]


def split_outside_brackets(text: str, separator: str) -> list[str]:
    """`text` split at `separator` where it is not inside () or [], each part stripped."""
    parts: list[str] = []
    depth = 0
    current = ""
    for char in text:
        depth += char in "(["
        depth -= char in ")]"
        if char == separator and depth == 0:
            parts.append(current.strip())
            current = ""
        else:
            current += char
    parts.append(current.strip())
    return parts


def _parse_part(part: str) -> Citation:
    signal = SIGNAL_RE.match(part)
    body = part[signal.end() :] if signal else part
    sig = signal.group("signal") if signal else None
    for kind, pattern in (
        ("ibid", IBID_RE),
        ("footnote", FOOTNOTE_REF_RE),
        ("treaty", TREATY_RE),
        ("official_records", RECORDS_RE),
        ("resolution", RESOLUTION_RE),
        ("icj", ICJ_RE),
        ("document", SYMBOL_RE),
    ):
        match = pattern.match(body)
        if match is None:
            continue
        if kind == "official_records" and not match.group("session"):
            continue
        if kind == "resolution" and match.group("word").lower().startswith("decision"):
            kind = "decision"
        found = {k: v for k, v in match.groupdict().items() if v and k != "word"}
        if kind == "document":
            found["symbol"] = found["symbol"].rstrip(".")
        return Citation(kind, body, sig, tuple(sorted(found.items())))
    return Citation("other", body, sig)


ORDINAL_UNITS = {
    "first": 1, "second": 2, "third": 3, "fourth": 4, "fifth": 5, "sixth": 6, "seventh": 7,
    "eighth": 8, "ninth": 9, "tenth": 10, "eleventh": 11, "twelfth": 12, "thirteenth": 13,
    "fourteenth": 14, "fifteenth": 15, "sixteenth": 16, "seventeenth": 17, "eighteenth": 18,
    "nineteenth": 19,
}  # fmt: skip
ORDINAL_TENS = {
    "twentieth": 20, "thirtieth": 30, "fortieth": 40, "fiftieth": 50, "sixtieth": 60,
    "seventieth": 70, "eightieth": 80, "ninetieth": 90,
}  # fmt: skip
TENS = {
    "twenty": 20, "thirty": 30, "forty": 40, "fifty": 50, "sixty": 60, "seventy": 70,
    "eighty": 80, "ninety": 90,
}  # fmt: skip


def ordinal_number(words: str) -> int | None:
    """ "Seventy-eighth" -> 78, "Eightieth" -> 80, "First" -> 1; None when not an ordinal."""
    word = words.lower()
    if word in ORDINAL_UNITS:
        return ORDINAL_UNITS[word]
    if word in ORDINAL_TENS:
        return ORDINAL_TENS[word]
    tens, _, unit = word.partition("-")
    if tens in TENS and unit in ORDINAL_UNITS and ORDINAL_UNITS[unit] < 10:
        return TENS[tens] + ORDINAL_UNITS[unit]
    return None


def check_plausibility(citation: Citation) -> str | None:
    """Why a General Assembly Official Records citation contradicts itself, or None.

    "Seventy-eighth Session … (A/77/10)": the session and the symbol's session disagree;
    "Supplement No. 10 (A/78/12)": the supplement and the symbol's number disagree.
    """
    if citation.kind != "official_records" or citation.get("body") != "General Assembly":
        return None
    symbol = citation.get("symbol") or ""
    parts = re.match(r"^A/(\d+)/(\d+)", symbol)
    session = citation.get("session") or ""
    if parts is None:
        return None
    ordinal = ordinal_number(session.split()[0]) if session else None
    if ordinal is not None and ordinal != int(parts.group(1)):
        return f"{session} does not match the session of {symbol}"
    supplement = citation.get("supplement_number") or ""
    if supplement.isdigit() and int(supplement) != int(parts.group(2)):
        return f"Supplement No. {supplement} does not match {symbol}"
    return None
