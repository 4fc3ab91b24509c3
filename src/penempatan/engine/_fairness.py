"""Fairness measures, reported in every plan and optimised on request.

*OPD burden.* Each OPD can release at most ``cap = headcount − min_staff``
staff. Releasing ``r`` of them costs ``w · r²`` with ``w = ⌈10⁶ / cap⌉``; the
*burden index* is the sum over OPD with ``cap > 0``. For a fixed total of
releases the index is smallest when each OPD releases in proportion to its
slack, so an OPD that gives up all its slack while another gives none scores
worse than the two sharing. Integers throughout, so the optimiser and the
report compute the same number.

*Kecamatan coverage.* A kecamatan's shortfall is its required seats minus the
seats covered there; the *shortfall index* is ``Σ ⌈10⁶ / required⌉ · shortfall²``
over kecamatan with required seats: smallest when shortfalls are spread in
proportion to what each kecamatan requires, so no kecamatan is left short
while another is full.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable

SCALE = 1_000_000


def weight(capacity: int) -> int:
    """The weight ⌈10⁶ / capacity⌉ of one unit squared (capacity > 0)."""
    return -(-SCALE // capacity)


def burden_index(released_and_caps: Iterable[tuple[int, int]]) -> int:
    """Σ ⌈10⁶/cap⌉ · released² over (released, cap) pairs with cap > 0."""
    return sum(weight(cap) * r * r for r, cap in released_and_caps if cap > 0)


def kecamatan_shortfalls(
    coverage: Iterable[tuple[str, int, int]],
) -> dict[str, tuple[int, int]]:
    """Kecamatan → (required, covered) from (kecamatan, required, covered) rows."""
    out: dict[str, list[int]] = defaultdict(lambda: [0, 0])
    for kec, required, covered in coverage:
        out[kec][0] += required
        out[kec][1] += covered
    return {k: (v[0], v[1]) for k, v in sorted(out.items())}


def shortfall_index(per_kecamatan: dict[str, tuple[int, int]]) -> int:
    """Σ ⌈10⁶/required⌉ · (required − covered)² over kecamatan with required seats."""
    return sum(weight(req) * (req - cov) ** 2 for req, cov in per_kecamatan.values() if req > 0)
