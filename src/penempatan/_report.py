"""A plain-text report of a plan: who goes where, kecamatan by kecamatan, and what it costs the OPD.

The report reads only the scenario and the plan. Names and NIPs are personal
data: with ``pseudonymise_key`` they are replaced by pseudonyms.
"""

from __future__ import annotations

from collections import defaultdict

from penempatan._models import Scenario
from penempatan._plan import Plan
from penempatan._privacy import pseudonym


def text_report(scenario: Scenario, plan: Plan, *, pseudonymise_key: str | None = None) -> str:
    """The plan as text: summary, placements per kecamatan and kelurahan, OPD floors."""
    cands = {c.nip: c for c in scenario.candidates}
    opd_names = {o.id: o.name for o in scenario.opds}

    def who(nip: str) -> str:
        if pseudonymise_key is not None:
            return pseudonym(nip, pseudonymise_key)
        c = cands.get(nip)
        return f"{c.name} ({nip})" if c is not None else nip

    lines = [plan.summary(), ""]
    by_coop = defaultdict(list)
    for a in plan.assignments:
        by_coop[a.cooperative].append(a)
    by_kec = defaultdict(list)
    for cov in plan.cooperatives:
        by_kec[cov.kecamatan].append(cov)
    for kec in sorted(by_kec):
        coops = by_kec[kec]
        covered = sum(c.covered for c in coops)
        required = sum(c.required for c in coops)
        lines.append(f"Kecamatan {kec}: {covered} of {required} required seats filled")
        for cov in sorted(coops, key=lambda c: c.kelurahan):
            short = f", short {cov.required - cov.covered}" if cov.covered < cov.required else ""
            lines.append(f"  {cov.kelurahan} ({cov.cooperative}): {cov.placed} placed{short}")
            for a in by_coop.get(cov.cooperative, []):
                home = cands[a.candidate].opd if a.candidate in cands else "?"
                lines.append(f"    {a.role:<14} {who(a.candidate)}  from {home}, score {a.score}")
        lines.append("")
    lines.append("OPD floors (released / candidates; remaining vs floor):")
    for o in plan.opd_impact:
        if o.candidates == 0:
            continue
        mark = "  BINDING" if o.binding else ""
        lines.append(
            f"  {o.opd:<14} {o.released:>3} / {o.candidates:<3} remaining {o.remaining:>4}, "
            f"floor {o.min_staff:>4}, slack {o.slack:>3}{mark}  {opd_names.get(o.opd, '')}"
        )
        for p in o.positions:
            pmark = "  BINDING" if p.binding else ""
            lines.append(
                f"      {p.name:<18} released {p.released:>3}, remaining {p.remaining:>4}, "
                f"floor {p.min_staff:>4}{pmark}"
            )
    return "\n".join(lines)
