"""Every rate the world is drawn with, a named constant with the reason for its value, and the
words writers use (titles, relations, "unknown"). The package docstring lists the rates for
readers of the data."""

from datetime import date

# Share of reports of each source that are about someone with a post. Hospitals and partner
# lists record everyone they receive, and most of them nobody searched for on this board; people
# who write in about themselves or a relative mostly answer a search.
TRUE_SHARE = {
    "hospital": 0.15,
    "shelter": 0.25,
    "list": 0.08,
    "passerby": 0.35,
    "self": 0.5,
    "family": 0.85,
}
# Where reports come from (hospital and shelter lists are the bulk after a disaster).
SOURCE_MIX = {"hospital": 30, "shelter": 25, "list": 20, "passerby": 8, "self": 12, "family": 5}
THIRD_PARTIES = ("hospital", "shelter", "list", "passerby")
SELF_REPORT_MIN_AGE = 12

HOUSEHOLD_SIZE = {1: 20, 2: 25, 3: 20, 4: 18, 5: 10, 6: 7}
# Once one member of a household is searched for, each other member is too with this chance:
# families are caught together (same family name, several true posts).
ALSO_MISSING = 0.35
# Two relatives post the same person independently (rare: boards show existing posts).
DUPLICATE_POST = 0.03
# A non-matching report is about a relative of someone searched for (same family name, same
# household) this often; otherwise about anyone in the population.
RELATIVE_OF_POSTED = 0.2
# Married women who carry their husband's family name; Arab, Persian and West African women keep
# their own, so spouses do not share it.
TAKES_HUSBANDS_NAME = {"french": 0.8, "ukrainian": 0.9, "russian": 0.9, "turkish": 0.9}

# Family posts: a birth date is known this often (the family has the ID card at hand) ...
POST_BIRTH_DATE = 0.45
# ... otherwise an age, one year off this often (birthday confusion), or a narrow range.
POST_AGE_OFF_BY_ONE = 0.12
POST_AGE_RANGE = 0.03
# Families add other spellings they know (passport, Arabic script, nickname) this often.
POST_ALTERNATE_NAMES = 0.35

# Third-party age estimates: standard deviation 2 + 0.12 * age years (about 3 at 8, 7 at 40,
# 10 at 70): triage sheets estimate adults within a decade, children better. How it is written:
THIRD_PARTY_AGE_FORMS = {"number": 40, "round_five": 15, "decade": 15, "range": 20, "none": 10}
THIRD_PARTY_SEX_BLANK = 0.08
THIRD_PARTY_SEX_WRONG = 0.015

# How the name is put down, by source. "caps_first" is "DUPONT Jean"; "family_first" the same
# without the capitals cue; "swapped" a given name put in the family-name field; "family_only"
# "Mme Dubois"; "given_only" "Karim (frère de Samir)"; "unknown" "homme inconnu, environ 30 ans".
NAME_FORMS = {
    "hospital": {
        "full": 30,
        "caps_first": 25,
        "family_first": 8,
        "split": 20,
        "swapped": 5,
        "family_only": 5,
        "given_only": 3,
        "unknown": 4,
    },
    "shelter": {
        "full": 35,
        "caps_first": 10,
        "family_first": 7,
        "split": 30,
        "swapped": 6,
        "family_only": 5,
        "given_only": 5,
        "unknown": 2,
    },
    "list": {"full": 20, "caps_first": 35, "family_first": 5, "split": 30, "swapped": 10},
    "passerby": {
        "full": 30,
        "family_first": 5,
        "split": 5,
        "family_only": 15,
        "given_only": 25,
        "unknown": 20,
    },
    "self": {"full": 50, "split": 45, "family_first": 5},
    "family": {"full": 50, "split": 45, "given_only": 5},
    "post": {"full": 38, "split": 55, "caps_first": 5, "family_first": 2},
}
# Scanned or re-typed lists: one or two OCR-like errors in a name this often.
OCR_RATE = {"hospital": 0.25, "list": 0.3}
# Hospital and list systems that only take ASCII drop accents this often.
ASCII_ONLY = {"hospital": 0.5, "list": 0.4, "shelter": 0.2}
# Third parties writing Arabic script add the father's name between given and family name
# (the nasab of Syrian and Iraqi documents); Cyrillic writers add the patronymic (Зайцева Ольга
# Петрівна). Writers in Latin rarely do: only when they copy a document that has it.
FATHER_NAME_WRITTEN = {"arabic": 0.5, "cyrillic": 0.5}
FATHER_NAME_COPIED = 0.08
# Passers-by report near where they found someone; a true pair's found place equals the
# last-seen place only in that case.
PASSERBY_AT_LAST_SEEN = 0.25

TODAY = date(2026, 1, 15)


# --- how writers word a record ---------------------------------------------------------------

LANGUAGE = {
    "latin_fr": "fr",
    "latin_en": "en",
    "passport": "en",
    "scholarly": "en",
    "machine": "en",
    "latin_de": "de",
    "latin_pl": "pl",
    "latin_tr": "tr",
    "arabic": "ar",
    "cyrillic": "uk",
}
TITLES = {
    "fr": ("M.", "Mme"),
    "en": ("Mr", "Mrs"),
    "de": ("Herr", "Frau"),
    "pl": ("Pan", "Pani"),
    "tr": ("Bay", "Bayan"),
    "ar": ("السيد", "السيدة"),
    "uk": ("пан", "пані"),
}
RELATIONS = {
    "fr": (
        "{given} ({rel} de {other})",
        {
            "sibling": ("frère", "sœur"),
            "child": ("fils", "fille"),
            "parent": ("père", "mère"),
            "spouse": ("mari", "femme"),
        },
    ),
    "en": (
        "{given} ({rel} of {other})",
        {
            "sibling": ("brother", "sister"),
            "child": ("son", "daughter"),
            "parent": ("father", "mother"),
            "spouse": ("husband", "wife"),
        },
    ),
    "de": (
        "{given} ({rel} von {other})",
        {
            "sibling": ("Bruder", "Schwester"),
            "child": ("Sohn", "Tochter"),
            "parent": ("Vater", "Mutter"),
            "spouse": ("Mann", "Frau"),
        },
    ),
    "pl": (
        "{given} ({rel} {other})",
        {
            "sibling": ("brat", "siostra"),
            "child": ("syn", "córka"),
            "parent": ("ojciec", "matka"),
            "spouse": ("mąż", "żona"),
        },
    ),
    "tr": (
        "{given} ({other} {rel})",
        {
            "sibling": ("kardeşi", "kardeşi"),
            "child": ("oğlu", "kızı"),
            "parent": ("babası", "annesi"),
            "spouse": ("eşi", "eşi"),
        },
    ),
    "ar": (
        "{given} ({rel} {other})",
        {
            "sibling": ("أخو", "أخت"),
            "child": ("ابن", "بنت"),
            "parent": ("أبو", "أم"),
            "spouse": ("زوج", "زوجة"),
        },
    ),
    "uk": (
        "{given} ({rel} {other})",
        {
            "sibling": ("брат", "сестра"),
            "child": ("син", "донька"),
            "parent": ("батько", "мати"),
            "spouse": ("чоловік", "дружина"),
        },
    ),
}
UNKNOWN = {
    "fr": ("homme inconnu, environ {age} ans", "femme inconnue, environ {age} ans"),
    "en": ("unknown man, about {age}", "unknown woman, about {age}"),
    "de": ("unbekannter Mann, ca. {age}", "unbekannte Frau, ca. {age}"),
    "pl": ("NN mężczyzna, ok. {age} lat", "NN kobieta, ok. {age} lat"),
    "tr": ("kimliği belirsiz erkek, {age} yaşlarında", "kimliği belirsiz kadın, {age} yaşlarında"),
    "ar": ("مجهول، حوالي {age} سنة", "مجهولة، حوالي {age} سنة"),
    "uk": ("невідомий чоловік, близько {age} років", "невідома жінка, близько {age} років"),
}
