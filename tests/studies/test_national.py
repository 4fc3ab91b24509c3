"""Nation-wide runs: solve_many on pools and Dask, faults, the national command, resume."""

from __future__ import annotations

import csv
import io
import json
import os
import signal
import time
from collections.abc import Iterator
from concurrent.futures import Executor, Future, ThreadPoolExecutor
from concurrent.futures.process import BrokenProcessPool
from pathlib import Path
from typing import Any

import pytest

import penempatan as pn
from penempatan.cli import _main as cli
from penempatan.datasets._national import PROVINCES, national_regions, region_data
from penempatan.studies import _many
from penempatan.studies._many import run_many, solve_text
from penempatan.studies._national import NationalSummary, RegionResult
from penempatan.studies._pool import WorkerPool

EXAMPLES = Path(__file__).resolve().parents[2] / "examples"
SCALE = 0.08
BROKEN = '{"format": "penempatan/scenario@1", "name": "rusak", "opds": []}'


def _write_regions(folder: Path, count: int, scale: float = SCALE) -> dict[str, Path]:
    folder.mkdir(exist_ok=True)
    regions = national_regions(seed=3, scale=scale)[:count]
    paths = {}
    for r in regions:
        paths[r.name] = folder / f"{r.name}.json"
        paths[r.name].write_text(json.dumps(region_data(r)), encoding="utf-8")
    return paths


@pytest.fixture(scope="module")
def regions(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    """20 small regions of the synthetic country, as files."""
    return _write_regions(tmp_path_factory.mktemp("regions"), 20)


@pytest.fixture(scope="module")
def expected(regions: dict[str, Path]) -> dict[str, str]:
    """Each region's plan file as a single solve in this process writes it."""
    return {k: pn.solve(pn.load_scenario(p)).to_json() for k, p in regions.items()}


@pytest.fixture(scope="module")
def dask_client() -> Iterator[Any]:
    """A 2-worker Dask LocalCluster (worker processes, one thread each)."""
    distributed = pytest.importorskip("distributed")
    cluster = distributed.LocalCluster(
        n_workers=2, threads_per_worker=1, processes=True, dashboard_address=":0"
    )
    client = distributed.Client(cluster)
    yield client
    client.close()
    cluster.close()


def test_the_synthetic_country_has_the_real_spread() -> None:
    """514 regions, 416 kabupaten and 98 kota; kota 20-100, most kabupaten 100-400, a few >600."""
    regions = national_regions(seed=0)
    kab = [r.cooperatives for r in regions if r.kind == "kabupaten"]
    kota = [r.cooperatives for r in regions if r.kind == "kota"]
    assert (len(regions), len(kab), len(kota)) == (514, 416, 98)
    assert sum(n for n, _ in PROVINCES.values()) == 416 and len(PROVINCES) == 38
    assert min(kota) >= 20 and max(kota) <= 100
    assert sum(100 <= n <= 400 for n in kab) > 0.7 * len(kab)
    assert 1 <= sum(n > 600 for n in kab) <= 12 and max(kab) <= 852
    assert 70_000 < sum(r.cooperatives for r in regions) < 95_000
    assert all(3 * r.cooperatives <= r.candidates <= 7 * r.cooperatives for r in regions)
    assert len({r.name for r in regions}) == 514
    assert national_regions(seed=0) == regions
    small = national_regions(seed=0, scale=0.1)
    assert [r.seed for r in small] == [r.seed for r in regions]
    assert all(
        s.cooperatives <= max(3, r.cooperatives) for s, r in zip(small, regions, strict=True)
    )


def test_solve_many_on_the_default_pool_gives_each_single_solve(
    regions: dict[str, Path], expected: dict[str, str]
) -> None:
    """The default process pool returns every region's plan, byte-identical to solve()."""
    got = dict(pn.solve_many(regions))
    assert set(got) == set(regions)
    assert {k: p.to_json() for k, p in got.items() if isinstance(p, pn.Plan)} == expected


def test_solve_many_takes_scenarios_and_any_executor(
    regions: dict[str, Path], expected: dict[str, str]
) -> None:
    """Scenario objects through a ThreadPoolExecutor: the same plans, timings kept on the plan."""
    some = list(regions)[:4]
    scenarios = [(k, pn.load_scenario(regions[k])) for k in some]
    with ThreadPoolExecutor(2) as pool:
        got = dict(pn.solve_many(scenarios, executor=pool))
    for k in some:
        plan = got[k]
        assert isinstance(plan, pn.Plan) and plan.to_json() == expected[k]
        assert plan.timings is not None and plan.timings.total_s > 0


def test_solve_many_refuses_an_unknown_option(regions: dict[str, Path]) -> None:
    """An option solve() does not take is a TypeError before anything runs."""
    with pytest.raises(TypeError, match="time_limit"):
        list(pn.solve_many(regions, time_limit=3))


def test_dask_with_a_worker_killed_mid_run_returns_every_plan(
    dask_client: Any, regions: dict[str, Path], expected: dict[str, str]
) -> None:
    """20 regions on a 2-worker LocalCluster, one worker killed while it holds regions: 20 plans."""
    killed: list[int] = []
    results: dict[str, Any] = {}
    for key, plan in pn.solve_many(regions, executor=dask_client):
        results[key] = plan
        if not killed:
            busy = {a for a, tasks in dask_client.processing().items() if tasks}
            pids = dask_client.run(os.getpid)
            victim = sorted(busy)[0] if busy else sorted(pids)[0]
            os.kill(pids[victim], signal.SIGKILL)
            killed.append(pids[victim])
    assert killed and set(results) == set(regions)
    for key, plan in results.items():
        assert isinstance(plan, pn.Plan), plan
        assert pn.verify(pn.load_scenario(regions[key]), plan) == []
        assert plan.status is pn.Status.OPTIMAL
        assert plan.to_json() == expected[key]
    deadline = time.monotonic() + 30
    while len(dask_client.scheduler_info()["workers"]) < 2 and time.monotonic() < deadline:
        time.sleep(0.2)  # the nanny restarts the killed worker for the tests after this one
    assert killed[0] not in dask_client.run(os.getpid).values()


def test_dask_with_one_invalid_region_gives_19_plans_and_its_error(
    dask_client: Any, regions: dict[str, Path], tmp_path: Path
) -> None:
    """One broken file among 20 on Dask: 19 plans and one error with validate's message."""
    broken = tmp_path / "rusak.json"
    broken.write_text(BROKEN, encoding="utf-8")
    sources = {**dict(list(regions.items())[:19]), "rusak": broken}
    results = dict(pn.solve_many(sources, executor=dask_client))
    errors = {k: v for k, v in results.items() if isinstance(v, pn.RegionError)}
    assert len(results) == 20 and list(errors) == ["rusak"]
    error = errors["rusak"]
    assert error.reason == "invalid"
    with pytest.raises(pn.ScenarioError) as raised:
        pn.load_scenario(broken)
    assert error.message == str(raised.value)
    assert "rusak.json: reference_date" in error.message


class _BreakOnce(Executor):
    """A pool whose first region's process 'dies' (BrokenProcessPool); it then runs inline."""

    broken = 0

    def __init__(self, workers: int) -> None:
        self._max_workers = workers
        self.fail_next = _BreakOnce.broken == 0

    def submit(self, fn: Any, /, *args: Any, **kwargs: Any) -> Future[Any]:
        future: Future[Any] = Future()
        if self.fail_next:
            self.fail_next = False
            _BreakOnce.broken += 1
            future.set_exception(BrokenProcessPool("a child process terminated abruptly"))
        else:
            future.set_result(fn(*args, **kwargs))
        return future


def test_a_worker_that_dies_costs_its_region_one_retry(
    regions: dict[str, Path], expected: dict[str, str], monkeypatch: pytest.MonkeyPatch
) -> None:
    """When the default pool's worker dies, only the region it held is tried again, alone."""
    made: list[int] = []

    def pool(workers: int) -> Executor:
        made.append(workers)
        return _BreakOnce(workers)

    _BreakOnce.broken = 0
    monkeypatch.setattr(_many, "process_pool", pool)
    some = dict(list(regions.items())[:5])
    outcomes = list(run_many(some))
    assert len(made) == 1 and _BreakOnce.broken == 1
    assert sorted(o.key for o in outcomes) == sorted(some)
    assert all(o.error is None and o.text == expected[o.key] for o in outcomes)
    assert sorted(o.attempts for o in outcomes) == [1, 1, 1, 1, 2]


def test_the_default_pool_survives_a_killed_worker(
    regions: dict[str, Path], expected: dict[str, str]
) -> None:
    """A local pool worker killed while it solves: that task fails, the pool goes on."""
    big = max(regions.values(), key=lambda p: p.stat().st_size)
    pool = WorkerPool(2)
    try:
        first = pool.submit(solve_text, big.read_text(), {}, None, big.name)
        deadline = time.monotonic() + 30
        while not pool.pids and time.monotonic() < deadline:
            time.sleep(0.01)
        os.kill(pool.pids[0], signal.SIGKILL)
        with pytest.raises(BrokenProcessPool, match="exit status -9"):
            first.result(timeout=60)
        again = pool.submit(solve_text, big.read_text(), {}, None, big.name).result(timeout=60)
        assert again["text"] == expected[big.stem]
        assert len(pool.pids) == 2
    finally:
        pool.shutdown()


def test_a_region_that_keeps_killing_its_worker_is_reported(
    regions: dict[str, Path], monkeypatch: pytest.MonkeyPatch
) -> None:
    """A region whose process dies every time is reported as worker_lost after 3 tries."""

    class AlwaysBreaks(_BreakOnce):
        def submit(self, fn: Any, /, *args: Any, **kwargs: Any) -> Future[Any]:
            future: Future[Any] = Future()
            if kwargs or "aceh.kab-01.json" not in args:
                future.set_result(fn(*args, **kwargs))
            else:
                future.set_exception(BrokenProcessPool("killed"))
            return future

    monkeypatch.setattr(_many, "process_pool", AlwaysBreaks)
    some = dict(list(regions.items())[:3])
    assert "aceh.kab-01" in some
    results = dict(pn.solve_many(some))
    error = results["aceh.kab-01"]
    assert isinstance(error, pn.RegionError) and error.reason == "worker_lost"
    assert "3 times" in error.message
    assert all(isinstance(results[k], pn.Plan) for k in some if k != "aceh.kab-01")


def test_solve_text_reports_what_is_wrong_without_raising() -> None:
    """In a worker: invalid text is an 'invalid' result, a matching hash 'unchanged'."""
    assert solve_text(BROKEN, {})["outcome"] == "invalid"
    scenario = pn.datasets.generate(n_cooperatives=4, n_candidates=20, seed=1)
    text = scenario.canonical_json()
    assert solve_text(text, {}, scenario.sha256)["outcome"] == "unchanged"
    done = solve_text(text, {"explain": False})
    assert done["outcome"] == "plan"
    assert done["text"] == pn.solve(scenario, explain=False).to_json()
    assert done["row"]["coverage"] == pn.Plan.from_json(done["text"]).coverage


# ------------------------------------------------------------ the command line


def _national(capsys: pytest.CaptureFixture[str], *argv: str | Path | int) -> tuple[int, str, str]:
    code = cli.main(["national", *map(str, argv)])
    out, err = capsys.readouterr()
    return code, out, err


def test_national_writes_every_plan_and_the_summary(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """Plans, summary.json/.md and the CSV tables; one invalid region: exit 1, named on stderr."""
    paths = _write_regions(tmp_path / "in", 5)
    (tmp_path / "in" / "rusak.json").write_text(BROKEN, encoding="utf-8")
    code, out, err = _national(capsys, tmp_path / "in", "-o", tmp_path / "out", "--processes", 2)
    assert code == 1
    assert "rusak: skenario tidak sah: 3 masalah" in err
    assert "rusak.json: reference_date: wajib diisi" in err  # worded in the reader's language
    assert (
        "tanpa rencana: rusak: invalid (skenario tidak sah)" in out
    )  # the summary in Indonesian by default
    summary = json.loads((tmp_path / "out" / "summary.json").read_text())
    rows = {r["name"]: r for r in summary["regions"]}
    assert set(rows) == {*paths, "rusak"}
    assert rows["rusak"]["status"] is None and rows["rusak"]["reason"] == "invalid"
    for name, path in paths.items():
        plan_text = (tmp_path / "out" / f"{name}.plan.json").read_text()
        plan = pn.Plan.from_json(plan_text)
        assert plan_text == pn.solve(pn.load_scenario(path)).to_json()
        row = rows[name]
        assert row["error"] is None and row["status"] == plan.status.value
        assert (row["coverage"], row["required_seats"], row["fit"], row["placements"]) == (
            plan.coverage,
            plan.required_seats,
            plan.fit,
            len(plan.assignments),
        )
        assert row["province"] == "Aceh" and row["seconds"] > 0
    assert summary["totals"]["coverage"] == sum(r["coverage"] for r in rows.values())
    assert "## Provinsi" in (tmp_path / "out" / "summary.md").read_text()
    with (tmp_path / "out" / "regions.csv").open(newline="") as fh:
        table = list(csv.DictReader(fh))
    assert len(table) == 6 and {r["daerah"] for r in table} == set(rows)
    assert not list((tmp_path / "out").glob("rusak*"))


def test_national_resume_solves_only_what_is_missing_or_changed(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """--resume: plans whose scenario is unchanged are untouched; missing and changed re-solved."""
    paths = _write_regions(tmp_path / "in", 6)
    out = tmp_path / "out"
    assert _national(capsys, tmp_path / "in", "-o", out, "--processes", 2)[0] == 0
    names = sorted(paths)
    old = 1_000_000_000 * 1_000_000_000
    for name in names:
        os.utime(out / f"{name}.plan.json", ns=(old, old))
    missing, changed = names[0], names[1]
    (out / f"{missing}.plan.json").unlink()
    edited = pn.load_scenario(paths[changed]).with_policy(max_age=50)
    paths[changed].write_text(edited.canonical_json(), encoding="utf-8")
    code, _, _ = _national(capsys, tmp_path / "in", "-o", out, "--resume", "--processes", 2)
    assert code == 0
    rows = {r["name"]: r for r in json.loads((out / "summary.json").read_text())["regions"]}
    for name in names:
        plan_file = out / f"{name}.plan.json"
        solved_now = name in (missing, changed)
        assert (plan_file.stat().st_mtime_ns != old) is solved_now
        assert rows[name]["resumed"] is not solved_now
        assert pn.Plan.from_json(plan_file.read_text()).scenario_sha256 == (
            pn.load_scenario(paths[name]).sha256
        )
        assert rows[name]["coverage"] == pn.Plan.from_json(plan_file.read_text()).coverage


def test_national_never_leaves_an_old_plan_under_a_region_that_failed(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """A region broken since the last run: its old plan is renamed .stale, not kept, not lost."""
    paths = _write_regions(tmp_path / "in", 2)
    out = tmp_path / "out"
    assert _national(capsys, tmp_path / "in", "-o", out, "--processes", 1)[0] == 0
    name = sorted(paths)[0]
    old_plan = (out / f"{name}.plan.json").read_bytes()
    paths[name].write_text(BROKEN, encoding="utf-8")
    code, _, err = _national(capsys, tmp_path / "in", "-o", out, "--processes", 1)
    assert code == 1 and f"{name}: skenario tidak sah" in err
    assert not (out / f"{name}.plan.json").exists()
    assert (out / f"{name}.plan.json.stale").read_bytes() == old_plan


def test_national_on_a_local_dask_cluster(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """--local 2 runs the regions on Dask and writes the same plans as the process pool;
    --lang en gives the summary in English (printed, Markdown and CSV column names)."""
    pytest.importorskip("distributed")
    paths = _write_regions(tmp_path / "in", 3)
    argv = (tmp_path / "in", "-o", tmp_path / "out", "--local", 2, "--lang", "en")
    code, out, _ = _national(capsys, *argv)
    assert code == 0 and "3 regions: 3 with a plan" in out
    assert "## Provinces" in (tmp_path / "out" / "summary.md").read_text()
    assert (tmp_path / "out" / "regions.csv").read_text().startswith("name,province,status")
    for name, path in paths.items():
        assert (tmp_path / "out" / f"{name}.plan.json").read_text() == (
            pn.solve(pn.load_scenario(path)).to_json()
        )


def test_national_usage_errors(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """No regions, or OUT_DIR = IN_DIR: exit 2 with the reason, nothing written."""
    (tmp_path / "empty").mkdir()
    code, _, err = _national(capsys, tmp_path / "empty", "-o", tmp_path / "out")
    assert code == 2 and "tidak ada berkas daerah" in err and not (tmp_path / "out").exists()
    _write_regions(tmp_path / "in", 1)
    code, _, err = _national(capsys, tmp_path / "in", "-o", tmp_path / "in")
    assert code == 2 and "tidak boleh sama dengan IN_DIR" in err


def test_generate_one_scenario_and_a_country(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """generate writes the generator's scenario, a scaled country, and never over a file."""
    one = tmp_path / "one.json"
    argv = ["generate", str(one), "--cooperatives", "6", "--candidates", "40", "--seed", "2"]
    assert cli.main(argv) == 0
    data = pn.datasets.generate_scenario_data(n_cooperatives=6, n_candidates=40, seed=2)
    assert pn.load_scenario(one) == pn.parse_scenario(data)
    assert cli.main(argv) == 2 and "gunakan --force" in capsys.readouterr().err
    country = tmp_path / "country"
    argv = ["generate", "--national", str(country), "--scale", "0.02", "--regions", "12"]
    assert cli.main(argv) == 0
    files = sorted(country.glob("*.json"))
    assert len(files) == 12 and "12 daerah" in capsys.readouterr().out
    for f in files:
        pn.load_scenario(f)
    assert cli.main(["generate"]) == 2


def test_the_summary_adds_up_and_draws() -> None:
    """Province rows and totals are sums of the regions; unfilled seats by reason; a plot."""
    rows = [
        RegionResult("a.kab-01", "A", "OPTIMAL", 8, 10, 100, 9, 2, 1.5, unfilled={"x": 2}),
        RegionResult("a.kota-01", "A", "INFEASIBLE", 0, 5, 0, 0, 0, 0.5, unfilled={}),
        RegionResult("b.kab-01", "B", "OPTIMAL", 3, 4, 40, 3, 1, 0.2, unfilled={"x": 1, "y": 0}),
        RegionResult("b.kab-02", "B", error="broken", reason="invalid"),
    ]
    summary = NationalSummary.of(rows, wall_seconds=2.0)
    totals = summary.totals()
    assert (totals["regions"], totals["with_plan"], totals["without_plan"]) == (4, 3, 1)
    assert (totals["coverage"], totals["required_seats"], totals["placements"]) == (11, 19, 12)
    assert totals["statuses"] == {"INFEASIBLE": 1, "OPTIMAL": 2}
    provinces = {p["province"]: p for p in summary.provinces()}
    assert provinces["A"]["coverage"] == 8 and provinces["B"]["without_plan"] == 1
    assert summary.unfilled() == {"x": 3, "y": 0}
    assert [r.name for r in summary.slowest(2)] == ["a.kab-01", "a.kota-01"]
    header = summary.provinces_csv("en").splitlines()[0]
    assert header.startswith("province,regions,without_plan")
    assert "| b.kab-02 | invalid (invalid scenario) | broken |" in summary.to_markdown(lang="en")
    assert "no plan: b.kab-02: invalid" in str(summary)
    english, indonesian = summary.summary("en"), summary.summary("id")
    assert english.splitlines()[0] == str(summary).splitlines()[0]
    assert (
        english.splitlines()[0] == "4 regions: 3 with a plan (INFEASIBLE 1, OPTIMAL 2), 1 without"
    )
    assert (
        indonesian.splitlines()[0]
        == "4 daerah: 3 dengan rencana (INFEASIBLE 1, OPTIMAL 2), 1 tanpa"
    )
    assert "cakupan 11 dari 19 kursi wajib (57,9 %)" in indonesian
    assert "tanpa rencana: b.kab-02: invalid" in indonesian
    pytest.importorskip("matplotlib")
    import matplotlib

    matplotlib.use("Agg")
    from penempatan.plotting import plot_national

    ax = plot_national(summary)
    assert [t.get_text() for t in ax.get_yticklabels()] == ["A", "B"]


def test_the_summary_speaks_indonesian_by_default_and_english_when_asked(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """Markdown and the CSV column names follow the language (Indonesian by default, or
    $PENEMPATAN_LANG), as the printed lines do; codes and CSV values stay data."""
    rows = [
        RegionResult("a.kab-01", "A", "OPTIMAL", 1200, 2000, 9, 1200, 2, 1.25),
        RegionResult(
            "a.kab-02", "A", "OPTIMAL", 5, 10, 9, 5, 0, 0.5, unfilled={"held_by_floor": 5}
        ),
        RegionResult("b.kab-01", "B", error="broken", reason="invalid"),
    ]
    summary = NationalSummary.of(rows, wall_seconds=2.5)
    monkeypatch.delenv("PENEMPATAN_LANG", raising=False)
    md_id, md_en = summary.to_markdown(), summary.to_markdown(lang="en")
    assert md_id == summary.to_markdown(lang="id") != md_en
    assert md_id.startswith("# Ringkasan penempatan nasional")
    assert "Cakupan 1.205 dari 2.010 kursi wajib (60,0%)" in md_id
    assert "Coverage 1,205 of 2,010 required seats (60.0%)" in md_en
    assert "Waktu total 2,5 s" in md_id and "Wall time 2.5 s" in md_en
    assert "| held_by_floor (calon tertahan batas minimum) | 5 |" in md_id
    assert "| held_by_floor (candidates held by floors) | 5 |" in md_en
    assert "## Daerah tanpa rencana" in md_id and "## Regions without a plan" in md_en
    assert summary.regions_csv().splitlines()[0].startswith("daerah,provinsi,status,cakupan")
    assert summary.regions_csv("en").splitlines()[0].startswith("name,province,status,coverage")
    # Values are data in both: the same rows under the two headers.
    assert summary.regions_csv().splitlines()[1:] == summary.regions_csv("en").splitlines()[1:]
    monkeypatch.setenv("PENEMPATAN_LANG", "en")
    assert summary.to_markdown() == md_en
    assert summary.provinces_csv().startswith("province,regions,without_plan")


def test_a_script_without_a_main_guard_can_solve_many(
    tmp_path: Path, regions: dict[str, Path]
) -> None:
    """The local pool's workers never re-run the caller's script (no __main__ guard needed)."""
    import subprocess
    import sys

    some = dict(list(regions.items())[:3])
    script = tmp_path / "script.py"
    script.write_text(
        "import penempatan as pn\n"
        "print('started')\n"
        f"results = dict(pn.solve_many({ {k: str(v) for k, v in some.items()}!r}))\n"
        "print(sorted(type(v).__name__ for v in results.values()))\n",
        encoding="utf-8",
    )
    proc = subprocess.run(
        [sys.executable, str(script)], capture_output=True, text=True, timeout=120, check=False
    )
    assert proc.returncode == 0, proc.stderr
    assert proc.stdout.splitlines() == ["started", "['Plan', 'Plan', 'Plan']"]


@pytest.mark.parametrize(
    ("lang", "reason", "why"),
    [
        ("id", "failed (gagal saat disusun)", "aturan lokal (rules) bukan jaringan"),
        ("en", "failed (failed while solving)", "local rules are not a network"),
    ],
)
def test_national_words_a_region_with_rules_under_engine_flow(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], lang: str, reason: str, why: str
) -> None:
    """--engine flow: a region with local rules has no plan, and why is said as solve says it."""
    folder = tmp_path / "in"
    folder.mkdir()
    ruled = pn.load_scenario(EXAMPLES / "pekalongan_rules.json")
    (folder / "b.json").write_text(ruled.canonical_json(), encoding="utf-8")
    code, out, err = _national(
        capsys, folder, "-o", tmp_path / "out", "--engine", "flow", "--processes", 1, "--lang", lang
    )
    assert code == 1
    assert err.startswith(f"b: {reason}: {why}")
    assert "ValueError" not in err and "Traceback" not in err
    assert reason in out


@pytest.mark.parametrize(
    ("lang", "line"),
    [("id", "1/3 selesai, 0 gagal, 2 berjalan, 4 d"), ("en", "1/3 done, 0 failed, 2 running, 4 s")],
)
def test_the_national_progress_line_is_in_the_readers_language(lang: str, line: str) -> None:
    """The terminal's progress line (regions done, failed, running, time) is worded in --lang."""
    from types import SimpleNamespace

    from penempatan.cli._national import _Ticker

    class Terminal(io.StringIO):
        def isatty(self) -> bool:
            return True

    stream = Terminal()
    ticker = _Ticker(stream, lang)
    ticker(SimpleNamespace(done=1, total=3, failed=0, running=2, elapsed=3.6))
    assert line in stream.getvalue()
