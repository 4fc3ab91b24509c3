"""Hypothesis strategies: random valid scenarios, small enough to search exhaustively."""

from __future__ import annotations

import datetime as dt
from typing import Any

from hypothesis import strategies as st

ROLES = ("pengelola", "apotek", "gudang")
EDUCATION = ("S1", "D3", "D4", "S2", "SMA", "SMK", "D2")
REFERENCE = dt.date(2026, 3, 1)


@st.composite
def scenario_data(
    draw: st.DrawFn,
    *,
    max_candidates: int = 6,
    max_cooperatives: int = 3,
    allow_locks: bool = True,
    with_rules: bool = False,
) -> dict[str, Any]:
    """A random valid penempatan/scenario@1 document using every optional feature
    (local rules only ``with_rules``)."""
    n_opd = draw(st.integers(1, 3))
    n_coop = draw(st.integers(1, max_cooperatives))
    n_cand = draw(st.integers(min(2, max_candidates), max_candidates))
    with_positions = draw(st.booleans())

    coops = []
    for k in range(n_coop):
        roles = draw(st.lists(st.sampled_from(ROLES), min_size=1, max_size=2, unique=True))
        needs = []
        for r in roles:
            lo = draw(st.integers(0, 2))
            hi = draw(st.integers(lo, 2))
            needs.append(
                {"role": r, "min": lo, "max": hi, "min_level": draw(st.sampled_from([1, 1, 2, 3]))}
            )
        coop: dict[str, Any] = {
            "id": f"K{k}",
            "name": f"Koperasi {k}",
            "kelurahan": f"Kel{k}",
            "kecamatan": f"Kec{k % 2}",
            "location": {
                "lat": -6.9 + draw(st.integers(0, 20)) / 100,
                "lon": 109.6 + draw(st.integers(0, 20)) / 100,
            },
            "needs": needs,
        }
        cap = draw(st.none() | st.integers(0, 3))
        if cap is not None:
            coop["max_staff"] = cap
        coops.append(coop)

    cands = []
    opd_of = []
    for i in range(n_cand):
        o = draw(st.integers(0, n_opd - 1))
        opd_of.append(o)
        age = draw(st.sampled_from([25, 30, 40, 45, 55, 56, 57]))
        birth = REFERENCE.replace(year=REFERENCE.year - age) + dt.timedelta(
            days=draw(st.sampled_from([-1, 0, 1, 100]))
        )
        skills = {
            r: draw(st.integers(1, 5))
            for r in draw(st.lists(st.sampled_from(ROLES), min_size=1, max_size=3, unique=True))
        }
        c: dict[str, Any] = {
            "nip": f"{birth:%Y%m%d}20242{draw(st.integers(1, 9))}{draw(st.sampled_from([1, 2]))}"
            f"{i + 1:03d}",
            "name": f"Calon {i}",
            "opd": f"O{o}",
            "education": draw(st.sampled_from(EDUCATION)),
            "birth_date": birth.isoformat(),
            "computer_skill": draw(st.sampled_from([True, True, True, False])),
            "skills": skills,
            "nominated": draw(st.booleans()),
            "location": {
                "lat": -6.9 + draw(st.integers(0, 20)) / 100,
                "lon": 109.6 + draw(st.integers(0, 20)) / 100,
            },
        }
        if draw(st.booleans()):
            c["domicile"] = f"Kel{draw(st.integers(0, n_coop - 1))}"
        prefs = draw(st.lists(st.integers(0, n_coop - 1), max_size=3, unique=True))
        if prefs:
            c["preferences"] = [f"K{p}" for p in prefs]
        if with_positions and o == 0:
            c["position"] = draw(st.sampled_from(["Staf", "Perawat"]))
        cands.append(c)

    opds = []
    for o in range(n_opd):
        mine = [c for c, oo in zip(cands, opd_of, strict=True) if oo == o]
        head = len(mine) + draw(st.integers(0, 3))
        opd: dict[str, Any] = {
            "id": f"O{o}",
            "name": f"OPD {o}",
            "headcount": head,
            "min_staff": draw(st.integers(0, head // 2 + 1)) if head else 0,
        }
        if with_positions and o == 0:
            positions = []
            for pname in ("Perawat", "Staf"):
                n_pos = sum(1 for c in mine if c.get("position") == pname)
                ph = n_pos + draw(st.integers(0, 2))
                positions.append(
                    {"name": pname, "headcount": ph, "min_staff": draw(st.integers(0, ph))}
                )
            opd["positions"] = positions
        opds.append(opd)

    policy: dict[str, Any] = {
        "min_education": draw(st.sampled_from(["D3", "SMA", "S1"])),
        "max_age": draw(st.sampled_from([56, 58])),
        "require_computer_skill": draw(st.booleans()),
        "require_nomination": draw(st.sampled_from([False, False, False, True])),
        "excluded_positions": draw(st.sampled_from([[], ["Perawat"]])),
    }
    if draw(st.integers(0, 2)) == 2:
        policy["max_distance_km"] = float(draw(st.integers(5, 30)))

    triples = [(c["nip"], k["id"], n["role"]) for c in cands for k in coops for n in k["needs"]]
    data: dict[str, Any] = {
        "format": "penempatan/scenario@1",
        "name": "random",
        "reference_date": REFERENCE.isoformat(),
        "policy": policy,
        "opds": opds,
        "cooperatives": coops,
        "candidates": cands,
    }
    if triples and draw(st.booleans()):
        chosen = draw(st.lists(st.sampled_from(triples), max_size=30, unique=True))
        data["fit"] = [
            {"candidate": c, "cooperative": k, "role": r, "score": draw(st.integers(0, 100))}
            for c, k, r in chosen
        ]
    if triples and allow_locks and draw(st.integers(0, 4)) == 4:
        chosen = draw(st.lists(st.sampled_from(triples), min_size=1, max_size=2, unique=True))
        data["locks"] = [{"candidate": c, "cooperative": k, "role": r} for c, k, r in chosen]
    if triples and draw(st.booleans()):
        pairs = sorted({(c, k) for c, k, _ in triples})
        chosen_pairs = draw(st.lists(st.sampled_from(pairs), max_size=3, unique=True))
        data["forbidden"] = [{"candidate": c, "cooperative": k} for c, k in chosen_pairs]
    if with_rules:
        data["rules"] = draw(st.lists(_rule(data), min_size=1, max_size=3))
        for i, r in enumerate(data["rules"]):
            r["id"] = f"r{i}"
    return data


def _rule(data: dict[str, Any]) -> st.SearchStrategy[dict[str, Any]]:
    """A random local rule whose references resolve in ``data``."""
    nips = [c["nip"] for c in data["candidates"]]
    opds = [o["id"] for o in data["opds"]]

    @st.composite
    def rule(draw: st.DrawFn) -> dict[str, Any]:
        kind = draw(st.sampled_from(["at_most", "at_least"]))
        r: dict[str, Any] = {
            "id": "r",
            "kind": kind,
            "count": draw(st.integers(0, 2)),
            "per": draw(st.sampled_from(["cooperative", "kecamatan", "all"])),
        }
        of: dict[str, Any] = {}
        for key, values in (
            ("sex", st.sampled_from(["male", "female"])),
            ("opds", st.lists(st.sampled_from(opds), min_size=1, max_size=2, unique=True)),
            ("min_education", st.sampled_from(["D3", "S1"])),
            ("nominated", st.booleans()),
            ("candidates", st.lists(st.sampled_from(nips), min_size=1, max_size=3, unique=True)),
        ):
            if draw(st.integers(0, 3)) == 0:
                of[key] = draw(values)
        if of:
            r["of"] = of
        if kind == "at_most" and draw(st.booleans()):
            r["group_by"] = draw(st.sampled_from(["opd", "position", "education"]))
        if kind == "at_least" and draw(st.booleans()):
            r["if_staffed"] = draw(st.integers(0, 2))
        return r

    return rule()
