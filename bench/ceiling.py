"""What the engine's comparisons could reach on a labelled set: parameters counted from labels.

EM learns m and λ without labels. To tell a weak fit from weak evidence, the same comparison
vectors are weighed with parameters counted from the set's own truth (supervised): m from
the true pairs, λ per source from the share of reports that have a true post, u kept from
the fit (random pairs). The F1 this gives is the ceiling of the model on that set, not a
result: a gap between it and the fitted F1 is the fit's to close; what lies above it is
evidence the comparisons do not see (a name never written, a namesake of the same age).
"""

from __future__ import annotations

from reunify.matching import Params, PersonRecord
from reunify.matching.fit import _estimate
from reunify.matching.profile import profile_of
from reunify.matching.score import compare_profiles

# one count per level, so that a level no true pair shows keeps a small m
PSEUDO_COUNT = 1.0


def labelled_params(
    left: list[PersonRecord],
    right: list[PersonRecord],
    truth: dict[str, set[str]],
    fitted: Params,
    frequencies,
) -> Params:
    by_id = {record.id: record for record in left}
    counted: dict[tuple[str, str], float] = {}
    reports: dict[str, list[int]] = {}
    for record in right:
        true_posts = [by_id[i] for i in truth.get(record.id, ()) if i in by_id]
        seen = reports.setdefault(record.source, [0, 0])
        seen[0] += 1
        seen[1] += bool(true_posts)
        for post in true_posts:
            vector = compare_profiles(profile_of(post), profile_of(record), frequencies, fitted)
            for item in vector:
                if item.weight is None:
                    key = (item.comparison, item.level)
                    counted[key] = counted.get(key, 0.0) + 1.0
    m_table = _estimate(counted, fitted, "m", PSEUDO_COUNT)
    table = {
        comparison: {
            level: (m_table.get(comparison, {}).get(level, m), u)
            for level, (m, u) in levels.items()
        }
        for comparison, levels in fitted.table.items()
    }
    lambdas = {source: max(hits, 1) / n for source, (n, hits) in reports.items()}
    return Params(table=table, lambdas=lambdas, min_pool=1, rest=fitted.rest)
