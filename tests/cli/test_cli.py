"""The ``penempatan`` command line: exit codes, messages, and files written or left alone."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

import penempatan as pn
from penempatan.cli import _main as _cli
from tests.factory import EXAMPLES, ROOT, candidate, tiny_scenario_data

Data = dict[str, Any]
OLD_MTIME_NS = 1_000_000_000 * 1_000_000_000  # 2001-09-09, well in the past


def write_json(path: Path, data: Any) -> Path:
    """Write ``data`` as JSON to ``path`` with an old mtime, and return the path."""
    path.write_text(json.dumps(data, indent=2), encoding="utf-8")
    os.utime(path, ns=(OLD_MTIME_NS, OLD_MTIME_NS))
    return path


def run(capsys: pytest.CaptureFixture[str], *argv: str | Path) -> tuple[int, str, str]:
    """Run the CLI in-process; return exit status, standard output and standard error."""
    code = _cli.main([str(a) for a in argv])
    out, err = capsys.readouterr()
    return code, out, err


def fingerprint(path: Path) -> tuple[bytes, int]:
    """The bytes and modification time of a file."""
    return path.read_bytes(), path.stat().st_mtime_ns


def invalid_field(d: Data) -> None:
    d["candidates"][2]["nip"] = "19900115202421100X"


def old_locked_candidate(d: Data) -> None:
    old = candidate(5, birth_date="1969-03-01")
    d["candidates"].append(old)
    d["locks"] = [{"candidate": old["nip"], "cooperative": "KKMP-MEDONO", "role": "pengelola"}]


def two_locks_over_the_floor(d: Data) -> None:
    d["opds"][0]["min_staff"] = 19
    d["locks"] = [
        {"candidate": d["candidates"][0]["nip"], "cooperative": "KKMP-MEDONO", "role": "pengelola"},
        {"candidate": d["candidates"][1]["nip"], "cooperative": "KKMP-KAUMAN", "role": "pengelola"},
    ]


@pytest.fixture
def scenario_file(tmp_path: Path) -> Path:
    """The tiny valid scenario as a file."""
    return write_json(tmp_path / "scenario.json", tiny_scenario_data())


@pytest.fixture
def plan_file(tmp_path: Path, scenario_file: Path, capsys: pytest.CaptureFixture[str]) -> Path:
    """A plan solved from ``scenario_file`` by the CLI."""
    plan = tmp_path / "plan.json"
    code, _, _ = run(capsys, "solve", scenario_file, "-o", plan)
    assert code == 0
    return plan


# solve


def test_solve_writes_plan_to_stdout(
    scenario_file: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """solve without -o prints an OPTIMAL plan@1 for the scenario and a summary on stderr."""
    code, out, err = run(capsys, "solve", scenario_file)
    assert code == 0
    plan = json.loads(out)
    assert plan["format"] == "penempatan/plan@1"
    assert plan["status"] == "OPTIMAL"
    assert plan["scenario_sha256"] == pn.load_scenario(scenario_file).sha256
    assert plan["coverage"] == 3
    assert len(plan["assignments"]) == 3
    assert "Status OPTIMAL" in err
    assert "Traceback" not in err


def test_solve_no_explain_leaves_reasons_out_and_explain_adds_them(
    tmp_path: Path, scenario_file: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """--no-explain writes the same placements without reasons; the report still explains."""
    with_reasons, without = tmp_path / "a.json", tmp_path / "b.json"
    assert run(capsys, "solve", scenario_file, "-o", with_reasons)[0] == 0
    assert run(capsys, "solve", scenario_file, "-o", without, "--no-explain")[0] == 0
    a, b = json.loads(with_reasons.read_text()), json.loads(without.read_text())
    assert [x["candidate"] for x in a["assignments"]] == [x["candidate"] for x in b["assignments"]]
    assert all(x["reasons"] for x in a["assignments"])
    assert not any(x["reasons"] for x in b["assignments"]) and not b["unplaced"]
    code, out, _ = run(capsys, "explain", scenario_file, without, "--lang", "en")
    _, expected, _ = run(capsys, "explain", scenario_file, with_reasons, "--lang", "en")
    assert code == 0 and out == expected


def test_solve_cpsat_starts_from_the_flow_optimum_unless_told_not_to(
    scenario_file: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """--engine cpsat records its warm start; --no-warm-start records none."""
    warm = json.loads(run(capsys, "solve", scenario_file, "--engine", "cpsat")[1])
    cold_argv = ("solve", scenario_file, "--engine", "cpsat", "--no-warm-start")
    cold = json.loads(run(capsys, *cold_argv)[1])
    assert warm["solver"]["hint"] == "min_cost_flow"
    assert cold["solver"]["hint"] is None
    assert (warm["coverage"], warm["fit"]) == (cold["coverage"], cold["fit"])


def test_evaluate_scores_a_plan_file_or_a_placement_list(
    tmp_path: Path, scenario_file: Path, plan_file: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """evaluate reads the placements of a plan file or a bare list, and writes a FEASIBLE
    plan with the same coverage and fit; a placement breaking a rule exits 2, writes
    nothing."""
    solved = json.loads(plan_file.read_text())
    out = tmp_path / "given.json"
    code, _, err = run(capsys, "evaluate", scenario_file, plan_file, "-o", out, "--label", "x")
    assert code == 0, err
    given = json.loads(out.read_text())
    assert (given["status"], given["coverage"], given["fit"]) == (
        "FEASIBLE",
        solved["coverage"],
        solved["fit"],
    )
    assert given["solver"]["engine"] == "given"
    rows = [{k: a[k] for k in ("candidate", "cooperative", "role")} for a in solved["assignments"]]
    listed = write_json(tmp_path / "rows.json", rows[:1])
    code, text, _ = run(capsys, "evaluate", scenario_file, listed, "-q")
    assert code == 0 and json.loads(text)["fit"] == solved["assignments"][0]["score"]
    twice = write_json(
        tmp_path / "twice.json", [rows[0], {**rows[1], "candidate": rows[0]["candidate"]}]
    )
    bad_out = tmp_path / "bad.json"
    code, _, err = run(capsys, "evaluate", scenario_file, twice, "-o", bad_out)
    assert code == 2 and "invalid placements" in err and "Traceback" not in err
    assert not bad_out.exists()
    code, _, err = run(capsys, "evaluate", scenario_file, plan_file, "-o", plan_file)
    assert code == 2 and "input file" in err


def test_solve_with_fairness_reports_its_stages(
    scenario_file: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """--fairness adds the fairness levels after the spec's optimum; the plan keeps
    coverage and fit at tolerance 0 and reports each stage with its bound."""
    plain = json.loads(run(capsys, "solve", scenario_file)[1])
    code, out, err = run(capsys, "solve", scenario_file, "--fairness", "both")
    assert code == 0, err
    fair = json.loads(out)
    assert (fair["coverage"], fair["fit"]) == (plain["coverage"], plain["fit"])
    names = [st["name"] for st in fair["stages"]]
    assert names == ["opd_burden_index", "kecamatan_shortfall_index"]
    assert all(st["bound"] == st["value"] for st in fair["stages"])
    code, _, err = run(capsys, "solve", scenario_file, "--fit-tolerance", "0.1")
    assert code == 2 and "--fairness" in err
    code, _, err = run(capsys, "solve", scenario_file, "--fairness", "opd", "--engine", "flow")
    assert code == 2 and "Traceback" not in err
    code, _, err = run(capsys, "solve", scenario_file, "--fairness", "opd", "--fit-tolerance", "2")
    assert code == 2


def test_solve_writes_plan_file(
    tmp_path: Path, scenario_file: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """solve -o writes the plan to the file, nothing to stdout, and leaves no temporary file."""
    before = fingerprint(scenario_file)
    target = tmp_path / "plan.json"
    code, out, _ = run(capsys, "solve", scenario_file, "-o", target, "--seed", "7")
    assert code == 0
    assert out == ""
    plan = pn.Plan.from_json(target.read_text(encoding="utf-8"))
    assert plan.status is pn.Status.OPTIMAL
    assert plan.solver.seed == 7
    assert pn.verify(pn.load_scenario(scenario_file), plan) == []
    assert sorted(p.name for p in tmp_path.iterdir()) == ["plan.json", "scenario.json"]
    assert fingerprint(scenario_file) == before


def test_solve_stdout_and_file_are_identical(
    tmp_path: Path, scenario_file: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """The plan written with -o has the same bytes as the plan printed to stdout."""
    _, out, _ = run(capsys, "solve", scenario_file)
    run(capsys, "solve", scenario_file, "-o", tmp_path / "p.json")
    assert (tmp_path / "p.json").read_text(encoding="utf-8") == out


def test_two_solves_write_identical_bytes(
    tmp_path: Path, scenario_file: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """Solving the same scenario twice writes byte-identical plans."""
    a, b = tmp_path / "a.json", tmp_path / "b.json"
    assert run(capsys, "solve", scenario_file, "-o", a)[0] == 0
    assert run(capsys, "solve", scenario_file, "-o", b)[0] == 0
    assert a.read_bytes() == b.read_bytes()
    assert a.read_bytes().endswith(b"\n")


def test_timings_only_when_asked(
    tmp_path: Path, scenario_file: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """--timings adds a "timings" object to the plan; the default plan has no such key."""
    _, plain, _ = run(capsys, "solve", scenario_file)
    _, timed, _ = run(capsys, "solve", scenario_file, "--timings")
    assert "timings" not in json.loads(plain)
    timings = json.loads(timed)["timings"]
    assert set(timings) >= {"build_s", "solve_s", "assemble_s", "total_s"}
    stages = [timings[k] for k in ("build_s", "solve_s", "assemble_s")]
    assert all(x >= 0 for x in stages)
    assert timings["total_s"] >= sum(stages) - 1e-9  # the total spans every stage
    without = {k: v for k, v in json.loads(timed).items() if k != "timings"}
    assert without == json.loads(plain)


def test_cpsat_engine_agrees_with_flow(
    scenario_file: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """--engine cpsat reaches the same coverage and fit as the default flow engine."""
    _, flow, _ = run(capsys, "solve", scenario_file)
    code, cpsat, _ = run(capsys, "solve", scenario_file, "--engine", "cpsat", "--time-limit", "10")
    assert code == 0
    a, b = json.loads(flow), json.loads(cpsat)
    assert b["solver"]["engine"] == "cpsat"
    assert b["status"] == "OPTIMAL"
    assert (a["coverage"], a["fit"]) == (b["coverage"], b["fit"])


# invalid input


def _bad_field(tmp_path: Path) -> tuple[Path, str]:
    data = tiny_scenario_data()
    invalid_field(data)
    return write_json(tmp_path / "scenario.json", data), "candidates[2].nip"


def _bad_json(tmp_path: Path) -> tuple[Path, str]:
    path = tmp_path / "scenario.json"
    path.write_text('{\n  "format": "penempatan/scenario@1",\n  "name": \n}\n', encoding="utf-8")
    os.utime(path, ns=(OLD_MTIME_NS, OLD_MTIME_NS))
    return path, "line 4 column 1"


def _bad_reference(tmp_path: Path) -> tuple[Path, str]:
    data = tiny_scenario_data()
    data["locks"] = [
        {"candidate": data["candidates"][0]["nip"], "cooperative": "KKMP-X", "role": "pengelola"}
    ]
    return write_json(tmp_path / "scenario.json", data), "locks[0].cooperative"


def _not_an_object(tmp_path: Path) -> tuple[Path, str]:
    return write_json(tmp_path / "scenario.json", [1, 2]), "JSON object"


INVALID = [
    pytest.param(_bad_field, id="field"),
    pytest.param(_bad_json, id="json"),
    pytest.param(_bad_reference, id="reference"),
    pytest.param(_not_an_object, id="array"),
]


@pytest.mark.parametrize("make", INVALID)
@pytest.mark.parametrize("to_file", [True, False], ids=["-o", "stdout"])
def test_solve_invalid_input_writes_nothing(
    make: Callable[[Path], tuple[Path, str]],
    to_file: bool,
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
) -> None:
    """Invalid input exits 2 naming the field, writes no plan and leaves the input untouched."""
    scenario, where = make(tmp_path)
    before = fingerprint(scenario)
    target = tmp_path / "plan.json"
    argv: list[str | Path] = ["solve", scenario, "-o", target] if to_file else ["solve", scenario]
    code, out, err = run(capsys, *argv)
    assert code == 2
    assert where in err
    assert "scenario.json" in err
    assert "Traceback" not in err
    assert out == ""
    assert not target.exists()
    assert sorted(p.name for p in tmp_path.iterdir()) == ["scenario.json"]
    assert fingerprint(scenario) == before


@pytest.mark.parametrize("command", ["solve", "validate"])
def test_missing_scenario_file(
    command: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """A scenario file that does not exist exits 2 with a message naming it."""
    code, out, err = run(capsys, command, tmp_path / "nope.json")
    assert code == 2
    assert "nope.json" in err
    assert "cannot read" in err
    assert out == ""


def test_directory_as_scenario(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """A directory is read as a CSV folder; one without CSV files exits 2, saying so."""
    code, _, err = run(capsys, "solve", tmp_path)
    assert code == 2
    assert f"{tmp_path.name}: this folder holds no .csv file" in err


def test_invalid_input_in_a_subprocess_has_no_traceback(tmp_path: Path) -> None:
    """Run as a program, invalid input exits 2 with the field path and no traceback."""
    scenario, where = _bad_field(tmp_path)
    before = fingerprint(scenario)
    target = tmp_path / "plan.json"
    proc = subprocess.run(
        [sys.executable, "-m", "penempatan.cli._main", "solve", str(scenario), "-o", str(target)],
        capture_output=True,
        text=True,
        cwd=tmp_path,
        timeout=120,
        check=False,
    )
    assert proc.returncode == 2
    assert where in proc.stderr
    assert "Traceback" not in proc.stderr
    assert proc.stdout == ""
    assert not target.exists()
    assert fingerprint(scenario) == before


def _program(argv: list[str], cwd: Path) -> subprocess.CompletedProcess[str]:
    """Run a command line as its own process, capturing its output as text."""
    return subprocess.run(argv, capture_output=True, text=True, cwd=cwd, timeout=120, check=False)


def test_valid_input_in_a_subprocess(tmp_path: Path, scenario_file: Path) -> None:
    """Run as a program, a valid scenario exits 0 and prints the plan."""
    proc = _program(
        [sys.executable, "-m", "penempatan.cli._main", "solve", str(scenario_file), "-q"], tmp_path
    )
    assert proc.returncode == 0, proc.stderr
    assert json.loads(proc.stdout)["status"] == "OPTIMAL"
    assert proc.stderr == ""


def test_console_command_flushes_a_large_plan_before_its_prompt_exit(tmp_path: Path) -> None:
    """The installed command ends with os._exit; a plan of hundreds of KB piped to
    standard output arrives whole, and the exit status is main()'s."""
    script = Path(sys.executable).parent / "penempatan"
    cmd = [str(script)] if script.exists() else [sys.executable, "-m", "penempatan.cli._main"]
    example = EXAMPLES / "pekalongan.json"
    proc = _program([*cmd, "solve", str(example)], tmp_path)
    assert proc.returncode == 0, proc.stderr
    assert len(proc.stdout) > 100_000
    assert json.loads(proc.stdout)["status"] == "OPTIMAL"
    assert "Status OPTIMAL" in proc.stderr


@pytest.mark.parametrize(
    "spelling",
    [
        lambda p: p,
        lambda p: p.parent / "sub" / ".." / p.name,
        lambda p: Path(os.path.relpath(p)),
    ],
    ids=["same", "dotdot", "relative"],
)
def test_output_over_the_scenario_is_refused(
    spelling: Callable[[Path], Path], scenario_file: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """-o naming the scenario file itself exits 2 and leaves the scenario unchanged."""
    (scenario_file.parent / "sub").mkdir()
    before = fingerprint(scenario_file)
    code, out, err = run(capsys, "solve", scenario_file, "-o", spelling(scenario_file))
    assert code == 2
    assert "input file" in err
    assert out == ""
    assert fingerprint(scenario_file) == before


def test_output_through_a_symlink_to_the_scenario_is_refused(
    tmp_path: Path, scenario_file: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """-o naming a symbolic link to the scenario exits 2 and leaves the scenario unchanged."""
    link = tmp_path / "link.json"
    link.symlink_to(scenario_file)
    before = fingerprint(scenario_file)
    code, _, _ = run(capsys, "solve", scenario_file, "-o", link)
    assert code == 2
    assert fingerprint(scenario_file) == before
    assert link.is_symlink()


@pytest.mark.parametrize(
    "args",
    [
        ["--time-limit", "0"],
        ["--time-limit", "-1"],
        ["--time-limit", "nan"],
        ["--time-limit", "soon"],
        ["--workers", "0"],
        ["--seed", "x"],
        ["--engine", "magic"],
        ["--no-such-option"],
    ],
)
def test_bad_options_exit_2(
    args: list[str], tmp_path: Path, scenario_file: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """A bad option value is a usage error: exit 2, a message, and no plan written."""
    target = tmp_path / "plan.json"
    code, out, err = run(capsys, "solve", scenario_file, "-o", target, *args)
    assert code == 2
    assert "error" in err
    assert out == ""
    assert not target.exists()


@pytest.mark.parametrize("argv", [[], ["frobnicate"], ["solve"], ["verify", "a.json"]])
def test_usage_errors_exit_2(argv: list[str], capsys: pytest.CaptureFixture[str]) -> None:
    """A missing or unknown command or argument exits 2 with the usage text."""
    code, _, err = run(capsys, *argv)
    assert code == 2
    assert "usage:" in err


def test_help_exits_0(capsys: pytest.CaptureFixture[str]) -> None:
    """--help prints the usage and exits 0."""
    code, out, _ = run(capsys, "--help")
    assert code == 0
    assert "solve" in out


def test_output_in_a_missing_directory_exits_2(
    tmp_path: Path, scenario_file: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """-o into a directory that does not exist is a usage error (exit 2), not a crash."""
    code, _, err = run(capsys, "solve", scenario_file, "-o", tmp_path / "no" / "plan.json")
    assert code == 2
    assert "plan.json" in err


def test_deeply_nested_json_exits_2(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """A scenario file nested too deep to read is invalid input (exit 2), not a crash."""
    path = tmp_path / "deep.json"
    path.write_text("[" * 100_000, encoding="utf-8")
    code, _, err = run(capsys, "validate", path)
    assert code == 2
    assert "deep.json" in err


# infeasible locks


@pytest.mark.parametrize(
    ("break_it", "constraints"),
    [
        pytest.param(old_locked_candidate, ("locks[0]", "policy.max_age"), id="age-57"),
        pytest.param(
            two_locks_over_the_floor, ("locks[0]", "locks[1]", "opds[0].min_staff"), id="floor"
        ),
    ],
)
@pytest.mark.parametrize("quiet", [False, True], ids=["summary", "quiet"])
def test_infeasible_locks_exit_3_and_name_the_conflict(
    break_it: Callable[[Data], None],
    constraints: tuple[str, ...],
    quiet: bool,
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
) -> None:
    """Locks that cannot hold exit 3; stderr and the plan name the conflicting constraints."""
    data = tiny_scenario_data()
    break_it(data)
    scenario = write_json(tmp_path / "scenario.json", data)
    target = tmp_path / "plan.json"
    argv: list[str | Path] = ["solve", scenario, "-o", target] + (["-q"] if quiet else [])
    code, out, err = run(capsys, *argv)
    assert code == 3
    assert out == ""
    conflict_lines = [line for line in err.splitlines() if line.startswith("conflict:")]
    assert len(conflict_lines) == 1
    assert all(name in conflict_lines[0] for name in constraints)
    plan = json.loads(target.read_text(encoding="utf-8"))
    assert plan["status"] == "INFEASIBLE"
    assert plan["assignments"] == []
    assert [tuple(c["constraints"]) for c in plan["conflicts"]] == [constraints]


def test_unknown_status_exits_4(
    monkeypatch: pytest.MonkeyPatch, scenario_file: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """A plan of status UNKNOWN (nothing found in time) exits 4 and says so."""
    real = pn.solve

    def unknown(scenario: pn.Scenario, **kwargs: Any) -> pn.Plan:
        plan = real(scenario, **kwargs)
        return plan.model_copy(update={"status": pn.Status.UNKNOWN, "assignments": ()})

    monkeypatch.setattr(_cli, "solve", unknown)
    code, out, err = run(capsys, "solve", scenario_file)
    assert code == 4
    assert json.loads(out)["status"] == "UNKNOWN"
    assert "time limit" in err


def test_feasible_status_exits_0(
    monkeypatch: pytest.MonkeyPatch, scenario_file: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """A plan of status FEASIBLE (valid, optimality unproven) exits 0."""
    real = pn.solve

    def feasible(scenario: pn.Scenario, **kwargs: Any) -> pn.Plan:
        return real(scenario, **kwargs).model_copy(update={"status": pn.Status.FEASIBLE})

    monkeypatch.setattr(_cli, "solve", feasible)
    code, out, _ = run(capsys, "solve", scenario_file)
    assert code == 0
    assert json.loads(out)["status"] == "FEASIBLE"


# validate


def test_validate_valid(scenario_file: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """validate on a valid file exits 0 and reports its size."""
    before = fingerprint(scenario_file)
    code, out, err = run(capsys, "validate", scenario_file)
    assert code == 0
    assert "valid penempatan/scenario@1" in out
    assert "4 candidates, 2 cooperatives, 2 OPD" in out
    assert err == ""
    assert fingerprint(scenario_file) == before


@pytest.mark.parametrize("make", INVALID)
def test_validate_invalid(
    make: Callable[[Path], tuple[Path, str]], tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """validate on an invalid file exits 2 naming the field, and leaves the file untouched."""
    scenario, where = make(tmp_path)
    before = fingerprint(scenario)
    code, out, err = run(capsys, "validate", scenario)
    assert code == 2
    assert where in err
    assert out == ""
    assert fingerprint(scenario) == before


# verify


def test_verify_solved_plan(
    scenario_file: Path, plan_file: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """verify of a plan solved from the scenario exits 0 and leaves both files untouched."""
    before = fingerprint(scenario_file), fingerprint(plan_file)
    code, out, _ = run(capsys, "verify", scenario_file, plan_file)
    assert code == 0
    assert "valid plan (OPTIMAL" in out
    assert (fingerprint(scenario_file), fingerprint(plan_file)) == before


def _move_to_kauman(plan: Data) -> None:
    a = next(a for a in plan["assignments"] if a["cooperative"] == "KKMP-MEDONO")
    a["cooperative"] = "KKMP-KAUMAN"
    a["role"] = "pengelola"


def _duplicate_first(plan: Data) -> None:
    plan["assignments"].append(dict(plan["assignments"][0]))


def _raise_score(plan: Data) -> None:
    plan["assignments"][0]["score"] += 1
    plan["fit"] += 1


def _drop_assignment(plan: Data) -> None:
    plan["assignments"].pop()


def _place_the_nurse(plan: Data) -> None:
    plan["assignments"][0]["candidate"] = tiny_scenario_data()["candidates"][3]["nip"]


def _other_scenario(plan: Data) -> None:
    plan["scenario_sha256"] = "0" * 64


@pytest.mark.parametrize(
    ("tamper", "code"),
    [
        pytest.param(_move_to_kauman, "need_max", id="change-cooperative"),
        pytest.param(_duplicate_first, "placed_twice", id="duplicate"),
        pytest.param(_raise_score, "wrong_score", id="score"),
        pytest.param(_drop_assignment, "[objective coverage]", id="drop"),
        pytest.param(_place_the_nurse, "ineligible.position", id="excluded-position"),
        pytest.param(_other_scenario, "scenario_hash", id="hash"),
    ],
)
def test_verify_tampered_plan_exits_1(
    tamper: Callable[[Data], None],
    code: str,
    tmp_path: Path,
    scenario_file: Path,
    plan_file: Path,
    capsys: pytest.CaptureFixture[str],
) -> None:
    """verify of a plan changed by hand exits 1 and prints the rule it breaks."""
    plan = json.loads(plan_file.read_text(encoding="utf-8"))
    tamper(plan)
    bad = write_json(tmp_path / "tampered.json", plan)
    status, out, err = run(capsys, "verify", scenario_file, bad)
    assert status == 1
    assert code in out
    assert "violation" in err


def test_verify_against_another_scenario_exits_1(
    tmp_path: Path, plan_file: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """A plan checked against a scenario it was not solved from fails on the hash."""
    data = tiny_scenario_data()
    data["name"] = "another"
    other = write_json(tmp_path / "other.json", data)
    code, out, _ = run(capsys, "verify", other, plan_file)
    assert code == 1
    assert "scenario_hash" in out


@pytest.mark.parametrize(
    ("content", "message"),
    [
        ("not json", "invalid plan"),
        ('{"format": "penempatan/plan@1"}', "invalid plan"),
        (None, "cannot read"),
    ],
    ids=["not-json", "incomplete", "missing"],
)
def test_verify_unreadable_plan_exits_2(
    content: str | None,
    message: str,
    tmp_path: Path,
    scenario_file: Path,
    capsys: pytest.CaptureFixture[str],
) -> None:
    """A plan file that is missing or not a plan@1 document exits 2 with a message."""
    plan = tmp_path / "bad-plan.json"
    if content is not None:
        plan.write_text(content, encoding="utf-8")
    code, out, err = run(capsys, "verify", scenario_file, plan)
    assert code == 2
    assert message in err
    assert "Traceback" not in err
    assert out == ""


def test_verify_with_invalid_scenario_exits_2(
    tmp_path: Path, plan_file: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """verify with an invalid scenario exits 2 naming the field."""
    scenario, where = _bad_field(tmp_path)
    code, _, err = run(capsys, "verify", scenario, plan_file)
    assert code == 2
    assert where in err


# schema


def test_schema_prints_the_json_schema(capsys: pytest.CaptureFixture[str]) -> None:
    """schema prints valid JSON: the published schema of penempatan/scenario@1."""
    code, out, _ = run(capsys, "schema")
    assert code == 0
    schema = json.loads(out)
    assert schema == json.loads((ROOT / "schema" / "scenario-v1.schema.json").read_text("utf-8"))
    assert schema["title"] == "penempatan/scenario@1"
    assert "Candidate" in schema["$defs"]
