"""Parameters as data, comparing apart from weighing, and parameters learned by EM."""

import json
import random

import pytest

from reunify.matching import (
    PRIOR,
    MatchIndex,
    NameFrequencies,
    Params,
    PersonRecord,
    compare,
    fit,
    score_pair,
    weigh,
)
from reunify.matching.likeness import compare_tokens
from reunify.matching.names import VARIANT, tokenise


def test_parameters_survive_a_round_trip_through_json_with_their_version():
    data = json.loads(json.dumps(PRIOR.to_dict()))
    again = Params.from_dict(data)
    assert again.version == PRIOR.version
    assert again.m_u("given", "exact") == pytest.approx(PRIOR.m_u("given", "exact"))


def test_the_version_changes_with_the_numbers_and_a_tampered_copy_is_refused():
    data = PRIOR.to_dict()
    data["table"]["sex"]["different"][0] = 0.2
    with pytest.raises(ValueError, match="version"):
        Params.from_dict(data)
    data.pop("version")
    assert Params.from_dict(data).version != PRIOR.version


def test_compare_gives_levels_and_weigh_turns_them_into_the_score_evidence():
    post = PersonRecord("p", given_name="Leila", family_name="Haddad", age=30, sex="female")
    report = PersonRecord("r", full_name="Leila Hadad", age=31, sex="female", source="hospital")
    vector = compare(post, report)
    levels = {(item.comparison, item.level) for item in vector}
    assert ("given", "exact") in levels
    assert ("sex", "same") in levels
    assert any(c == "age@hospital" for c, _ in levels)
    bits, reasons = weigh(vector, PRIOR)
    assert bits == pytest.approx(sum(r.weight for r in reasons))
    assert bits > 10


def test_an_age_estimated_by_a_hospital_five_years_off_costs_less_than_one_stated_by_family():
    post = PersonRecord("p", full_name="Sophie Marchand", age=35, sex="female", source="family")
    by_family = PersonRecord("r", full_name="Sophie Marchand", age=30, source="family")
    by_hospital = PersonRecord("r", full_name="Sophie Marchand", age=30, source="hospital")
    family_age = [r for r in score_pair(post, by_family).reasons if r.field == "age"][0]
    hospital_age = [r for r in score_pair(post, by_hospital).reasons if r.field == "age"][0]
    assert hospital_age.weight > family_age.weight
    assert hospital_age.weight > -1


def test_found_somewhere_else_than_last_seen_is_no_evidence_but_the_same_place_counts_a_little():
    post = PersonRecord("p", full_name="Sophie Marchand", age=35, location="rue Alibert")
    elsewhere = PersonRecord("r", full_name="Sophie Marchand", found_at="Hôpital Saint-Louis")
    there = PersonRecord("r", full_name="Sophie Marchand", found_at="rue Alibert")
    moved = [r for r in score_pair(post, elsewhere).reasons if r.field == "location"]
    stayed = [r for r in score_pair(post, there).reasons if r.field == "location"]
    assert moved[0].weight == 0
    assert 0 < stayed[0].weight < 3


@pytest.mark.parametrize(
    "a,b", [("Mohamed", "Mouhamed"), ("Salah", "Salih"), ("Youssouf", "Yusuf"), ("Omar", "Umar")]
)
def test_attested_transliterations_of_one_name_are_variants_not_typos(a, b):
    assert compare_tokens(tokenise(a)[0], tokenise(b)[0]) == VARIANT


def _incident(seed: int, posts: int = 300, on_board: float = 0.7):
    """Posts written by families; reports by a hospital, a share of them about people here."""
    rng = random.Random(seed)
    given = ["Amina", "Karim", "Leila", "Omar", "Sara", "Youssef", "Nadia", "Ali", "Hana", "Rami"]
    family = [f"Fam{chr(97 + i)}{chr(97 + j)}" for i in range(20) for j in range(10)]
    people = [
        (rng.choice(given), rng.choice(family), rng.randint(1, 80), rng.choice("MF"))
        for _ in range(posts)
    ]
    left = [
        PersonRecord(f"p{i}", given_name=g, family_name=f, age=a, sex=s, source="family")
        for i, (g, f, a, s) in enumerate(people)
    ]
    right, truth = [], {}
    for j in range(200):
        if rng.random() < on_board:
            i = rng.randrange(posts)
            g, f, a, s = people[i]
            truth[f"r{j}"] = f"p{i}"
            a = max(0, a + rng.randint(-5, 5))  # a hospital estimates
        else:
            g, f, a, s = rng.choice(given), rng.choice(family), rng.randint(1, 80), "M"
        right.append(PersonRecord(f"r{j}", full_name=f"{g} {f}", age=a, sex=s, source="hospital"))
    return left, right, truth


@pytest.fixture(scope="module")
def incident():
    """An incident with its parameters fitted once (a fit takes a few seconds)."""
    left, right, truth = _incident(1, on_board=0.6)
    freqs = NameFrequencies(left)
    params = fit(left, right, frequencies=freqs, random_pairs=3_000)
    return left, right, truth, freqs, params


def test_a_fit_learns_the_share_of_reports_about_someone_here_and_reports_its_figures(incident):
    _left, _right, _truth, _freqs, params = incident
    figures = params.figures
    assert figures["fitted"] and figures["iterations"] >= 1
    assert figures["candidate_pairs"] > 0 and figures["seconds"] >= 0
    assert 0.4 < params.lambda_for("hospital") < 0.8
    assert params.version != PRIOR.version
    assert Params.from_dict(json.loads(json.dumps(params.to_dict()))).version == params.version


def test_a_fit_learns_that_a_hospitals_ages_are_estimates(incident):
    params = incident[-1]
    # five years off is common among this hospital's true pairs: no longer strong evidence
    assert params.weight("age@hospital", "3-5") > PRIOR.weight("age@stated", "3-5")


def test_fitted_parameters_find_the_planted_people(incident):
    left, right, truth, freqs, params = incident
    index = MatchIndex(left, frequencies=freqs, params=params)
    hits = 0
    for report in right:
        found = index.candidates(report, one_alert=True)
        likely = [pid for pid, result in found if result.level == "likely"]
        hits += report.id in truth and truth[report.id] in likely
    assert hits >= 0.8 * len(truth)


def test_a_tiny_incident_stays_close_to_the_prior():
    left, right, _ = _incident(4, posts=15)
    params = fit(left[:15], right[:5], random_pairs=200)
    m_fit, _ = params.m_u("given", "exact")
    m_prior, _ = PRIOR.m_u("given", "exact")
    assert abs(m_fit - m_prior) < 0.15


def test_score_pair_and_the_index_take_parameters(incident):
    left, _right, _truth, _freqs, params = incident
    result = score_pair(left[0], left[0], params=params)
    assert result.score > 0.5
    assert MatchIndex(left[:10], params=params).params is params


def test_a_place_found_near_where_last_seen_never_counts_against_whatever_the_fit_says():
    # In a big city most random pairs share the city: a fit can find "area" more common
    # among random pairs than among matches. Found-at against last-seen is still no evidence
    # against: agreement may help, disagreement or a shared city never hurts.
    table = {c: dict(levels) for c, levels in PRIOR.table.items()}
    table["found"] = {"same": (0.01, 0.02), "area": (0.01, 0.3), "different": (0.98, 0.68)}
    params = Params(table=table)
    post = PersonRecord("p", full_name="Fatma Ramadan", location="Kahramanmaraş, Dulkadiroğlu")
    report = PersonRecord(
        "r", full_name="Fatma Ramadan", found_at="AFAD camp, Kahramanmaraş", source="shelter"
    )
    place = [r for r in score_pair(post, report, params=params).reasons if r.field == "location"]
    assert place and place[0].weight >= 0
    assert params.weight("found", "same") >= 0 and params.weight("found", "different") == 0


def _family_first_incident(seed: int):
    """Posts "Given Family"; a list writes 30 % of names "Family Given" (no capitals to tell)."""
    rng = random.Random(seed)
    # many unlike names, as in a city: two random records rarely share or nearly share one
    syllables = [c + v for c in "bdfgklmnprstvz" for v in "aeiou"]
    given = sorted({"".join(rng.sample(syllables, 2)).title() for _ in range(300)})
    family = sorted({"".join(rng.sample(syllables, 3)).title() for _ in range(600)})
    people = [(rng.choice(given), rng.choice(family), rng.randint(1, 80)) for _ in range(400)]
    left = [
        PersonRecord(f"p{i}", full_name=f"{g} {f}", age=a, source="family")
        for i, (g, f, a) in enumerate(people)
    ]
    right = []
    for j in range(300):
        if rng.random() < 0.5:
            g, f, a = people[rng.randrange(len(people))]
        else:
            g, f, a = rng.choice(given), rng.choice(family), rng.randint(1, 80)
        written = f"{f} {g}" if rng.random() < 0.3 else f"{g} {f}"
        right.append(PersonRecord(f"r{j}", full_name=written, age=a, source="list"))
    return left, right


def test_names_written_family_first_are_not_in_themselves_evidence_of_a_match():
    # The orientation is chosen because a name part agrees across it; that agreement is
    # already counted by the name levels. Counting the orientation's u over all random pairs
    # (nearly all "straight", since nothing agrees) made "swapped" worth +4 bits on its own.
    left, right = _family_first_incident(2)
    params = fit(left, right, random_pairs=4_000)
    assert params.weight("swap", "guessed") < 2.5  # was 3.6: counted twice
    # one name part agreeing the other way round, the other different: not a likely match
    post = PersonRecord("p", full_name="Marianne Pereira", age=20, source="family")
    report = PersonRecord("r", full_name="Martin Marianne", age=20, source="list")
    assert score_pair(post, report, params=params).score < 0.5
