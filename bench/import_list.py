"""How long a 5,000-row hospital list takes to import, and how many matches it finds.

    DATABASE_URL=postgres://... python -m bench.import_list [--rows 5000] [--posts 2000] [--seed 5]

Seeds a fresh incident with open posts, writes a seeded CSV (about 10% of rows are
variants of posted names, about 2% are bad rows), imports it as `import_found`
does, and prints the time and match counts. Uses the database it is pointed at.
"""

import argparse
import os
import random
import sys
import tempfile
import time
from pathlib import Path

VARIANTS = {"Mohamed": "Mohammed", "Benali": "Ben Ali", "Léa": "Lea", "Youssef": "Yusuf"}


def _names():
    # The shared, realistic name lists of bench/datasets (many origins, Latin spellings).
    from bench.datasets.names import load_family, load_given

    given = [n.latin[0] for n in load_given() if n.latin]
    family = [n.latin[0] for n in load_family() if n.latin]
    return given, family


def _name(rng, given, family):
    return rng.choice(given), rng.choice(family)


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--rows", type=int, default=5000)
    parser.add_argument("--posts", type=int, default=1000)
    parser.add_argument("--seed", type=int, default=5)
    args = parser.parse_args()
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "reunify.settings")
    import django

    django.setup()
    from django.core.management import call_command

    call_command("migrate", verbosity=0)
    from reunify.board.models import Incident
    from reunify.board.services import incident_create, post_create
    from reunify.imports.lists import guess_mapping, read_table
    from reunify.imports.management.commands.import_found import progress_bar
    from reunify.imports.services import found_list_import

    rng = random.Random(args.seed)
    given_names, family_names = _names()
    slug = f"bench-list-{args.seed}-{int(time.time())}"
    incident = incident_create(name="Bench list import", slug=slug, area="Bench")
    posted = []
    started = time.monotonic()
    for n in range(args.posts):
        given, family = _name(rng, given_names, family_names)
        post_create(
            incident=incident,
            full_name=f"{given} {family}",
            age=rng.randint(1, 90),
            contact_email=f"family{n}@example.org",
        )
        posted.append((given, family))
    seeded = time.monotonic() - started
    lines = ["Nom;Prénom;Âge;Sexe;État;Service"]
    bad = 0
    for n in range(args.rows):
        if rng.random() < 0.02:
            bad += 1
            lines.append(rng.choice([";;40;F;;", "Roux;Emma;quarante;F;;", "Roux;Emma;30;?;;"]))
            continue
        if rng.random() < 0.10:
            given, family = rng.choice(posted)
            given, family = VARIANTS.get(given, given), VARIANTS.get(family, family)
        else:
            given, family = _name(rng, given_names, family_names)
        lines.append(
            f"{family};{given};{rng.randint(1, 90)};{rng.choice('MF')};hospitalisé;Service {n % 12}"
        )
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "list.csv"
        path.write_text("\n".join(lines), encoding="utf-8")
        table = read_table(path.read_bytes(), path.name)
    started = time.monotonic()
    result = found_list_import(
        incident=incident,
        table=table,
        mapping=guess_mapping(table.header),
        progress=progress_bar(sys.stderr),
    )
    elapsed = time.monotonic() - started
    print(
        f"board: {args.posts} open posts (seeded in {seeded:.1f}s), list: {args.rows} rows, {bad} bad"
    )
    print(
        f"import: {elapsed:.1f}s ({args.rows / elapsed:.0f} rows/s), {result.written} written, "
        f"{len(result.errors)} refused (first: line {result.errors[0].line}: {result.errors[0].message})"
    )
    print(f"matches: {result.likely} likely, {result.review} to review")
    Incident.objects.filter(pk=incident.pk).update(status=Incident.Status.CLOSED)


if __name__ == "__main__":
    main()
