"""Names as comparable tokens (how alike two tokens are is likeness.py).

A name becomes a list of tokens. Each token keeps every ASCII spelling we know for it
(romaniser candidates for Arabic script, BGN and ICU forms for Cyrillic, the readings of
scripts/ for Chinese, Japanese, Korean, Indic, Thai, Hebrew and Greek, the form with and
without a particle), plus phonetic keys derived from those spellings. Comparing two tokens
returns one level, strongest first: same spelling, known variant (nickname, transliteration,
phonetic spelling), same consonant skeleton, typo, initial, weak similarity, different.
"""

from __future__ import annotations

import functools
import re
from dataclasses import dataclass
from itertools import count

from .aliases import alias_groups
from .scripts import han_alternative, han_language, is_family_first, native_units, script_of
from .text import (
    arabic_letter_keys,
    clean,
    fold,
    has_arabic,
    latin_cross_keys,
    romanisations,
    skeleton,
    split_words,
    spoken_spellings,
)
from .translit import arabic_units, latin_candidates
from .variants import transliteration_groups

EXACT, VARIANT, SKELETON, TYPO, INITIAL, WEAK, DIFFERENT = range(7)

# Particles that belong to the following word: Arabic article and kinship words, Romance,
# Dutch/German and Celtic particles. "Nour el Houda" -> nour + elhouda (and houda).
PARTICLES = frozenset(
    [
        "al",
        "el",
        "ul",
        "il",
        "ben",
        "bin",
        "ibn",
        "bint",
        "bent",
        "ould",
        "abd",
        "abdel",
        "abdul",
        "abdal",
        "abdoul",
        "abu",
        "abou",
        "abo",
        "de",
        "di",
        "da",
        "du",
        "des",
        "del",
        "della",
        "dos",
        "das",
        "do",
        "la",
        "le",
        "les",
        "van",
        "von",
        "der",
        "den",
        "ter",
        "ten",
        "vander",
        "vanden",
        "mac",
        "mc",
        "st",
        "saint",
        "san",
        "santa",
    ]
)
# Assimilated Arabic article ("ad din", "as sayed"): a particle only before the same consonant.
SUN_PARTICLES = frozenset(
    [
        "ad",
        "ed",
        "ud",
        "ar",
        "er",
        "ur",
        "as",
        "es",
        "us",
        "at",
        "et",
        "ut",
        "an",
        "en",
        "un",
        "az",
        "ez",
        "uz",
        "ash",
        "esh",
        "ush",
    ]
)
MAX_FORMS = 8


@dataclass(frozen=True, slots=True)
class Token:
    display: str  # as written (cleaned), for reasons
    text: str  # main ASCII spelling
    forms: tuple[str, ...]  # every ASCII spelling, main first
    folds: frozenset[str]
    skeletons: frozenset[str]
    cross: frozenset[str]  # cross-script consonant keys
    groups: frozenset[str]  # nickname / cross-language groups
    arabic: bool
    script: str  # "latin", "arabic" or "other" (Cyrillic, Greek ...): as written
    initial: bool
    start: int  # index of the first word covered (compounds cover two)
    end: int
    uid: int  # one per distinct written word (shared across positions): comparison cache key
    xkeys: tuple[str, ...]  # cross-script keys used for blocking


_uids = count()


@functools.lru_cache(maxsize=500_000)
def _core(display: str, forms: tuple[str, ...], arabic: bool) -> tuple:
    """Everything about a written word that does not depend on its position (cached)."""
    # blocking keys, most trustworthy first: the letter-by-letter key of Arabic script, then
    # the spellings in the order the romaniser ranks them (its tail can be far-fetched)
    ordered = []
    if arabic:
        ordered.extend(arabic_letter_keys(display.replace(" ", "")))
    for f in forms:
        ordered.extend(latin_cross_keys(f))
    ordered = [k for k in dict.fromkeys(ordered) if k]
    cross = set(ordered)
    groups: set[str] = set()
    # a spelling guessed from how a Latin name is said (Mercier -> "mercie") is for meeting
    # scripts that write sound, not a name of its own: "mercie" is no nickname of Mercedes
    said = frozenset() if arabic else frozenset(spoken_spellings(display, forms[0]))
    named = [f for f in forms if f not in said]
    for f in named[:3]:
        groups |= alias_groups(f)
    if not arabic:  # Mouhamed / Mohamed, Salah / Salih: attested spellings of one written name
        for f in named[:2]:
            groups |= transliteration_groups(f)
    cross.discard("")
    return (
        frozenset(fold(f) for f in forms),
        frozenset(skeleton(f) for f in forms),
        frozenset(cross),
        frozenset(groups),
        next(_uids),
        tuple(dict.fromkeys(k[:24] for k in ordered))[:3],  # blocking keys (keys.py)
    )


@functools.lru_cache(maxsize=100_000)
def _script(display: str, arabic: bool) -> str:
    if arabic:
        return "arabic"
    # Latin letters with accents sit below U+0250; any other letter means another script
    if all(ord(ch) < 0x250 or not ch.isalpha() for ch in display):
        return "latin"
    return "other"


def make_token(display: str, forms: list[str], arabic: bool, start: int, end: int) -> Token:
    return _make_token(display, tuple(forms), arabic, start, end)


@functools.lru_cache(maxsize=500_000)  # names repeat massively: one Token per word and place
def _make_token(display: str, forms: tuple[str, ...], arabic: bool, start: int, end: int) -> Token:
    forms = tuple(dict.fromkeys(f for f in forms if f))[:MAX_FORMS]
    folds, skeletons, cross, groups, uid, xkeys = _core(display, forms, arabic)
    return Token(
        display=display,
        text=forms[0],
        forms=forms,
        folds=folds,
        skeletons=skeletons,
        cross=cross,
        groups=groups,
        arabic=arabic,
        script=_script(display, arabic),
        initial=len(forms[0]) == 1,
        start=start,
        end=end,
        uid=uid,
        xkeys=xkeys,
    )


def _raw_words(text: str, han: str = "") -> list[tuple[str, list[str], bool]]:
    """(display, ascii forms, is_arabic) per word; Arabic runs are split into romaniser units,
    Chinese, Japanese, Korean, Indic, Thai, Hebrew and Greek words into the units of
    scripts/ (`han` says whether Han characters are read as Chinese or Japanese)."""
    out: list[tuple[str, list[str], bool]] = []
    arabic_run: list[str] = []

    def flush() -> None:
        if arabic_run:
            out.extend(
                (unit, list(forms), True) for unit, forms in _arabic_run(" ".join(arabic_run))
            )
            arabic_run.clear()

    for word in split_words(text):
        if has_arabic(word):
            arabic_run.append(word)
            continue
        flush()
        units = native_units(word, han or (han_language(text) if not word.isascii() else ""))
        if units is not None:
            out.extend((display, list(forms), False) for display, forms in units)
            continue
        forms = _latin_word(word)
        if forms:
            out.append((word, list(forms), False))
    flush()
    return out


@functools.lru_cache(maxsize=100_000)
def _arabic_run(text: str) -> tuple[tuple[str, tuple[str, ...]], ...]:
    units = ((unit, latin_candidates(unit)) for unit in arabic_units(text))
    return tuple((unit, forms) for unit, forms in units if forms)


# A particle written together with the name: the article (Elamrani, Alhashimi), a kunya or
# a nasab (Abouzeid, Ouldali); the name itself may be written without it. Not "ben"/"bin":
# Benjamin, Benoît and Bennett are not "son of" anyone.
_GLUED_PARTICLE_RE = re.compile(
    r"^(?:al|el)(?=[^aeiouy][a-z]{3})|^(?:abou|abu)(?=[^aeiouy][a-z]{2})|^(?:ould|ibn)(?=[a-z]{3})"
)


@functools.lru_cache(maxsize=200_000)
def _latin_word(word: str) -> tuple[str, ...]:
    """ASCII spellings of one word not in Arabic script (cached: words repeat across names)."""
    forms = list(romanisations(word))
    if forms:
        # "Elamrani", "Alhashimi": the article written together with the name
        head = forms[0]
        particle = _GLUED_PARTICLE_RE.match(head)
        if particle:
            forms.append(head[particle.end() :])
        forms.extend(spoken_spellings(word, head))
    return tuple(forms)


def _glue_particles(words: list[tuple[str, list[str], bool]]) -> list[tuple[str, list[str], bool]]:
    """Attach particles to the next word, keeping the bare form as a second spelling."""
    out: list[tuple[str, list[str], bool]] = []
    for display, forms, arabic in reversed(words):
        word = forms[0]
        # 杜 reads "du", 德 "de": a syllable of another script is never a Latin particle
        if out and not arabic and not out[-1][2] and not script_of(display):
            nxt_display, nxt_forms, _ = out[-1]
            is_particle = word in PARTICLES or (
                word in SUN_PARTICLES and nxt_forms[0].startswith(word[-1])
            )
            if is_particle:
                glued = [word + f for f in nxt_forms[:3]] + nxt_forms
                out[-1] = (display + " " + nxt_display, glued, False)
                continue
        out.append((display, forms, arabic))
    out.reverse()
    return out


@dataclass(frozen=True, slots=True, eq=False)  # identity hash: variants are cached and shared
class NameVariant:
    """One way of writing the person's name. Roles: 'g' given, 'f' family."""

    given: tuple[Token, ...]
    family: tuple[Token, ...]
    tokens: tuple[Token, ...]  # all real tokens, in written order
    compounds: tuple[Token, ...]  # adjacent tokens written together (Abd Allah -> abdallah)
    # "explicit" (fields, comma, CAPITALS), "inferred" (word order), "double" (word order,
    # two family names: see double_surname_variant) or "none"
    roles: str

    @property
    def roles_known(self) -> bool:
        return self.roles != "none"


@functools.lru_cache(maxsize=200_000)
def tokenise(text: str, first_index: int = 0, han: str = "") -> tuple[Token, ...]:
    """Tokens of one name string; cached because names repeat a lot across records."""
    words = _glue_particles(_raw_words(text, han))
    return tuple(
        make_token(display, forms, arabic, first_index + i, first_index + i + 1)
        for i, (display, forms, arabic) in enumerate(words)
    )


def _compounds(tokens: tuple[Token, ...]) -> tuple[Token, ...]:
    out = []
    for a, b in zip(tokens, tokens[1:], strict=False):
        if a.initial or b.initial:
            continue
        forms = [x + y for x in a.forms[:2] for y in b.forms[:2]]
        if script_of(a.display) and script_of(b.display):
            # syllables of a Chinese or Korean given name: each spelling scheme whole first
            # (Hsiao-ming, Siu-ming), then the mixes
            forms = [x + y for x, y in zip(a.forms[:3], b.forms[:3], strict=False)] + forms
        out.append(
            make_token(a.display + " " + b.display, forms, a.arabic or b.arabic, a.start, b.end)
        )
    return tuple(out)


# "ad-Din" as romanised, once its article is glued on: Eddine, Eddin, Uddin, Eldin, Aldin
_DIN_RE = re.compile(r"^[aeiou][dl]?dd?ine?$")
_PATRONYMIC_RE = re.compile(r"...(ovich|evich|ovych|evych|ovic|evic|ovna|evna|ivna|ovitch)$")


def _split_full_name(full: str) -> tuple[str, str] | None:
    """(given, family) when the writing says which is which: "DUPONT, Jean" or "DUPONT Jean"."""
    if "," in full:
        family, given = full.split(",", 1)
        if family.strip() and given.strip():
            return given, family
    words = full.split()
    caps = [w for w in words if len(w) >= 2 and w.isupper() and w.isalpha()]
    if caps and len(caps) < len(words):
        rest = [w for w in words if w not in caps]
        if any(w[:1].isupper() and not w.isupper() for w in rest):
            return " ".join(rest), " ".join(caps)
    return None


@functools.lru_cache(maxsize=200_000)
def name_variant(
    given: str = "", family: str = "", full: str = "", han: str = ""
) -> NameVariant | None:
    roles = "explicit"
    if not (given or family):
        split = _split_full_name(full)
        if split is not None:
            given, family = split
    if given or family:
        # 佐藤 / 大翔 in two fields: read the kanji of both the same way (Japanese here)
        han = han_language(f"{family} {given}") if is_family_first(family + given) else ""
        g = tokenise(given, 0, han)
        f = tokenise(family, len(g), han)
        tokens = g + f
        if not tokens:
            return None
        return NameVariant(g, f, tokens, _compounds(g) + _compounds(f), roles)
    tokens = tokenise(full, 0, han)
    if not tokens:
        return None
    if len(tokens) == 1:
        return NameVariant((), (), tokens, (), "none")
    if is_family_first(full):
        # Chinese, Japanese and Korean: family name first, then the given name's units
        return NameVariant(tokens[1:], tokens[:1], tokens, _compounds(tokens[1:]), "inferred")
    if len(tokens) >= 3 and any(_PATRONYMIC_RE.search(f) for f in tokens[-1].forms):
        # East Slavic official order: Family Given Patronymic (Ковальчук Ігор Андрійович)
        return NameVariant(tokens[1:], tokens[:1], tokens, (), "inferred")
    # "Given [middle ...] Family" is the commonest order; the swap check covers the others
    # compounds only inside the guessed given part ("Nour el Houda", "Jean Pierre"), and a
    # name ending in "ad-Din" ("Nour Eddine", "Salah-Uddin") as one name: نور الدين
    compounds = _compounds(tokens[:-1])
    if _DIN_RE.match(tokens[-1].text):
        compounds += _compounds(tokens[-2:])
    return NameVariant(tokens[:-1], tokens[-1:], tokens, compounds, "inferred")


def name_variants(record) -> tuple[NameVariant, ...]:
    return _name_variants(
        record.given_name, record.family_name, record.full_name, tuple(record.alternate_names)[:10]
    )


@functools.lru_cache(maxsize=300_000)
def _name_variants(
    given_name: str, family_name: str, full_name: str, alternate_names: tuple[str, ...]
) -> tuple[NameVariant, ...]:
    variants: list[NameVariant] = []
    seen: set[tuple[str, ...]] = set()

    def add(v: NameVariant | None) -> None:
        if v is None:
            return
        key = (v.roles,) + tuple(t.text for t in v.given) + ("|",) + tuple(t.text for t in v.tokens)
        if key in seen:
            return
        seen.add(key)
        variants.append(v)

    add(name_variant(given=given_name, family=family_name))
    if full_name:
        full = name_variant(full=full_name)
        structured = variants[0] if variants else None
        # a full name that only repeats given + family adds nothing
        if full is not None and not (
            structured is not None
            and sorted(t.text for t in structured.tokens) == sorted(t.text for t in full.tokens)
        ):
            add(full)
            add(double_surname_variant(full_name))
            # Han characters only (林陽一, 石川稔): Chinese or Japanese cannot always be told
            # apart, so the name is also read the other way
            other = han_alternative(full_name)
            if other:
                add(name_variant(full=full_name, han=other))
    for alt in alternate_names:
        add(name_variant(full=alt))
    return tuple(variants)


@functools.lru_cache(maxsize=100_000)
def double_surname_variant(full: str) -> NameVariant | None:
    """The name "Javier Sánchez Martínez" read as given "Javier", family "Sánchez Martínez".

    Spanish and Portuguese names carry two family names, and a hospital often writes only
    the first ("Javier Sanchez"); read as Given Middle Family, that name would be compared
    with "Martínez". Only for a full name of three or more words whose roles were guessed,
    and never compared with another such reading: "Nour el Houda Sánchez" and "Nour el Houda
    Haddad" would then share a family name "el Houda".
    """
    guessed = name_variant(full=full)
    if guessed is None or guessed.roles != "inferred" or len(guessed.tokens) < 3:
        return None
    tokens = guessed.tokens
    if len(guessed.family) != 1 or tokens[-2].initial:
        return None  # East Slavic order was recognised, or "Jean P. Martin"
    return NameVariant(tokens[:-2], tokens[-2:], tokens, _compounds(tokens[:-2]), "double")


def normalise_name(text: str) -> str:
    """Canonical ASCII spelling of a name (tokens in written order); idempotent."""
    out = " ".join(t.text for t in tokenise(clean(text)))
    for _ in range(4):  # a romanised word can turn into a particle ("la"): settle to a fixed point
        again = " ".join(t.text for t in tokenise(out))
        if again == out:
            break
        out = again
    return out
