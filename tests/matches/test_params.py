"""Each incident's matching parameters are learned from its own records, and every match
says which parameters scored it."""

import itertools

import pytest
from django.urls import reverse

from reunify.actions.matching import match_new_report
from reunify.board.models import Report
from reunify.matches.adapter import post_record, report_record
from reunify.matches.models import FittedParams, Match
from reunify.matches.params import FIT_MIN_POSTS, incident_params, params_forget
from reunify.matches.tasks import refit_params
from reunify.matching import PRIOR
from tests.conftest import make_post, make_report

pytestmark = pytest.mark.django_db

GIVEN = ["Amina", "Karim", "Sophie", "Yusuf", "Olena", "Mamadou", "Lucie", "Omar"]
FAMILY = ["Benali", "Haddad", "Marchand", "Kovalenko", "Diallo", "Nguyen", "Moreau"]


@pytest.fixture(autouse=True)
def _fresh_params_cache():
    params_forget()
    yield
    params_forget()


def _board(incident, count: int) -> None:
    """`count` posts, and as many reports: one in three about a posted person."""
    names = list(itertools.product(GIVEN, FAMILY))[:count]
    for i, (given, family) in enumerate(names):
        make_post(incident, full_name=f"{given} {family}", age=20 + i % 40)
    for i, (given, family) in enumerate(reversed(names)):
        about_someone_here = i % 3 == 0
        name = f"{given} {family}" if about_someone_here else f"{given} Zed{i}"
        make_report(incident, full_name=name, age=22 + i % 40, source=Report.Source.OFFICIAL)


def test_a_new_incident_scores_with_the_prior_and_the_review_page_says_so(incident, client):
    post = make_post(incident)
    report = make_report(incident)
    match_new_report(report_id=report.pk)
    match = Match.objects.get(post=post, report=report)
    assert match.params_version == PRIOR.version
    page = client.get(reverse("board:match-review", args=[match.uid, match.review_token()]))
    assert "starting values" in page.content.decode()


def test_beat_fits_a_grown_incident_and_new_matches_use_and_explain_the_fit(incident, client):
    _board(incident, FIT_MIN_POSTS + 10)
    assert refit_params() == 1
    fitted = FittedParams.objects.get(incident=incident)
    assert fitted.posts >= FIT_MIN_POSTS and fitted.params["figures"]["fitted"] is True
    assert incident_params(incident).version == fitted.version != PRIOR.version

    post = make_post(incident, full_name="Ilyas Ferrand", age=41)
    report = make_report(incident, full_name="Ilyas Ferrand", age=40)
    match_new_report(report_id=report.pk)
    match = Match.objects.get(post=post, report=report)
    assert match.params_version == fitted.version
    page = client.get(reverse("board:match-review", args=[match.uid, match.review_token()]))
    assert "learned from this incident" in page.content.decode()


def test_a_refit_waits_until_the_board_has_grown(incident):
    _board(incident, FIT_MIN_POSTS + 10)
    assert refit_params() == 1
    assert refit_params() == 0
    assert FittedParams.objects.filter(incident=incident).count() == 1


def test_too_small_a_board_keeps_the_prior(incident):
    _board(incident, FIT_MIN_POSTS - 5)
    assert refit_params() == 0
    assert incident_params(incident) is PRIOR


def test_a_report_says_where_the_person_is_now_not_where_they_were_last_seen(incident):
    post = make_post(incident, last_seen_place="rue Alibert")
    report = make_report(incident, current_location="Hôpital Saint-Louis", location_public=True)
    left, right = post_record(post), report_record(report)
    assert (left.location, left.found_at) == ("rue Alibert", "")
    assert (right.location, right.found_at) == ("", "Hôpital Saint-Louis")


def test_only_the_person_and_their_family_state_an_age(incident):
    assert post_record(make_post(incident)).source == "family"
    assert report_record(make_report(incident, source=Report.Source.SEEN)).source == "passerby"
    assert report_record(make_report(incident, source=Report.Source.OFFICIAL)).source == "list"
    safe = make_report(incident, kind=Report.Kind.SAFE)
    assert report_record(safe).source == "self"
