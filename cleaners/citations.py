"""Parse footnote text into citations of the forms UN documents, tribunals and treaty bodies
use.

Find first, resolve later (as eyecite does): `find_citations` splits a note into its parts
(`split_parts`) and types each with the first parser of `PARSERS` that matches (a
`CitationKind`), its signal ("See", "Cf.") kept apart; `LOCATORS` names and ranks the places
a citation points to ("vol. 2", "chap. II", "para. 5"); `ibid.py` resolves the references
(Ibid., supra, "see note 5") with them; `check_plausibility` warns where a citation contradicts
itself (a session ordinal and a document symbol that disagree).
"""

from __future__ import annotations

import re
from collections.abc import Callable

from .model import REFERENCES, Citation, CitationKind

SIGNAL_RE = re.compile(
    r"^(?P<signal>See also,?|See, for example,|See, e\.g\.,|See generally|See,?|Cf ?\.,?|"
    r"Compare|But see|Also|Cited in|cit\. in|Quoted in|e\.g\.,|i\.e\.,?)\s+",
    re.IGNORECASE,
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
#: "Prosecutor v. Zlatko Aleksovski, Case No. IT-95-14/1-A, Judgement, 24 March 2000",
#: "Case of the Serrano-Cruz Sisters. Preliminary Objections. Judgment of November 23, 2004.
#: Series C No. 118", "Kaunda v. Malawi": the parties, then what the form names.
JUDGMENT_RE = re.compile(
    r"^(?P<parties>(?:The )?Prosecutor v\. [^,;]+?|Case of (?:the )?[^,;.]+?"
    r"|[A-Z][\w.'’&-]*(?: [\w.'’&-]+){0,6} v\. [^,;]+?)(?=[,.;]|$)"
)
CASE_NUMBER_RE = re.compile(r"\bCase No\. (?P<case_number>[A-Z]+[\w/.-]*\d[\w/-]*)")
SERIES_RE = re.compile(r"\bSeries (?P<series>[A-C]) No\. (?P<series_number>\d+)")
#: ILO conventions: "Convention No. 169", "Indigenous and Tribal Peoples Convention, 1989
#: (No. 169)".
CONVENTION_RE = re.compile(
    r"^(?P<title>(?:ILO |International Labour Organization )?(?:[A-Z][\w’'-]* )*?"
    r"(?:[A-Za-z][\w’'-]* )*?Convention)(?:, \d{4})?,? \(?No\. (?P<number>\d+)\)?"
)
SYMBOL_RE = re.compile(r"^(?:document )?(?P<symbol>[A-Z]{1,8}(?:/[A-Za-z0-9.\-]+)+)")
URL_RE = re.compile(r"^(?:(?:Available|Accessible) (?:at|from):? )?(?P<url>(?:https?://|www\.)\S+)")
#: Every form of "the same source as just cited": Ibid., ibid, Ibidem, Idem, Id.; the details
#: ("., para. 5", " at T. 24") follow.
IBID_RE = re.compile(
    r"^(?:[Ii]bid(?:em)?\b\.?|[Ii]dem\b\.?|[Ii]d\.(?=$|[\s,;.]|at\b)|Id(?=,|\s\(|$))(?P<details>.*)$",
    re.DOTALL,
)
#: "Case of Goiburú et al., supra note 14, para. 43", "A. O'Shea, op. cit. supra n. (2), p. 15",
#: "Bassiouni, op. cit., p. 5", "above, note 12": a source named by an earlier note.
SUPRA_RE = re.compile(
    r"^(?P<title>.*?),?\s*(?:op\. ?cit\.,?\s*)?(?:supra|above),?\s*"
    r"(?:(?:foot)?notes?|n\.|fn\.?)\s*\(?(?P<note>\d+)\)?(?P<details>.*)$",
    re.DOTALL,
)
OP_CIT_RE = re.compile(r"^(?P<title>.+?),?\s*op\. ?cit\.(?P<details>.*)$", re.DOTALL)
#: "footnote 5", "notes 3 and 4", "supra fn 283", "supra, fns 37, 44": other notes themselves.
FOOTNOTE_REF_RE = re.compile(
    r"^(?:(?:supra|above),?\s*)?(?:footnotes?|notes?|fns?\.?)\s*"
    r"(?P<number>\d+)(?P<more>(?:(?:,\s*|\s+and\s+)\d+\b)*)(?P<details>.*)$",
    re.DOTALL,
)
#: "supra para. 187", "supra, Section III.C.1", "infra, para. 12": the document's own text.
CROSS_REFERENCE_RE = re.compile(
    r"^(?:supra|infra|above|below)\b,?\s*(?:paras?\.?|paragraphs?|sections?|sect\.|"
    r"chap(?:ter)?s?\.?|part|annex|fn|$)",
    re.IGNORECASE,
)
#: A part that adds explanation, not a locator: "Ibid., referring to Kunarac Appeal Judgement".
_CITING = r"referring to|citing|quoting|cited in|quoted in"
EXPLANATION_RE = re.compile(
    rf"^(?:\(|{_CITING}|emphasis|(?:internal )?(?:foot|end)notes? omitted|"
    r"and the (?:references|sources) cited)",
    re.IGNORECASE,
)
#: A citation that goes on to the authorities its source relies on ("X, para. 686, citing Y").
EXPLAINS_RE = re.compile(rf"[,;]\s*(?:{_CITING})\b")


#: Locator kinds from the coarsest to the finest: "Ibid., para. 12" replaces a paragraph and
#: keeps what ranks above it; a coarser locator drops the finer ones ("Ibid., annex I" after
#: "A/74/1002, para. 34" is "A/74/1002, annex I").  Each is recognised at the start of a
#: comma-separated part.
LOCATORS: tuple[tuple[str, re.Pattern[str]], ...] = (
    # A session: "Seventy-eighth Session"; the Economic and Social Council's are years ("2018").
    (
        "session",
        re.compile(
            r"^(?:[A-Z][a-z]+(?:-[a-z]+)? (?:Special |Emergency Special )?Session\b|\d{4}$)"
        ),
    ),
    ("supplement", re.compile(r"^Supplement\b")),
    ("volume", re.compile(r"^(?:vols?\.|Vols?\.? [\dIVXL])")),
    ("number", re.compile(r"^Nos?\.")),
    ("document", re.compile(r"^(?:document )?[A-Z]{1,5}/[A-Z0-9]")),
    ("exhibit", re.compile(r"^(?:Exh?\.|Exhibit)\s*[A-Z]?\d")),
    ("part", re.compile(r"^(?:part|Part)\b")),
    # An opinion appended to a judgment: "Separate and Dissenting Opinion of Judge Li".
    (
        "opinion",
        re.compile(r"^(?:(?:Joint |Separate |Dissenting |Partly |and )+Opinion|Declaration) of"),
    ),
    ("title", re.compile(r"^Title [IVXLC\d]")),
    ("chapter", re.compile(r"^(?:chaps?\.|[Cc]hapter\b)")),
    ("section", re.compile(r"^(?:sects?\.|[Ss]ections?\b)")),
    # "resolution 2, annex" within a report; "resolution 79/1" is a source of its own.
    ("resolution", re.compile(r"^(?:resolution|decision)\b(?! \d+/\d| \d+ \(\d{4}\))")),
    ("annex", re.compile(r"^annex")),
    # "at 59" is a page in the American style ("Id. at 59").
    ("article", re.compile(r"^(?:[Aa]rts?\.|[Aa]rticles?) \d")),
    ("page", re.compile(r"^(?:pp?\.? ?\d|pages? \d|at \d)")),
    ("transcript", re.compile(r"^T\. ?\d")),
    # A table is placed by the paragraph it follows ("table after para. 44").
    ("table", re.compile(r"^[Tt]ables? (?:[\dIVX]|after|before|following|in)")),
    ("paragraph", re.compile(r"^(?:paras?\.?|paragraphs?|pars?\.),? ?\d")),
    ("footnote", re.compile(r"^(?:fns?\.?|footnotes?|n\.) ?\d")),
)
LOCATOR_RANK = {kind: rank for rank, (kind, _) in enumerate(LOCATORS)}
#: Kinds fine enough that "Ibid., para. 3." may add them to an antecedent that has none
#: (a session, volume or number names another source, not a place in this one).
APPENDABLE = frozenset(kind for kind, _ in LOCATORS[LOCATOR_RANK["part"] :])


def locator_kind(part: str) -> str | None:
    """The locator a comma-separated part starts with ("para. 12" -> "paragraph", "at para. 54"
    too), or None."""
    for kind, pattern in LOCATORS:
        if pattern.match(part) or pattern.match(re.sub(r"^at ", "", part)):
            return kind
    return None


#: A locator printed after its source with no comma: "Trial Transcript pp 1323, 1337",
#: "Krnojelac Trial Judgment at para. 54".
INLINE_LOCATOR_RE = re.compile(r"(?<=\w) (?=(?:at )?(?:paras?\.?|pp?\.?|T\.) ?\d)")


def coarsest_locator(details: str) -> str | None:
    """The coarsest locator the details of an Ibid. name, or None when they do not start with
    one: "para. 35 and table after para. 44" names a table as well as a paragraph."""
    pieces = re.split(r",\s+", details)
    if locator_kind(pieces[0]) is None:  # "para,1285": a slip of the pen, still a paragraph
        return None
    named = [
        kind
        for piece in pieces
        for kind in (locator_kind(piece), *map(locator_kind, re.split(r"\s+and\s+", piece)))
        if kind is not None
    ]
    return min(named, key=LOCATOR_RANK.__getitem__)


def comma_parts(citation: str) -> list[str]:
    """A citation's comma-separated parts, not split inside brackets ("(A/78/10, annex)"), and
    a locator printed with no comma a part of its own ("Trial Transcript pp 1323")."""
    parts: list[str] = []
    for part in split_outside_brackets(citation, ","):
        inline = INLINE_LOCATOR_RE.search(part) if locator_kind(part) is None else None
        parts.extend([part[: inline.start()], part[inline.end() :]] if inline else [part])
    return parts


def find_citations(text: str) -> list[Citation]:
    """Every citation in a footnote, in printed order (see `split_parts`)."""
    return [parse_part(part) for _, part in split_parts(text)]


#: A new citation sentence inside a note: ". See also id. at T. 2424", or the sentence after a
#: bare "Ibid." ("Ibid. For example, the Manual states …").
_SENTENCE_SIGNAL_RE = re.compile(
    r"(?<=[.)])\s+(?=(?:See|Cf\.|Compare|But see|Ibid|Id\.)\b)"
    r"|(?:(?<=^Ibid\.)|(?<=^Id\.)|(?<=[\s;]Ibid\.)|(?<=[\s;]Id\.))\s+(?:and\s+)?(?=[A-Z])"
)


def split_parts(text: str) -> list[tuple[str, str]]:
    """The note's parts, each naming one source, with the text printed before each.

    Parts are separated by ";" outside brackets and URLs, and by a sentence that starts with a
    signal or "Ibid." ("…, T. 2455. See also id. at T. 2424"); a leading "and" belongs to the
    separator.  Joining separators and parts gives the text back, up to trailing spaces.
    """
    pieces: list[tuple[str, str]] = []
    pending = ""
    for chunk, end in _split_semicolons(text):
        position = 0
        for gap in [*_SENTENCE_SIGNAL_RE.finditer(chunk), None]:
            segment = chunk[position : gap.start() if gap else len(chunk)]
            lead = re.match(r"\s*(?:and\s+(?=\S))?", segment).group(0)  # type: ignore[union-attr]
            body = segment[len(lead) :].rstrip()
            pending += lead
            if body:
                pieces.append((pending, body))
                pending = segment[len(lead) + len(body) :]
            if gap:
                pending += gap.group(0)
                position = gap.end()
        pending += end
    return pieces


def _split_semicolons(text: str) -> list[tuple[str, str]]:
    """Chunks of `text` between ";" outside brackets and URLs, each with the ";" after it."""
    chunks: list[tuple[str, str]] = []
    depth = 0
    start = 0
    in_url = False
    for index, char in enumerate(text):
        if text.startswith(("http://", "https://", "www."), index):
            in_url = True
        elif char.isspace():
            in_url = False
        depth += char in "(["
        depth -= char in ")]"
        # Inside a URL, a ";" ends it only when a space follows ("…/a;b; and A/78/1").
        url_end = text[index + 1 : index + 2] in ("", " ")
        if char == ";" and depth <= 0 and (not in_url or url_end):
            chunks.append((text[start:index], ";"))
            start = index + 1
    chunks.append((text[start:], ""))
    return chunks


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


def parse_part(part: str) -> Citation:
    """One part of a note as a typed citation: its signal kept apart, the fields its form names
    (and `short_title`, when it defines one)."""
    signal = SIGNAL_RE.match(part)
    body = part[signal.end() :] if signal else part
    sig = signal.group("signal").rstrip(",") if signal else None
    kind, fields = CitationKind.OTHER, {}
    for candidate, parser in PARSERS:
        parsed = parser(body)
        if parsed is not None:
            kind, fields = candidate, parsed
            break
    definition = SHORT_TITLE_RE.search(body)
    if definition and kind not in REFERENCES:
        fields["short_title"] = definition.group("title")
    found = {k: v for k, v in fields.items() if v}
    return Citation(kind, body, sig, tuple(sorted(found.items())))


#: A short title a citation defines for later notes: "(hereinafter “Kahan Report”)",
#: "(hereinafter the “Nürnberg Judgement”)", "15 May 2000 (“Affidavit of 20 April 2000”)".
SHORT_TITLE_RE = re.compile(
    r"\((?:(?:hereinafter|hereafter)(?: referred to as| cited as)?,? (?:the )?)?"
    r"[“\"](?P<title>[A-Z][^”\"()]*? [^”\"()]+?)[”\"]\)"
)


def _matched(pattern: re.Pattern[str]) -> Callable[[str], dict[str, str] | None]:
    def parse(body: str) -> dict[str, str] | None:
        match = pattern.match(body)
        return None if match is None else match.groupdict()

    return parse


def _ibid(body: str) -> dict[str, str] | None:
    match = IBID_RE.match(body)
    if match is None:
        return None
    return {"details": clean_details(match.group("details"))}


def clean_details(details: str) -> str:
    """What follows "Ibid." without its joining punctuation: ".. para. 57" -> "para. 57",
    " at T. 24" -> "T. 24"; "" for a bare Ibid."""
    details = re.sub(r"^[\s.,]*(?:at\b(?!\s*\d)\s*)?", "", details)
    return "" if details in ("", ".") else details


def _supra(body: str) -> dict[str, str] | None:
    match = SUPRA_RE.match(body) or OP_CIT_RE.match(body)
    if match is None:
        return None
    fields = match.groupdict()
    title = re.sub(r"^[\s.,;:]*(?:(?:See|Cf) ?\.?,?\s+)?", "", fields["title"])
    fields["title"] = re.sub(r"[\s,]+(?:see|cf\.)?[\s,]*$", "", title)
    fields["details"] = clean_details(fields["details"])
    if not fields.get("note") and not fields["title"]:
        return None
    if re.search(r"(?:\bsee|\bcf\.)[\s,]*$", title, re.IGNORECASE):
        return None  # "Ex. 303, see supra fn 971": a pointer to a note, not a title
    if not _a_title(fields["title"]):
        return None  # prose that mentions a note ("For a list, see supra fn 283") is no citation
    return fields


#: The most words a short title or author before "supra" has.
TITLE_WORDS = 15


def _a_title(title: str) -> bool:
    """A short title ("Case of Goiburú et al.", "A. O'Shea"), not a sentence of prose."""
    # A new sentence of prose: after a number, or a capitalised word then lower-case words
    # ("… the JNA. For a description of"); a title's own parts are capitalised ("Case of the
    # Serrano-Cruz Sisters. Preliminary Objections").
    sentence_break = re.search(r"\d\. [A-Z]|[a-z]{3}\. [A-Z][a-z]* [a-z]+ [a-z]+", title)
    return len(title.split()) <= TITLE_WORDS and sentence_break is None


def _footnote_ref(body: str) -> dict[str, str] | None:
    match = FOOTNOTE_REF_RE.match(body)
    if match is None:
        return None
    details = match.group("details")
    # "note 5 above", "footnote 12, para. 3": what follows is punctuation, a pointer or a locator.
    details = re.sub(r"^\s*(?:above|supra)\b", "", details)
    details = clean_details(details)
    if details and locator_kind(details) is None:
        return None
    numbers = [match.group("number"), *re.findall(r"\d+", match.group("more"))]
    return {
        "number": numbers[0],
        "numbers": ", ".join(numbers) if len(numbers) > 1 else "",
        "details": details,
    }


def _official_records(body: str) -> dict[str, str] | None:
    match = RECORDS_RE.match(body)
    return None if match is None or not match.group("session") else match.groupdict()


def _resolution(body: str) -> dict[str, str] | None:
    match = RESOLUTION_RE.match(body)
    if match is None:
        return None
    return {k: v for k, v in match.groupdict().items() if k != "word"}


def _decision(body: str) -> dict[str, str] | None:
    match = RESOLUTION_RE.match(body)
    if match is None or not match.group("word").lower().startswith("decision"):
        return None
    return {k: v for k, v in match.groupdict().items() if k != "word"}


def _judgment(body: str) -> dict[str, str] | None:
    match = JUDGMENT_RE.match(body)
    if match is None:
        return None
    fields = {"parties": match.group("parties")}
    for pattern in (CASE_NUMBER_RE, SERIES_RE):
        found = pattern.search(body)
        if found:
            fields.update(found.groupdict())
    return fields


def _document(body: str) -> dict[str, str] | None:
    match = SYMBOL_RE.match(body)
    return None if match is None else {"symbol": match.group("symbol").rstrip(".")}


def _locator(body: str) -> dict[str, str] | None:
    kind = locator_kind(body)
    return None if kind is None or kind in ("session", "document") else {"locator": kind}


def _cross_reference(body: str) -> dict[str, str] | None:
    return {} if CROSS_REFERENCE_RE.match(body) else None


#: Tried in order; the first that matches names the part's kind.
PARSERS: tuple[tuple[CitationKind, Callable[[str], dict[str, str] | None]], ...] = (
    (CitationKind.IBID, _ibid),
    (CitationKind.FOOTNOTE, _footnote_ref),
    (CitationKind.CROSS_REFERENCE, _cross_reference),
    (CitationKind.SUPRA, _supra),
    (CitationKind.TREATY, _matched(TREATY_RE)),
    (CitationKind.OFFICIAL_RECORDS, _official_records),
    (CitationKind.DECISION, _decision),
    (CitationKind.RESOLUTION, _resolution),
    (CitationKind.ICJ, _matched(ICJ_RE)),
    (CitationKind.CONVENTION, _matched(CONVENTION_RE)),
    (CitationKind.JUDGMENT, _judgment),
    (CitationKind.URL, _matched(URL_RE)),
    (CitationKind.DOCUMENT, _document),
    (CitationKind.LOCATOR, _locator),
)


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
