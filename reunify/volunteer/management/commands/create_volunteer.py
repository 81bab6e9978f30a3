import getpass

from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError

from reunify.moderation.models import Role
from reunify.moderation.roles import volunteer_create

ROLES = {"moderator": Role.MODERATORS, "coordinator": Role.COORDINATORS}


class Command(BaseCommand):
    help = "Create a volunteer account (the first coordinator starts here)."

    def add_arguments(self, parser):
        parser.add_argument("username")
        parser.add_argument("--email", required=True)
        parser.add_argument("--role", choices=sorted(ROLES), default="moderator")
        parser.add_argument(
            "--password", help="Asked for when left out (better: it stays out of shell history)."
        )

    def handle(self, *args, username, email, role, password, **options):
        password = password or getpass.getpass("Password: ")
        try:
            volunteer_create(
                username=username, email=email, password=password, role=ROLES[role], by=None
            )
        except ValidationError as error:
            raise CommandError("; ".join(error.messages)) from error
        self.stdout.write(f"Created {role} {username}.")
