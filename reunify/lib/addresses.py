"""Keyed digests of e-mail addresses and phone numbers (pure: the caller gives the key).

A digest lets the board count how often one address was written to, and refuse a repeat,
without keeping the address once its use is over.
"""

import hashlib
import hmac
import re


def normal_address(address: str) -> str:
    address = address.strip().lower()
    if "@" in address:
        return address
    # A phone number: digits only, and a leading + kept apart from the same digits without it.
    return ("+" if address.startswith("+") else "") + re.sub(r"\D", "", address)


def address_digest(address: str, *, key: str) -> str:
    message = b"reunify.address:" + normal_address(address).encode()
    return hmac.new(key.encode(), message, hashlib.sha256).hexdigest()
