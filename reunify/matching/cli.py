"""Command-line linker: `python -m reunify.matching link LEFT.csv RIGHT.csv --out PAIRS.csv`.

LEFT holds missing-person posts, RIGHT found/safe reports. Recognised columns (any subset,
others ignored, empty cells missing): id, full_name, given_name, family_name, alternate_names
(separated by ';' or '|'), age (a number or an estimate such as "30-35"; or age_text, or
age_min and age_max), date_of_birth, sex, location, last_seen, found_at, source (who wrote the row: self, family, hospital, shelter,
passerby, list ...). A post's `location` is where the person was last seen; a report's is
where they were found or are now (found_at), unless `--same-places` says both files give the
same kind of place (two registries of addresses). Posts are written by families unless a
source column says otherwise.

The parameters are fitted by EM on the two files being linked (fit.py; the figures are
printed); `--no-fit` uses the prior alone. The output lists, for each right record, every
post at or above the review threshold, best first, plus its best few name-agreeing posts
below it (TOP_UP): left_id,right_id,score,likely.
"""

from __future__ import annotations

import argparse
import csv
import json
import re
import sys
import time
from collections.abc import Iterator

from .fit import fit
from .frequencies import NameFrequencies
from .index import MatchIndex
from .model import PRIOR
from .profile import profile_of
from .records import InvalidRecord, PersonRecord

_RANGE_RE = re.compile(r"^\s*(\d{1,3})\s*(?:-|–|to|à|/)\s*(\d{1,3})\s*$")
_PLUS_RE = re.compile(r"^\s*(\d{1,3})\s*\+\s*$")
_NUMBER_RE = re.compile(r"^\s*~?\s*(\d{1,3})(?:[.,]\d+)?\s*(?:y|yrs?|years?|ans?)?\s*$", re.I)
_ALIASES = {
    "id": "id", "record_id": "id", "full_name": "full_name", "name": "full_name",
    "given_name": "given_name", "first_name": "given_name", "family_name": "family_name",
    "surname": "family_name", "last_name": "family_name", "alternate_names": "alternate_names",
    "age": "age", "date_of_birth": "date_of_birth", "birth_date": "date_of_birth", "dob": "date_of_birth",
    "sex": "sex", "gender": "sex", "location": "location", "place": "location",
    "last_seen": "last_seen", "last_seen_place": "last_seen", "found_at": "found_at",
    "current_location": "found_at", "found_place": "found_at", "source": "source",
    "age_text": "age_text", "age_min": "age_min", "age_max": "age_max",
}  # fmt: skip


def parse_age(text: str) -> tuple[int | None, int | None, int | None]:
    """(age, age_min, age_max) from "31", "30-35", "60+" or "~40"."""
    text = (text or "").strip()
    if not text:
        return None, None, None
    m = _RANGE_RE.match(text)
    if m:
        lo, hi = sorted((int(m.group(1)), int(m.group(2))))
        return None, min(lo, 130), min(hi, 130)
    m = _PLUS_RE.match(text)
    if m:
        return None, min(int(m.group(1)), 130), None
    m = _NUMBER_RE.match(text)
    if m:
        value = int(m.group(1))
        return (value, None, None) if value <= 130 else (None, None, None)
    return None, None, None


def row_to_record(
    row: dict[str, str], fallback_id: str, *, side: str = "left", same_places: bool = False
) -> PersonRecord:
    """A CSV row as a record; `side` "right" reads `location` as where the person was found."""
    fields = {}
    for column, value in row.items():
        key = _ALIASES.get((column or "").strip().lower().replace(" ", "_"))
        if key and value is not None and key not in fields:
            fields[key] = value.strip()
    age, age_min, age_max = parse_age(fields.get("age", "") or fields.get("age_text", ""))
    if age is None and age_min is None and (fields.get("age_min") or fields.get("age_max")):
        _, age_min, _ = parse_age(fields.get("age_min", ""))
        _, age_max, _ = parse_age(fields.get("age_max", ""))
    place = fields.get("location", "")
    found_side = side == "right" and not same_places
    alternates = tuple(
        a.strip() for a in re.split(r"[;|]", fields.get("alternate_names", "")) if a.strip()
    )
    return PersonRecord(
        id=fields.get("id") or fallback_id,
        full_name=fields.get("full_name", ""),
        given_name=fields.get("given_name", ""),
        family_name=fields.get("family_name", ""),
        alternate_names=alternates[:50],
        age=age,
        age_min=age_min,
        age_max=age_max,
        birth_date=fields.get("date_of_birth", ""),
        sex=fields.get("sex", ""),
        location=fields.get("last_seen", "") or (place if not found_side else ""),
        found_at=fields.get("found_at", "") or (place if found_side else ""),
        source=fields.get("source", "") or ("family" if side == "left" else ""),
    )


def read_records(
    path: str, *, errors=None, side: str = "left", same_places: bool = False
) -> Iterator[PersonRecord]:
    csv.field_size_limit(10_000_000)
    with open(path, newline="", encoding="utf-8-sig") as handle:
        for number, row in enumerate(csv.DictReader(handle), start=2):
            record = row_to_record(
                row, fallback_id=f"row{number}", side=side, same_places=same_places
            )
            try:
                profile_of(record)
            except InvalidRecord as error:
                print(f"{path}:{number}: skipped: {error}", file=errors or sys.stderr)
                continue
            yield record


# Each report also lists its best few posts whose names agree, even below the review
# threshold: a lone name ("Amina", nothing else) can never reach it, yet the posts carrying
# that name are where a volunteer starts. They are written with likely=0.
TOP_UP = 5


def link_records(
    right: list[PersonRecord], *, index: MatchIndex, limit: int = 50
) -> list[tuple[str, str, float, int]]:
    """(left id, right id, score, likely 0/1) for each right record's candidates, best first."""
    rows = []
    for right_record in right:
        found = index.candidates(
            right_record, limit=limit, min_level="review", at_least=TOP_UP, one_alert=True
        )
        for left_id, result in found:
            likely = 1 if result.level == "likely" else 0
            rows.append((left_id, right_record.id, result.score, likely))
    return rows


def link(
    left_path: str,
    right_path: str,
    out_path: str,
    *,
    limit: int = 50,
    fit_params: bool = True,
    same_places: bool = False,
    params_out: str | None = None,
) -> int:
    started = time.perf_counter()
    left = list(read_records(left_path))
    right = list(read_records(right_path, side="right", same_places=same_places))
    frequencies = NameFrequencies(left)
    index = MatchIndex(left, frequencies=frequencies)
    params = PRIOR
    if fit_params:
        params = fit(left, right, index=index)
        figures = params.figures
        print(
            f"fitted parameters {params.version} in {figures.get('seconds', 0):.1f}s: "
            f"{figures.get('iterations')} EM iterations, "
            f"{figures.get('candidate_pairs')} candidate pairs, "
            f"{figures.get('random_pairs')} random pairs, λ per source {figures.get('lambdas')}",
            file=sys.stderr,
        )
    if params_out:
        with open(params_out, "w", encoding="utf-8") as handle:
            json.dump(params.to_dict(), handle, indent=1, sort_keys=True)
    index.params = params
    rows = link_records(right, index=index, limit=limit)
    with open(out_path, "w", newline="", encoding="utf-8") as handle:
        writer = csv.writer(handle)
        writer.writerow(["left_id", "right_id", "score", "likely"])
        for left_id, right_id, score, likely in rows:
            writer.writerow([left_id, right_id, f"{score:.6f}", likely])
    pairs = len(rows)
    elapsed = time.perf_counter() - started
    print(f"{pairs} candidate pairs written to {out_path} in {elapsed:.1f}s", file=sys.stderr)
    return 0


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m reunify.matching")
    commands = parser.add_subparsers(dest="command", required=True)
    link_parser = commands.add_parser("link", help="link found reports (RIGHT) to posts (LEFT)")
    link_parser.add_argument("left", help="CSV of missing-person posts")
    link_parser.add_argument("right", help="CSV of found/safe reports")
    link_parser.add_argument("--out", required=True, help="where to write the candidate pairs")
    link_parser.add_argument(
        "--no-fit", action="store_true", help="score with the prior parameters, fit nothing"
    )
    link_parser.add_argument(
        "--same-places",
        action="store_true",
        help="both files give the same kind of place (addresses), not last-seen vs found-at",
    )
    link_parser.add_argument("--params-out", help="write the parameters used here (JSON)")
    args = parser.parse_args(argv)
    if args.command == "link":
        return link(
            args.left,
            args.right,
            args.out,
            fit_params=not args.no_fit,
            same_places=args.same_places,
            params_out=args.params_out,
        )
    return 2
