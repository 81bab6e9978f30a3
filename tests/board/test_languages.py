import pytest
from django.urls import reverse

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(
    ("language", "direction", "phrase"),
    [("en", "ltr", "I'm safe"), ("fr", "ltr", "Je suis en sécurité"), ("ar", "rtl", "أنا بأمان")],
)
def test_incident_page_speaks_each_language(client, incident, language, direction, phrase):
    client.cookies["django_language"] = language
    body = client.get(reverse("board:incident", args=[incident.slug])).content.decode()
    assert f'lang="{language}" dir="{direction}"' in body
    assert phrase in body


def test_language_switcher_remembers_the_choice(client, incident):
    client.post(reverse("set_language"), {"language": "ar", "next": "/"})
    assert 'dir="rtl"' in client.get("/").content.decode()


def test_the_main_pages_have_no_untranslated_text_in_arabic(client, incident):
    client.cookies["django_language"] = "ar"
    for name in ("board:post-create", "board:safe-create", "board:found-create"):
        body = client.get(reverse(name, args=[incident.slug])).content.decode()
        for english in ("Your e-mail", "Full name", "How do you know?", "Private."):
            assert english not in body, (name, english)
