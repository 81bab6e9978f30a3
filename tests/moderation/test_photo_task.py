"""The reused-photo check runs in the photo task, on the cleaned picture, not in the request;
a record's matching waits for it, so a reused photo still holds the record before any alert
(issue 12, item 15)."""

from reunify.alerts.models import Alert
from reunify.board.models import HoldReason, Photo, Visibility
from reunify.matches.models import Match
from reunify.moderation.models import PhotoReuse
from tests.conftest import make_post, make_report

from .conftest import jpeg, photo_image, resized_recompressed


def _task_name(callback) -> str:
    """The Celery task an enqueue_on_commit callback sends."""
    cells = [cell.cell_contents for cell in callback.__closure__ or ()]
    return next((cell.name for cell in cells if hasattr(cell, "delay")), "")


def test_the_request_stores_the_photo_and_the_task_finds_the_reuse(
    incident, on_commit, django_capture_on_commit_callbacks
):
    picture = photo_image(41)
    first = on_commit(make_post, incident, full_name="Marc Durand", photos=[jpeg(picture)])
    with django_capture_on_commit_callbacks() as tasks:
        second = make_post(
            incident,
            full_name="Luc Martin",
            contact_email="other@example.org",
            photos=[resized_recompressed(picture)],
        )
    photo = second.photos.get()
    assert photo.phash == "" and not PhotoReuse.objects.exists()  # nothing decoded in the request
    second.refresh_from_db()
    assert second.is_public

    for task in tasks:
        task()

    second.refresh_from_db()
    assert (second.visibility, second.hold_reason) == (Visibility.HELD, HoldReason.PHOTO)
    assert PhotoReuse.objects.filter(photo__post=second, other_photo__post=first).exists()
    assert Photo.objects.get(pk=photo.pk).phash  # fingerprinted, from the cleaned picture


def test_matching_waits_for_the_photo_check_so_a_reused_photo_never_alerts(
    incident, on_commit, django_capture_on_commit_callbacks, mailoutbox
):
    picture = photo_image(43)
    on_commit(make_post, incident, full_name="Marc Durand", photos=[jpeg(picture)])
    on_commit(make_report, incident)  # "Mohammed Ben Ali", found
    with django_capture_on_commit_callbacks() as tasks:
        post = make_post(incident, photos=[resized_recompressed(picture)])  # "Mohamed Benali"

    # A worker may take the matching task before the photo task: it waits for the photo.
    match_first = sorted(tasks, key=lambda callback: 0 if "match_" in _task_name(callback) else 1)
    assert "match_post" in _task_name(match_first[0])
    with django_capture_on_commit_callbacks(execute=True):
        for task in match_first:
            task()

    post.refresh_from_db()
    assert (post.visibility, post.hold_reason) == (Visibility.HELD, HoldReason.PHOTO)
    assert Match.objects.get(post=post).level == Match.Level.REVIEW  # matched, for a volunteer
    assert not Alert.objects.filter(match__post=post).exists()
    assert not [m for m in mailoutbox if "X-Reunify-Alerts" in m.extra_headers]
