"""Personas for volunteer work: a moderator, a coordinator, and photos that look like photos."""

import io
import random

import pytest
from django.contrib.auth.models import Group, User
from PIL import Image, ImageDraw, ImageFilter


@pytest.fixture
def moderator(db):
    user = User.objects.create_user("mona", "mona@volunteers.invalid", "correct horse 42")
    user.groups.add(Group.objects.get(name="moderators"))
    return user


@pytest.fixture
def coordinator(db):
    user = User.objects.create_user("colette", "colette@volunteers.invalid", "battery staple 42")
    user.groups.add(Group.objects.get(name="coordinators"))
    return user


@pytest.fixture
def moderator_client(client, moderator):
    client.force_login(moderator)
    return client


def photo_image(seed: int, size=(640, 480)) -> Image.Image:
    """A photo-like picture: overlapping soft shapes, different for every seed."""
    rnd = random.Random(seed)
    image = Image.new("RGB", size, tuple(rnd.randrange(256) for _ in range(3)))
    draw = ImageDraw.Draw(image)
    for _ in range(40):
        x, y, r = rnd.randrange(size[0]), rnd.randrange(size[1]), rnd.randrange(20, 160)
        draw.ellipse([x - r, y - r, x + r, y + r], fill=tuple(rnd.randrange(256) for _ in range(3)))
    return image.filter(ImageFilter.GaussianBlur(3))


def jpeg(image: Image.Image, quality: int = 90) -> bytes:
    buffer = io.BytesIO()
    image.save(buffer, "JPEG", quality=quality)
    return buffer.getvalue()


def resized_recompressed(image: Image.Image) -> bytes:
    return jpeg(image.resize((image.width * 2 // 5, image.height * 2 // 5)), quality=35)


def cropped(image: Image.Image, fraction: float) -> bytes:
    """Cut `fraction` off the right and bottom, as someone cropping a screenshot does."""
    w, h = image.size
    return jpeg(image.crop((0, 0, int(w * (1 - fraction)), int(h * (1 - fraction)))), 60)
