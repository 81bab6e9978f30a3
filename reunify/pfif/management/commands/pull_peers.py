from django.core.management.base import BaseCommand

from reunify.pfif.federation import peer_pull, peers_due


class Command(BaseCommand):
    help = "Read every due peer's feed now, in this process (beat does it every minute)."

    def handle(self, *args, **options):
        for peer_id in peers_due():
            self.stdout.write(f"peer {peer_id}: {peer_pull(peer_id=peer_id)}")
