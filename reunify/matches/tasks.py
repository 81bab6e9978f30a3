from celery import shared_task

from . import services


@shared_task(acks_late=True)
def match_report(report_id: int) -> int:
    return len(services.match_report(report_id=report_id))


@shared_task(acks_late=True)
def match_post(post_id: int) -> int:
    return len(services.match_post(post_id=post_id))


@shared_task
def sweep_matching() -> int:
    return services.matching_sweep()
