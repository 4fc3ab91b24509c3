"""Seeded, deterministic generator of synthetic ``penempatan/scenario@1`` scenarios.

Every scenario this module produces is invented: the people, NIPs, headcounts,
floors, skills and coordinates are random draws. Only the place names and agency
names follow Kota Pekalongan (see ``DOMAIN.md``); coordinates are approximate
kecamatan centres with random scatter, not surveyed kelurahan positions.

How a scenario is drawn
-----------------------

* **Geography.** Up to 27 cooperatives use the real kelurahan of Kota
  Pekalongan and their four kecamatan (a round-robin subset below 27). Larger
  sizes get synthetic names (``Kelurahan 0001`` ...) grouped into kecamatan of
  about 15-25 kelurahan. Kelurahan are scattered around their kecamatan centre;
  the region grows with the number of cooperatives (about 2.5 km² per
  kelurahan, so a few km across for a city and tens of km for a large
  kabupaten-sized problem), centred on Pekalongan (6.89° S, 109.67° E).
  One cooperative per kelurahan: id ``KKMP-<slug>``, at most 3 PPPK
  (``max_staff`` 3), and 1-3 needs drawn from the seven business units
  (:data:`ROLES`), each with ``min`` 0-1, ``max`` ``min``-2 and ``min_level``
  1-3, never more required seats than ``max_staff``.
* **Agencies (OPD).** The first 35 use the agencies of Kota Pekalongan
  (:data:`PEKALONGAN_OPDS`); more get synthetic ids ``OPD-036`` ....
  Candidates are spread over OPD with heavy-tailed (log-normal) weights; each
  OPD's ``headcount`` is several times its number of candidates. The floor
  ``min_staff`` leaves a *slack* (``headcount - min_staff``, the number of
  staff the OPD can give up) that is a fraction of the OPD's candidates:
  about all of them at ``floor_tightness`` 0, about 45 % at 0.5 and about 5 %
  at 1, with log-normal scatter between OPD, so some floors bind. Health and
  education agencies list ``positions`` (nurses, midwives, doctors, teachers,
  administration) with their own headcounts and floors.
* **Candidates.** PPPK with valid NI PPPK numbers (birth date, appointment
  year, ``2``, contract count, sex, a sequence number that makes every NIP
  unique), ages mostly 22-55 with about a quarter aged 55-58 and a few exact
  birthday edge cases around the age limit 56, about 30 % educated below D3,
  mostly computer literate, 1-4 skills (levels 1-5) whose odds follow the
  home OPD (clinic and pharmacy skills are scarce outside health agencies,
  whose nurses, midwives and doctors are excluded from placement), a domicile
  kelurahan with a location near it, about 40 % nominated by their OPD head and
  0-3 preferred cooperatives among the five nearest.

Determinism: the same arguments give the same scenario (with the same NumPy
release; NumPy does not promise identical random streams across releases).
Randomness comes only from ``numpy.random.default_rng(seed)`` and
independent child streams spawned from it, so switching an option such as
``with_fit_table`` or ``locks`` does not change the rest of the scenario.

Public functions: :func:`generate_scenario_data` (a plain JSON-ready ``dict``),
:func:`generate` (the same, validated as a :class:`penempatan.Scenario`), both
drawing what one :class:`~penempatan.datasets.GeneratorSettings` says, and
:func:`pekalongan_data` (the Kota Pekalongan example shipped in
``examples/pekalongan.json``). The place, agency and person names come from
the package data ``pekalongan.json`` (:mod:`._tables`).
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import math
import re
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any, Final

import numpy as np
import numpy.typing as npt

from penempatan.datasets._settings import GeneratorSettings
from penempatan.datasets._tables import (
    FEMALE_FIRST,
    FEMALE_LAST,
    GENERIC_POSITIONS,
    MALE_FIRST,
    MALE_LAST,
    OPD_POSITIONS,
    PEKALONGAN_KELURAHAN,
    PEKALONGAN_NAME,
    PEKALONGAN_OPDS,
    POSITION_TITLES,
    TITLES,
    OpdSpec,
)
from penempatan.scenario import EDUCATION_RANK as _MODEL_EDUCATION_RANK
from penempatan.scenario._geo import haversine_km_pairs
from penempatan.scenario._tables import STANDARD_ROLES

if TYPE_CHECKING:
    from penempatan.scenario import Scenario


FloatArray = npt.NDArray[np.float64]
IntArray = npt.NDArray[np.int64]
BoolArray = npt.NDArray[np.bool_]

FORMAT: Final = "penempatan/scenario@1"

#: The roles drawn: the seven business units of a cooperative
#: (:data:`penempatan.scenario._tables.STANDARD_ROLES`), in that order.
ROLES: Final[tuple[str, ...]] = STANDARD_ROLES

#: Education levels and their rank (``SMA = SMK``, ``D4 = S1``), as the scenario format defines.
EDUCATION_RANK: Final[dict[str, int]] = _MODEL_EDUCATION_RANK

#: Positions that stay in service (teachers and health workers).
EXCLUDED_POSITIONS: Final[tuple[str, ...]] = ("Guru", "Perawat", "Bidan", "Dokter")

#: Policy the generator always writes (``min_education``, ``max_age``).
_MIN_EDUCATION: Final = "D3"
_MAX_AGE: Final = 56
_MAX_STAFF: Final = 3

_CENTRE_LAT: Final = -6.89
_CENTRE_LON: Final = 109.67
_KM_PER_DEG: Final = 111.32
_KM2_PER_KELURAHAN: Final = 2.5


#: Base odds of having a skill for each role (clinic and pharmacy are scarce).
_ROLE_BASE_WEIGHT: Final[dict[str, float]] = {
    "pengelola": 1.0,
    "gerai_sembako": 1.0,
    "simpan_pinjam": 0.8,
    "klinik": 0.12,
    "apotek": 0.15,
    "gudang": 0.7,
    "logistik": 0.7,
}

#: Skill leanings of a job, on top of the OPD's.
_POSITION_AFFINITY: Final[dict[str, dict[str, float]]] = {
    "Perawat": {"klinik": 10.0, "apotek": 3.0},
    "Bidan": {"klinik": 10.0, "apotek": 2.0},
    "Dokter": {"klinik": 14.0, "apotek": 5.0},
}

#: Education of jobs that require a given qualification: (levels, probabilities).
_POSITION_EDUCATION: Final[dict[str, tuple[tuple[str, ...], tuple[float, ...]]]] = {
    "Perawat": (("D3", "S1"), (0.6, 0.4)),
    "Bidan": (("D3", "D4"), (0.7, 0.3)),
    "Dokter": (("S1", "S2"), (0.75, 0.25)),
    "Guru": (("S1", "S2"), (0.92, 0.08)),
}

_EDUCATION_DRAW: Final[tuple[tuple[str, float], ...]] = (
    ("SMA", 0.17),
    ("SMK", 0.12),
    ("D1", 0.02),
    ("D2", 0.03),
    ("D3", 0.17),
    ("D4", 0.05),
    ("S1", 0.36),
    ("S2", 0.07),
    ("S3", 0.01),
)

# --------------------------------------------------------------------------- helpers


def _slug(text: str) -> str:
    return re.sub(r"[^a-z0-9]+", "-", text.lower()).strip("-")


def _km_to_deg(dy_km: FloatArray, dx_km: FloatArray) -> tuple[FloatArray, FloatArray]:
    cos0 = math.cos(math.radians(_CENTRE_LAT))
    return dy_km / _KM_PER_DEG, dx_km / (_KM_PER_DEG * cos0)


def _project(lat: FloatArray, lon: FloatArray) -> tuple[FloatArray, FloatArray]:
    """Equirectangular km coordinates around the region centre (for ranking only)."""
    cos0 = math.cos(math.radians(_CENTRE_LAT))
    return (lon - _CENTRE_LON) * _KM_PER_DEG * cos0, (lat - _CENTRE_LAT) * _KM_PER_DEG


def _brute_nearest(
    x: FloatArray, y: FloatArray, cx: FloatArray, cy: FloatArray, k: int
) -> tuple[IntArray, FloatArray]:
    """Indices (sorted, nearest first) and squared distances of the ``k`` nearest points."""
    n, m = len(x), len(cx)
    idx = np.empty((n, k), dtype=np.int64)
    d2 = np.empty((n, k), dtype=np.float64)
    chunk = max(1, 1_000_000 // max(m, 1))
    for start in range(0, n, chunk):
        stop = min(n, start + chunk)
        d = (x[start:stop, None] - cx[None, :]) ** 2 + (y[start:stop, None] - cy[None, :]) ** 2
        part = (
            np.argpartition(d, k - 1, axis=1)[:, :k]
            if k < m
            else np.broadcast_to(np.arange(m), d.shape)
        )
        dd = np.take_along_axis(d, part, axis=1)
        order = np.lexsort((part, dd), axis=1)
        idx[start:stop] = np.take_along_axis(part, order, axis=1)
        d2[start:stop] = np.take_along_axis(dd, order, axis=1)
    return idx, d2


def _nearest(
    x: FloatArray,
    y: FloatArray,
    cx: FloatArray,
    cy: FloatArray,
    anchor: IntArray,
    k: int,
) -> IntArray:
    """The ``k`` nearest cooperatives of every point, nearest first (exact).

    ``anchor[i]`` is a cooperative close to point ``i`` (its domicile). The
    search looks only among the anchor's own nearest neighbours and falls back
    to a full scan for the rare point where that shortlist cannot be proven to
    hold the true ``k`` nearest (triangle inequality).
    """
    n, m = len(x), len(cx)
    k = min(k, m)
    if n == 0:
        return np.empty((0, k), dtype=np.int64)
    shortlist = min(m, k + 24)
    if shortlist >= m:
        return _brute_nearest(x, y, cx, cy, k)[0]
    neigh, neigh_d2 = _brute_nearest(cx, cy, cx, cy, shortlist)
    radius = np.sqrt(neigh_d2[:, -1])
    cand = neigh[anchor]
    d2 = (x[:, None] - cx[cand]) ** 2 + (y[:, None] - cy[cand]) ** 2
    order = np.lexsort((cand, d2), axis=1)[:, :k]
    idx = np.take_along_axis(cand, order, axis=1)
    dk = np.sqrt(np.take_along_axis(d2, order[:, -1:], axis=1)[:, 0])
    r = np.sqrt((x - cx[anchor]) ** 2 + (y - cy[anchor]) ** 2)
    bad = np.nonzero(r + dk > radius[anchor] - 1e-9)[0]
    if len(bad):
        idx[bad] = _brute_nearest(x[bad], y[bad], cx, cy, k)[0]
    return idx


def _ymd(days: npt.NDArray[np.datetime64]) -> tuple[IntArray, IntArray, IntArray]:
    years = days.astype("datetime64[Y]").astype(np.int64) + 1970
    months_since = days.astype("datetime64[M]")
    months = months_since.astype(np.int64) % 12 + 1
    dom = (days - months_since.astype("datetime64[D]")).astype(np.int64) + 1
    return years, months, dom


def _whole_years(ref: dt.date, y: IntArray, m: IntArray, d: IntArray) -> IntArray:
    """Whole years completed on ``ref`` by people born on (y, m, d)."""
    before = (m > ref.month) | ((m == ref.month) & (d > ref.day))
    out: IntArray = ref.year - y - before.astype(np.int64)
    return out


def _years_before(ref: dt.date, years: int, days_after: int = 0) -> dt.date:
    """``ref`` moved back ``years`` years (29 Feb -> 28 Feb), plus ``days_after`` days."""
    try:
        base = ref.replace(year=ref.year - years)
    except ValueError:
        base = ref.replace(year=ref.year - years, day=28)
    return base + dt.timedelta(days=days_after)


def _floor_fraction(rng: np.random.Generator, tightness: float, size: int) -> FloatArray:
    """Share of an OPD's candidates its floor lets go, per OPD (or per position)."""
    if tightness <= 0.5:
        median = 3.0 + (0.45 - 3.0) * (tightness / 0.5)
    else:
        median = 0.45 + (0.05 - 0.45) * ((tightness - 0.5) / 0.5)
    out: FloatArray = np.clip(median * rng.lognormal(0.0, 0.45, size), 0.0, 1.0)
    return out


def _split(rng: np.random.Generator, total: int, shares: FloatArray) -> IntArray:
    counts: IntArray = rng.multinomial(total, shares / shares.sum()).astype(np.int64)
    return counts


# --------------------------------------------------------------------------- geography


@dataclass
class _Geography:
    kelurahan: list[str]
    kecamatan: list[str]
    lat: FloatArray
    lon: FloatArray
    spread_km: float


def _geography(rng: np.random.Generator, n: int) -> _Geography:
    if n <= sum(len(v[2]) for v in PEKALONGAN_KELURAHAN.values()):
        return _pekalongan_geography(rng, n)
    n_kec = max(2, round(n / 20))
    w = 1.0 + rng.uniform(-0.25, 0.25, n_kec)
    sizes = np.floor(n * w / w.sum()).astype(np.int64)
    sizes[: n - int(sizes.sum())] += 1
    radius = math.sqrt(n * _KM2_PER_KELURAHAN / math.pi)
    # kecamatan centres: jittered grid over a disk, so kecamatan barely overlap
    side = math.ceil(math.sqrt(n_kec * 4 / math.pi)) + 1
    gx, gy = np.meshgrid(np.arange(side), np.arange(side))
    px = (gx.ravel() - (side - 1) / 2) / (side / 2)
    py = (gy.ravel() - (side - 1) / 2) / (side / 2)
    order = np.argsort(px**2 + py**2 + rng.uniform(0, 1e-6, px.size), kind="stable")[:n_kec]
    cell = radius * 2 / side
    kx = px[order] * radius + rng.uniform(-0.3, 0.3, n_kec) * cell
    ky = py[order] * radius + rng.uniform(-0.3, 0.3, n_kec) * cell
    kec_of = np.repeat(np.arange(n_kec), sizes)
    sigma = np.sqrt(sizes * _KM2_PER_KELURAHAN / math.pi) / 2.0
    dx = kx[kec_of] + rng.normal(0, 1, n) * sigma[kec_of]
    dy = ky[kec_of] + rng.normal(0, 1, n) * sigma[kec_of]
    dlat, dlon = _km_to_deg(dy, dx)
    width = max(4, len(str(n)))
    kwidth = max(3, len(str(n_kec)))
    return _Geography(
        kelurahan=[f"Kelurahan {i + 1:0{width}d}" for i in range(n)],
        kecamatan=[f"Kecamatan {int(j) + 1:0{kwidth}d}" for j in kec_of],
        lat=np.round(_CENTRE_LAT + dlat, 6),
        lon=np.round(_CENTRE_LON + dlon, 6),
        spread_km=0.8,
    )


def _pekalongan_geography(rng: np.random.Generator, n: int) -> _Geography:
    lists = [(kec, v[0], v[1], v[2]) for kec, v in PEKALONGAN_KELURAHAN.items()]
    picked: set[tuple[int, int]] = set()
    depth = 0
    while len(picked) < n:  # round robin over kecamatan
        for ki, item in enumerate(lists):
            if depth < len(item[3]) and len(picked) < n:
                picked.add((ki, depth))
        depth += 1
    rows = sorted(picked)
    kel = [lists[ki][3][j] for ki, j in rows]
    kec = [lists[ki][0] for ki, _ in rows]
    clat = np.array([lists[ki][1] for ki, _ in rows])
    clon = np.array([lists[ki][2] for ki, _ in rows])
    dlat, dlon = _km_to_deg(rng.normal(0, 1.1, n), rng.normal(0, 1.1, n))
    return _Geography(kel, kec, np.round(clat + dlat, 6), np.round(clon + dlon, 6), 0.5)


# --------------------------------------------------------------------------- cooperatives


def _needs(rng: np.random.Generator, n: int, city: bool) -> list[list[dict[str, Any]]]:
    """1-3 needs per cooperative (2-3 with the office always in a city), in :data:`ROLES` order.

    ``min`` is 0 or 1 and ``max`` is ``min``-2 (at least 1), so no cooperative
    has more required seats than ``max_staff`` (3). Clinic and pharmacy needs
    ask for higher skill levels.
    """
    n_roles = len(ROLES)
    health = np.array([r in ("klinik", "apotek") for r in ROLES])
    weights = np.array(
        [1.0, 1.0, 0.9, 0.7, 0.6, 0.5, 0.5] if city else [1.0, 1.0, 0.9, 0.35, 0.35, 0.5, 0.5]
    )
    if city:
        k = rng.choice([2, 3], size=n, p=[0.35, 0.65])
        office = np.ones(n, dtype=bool)
    else:
        k = rng.choice([1, 2, 3], size=n, p=[0.2, 0.45, 0.35])
        office = rng.random(n) < 0.8
    keys = np.log(weights[1:])[None, :] + rng.gumbel(size=(n, n_roles - 1))
    rank = np.argsort(np.argsort(-keys, axis=1), axis=1)
    chosen = np.concatenate([office[:, None], rank < (k - office)[:, None]], axis=1)
    p_min = np.where(health, 0.9 if city else 0.8, 0.95 if city else 0.85)
    if city:
        p_min[0] = 1.0
    lo = (rng.random((n, n_roles)) < p_min[None, :]).astype(np.int64)
    hi = np.maximum(1, lo + (rng.random((n, n_roles)) < 0.35))
    u = rng.random((n, n_roles))
    health_cut = (0.0, 0.35) if city else (0.15, 0.55)  # a city clinic asks for level 2-3
    level = np.where(
        health[None, :],
        1 + (u >= health_cut[0]).astype(np.int64) + (u >= health_cut[1]),
        1 + (u >= 0.4).astype(np.int64) + (u >= 0.8),
    )
    out: list[list[dict[str, Any]]] = []
    for row, mins, maxs, lvls in zip(
        chosen.tolist(), lo.tolist(), hi.tolist(), level.tolist(), strict=True
    ):
        out.append(
            [
                {"role": ROLES[r], "min": mins[r], "max": maxs[r], "min_level": lvls[r]}
                for r in range(n_roles)
                if row[r]
            ]
        )
    return out


# --------------------------------------------------------------------------- OPD


@dataclass
class _Opds:
    records: list[dict[str, Any]]
    #: candidate -> OPD index, candidate -> position name ("" for none)
    opd_of: IntArray
    position_of: list[str]
    #: per-candidate skill odds over ROLES
    affinity: FloatArray
    #: (OPD index, position name) -> slack, and per-OPD slack
    slack: IntArray
    position_slack: dict[tuple[int, str], int]


def _opd_specs(rng: np.random.Generator, n_opds: int) -> list[OpdSpec]:
    specs = list(PEKALONGAN_OPDS[:n_opds])
    for i in range(len(specs), n_opds):
        boosts = rng.lognormal(0.0, 0.5, len(ROLES))
        boosts[3:5] = np.minimum(boosts[3:5], 1.0)  # no synthetic health agency
        aff = tuple((ROLES[r], float(round(boosts[r], 3))) for r in range(len(ROLES)))
        size = float(round(rng.lognormal(0.0, 0.6), 3))
        specs.append(OpdSpec(f"OPD-{i + 1:03d}", f"Perangkat Daerah {i + 1:03d}", size, aff))
    return specs


def _opds(
    rng: np.random.Generator,
    n_opds: int,
    n_candidates: int,
    tightness: float,
    with_positions: bool,
) -> _Opds:
    specs = _opd_specs(rng, n_opds)
    size = np.array([s.size for s in specs]) * rng.lognormal(0.0, 0.5, n_opds)
    counts = _split(rng, n_candidates, size)
    fraction = _floor_fraction(rng, tightness, n_opds)
    base = np.array([_ROLE_BASE_WEIGHT[r] for r in ROLES])
    records: list[dict[str, Any]] = []
    opd_of: list[int] = []
    position_of: list[str] = []
    slack = np.zeros(n_opds, dtype=np.int64)
    position_slack: dict[tuple[int, str], int] = {}
    for o, spec in enumerate(specs):
        c = int(counts[o])
        record: dict[str, Any] = {"id": spec.id, "name": spec.name}
        positions: list[dict[str, Any]] = []
        extra = math.ceil(c * float(rng.lognormal(math.log(4.0), 0.5))) + int(rng.integers(3, 25))
        if spec.positions:
            names = [p for p, _ in spec.positions]
            pcounts = _split(rng, c, np.array([s for _, s in spec.positions]))
            pfrac = _floor_fraction(rng, tightness, len(names))
            for name, pc, pf in zip(names, pcounts.tolist(), pfrac.tolist(), strict=True):
                phead = pc + math.ceil(pc * float(rng.lognormal(math.log(3.0), 0.5)))
                phead += int(rng.integers(1, 8))
                pslack = math.floor(pc * pf)
                position_slack[(o, name)] = pslack
                positions.append({"name": name, "headcount": phead, "min_staff": phead - pslack})
                opd_of += [o] * pc
                position_of += [name] * pc
            headcount = sum(p["headcount"] for p in positions) + int(rng.integers(5, 40))
        else:
            headcount = c + extra
            own = OPD_POSITIONS.get(spec.id, ())
            pool = own + GENERIC_POSITIONS
            picks = rng.integers(0, len(pool), c)
            missing = rng.random(c) < 0.08
            opd_of += [o] * c
            position_of += [
                "" if miss else pool[int(p)] for p, miss in zip(picks, missing, strict=True)
            ]
        slack[o] = math.floor(c * float(fraction[o]))
        record["headcount"] = headcount
        record["min_staff"] = headcount - int(slack[o])
        if spec.positions and with_positions:
            record["positions"] = positions
        records.append(record)
    if not with_positions:
        position_slack = {}
    opd_arr = np.array(opd_of, dtype=np.int64)
    # skill odds: role base weight x OPD leaning x job leaning
    opd_boost = np.ones((n_opds, len(ROLES)))
    for o, spec in enumerate(specs):
        for role, b in spec.affinity:
            opd_boost[o, ROLES.index(role)] = b
    affinity = base[None, :] * opd_boost[opd_arr] if len(opd_arr) else np.zeros((0, len(ROLES)))
    for name, boosts in _POSITION_AFFINITY.items():
        rows = np.array([p == name for p in position_of], dtype=bool)
        for role, b in boosts.items():
            affinity[rows, ROLES.index(role)] *= b
    # shuffle candidates so that OPD interleave in the candidate list
    perm = rng.permutation(len(opd_arr))
    return _Opds(
        records=records,
        opd_of=opd_arr[perm],
        position_of=[position_of[int(i)] for i in perm],
        affinity=affinity[perm],
        slack=slack,
        position_slack=position_slack,
    )


# --------------------------------------------------------------------------- candidates


@dataclass
class _Candidates:
    records: list[dict[str, Any]]
    nips: list[str]
    lat: FloatArray
    lon: FloatArray
    skills: IntArray
    eligible: BoolArray
    nominated: BoolArray
    preferences: IntArray
    nearest: IntArray


def _birth_dates(rng: np.random.Generator, n: int, ref: dt.date) -> npt.NDArray[np.datetime64]:
    """Birth dates: most people 22-55, about a fifth 55-58, some exact-birthday edge cases."""
    kind = rng.random(n)
    age = np.where(
        kind < 0.74,
        np.clip(rng.normal(40.0, 8.0, n), 22.0, 54.9),
        rng.uniform(55.0, 59.0, n),
    )
    ref64 = np.datetime64(ref.isoformat(), "D")
    births = ref64 - np.round(age * 365.2425).astype(np.int64).astype("timedelta64[D]")
    # exact-birthday edge cases around the age limit: (years back, days after)
    edges = [(_MAX_AGE, 0), (_MAX_AGE + 1, 0), (_MAX_AGE + 1, 1), (_MAX_AGE + 1, -1), (_MAX_AGE, 1)]
    edge_rows = np.nonzero(kind >= 0.95)[0]
    if n >= 50:  # every edge case at least once
        edge_rows = np.union1d(edge_rows, rng.choice(n, size=len(edges), replace=False))
    picks = rng.integers(0, len(edges), len(edge_rows))
    if n >= 50:
        picks[: len(edges)] = np.arange(len(edges))
    for row, pick in zip(edge_rows.tolist(), picks.tolist(), strict=True):
        years, days = edges[pick]
        births[row] = np.datetime64(_years_before(ref, years, days).isoformat(), "D")
    return births


def _nips(
    rng: np.random.Generator,
    birth_int: IntArray,
    year: IntArray,
    contract: IntArray,
    sex: IntArray,
) -> list[str]:
    """Unique NI PPPK numbers: the sequence number separates equal prefixes."""
    n = len(birth_int)
    prefix = birth_int * 10_000_000 + year * 1000 + (20 + contract) * 10 + sex
    order = np.lexsort((rng.random(n), prefix))
    sorted_prefix = prefix[order]
    start = np.ones(n, dtype=bool)
    start[1:] = sorted_prefix[1:] != sorted_prefix[:-1]
    group = np.cumsum(start) - 1
    first = np.nonzero(start)[0]
    sizes = np.diff(np.append(first, n))
    if len(sizes) and int(sizes.max()) > 999:
        raise ValueError("too many candidates share a birth date, year, contract and sex")
    rank = np.arange(n) - first[group]
    offset = np.minimum(rng.integers(1, 901, len(first)), 1000 - sizes)
    seq = np.empty(n, dtype=np.int64)
    seq[order] = offset[group] + rank
    return [f"{v:018d}" for v in (prefix * 1000 + seq).tolist()]


def _person_names(
    rng: np.random.Generator, sex: IntArray, education: list[str], positions: list[str]
) -> list[str]:
    """Javanese-flavoured Indonesian names, with academic titles matching education."""
    n = len(sex)
    male_first = rng.integers(0, len(MALE_FIRST), n).tolist()
    female_first = rng.integers(0, len(FEMALE_FIRST), n).tolist()
    male_last = rng.integers(0, len(MALE_LAST), n).tolist()
    female_last = rng.integers(0, len(FEMALE_LAST), n).tolist()
    u_last = rng.random(n).tolist()
    u_single = rng.random(n).tolist()
    u_title = rng.random(n).tolist()
    title_pick = rng.integers(0, 1 << 16, n).tolist()
    out: list[str] = []
    for i, (s, edu, pos) in enumerate(zip(sex.tolist(), education, positions, strict=True)):
        if s == 1:
            first, last = MALE_FIRST[male_first[i]], MALE_LAST[male_last[i]]
        else:
            first = FEMALE_FIRST[female_first[i]]
            last = FEMALE_LAST[female_last[i]] if u_last[i] < 0.8 else MALE_LAST[male_last[i]]
        name = f"{first} {last}" if u_single[i] < 0.85 else first
        if pos == "Dokter":
            special = POSITION_TITLES["Dokter"].get(edu, "")
            out.append(f"dr. {name}, {special}" if special else f"dr. {name}")
            continue
        title = POSITION_TITLES.get(pos, {}).get(edu)
        if title is None and edu in TITLES and u_title[i] < 0.8:
            options = TITLES[edu]
            title = options[title_pick[i] % len(options)]
        if edu == "S3":
            name = f"Dr. {name}"
        out.append(f"{name}, {title}" if title else name)
    return out


def _candidates(
    rng: np.random.Generator,
    opds: _Opds,
    geo: _Geography,
    coop_ids: list[str],
    coop_roles: BoolArray,
    ref: dt.date,
    excluded: tuple[str, ...],
    k_near: int,
) -> _Candidates:
    n = len(opds.opd_of)
    m = len(geo.kelurahan)
    n_roles = len(ROLES)
    sex = rng.integers(1, 3, n).astype(np.int64)

    births = _birth_dates(rng, n, ref)
    by, bm, bd = _ymd(births)
    age = _whole_years(ref, by, bm, bd)

    levels = [e for e, _ in _EDUCATION_DRAW]
    edu_draw = rng.choice(len(levels), size=n, p=[p for _, p in _EDUCATION_DRAW])
    edu = [levels[j] for j in edu_draw.tolist()]
    positions = np.array(opds.position_of, dtype=object)
    for job, (options, probs) in _POSITION_EDUCATION.items():
        job_rows = np.nonzero(positions == job)[0]
        picks = rng.choice(len(options), size=len(job_rows), p=probs)
        for row, pick in zip(job_rows.tolist(), picks.tolist(), strict=True):
            edu[row] = options[pick]
    edu_rank = np.array([EDUCATION_RANK[e] for e in edu], dtype=np.int64)

    p_computer = 0.93 - 0.12 * (age >= 50) - 0.12 * (edu_rank < EDUCATION_RANK[_MIN_EDUCATION])
    computer = rng.random(n) < p_computer

    max_back = np.clip(age - 19, 1, 7)
    back = 1 + np.floor(rng.random(n) ** 1.4 * max_back).astype(np.int64)
    appointed = ref.year - back
    contract = (
        1
        + ((back >= 3) & (rng.random(n) < 0.4)).astype(np.int64)
        + ((back >= 6) & (rng.random(n) < 0.3)).astype(np.int64)
    )
    nips = _nips(rng, by * 10_000 + bm * 100 + bd, appointed, contract, sex)

    # skills: 1-4 roles among those the cooperatives use, drawn by affinity
    used = coop_roles.any(axis=0)
    n_used = int(used.sum())
    count = np.minimum(rng.choice([1, 2, 3, 4], size=n, p=[0.3, 0.37, 0.23, 0.1]), n_used)
    with np.errstate(divide="ignore"):
        keys = np.log(opds.affinity) + rng.gumbel(size=(n, n_roles))
    keys[:, ~used] = -np.inf
    rank = np.argsort(np.argsort(-keys, axis=1, kind="stable"), axis=1, kind="stable")
    chosen = rank < count[:, None]
    base = np.array([_ROLE_BASE_WEIGHT[r] for r in ROLES])
    lean = opds.affinity / base[None, :]
    p_level = np.where(lean >= 1.5, 0.6, 0.38)
    skills = np.where(chosen, 1 + rng.binomial(4, p_level), 0).astype(np.int64)

    # domicile kelurahan and home location
    popularity = rng.lognormal(0.0, 0.5, m)
    domicile = rng.choice(m, size=n, p=popularity / popularity.sum()).astype(np.int64)
    dlat, dlon = _km_to_deg(rng.normal(0, geo.spread_km, n), rng.normal(0, geo.spread_km, n))
    lat = np.round(geo.lat[domicile] + dlat, 6)
    lon = np.round(geo.lon[domicile] + dlon, 6)

    excluded_set = set(excluded)
    allowed_job = np.array([p not in excluded_set for p in opds.position_of], dtype=bool)
    eligible = (
        (edu_rank >= EDUCATION_RANK[_MIN_EDUCATION]) & (age <= _MAX_AGE) & computer & allowed_job
    )
    nominated = rng.random(n) < (0.25 + 0.3 * eligible)

    x, y = _project(lat, lon)
    cx, cy = _project(geo.lat, geo.lon)
    nearest = _nearest(x, y, cx, cy, domicile, max(k_near, 5))
    n_pref = rng.choice([0, 1, 2, 3], size=n, p=[0.3, 0.25, 0.25, 0.2])
    top = min(5, m)
    jitter = np.arange(top)[None, :] + rng.normal(0.0, 1.2, (n, top))
    shuffled = np.take_along_axis(nearest[:, :top], np.argsort(jitter, axis=1), axis=1)
    preferences = np.where(np.arange(top)[None, :] < n_pref[:, None], shuffled, -1)

    records: list[dict[str, Any]] = []
    birth_iso = np.datetime_as_string(births, unit="D").tolist()
    names = _person_names(rng, sex, edu, opds.position_of)
    opd_ids = [str(r["id"]) for r in opds.records]
    rows = zip(
        nips,
        names,
        edu,
        opds.opd_of.tolist(),
        opds.position_of,
        birth_iso,
        computer.tolist(),
        skills.tolist(),
        domicile.tolist(),
        lat.tolist(),
        lon.tolist(),
        nominated.tolist(),
        preferences.tolist(),
        strict=True,
    )
    for nip, nm, e, o, pos, born, comp, sk, dom, la, lo, nom, pref in rows:
        record: dict[str, Any] = {"nip": nip, "name": nm, "opd": opd_ids[o]}
        if pos:
            record["position"] = pos
        record["education"] = e
        record["birth_date"] = born
        record["computer_skill"] = comp
        record["skills"] = {ROLES[r]: lv for r, lv in enumerate(sk) if lv}
        record["domicile"] = geo.kelurahan[dom]
        record["location"] = {"lat": la, "lon": lo}
        record["nominated"] = nom
        prefs = [coop_ids[j] for j in pref if j >= 0]
        if prefs:
            record["preferences"] = prefs
        records.append(record)
    return _Candidates(
        records=records,
        nips=nips,
        lat=lat,
        lon=lon,
        skills=skills,
        eligible=eligible,
        nominated=nominated,
        preferences=preferences,
        nearest=nearest,
    )


# --------------------------------------------------------------------------- fit, locks


def _fit_table(
    rng: np.random.Generator,
    cands: _Candidates,
    coop_ids: list[str],
    need_level: IntArray,
    clat: FloatArray,
    clon: FloatArray,
    k_fit: int,
) -> list[dict[str, Any]]:
    """Scores 0-100 for each candidate's ``k_fit`` nearest cooperatives, skilled roles only."""
    n, n_roles = cands.skills.shape
    out: list[dict[str, Any]] = []
    chunk = max(1, 2_000_000 // max(1, k_fit * n_roles))
    for start in range(0, n, chunk):
        stop = min(n, start + chunk)
        near = cands.nearest[start:stop, :k_fit]
        sk = cands.skills[start:stop]
        has = (need_level[near] > 0) & (sk[:, None, :] > 0)
        dist = haversine_km_pairs(
            cands.lat[start:stop, None], cands.lon[start:stop, None], clat[near], clon[near]
        )
        prefs = cands.preferences[start:stop]
        pref_bonus = np.zeros(near.shape)
        for rank, bonus in enumerate((12.0, 8.0, 4.0)):
            if rank < prefs.shape[1]:
                pref_bonus += np.where(near == prefs[:, rank : rank + 1], bonus, 0.0)
        pair = (
            12.0
            - 2.5 * np.minimum(dist, 20.0)
            + 8.0 * cands.nominated[start:stop, None]
            + pref_bonus
        )
        score = 15.0 * sk[:, None, :] + pair[:, :, None] + rng.normal(0.0, 3.0, has.shape)
        score = np.clip(np.round(score), 0, 100).astype(np.int64)
        ii, jj, rr = np.nonzero(has)
        for i, j, r, v in zip(
            (ii + start).tolist(),
            near[ii, jj].tolist(),
            rr.tolist(),
            score[ii, jj, rr].tolist(),
            strict=True,
        ):
            out.append(
                {
                    "candidate": cands.nips[i],
                    "cooperative": coop_ids[j],
                    "role": ROLES[r],
                    "score": v,
                }
            )
    return out


def _locks(
    rng: np.random.Generator,
    target: int,
    cands: _Candidates,
    opds: _Opds,
    coops: list[dict[str, Any]],
    clat: FloatArray,
    clon: FloatArray,
    k_fit: int | None,
    require_nomination: bool,
    max_distance_km: float | None,
) -> list[dict[str, Any]]:
    """Up to ``target`` placements that respect every rule taken alone and together."""
    if target == 0:
        return []
    pool = cands.eligible & (cands.nominated if require_nomination else True)
    order = rng.permutation(np.nonzero(pool)[0]).tolist()
    per_need: dict[tuple[int, str], int] = {}
    per_coop: dict[int, int] = {}
    per_opd: dict[int, int] = {}
    per_position: dict[tuple[int, str], int] = {}
    out: list[dict[str, Any]] = []
    m = len(coops)

    def try_place(i: int, coop_rows: list[int]) -> bool:
        o = int(opds.opd_of[i])
        job = (o, opds.position_of[i])
        if per_opd.get(o, 0) >= int(opds.slack[o]):
            return False
        if job in opds.position_slack and per_position.get(job, 0) >= opds.position_slack[job]:
            return False
        for j in coop_rows:
            if per_coop.get(j, 0) >= coops[j].get("max_staff", _MAX_STAFF):
                continue
            if max_distance_km is not None:
                d = haversine_km_pairs(
                    cands.lat[i : i + 1], cands.lon[i : i + 1], clat[j : j + 1], clon[j : j + 1]
                )
                if float(d[0]) > max_distance_km:
                    continue
            needs = list(coops[j]["needs"])
            for pick in rng.permutation(len(needs)).tolist():
                need = needs[pick]
                role = need["role"]
                if cands.skills[i, ROLES.index(role)] < need["min_level"]:
                    continue
                if per_need.get((j, role), 0) >= need["max"]:
                    continue
                per_need[(j, role)] = per_need.get((j, role), 0) + 1
                per_coop[j] = per_coop.get(j, 0) + 1
                per_opd[o] = per_opd.get(o, 0) + 1
                if job in opds.position_slack:
                    per_position[job] = per_position.get(job, 0) + 1
                out.append(
                    {"candidate": cands.nips[i], "cooperative": coops[j]["id"], "role": role}
                )
                return True
        return False

    limit = cands.nearest.shape[1] if k_fit is None else k_fit
    left: list[int] = []
    for i in order:
        if len(out) >= target:
            break
        if not try_place(i, cands.nearest[i, :limit].tolist()):
            left.append(i)
    if len(out) < target and (k_fit is None or k_fit >= m):  # slow path: any cooperative
        for i in left:
            if len(out) >= target:
                break
            try_place(i, list(range(m)))
    return out


def _forbidden(
    rng: np.random.Generator,
    target: int,
    cands: _Candidates,
    coop_ids: list[str],
    locks: list[dict[str, Any]],
) -> list[dict[str, Any]]:
    """``target`` distinct (candidate, cooperative) pairs, none of them locked."""
    n, m = len(cands.nips), len(coop_ids)
    if target == 0:
        return []
    index = {nip: i for i, nip in enumerate(cands.nips)}
    coop_index = {c: j for j, c in enumerate(coop_ids)}
    taken = {index[lk["candidate"]] * m + coop_index[lk["cooperative"]] for lk in locks}
    if target > n * m - len(taken):
        raise ValueError(f"forbidden={target} is more than the {n * m - len(taken)} free pairs")
    chosen: list[int] = []
    seen = set(taken)
    if 2 * target > n * m:
        free = np.setdiff1d(np.arange(n * m), np.array(sorted(taken), dtype=np.int64))
        chosen = rng.choice(free, size=target, replace=False).tolist()
    else:
        while len(chosen) < target:
            batch = max(16, 2 * (target - len(chosen)))
            ii = rng.integers(0, n, batch)
            near = cands.nearest[ii, 0]
            jj = np.where(rng.random(batch) < 0.5, near, rng.integers(0, m, batch))
            for key in (ii * m + jj).tolist():
                if key not in seen and len(chosen) < target:
                    seen.add(key)
                    chosen.append(key)
    return [{"candidate": cands.nips[k // m], "cooperative": coop_ids[k % m]} for k in chosen]


# --------------------------------------------------------------------------- public API


def _build(settings: GeneratorSettings, *, city: bool = False) -> dict[str, Any]:
    """The scenario of ``settings``; ``city``: the needs of the Pekalongan example."""
    n_cooperatives, n_candidates = settings.n_cooperatives, settings.n_candidates
    n_opds, seed, nearest = settings.n_opds, settings.seed, settings.nearest
    with_fit_table, max_distance_km = settings.with_fit_table, settings.max_distance_km
    require_nomination, locks = settings.require_nomination, settings.locks
    ref = dt.date.fromisoformat(settings.reference_date)

    root = np.random.default_rng(seed)
    geo_rng, coop_rng, opd_rng, cand_rng, fit_rng, lock_rng, forb_rng = root.spawn(7)

    geo = _geography(geo_rng, n_cooperatives)
    needs = _needs(coop_rng, n_cooperatives, city)
    coop_ids = [f"KKMP-{_slug(k)}" for k in geo.kelurahan]
    coops: list[dict[str, Any]] = [
        {
            "id": coop_ids[j],
            "name": f"Koperasi Kelurahan Merah Putih {geo.kelurahan[j]}",
            "kelurahan": geo.kelurahan[j],
            "kecamatan": geo.kecamatan[j],
            "location": {"lat": float(geo.lat[j]), "lon": float(geo.lon[j])},
            "needs": needs[j],
            "max_staff": _MAX_STAFF,
        }
        for j in range(n_cooperatives)
    ]
    need_level = np.zeros((n_cooperatives, len(ROLES)), dtype=np.int64)
    for j, row in enumerate(needs):
        for need in row:
            need_level[j, ROLES.index(need["role"])] = need["min_level"]

    opds = _opds(opd_rng, n_opds, n_candidates, settings.floor_tightness, settings.with_positions)
    excluded = EXCLUDED_POSITIONS if settings.excluded_positions else ()
    k_fit = (nearest if nearest is not None else n_cooperatives) if with_fit_table else 0
    k_fit = min(k_fit, n_cooperatives)
    cands = _candidates(cand_rng, opds, geo, coop_ids, need_level > 0, ref, excluded, k_fit)

    policy: dict[str, Any] = {
        "min_education": _MIN_EDUCATION,
        "max_age": _MAX_AGE,
        "require_computer_skill": True,
        "require_nomination": require_nomination,
        "excluded_positions": list(excluded),
    }
    if max_distance_km is not None:
        policy["max_distance_km"] = float(max_distance_km)

    scenario: dict[str, Any] = {
        "format": FORMAT,
        "name": settings.name
        if settings.name is not None
        else (
            f"Skenario sintetis: {n_cooperatives} koperasi, {n_candidates} kandidat, "
            f"{n_opds} OPD (seed {seed})"
        ),
        "reference_date": ref.isoformat(),
        "policy": policy,
        "opds": opds.records,
        "cooperatives": coops,
        "candidates": cands.records,
    }
    if with_fit_table:
        scenario["fit"] = _fit_table(fit_rng, cands, coop_ids, need_level, geo.lat, geo.lon, k_fit)
    lock_list = _locks(
        lock_rng,
        locks,
        cands,
        opds,
        coops,
        geo.lat,
        geo.lon,
        k_fit if with_fit_table else None,
        require_nomination,
        max_distance_km,
    )
    if locks:
        scenario["locks"] = lock_list
    if settings.forbidden:
        scenario["forbidden"] = _forbidden(forb_rng, settings.forbidden, cands, coop_ids, lock_list)
    return scenario


def _settings(settings: GeneratorSettings | None, options: dict[str, Any]) -> GeneratorSettings:
    base = GeneratorSettings() if settings is None else settings
    return dataclasses.replace(base, **options) if options else base


def generate_scenario_data(
    settings: GeneratorSettings | None = None, /, **options: Any
) -> dict[str, Any]:
    """Draw a synthetic scenario as a plain, JSON-ready ``dict``.

    ``settings`` (default :class:`GeneratorSettings`) with ``options``, the
    fields of :class:`GeneratorSettings` as keywords, put over it:
    ``generate_scenario_data(n_candidates=500, seed=3)`` or
    ``generate_scenario_data(settings, seed=3)``.

    The result is a valid ``penempatan/scenario@1`` document: unique ids and
    NIPs, every NIP agreeing with its ``birth_date``, every reference resolving,
    at most ``headcount`` candidates per OPD and per position, ``0 <= min_staff
    <= headcount``, one need per role with ``0 <= min <= max`` and at most
    ``max_staff`` (3) required seats per cooperative. Every candidate and
    cooperative has a ``location``. Same settings, same result.

    Raises:
        ValueError: for out-of-range settings.
        TypeError: for an option that is not a setting.
    """
    return _build(_settings(settings, options))


def generate(settings: GeneratorSettings | None = None, /, **options: Any) -> Scenario:
    """:func:`generate_scenario_data`, validated into a :class:`penempatan.Scenario`."""
    from penempatan.scenario import Scenario

    return Scenario.model_validate(_build(_settings(settings, options)))


#: The settings of the Kota Pekalongan example (its seed aside).
PEKALONGAN_SETTINGS: Final = GeneratorSettings(
    n_cooperatives=27,
    n_candidates=350,
    n_opds=35,
    floor_tightness=0.65,
    name=PEKALONGAN_NAME,
)


def pekalongan_data(seed: int = 2026) -> dict[str, Any]:
    """The Kota Pekalongan example as a JSON-ready ``dict`` (``examples/pekalongan.json``).

    The 27 real kelurahan in their four kecamatan, one cooperative each with
    2-3 needs from the seven business units (the cooperative office always
    among them) and at most 3 PPPK; the 35 agencies of
    :data:`PEKALONGAN_OPDS`; 350 invented candidates with valid NI PPPK
    numbers; reference date 2026-03-01; policy D3, age 56, computer skill,
    teachers and health workers excluded, no distance limit (the city is
    about 7 km across), floor tightness 0.65. About 70 required seats, and not
    all of them can be filled: clinic and pharmacy skills are scarce outside
    the excluded health workers, and the floors of many agencies bind. With
    the default seed: 68 required seats, 154 candidates pass the policy, and
    at most 63 seats can be covered (64 if there were no floors).
    """
    return _build(dataclasses.replace(PEKALONGAN_SETTINGS, seed=seed), city=True)
