"""A small, explainable risk score: enough to hold the worst before the public sees them.

Posts go live at once because speed matters in a crisis; only a record that scores at or
above HOLD_AT waits for a volunteer. Every reason is a short code shown to volunteers.
"""

import re
from datetime import timedelta

from django.conf import settings
from django.db.models import Q
from django.utils import timezone

HOLD_AT = 3
LINK = re.compile(r"(https?://|www\.|\b[\w-]+\.(com|net|org|info|biz|ru|xyz|top|io|ly)\b)", re.I)
# Deliberately short: slurs and scam words seen on crisis boards; extend with RISK_WORDS.
WORDS = {
    "bitcoin",
    "crypto",
    "casino",
    "viagra",
    "porn",
    "xxx",
    "loan",
    "whatsapp me",
    "telegram me",
    "ransom",
    "rançon",
    "arnaque",
}
RATE_WINDOW = timedelta(hours=1)
RATE_MAX = 3


def _text_of(record) -> str:
    parts = [record.full_name, record.alternate_names]
    for name in ("description", "last_seen_place", "message", "current_location"):
        parts.append(getattr(record, name, "") or "")
    return "\n".join(parts).lower()


def _recent_from_same_contact(record) -> int:
    contact = Q()
    if record.contact_email:
        contact |= Q(contact_email__iexact=record.contact_email)
    if record.contact_phone:
        contact |= Q(contact_phone=record.contact_phone)
    if not contact:
        return 0
    since = timezone.now() - RATE_WINDOW
    recent = type(record).objects.filter(contact, created_at__gte=since).exclude(pk=record.pk)
    # Only whether it reaches RATE_MAX matters: a flood from one phone is not counted whole.
    # Up to RATE_MAX ids, unordered: on every post and report, and a COUNT over an ordered,
    # sliced subquery cost the request more to build than PostgreSQL took to answer it.
    return len(recent.order_by().values_list("pk", flat=True)[:RATE_MAX])


def risk_score(record) -> tuple[int, list[str]]:
    text = _text_of(record)
    score, reasons = 0, []
    words = WORDS | {w.lower() for w in getattr(settings, "RISK_WORDS", [])}
    if any(word in text for word in words):
        score, reasons = score + 3, [*reasons, "words"]
    links = len(LINK.findall(text))
    if links:
        score, reasons = score + min(4, 2 * links), [*reasons, "links"]
    if _recent_from_same_contact(record) >= RATE_MAX:
        score, reasons = score + 3, [*reasons, "rate"]
    return score, reasons
