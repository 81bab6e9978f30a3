"""Following another board's feed: incremental, idempotent, patient with a peer in trouble."""

import threading
import time
from datetime import timedelta
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from urllib.parse import parse_qs, urlsplit

import pytest
from django.urls import reverse
from django.utils import timezone

from reunify.alerts.models import Alert
from reunify.board.models import Post, Report
from reunify.pfif import format as pfif
from reunify.pfif import writer
from reunify.pfif.federation import peer_create, peer_pull, peers_due
from reunify.pfif.models import Peer
from reunify.pfif.tasks import pull_peers
from tests.conftest import make_post

pytestmark = pytest.mark.django_db


class _Feed:
    """A peer on loopback: serves whatever `body` is, and remembers what it was asked."""

    def __init__(self):
        self.body = b""
        self.status = 200
        self.delay = 0.0
        self.queries: list[dict] = []
        feed = self

        class Handler(BaseHTTPRequestHandler):
            def do_GET(self):  # noqa: N802 - the http.server name
                feed.queries.append(parse_qs(urlsplit(self.path).query))
                time.sleep(feed.delay)
                self.send_response(feed.status)
                self.send_header("Content-Type", "application/atom+xml")
                self.end_headers()
                self.wfile.write(feed.body)

            def log_message(self, *args):
                pass

        self.server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.url = f"http://127.0.0.1:{self.server.server_port}/pfif/b/feed.atom"
        threading.Thread(target=self.server.serve_forever, daemon=True).start()

    def close(self):
        self.server.shutdown()
        self.server.server_close()


@pytest.fixture
def feed():
    served = _Feed()
    yield served
    served.close()


def _atom(*persons: pfif.Person) -> bytes:
    return writer.write_atom(
        list(persons),
        feed_id="b",
        title="Board B",
        self_url="http://b/feed.atom",
        updated=timezone.now(),
    )


def _safe(record_id: str, name: str, entry: str) -> pfif.Person:
    note = pfif.Note(
        {
            "note_record_id": f"{record_id}.note",
            "person_record_id": record_id,
            "author_name": "Board B user",
            "source_date": entry,
            "entry_date": entry,
            "status": "is_note_author",
            "text": "I am safe",
        }
    )
    fields = {
        "person_record_id": record_id,
        "entry_date": entry,
        "author_name": "Board B user",
        "source_name": "Board B",
        "source_date": entry,
        "full_name": name,
    }
    return pfif.Person(fields=fields, notes=[note])


def test_a_report_on_a_followed_board_is_matched_like_a_local_one_and_shows_its_origin(
    client, incident, on_commit, feed
):
    post = on_commit(make_post, incident)
    peer = peer_create(incident=incident, name="Board B", feed_url=feed.url)
    feed.body = _atom(_safe("b.example/report.1", "Mohammed Ben Ali", "2026-01-01T10:00:00Z"))
    assert on_commit(peer_pull, peer_id=peer.pk) == "pulled"
    report = Report.objects.get()
    assert report.origin == "Board B"
    assert Alert.objects.filter(match__post=post, match__report=report).count() == 1
    page = client.get(reverse("board:report-detail", args=[report.uid]))
    assert "from Board B" in page.content.decode()


def test_a_peer_is_read_from_its_cursor_and_a_second_read_changes_nothing(
    incident, on_commit, feed
):
    peer = peer_create(incident=incident, name="Board B", feed_url=feed.url + "?version=1.4")
    feed.body = _atom(
        _safe("b.example/report.1", "Nour Haddad", "2026-01-01T10:00:00Z"),
        _safe("b.example/report.2", "Lina Haddad", "2026-01-01T10:00:05Z"),
    )
    on_commit(peer_pull, peer_id=peer.pk)
    peer.refresh_from_db()
    assert pfif.format_date(peer.cursor_min_entry_date) == "2026-01-01T10:00:05Z"
    assert peer.cursor_skip == 0
    assert "min_entry_date" not in feed.queries[0]
    on_commit(peer_pull, peer_id=peer.pk)
    assert feed.queries[1]["min_entry_date"] == ["2026-01-01T10:00:05Z"]
    assert feed.queries[1]["version"] == ["1.4"]
    assert Report.objects.count() == 2


@pytest.mark.parametrize("trouble", ["down", "garbage", "error", "slow"])
def test_a_peer_in_trouble_is_retried_later_and_loses_nothing(
    settings, incident, on_commit, feed, trouble
):
    settings.PEER_TIMEOUT = 1
    peer = peer_create(incident=incident, name="Board B", feed_url=feed.url)
    good = _atom(_safe("b.example/report.1", "Nour Haddad", "2026-01-01T10:00:00Z"))
    feed.body = b"<html>maintenance</html>" if trouble == "garbage" else good
    feed.status = 503 if trouble == "error" else 200
    feed.delay = 2.0 if trouble == "slow" else 0.0
    if trouble == "down":
        peer.feed_url = "http://127.0.0.1:9/feed.atom"  # nothing listens there
        peer.save(update_fields=["feed_url"])
    started = time.monotonic()
    assert on_commit(peer_pull, peer_id=peer.pk) == "failed"
    assert time.monotonic() - started < 5
    peer.refresh_from_db()
    assert peer.attempts == 1 and peer.last_error
    assert peer.next_attempt_at > timezone.now() + timedelta(seconds=30)
    assert peer.cursor_min_entry_date is None and peer.lease_until is None
    assert peer.pk not in peers_due()
    # the next failure waits longer
    on_commit(peer_pull, peer_id=peer.pk)
    first_wait = peer.next_attempt_at
    peer.refresh_from_db()
    assert peer.attempts == 2 and peer.next_attempt_at > first_wait

    # the peer is back: everything comes
    feed.body, feed.status, feed.delay = good, 200, 0.0
    Peer.objects.filter(pk=peer.pk).update(feed_url=feed.url, next_attempt_at=None)
    assert on_commit(peer_pull, peer_id=peer.pk) == "pulled"
    peer.refresh_from_db()
    assert peer.attempts == 0 and peer.last_error == ""
    assert Report.objects.count() == 1


def test_beat_enqueues_each_due_peer(incident, on_commit, feed):
    feed.body = _atom(_safe("b.example/report.1", "Nour Haddad", "2026-01-01T10:00:00Z"))
    peer_create(incident=incident, name="Board B", feed_url=feed.url)
    assert on_commit(pull_peers) == 1
    assert Report.objects.count() == 1


def test_a_coordinator_adds_a_peer_from_the_volunteer_pages(client, incident, django_user_model):
    from reunify.moderation.roles import volunteer_create

    user = volunteer_create(
        username="nadia", email="n@example.org", password="x-9Lq!pass", role="coordinators", by=None
    )
    client.force_login(user)
    page = client.get("/pfif/peers/")
    assert page.status_code == 200
    response = client.post(
        "/pfif/peers/",
        {
            "incident": incident.pk,
            "name": "Board B",
            "feed_url": "http://b.example/pfif/x/feed.atom",
            "api_key": "secret",
        },
    )
    assert response.status_code == 302
    peer = Peer.objects.get()
    assert (peer.name, peer.api_key) == ("Board B", "secret")
    assert "secret" not in client.get("/pfif/peers/").content.decode()


def test_a_stranger_cannot_add_a_peer(client, incident):
    response = client.post("/pfif/peers/", {"incident": incident.pk, "name": "x"})
    assert response.status_code == 302 and "/login" in response["Location"]
    assert not Peer.objects.exists()


def test_an_imported_post_is_marked_with_its_origin(incident, on_commit, feed):
    person = pfif.Person(
        fields={
            "person_record_id": "b.example/post.1",
            "entry_date": "2026-01-01T10:00:00Z",
            "source_date": "2026-01-01T10:00:00Z",
            "author_name": "x",
            "full_name": "Karim Saleh",
        }
    )
    feed.body = _atom(person)
    peer = peer_create(incident=incident, name="Board B", feed_url=feed.url)
    on_commit(peer_pull, peer_id=peer.pk)
    assert Post.objects.get().origin == "Board B"


def test_the_cursor_never_skips_a_record_that_moved_on(incident):
    from reunify.pfif.federation import PAGE_SIZE, _next_cursor

    peer = peer_create(incident=incident, name="Board B", feed_url="http://b.example/feed.atom")
    # A short page: read on from its last second, skipping nothing (that second's records
    # are read again, a no-op), so a record edited since cannot push another out of view.
    assert _next_cursor(peer, ["2026-01-01T10:00:05Z"]) == (
        pfif.parse_date("2026-01-01T10:00:05Z"),
        0,
    )
    # A full page of one second is the one case that needs skip, or it would be read forever.
    full = ["2026-01-01T10:00:05Z"] * PAGE_SIZE
    minimum, skip = _next_cursor(peer, full)
    assert skip == PAGE_SIZE
    peer.cursor_min_entry_date, peer.cursor_skip = minimum, skip
    assert _next_cursor(peer, full) == (minimum, 2 * PAGE_SIZE)
