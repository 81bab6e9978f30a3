"""Django's makemigrations, checking only what writing migrations needs.

Writing a migration reads the models; it never serves a page or sends a message. The
fail-closed production checks (reunify/checks.py) would otherwise refuse it on a fresh
checkout with no environment, where `makemigrations --check` must just say whether a model
change lacks its migration.
"""

from django.core import checks
from django.core.management.commands.makemigrations import Command as DjangoMakemigrations


class Command(DjangoMakemigrations):
    requires_system_checks = [checks.Tags.models]
