"""The command line in one language at a time, and its complete surface (version, help, re-plan)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

import penempatan as pn
from penempatan.cli import _main as _cli
from tests.factory import tiny_scenario_data


def run(capsys: pytest.CaptureFixture[str], *argv: str | Path) -> tuple[int, str, str]:
    code = _cli.main([str(a) for a in argv])
    out, err = capsys.readouterr()
    return code, out, err


@pytest.fixture
def scenario_file(tmp_path: Path) -> Path:
    path = tmp_path / "scenario.json"
    path.write_text(json.dumps(tiny_scenario_data()), encoding="utf-8")
    return path


@pytest.fixture(autouse=True)
def _no_language_set(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("PENEMPATAN_LANG", raising=False)


def test_indonesian_by_default_english_on_request(
    scenario_file: Path,
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """The solve summary is Indonesian by default, English with --lang en or PENEMPATAN_LANG=en."""
    plan = tmp_path / "plan.json"
    code, _, err = run(capsys, "solve", scenario_file, "-o", plan)
    assert code == 0 and "Cakupan 3 dari 3 kursi wajib terisi" in err and "Coverage" not in err
    code, _, err = run(capsys, "solve", scenario_file, "-o", plan, "--lang", "en")
    assert code == 0 and "Coverage 3 of 3 required seats filled" in err
    code, out, _ = run(capsys, "--lang", "en", "verify", scenario_file, plan)
    assert code == 0 and "valid plan" in out
    monkeypatch.setenv("PENEMPATAN_LANG", "en")
    code, out, _ = run(capsys, "verify", scenario_file, plan)
    assert code == 0 and "valid plan" in out
    code, out, _ = run(capsys, "verify", scenario_file, plan, "--lang", "id")
    assert "rencana sah" in out


def test_validation_errors_in_indonesian_name_the_person(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """An invalid field is reported in Indonesian, the candidate's name and NIP beside the path."""
    d = tiny_scenario_data()
    d["candidates"][2]["opd"] = "NOPE"
    path = tmp_path / "bad.json"
    path.write_text(json.dumps(d), encoding="utf-8")
    code, out, err = run(capsys, "validate", path)
    c = d["candidates"][2]
    assert code == 2 and out == ""
    assert "skenario tidak sah: 1 masalah" in err
    assert f"bad.json: candidates[2].opd ({c['name']}, {c['nip']}): OPD 'NOPE' tidak dikenal" in err


def test_a_conflict_says_who_and_which_opd(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """Two locks over a floor: the conflict names both people, their cooperatives and the OPD."""
    d = tiny_scenario_data()
    d["opds"][0]["min_staff"] = 19
    a, b = d["candidates"][0], d["candidates"][1]
    d["locks"] = [
        {"candidate": a["nip"], "cooperative": "KKMP-MEDONO", "role": "pengelola"},
        {"candidate": b["nip"], "cooperative": "KKMP-KAUMAN", "role": "pengelola"},
    ]
    path = tmp_path / "locks.json"
    path.write_text(json.dumps(d), encoding="utf-8")
    code, _, err = run(capsys, "solve", path, "-o", tmp_path / "plan.json")
    assert code == 3
    (line,) = [x for x in err.splitlines() if x.startswith("konflik:")]
    assert f"locks[0] ({a['name']}, {a['nip']} → KKMP-MEDONO)" in line
    assert f"locks[1] ({b['name']}, {b['nip']} → KKMP-KAUMAN)" in line
    assert "opds[0].min_staff (DINKOP, Dinas Koperasi)" in line


def test_version(capsys: pytest.CaptureFixture[str]) -> None:
    """--version prints the installed version and exits 0."""
    code, out, _ = run(capsys, "--version")
    assert code == 0 and out.strip() == f"penempatan {pn.__version__}"


def test_bare_command_prints_the_whole_help(capsys: pytest.CaptureFixture[str]) -> None:
    """`penempatan` alone prints the full help (every command) on standard error and exits 2."""
    code, out, err = run(capsys)
    assert code == 2 and out == ""
    assert "penggunaan:" in err
    for command in ("solve", "validate", "verify", "explain", "diff", "evaluate", "schema"):
        assert command in err


def test_every_argument_has_help_with_an_example(capsys: pytest.CaptureFixture[str]) -> None:
    """Each option that takes a value says what it is and gives an example, in both languages."""
    for lang, word in (("id", "Contoh:"), ("en", "Example:")):
        parser = _cli._parser(lang)
        sub = next(a for a in parser._actions if a.dest == "command")
        for name, command in sub.choices.items():  # type: ignore[attr-defined]
            for action in command._actions:
                assert action.help, (lang, name, action.dest)
                if (
                    action.nargs != 0
                    and action.dest not in ("help", "lang")
                    and action.choices is None
                ):
                    assert word in action.help, (lang, name, action.dest)


def test_solve_previous_replans_with_fewest_changes(
    scenario_file: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """solve --previous keeps the previous placements that still hold and reports the re-plan."""
    first = tmp_path / "first.json"
    assert run(capsys, "solve", scenario_file, "-o", first)[0] == 0
    again = tmp_path / "again.json"
    code, _, _ = run(capsys, "solve", scenario_file, "-o", again, "--previous", first)
    assert code == 0
    replan = json.loads(again.read_text(encoding="utf-8"))["replan"]
    previous = json.loads(first.read_text(encoding="utf-8"))
    assert replan["kept"] == len(previous["assignments"]) and replan["moved"] == 0
    code, _, _ = run(
        capsys, "solve", scenario_file, "-o", again, "--previous", first, "--fit-tolerance", "0"
    )
    assert code == 0


def test_previous_plan_file_may_not_be_overwritten(
    scenario_file: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """-o naming the --previous plan is refused: exit 2, the file unchanged."""
    first = tmp_path / "first.json"
    run(capsys, "solve", scenario_file, "-o", first)
    before = first.read_bytes()
    code, _, _ = run(capsys, "solve", scenario_file, "-o", first, "--previous", first)
    assert code == 2 and first.read_bytes() == before


def test_verify_words_each_violation_and_names_the_person(
    scenario_file: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """A plan with a changed score: verify exits 1 and says who, in Indonesian, then English."""
    plan_path = tmp_path / "plan.json"
    run(capsys, "solve", scenario_file, "-o", plan_path)
    plan = json.loads(plan_path.read_text(encoding="utf-8"))
    first = plan["assignments"][0]
    first["score"] += 1
    plan_path.write_text(json.dumps(plan), encoding="utf-8")
    names = {c["nip"]: c["name"] for c in tiny_scenario_data()["candidates"]}
    who = f"({names[first['candidate']]}, {first['candidate']} → {first['cooperative']})"
    code, out, err = run(capsys, "verify", scenario_file, plan_path)
    assert code == 1
    assert f"[score wrong_score] assignments[0].score {who}: {first['score']}, seharusnya" in out
    assert "2 pelanggaran" in err  # the score, and the fit it no longer sums to
    code, out, _ = run(capsys, "verify", scenario_file, plan_path, "--lang", "en")
    assert f"{who}: {first['score']}, expected {first['score'] - 1}" in out
