"""How alike two name tokens are: one comparison level, strongest first (same spelling,
known variant, same consonant skeleton, typo, initial, weak similarity, different), and a
0..1 similarity for public search."""

from __future__ import annotations

from rapidfuzz.distance import OSA, JaroWinkler

from .names import DIFFERENT, EXACT, INITIAL, SKELETON, TYPO, VARIANT, WEAK, Token
from .scripts import script_of


def _best_similarity(a: Token, b: Token) -> tuple[float, int]:
    """Best Jaro-Winkler and smallest edit distance over the spellings of both tokens."""
    best_jw = 0.0
    best_ed = 99
    for x in a.forms[:4]:
        for y in b.forms[:4]:
            jw = JaroWinkler.similarity(x, y)
            if jw > best_jw:
                best_jw = jw
            if abs(len(x) - len(y)) <= 1:
                ed = OSA.distance(x, y, score_cutoff=2)
                if ed < best_ed:
                    best_ed = ed
    return best_jw, best_ed


_LEVELS: dict[tuple[int, int], int] = {}
_LEVELS_MAX = 2_000_000


def compare_tokens(a: Token, b: Token) -> int:
    """The comparison level of two name tokens (EXACT ... DIFFERENT); symmetric, cached."""
    key = (a.uid, b.uid) if a.uid < b.uid else (b.uid, a.uid)
    level = _LEVELS.get(key)
    if level is None:
        if len(_LEVELS) >= _LEVELS_MAX:
            _LEVELS.clear()
        level = _LEVELS[key] = _compare_tokens(a, b) if a.uid < b.uid else _compare_tokens(b, a)
    return level


def _reads_as(a: Token, b: Token) -> bool:
    """A name in a script of scripts/ has, among its readings, the other's spelling."""
    if script_of(a.display):
        return b.text in a.forms
    return bool(script_of(b.display)) and a.text in b.forms


def _compare_tokens(a: Token, b: Token) -> int:
    if a.script != b.script and "other" in (a.script, b.script) and _reads_as(a, b):
        # 유진 / Yujin, 佐藤 / Satou: one of the readings, letter for letter (이 / I too,
        # which would otherwise be taken for an initial)
        return EXACT
    if a.initial or b.initial:
        if a.initial and b.initial:
            return INITIAL if a.text == b.text else DIFFERENT
        short, full = (a, b) if a.initial else (b, a)
        letter = short.text
        if any(f[0] == letter for f in full.forms) or any(f[0] == letter for f in full.folds):
            return INITIAL
        return DIFFERENT
    if a.text == b.text and a.arabic == b.arabic:
        return EXACT
    if (
        not a.folds.isdisjoint(b.folds)
        or not a.groups.isdisjoint(b.groups)
        or not set(a.forms).isdisjoint(b.forms)
    ):
        return VARIANT
    if a.arabic != b.arabic:
        if not a.cross.isdisjoint(b.cross):
            return SKELETON
        for x in a.cross:
            for y in b.cross:
                if len(x) >= 3 and len(y) >= 3 and OSA.distance(x, y, score_cutoff=2) <= 1:
                    return TYPO
        jw, _ = _best_similarity(a, b)
        return WEAK if jw >= 0.80 else DIFFERENT
    jw, ed = _best_similarity(a, b)
    if ed <= 1 and min(len(a.text), len(b.text)) >= 4:
        return TYPO
    if (not a.skeletons.isdisjoint(b.skeletons) and max(len(k) for k in a.skeletons) >= 2) or (
        not a.cross.isdisjoint(b.cross) and max(len(k) for k in a.cross) >= 3
    ):
        return SKELETON  # also catches transliteration conventions: Vishnevsky / Vichnevski
    if jw >= 0.92:
        return TYPO
    if jw >= 0.80:
        return WEAK
    if jw >= 0.70 and not a.cross.isdisjoint(b.cross):
        return WEAK  # short names with the same consonants (Awn / Aoun): too few to say more
    return DIFFERENT


def token_similarity(a: Token, b: Token) -> float:
    """0..1 similarity for public search ranking."""
    level = compare_tokens(a, b)
    if level == WEAK:
        return 0.5 * _best_similarity(a, b)[0]
    return (1.0, 0.95, 0.85, 0.85, 0.5, 0.4, 0.0)[level]
