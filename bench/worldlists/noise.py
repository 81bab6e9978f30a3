"""What copying, scanning and typing do to a name on its way onto a list."""

import unicodedata
from random import Random

from bench.worldlists.choice import pick

# Confusions of scanned lists (OCR) and of hurried typing, by script.
LATIN_OCR = {
    "rn": "m",
    "m": "rn",
    "l": "1",
    "I": "l",
    "O": "0",
    "o": "0",
    "cl": "d",
    "e": "c",
    "li": "h",
    "u": "ii",
    "S": "5",
    "B": "8",
}
ARABIC_OCR = {
    "ب": "ت",
    "ت": "ث",
    "ن": "ب",
    "ي": "ى",
    "ج": "ح",
    "ح": "خ",
    "ر": "ز",
    "س": "ش",
    "ص": "ض",
    "ع": "غ",
    "ف": "ق",
    "ة": "ه",
}
CYRILLIC_OCR = {"и": "н", "ш": "щ", "е": "с", "і": "1", "о": "0", "п": "н", "л": "п", "ь": "ъ"}


def drop_diacritics(text: str) -> str:
    decomposed = unicodedata.normalize("NFKD", text)
    return "".join(char for char in decomposed if not unicodedata.combining(char))


def ocr_errors(text: str, rng: Random) -> str:
    """One or two scanning errors: a letter confusion, or words merged or split."""
    for _ in range(pick(rng, {1: 3, 2: 1})):
        text = pick(rng, {_confuse: 6, _merge_words: 1, _split_word: 1})(text, rng)
    return text


def _confuse(text: str, rng: Random) -> str:
    table = _table_for(text)
    present = [source for source in table if source in text]
    if not present:
        return text
    source = rng.choice(present)
    starts = [i for i in range(len(text)) if text.startswith(source, i)]
    at = rng.choice(starts)
    return text[:at] + table[source] + text[at + len(source) :]


def _table_for(text: str) -> dict:
    if any("\u0600" <= char <= "\u06ff" for char in text):
        return ARABIC_OCR
    if any("\u0400" <= char <= "\u04ff" for char in text):
        return CYRILLIC_OCR
    return LATIN_OCR


def _merge_words(text: str, rng: Random) -> str:
    spaces = [i for i, char in enumerate(text) if char in " -"]
    if not spaces:
        return text
    at = rng.choice(spaces)
    return text[:at] + text[at + 1 :]


def _split_word(text: str, rng: Random) -> str:
    words = text.split(" ")
    long_words = [i for i, word in enumerate(words) if len(word) >= 6]
    if not long_words:
        return text
    index = rng.choice(long_words)
    word = words[index]
    cut = rng.randint(2, len(word) - 3)
    words[index] = word[:cut] + " " + word[cut:]
    return " ".join(words)
