from django.utils import translation

from reunify.web.templatetags.reunify import reason_text


def test_a_reason_reads_in_the_readers_language_including_its_parameters():
    reason = {
        "template": "{label}: {left} and {right} are the same name in two scripts (a common name)",
        "params": {"label": "family name", "left": "العلي", "right": "Al Ali"},
        "weight": 3.0,
    }
    with translation.override("fr"):
        text = reason_text(reason)
    assert "العلي" in text and "Al Ali" in text
    assert "family name" not in text and "common name" not in text


def test_an_age_estimate_in_a_reason_is_translated():
    reason = {
        "template": "age: {left} fits {right}",
        "params": {"left": 31, "right": "estimate 30–35"},
    }
    with translation.override("fr"):
        assert "estimate" not in reason_text(reason)


def test_a_broken_reason_falls_back_to_its_template():
    assert reason_text({"template": "age: {missing}", "params": {}}) == "age: {missing}"
