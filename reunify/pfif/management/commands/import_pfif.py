import json
from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from reunify.board.models import Incident
from reunify.pfif.format import PfifError
from reunify.pfif.services import pfif_import


class Command(BaseCommand):
    help = "Import a PFIF 1.1-1.4 document into an incident; prints what was written and skipped."

    def add_arguments(self, parser):
        parser.add_argument("file")
        parser.add_argument("--incident", required=True)
        parser.add_argument("--trusted", action="store_true", help="Publish deaths without review.")

    def handle(self, *args, file, incident, trusted, **options):
        target = Incident.objects.filter(slug=incident).first()
        if target is None:
            raise CommandError(f"no incident {incident!r}")
        try:
            result = pfif_import(incident=target, data=Path(file).read_bytes(), trusted=trusted)
        except (PfifError, OSError) as error:
            raise CommandError(str(error)) from error
        self.stdout.write(json.dumps(result.as_dict(), indent=2))
