"""PFIF 1.3/1.4 documents and Atom feeds, written in the element order the schemas require.
Pure Python: no Django here."""

from __future__ import annotations

from datetime import datetime
from xml.etree.ElementTree import Element, SubElement, tostring

from reunify.lib import people

from .format import (
    ATOM_NS,
    NOTE_FIELDS_13,
    NOTE_FIELDS_14,
    NS_BY_VERSION,
    PERSON_FIELDS_13,
    PERSON_FIELDS_14,
    Person,
    format_date,
)


def _to_13(person: Person) -> tuple[dict[str, str], list[dict[str, str]]]:
    values = dict(person.fields)
    given, family = values.pop("given_name", ""), values.pop("family_name", "")
    if not given and not family and person.display_name:
        given, _, family = person.display_name.rpartition(" ")
        given, family = (given, family) if given else (family, "")
    values["first_name"], values["last_name"] = given, family
    values["full_name"] = person.display_name
    if values.get("description"):
        values["other"] = "description:\n" + values.pop("description")
    notes = []
    for note in person.notes:
        note_values = dict(note.fields)
        note_values["found"] = note_values.pop("author_made_contact", "")
        notes.append(note_values)
    return values, notes


def _element(parent: Element, ns: str, name: str, order: tuple[str, ...], values: dict) -> Element:
    node = SubElement(parent, f"{{{ns}}}{name}")
    for key in order:
        if values.get(key):
            # Rows saved before input was cleaned may hold controls XML 1.0 cannot carry.
            SubElement(node, f"{{{ns}}}{key}").text = people.xml_safe(values[key])
    return node


def _person_element(parent: Element, person: Person, version: str) -> Element:
    ns = NS_BY_VERSION[version]
    if version == "1.4":
        values, notes = person.fields, [note.fields for note in person.notes]
        person_order, note_order = PERSON_FIELDS_14, NOTE_FIELDS_14
    else:
        values, notes = _to_13(person)
        person_order, note_order = PERSON_FIELDS_13, NOTE_FIELDS_13
    node = _element(parent, ns, "person", person_order, values)
    for note in notes:
        _element(node, ns, "note", note_order, note)
    return node


def write(persons: list[Person], *, version: str = "1.4") -> bytes:
    if version not in ("1.3", "1.4"):
        raise ValueError("this board writes PFIF 1.3 and 1.4")
    ns = NS_BY_VERSION[version]
    root = Element(f"{{{ns}}}pfif")
    for person in persons:
        _person_element(root, person, version)
    return _serialise(root, {ns: "pfif"})


def write_atom(
    persons: list[Person],
    *,
    feed_id: str,
    title: str,
    self_url: str,
    updated: datetime,
    version: str = "1.4",
) -> bytes:
    """A PFIF person feed: one Atom entry per person, notes nested (PFIF 1.4, section 5)."""
    ns = NS_BY_VERSION[version]
    feed = Element(f"{{{ATOM_NS}}}feed")
    SubElement(feed, f"{{{ATOM_NS}}}id").text = feed_id
    SubElement(feed, f"{{{ATOM_NS}}}title").text = title
    SubElement(feed, f"{{{ATOM_NS}}}updated").text = format_date(updated)
    SubElement(feed, f"{{{ATOM_NS}}}link", rel="self", href=self_url)
    for person in persons:
        entry = SubElement(feed, f"{{{ATOM_NS}}}entry")
        _person_element(entry, person, version)
        SubElement(entry, f"{{{ATOM_NS}}}id").text = f"pfif:{person.record_id}"
        SubElement(entry, f"{{{ATOM_NS}}}title").text = people.xml_safe(person.display_name)
        author = SubElement(entry, f"{{{ATOM_NS}}}author")
        SubElement(author, f"{{{ATOM_NS}}}name").text = person.get("source_name") or title
        SubElement(entry, f"{{{ATOM_NS}}}updated").text = person.get("entry_date") or format_date(
            updated
        )
        SubElement(entry, f"{{{ATOM_NS}}}content").text = people.xml_safe(person.display_name)
    return _serialise(feed, {ATOM_NS: "", ns: "pfif"})


def _serialise(root: Element, prefixes: dict[str, str]) -> bytes:
    from xml.etree.ElementTree import register_namespace

    for uri, prefix in prefixes.items():
        register_namespace(prefix, uri)
    return tostring(root, encoding="utf-8", xml_declaration=True)
