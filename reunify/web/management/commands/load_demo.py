from datetime import timedelta

from django.core.management.base import BaseCommand
from django.db import transaction
from django.utils import timezone

from reunify.actions.doors import offer_create
from reunify.actions.records import post_create, report_create
from reunify.board.models import Incident, Report
from reunify.board.services import incident_create
from reunify.shelter.services import doors_settings_set

DEMO_SLUG = "demo-paris"

# Invented people; the addresses use the reserved example.org domain.
DEMO_POSTS = [
    {
        "full_name": "Mohamed Benali",
        "alternate_names": "محمد بن علي",
        "age": 34,
        "sex": "male",
        "description": "Tall, short black hair, grey jacket.",
        "last_seen_place": "Rue de Charonne, 11e",
        "contact_email": "famille.benali@example.org",
        "language": "fr",
    },
    {
        "full_name": "Hélène Lefèvre",
        "age_min": 25,
        "age_max": 30,
        "sex": "female",
        "description": "Red coat, glasses.",
        "last_seen_place": "Boulevard Voltaire",
        "contact_email": "marc.lefevre@example.org",
        "language": "fr",
    },
    {
        "full_name": "Дмитрий Петров",
        "alternate_names": "Dmitri Petrov",
        "age": 41,
        "sex": "male",
        "last_seen_place": "Stade de France",
        "contact_email": "petrova@example.org",
        "language": "en",
    },
    {
        "full_name": "DUPONT Jean-Pierre",
        "age": 67,
        "sex": "male",
        "description": "Walks with a cane.",
        "last_seen_place": "Rue Bichat",
        "contact_phone": "+33 6 00 00 00 00",
        "language": "fr",
    },
    {
        "full_name": "نور الهدى العلي",
        "alternate_names": "Nour el Houda Al Ali",
        "age": 22,
        "sex": "female",
        "last_seen_place": "Rue de la Fontaine au Roi",
        "contact_email": "ali.family@example.org",
        "language": "ar",
    },
]

DEMO_REPORTS = [
    {
        "kind": Report.Kind.SAFE,
        "full_name": "Sarah Cohen",
        "age": 29,
        "message": "I am safe at a friend's flat. Phone battery low.",
        "contact_email": "sarah.cohen@example.org",
    },
]

DEMO_DISTRICTS = ["10e arrondissement", "11e arrondissement", "Saint-Denis"]
DEMO_OFFER = {
    "host_kind": "person",
    "host_name": "Claire",
    "district": "11e arrondissement",
    "capacity": 3,
    "languages": "Français, English",
    "children": True,
    "address": "1 rue de l'Exemple, 75011 Paris",
    "contact_email": "claire.host@example.org",
}


class Command(BaseCommand):
    help = "Load a demonstration incident with a few sample posts (skipped if already loaded)."

    def handle(self, *args, **options):
        if Incident.objects.filter(slug=DEMO_SLUG).exists():
            self.stdout.write("Demo incident already loaded.")
            return
        with transaction.atomic():
            incident = incident_create(
                name="Demonstration: Paris",
                slug=DEMO_SLUG,
                area="Paris, France",
                description="Sample data to try the board. Nothing here is real.",
            )
            for post in DEMO_POSTS:
                post_create(incident=incident, **post)
            for report in DEMO_REPORTS:
                report_create(incident=incident, **report)
            doors_settings_set(
                incident=incident,
                districts="\n".join(DEMO_DISTRICTS),
                offer_hours=12,
                moderate_private_offers=False,
            )
            offer_create(
                incident=incident,
                available_until=timezone.now() + timedelta(hours=10),
                **DEMO_OFFER,
            )
        self.stdout.write(f"Loaded demo incident {DEMO_SLUG}.")
