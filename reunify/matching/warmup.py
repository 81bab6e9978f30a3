"""Load, before the first visitor, the tables the engine otherwise reads on first use.

Each table (Arabic readings of Latin spellings, aliases, places, a script's dictionaries) is
read once per process, when a name first needs it: about 4.5 s of CPU in all, 1.8 s of it for
the first Japanese name. In a web worker taking a surge, every thread that meets a table
before it is loaded reads it again, at once, under one interpreter lock: with 16 visitors,
the first searches of a fresh embedded board waited 15 s (bench/embedded_load.py). A web
worker is also replaced now and then (gunicorn's max_requests), and each new one paid this
again in its visitors' time. Warming moves the cost to when the process starts, before it
takes any request (gunicorn.conf.py, the Celery worker, the embedded board's thread).
"""

import time

from .keys import query_keys, scheme_version
from .records import PersonRecord
from .score import score_pair

# A name for each script and convention the engine reads with its own tables.
SAMPLE_NAMES = (
    "Mohamed Benali",  # Latin: Arabic readings, aliases, nicknames
    "محمد بن علي",  # Arabic
    "علی رضایی",  # Persian
    "Дмитрий Иванов",  # Cyrillic
    "Οδυσσέας Ελύτης",  # Greek
    "דוד כהן",  # Hebrew
    "山田太郎",  # Japanese (kanji readings)
    "やまだ たろう",  # Japanese (kana)
    "王小明",  # Chinese (Mandarin, Cantonese)
    "陳大文",  # Chinese (traditional)
    "김민준",  # Korean
    "สมชาย ใจดี",  # Thai
    "राहुल शर्मा",  # Devanagari
    "রাহুল",  # Bengali
    "ராகுல்",  # Tamil
    "Ayşe Yılmaz",  # Turkish
    "Nguyễn Văn An",  # Vietnamese
)


def warm_up() -> float:
    """Read every table now; returns the CPU seconds it took (0 when already loaded)."""
    started = time.process_time()
    for name in SAMPLE_NAMES:
        query_keys(name)
    # Places are read when two records are compared.
    post = PersonRecord(id="warm-up-post", full_name="Mohamed Benali", location="Paris 11e")
    report = PersonRecord(
        id="warm-up-report", full_name="محمد بن علي", found_at="Hôpital Saint-Louis, Paris"
    )
    score_pair(post, report)
    scheme_version()  # the versions of the name libraries, asked when records are keyed
    return time.process_time() - started
