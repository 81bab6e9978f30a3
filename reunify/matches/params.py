"""Each incident's matching parameters, learned from its own records.

The engine starts from its prior (reunify.matching.PRIOR: published error rates of
hand-taken lists, shares of names and ages in a population). Once an incident has enough
records, a beat task fits the parameters by EM on them (reunify.matching.fit: m and λ per
source from the candidate pairs, u from random pairs, the prior as pseudo-counts) and stores
the result as a FittedParams row; workers read the newest row, cached for PARAMS_TTL
seconds. A refit runs again when the board has grown by REFIT_GROWTH since the last one.
"""

import logging
import random

from django.db.models import Q

from reunify.board.models import Incident, Post, Report, Visibility
from reunify.matching import PRIOR, Params, fit

from .adapter import post_record, report_record
from .frequencies import incident_frequencies
from .incident_cache import IncidentCache
from .models import FittedParams

logger = logging.getLogger(__name__)

PARAMS_TTL = 300.0  # seconds a worker keeps an incident's parameters before looking again
# Too few records teach nothing the prior does not already say.
FIT_MIN_POSTS = 30
FIT_MIN_REPORTS = 30
# A refit when the board has grown by this share since the last fit (and by FIT_MIN_*).
REFIT_GROWTH = 0.2
# Records read for a fit, at most: the fit samples its pairs anyway (random pairs for u,
# up to 1,500 reports' candidates for m and λ), and reading a million rows would not help.
FIT_SAMPLE = 100_000


def _latest(incident: Incident) -> FittedParams | None:
    return FittedParams.objects.filter(incident=incident).first()


def _build(incident: Incident) -> Params:
    row = _latest(incident)
    return Params.from_dict(row.params) if row is not None else PRIOR


_params: IncidentCache[Params] = IncidentCache(_build, PARAMS_TTL)


def incident_params(incident: Incident) -> Params:
    """The parameters matching uses for this incident now."""
    return _params.get(incident)


def params_described(*, incident: Incident, version: str) -> FittedParams | None:
    """The fit behind a version, to explain a match (None: the engine's prior)."""
    return FittedParams.objects.filter(incident=incident, version=version).first()


def _sample(queryset, limit: int, seed: int) -> list:
    ids = list(queryset.values_list("pk", flat=True))
    if len(ids) > limit:
        ids = random.Random(seed).sample(ids, limit)
    return list(queryset.model.objects.filter(pk__in=ids))


def _fit_records(incident: Incident) -> tuple[list, list]:
    posts = Post.objects.filter(incident=incident, status=Post.Status.OPEN).exclude(
        visibility__in=[Visibility.HIDDEN, Visibility.WITHDRAWN]
    )
    reports = Report.objects.filter(incident=incident).exclude(
        Q(visibility__in=[Visibility.HIDDEN, Visibility.WITHDRAWN]) | Q(purged_at__isnull=False)
    )
    return _sample(posts, FIT_SAMPLE, incident.pk), _sample(reports, FIT_SAMPLE, incident.pk)


def params_fit(*, incident: Incident) -> FittedParams | None:
    """Fit the incident's parameters on its records and store them (None: too few records)."""
    posts, reports = _fit_records(incident)
    if len(posts) < FIT_MIN_POSTS or len(reports) < FIT_MIN_REPORTS:
        return None
    params = fit(
        [post_record(post) for post in posts],
        [report_record(report) for report in reports],
        frequencies=incident_frequencies(incident),
        seed=incident.pk,
    )
    row, _ = FittedParams.objects.get_or_create(
        incident=incident,
        version=params.version,
        defaults={"params": params.to_dict(), "posts": len(posts), "reports": len(reports)},
    )
    # Logged with its figures (ids and counts only, never names).
    figures = dict(params.figures)
    logger.info(
        "fitted matching parameters of incident %s: v%s %s", incident.pk, row.version, figures
    )
    _params.evict(incident.pk)  # this process uses the new fit at once, others within PARAMS_TTL
    return row


def params_refit_due(*, incident: Incident) -> bool:
    posts = Post.objects.filter(incident=incident, status=Post.Status.OPEN).count()
    reports = Report.objects.filter(incident=incident, purged_at__isnull=True).count()
    if posts < FIT_MIN_POSTS or reports < FIT_MIN_REPORTS:
        return False
    last = _latest(incident)
    if last is None:
        return True
    grown = (posts + reports) - (last.posts + last.reports)
    return grown >= max(FIT_MIN_REPORTS, REFIT_GROWTH * (last.posts + last.reports))


def params_forget() -> None:
    _params.clear()
