"""Properties that must hold for any input, checked with hypothesis."""

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from reunify.matching import (
    InvalidRecord,
    PersonRecord,
    normalise_name,
    query_keys,
    record_keys,
    score_pair,
    search_score,
)
from reunify.matching.text import clean, cross_skeleton, fold, skeleton

NAME_ALPHABET = st.sampled_from(
    list("abcdefghijklmnopqrstuvwxyzéèëçñøßABCDEFGHIJ -'.")
    + list("محمدعليحسنفاطمةأإآىةيوء")
    + list("ДмитрийИвановЖЩЫЁ")
    + [
        "\u200f",
        "\u200e",
        "\u200d",
        "\u202e",
        "🙂",
        "👨",
        "👩",
        "\u0301",
        "\ufeff",
        "ﬁ",
        "Ǆ",
        "\x00",
    ]
)
names = st.text(alphabet=NAME_ALPHABET, max_size=40) | st.text(max_size=40)
ages = st.none() | st.integers(min_value=0, max_value=110)
records = st.builds(
    PersonRecord,
    id=st.just("x"),
    full_name=names,
    given_name=names,
    family_name=names,
    alternate_names=st.lists(names, max_size=2).map(tuple),
    age=ages,
    age_min=ages,
    age_max=ages,
    birth_date=st.sampled_from(["", "1984", "1984-05-02", "02/05/1984", "junk", "19840502"]),
    sex=st.sampled_from(["", "female", "male", "other", "F", "?"]),
    location=names,
)
FAST = settings(max_examples=50, deadline=None, suppress_health_check=[HealthCheck.too_slow])


@FAST
@given(names)
def test_normalisation_is_idempotent(text):
    once = normalise_name(text)
    assert normalise_name(once) == once
    assert clean(clean(text)) == clean(text)


@FAST
@given(st.text(alphabet="abcdefghijklmnopqrstuvwxyz", min_size=1, max_size=20))
def test_phonetic_folds_are_idempotent_and_ascii(word):
    assert fold(fold(word)) == fold(word)
    assert skeleton(word).isascii() and cross_skeleton(word).isascii()


@FAST
@given(records, records)
def test_score_is_a_probability_and_symmetric(a, b):
    b = PersonRecord(**{**{f: getattr(b, f) for f in b.__slots__}, "id": "y"})
    forward = score_pair(a, b)
    backward = score_pair(b, a)
    assert 0.0 <= forward.score <= 1.0
    assert abs(forward.score - backward.score) < 1e-9
    assert forward.level == backward.level
    for reason in forward.reasons:
        assert isinstance(reason.text, str)


@FAST
@given(records)
def test_any_unicode_record_gives_keys_and_never_crashes(record):
    for key in record_keys(record):
        assert key.isascii() and 3 < len(key) <= 64
    for key in query_keys(record.full_name):
        assert key.isascii() and len(key) <= 64
    assert 0.0 <= search_score(record.full_name, record) <= 1.0


@FAST
@given(records)
def test_a_record_with_a_name_matches_itself_at_least_as_well_as_anything(record):
    other = PersonRecord("other", full_name="Zzyzx Qwerty", age=50)
    same = score_pair(record, record)
    assert same.score >= score_pair(record, other).score - 1e-9


@settings(max_examples=20, deadline=None)
@given(st.integers(min_value=1_001, max_value=30_000), st.sampled_from(["a", "م", "🙂", "\u200f"]))
def test_over_long_names_raise_invalid_record(length, char):
    record = PersonRecord("x", full_name=char * length)
    try:
        score_pair(record, PersonRecord("y", full_name="Ali"))
    except InvalidRecord as error:
        assert "characters long" in str(error)
    else:
        raise AssertionError("a name this long must be refused")
