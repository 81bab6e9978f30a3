"""Hebrew names: Latin spellings with the vowels Hebrew leaves out, and classical forms.

Hebrew writes few vowels (יצחק: y-ts-h-q), so ICU's reading ("yzhq") meets no Latin
spelling. We write the consonants the ways Israelis spell them in Latin letters (ח as h or
ch, כ as k or ch, ו as o, u or v, צ as tz or ts) with "a" between consonants where no
vowel letter stands: the engine then compares consonant skeletons (Yitzhak, Itzhak and
yatzahak share "tzhk"). Abroad, many names take a classical English form (Yitzhak Isaac,
Yaakov Jacob), listed below.
"""

from __future__ import annotations

import functools

from ..text import to_ascii

# One reading per line of Latin habits: Sephardi/Israeli (Hadad, Ohayon, Shapira),
# Ashkenazi (Friedman, Rachel, Nachum), and plain letters (Kohen, Shapiro, Swisa, Avraham).
# b/k/p with a dot (dagesh) at the start of a word, v/kh/f elsewhere, unless a scheme says.
_SCHEMES = (
    {"ח": "h", "ו": "o", "ש": "sh", "צ": "tz", "soft": "start"},
    {"ח": "ch", "ו": "u", "ש": "sh", "צ": "tz", "soft": "always"},
    {"ח": "kh", "ו": "v", "ש": "s", "צ": "ts", "soft": "never"},
    {"ח": "h", "ו": "u", "ש": "s", "צ": "z", "soft": "start"},
)
_HARD = {"ב": "b", "כ": "k", "פ": "p"}
_SOFT = {"ב": "v", "כ": "ch", "פ": "f"}
_LETTERS = {
    "א": "", "ג": "g", "ד": "d", "ה": "h", "ז": "z", "ט": "t", "י": "i", "ך": "ch", "ל": "l",
    "מ": "m", "ם": "m", "נ": "n", "ן": "n", "ס": "s", "ע": "", "ף": "f", "ץ": "tz", "ק": "k",
    "ר": "r", "ת": "t", "ח": "h", "ו": "o", "ש": "sh", "צ": "tz", "ב": "b", "כ": "k", "פ": "p",
}  # fmt: skip
_VOWEL_LETTERS = "אעויה"

# Hebrew spelling -> classical and international forms used abroad
_CLASSICAL = """
יצחק isaac yitzhak itzhak
יעקב jacob yaakov yakov
יוסף joseph yosef yossi
משה moses moshe
אברהם abraham avraham avi
שמואל samuel shmuel
שלמה solomon shlomo
מרים miriam
רבקה rebecca rivka
שרה sarah sara
רחל rachel
לאה leah lea
חנה hannah chana hanna
אליהו elijah eliyahu
יהודה judah yehuda
יונתן jonathan yonatan
בנימין benjamin binyamin
מיכאל michael
דניאל daniel
גבריאל gabriel
רפאל raphael rafael
אביגיל abigail avigail
אסתר esther ester
רות ruth rut
דבורה deborah dvora
יהושע joshua yehoshua
נתן nathan natan
אהרן aaron aharon
אהרון aaron aharon
יוחנן john yochanan
שמעון simon shimon
ישראל israel yisrael
איתן ethan eitan
נעמי naomi
חוה eve chava
כהן cohen kohen cohn kahn
לוי levi levy
"""


@functools.cache
def _classical() -> dict[str, tuple[str, ...]]:
    table = {}
    for line in _CLASSICAL.strip().splitlines():
        hebrew, *latin = line.split()
        table[hebrew] = tuple(latin)
    return table


def _sound(ch: str, i: int, scheme: dict) -> str:
    if ch in _HARD:
        soft = scheme["soft"] == "always" or (scheme["soft"] == "start" and i > 0)
        return _SOFT[ch] if soft else _HARD[ch]
    return scheme.get(ch, _LETTERS[ch])


def _reading(word: str, scheme: dict) -> str:
    letters = [ch for ch in word if ch in _LETTERS or ch == "׳"]
    last = len(letters) - 1
    out = []
    for i, ch in enumerate(letters):
        if ch == "׳":
            continue
        nxt = letters[i + 1] if i < last else ""
        vowel = False
        if ch == "ג" and nxt == "׳":
            sound = "j"
        elif ch in "וי" and nxt == ch:
            sound = "v" if ch == "ו" else "y"
        elif ch in "וי" and i > 0 and letters[i - 1] == ch:
            continue
        elif ch == "י":
            vowel = i > 0 and nxt != "ו"
            sound = "i" if vowel else "y"
        elif ch == "ו" and i > 0:
            vowel = scheme["ו"] != "v"
            sound = scheme["ו"]
        elif ch == "ו":
            sound = "v"
        elif ch in "אע":
            vowel = True
            sound = "a" if (i == 0 or nxt not in _VOWEL_LETTERS) and i < last else ""
        elif ch == "ה" and i == last and i > 0:
            vowel = True
            sound = "" if out and out[-1].endswith("a") else "a"  # final he: Malka, Noa
        else:
            sound = _sound(ch, i, scheme)
        out.append(sound)
        # a vowel the script leaves out: between two consonants
        if not vowel and i < last and nxt not in _VOWEL_LETTERS and nxt != "׳":
            out.append("a")
    return to_ascii("".join(out))


@functools.lru_cache(maxsize=50_000)
def readings(word: str) -> tuple[str, ...]:
    forms = list(_classical().get(word, ()))[:3] + [_reading(word, s) for s in _SCHEMES]
    forms.insert(4, to_ascii(word))  # ICU, consonants only: among the first eight kept
    return tuple(dict.fromkeys(f for f in forms if f))


def units(word: str) -> list[tuple[str, tuple[str, ...]]]:
    return [(word, readings(word))]
