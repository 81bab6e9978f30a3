"""Abuse controls: per-IP rate limits (database or Redis), honeypot, fill time, proof of work."""

import hashlib
import os

import pytest
from django.core import signing
from django.urls import reverse

from reunify.board.models import Post
from reunify.moderation import guard
from tests.conftest import FAMILY, make_post

SEARCH = "board:search"


def _post_data(**extra):
    return {"full_name": "Mohamed Benali", **FAMILY, **extra}


def test_search_answers_429_with_a_friendly_page_when_an_ip_searches_too_fast(
    client, incident, settings
):
    settings.RATE_LIMITS = {**settings.RATE_LIMITS, "search": (3, 60)}
    url = reverse(SEARCH, args=["paris"])
    for _ in range(3):
        assert client.get(url, {"q": "Benali"}).status_code == 200
    response = client.get(url, {"q": "Benali"})
    assert response.status_code == 429
    assert int(response["Retry-After"]) > 0
    assert "Please wait a moment" in response.content.decode()
    # Another connection is not affected.
    assert client.get(url, {"q": "Benali"}, REMOTE_ADDR="192.0.2.9").status_code == 200


@pytest.mark.parametrize(
    ("scope", "name", "args"),
    [
        ("post", "board:post-create", ["paris"]),
        ("report", "board:safe-create", ["paris"]),
        ("report", "board:found-create", ["paris"]),
    ],
)
def test_every_public_form_is_rate_limited(client, incident, settings, scope, name, args):
    settings.RATE_LIMITS = {**settings.RATE_LIMITS, scope: (1, 3600)}
    url = reverse(name, args=args)
    client.post(url, {})
    assert client.post(url, {}).status_code == 429


def test_relay_and_flag_forms_are_rate_limited(client, incident, on_commit, settings):
    settings.RATE_LIMITS = {**settings.RATE_LIMITS, "relay": (1, 3600), "flag": (1, 3600)}
    post = on_commit(make_post, incident)
    relay = reverse("board:post-detail", args=[post.uid])
    flag = reverse("moderation:flag", args=["p", post.uid])
    client.post(relay, {"body": "hello"})
    client.post(flag, {"reason": "spam"})
    assert client.post(relay, {"body": "hello"}).status_code == 429
    assert client.post(flag, {"reason": "spam"}).status_code == 429


def _redis_cache(url: str) -> dict:
    return {
        "BACKEND": "django.core.cache.backends.redis.RedisCache",
        "LOCATION": url,
        "OPTIONS": {"socket_timeout": 1, "socket_connect_timeout": 1},
    }


def test_counters_live_in_the_shared_cache(db, settings):
    import redis

    url = os.environ.get("TEST_REDIS_URL", "redis://127.0.0.1:6379/15")
    redis.Redis.from_url(url).flushdb()
    settings.CACHES = {**settings.CACHES, "default": _redis_cache(url)}
    assert [guard.counter_hit("t:redis", 60) for _ in range(3)] == [1, 2, 3]
    keys = [k.decode() for k in redis.Redis.from_url(url).scan_iter()]
    assert any("rl:t:redis" in k for k in keys)
    redis.Redis.from_url(url).flushdb()


def test_an_unreachable_cache_still_counts_in_this_process(db, settings):
    settings.CACHES = {**settings.CACHES, "default": _redis_cache("redis://127.0.0.1:1/0")}
    assert [guard.counter_hit("t:down", 60) for _ in range(3)] == [1, 2, 3]


def test_secret_links_are_rate_limited_on_get(client, incident, on_commit, settings):
    settings.RATE_LIMITS = {**settings.RATE_LIMITS, "manage": (2, 3600)}
    post = on_commit(make_post, incident)
    guesses = [
        reverse("board:post-manage", args=[post.uid, "x" * 40]),
        reverse("board:post-stop-alerts", args=[post.uid, "y" * 40]),
    ]
    assert [client.get(url).status_code for url in guesses] == [404, 404]
    right = reverse("board:post-manage", args=[post.uid, post.secret_token()])
    assert client.get(right).status_code == 429
    assert client.get(right, REMOTE_ADDR="192.0.2.9").status_code == 200


def test_web_and_api_search_share_one_budget_per_address(client, incident, settings):
    settings.RATE_LIMITS = {**settings.RATE_LIMITS, "search": (4, 60)}
    web = reverse(SEARCH, args=["paris"])
    api = "/api/v1/incidents/paris/search/"
    codes = [client.get(web, {"q": "Benali"}).status_code for _ in range(2)]
    codes += [client.get(api, {"q": "Benali"}).status_code for _ in range(2)]
    assert codes == [200, 200, 200, 200]
    assert client.get(api, {"q": "Benali"}).status_code == 429
    assert client.get(web, {"q": "Benali"}).status_code == 429


def test_a_filled_honeypot_is_refused(client, incident):
    url = reverse("board:post-create", args=["paris"])
    response = client.post(url, _post_data(website="http://spam.example"))
    assert response.status_code == 400
    assert not Post.objects.exists()


def test_a_form_sent_faster_than_a_person_can_fill_it_is_refused(client, incident, settings):
    settings.FORM_MIN_FILL_SECONDS = 3
    url = reverse("board:post-create", args=["paris"])
    assert client.post(url, _post_data()).status_code == 400  # no start time at all
    page = client.get(url, {"full_name": "Mohamed Benali", "go": "1"}).content.decode()
    token = page.split('name="form_started" value="')[1].split('"')[0]
    assert client.post(url, _post_data(form_started=token)).status_code == 400
    # The same form, shown ten seconds earlier, goes through.
    earlier = signing.dumps(
        float(signing.loads(token, salt=guard._STARTED_SALT)) - 10, salt=guard._STARTED_SALT
    )
    assert client.post(url, _post_data(form_started=earlier)).status_code == 302


def _solve(challenge: str, bits: int) -> str:
    nonce = 0
    while True:
        digest = hashlib.sha256(f"{challenge}:{nonce}".encode()).digest()
        if int.from_bytes(digest, "big") >> (256 - bits) == 0:
            return str(nonce)
        nonce += 1


def test_proof_of_work_switched_on_for_an_incident_under_attack(client, incident, settings):
    settings.POW_BITS = 8
    incident.proof_of_work = True
    incident.save()
    url = reverse("board:post-create", args=["paris"])
    page = client.get(url, {"full_name": "Mohamed Benali", "go": "1"}).content.decode()
    assert "js/pow.js" in page and "cdn" not in page.lower()
    challenge = page.split('name="pow_challenge" value="')[1].split('"')[0]

    assert client.post(url, _post_data(pow_challenge=challenge, pow_nonce="x")).status_code == 400
    nonce = _solve(challenge, 8)
    assert client.post(url, _post_data(pow_challenge=challenge, pow_nonce=nonce)).status_code == 302
    # A solved challenge is good once.
    assert client.post(url, _post_data(pow_challenge=challenge, pow_nonce=nonce)).status_code == 400


def test_search_needs_a_name_and_is_capped(client, incident):
    response = client.get(reverse(SEARCH, args=["paris"]), {"q": "75011"})
    assert "a place alone is not enough" in response.content.decode()
