"""Volunteers and what their role lets them do."""

from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.contrib.auth.password_validation import validate_password
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils.translation import gettext

from reunify.board.models import Incident
from reunify.board.services import incident_update

from .audit import audit
from .models import Role


def is_coordinator(user) -> bool:
    return bool(user and user.is_active and user.has_perm("moderation.manage_incidents"))


def require(user, perm: str) -> None:
    """Raise PermissionDenied unless the volunteer's role grants `moderation.<perm>`."""
    if not (user and user.is_active and user.has_perm(f"moderation.{perm}")):
        raise PermissionDenied


@transaction.atomic
def volunteer_create(*, username: str, email: str, password: str, role: str, by) -> object:
    """Add a volunteer. `by` is the coordinator doing it, or None from the server's shell
    (whoever runs manage.py already holds the keys; the audit log records "system")."""
    if by is not None:
        require(by, "manage_volunteers")
    if role not in (Role.MODERATORS, Role.COORDINATORS):
        raise ValidationError(gettext("Unknown role."), code="role")
    user = get_user_model()(username=username, email=email)
    # The same rules for the shell (create_volunteer) as for the volunteer page.
    validate_password(password, user=user)
    user.set_password(password)
    user.full_clean()
    user.save()
    user.groups.add(Group.objects.get(name=role))
    audit(actor=by, action=f"volunteer_add:{role}", target=user)
    return user


@transaction.atomic
def volunteer_deactivate(*, user, by) -> None:
    require(by, "manage_volunteers")
    user.is_active = False
    user.save(update_fields=["is_active"])
    audit(actor=by, action="volunteer_deactivate", target=user)


@transaction.atomic
def incident_set_controls(
    *,
    incident: Incident,
    by,
    status: str,
    retention_days: int,
    proof_of_work: bool,
    active_danger: bool | None = None,
) -> Incident:
    require(by, "manage_incidents")
    changes = []
    if status != incident.status:
        changes.append(f"status {incident.status}->{status}")
    if retention_days != incident.retention_days:
        changes.append(f"retention {retention_days}d")
    if proof_of_work != incident.proof_of_work:
        changes.append(f"proof_of_work {'on' if proof_of_work else 'off'}")
    if active_danger is None:
        active_danger = incident.active_danger
    if active_danger != incident.active_danger:
        changes.append(f"active_danger {'on' if active_danger else 'off'}")
    incident_update(
        incident=incident,
        status=status,
        retention_days=retention_days,
        proof_of_work=proof_of_work,
        active_danger=active_danger,
    )
    if changes:
        audit(actor=by, action="incident_update", target=incident, reason="; ".join(changes))
    return incident
