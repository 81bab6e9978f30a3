"""Flags: one open flag per reporter per record, and a note over the limit is refused."""

import pytest
from django.urls import reverse

from reunify.board.models import Visibility
from reunify.moderation.models import Flag
from tests.conftest import make_post

pytestmark = pytest.mark.django_db


def _flag(client, post, note="seen this photo in 2014", ip="10.0.0.1"):
    url = reverse("moderation:flag", args=["p", post.uid])
    return client.post(url, {"reason": "hoax", "note": note}, REMOTE_ADDR=ip)


def test_one_person_flagging_three_times_leaves_one_flag_and_the_post_public(
    client, incident, on_commit
):
    post = on_commit(make_post, incident)
    responses = [_flag(client, post) for _ in range(3)]
    assert [r.status_code for r in responses] == [302, 200, 200]
    assert "You have already reported this record" in responses[1].content.decode()
    assert Flag.objects.count() == 1
    post.refresh_from_db()
    assert post.visibility == Visibility.PUBLIC


def test_a_database_constraint_keeps_one_open_flag_per_reporter(incident, on_commit):
    from django.db import IntegrityError, transaction

    post = on_commit(make_post, incident)
    Flag.objects.create(post=post, reason="hoax", source="abc")
    with pytest.raises(IntegrityError), transaction.atomic():
        Flag.objects.create(post=post, reason="spam", source="abc")


def test_a_flag_note_over_the_limit_is_refused_not_cut(client, incident, on_commit):
    post = on_commit(make_post, incident)
    response = _flag(client, post, note="x" * 1_000_000)
    assert response.status_code == 200
    assert "2000 characters" in response.content.decode()
    assert not Flag.objects.exists()
