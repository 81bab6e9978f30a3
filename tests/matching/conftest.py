"""tests/matching checks a pure library: no database, no Django settings."""

import pytest


@pytest.fixture(autouse=True)
def _private_folders():
    """Overrides the Django-wide autouse fixture of tests/conftest.py: nothing to set up here."""
    return None
