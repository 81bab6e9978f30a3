"""Redis down or a database connection dropped: the user's request succeeds, nothing is lost."""

import time

import psycopg
import pytest
from django.db import connection
from django.urls import reverse
from django.utils import timezone
from kombu import pools

from reunify.actions.matching import match_new_report
from reunify.alerts import delivery
from reunify.alerts.models import Alert, DeliveryState, Message
from reunify.celery import app as celery_app
from tests.conftest import make_post, make_report

# Nothing listens there: connecting is refused at once.
CLOSED_PORT_URL = "redis://127.0.0.1:1/0"


def _drop_broker_pools():
    # kombu keeps pools in a registry shared by every broker URL (eager tasks use one
    # too): empty it, rather than close one pool the registry would hand out again.
    pools.reset()
    celery_app._pool = None
    celery_app.amqp._producer_pool = None


@pytest.fixture
def broker_down(settings):
    saved = {key: celery_app.conf[key] for key in ("broker_url", "task_always_eager")}
    celery_app.conf.update(broker_url=CLOSED_PORT_URL, task_always_eager=False)
    settings.REDIS_URL = CLOSED_PORT_URL
    _drop_broker_pools()
    yield
    celery_app.conf.update(saved)
    _drop_broker_pools()


@pytest.mark.django_db
def test_a_post_is_saved_quickly_with_redis_unreachable_and_sent_by_the_sweeper_later(
    incident, on_commit, broker_down, mailoutbox, settings
):
    started = time.monotonic()
    post = on_commit(make_post, incident)
    report = on_commit(make_report, incident)
    on_commit(match_new_report, report_id=report.pk)  # its own task was lost with the publish
    assert time.monotonic() - started < 5
    assert Alert.objects.get(match__post=post).state == DeliveryState.PENDING
    assert not mailoutbox

    # Redis is back; the next sweep finds what was never queued.
    celery_app.conf.update(broker_url="memory://", task_always_eager=True)
    settings.SWEEP_INTERVAL_SECONDS = 0
    from reunify.alerts.tasks import sweep_deliveries

    sweep_deliveries.delay()
    assert Alert.objects.get().state == DeliveryState.SENT
    assert set(Message.objects.values_list("state", flat=True)) == {DeliveryState.SENT}
    assert len(mailoutbox) == 3  # two secret links and the alert


@pytest.mark.django_db
def test_readyz_reports_the_broker_down_without_hanging(client, broker_down):
    started = time.monotonic()
    response = client.get(reverse("readyz"))
    assert time.monotonic() - started < 3
    assert response.status_code == 503
    assert response.json()["broker"] is False
    assert client.get(reverse("healthz")).status_code == 200


@pytest.mark.django_db(transaction=True)
def test_a_dropped_database_connection_does_not_lose_the_record_of_a_sent_alert(incident):
    make_post(incident)
    make_report(incident)  # committed: eager tasks have sent the alert already
    Alert.objects.update(state=DeliveryState.PENDING, next_attempt_at=timezone.now())
    alert = delivery.claim(Alert, Alert.objects.get().pk)
    # The e-mail went out; now the database drops this process's connection.
    db = connection.settings_dict
    with psycopg.connect(
        host=db["HOST"], port=db["PORT"], user=db["USER"], dbname=db["NAME"], autocommit=True
    ) as admin:
        admin.execute("SELECT pg_terminate_backend(%s)", [connection.connection.info.backend_pid])
    started = time.monotonic()
    delivery.mark_sent(alert)
    assert Alert.objects.get().state == DeliveryState.SENT
    # Reconnected at once: a crash while waiting here would send the e-mail again.
    assert time.monotonic() - started < 0.15


def _drop_this_connection() -> None:
    db = connection.settings_dict
    with psycopg.connect(
        host=db["HOST"], port=db["PORT"], user=db["USER"], dbname=db["NAME"], autocommit=True
    ) as admin:
        admin.execute("SELECT pg_terminate_backend(%s)", [connection.connection.info.backend_pid])


@pytest.mark.django_db(transaction=True)
def test_a_connection_dropped_while_idle_is_replaced_before_sending(incident):
    make_post(incident)
    Alert.objects.count()  # the connection is open
    _drop_this_connection()
    delivery.ready_to_record()
    with connection.cursor() as cursor:  # no error: a fresh connection
        cursor.execute("SELECT 1")
        assert cursor.fetchone() == (1,)


def test_task_time_limits_must_stay_below_the_lease(settings):
    from reunify.alerts.apps import check_time_limits

    assert check_time_limits() == []
    settings.CELERY_TASK_TIME_LIMIT = settings.ALERT_LEASE_SECONDS
    assert [error.id for error in check_time_limits()] == ["alerts.E001"]


@pytest.mark.django_db
def test_moderators_see_failed_alerts(incident, admin_client, settings):
    from reunify.alerts.selectors import failed_alerts
    from reunify.alerts.sending import alert_deliver

    settings.EMAIL_BACKEND = "tests.alerts.backends.RejectingBackend"
    make_post(incident)
    match_new_report(report_id=make_report(incident).pk)
    alert_deliver(alert_id=Alert.objects.get().pk)

    assert list(failed_alerts(incident=incident)) == list(Alert.objects.all())
    page = admin_client.get(reverse("admin:alerts_alert_changelist") + "?state__exact=failed")
    assert page.status_code == 200
    assert b"recipient refused" in page.content
