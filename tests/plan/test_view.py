"""The notebook view of a plan: summary and tables, escaped user strings, conflicts in words."""

from __future__ import annotations

import pytest

import penempatan as pn
from penempatan.plan._pseudonym import mask_nip
from penempatan.plan._view import conflict_text, plan_html
from tests.factory import EXAMPLES, hostile_scenario_data, infeasible_scenario_data


@pytest.fixture(scope="module")
def pekalongan() -> tuple[pn.Scenario, pn.Plan]:
    """The Kota Pekalongan example and its plan (not explained)."""
    s = pn.load_scenario(EXAMPLES / "pekalongan.json")
    return s, pn.solve(s)


def test_view_escapes_every_user_string() -> None:
    """No tag from the scenario survives into the notebook view."""
    s = pn.parse_scenario(hostile_scenario_data())
    view = plan_html(pn.solve(s))
    assert "<script>" not in view and "<b>" not in view and "&lt;b&gt;" in view


def test_repr_html_shows_summary_and_tables(pekalongan: tuple[pn.Scenario, pn.Plan]) -> None:
    """Plan._repr_html_ gives the summary, who goes where, coverage and OPD tables, no full NIP."""
    s, plan = pekalongan
    view = pn.explain_plan(s, plan)._repr_html_()
    assert view.startswith('<div class="penempatan-plan">')
    # who goes where, kecamatan, cooperatives, OPD, reason codes
    assert view.count("<table>") == 5
    assert all(mask_nip(a.candidate) in view for a in plan.assignments)
    assert view.index("Siapa ditempatkan di mana") < view.index("Cakupan per kecamatan")
    assert view.rindex("SHA-256") > view.index("Dampak pada OPD")  # the audit last
    assert "SETDA" in view and "Pekalongan Barat" in view
    assert [c.nip for c in s.candidates if c.nip in view] == []


def test_conflicts_are_worded_in_both_languages() -> None:
    """Each conflict reads differently in id and en, with the limit from the scenario or solver."""
    s = pn.parse_scenario(infeasible_scenario_data())
    plan = pn.solve(s)
    c = plan.conflicts[0]
    assert conflict_text(c, "id", s) != conflict_text(c, "en", s)
    assert "mengizinkan 1" in conflict_text(c, "id", s)
    assert "allows 1" in conflict_text(c, "en", s)
    assert "mengizinkan 1" in plan._repr_html_()  # no scenario there: limit from the solver
    twice = pn.Conflict(constraints=("locks[0]", "locks[1]"), message="x")
    assert "dua kali" in conflict_text(twice, "id") and "twice" in conflict_text(twice, "en")
