"""Whole-process min-cost-flow reference: the least a program can do to solve a scenario file.

Measures nothing itself; ``benchmarks/run.py`` times this script as a whole
process (interpreter start-up included) and compares every penempatan
end-to-end time against it. It is written from ``spec/scenario-v1.md`` and the
default score documented in ``src/penempatan/_scoring.py`` only, and imports
nothing from penempatan:

* read the file with :mod:`json` (no schema validation: the benchmark files are
  known to be valid);
* enumerate the permitted (candidate, need) pairs with numpy: policy
  eligibility (education, age on the reference date, computer skill,
  nomination, excluded positions), skill ≥ ``min_level``, forbidden pairs,
  ``max_distance_km`` (haversine, R = 6371.0 km) and, with a ``fit`` table, only
  the listed triples with their scores; otherwise the default score
  (10 × level, proximity, nomination, preference);
* one OR-Tools ``SimpleMinCostFlow``::

      source → OPD (headcount − min_staff) → position (its slack) → candidate (1)
             → need (−score) → cooperative via a "required" arc (capacity min,
             cost −W) and an "optional" arc (max − min, cost 0)
             → sink (max_staff);  source → sink bypass

  with ``W`` larger than any total fit, so the optimum maximises coverage
  first and fit second. Locks are placed before the solve and their capacity
  taken off the network.

Usage: ``python benchmarks/flow_reference.py SCENARIO.json [--assignments]``.
Prints one JSON object: status, coverage, fit, sizes and stage timings.
"""

from __future__ import annotations

import json
import math
import sys
import time
from datetime import date
from typing import Any

import numpy as np
import numpy.typing as npt
from ortools.graph.python import min_cost_flow

I64 = npt.NDArray[np.int64]
I32 = npt.NDArray[np.int32]
F64 = npt.NDArray[np.float64]

EDUCATION = {
    "SD": 0,
    "SMP": 1,
    "SMA": 2,
    "SMK": 2,
    "D1": 3,
    "D2": 4,
    "D3": 5,
    "D4": 6,
    "S1": 6,
    "S2": 7,
    "S3": 8,
}
EARTH_KM = 6371.0
CHUNK = 1 << 21


def haversine(lat1: F64, lon1: F64, lat2: F64, lon2: F64) -> F64:
    """Great-circle distance in km, element-wise."""
    p1, p2 = np.radians(lat1), np.radians(lat2)
    dl = np.radians(lon2) - np.radians(lon1)
    h = np.sin((p2 - p1) / 2) ** 2 + np.cos(p1) * np.cos(p2) * np.sin(dl / 2) ** 2
    out: F64 = 2 * EARTH_KM * np.arcsin(np.minimum(1.0, np.sqrt(h)))
    return out


def haversine_scalar(lat1: float, lon1: float, lat2: float, lon2: float) -> float:
    p1, p2 = math.radians(lat1), math.radians(lat2)
    dl = math.radians(lon2 - lon1)
    h = math.sin((p2 - p1) / 2) ** 2 + math.cos(p1) * math.cos(p2) * math.sin(dl / 2) ** 2
    return 2 * EARTH_KM * math.asin(min(1.0, math.sqrt(h)))


def _eligible(doc: dict[str, Any]) -> npt.NDArray[np.bool_]:
    pol = doc.get("policy", {})
    min_edu = EDUCATION[pol.get("min_education", "D3")]
    max_age = pol.get("max_age", 56)
    need_pc = pol.get("require_computer_skill", True)
    need_nom = pol.get("require_nomination", False)
    excluded = set(pol.get("excluded_positions", ()))
    ref = date.fromisoformat(doc["reference_date"])
    out = []
    for c in doc["candidates"]:
        b = date.fromisoformat(c["birth_date"])
        age = ref.year - b.year - ((ref.month, ref.day) < (b.month, b.day))
        out.append(
            EDUCATION[c["education"]] >= min_edu
            and age <= max_age
            and (c["computer_skill"] or not need_pc)
            and (c.get("nominated", False) or not need_nom)
            and c.get("position") not in excluded
        )
    return np.array(out, dtype=bool)


def solve_file(path: str, *, with_assignments: bool = False) -> dict[str, Any]:
    """Solve the scenario file at ``path``; return status, objective and timings."""
    t0 = time.perf_counter()
    with open(path, "rb") as fh:
        doc = json.load(fh)
    t_read = time.perf_counter()

    cands, coops, opds = doc["candidates"], doc["cooperatives"], doc["opds"]
    n_c, n_k, n_o = len(cands), len(coops), len(opds)
    nip_ix = {c["nip"]: i for i, c in enumerate(cands)}
    coop_ix = {k["id"]: j for j, k in enumerate(coops)}
    opd_ix = {o["id"]: i for i, o in enumerate(opds)}

    # Needs.
    roles: dict[str, int] = {}
    n_coop_l: list[int] = []
    n_role_l: list[int] = []
    n_min_l: list[int] = []
    n_max_l: list[int] = []
    n_lvl_l: list[int] = []
    need_key: dict[tuple[int, str], int] = {}
    for j, k in enumerate(coops):
        for nd in k["needs"]:
            need_key[(j, nd["role"])] = len(n_coop_l)
            n_coop_l.append(j)
            n_role_l.append(roles.setdefault(nd["role"], len(roles)))
            n_min_l.append(nd["min"])
            n_max_l.append(nd["max"])
            n_lvl_l.append(nd.get("min_level", 1))
    n_n = len(n_coop_l)
    need_coop = np.array(n_coop_l, dtype=np.int64)
    need_role = np.array(n_role_l, dtype=np.int64)
    need_min = np.array(n_min_l, dtype=np.int64)
    need_max = np.array(n_max_l, dtype=np.int64)
    need_lvl = np.array(n_lvl_l, dtype=np.int64)

    # Candidates: skill matrix over the roles some cooperative needs.
    skill = np.zeros((n_c, max(1, len(roles))), dtype=np.int64)
    for i, c in enumerate(cands):
        for r, lvl in c["skills"].items():
            if r in roles:
                skill[i, roles[r]] = lvl
    eligible = _eligible(doc)
    cand_opd = np.array([opd_ix[c["opd"]] for c in cands], dtype=np.int64)
    pos_ix: dict[tuple[int, str], int] = {}
    pos_opd_l: list[int] = []
    pos_rel_l: list[int] = []
    for i, o in enumerate(opds):
        for p in o.get("positions") or ():
            pos_ix[(i, p["name"])] = len(pos_opd_l)
            pos_opd_l.append(i)
            pos_rel_l.append(p["headcount"] - p["min_staff"])
    cand_pos = np.array(
        [pos_ix.get((int(cand_opd[i]), c.get("position") or ""), -1) for i, c in enumerate(cands)],
        dtype=np.int64,
    )
    opd_rel = np.array([o["headcount"] - o["min_staff"] for o in opds], dtype=np.int64)
    pos_rel = np.array(pos_rel_l, dtype=np.int64)
    pos_opd = np.array(pos_opd_l, dtype=np.int64)
    n_p = len(pos_rel_l)

    c_loc = np.array(
        [
            (c["location"]["lat"], c["location"]["lon"]) if c.get("location") else (0, 0)
            for c in cands
        ],
        dtype=np.float64,
    ).reshape(-1, 2)
    c_has = np.array([bool(c.get("location")) for c in cands], dtype=bool)
    k_loc = np.array(
        [
            (k["location"]["lat"], k["location"]["lon"]) if k.get("location") else (0, 0)
            for k in coops
        ],
        dtype=np.float64,
    ).reshape(-1, 2)
    k_has = np.array([bool(k.get("location")) for k in coops], dtype=bool)

    # Permitted triples (candidate, need, score), produced and filtered chunk by chunk.
    fit = doc.get("fit")
    forbidden = doc.get("forbidden") or ()
    ban = np.unique(
        np.array(
            [nip_ix[f["candidate"]] * n_k + coop_ix[f["cooperative"]] for f in forbidden],
            dtype=np.int64,
        )
    )
    limit = doc.get("policy", {}).get("max_distance_km")
    prefs = _preference_table(doc, coop_ix)
    kel: dict[str, int] = {}
    coop_kel = np.array([kel.setdefault(k["kelurahan"], len(kel)) for k in coops], np.int64)
    cand_kel = np.array(
        [kel.get(c["domicile"], -1) if c.get("domicile") is not None else -1 for c in cands],
        dtype=np.int64,
    )
    nominated = np.array([bool(c.get("nominated", False)) for c in cands], dtype=np.int64)

    def permitted(tc: I64, tn: I64, ts: I64 | None) -> tuple[I32, I32, I32]:
        """Forbidden pairs and the distance limit out; default scores in (rule 7, policy)."""
        tk = need_coop[tn]
        if ban.size:
            ok = ~np.isin(tc * n_k + tk, ban)
            tc, tn, tk = tc[ok], tn[ok], tk[ok]
            ts = None if ts is None else ts[ok]
        if limit is not None or ts is None:
            dist = haversine(c_loc[tc, 0], c_loc[tc, 1], k_loc[tk, 0], k_loc[tk, 1])
            dist[~(c_has[tc] & k_has[tk])] = np.nan
            if limit is not None:
                ok = dist <= limit  # NaN (no location) is never within the limit
                for b in np.flatnonzero(np.abs(dist - limit) < 1e-6).tolist():
                    ci, ki = int(tc[b]), int(tk[b])
                    d = haversine_scalar(c_loc[ci, 0], c_loc[ci, 1], k_loc[ki, 0], k_loc[ki, 1])
                    ok[b] = d <= limit
                tc, tn, tk, dist = tc[ok], tn[ok], tk[ok], dist[ok]
                ts = None if ts is None else ts[ok]
            if ts is None:
                ts = 10 * skill[tc, need_role[tn]]
                metres = np.rint(np.nan_to_num(dist, nan=1e9) * 1000).astype(np.int64)
                prox = (25 * np.maximum(20_000 - metres, 0)) // 20_000
                ts += np.where(cand_kel[tc] == coop_kel[tk], 25, prox)
                ts += 10 * nominated[tc]
                ts += _lookup(prefs, tc * n_k + tk)
        assert ts is not None
        return tc.astype(np.int32), tn.astype(np.int32), ts.astype(np.int32)

    parts: list[tuple[I32, I32, I32]] = []
    if fit is not None:
        tc = np.array([nip_ix[f["candidate"]] for f in fit], dtype=np.int64)
        tn = np.array([need_key[(coop_ix[f["cooperative"]], f["role"])] for f in fit], np.int64)
        ts = np.array([f["score"] for f in fit], dtype=np.int64)
        ok = eligible[tc] & (skill[tc, need_role[tn]] >= need_lvl[tn])
        for s in range(0, int(ok.sum()), CHUNK):
            sl = slice(s, s + CHUNK)
            parts.append(permitted(tc[ok][sl], tn[ok][sl], ts[ok][sl]))
    else:
        groups: dict[tuple[int, int], list[int]] = {}
        for n in range(n_n):
            groups.setdefault((int(need_role[n]), int(need_lvl[n])), []).append(n)
        for (r, lvl), ns in groups.items():
            q = np.flatnonzero(eligible & (skill[:, r] >= lvl))
            nn = np.array(ns, dtype=np.int64)
            step = max(1, CHUNK // nn.size)
            for s in range(0, q.size, step):
                qc = q[s : s + step]
                parts.append(permitted(np.repeat(qc, nn.size), np.tile(nn, qc.size), None))
    tc32 = np.concatenate([x[0] for x in parts]) if parts else np.zeros(0, np.int32)
    tn32 = np.concatenate([x[1] for x in parts]) if parts else np.zeros(0, np.int32)
    ts32 = np.concatenate([x[2] for x in parts]) if parts else np.zeros(0, np.int32)
    del parts
    n_triples = int(tc32.size)
    t_build = time.perf_counter()

    # Locks: placed before the solve; their capacity comes off every arc on their path.
    opd_cap, pos_cap, coop_cap = opd_rel.copy(), pos_rel.copy(), np.zeros(n_k, np.int64)
    for j, k in enumerate(coops):
        ms = k.get("max_staff")
        coop_cap[j] = int(need_max[need_coop == j].sum()) if ms is None else ms
    req, opt = need_min.copy(), need_max - need_min
    locked: list[tuple[int, int, int]] = []
    lock_pairs = {
        (nip_ix[lk["candidate"]], need_key[(coop_ix[lk["cooperative"]], lk["role"])])
        for lk in doc.get("locks") or ()
    }
    status = "OPTIMAL"
    if lock_pairs:
        keys = np.array(sorted(c * n_n + n for c, n in lock_pairs), dtype=np.int64)
        hit = np.flatnonzero(np.isin(tc32.astype(np.int64) * n_n + tn32, keys))
        score_of = {
            (int(tc32[h]), int(tn32[h])): int(ts32[h]) for h in hit.tolist()
        }  # permitted locks only
        locked_cand = np.zeros(n_c, dtype=bool)
        for c_, n in sorted(lock_pairs):
            if (c_, n) not in score_of or locked_cand[c_]:
                status = "INFEASIBLE"  # not permitted, or the candidate is locked twice
                break
            locked_cand[c_] = True
            locked.append((c_, n, score_of[(c_, n)]))
            opd_cap[cand_opd[c_]] -= 1
            if cand_pos[c_] >= 0:
                pos_cap[cand_pos[c_]] -= 1
            coop_cap[need_coop[n]] -= 1
            if req[n] > 0:
                req[n] -= 1
            else:
                opt[n] -= 1
        free = ~locked_cand[tc32]
        tc32, tn32, ts32 = tc32[free], tn32[free], ts32[free]
    if min(opd_cap.min(initial=0), pos_cap.min(initial=0), coop_cap.min(initial=0)) < 0:
        status = "INFEASIBLE"
    if opt.size and opt.min() < 0:
        status = "INFEASIBLE"
    if status == "INFEASIBLE":
        return {"status": status, "coverage": None, "fit": None}
    lock_fit = sum(x[2] for x in locked)

    # The network. Nodes: 0 source, 1 sink, then OPD, position, candidate, need, cooperative.
    w = 1
    if ts32.size:
        best = np.zeros(n_c, dtype=np.int64)
        np.maximum.at(best, tc32, ts32)
        w = int(best.sum()) + 1
    o0, p0 = 2, 2 + n_o
    c0 = p0 + n_p
    n0 = c0 + n_c
    k0 = n0 + n_n
    cset = np.unique(tc32).astype(np.int64)
    parent = np.where(cand_pos[cset] >= 0, p0 + cand_pos[cset], o0 + cand_opd[cset])
    supply = int(opd_cap.sum())
    mcf = min_cost_flow.SimpleMinCostFlow()

    def arcs(tails: I64, heads: I64, caps: I64, costs: I64) -> int:
        """Add a block of arcs; return the index of its first arc."""
        first = mcf.num_arcs()
        if tails.size:
            mcf.add_arcs_with_capacity_and_unit_cost(
                tails.astype(np.int32), heads.astype(np.int32), caps, costs
            )
        return int(first)

    def ar(n: int) -> I64:
        return np.arange(n, dtype=np.int64)

    def z(n: int) -> I64:
        return np.zeros(n, dtype=np.int64)

    def one(n: int) -> I64:
        return np.ones(n, dtype=np.int64)

    arcs(z(n_o), o0 + ar(n_o), opd_cap, z(n_o))  # source → OPD
    arcs(o0 + pos_opd, p0 + ar(n_p), pos_cap, z(n_p))  # OPD → position
    arcs(parent, c0 + cset, one(cset.size), z(cset.size))  # OPD or position → candidate
    first_t = mcf.num_arcs()
    for s in range(0, tc32.size, CHUNK):  # candidate → need, cost −score
        sl = slice(s, s + CHUNK)
        block_c, block_n, block_s = tc32[sl], tn32[sl], ts32[sl]
        arcs(
            c0 + block_c.astype(np.int64),
            n0 + block_n.astype(np.int64),
            one(block_c.size),
            -block_s.astype(np.int64),
        )
    first_r = arcs(n0 + ar(n_n), k0 + need_coop, req, np.full(n_n, -w, np.int64))  # required
    arcs(n0 + ar(n_n), k0 + need_coop, opt, z(n_n))  # optional seats
    arcs(k0 + ar(n_k), one(n_k), coop_cap, z(n_k))  # cooperative → sink
    arcs(z(1), one(1), np.array([supply], np.int64), z(1))  # bypass
    mcf.set_nodes_supplies(np.array([0, 1], np.int32), np.array([supply, -supply], np.int64))
    t_graph = time.perf_counter()
    code = mcf.solve()
    t_solve = time.perf_counter()
    if code != mcf.OPTIMAL:
        return {"status": f"MCF_STATUS_{code}", "coverage": None, "fit": None}
    sel_parts = []
    for s in range(0, tc32.size, CHUNK):
        idx = np.arange(first_t + s, first_t + min(s + CHUNK, tc32.size), dtype=np.int32)
        sel_parts.append(s + np.flatnonzero(np.asarray(mcf.flows(idx)) > 0))
    sel = np.concatenate(sel_parts) if sel_parts else np.zeros(0, np.int64)
    assert first_r == first_t + tc32.size
    placed = np.bincount(tn32[sel], minlength=n_n) + (need_min - req) + (need_max - need_min - opt)
    coverage = int(np.minimum(placed, need_min).sum())
    fit_total = int(ts32[sel].astype(np.int64).sum()) + lock_fit
    out: dict[str, Any] = {
        "status": status,
        "coverage": coverage,
        "fit": fit_total,
        "required_seats": int(need_min.sum()),
        "placed": int(sel.size) + len(locked),
        "n_triples": n_triples,
        "n_arcs": int(mcf.num_arcs()),
        "timings": {
            "read_s": t_read - t0,
            "triples_s": t_build - t_read,
            "graph_s": t_graph - t_build,
            "solve_s": t_solve - t_graph,
            "total_s": t_solve - t0,
        },
    }
    if with_assignments:
        role_names = list(roles)
        triples = [
            (int(c), int(n), int(s))
            for c, n, s in zip(tc32[sel], tn32[sel], ts32[sel], strict=True)
        ]
        out["assignments"] = [
            {
                "candidate": cands[c]["nip"],
                "cooperative": coops[int(need_coop[n])]["id"],
                "role": role_names[int(need_role[n])],
                "score": s,
            }
            for c, n, s in [*triples, *locked]
        ]
    return out


def _preference_table(doc: dict[str, Any], coop_ix: dict[str, int]) -> tuple[I64, I64]:
    """Sorted keys ``candidate * n_coops + coop`` and their points (15, 10, 5 by rank)."""
    n_k = len(doc["cooperatives"])
    pref: dict[int, int] = {}
    for i, c in enumerate(doc["candidates"]):
        for rank, kid in enumerate((c.get("preferences") or ())[:3]):
            pref.setdefault(i * n_k + coop_ix[kid], (15, 10, 5)[rank])
    keys = np.array(sorted(pref), dtype=np.int64)
    return keys, np.array([pref[k] for k in keys.tolist()], dtype=np.int64)


def _lookup(table: tuple[I64, I64], q: I64) -> I64:
    keys, vals = table
    if keys.size == 0:
        return np.zeros(q.size, np.int64)
    at = np.minimum(np.searchsorted(keys, q), keys.size - 1)
    out: I64 = np.where(keys[at] == q, vals[at], 0)
    return out


def main(argv: list[str]) -> int:
    if not argv or argv[0].startswith("-"):
        print(__doc__, file=sys.stderr)
        return 2
    result = solve_file(argv[0], with_assignments="--assignments" in argv[1:])
    print(json.dumps(result))
    return 0 if result["status"] == "OPTIMAL" else 3


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
