"""After an upgrade that reads names differently, older records are re-keyed and matched again."""

import pytest

from reunify.actions.tasks import matching_sweep, refresh_keys
from reunify.board.models import Post, Report
from reunify.matches.adapter import post_record
from reunify.matches.models import KeyScheme, Match, PostKey
from reunify.matching import record_keys, scheme_version
from tests.conftest import make_post, make_report
from tests.matches.test_sweep import _age_pending

pytestmark = pytest.mark.django_db


def _as_if_keyed_by_older_code(post: Post) -> None:
    """Keys an older release made: none of this code's, and one it no longer makes."""
    PostKey.objects.filter(post=post).delete()
    PostKey.objects.create(incident_id=post.incident_id, post=post, key="xk:zzzz")
    KeyScheme.objects.all().delete()


def test_stale_keys_are_rewritten_and_the_record_matched_again(incident, on_commit, mailoutbox):
    post = on_commit(make_post, incident)
    _as_if_keyed_by_older_code(post)
    report = on_commit(make_report, incident)  # its keys cannot meet the post's stale ones
    assert not Match.objects.filter(post=post, report=report).exists()

    assert on_commit(refresh_keys) == 1  # the post's keys changed, the report's did not

    stored = set(PostKey.objects.filter(post=post).values_list("key", flat=True))
    assert stored == set(record_keys(post_record(Post.objects.get(pk=post.pk))))
    assert Post.objects.get(pk=post.pk).match_pending_since is not None
    assert Report.objects.get(pk=report.pk).match_pending_since is None
    _age_pending(Post)
    on_commit(matching_sweep)
    assert Match.objects.get(post=post, report=report).level == Match.Level.LIKELY


def test_a_scheme_is_walked_once(incident, on_commit):
    post = on_commit(make_post, incident)
    KeyScheme.objects.all().delete()
    assert refresh_keys() == 0  # keys already right: nothing rewritten, nothing re-matched
    assert refresh_keys() == 0  # nothing left to walk: the scheme is done
    scheme = KeyScheme.objects.get(version=scheme_version())
    assert scheme.finished_at is not None and scheme.post_cursor == post.pk
    _as_if_keyed_by_older_code(post)
    KeyScheme.objects.filter(pk=scheme.pk).delete()
    KeyScheme.objects.create(version=scheme_version(), post_cursor=post.pk)  # walked already
    assert refresh_keys() == 0


def test_the_scheme_follows_the_code_that_reads_names():
    from reunify.matching import keys

    before = keys.scheme_version()
    keys.scheme_version.cache_clear()
    try:
        keys._READING_PACKAGES += ("a-package-that-reads-names",)
        assert keys.scheme_version() != before
    finally:
        keys._READING_PACKAGES = keys._READING_PACKAGES[:-1]
        keys.scheme_version.cache_clear()
    assert keys.scheme_version() == before
