"""A small, explainable risk score: enough to hold the worst before the public sees them.

Posts go live at once because speed matters in a crisis; only a record that scores at or
above HOLD_AT waits for a volunteer. Every reason is a short code shown to volunteers.
"""

import re
from datetime import timedelta

from django.conf import settings
from django.utils import timezone

from reunify.board.selectors import recent_ids_from_contact

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
    """Other records from the same phone or e-mail in the last hour, counted up to RATE_MAX
    (only whether a flood reaches it matters)."""
    since = timezone.now() - RATE_WINDOW
    ids = recent_ids_from_contact(
        type(record),
        email=record.contact_email,
        phone=record.contact_phone,
        since=since,
        limit=RATE_MAX + 1,
    )
    return len([pk for pk in ids if pk != record.pk][:RATE_MAX])


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
