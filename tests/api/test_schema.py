"""Schemathesis against our own OpenAPI schema, on PostgreSQL: every check, both ways.

Every built-in check runs (no server error, response status and body conform to the
schema, valid data accepted, invalid data refused, authentication honoured), on 50
positive and negative examples per operation, sent with a partner's write key so the
writes are really exercised. Unknown query parameters are not generated: DRF ignores
them everywhere, by design, so they are not "negative data" (everything the schema
declares is checked both ways).

It takes a few minutes on a busy machine, so it is marked `slow` and runs in CI through
`make test-schema` (part of `make test`).
"""

import os
from datetime import datetime

import pytest
import schemathesis
from django.core import signals
from django.core.exceptions import ValidationError
from django.db import close_old_connections
from hypothesis import HealthCheck, Phase
from hypothesis import settings as hypothesis_settings
from schemathesis import GenerationMode

from reunify.board import cleaning
from reunify.wsgi import application

EXAMPLES_PER_OPERATION = int(os.environ.get("SCHEMATHESIS_EXAMPLES", "50"))

schema = schemathesis.openapi.from_wsgi("/api/schema/", application)
schema.config.generation.update(
    modes=[GenerationMode.POSITIVE, GenerationMode.NEGATIVE],
    max_examples=EXAMPLES_PER_OPERATION,
    allow_extra_parameters=False,
)

pytestmark = pytest.mark.slow

# The schema cannot say "not in the future" (the field's description does): a valid
# example keeps its dates where the description allows them.
PAST = "2026-01-01T00:00:00Z"


def _outside_what_the_description_allows(value) -> bool:
    try:
        moment = datetime.fromisoformat(str(value).replace("Z", "+00:00"))
    except ValueError:
        return False  # not a date at all: the schema's own business
    try:
        cleaning.clean_past(moment)
    except ValidationError:
        return True
    return False


@schema.hook("map_case")
def keep_valid_dates_in_the_past(context, case):
    if not case.meta.generation.mode.is_positive:
        return case
    records = []
    if isinstance(case.body, dict):
        records = [case.body, *[r for r in case.body.get("records", []) if isinstance(r, dict)]]
    for record in records:
        if _outside_what_the_description_allows(record.get("last_seen_at")):
            record["last_seen_at"] = PAST
    if case.query and _outside_what_the_description_allows(case.query.get("updated_since")):
        case.query["updated_since"] = PAST
    return case


@pytest.fixture
def partner(incident, settings):
    from reunify.api.services import api_key_create
    from tests.conftest import make_post, make_report

    make_post(incident)
    make_report(incident)
    settings.REST_FRAMEWORK = {
        **settings.REST_FRAMEWORK,
        "DEFAULT_THROTTLE_RATES": {"key": None, "anon": None},
    }
    _, raw = api_key_create(organisation_name="Hôpital Saint-Louis", scopes=["read", "write"])
    # The WSGI handler closes the connection after each request, as Django's test client
    # prevents: the test transaction must survive the calls.
    signals.request_started.disconnect(close_old_connections)
    signals.request_finished.disconnect(close_old_connections)
    yield {"Authorization": f"Api-Key {raw}"}
    signals.request_started.connect(close_old_connections)
    signals.request_finished.connect(close_old_connections)


@pytest.mark.django_db
@schema.parametrize()
@hypothesis_settings(
    max_examples=EXAMPLES_PER_OPERATION,
    deadline=None,
    derandomize=True,
    # Bounded in time: no shrinking (a failure is reported as found) and no example database.
    phases=[Phase.explicit, Phase.generate],
    database=None,
    suppress_health_check=list(HealthCheck),
)
def test_the_api_conforms_to_its_schema(case, partner):
    case.call_and_validate(headers=partner)
