"""Repair what OCR does to a scanned UN page: raised digits read as symbols, specks read as
punctuation, misread words.

A scan's text layer has no superscripts: the small raised digits of footnote numbers and markers
come out as "!", "*", "°", "®" or "’" glued to the word before them ("Property,!", "Heritage*"),
or as a symbol at the start of a footnote line ("° A/81/218.").  Footnote labels are numbered in
sequence, and markers are placed only where the count of candidates matches the count of notes
the page starts; otherwise nothing is placed and an issue says so.  Every repair is an `Edit`.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Collection
from dataclasses import dataclass, replace

from rapidfuzz.distance import DamerauLevenshtein

from .lexicon import LETTERS_RE, Lexicon
from .model import MARKER_RE, Document, Edit, Issue, Line, text_context, token_context

#: What OCR makes of a small raised digit (not ":" or ";", which specks make far more often).
MISREAD_DIGIT = "!?*°®©'’‘\"”“>|¹²³⁴⁵⁶⁷⁸⁹⁰"
_MISREAD = re.escape(MISREAD_DIGIT)
#: A footnote label at the start of a zone line: "7", "2’" (a digit and a speck), or symbols.
NOTE_LABEL_RE = re.compile(rf"^(?:(\d{{1,3}})[{_MISREAD}]?|[{_MISREAD}]{{1,2}})$")
#: A word with a raised digit after it: the word (its own punctuation included), the raised
#: digit as read, and punctuation OCR put after it ("Organization®,").
MARKED_WORD_RE = re.compile(
    rf"^(?P<word>[A-Za-z][A-Za-z'’-]*[A-Za-z][)\]]?[,.;:]?|\(?\d[\d/.]*[)\]]?[,.;:])"
    rf"(?P<mark>\d{{1,3}}|[{_MISREAD}]{{1,2}})(?P<after>[,.;:]?)$"
)
#: Marks that never end an English word, and marks that may (a closing quote, an apostrophe).
ODD_MARKS = frozenset("*°®©>|¹²³⁴⁵⁶⁷⁸⁹⁰")
QUOTE_MARKS = frozenset("'’‘\"”“")


@dataclass(frozen=True)
class _Candidate:
    line: int
    span: int
    word: str
    mark: str
    after: str
    strength: int


def number_note_labels(lines: list[Line], edits: list[Edit]) -> list[Line]:
    """Footnote-zone lines with each note's label as a superscript span holding its number.

    A label OCR read as the next number in sequence is taken as it is.  Any other label (a
    symbol, "2’", an out-of-sequence number) opens a note only when it hangs in the label
    column, left of the indented lines that continue a note; a symbol label then takes the
    next number in sequence (an edit).
    """
    column: dict[int, float] = {}  # per page: the digit labels' left edge, else the zone's
    labelled: dict[int, float] = {}
    for line in lines:
        column[line.page] = min(column.get(line.page, line.x0), line.x0)
        label = NOTE_LABEL_RE.match(line.spans[0].text) if line.spans else None
        if label and label.group(1):
            labelled[line.page] = min(labelled.get(line.page, line.x0), line.x0)
    column.update(labelled)
    out: list[Line] = []
    last = 0
    for line in lines:
        spans = list(line.spans)
        label = NOTE_LABEL_RE.match(spans[0].text) if len(spans) >= 2 else None
        if label is None:
            out.append(line)
            continue
        in_sequence = label.group(1) is not None and int(label.group(1)) == last + 1
        if not in_sequence and line.x0 > column[line.page] + 0.5 * line.size:
            out.append(line)
            continue
        number = int(label.group(1)) if label.group(1) else last + 1
        read = spans.pop(0).text
        if label.group(1) is None and len(spans) >= 2 and NOTE_LABEL_RE.match(spans[0].text):
            read += " " + spans.pop(0).text  # "> ©": two specks for one raised number
        if read != str(number):
            edits.append(Edit("note-label", line.page, read, str(number), "ocr-note-label", 0.7))
        last = number
        first = replace(line.spans[0], text=str(number), superscript=True)
        out.append(replace(line, spans=(first, *spans)))
    return out


def restore_markers(
    body: list[Line], notes: list[Line], document_issues: list[Issue], edits: list[Edit]
) -> list[Line]:
    """Body lines with misread raised digits turned back into markers, page by page.

    A page's markers are numbered by the notes that start on it.  Candidates are ranked by how
    little else they can be (a digit or "°" after a word is a marker; a "?" or "’" might be
    text); the strongest candidates are used only when their count is exactly the count of notes.
    """
    starts: dict[int, list[int]] = {}
    for line in notes:
        if line.spans and line.spans[0].superscript and line.spans[0].text.isdigit():
            starts.setdefault(line.page, []).append(int(line.spans[0].text))
    out = list(body)
    pages = sorted({line.page for line in body})
    for page in pages:
        indexes = [i for i, line in enumerate(out) if line.page == page]
        candidates = [c for i in indexes for c in _candidates(out[i], i)]
        numbers = sorted(starts.get(page, []))
        chosen = _choose(candidates, len(numbers))
        if chosen is None:
            document_issues.append(
                Issue(
                    "warning",
                    "ocr-markers-unsure",
                    f"The OCR layer shows {len(candidates)} possible misread footnote markers for "
                    f"{len(numbers)} footnotes starting on this page; none was placed.",
                    page,
                )
            )
            continue
        for candidate, number in reversed(list(zip(chosen, numbers, strict=True))):
            out[candidate.line] = _with_marker(out[candidate.line], candidate, number, edits)
    return out


def _candidates(line: Line, index: int) -> list[_Candidate]:
    found = []
    for position, span in enumerate(line.spans):
        match = MARKED_WORD_RE.match(span.text)
        if span.superscript or match is None:
            continue
        word, mark = match.group("word"), match.group("mark")
        if (mark.isdigit() and word[-1].isalpha()) or mark[0] in ODD_MARKS:
            strength = 3
        elif word[-1] in ",.;:" or mark[0] not in QUOTE_MARKS:
            strength = 2  # "Property,!": nothing follows a comma in a word; "Conflict?"
        else:
            strength = 1  # "Declaration’" may close a quotation
        found.append(_Candidate(index, position, word, mark, match.group("after"), strength))
    return found


def _choose(candidates: list[_Candidate], count: int) -> list[_Candidate] | None:
    """The candidates at the strongest level whose count is `count`, or None if none is."""
    if count == 0:
        return []
    for level in (3, 2, 1):
        chosen = [c for c in candidates if c.strength >= level]
        if len(chosen) == count:
            return chosen
    return None


def _with_marker(line: Line, candidate: _Candidate, number: int, edits: list[Edit]) -> Line:
    span = line.spans[candidate.span]
    pieces = [
        replace(span, text=candidate.word),
        replace(span, text=str(number), superscript=True, space_before=False),
    ]
    if candidate.after:
        pieces.append(replace(span, text=candidate.after, space_before=False))
    edits.append(
        Edit(
            "marker",
            line.page,
            span.text,
            f"{candidate.word}[^{number}]{candidate.after}",
            "ocr-raised-digit-misread",
            0.8,
        )
    )
    spans = line.spans[: candidate.span] + tuple(pieces) + line.spans[candidate.span + 1 :]
    return replace(line, spans=spans)


# specks and misread words, on the text --------------------------------------------------------
#: Short words that end in a full stop as abbreviations ("vol.", "para."): the stop is real.
ABBREVIATIONS = frozenset(
    "vol vols no nos para paras chap sect art arts p pp op cit cf etc".split()
)
_SPECK_BEFORE = re.compile(r"^\.+(?=[A-Za-z]{2})")
_SPECK_AFTER = re.compile(r"^([a-z]{2,})\.$")
_SPECK_BETWEEN = re.compile(r"^([A-Za-z]{2,}|\d{4})[.~]([A-Za-z]{2,})([,.;:]?)$")
_DOUBLE_STOP = re.compile(r"^(\d{1,3}\.)\.+([A-Z][a-z]+)$")
_PUNCTUATION_AFTER_PUNCTUATION = re.compile(r"^([A-Za-z]+[,;])[:.;,]$")
#: An "Ibid." whose "I" and "b" OCR misread ("Thid.", "Tbid.").
OCR_IBID_RE = re.compile(r"^[TIl1|][hb]id\b")


def remove_specks(text: str, page: int, lexicon: Lexicon, edits: list[Edit]) -> str:
    """`text` without the punctuation specks OCR reads from dust: ".Member", "the. United",
    "reports.of", "1..Calls", "resolutions,:".  Each removal is an edit."""
    tokens = text.split(" ")
    out: list[str] = []
    for index, token in enumerate(tokens):
        following = tokens[index + 1] if index + 1 < len(tokens) else ""
        fixed = _without_speck(token, following, lexicon)
        if fixed != token:
            left, right = token_context(out, tokens[index + 1 :])
            edits.append(Edit("ocr", page, token, fixed, "ocr-speck", 0.7, left, right))
        out.append(fixed)
    return " ".join(out)


def _without_speck(token: str, following: str, lexicon: Lexicon) -> str:
    plain = MARKER_RE.sub("", token)
    if plain != token:
        return token
    if _SPECK_BEFORE.match(token):
        return _SPECK_BEFORE.sub("", token)
    after = _SPECK_AFTER.match(token)
    if (
        after
        and following[:1].islower()
        and after.group(1) not in ABBREVIATIONS
        and lexicon.is_word(after.group(1))
    ):
        return after.group(1)
    between = _SPECK_BETWEEN.match(token)
    if between:
        first, second, tail = between.groups()
        if (
            (first.isdigit() or lexicon.is_word(first))
            and lexicon.is_word(second)
            and first.lower() not in ABBREVIATIONS
        ):
            return f"{first} {second}{tail}"
    double = _DOUBLE_STOP.match(token)
    if double:
        return f"{double.group(1)} {double.group(2)}"
    punctuation = _PUNCTUATION_AFTER_PUNCTUATION.match(token)
    if punctuation:
        return punctuation.group(1)
    return token


#: A misread word is corrected only to a word this common, at this distance or less.
MIN_CANDIDATE_COUNT = 1000
MAX_DISTANCE = 2


def correct_misreadings(
    text: str, page: int, lexicon: Lexicon, printed: Collection[str], edits: list[Edit]
) -> str:
    """`text` with each misread word ("rrwenty", "Sécretary") replaced by the one word nearest
    to it (edit distance <= 2) that is common in the lexicon and that the document or the UN
    corpus prints intact (`printed`, as printed).  Candidates keep the case they are printed
    in, so a name is only ever corrected to a name printed nearby in spelling; words with
    digits and words in the lexicon are left alone; a tie changes nothing."""

    def fix(match: re.Match[str]) -> str:
        word = match.group(0)
        if len(word) < 4 or lexicon.is_word(word) or _touches_digit(match):
            return word
        best = _nearest(word, lexicon, printed)
        if best is None:
            return word
        left, right = text_context(match.string, match.start(), match.end())
        edits.append(Edit("ocr", page, word, best, "ocr-misread-word", 0.7, left, right))
        return best

    return LETTERS_RE.sub(fix, text)


def _touches_digit(match: re.Match[str]) -> bool:
    text, start, end = match.string, match.start(), match.end()
    return text[start - 1 : start].isdigit() or text[end : end + 1].isdigit()


def _nearest(word: str, lexicon: Lexicon, printed: Collection[str]) -> str | None:
    best: list[str] = []
    best_distance = MAX_DISTANCE + 1
    for candidate in printed:
        if abs(len(candidate) - len(word)) > MAX_DISTANCE:
            continue
        distance = DamerauLevenshtein.distance(word, candidate, score_cutoff=MAX_DISTANCE)
        if distance > MAX_DISTANCE or lexicon.count(candidate) < MIN_CANDIDATE_COUNT:
            continue
        if distance < best_distance:
            best, best_distance = [candidate], distance
        elif distance == best_distance:
            best.append(candidate)
    return best[0] if len(best) == 1 else None


def correct_ibid(text: str, page: int, edits: list[Edit]) -> str:
    """A footnote opening "Thid." or "Tbid." is "Ibid.": the one word UN notes open with that
    OCR reads this way (its "I" and "b")."""
    found = OCR_IBID_RE.match(text)
    if not found or found.group(0) == "Ibid":
        return text
    _, right = text_context(text, 0, found.end())
    edits.append(Edit("ocr", page, found.group(0), "Ibid", "ocr-ibid", 0.9, "", right))
    return "Ibid" + text[found.end() :]


def repair_ocr_text(
    document: Document, corpus_words: Collection[str], editor_words: Collection[str] = ()
) -> None:
    """Remove specks and correct misread words in every paragraph and footnote of a scan.

    The words a misread word may become are those the UN corpus prints often (`corpus_words`)
    and those the document itself prints at least twice; words editors added to the lexicon
    (`editor_words`) are never corrected.
    """
    lexicon = Lexicon(editor_words=editor_words)
    texts = [p.text for p in document.paragraphs] + [n.text for n in document.footnotes]
    counts = Counter(
        word for text in texts for word in LETTERS_RE.findall(MARKER_RE.sub(" ", text))
    )
    printed = sorted({*corpus_words, *(word for word, count in counts.items() if count >= 2)})

    def repair(text: str, page: int) -> str:
        text = remove_specks(text, page, lexicon, document.edits)
        return correct_misreadings(text, page, lexicon, printed, document.edits)

    for paragraph in document.paragraphs:
        paragraph.text = repair(paragraph.text, paragraph.page)
    for note in document.footnotes:
        note.text = repair(correct_ibid(note.text, note.pages[0], document.edits), note.pages[0])
