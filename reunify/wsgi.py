import os

from django.conf import settings
from django.core.wsgi import get_wsgi_application

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "reunify.settings")
application = get_wsgi_application()

if settings.CELERY_TASK_ALWAYS_EAGER:
    # Embedded mode (`make run`: no broker, so no celery beat): this serving process runs
    # the sweepers itself, or grouped alerts and retries would wait forever.
    from reunify.embedded import beat_start

    beat_start()
