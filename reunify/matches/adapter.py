"""The one place where board models become the matching library's plain records."""

from reunify.board.models import Post, Report
from reunify.matching import PersonRecord

# Columns a record is built from, for readers that skip model instances (candidate retrieval
# reads hundreds of rows per report: building Post objects would cost more than the query).
PERSON_COLUMNS = ("full_name", "alternate_names", "age", "age_min", "age_max", "sex")
POST_COLUMNS = (*PERSON_COLUMNS, "last_seen_place")
REPORT_COLUMNS = (*PERSON_COLUMNS, "current_location", "location_public", "source")

# Who wrote a record, in the library's words: only the person and their family state an age;
# a passer-by, a hospital's or a shelter's list estimate it, even when they write one number.
POST_SOURCE = "family"
REPORT_SOURCES = {
    Report.Source.SELF: "self",
    Report.Source.SEEN: "passerby",
    Report.Source.OFFICIAL: "list",
    Report.Source.HEARD: "hearsay",
}


def _alternates(text: str) -> tuple[str, ...]:
    # as PersonFields.alternate_name_list (a model instance costs ~0.1 ms to build)
    return tuple(line.strip() for line in text.splitlines() if line.strip())


def _person(row: tuple) -> dict:
    full_name, alternate_names, age, age_min, age_max, sex = row[:6]
    return {
        "full_name": full_name,
        "alternate_names": _alternates(alternate_names),
        "age": age,
        "age_min": age_min,
        "age_max": age_max,
        "sex": sex,
    }


def post_record_from_row(pk: int, row: tuple) -> PersonRecord:
    """A post as a record, from a row of POST_COLUMNS. Its place is where the person was
    last seen."""
    return PersonRecord(id=f"p{pk}", location=row[6], source=POST_SOURCE, **_person(row))


def report_record_from_row(pk: int, row: tuple) -> PersonRecord:
    """A report as a record, from a row of REPORT_COLUMNS. Its place is where the person is
    now: another kind of place than a post's, so only agreement counts. A private location
    (the default) must not influence what others see (reasons), so it is not used."""
    found_at = row[6] if row[7] else ""
    source = REPORT_SOURCES.get(row[8], "")
    return PersonRecord(id=f"r{pk}", found_at=found_at, source=source, **_person(row))


def post_record(post: Post) -> PersonRecord:
    return post_record_from_row(post.pk, tuple(getattr(post, c) for c in POST_COLUMNS))


def report_record(report: Report) -> PersonRecord:
    return report_record_from_row(report.pk, tuple(getattr(report, c) for c in REPORT_COLUMNS))
