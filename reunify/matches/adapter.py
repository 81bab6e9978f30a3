"""The one place where board models become the matching library's plain records."""

from reunify.board.models import Post, Report
from reunify.matching import PersonRecord

# Columns a record is built from, for readers that skip model instances (candidate retrieval
# reads hundreds of rows per report: building Post objects would cost more than the query).
PERSON_COLUMNS = ("full_name", "alternate_names", "age", "age_min", "age_max", "sex")
POST_COLUMNS = (*PERSON_COLUMNS, "last_seen_place")
REPORT_COLUMNS = (*PERSON_COLUMNS, "current_location", "location_withheld", "source")


def _common(record: Post | Report) -> dict:
    return {
        "full_name": record.full_name,
        "alternate_names": tuple(record.alternate_name_list),
        "age": record.age,
        "age_min": record.age_min,
        "age_max": record.age_max,
        "sex": record.sex,
    }


def post_record(post: Post) -> PersonRecord:
    # a family writes a post: its age is stated, its place is where the person was last seen
    return PersonRecord(
        id=f"p{post.pk}", location=post.last_seen_place, source="family", **_common(post)
    )


def report_record(report: Report, shares: dict[str, float] | None = None) -> PersonRecord:
    """`shares`: how often reports of each source are about someone here (shares.py)."""
    # A withheld location is private: it must not influence what others see, so it is not used.
    # A report's place is where the person is now, not where they were last seen.
    return PersonRecord(
        id=f"r{report.pk}",
        found_at=report.public_location,
        source=report.source,
        prior_share=(shares or {}).get(report.source, 1.0),
        **_common(report),
    )


def _common_from_row(row: tuple) -> dict:
    full_name, alternate_names, age, age_min, age_max, sex = row[:6]
    return {
        "full_name": full_name,
        # as PersonFields.alternate_name_list (a model instance costs ~0.1 ms to build)
        "alternate_names": tuple(
            line.strip() for line in alternate_names.splitlines() if line.strip()
        ),
        "age": age,
        "age_min": age_min,
        "age_max": age_max,
        "sex": sex,
    }


def post_record_from_row(pk: int, row: tuple) -> PersonRecord:
    """post_record of a row of POST_COLUMNS."""
    return PersonRecord(id=f"p{pk}", location=row[6], source="family", **_common_from_row(row))


def report_record_from_row(
    pk: int, row: tuple, shares: dict[str, float] | None = None
) -> PersonRecord:
    """report_record of a row of REPORT_COLUMNS."""
    location = "" if row[7] else row[6]
    share = (shares or {}).get(row[8], 1.0)
    return PersonRecord(
        id=f"r{pk}",
        found_at=location,
        source=row[8],
        prior_share=share,
        **_common_from_row(row),
    )
