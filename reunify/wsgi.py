import os
import sys

from django.conf import settings
from django.core.wsgi import get_wsgi_application

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "reunify.settings")
application = get_wsgi_application()

# Embedded mode (`make run`: runserver and no broker, so no celery beat): the serving
# process runs the sweepers itself, or grouped alerts and retries would wait forever.
# Only runserver's process: a test or a tool importing this module starts no thread.
if settings.CELERY_TASK_ALWAYS_EAGER and sys.argv[1:2] == ["runserver"]:
    from reunify.embedded import beat_start

    beat_start()
