"""Every example runs, so examples cannot rot; the shipped Pekalongan file matches its generator."""

from __future__ import annotations

import json
import runpy
import sys

import pytest

import penempatan as pn
from penempatan.datasets import pekalongan_data
from tests.factory import EXAMPLES


def test_pekalongan_json_is_what_the_generator_makes() -> None:
    """examples/pekalongan.json is exactly pekalongan_data(), so the two cannot drift apart."""
    shipped = json.loads((EXAMPLES / "pekalongan.json").read_text(encoding="utf-8"))
    assert shipped == pekalongan_data()


def test_pekalongan_workbook_is_the_same_scenario() -> None:
    """examples/pekalongan.xlsx reads as exactly the scenario of examples/pekalongan.json."""
    pytest.importorskip("openpyxl")
    workbook = pn.load_scenario(EXAMPLES / "pekalongan.xlsx")
    assert workbook.sha256 == pn.load_scenario(EXAMPLES / "pekalongan.json").sha256


def test_pekalongan_example_runs_and_verifies(
    capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    """The demo script solves the real 27 kelurahan and reports a verified plan, in
    Indonesian by default and in English with --lang en."""
    monkeypatch.delenv("PENEMPATAN_LANG", raising=False)
    monkeypatch.setattr(sys, "argv", ["pekalongan.py"])
    with pytest.raises(SystemExit) as exc:
        runpy.run_path(str(EXAMPLES / "pekalongan.py"), run_name="__main__")
    assert exc.value.code == 0
    out = capsys.readouterr().out
    assert "Status OPTIMAL" in out
    assert "verify: rencana mematuhi setiap aturan spesifikasi" in out
    assert out.count("Kecamatan Pekalongan") >= 4
    monkeypatch.setattr(sys, "argv", ["pekalongan.py", "--lang", "en"])
    with pytest.raises(SystemExit) as exc:
        runpy.run_path(str(EXAMPLES / "pekalongan.py"), run_name="__main__")
    assert exc.value.code == 0
    out = capsys.readouterr().out
    assert "Status OPTIMAL" in out
    assert "verify: the plan obeys every rule of the spec" in out


def test_pekalongan_is_city_sized_with_binding_floors() -> None:
    """The example has 27 cooperatives in 4 kecamatan, ~35 OPD, and floors that bind."""
    s = pn.load_scenario(EXAMPLES / "pekalongan.json")
    assert len(s.cooperatives) == 27
    assert len({k.kecamatan for k in s.cooperatives}) == 4
    assert 30 <= len(s.opds) <= 40
    assert 300 <= len(s.candidates) <= 400
    assert all(k.max_staff is not None and k.max_staff <= 3 for k in s.cooperatives)
    plan = pn.solve(s)
    assert plan.status is pn.Status.OPTIMAL
    assert any(o.binding and o.released > 0 for o in plan.opd_impact)
    assert plan.coverage < plan.required_seats  # some seats cannot be filled: an honest example


def test_pekalongan_rules_example_is_generated_solved_and_verified() -> None:
    """examples/pekalongan_rules.json is the city plus its local rules; its plan is proven
    optimal, keeps every rule, and the rules cost fit against the plan without them."""
    from penempatan.datasets import pekalongan_rules_data

    shipped = json.loads((EXAMPLES / "pekalongan_rules.json").read_text(encoding="utf-8"))
    assert shipped == pekalongan_rules_data()
    s = pn.load_scenario(EXAMPLES / "pekalongan_rules.json")
    assert {r.id for r in s.rules} >= {"perempuan", "satu-opd", "pasangan-1", "kecamatan-min"}
    plan = pn.solve(s)
    assert plan.status is pn.Status.OPTIMAL and pn.verify(s, plan) == []
    free = pn.solve(pn.load_scenario(EXAMPLES / "pekalongan.json"), explain=False)
    assert (plan.coverage, plan.fit) < (free.coverage, free.fit)
