"""`penempatan diff A B [--scenario S]`: the diff of two plan files, and bad input."""

from __future__ import annotations

from pathlib import Path

import pytest

import penempatan as pn
from penempatan.cli import _main as _cli
from tests.factory import EXAMPLES


@pytest.fixture(scope="module")
def plans() -> tuple[pn.Scenario, pn.Plan, pn.Plan]:
    """The Pekalongan example, its plan, and the plan with KEC-SELATAN's floor lowered by 2."""
    s = pn.load_scenario(EXAMPLES / "pekalongan.json")
    opd = "KEC-SELATAN"
    lowered = s.with_floor(opd, s.opds[s.opd_index[opd]].min_staff - 2)
    return s, pn.solve(s), pn.solve(lowered)


def test_cli_diff_prints_the_diff(
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
    plans: tuple[pn.Scenario, pn.Plan, pn.Plan],
) -> None:
    """``penempatan diff A B --scenario S`` prints moves with names and exits 0; so without -s."""
    s, base, lowered = plans
    a, b = tmp_path / "a.json", tmp_path / "b.json"
    a.write_text(base.to_json(), encoding="utf-8")
    b.write_text(lowered.to_json(), encoding="utf-8")
    d = pn.compare(base, lowered, scenario=s)
    assert _cli.main(["diff", str(a), str(b), "--scenario", str(EXAMPLES / "pekalongan.json")]) == 0
    out = capsys.readouterr().out
    assert out.strip() == str(d)
    assert d.moved[0].name is not None and d.moved[0].name in out
    assert _cli.main(["diff", str(a), str(a)]) == 0
    assert "no differences" in capsys.readouterr().out


def test_cli_diff_bad_input_exits_2(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """A missing or malformed plan file exits 2 with a message naming the file, no traceback."""
    bad = tmp_path / "bad.json"
    bad.write_text('{"format": "penempatan/plan@1"}', encoding="utf-8")
    assert _cli.main(["diff", str(bad), str(bad)]) == 2
    err = capsys.readouterr().err
    assert "bad.json" in err and "Traceback" not in err
    assert _cli.main(["diff", str(tmp_path / "missing.json"), str(bad)]) == 2
    assert "cannot read" in capsys.readouterr().err
