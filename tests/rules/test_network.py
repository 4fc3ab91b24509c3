"""build_network(): exactly the permitted triples with their scores, and the capacities of rule 6.

The triples are re-derived one by one from the spec's rules (eligibility, skill,
distance, forbidden pairs, the fit table) and compared with the network's arrays.
"""

from __future__ import annotations

from typing import Any

from hypothesis import HealthCheck, given, settings

import penempatan as pn
from penempatan.rules import check_distance, default_score, ineligibility, qualifies
from penempatan.rules._network import build_network
from tests.factory import tiny_scenario_data
from tests.strategies import scenario_data

Triple = tuple[str, str, str, int]  # candidate NIP, cooperative id, role, score


def permitted(s: pn.Scenario) -> list[Triple]:
    """Every (candidate, cooperative, role, score) the spec permits, candidate by candidate."""
    fit = None if s.fit is None else {(f.candidate, f.cooperative, f.role): f.score for f in s.fit}
    forbidden = {(f.candidate, f.cooperative) for f in s.forbidden}
    out: list[Triple] = []
    for c in s.candidates:
        if ineligibility(c, s):
            continue
        for k in s.cooperatives:
            if (c.nip, k.id) in forbidden or check_distance(c, k, s.policy) is not None:
                continue
            for need in k.needs:
                if not qualifies(c, need):
                    continue
                if fit is None:
                    out.append((c.nip, k.id, need.role, default_score(c, k, need.role).total))
                elif (c.nip, k.id, need.role) in fit:
                    out.append((c.nip, k.id, need.role, fit[(c.nip, k.id, need.role)]))
    return out


def triples(net: pn.Network) -> list[Triple]:
    s = net.scenario
    return [
        (
            s.candidates[c].nip,
            s.cooperatives[int(net.need_coop[n])].id,
            net.need_role[n],
            sc,
        )
        for c, n, sc in zip(
            net.t_cand.tolist(), net.t_need.tolist(), net.t_score.tolist(), strict=True
        )
    ]


def test_the_tiny_scenario_network() -> None:
    """Four candidates, three needs: the nurse is excluded, each other has its qualified needs."""
    s = pn.parse_scenario(tiny_scenario_data())
    net = build_network(s)
    assert triples(net) == permitted(s)
    assert net.need_role == ("pengelola", "apotek", "pengelola")
    assert net.need_min.tolist() == [1, 1, 1] and net.need_max.tolist() == [2, 1, 1]
    assert net.coop_cap.tolist() == [3, -1]  # Kauman has no max_staff
    assert net.opd_release.tolist() == [3, 10]  # headcount - min_staff
    assert net.position_name == ("Perawat", "Administrasi")
    assert net.position_release.tolist() == [2, 1]
    assert net.cand_position.tolist() == [-1, -1, 1, 0]
    assert set(net.ineligible) == {3}
    assert [r.code for r in net.ineligible[3]] == ["ineligible.position"]


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(scenario_data())
def test_triples_are_exactly_the_permitted_ones(data: dict[str, Any]) -> None:
    """The network holds every permitted triple once, with its score, sorted, and nothing else."""
    s = pn.parse_scenario(data)
    net = build_network(s)
    assert triples(net) == permitted(s)
    keys = list(zip(net.t_cand.tolist(), net.t_need.tolist(), strict=True))
    assert keys == sorted(set(keys))
    for t, (c, n) in enumerate(keys):
        assert net.triple_of(c, n) == t


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(scenario_data())
def test_triple_of_refuses_what_is_not_permitted(data: dict[str, Any]) -> None:
    """triple_of() is -1 for every (candidate, need) pair that is not a permitted triple."""
    s = pn.parse_scenario(data)
    net = build_network(s)
    present = set(zip(net.t_cand.tolist(), net.t_need.tolist(), strict=True))
    for c in range(len(s.candidates)):
        for n in range(len(net.need_role)):
            assert (net.triple_of(c, n) >= 0) == ((c, n) in present)
