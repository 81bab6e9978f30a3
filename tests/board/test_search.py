import pytest
from django.urls import reverse

from tests.conftest import make_post, make_report

pytestmark = pytest.mark.django_db


def _search(client, q):
    return client.get(reverse("board:search", args=["paris"]), {"q": q}).content.decode()


@pytest.mark.parametrize("query", ["Mohammed Ben Ali", "mohamed benali", "Benali Mohamed", "محمد"])
def test_search_finds_a_post_across_spellings_and_scripts(client, incident, on_commit, query):
    on_commit(make_post, incident, alternate_names="محمد بن علي")
    assert "Mohamed Benali" in _search(client, query)


def test_search_with_a_typo_still_finds_the_person(client, incident, on_commit):
    on_commit(make_post, incident, full_name="Hélène Lefèvre", age=27, sex="female")
    assert "Hélène Lefèvre" in _search(client, "Helene Lefevbre")


def test_search_by_place_alone_is_refused(client, incident, on_commit):
    on_commit(make_post, incident, last_seen_place="Rue de Charonne")
    body = _search(client, "12")
    assert "a place alone is not enough" in body
    assert "Mohamed Benali" not in body


def test_search_also_lists_people_reported_safe(client, incident, on_commit):
    on_commit(make_report, incident, full_name="Sarah Cohen", kind="safe", source="")
    assert "Sarah Cohen" in _search(client, "Sara Cohen")


def test_search_for_an_unknown_name_finds_no_one(client, incident, on_commit):
    on_commit(make_post, incident)
    assert "No one with a name like this" in _search(client, "Zebulon Quartermaine")


@pytest.mark.parametrize(
    ("native", "query"),
    [("佐藤 大翔", "Haruto Sato"), ("김지훈", "Kim Ji-hoon"), ("王小明", "Wong Siu Ming")],
)
def test_search_in_latin_letters_finds_a_name_written_in_chinese_japanese_or_korean(
    client, incident, on_commit, native, query
):
    on_commit(make_post, incident, full_name=native)
    assert native in _search(client, query)
