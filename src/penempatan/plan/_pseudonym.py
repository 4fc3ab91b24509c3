"""Pseudonyms for personal data: NIPs and names are never shown where a pseudonym will do.

A pseudonym is ``P-`` followed by 10 hex digits of HMAC-SHA-256 of the NIP
under a key. The same key gives the same pseudonym, so two exports made with
one key can be compared; without the key a pseudonym cannot be traced back by
trying NIPs, which are otherwise easy to enumerate from a birth date.
"""

from __future__ import annotations

import hashlib
import hmac


def pseudonym(nip: str, key: str) -> str:
    """The pseudonym of ``nip`` under ``key``."""
    digest = hmac.new(key.encode("utf-8"), nip.encode("utf-8"), hashlib.sha256).hexdigest()
    return f"P-{digest[:10]}"


def mask_nip(nip: str) -> str:
    """A NIP with its personal digits hidden, keeping the sequence: ``••••••••••••••1001``."""
    return "•" * (len(nip) - 4) + nip[-4:]
