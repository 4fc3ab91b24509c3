"""The benchmark helpers: an independent flow reference agrees with solve(); greedy plans verify."""

from __future__ import annotations

import importlib.util
import json
import sys
from pathlib import Path
from types import ModuleType

import pytest

import penempatan as pn
from penempatan.datasets import generate_scenario_data
from tests.factory import ROOT

BENCH = ROOT / "benchmarks"

VARIANTS = [
    {"n_cooperatives": 12, "n_candidates": 150, "seed": 1},
    {"n_cooperatives": 12, "n_candidates": 150, "seed": 2, "with_fit_table": True, "nearest": 5},
    {"n_cooperatives": 20, "n_candidates": 250, "seed": 3, "max_distance_km": 3.0},
    {"n_cooperatives": 20, "n_candidates": 250, "seed": 4, "floor_tightness": 1.0},
    {"n_cooperatives": 20, "n_candidates": 250, "seed": 5, "locks": 8, "forbidden": 20},
    {"n_cooperatives": 15, "n_candidates": 200, "seed": 6, "require_nomination": True},
]


def _load(name: str) -> ModuleType:
    spec = importlib.util.spec_from_file_location(f"bench_{name}", BENCH / f"{name}.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module
    spec.loader.exec_module(module)
    return module


@pytest.mark.parametrize("kwargs", VARIANTS)
def test_flow_reference_reaches_the_same_optimum(kwargs: dict[str, object], tmp_path: Path) -> None:
    """A second implementation of the spec, sharing no code, finds the same (coverage, fit)."""
    reference = _load("flow_reference")
    path = tmp_path / "s.json"
    path.write_text(json.dumps(generate_scenario_data(**kwargs)), encoding="utf-8")  # type: ignore[arg-type]
    plan = pn.solve(pn.load_scenario(path))
    got = reference.solve_file(str(path))
    assert (got["coverage"], got["fit"]) == (plan.coverage, plan.fit)


@pytest.mark.parametrize("kwargs", VARIANTS)
def test_greedy_baselines_are_valid_and_never_beat_the_optimum(kwargs: dict[str, object]) -> None:
    """Both greedy fills obey every rule and never cover more seats than the optimum."""
    greedy = _load("greedy")
    s = pn.parse_scenario(generate_scenario_data(**kwargs))  # type: ignore[arg-type]
    best = pn.solve(s)
    net = pn.build_network(s)
    for fill in (greedy.greedy_by_score, greedy.greedy_required_first):
        selected = fill(net)
        assert selected is not None
        plan = pn.evaluate(s, greedy.placements(net, selected), explain=False)  # verifies
        assert pn.verify(s, plan) == []
        assert (plan.coverage, plan.fit) <= (best.coverage, best.fit)


def test_the_cluster_simulation_schedules_longest_first() -> None:
    """The national benchmark's simulation: LPT makespan, overhead per task and start-up added."""
    national = _load("national")
    assert national.simulate([3.0, 2.0, 2.0, 1.0], 0.0, 0.0, 2) == 4.0
    # start-up 1 + max(3.5 + 1.5, 2.5 + 2.5): each task takes 0.5 s more
    assert national.simulate([3.0, 2.0, 2.0, 1.0], 0.5, 1.0, 2) == 6.0
    assert national.simulate([5.0, 1.0], 0.0, 0.0, 256) == 5.0  # the critical path bounds it


def _regions_with_plans(tmp_path: Path) -> tuple[Path, Path]:
    """Two generated regions in ``tmp_path/regions`` and their plans, solved now, in ``ref``."""
    regions, ref = tmp_path / "regions", tmp_path / "ref"
    regions.mkdir()
    ref.mkdir()
    for kwargs in VARIANTS[:2]:
        name = f"r{kwargs['seed']}"
        data = generate_scenario_data(**kwargs)  # type: ignore[arg-type]
        (regions / f"{name}.json").write_text(json.dumps(data), encoding="utf-8")
        plan = pn.solve(pn.parse_scenario(data))
        (ref / f"{name}.plan.json").write_text(plan.to_json(), encoding="utf-8")
    return regions, ref


def test_same_plans_finds_a_plan_that_differs(tmp_path: Path) -> None:
    """The speed guard passes on plans solved afresh and names the one altered since."""
    same_plans = _load("same_plans")
    regions, ref = _regions_with_plans(tmp_path)
    assert same_plans.main([str(regions), str(ref)]) == 0
    altered = ref / "r2.plan.json"
    altered.write_text(altered.read_text(encoding="utf-8").replace('"fit"', '"fit" ', 1))
    assert same_plans.main([str(regions), str(ref)]) == 1


def test_one_process_compares_plans_and_reports_a_ratio(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """The interleaved loop prints one ratio per round and names a plan altered since."""
    one_process = _load("one_process")
    regions, ref = _regions_with_plans(tmp_path)
    assert one_process.main([str(regions), "--rounds", "2", "--ref", str(ref)]) == 0
    out = capsys.readouterr().out
    assert out.count("round ") == 2 and "byte-identical" in out
    altered = ref / "r1.plan.json"
    altered.write_text(altered.read_text(encoding="utf-8").replace('"fit"', '"fit" ', 1))
    assert one_process.main([str(regions), "--rounds", "1", "--ref", str(ref)]) == 1
    assert "r1" in capsys.readouterr().err
