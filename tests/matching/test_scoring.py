"""What the score says about pairs a volunteer would judge at a glance."""

import pytest

from reunify.matching import LIKELY, PersonRecord, score_pair
from reunify.matching.profile import REFERENCE_YEAR


def test_same_person_across_scripts_with_compatible_age_is_likely():
    post = PersonRecord("p", full_name="Mohamed Ali Hassan", age=31, sex="male", location="Aleppo")
    report = PersonRecord(
        "r", full_name="محمد حسن", age_min=30, age_max=35, sex="male", location="حلب"
    )
    result = score_pair(post, report)
    assert result.level == "likely"
    assert any(r.text == "age: 31 fits estimate 30–35" for r in result.reasons)


def test_a_typo_in_the_family_name_is_explained():
    result = score_pair(
        PersonRecord("p", given_name="Hélène", family_name="Lefèvre", age=40),
        PersonRecord("r", given_name="Helene", family_name="Lefebvre", age=40),
    )
    assert result.score >= LIKELY
    assert any(r.field == "family_name" and r.weight > 0 for r in result.reasons)


def test_siblings_sharing_a_family_name_are_not_matched():
    result = score_pair(
        PersonRecord(
            "p", given_name="Jean", family_name="Dupont", age=8, sex="male", location="Nice"
        ),
        PersonRecord(
            "r", given_name="Marie", family_name="Dupont", age=35, sex="female", location="Nice"
        ),
    )
    assert result.level == "none"


def test_namesakes_a_generation_apart_are_not_likely():
    result = score_pair(
        PersonRecord("p", given_name="Bilal", family_name="Musa", age=83, location="Calais"),
        PersonRecord("r", given_name="Bilal", family_name="Musa", age=2, location="Calais"),
    )
    assert result.level != "likely"
    assert result.reasons[0].field in ("given_name", "family_name", "age")
    assert any(r.field == "age" and r.weight < -5 for r in result.reasons)


def test_sex_disagreement_counts_against_a_match():
    same = score_pair(
        PersonRecord("a", full_name="Sam Taylor", sex="female"),
        PersonRecord("b", full_name="Sam Taylor", sex="female"),
    )
    other = score_pair(
        PersonRecord("a", full_name="Sam Taylor", sex="female"),
        PersonRecord("b", full_name="Sam Taylor", sex="male"),
    )
    assert other.score < same.score


def test_date_of_birth_agreement_is_strong_evidence_and_a_typo_still_counts():
    base = {"given_name": "Kaleb", "family_name": "Mccarthy"}
    exact = score_pair(
        PersonRecord("a", birth_date="1927-05-13", **base),
        PersonRecord("b", birth_date="1927-05-13", **base),
    )
    typo = score_pair(
        PersonRecord("a", birth_date="1927-05-13", **base),
        PersonRecord("b", birth_date="1927-05-18", **base),
    )
    other = score_pair(
        PersonRecord("a", birth_date="1927-05-13", **base),
        PersonRecord("b", birth_date="1961-11-02", **base),
    )
    assert exact.score > typo.score > other.score


def test_stated_age_is_compared_with_a_birth_year():
    result = score_pair(
        PersonRecord("a", full_name="Anna Petrova", birth_date="1990"),
        PersonRecord("b", full_name="Anna Petrova", age=REFERENCE_YEAR - 1990),
    )
    assert any(r.field == "age" and r.weight > 0 for r in result.reasons)


def test_places_in_different_languages_are_the_same_area():
    result = score_pair(
        PersonRecord("a", full_name="Rami Haddad", location="Beyrouth"),
        PersonRecord("b", full_name="Rami Haddad", location="بيروت"),
    )
    assert any(r.field == "location" and r.weight > 0 for r in result.reasons)


def test_empty_records_score_without_error():
    result = score_pair(PersonRecord("a"), PersonRecord("b"))
    assert 0 <= result.score <= 1 and result.reasons == ()


def test_a_cyrillic_name_and_its_romanisation_weigh_as_a_cross_script_pair():
    result = score_pair(
        PersonRecord("p", given_name="Микола", family_name="Шевченко", location="Lisboa"),
        PersonRecord("r", full_name="Mykola Shevchenko", location="Lisbon"),
    )
    assert result.level == "likely"
    assert any("two scripts" in r.text for r in result.reasons)


def test_a_report_alerts_only_its_best_post():
    from reunify.matching import MatchIndex

    twins = [
        PersonRecord("a", given_name="Amina", family_name="Haddad", age=30, location="Calais"),
        PersonRecord("b", given_name="Amina", family_name="Haddad", age=31, location="Calais"),
    ]
    report = PersonRecord("r", full_name="Amina Haddad", age=30, location="Calais")
    found = MatchIndex(twins).candidates(report, one_alert=True)
    assert [result.level for _, result in found].count("likely") <= 1
    assert len(found) == 2


def test_a_spanish_double_family_name_meets_its_first_half():
    post = PersonRecord("p", full_name="Javier Sánchez Martínez", age=15, sex="male")
    report = PersonRecord("r", given_name="Javier", family_name="Sanchez", age=15, sex="male")
    result = score_pair(post, report)
    assert result.level == "likely"
    assert any(
        r.field == "family_name" and r.params["left"] == "sánchez" and r.weight > 0
        for r in result.reasons
    )


def test_a_shared_compound_given_name_is_not_a_shared_family_name():
    # Read as double family names, both would share "el Houda": that reading is never paired.
    result = score_pair(
        PersonRecord("p", full_name="Nour el Houda Sánchez", age=17),
        PersonRecord("r", full_name="Nour el Houda Marchenko", age=16),
    )
    assert result.level != "likely"
    assert not any(r.field == "family_name" and r.weight > 0 for r in result.reasons)


def test_a_prior_share_scales_the_odds_and_says_so():
    from reunify.matching import evidence

    post = PersonRecord("p", full_name="Leila Haddad", age=30, sex="female")
    on_board = score_pair(post, PersonRecord("r", full_name="Leila Haddad", age=31, sex="female"))
    listed = score_pair(
        post,
        PersonRecord("r", full_name="Leila Haddad", age=31, sex="female", prior_share=0.1),
    )
    odds = on_board.score / (1 - on_board.score)
    assert listed.score / (1 - listed.score) == pytest.approx(odds * 0.1)
    assert evidence(listed) == pytest.approx(on_board.score)
    assert any(r.field == "source" and "10 %" in r.text for r in listed.reasons)


@pytest.mark.parametrize("share", [0, 1.5, -0.2, "half"])
def test_a_prior_share_outside_0_to_1_is_refused(share):
    from reunify.matching import InvalidRecord

    with pytest.raises(InvalidRecord):
        score_pair(
            PersonRecord("p", full_name="Leila Haddad"),
            PersonRecord("r", full_name="Leila Haddad", prior_share=share),
        )


def _board_with(*names: tuple[str, str, str]) -> list[PersonRecord]:
    """A board of 60 posts: the given ones, then people with unrelated names."""
    posts = [
        PersonRecord(f"n{i}", given_name=g, family_name=f, sex=s)
        for i, (g, f, s) in enumerate(names)
    ]
    for i in range(60 - len(posts)):
        posts.append(
            PersonRecord(f"o{i}", given_name=f"Zed{chr(97 + i % 26)}{i}", family_name=f"Quill{i}")
        )
    return posts


def test_a_namesake_counts_only_if_their_names_agree_the_same_way():
    from reunify.matching import NameFrequencies

    post = PersonRecord("t", given_name="Olga", family_name="Vishnevskaya", sex="F")
    report = PersonRecord("r", full_name="Olga Wischnewskaja", sex="F")
    # Oleg Vishnevskiy shares Olga's name group, not her name: he is no namesake of the report
    with_oleg = NameFrequencies([post, *_board_with(("Oleg", "Vishnevskiy", "M"))])
    scored = score_pair(post, report, frequencies=with_oleg)
    assert not any("namesakes" in r.template for r in scored.reasons)
    # another Olga Vishnevskaya is one
    with_olga = NameFrequencies([post, *_board_with(("Olga", "Vishnevskaya", "F"))])
    assert any(
        "namesakes" in r.template for r in score_pair(post, report, frequencies=with_olga).reasons
    )


def test_another_given_name_is_read_with_the_family_name():
    # "aka Nico" is Nicolas Lévêque's other given name: alone it met Nico Martin on the given
    # name and hid that the family names differ
    post = PersonRecord("p", full_name="Nicolas Lévêque", alternate_names=("Nico",), sex="male")
    stranger = score_pair(post, PersonRecord("r", full_name="Nico Martin", sex="male"))
    assert any(r.field == "family_name" and r.weight < 0 for r in stranger.reasons)
    himself = score_pair(post, PersonRecord("r", full_name="Nico Lévêque", sex="male"))
    assert himself.score > 50 * stranger.score
