import logging
import uuid

from reunify.logfilters import RedactSecretLinks


def test_secret_tokens_in_request_paths_never_reach_the_logs():
    uid = uuid.uuid4()
    record = logging.LogRecord(
        "django.request",
        logging.WARNING,
        __file__,
        1,
        "Not Found: %s",
        (f"/manage/p/{uid}/0123456789abcdef0123456789abcdef01234567/",),
        None,
    )
    RedactSecretLinks().filter(record)
    assert record.getMessage() == f"Not Found: /manage/p/{uid}/[token]/"
