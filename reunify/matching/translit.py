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

from rapidfuzz.distance import OSA

from .text import _NON_ALPHA_RE, arabic_letter_keys, cross_skeleton, to_ascii

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
        letters = [k for k in arabic_letter_keys(unit.replace(" ", "")) if k]
        for rank, cand in enumerate(cands):
            form = _NON_ALPHA_RE.sub("", to_ascii(cand.text.replace(" ", "")))
            # the dictionary also pairs names from aligned lists that are not readings of
            # these letters (فاطمة: "Bazouche", أحمد: "Imane"): a reading keeps the consonants
            if form and (rank == 0 or _keeps_consonants(form, letters)):
                out.append(form)
    fallback = to_ascii(unit.replace(" ", ""))
    if fallback:
        out.append(fallback)
    return tuple(dict.fromkeys(out))


def _keeps_consonants(form: str, letters: list[str]) -> bool:
    """A Latin spelling is a reading of the letters if its consonant key is theirs, give or
    take one (a hamza or an ain written as a consonant, a doubled letter)."""
    key = cross_skeleton(form)
    return not letters or any(OSA.distance(key, k, score_cutoff=2) <= 1 for k in letters)
