# Personas and fixtures shared with other suites.
from tests.api.conftest import make_key  # noqa: F401
from tests.moderation.conftest import coordinator, moderator  # noqa: F401
