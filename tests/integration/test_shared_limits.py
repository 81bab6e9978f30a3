"""The advertised rate is the real one with several web workers: counters are shared."""

import time
from concurrent.futures import ThreadPoolExecutor

import pytest
import redis

from tests.integration.servers import REDIS_URL, get, gunicorn

pytestmark = [pytest.mark.integration, pytest.mark.django_db(transaction=True)]

LIMIT = 10


def _start_of_a_fresh_window(window: int = 60, needed: float = 20) -> None:
    # Limits count in fixed windows: start where the whole burst fits in one.
    if window - time.time() % window < needed:
        time.sleep(window - time.time() % window + 0.1)


def test_two_gunicorn_workers_allow_the_advertised_search_rate_and_no_more(incident, tmp_path):
    redis.Redis.from_url(REDIS_URL).flushdb()
    access_log = tmp_path / "gunicorn.log"
    env = {"RATE_SEARCHES_PER_MINUTE": str(LIMIT)}
    with gunicorn(access_log, workers=2, env=env) as base:
        urls = [
            f"{base}/i/paris/search/?q=Benali",
            f"{base}/api/v1/incidents/paris/search/?q=Benali",
        ]
        _start_of_a_fresh_window()
        # Four at a time on fresh connections, so both workers take requests.
        with ThreadPoolExecutor(max_workers=4) as pool:
            codes = list(pool.map(lambda i: get(urls[i % 2])[0], range(4 * LIMIT)))
    assert codes.count(200) == LIMIT, codes
    assert codes.count(429) == 3 * LIMIT
    served_by = {
        line.split()[0] for line in access_log.read_text().splitlines() if "search" in line
    }
    assert len(served_by) == 2, "both workers must have answered"
    redis.Redis.from_url(REDIS_URL).flushdb()
