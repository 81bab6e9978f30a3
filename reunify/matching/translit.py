"""Arabic-script names to several Latin candidates.

Arabic script leaves out short vowels, so one written name has many correct Latin spellings
(محمد: Mohamed, Muhammad, Mohammed ...). A single generic transliteration (ICU gives "mhmd")
misses most of them, so we keep several candidates per name unit:

1. `arabic-name-romanizer`: a dictionary of attested spellings (offline SQLite), with a small
   ONNX model for names that are not in it (non-Arabic names written in Arabic script);
2. ICU `Arabic-Latin` folded to ASCII, as a last resort when the package is missing.

The comparison code also uses a direct letter-to-consonant-class key (text.arabic_cross_skeleton).
"""

from __future__ import annotations

import functools
import threading

from .text import _NON_ALPHA_RE, to_ascii

CANDIDATES_PER_UNIT = 6
_lock = threading.Lock()


@functools.cache
def _romanizer():
    try:
        from arabic_name_romanizer import Transliterator
    except ImportError:  # pragma: no cover - declared dependency
        return None
    try:
        return Transliterator()
    except Exception:  # pragma: no cover - onnxruntime missing or broken: dictionary + rules only
        return Transliterator(auto_load_model=False)


def arabic_units(text: str) -> list[str]:
    """Split Arabic-script text into name units (عبد الله is one unit, as in the romaniser)."""
    try:
        from arabic_name_romanizer.normalize import normalize_arabic, split_units
    except ImportError:  # pragma: no cover
        return text.split()
    return split_units(normalize_arabic(text))


@functools.lru_cache(maxsize=100_000)
def latin_candidates(unit: str) -> tuple[str, ...]:
    """Lowercase a-z spellings for one Arabic-script name unit, most likely first."""
    out: list[str] = []
    tr = _romanizer()
    if tr is not None:
        with _lock:  # the ONNX session and sqlite connection are not shared across threads
            try:
                cands = tr.transliterate(unit, top_k=CANDIDATES_PER_UNIT)
            except Exception:  # a romaniser bug must not break matching
                cands = []
        for cand in cands:
            form = _NON_ALPHA_RE.sub("", to_ascii(cand.text.replace(" ", "")))
            if form:
                out.append(form)
    fallback = to_ascii(unit.replace(" ", ""))
    if fallback:
        out.append(fallback)
    return tuple(dict.fromkeys(out))
