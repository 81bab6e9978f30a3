"""Hand-written name inventories with real spelling variants.

Every concept lists spellings that the *same person's* name is really written as by
different writers: a family in Lyon, a hospital in Beirut, an NGO in Gaziantep, a
volunteer typing on a phone. The first Latin spelling is the most common one.

Line format (fields separated by `|`):

    given:  key | sex | origins | latin spellings | other-script spellings | short forms
    family: key | origins | latin spellings | other-script spellings

Other-script spellings are Arabic script (Arabic or Persian letters) or Cyrillic; a
Cyrillic spelling prefixed `ua:` is the Ukrainian form. Latin spellings of Cyrillic
concepts are the international ones (Alexander, Dmitri); the passport, French and
German transliterations are added from the Cyrillic by `translit.py`.
Arabic-script spellings of non-Arabic names (جون John, بيير Pierre) are the ones used
in Arabic-language newspapers and NGO lists, with the Egyptian ج for hard g where it
is really used (هوجو beside هوغو).
"""

from __future__ import annotations

import unicodedata
from dataclasses import dataclass, field
from pathlib import Path

# The inventories themselves are data, one file each, in the format above.
_TABLES = Path(__file__).with_name("tables")

ARABIC_ORIGINS = ("arab", "fa", "ur")
CYRILLIC_ORIGINS = ("ru", "uk")

GIVEN_NAMES = (_TABLES / "given.txt").read_text(encoding="utf-8")

FAMILY_NAMES = (_TABLES / "family.txt").read_text(encoding="utf-8")

# Russian and Ukrainian patronymics by father's given-name key: (ru m, ru f, ua m, ua f).
PATRONYMICS = {
    "aleksandr": ("Александрович", "Александровна", "Олександрович", "Олександрівна"),
    "dmitri": ("Дмитриевич", "Дмитриевна", "Дмитрович", "Дмитрівна"),
    "aleksei": ("Алексеевич", "Алексеевна", "Олексійович", "Олексіївна"),
    "sergei": ("Сергеевич", "Сергеевна", "Сергійович", "Сергіївна"),
    "andrei": ("Андреевич", "Андреевна", "Андрійович", "Андріївна"),
    "vladimir": ("Владимирович", "Владимировна", "Володимирович", "Володимирівна"),
    "nikolai": ("Николаевич", "Николаевна", "Миколайович", "Миколаївна"),
    "mikhail": ("Михайлович", "Михайловна", "Михайлович", "Михайлівна"),
    "ivan": ("Иванович", "Ивановна", "Іванович", "Іванівна"),
    "yuri": ("Юрьевич", "Юрьевна", "Юрійович", "Юріївна"),
    "pavel": ("Павлович", "Павловна", "Павлович", "Павлівна"),
    "oleg": ("Олегович", "Олеговна", "Олегович", "Олегівна"),
    "igor": ("Игоревич", "Игоревна", "Ігорович", "Ігорівна"),
}

# Places with the wordings reports really use (exonyms, local names, scripts, districts).
PLACES = (_TABLES / "places.txt").read_text(encoding="utf-8")


@dataclass(frozen=True)
class GivenName:
    key: str
    sex: str
    origins: tuple[str, ...]
    latin: tuple[str, ...]
    script: tuple[str, ...]  # Arabic-script or Cyrillic spellings (ua: prefix kept)
    short: tuple[str, ...]


@dataclass(frozen=True)
class FamilyName:
    key: str
    origins: tuple[str, ...]
    latin: tuple[str, ...]
    script: tuple[str, ...]


@dataclass(frozen=True)
class Place:
    key: str
    region: str
    latin: tuple[str, ...]
    script: tuple[str, ...] = field(default=())


def _split(cell: str, sep: str = ",") -> tuple[str, ...]:
    return tuple(part.strip() for part in cell.split(sep) if part.strip())


def _rows(text: str) -> list[list[str]]:
    rows = []
    for line in text.strip().splitlines():
        if not line.strip() or line.lstrip().startswith("#"):
            continue
        rows.append([cell.strip() for cell in line.split("|")])
    return rows


def _nfc(text: str) -> str:
    return unicodedata.normalize("NFC", text)


def load_given() -> list[GivenName]:
    names = []
    for cells in _rows(_nfc(GIVEN_NAMES)):
        cells += [""] * (6 - len(cells))
        key, sex, origins, latin, script, short = cells[:6]
        names.append(
            GivenName(key, sex, _split(origins, " "), _split(latin), _split(script), _split(short))
        )
    return names


def load_family() -> list[FamilyName]:
    names = []
    for cells in _rows(_nfc(FAMILY_NAMES)):
        key, origins, latin, script = (cells + [""] * 4)[:4]
        names.append(FamilyName(key, _split(origins, " "), _split(latin), _split(script)))
    return names


def load_places() -> list[Place]:
    return [
        Place(key, region, _split(latin), _split(script))
        for key, region, latin, script in ((cells + [""] * 4)[:4] for cells in _rows(_nfc(PLACES)))
    ]
