"""The rules' groups over the network's triples (rules/_rule_groups.py) against the spec.

Each rule's groups are derived here again one triple at a time, in plain Python,
from the spec's wording: the vectorised groups must be the same groups, in the
same order, with the same triples.
"""

from __future__ import annotations

from collections import defaultdict
from typing import Any

import numpy as np
import pytest
from hypothesis import HealthCheck, given, settings

import penempatan as pn
from penempatan.rules._local import group_of, part_of
from penempatan.rules._network import build_network
from penempatan.rules._rule_groups import rule_groups
from penempatan.scenario import filter_matches
from tests.strategies import scenario_data

GroupKey = tuple[int, str, str]


def _groups_one_by_one(net: Any) -> list[tuple[GroupKey, str, int, int, list[int], list[int]]]:
    """(rule, group, part), kind, count, threshold, counted, members — from the spec."""
    s = net.scenario
    out = []
    for ri, rule in enumerate(s.rules):
        counted: dict[tuple[str, str], list[int]] = defaultdict(list)
        members: dict[str, list[int]] = defaultdict(list)
        for t in range(net.n_triples):
            k = s.cooperatives[int(net.t_coop[t])]
            c = s.candidates[int(net.t_cand[t])]
            g = group_of(rule, k)
            members[g].append(t)
            p = part_of(rule, c)
            if p is not None and filter_matches(rule.of, c):
                counted[(g, p)].append(t)
        distinct = {key: len({int(net.t_cand[t]) for t in ts}) for key, ts in counted.items()}
        if rule.kind == "at_most":
            parts = sorted({p for c in s.candidates if (p := part_of(rule, c)) is not None})
            labels = sorted({group_of(rule, k) for k in s.cooperatives})
            for g in labels:
                for p in parts:
                    if distinct.get((g, p), 0) > rule.count:
                        out.append(((ri, g, p), "at_most", rule.count, 0, counted[(g, p)], []))
            continue
        for g in sorted({group_of(rule, k) for k in s.cooperatives}):
            everyone = members.get(g, [])
            if rule.threshold > 0 and len({int(net.t_cand[t]) for t in everyone}) < rule.threshold:
                continue
            mine = [t for t in everyone if t in set(counted.get((g, ""), []))]
            kept = everyone if rule.threshold > 0 else []
            out.append(((ri, g, ""), "at_least", rule.count, rule.threshold, mine, kept))
    return out


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(scenario_data(with_rules=True))
def test_the_groups_are_the_specs_one_by_one(data: dict[str, Any]) -> None:
    net = build_network(pn.parse_scenario(data))
    got = [
        (
            (g.rule, g.group, g.part),
            g.kind,
            g.count,
            g.threshold,
            g.counted.tolist(),
            g.members.tolist(),
        )
        for g in rule_groups(net)
    ]
    assert got == _groups_one_by_one(net)


def test_the_groups_are_found_once_per_network_and_cannot_be_written() -> None:
    from pathlib import Path

    scenario = pn.load_scenario(
        Path(__file__).resolve().parents[2] / "examples" / "pekalongan_rules.json"
    )
    net = build_network(scenario)
    first, again = rule_groups(net), rule_groups(net)
    assert first and first is not again and all(a is b for a, b in zip(first, again, strict=True))
    with pytest.raises(ValueError, match="read-only"):
        first[0].counted[0] = 0
    other = rule_groups(build_network(scenario))  # another network: found again, equal
    assert [g.counted.tolist() for g in other] == [g.counted.tolist() for g in first]
    assert all(np.array_equal(a.members, b.members) for a, b in zip(other, first, strict=True))
