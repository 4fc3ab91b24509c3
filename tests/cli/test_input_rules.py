"""Hostile input: encodings, repeated keys, huge counts, odd Unicode, wrong types, bad options,
plans that follow the spec (or lie about themselves), and pseudonymised output."""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

import penempatan as pn
from penempatan.cli import _main as _cli
from tests.factory import candidate, tiny_scenario_data

Data = dict[str, Any]


def run(capsys: pytest.CaptureFixture[str], *argv: str | Path) -> tuple[int, str, str]:
    """Run the CLI in-process; return exit status, standard output and standard error."""
    code = _cli.main([str(a) for a in argv])
    out, err = capsys.readouterr()
    return code, out, err


@pytest.fixture
def scenario() -> pn.Scenario:
    """The tiny scenario."""
    return pn.parse_scenario(tiny_scenario_data())


@pytest.fixture
def plan(scenario: pn.Scenario) -> pn.Plan:
    """Its optimal plan."""
    return pn.solve(scenario)


@pytest.fixture
def files(tmp_path: Path, plan: pn.Plan) -> tuple[Path, Path]:
    """The tiny scenario and its plan as files."""
    s = tmp_path / "s.json"
    s.write_text(json.dumps(tiny_scenario_data()), encoding="utf-8")
    p = tmp_path / "p.json"
    p.write_text(plan.to_json(), encoding="utf-8")
    return s, p


# 5. One reading rule for every file


@pytest.mark.parametrize("command", ["validate", "solve"])
@pytest.mark.parametrize(
    ("encode", "ok"),
    [
        (lambda t: t.encode("utf-8"), True),
        (lambda t: b"\xef\xbb\xbf" + t.encode("utf-8"), True),
        (lambda t: t.encode("utf-16"), False),
        (lambda t: t.replace("tiny", "tiny é").encode("latin-1"), False),
    ],
    ids=["utf-8", "utf-8-bom", "utf-16", "latin-1"],
)
def test_scenario_files_are_utf8_with_optional_bom(
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
    command: str,
    encode: Callable[[str], bytes],
    ok: bool,
) -> None:
    """UTF-8 (with or without a BOM) is read; UTF-16 and Latin-1 exit 2 naming the encoding."""
    path = tmp_path / "s.json"
    path.write_bytes(encode(json.dumps(tiny_scenario_data(), ensure_ascii=False)))
    code, _, err = (
        run(capsys, command, path, "-q") if command == "solve" else run(capsys, command, path)
    )
    assert code == (0 if ok else 2), err
    if not ok:
        assert "not UTF-8" in err and "Traceback" not in err


@pytest.mark.parametrize("command", ["verify", "explain", "diff", "evaluate"])
@pytest.mark.parametrize("encoding", ["utf-16", "latin-1", "bom"])
def test_plan_files_follow_the_same_rule(
    files: tuple[Path, Path], capsys: pytest.CaptureFixture[str], command: str, encoding: str
) -> None:
    """A plan in UTF-16 or Latin-1 exits 2 with no traceback; one with a BOM is read."""
    s, p = files
    text = p.read_text(encoding="utf-8").replace('"scenario": "tiny"', '"scenario": "tiny é"')
    bad = p.with_name("bad.json")
    if encoding == "bom":
        bad.write_bytes(b"\xef\xbb\xbf" + text.encode("utf-8"))
    else:
        bad.write_bytes(text.encode(encoding))
    argv = {
        "verify": ("verify", s, bad),
        "explain": ("explain", s, bad, "--no-prices"),
        "diff": ("diff", bad, p),
        "evaluate": ("evaluate", s, bad, "-o", p.with_name("given.json"), "-q"),
    }[command]
    code, _, err = run(capsys, *argv)
    assert "Traceback" not in err
    if encoding == "bom":
        # The name changed, so verify/explain see a stated number that differs (exit 1).
        assert code in (0, 1), err
    else:
        assert code == 2 and "not UTF-8" in err


def test_a_key_given_twice_is_refused_naming_key_and_record() -> None:
    """Duplicate JSON keys are an error naming the key and the object, in scenarios and plans."""
    text = json.dumps(tiny_scenario_data()).replace(
        '"min_staff": 17', '"min_staff": 17, "min_staff": 0', 1
    )
    with pytest.raises(pn.ScenarioError) as info:
        pn.loads_scenario(text)
    assert [str(p) for p in info.value.problems] == [
        "opds[0]: key 'min_staff' given twice (each key once per object)"
    ]
    with pytest.raises(pn.PlanFormatError, match="'status' given twice"):
        pn.Plan.from_json('{"format": "penempatan/plan@1", "status": "OPTIMAL", "status": "X"}')


def test_nobody_is_placed_before_being_born() -> None:
    """A reference_date before a candidate's birth date names that candidate's birth_date."""
    data = tiny_scenario_data()
    data["reference_date"] = "1980-01-01"
    with pytest.raises(pn.ScenarioError) as info:
        pn.parse_scenario(data)
    paths = {p.path for p in info.value.problems}
    assert "candidates[0].birth_date" in paths
    assert all("after reference_date" in p.message for p in info.value.problems)


# 4. Nothing validate accepts crashes solve


@pytest.mark.parametrize(
    "where",
    ["name", "candidates.0.name", "cooperatives.0.kelurahan", "opds.0.name"],
)
def test_a_lone_surrogate_is_refused_naming_the_field(where: str) -> None:
    """A lone surrogate in any text is a ScenarioError naming it, from JSON text and from data."""
    data = tiny_scenario_data()
    *path, last = where.split(".")
    rec: Any = data
    for part in path:
        rec = rec[int(part)] if part.isdigit() else rec[part]
    rec[last] = "x\ud800"
    expected = where.replace(".0.", "[0].")
    for read in (pn.parse_scenario, lambda d: pn.loads_scenario(json.dumps(d))):
        with pytest.raises(pn.ScenarioError) as info:
            read(data)
        assert [p.path for p in info.value.problems] == [expected]


@pytest.mark.parametrize("value", [10**30, 2**62, 2**63 - 1, 2**63, 10**9 + 1])
@pytest.mark.parametrize(
    "field",
    [
        ("opds", 0, "headcount"),
        ("opds", 0, "min_staff"),
        ("cooperatives", 0, "needs", 0, "max"),
        ("cooperatives", 0, "max_staff"),
        ("opds", 1, "positions", 0, "headcount"),
    ],
)
def test_huge_counts_are_refused_naming_the_field(value: int, field: tuple[Any, ...]) -> None:
    """Counts beyond 10^9 are refused by the schema, naming the field (never an overflow)."""
    data = tiny_scenario_data()
    rec: Any = data
    for part in field[:-1]:
        rec = rec[part]
    rec[field[-1]] = value
    with pytest.raises(pn.ScenarioError) as info:
        pn.parse_scenario(data)
    path = ".".join(str(p) for p in field)
    for i in range(3):
        path = path.replace(f".{i}.", f"[{i}].")
    assert path in {p.path for p in info.value.problems}


def test_the_largest_counts_allowed_solve() -> None:
    """Head counts, floors and needs at the bound solve and verify."""
    data = tiny_scenario_data()
    data["opds"][0]["headcount"] = 10**9
    data["opds"][0]["min_staff"] = 10**9 - 2
    data["cooperatives"][0]["needs"][0]["max"] = 10**9
    data["cooperatives"][0]["needs"][0]["min"] = 10**9
    s = pn.parse_scenario(data)
    plan = pn.solve(s)
    assert plan.status is pn.Status.OPTIMAL
    assert pn.verify(s, plan) == []


# 8. One pass reports field and cross-record problems together


def test_field_and_cross_record_problems_are_reported_together() -> None:
    """A bad field and an unknown reference elsewhere are both in the one error, in order."""
    data = tiny_scenario_data()
    data["candidates"][1]["opd"] = "NOWHERE"
    data["candidates"][2]["education"] = "PhD"
    data["cooperatives"][0]["needs"][0]["min"] = 5  # min above max: a cross-record check
    with pytest.raises(pn.ScenarioError) as info:
        pn.parse_scenario(data)
    paths = [p.path for p in info.value.problems]
    assert paths == [
        "cooperatives[0].needs[0].min",
        "candidates[1].opd",
        "candidates[2].education",
    ]


def test_a_reference_to_a_record_with_a_bad_field_is_not_reported_unknown() -> None:
    """When an OPD record fails on its head count, its candidates are not 'unknown OPD'."""
    data = tiny_scenario_data()
    data["opds"][0]["headcount"] = -1
    with pytest.raises(pn.ScenarioError) as info:
        pn.parse_scenario(data)
    assert [p.path for p in info.value.problems] == ["opds[0].headcount"]


# 6 and 7. Options and the API's argument types, checked before any work


@pytest.mark.parametrize(
    "argv",
    [
        ("--seed", "2147483648", "--engine", "cpsat"),
        ("--seed", "-1"),
        ("--workers", "100000"),
        ("--workers", "0"),
    ],
)
def test_out_of_range_options_exit_2(
    files: tuple[Path, Path], capsys: pytest.CaptureFixture[str], argv: tuple[str, ...]
) -> None:
    """Seeds beyond 32 bits and absurd worker counts are usage errors, not crashes."""
    code, out, err = run(capsys, "solve", files[0], *argv)
    assert code == 2 and out == "" and "Traceback" not in err


@pytest.mark.parametrize(
    ("call", "error", "names"),
    [
        (lambda s, p: pn.solve(tiny_scenario_data()), TypeError, "scenario"),
        (lambda s, p: pn.solve(None), TypeError, "scenario"),
        (lambda s, p: pn.solve("examples/pekalongan.json"), TypeError, "scenario"),
        (lambda s, p: pn.solve(s, seed="x"), TypeError, "seed"),
        (lambda s, p: pn.solve(s, seed=2**31), ValueError, "seed"),
        (lambda s, p: pn.solve(s, workers=1.5), TypeError, "workers"),
        (lambda s, p: pn.solve(s, workers=100000), ValueError, "workers"),
        (lambda s, p: pn.solve(s, fit_tolerance=0.1), ValueError, "fit_tolerance"),
        (lambda s, p: pn.solve(s, engine="cpsat", parameters={"bogus": 1}), ValueError, "bogus"),
        (
            lambda s, p: pn.solve(s, engine="cpsat", parameters={"linearization_level": "x"}),
            ValueError,
            "linearization_level",
        ),
        (lambda s, p: pn.solve(s, previous=p.to_dict()), TypeError, "previous"),
        (lambda s, p: pn.verify(s, p.to_dict()), TypeError, "plan"),
        (lambda s, p: pn.verify(tiny_scenario_data(), p), TypeError, "scenario"),
        (lambda s, p: pn.compare(p, p.to_dict()), TypeError, "plan_b"),
        (lambda s, p: pn.compare(p, p, scenario={}), TypeError, "scenario"),
    ],
)
def test_wrong_api_arguments_are_named_before_any_work(
    scenario: pn.Scenario,
    plan: pn.Plan,
    call: Callable[[pn.Scenario, pn.Plan], object],
    error: type[Exception],
    names: str,
) -> None:
    """A wrong type or value raises TypeError or ValueError naming the argument."""
    with pytest.raises(error, match=names):
        call(scenario, plan)


# 13. Equality is the plan document's


def test_a_plan_equals_itself_read_back_and_another_identical_solve(
    scenario: pn.Scenario, plan: pn.Plan
) -> None:
    """Timings do not count in equality: the file reads back equal, two solves are equal."""
    assert plan.timings is not None
    assert plan == pn.Plan.from_json(plan.to_json())
    assert plan == pn.solve(scenario)
    assert hash(plan) == hash(pn.Plan.from_json(plan.to_json()))
    assert plan != plan.model_copy(update={"fit": plan.fit + 1})


# 2. Plans that follow the spec are read


REQUIRED = ("format", "status", "coverage", "fit", "assignments", "scenario_sha256")


def test_a_plan_with_only_the_required_keys_is_verified_and_explained(
    files: tuple[Path, Path], capsys: pytest.CaptureFixture[str]
) -> None:
    """verify, explain and diff read a plan@1 that holds only the keys the spec requires,
    with assignments of only {candidate, cooperative, role, score}, and one with added keys."""
    s, p = files
    full = json.loads(p.read_text())
    minimal = {k: full[k] for k in REQUIRED}
    minimal["assignments"] = [
        {k: a[k] for k in ("candidate", "cooperative", "role", "score")}
        for a in full["assignments"]
    ]
    extra = dict(
        full,
        produced_by="another tool",
        assignments=[dict(a, note="checked") for a in full["assignments"]],
    )
    for name, doc in (("minimal.json", minimal), ("extra.json", extra)):
        path = p.with_name(name)
        path.write_text(json.dumps(doc))
        assert run(capsys, "verify", s, path)[0] == 0
        code, out, err = run(capsys, "explain", s, path, "--no-prices", "--lang", "en")
        assert code == 0, err
        assert "covered" in out.lower() or "coverage" in out.lower()
        code, out, err = run(capsys, "diff", path, p, "--scenario", s)
        assert code == 0, err


def test_format_errors_name_the_file_and_every_problem(
    files: tuple[Path, Path], capsys: pytest.CaptureFixture[str]
) -> None:
    """A plan with three bad fields: verify names the file and all three."""
    s, p = files
    doc = json.loads(p.read_text())
    doc["coverage"] = "many"
    doc["fit"] = None
    doc["assignments"][0]["score"] = "high"
    p.write_text(json.dumps(doc))
    code, _, err = run(capsys, "verify", s, p)
    assert code == 2
    assert str(p) in err and "3 problems" in err
    for path in ("coverage", "fit", "assignments[0].score"):
        assert f"  {path}:" in err


def test_deeply_nested_json_is_a_clean_error(
    files: tuple[Path, Path], capsys: pytest.CaptureFixture[str]
) -> None:
    """evaluate, verify and validate refuse JSON nested too deeply, exit 2, no traceback."""
    s, p = files
    deep = p.with_name("deep.json")
    deep.write_text("[" * 100_000 + "]" * 100_000)
    for argv in (("evaluate", s, deep), ("verify", s, deep), ("validate", deep)):
        code, _, err = run(capsys, *argv)
        assert code == 2 and "Traceback" not in err and "nested too deeply" in err


# 3. verify re-derives every number; explain and diff verify first


@pytest.mark.parametrize(
    ("edit", "path"),
    [
        (lambda d: d["cooperatives"][0].update(covered=99), "cooperatives[0].covered"),
        (
            lambda d: d["cooperatives"][0]["needs"][0].update(placed=7),
            "cooperatives[0].needs[0].placed",
        ),
        (lambda d: d["opd_impact"][0].update(slack=40), "opd_impact[0].slack"),
        (
            lambda d: d["opd_impact"][0].update(binding=not d["opd_impact"][0]["binding"]),
            "opd_impact[0].binding",
        ),
        (
            lambda d: d["opd_impact"][1]["positions"][0].update(released=3),
            "opd_impact[1].positions[0].released",
        ),
        (lambda d: d.update(required_seats=1), "required_seats"),
        (lambda d: d.update(coverage=d["coverage"] + 1), "coverage"),
    ],
)
def test_verify_names_every_stated_number_that_differs(
    files: tuple[Path, Path],
    capsys: pytest.CaptureFixture[str],
    edit: Callable[[Data], None],
    path: str,
) -> None:
    """A plan stating a number its assignments do not give fails verify, naming the number;
    explain refuses it (exit 1)."""
    s, p = files
    doc = json.loads(p.read_text())
    edit(doc)
    p.write_text(json.dumps(doc))
    code, out, _ = run(capsys, "verify", s, p)
    assert code == 1
    assert f"] {path}:" in out
    code, out, err = run(capsys, "explain", s, p, "--no-prices")
    assert code == 1 and out == "" and path in err


def test_a_false_optimal_claim_is_reported(scenario: pn.Scenario, plan: pn.Plan) -> None:
    """A valid plan with less than the optimal fit, claiming OPTIMAL, fails pn.verify."""
    fewer = pn.evaluate(scenario, plan.assignments[1:], explain=False)
    claim = fewer.model_copy(
        update={
            "status": pn.Status.OPTIMAL,
            "bound": pn.Bound(coverage=fewer.coverage, fit=fewer.fit),
            "gap": 0.0,
        }
    )
    assert pn.verify(scenario, fewer) == []
    codes = [v.code for v in pn.verify(scenario, claim)]
    assert codes == ["false_optimal"]
    assert pn.verify(scenario, claim, optimality=False) == []


@pytest.mark.parametrize("with_scenario", [True, False])
def test_explain_and_diff_refuse_a_plan_placing_someone_twice(
    files: tuple[Path, Path], capsys: pytest.CaptureFixture[str], with_scenario: bool
) -> None:
    """A person placed twice, or an INFEASIBLE plan with assignments: exit 1, the rule named."""
    s, p = files
    doc = json.loads(p.read_text())
    doc["assignments"].append(dict(doc["assignments"][0]))
    twice = p.with_name("twice.json")
    twice.write_text(json.dumps(doc))
    doc = json.loads(p.read_text())
    doc["status"] = "INFEASIBLE"
    infeasible = p.with_name("infeasible.json")
    infeasible.write_text(json.dumps(doc))
    for bad, word in ((twice, "placed_twice"), (infeasible, "assignments_without_solution")):
        scen = ("--scenario", s) if with_scenario else ()
        code, _, err = run(capsys, "diff", bad, p, *scen)
        assert code == 1 and word in err, err
        if with_scenario:
            code, out, err = run(capsys, "explain", s, bad, "--no-prices")
            assert code == 1 and out == "" and word in err


# 10. A conflict lists as many locks as it counts


def test_a_lock_conflict_counts_the_locks_it_lists() -> None:
    """Three locks on a floor that allows one: the minimal set of two is listed and counted."""
    data = tiny_scenario_data()
    data["opds"][0]["min_staff"] = 19
    data["candidates"].append(candidate(9, opd="DINKOP"))
    data["cooperatives"][0]["needs"][0]["max"] = 3
    data["cooperatives"][0].pop("max_staff", None)
    nips = [c["nip"] for c in data["candidates"] if c["opd"] == "DINKOP"]
    assert len(nips) == 3
    coop = data["cooperatives"][0]["id"]
    data["locks"] = [{"candidate": n, "cooperative": coop, "role": "pengelola"} for n in nips]
    plan = pn.solve(pn.parse_scenario(data))
    assert plan.status is pn.Status.INFEASIBLE
    (conflict,) = plan.conflicts
    assert conflict.constraints == ("locks[0]", "locks[1]", "opds[0].min_staff")
    assert conflict.message == (
        "2 locks exceed opds[0].min_staff, which allows 1 (3 locks there in all)"
    )


# 9. Privacy


def test_the_pseudonym_key_comes_from_a_file_or_the_environment(
    files: tuple[Path, Path], capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    """--key-file and $PENEMPATAN_PSEUDONYM_KEY give the same report as the key itself;
    --pseudonymise without any key is a usage error."""
    s, p = files
    base = ("explain", s, p, "--no-prices", "--lang", "en")
    code, by_arg, _ = run(capsys, *base, "--pseudonymise", "K3Y")
    assert code == 0
    key_file = p.with_name("key.txt")
    key_file.write_text("K3Y\n")
    assert run(capsys, *base, "--key-file", key_file)[1] == by_arg
    monkeypatch.setenv("PENEMPATAN_PSEUDONYM_KEY", "K3Y")
    assert run(capsys, *base, "--pseudonymise")[1] == by_arg
    monkeypatch.delenv("PENEMPATAN_PSEUDONYM_KEY")
    code, _, err = run(capsys, *base, "--pseudonymise")
    assert code == 2 and "needs a key" in err
    for c in pn.parse_scenario(tiny_scenario_data()).candidates:
        assert c.nip not in by_arg and c.name not in by_arg


def test_diff_with_a_scenario_can_pseudonymise(
    tmp_path: Path, files: tuple[Path, Path], capsys: pytest.CaptureFixture[str]
) -> None:
    """diff --scenario --pseudonymise shows no NIP and no name, only pseudonyms."""
    s, p = files
    data = tiny_scenario_data()
    data["opds"][0]["min_staff"] = 19
    s2 = tmp_path / "s2.json"
    s2.write_text(json.dumps(data))
    p2 = tmp_path / "p2.json"
    assert run(capsys, "solve", s2, "-o", p2, "-q")[0] == 0
    code, plain, _ = run(capsys, "diff", p, p2, "--scenario", s2, "--scenario-a", s)
    assert code == 0
    people = pn.parse_scenario(data).candidates
    assert any(c.nip in plain for c in people)
    code, hidden, err = run(
        capsys, "diff", p, p2, "--scenario", s2, "--scenario-a", s, "--pseudonymise", "K"
    )
    assert code == 0, err
    assert "P-" in hidden
    assert not any(c.nip in hidden or c.name in hidden for c in people)


def test_a_lone_surrogate_in_a_plan_is_a_format_error(
    files: tuple[Path, Path], capsys: pytest.CaptureFixture[str]
) -> None:
    """Plans follow the scenario's rule: a lone surrogate is named, exit 2; a pair is fine."""
    s, p = files
    doc = json.loads(p.read_text())
    doc["scenario"] = "x\ud800"
    p.write_text(json.dumps(doc))
    code, _, err = run(capsys, "verify", s, p)
    assert code == 2 and "scenario: text that is not valid Unicode" in err
    doc["scenario"] = "x\U0001f600"
    p.write_text(json.dumps(doc))
    assert pn.Plan.from_json(p.read_bytes()).scenario == "x\U0001f600"


def test_verify_checks_the_unplaced_list_and_the_fairness_measures(
    scenario: pn.Scenario, plan: pn.Plan
) -> None:
    """A placed candidate listed as unplaced, and a fairness index that differs, are named."""
    placed = plan.assignments[0].candidate
    wrong = plan.model_copy(update={"unplaced": (pn.Unplaced(candidate=placed, reasons=()),)})
    assert [v.path for v in pn.verify(scenario, wrong)] == ["unplaced[0].candidate"]
    assert plan.fairness is not None
    fair = plan.fairness.model_copy(update={"opd_burden_index": plan.fairness.opd_burden_index + 1})
    paths = [v.path for v in pn.verify(scenario, plan.model_copy(update={"fairness": fair}))]
    assert paths == ["fairness.opd_burden_index"]


@pytest.mark.parametrize(
    ("call", "names"),
    [
        (lambda s, p: pn.evaluate(tiny_scenario_data(), []), "scenario"),
        (lambda s, p: pn.explain_plan(s, p.to_dict()), "plan"),
        (lambda s, p: pn.explain_report(s, None), "plan"),
        (lambda s, p: pn.floor_prices(tiny_scenario_data(), p), "scenario"),
        (lambda s, p: pn.sweep(None, "floor_share"), "scenario"),
        (lambda s, p: pn.build_network({}), "scenario"),
        (lambda s, p: pn.build_model("s.json"), "scenario"),
        (lambda s, p: pn.pseudonymise_plan(p, 5), "key"),
        (lambda s, p: pn.load_scenario(123), "path"),
        (lambda s, p: pn.loads_scenario(None), "text"),
        (lambda s, p: pn.Plan.from_json(p.to_dict()), "text"),
    ],
)
def test_every_public_function_names_a_wrong_argument(
    scenario: pn.Scenario, plan: pn.Plan, call: Callable[[pn.Scenario, pn.Plan], object], names: str
) -> None:
    """The siblings of solve/verify/compare: a wrong type is a TypeError naming the argument."""
    with pytest.raises(TypeError, match=names):
        call(scenario, plan)


def test_cli_diff_after_a_resignation_shows_each_plans_own_releases(
    tmp_path: Path, files: tuple[Path, Path], plan: pn.Plan, capsys: pytest.CaptureFixture[str]
) -> None:
    """diff OLD NEW --scenario NEW after a resignation: no '?' row, and each OPD's released
    counts are those of the two plans' own OPD tables."""
    _s, p = files
    leaving = plan.assignments[0].candidate
    s3 = pn.parse_scenario(tiny_scenario_data()).without_candidates(leaving)
    s3_file = tmp_path / "s3.json"
    s3_file.write_text(json.dumps(s3.model_dump(mode="json")))
    replan = pn.solve(s3, previous=plan, engine="cpsat")
    p3 = tmp_path / "p3.json"
    p3.write_text(replan.to_json())
    code, out, err = run(capsys, "diff", p, p3, "--scenario", s3_file)
    assert code == 0, err
    assert "?:" not in out
    before = {o.opd: o.released for o in plan.opd_impact}
    after = {o.opd: o.released for o in replan.opd_impact}
    for opd in before:
        if before[opd] != after.get(opd, 0):
            assert f"{opd}: released {before[opd]} → {after.get(opd, 0)}" in out


def test_diff_refuses_a_scenario_a_the_plan_was_not_solved_from(
    files: tuple[Path, Path], tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """--scenario-a names plan A's own scenario; another one is a usage error (exit 2)."""
    s, p = files
    data = tiny_scenario_data()
    data["name"] = "other"
    other = tmp_path / "other.json"
    other.write_text(json.dumps(data))
    code, out, err = run(capsys, "diff", p, p, "--scenario", s, "--scenario-a", other)
    assert code == 2 and out == "" and "not solved from" in err


def test_text_arguments_that_are_not_utf8_are_usage_errors(
    files: tuple[Path, Path], capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    """A label, candidate or key holding bytes that are not UTF-8 (as the shell passes them,
    a lone surrogate) exits 2; the API refuses such a label too."""
    s, p = files
    bad = b"\xff".decode("utf-8", "surrogateescape")
    out = p.with_name("given.json")
    assert run(capsys, "evaluate", s, p, "--label", bad, "-o", out)[0] == 2
    assert not out.exists()
    assert run(capsys, "explain", s, p, "--candidate", bad)[0] == 2
    monkeypatch.setenv("PENEMPATAN_PSEUDONYM_KEY", bad)
    code, _, err = run(capsys, "explain", s, p, "--pseudonymise", "--no-prices")
    assert code == 2 and "not UTF-8" in err
    scenario = pn.load_scenario(s)
    with pytest.raises(ValueError, match="label"):
        pn.evaluate(scenario, [], label=bad)
