"""The synthetic country, solved three ways, and a simulation of larger clusters.

Measured in one run, on the same files:

* **reference**: ``flow_reference.solve_file`` (an independent min-cost flow
  that imports nothing from penempatan) on every region, one after another in
  this process: the least a program can do;
* **pool**: ``penempatan national DIR -o OUT`` as a whole process, the default
  local process pool (one worker per processor);
* **dask**: the same command with ``--local 2`` (a 2-worker Dask
  ``LocalCluster``, start-up included);
* **mixed** (``--mixed N``, default 80): N regions of every size, through a
  2-worker ``LocalCluster`` started in this process, one worker killed
  (SIGKILL) after the first plan comes back, against the reference on the same
  N regions. Start-up, the kill and the retries are all inside the time.

Every penempatan plan is checked: status OPTIMAL, ``verify`` finds nothing
(``--no-verify`` skips it), and coverage and fit equal the reference's.

Reported: regions per minute, wall time, the critical path (the slowest
region), peak memory per worker (each worker's peak resident memory after its
regions, from ``getrusage``), and a **simulation** (not a measurement) of
clusters of 4, 16, 64 and 256 workers: the measured per-region times of the
pool run plus the measured per-task overhead, scheduled longest first (LPT)
onto the workers, plus the measured cluster start-up.

Usage::

    python benchmarks/national.py [--dir DIR] [--scale S] [--mixed N] [--out REPORT.json]
    python benchmarks/national.py --dir DIR --mixed 80 --mixed-only   # the mixed run alone

``DIR`` holds the regions (``penempatan generate --national DIR``); without
it the country is generated into a temporary folder.
"""

from __future__ import annotations

import argparse
import heapq
import json
import os
import platform
import signal
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))

from flow_reference import solve_file  # noqa: E402

PENEMPATAN = [sys.executable, "-m", "penempatan"]


def reference(files: list[Path]) -> dict[str, Any]:
    """Every file through the independent flow, one after another, in this process."""
    per: dict[str, float] = {}
    results: dict[str, tuple[int, int]] = {}
    start = time.perf_counter()
    for f in files:
        t0 = time.perf_counter()
        r = solve_file(str(f))
        per[f.stem] = time.perf_counter() - t0
        results[f.stem] = (r["coverage"], r["fit"])
    return {"wall_s": time.perf_counter() - start, "per_region_s": per, "objective": results}


def national_cli(in_dir: Path, out_dir: Path, *extra: str) -> dict[str, Any]:
    """``penempatan national`` as a whole process; its summary and wall time."""
    t0 = time.perf_counter()
    proc = subprocess.run(
        [*PENEMPATAN, "national", str(in_dir), "-o", str(out_dir), "-q", *extra],
        capture_output=True,
        text=True,
        check=False,
    )
    wall = time.perf_counter() - t0
    if proc.returncode != 0:
        raise SystemExit(f"penempatan national {' '.join(extra)} failed:\n{proc.stderr}")
    summary = json.loads((out_dir / "summary.json").read_text())
    return {"wall_s": wall, "summary": summary}


def check_plans(
    in_dir: Path, out_dir: Path, names: list[str], ref: dict[str, Any], verify: bool
) -> dict[str, Any]:
    """Every plan OPTIMAL, verified, and at the reference's coverage and fit."""
    import penempatan as pn

    bad: list[str] = []
    for name in names:
        plan = pn.Plan.from_json((out_dir / f"{name}.plan.json").read_text())
        if plan.status is not pn.Status.OPTIMAL:
            bad.append(f"{name}: {plan.status.value}")
        if (plan.coverage, plan.fit) != tuple(ref["objective"][name]):
            bad.append(f"{name}: {plan.coverage, plan.fit} != reference {ref['objective'][name]}")
        if verify:
            violations = pn.verify(pn.load_scenario(in_dir / f"{name}.json"), plan)
            if violations:
                bad.append(f"{name}: {len(violations)} violations")
    return {"checked": len(names), "verified": verify, "problems": bad}


def stats(run: dict[str, Any], workers: int) -> dict[str, Any]:
    """Regions per minute, critical path, per-task overhead and peak memory per worker."""
    rows = run["summary"]["regions"]
    seconds = [r["seconds"] for r in rows if r["seconds"] is not None]
    wall = run["wall_s"]
    busy = sum(seconds)
    slowest = max(rows, key=lambda r: r["seconds"] or 0.0)
    return {
        "regions": len(rows),
        "wall_s": round(wall, 2),
        "regions_per_minute": round(60 * len(rows) / wall, 1),
        "sum_region_s": round(busy, 2),
        "critical_path": {"region": slowest["name"], "seconds": round(slowest["seconds"], 3)},
        "overhead_per_task_s": round(max(0.0, wall * workers - busy) / max(1, len(rows)), 4),
        "peak_worker_mb": max(r.get("peak_mb") or 0.0 for r in rows),
    }


def mixed_with_a_kill(files: list[Path]) -> dict[str, Any]:
    """N regions on a 2-worker LocalCluster started here, one worker killed after the first plan."""
    from distributed import Client, LocalCluster

    from penempatan.studies._many import run_many

    t0 = time.perf_counter()
    cluster = LocalCluster(
        n_workers=2, threads_per_worker=1, processes=True, dashboard_address=":0"
    )
    client = Client(cluster)
    started = time.perf_counter() - t0
    killed = None
    results = []
    try:
        for outcome in run_many({f.stem: f for f in files}, executor=client):
            results.append(outcome)
            if killed is None:
                busy = sorted(a for a, tasks in client.processing().items() if tasks)
                pids = client.run(os.getpid)
                victim = busy[0] if busy else sorted(pids)[0]
                os.kill(pids[victim], signal.SIGKILL)
                killed = victim
    finally:
        wall = time.perf_counter() - t0
        client.close()
        cluster.close()
    return {
        "wall_s": round(wall, 2),
        "cluster_start_s": round(started, 2),
        "killed_worker": killed,
        "plans": sum(o.error is None for o in results),
        "errors": [str(o.error) for o in results if o.error is not None],
        "peak_worker_mb": max((o.peak_mb or 0.0) for o in results),
        "objective": {o.key: (o.row["coverage"], o.row["fit"]) for o in results if o.row},
    }


def simulate(durations: list[float], overhead: float, start_s: float, workers: int) -> float:
    """SIMULATED makespan: tasks longest first onto the least-loaded of ``workers`` (LPT)."""
    loads = [0.0] * workers
    heapq.heapify(loads)
    for d in sorted(durations, reverse=True):
        heapq.heappush(loads, heapq.heappop(loads) + d + overhead)
    return start_s + max(loads)


def main(argv: list[str] | None = None) -> int:
    p = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    p.add_argument("--dir", type=Path, help="the regions (default: generated into a temp folder)")
    p.add_argument("--scale", type=float, default=1.0)
    p.add_argument("--mixed", type=int, default=80, help="regions of the mixed run (0: skip)")
    p.add_argument(
        "--mixed-cooperatives",
        type=int,
        default=19_000,
        help="cooperatives the mixed regions add up to at least (the issue's 80 regions have "
        "about 19,000); 0: every size of the country alike",
    )
    p.add_argument("--no-verify", dest="verify", action="store_false")
    p.add_argument(
        "--mixed-only",
        action="store_true",
        help="only the mixed run against its reference (not the whole country)",
    )
    p.add_argument("--out", type=Path, help="write the report as JSON here")
    args = p.parse_args(argv)

    tmp = Path(tempfile.mkdtemp(prefix="penempatan-national-"))
    in_dir = args.dir or tmp / "country"
    if args.dir is None:
        subprocess.run(
            [*PENEMPATAN, "generate", "--national", str(in_dir), "--scale", str(args.scale)],
            check=True,
            capture_output=True,
        )
    files = sorted(f for f in in_dir.glob("*.json"))
    names = [f.stem for f in files]
    load = os.getloadavg()
    print(f"{len(files)} regions in {in_dir}; load average {load[0]:.1f}", file=sys.stderr)

    if args.mixed_only:
        report = {
            "machine": _machine(load),
            "mixed": mixed_run(files, args.mixed, args.mixed_cooperatives),
        }
        text = json.dumps(report, indent=2)
        print(text)
        if args.out is not None:
            args.out.write_text(text + "\n")
        return 0 if not report["mixed"]["objective_differs_from_reference"] else 1

    ref = reference(files)
    print(f"reference: {ref['wall_s']:.1f} s", file=sys.stderr)
    pool = national_cli(in_dir, tmp / "pool")
    print(f"pool: {pool['wall_s']:.1f} s", file=sys.stderr)
    dask = national_cli(in_dir, tmp / "dask", "--local", "2")
    print(f"dask --local 2: {dask['wall_s']:.1f} s", file=sys.stderr)
    checks = check_plans(in_dir, tmp / "pool", names, ref, args.verify)
    same = all(
        (tmp / "pool" / f"{n}.plan.json").read_bytes()
        == (tmp / "dask" / f"{n}.plan.json").read_bytes()
        for n in names
    )
    workers = os.cpu_count() or 1
    pool_stats, dask_stats = stats(pool, workers), stats(dask, 2)

    durations = [r["seconds"] for r in pool["summary"]["regions"]]
    overhead = dask_stats["overhead_per_task_s"]
    report: dict[str, Any] = {
        "machine": _machine(load),
        "regions": len(files),
        "cooperatives_candidates": _sizes(files),
        "reference": {
            "wall_s": round(ref["wall_s"], 2),
            "regions_per_minute": round(60 * len(files) / ref["wall_s"], 1),
            "slowest_s": round(max(ref["per_region_s"].values()), 3),
        },
        "pool": pool_stats | {"against_reference": round(pool["wall_s"] / ref["wall_s"], 2)},
        "dask_local_2": dask_stats
        | {"against_reference": round(dask["wall_s"] / ref["wall_s"], 2)},
        "plans": checks | {"pool_and_dask_byte_identical": same},
        "simulation": {
            "note": "SIMULATED, not measured: the pool run's per-region times plus the Dask "
            "run's per-task overhead, longest first onto N workers, plus cluster start-up",
            "overhead_per_task_s": overhead,
            "start_s": _dask_start(),
            "makespan_s": {},
        },
    }
    start_s = report["simulation"]["start_s"]
    for n in (2, 4, 16, 64, 256):
        report["simulation"]["makespan_s"][str(n)] = round(
            simulate(durations, overhead, start_s, n), 2
        )
    if args.mixed:
        report["mixed"] = mixed_run(files, args.mixed, args.mixed_cooperatives)
    text = json.dumps(report, indent=2)
    print(text)
    if args.out is not None:
        args.out.write_text(text + "\n")
    return 0 if not checks["problems"] and same else 1


def mixed_run(files: list[Path], n: int, cooperatives: int = 0) -> dict[str, Any]:
    """``n`` regions of every size: the reference, then Dask with a worker killed.

    With ``cooperatives``, the regions are spread over the largest ones just far
    enough for their cooperatives to add up to at least that many (:func:`_spread_to`).
    """
    picked = _spread_to(files, n, cooperatives) if cooperatives else _spread(files, n)
    mixed_ref = reference(picked)
    mixed = mixed_with_a_kill(picked)
    wrong = [
        f.stem
        for f in picked
        if mixed["objective"].get(f.stem) != tuple(mixed_ref["objective"][f.stem])
    ]
    return {
        "regions": len(picked),
        "cooperatives_candidates": _sizes(picked),
        "load_average_after": [round(x, 2) for x in os.getloadavg()],
        "reference_s": round(mixed_ref["wall_s"], 2),
        **{k: v for k, v in mixed.items() if k != "objective"},
        "against_reference": round(mixed["wall_s"] / mixed_ref["wall_s"], 2),
        "objective_differs_from_reference": wrong,
    }


def _machine(load: tuple[float, float, float]) -> dict[str, Any]:
    return {
        "cpus": os.cpu_count(),
        "python": platform.python_version(),
        "load_average_at_start": [round(x, 2) for x in load],
        "shared": "yes: other helpers' jobs ran on the same 2 cores",
    }


def _ratio(a: float, b: float) -> float:
    return round(a / b, 2)


def _sizes(files: list[Path]) -> list[int]:
    coops = cands = 0
    for f in files:
        d = json.loads(f.read_text())
        coops += len(d["cooperatives"])
        cands += len(d["candidates"])
    return [coops, cands]


def _spread(files: list[Path], n: int) -> list[Path]:
    """``n`` files of every size: every k-th of them ordered by size."""
    by_size = sorted(files, key=lambda f: (f.stat().st_size, f.name))
    if n >= len(by_size):
        return by_size
    return [by_size[round(i * (len(by_size) - 1) / (n - 1))] for i in range(n)]


def _spread_to(files: list[Path], n: int, cooperatives: int) -> list[Path]:
    """``n`` files spread evenly over the ``m`` largest (by cooperatives), ``m`` the most
    for which the ``n`` add up to at least ``cooperatives`` (every file if none does)."""
    counts = {f: len(json.loads(f.read_text())["cooperatives"]) for f in files}
    by_size = sorted(files, key=lambda f: (counts[f], f.name))
    picked = by_size
    for m in range(len(by_size), n - 1, -1):
        picked = _spread(by_size[-m:], n)
        if sum(counts[f] for f in picked) >= cooperatives:
            break
    return picked


def _dask_start() -> float:
    """Measured: seconds to start a 2-worker LocalCluster and connect to it."""
    from distributed import Client, LocalCluster

    t0 = time.perf_counter()
    cluster = LocalCluster(
        n_workers=2, threads_per_worker=1, processes=True, dashboard_address=":0"
    )
    client = Client(cluster)
    client.run(os.getpid)
    elapsed = time.perf_counter() - t0
    client.close()
    cluster.close()
    return round(elapsed, 2)


if __name__ == "__main__":
    sys.exit(main())
