"""The append-only audit log: who did what to which record, and why.

Contact details never go into it, nor into application logs.
"""

from reunify.board.models import Incident, Post, Report

from .models import AuditLog


def _target(record) -> tuple[str, str]:
    if record is None:
        return "", ""
    if isinstance(record, str):
        return "", record
    kind = {Post: "post", Report: "report", Incident: "incident"}.get(type(record), "")
    if kind == "" and hasattr(record, "username"):
        return "user", str(record.pk)
    ident = getattr(record, "uid", None) or getattr(record, "slug", None) or record.pk
    return kind or type(record).__name__.lower(), str(ident)


def audit(*, actor, action: str, target=None, reason: str = "") -> AuditLog:
    target_type, target_id = _target(target)
    return AuditLog.objects.create(
        actor=actor,
        actor_name=getattr(actor, "username", "") or "system",
        action=action,
        target_type=target_type,
        target=target_id,
        reason=reason[:300],
    )
