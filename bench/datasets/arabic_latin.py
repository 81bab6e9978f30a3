"""Single names in Latin letters vs the same names in Arabic script.

Every given and family name of the inventory that has an Arabic-script spelling gives
pairs: Arabic names (محمد / Mohamed) and, as often, non-Arabic names as Arabic-language
lists write them (جون / John, بيير / Pierre, شيفتشينكو / Shevchenko). One Latin spelling
per name is drawn from the seed; each Arabic spelling is one record. Several names can
share one Arabic spelling (ماري is Marie and Mary, لويس is Louis and Luis); any of them
counts as the true match.
"""

from __future__ import annotations

import random
from dataclasses import dataclass

from bench.datasets.names import ARABIC_ORIGINS, load_family, load_given
from bench.datasets.perturb import is_arabic


@dataclass
class PairSet:
    latin: list[dict[str, str]]
    arabic: list[dict[str, str]]
    truth: dict[str, set[str]]  # arabic id -> latin ids
    arabic_origin: dict[str, bool]  # arabic id -> the name is of Arabic/Persian/Urdu origin


def generate_pairs(seed: int) -> PairSet:
    rng = random.Random(f"arabic-latin:{seed}")
    concepts = []
    for name in [*load_given(), *load_family()]:
        arabic = [s for s in name.script if is_arabic(s)]
        if arabic and name.latin:
            native = any(origin in ARABIC_ORIGINS for origin in name.origins)
            concepts.append((name.latin, arabic, native))

    latin_ids: dict[str, str] = {}  # spelling -> id; two names can draw one spelling
    concept_latin: list[str] = []
    for latin, _, _ in concepts:
        weights = [0.7**i for i in range(len(latin))]
        spelling = rng.choices(list(latin), weights=weights)[0]
        latin_ids.setdefault(spelling, "")
        concept_latin.append(spelling)
    shuffled = list(latin_ids)
    rng.shuffle(shuffled)
    for n, spelling in enumerate(shuffled):
        latin_ids[spelling] = f"L{n:04d}"

    by_form: dict[str, set[str]] = {}
    native_form: dict[str, bool] = {}
    for (_, arabic, native), spelling in zip(concepts, concept_latin, strict=True):
        for form in arabic:
            by_form.setdefault(form, set()).add(latin_ids[spelling])
            native_form[form] = native_form.get(form, False) or native
    forms = sorted(by_form)
    rng.shuffle(forms)
    arabic_rows, truth, origin = [], {}, {}
    for n, form in enumerate(forms):
        rid = f"A{n:04d}"
        arabic_rows.append({"id": rid, "full_name": form})
        truth[rid] = by_form[form]
        origin[rid] = native_form[form]
    latin_rows = [{"id": lid, "full_name": spelling} for spelling, lid in latin_ids.items()]
    latin_rows.sort(key=lambda row: row["id"])
    return PairSet(latin_rows, arabic_rows, truth, origin)
