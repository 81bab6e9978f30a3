"""The one age parser, sex vocabulary and text cleaning every door uses (pure Python)."""

import pytest

from reunify.lib.people import (
    AgeError,
    ImpossibleAgeError,
    is_phone,
    parse_age,
    parse_sex,
    strip_unsafe,
    xml_safe,
)


@pytest.mark.parametrize(
    ("written", "ages"),
    [
        ("34", (34, None, None)),
        ("30-35", (None, 30, 35)),
        ("30–35", (None, 30, 35)),
        ("30 — 35", (None, 30, 35)),
        ("35-30", (None, 30, 35)),
        ("30 to 35", (None, 30, 35)),
        ("30 à 35", (None, 30, 35)),
        ("about 40", (None, 35, 45)),
        ("~40", (None, 35, 45)),
        ("environ 40 ans", (None, 35, 45)),
        ("حوالي ٤٠", (None, 35, 45)),
        ("٣٥", (35, None, None)),
        ("۳۵", (35, None, None)),
        ("٣٠–٣٥", (None, 30, 35)),
        ("60+", (None, 60, None)),
        ("34 years", (34, None, None)),
        ("34.0", (34, None, None)),
        ("about 128", (None, 123, 130)),
        ("", (None, None, None)),
        (None, (None, None, None)),
        (34, (34, None, None)),
    ],
)
def test_ages_are_read_the_way_people_write_them(written, ages):
    assert parse_age(written) == ages


@pytest.mark.parametrize("written", ["forty", "-5", "3.5", "about", "12abc", "Ali\x00", "30-"])
def test_what_is_not_an_age_is_refused(written):
    with pytest.raises(AgeError):
        parse_age(written)


@pytest.mark.parametrize("written", ["250", "30-250", "about 200", "131"])
def test_impossible_ages_are_refused_as_impossible(written):
    with pytest.raises(ImpossibleAgeError):
        parse_age(written)


@pytest.mark.parametrize(
    ("written", "sex"),
    [
        ("F", "female"),
        ("femme", "female"),
        ("Féminin", "female"),
        ("أنثى", "female"),
        ("M.", "male"),
        ("homme", "male"),
        ("ذكر", "male"),
        ("x", "other"),
        ("", ""),
        ("alien", None),
    ],
)
def test_one_sex_vocabulary_in_three_languages(written, sex):
    assert parse_sex(written) == sex


def test_control_characters_and_bidi_overrides_are_stripped():
    assert strip_unsafe("Ali\x07 \x1b[31mBen\u202eali\u2066\u2069") == "Ali [31mBenali"
    assert strip_unsafe("line one\r\nline\ttwo\x85", multiline=True) == "line one\nline\ttwo"
    assert strip_unsafe("one\nline") == "one line"
    assert strip_unsafe("lone \ud800surrogate") == "lone surrogate"
    # Arabic text keeps its own right-to-left marks; only overrides and isolates go.
    assert strip_unsafe("محمد\u200f") == "محمد\u200f"


def test_xml_safe_keeps_only_what_xml_can_carry():
    assert xml_safe("Ali\x07\x00\x1b Benali\n\ufffe") == "Ali Benali\n"


@pytest.mark.parametrize(
    ("phone", "ok"),
    [
        ("+33 6 12 34 56 78", True),
        ("(01) 42.49-49/49", True),
        ("٠٦١٢٣٤٥٦٧٨", True),
        ("<script>alert(1)</script>", False),
        ("call me maybe", False),
        ("-----", False),
    ],
)
def test_one_phone_rule(phone, ok):
    assert is_phone(phone) is ok
