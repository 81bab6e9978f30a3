"""Delivery channels: one small class each, telling temporary from permanent failures."""

import contextlib
import hashlib
import hmac
import smtplib
import time
import urllib.error
import urllib.request
from collections.abc import Callable
from dataclasses import dataclass, field

from django.conf import settings
from django.core.mail import EmailMultiAlternatives, get_connection


class DeliveryError(Exception):
    permanent = False


class TemporaryError(DeliveryError):
    permanent = False


class PermanentError(DeliveryError):
    permanent = True


@dataclass(frozen=True)
class Email:
    to: str
    subject: str
    text: str
    html: str
    message_id: str
    reply_to: str = ""
    headers: dict = field(default_factory=dict)


class EmailChannel:
    """SMTP (or the outbox folder in embedded mode)."""

    def send(self, email: Email, on_accepted: Callable[[], None] = lambda: None) -> None:
        """Send, and call `on_accepted` as soon as the server has taken the message.

        The callback runs before the connection is closed: between the server's 250 and
        the outcome being recorded, a crash would send the message again, so that window
        is kept as short as we can make it (no QUIT round trip inside it).
        """
        if not email.to:
            raise PermanentError("no recipient address")
        connection = get_connection(timeout=settings.EMAIL_TIMEOUT)
        message = EmailMultiAlternatives(
            subject=email.subject,
            body=email.text,
            from_email=settings.DEFAULT_FROM_EMAIL,
            to=[email.to],
            reply_to=[email.reply_to] if email.reply_to else None,
            # The same id on every attempt lets the receiver drop a repeat.
            headers={**email.headers, "Message-ID": email.message_id},
            connection=connection,
        )
        if email.html:
            message.attach_alternative(email.html, "text/html")
        try:
            connection.open()
            message.send()  # on a connection opened here, Django leaves it open: no QUIT yet
        except smtplib.SMTPRecipientsRefused as exc:
            # 4xx (greylisting, a full mailbox) may pass later; 5xx will not.
            codes = [code for code, _ in exc.recipients.values()]
            if all(500 <= code < 600 for code in codes):
                raise PermanentError("recipient refused") from exc
            raise TemporaryError(f"recipient deferred (SMTP {min(codes)})") from exc
        except smtplib.SMTPResponseException as exc:
            error = f"SMTP {exc.smtp_code}"
            raise (PermanentError if 500 <= exc.smtp_code < 600 else TemporaryError)(error) from exc
        except (TimeoutError, smtplib.SMTPException, OSError) as exc:
            raise TemporaryError(exc.__class__.__name__) from exc
        else:
            on_accepted()
        finally:
            _close_quietly(connection)


def _close_quietly(connection) -> None:
    # The message is already accepted (or already failed): a QUIT that goes wrong changes
    # nothing about the outcome.
    with contextlib.suppress(smtplib.SMTPException, OSError):
        connection.close()


@dataclass(frozen=True)
class Webhook:
    url: str
    secret: str
    body: bytes  # JSON
    idempotency_key: str


def webhook_signature(secret: str, timestamp: str, body: bytes) -> str:
    """HMAC-SHA256 over "<timestamp>.<body>": the timestamp is signed so a replay shows."""
    signed = timestamp.encode() + b"." + body
    return "sha256=" + hmac.new(secret.encode(), signed, hashlib.sha256).hexdigest()


class _NoRedirects(urllib.request.HTTPRedirectHandler):
    # A signed request must reach the address the partner registered, not wherever it points.
    def redirect_request(self, *args, **kwargs):
        return None


class WebhookChannel:
    """A signed POST to a partner's system; the Idempotency-Key lets it drop a repeat."""

    # Worth retrying: the receiver is busy or broken for now. Any other 4xx (or 3xx) means
    # the request or the address is wrong, and repeating it cannot help.
    TEMPORARY_STATUSES = {408, 425, 429}

    def send(self, webhook: Webhook, on_accepted: Callable[[], None] = lambda: None) -> None:
        timestamp = str(int(time.time()))
        request = urllib.request.Request(
            webhook.url,
            data=webhook.body,
            method="POST",
            headers={
                "Content-Type": "application/json",
                "User-Agent": "Reunify-Webhook/1",
                "Idempotency-Key": webhook.idempotency_key,
                "X-Reunify-Timestamp": timestamp,
                "X-Reunify-Signature": webhook_signature(webhook.secret, timestamp, webhook.body),
            },
        )
        opener = urllib.request.build_opener(_NoRedirects)
        try:
            with opener.open(request, timeout=settings.WEBHOOK_TIMEOUT) as response:
                response.read(1024)
        except urllib.error.HTTPError as exc:
            error = f"HTTP {exc.code}"
            temporary = exc.code >= 500 or exc.code in self.TEMPORARY_STATUSES
            raise (TemporaryError if temporary else PermanentError)(error) from exc
        except ValueError as exc:  # not a usable URL
            raise PermanentError("invalid URL") from exc
        except (TimeoutError, urllib.error.URLError, OSError) as exc:
            raise TemporaryError(exc.__class__.__name__) from exc
        on_accepted()


def message_id_for(key) -> str:
    domain = settings.SITE_URL.split("//")[-1].split("/")[0].split(":")[0] or "reunify"
    return f"<{key}@{domain}>"
