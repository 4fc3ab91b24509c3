"""The Kota Pekalongan tables of the generator, read from the package data ``pekalongan.json``.

The file holds the kecamatan (approximate centres) and their kelurahan, the
city's agencies with their relative size, skill leanings and jobs, the job
titles of some agencies, and the names and academic titles the invented people
are given. The generator's distributions (skill odds, education shares) are
code, in :mod:`._generator`; these are the places and names it draws from.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from importlib import resources
from typing import Any, Final


@dataclass(frozen=True)
class OpdSpec:
    """One agency of the catalogue: id, name, relative size, skill leanings, jobs."""

    id: str
    name: str
    size: float = 1.0
    affinity: tuple[tuple[str, float], ...] = ()
    #: (position name, share of the OPD's candidates); empty: no position floors.
    positions: tuple[tuple[str, float], ...] = ()


def _pairs(rows: list[list[Any]]) -> tuple[tuple[str, float], ...]:
    return tuple((str(name), float(value)) for name, value in rows)


_DATA: Final[dict[str, Any]] = json.loads(
    resources.files("penempatan.datasets").joinpath("pekalongan.json").read_text(encoding="utf-8")
)

#: The name of the Kota Pekalongan example scenario.
PEKALONGAN_NAME: Final[str] = _DATA["name"]

#: Kota Pekalongan: kecamatan -> (approximate centre lat, lon, kelurahan).
PEKALONGAN_KELURAHAN: Final[dict[str, tuple[float, float, tuple[str, ...]]]] = {
    k["name"]: (float(k["lat"]), float(k["lon"]), tuple(k["kelurahan"])) for k in _DATA["kecamatan"]
}

#: The agencies of Kota Pekalongan, most relevant first. Names follow DOMAIN.md;
#: Inspektorat onwards (except the kecamatan offices) are typical city agencies
#: that no source names outright (inferred).
PEKALONGAN_OPDS: Final[tuple[OpdSpec, ...]] = tuple(
    OpdSpec(o["id"], o["name"], float(o["size"]), _pairs(o["affinity"]), _pairs(o["positions"]))
    for o in _DATA["opds"]
)

#: Generic jobs of technical PPPK (no floors; ``position`` may also be absent).
GENERIC_POSITIONS: Final[tuple[str, ...]] = tuple(_DATA["generic_positions"])
#: Jobs particular to some agencies, drawn before the generic ones.
OPD_POSITIONS: Final[dict[str, tuple[str, ...]]] = {
    k: tuple(v) for k, v in _DATA["opd_positions"].items()
}

MALE_FIRST: Final[tuple[str, ...]] = tuple(_DATA["names"]["male_first"])
FEMALE_FIRST: Final[tuple[str, ...]] = tuple(_DATA["names"]["female_first"])
MALE_LAST: Final[tuple[str, ...]] = tuple(_DATA["names"]["male_last"])
FEMALE_LAST: Final[tuple[str, ...]] = tuple(_DATA["names"]["female_last"])
#: Academic titles by education level, and those a job implies (by job, then level).
TITLES: Final[dict[str, tuple[str, ...]]] = {k: tuple(v) for k, v in _DATA["titles"].items()}
POSITION_TITLES: Final[dict[str, dict[str, str]]] = _DATA["position_titles"]
