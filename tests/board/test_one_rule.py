"""The same input means the same thing at every door: web form, API, hospital list, PFIF."""

import json

import pytest
from django.urls import reverse

from reunify.board.models import Post, Report
from reunify.imports.lists import guess_mapping, read_table
from reunify.imports.services import found_list_import
from reunify.pfif.services import pfif_import
from tests.conftest import FAMILY

pytestmark = pytest.mark.django_db

AGES = [
    ("30–35", (None, 30, 35)),
    ("30-35", (None, 30, 35)),
    ("about 40", (None, 35, 45)),
    ("٣٥", (35, None, None)),
]


def _ages(record):
    return (record.age, record.age_min, record.age_max)


def _by_web(client, incident, age):
    data = {"full_name": "Marie Martin", "age": age, **FAMILY}
    client.post(reverse("board:post-create", args=[incident.slug]), data)
    return Post.objects.get(full_name="Marie Martin")


def _by_api(client, incident, age):
    from reunify.api.services import api_key_create

    _, raw = api_key_create(organisation_name="Hôpital", scopes=["read", "write"])
    body = {"incident": incident.slug, "full_name": "Marie Martin", "age_text": age}
    client.post(
        "/api/v1/reports/",
        json.dumps(body),
        content_type="application/json",
        HTTP_AUTHORIZATION=f"Api-Key {raw}",
    )
    return Report.objects.get(full_name="Marie Martin")


def _by_list(client, incident, age):
    table = read_table(f'Name,Age,Sex\nMarie Martin,"{age}",F\n'.encode(), "list.csv")
    found_list_import(incident=incident, table=table, mapping=guess_mapping(table.header))
    return Report.objects.get(full_name="Marie Martin")


def _by_pfif(client, incident, age):
    document = (
        '<?xml version="1.0" encoding="UTF-8"?>'
        '<pfif:pfif xmlns:pfif="http://zesty.ca/pfif/1.4"><pfif:person>'
        "<pfif:person_record_id>example.org/p.1</pfif:person_record_id>"
        "<pfif:entry_date>2026-01-01T10:00:00Z</pfif:entry_date>"
        f"<pfif:full_name>Marie Martin</pfif:full_name><pfif:age>{age}</pfif:age>"
        "</pfif:person></pfif:pfif>"
    )
    pfif_import(incident=incident, data=document.encode())
    return Post.objects.get(full_name="Marie Martin")


@pytest.mark.parametrize("door", [_by_web, _by_api, _by_list, _by_pfif], ids=lambda f: f.__name__)
@pytest.mark.parametrize(("written", "ages"), AGES, ids=[a for a, _ in AGES])
def test_an_age_is_read_the_same_at_every_door(client, incident, door, written, ages):
    assert _ages(door(client, incident, written)) == ages


@pytest.mark.parametrize("door", [_by_list, _by_pfif], ids=lambda f: f.__name__)
def test_a_sex_in_another_language_is_read_the_same_by_lists_and_pfif(client, incident, door):
    if door is _by_pfif:
        document = (
            '<?xml version="1.0" encoding="UTF-8"?>'
            '<pfif:pfif xmlns:pfif="http://zesty.ca/pfif/1.4"><pfif:person>'
            "<pfif:person_record_id>example.org/p.1</pfif:person_record_id>"
            "<pfif:full_name>Marie Martin</pfif:full_name><pfif:sex>F</pfif:sex>"
            "</pfif:person></pfif:pfif>"
        )
        pfif_import(incident=incident, data=document.encode())
        record = Post.objects.get()
    else:
        record = door(client, incident, "34")
    assert record.sex == "female"


def test_the_board_refuses_a_control_character_that_a_door_forgot(incident):
    """The services clean again: a door calling post_create directly cannot store a BEL."""
    from reunify.actions.records import post_create

    post = post_create(incident=incident, full_name="Ali\x07 \u202eBenali", **FAMILY)
    assert post.full_name == "Ali Benali"
