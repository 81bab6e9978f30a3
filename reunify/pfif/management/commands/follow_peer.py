from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError

from reunify.board.models import Incident
from reunify.pfif.federation import peer_create


class Command(BaseCommand):
    help = "Follow another board's PFIF Atom feed: its records are added to an incident."

    def add_arguments(self, parser):
        parser.add_argument("feed_url")
        parser.add_argument("--incident", required=True)
        parser.add_argument("--name", required=True, help='Shown on its records ("from …").')
        parser.add_argument("--api-key", dest="api_key", default="")

    def handle(self, *args, feed_url, incident, name, api_key, **options):
        target = Incident.objects.filter(slug=incident).first()
        if target is None:
            raise CommandError(f"no incident {incident!r}")
        try:
            peer = peer_create(incident=target, name=name, feed_url=feed_url, api_key=api_key)
        except ValidationError as error:
            raise CommandError("; ".join(error.messages)) from error
        self.stdout.write(f"following {peer.feed_url} (peer {peer.pk})")
