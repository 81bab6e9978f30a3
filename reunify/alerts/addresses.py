"""Address digests keyed with the site's secret (see reunify.lib.addresses)."""

from django.conf import settings

from reunify.lib import addresses
from reunify.lib.addresses import normal_address

__all__ = ["address_digest", "normal_address"]


def address_digest(address: str) -> str:
    return addresses.address_digest(address, key=settings.SECRET_KEY)
