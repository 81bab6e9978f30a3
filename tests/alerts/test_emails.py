"""E-mails are rendered from board rows: nothing in them can carry a control character."""

import pytest

from reunify.alerts.emails import render_email
from reunify.board.models import Post
from tests.conftest import make_post

pytestmark = pytest.mark.django_db


def test_an_email_never_carries_a_control_character_from_an_old_row(incident):
    post = make_post(incident)
    Post.objects.filter(pk=post.pk).update(full_name="Ali\x07 \x1b\u202eBenali")
    post.refresh_from_db()
    subject, text, _ = render_email("post_link", {"post": post, "url": "http://x"}, "en")
    assert subject == "Your search for Ali Benali: your private link"
    assert not any(ch in text for ch in "\x07\x1b\u202e")
