from pathlib import Path

import pytest
from django.core.management import call_command

from reunify.actions.decisions import match_confirm
from reunify.board.models import Post, Report
from reunify.board.services import incident_create
from reunify.matches.models import Match
from reunify.pfif import format as pfif
from reunify.pfif import writer
from reunify.pfif.export import export_document
from reunify.pfif.models import PfifRecord
from reunify.pfif.services import pfif_import
from tests.conftest import make_post, make_report

pytestmark = pytest.mark.django_db

SAMPLES = Path("/work/shared/pfif-samples")
if not SAMPLES.exists():
    SAMPLES = Path(__file__).resolve().parents[3] / "shared" / "pfif-samples"


def _records(xml: bytes):
    """What must survive a round trip: every field but the repository's own entry dates."""
    persons = pfif.parse(xml).persons

    def strip(fields):
        # entry_date is the receiving repository's; expiry follows the receiver's retention rule
        return {k: v for k, v in fields.items() if k not in ("entry_date", "expiry_date")}

    return sorted(
        (sorted(strip(p.fields).items()), sorted(sorted(strip(n.fields).items()) for n in p.notes))
        for p in persons
    )


def test_export_then_import_into_an_empty_board_then_export_gives_the_same_records(
    incident, on_commit
):
    post = on_commit(make_post, incident, alternate_names="Momo", last_seen_place="Le Carillon")
    on_commit(make_post, incident, full_name="Léa Petit", age_min=6, age_max=9, sex="female")
    report = on_commit(make_report, incident, message="Conscious, asking for family")
    on_commit(make_report, incident, kind="safe", full_name="Claire Dubois", age=None)
    match = Match.objects.get(post=post, report=report)
    on_commit(match_confirm, match=match, decided_by="family")
    first = export_document(incident=incident)

    empty = incident_create(name="Copy", slug="copy", area="Paris")
    result = on_commit(pfif_import, incident=empty, data=first)
    assert result.skipped == [], result.skipped
    assert Post.objects.filter(incident=empty).count() == 2
    assert Report.objects.filter(incident=empty).count() == 2
    # a link that came in is for a volunteer to review: never a decision taken for them
    assert Match.objects.filter(post__incident=empty, state="confirmed").count() == 0
    assert Match.objects.filter(post__incident=empty, state="open").count() == 1
    assert _records(export_document(incident=empty)) == _records(first)


def test_importing_the_same_document_twice_writes_nothing_the_second_time(incident, on_commit):
    data = (SAMPLES / "test.pfif-1.2.xml").read_bytes()
    first = on_commit(pfif_import, incident=incident, data=data)
    counts = (Post.objects.count(), Report.objects.count(), PfifRecord.objects.count())
    second = on_commit(pfif_import, incident=incident, data=data)
    assert first.written and not second.written
    assert all(s["reason"].startswith("already imported") for s in second.skipped)
    assert (Post.objects.count(), Report.objects.count(), PfifRecord.objects.count()) == counts


@pytest.mark.parametrize("sample", sorted(p.name for p in SAMPLES.glob("*.xml")))
def test_every_sample_imports_what_is_valid_and_reports_the_rest(incident, on_commit, sample):
    result = on_commit(pfif_import, incident=incident, data=(SAMPLES / sample).read_bytes())
    document = pfif.parse((SAMPLES / sample).read_bytes())
    ids = [p.record_id for p in document.persons]
    ids += [n.record_id for p in document.persons for n in p.notes] + [
        n.record_id for n in document.notes
    ]
    accounted = {r["record_id"] for r in result.written} | {r["record_id"] for r in result.skipped}
    # every record is either written or skipped with a reason
    assert set(ids) <= accounted
    assert all(s["reason"] for s in result.skipped)
    written_posts = {r["uid"] for r in result.written if r["kind"] == "post"}
    assert written_posts == {str(u) for u in Post.objects.values_list("uid", flat=True)}


def test_a_note_about_an_unknown_person_is_skipped_with_a_reason(incident):
    data = (SAMPLES / "test.pfif-1.2-believed-dead.xml").read_bytes()
    result = pfif_import(incident=incident, data=data)
    assert result.written == []
    assert result.skipped[0]["reason"] == (
        "refers to person test.google.com/person.21009, which this board does not have"
    )


def test_a_believed_dead_note_on_a_known_person_is_held_for_review(incident, on_commit):
    on_commit(
        pfif_import, incident=incident, data=(SAMPLES / "test.pfif-1.2-source.xml").read_bytes()
    )
    data = (
        (SAMPLES / "test.pfif-1.2-believed-dead.xml")
        .read_bytes()
        .replace(b"test.google.com/person.21009", b"mytestdomain.com/person.21009")
    )
    result = pfif_import(incident=incident, data=data)
    assert sorted(w["kind"] for w in result.written) == ["note", "report"]
    assert Report.objects.get().visibility == "held"


def test_a_document_that_is_not_pfif_writes_nothing(incident):
    with pytest.raises(pfif.PfifError):
        pfif_import(incident=incident, data=b"<html><body>hello</body></html>")
    with pytest.raises(pfif.PfifError):
        pfif_import(incident=incident, data=b"<pfif:pfif xmlns:pfif='http://zesty.ca/pfif/1.4'>")
    assert PfifRecord.objects.count() == 0


def test_a_partner_pulls_the_feed_incrementally(client, incident):
    posts = [
        make_post(
            incident, full_name=f"Person {n}", contact_email=f"f{n}@example.org", contact_phone=""
        )
        for n in range(5)
    ]
    feed = pfif.parse(client.get(f"/pfif/{incident.slug}/feed.atom?max_results=2&skip=1").content)
    assert [p.display_name for p in feed.persons] == ["Person 1", "Person 2"]
    since = pfif.format_date(posts[3].updated_at)
    # PFIF dates have whole seconds: everything from that second on comes back
    later = pfif.parse(
        client.get(f"/pfif/{incident.slug}/feed.atom?min_entry_date={since}").content
    )
    assert "Person 4" in [p.display_name for p in later.persons]


def test_a_partner_with_a_write_key_imports_pfif_over_http(client, incident):
    from reunify.api.services import api_key_create

    _, raw = api_key_create(organisation_name="Person Finder", scopes=["write"])
    data = (SAMPLES / "test.pfif-1.4.xml").read_bytes()
    refused = client.post(f"/pfif/{incident.slug}/import", data, content_type="application/xml")
    assert refused.status_code == 403
    response = client.post(
        f"/pfif/{incident.slug}/import",
        data,
        content_type="application/xml",
        HTTP_AUTHORIZATION=f"Api-Key {raw}",
    )
    assert response.status_code == 200
    assert response.json()["written"]


def test_the_export_command_writes_pfif_13(incident, capsys):
    make_post(incident)
    call_command("export_pfif", "--incident", incident.slug, "--pfif-version", "1.3")
    assert "http://zesty.ca/pfif/1.3" in capsys.readouterr().out


def _person_expiring(record_id: str, name: str, expiry) -> bytes:
    person = pfif.Person(
        fields={
            "person_record_id": record_id,
            "full_name": name,
            "source_name": "Partner",
            "expiry_date": pfif.format_date(expiry),
        }
    )
    return writer.write([person], version="1.4")


def test_an_imported_record_never_outlives_its_source(incident, on_commit):
    from datetime import timedelta

    from django.utils import timezone

    soon = timezone.now() + timedelta(days=3)
    result = on_commit(
        pfif_import, incident=incident, data=_person_expiring("p.org/1", "Samir Haddad", soon)
    )
    post = Post.objects.get(uid=result.written[0]["uid"])
    assert abs(post.expires_at - soon) < timedelta(seconds=1)  # sooner than our retention

    later = timezone.now() + timedelta(days=10 * 365)
    result = on_commit(
        pfif_import, incident=incident, data=_person_expiring("p.org/2", "Nour Haddad", later)
    )
    post = Post.objects.get(uid=result.written[0]["uid"])
    assert post.expires_at < later  # our own retention still applies

    past = timezone.now() - timedelta(days=1)
    result = on_commit(
        pfif_import, incident=incident, data=_person_expiring("p.org/3", "Lina Haddad", past)
    )
    assert result.written == []
    assert result.skipped[0]["reason"] == "expired at its source, and never imported here"


def test_the_export_stays_valid_xml_when_an_old_row_holds_control_characters(client, incident):
    # Rows written before input was cleaned (or by a raw UPDATE) must not break the feed.
    post = make_post(incident)
    Post.objects.filter(pk=post.pk).update(full_name="Ali\x07 \x1bBenali", description="a\x0cb\x1f")
    for url in (f"/pfif/{incident.slug}/export.xml", f"/pfif/{incident.slug}/feed.atom"):
        response = client.get(url)
        assert response.status_code == 200
        names = [p.display_name for p in pfif.parse(response.content).persons]
        assert "Ali Benali" in names


def test_a_pfif_record_dated_in_the_future_is_skipped_with_a_reason(incident):
    document = (
        b'<?xml version="1.0" encoding="UTF-8"?>'
        b'<pfif:pfif xmlns:pfif="http://zesty.ca/pfif/1.4"><pfif:person>'
        b"<pfif:person_record_id>example.org/p.1</pfif:person_record_id>"
        b"<pfif:source_date>2999-01-01T00:00:00Z</pfif:source_date>"
        b"<pfif:date_of_birth>2990-05-01</pfif:date_of_birth>"
        b"<pfif:full_name>Marie Martin</pfif:full_name>"
        b"</pfif:person></pfif:pfif>"
    )
    result = pfif_import(incident=incident, data=document)
    assert result.skipped == [
        {"record_id": "example.org/p.1", "reason": "source_date is in the future"}
    ]
    assert not Post.objects.exists()
