"""tests/bench checks the benchmarks' data generators: no database, no Django settings, so the
folder also runs with ``-p no:django``."""

import pytest


@pytest.fixture(autouse=True)
def _private_folders():
    """Overrides the Django-wide autouse fixture of tests/conftest.py: nothing to set up here."""


@pytest.fixture(autouse=True)
def _forms_filled_at_test_speed():
    """Overrides the Django-wide autouse fixture of tests/conftest.py: no forms here."""
