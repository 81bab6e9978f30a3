"""Command-line linker: `python -m reunify.matching link LEFT.csv RIGHT.csv --out PAIRS.csv`.

LEFT holds missing-person posts, RIGHT found/safe reports. Recognised columns (any subset,
others ignored, empty cells missing): id, full_name, given_name, family_name, alternate_names
(separated by ';' or '|'), age (a number or an estimate such as "30-35"), date_of_birth, sex,
location. The output lists, for each right record, every post at or above the review
threshold, best first, plus its best few name-agreeing posts below it (TOP_UP):
left_id,right_id,score,likely.
"""

from __future__ import annotations

import argparse
import csv
import re
import sys
import time
from collections.abc import Iterator

from .frequencies import NameFrequencies
from .index import MatchIndex
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


def row_to_record(row: dict[str, str], fallback_id: str) -> PersonRecord:
    fields = {}
    for column, value in row.items():
        key = _ALIASES.get((column or "").strip().lower().replace(" ", "_"))
        if key and value is not None and key not in fields:
            fields[key] = value.strip()
    age, age_min, age_max = parse_age(fields.get("age", ""))
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
        location=fields.get("location", ""),
    )


def read_records(path: str, *, errors=None) -> Iterator[PersonRecord]:
    csv.field_size_limit(10_000_000)
    with open(path, newline="", encoding="utf-8-sig") as handle:
        for number, row in enumerate(csv.DictReader(handle), start=2):
            record = row_to_record(row, fallback_id=f"row{number}")
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


def link(left_path: str, right_path: str, out_path: str, *, limit: int = 50) -> int:
    started = time.perf_counter()
    left = list(read_records(left_path))
    frequencies = NameFrequencies(left)
    index = MatchIndex(left, frequencies=frequencies)
    pairs = 0
    with open(out_path, "w", newline="", encoding="utf-8") as handle:
        writer = csv.writer(handle)
        writer.writerow(["left_id", "right_id", "score", "likely"])
        for right in read_records(right_path):
            found = index.candidates(
                right, limit=limit, min_level="review", at_least=TOP_UP, one_alert=True
            )
            for left_id, result in found:
                likely = 1 if result.level == "likely" else 0
                writer.writerow([left_id, right.id, f"{result.score:.6f}", likely])
                pairs += 1
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
    args = parser.parse_args(argv)
    if args.command == "link":
        return link(args.left, args.right, args.out)
    return 2
