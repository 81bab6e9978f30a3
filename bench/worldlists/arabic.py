"""Arabic and Persian names: one phonemic spelling per name, written out in several conventions.

Arabic script leaves short vowels out, so a name cannot be romanised from its script form alone;
real clerks romanise from what they hear. We therefore keep a phonemic spelling of each name
and write it the way each kind of writer does:

- ``arabic``: Arabic script, short vowels dropped, with the real hesitations (initial hamza
  written or not, final ى or ي, ة or ه).
- ``latin_fr``: Maghreb / Levant French (ou, ch, dj, el-, Abdelkader, Mohamed).
- ``latin_en``: Gulf and NGO English (u, sh, j, al-, Abdul Qadir, Mohammed).
- ``latin_de``: German offices (sch, dsch, w, j for y).
- ``latin_tr``: Turkish civil registry (c for j, ş, Mehmet, Abdülkadir).
- ``scholarly``: ALA-LC style with diacritics (ʿAbd al-Qādir, Muḥammad).

Phonemic notation: consonants ``b t th j H kh d dh r z s sh S D T Z 3 gh f q k l m n h w y '``
(capitals are the emphatic / pharyngeal consonants, ``3`` is ʿayn), short vowels ``a i u``
(``e o`` for Persian), long vowels ``A I U``, ``Y`` a final alif maqsura, ``@`` a ta marbuta,
a doubled letter a shadda, ``al-`` the article.
"""

import re
from random import Random

from bench.worldlists.choice import pick

TOKEN = re.compile(r"al-|sh|kh|gh|th|dh|.", re.IGNORECASE)
SUN_LETTERS = {"t", "th", "d", "dh", "r", "z", "s", "sh", "S", "D", "T", "Z", "l", "n"}
VOWELS = set("aiuAIUYeo@")

# Latin conventions: phoneme -> weighted spellings. Weights are how often a writer of that
# convention picks each spelling when nothing else decides (hand-set from usage on IDs and lists).
_COMMON = {
    "b": "b",
    "t": "t",
    "d": "d",
    "r": "r",
    "z": "z",
    "f": "f",
    "k": "k",
    "l": "l",
    "m": "m",
    "n": "n",
    "h": "h",
    "y": "y",
    "kh": "kh",
    "gh": "gh",
    "H": "h",
    "S": "s",
    "D": "d",
    "T": "t",
    "Z": "z",
    "3": "",
    "'": "",
    "s": "s",
}
LATIN = {
    "latin_fr": _COMMON
    | {
        "th": {"t": 3, "th": 1},
        "dh": {"d": 2, "dh": 1},
        "j": {"dj": 3, "j": 2},
        "sh": "ch",
        "q": {"k": 1, "q": 1},
        "w": {"ou": 2, "w": 1},
        "a": {"a": 6, "e": 1},
        "i": {"i": 3, "e": 2},
        "u": {"ou": 3, "o": 3, "u": 1},
        "A": "a",
        "I": "i",
        "U": "ou",
        "Y": "a",
        "@": "a",
        "e": "e",
        "o": "o",
    },
    "latin_en": _COMMON
    | {
        "th": "th",
        "dh": {"dh": 2, "z": 1},
        "j": "j",
        "sh": "sh",
        "q": {"q": 3, "k": 1},
        "w": "w",
        "3": {"": 4, "'": 1},
        "a": "a",
        "i": {"i": 4, "e": 1},
        "u": {"u": 3, "o": 2},
        "A": "a",
        "I": {"i": 5, "ee": 1},
        "U": {"u": 5, "oo": 1},
        "Y": "a",
        "@": {"a": 3, "ah": 1},
        "e": "e",
        "o": "o",
    },
    "latin_de": _COMMON
    | {
        "th": "th",
        "dh": "dh",
        "j": {"dsch": 1, "dj": 1, "j": 1},
        "sh": "sch",
        "q": "k",
        "w": "w",
        "y": "j",
        "z": {"s": 1, "z": 1},
        "kh": "ch",
        "a": "a",
        "i": "i",
        "u": "u",
        "A": "a",
        "I": "i",
        "U": "u",
        "Y": "a",
        "@": "a",
        "e": "e",
        "o": "o",
    },
    "latin_tr": _COMMON
    | {
        "th": "s",
        "dh": "z",
        "j": "c",
        "sh": "ş",
        "q": "k",
        "w": "v",
        "kh": "h",
        "gh": "ğ",
        "a": "a",
        "i": "i",
        "u": "u",
        "A": "a",
        "I": "i",
        "U": "u",
        "Y": "a",
        "@": "e",
        "e": "e",
        "o": "o",
    },
    "scholarly": {
        "b": "b",
        "t": "t",
        "th": "th",
        "j": "j",
        "H": "ḥ",
        "kh": "kh",
        "d": "d",
        "dh": "dh",
        "r": "r",
        "z": "z",
        "s": "s",
        "sh": "sh",
        "S": "ṣ",
        "D": "ḍ",
        "T": "ṭ",
        "Z": "ẓ",
        "3": "ʿ",
        "gh": "gh",
        "f": "f",
        "q": "q",
        "k": "k",
        "l": "l",
        "m": "m",
        "n": "n",
        "h": "h",
        "w": "w",
        "y": "y",
        "'": "ʾ",
        "a": "a",
        "i": "i",
        "u": "u",
        "A": "ā",
        "I": "ī",
        "U": "ū",
        "Y": "á",
        "@": "ah",
        "e": "e",
        "o": "o",
    },
}
# Maghreb French writes a short vowel as e only after the first syllable (Ahmed, Mohamed, Kader).
FIRST_VOWEL = {"latin_fr": {"a": "a", "i": "i"}}
# Persian speakers hear the short vowels as e and o (Hossein, Mohsen), and q and gh merge.
PERSIAN_LATIN = {"a": "a", "i": "e", "u": "o", "q": "gh", "w": "v", "@": "e"}

ARABIC_LETTERS = {
    "b": "ب",
    "t": "ت",
    "th": "ث",
    "j": "ج",
    "H": "ح",
    "kh": "خ",
    "d": "د",
    "dh": "ذ",
    "r": "ر",
    "z": "ز",
    "s": "س",
    "sh": "ش",
    "S": "ص",
    "D": "ض",
    "T": "ط",
    "Z": "ظ",
    "3": "ع",
    "gh": "غ",
    "f": "ف",
    "q": "ق",
    "k": "ك",
    "l": "ل",
    "m": "م",
    "n": "ن",
    "h": "ه",
    "w": "و",
    "y": "ي",
    "'": "ء",
    "A": "ا",
    "I": "ي",
    "U": "و",
}
PERSIAN_LETTERS = {"k": "ک", "y": "ی", "I": "ی", "g": "گ", "p": "پ", "ch": "چ"}

# Names whose romanisations are fixed by usage, not by letter rules (the rules would never
# produce Mehmet or Mohamed). Weights: how common each spelling is within that convention.
USAGE = {
    "muHammad": {
        "latin_fr": {"Mohamed": 11, "Mohammed": 4, "Mouhamed": 2, "Mohamad": 2, "Mohammad": 1},
        "latin_en": {"Mohammed": 7, "Muhammad": 7, "Mohammad": 3, "Mohamed": 3},
        "latin_de": {"Mohammed": 3, "Muhammad": 2},
        "latin_tr": {"Mehmet": 1, "Muhammed": 1},
    },
    "aHmad": {
        "latin_fr": {"Ahmed": 3, "Ahmad": 1},
        "latin_en": {"Ahmad": 1, "Ahmed": 1},
        "latin_tr": {"Ahmet": 1},
    },
    "maHmUd": {"latin_tr": {"Mahmut": 1}},
    "yUsuf": {
        "latin_fr": {"Youssef": 6, "Youcef": 3, "Yousef": 1},
        "latin_en": {"Yusuf": 5, "Yousef": 3, "Youssef": 2},
        "latin_tr": {"Yusuf": 1},
    },
    "SAliH": {
        "latin_fr": {"Salah": 4, "Saleh": 4, "Salih": 2},
        "latin_en": {"Saleh": 1, "Salih": 1},
        "latin_tr": {"Salih": 1},
    },
    "Husayn": {
        "latin_fr": {"Hussein": 3, "Houcine": 2, "Hocine": 2},
        "latin_en": {"Hussein": 3, "Husain": 1, "Hussain": 2},
        "latin_tr": {"Hüseyin": 1},
    },
    "fATim@": {"latin_tr": {"Fatma": 3, "Fatima": 1}},
    "3abd al-qAdir": {
        "latin_fr": {"Abdelkader": 6, "Abdel Kader": 2, "Abd El Kader": 1},
        "latin_en": {"Abdul Qadir": 3, "Abdulkadir": 2, "Abdelkader": 1},
        "latin_tr": {"Abdülkadir": 1},
    },
}
# Christian Arab names that French or English clerks translate (Youssef written Joseph).
TRANSLATED = {
    "yUsuf": {"latin_fr": "Joseph", "latin_en": "Joseph", "latin_de": "Josef"},
    "jirjis": {"latin_fr": "Georges", "latin_en": "George", "latin_de": "Georg"},
    "buTrus": {"latin_fr": "Pierre", "latin_en": "Peter", "latin_de": "Peter"},
    "IliyAs": {"latin_fr": "Élie", "latin_en": "Elias", "latin_de": "Elias"},
    "HannA": {"latin_fr": "Jean", "latin_en": "John", "latin_de": "Johannes"},
}


def tokens(phonemic: str) -> list[str]:
    return TOKEN.findall(phonemic)


def to_arabic_script(phonemic: str, rng: Random, persian: bool = False) -> str:
    return " ".join(_arabic_word(word, rng, persian) for word in phonemic.split())


def _arabic_word(word: str, rng: Random, persian: bool) -> str:
    letters = ARABIC_LETTERS | PERSIAN_LETTERS if persian else ARABIC_LETTERS
    parts = tokens(word)
    out = []
    if parts and parts[0] == "al-":
        out.append("ال")
        parts = parts[1:]
    for position, part in enumerate(parts):
        if out and out[-1] == letters.get(part) and part not in VOWELS:
            continue  # a shadda: the doubled consonant is written once
        if position == 0 and part in VOWELS:
            out.append(_initial_alif(part, rng))
        elif part == "Y":
            # Alif maqsura: Egyptian and many hand-written lists put a dotted ya instead.
            out.append(pick(rng, {"ى": 7, "ي": 3}))
        elif part == "@":
            out.append(pick(rng, {"ة": 17, "ه": 3}))
        elif part == "e" and position == len(parts) - 1:
            out.append("ه")  # Persian final -e is written with he
        elif part in letters:
            out.append(letters[part])
    return "".join(out)


def _initial_alif(vowel: str, rng: Random) -> str:
    # Writers often leave the hamza off an initial alif (احمد for أحمد).
    if vowel == "A":
        return pick(rng, {"آ": 1, "ا": 1})
    if vowel == "i":
        return pick(rng, {"إ": 3, "ا": 2})
    return pick(rng, {"أ": 3, "ا": 2})


def to_latin(phonemic: str, convention: str, rng: Random, persian: bool = False) -> str:
    translatable = phonemic in TRANSLATED and not persian
    if translatable and rng.random() < 0.06 and convention in TRANSLATED[phonemic]:
        return TRANSLATED[phonemic][convention]
    usage = USAGE.get(phonemic, {}).get(convention)
    if usage and not persian:
        return pick(rng, usage)
    words = [_latin_word(word, convention, rng, persian) for word in phonemic.split()]
    return _join_words(words, convention, rng)


def _latin_word(word: str, convention: str, rng: Random, persian: bool) -> str:
    table = LATIN[convention]
    if persian and convention != "scholarly":
        table = table | PERSIAN_LATIN
    parts = tokens(word)
    article = ""
    if parts and parts[0] == "al-":
        article = _article(parts[1] if len(parts) > 1 else "", convention, rng)
        parts = parts[1:]
    out = []
    previous = None
    first_vowel = True
    for part in parts:
        spelling = table.get(part, part.lower())
        if first_vowel and part in VOWELS:
            spelling = FIRST_VOWEL.get(convention, {}).get(part, spelling)
            first_vowel = False
        spelling = pick(rng, spelling) if isinstance(spelling, dict) else spelling
        doubled = part == previous and part not in VOWELS
        # The shadda is often not doubled in Latin (Mohamed, Hasan), and never as a digraph
        # (Hadj, not Hadjdj).
        if doubled and convention != "scholarly" and (len(spelling) > 1 or rng.random() < 0.35):
            continue
        out.append(spelling)
        previous = part
    body = "".join(out)
    if article and article[-1].isalpha():
        return article + body.lower()  # glued to its article: Elhassan, Eddine
    return article + _capitalise(body)


def _capitalise(text: str) -> str:
    # The first letter, not the first character: ʿAbd, not ʿabd.
    for i, char in enumerate(text):
        if char.upper() != char:
            return text[:i] + char.upper() + text[i + 1 :]
    return text


def _article(first_letter: str, convention: str, rng: Random) -> str:
    if convention == "scholarly":
        return "al-"
    if convention == "latin_tr":
        return pick(rng, {"": 2, "El-": 1})  # Turkish registries mostly drop the article
    base = (
        pick(rng, {"El": 3, "Al": 1}) if convention == "latin_fr" else pick(rng, {"Al": 4, "El": 1})
    )
    sound = LATIN[convention].get(first_letter, first_letter)
    if first_letter in SUN_LETTERS and isinstance(sound, str) and rng.random() < 0.4:
        base = base[0] + sound  # written as said: Ed-Dine, Ech-Chami, Ez-Zein
    return base + pick(rng, {"-": 5, " ": 3, "": 2})


def _join_words(words: list[str], convention: str, rng: Random) -> str:
    if len(words) == 1:
        return words[0]
    if convention == "scholarly":
        return " ".join(words)
    # Compounds (Abd al-Qadir, Nur al-Din, Abu Bakr) are written apart, hyphenated or glued.
    joiner = pick(rng, {" ": 5, "": 4, "-": 1})
    text = words[0]
    for word in words[1:]:
        glued = word.replace("-", "").replace(" ", "").lower()
        text += joiner + (glued if joiner == "" else word)
    return text
