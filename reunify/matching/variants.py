"""Transliteration variants of names written in Latin letters, from attested spellings.

Mohamed, Mouhamed and Muhammad; Salah and Salih; Youssouf and Yusuf: Arabic, Persian,
Turkish and West-African (French-spelling) lists write one name in many Latin spellings.
They are the same name, not typos. The `arabic-name-romanizer` package ships a dictionary of
attested Latin spellings of Arabic-script names (with their counts); read backwards, it says
which written names a Latin spelling stands for. Two spellings that stand for the same
written name are variants of each other. A spelling stands for a written name when at least
MIN_SHARE of its attestations are of that name (Salah is صلاح four times in five and صالح
one in five, so it meets Salih); rare misattributions are left out.
"""

from __future__ import annotations

import functools
import sqlite3
from collections import Counter, defaultdict
from pathlib import Path

from .text import to_ascii

MIN_SHARE = 0.15
MIN_COUNT = 2
MAX_READINGS = 3


@functools.cache
def _readings() -> dict[str, frozenset[str]]:
    try:
        import arabic_name_romanizer
    except ImportError:  # pragma: no cover - declared dependency
        return {}
    path = Path(arabic_name_romanizer.__file__).parent / "resources" / "names.sqlite3"
    if not path.exists():  # pragma: no cover
        return {}
    counts: dict[str, Counter] = defaultdict(Counter)
    connection = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
    try:
        for arabic, latin, count in connection.execute(
            "SELECT arabic_key, latin, count FROM units"
        ):
            spelling = to_ascii(latin)
            if spelling and " " not in arabic:
                counts[spelling][arabic] += count
    finally:
        connection.close()
    out = {}
    for spelling, by_name in counts.items():
        total = sum(by_name.values())
        kept = [
            "ar:" + to_ascii(arabic)
            for arabic, n in by_name.most_common(MAX_READINGS)
            if n >= MIN_COUNT and n >= MIN_SHARE * total
        ]
        if kept:
            out[spelling] = frozenset(k for k in kept if len(k) > 3)
    return out


def transliteration_groups(spelling: str) -> frozenset[str]:
    """Ids of the written names an ASCII spelling stands for ("salah" -> ar:slah, ar:salh)."""
    return _readings().get(spelling, frozenset())
