"""Personas and builders shared by the Django tests (tests/matching needs none of this)."""

import io
import struct
import zlib

import pytest
from PIL import Image

FAMILY = {
    "contact_name": "Amina Benali",
    "contact_email": "amina.benali@example.org",
    "contact_phone": "+33 6 12 34 56 78",
}
REPORTER = {
    "contact_name": "Hôpital Saint-Louis, accueil",
    "contact_email": "accueil.stlouis@example.org",
    "contact_phone": "+33 1 42 49 49 49",
}


@pytest.fixture(autouse=True)
def _private_folders(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"
    settings.PRIVATE_UPLOAD_ROOT = tmp_path / "uploads"
    settings.SITE_URL = "http://testserver"
    settings.SERVE_MEDIA = True  # as in the embedded mode; production hands files to nginx


@pytest.fixture(autouse=True)
def _forms_filled_at_test_speed(settings):
    # The test client sends a form the instant it is built; production keeps the minimum
    # fill time (FORM_MIN_FILL_SECONDS). The honeypot and rate limits stay on in tests.
    settings.FORM_MIN_FILL_SECONDS = 0


@pytest.fixture(autouse=True)
def _empty_caches():
    # Rate-limit counters and cached pages live in the cache, which no test transaction
    # rolls back: each test starts with an empty one.
    from django.core.cache import caches

    for name in ("default", "local"):
        caches[name].clear()


@pytest.fixture(autouse=True)
def _default_language_after_each_test():
    # A request in French or Arabic leaves its language active in this thread; text built
    # outside a request in the next test (commands, services) expects the default.
    yield
    from django.conf import settings
    from django.utils import translation

    translation.activate(settings.LANGUAGE_CODE)


@pytest.fixture
def incident(db):
    from reunify.board.services import incident_create

    return incident_create(name="Paris, 13 November", slug="paris", area="Paris, France")


@pytest.fixture
def on_commit(django_capture_on_commit_callbacks):
    """Run what a service enqueues on commit, as a real commit would (tasks are eager here)."""

    def run(function, *args, **kwargs):
        with django_capture_on_commit_callbacks(execute=True):
            return function(*args, **kwargs)

    return run


def keyed(record):
    """The record's search keys, made as the worker that matches it makes them first (and with
    its row lock, should a real worker key it at the same time): a test's transaction never
    commits, so the record's task never runs."""
    from reunify.actions.matching import records_keyed

    records_keyed(type(record), [record.pk])
    return record


def make_post(incident, **overrides):
    from reunify.actions.records import post_create

    fields = {"full_name": "Mohamed Benali", "age": 34, "sex": "male", **FAMILY}
    fields.update(overrides)
    return keyed(post_create(incident=incident, **fields))


def make_report(incident, **overrides):
    from reunify.actions.records import report_create
    from reunify.board.models import Report

    fields = {
        "kind": Report.Kind.FOUND,
        "full_name": "Mohammed Ben Ali",
        "age": 34,
        "sex": "male",
        "condition": Report.Condition.HOSPITAL,
        "source": Report.Source.SEEN,
        "current_location": "Hôpital Saint-Louis",
        **REPORTER,
    }
    fields.update(overrides)
    return keyed(report_create(incident=incident, **fields))


def jpeg_bytes(size=(64, 48), color=(200, 30, 30), exif=None) -> bytes:
    buffer = io.BytesIO()
    image = Image.new("RGB", size, color)
    image.save(buffer, "JPEG", exif=exif) if exif is not None else image.save(buffer, "JPEG")
    return buffer.getvalue()


def gps_png_bytes() -> bytes:
    """A PNG carrying EXIF with GPS coordinates (the Bataclan's, as a sharp example)."""
    image = Image.new("RGB", (40, 30), (10, 120, 200))
    exif = Image.Exif()
    exif[0x8825] = {1: "N", 2: (48.0, 51.0, 47.0), 3: "E", 4: (2.0, 22.0, 15.0)}
    buffer = io.BytesIO()
    image.save(buffer, "PNG", exif=exif)
    return buffer.getvalue()


def bomb_png_bytes(width: int = 30000, height: int = 30000) -> bytes:
    """A small PNG whose header claims a huge picture, as a decompression bomb does."""

    def chunk(kind: bytes, body: bytes) -> bytes:
        crc = struct.pack(">I", zlib.crc32(kind + body))
        return struct.pack(">I", len(body)) + kind + body + crc

    header = struct.pack(">IIBBBBB", width, height, 8, 0, 0, 0, 0)
    rows = zlib.compress(b"\x00" * 4096)
    return (
        b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", header) + chunk(b"IDAT", rows) + chunk(b"IEND", b"")
    )


class _Exported(list):
    """Persons that came out of the PFIF export (so their document is checked)."""


@pytest.fixture(autouse=True)
def _every_pfif_export_conforms(request, monkeypatch):
    """Every PFIF document and feed the board produces in the suite passes the PFIF 1.4
    conformance rules (tests/pfif/conformance.py), whichever test made it."""
    if request.node.path.parent.name in ("matching", "lib", "bench"):
        yield
        return
    from reunify.pfif import export, views, writer
    from tests.pfif.conformance import assert_conforms

    real_export, real_write, real_atom = export.export_persons, writer.write, writer.write_atom

    def export_persons(**kwargs):
        return _Exported(real_export(**kwargs))

    def checked(real):
        def write(persons, **kwargs):
            data = real(persons, **kwargs)
            if isinstance(persons, _Exported) and kwargs.get("version", "1.4") == "1.4":
                assert_conforms(data)
            return data

        return write

    monkeypatch.setattr(export, "export_persons", export_persons)
    monkeypatch.setattr(views, "export_persons", export_persons)
    monkeypatch.setattr(writer, "write", checked(real_write))
    monkeypatch.setattr(writer, "write_atom", checked(real_atom))
    yield
