"""Small, real changes a name goes through between a family's post and a found report."""

from __future__ import annotations

import random
import unicodedata

# Letters NFKD does not decompose but every non-native keyboard replaces.
_FOLD = {"ı": "i", "İ": "I", "ß": "ss", "œ": "oe", "Œ": "Oe", "æ": "ae", "ø": "o", "ł": "l"}

# Neighbours on a QWERTY/AZERTY keyboard: the substitutions people really mistype.
_NEIGHBOURS = {
    "a": "qszw", "b": "vghn", "c": "xdfv", "d": "serfcx", "e": "wrsdz", "f": "drtgvc",
    "g": "ftyhbv", "h": "gyujnb", "i": "ujko", "j": "huikmn", "k": "jiolm", "l": "kopm",
    "m": "njkl", "n": "bhjm", "o": "iklp", "p": "olm", "q": "wasz", "r": "edft",
    "s": "awedxz", "t": "rfgy", "u": "yhji", "v": "cfgb", "w": "qase", "x": "zsdc",
    "y": "tghu", "z": "asxe",
}  # fmt: skip

LATIN_PARTICLES = ("el", "al", "ben", "bin", "bou", "abu", "abou", "de", "da", "dos", "du", "le", "la", "des", "van", "von", "o")  # fmt: skip

ARABIC_LETTERS = range(0x0600, 0x0700)


def is_arabic(text: str) -> bool:
    return any(ord(ch) in ARABIC_LETTERS for ch in text)


def is_cyrillic(text: str) -> bool:
    return any(0x0400 <= ord(ch) <= 0x04FF for ch in text)


def strip_accents(text: str) -> str:
    text = "".join(_FOLD.get(ch, ch) for ch in text)
    decomposed = unicodedata.normalize("NFKD", text)
    return "".join(ch for ch in decomposed if not unicodedata.combining(ch))


def typo(word: str, rng: random.Random) -> str:
    """One typing slip: a dropped, doubled, swapped or neighbouring letter (rarely the first)."""
    if len(word) < 4:
        return word
    start = 0 if rng.random() < 0.1 else 1
    i = rng.randrange(start, len(word) - 1)
    kind = rng.choice(("delete", "double", "swap", "neighbour"))
    if kind == "delete":
        return word[:i] + word[i + 1 :]
    if kind == "double":
        return word[:i] + word[i] + word[i:]
    if kind == "swap":
        return word[:i] + word[i + 1] + word[i] + word[i + 2 :]
    lower = word[i].lower()
    if lower not in _NEIGHBOURS:
        return word[:i] + word[i + 1 :]
    new = rng.choice(_NEIGHBOURS[lower])
    if word[i].isupper():
        new = new.upper()
    return word[:i] + new + word[i + 1 :]


def typo_in_name(name: str, rng: random.Random) -> str:
    words = name.split(" ")
    long_words = [i for i, w in enumerate(words) if len(w) >= 4]
    if not long_words:
        return name
    i = rng.choice(long_words)
    words[i] = typo(words[i], rng)
    return " ".join(words)


def arabic_informal(text: str, rng: random.Random) -> str:
    """Phone typing: hamza seats dropped, final ة as ه, final ى and ي confused (Egypt)."""
    out = text
    if rng.random() < 0.8:
        out = out.replace("أ", "ا").replace("إ", "ا").replace("آ", "ا")
    if rng.random() < 0.5:
        out = " ".join(w[:-1] + "ه" if w.endswith("ة") else w for w in out.split(" "))
    if rng.random() < 0.4:
        out = " ".join(
            w[:-1] + "ي" if w.endswith("ى") else (w[:-1] + "ى" if w.endswith("ي") else w)
            for w in out.split(" ")
        )
    return out


def persian_letters(text: str) -> str:
    return text.replace("ي", "ی").replace("ك", "ک")


def arabic_letters(text: str) -> str:
    return text.replace("ی", "ي").replace("ک", "ك")


def cyrillic_yo(text: str) -> str:
    # Russians almost never type ё.
    return text.replace("ё", "е").replace("Ё", "Е")


def hyphen_variant(text: str, rng: random.Random) -> str:
    if "-" in text:
        return text.replace("-", " ") if rng.random() < 0.8 else text.replace("-", "")
    return text


def drop_particle(family: str) -> str:
    """El Amrani → Amrani, da Silva → Silva, Al-Tamimi → Tamimi."""
    for sep in (" ", "-"):
        head, _, rest = family.partition(sep)
        if rest and head.lower() in LATIN_PARTICLES:
            return rest
    return family


def glue_particle(family: str) -> str:
    """El Amrani → Elamrani, Ben Ali → Benali."""
    for sep in (" ", "-"):
        head, _, rest = family.partition(sep)
        if rest and head.lower() in LATIN_PARTICLES:
            return head + rest.lower()
    return family


def initial(given: str, rng: random.Random) -> str:
    first = given.strip()[0].upper()
    return rng.choice((f"{first}.", first, f"{first}."))
