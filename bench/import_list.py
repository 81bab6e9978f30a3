"""How long a 5,000-row hospital list takes to import, and how many matches it finds.

    DATABASE_URL=postgres://... python -m bench.import_list [--rows 5000] [--posts 2000] [--seed 5]

Seeds a fresh incident with open posts, writes a seeded CSV (about 10% of rows are
people who have a post, written as a hospital would: another real spelling of the name,
an age estimated within 3 years; about 2% are bad rows), imports it as `import_found`
does, and prints the time and match counts, then judges them against how the list was
made: planted rows put forward, wrong alerts, and the wrong pairs volunteers would have
to review, by kind. Uses the database it is pointed at.
"""

import argparse
import os
import random
import sys
import tempfile
import time
from pathlib import Path

from reunify.matching.text import fold  # the pure library: importable before Django set-up


def _people():
    """(given concepts, family concepts) of bench/datasets: many origins, real spellings."""
    from bench.datasets.names import load_family, load_given

    given = [n for n in load_given() if n.latin and n.sex in ("M", "F")]
    family = [n for n in load_family() if n.latin]
    return given, family


def _person(rng, given_names, family_names) -> dict:
    given, family = rng.choice(given_names), rng.choice(family_names)
    return {"given": given, "family": family, "age": rng.randint(1, 90), "sex": given.sex}


def _as_listed(rng, person: dict, planted: bool) -> tuple[str, str, int]:
    """How a hospital writes the person: another real spelling, an estimated age."""
    given, family = person["given"].latin[0], person["family"].latin[0]
    if not planted:
        return given, family, person["age"]
    if rng.random() < 0.5:
        given = rng.choice(person["given"].latin)
    if rng.random() < 0.5:
        family = rng.choice(person["family"].latin)
    return given, family, max(0, person["age"] + rng.randint(-3, 3))


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
    from reunify.actions.records import post_create
    from reunify.board.models import Incident
    from reunify.board.services import incident_create
    from reunify.imports.lists import guess_mapping, read_table
    from reunify.imports.management.commands.import_found import progress_bar
    from reunify.imports.services import found_list_import

    rng = random.Random(args.seed)
    given_names, family_names = _people()
    slug = f"bench-list-{args.seed}-{int(time.time())}"
    incident = incident_create(name="Bench list import", slug=slug, area="Bench")
    posted = []
    started = time.monotonic()
    for n in range(args.posts):
        person = _person(rng, given_names, family_names)
        post = post_create(
            incident=incident,
            full_name=f"{person['given'].latin[0]} {person['family'].latin[0]}",
            age=person["age"],
            sex="female" if person["sex"] == "F" else "male",
            contact_email=f"family{n}@example.org",
            # a thousand searches in seconds would trip the public posting-rate hold, and a
            # held post is never alerted: seed them as a partner's, which are published
            from_partner=True,
        )
        posted.append((person, post.pk))
    seeded = time.monotonic() - started
    lines = ["Nom;Prénom;Âge;Sexe;État;Service"]
    truth = []  # per good row: the post it is about, or None
    bad = 0
    for n in range(args.rows):
        if rng.random() < 0.02:
            bad += 1
            lines.append(rng.choice([";;40;F;;", "Roux;Emma;quarante;F;;", "Roux;Emma;30;?;;"]))
            continue
        planted = rng.random() < 0.10
        person, post_pk = rng.choice(posted) if planted else (None, None)
        if person is None:
            person = _person(rng, given_names, family_names)
        given, family, age = _as_listed(rng, person, planted)
        lines.append(f"{family};{given};{age};{person['sex']};hospitalisé;Service {n % 12}")
        truth.append(post_pk)
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
    _judge(result.report_ids, truth)
    Incident.objects.filter(pk=incident.pk).update(status=Incident.Status.CLOSED)


def _judge(report_ids: list[int], truth: list[int | None]) -> None:
    """Against what the list was made from: planted rows found, and what volunteers would see."""
    from collections import Counter

    from reunify.matches.models import Match

    assert len(report_ids) == len(truth)
    about = dict(zip(report_ids, truth, strict=True))
    planted = {rid for rid, post in about.items() if post is not None}
    found = Counter()
    false_review, false_likely, wrong_alerts = Counter(), 0, []
    matches = Match.objects.filter(report_id__in=report_ids).select_related("post", "report")
    for match in matches:
        if about[match.report_id] == match.post_id:
            found[match.level] += 1
            continue
        if match.level == Match.Level.LIKELY:
            false_likely += 1
            wrong_alerts.append(match)
        elif match.level == Match.Level.REVIEW:
            false_review[_kind(match)] += 1
    missed = len(planted) - found["likely"] - found["review"]
    print(
        f"planted rows (the person has a post): {len(planted)}: {found['likely']} likely, "
        f"{found['review']} to review, {missed} not put forward"
    )
    rows = len(report_ids)
    total = sum(false_review.values())
    print(
        f"wrong pairs: {false_likely} likely (a wrong alert), {total} to review "
        f"({100 * total / rows:.1f} per 100 rows): "
        + ", ".join(f"{kind} {count}" for kind, count in false_review.most_common())
    )
    # The volunteers' queue lists the most probable first: where do the real ones land?
    review = sorted((m for m in matches if m.level == Match.Level.REVIEW), key=lambda m: -m.score)
    places = [i + 1 for i, m in enumerate(review) if about[m.report_id] == m.post_id]
    if places:
        print(
            f"in the review queue (most probable first, {len(review)} pairs), the real ones "
            f"are at places {', '.join(map(str, places))}"
        )
    for match in wrong_alerts[:8]:
        post, report = match.post, match.report
        print(
            f"  wrong alert {match.score:.3f}: post {post.full_name} ({post.age}) / "
            f"row {report.full_name} ({report.age}), {_kind(match)}"
        )


def _kind(match) -> str:
    post = [fold(w) for w in match.post.full_name.split()]
    report = [fold(w) for w in match.report.full_name.split()]
    if sorted(post) == sorted(report):
        return "namesake (same name)"
    if post[-1] in report:  # posts are written "Given Family"; list rows in either order
        return "same family name, other given name"
    if post[0] in report:
        return "same given name, other family name"
    return "other"


if __name__ == "__main__":
    main()
