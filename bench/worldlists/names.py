"""Who people are (name origin, given and family names) and how each kind of writer spells them.

Name pools: Faker's locale lists (fr_FR, fr_DZ, tr_TR, uk_UA, ru_RU) for the long tail, and
short hand-weighted lists of the most common names on top, because real boards are dominated by
a few very common names (namesakes) that Faker's alphabetical lists do not weight. Arabic and
Persian names are phonemic (see ``arabic.py``); Ukrainian and Russian are Cyrillic; the others
are Latin as their bearers write them.
"""

import re
from dataclasses import dataclass
from random import Random

from faker.providers.person.fr_DZ import Provider as FrDz
from faker.providers.person.fr_FR import Provider as FrFr
from faker.providers.person.ru_RU import Provider as RuRu
from faker.providers.person.tr_TR import Provider as TrTr
from faker.providers.person.uk_UA import Provider as UkUa

from bench.worldlists import arabic, cyrillic
from bench.worldlists.choice import chance, pick, zipf_weights


@dataclass(frozen=True)
class Identity:
    origin: str  # french, maghreb, westafrican, arab, persian, turkish, ukrainian, russian
    sex: str  # "M" or "F"
    given: str  # in the origin's own form: Latin, phonemic (arab, persian) or Cyrillic
    family: str
    father: str = ""  # father's given name: an Arabic nasab or the source of a patronymic


# --- hand-weighted heads of the distributions -----------------------------------------------

ARAB_MALE = {
    "muHammad": 30,
    "aHmad": 10,
    "3alI": 8,
    "maHmUd": 5,
    "muSTafY": 4,
    "khAlid": 4,
    "3umar": 5,
    "yUsuf": 5,
    "ibrAhIm": 5,
    "Hasan": 5,
    "Husayn": 4,
    "3abd al-qAdir": 3,
    "3abdallAh": 4,
    "SAliH": 3,
    "karIm": 3,
    "samIr": 3,
    "sa3Id": 3,
    "walId": 2,
    "khalIl": 2,
    "jamAl": 2,
    "rashId": 2,
    "nUr al-dIn": 2,
    "hishAm": 2,
    "ayman": 2,
    "3Adil": 2,
    "anas": 2,
    "bilAl": 2,
    "Hamz@": 2,
    "mUsY": 2,
    "yaHyY": 1,
    "sulaymAn": 2,
    "ismA3Il": 2,
    "TAriq": 2,
    "nabIl": 2,
    "fAris": 2,
    "3abd al-raHmAn": 2,
    "jirjis": 1,
    "buTrus": 1,
    "HannA": 1,
    "IliyAs": 1,
    "ziyAd": 1,
    "abU bakr": 1,
}
ARAB_FEMALE = {
    "fATim@": 10,
    "3A'ish@": 5,
    "maryam": 6,
    "khadIj@": 4,
    "zaynab": 4,
    "amIn@": 4,
    "nUr": 3,
    "layl@": 3,
    "salmY": 2,
    "hind": 2,
    "rIm": 2,
    "yAsmIn": 3,
    "hudY": 2,
    "asmA'": 2,
    "rAniy@": 2,
    "su3Ad": 2,
    "samIr@": 2,
    "najAt": 1,
    "laTIf@": 1,
    "rahaf": 1,
    "dunyA": 1,
    "HalIm@": 2,
    "manAl": 2,
    "sArah": 2,
    "Hanan": 1,
}
ARAB_FAMILY = {
    "al-Hasan": 4,
    "al-aHmad": 5,
    "al-3alI": 4,
    "al-khaTIb": 4,
    "al-HalabI": 3,
    "al-shAmI": 2,
    "al-maSrI": 2,
    "HaddAd": 4,
    "khUrI": 3,
    "3abbAs": 3,
    "HamdAn": 3,
    "al-najjAr": 3,
    "3uthmAn": 2,
    "ibrAhIm": 3,
    "sulaymAn": 2,
    "darwIsh": 2,
    "qAsim": 3,
    "manSUr": 3,
    "shAhIn": 2,
    "abU zayd": 2,
    "HijAzI": 2,
    "yUnis": 2,
    "3awaD": 2,
    "naSr": 2,
    "al-TaHHAn": 1,
    "jabbUr": 1,
    "hilAl": 1,
    "zayn al-dIn": 1,
    "abU SAliH": 1,
    "3abd al-raHmAn": 1,
    # Nisbas, trades and fathers' names: the long tail of Syrian family names.
    "al-kurdI": 2,
    "al-HamawI": 1,
    "al-HimSI": 2,
    "al-idlibI": 1,
    "qabbAnI": 1,
    "SabbAgh": 1,
    "khayyAT": 1,
    "HallAq": 1,
    "mardInI": 1,
    "al-zu3bI": 2,
    "al-HarIrI": 1,
    "al-rifA3I": 1,
    "jAbir": 2,
    "SAliH": 2,
    "khalIl": 2,
    "yUsuf": 2,
    "maHmUd": 2,
    "3azIz": 1,
    "bakkAr": 1,
    "barakAt": 2,
    "al-dabbAgh": 1,
    "al-sharIf": 1,
    "al-tamImI": 1,
    "al-3aTTAr": 1,
    "mUsY": 1,
    "DAhir": 1,
    "ayyUb": 1,
    "3IsY": 1,
    "al-HAjj": 2,
    "farHAt": 1,
    "kan3An": 1,
    "al-sayyid": 1,
    "Husayn": 2,
    "Hamad": 1,
    "ramaDAn": 1,
    "sha3bAn": 1,
}
PERSIAN_MALE = {
    "muHammad": 8,
    "3alI": 6,
    "riDA": 5,
    "Husayn": 5,
    "mahdI": 4,
    "amIr": 4,
    "HamId": 3,
    "muHsin": 2,
    "jawAd": 2,
    "majId": 2,
    "mas3Ud": 2,
}
PERSIAN_FEMALE = {"zahrA": 6, "maryam": 5, "fATim@": 5, "nargis": 3, "shIrIn": 2, "layl@": 2}
PERSIAN_FAMILY = {
    "muHammadI": 5,
    "aHmadI": 4,
    "HusaynI": 4,
    "riDA'I": 3,
    "karImI": 3,
    "raHImI": 3,
    "mUsawI": 2,
    "ja3farI": 2,
    "murAdI": 2,
}
# West African names of Arabic origin, in the variant spellings civil registries and French
# clerks produce (Mamadou is a West African Muhammad; some lists write Mouhamadou or Mohamed).
WEST_AFRICAN_MALE = {
    ("Mamadou", "Mamadu", "Mouhamadou", "Mohamed"): 8,
    ("Moussa", "Musa", "Mousa"): 5,
    ("Ousmane", "Ousman", "Usman"): 4,
    ("Amadou", "Ahmadou", "Hamadou"): 4,
    ("Ibrahima", "Ibrahim", "Brahima"): 4,
    ("Abdoulaye", "Abdulaye", "Abdoulahi"): 4,
    ("Cheikh", "Cheick", "Sheikh"): 3,
    ("Boubacar", "Aboubacar", "Boubakar"): 3,
    ("Souleymane", "Souleimane", "Suleiman"): 3,
    ("Seydou", "Seidou", "Saidou"): 2,
    ("Lamine", "Lamin", "Alamine"): 2,
    ("Aliou", "Alioune", "Aliyu"): 2,
    ("Bakary", "Bakari", "Bacary"): 2,
    ("Modou", "Modu", "Moudou"): 2,
}
WEST_AFRICAN_FEMALE = {
    ("Fatoumata", "Fatimata", "Fatoumatta", "Fatou"): 7,
    ("Aminata", "Aminatou", "Aminta"): 5,
    ("Mariama", "Mariam", "Maryam"): 4,
    ("Aïssatou", "Aissatou", "Aïssata"): 4,
    ("Kadiatou", "Kadidiatou", "Khadija"): 3,
    ("Oumou", "Oumy", "Umu"): 2,
    ("Rokia", "Rokiatou", "Rokhaya"): 2,
    ("Coumba", "Koumba", "Kumba"): 2,
    ("Ndèye", "Ndeye", "N'Deye"): 2,
    ("Awa", "Hawa", "Haoua"): 3,
}
WEST_AFRICAN_FAMILY = {
    ("Diallo", "Djallo", "Jallow"): 8,
    ("Traoré", "Traore", "Taore"): 6,
    ("Diop", "Diope"): 5,
    ("Ndiaye", "N'Diaye", "Ndiay"): 5,
    ("Keïta", "Keita", "Kéita"): 4,
    ("Coulibaly", "Koulibaly", "Kulibali"): 5,
    ("Cissé", "Cisse", "Sissé"): 4,
    ("Touré", "Toure", "Ture"): 4,
    ("Konaté", "Konate", "Konatè"): 3,
    ("Camara", "Kamara"): 4,
    ("Sylla", "Sila", "Silla"): 3,
    ("Sow", "Sao"): 3,
    ("Bâ", "Ba", "Bah"): 3,
    ("Mbaye", "M'Baye", "Mbay"): 3,
    ("Diarra", "Jarra", "Diara"): 3,
    ("Fofana", "Fofanah"): 2,
    ("Sangaré", "Sangare"): 2,
    ("Dembélé", "Dembele"): 2,
    ("Kanté", "Kante"): 2,
    ("Sissoko", "Cissoko"): 2,
    ("Doumbia", "Dumbia"): 2,
}
UKRAINIAN_MALE = {
    "Олександр": 10,
    "Андрій": 7,
    "Сергій": 7,
    "Дмитро": 6,
    "Володимир": 5,
    "Микола": 5,
    "Юрій": 4,
    "Віктор": 4,
    "Іван": 5,
    "Василь": 3,
    "Михайло": 4,
    "Олексій": 4,
    "Петро": 2,
    "Ігор": 4,
    "Євген": 3,
    "Григорій": 2,
}
UKRAINIAN_FEMALE = {
    "Олена": 8,
    "Наталія": 7,
    "Тетяна": 7,
    "Ірина": 6,
    "Ольга": 7,
    "Юлія": 5,
    "Катерина": 5,
    "Марія": 5,
    "Анастасія": 4,
    "Світлана": 5,
    "Людмила": 4,
    "Галина": 4,
    "Оксана": 5,
    "Вікторія": 4,
}
UKRAINIAN_FAMILY = {
    "Мельник": 8,
    "Шевченко": 8,
    "Бойко": 7,
    "Коваленко": 7,
    "Бондаренко": 6,
    "Ткаченко": 5,
    "Ковальчук": 5,
    "Кравченко": 5,
    "Олійник": 4,
    "Шевчук": 4,
    "Коваль": 4,
    "Поліщук": 4,
    "Бондар": 3,
    "Ткачук": 3,
    "Марченко": 3,
    "Лисенко": 3,
    "Руденко": 3,
    "Савченко": 3,
    "Петренко": 3,
    "Мороз": 3,
    "Кравчук": 3,
    "Клименко": 2,
    "Павленко": 2,
}
TURKISH_MALE = {
    "Mehmet": 10,
    "Mustafa": 7,
    "Ahmet": 7,
    "Ali": 6,
    "Hüseyin": 5,
    "Hasan": 5,
    "İbrahim": 4,
}
TURKISH_FEMALE = {"Fatma": 8, "Ayşe": 7, "Emine": 6, "Hatice": 5, "Zeynep": 5, "Elif": 4}

# The hand-weighted head is drawn this often; the rest of the time a Faker locale list is
# (the long tail of rarer names).
HEAD_SHARE = 0.7


def _weighted(names, weights=None) -> dict:
    weights = weights or [1.0] * len(names)
    table: dict = {}
    for name, weight in zip(names, weights, strict=True):
        if _is_clean(name):
            table[name] = table.get(name, 0) + weight
    return table


def _is_clean(name: str) -> bool:
    # Faker's lists carry a few typos (a trailing dot, a stray tilde) no family would write.
    return all(char.isalpha() or char in " -'ʼ’" for char in name)


FRENCH_FAMILY = _weighted(FrFr.last_names, zipf_weights(len(FrFr.last_names)))
FRENCH_MALE = _weighted(FrFr.first_names_male)
FRENCH_FEMALE = _weighted(FrFr.first_names_female)
MAGHREB_FAMILY = _weighted(FrDz.last_names)
MAGHREB_MALE = _weighted(FrDz.first_names_male)
MAGHREB_FEMALE = _weighted(FrDz.first_names_female)
TURKISH_FAMILY = _weighted(TrTr.last_names, zipf_weights(len(TrTr.last_names), offset=1))
TURKISH_MALE_TAIL = _weighted(TrTr.first_names_male)
TURKISH_FEMALE_TAIL = _weighted(TrTr.first_names_female)
RUSSIAN_FAMILY_MALE = list(RuRu.last_names_male)  # index-aligned with the feminine forms
RUSSIAN_FAMILY_WEIGHTS = zipf_weights(len(RUSSIAN_FAMILY_MALE))
RUSSIAN_MALE = _weighted(RuRu.first_names_male)
RUSSIAN_FEMALE = _weighted(RuRu.first_names_female)
UKRAINIAN_FAMILY_TAIL = _weighted(UkUa.last_names)
UKRAINIAN_MALE_TAIL = _weighted(UkUa.first_names_male)
UKRAINIAN_FEMALE_TAIL = _weighted(UkUa.first_names_female)


def draw_family_name(origin: str, rng: Random) -> str:
    """A family's name as the family holds it (masculine form for Slavic names)."""
    head_and_tail = {
        "french": (None, FRENCH_FAMILY),
        "maghreb": (None, MAGHREB_FAMILY),
        "westafrican": (WEST_AFRICAN_FAMILY, None),
        "arab": (ARAB_FAMILY, None),
        "persian": (PERSIAN_FAMILY, None),
        "turkish": (None, TURKISH_FAMILY),
        "ukrainian": (UKRAINIAN_FAMILY, UKRAINIAN_FAMILY_TAIL),
    }
    if origin == "russian":
        index = rng.choices(range(len(RUSSIAN_FAMILY_MALE)), RUSSIAN_FAMILY_WEIGHTS)[0]
        return RUSSIAN_FAMILY_MALE[index]
    return _head_or_tail(*head_and_tail[origin], rng)


def draw_given_name(origin: str, sex: str, rng: Random) -> str:
    male = sex == "M"
    head_and_tail = {
        "french": (None, FRENCH_MALE if male else FRENCH_FEMALE),
        "maghreb": (ARAB_MALE if male else ARAB_FEMALE, MAGHREB_MALE if male else MAGHREB_FEMALE),
        "westafrican": (WEST_AFRICAN_MALE if male else WEST_AFRICAN_FEMALE, None),
        "arab": (ARAB_MALE if male else ARAB_FEMALE, None),
        "persian": (PERSIAN_MALE if male else PERSIAN_FEMALE, None),
        "turkish": (
            TURKISH_MALE if male else TURKISH_FEMALE,
            TURKISH_MALE_TAIL if male else TURKISH_FEMALE_TAIL,
        ),
        "ukrainian": (
            UKRAINIAN_MALE if male else UKRAINIAN_FEMALE,
            UKRAINIAN_MALE_TAIL if male else UKRAINIAN_FEMALE_TAIL,
        ),
        "russian": (None, RUSSIAN_MALE if male else RUSSIAN_FEMALE),
    }
    name = _head_or_tail(*head_and_tail[origin], rng)
    if origin == "french" and chance(rng, 0.1):
        # Compound French given names (Jean-Pierre, Marie-Claire): split or glued by lists.
        name = f"{name}-{_head_or_tail(None, FRENCH_MALE if male else FRENCH_FEMALE, rng)}"
    return name


def _head_or_tail(head: dict | None, tail: dict | None, rng: Random):
    if head and (tail is None or chance(rng, HEAD_SHARE)):
        return pick(rng, head)
    return pick(rng, tail)


def feminine_family_name(family: str, origin: str) -> str:
    """East Slavic family names agree with the bearer's sex (Зайцев, Зайцева)."""
    if origin == "russian":
        index = RUSSIAN_FAMILY_MALE.index(family)
        return RuRu.last_names_female[index]
    if origin == "ukrainian":
        for masculine, feminine in (("ський", "ська"), ("цький", "цька"), ("ий", "а")):
            if family.endswith(masculine):
                return family[: -len(masculine)] + feminine
        if family.endswith(("ов", "ев", "єв", "ин", "ін")):
            return family + "а"
    return family


def patronymic(father: str, sex: str, origin: str) -> str:
    """Father's name as an East Slavic patronymic (Петрович, Петрівна); regular forms only."""
    stem = father
    if stem.endswith(("о", "а")):
        stem = stem[:-1]
    if origin == "russian" and stem.endswith("ей"):
        return stem[:-1] + ("евич" if sex == "M" else "евна")
    if origin == "russian" and stem.endswith("ий"):
        return stem[:-2] + ("ьевич" if sex == "M" else "ьевна")
    if sex == "M":
        return stem + "ович"
    return stem + ("івна" if origin == "ukrainian" else "овна")


# --- writing a name in a convention ---------------------------------------------------------

LATIN_CONVENTIONS = (
    "latin_fr",
    "latin_en",
    "latin_de",
    "latin_pl",
    "latin_tr",
    "passport",
    "scholarly",
)
# How writers who do not have a letter write it (Turkish letters abroad, French accents).
FOREIGN_LETTERS = {
    "latin_fr": {"ş": "ch", "ç": "tch", "ğ": "", "ı": "i", "İ": "I", "Ş": "Ch", "Ç": "Tch"},
    "latin_en": {
        "ş": "sh",
        "ç": "ch",
        "ğ": "",
        "ı": "i",
        "İ": "I",
        "Ş": "Sh",
        "Ç": "Ch",
        "ö": "o",
        "ü": "u",
        "é": "e",
        "è": "e",
        "ë": "e",
        "ï": "i",
        "â": "a",
    },
    "latin_de": {"ş": "sch", "ç": "tsch", "ğ": "", "ı": "i", "İ": "I", "Ş": "Sch", "Ç": "Tsch"},
}


def write(
    identity: Identity, convention: str, rng: Random, russian_speaker: bool = False
) -> tuple[str, str, str]:
    """(given, family, extra) as a writer of ``convention`` puts them down. ``extra`` is the
    father's name or patronymic when the convention usually carries it, else ''."""
    family = identity.family
    if identity.sex == "F":
        family = feminine_family_name(family, identity.origin)
    if identity.origin in ("arab", "persian", "maghreb") and _is_phonemic(identity.given):
        return _write_phonemic(identity, family, convention, rng)
    if identity.origin in ("ukrainian", "russian"):
        return _write_cyrillic(identity, family, convention, rng, russian_speaker)
    given = _variant(identity.given, rng) if identity.origin == "westafrican" else identity.given
    family = _variant(family, rng) if identity.origin == "westafrican" else family
    return _write_latin(given, convention, rng), _write_latin(family, convention, rng), ""


def _is_phonemic(name: str) -> bool:
    return (
        name in ARAB_MALE or name in ARAB_FEMALE or name in PERSIAN_MALE or name in PERSIAN_FEMALE
    )


def _variant(name, rng: Random) -> str:
    """West African names: the bearer's own spelling most of the time, another variant else."""
    if isinstance(name, str):
        return name
    if chance(rng, 0.6):
        return name[0]
    return rng.choice(name)


def _write_phonemic(
    identity: Identity, family: str, convention: str, rng: Random
) -> tuple[str, str, str]:
    persian = identity.origin == "persian"
    if identity.origin == "maghreb":
        family_text = _write_latin(family, convention, rng)  # fr_DZ family names are Latin already
    else:
        family_text = _phonemic_in(family, convention, rng, persian)
    given = _phonemic_in(identity.given, convention, rng, persian)
    father = identity.father
    if father:
        # A Maghreb father's name may come from the Latin (fr_DZ) list.
        if _is_phonemic(father):
            father = _phonemic_in(father, convention, rng, persian)
        else:
            father = _write_latin(father, convention, rng)
    return given, family_text, father


def _phonemic_in(phonemic: str, convention: str, rng: Random, persian: bool) -> str:
    if convention == "arabic":
        return arabic.to_arabic_script(phonemic, rng, persian)
    if convention == "machine":
        # An automatic romaniser run on the Arabic script: no vowels, diacritics kept.
        return cyrillic.icu_transliterate(
            "Arabic-Latin", arabic.to_arabic_script(phonemic, rng, persian)
        )
    if convention == "cyrillic":
        return cyrillic.icu_transliterate(
            "Latin-Cyrillic", arabic.to_latin(phonemic, "latin_en", rng)
        )
    if convention in ("passport", "latin_pl"):
        convention = "latin_en"
    return arabic.to_latin(phonemic, convention, rng, persian)


def _write_cyrillic(
    identity: Identity, family: str, convention: str, rng: Random, russian_speaker: bool
) -> tuple[str, str, str]:
    russian = identity.origin == "russian"
    given = identity.given
    given_is_russian = russian
    if not russian and (russian_speaker or chance(rng, 0.1)):
        given = cyrillic.russian_form(given)  # a Russian-speaking clerk or an old document
        given_is_russian = given != identity.given
    father = patronymic(identity.father, identity.sex, identity.origin) if identity.father else ""
    if convention == "cyrillic":
        return given, family, father
    western = cyrillic.western_form(identity.given, convention)
    if western and chance(rng, 0.08):
        given_text = western  # staff abroad write the local equivalent (Alexandre)
    else:
        given_text = _cyrillic_in(given, convention, rng, given_is_russian)
    family_text = _cyrillic_in(family, convention, rng, russian)
    return given_text, family_text, _cyrillic_in(father, convention, rng, russian) if father else ""


def _cyrillic_in(name: str, convention: str, rng: Random, russian: bool) -> str:
    if convention in ("machine", "latin_tr"):
        convention = "latin_en"
    if convention == "arabic":
        return cyrillic.icu_transliterate("Russian-Latin/BGN; Latin-ASCII; Latin-Arabic", name)
    return cyrillic.to_latin(name, convention, rng, russian)


def _write_latin(name: str, convention: str, rng: Random) -> str:
    if convention == "arabic":
        return latin_in_arabic_script(name)
    if convention == "cyrillic":
        return cyrillic.icu_transliterate("Latin-ASCII; Latin-Cyrillic", name)
    letters = FOREIGN_LETTERS.get(convention)
    if letters and chance(rng, 0.8):
        name = "".join(letters.get(char, char) for char in name)
    return name


# Foreign names in Arabic script are written with their vowels as letters (Dupont: دوبون), so
# every vowel is made long before ICU's Latin-Arabic; a French mute e is dropped.
LONG_VOWELS = {"a": "ā", "i": "ī", "y": "ī", "o": "ū", "u": "ū", "e": ""}
LATIN_DIGRAPHS = {"kh": "خ", "ch": "ش", "sh": "ش", "dj": "ج", "gh": "غ", "th": "ث"}
# Letters Arabic does not have, as Arab clerks replace them (ICU would write Persian letters).
ARABIC_FOR_PERSIAN = {"پ": "ب", "ڤ": "ف", "گ": "ج", "چ": "تش", "ژ": "ج"}


def latin_in_arabic_script(name: str) -> str:
    text = cyrillic.icu_transliterate("Latin-ASCII", name).lower()
    text = re.sub(r"([a-z])\1", r"\1", text)  # doubled letters are written once
    text = text.replace("ou", "u").replace("oo", "u").replace("ee", "i")
    text = "".join(_long_vowel(text, i) for i in range(len(text)))
    for digraph, letter in LATIN_DIGRAPHS.items():
        text = text.replace(digraph, letter)
    arabic_text = cyrillic.icu_transliterate("Latin-Arabic", text)
    arabic_text = "".join(ARABIC_FOR_PERSIAN.get(char, char) for char in arabic_text)
    # ICU writes short vowels as diacritics; hand-written Arabic does not.
    return "".join(char for char in arabic_text if not "\u064b" <= char <= "\u0652")


def _long_vowel(text: str, i: int) -> str:
    char = text[i]
    starts_word = i == 0 or not text[i - 1].isalpha()
    if starts_word and char in "ei":
        return "إī"  # an initial vowel is carried by an alif
    if starts_word and char in "ou":
        return "أū"
    if char == "y" and starts_word:
        return "y"
    return LONG_VOWELS.get(char, char)
