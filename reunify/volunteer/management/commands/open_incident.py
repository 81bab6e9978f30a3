from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError

from reunify.board.models import Incident
from reunify.board.services import incident_create


class Command(BaseCommand):
    help = "Open an incident (a crisis) on the board."

    def add_arguments(self, parser):
        parser.add_argument("slug")
        parser.add_argument("--name", required=True)
        parser.add_argument("--area", required=True)
        parser.add_argument(
            "--status", default=Incident.Status.ACTIVE, choices=Incident.Status.values
        )

    def handle(self, *args, slug, name, area, status, **options):
        try:
            incident = incident_create(name=name, slug=slug, area=area, status=status)
        except ValidationError as error:
            raise CommandError("; ".join(error.messages)) from error
        self.stdout.write(f"Opened incident {incident.slug} ({incident.get_status_display()}).")
