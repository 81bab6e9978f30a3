"""Following peers: one task per peer, and the beat task that finds the peers due."""

from celery import shared_task

from reunify.queue import enqueue_now

from .federation import peer_pull, peers_due


@shared_task(acks_late=True)
def pull_peer(peer_id: int) -> str:
    return peer_pull(peer_id=peer_id)


@shared_task
def pull_peers() -> int:
    return sum(enqueue_now(pull_peer, peer_id) for peer_id in peers_due())
