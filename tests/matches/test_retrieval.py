"""Candidate retrieval through the key tables, and the board's name frequencies."""

import pytest

from reunify.actions.matching import match_new_report
from reunify.board.models import Post, Visibility
from reunify.matches import selectors
from reunify.matches.adapter import post_record, report_record
from reunify.matches.frequencies import frequencies_clear, incident_frequencies
from reunify.matches.models import Match
from reunify.matches.selectors import candidate_posts, candidate_reports
from reunify.matching import record_keys
from tests.conftest import make_post, make_report

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _fresh_caches():
    frequencies_clear()
    selectors.crowded_forget()
    yield
    frequencies_clear()
    selectors.crowded_forget()


def _candidates(report):
    return candidate_posts(report=report, keys=set(record_keys(report_record(report))))


def test_a_report_in_another_script_retrieves_the_post(incident):
    post = make_post(incident, full_name="Mohamed Benali")
    make_post(incident, full_name="Jeanne Martin", age=70, sex="female")
    report = make_report(incident, full_name="محمد بن علي")

    assert _candidates(report) == [post]


def test_closed_hidden_and_other_incidents_posts_are_not_candidates(incident):
    from reunify.board.services import incident_create

    closed = make_post(incident)
    Post.objects.filter(pk=closed.pk).update(status=Post.Status.FOUND)
    hidden = make_post(incident)
    Post.objects.filter(pk=hidden.pk).update(visibility=Visibility.HIDDEN)
    elsewhere = incident_create(name="Elsewhere", slug="elsewhere", area="Lyon")
    make_post(elsewhere)
    report = make_report(incident)

    assert _candidates(report) == []


def test_posts_sharing_more_keys_come_first_and_the_limit_holds(incident, settings):
    settings.MATCH_CANDIDATE_LIMIT = 2
    same = make_post(incident, full_name="Mohamed Benali", age=34)
    make_post(incident, full_name="Mohamed Haddad", age=60)
    make_post(incident, full_name="Mohamed Benali", age=80)
    report = make_report(incident, full_name="Mohammed Ben Ali", age=34)

    candidates = _candidates(report)

    assert len(candidates) == 2 and candidates[0] == same


def test_closed_posts_filling_the_shortlist_do_not_hide_an_open_one(incident, settings):
    settings.MATCH_CANDIDATE_LIMIT = 1
    still_missing = make_post(incident)
    for _ in range(3):  # newer, identical, closed: they rank above it
        closed = make_post(incident)
        Post.objects.filter(pk=closed.pk).update(status=Post.Status.REUNITED)
    report = make_report(incident)

    assert _candidates(report) == [still_missing]


def test_a_key_carried_by_more_posts_than_the_cap_separates_nobody(incident, monkeypatch):
    for age in (20, 40, 60):
        make_post(incident, full_name="Mohamed Benali", age=age)
    monkeypatch.setattr(selectors, "KEY_CAP", 2)
    report = make_report(incident, full_name="Mohamed", age=None)  # only crowded keys

    assert _candidates(report) == []


def test_a_post_retrieves_reports_of_its_incident(incident):
    report = make_report(incident, full_name="Дмитрий Иванов", age=40)
    make_report(incident, full_name="Jeanne Martin", age=70, sex="female")
    post = make_post(incident, full_name="Dmitri Ivanov", age=40)

    assert candidate_reports(post=post, keys=set(record_keys(post_record(post)))) == [report]


def _score(post, report) -> float:
    match = Match.objects.filter(post=post, report=report).first()
    return match.score if match else 0.0


def test_a_very_common_name_scores_lower_than_a_rare_one_with_the_same_evidence(incident):
    common = make_post(incident, full_name="Mohamed Benali", age=34)
    rare = make_post(incident, full_name="Zoltan Kovacs", age=34)
    for n in range(30):  # the board is full of Mohamed Benali, of other ages
        make_post(incident, full_name="Mohamed Benali", age=50 + n)
    for n in range(10):
        make_post(incident, full_name=f"Person{chr(97 + n)} Filler", age=20 + n)

    about_common = make_report(incident, full_name="Mohamed Benali", age=34)
    about_rare = make_report(incident, full_name="Zoltan Kovacs", age=34)
    match_new_report(report_id=about_common.pk)
    match_new_report(report_id=about_rare.pk)

    assert incident_frequencies(incident).population == 42
    assert _score(common, about_common) < _score(rare, about_rare)
    assert Match.objects.get(post=rare, report=about_rare).level == Match.Level.LIKELY
