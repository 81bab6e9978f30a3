"""What an import reports, and how two versions of a PFIF record compare."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime

from django.conf import settings
from django.core.exceptions import ValidationError
from django.utils import timezone

from reunify.board.models import Post

from . import format as pfif

NAME_MAX_CHARS = Post._meta.get_field("full_name").max_length


# --- The summary ----------------------------------------------------------------


@dataclass
class ImportResult:
    written: list[dict] = field(default_factory=list)
    skipped: list[dict] = field(default_factory=list)
    warnings: list[dict] = field(default_factory=list)

    def wrote(self, record_id: str, kind: str, uid="") -> None:
        self.written.append({"record_id": record_id, "kind": kind, "uid": str(uid)})

    def skip(self, record_id: str, reason: str) -> None:
        self.skipped.append({"record_id": record_id, "reason": reason})

    def warn(self, record_id: str, reason: str) -> None:
        self.warnings.append({"record_id": record_id, "reason": reason})

    def as_dict(self) -> dict:
        return {"written": self.written, "skipped": self.skipped, "warnings": self.warnings}


def reason_of(error: Exception) -> str:
    if isinstance(error, ValidationError):
        if hasattr(error, "message_dict"):
            return "; ".join(f"{k}: {' '.join(v)}" for k, v in error.message_dict.items())
        return " ".join(error.messages)
    return str(error)


# --- Versions ----------------------------------------------------------------------


def own_prefix() -> str:
    """Record ids this board mints start with this: they come back from peers as echoes."""
    return f"{settings.PFIF_DOMAIN}/"


def _version(fields: dict[str, str]) -> tuple[datetime, datetime]:
    never = datetime.min.replace(tzinfo=timezone.get_current_timezone())
    source = pfif.parse_date(fields.get("source_date", "")) or never
    entry = pfif.parse_date(fields.get("entry_date", "")) or never
    return source, entry


def is_newer(incoming: dict[str, str], stored: dict[str, str]) -> bool:
    """PFIF: the version changed last at its source wins; entry_date breaks a tie."""
    return _version(incoming) > _version(stored)


def content_of(fields: dict[str, str]) -> dict[str, str]:
    # entry_date is the sending repository's: a copy re-published elsewhere is no change
    return {k: v for k, v in fields.items() if k != "entry_date"}


def expired_at_source(person: pfif.Person) -> bool:
    expiry = pfif.parse_date(person.get("expiry_date"))
    return person.is_placeholder or (expiry is not None and expiry <= timezone.now())


# --- Names the board keeps -----------------------------------------------------------


def board_name(name: str) -> str:
    # As at every door: a name over the board's limit is refused (the record is skipped with
    # the reason), never cut.
    if len(name) > NAME_MAX_CHARS:
        raise ValidationError(
            f"full_name is {len(name)} characters long; the board keeps at most {NAME_MAX_CHARS}"
        )
    return name
