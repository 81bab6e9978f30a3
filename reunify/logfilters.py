"""Keep secrets out of logs: request paths can carry the token of a family's private link."""

import logging
import re

# Any token, not only a well-formed one: a mistyped link (a 404) still carries most of it.
_SECRET_LINK = re.compile(
    r"(/(?:manage/[pr]|review|stop|follow/yes|follow/stop|doors/[a-z]+)/[0-9a-f-]{36}/)[^/\s?#\"']+",
    re.IGNORECASE,
)


class RedactSecretLinks(logging.Filter):
    def filter(self, record: logging.LogRecord) -> bool:
        message = record.getMessage()
        redacted = _SECRET_LINK.sub(r"\1[token]", message)
        if redacted != message:
            record.msg, record.args = redacted, ()
        return True
