import ast
import json
import pathlib
import subprocess
import sys

import pytest

import reunify.matching as matching
from reunify.matching import (
    KEY_CAP,
    LIKELY,
    REVIEW,
    InvalidRecord,
    MatchIndex,
    MatchResult,
    NameFrequencies,
    PersonRecord,
    Reason,
    find_duplicates,
    query_keys,
    reasons_as_dicts,
    record_keys,
    score_pair,
    search_score,
)

PACKAGE = pathlib.Path(matching.__file__).parent
FORBIDDEN = ("django", "celery", "rest_framework")


def test_matching_library_imports_nothing_from_django_celery_or_drf():
    for path in PACKAGE.rglob("*.py"):
        tree = ast.parse(path.read_text(encoding="utf-8"))
        for node in ast.walk(tree):
            if isinstance(node, ast.Import):
                names = [alias.name for alias in node.names]
            elif isinstance(node, ast.ImportFrom):
                names = [node.module or ""]
            else:
                continue
            for name in names:
                assert name.split(".")[0] not in FORBIDDEN, f"{path.name} imports {name}"


def test_importing_the_library_in_a_fresh_process_loads_no_django_celery_or_drf():
    # A fresh interpreter, importing exactly what a user of the library would: the real
    # reunify package (no stub), so whatever reunify/__init__.py loads is caught here.
    code = (
        "import sys;"
        "import reunify.matching as m;"
        "m.score_pair(m.PersonRecord('a', full_name='x'), m.PersonRecord('b', full_name='y'));"
        "loaded = sorted({k.split('.')[0] for k in sys.modules});"
        f"print([k for k in loaded if k in {FORBIDDEN + ('kombu',)!r}]);"
        "print('reunify.settings' in sys.modules)"
    )
    out = subprocess.run(
        [sys.executable, "-c", code],
        capture_output=True,
        text=True,
        check=True,
        cwd=PACKAGE.parents[1],
        env={"PATH": "/usr/bin:/bin"},
    )
    assert out.stdout.split() == ["[]", "False"]


def test_thresholds_are_probabilities_with_review_below_likely():
    assert 0 < REVIEW < LIKELY < 1
    assert KEY_CAP > 0


def test_score_pair_returns_a_probability_a_level_and_reasons_most_important_first():
    post = PersonRecord("p1", full_name="Mohamed Benali", age=34, sex="male")
    report = PersonRecord("r1", full_name="Mohammed Ben Ali", age=34, sex="male")
    result = score_pair(post, report)
    assert isinstance(result, MatchResult)
    assert 0.0 <= result.score <= 1.0
    assert result.level in ("likely", "review", "none")
    assert all(isinstance(r, Reason) for r in result.reasons)
    weights = [abs(r.weight) for r in result.reasons]
    assert weights == sorted(weights, reverse=True)


def test_reasons_serialise_to_json_with_field_template_params_and_weight():
    result = score_pair(
        PersonRecord("a", given_name="Jean", family_name="Dupont", age=31),
        PersonRecord("b", given_name="Jean", family_name="Dupont", age_min=30, age_max=35),
    )
    rows = reasons_as_dicts(result)
    assert json.loads(json.dumps(rows)) == rows
    assert {tuple(sorted(row)) for row in rows} == {("field", "params", "template", "weight")}
    for row in rows:
        assert row["template"].format(**row["params"])


def test_reason_text_fills_the_template():
    reason = Reason(
        "age", "age: {left} fits {right}", {"left": "31", "right": "estimate 30–35"}, 2.5
    )
    assert reason.text == "age: 31 fits estimate 30–35"


def test_keys_are_short_prefixed_ascii_strings():
    record = PersonRecord(
        "p", full_name="محمد بن عبد الله الحسني", age=31, birth_date="1994-03-02", location="Alep"
    )
    keys = record_keys(record)
    assert keys
    for key in keys:
        assert key.isascii() and len(key) <= 64
        assert key[:3] in ("xk:", "nk:", "xp:", "fi:", "xa:", "bd:")


def test_query_keys_meet_the_record_keys_of_the_person_searched_for():
    record = PersonRecord("p", given_name="Mohamed", family_name="Hassan", age=40)
    assert query_keys("محمد حسن") & record_keys(record)
    assert query_keys("hassan mohammed") & record_keys(record)


def test_search_score_ranks_the_right_person_first():
    right = PersonRecord("a", full_name="Hélène Lefèvre")
    wrong = PersonRecord("b", full_name="Marie Martin")
    assert search_score("helene lefebvre", right) > 0.8
    assert search_score("helene lefebvre", wrong) < 0.3
    assert search_score("", right) == 0.0


def test_name_frequencies_count_records_and_can_be_updated():
    freqs = NameFrequencies.from_records(
        PersonRecord(str(i), full_name=f"Mohamed {name}")
        for i, name in enumerate(["Ali", "Hassan", "Said"] * 10)
    )
    assert len(freqs) == 30
    freqs.add(PersonRecord("x", full_name="Zoltan Kovacs"))
    assert len(freqs) == 31
    assert freqs.share("t:mohamed") > freqs.share("t:zoltan")


def test_common_names_weigh_less_than_rare_names():
    freqs = NameFrequencies.from_records(
        PersonRecord(str(i), full_name=f"Mohamed {i}") for i in range(200)
    )
    common = score_pair(
        PersonRecord("a", full_name="Mohamed"),
        PersonRecord("b", full_name="Mohamed"),
        frequencies=freqs,
    )
    rare = score_pair(
        PersonRecord("a", full_name="Zoltan"),
        PersonRecord("b", full_name="Zoltan"),
        frequencies=freqs,
    )
    assert rare.score > common.score


def test_match_index_finds_adds_and_removes():
    index = MatchIndex()
    index.add(PersonRecord("p1", full_name="Dmitri Ivanov", age=30, sex="male"))
    index.add(PersonRecord("p2", full_name="Anna Petrova", age=62, sex="female"))
    found = index.candidates(PersonRecord("r", full_name="Дмитрий Иванов", age=31, sex="male"))
    assert [post_id for post_id, _ in found] == ["p1"]
    index.remove("p1")
    assert index.candidates(PersonRecord("r", full_name="Дмитрий Иванов", age=31)) == []
    assert len(index) == 1


def test_find_duplicates_pairs_two_posts_of_the_same_person():
    posts = [
        PersonRecord("a", full_name="Nour el Houda Benali", age=7, sex="female", location="Nice"),
        PersonRecord("b", full_name="Nourelhouda BENALI", age=7, sex="female", location="Nice"),
        PersonRecord("c", full_name="Karim Benali", age=40, sex="male", location="Nice"),
    ]
    pairs = find_duplicates(posts)
    assert [(a, b) for a, b, _ in pairs if _.level == "likely"] == [("a", "b")]


@pytest.mark.parametrize(
    "record",
    [
        PersonRecord("x", full_name="a" * 10_000),
        PersonRecord("x", given_name="b" * 5_000),
        PersonRecord("x", location="c" * 20_000),
        PersonRecord("x", alternate_names=("d" * 10_000,)),
    ],
)
def test_absurdly_long_fields_raise_invalid_record_with_a_clear_message(record):
    with pytest.raises(InvalidRecord, match="characters"):
        score_pair(record, PersonRecord("y", full_name="Ali"))
    with pytest.raises(InvalidRecord):
        record_keys(record)
