"""Blocking keys: short ASCII strings that two records of the same person are likely to share.

The board stores one row per (post, key) and fetches the posts sharing a key with a new report,
skipping keys carried by more than KEY_CAP posts. Every key starts with a prefix naming its
kind, so keys of different kinds never collide:

  xk:<key>          cross-script consonant key of one name part (Mohamed, محمد -> xk:mhmd)
  nk:<group>        nickname / cross-language group (Bill, William -> nk:en.william)
  xp:<k1>|<k2>      two name parts together, in either order (swapped names still meet)
  fi:<letter>|<k>   an initial with another name part ("J. Dupont" meets "Jean Dupont")
  xa:<key>|<band>   a name part with a five-year birth-year band (namesakes of other ages split)
  bd:<yyyymmdd>     full date of birth
"""

from __future__ import annotations

import functools
import hashlib
from importlib import metadata
from itertools import combinations
from pathlib import Path

from .profile import REFERENCE_YEAR, Profile, profile_of
from .records import PersonRecord
from .scripts import script_of

KEY_CAP = 2_000  # keys carried by more posts than this are too common to narrow the search
# Postings read per query, rarest keys first: the rare keys carry the evidence, the common
# ones only add namesakes.
GATHER_BUDGET = 8_000
MAX_KEY_LEN = 64
_PART_LEN = 24
_MAX_PAIR_KEYS_PER_TOKEN = 3


def _clip(key: str) -> str:
    return key[:MAX_KEY_LEN]


def key_weight(count: int, key: str) -> int:
    """How much sharing one key says, from how many records carry it.

    A key a handful of records share (a date of birth, two name parts together) is
    near-decisive; nickname groups only restate a name part already keyed. The in-memory
    index and the board's key tables rank candidates by the sum of these weights."""
    if key.startswith("nk:"):
        return 1
    if count <= 3:
        return 6
    if count <= 20:
        return 3
    return 2 if count <= 200 else 1


@functools.lru_cache(maxsize=10_000)
def _bands(lo: int, hi: int) -> tuple[int, ...]:
    first = REFERENCE_YEAR - hi - 2
    last = REFERENCE_YEAR - lo + 1
    bands = sorted({y // 5 for y in range(first, last + 1)})
    return tuple(bands) if len(bands) <= 4 else ()


@functools.lru_cache(maxsize=500_000)
def variant_keys(variant) -> tuple[frozenset[str], frozenset[str]]:
    """(name keys, single name-part keys) of one way of writing a name; cached per variant."""
    keys: set[str] = set()
    parts: set[str] = set()
    full = [t for t in variant.tokens if not t.initial]
    initials = [t for t in variant.tokens if t.initial]
    for token in full:
        keys |= _single_keys(token.xkeys, token.groups)
        parts.update(token.xkeys)
    # a given name written in syllables (小明, 지훈) also meets "Xiaoming Wang" whole
    syllables = [t for t in variant.compounds if script_of(t.display)]
    for token in variant.compounds:
        keys |= _single_keys(token.xkeys, token.groups)
    for token in syllables:
        for other in full:
            if _apart(token, other):
                keys |= _pair_keys(token.xkeys, other.xkeys)
    for a, b in combinations(full, 2):
        keys |= _pair_keys(a.xkeys, b.xkeys)
    for token in initials:
        for other in full:
            keys |= _initial_keys(token.text, other.xkeys)
    for a in full:
        letters = _first_letters(a)
        for b in full + syllables:
            if a is not b and _apart(a, b):
                for letter in letters:
                    keys |= _initial_keys(letter, b.xkeys[:1])
    return frozenset(keys), frozenset(parts)


def _apart(a, b) -> bool:
    return a.end <= b.start or b.end <= a.start


def _first_letters(token) -> tuple[str, ...]:
    """Initials a name part is written with: one, or for a name in a script of scripts/ the
    first letter of each reading (이 is Lee, Yi or, in Revised Romanization, I)."""
    if script_of(token.display):
        return tuple(dict.fromkeys(form[0] for form in token.forms[:6]))
    return (token.text[0],)


# The helpers below are cached per distinct name part: names repeat massively on a board.
@functools.lru_cache(maxsize=200_000)
def _single_keys(xkeys: tuple[str, ...], groups: frozenset[str]) -> frozenset[str]:
    out = {"xk:" + k for k in xkeys}
    out.update(_clip("nk:" + group.replace(":", ".")) for group in groups)
    return frozenset(out)


@functools.lru_cache(maxsize=500_000)
def _pair_keys(a: tuple[str, ...], b: tuple[str, ...]) -> frozenset[str]:
    out = set()
    for ka in a:
        for kb in b:
            lo, hi = sorted((ka, kb))
            out.add(_clip(f"xp:{lo}|{hi}"))
    return frozenset(out)


@functools.lru_cache(maxsize=200_000)
def _initial_keys(letter: str, xkeys: tuple[str, ...]) -> frozenset[str]:
    return frozenset(_clip(f"fi:{letter}|{k}") for k in xkeys)


def name_keys(profile: Profile) -> set[str]:
    return set(_names_keys(profile.names)[0])


@functools.lru_cache(maxsize=300_000)
def _names_keys(names: tuple) -> tuple[frozenset[str], frozenset[str]]:
    keys: set[str] = set()
    parts: set[str] = set()
    for variant in names:
        variant_name_keys, variant_parts = variant_keys(variant)
        keys |= variant_name_keys
        parts |= variant_parts
    return frozenset(keys), frozenset(parts)


def profile_keys(profile: Profile) -> frozenset[str]:
    age = profile.age
    if age is None:
        return _names_keys(profile.names)[0]
    keys = _aged_keys(
        profile.names, () if age.kind == "dob" and age.year is None else _bands(age.lo, age.hi)
    )
    return keys | {"bd:" + age.dob} if age.dob else keys


@functools.lru_cache(maxsize=300_000)
def _aged_keys(names: tuple, bands: tuple[int, ...]) -> frozenset[str]:
    keys, parts = _names_keys(names)
    return keys.union([f"xa:{part}|{band}" for part in parts for band in bands])


# Packages whose output shapes how names are read, and so the keys
_READING_PACKAGES = (
    "pyicu-wheels",
    "anyascii",
    "translitua",
    "arabic-name-romanizer",
    "nicknames",
    "pypinyin",
    "rapidfuzz",
)


@functools.cache
def scheme_version() -> str:
    """A fingerprint of how records are read into keys: this package's code and the versions
    of the packages it reads names with. Keys stored under another fingerprint may differ from
    what this code makes of the same record, so a board re-keys its records when it changes."""
    digest = hashlib.sha256()
    package = Path(__file__).resolve().parent
    for path in sorted(package.rglob("*.py")):
        digest.update(str(path.relative_to(package)).encode())
        digest.update(path.read_bytes())
    for name in _READING_PACKAGES:
        try:
            digest.update(f"{name}=={metadata.version(name)}".encode())
        except metadata.PackageNotFoundError:
            digest.update(f"{name} missing".encode())
    return digest.hexdigest()[:16]


def record_keys(record: PersonRecord) -> frozenset[str]:
    """Blocking keys of a record (ASCII, at most 64 characters, prefixed by kind)."""
    return profile_keys(profile_of(record))


def query_keys(text: str) -> frozenset[str]:
    """Keys for a public name search; they meet the name keys of record_keys."""
    profile = profile_of(PersonRecord(id="query", full_name=text))
    return frozenset(name_keys(profile))
