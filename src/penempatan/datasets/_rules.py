"""Local rules of every form for a generated scenario (benchmarks, tests, the rules example).

:func:`local_rules` draws, from a scenario's own records and a seed, one rule
of each form the spec allows, the ones regions ask for:

* ``perempuan``: at least one woman in every cooperative with two or more staff;
* ``satu-opd``: no two staff from the same OPD in one cooperative (``group_by`` opd);
* ``satu-jabatan``: at most two of one position in one cooperative (``group_by`` position);
* ``pendidikan``: at most two of one education level per cooperative (``group_by`` education);
* ``sarjana``: at most two S1-or-higher per cooperative (``min_education``);
* ``usulan``: at most half the staff of a kecamatan nominated (``nominated``, per kecamatan);
* ``tiga-opd``: a cap on the staff taken from the three largest OPD (``per`` all, ``opds``);
* ``pasangan-N``: couples never in the same cooperative (``candidates``);
* ``kecamatan-min``: a minimum of placements in every kecamatan (``if_staffed`` 0).

Counts are chosen so that the rules bite without making the scenario
infeasible on the generator's scenarios. Same scenario and seed, same rules.
"""

from __future__ import annotations

from collections import Counter
from typing import Any

import numpy as np

from penempatan.scenario import Scenario


def local_rules(s: Scenario, *, couples: int = 10, seed: int = 0) -> list[dict[str, Any]]:
    """The rules of the module docstring for ``s``, as JSON data for ``Scenario.with_rule``."""
    rng = np.random.default_rng(seed)
    rules: list[dict[str, Any]] = [
        {"id": "perempuan", "kind": "at_least", "count": 1, "of": {"sex": "female"},
         "if_staffed": 2},
        {"id": "satu-opd", "kind": "at_most", "count": 1, "group_by": "opd"},
        {"id": "satu-jabatan", "kind": "at_most", "count": 2, "group_by": "position"},
        {"id": "pendidikan", "kind": "at_most", "count": 2, "group_by": "education"},
        {"id": "sarjana", "kind": "at_most", "count": 2, "of": {"min_education": "S1"}},
    ]  # fmt: skip
    seats: Counter[str] = Counter()
    for k in s.cooperatives:
        seats[k.kecamatan] += sum(n.min for n in k.needs)
    smallest = min(seats.values(), default=0)
    rules.append(
        {"id": "usulan", "kind": "at_most", "count": max(1, smallest // 2), "per": "kecamatan",
         "of": {"nominated": True}}
    )  # fmt: skip
    per_opd = Counter(c.opd for c in s.candidates)
    big = [o for o, _ in sorted(per_opd.items(), key=lambda kv: (-kv[1], kv[0]))[:3]]
    if big:
        cap = max(1, sum(per_opd[o] for o in big) // 8)
        rules.append(
            {"id": "tiga-opd", "kind": "at_most", "count": cap, "per": "all",
             "of": {"opds": big}}
        )  # fmt: skip
    nips = [c.nip for c in s.candidates]
    if len(nips) >= 2:
        picked = rng.permutation(len(nips))[: 2 * min(couples, len(nips) // 2)]
        for j in range(picked.size // 2):
            pair = sorted([nips[int(picked[2 * j])], nips[int(picked[2 * j + 1])]])
            rules.append(
                {"id": f"pasangan-{j + 1}", "kind": "at_most", "count": 1,
                 "of": {"candidates": pair}}
            )  # fmt: skip
    if seats:
        rules.append(
            {"id": "kecamatan-min", "kind": "at_least", "count": max(1, smallest // 3),
             "per": "kecamatan", "if_staffed": 0}
        )  # fmt: skip
    return rules


def with_local_rules(s: Scenario, *, couples: int = 10, seed: int = 0) -> Scenario:
    """``s`` with the rules of :func:`local_rules` (one of every form)."""
    data = s.model_dump(mode="json")
    data["rules"] = local_rules(s, couples=couples, seed=seed)
    return type(s).model_validate(data)


#: The local rules of the Kota Pekalongan example with rules (``examples/pekalongan_rules.json``).
PEKALONGAN_RULES: list[dict[str, Any]] = [
    {"id": "perempuan", "kind": "at_least", "count": 1, "of": {"sex": "female"}, "if_staffed": 2},
    {"id": "satu-opd", "kind": "at_most", "count": 1, "group_by": "opd"},
    {"id": "pasangan-1", "kind": "at_most", "count": 1,
     "of": {"candidates": ["199009292022212851", "199603112019222266"]}},
    {"id": "sarjana", "kind": "at_most", "count": 2, "of": {"min_education": "S1"}},
    {"id": "kecamatan-min", "kind": "at_least", "count": 12, "per": "kecamatan", "if_staffed": 0},
]  # fmt: skip


def pekalongan_rules_data() -> dict[str, Any]:
    """The Kota Pekalongan example (:func:`pekalongan_data`) with :data:`PEKALONGAN_RULES`."""
    from penempatan.datasets._generator import pekalongan_data

    data = pekalongan_data()
    data["rules"] = [dict(r) for r in PEKALONGAN_RULES]
    return data
