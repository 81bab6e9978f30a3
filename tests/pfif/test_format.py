"""The pure PFIF code: no Django, no database."""

from pathlib import Path

import pytest

from reunify.pfif import format as pfif
from reunify.pfif import writer

SAMPLES = Path(__file__).resolve().parents[3] / "shared" / "pfif-samples"
if not SAMPLES.exists():
    SAMPLES = Path("/work/shared/pfif-samples")


def test_the_format_module_does_not_import_django():
    source = Path(pfif.__file__).read_text()
    assert "django" not in source


def test_older_field_names_are_read_as_pfif_14():
    document = pfif.parse((SAMPLES / "test.pfif-1.1.xml").read_bytes())
    person = document.persons[0]
    assert document.version == "1.1"
    assert person.display_name == "_test_first_name _test_last_name"
    assert person.get("home_postal_code") == "_test_home_zip"
    assert person.get("description") == "_test_description"
    assert person.get("home_city") == "_test_home_city"  # stray whitespace stripped
    assert person.notes[0].get("author_made_contact") == "true"


def test_entity_expansion_is_refused():
    bomb = b"""<?xml version="1.0"?><!DOCTYPE x [<!ENTITY a "aaaaaaaaaa">
    <!ENTITY b "&a;&a;&a;&a;&a;&a;&a;&a;">]><pfif:pfif xmlns:pfif="http://zesty.ca/pfif/1.4">&b;</pfif:pfif>"""
    with pytest.raises(pfif.PfifError):
        pfif.parse(bomb)


def test_a_broken_record_is_reported_and_the_others_kept():
    doc = b"""<pfif:pfif xmlns:pfif="http://zesty.ca/pfif/1.4">
      <pfif:person><pfif:person_record_id>a.org/1</pfif:person_record_id>
        <pfif:full_name>Ana</pfif:full_name><pfif:sex>robot</pfif:sex></pfif:person>
      <pfif:person><pfif:person_record_id>a.org/2</pfif:person_record_id>
        <pfif:full_name>Ben</pfif:full_name>
        <pfif:note><pfif:note_record_id>a.org/n1</pfif:note_record_id>
          <pfif:status>on_holiday</pfif:status></pfif:note></pfif:person>
    </pfif:pfif>"""
    document = pfif.parse(doc)
    assert [p.record_id for p in document.persons] == ["a.org/2"]
    assert document.persons[0].notes == []
    assert {p.record_id for p in document.problems} == {"a.org/1", "a.org/n1"}


def test_pfif_14_written_then_read_gives_the_same_records():
    document = pfif.parse((SAMPLES / "test.pfif-1.4.xml").read_bytes())
    again = pfif.parse(writer.write(document.persons))
    assert [p.fields for p in again.persons] == [p.fields for p in document.persons]
    assert [n.fields for n in again.persons[0].notes] == [
        n.fields for n in document.persons[0].notes
    ]


def test_pfif_13_uses_the_older_names():
    person = pfif.Person({"person_record_id": "a.org/1", "full_name": "Ana Lopez"})
    text = writer.write([person], version="1.3").decode()
    assert "pfif/1.3" in text and "<pfif:first_name>Ana</pfif:first_name>" in text


def test_an_atom_feed_can_be_read_back():
    person = pfif.Person({"person_record_id": "a.org/1", "full_name": "Ana Lopez"})
    feed = writer.write_atom(
        [person],
        feed_id="x",
        title="t",
        self_url="http://x",
        updated=pfif.parse_date("2015-11-13T21:00:00Z"),
    )
    assert pfif.parse(feed).persons[0].display_name == "Ana Lopez"


def test_ages_are_numbers_or_ranges():
    assert pfif.parse_age("40") == (40, None, None)
    assert pfif.parse_age("35-45") == (None, 35, 45)
    assert pfif.parse_age("about forty") == (None, None, None)
