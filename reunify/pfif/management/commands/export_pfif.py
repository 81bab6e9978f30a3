from django.core.management.base import BaseCommand, CommandError

from reunify.board.models import Incident
from reunify.pfif.export import export_document


class Command(BaseCommand):
    help = "Write an incident's public records as PFIF (contact details only with --with-contact)."

    def add_arguments(self, parser):
        parser.add_argument("--incident", required=True)
        parser.add_argument(
            "--pfif-version", dest="pfif_version", default="1.4", choices=["1.3", "1.4"]
        )
        parser.add_argument("--with-contact", action="store_true")

    def handle(self, *args, incident, pfif_version, with_contact, **options):
        target = Incident.objects.filter(slug=incident).first()
        if target is None:
            raise CommandError(f"no incident {incident!r}")
        body = export_document(incident=target, with_contact=with_contact, version=pfif_version)
        self.stdout.write(body.decode())
