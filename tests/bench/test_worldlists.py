"""bench.worldlists: the independent generator of labelled lists. No engine, no database."""

import csv
import re
import statistics
import sys
import unicodedata

import pytest

from bench.worldlists import POST_COLUMNS, REPORT_COLUMNS, generate
from bench.worldlists.__main__ import main
from bench.worldlists.styles import STYLES

THIRD_PARTIES = {"hospital", "shelter", "list", "passerby"}


@pytest.fixture(scope="module")
def mixed():
    return generate(11, n_posts=300, n_reports=1200, style="mixed")


def _by_id(rows):
    return {row["id"]: row for row in rows}


def _true_pairs(data):
    posts, reports, truth = data
    post, report = _by_id(posts), _by_id(reports)
    return [(post[pair["post_id"]], report[pair["report_id"]]) for pair in truth]


def _stated_age(row):
    if row["age"] is not None:
        return row["age"]
    if row["age_min"] is not None:
        return (row["age_min"] + row["age_max"]) / 2
    return None


def test_the_same_seed_gives_the_same_lists_and_another_seed_other_lists():
    first = generate(5, n_posts=80, n_reports=200, style="mixed")
    again = generate(5, n_posts=80, n_reports=200, style="mixed")
    other = generate(6, n_posts=80, n_reports=200, style="mixed")
    assert first == again
    assert first[0] != other[0]


@pytest.mark.parametrize("style", sorted(STYLES))
def test_every_true_pair_points_at_a_post_and_a_report_that_exist(style):
    posts, reports, truth = generate(3, n_posts=150, n_reports=400, style=style)
    assert len(posts) == 150 and len(reports) == 400
    post_ids, report_ids = {row["id"] for row in posts}, {row["id"] for row in reports}
    assert truth
    for pair in truth:
        assert pair["post_id"] in post_ids and pair["report_id"] in report_ids
    assert all(set(row) == set(POST_COLUMNS) for row in posts)
    assert all(set(row) == set(REPORT_COLUMNS) for row in reports)


def test_third_party_ages_are_estimates_and_family_ages_are_exact(mixed):
    # A post with a birth date states the true age; compare each report's age with it.
    third_party_errors, family_errors = [], []
    for post, report in _true_pairs(mixed):
        stated = _stated_age(report)
        if not post["birth_date"] or stated is None:
            continue
        error = abs(stated - post["age"])
        (third_party_errors if report["source"] in THIRD_PARTIES else family_errors).append(error)
    assert len(third_party_errors) > 30 and len(family_errors) > 10
    assert statistics.mean(family_errors) <= 0.5
    assert statistics.mean(third_party_errors) >= 3
    off_by_five = sum(error >= 5 for error in third_party_errors) / len(third_party_errors)
    assert off_by_five > 0.25


def test_found_places_differ_from_last_seen_places_for_most_true_pairs(mixed):
    pairs = _true_pairs(mixed)
    same = sum(post["last_seen_place"] == report["found_place"] for post, report in pairs)
    assert same / len(pairs) < 0.15


def test_the_share_of_reports_with_a_true_post_depends_on_the_source(mixed):
    _, reports, truth = mixed
    matched = {pair["report_id"] for pair in truth}
    share = {}
    for source in ("hospital", "list", "self", "family"):
        rows = [row for row in reports if row["source"] == source]
        share[source] = sum(row["id"] in matched for row in rows) / len(rows)
    assert share["list"] < share["hospital"] < share["self"] < share["family"]
    assert share["self"] - share["hospital"] > 0.2
    assert len(matched) / len(reports) < 0.5  # most reports are about nobody on the board


def _name_words(row):
    text = " ".join((row["full_name"], row["given_name"], row["family_name"]))
    decomposed = unicodedata.normalize("NFKD", text.casefold())
    folded = "".join(char for char in decomposed if not unicodedata.combining(char))
    return set(re.findall(r"[^\W\d_]{3,}", folded))


def test_namesakes_make_many_wrong_pairs_share_a_name(mixed):
    posts, reports, truth = mixed
    true_pairs = {(pair["post_id"], pair["report_id"]) for pair in truth}
    posts_by_word = {}
    for post in posts:
        for word in _name_words(post):
            posts_by_word.setdefault(word, set()).add(post["id"])
    sharing = set()
    for report in reports:
        for word in _name_words(report):
            sharing.update((post_id, report["id"]) for post_id in posts_by_word.get(word, ()))
    # Common names recur across unrelated households: for each true pair several wrong ones
    # share a name word (the ratio grows with the size of the board).
    assert len(sharing - true_pairs) > 3 * len(true_pairs)


def test_relatives_post_the_same_person_twice_now_and_then(mixed):
    posts, _, truth = mixed
    posts_per_report = {}
    for pair in truth:
        posts_per_report.setdefault(pair["report_id"], set()).add(pair["post_id"])
    assert any(len(post_ids) == 2 for post_ids in posts_per_report.values())


def test_the_command_writes_three_csv_files(tmp_path, monkeypatch):
    argv = ["worldlists", "--seed", "2", "--out", str(tmp_path), "--posts", "40", "--reports", "90"]
    monkeypatch.setattr(sys, "argv", argv)
    main()
    with (tmp_path / "reports.csv").open(encoding="utf-8") as file:
        rows = list(csv.DictReader(file))
    assert len(rows) == 90 and tuple(rows[0]) == REPORT_COLUMNS
    assert (tmp_path / "posts.csv").exists() and (tmp_path / "truth.csv").exists()
