"""Partner writes: keys, batches and the write log. Records are written by the same use
cases as the public pages (reunify.actions)."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime, timedelta

from django.db import transaction
from django.db.models import Q
from django.utils import timezone

from reunify.actions.records import post_create, report_create
from reunify.board.models import Incident, Post, Report
from reunify.moderation.audit import audit
from reunify.moderation.roles import require

from .models import ApiKey, ApiWriteLog, ExternalRecord, Organisation, Scope, hash_key


def api_key_create(
    *,
    organisation_name: str,
    scopes: list[str],
    label: str = "",
    expires_at: datetime | None = None,
) -> tuple[ApiKey, str]:
    """Return the key row and the raw key, which is shown once and never stored."""
    unknown = set(scopes) - set(Scope.values)
    if unknown or not scopes:
        raise ValueError(f"unknown scopes: {sorted(unknown)}; use {', '.join(Scope.values)}")
    organisation, _ = Organisation.objects.get_or_create(name=organisation_name)
    prefix, raw = ApiKey.new_raw()
    key = ApiKey.objects.create(
        organisation=organisation,
        label=label,
        prefix=prefix,
        hashed=hash_key(raw),
        scopes=sorted(set(scopes)),
        expires_at=expires_at,
    )
    return key, raw


def api_key_revoke(*, key: ApiKey, by=None) -> ApiKey:
    """`by`: the coordinator (or admin) doing it; None from the server's shell."""
    if by is not None:
        require(by, "manage_volunteers")
    if key.revoked_at is None:
        key.revoked_at = timezone.now()
        key.save(update_fields=["revoked_at"])
        audit(actor=by, action="api_key_revoke", target=f"api_key:{key.prefix}")
    return key


@transaction.atomic
def api_key_rotate(*, key: ApiKey, by=None) -> tuple[ApiKey, str]:
    """A new key with the same organisation, label, scopes and expiry; the old one stops
    working now. Returns the new row and its raw key (shown once)."""
    if by is not None:
        require(by, "manage_volunteers")
    new, raw = api_key_create(
        organisation_name=key.organisation.name,
        scopes=list(key.scopes),
        label=key.label,
        expires_at=key.expires_at,
    )
    api_key_revoke(key=key, by=by)
    audit(actor=by, action="api_key_rotate", target=f"api_key:{new.prefix}", reason=key.prefix)
    return new, raw


# Recording every use would make every API read a write: once a minute is enough to see
# whether a key is still used before revoking it.
LAST_USED_RESOLUTION = timedelta(minutes=1)


def api_key_mark_used(*, key: ApiKey) -> bool:
    """Record that the key was used, at most once per LAST_USED_RESOLUTION (True if written)."""
    now = timezone.now()
    stale = now - LAST_USED_RESOLUTION
    if key.last_used_at is not None and key.last_used_at > stale:
        return False  # no query at all on most requests
    # Conditional, so concurrent requests write once.
    return bool(
        ApiKey.objects.filter(pk=key.pk)
        .filter(Q(last_used_at__isnull=True) | Q(last_used_at__lte=stale))
        .update(last_used_at=now)
    )


def write_log_create(
    *, key: ApiKey, action: str, status_code: int, records: list[str], written: int, skipped: int
) -> ApiWriteLog:
    # Ids and counts only: the log must never become a second copy of people's details.
    return ApiWriteLog.objects.create(
        key=key,
        action=action[:40],
        status_code=status_code,
        records=records,
        written=written,
        skipped=skipped,
    )


@dataclass
class BatchResult:
    records: list[dict] = field(default_factory=list)

    @property
    def written(self) -> int:
        return sum(1 for r in self.records if r["created"])

    @property
    def unchanged(self) -> int:
        return len(self.records) - self.written

    def as_dict(self) -> dict:
        return {"written": self.written, "unchanged": self.unchanged, "records": self.records}


def _existing(organisation: Organisation, external_id: str) -> Post | Report | None:
    if not external_id:
        return None
    row = (
        ExternalRecord.objects.select_related("post", "report")
        .filter(organisation=organisation, external_id=external_id)
        .first()
    )
    return row.record if row else None


@transaction.atomic
def partner_records_create(
    *, key: ApiKey, incident: Incident, kind: str, items: list[dict]
) -> BatchResult:
    """All or nothing; an item whose external_id was seen before is left as it is.
    `kind`: "post" or "report"."""
    result = BatchResult()
    for item in items:
        item = dict(item)
        external_id = item.pop("external_id", "")
        existing = _existing(key.organisation, external_id)
        if existing is None:
            record = _partner_record_create(key, incident, kind, item)
            # Without an id of their own the row still records who sent it (status updates).
            ExternalRecord.objects.create(
                organisation=key.organisation,
                external_id=external_id or f"reunify:{record.uid}",
                **{kind: record},
            )
        else:
            record = existing
        created = existing is None
        result.records.append({"uid": record.uid, "external_id": external_id, "created": created})
    return result


def _partner_record_create(key: ApiKey, incident: Incident, kind: str, item: dict):
    if kind == "post":
        return post_create(incident=incident, from_partner=True, **item)
    trusted = key.has_scope(Scope.MARK_DECEASED)
    return report_create(incident=incident, trusted=trusted, from_partner=True, **item)


def partner_owns(*, key: ApiKey, record: Post | Report) -> bool:
    """A partner may update the status of records it sent, not anyone else's."""
    lookup = {"post": record} if isinstance(record, Post) else {"report": record}
    return ExternalRecord.objects.filter(organisation=key.organisation, **lookup).exists()
