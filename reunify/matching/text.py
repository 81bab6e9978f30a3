"""Text normalisation for names and places: Unicode clean-up, ASCII folding and phonetic keys.

Everything here works on one string at a time and is pure: the same input always gives the
same output, and applying a normaliser to its own output changes nothing (tests check this).
"""

from __future__ import annotations

import functools
import re
import unicodedata

import translitua
from anyascii import anyascii

try:  # ICU gives better romanisations (Cyrillic, Greek, Hebrew, CJK); anyascii is the fallback.
    import icu

    _ICU_ANY = icu.Transliterator.createInstance("Any-Latin; Latin-ASCII")
    _ICU_CYRILLIC = (
        icu.Transliterator.createInstance("Russian-Latin/BGN; Latin-ASCII"),
        icu.Transliterator.createInstance("Ukrainian-Latin/BGN; Latin-ASCII"),
    )
except ImportError:  # pragma: no cover - the dependency is declared, this is a safety net
    _ICU_ANY = None
    _ICU_CYRILLIC = ()

# How people from Ukraine and Russia find their names written abroad, besides BGN: the
# passports' systems (Ukraine's 2010 national system: Boiko, Tetiana, Soloviov; Russia's
# ICAO and 1997 systems: Iuliia, Aleksei) and the German and French ones used by those
# countries' lists (Schewtschenko, Chevtchenko). Ukrainian systems read Ukrainian letters,
# Russian systems Russian ones.
_UKRAINIAN_SYSTEMS = (
    translitua.UkrainianKMU,
    translitua.UkrainianGerman,
    translitua.UkrainianFrench,
)
_RUSSIAN_SYSTEMS = (translitua.RussianICAO, translitua.RussianInternationalPassport1997)
_UKRAINIAN_ONLY = frozenset("іїєґІЇЄҐ")
_RUSSIAN_ONLY = frozenset("ыэёъЫЭЁЪ")


def _official_cyrillic(word: str) -> list[str]:
    systems = []
    if _RUSSIAN_ONLY.isdisjoint(word):
        systems.extend(_UKRAINIAN_SYSTEMS)
    if _UKRAINIAN_ONLY.isdisjoint(word):
        systems.extend(_RUSSIAN_SYSTEMS)
    return [to_ascii(translitua.translit(word, system)) for system in systems]


# A person's name or a place is never this long: longer input is a paste accident or an attack.
MAX_NAME_CHARS = 1_000
MAX_FIELD_CHARS = 10_000

_ARABIC_RE = re.compile("[\u0600-\u06ff\u0750-\u077f\u08a0-\u08ff\ufb50-\ufdff\ufe70-\ufeff]")
_CYRILLIC_RE = re.compile("[\u0400-\u04ff]")
_APOSTROPHES = "'\u2018\u2019\u02bc\u02bb`\u00b4\u2032"
_NON_ALPHA_RE = re.compile(r"[^a-z]+")
_SPACES_RE = re.compile(r"\s+")


def clean(text: str) -> str:
    """NFKC, drop invisible format/control characters (bidi marks, zero-width joiners), casefold."""
    text = unicodedata.normalize("NFKC", text)
    kept = []
    for ch in text:
        cat = unicodedata.category(ch)
        if cat in ("Cf", "Cc", "Cs", "Co", "Cn"):
            # tabs and newlines separate words; everything else invisible is dropped
            if ch in "\t\n\r\x0b\x0c":
                kept.append(" ")
            continue
        kept.append(ch)
    # casefold can undo composition (ẞ + accent -> "ss" + a loose accent): compose again
    folded = unicodedata.normalize("NFKC", "".join(kept).casefold())
    return _SPACES_RE.sub(" ", folded).strip()


def has_arabic(text: str) -> bool:
    return bool(_ARABIC_RE.search(text))


def has_cyrillic(text: str) -> bool:
    return bool(_CYRILLIC_RE.search(text))


@functools.lru_cache(maxsize=200_000)
def to_ascii(word: str) -> str:
    """Romanise one word of any script and fold accents; returns lowercase a-z only."""
    if word.isascii():
        out = word
    elif _ICU_ANY is not None:
        out = _ICU_ANY.transliterate(word)
        if not out.isascii():
            out = anyascii(out)
    else:
        out = anyascii(word)
    out = out.lower()
    for ch in _APOSTROPHES:
        out = out.replace(ch, "")
    return _NON_ALPHA_RE.sub("", out)


# German and Scandinavian spellings without the marks: Müller is Mueller as often as Muller
_DIGRAPH_FOLDS = str.maketrans(
    {"ä": "ae", "ö": "oe", "ü": "ue", "Ä": "Ae", "Ö": "Oe", "Ü": "Ue", "ø": "oe", "Ø": "Oe",
     "å": "aa", "Å": "Aa"}
)  # fmt: skip


def romanisations(word: str) -> tuple[str, ...]:
    """Every ASCII spelling we derive for a non-Arabic word (Cyrillic: BGN, then the official
    and foreign systems; German and Scandinavian letters also as digraphs)."""
    forms = [to_ascii(word)]
    digraphs = word.translate(_DIGRAPH_FOLDS)
    if digraphs != word:
        forms.append(to_ascii(digraphs))
    if has_cyrillic(word):
        for transliterator in _ICU_CYRILLIC:
            forms.append(_NON_ALPHA_RE.sub("", transliterator.transliterate(word).lower()))
        forms.extend(_official_cyrillic(word))
    return tuple(dict.fromkeys(f for f in forms if f))


_SILENT_END_RE = re.compile(r"(?<=[aeiouynr])(ts|ds|t|d|s|x|c)$")


def spoken_spellings(word: str, ascii_form: str) -> list[str]:
    """Extra ASCII spellings closer to how a name is said, for matching scripts that write
    sound, not spelling: Arabic writes Dupont دوبون (French silent endings), Javier خافيير
    (Spanish j), Şahin شاهين and Gonçalo غونسالو (Turkish ş/ç, Portuguese ç)."""
    out = []
    if any(ch in word for ch in "şçğ"):
        for c in ("ch", "s"):
            out.append(to_ascii(word.replace("ş", "sh").replace("ç", c).replace("ğ", "")))
    if len(ascii_form) >= 5:
        spoken = _SILENT_END_RE.sub("", ascii_form)
        spoken = re.sub(r"ier$", "ie", spoken)
        spoken = re.sub(r"(?<=[aeou])ill", "y", spoken)
        spoken = spoken.replace("eau", "o")
        spoken = spoken.replace("esqu", "eq").replace("mps", "ms")  # Lévesque, Thompson
        spoken = re.sub(r"ci(?=[aou])", "sh", spoken)  # Patricia باتريشيا
        if spoken != ascii_form:
            out.append(spoken)
    if "j" in ascii_form:
        out.append(ascii_form.replace("j", "kh"))
    central = _central_european_reading(ascii_form)
    if central:
        out.append(central)
    return [f for f in out if f and f != ascii_form]


_POLISH_MARK_RE = re.compile(r"sz|cz")
_GERMAN_MARK_RE = re.compile(r"w|sch|(?<=.)j")
_J_AS_Y_RE = re.compile(r"(?<=[aeiou])j|j(?=[aeiou])")


def _central_european_reading(ascii_form: str) -> str:
    """Cyrillic names as German or Polish lists write them, read the English way.

    Schewtschenko, Wischnewskaja, Jewhen, Sajzewa (German) and Szewczenko (Polish) are
    Shevchenko, Vishnevskaya, Yevhen and Zaytseva: sch/sz, tsch/cz, w, j and (German) z are
    said sh, ch, v, y and ts. Only words showing one of those spellings get the reading."""
    if _POLISH_MARK_RE.search(ascii_form):
        out = ascii_form.replace("szcz", "shch").replace("cz", "ch").replace("sz", "sh")
        return _J_AS_Y_RE.sub("y", out.replace("w", "v"))
    if _GERMAN_MARK_RE.search(ascii_form):
        out = ascii_form.replace("tsch", "ch").replace("sch", "sh").replace("w", "v")
        return _J_AS_Y_RE.sub("y", out).replace("z", "ts")
    return ""


def split_words(text: str) -> list[str]:
    """Cleaned text split on spaces, hyphens and punctuation; apostrophes join (O'Brien)."""
    text = clean(text)
    for ch in _APOSTROPHES:
        text = text.replace(ch, "")
    words = []
    for raw in re.split(r"[\s\-\u2010-\u2015\u2212_.,;:/\\()\[\]{}\"!?|+&*#@<>=~^%$0-9]+", text):
        if raw:
            words.append(raw)
    return words


# ---- phonetic folding -----------------------------------------------------------------------
# fold() keeps vowels but merges spellings of the same sound across European and romanised
# Arabic/Russian conventions (ph/f, c/k, ou/u, final -ij/-iy/-y, doubled letters).
_FOLD_RULES = [
    (re.compile(r"^mc"), "mac"),
    (re.compile(r"(?<=[aeiou])y(?=[aeiou])"), "i"),
    (re.compile(r"(ij|iy|yj|yy|ii|y)$"), "i"),
    (re.compile(r"(?<=[^aeiouy])y(?=[^aeiouy])"), "i"),
    (re.compile(r"(ej|ey)$"), "ei"),
    (re.compile(r"sch"), "sh"),
    (re.compile(r"tch|tsh"), "ch"),
    (re.compile(r"ch(?=[rl])|ck|q|c(?=[aoukt]|$)|k"), "k"),
    (re.compile(r"ph"), "f"),
    (re.compile(r"c(?=[eiy])"), "s"),
    (re.compile(r"x"), "ks"),
    (re.compile(r"dj|dzh|zh"), "j"),
    (re.compile(r"ou|oo|w(?=[aeiou])(?<=^w)"), "u"),
    (re.compile(r"(?<=.)w"), "v"),
    (re.compile(r"ee|ie(?!$)"), "i"),
    (re.compile(r"ae"), "e"),
    (re.compile(r"^y(?=[aeiou])"), "i"),
    (re.compile(r"(?<=[a-z]{3})e$"), ""),
    (re.compile(r"(?<=[a-z]{3})es$"), "s"),
]
_DOUBLE_RE = re.compile(r"(.)\1+")


# English romanisations write long vowels doubled (Noor, Saleem, Alee, Yoosuf): read before
# doubled letters are merged, or "ee" would become "e"
_LONG_VOWELS_RE = re.compile(r"ee|oo")
_LONG_VOWELS = {"ee": "i", "oo": "u"}


@functools.lru_cache(maxsize=400_000)
def fold(word: str) -> str:
    """Phonetic spelling fold of an a-z word: 'Philippe' and 'Filip' fold alike."""
    out = _LONG_VOWELS_RE.sub(lambda m: _LONG_VOWELS[m.group(0)], word)
    for _ in range(4):  # rules can feed each other ("cq" -> "ck" -> "k"): run to a fixed point
        before = out
        out = _DOUBLE_RE.sub(r"\1", out)
        for pattern, repl in _FOLD_RULES:
            out = pattern.sub(repl, out)
        out = _DOUBLE_RE.sub(r"\1", out)
        if out == before:
            break
    return out


# "Abdel Rahman" / "Abderrahmane": the article is assimilated before sun letters
_ABD_RE = re.compile(r"^abd[aeiou]+l(?=[tdrzsn])")
_VOWELS_RE = re.compile(r"[aeiouy]")


@functools.lru_cache(maxsize=400_000)
def skeleton(word: str) -> str:
    """Consonant skeleton of an a-z word: vowels dropped, doubles merged ('mohammed' -> 'mhmd')."""
    out = _ABD_RE.sub("abd", fold(word))
    sk = _VOWELS_RE.sub("", out[0] + out[1:]) if out else ""
    return sk or out[:1]


# Cross-script skeleton: Arabic script has no p, v or g and writes no short vowels, and
# romanisers disagree on w/ou, kh/h and z/s, so these are merged into one class each.
_XK_TABLE = str.maketrans({"p": "b", "v": "f", "g": "j", "q": "k", "c": "k", "z": "s", "w": ""})
_XK_DIGRAPHS = [
    (re.compile(r"sh|ch"), "x"),
    (re.compile(r"kh"), "k"),
    (re.compile(r"gh"), "j"),
    (re.compile(r"th"), "t"),
    (re.compile(r"dh"), "d"),
]


@functools.lru_cache(maxsize=400_000)
def cross_skeleton(word: str) -> str:
    """Coarse consonant key shared by a name and its spelling in Arabic script."""
    # w is a vowel letter here (Arabic waw, "ou"): keep fold() from turning it into v
    out = _ABD_RE.sub("abd", fold(word.replace("w", "u")))
    for pattern, repl in _XK_DIGRAPHS:
        out = pattern.sub(repl, out)
    out = _DOUBLE_RE.sub(r"\1", out.translate(_XK_TABLE))
    out = _VOWELS_RE.sub("", out)
    return out or fold(word)[:1]


# Direct Arabic letter -> cross-skeleton class map: one more candidate next to the romanisers.
_AR_XK = {
    "ب": "b", "پ": "b", "ت": "t", "ث": "t", "ط": "t", "ة": "", "ج": "j", "چ": "x", "ژ": "j",
    "گ": "j", "غ": "j", "ح": "h", "ه": "h", "خ": "k", "ك": "k", "ک": "k", "ق": "k", "د": "d",
    "ذ": "d", "ض": "d", "ظ": "s", "ر": "r", "ز": "s", "س": "s", "ص": "s", "ش": "x", "ف": "f",
    "ڤ": "f", "ل": "l", "م": "m", "ن": "n", "و": "_", "ي": "_", "ى": "_", "ی": "_", "ا": "_",
    "أ": "_", "إ": "_", "آ": "_", "ء": "_", "ؤ": "_", "ئ": "_", "ع": "_",
}  # fmt: skip


_AR_SUN_ARTICLE_RE = re.compile("(^|عبد)ال(?=[تثدذرزسشصضطظلن])")


# Persian, Turkish and Urdu read ث ذ ض ظ as s/z and ق as gh (Rezaei رضائي, Sadeghi صادقي,
# Sana ثناء), and Turkish writes خ as h (Halil خليل, Hüri خوري): a second key with those
# readings.
_AR_XK_PERSIAN = {**_AR_XK, "ث": "s", "ذ": "s", "ض": "s", "ظ": "s", "ق": "j", "خ": "h"}


# A final "h" after a vowel romanises the Arabic ta marbuta (Fatimah, Aishah for فاطمة,
# عائشة), which is silent: one more key without it.
_TA_MARBUTA_RE = re.compile(r"(?<=[aeiou])h$")


def latin_cross_keys(word: str) -> tuple[str, ...]:
    """Cross-script keys of an a-z spelling: its skeleton, and the one read without a final
    ta marbuta."""
    key = cross_skeleton(word)
    bare = _TA_MARBUTA_RE.sub("", word)
    if bare == word or len(bare) < 3:
        return (key,)
    return (key, cross_skeleton(bare))


def arabic_letter_keys(written: str) -> list[str]:
    """The consonant keys an Arabic-script word's own letters give, most trustworthy first:
    the Arabic reading, the Persian and Turkish one, and without a final vowel letter (مرسييه)."""
    keys = [arabic_cross_skeleton(written), arabic_cross_skeleton(written, persian=True)]
    if written[-1:] in ("ه", "ة") and len(written) > 3:
        keys.append(arabic_cross_skeleton(written[:-1]))
    return keys


def arabic_cross_skeleton(word: str, persian: bool = False) -> str:
    word = _AR_SUN_ARTICLE_RE.sub(r"\1ا", word)
    table = _AR_XK_PERSIAN if persian else _AR_XK
    if persian and word.endswith("د"):
        word = word[:-1] + "ت"  # Turkish writes a final d as t: Ahmet أحمد, Murat مراد
    # letters map to consonant classes, long vowels to "_" so that doubles merge only when adjacent
    out = "".join(table.get(ch, "") for ch in word)
    return _DOUBLE_RE.sub(r"\1", out).replace("_", "")


def place_words(text: str) -> tuple[str, ...]:
    """A free-text place as ASCII words, for comparison and frequency counting."""
    words = []
    for w in split_words(text):
        words.extend(romanisations(w)[:1])
    return tuple(w for w in words if w)
