"""Thai names: pythainlp's Royal Thai General System reading, and the spellings people use.

Thai passports and families mostly follow RTGS, with habits of their own: p, t, k for the
aspirates RTGS writes ph, th, kh (Pon, Tanawat), j for จ that RTGS writes ch (Jiraporn),
w for the final o of แ-ว (Kaew) and ee for the long i (Jaidee).
"""

from __future__ import annotations

import functools
import re

from ..text import to_ascii


@functools.lru_cache(maxsize=50_000)
def readings(word: str) -> tuple[str, ...]:
    from pythainlp.transliterate import romanize

    rtgs = to_ascii(romanize(word, engine="royin"))
    forms = [rtgs]
    forms.append(re.sub(r"(?<=[ptk])h", "", rtgs))  # Pon, Tanawat
    if "จ" in word:
        forms.append(re.sub(r"^ch", "j", rtgs))  # Jiraporn
    forms.append(rtgs.replace("ph", "p").replace("ch", "j"))
    forms.append(re.sub(r"(?<=[ae])o(?=[^aeiou]|$)", "w", rtgs))  # Kaew, Siew
    if "ี" in word:  # long i written ee (Jaidee)
        forms.extend([f[:-1] + "ee" for f in forms[:3] if f.endswith("i")])
    forms.append(to_ascii(word))  # ICU, letter by letter
    return tuple(dict.fromkeys(f for f in forms if f))


MAX_CHARS = 40  # the longest Thai names are about half this


def units(word: str) -> list[tuple[str, tuple[str, ...]]]:
    if len(word) > MAX_CHARS:  # not one name: ICU's reading only (bounded work)
        return [(word, (to_ascii(word),))]
    return [(word, readings(word))]
