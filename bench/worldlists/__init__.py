"""Placeholder docstring (written below)."""

from bench.worldlists.world import generate

POST_COLUMNS = (
    "id", "full_name", "given_name", "family_name", "alternate_names",
    "age", "age_min", "age_max", "birth_date", "sex", "last_seen_place", "source",
)
REPORT_COLUMNS = (
    "id", "full_name", "given_name", "family_name", "alternate_names",
    "age", "age_min", "age_max", "age_text", "sex", "found_place", "source",
)
TRUTH_COLUMNS = ("post_id", "report_id")

__all__ = ["generate", "POST_COLUMNS", "REPORT_COLUMNS", "TRUTH_COLUMNS"]
