"""PFIF 1.3/1.4 documents and Atom feeds, written in the element order the schemas require.
Pure Python: no Django here.

Whatever a record holds, the output is well-formed XML: characters XML 1.0 cannot carry
(NUL, BEL, ESC, lone surrogates ...) are left out here, the one place output is made.
"""

from __future__ import annotations

import re
from datetime import datetime
from xml.etree.ElementTree import Element, SubElement, indent, register_namespace, tostring

from .format import (
    ATOM_NS,
    NOTE_FIELDS_13,
    NOTE_FIELDS_14,
    NS_BY_VERSION,
    PERSON_FIELDS_13,
    PERSON_FIELDS_14,
    Person,
    format_date,
    one_line,
    write_other,
)

# XML 1.0 section 2.2: tab, newline, carriage return and the printable planes only.
_NOT_XML = re.compile("[^\x09\x0a\x0d\x20-\ud7ff\ue000-\ufffd\U00010000-\U0010ffff]")


def xml_safe(text: str) -> str:
    return _NOT_XML.sub("", text)


def _to_13(person: Person) -> tuple[dict[str, str], list[dict[str, str]]]:
    values = dict(person.fields)
    # 1.3 has first/last name only as given: a full name is never cut in two, since which
    # part is the family name depends on the language ("DUPONT Jean-Pierre").
    values["first_name"] = values.pop("given_name", "")
    values["last_name"] = values.pop("family_name", "")
    values["full_name"] = person.get("full_name")
    values["other"] = write_other(values)
    values.pop("description", None)
    values.pop("alternate_names", None)
    notes = []
    for note in person.notes:
        note_values = dict(note.fields)
        note_values["found"] = note_values.pop("author_made_contact", "")
        note_values["text"] = one_line(note_values.get("text", ""))  # no line breaks in 1.3
        notes.append(note_values)
    return values, notes


def _element(
    parent: Element, ns: str, name: str, order: tuple[str, ...], values: dict, keep=()
) -> Element:
    """The record's element; fields in `keep` are written even when empty."""
    node = SubElement(parent, f"{{{ns}}}{name}")
    for key in order:
        text = xml_safe(values.get(key) or "")
        if text or key in keep:
            SubElement(node, f"{{{ns}}}{key}").text = text
    return node


# PFIF makes full_name mandatory, even in the placeholder of an expired record, whose
# personal data must be gone: it is written there empty (as Person Finder's validator wants).
_PLACEHOLDER_KEEP = ("full_name",)


def _person_element(parent: Element, person: Person, version: str) -> Element:
    ns = NS_BY_VERSION[version]
    if version == "1.4":
        values, notes = person.fields, [note.fields for note in person.notes]
        person_order, note_order = PERSON_FIELDS_14, NOTE_FIELDS_14
    else:
        values, notes = _to_13(person)
        person_order, note_order = PERSON_FIELDS_13, NOTE_FIELDS_13
    keep = _PLACEHOLDER_KEEP if person.is_placeholder else ()
    node = _element(parent, ns, "person", person_order, values, keep)
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
    SubElement(feed, f"{{{ATOM_NS}}}id").text = xml_safe(feed_id)
    SubElement(feed, f"{{{ATOM_NS}}}title").text = xml_safe(title)
    SubElement(feed, f"{{{ATOM_NS}}}updated").text = format_date(updated)
    SubElement(feed, f"{{{ATOM_NS}}}link", rel="self", href=xml_safe(self_url))
    for person in persons:
        entry = SubElement(feed, f"{{{ATOM_NS}}}entry")
        _person_element(entry, person, version)
        SubElement(entry, f"{{{ATOM_NS}}}id").text = xml_safe(f"pfif:{person.record_id}")
        SubElement(entry, f"{{{ATOM_NS}}}title").text = xml_safe(person.display_name)
        author = SubElement(entry, f"{{{ATOM_NS}}}author")
        SubElement(author, f"{{{ATOM_NS}}}name").text = xml_safe(person.get("source_name") or title)
        SubElement(entry, f"{{{ATOM_NS}}}updated").text = person.get("entry_date") or format_date(
            updated
        )
        SubElement(entry, f"{{{ATOM_NS}}}content").text = xml_safe(person.display_name)
    return _serialise(feed, {ATOM_NS: "", ns: "pfif"})


def _serialise(root: Element, prefixes: dict[str, str]) -> bytes:
    for uri, prefix in prefixes.items():
        register_namespace(prefix, uri)
    # One element a line: a validator's message then points at the field it is about.
    indent(root, space="  ")
    return tostring(root, encoding="utf-8", xml_declaration=True) + b"\n"
