"""`penempatan explain`: a report on standard output or in a file, pseudonyms, exit statuses."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

import penempatan as pn
from penempatan.cli import _main as _cli
from penempatan.datasets import generate
from tests.factory import infeasible_scenario_data, pseudonym, tiny_scenario_data


@pytest.fixture(autouse=True)
def _indonesian_default(monkeypatch: pytest.MonkeyPatch) -> None:
    """explain reads Bahasa Indonesia by default: no language set for these tests."""
    monkeypatch.delenv("PENEMPATAN_LANG", raising=False)


def write(path: Path, data: Any) -> Path:
    path.write_text(data if isinstance(data, str) else json.dumps(data), encoding="utf-8")
    return path


def run(capsys: pytest.CaptureFixture[str], *argv: str | Path) -> tuple[int, str, str]:
    """Run the CLI in-process; return exit status, standard output and standard error."""
    code = _cli.main([str(a) for a in argv])
    out, err = capsys.readouterr()
    return code, out, err


@pytest.fixture
def files(tmp_path: Path) -> tuple[Path, Path]:
    """A scenario file and its plan file."""
    s = pn.parse_scenario(tiny_scenario_data())
    scen = write(tmp_path / "s.json", tiny_scenario_data())
    plan = write(tmp_path / "p.json", pn.solve(s).to_json())
    return scen, plan


def test_cli_explain_writes_a_report(
    capsys: pytest.CaptureFixture[str], files: tuple[Path, Path], tmp_path: Path
) -> None:
    """`penempatan explain` prints Markdown in Indonesian by default, or writes HTML to -o."""
    scen, plan = files
    code, out, _ = run(capsys, "explain", scen, plan)
    assert code == 0 and out.startswith("# Penjelasan rencana penempatan")
    target = tmp_path / "r.html"
    code, out, _ = run(
        capsys, "explain", scen, plan, "--lang", "en", "--format", "html", "-o", target
    )
    assert code == 0 and out == ""
    assert target.read_text(encoding="utf-8").startswith("<!DOCTYPE html>")


def test_cli_explain_candidate_and_pseudonyms(
    capsys: pytest.CaptureFixture[str], files: tuple[Path, Path]
) -> None:
    """--candidate adds a section; --pseudonymise leaves no NIP in the output."""
    scen, plan = files
    s = pn.parse_scenario(tiny_scenario_data())
    nip = s.candidates[3].nip
    code, out, _ = run(capsys, "explain", scen, plan, "--candidate", nip, "--pseudonymise", "k")
    assert code == 0 and pseudonym(nip, "k") in out
    assert [c.nip for c in s.candidates if c.nip in out] == []
    assert "jabatan Perawat dikecualikan" in out


@pytest.mark.parametrize(
    "case",
    ["bad_scenario", "bad_plan", "other_plan", "unknown_candidate", "bad_lang", "overwrite"],
)
def test_cli_explain_invalid_input_exits_2(
    capsys: pytest.CaptureFixture[str], files: tuple[Path, Path], tmp_path: Path, case: str
) -> None:
    """Invalid input exits 2 with a message and no traceback, and writes nothing."""
    scen, plan = files
    args: list[str | Path] = ["explain", scen, plan]
    if case == "bad_scenario":
        args[1] = write(tmp_path / "bad.json", {"format": "penempatan/scenario@1"})
    elif case == "bad_plan":
        args[2] = write(tmp_path / "bad_plan.json", "{not json")
    elif case == "other_plan":
        other = generate(n_cooperatives=3, n_candidates=10, seed=1)
        args[2] = write(tmp_path / "other.json", pn.solve(other).to_json())
    elif case == "unknown_candidate":
        args += ["--candidate", "199001012024211999"]
    elif case == "bad_lang":
        args += ["--lang", "fr"]
    else:
        args += ["-o", plan]
    before = plan.read_bytes()
    code, out, err = run(capsys, *args)
    assert code == 2
    assert out == "" and "Traceback" not in err and err.strip()
    assert plan.read_bytes() == before


def test_cli_explain_infeasible_plan_exits_0(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    """Explaining an infeasible plan is a success: the report shows the conflicts."""
    s = pn.parse_scenario(infeasible_scenario_data())
    plan = pn.solve(s)
    scen = write(tmp_path / "s.json", s.model_dump(mode="json"))
    p = write(tmp_path / "p.json", plan.to_json())
    code, out, _ = run(capsys, "explain", scen, p, "--lang", "en")
    assert code == 0 and "## Conflicts" in out


@pytest.mark.parametrize(
    ("name", "start"),
    [("r.html", "<!DOCTYPE html>"), ("r.txt", "Penjelasan rencana"), ("r.md", "# Penjelasan")],
)
def test_report_format_follows_the_output_suffix(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], name: str, start: str
) -> None:
    """Without --format, -o report.html writes HTML, .txt plain text, .md Markdown."""
    scenario = write(tmp_path / "s.json", tiny_scenario_data())
    plan = tmp_path / "plan.json"
    assert _cli.main(["solve", str(scenario), "-o", str(plan), "-q"]) == 0
    out = tmp_path / name
    assert _cli.main(["explain", str(scenario), str(plan), "-o", str(out), "--no-prices"]) == 0
    assert out.read_text(encoding="utf-8").startswith(start)
