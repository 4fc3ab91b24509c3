"""Turn a set of selected triples into a :class:`Plan` with its impact tables."""

from __future__ import annotations

import numpy as np

from penempatan._status import Status
from penempatan.engine._fairness import burden_index, kecamatan_shortfalls, shortfall_index
from penempatan.engine._objective import objective_of
from penempatan.plan import (
    Assignment,
    Bound,
    Conflict,
    CooperativeCoverage,
    FairnessReport,
    NeedCoverage,
    OpdImpact,
    Plan,
    PositionImpact,
    SolverInfo,
    Timings,
)
from penempatan.rules._floors import floor_state
from penempatan.rules._network import IntArray, Network


def assemble_plan(
    net: Network,
    status: Status,
    selected: IntArray,
    *,
    bound: Bound | None,
    gap: float | None,
    solver: SolverInfo,
    conflicts: tuple[Conflict, ...] = (),
    timings: Timings | None = None,
) -> Plan:
    """The plan for ``selected`` (ignored unless the status has a solution)."""
    s = net.scenario
    if not status.has_solution:
        selected = np.zeros(0, np.int64)
    # Assignments, cooperative by cooperative in document order, then role, then candidate.
    order = np.lexsort((net.t_cand[selected], net.t_need[selected]))
    sel = selected[order]
    assignments = tuple(
        Assignment(
            candidate=s.candidates[c].nip,
            cooperative=s.cooperatives[int(net.need_coop[n])].id,
            role=net.need_role[n],
            score=sc,
        )
        for c, n, sc in zip(
            net.t_cand[sel].tolist(),
            net.t_need[sel].tolist(),
            net.t_score[sel].tolist(),
            strict=True,
        )
    )
    coverage, fit = objective_of(net, sel)

    cand_count = np.bincount(net.cand_opd, minlength=len(s.opds))
    floors = floor_state(net, net.t_cand[sel])
    impacts = []
    p = 0
    for i, o in enumerate(s.opds):
        positions = []
        for ps in o.positions or ():
            r = int(floors.position_released[p])
            positions.append(
                PositionImpact(
                    name=ps.name,
                    headcount=ps.headcount,
                    min_staff=ps.min_staff,
                    released=r,
                    remaining=ps.headcount - r,
                    slack=int(floors.position_slack[p]),
                    binding=bool(floors.position_binding[p]),
                )
            )
            p += 1
        r = int(floors.opd_released[i])
        impacts.append(
            OpdImpact(
                opd=o.id,
                name=o.name,
                headcount=o.headcount,
                min_staff=o.min_staff,
                candidates=int(cand_count[i]),
                released=r,
                remaining=o.headcount - r,
                slack=int(floors.opd_slack[i]),
                binding=bool(floors.opd_binding[i]),
                positions=tuple(positions),
            )
        )

    placed_need = np.bincount(net.t_need[sel], minlength=len(net.need_role))
    coops = []
    n = 0
    for k in s.cooperatives:
        needs = []
        for need in k.needs:
            got = int(placed_need[n])
            n += 1
            needs.append(
                NeedCoverage(
                    role=need.role,
                    min=need.min,
                    max=need.max,
                    placed=got,
                    covered=min(got, need.min),
                )
            )
        coops.append(
            CooperativeCoverage(
                cooperative=k.id,
                kelurahan=k.kelurahan,
                kecamatan=k.kecamatan,
                placed=sum(x.placed for x in needs),
                required=sum(x.min for x in needs),
                covered=sum(x.covered for x in needs),
                max_staff=k.max_staff,
                needs=tuple(needs),
            )
        )
    caps = [(o.released, o.headcount - o.min_staff) for o in impacts]
    per_kec = kecamatan_shortfalls((c.kecamatan, c.required, c.covered) for c in coops)
    fairness = FairnessReport(
        opd_burden_index=burden_index(caps),
        opd_max_share=max((r / cap for r, cap in caps if cap > 0), default=0.0),
        kecamatan_shortfall_index=shortfall_index(per_kec),
        kecamatan_min_share=min(
            (cov / req for req, cov in per_kec.values() if req > 0), default=1.0
        ),
    )
    return Plan(
        status=status,
        scenario=s.name,
        scenario_sha256=s.sha256,
        coverage=coverage,
        fit=fit,
        required_seats=int(net.need_min.sum()),
        bound=bound,
        gap=gap,
        assignments=assignments,
        opd_impact=tuple(impacts),
        cooperatives=tuple(coops),
        conflicts=conflicts,
        fairness=fairness,
        solver=solver,
        timings=timings,
    )
