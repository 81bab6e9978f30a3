import sys
import time
from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from reunify.board.models import Incident
from reunify.imports.lists import ListError, guess_mapping, read_table
from reunify.imports.services import found_list_import


def progress_bar(stream, width: int = 30):
    started = time.monotonic()

    def show(done: int, total: int) -> None:
        filled = int(width * done / total) if total else width
        elapsed = time.monotonic() - started
        stream.write(
            f"\r[{'#' * filled}{'.' * (width - filled)}] {done}/{total} rows {elapsed:.0f}s"
        )
        if done >= total:
            stream.write("\n")
        stream.flush()

    return show


class Command(BaseCommand):
    help = "Import a hospital or shelter list (CSV or XLSX) as found reports, with a progress bar."

    def add_arguments(self, parser):
        parser.add_argument("file")
        parser.add_argument("--incident", required=True)
        parser.add_argument("--trusted", action="store_true", help="Publish deaths without review.")

    def handle(self, *args, file, incident, trusted, **options):
        target = Incident.objects.filter(slug=incident).first()
        if target is None:
            raise CommandError(f"no incident {incident!r}")
        path = Path(file)
        try:
            table = read_table(path.read_bytes(), path.name)
        except (ListError, OSError) as error:
            raise CommandError(str(error)) from error
        mapping = guess_mapping(table.header)
        if mapping["full_name"] is None and mapping["family_name"] is None:
            raise CommandError("no name column found (expected e.g. 'name' or 'last name')")
        used = ", ".join(f"{f}={table.header[i]!r}" for f, i in mapping.items() if i is not None)
        self.stderr.write(f"Columns: {used}")
        started = time.monotonic()
        result = found_list_import(
            incident=target,
            table=table,
            mapping=mapping,
            trusted=trusted,
            progress=progress_bar(sys.stderr),
        )
        elapsed = time.monotonic() - started
        for error in result.errors:
            self.stdout.write(f"line {error.line}: {error.message}")
        self.stdout.write(
            f"{result.written} reports written, {len(result.errors)} rows refused, "
            f"{result.likely} likely matches, {result.review} to review, in {elapsed:.1f}s"
        )
