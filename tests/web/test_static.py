"""Production serves hashed, compressed static files (whitenoise's manifest storage)."""

import os
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]


def test_production_settings_choose_hashed_compressed_files():
    env = {**os.environ, "REDIS_URL": "redis://127.0.0.1:6379/0", "DEBUG": "0"}
    env.pop("STATIC_HASHED", None)
    code = "import django; django.setup(); from django.conf import settings as s; "
    code += "print(s.STORAGES['staticfiles']['BACKEND'])"
    out = subprocess.run(
        [sys.executable, "-c", code], cwd=ROOT, env=env, capture_output=True, text=True, check=True
    ).stdout
    assert out.strip() == "whitenoise.storage.CompressedManifestStaticFilesStorage"


@pytest.mark.slow  # compresses every file, the API docs' bundles too: a minute on a busy box
def test_production_collects_hashed_and_compressed_static_files(tmp_path):
    env = {**os.environ, "STATIC_ROOT": str(tmp_path), "DEBUG": "0", "STATIC_HASHED": "1"}
    subprocess.run(
        [sys.executable, "manage.py", "collectstatic", "--noinput", "-v0"],
        cwd=ROOT,
        env=env,
        check=True,
    )
    css = sorted(path.name for path in (tmp_path / "css").iterdir())
    assert any(name.startswith("reunify.") and name.endswith(".css.gz") for name in css)
    assert (tmp_path / "staticfiles.json").exists()
    hashed = [name for name in css if name.count(".") == 2 and name.endswith(".css")]
    assert hashed, css
