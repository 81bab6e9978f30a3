"""The pure PFIF code: no Django, no database."""

import re
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
    assert [p.record_id for p in document.persons] == ["a.org/1", "a.org/2"]
    assert document.persons[1].notes == []
    assert {p.record_id for p in document.problems} == {"a.org/n1"}


def test_a_bad_sex_drops_only_the_field_and_says_so_with_the_record_id():
    doc = b"""<pfif:pfif xmlns:pfif="http://zesty.ca/pfif/1.4">
      <pfif:person><pfif:person_record_id>a.org/1</pfif:person_record_id>
        <pfif:full_name>Ana</pfif:full_name><pfif:sex>dunno</pfif:sex></pfif:person>
    </pfif:pfif>"""
    document = pfif.parse(doc)
    assert document.persons[0].fields == {"person_record_id": "a.org/1", "full_name": "Ana"}
    assert [(w.record_id, w.reason) for w in document.warnings] == [
        ("a.org/1", "sex 'dunno' is not female, male or other; field left out")
    ]


def test_a_sex_in_the_boards_words_is_written_in_pfif_words():
    # The board's one sex vocabulary, at this door as at the others: M is male.
    doc = b"""<pfif:pfif xmlns:pfif="http://zesty.ca/pfif/1.4">
      <pfif:person><pfif:person_record_id>a.org/1</pfif:person_record_id>
        <pfif:full_name>Ana</pfif:full_name><pfif:sex>M</pfif:sex>
        <pfif:age>30\xe2\x80\x9335</pfif:age></pfif:person>
    </pfif:pfif>"""
    person = pfif.parse(doc).persons[0]
    assert (person.get("sex"), person.get("age")) == ("male", "30-35")


def test_pfif_14_written_then_read_gives_the_same_records():
    document = pfif.parse((SAMPLES / "test.pfif-1.4.xml").read_bytes())
    again = pfif.parse(writer.write(document.persons))
    assert [p.fields for p in again.persons] == [p.fields for p in document.persons]
    assert [n.fields for n in again.persons[0].notes] == [
        n.fields for n in document.persons[0].notes
    ]


def test_pfif_13_uses_the_older_names():
    person = pfif.Person(
        {"person_record_id": "a.org/1", "full_name": "Ana Lopez", "given_name": "Ana"}
    )
    text = writer.write([person], version="1.3").decode()
    assert "pfif/1.3" in text and "<pfif:first_name>Ana</pfif:first_name>" in text


def test_pfif_13_never_cuts_a_full_name_and_writes_every_field_on_one_line():
    # Person Finder's validator takes no line break in a field (TEXT is ^.*$): 1.3's "other"
    # is "description: ..." on one line, and the alternate names, which 1.3 has no field
    # for, stay in the 1.4 document, as in Person Finder's own 1.3 export.
    person = pfif.Person(
        {
            "person_record_id": "a.org/1",
            "full_name": "DUPONT Jean-Pierre",
            "alternate_names": "JP Dupont\nДюпон",
            "description": "Tall,\ngrey jacket",
        },
        notes=[pfif.Note({"note_record_id": "a.org/n1", "text": "Seen at\nthe station"})],
    )
    text = writer.write([person], version="1.3").decode()
    assert "first_name" not in text and "last_name" not in text
    for _name, value in re.findall(r"<pfif:(\w+)>([^<]*)</pfif:\1>", text):
        assert "\n" not in value
    again = pfif.parse(text.encode()).persons[0]
    assert again.get("full_name") == "DUPONT Jean-Pierre"
    assert again.get("description") == "Tall, grey jacket"
    assert again.notes[0].get("text") == "Seen at the station"
    full = pfif.parse(writer.write([person], version="1.4")).persons[0]
    assert full.get("alternate_names") == "JP Dupont\nДюпон"


def test_characters_xml_cannot_carry_are_left_out_of_the_output():
    person = pfif.Person({"person_record_id": "a.org/1", "full_name": "Ana\x07 Lo\x1bpez\x00"})
    text = writer.write([person])
    assert pfif.parse(text).persons[0].get("full_name") == "Ana Lopez"


def test_the_output_has_one_element_a_line():
    person = pfif.Person({"person_record_id": "a.org/1", "full_name": "Ana Lopez"})
    lines = writer.write([person]).decode().splitlines()
    assert "    <pfif:full_name>Ana Lopez</pfif:full_name>" in lines


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


@pytest.mark.parametrize("version", ["1.3", "1.4"])
def test_a_placeholder_carries_full_name_empty_as_the_mandatory_field_it_is(version):
    placeholder = pfif.Person(
        {
            "person_record_id": "a.org/2",
            "entry_date": "2026-01-02T00:00:00Z",
            "expiry_date": "2026-01-02T00:00:00Z",
            "source_date": "2026-01-02T00:00:00Z",
        }
    )
    text = writer.write([placeholder], version=version).decode()
    assert "<pfif:full_name />" in text
    again = pfif.parse(text.encode()).persons[0]
    assert again.is_placeholder and again.get("full_name") == ""
