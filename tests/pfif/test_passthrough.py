"""PFIF records pass through unaltered, and what the board publishes is valid PFIF 1.4."""

from datetime import timedelta
from pathlib import Path

import pytest
from django.contrib.auth.models import Group, User
from django.utils import timezone

from reunify.actions.decisions import match_confirm
from reunify.actions.records import post_update, record_withdraw
from reunify.actions.volunteers import record_hide, record_publish
from reunify.alerts.models import Message
from reunify.board.models import Post, Report
from reunify.matches.models import Match
from reunify.moderation.retention import retention_sweep
from reunify.pfif import format as pfif
from reunify.pfif import writer
from reunify.pfif.export import export_document, export_persons
from reunify.pfif.services import pfif_import
from tests.conftest import make_post, make_report
from tests.pfif.conformance import assert_conforms, problems

pytestmark = pytest.mark.django_db

SAMPLES = Path("/work/shared/pfif-samples")
if not SAMPLES.exists():
    SAMPLES = Path(__file__).resolve().parents[3] / "shared" / "pfif-samples"
SAMPLE_NAMES = sorted(p.name for p in SAMPLES.glob("*.xml")) or ["(no samples)"]
SAMPLE_14 = SAMPLES / "test.pfif-1.4.xml"


def _needs_samples():
    if not SAMPLES.exists():
        pytest.skip(f"Person Finder's sample documents are not here ({SAMPLES})")


def _notes(xml: bytes) -> dict[str, dict]:
    document = pfif.parse(xml)
    notes = [n for p in document.persons for n in p.notes] + document.notes
    return {n.record_id: n.fields for n in notes}


def _person(fields: dict, notes=()) -> bytes:
    person = pfif.Person(fields=fields, notes=[pfif.Note(n) for n in notes])
    return writer.write([person])


@pytest.mark.parametrize("sample", SAMPLE_NAMES)
def test_every_note_of_every_sample_comes_back_verbatim_after_import_and_export(
    incident, on_commit, sample
):
    _needs_samples()
    data = (SAMPLES / sample).read_bytes()
    result = on_commit(pfif_import, incident=incident, data=data)
    kept = {w["record_id"] for w in result.written}
    exported = export_document(incident=incident, with_contact=True)
    assert_conforms(exported)
    out = _notes(exported)
    for note_id, fields in _notes(data).items():
        if note_id not in kept:
            continue  # skipped, with a reason in the summary
        # entry_date is the receiving repository's own; every other field is as it came
        for name, value in fields.items():
            if name != "entry_date":
                assert out[note_id].get(name) == value, (note_id, name)


def test_the_14_sample_keeps_its_notes_on_their_person_with_their_status_and_text(
    incident, on_commit
):
    _needs_samples()
    on_commit(pfif_import, incident=incident, data=SAMPLE_14.read_bytes())
    document = pfif.parse(export_document(incident=incident, with_contact=True))
    persons = {p.record_id: p for p in document.persons}
    notes = {n.record_id: n for n in persons["test.google.com/person.21009"].notes}
    assert set(notes) >= {
        "test.google.com/note.27009",
        "test.google.com/note.31095",
        "test.google.com/note.40121",
        "test.google.com/note.50121",
    }
    assert notes["test.google.com/note.27009"].get("status") == "believed_missing"
    assert notes["test.google.com/note.27009"].get("text") == "_test_text"
    assert notes["test.google.com/note.31095"].get("text") == "new comment - testing"
    assert notes["test.google.com/note.40121"].get("status") == "is_note_author"
    # the notes that became reports here are not published a second time as new persons
    assert set(persons) == {"test.google.com/person.21009"}
    person = persons["test.google.com/person.21009"]
    for name in ("date_of_birth", "home_city", "profile_urls", "given_name", "family_name"):
        assert person.get(name), name


def test_a_duplicate_link_is_left_for_a_volunteer_never_confirmed(incident, on_commit):
    post = {
        "person_record_id": "pf.org/p1",
        "full_name": "Samir Haddad",
        "source_date": "2020-01-01T00:00:00Z",
    }
    found = {
        "person_record_id": "pf.org/p2",
        # another name: the matcher alone would not pair them, only the link does
        "full_name": "Nour Khalil",
        "source_date": "2020-01-01T00:00:00Z",
    }
    status = {"note_record_id": "pf.org/n2", "status": "believed_alive", "text": "At the shelter"}
    link = {
        "note_record_id": "pf.org/n1",
        "linked_person_record_id": "pf.org/p2",
        "status": "believed_alive",
        "text": "Duplicate",
    }
    on_commit(pfif_import, incident=incident, data=_person(post))
    on_commit(pfif_import, incident=incident, data=_person(found, [status]))
    on_commit(pfif_import, incident=incident, data=_person(post, [link]))
    imported = Post.objects.get(full_name="Samir Haddad")
    assert imported.status == Post.Status.OPEN
    assert not Match.objects.filter(state=Match.State.CONFIRMED).exists()
    match = Match.objects.get(post=imported)
    assert match.state == Match.State.OPEN and match.level == Match.Level.REVIEW
    assert not Message.objects.filter(kind=Message.Kind.MATCH_CONFIRMED).exists()
    # the link is published both ways
    document = pfif.parse(export_document(incident=incident))
    links = {
        (n.get("person_record_id"), n.get("linked_person_record_id"))
        for p in document.persons
        for n in p.notes
        if n.get("linked_person_record_id")
    }
    assert links == {("pf.org/p1", "pf.org/p2"), ("pf.org/p2", "pf.org/p1")}


def test_a_newer_version_of_a_person_updates_it_and_an_older_one_does_not(incident, on_commit):
    first = {
        "person_record_id": "pf.org/p1",
        "full_name": "Samir Haddad",
        "source_date": "2020-01-01T00:00:00Z",
    }
    on_commit(pfif_import, incident=incident, data=_person(first))
    newer = {**first, "full_name": "Samir Al-Haddad", "source_date": "2020-01-02T00:00:00Z"}
    result = on_commit(pfif_import, incident=incident, data=_person(newer))
    assert [w["kind"] for w in result.written] == ["update"]
    assert Post.objects.get().full_name == "Samir Al-Haddad"
    older = {**first, "full_name": "S. Haddad", "source_date": "2019-12-31T00:00:00Z"}
    result = on_commit(pfif_import, incident=incident, data=_person(older))
    assert result.written == []
    assert result.skipped[0]["reason"].startswith("already imported")
    assert Post.objects.get().full_name == "Samir Al-Haddad"
    exported = pfif.parse(export_document(incident=incident)).persons[0]
    assert exported.get("full_name") == "Samir Al-Haddad"


def test_an_expiry_placeholder_deletes_the_copy_and_is_published_again_with_a_new_entry_date(
    incident, on_commit
):
    first = {
        "person_record_id": "pf.org/p1",
        "full_name": "Samir Haddad",
        "source_date": "2020-01-01T00:00:00Z",
    }
    on_commit(pfif_import, incident=incident, data=_person(first))
    before = timezone.now().replace(microsecond=0)
    placeholder = {
        "person_record_id": "pf.org/p1",
        "expiry_date": "2020-01-03T00:00:00Z",
        "source_date": "2020-01-03T00:00:00Z",
        "entry_date": "2020-01-03T00:00:00Z",
    }
    result = on_commit(pfif_import, incident=incident, data=_person(placeholder))
    assert [w["kind"] for w in result.written] == ["deleted"]
    post = Post.objects.get()
    assert post.purged_at is not None and post.full_name == ""
    again = export_persons(incident=incident, min_entry_date=before)
    assert [p.fields.keys() for p in again] == [
        {"person_record_id", "entry_date", "expiry_date", "source_date"}
    ]
    assert pfif.parse_date(again[0].get("entry_date")) >= before


def test_a_record_without_source_date_is_published_with_one_and_every_note_has_an_author(
    incident, on_commit
):
    person = {
        "person_record_id": "pf.org/p1",
        "full_name": "Samir Haddad",
        "entry_date": "2020-01-01T00:00:00Z",
    }
    note = {"note_record_id": "pf.org/n1", "status": "believed_missing"}
    on_commit(pfif_import, incident=incident, data=_person(person, [note]))
    make_post(incident)
    make_report(incident)
    data = export_document(incident=incident)
    assert_conforms(data)
    document = pfif.parse(data)
    imported = next(p for p in document.persons if p.record_id == "pf.org/p1")
    assert imported.get("source_date") == "2020-01-01T00:00:00Z"
    for person in document.persons:
        assert person.get("author_name")
        for note in person.notes:
            assert note.get("author_name") and note.get("text") and note.get("source_date")
    # the family's name is private: the public author is the board, never the person
    assert "Amina" not in data.decode()


def test_a_confirmed_match_is_published_as_links_both_ways(incident, on_commit):
    post = on_commit(make_post, incident)
    report = on_commit(make_report, incident)
    on_commit(match_confirm, match=Match.objects.get(post=post, report=report), decided_by="family")
    data = export_document(incident=incident)
    assert_conforms(data)
    links = [
        n for p in pfif.parse(data).persons for n in p.notes if n.get("linked_person_record_id")
    ]
    assert len(links) == 2


def test_control_characters_in_a_name_leave_the_export_and_feed_valid(client, incident):
    make_post(incident, full_name="Samir\x07 Had\x1bdad\x0c")
    data = export_document(incident=incident)
    assert pfif.parse(data).persons[0].get("full_name") == "Samir Haddad"
    feed = client.get(f"/pfif/{incident.slug}/feed.atom")
    assert feed.status_code == 200 and not problems(feed.content)


def test_a_deleted_post_is_published_as_a_placeholder_followers_see(incident, on_commit):
    post = on_commit(make_post, incident)
    seen = timezone.now().replace(microsecond=0)
    on_commit(record_withdraw, record=post)
    later = export_persons(incident=incident, min_entry_date=seen)
    assert len(later) == 1 and later[0].is_placeholder
    assert set(later[0].fields) == {"person_record_id", "entry_date", "expiry_date", "source_date"}
    # after the restore window the sweep purges it: a fresh placeholder again
    Post.objects.filter(pk=post.pk).update(deleted_at=timezone.now() - timedelta(days=4))
    swept = timezone.now().replace(microsecond=0)
    assert retention_sweep() == 1
    later = export_persons(incident=incident, min_entry_date=swept)
    assert len(later) == 1 and later[0].is_placeholder
    assert pfif.parse_date(later[0].get("entry_date")) >= swept
    assert_conforms(export_document(incident=incident))


def test_an_expired_report_is_published_as_a_placeholder_after_the_sweep(incident, on_commit):
    report = on_commit(make_report, incident)
    Report.objects.filter(pk=report.pk).update(expires_at=timezone.now() - timedelta(minutes=5))
    swept = timezone.now().replace(microsecond=0)
    retention_sweep()
    later = export_persons(incident=incident, min_entry_date=swept)
    assert [p.record_id for p in later] == [f"reunify.invalid/report.{report.uid}"]
    assert later[0].is_placeholder


def test_an_edit_is_a_newer_source_date(incident, on_commit):
    post = on_commit(make_post, incident)
    before = pfif.parse(export_document(incident=incident)).persons[0].get("source_date")
    Post.objects.filter(pk=post.pk).update(updated_at=timezone.now() - timedelta(minutes=1))
    post.refresh_from_db()
    on_commit(post_update, post=post, full_name="Mohamed Ben Ali")
    after = pfif.parse(export_document(incident=incident)).persons[0].get("source_date")
    assert after >= before


def test_a_bad_value_drops_only_its_field_and_every_summary_line_names_its_record(
    incident, on_commit
):
    person = {
        "person_record_id": "pf.org/p1",
        "full_name": "Samir Haddad",
        "sex": "dunno",
        "age": "about forty",
        "source_date": "2020-01-01T00:00:00Z",
    }
    note = {"text": "a note someone forgot to give an id"}
    result = on_commit(pfif_import, incident=incident, data=_person(person, [note]))
    post = Post.objects.get()
    assert (post.full_name, post.sex, post.age) == ("Samir Haddad", "", None)
    assert [w["kind"] for w in result.written] == ["post"]
    assert {(w["record_id"], w["reason"]) for w in result.warnings} == {
        ("pf.org/p1", "sex 'dunno' is not female, male or other; field left out"),
        (
            "pf.org/p1",
            "age 'about forty' is not a number of years or a range (35-45); field left out",
        ),
    }
    assert result.skipped == [
        {"record_id": "", "reason": "note has no note_record_id (in person pf.org/p1)"}
    ]
    exported = pfif.parse(export_document(incident=incident)).persons[0]
    assert exported.get("full_name") == "Samir Haddad" and not exported.get("sex")


def test_a_record_a_volunteer_hides_is_a_placeholder_for_followers_then_comes_back(
    incident, on_commit
):
    moderator = User.objects.create_user("mona", "mona@volunteers.invalid", "horse 42 staple")
    moderator.groups.add(Group.objects.get(name="moderators"))
    post = on_commit(make_post, incident, full_name="Fake Appeal")
    seen = timezone.now().replace(microsecond=0)
    on_commit(record_hide, record=post, by=moderator, reason="reused photo")
    later = export_persons(incident=incident, min_entry_date=seen)
    assert len(later) == 1 and later[0].is_placeholder
    assert "Fake Appeal" not in export_document(incident=incident).decode()
    assert_conforms(export_document(incident=incident))

    republished = timezone.now().replace(microsecond=0)
    on_commit(record_publish, record=post, by=moderator, reason="checked")
    later = export_persons(incident=incident, min_entry_date=republished)
    assert len(later) == 1 and not later[0].is_placeholder
    assert later[0].get("full_name") == "Fake Appeal"


def test_a_record_published_again_after_its_placeholder_comes_back_on_the_follower(
    incident, on_commit
):
    # A volunteer on the source board hid a record, then published it again once checked.
    first = {
        "person_record_id": "pf.org/p2",
        "full_name": "Samir Haddad",
        "source_date": "2020-01-01T00:00:00Z",
    }
    on_commit(pfif_import, incident=incident, data=_person(first))
    placeholder = {
        "person_record_id": "pf.org/p2",
        "expiry_date": "2020-01-03T00:00:00Z",
        "source_date": "2020-01-03T00:00:00Z",
        "entry_date": "2020-01-03T00:00:00Z",
    }
    on_commit(pfif_import, incident=incident, data=_person(placeholder))
    again = {**first, "source_date": "2020-01-05T00:00:00Z", "entry_date": "2020-01-05T00:00:00Z"}
    on_commit(pfif_import, incident=incident, data=_person(again))
    post = Post.objects.get(purged_at=None)  # the erased copy stays erased
    assert post.full_name == "Samir Haddad"
    exported = [p for p in export_persons(incident=incident) if p.record_id == "pf.org/p2"]
    assert len(exported) == 1 and exported[0].get("full_name") == "Samir Haddad"
