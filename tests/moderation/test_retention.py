"""Retention: every record expires; deletion has a restore window; then data and files go."""

import logging
from datetime import timedelta

from django.urls import reverse
from django.utils import timezone

from reunify.board.models import Photo, Post, Report, Visibility
from reunify.matches.models import Match, PostKey
from reunify.moderation.retention import RESTORE_DAYS, retention_sweep
from tests.conftest import FAMILY, REPORTER, make_post, make_report

from .conftest import jpeg, photo_image


def _files(record) -> list:
    from django.conf import settings

    names = [n for p in record.photos.all() for n in (p.image, p.thumbnail) if n]
    return [settings.MEDIA_ROOT / n for n in names]


def _assert_wiped(record, contact):
    record.refresh_from_db()
    assert record.purged_at is not None and record.visibility == Visibility.HIDDEN
    assert record.full_name == "" and record.contact_email == "" and record.contact_phone == ""
    assert record.age is None and record.alternate_names == ""
    assert not Photo.objects.filter(**{type(record).__name__.lower(): record}).exists()
    for value in contact.values():
        for model in (Post, Report):
            assert not model.objects.filter(contact_email=value).exists()
    assert record.uid and record.incident_id and record.created_at  # the PFIF placeholder


def test_records_expire_after_the_incidents_retention_period(incident, on_commit):
    incident.retention_days = 45
    incident.save()
    post = on_commit(make_post, incident)
    expected = timezone.now() + timedelta(days=45)
    assert abs(post.expires_at - expected) < timedelta(minutes=1)


def test_the_family_keeps_their_post_longer_from_the_private_link(client, incident, on_commit):
    post = on_commit(make_post, incident)
    Post.objects.filter(pk=post.pk).update(expires_at=timezone.now() + timedelta(days=2))
    page = client.get(reverse("board:post-manage", args=[post.uid, post.secret_token()]))
    assert "Keep it longer" in page.content.decode()
    client.post(reverse("board:record-keep", args=["p", post.uid, post.secret_token()]))
    post.refresh_from_db()
    assert post.expires_at > timezone.now() + timedelta(days=59)


def test_expiry_wipes_personal_data_and_photo_files(incident, on_commit):
    post = on_commit(make_post, incident, photos=[jpeg(photo_image(3))])
    report = on_commit(make_report, incident, photos=[jpeg(photo_image(4))])
    files = _files(post) + _files(report)
    assert files and all(f.exists() for f in files)
    assert Match.objects.exists() and PostKey.objects.filter(post=post).exists()

    assert retention_sweep(now=timezone.now() + timedelta(days=61)) == 2

    _assert_wiped(post, FAMILY)
    _assert_wiped(report, REPORTER)
    assert not any(f.exists() for f in files)
    assert not Match.objects.exists() and not PostKey.objects.filter(post=post).exists()
    assert retention_sweep(now=timezone.now() + timedelta(days=62)) == 0  # safe to run twice


def test_deleting_can_be_undone_within_the_restore_window(client, incident, on_commit):
    post = on_commit(make_post, incident)
    token = post.secret_token()
    client.post(reverse("board:post-delete", args=[post.uid, token]))
    post.refresh_from_db()
    assert post.visibility == Visibility.WITHDRAWN
    assert client.get(reverse("board:post-detail", args=[post.uid])).status_code == 404
    assert (
        "Undo" in client.get(reverse("board:post-manage", args=[post.uid, token])).content.decode()
    )

    client.post(reverse("board:record-undelete", args=["p", post.uid, token]))
    post.refresh_from_db()
    assert post.is_public and post.deleted_at is None


def test_after_the_restore_window_a_deletion_wipes_data_and_files(client, incident, on_commit):
    report = on_commit(make_report, incident, photos=[jpeg(photo_image(5))])
    token = report.secret_token()
    files = _files(report)
    client.post(reverse("board:report-delete", args=[report.uid, token]))

    assert retention_sweep(now=timezone.now() + timedelta(days=RESTORE_DAYS - 1)) == 0
    assert retention_sweep(now=timezone.now() + timedelta(days=RESTORE_DAYS, hours=1)) == 1
    _assert_wiped(report, REPORTER)
    assert not any(f.exists() for f in files)
    # The private link is dead once the data is gone.
    assert client.get(reverse("board:report-manage", args=[report.uid, token])).status_code == 404


def test_logs_carry_no_personal_data(client, incident, on_commit, caplog, moderator):
    caplog.set_level(logging.DEBUG)
    data = {"full_name": "Win Bitcoin", "description": "www.a.example www.b.example", **FAMILY}
    on_commit(client.post, reverse("board:post-create", args=["paris"]), data)
    post = Post.objects.get()
    client.post(reverse("board:post-delete", args=[post.uid, post.secret_token()]))
    retention_sweep(now=timezone.now() + timedelta(days=RESTORE_DAYS + 1))
    text = caplog.text
    assert str(post.uid) in text  # records are named by uid only
    for personal in ("Win Bitcoin", *FAMILY.values()):
        assert personal not in text
