"""Reading hospital and shelter lists (CSV, XLSX) into found reports. No Django models here.

A list is a header row and data rows; `guess_mapping` pairs our fields with its
columns, and `clean_row` turns one row into report fields or a plain-words error.
"""

from __future__ import annotations

import csv
import io
import re
import unicodedata
from dataclasses import dataclass
from functools import partial

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _

from reunify.board import cleaning

FIELDS = (
    "full_name",
    "given_name",
    "family_name",
    "alternate_names",
    "age",
    "sex",
    "condition",
    "current_location",
    "message",
)
SYNONYMS = {
    "full_name": ("full name", "name", "nom", "nom complet", "patient", "person", "الاسم"),
    "given_name": ("first name", "given name", "prenom", "forename"),
    "family_name": ("last name", "family name", "surname", "nom de famille"),
    "alternate_names": ("other names", "alias", "aliases", "autres noms"),
    "age": ("age", "years", "ans", "العمر"),
    "sex": ("sex", "gender", "sexe", "genre"),
    "condition": ("condition", "state", "etat", "status", "statut"),
    "current_location": ("location", "where", "ward", "service", "hospital", "shelter", "lieu"),
    "message": ("notes", "note", "remarks", "comment", "message", "observations"),
}
CONDITION_WORDS = {
    "safe": ("safe", "ok", "fine", "indemne", "sain et sauf", "released", "sorti"),
    "injured": ("injured", "wounded", "blesse", "hurt"),
    "hospital": ("hospital", "hospitalised", "hospitalized", "admitted", "hospitalise", "icu"),
    "deceased": ("deceased", "dead", "died", "decede", "mort"),
}
MAX_ROWS = 50_000


class ListError(ValueError):
    """The file as a whole cannot be read."""


@dataclass
class Table:
    header: list[str]
    rows: list[list[str]]


def _plain(text: str) -> str:
    text = unicodedata.normalize("NFKD", str(text)).encode("ascii", "ignore").decode() or str(text)
    return " ".join(re.sub(r"[_\-.:]+", " ", text).lower().split())


def read_table(data: bytes, filename: str) -> Table:
    if filename.lower().endswith((".xlsx", ".xlsm")):
        return _read_xlsx(data)
    return _read_csv(data)


def _read_csv(data: bytes) -> Table:
    for encoding in ("utf-8-sig", "cp1252"):
        try:
            text = data.decode(encoding)
            break
        except UnicodeDecodeError:
            continue
    else:
        raise ListError(_("The file is not readable text."))
    try:
        dialect = csv.Sniffer().sniff(text[:4096], delimiters=",;\t")
    except csv.Error:
        dialect = csv.excel
    try:
        rows = [[cell.strip() for cell in row] for row in csv.reader(io.StringIO(text), dialect)]
    except csv.Error as error:
        raise ListError(_("The file is not a readable CSV list.")) from error
    return _table(rows)


def _read_xlsx(data: bytes) -> Table:
    from openpyxl import load_workbook

    try:
        workbook = load_workbook(io.BytesIO(data), read_only=True, data_only=True)
    except Exception as error:  # noqa: BLE001 - openpyxl raises many kinds for a bad file
        raise ListError(_("The file is not a readable XLSX workbook.")) from error
    sheet = workbook.worksheets[0]
    rows = [
        ["" if cell is None else str(cell).strip() for cell in row]
        for row in sheet.iter_rows(values_only=True)
    ]
    workbook.close()
    return _table(rows)


def _table(rows: list[list[str]]) -> Table:
    rows = [row for row in rows if any(row)]
    if not rows:
        raise ListError(_("The file is empty."))
    if len(rows) - 1 > MAX_ROWS:
        raise ListError(_("The file has more than %(n)d rows.") % {"n": MAX_ROWS})
    return Table(header=rows[0], rows=rows[1:])


def guess_mapping(header: list[str]) -> dict[str, int | None]:
    mapping: dict[str, int | None] = dict.fromkeys(FIELDS)
    plain = [_plain(name) for name in header]
    for field, words in SYNONYMS.items():
        for index, name in enumerate(plain):
            if index not in mapping.values() and name in words:
                mapping[field] = index
                break
    if mapping["given_name"] is not None and mapping["family_name"] is None:
        # "Nom; Prénom": next to a given-name column, "name" means the family name.
        mapping["family_name"], mapping["full_name"] = mapping["full_name"], None
    return mapping


def _word(value: str, words: dict[str, tuple[str, ...]]) -> str | None:
    plain = _plain(value)
    return next((key for key, options in words.items() if plain in options), None)


def _cleaned(function, value, field_label: str):
    """The board's cleaning step, its message prefixed with the column in plain words."""
    try:
        return function(value)
    except ValidationError as error:
        raise ValueError(
            _("%(field)s: %(error)s") % {"field": field_label, "error": " ".join(error.messages)}
        ) from None


def clean_row(row: list[str], mapping: dict[str, int | None]) -> dict:
    """Report fields for one row; raises ValueError with a message a coordinator can act on.

    Names, ages and sexes are read by the same rules as the web form, the API and PFIF
    (reunify.board.cleaning).
    """

    def cell(field: str) -> str:
        index = mapping.get(field)
        return row[index].strip() if index is not None and index < len(row) else ""

    name = cell("full_name") or " ".join(p for p in (cell("given_name"), cell("family_name")) if p)
    name = _cleaned(partial(cleaning.clean_name, required=False), name, _("the name"))
    if not name:
        raise ValueError(_("the name is missing."))
    fields = {
        "full_name": name,
        "alternate_names": _cleaned(
            cleaning.clean_names,
            "\n".join(re.split(r"[;\n]", cell("alternate_names"))),
            _("the other names"),
        ),
        "current_location": _cleaned(
            partial(cleaning.clean_text, max_length=cleaning.TEXT_LIMITS["current_location"]),
            cell("current_location"),
            _("the location"),
        ),
        "message": _cleaned(
            partial(
                cleaning.clean_text, max_length=cleaning.TEXT_LIMITS["message"], multiline=True
            ),
            cell("message"),
            _("the notes"),
        ),
    }
    age = cell("age")
    if age:
        try:
            ages = cleaning.clean_age(age)
        except ValidationError:
            raise ValueError(
                _("the age “%(v)s” is not a number or a range like 30-35.") % {"v": age}
            ) from None
        fields["age"], fields["age_min"], fields["age_max"] = ages
    if cell("sex"):
        try:
            fields["sex"] = cleaning.clean_sex(cell("sex"))
        except ValidationError:
            raise ValueError(
                _("the sex “%(v)s” is not understood (use female, male or other).")
                % {"v": cleaning.clean_text(cell("sex"))[:40]}
            ) from None
    fields["condition"] = "hospital"
    if cell("condition"):
        condition = _word(cell("condition"), CONDITION_WORDS)
        if condition is None:
            raise ValueError(
                _(
                    "the condition “%(v)s” is not understood (use safe, injured, hospital or deceased)."
                )
                % {"v": cell("condition")}
            )
        fields["condition"] = condition
    return fields
