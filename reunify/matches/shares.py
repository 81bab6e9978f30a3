"""How often reports of each source are about someone searched for on the board.

The engine's prior assumes a report is about someone with a post here. True of most people
who say "I'm safe" on the board; not of a hospital's list, where most patients are searched
by nobody. Scored with the first prior, a 5,000-row list leaves volunteers over a thousand
weak pairs (a shared given or family name) to review, and the odds of every pair are
overstated by the same factor: the share of its source that really is on the board.

The share is estimated without labels, as Splink estimates its λ: per incident and source,
the reports whose best candidate is near-certain on the evidence alone (before any share),
with a prior of 4 in 5 worth five reports. A source with fewer than SHARE_MIN_REPORTS
matched reports keeps the engine's prior: too little data, and a small board is left as
it was. The counts are kept per process for SHARES_TTL seconds and updated by the reports
this process matches, so a long import corrects itself as it goes.
"""

from django.db.models import Count, Q

from reunify.board.models import Incident, Report, Visibility

from .incident_cache import IncidentCache

CONFIDENT = 0.95  # evidence at which a best candidate is taken to be the person
SHARE_MIN_REPORTS = 50
PRIOR_HITS, PRIOR_MISSES = 4, 1
SHARES_TTL = 300.0


def _build(incident: Incident) -> dict[str, list[int]]:
    """source -> [reports matched, of which confidently]."""
    rows = (
        Report.objects.filter(incident_id=incident.pk, match_pending_since__isnull=True)
        .exclude(visibility=Visibility.HIDDEN)
        .values("source")
        .annotate(
            n=Count("pk", distinct=True),
            m=Count("pk", distinct=True, filter=Q(matches__evidence__gte=CONFIDENT)),
        )
    )
    return {row["source"]: [row["n"], row["m"]] for row in rows}


_counts: IncidentCache[dict[str, list[int]]] = IncidentCache(_build, SHARES_TTL)


def source_shares(incident: Incident) -> dict[str, float]:
    """source -> share of its reports that are about someone here (absent: assume all)."""
    shares = {}
    for source, (n, m) in _counts.get(incident).items():
        if n >= SHARE_MIN_REPORTS:
            shares[source] = min(1.0, (m + PRIOR_HITS) / (n + PRIOR_HITS + PRIOR_MISSES))
    return shares


def share_count(report: Report, best_evidence: float) -> None:
    """A report this process just matched counts at once (no rebuild needed)."""
    for counts in _counts.cached(report.incident_id):
        n_m = counts.setdefault(report.source, [0, 0])
        n_m[0] += 1
        n_m[1] += best_evidence >= CONFIDENT


def shares_clear() -> None:
    _counts.clear()
