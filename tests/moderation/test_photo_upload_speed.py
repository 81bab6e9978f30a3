"""Request time of a 6300×6300 PNG on the public post form, tasks left out (issue 12, item 15).

`pytest -m slow -s tests/moderation/test_photo_upload_speed.py` prints wall and CPU seconds;
CPU time is the fairer figure on a shared machine.
"""

import io
import statistics
import time

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from tests.conftest import FAMILY

from .conftest import photo_image

pytestmark = pytest.mark.slow


def test_a_huge_png_costs_the_request_only_its_validation(
    client, incident, django_capture_on_commit_callbacks, settings
):
    settings.RATE_LIMITS = {**settings.RATE_LIMITS, "post": (1000, 3600)}
    buffer = io.BytesIO()
    photo_image(seed=3, size=(6300, 6300)).save(buffer, "PNG")
    png = buffer.getvalue()
    wall, cpu = [], []
    for n in range(3):
        data = {"full_name": f"Leila Haddad {n}", "age": "31", **FAMILY}
        data["photos"] = SimpleUploadedFile("big.png", png, "image/png")
        with django_capture_on_commit_callbacks():  # the request only: tasks wait for commit
            started, cpu_started = time.perf_counter(), time.process_time()
            response = client.post(
                reverse("board:post-create", args=["paris"]), data, REMOTE_ADDR=f"10.9.0.{n}"
            )
            wall.append(time.perf_counter() - started)
            cpu.append(time.process_time() - cpu_started)
        assert response.status_code == 302
    print(
        f"\n6300x6300 PNG ({len(png) / 1e6:.1f} MB): request median "
        f"{statistics.median(wall):.2f} s wall, {statistics.median(cpu):.2f} s CPU"
    )
