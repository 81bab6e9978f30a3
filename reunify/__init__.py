"""Reunify: a missing-person reunification board.

Deliberately empty: importing a subpackage (the pure `reunify.matching` library above all)
must not start Django or Celery. The Celery app lives in `reunify.celery`, which
`celery -A reunify` finds on its own and `reunify.queue` imports before sending a task.
"""
