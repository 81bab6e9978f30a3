"""Reports from a source that is mostly about people nobody searches for weigh less."""

import random

import pytest

from reunify.board.models import Report
from reunify.matches.frequencies import frequencies_clear
from reunify.matches.models import Match
from reunify.matches.shares import SHARE_MIN_REPORTS, shares_clear, source_shares
from tests.conftest import make_post, make_report

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _fresh_caches():
    shares_clear()
    frequencies_clear()
    yield
    shares_clear()
    frequencies_clear()


def _strangers(count: int) -> list[str]:
    """Invented names that match nobody on the board."""
    rng = random.Random(5)
    syllables = [c + v for c in "bdfgklmnprstvz" for v in "aeiou"]
    names = set()
    while len(names) < count:
        names.add(" ".join("".join(rng.sample(syllables, 3)).capitalize() for _ in range(2)))
    return sorted(names)


def _hospital_list(incident, on_commit, names) -> None:
    for name in names:
        on_commit(
            make_report,
            incident,
            full_name=name,
            source=Report.Source.OFFICIAL,
            contact_email="",
            from_partner=True,
        )


def test_a_list_mostly_of_people_nobody_searches_for_gets_a_small_share(incident, on_commit):
    on_commit(make_post, incident)
    _hospital_list(incident, on_commit, _strangers(SHARE_MIN_REPORTS))
    shares_clear()  # as another worker would, rebuilt from the database
    shares = source_shares(incident)
    assert shares[Report.Source.OFFICIAL] == pytest.approx(4 / (SHARE_MIN_REPORTS + 5))
    assert Report.Source.SELF not in shares  # too few reports to say: the engine's prior

    # The person on the board, on the same list: still found, the odds honestly lower.
    report = on_commit(
        make_report, incident, source=Report.Source.OFFICIAL, contact_email="", from_partner=True
    )
    match = Match.objects.get(report=report)
    assert match.score < match.evidence
    assert any(r["field"] == "source" for r in match.reasons)
    assert match.level in (Match.Level.LIKELY, Match.Level.REVIEW)


def test_below_the_minimum_a_source_keeps_the_engines_prior(incident, on_commit):
    on_commit(make_post, incident)
    _hospital_list(incident, on_commit, _strangers(SHARE_MIN_REPORTS - 1))
    shares_clear()
    assert Report.Source.OFFICIAL not in source_shares(incident)
    report = on_commit(make_report, incident, source=Report.Source.OFFICIAL, from_partner=True)
    match = Match.objects.get(report=report)
    assert match.score == match.evidence
    assert not any(r["field"] == "source" for r in match.reasons)


def test_the_share_follows_the_reports_this_process_matches(incident, on_commit):
    on_commit(make_post, incident)
    _hospital_list(incident, on_commit, _strangers(SHARE_MIN_REPORTS))
    counted = source_shares(incident)[Report.Source.OFFICIAL]  # cache built
    _hospital_list(incident, on_commit, _strangers(SHARE_MIN_REPORTS + 10)[-10:])
    assert source_shares(incident)[Report.Source.OFFICIAL] < counted
