"""A coordinator's list becomes found reports, written by the same report_create as the public form."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field

from django.core.exceptions import ValidationError
from django.db import transaction

from reunify.actions.records import report_create
from reunify.board.models import Incident, Report
from reunify.matches.models import Match

from .lists import Table, clean_row

BATCH_SIZE = 100


@dataclass
class RowError:
    line: int  # as the coordinator sees it in the spreadsheet (header is line 1)
    message: str


@dataclass
class ListResult:
    written: int = 0
    errors: list[RowError] = field(default_factory=list)
    report_ids: list[int] = field(default_factory=list)
    likely: int = 0
    review: int = 0


def list_check(table: Table, mapping: dict) -> tuple[list[dict], list[RowError]]:
    cleaned, errors = [], []
    for number, row in enumerate(table.rows, start=2):
        try:
            cleaned.append({"line": number, **clean_row(row, mapping)})
        except ValueError as error:
            errors.append(RowError(number, str(error)))
    return cleaned, errors


def found_list_import(
    *,
    incident: Incident,
    table: Table,
    mapping: dict,
    trusted: bool = False,
    progress: Callable[[int, int], None] | None = None,
) -> ListResult:
    """Check every row first, then write the good ones in small transactions.

    Each batch commits on its own so matching (run on commit) keeps pace with the
    progress shown; a row the board refuses is reported, never half-written.
    """
    cleaned, errors = list_check(table, mapping)
    result = ListResult(errors=errors)
    for start in range(0, len(cleaned), BATCH_SIZE):
        with transaction.atomic():
            for fields in cleaned[start : start + BATCH_SIZE]:
                line = fields.pop("line")
                try:
                    with transaction.atomic():
                        report = report_create(
                            incident=incident,
                            kind=Report.Kind.FOUND,
                            source=Report.Source.OFFICIAL,
                            trusted=trusted,
                            from_partner=True,
                            **fields,
                        )
                except ValidationError as error:
                    result.errors.append(RowError(line, " ".join(error.messages)))
                    continue
                result.report_ids.append(report.pk)
                result.written += 1
        if progress:
            progress(min(start + BATCH_SIZE, len(cleaned)), len(cleaned))
    result.errors.sort(key=lambda e: e.line)
    matches = Match.objects.filter(report_id__in=result.report_ids)
    result.likely = matches.filter(level=Match.Level.LIKELY).count()
    result.review = matches.filter(level=Match.Level.REVIEW).count()
    return result
