"""The bench's generators and metrics; none of this needs the engine."""

from datetime import date

import pytest

from bench.datasets import metrics
from bench.datasets.arabic_latin import generate_pairs
from bench.datasets.generate import generate
from bench.datasets.metrics import Pair
from bench.datasets.people import STYLES
from bench.datasets.translit import cyrillic_to_latin, feminine_surname

TODAY = date(2026, 1, 15)


def test_the_same_seed_gives_the_same_set():
    first = generate(7, "mixed", posts=80, reports=60, today=TODAY)
    again = generate(7, "mixed", posts=80, reports=60, today=TODAY)
    other = generate(8, "mixed", posts=80, reports=60, today=TODAY)
    assert (first.left, first.right, first.truth) == (again.left, again.right, again.truth)
    assert first.left != other.left


@pytest.mark.parametrize("style", list(STYLES))
def test_every_report_is_labelled_with_a_post_or_with_none(style):
    data = generate(3, style, posts=120, reports=90, today=TODAY)
    left_ids = {row["id"] for row in data.left}
    assert len(data.left) == 120 and len(data.right) == 90
    assert set(data.truth) == {row["id"] for row in data.right}
    for rid, lid in data.truth.items():
        assert (lid in left_ids) if data.kinds[rid] == "match" else lid == ""


def test_ids_do_not_give_the_answer_away():
    data = generate(5, "mixed", posts=100, reports=80, today=TODAY)
    pairs = [(rid, lid) for rid, lid in data.truth.items() if lid]
    assert not any(rid[1:] == lid[1:] for rid, lid in pairs)


def test_arabic_latin_pairs_are_deterministic_and_point_at_latin_names():
    first, again = generate_pairs(2), generate_pairs(2)
    assert first.truth == again.truth and first.latin == again.latin
    latin_ids = {row["id"] for row in first.latin}
    assert len(first.arabic) > 300
    assert all(lids and lids <= latin_ids for lids in first.truth.values())


def test_cyrillic_is_spelled_as_passports_and_newspapers_do():
    assert cyrillic_to_latin("Дмитрий", "icao") == "Dmitrii"
    assert cyrillic_to_latin("Шевченко", "fr", ukrainian=True) == "Chevtchenko"
    assert cyrillic_to_latin("Кузнецов", "de") == "Kusnezow"
    assert cyrillic_to_latin("Євген", "icao") == "Yevhen"
    assert feminine_surname("Вишневский") == "Вишневская"


def test_metrics_on_a_hand_made_example():
    # r1 -> p1 (found as likely), r2 -> p2 (only at rank 2, not likely),
    # r3 -> p3 (never output), r4 is nobody on the board but got a likely pair.
    truth = {"r1": {"p1"}, "r2": {"p2"}, "r3": {"p3"}, "r4": set()}
    pairs = [
        Pair("p1", "r1", 0.9, True),
        Pair("p1", "r1", 0.9, True),  # repeated rows count once
        Pair("p9", "r2", 0.8, True),
        Pair("p2", "r2", 0.7, False),
        Pair("p4", "r4", 0.95, True),
    ]
    scores = metrics.score(pairs, truth)
    assert scores.true_positives == 1
    assert scores.precision == pytest.approx(1 / 3)
    assert scores.recall == pytest.approx(1 / 3)
    assert scores.f1 == pytest.approx(1 / 3)
    assert scores.recall_at_5 == pytest.approx(2 / 3)
    assert scores.false_alert_reports == 1
    assert metrics.recall_at_k(pairs, truth, k=1) == pytest.approx(1 / 3)
    assert sorted(metrics.misses(pairs, truth)) == [
        ("FN", "r2", "p2"),
        ("FN@5", "r3", "p3"),
        ("FP", "r2", "p9"),
        ("FP", "r4", "p4"),
    ]
