from django.core.management.base import BaseCommand

from reunify.alerts.services import deliveries_drain


class Command(BaseCommand):
    help = "Deliver every due alert and message in this process (embedded mode, or catch-up)."

    def handle(self, *args, **options):
        counts = deliveries_drain()
        summary = (
            ", ".join(f"{n} {outcome}" for outcome, n in sorted(counts.items())) or "nothing due"
        )
        self.stdout.write(summary)
