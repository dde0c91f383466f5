"""Text folding: the one table that makes Arabic and Persian spellings of a word, with or
without diacritics, tatweel or joiners, and with any digits, compare equal; Latin and Cyrillic
letters with or without their marks too (ü = u, ё = е, Turkish ı = i). The glossary check uses
it, and the search index carries it to search.js, so page and query fold alike.

For an inflected language (a `stemmer` in the language registry: Russian, Turkish) the search
and the glossary compare words by their stem: `search_key` lowers case by the language's rules
(Turkish İ/i, I/ı), cuts each word to its Snowball stem, then folds it. search.js does the same
with the JavaScript Snowball generates from the same algorithms
(overrides/assets/javascripts/snowball/)."""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache

# Letters written differently in Arabic and Persian, and Arabic-Indic and Persian digits.
LETTERS = {
    "\u064a": "\u06cc", "\u0649": "\u06cc",  # Arabic yeh, alef maksura -> Persian yeh
    "\u0643": "\u06a9",  # Arabic kaf -> Persian keheh
    "\u0629": "\u0647", "\u06c0": "\u0647",  # teh marbuta, heh with yeh above -> heh
    "\u0671": "\u0627",  # alef wasla -> alef (أ إ آ lose their marks when decomposed)
    "\u2019": "'",
    "\u0131": "i",  # Turkish dotless ı: readers without a Turkish keyboard type i ("Iran", "Irak")
    **{chr(0x660 + d): str(d) for d in range(10)},
    **{chr(0x6F0 + d): str(d) for d in range(10)},
}
# Removed after decomposition (NFD): Latin accents, harakat and hamza marks, Quranic marks,
# tatweel, zero-width (non-)joiners and bidi controls.
DROPPED = "[\u0300-\u036f\u0610-\u061a\u064b-\u065f\u0670\u06d6-\u06ed\u0640\u200b-\u200f\u2066-\u2069]"

_LETTERS = str.maketrans(LETTERS)
_DROPPED = re.compile(DROPPED)


def fold(text: str) -> str:
    """Lower case, letters unified, marks dropped, white space collapsed."""
    text = unicodedata.normalize("NFD", text.lower().translate(_LETTERS))
    return " ".join(_DROPPED.sub("", text).split())


# A word, for stemming: letters with their marks, and digits (apostrophes and hyphens part
# words: Turkish "Türkiye'ye" is "türkiye" and "ye"). WORD for search.js, _WORD the same in Python.
WORD = r"[\p{L}\p{M}\p{N}]+"
_WORD = re.compile(r"[^\W_]+(?:[\u0300-\u036f]+[^\W_]*)*")


@lru_cache(maxsize=None)
def _stemmer(algorithm: str):
    """The stemmer's stemWord, remembering each word's stem: Snowball's pure-Python stemmers
    (Turkish especially) are slow, and the same words recur across pages, languages' search
    indexes and the glossary check (the check alone stems ~16,000 words per language, ~2,600
    distinct ones)."""
    import snowballstemmer

    return lru_cache(maxsize=1 << 16)(snowballstemmer.stemmer(algorithm).stemWord)


def search_key(text: str, lang) -> str:
    """Text as search and the glossary check compare it in language `lang` (a registry
    Language): folded, and for an inflected language each word cut to its stem first."""
    if not lang.stemmer:
        return fold(lang.lower(text))
    stem = _stemmer(lang.stemmer)
    lowered = unicodedata.normalize("NFC", lang.lower(text))
    return fold(_WORD.sub(lambda m: stem(m.group(0)), lowered))


def sort_key(text: str, lang) -> tuple:
    """Where `text` goes in an alphabetical list in language `lang` (a registry Language): letter by
    letter in the language's alphabet (lowered by its rules: Turkish I is ı), a letter outside it as
    its bare letter (ä as a, آ as ا) in code-point order after it; spaces and punctuation before
    every letter. Names equal so far then by their marks, then as written."""
    lowered = unicodedata.normalize("NFC", lang.lower(text))
    primary = []
    for char in lowered:
        if not char.isalnum():
            primary.append((0, 0))
        elif char in lang.alphabet:
            primary.append((1, lang.alphabet.index(char)))
        else:
            bare = _DROPPED.sub("", unicodedata.normalize("NFD", char)) or char
            primary.append((1, lang.alphabet.index(bare)) if bare in lang.alphabet else (2, ord(bare[0])))
    return primary, lowered, text


def table() -> dict:
    """The folding rules for the browser (search.js applies them in the same order)."""
    return {"letters": LETTERS, "dropped": DROPPED, "word": WORD}
