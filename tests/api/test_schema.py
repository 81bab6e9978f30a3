"""Schemathesis against our own OpenAPI schema: no 5xx, and responses match the schema.

Bounded (a few examples per operation, derandomized) so the default suite stays fast.
"""

import pytest
import schemathesis
from django.core import signals
from django.db import close_old_connections
from hypothesis import HealthCheck
from hypothesis import settings as hypothesis_settings
from schemathesis.specs.openapi.checks import negative_data_rejection

from reunify.wsgi import application

schema = schemathesis.openapi.from_wsgi("/api/schema/", application)


@pytest.fixture
def board(incident, settings):
    from tests.conftest import make_post, make_report

    make_post(incident)
    make_report(incident)
    settings.REST_FRAMEWORK = {
        **settings.REST_FRAMEWORK,
        "DEFAULT_THROTTLE_RATES": {"key": None, "anon": None},
    }
    # The WSGI handler closes the connection after each request, as Django's test client
    # prevents: the test transaction must survive the calls.
    signals.request_started.disconnect(close_old_connections)
    signals.request_finished.disconnect(close_old_connections)
    yield
    signals.request_started.connect(close_old_connections)
    signals.request_finished.connect(close_old_connections)


@pytest.mark.django_db
@pytest.mark.usefixtures("board")
@schema.parametrize()
@hypothesis_settings(
    max_examples=3,
    deadline=None,
    derandomize=True,
    suppress_health_check=list(HealthCheck),
)
def test_the_api_conforms_to_its_schema(case):
    # Unknown query parameters are ignored, as DRF does everywhere: not a schema violation.
    case.call_and_validate(excluded_checks=[negative_data_rejection])
