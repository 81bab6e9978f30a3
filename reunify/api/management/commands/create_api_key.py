from datetime import timedelta

from django.core.management.base import BaseCommand, CommandError
from django.utils import timezone

from reunify.api.services import api_key_create


class Command(BaseCommand):
    help = "Make an API key for a partner organisation. The key is printed once and never stored."

    def add_arguments(self, parser):
        parser.add_argument("--org", required=True, help="Organisation name (created if new).")
        parser.add_argument(
            "--scopes", default="read", help="read,write,read_contact,mark_deceased"
        )
        parser.add_argument("--label", default="")
        parser.add_argument("--days", type=int, default=None, help="Expire after this many days.")

    def handle(self, *args, org, scopes, label, days, **options):
        expires_at = timezone.now() + timedelta(days=days) if days else None
        try:
            key, raw = api_key_create(
                organisation_name=org,
                scopes=[s.strip() for s in scopes.split(",") if s.strip()],
                label=label,
                expires_at=expires_at,
            )
        except ValueError as error:
            raise CommandError(str(error)) from error
        self.stderr.write(
            f"Key {key.prefix} for {key.organisation} ({', '.join(key.scopes)}). "
            "Keep it now: it cannot be shown again."
        )
        self.stdout.write(raw)
