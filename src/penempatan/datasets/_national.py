"""A synthetic country: 514 regional governments, each one placement scenario.

PPPK belong to their own regional government, so the country's placement is
one independent scenario per region. :func:`national_regions` lays out the 514
regions (416 kabupaten, 98 kota) over the 38 provinces, and :func:`region_data`
draws a region's scenario with :func:`penempatan.datasets.generate_scenario_data`.

What is real and what is drawn (see ``DOMAIN.md``):

* **Provinces** and how many kabupaten and kota each has (:data:`PROVINCES`):
  the 2024 list as the lead engineer remembers it, to the totals 416 and 98
  (DKI Jakarta's one administrative kabupaten and five administrative kota
  included, as in the count of 514). Region names are synthetic
  (``Kabupaten Jawa Tengah 07``); no real kabupaten is meant.
* **Cooperatives**, one per desa or kelurahan: a kota has 20-100 kelurahan
  (log-uniform); a kabupaten log-normal around 170 desa (most within
  100-400, a few over 600), between 40 and 852 (Aceh Utara's count, the
  largest). About 80,000 in all.
* **Candidates**: 3-7 per cooperative (uniform per region), like regional
  technical PPPK pools; **OPD** 30-40 in a kota, 38-50 in a kabupaten;
  **floor tightness** 0.35-0.75, so some floors bind in most regions.
* **Distance**: a kabupaten places within 20 km of home (``max_distance_km``);
  a kota is small enough to have no limit. About one region in seven ranks by
  its own fit table over each candidate's 8 nearest cooperatives.

``scale`` multiplies cooperatives (at least 3 per region) and candidates, for
tests and quick runs. Every region draws from its own child seed of ``seed``,
so a region is the same whatever ``scale`` leaves of the others and however
many regions are written.
"""

from __future__ import annotations

import math
import re
from dataclasses import dataclass
from typing import Any, Final, Literal

import numpy as np

from penempatan.datasets._generator import generate_scenario_data

__all__ = ["PROVINCES", "Region", "national_regions", "region_data"]

#: Province -> (kabupaten, kota): 416 and 98 in all.
PROVINCES: Final[dict[str, tuple[int, int]]] = {
    "Aceh": (18, 5),
    "Sumatera Utara": (25, 8),
    "Sumatera Barat": (12, 7),
    "Riau": (10, 2),
    "Jambi": (9, 2),
    "Sumatera Selatan": (13, 4),
    "Bengkulu": (9, 1),
    "Lampung": (13, 2),
    "Kepulauan Bangka Belitung": (6, 1),
    "Kepulauan Riau": (5, 2),
    "DKI Jakarta": (1, 5),
    "Jawa Barat": (18, 9),
    "Jawa Tengah": (29, 6),
    "DI Yogyakarta": (4, 1),
    "Jawa Timur": (29, 9),
    "Banten": (4, 4),
    "Bali": (8, 1),
    "Nusa Tenggara Barat": (8, 2),
    "Nusa Tenggara Timur": (21, 1),
    "Kalimantan Barat": (12, 2),
    "Kalimantan Tengah": (13, 1),
    "Kalimantan Selatan": (11, 2),
    "Kalimantan Timur": (7, 3),
    "Kalimantan Utara": (4, 1),
    "Sulawesi Utara": (11, 4),
    "Sulawesi Tengah": (12, 1),
    "Sulawesi Selatan": (21, 3),
    "Sulawesi Tenggara": (15, 2),
    "Gorontalo": (5, 1),
    "Sulawesi Barat": (6, 0),
    "Maluku": (9, 2),
    "Maluku Utara": (8, 2),
    "Papua": (8, 1),
    "Papua Barat": (7, 0),
    "Papua Selatan": (4, 0),
    "Papua Tengah": (8, 0),
    "Papua Pegunungan": (8, 0),
    "Papua Barat Daya": (5, 1),
}

_KOTA_RANGE: Final = (20, 100)
_KAB_MEDIAN: Final = 170.0
_KAB_SIGMA: Final = 0.55
_KAB_RANGE: Final = (40, 852)
_PER_COOPERATIVE: Final = (3.0, 7.0)
_KAB_DISTANCE_KM: Final = 20.0
_FIT_SHARE: Final = 1 / 7
_FIT_NEAREST: Final = 8


@dataclass(frozen=True)
class Region:
    """One regional government of the synthetic country and the size of its scenario.

    ``name`` is the file name stem (``jawa-tengah.kab-07``): the province's slug,
    a dot, the region's kind and number.
    """

    name: str
    title: str
    province: str
    kind: Literal["kabupaten", "kota"]
    cooperatives: int
    candidates: int
    opds: int
    floor_tightness: float
    max_distance_km: float | None
    fit_table: bool
    seed: int


def _slug(text: str) -> str:
    return re.sub(r"[^a-z0-9]+", "-", text.lower()).strip("-")


def national_regions(*, seed: int = 0, scale: float = 1.0) -> list[Region]:
    """The 514 regions, province by province, kabupaten before kota; same seed, same regions.

    Raises:
        ValueError: ``scale`` not within (0, 1].
    """
    if not 0.0 < scale <= 1.0:
        raise ValueError(f"scale must be within 0 (excluded) and 1, got {scale}")
    plan = [
        (province, kind, number)
        for province, (n_kab, n_kota) in PROVINCES.items()
        for kind, count in (("kabupaten", n_kab), ("kota", n_kota))
        for number in range(1, count + 1)
    ]
    sizes_rng, *region_seeds = np.random.SeedSequence(seed).spawn(len(plan) + 1)
    rng = np.random.default_rng(sizes_rng)
    regions = []
    for (province, kind, number), child in zip(plan, region_seeds, strict=True):
        draw, z = rng.random(5), float(rng.standard_normal())
        if kind == "kota":
            lo, hi = _KOTA_RANGE
            full = math.exp(math.log(lo) + draw[0] * (math.log(hi) - math.log(lo)))
            opds = 30 + int(draw[3] * 11)
        else:
            full = min(max(_KAB_MEDIAN * math.exp(_KAB_SIGMA * z), _KAB_RANGE[0]), _KAB_RANGE[1])
            opds = 38 + int(draw[3] * 13)
        cooperatives = max(3, round(full * scale))
        per = _PER_COOPERATIVE[0] + draw[1] * (_PER_COOPERATIVE[1] - _PER_COOPERATIVE[0])
        short = "kab" if kind == "kabupaten" else "kota"
        regions.append(
            Region(
                name=f"{_slug(province)}.{short}-{number:02d}",
                title=f"{kind.capitalize()} {province} {number:02d} (sintetis)",
                province=province,
                kind=kind,  # type: ignore[arg-type]
                cooperatives=cooperatives,
                candidates=max(1, round(cooperatives * per)),
                opds=max(3, round(opds * math.sqrt(scale))),
                floor_tightness=round(0.35 + 0.4 * float(draw[2]), 2),
                max_distance_km=_KAB_DISTANCE_KM if kind == "kabupaten" else None,
                fit_table=bool(draw[4] < _FIT_SHARE),
                seed=int(child.generate_state(1, np.uint32)[0]),
            )
        )
    return regions


def region_data(region: Region) -> dict[str, Any]:
    """The region's scenario as a JSON-ready ``dict``; the same region gives the same scenario."""
    return generate_scenario_data(
        n_cooperatives=region.cooperatives,
        n_candidates=region.candidates,
        n_opds=region.opds,
        seed=region.seed,
        floor_tightness=region.floor_tightness,
        max_distance_km=region.max_distance_km,
        with_fit_table=region.fit_table,
        nearest=_FIT_NEAREST if region.fit_table else None,
        name=region.title,
    )
