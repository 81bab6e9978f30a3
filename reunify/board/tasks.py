from celery import shared_task

from . import services


@shared_task(acks_late=True)
def process_photo(photo_id: int) -> str:
    return services.photo_process(photo_id=photo_id)
