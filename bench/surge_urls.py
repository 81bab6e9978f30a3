"""The board's addresses as bench.surge serves them, and one more that only the bench has: the
write floor. It is one INSERT and its COMMIT behind the board's middleware. It has no form,
no CSRF check, no limits, no risk check and no task, so no write through Django can be cheaper
on this box. The ratio bench measures it in the same run as "I'm safe": the share of /healthz
that the floor reaches bounds what any "I'm safe" could reach."""

from django.db import connection, transaction
from django.http import HttpResponse
from django.urls import path
from django.views.decorators.csrf import csrf_exempt

from bench.surge_stack import FLOOR_TABLE
from reunify.urls import handler500  # noqa: F401
from reunify.urls import urlpatterns as board_urlpatterns


@csrf_exempt
def write_floor(request):
    with transaction.atomic(), connection.cursor() as cursor:
        name = request.POST.get("full_name", "")
        cursor.execute(f"INSERT INTO {FLOOR_TABLE} (full_name) VALUES (%s)", [name])
    return HttpResponse(status=204)


urlpatterns = [path("bench/write-floor/", write_floor), *board_urlpatterns]
