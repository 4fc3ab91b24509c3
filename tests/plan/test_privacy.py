"""pseudonymise_plan(): every NIP in a plan replaced by its pseudonym, nothing else changed."""

from __future__ import annotations

import pytest

import penempatan as pn
from penempatan.datasets import generate
from tests.factory import EXAMPLES, pseudonym


@pytest.fixture(scope="module")
def replanned() -> tuple[pn.Scenario, pn.Plan]:
    """Pekalongan re-planned after one placement is forbidden: assignments, unplaced, short
    needs, reasons naming people, and a re-plan report with a forced change."""
    s = pn.load_scenario(EXAMPLES / "pekalongan.json")
    before = pn.solve(s)
    data = s.model_dump(mode="json")
    first = before.assignments[0]
    data["forbidden"] = [{"candidate": first.candidate, "cooperative": first.cooperative}]
    changed = pn.parse_scenario(data)
    return changed, pn.solve(changed, previous=before, fit_tolerance=1.0)


def test_no_nip_is_left_anywhere(replanned: tuple[pn.Scenario, pn.Plan]) -> None:
    """The plan file holds no NIP of the scenario, in records, values or sentences."""
    s, plan = replanned
    assert plan.replan is not None and plan.replan.forced  # the case covers forced changes
    text = pn.pseudonymise_plan(plan, "kunci").to_json()
    assert [c.nip for c in s.candidates if c.nip in text] == []
    assert [c.nip for c in s.candidates if c.nip in plan.to_json()]  # it could have failed


def test_each_nip_becomes_its_documented_pseudonym(replanned: tuple[pn.Scenario, pn.Plan]) -> None:
    """Each NIP becomes its documented HMAC pseudonym, in order; every number stays as it was."""
    _, plan = replanned
    key = "kunci"
    out = pn.pseudonymise_plan(plan, key)
    assert [a.candidate for a in out.assignments] == [
        pseudonym(a.candidate, key) for a in plan.assignments
    ]
    assert [u.candidate for u in out.unplaced] == [
        pseudonym(u.candidate, key) for u in plan.unplaced
    ]
    assert plan.replan is not None and out.replan is not None
    assert [f.candidate for f in out.replan.forced] == [
        pseudonym(f.candidate, key) for f in plan.replan.forced
    ]
    for a, b in zip(plan.assignments, out.assignments, strict=True):
        assert (a.cooperative, a.role, a.score) == (b.cooperative, b.role, b.score)
        assert [r.code for r in a.reasons] == [r.code for r in b.reasons]
    same = {"status", "coverage", "fit", "required_seats", "opd_impact", "cooperatives"}
    assert {k: getattr(out, k) for k in same} == {k: getattr(plan, k) for k in same}


def test_keys_matter_and_the_original_is_untouched() -> None:
    """The same key gives the same plan, another key other pseudonyms; an empty key is refused."""
    s = generate(n_cooperatives=6, n_candidates=40, seed=2)
    plan = pn.solve(s)
    before = plan.to_json()
    a, b = pn.pseudonymise_plan(plan, "k1"), pn.pseudonymise_plan(plan, "k1")
    assert a.to_json() == b.to_json()
    other = pn.pseudonymise_plan(plan, "k2")
    assert {x.candidate for x in a.unplaced}.isdisjoint({x.candidate for x in other.unplaced})
    assert plan.to_json() == before
    with pytest.raises(ValueError, match="empty"):
        pn.pseudonymise_plan(plan, "")
