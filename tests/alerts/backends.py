"""E-mail backends that fail the way real SMTP servers do."""

import smtplib

from django.core.mail.backends.base import BaseEmailBackend


class RefusingBackend(BaseEmailBackend):
    """A server that is busy: 451, try again later."""

    def send_messages(self, email_messages):
        raise smtplib.SMTPResponseException(451, b"try again later")


class RejectingBackend(BaseEmailBackend):
    def send_messages(self, email_messages):
        raise smtplib.SMTPRecipientsRefused({"x@example.org": (550, b"no such user")})


class GreylistingBackend(BaseEmailBackend):
    """Every recipient deferred with a 4xx: try again later."""

    def send_messages(self, email_messages):
        raise smtplib.SMTPRecipientsRefused({"x@example.org": (450, b"greylisted")})
