"""PFIF 1.4 conformance, written from the specification (zesty.ca/pfif/1.4), not from any
implementation: what a document must hold for another repository to trust it.

`problems(xml)` returns every rule a PFIF 1.4 document or PFIF Atom person feed breaks; the
suite applies it to every export and feed it produces (tests/conftest.py).
"""

from __future__ import annotations

import re
from datetime import UTC, datetime, timedelta
from xml.etree import ElementTree as ET

PFIF = "http://zesty.ca/pfif/1.4"
ATOM = "http://www.w3.org/2005/Atom"

# Section 3.2 (person) and 3.3 (note): the fields, in the order the schema requires.
PERSON = [
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
]
NOTE = [
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
]
# Mandatory fields. A repository's own output carries entry_date on every record.
PERSON_REQUIRED = ["person_record_id", "entry_date", "source_date", "full_name", "author_name"]
NOTE_REQUIRED = [
    "note_record_id",
    "person_record_id",
    "entry_date",
    "author_name",
    "source_date",
    "text",
]
# Section 3.2: what an expired record keeps.
PLACEHOLDER = {"person_record_id", "entry_date", "expiry_date", "source_date"}

_LABEL = r"[A-Za-z0-9]([-A-Za-z0-9]{0,61}[A-Za-z0-9])?"
RECORD_ID = re.compile(rf"^({_LABEL}\.)*{_LABEL}\.?/\S.*$")
DATE = re.compile(r"^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}Z$")
FORMATS = {
    "person_record_id": RECORD_ID,
    "note_record_id": RECORD_ID,
    "linked_person_record_id": RECORD_ID,
    "entry_date": DATE,
    "expiry_date": DATE,
    "source_date": DATE,
    "sex": re.compile(r"^(female|male|other)$"),
    "date_of_birth": re.compile(r"^\d{4}(-\d{2}(-\d{2})?)?$"),
    "age": re.compile(r"^\d+(-\d+)?$"),
    "author_made_contact": re.compile(r"^(true|false)$"),
    "status": re.compile(
        r"^(information_sought|is_note_author|believed_alive|believed_missing|believed_dead)$"
    ),
}


def _date(text: str) -> datetime:
    return datetime.strptime(text, "%Y-%m-%dT%H:%M:%SZ").replace(tzinfo=UTC)


def _fields(record: ET.Element, allowed: list[str], where: str, out: list[str]) -> dict[str, str]:
    values: dict[str, str] = {}
    last = -1
    for child in record:
        name = child.tag.split("}", 1)[-1]
        if not child.tag.startswith(f"{{{PFIF}}}"):
            out.append(f"{where}: element {child.tag} is not PFIF 1.4")
            continue
        if name in ("note", "person"):
            continue
        if name not in allowed:
            out.append(f"{where}: unknown field {name}")
            continue
        if name in values:
            out.append(f"{where}: {name} appears twice")
        position = allowed.index(name)
        if position < last:
            out.append(f"{where}: {name} is out of the schema's order")
        last = max(last, position)
        text = child.text or ""
        values[name] = text
        pattern = FORMATS.get(name)
        if pattern and not pattern.match(text):
            out.append(f"{where}: {name} {text!r} is not in the PFIF format")
    return values


def _person(person: ET.Element, out: list[str], ids: dict, links: list, now: datetime) -> str:
    values = _fields(person, PERSON, "person", out)
    person_id = values.get("person_record_id", "")
    where = f"person {person_id or '(no id)'}"
    expiry = values.get("expiry_date")
    expired = bool(expiry) and DATE.match(expiry) and _date(expiry) <= now
    if expired:
        for name in set(values) - PLACEHOLDER:
            if values[name]:
                out.append(f"{where}: expired, yet still has {name}")
        if values.get("source_date") != values.get("entry_date"):
            out.append(f"{where}: a placeholder's source_date and entry_date must be equal")
        for name in ("person_record_id", "entry_date", "source_date"):
            if not values.get(name):
                out.append(f"{where}: placeholder without {name}")
    else:
        for name in PERSON_REQUIRED:
            if not values.get(name, "").strip():
                out.append(f"{where}: mandatory {name} missing")
    if person_id:
        if person_id in ids["person"]:
            out.append(f"{where}: person_record_id is not unique")
        ids["person"].add(person_id)
    for note in person.findall(f"{{{PFIF}}}note"):
        note_values = _note(note, out, ids, links)
        if expired and any(v for k, v in note_values.items() if k not in PLACEHOLDER):
            out.append(f"{where}: expired, yet a note still has data")
        if note_values.get("person_record_id") != person_id:
            out.append(f"{where}: nested note names person {note_values.get('person_record_id')}")
    return person_id


def _note(note: ET.Element, out: list[str], ids: dict, links: list) -> dict[str, str]:
    values = _fields(note, NOTE, "note", out)
    note_id = values.get("note_record_id", "")
    where = f"note {note_id or '(no id)'}"
    for name in NOTE_REQUIRED:
        if not values.get(name, "").strip():
            out.append(f"{where}: mandatory {name} missing")
    if note_id:
        if note_id in ids["note"]:
            out.append(f"{where}: note_record_id is not unique")
        ids["note"].add(note_id)
    if values.get("linked_person_record_id"):
        links.append((values.get("person_record_id"), values["linked_person_record_id"], note_id))
    return values


def problems(xml: bytes, *, now: datetime | None = None) -> list[str]:
    """Every PFIF 1.4 rule the document (or Atom person feed) breaks; [] when it conforms."""
    now = now or datetime.now(UTC)
    out: list[str] = []
    try:
        root = ET.fromstring(xml)
    except ET.ParseError as error:
        return [f"not well-formed XML: {error}"]
    if len(root) and b"\n  <" not in xml:
        out.append("not pretty-printed: one element a line, so a message points at its field")
    ids: dict[str, set] = {"person": set(), "note": set()}
    links: list[tuple] = []
    if root.tag == f"{{{ATOM}}}feed":
        records = []
        for entry in root.findall(f"{{{ATOM}}}entry"):
            persons = entry.findall(f"{{{PFIF}}}person")
            if len(persons) != 1:
                out.append("an Atom entry must hold exactly one pfif:person")
            records += persons
            for name in ("id", "title", "updated", "author"):
                if entry.find(f"{{{ATOM}}}{name}") is None:
                    out.append(f"an Atom entry has no atom:{name}")
    elif root.tag == f"{{{PFIF}}}pfif":
        records = list(root)
    else:
        return [f"root is {root.tag}, not pfif:pfif 1.4 nor an Atom feed"]
    persons: dict[str, ET.Element] = {}
    for record in records:
        if record.tag == f"{{{PFIF}}}person":
            persons[_person(record, out, ids, links, now)] = record
        elif record.tag == f"{{{PFIF}}}note":
            _note(record, out, ids, links)
        else:
            out.append(f"unknown record {record.tag}")
    # Section 3.3: links go both ways, when both persons are in the document.
    pairs = {(a, b) for a, b, _ in links}
    for a, b, note_id in links:
        if b in persons and (b, a) not in pairs:
            out.append(f"note {note_id}: {a} links to {b}, which does not link back")
    return out


def assert_conforms(xml: bytes) -> None:
    found = problems(xml, now=datetime.now(UTC) + timedelta(seconds=1))
    assert not found, "PFIF 1.4 conformance:\n" + "\n".join(found)
