"""The lexicon: symspellpy's English frequency dictionary, a UN lexicon, the words the real UN
corpus prints often, and the document itself.

Used as an oracle (is this a word, how common is it), never to rewrite whole sentences:
symspellpy's `lookup_compound` drops punctuation, digits, casing and hyphens.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterable
from functools import cache
from importlib import resources

#: A run of letters: how the OCR repair and the corpus-word list cut text into words.
LETTERS_RE = re.compile(r"[A-Za-z\u00c0-\u024f]+")
#: A UN-lexicon word counts as this common: rare in general English, ordinary at the UN.
UN_WORD_COUNT = 1_000_000


@cache
def english() -> dict[str, int]:
    """symspellpy's frequency dictionary (82,765 words with their counts), read once a process."""
    text = resources.files("symspellpy").joinpath("frequency_dictionary_en_82_765.txt").read_text()
    counts: dict[str, int] = {}
    for line in text.splitlines():
        word, _, count = line.partition(" ")
        if word:
            counts[word] = int(count)
    return counts


@cache
def un_words() -> frozenset[str]:
    return frozenset(_data_lines("un_lexicon.txt"))


@cache
def corpus_words() -> tuple[str, ...]:
    """Words the real UN corpus prints intact often, as printed (bench/corpus_words.py)."""
    return tuple(_data_lines("un_corpus_words.txt"))


@cache
def _corpus_lower() -> frozenset[str]:
    return frozenset(word.lower() for word in corpus_words())


def _data_lines(name: str) -> list[str]:
    text = resources.files("cleaners").joinpath("data", name).read_text("utf-8")
    return [line.strip() for line in text.splitlines() if line.strip() and not line.startswith("#")]


class Lexicon:
    """Word counts from the dictionaries, plus the words a document prints intact and the
    words editors added for the whole batch (`review/*.yaml`, counted as UN words)."""

    def __init__(
        self, document_words: Iterable[str] = (), editor_words: Iterable[str] = ()
    ) -> None:
        self.document = Counter(word.lower() for word in document_words)
        self.editor = frozenset(word.lower() for word in editor_words)

    def count(self, word: str) -> int:
        lower = word.lower()
        if lower in un_words() or lower in self.editor:
            return UN_WORD_COUNT
        return english().get(lower, 0)

    def is_editor_word(self, word: str) -> bool:
        """An editor added this word: it outweighs what the dictionaries say."""
        return word.lower() in self.editor

    def is_word(self, word: str) -> bool:
        """A dictionary word, one the UN corpus prints often, or one the document itself prints
        at least twice."""
        lower = word.lower()
        return self.count(word) > 0 or lower in _corpus_lower() or self.document[lower] >= 2
