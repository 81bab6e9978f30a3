"""What lists write in a name field that is not the person's name.

Hand-written and scanned lists put more than the name in the name field: a title ("Mme
Dubois", "Dr. Haddad", "Hajj Ali"), who the person is to someone else ("Karim (brother of
Ahmed)", "Amina, fille de Fatou"), and scanned lists read letters as digits ("Mar1e",
"5ophie", "Dub0is"). Left in, "Mme" would be compared as a given name and "Ahmed" as the
person's own. This removes them before the name is read; everything else is left alone.
"""

from __future__ import annotations

import functools
import re

# Forms of address in the languages of the lists (English, French, Spanish, Portuguese,
# Italian, German, Dutch, Turkish, Arabic romanised). Not "m" (an initial as often as
# "monsieur"), not "don", "sayed" or "said" (given names as often as titles).
TITLES = frozenset(
    [
        "mr",
        "mrs",
        "ms",
        "miss",
        "mx",
        "dr",
        "prof",
        "mme",
        "mmes",
        "mlle",
        "mlles",
        "madame",
        "monsieur",
        "mademoiselle",
        "messieurs",
        "sr",
        "sra",
        "srta",
        "sig",
        "signor",
        "signora",
        "herr",
        "frau",
        "dhr",
        "mevr",
        "bay",
        "bayan",
        "hajj",
        "haj",
        "hadj",
        "hajji",
        "hajja",
        "hadja",
        "sheikh",
        "cheikh",
        "shaykh",
        "sheik",
        # Ukrainian, Russian and Polish
        "пан",
        "пані",
        "господин",
        "госпожа",
        "гражданин",
        "гражданка",
        "pani",
    ]
)
# Who the person is to someone else: the rest is another person's name.
_KIN_RE = re.compile(
    r"[,;:\-–—]?\s*\b(?:brother|sister|son|daughter|wife|husband|mother|father|child|cousin|"
    r"uncle|aunt|niece|nephew|grandson|granddaughter|frère|frere|sœur|soeur|fils|fille|"
    r"épouse|epouse|femme|mari|mère|mere|père|pere|enfant|cousin|cousine|oncle|tante|"
    r"neveu|nièce|niece)\s+(?:of|de|du|des|d'|d’)\b.*$",
    re.IGNORECASE,
)
_BRACKETS_RE = re.compile(r"\([^)]*\)?|\[[^\]]*\]?|\{[^}]*\}?")
# a digit inside or at the edge of a word of letters, as OCR reads letters
_OCR = str.maketrans({"0": "o", "1": "l", "5": "s", "8": "b", "6": "g", "2": "z", "4": "a"})
_OCR_RE = re.compile(r"(?<=[^\W\d_])[0-9]+|[0-9]+(?=[^\W\d_])")
_WORD_RE = re.compile(r"[^\W\d_]+\.?", re.UNICODE)


# "M. Torres": Monsieur Torres as often as Michel Torres, so both readings are kept
_AMBIGUOUS_TITLE_RE = re.compile(r"^\s*M\.\s+(?=\S)")


# A second name in the name field: the birth or married family name ("Marie Dupont née
# Martin", "Marie Martin épouse Dupont", "Anna Müller geb. Schmidt", "Ганна Коваль уроджена
# Бойко") or another name the person goes by ("Jean Dupont dit Jeannot", "alias", "aka").
# Lists write either family name, so both are readings of the person's name.
_SECOND_NAME_RE = re.compile(
    r"[,(\[]?\s*\b(?:(?P<family>née|nee|geb\.|geborene|épouse|epouse|ép\.|ep\.|veuve|vve|"
    r"z domu|z d\.|урожд\.|урожд(?:е|ё)нн(?:ая|ый)|уроджена|уроджений)"
    r"|(?P<alias>dite?|alias|aka|a\.k\.a\.|known as|also known as|genannt))"
    # "épouse de Karim", "wife of Karim": who she is to someone else, a kinship note
    r"(?=[\s.])(?!\s+(?:of|de|du|des|d['’])\b)\.?\s+(?P<name>[^\W\d_][^,;()\[\]]*)[)\]]?",
    re.IGNORECASE,
)


def second_name(text: str) -> tuple[str, str, str] | None:
    """(the name without the second one, the second name, "family" or "alias"), or None."""
    if not text:
        return None
    match = _SECOND_NAME_RE.search(text)
    if match is None or match.start() == 0:
        return None
    main = (text[: match.start()] + " " + text[match.end() :]).strip(" ,;")
    if not _WORD_RE.search(main):
        return None
    kind = "family" if match.group("family") else "alias"
    return main, match.group("name").strip(), kind


# A scanned 1 is an l as often as an I ("O1eg", "1sa", "Mar1e")
_OCR_ONE_RE = re.compile(r"(?<=[^\W\d_])1|1(?=[^\W\d_])")


def other_readings(text: str) -> tuple[str, ...]:
    """More ways to read a name field: without a leading "M." that may be "monsieur", and
    with a scanned 1 read as i rather than l."""
    out = []
    untitled = without_ambiguous_title(text)
    if untitled is not None:
        out.append(untitled)
    if text and _OCR_ONE_RE.search(text):
        out.append(_OCR_ONE_RE.sub("i", text))
    return tuple(out)


def without_ambiguous_title(text: str) -> str | None:
    """The name read without a leading "M." (monsieur) when it may be a title, else None."""
    if not text or not _AMBIGUOUS_TITLE_RE.match(text):
        return None
    rest = _AMBIGUOUS_TITLE_RE.sub("", text, count=1)
    return rest if _WORD_RE.search(rest) else None


# Lists write that the name is not known in the name field ("unknown man, about 40",
# "Inconnue", "NN", "مجهول الهوية"): the rest of the field describes, it does not name.
_UNKNOWN_RE = re.compile(
    r"\b(?:unknown|unidentified|unnamed|john doe|jane doe|inconnue?s?|non identifiée?s?|"
    r"desconocid[oa]s?|no identificad[oa]s?|desconhecid[oa]s?|sconosciut[oa]|ignot[oa]|"
    r"unbekannte?r?|bilinmeyen|kimliği belirsiz|kimliksiz|невідом(?:ий|а|і)|"
    r"неизвестн(?:ый|ая|ые)|невстановлен\w*|неустановлен\w*)\b"
    r"|مجهول|ناشناس",
    re.IGNORECASE,
)
_NO_NAME_RE = re.compile(r"^\s*(?:x|nn|n\.\s?n\.?|n/a|\?+|-+)\s*$", re.IGNORECASE)


def names_no_one(text: str) -> bool:
    """The name field says the name is not known."""
    return bool(text) and bool(_UNKNOWN_RE.search(text) or _NO_NAME_RE.match(text))


@functools.lru_cache(maxsize=100_000)
def strip_annotations(text: str) -> str:
    """The name in a name field: without brackets, kinship notes, titles or OCR digits;
    nothing when it says the name is not known."""
    if not text:
        return text
    if names_no_one(text):
        return ""
    out = _BRACKETS_RE.sub(" ", text)
    out = _KIN_RE.sub("", out)
    out = _OCR_RE.sub(lambda m: m.group(0).translate(_OCR), out)
    words = out.split()
    kept = [w for w in words if w.lower().rstrip(".") not in TITLES]
    # a name that is only a title ("Madame") stays as written: nothing better to compare
    return " ".join(kept) if kept else text.strip()
