"""PFIF 1.1–1.4 reading (writing is writer.py). Pure Python: no Django here.

Records are read into the 1.4 vocabulary (older field names are renamed), checked
one by one, and written back in the element order the PFIF schemas require.
A broken record is reported with a reason; it never stops the others.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta
from xml.etree.ElementTree import Element

import defusedxml.ElementTree as SafeET
from defusedxml import DefusedXmlException

from reunify.lib import people

NAMESPACES = {f"http://zesty.ca/pfif/1.{n}": f"1.{n}" for n in (1, 2, 3, 4)}
NS_BY_VERSION = {version: ns for ns, version in NAMESPACES.items()}
ATOM_NS = "http://www.w3.org/2005/Atom"

PERSON_FIELDS_14 = (
    "person_record_id",
    "entry_date",
    "expiry_date",
    "author_name",
    "author_email",
    "author_phone",
    "source_name",
    "source_date",
    "source_url",
    "full_name",
    "given_name",
    "family_name",
    "alternate_names",
    "description",
    "sex",
    "date_of_birth",
    "age",
    "home_street",
    "home_neighborhood",
    "home_city",
    "home_state",
    "home_postal_code",
    "home_country",
    "photo_url",
    "profile_urls",
)
NOTE_FIELDS_14 = (
    "note_record_id",
    "person_record_id",
    "linked_person_record_id",
    "entry_date",
    "author_name",
    "author_email",
    "author_phone",
    "source_date",
    "author_made_contact",
    "status",
    "email_of_found_person",
    "phone_of_found_person",
    "last_known_location",
    "text",
    "photo_url",
)
PERSON_FIELDS_13 = (
    "person_record_id",
    "entry_date",
    "expiry_date",
    "author_name",
    "author_email",
    "author_phone",
    "source_name",
    "source_date",
    "source_url",
    "full_name",
    "first_name",
    "last_name",
    "sex",
    "date_of_birth",
    "age",
    "home_street",
    "home_neighborhood",
    "home_city",
    "home_state",
    "home_postal_code",
    "home_country",
    "photo_url",
    "other",
)
NOTE_FIELDS_13 = (
    "note_record_id",
    "person_record_id",
    "linked_person_record_id",
    "entry_date",
    "author_name",
    "author_email",
    "author_phone",
    "source_date",
    "found",
    "status",
    "email_of_found_person",
    "phone_of_found_person",
    "last_known_location",
    "text",
)

# Older names -> 1.4 names. 1.1 said home_zip; 1.1–1.3 said first/last name,
# "other" (free text) and "found" (the author made contact).
PERSON_RENAMES = {
    "first_name": "given_name",
    "last_name": "family_name",
    "home_zip": "home_postal_code",
    "other": "description",
}
NOTE_RENAMES = {"found": "author_made_contact"}

STATUSES = (
    "information_sought",
    "is_note_author",
    "believed_alive",
    "believed_missing",
    "believed_dead",
)
FOUND_STATUSES = ("is_note_author", "believed_alive", "believed_dead")
SEXES = people.SEXES
DATE_FIELDS = ("entry_date", "expiry_date", "source_date")
MAX_FIELD_LENGTH = 10_000
_RECORD_ID = re.compile(r"^[^/\s]+/\S+$")
_PERSON_FORMATS = {
    "sex": (re.compile(r"^(female|male|other)$"), "female, male or other"),
    "age": (re.compile(r"^\d+(-\d+)?$"), "a number of years or a range (35-45)"),
    "date_of_birth": (
        re.compile(r"^\d{4}(-\d{2}(-\d{2})?)?$"),
        "a date (YYYY, YYYY-MM or YYYY-MM-DD)",
    ),
}
# A record dated ahead of our clock by more than this is refused (clocks drift a little).
CLOCK_SKEW = timedelta(minutes=10)
PAST_DATE_FIELDS = ("entry_date", "source_date")


class PfifError(ValueError):
    """The whole document cannot be read (not XML, not PFIF, or unsafe XML)."""


@dataclass
class Note:
    fields: dict[str, str]

    def get(self, name: str) -> str:
        return self.fields.get(name, "")

    @property
    def record_id(self) -> str:
        return self.get("note_record_id")


@dataclass
class Person:
    fields: dict[str, str]
    notes: list[Note] = field(default_factory=list)

    def get(self, name: str) -> str:
        return self.fields.get(name, "")

    @property
    def record_id(self) -> str:
        return self.get("person_record_id")

    @property
    def is_placeholder(self) -> bool:
        """An expired record: PFIF keeps only its ids and dates."""
        return bool(self.get("expiry_date")) and not self.display_name

    @property
    def display_name(self) -> str:
        lines = [line.strip() for line in self.get("full_name").splitlines() if line.strip()]
        if lines:
            return lines[0]
        return " ".join(part for part in (self.get("given_name"), self.get("family_name")) if part)

    @property
    def other_names(self) -> list[str]:
        names = [line.strip() for line in self.get("full_name").splitlines()[1:] if line.strip()]
        names += [line.strip() for line in self.get("alternate_names").splitlines() if line.strip()]
        return names


@dataclass
class Problem:
    record_id: str
    reason: str


@dataclass
class Document:
    version: str
    persons: list[Person] = field(default_factory=list)
    notes: list[Note] = field(default_factory=list)  # notes outside any person
    problems: list[Problem] = field(default_factory=list)  # records left out
    warnings: list[Problem] = field(default_factory=list)  # fields left out of kept records
    entry_dates: list[str] = field(default_factory=list)  # of each Atom entry, for a cursor


# --- Reading -----------------------------------------------------------------


def parse(data: bytes | str) -> Document:
    """Read a PFIF document (or a PFIF Atom feed); bad records land in `problems`."""
    try:
        root = SafeET.fromstring(data, forbid_dtd=True)
    except DefusedXmlException as exc:
        raise PfifError(f"unsafe XML refused ({exc.__class__.__name__})") from exc
    except SafeET.ParseError as exc:
        raise PfifError(f"not well-formed XML ({exc})") from exc
    namespace, _, local = root.tag[1:].partition("}") if root.tag.startswith("{") else ("", "", "")
    if namespace == ATOM_NS and local == "feed":
        return _parse_atom(root)
    version = NAMESPACES.get(namespace)
    if version is None or local != "pfif":
        raise PfifError("not a PFIF document (the root must be pfif:pfif, version 1.1 to 1.4)")
    document = Document(version=version)
    _read_records(root, namespace, version, document)
    return document


def _parse_atom(root: Element) -> Document:
    document: Document | None = None
    for entry in root.iter(f"{{{ATOM_NS}}}entry"):
        for child in entry:
            namespace = child.tag[1:].partition("}")[0]
            version = NAMESPACES.get(namespace)
            if version is None:
                continue
            if document is None:
                document = Document(version=version)
            if child.tag == f"{{{namespace}}}person":
                entry_date = child.find(f"{{{namespace}}}entry_date")
                document.entry_dates.append(
                    (entry_date.text or "").strip() if entry_date is not None else ""
                )
            holder = Element("holder")
            holder.append(child)
            _read_records(holder, namespace, version, document)
    return document or Document(version="1.4")


def _read_records(parent: Element, namespace: str, version: str, document: Document) -> None:
    for child in parent:
        if child.tag == f"{{{namespace}}}person":
            person = _read_person(child, namespace, version, document)
            if person is not None:
                document.persons.append(person)
        elif child.tag == f"{{{namespace}}}note":
            note = _read_note(child, namespace, document, person_id="")
            if note is not None:
                document.notes.append(note)


def _fields(element: Element, namespace: str, renames: dict[str, str]) -> dict[str, str]:
    values: dict[str, str] = {}
    for child in element:
        if not isinstance(child.tag, str) or not child.tag.startswith(f"{{{namespace}}}"):
            continue
        name = child.tag.split("}", 1)[1]
        if name in ("note", "person"):
            continue
        name = renames.get(name, name)
        # Control characters and bidi overrides never enter the board (XML 1.0 already
        # refuses most controls; U+202E and C1 controls are well-formed XML).
        text = people.strip_unsafe(child.text or "", multiline=True).strip()[:MAX_FIELD_LENGTH]
        if text:  # an empty element says nothing
            values[name] = text
    return values


def _read_person(
    element: Element, namespace: str, version: str, document: Document
) -> Person | None:
    values = _fields(element, namespace, PERSON_RENAMES)
    if version != "1.4" and values.get("description"):
        values.update(read_other(values.pop("description")))
    person = Person(fields=values)
    # The board's one sex vocabulary: "F", "femme" or "أنثى" from a partner read as female.
    # and its one age parser: "30–35" or "about 40" are written in PFIF's own form (30-35).
    if values.get("sex") and people.parse_sex(values["sex"]):
        values["sex"] = people.parse_sex(values["sex"])
    if values.get("age") and any(v is not None for v in parse_age(values["age"])):
        values["age"] = format_age(*parse_age(values["age"]))
    # A value out of its PFIF format loses only its field (as Person Finder does): the rest
    # of the record is still worth having, and what is passed on stays valid PFIF.
    for name, (pattern, expected) in _PERSON_FORMATS.items():
        if values.get(name) and not pattern.match(values[name]):
            document.warnings.append(
                Problem(
                    person.record_id,
                    f"{name} {values.pop(name)!r} is not {expected}; field left out",
                )
            )
    problem = _check_person(person)
    if problem:
        document.problems.append(Problem(person.record_id, problem))
        return None
    for child in element.findall(f"{{{namespace}}}note"):
        note = _read_note(child, namespace, document, person_id=person.record_id)
        if note is not None:
            person.notes.append(note)
    return person


def _read_note(element: Element, namespace: str, document: Document, person_id: str) -> Note | None:
    values = _fields(element, namespace, NOTE_RENAMES)
    if person_id:
        if values.get("person_record_id", person_id) != person_id:
            document.problems.append(
                Problem(
                    values.get("note_record_id", ""),
                    f"note is inside person {person_id} but names person {values['person_record_id']}",
                )
            )
            return None
        values["person_record_id"] = person_id
    note = Note(fields=values)
    problem = _check_note(note)
    if problem:
        where = f" (in person {person_id})" if person_id and not note.record_id else ""
        document.problems.append(Problem(note.record_id, problem + where))
        return None
    return note


def _check_dates(values: dict[str, str]) -> str:
    latest = datetime.now(UTC) + CLOCK_SKEW
    for name in DATE_FIELDS:
        if values.get(name) and parse_date(values[name]) is None:
            return f"{name} is not a PFIF date (YYYY-MM-DDThh:mm:ssZ)"
        if name in PAST_DATE_FIELDS and values.get(name) and parse_date(values[name]) > latest:
            return f"{name} is in the future"
    birth = _parse_birth_date(values.get("date_of_birth", ""))
    if birth is not None and birth > latest:
        return "date_of_birth is in the future"
    return ""


def _parse_birth_date(text: str) -> datetime | None:
    """PFIF's date_of_birth: YYYY-MM-DD, YYYY-MM or YYYY (None when it is none of them)."""
    for pattern in ("%Y-%m-%d", "%Y-%m", "%Y"):
        try:
            return datetime.strptime(text.strip(), pattern).replace(tzinfo=UTC)
        except ValueError:
            continue
    return None


def _check_person(person: Person) -> str:
    if not person.record_id:
        name = person.display_name
        return (
            f"person {name!r} has no person_record_id" if name else "person has no person_record_id"
        )
    if not _RECORD_ID.match(person.record_id):
        return "person_record_id is not of the form domain/id"
    if not person.display_name and not person.is_placeholder:
        return "person has no name"
    return _check_dates(person.fields)


def _check_note(note: Note) -> str:
    if not note.record_id:
        return "note has no note_record_id"
    if not _RECORD_ID.match(note.record_id):
        return "note_record_id is not of the form domain/id"
    if not note.get("person_record_id"):
        return "note has no person_record_id"
    if note.get("status") and note.get("status") not in STATUSES:
        return "status is not in the PFIF vocabulary"
    if note.get("author_made_contact") not in ("", "true", "false"):
        return "author_made_contact (found) is not true or false"
    return _check_dates(note.fields)


# PFIF 1.1–1.3 kept what had no field of its own in "other", as labelled sections
# ("description:" then indented lines, or the text on the label's line); 1.4 gave
# description and alternate_names fields.
OTHER_LABELS = ("description", "alternate_names")
_OTHER_LABEL = re.compile(r"^(\S+):(.*)$")


def read_other(text: str) -> dict[str, str]:
    """1.1–1.3 "other" -> description and alternate_names (unlabelled text is a description)."""
    sections: dict[str, list[str]] = {}
    current = None
    for line in text.splitlines():
        label = _OTHER_LABEL.match(line)
        if label and label.group(1) in OTHER_LABELS:
            current = label.group(1)
            sections.setdefault(current, [])
            line = label.group(2)
        elif label or current is None:
            return {"description": text.strip()}  # an unknown label: keep the whole text
        if line.strip():
            sections[current].append(line.strip())
    return {name: "\n".join(lines) for name, lines in sections.items() if lines}


def write_other(values: dict[str, str]) -> str:
    """1.3's "other" on one line, "description: ...", as Person Finder reads it.

    Person Finder's validator accepts no line break in a field (its TEXT is ^.*$), so the
    description's lines are joined and alternate names, which 1.3 has no field for, are left
    to the 1.4 document (Person Finder's own 1.3 export leaves them out too)."""
    return one_line(values.get("description", ""), "description: ")


def one_line(text: str, label: str = "") -> str:
    lines = [line.strip() for line in text.splitlines() if line.strip()]
    return label + " ".join(lines) if lines else ""


def parse_date(text: str) -> datetime | None:
    text = text.strip()
    for pattern in ("%Y-%m-%dT%H:%M:%SZ", "%Y-%m-%dT%H:%M:%S.%fZ"):
        try:
            return datetime.strptime(text, pattern).replace(tzinfo=UTC)
        except ValueError:
            continue
    return None


def format_date(value: datetime | None) -> str:
    if value is None:
        return ""
    return value.astimezone(UTC).strftime("%Y-%m-%dT%H:%M:%SZ")


def parse_age(text: str) -> tuple[int | None, int | None, int | None]:
    """The board's one age parser ("40", "35-45", "35–45", "about 40"); nothing when unreadable."""
    try:
        return people.parse_age(text)
    except people.AgeError:
        return None, None, None


def format_age(age: int | None, age_min: int | None, age_max: int | None) -> str:
    if age is not None:
        return str(age)
    if age_min is not None and age_max is not None:
        return f"{age_min}-{age_max}"
    return ""
