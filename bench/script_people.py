"""People of each script for bench.scripts: (native spelling, one Latin spelling a family
abroad writes). See bench/scripts.py for where each spelling comes from."""

from __future__ import annotations

import random
import re
import unicodedata
from collections.abc import Callable


def _ascii(text: str) -> str:
    text = unicodedata.normalize("NFKD", text)
    return "".join(ch for ch in text if ch.isascii() and (ch.isalpha() or ch in " -'"))


def _cap(text: str) -> str:
    return "-".join(part.capitalize() for part in text.split("-"))


def _order(rng: random.Random, given: str, family: str, family_first_share: float) -> str:
    if rng.random() < family_first_share:
        return f"{family} {given}"
    return f"{given} {family}"


# ---- people per script: (native, latin) ---------------------------------------------------


def _weighted(rng: random.Random, table) -> str:
    if isinstance(table, dict):
        keys = list(table)
        return rng.choices(keys, weights=[table[k] for k in keys])[0]
    return rng.choice(list(table))


def _japanese(rng: random.Random) -> tuple[str, str]:
    from faker.providers.person.ja_JP import Provider as P

    kanji_g, kana_g, roman_g = rng.choice(list(P.first_name_pairs))
    kanji_f, kana_f, roman_f = rng.choice(list(P.last_name_pairs))
    roll = rng.random()
    if roll < 0.6:
        native = f"{kanji_f} {kanji_g}"
    elif roll < 0.9:
        native = f"{kanji_f}{kanji_g}"
    else:
        native = f"{kana_f} {kana_g}"  # katakana, as written when the kanji are not known
    # families write long vowels dropped (faker's spelling), doubled or with h
    if rng.random() < 0.2:
        roman_f = re.sub(r"o(?=[^aeiou]|$)", "ou", roman_f, count=1)
    elif rng.random() < 0.1:
        roman_f = re.sub(r"o$", "oh", roman_f)
    return native, _order(rng, roman_g.capitalize(), roman_f.capitalize(), 0.2)


def _chinese(rng: random.Random) -> tuple[str, str]:
    from cantoroman import Cantonese
    from faker.providers.person import zh_CN, zh_TW
    from pypinyin import Style, lazy_pinyin

    taiwan = rng.random() < 0.3
    provider = zh_TW.Provider if taiwan else zh_CN.Provider
    family = _weighted(rng, provider.last_names)
    given = _weighted(rng, provider.first_names)
    if len(family) > 1 and rng.random() < 0.5:
        family = _weighted(rng, provider.last_names)
    native = family + given if rng.random() < 0.8 else f"{family} {given}"
    roll = rng.random()
    if taiwan or roll < 0.15:
        syllables = lazy_pinyin(given, style=Style.WADEGILES)
        surname = "".join(lazy_pinyin(family, style=Style.WADEGILES))
    elif roll < 0.3:
        canto = Cantonese()
        syllables = [(r[0] if r else "") for r in canto.getRoman(given)]
        surname = "".join(r[0] if r else "" for r in canto.getRoman(family))
        if not all(syllables) or not surname:
            syllables = lazy_pinyin(given)
            surname = "".join(lazy_pinyin(family))
    else:
        syllables = lazy_pinyin(given, v_to_u=True)
        surname = "".join(lazy_pinyin(family, v_to_u=True))
    syllables = [_ascii(s.replace("v", "ü")).replace("'", "") for s in syllables]
    surname = _ascii(surname.replace("v", "ü")).replace("'", "")
    joiner = "-" if (taiwan or rng.random() < 0.25) else ("" if rng.random() < 0.85 else " ")
    given_latin = (
        _cap(joiner.join(syllables))
        if joiner != " "
        else " ".join(s.capitalize() for s in syllables)
    )
    return native, _order(rng, given_latin, surname.capitalize(), 0.35)


def _korean(rng: random.Random) -> tuple[str, str]:
    from faker.providers.person.ko_KR import Provider as P
    from hangul_names.dramawiki import DramaWiki
    from hangul_names.words import Syllable
    from korean_romanizer.romanizer import Romanizer

    family = _weighted(rng, P.last_names)
    given = _weighted(rng, P.first_names)
    native = family + given if rng.random() < 0.85 else f"{family} {given}"
    popular = rng.random() < 0.6
    wiki = DramaWiki()

    def spell(syllable: str) -> str:
        if popular:
            return (
                wiki.syllable_overrides.get(syllable)
                or Syllable(char=syllable, ruleset=wiki.ruleset).romanize()
            )
        return Romanizer(syllable).romanize()

    syllables = [spell(s) for s in given]
    surname = (
        wiki.surname_overrides.get(family) or spell(family)
        if rng.random() < 0.7
        else Romanizer(family).romanize()
    )
    joiner = rng.choice(["-", "-", ""])
    given_latin = _cap(joiner.join(syllables))
    return native, _order(rng, given_latin, surname.capitalize(), 0.45)


def _thai(rng: random.Random) -> tuple[str, str]:
    from faker.providers.person.th_TH import Provider as P
    from pythainlp.transliterate import romanize

    given, family = rng.choice(list(P.first_names)), rng.choice(list(P.last_names))

    def spell(word: str) -> str:
        out = romanize(word, engine="royin")
        if rng.random() < 0.3:
            out = re.sub(r"(?<=[ptk])h", "", out)
        if rng.random() < 0.2:
            out = re.sub(r"i$", "ee", out)
        return out.capitalize()

    return f"{given} {family}", f"{spell(given)} {spell(family)}"


_V = "aeiouāīūēō"


def _spoken(iso: str) -> str:
    """Hindi and Bengali say most inherent vowels not: final ones, and a between two single
    consonants that sit between vowels (ra-ha-mā-na: Rahman)."""
    out = re.sub(rf"(?<=[^{_V}])a$", "", iso) if len(re.findall(f"[{_V}]", iso)) > 1 else iso
    return re.sub(rf"(?<=[{_V}][^{_V}h])a(?=[^{_V}h][{_V}])", "", out)


def _indic(locale: str) -> Callable[[random.Random], tuple[str, str]]:
    def person(rng: random.Random) -> tuple[str, str]:
        import importlib

        import icu

        provider = importlib.import_module(f"faker.providers.person.{locale}").Provider
        given = rng.choice(list(provider.first_names))
        family = rng.choice(list(provider.last_names))
        tr = icu.Transliterator.createInstance("Any-Latin")

        def spell(word: str) -> str:
            iso = unicodedata.normalize("NFC", tr.transliterate(word))
            if locale == "ta_IN":
                iso = re.sub(rf"(?<=[{_V}ṅ])k(?=[{_V}])", "g", iso) if rng.random() < 0.7 else iso
                iso = iso.replace("tt", "th").replace("nt", "nth") if rng.random() < 0.7 else iso
                iso = re.sub(r"^c", "s", iso)
            elif rng.random() < 0.85:
                iso = _spoken(iso)
            iso = iso.replace("ś", "sh").replace("ṣ", "sh").replace("ḻ", "zh")
            iso = iso.replace("ch", "chh").replace("c", "ch")
            out = _ascii(iso).lower()
            if rng.random() < 0.15:
                out = out.replace("sh", "s")
            return out.capitalize()

        return f"{given} {family}", f"{spell(given)} {spell(family)}"

    return person


# Hebrew names with the English spelling Israeli families use (bench data only)
_HEBREW_GIVEN = """
אברהם Avraham|Abraham; יצחק Yitzhak|Itzhak|Isaac; יעקב Yaakov|Jacob; משה Moshe; דוד David;
שלמה Shlomo; יוסף Yosef|Joseph; שמואל Shmuel|Samuel; דניאל Daniel; מיכאל Michael;
אריה Arie|Aryeh; יונתן Yonatan|Jonathan; אורי Uri; איתן Eitan|Ethan; נועם Noam; עומר Omer;
איתי Itai; רועי Roy|Roi; גיא Guy; אמיר Amir; אלון Alon; רון Ron; עידו Ido; יהודה Yehuda;
שרה Sarah|Sara; רחל Rachel; לאה Leah; רבקה Rivka|Rebecca; מרים Miriam; חנה Hannah|Chana;
נועה Noa; תמר Tamar; מיכל Michal; יעל Yael; שירה Shira; אסתר Esther; רות Ruth; דבורה Dvora|Deborah;
אביגיל Avigail|Abigail; הדס Hadas; ליאת Liat; אורית Orit; שני Shani; מאיה Maya; אפרת Efrat
"""
_HEBREW_FAMILY = """
כהן Cohen|Kohen; לוי Levi|Levy; מזרחי Mizrahi; פרץ Peretz; ביטון Biton; דהן Dahan; אברהם Avraham;
פרידמן Friedman; שפירא Shapira|Shapiro; כץ Katz; אזולאי Azoulay|Azulai; גבאי Gabay|Gabai;
מלכה Malka; חדד Hadad; גולן Golan; אוחיון Ohayon; יוסף Yosef; שלום Shalom; אשכנזי Ashkenazi;
ברק Barak; רוזנברג Rosenberg; גולדשטיין Goldstein; שטרן Stern; וייס Weiss; בן דוד Ben David;
סויסה Swisa; עמר Amar; קליין Klein; נחום Nachum|Nahum; חזן Hazan|Chazan; טל Tal; אלמוג Almog
"""


def _pairs(text: str) -> list[tuple[str, list[str]]]:
    out = []
    for item in text.replace("\n", " ").split(";"):
        item = item.strip()
        if item:
            hebrew, latin = item.rsplit(" ", 1)
            out.append((hebrew, latin.split("|")))
    return out


def _hebrew(rng: random.Random) -> tuple[str, str]:
    given, given_latin = rng.choice(_pairs(_HEBREW_GIVEN))
    family, family_latin = rng.choice(_pairs(_HEBREW_FAMILY))
    return f"{given} {family}", f"{rng.choice(given_latin)} {rng.choice(family_latin)}"


def _greek(rng: random.Random) -> tuple[str, str]:
    import icu
    from faker.providers.person.el_GR import Provider as P

    male = rng.random() < 0.5
    given = rng.choice(list(P.first_names_male if male else P.first_names_female))
    family = rng.choice(list(P.last_names_male if male else P.last_names_female))
    scheme = "Greek-Latin/UNGEGN" if rng.random() < 0.6 else "Greek-Latin"
    tr = icu.Transliterator.createInstance(scheme)
    native = f"{given} {family}"
    return native, _ascii(tr.transliterate(native))


def _persian(rng: random.Random) -> tuple[str, str]:
    from arabic_name_romanizer import Transliterator
    from faker.providers.person.fa_IR import Provider as P

    given, family = rng.choice(list(P.first_names)), rng.choice(list(P.last_names))
    tr = _persian_romanizer(Transliterator)
    spelled = []
    for word in (given, family):
        result = tr.transliterate(word, top_k=1)
        spelled.append(result if isinstance(result, str) else result[0].text)
    latin = " ".join(spelled)
    return f"{given} {family}", latin.title()


_ROMANIZERS: dict = {}


def _persian_romanizer(cls):
    if "fa" not in _ROMANIZERS:
        _ROMANIZERS["fa"] = cls(auto_load_model=False)
    return _ROMANIZERS["fa"]


PEOPLE: dict[str, Callable[[random.Random], tuple[str, str]]] = {
    "japanese": _japanese,
    "chinese": _chinese,
    "korean": _korean,
    "thai": _thai,
    "tamil": _indic("ta_IN"),
    "hebrew": _hebrew,
    "bengali": _indic("bn_BD"),
    "hindi": _indic("hi_IN"),
    "greek": _greek,
    "persian": _persian,
}
