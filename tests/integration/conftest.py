"""Fixtures of the tests that run the production stack."""

import os

import kombu.pools
import pytest
import redis

from reunify import queue
from reunify.celery import app as celery_app

REDIS_URL = os.environ.get("TEST_REDIS_URL", "redis://127.0.0.1:6379/15")


@pytest.fixture
def broker():
    """Point this process at the real Redis, and put it back afterwards."""
    client = redis.Redis.from_url(REDIS_URL, socket_timeout=2)
    client.flushdb()
    saved = {k: celery_app.conf[k] for k in ("broker_url", "task_always_eager")}
    celery_app.conf.update(broker_url=REDIS_URL, task_always_eager=False)
    _drop_broker_pools()
    queue._broker_paused_until = 0.0  # an earlier test's broken broker is not this one
    yield client
    celery_app.conf.update(saved)
    _drop_broker_pools()
    client.flushdb()


def _drop_broker_pools():
    # Earlier eager tasks built pools for the in-memory transport; publish through fresh ones.
    if celery_app._pool is not None:
        celery_app._pool.force_close_all()
    celery_app._pool = None
    celery_app.amqp._producer_pool = None
    # kombu keeps producer pools per connection in a global registry: drop those too, or a
    # second test using the broker would acquire from the pool closed above.
    kombu.pools.reset()
