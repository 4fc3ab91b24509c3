"""The "fast at every size" benchmark: penempatan end to end against references, same run.

What is measured, per named instance (seeded generator, seed 0, written to a
temporary folder), each in a fresh subprocess whose wall time and peak RSS
(``ru_maxrss`` of that one child's rusage, from ``os.wait4``) are recorded:

``cli``              ``penempatan solve FILE -o PLAN``, the whole process;
``stages``           the same solve in one process, timed stage by stage
                     (``benchmarks/stages.py``: import, validation, build,
                     solve, assemble, explain, write);
``reference``        ``benchmarks/flow_reference.py``: json + numpy + OR-Tools
                     ``SimpleMinCostFlow``, written independently of
                     penempatan; it must reach the same (coverage, fit);
``highs``            HiGHS on the same MIP model (``benchmarks/highs_model.py``;
                     "not installed" without highspy), and ``highs_lp`` its LP
                     relaxation;
``cpsat_default``    ``engine="cpsat"``, ``parameters={}`` (CP-SAT's defaults), 2 workers, 60 s,
                     not warm-started (CP-SAT on its own);
``cpsat_tuned``      ``engine="cpsat"`` with penempatan's parameters, 1 worker, 60 s,
                     not warm-started;
``cpsat_tuned_2w``   the same with 2 workers;
``cpsat_warm``       ``engine="cpsat"`` as shipped: penempatan's parameters, 1 worker,
                     started from the min-cost-flow optimum (proof only), 60 s;
``fairness``         on the ``locks`` variant only: the solve with its locks and
                     forbidden pairs plus the OPD-burden fairness level
                     (``Fairness(opd_burden=True)``, fit tolerance 0), no time limit;
``greedy_score``     greedy by score, one pass (``benchmarks/greedy.py``);
``greedy_required``  greedy, required seats first; both checked with
                     :func:`penempatan.verify`.

Ratios are taken against the reference measured in the same run (medians
over ``--repeat`` runs, interleaved), never against absolute times. Solvers
with a time limit (HiGHS, CP-SAT) run ``--solver-repeat`` times (default 1)
and only at city and kabupaten size.

Usage::

    python benchmarks/run.py [--sizes city,kabupaten,large,province]
        [--variants dense,fit20,...] [--repeat N] [--out benchmarks/results/latest.json]
        [--quick] [--only cli,reference,...|profile] [--profile kabupaten-dense,...]
        [--render REPORT.json]

Default sizes: city, kabupaten, large (province is opt-in: ~9 min, 7 GB).
``--quick``: city only, one repeat, no time-limited solvers (a smoke test,
about 20-35 s). ``--profile``: cProfile of the CLI on the named instances,
written to ``results/profile-<instance>.txt``. ``--render``: the tables of an
earlier report, without running anything. Exit status 1 when penempatan and
the reference disagree on (coverage, fit) or a greedy plan fails ``verify``.
"""

from __future__ import annotations

import argparse
import datetime as dt
import hashlib
import json
import os
import platform
import shutil
import signal
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from dataclasses import dataclass, field
from importlib import metadata
from pathlib import Path
from typing import Any

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
PY = sys.executable

#: Size → generator arguments (cooperatives × candidates, as in the issue).
SIZES: dict[str, dict[str, int]] = {
    "city": {"n_cooperatives": 27, "n_candidates": 300, "n_opds": 35},
    "kabupaten": {"n_cooperatives": 300, "n_candidates": 4_000, "n_opds": 60},
    "large": {"n_cooperatives": 850, "n_candidates": 12_000, "n_opds": 100},
    "province": {"n_cooperatives": 3_000, "n_candidates": 40_000, "n_opds": 200},
}

#: Variant → extra generator arguments.
VARIANTS: dict[str, dict[str, Any]] = {
    # Default scoring, no distance limit: every cooperative in the region permitted.
    "dense": {},
    # An explicit fit table over each candidate's 20 nearest cooperatives.
    "fit20": {"with_fit_table": True, "nearest": 20},
    # The distance limit.
    "dist3": {"max_distance_km": 3.0},
    # Tight service floors: each OPD may give up about 5 % of its candidates.
    "tight": {"floor_tightness": 1.0},
    # Floors that bind for some OPD only.
    "floors90": {"floor_tightness": 0.9},
    # Locks and forbidden pairs.
    "locks": {"locks": 50, "forbidden": 2_000},
}

#: Variants run by default at each size.
DEFAULT_VARIANTS: dict[str, tuple[str, ...]] = {
    "city": ("dense", "fit20", "dist3", "tight", "floors90", "locks"),
    "kabupaten": ("dense", "fit20", "dist3", "tight", "floors90", "locks"),
    "large": ("dense", "fit20", "dist3", "floors90"),
    "province": ("fit20", "dist3", "dense"),
}

#: Per-process timeout (seconds) of the untimed-limit runs at each size.
TIMEOUT_S = {"city": 120, "kabupaten": 300, "large": 900, "province": 900}

#: Whole-process targets: ratio to the reference, and peak memory (MB).
TARGET_RATIO = {"city": 3.0, "kabupaten": 3.0, "large": 5.0}
TARGET_PEAK_MB = {"large": 1_500, "province": 4_000}
TARGET_PROVINCE_S = 120.0
TARGET_SIDE_S = 30.0  # locks and the fairness level, kabupaten size: proven optimal

SOLVER_SIZES = ("city", "kabupaten")
SOLVER_TIME_LIMIT_S = 60.0
SOLVER_KINDS = (
    "highs",
    "highs_lp",
    "cpsat_default",
    "cpsat_tuned",
    "cpsat_tuned_2w",
    "cpsat_warm",
)
REPEATED_KINDS = ("cli", "stages", "reference", "greedy_score", "greedy_required")
ALL_KINDS = (*REPEATED_KINDS[:3], *SOLVER_KINDS, "fairness", *REPEATED_KINDS[3:])


# --------------------------------------------------------------------------- processes


@dataclass
class Run:
    """One measured subprocess."""

    kind: str
    cmd: list[str]
    wall_s: float
    peak_rss_mb: float
    returncode: int
    timed_out: bool
    result: dict[str, Any] | None
    stderr_tail: str = ""
    extra: dict[str, Any] = field(default_factory=dict)

    def to_dict(self) -> dict[str, Any]:
        return {
            "kind": self.kind,
            "cmd": self.cmd,
            "wall_s": self.wall_s,
            "peak_rss_mb": self.peak_rss_mb,
            "returncode": self.returncode,
            "timed_out": self.timed_out,
            "result": self.result,
            "stderr_tail": self.stderr_tail,
            **self.extra,
        }


def measure(kind: str, cmd: list[str], timeout_s: float, mem_cap_gb: float | None = None) -> Run:
    """Run ``cmd`` in a fresh process group; wall time, peak RSS, parsed last stdout line.

    The peak is ``ru_maxrss`` of this one child (and anything it waited for), as
    ``os.wait4`` reports it: the figure ``getrusage(RUSAGE_CHILDREN)`` gives in
    a parent that has run only that child. Past ``timeout_s`` the whole process
    group is killed.
    """
    lock = threading.Lock()
    state = {"done": False, "killed": False}

    def limit() -> None:  # runs in the child before exec
        if mem_cap_gb is not None:
            import resource

            cap = int(mem_cap_gb * 2**30)
            resource.setrlimit(resource.RLIMIT_AS, (cap, cap))

    with tempfile.TemporaryFile() as out, tempfile.TemporaryFile() as err:
        t0 = time.perf_counter()
        proc = subprocess.Popen(
            cmd,
            stdout=out,
            stderr=err,
            cwd=ROOT,
            start_new_session=True,
            preexec_fn=limit if mem_cap_gb is not None else None,
        )

        def kill() -> None:
            with lock:
                if not state["done"]:
                    state["killed"] = True
                    os.killpg(proc.pid, signal.SIGKILL)

        timer = threading.Timer(timeout_s, kill)
        timer.start()
        _, status, usage = os.wait4(proc.pid, 0)
        wall = time.perf_counter() - t0
        with lock:
            state["done"] = True
        timer.cancel()
        proc.returncode = os.waitstatus_to_exitcode(status)
        out.seek(0)
        err.seek(0)
        stdout = out.read().decode("utf-8", "replace")
        stderr = err.read().decode("utf-8", "replace")
    result = None
    for line in reversed(stdout.strip().splitlines()):
        if line.startswith("{"):
            try:
                result = json.loads(line)
            except json.JSONDecodeError:
                result = None
            break
    return Run(
        kind=kind,
        cmd=cmd,
        wall_s=wall,
        peak_rss_mb=usage.ru_maxrss / 1024.0,
        returncode=proc.returncode,
        timed_out=state["killed"],
        result=result,
        stderr_tail=stderr[-800:],
    )


def penempatan_cmd() -> list[str]:
    script = Path(PY).parent / "penempatan"
    return [str(script)] if script.exists() else [PY, "-m", "penempatan.cli._main"]


def command(kind: str, scenario: Path, work: Path) -> tuple[list[str], float | None]:
    """The command line of a measured thing, and its own time limit (if any)."""
    plan = str(work / f"{scenario.stem}.{kind}.plan.json")
    s = str(scenario)
    limit = SOLVER_TIME_LIMIT_S
    bench = HERE
    if kind == "cli":
        return [*penempatan_cmd(), "solve", s, "-o", plan], None
    if kind == "stages":
        return [PY, str(bench / "stages.py"), s, plan], None
    if kind == "reference":
        return [PY, str(bench / "flow_reference.py"), s], None
    if kind == "highs":
        return [PY, str(bench / "highs_model.py"), s, str(limit)], limit
    if kind == "highs_lp":
        return [PY, str(bench / "highs_model.py"), s, str(limit), "--lp"], limit
    if kind.startswith("cpsat_"):
        cmd = [PY, str(bench / "stages.py"), s, plan, "--engine", "cpsat"]
        cmd += ["--time-limit", str(limit)]
        if kind == "cpsat_warm":  # engine="cpsat" as shipped: from the flow optimum, 1 worker
            return cmd, limit
        cmd += ["--no-warm-start"]  # CP-SAT on its own
        if kind == "cpsat_default":  # CP-SAT's own defaults, 2 workers
            return [*cmd, "--workers", "2", "--parameters", "{}"], limit
        if kind == "cpsat_tuned_2w":  # penempatan's parameters, 2 workers
            return [*cmd, "--workers", "2"], limit
        return cmd, limit  # cpsat_tuned: penempatan's parameters, 1 worker (the default)
    if kind == "fairness":
        return [PY, str(bench / "stages.py"), s, plan, "--engine", "auto", "--fairness"], None
    if kind == "greedy_score":
        return [PY, str(bench / "greedy.py"), s, "score"], None
    if kind == "greedy_required":
        return [PY, str(bench / "greedy.py"), s, "required"], None
    raise ValueError(kind)


def read_plan(path: Path) -> dict[str, Any] | None:
    """The headline fields of a plan file written by the CLI."""
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, json.JSONDecodeError):
        return None
    return {k: data.get(k) for k in ("status", "coverage", "fit", "required_seats", "bound", "gap")}


# --------------------------------------------------------------------------- instances


def generate(size: str, variant: str, path: Path, timeout_s: float) -> dict[str, Any]:
    """Write the named instance to ``path`` (in a subprocess); return its description."""
    kwargs = {**SIZES[size], **VARIANTS[variant], "seed": 0}
    code = (
        "import json, sys\n"
        "from penempatan.datasets import generate_scenario_data\n"
        "d = generate_scenario_data(**json.loads(sys.argv[1]))\n"
        "d['name'] = sys.argv[3]\n"
        "open(sys.argv[2], 'w', encoding='utf-8').write(json.dumps(d))\n"
        "print(json.dumps({'candidates': len(d['candidates']),"
        " 'cooperatives': len(d['cooperatives']), 'opds': len(d['opds']),"
        " 'needs': sum(len(k['needs']) for k in d['cooperatives']),"
        " 'required_seats': sum(n['min'] for k in d['cooperatives'] for n in k['needs']),"
        " 'fit_entries': len(d.get('fit') or []), 'locks': len(d.get('locks') or []),"
        " 'forbidden': len(d.get('forbidden') or [])}))\n"
    )
    name = f"{size}-{variant}"
    run = measure("generate", [PY, "-c", code, json.dumps(kwargs), str(path), name], timeout_s)
    if run.result is None:
        raise RuntimeError(f"generating {name} failed: {run.stderr_tail}")
    return {
        "generator": kwargs,
        "file_mb": path.stat().st_size / 2**20,
        "generate_s": run.wall_s,
        **run.result,
    }


def kinds_for(size: str, variant: str, only: set[str] | None, quick: bool) -> list[str]:
    kinds = [k for k in ALL_KINDS if only is None or k in only]
    if variant != "locks" or size not in SOLVER_SIZES:
        kinds = [k for k in kinds if k != "fairness"]
    if size not in SOLVER_SIZES or quick:
        kinds = [k for k in kinds if k not in SOLVER_KINDS or (only is not None and k in only)]
    return kinds


# --------------------------------------------------------------------------- summaries


def _median(xs: list[float]) -> float | None:
    xs = [x for x in xs if x is not None]
    return statistics.median(xs) if xs else None


def summarise(kind: str, runs: list[Run]) -> dict[str, Any]:
    """Median wall time, peak and stage times over ``runs``; the outcome of the first."""

    def outcome(r: Run) -> dict[str, Any] | None:
        return r.extra.get("plan") if kind == "cli" else r.result

    ok = [r for r in runs if outcome(r) is not None and not r.timed_out]
    first = (ok or runs)[0]
    res = dict(outcome(first) or {})
    timings: dict[str, float | None] = {}
    for r in ok:
        for k, v in ((r.result or {}).get("timings") or {}).items():
            if isinstance(v, int | float):
                timings.setdefault(k, None)
    for k in timings:
        timings[k] = _median([(r.result or {}).get("timings", {}).get(k) for r in ok])
    outcomes = {((outcome(r) or {}).get("coverage"), (outcome(r) or {}).get("fit")) for r in ok}
    return {
        "runs": len(runs),
        "ok": len(ok),
        "timed_out": any(r.timed_out for r in runs),
        "returncodes": sorted({r.returncode for r in runs}),
        "wall_s": _median([r.wall_s for r in ok]) if ok else None,
        "wall_s_all": [r.wall_s for r in runs],
        "peak_rss_mb": _median([r.peak_rss_mb for r in ok]) if ok else None,
        "status": res.get("status"),
        "coverage": res.get("coverage"),
        "fit": res.get("fit"),
        "bound": res.get("bound"),
        "gap": res.get("gap"),
        "deterministic": len(outcomes) <= 1,
        "timings": timings,
        "result": res,
        "error": None if ok else (first.stderr_tail.strip().splitlines() or [""])[-1],
    }


def checks(inst: dict[str, Any]) -> dict[str, Any]:
    """Agreement with the reference, and each target of the issue: met, missed or n/a."""
    m = inst["median"]
    ref, cli = m.get("reference"), m.get("cli")
    out: dict[str, Any] = {}
    if ref and cli and ref.get("coverage") is not None:
        out["optimum"] = [ref["coverage"], ref["fit"]]
        out["cli_matches_reference"] = [cli.get("coverage"), cli.get("fit")] == out["optimum"]
        st = m.get("stages")
        if st:
            out["stages_matches_reference"] = [st.get("coverage"), st.get("fit")] == out["optimum"]
    if ref and cli and ref.get("wall_s") and cli.get("wall_s"):
        out["ratio"] = cli["wall_s"] / ref["wall_s"]
    size = inst["size"]
    if cli and cli.get("wall_s") is not None:
        if size in TARGET_RATIO and "ratio" in out:
            out["target_ratio"] = TARGET_RATIO[size]
            out["ratio_met"] = out["ratio"] <= TARGET_RATIO[size]
        if size in TARGET_PEAK_MB:
            out["target_peak_mb"] = TARGET_PEAK_MB[size]
            out["peak_met"] = cli["peak_rss_mb"] < TARGET_PEAK_MB[size]
        if size == "province":
            out["province_met"] = (
                cli.get("status") == "OPTIMAL" and cli["wall_s"] < TARGET_PROVINCE_S
            )
        if inst["variant"] == "locks":
            out["locks_proven_optimal"] = cli.get("status") == "OPTIMAL"
    fair = m.get("fairness")
    if fair and fair.get("wall_s") is not None:
        out["fairness_proven_optimal"] = fair.get("status") == "OPTIMAL"
        out["fairness_under_30s"] = fair["wall_s"] < TARGET_SIDE_S
    for g in ("greedy_score", "greedy_required"):
        gm = m.get(g)
        if gm and gm.get("result"):
            out[f"{g}_valid"] = gm["result"].get("violations") == 0
    return out


# --------------------------------------------------------------------------- environment


def machine() -> dict[str, Any]:
    cpu = "unknown"
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                cpu = line.split(":", 1)[1].strip()
                break
    except OSError:
        pass
    mem_gb = None
    try:
        for line in Path("/proc/meminfo").read_text().splitlines():
            if line.startswith("MemTotal"):
                mem_gb = int(line.split()[1]) / 2**20
    except OSError:
        pass
    return {
        "nproc": os.cpu_count(),
        "affinity": len(os.sched_getaffinity(0)),
        "cpu": cpu,
        "ram_gb": mem_gb,
        "platform": platform.platform(),
        "loadavg_start": os.getloadavg(),
    }


def src_digest() -> str:
    """SHA-256 (first 12 hex digits) over the library's sources: the exact state measured."""
    h = hashlib.sha256()
    for f in sorted((ROOT / "src" / "penempatan").rglob("*.py")):
        h.update(f.relative_to(ROOT).as_posix().encode())
        h.update(f.read_bytes())
    return h.hexdigest()[:12]


def versions() -> dict[str, str]:
    out = {"python": platform.python_version(), "src_digest": src_digest()}
    for dist in ("penempatan", "ortools", "numpy", "pydantic", "highspy"):
        try:
            out[dist] = metadata.version(dist)
        except metadata.PackageNotFoundError:
            out[dist] = "not installed"
    try:
        head = subprocess.run(
            ["git", "-C", str(ROOT), "rev-parse", "--short", "HEAD"],
            capture_output=True,
            text=True,
            check=False,
        ).stdout.strip()
        dirty = subprocess.run(
            ["git", "-C", str(ROOT), "status", "--porcelain", "--", "src"],
            capture_output=True,
            text=True,
            check=False,
        ).stdout.strip()
        out["git"] = head + ("+dirty src" if dirty else "")
    except OSError:
        out["git"] = "unknown"
    return out


# --------------------------------------------------------------------------- tables


def _s(x: float | None) -> str:
    if x is None:
        return "—"
    if x >= 100:
        return f"{x:.0f}"
    if x >= 10:
        return f"{x:.1f}"
    if x >= 1:
        return f"{x:.2f}"
    return f"{x:.3f}"


def _mb(x: float | None) -> str:
    return "—" if x is None else f"{x:.0f}"


def _outcome(m: dict[str, Any] | None, optimum: list[int] | None) -> str:
    if m is None:
        return "—"
    if m.get("status") == "not installed":
        return "not installed"
    if m.get("timed_out"):
        return f"killed at timeout ({_s(max(m['wall_s_all']))} s)"
    if m.get("ok", 0) == 0:
        return f"failed: {m.get('error') or ''}"[:60]
    st = m.get("status") or "?"
    cov, fit = m.get("coverage"), m.get("fit")
    if st not in ("OPTIMAL", "FEASIBLE"):
        text = f"{st}: no plan in {_s(m.get('wall_s'))} s"
    else:
        text = f"{st} {cov}/{fit} in {_s(m.get('wall_s'))} s"
        if cov == 0 and fit == 0:
            text += " (the empty plan)"
    if st in ("OPTIMAL", "FEASIBLE") and optimum and cov is not None and [cov, fit] != optimum:
        text += f" (Δcov {cov - optimum[0]})" if cov != optimum[0] else " (fit below)"
    bound = m.get("bound")
    if st != "OPTIMAL" and isinstance(bound, dict):
        text += f", bound {bound.get('coverage')}/{bound.get('fit')}"
    elif st != "OPTIMAL" and m.get("result", {}).get("bound_coverage") is not None:
        r = m["result"]
        text += f", bound {r['bound_coverage']}/{r['bound_fit']}"
    return text


def _yes(v: bool | None) -> str:
    return "—" if v is None else ("met" if v else "**missed**")


def markdown(report: dict[str, Any]) -> str:
    insts = report["instances"]
    lines: list[str] = []
    lines += [
        "### End to end: `penempatan solve FILE -o PLAN` vs the min-cost-flow reference",
        "",
        "| instance | triples | required | optimum cov/fit | penempatan s | reference s "
        "| ratio | target | peak MB (pen / ref) | same optimum |",
        "|---|---:|---:|---:|---:|---:|---:|---|---:|---|",
    ]
    for inst in insts:
        m, c = inst["median"], inst["checks"]
        cli, ref = m.get("cli") or {}, m.get("reference") or {}
        opt = c.get("optimum")
        target = []
        if "ratio_met" in c:
            target.append(f"≤{c['target_ratio']:.0f}×: {_yes(c['ratio_met'])}")
        if "peak_met" in c:
            target.append(f"<{c['target_peak_mb'] / 1000:.1f} GB: {_yes(c['peak_met'])}")
        if "province_met" in c:
            target.append(f"optimal <120 s: {_yes(c['province_met'])}")
        if "locks_proven_optimal" in c:
            target.append(f"proven optimal: {_yes(c['locks_proven_optimal'])}")
        if "fairness_proven_optimal" in c:
            fair = m["fairness"]
            target.append(
                f"with the fairness level: {fair.get('status')} in {_s(fair.get('wall_s'))} s "
                f"(proven optimal < 30 s: "
                f"{_yes(c['fairness_proven_optimal'] and c['fairness_under_30s'])})"
            )
        same = c.get("cli_matches_reference")
        triples = (ref.get("result") or {}).get("n_triples", "—")
        optimum = "—" if opt is None else f"{opt[0]}/{opt[1]}"
        pen = _s(cli.get("wall_s")) if cli.get("ok") else _outcome(cli or None, None)
        ref_s = _s(ref.get("wall_s")) if ref.get("ok") else _outcome(ref or None, None)
        ratio = "—" if "ratio" not in c else f"{c['ratio']:.2f}×"
        lines.append(
            f"| {inst['name']} | {triples} | {inst['required_seats']} | {optimum} | {pen} "
            f"| {ref_s} | {ratio} | {'; '.join(target) or '—'} "
            f"| {_mb(cli.get('peak_rss_mb'))} / {_mb(ref.get('peak_rss_mb'))} "
            f"| {'—' if same is None else ('yes' if same else '**NO**')} |"
        )
    lines += [
        "",
        "### Where penempatan's time goes (`benchmarks/stages.py`, medians, seconds)",
        "",
        "| instance | import | validation | build | solve | assemble | explain | write "
        "| other | in-process | whole process (cli) | reference: read / triples / graph / solve |",
        "|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---|",
    ]
    for inst in insts:
        m = inst["median"]
        st, cli, ref = m.get("stages") or {}, m.get("cli") or {}, m.get("reference") or {}
        t, rt = st.get("timings") or {}, ref.get("timings") or {}
        ref_parts = " / ".join(_s(rt.get(k)) for k in ("read_s", "triples_s", "graph_s", "solve_s"))
        staged = ("import_s", "validation_s", "build_s", "solve_s", "assemble_s", "explain_s")
        known = sum(t.get(k) or 0.0 for k in (*staged, "write_s"))
        other = None if t.get("in_process_s") is None else t["in_process_s"] - known
        cells = " | ".join(_s(t.get(k)) for k in staged)
        lines.append(
            f"| {inst['name']} | {cells} | {_s(t.get('write_s'))} | {_s(other)} "
            f"| {_s(t.get('in_process_s'))} | {_s(cli.get('wall_s'))} | {ref_parts} |"
        )
    solver_rows = [i for i in insts if any(k in i["median"] for k in SOLVER_KINDS)]
    if solver_rows:
        lines += [
            "",
            "### Other solvers on the same instance (status coverage/fit, whole-process time)",
            "",
            "| instance | optimum | CP-SAT default params, 2 workers "
            "| CP-SAT tuned, 1 worker | CP-SAT tuned, 2 workers "
            "| CP-SAT as shipped (from the flow optimum) | HiGHS MIP | HiGHS LP relaxation |",
            "|---|---:|---|---|---|---|---|---|",
        ]
        for inst in solver_rows:
            m, opt = inst["median"], inst["checks"].get("optimum")
            lp = m.get("highs_lp")
            lp_text = _outcome(lp, opt)
            if lp and lp.get("result", {}).get("fractional"):
                lp_text += f", {lp['result']['fractional']} fractional"
            lines.append(
                f"| {inst['name']} | {opt[0] if opt else '—'}/{opt[1] if opt else '—'} "
                f"| {_outcome(m.get('cpsat_default'), opt)} "
                f"| {_outcome(m.get('cpsat_tuned'), opt)} "
                f"| {_outcome(m.get('cpsat_tuned_2w'), opt)} "
                f"| {_outcome(m.get('cpsat_warm'), opt)} "
                f"| {_outcome(m.get('highs'), opt)} | {lp_text} |"
            )
    lines += [
        "",
        "### Greedy baselines against the optimum",
        "",
        "| instance | required | optimum cov/fit | greedy by score: cov (lost) / fit % "
        "| required first: cov (lost) / fit % | greedy s | valid (verify) |",
        "|---|---:|---:|---:|---:|---:|---|",
    ]
    for inst in insts:
        m, c = inst["median"], inst["checks"]
        opt = c.get("optimum")
        greedy_cells: list[str] = []
        for g in ("greedy_score", "greedy_required"):
            gm = m.get(g)
            if not gm or gm.get("coverage") is None or not opt:
                greedy_cells.append("—")
                continue
            pct = 100.0 * gm["fit"] / opt[1] if opt[1] else 100.0
            greedy_cells.append(f"{gm['coverage']} ({gm['coverage'] - opt[0]:+d}) / {pct:.1f} %")
        gs = (m.get("greedy_required") or {}).get("timings") or {}
        valid = [c.get(f"{g}_valid") for g in ("greedy_score", "greedy_required")]
        lines.append(
            f"| {inst['name']} | {inst['required_seats']} "
            f"| {opt[0] if opt else '—'}/{opt[1] if opt else '—'} | {greedy_cells[0]} "
            f"| {greedy_cells[1]} "
            f"| {_s(gs.get('greedy_s'))} "
            f"| {'—' if None in valid else ('yes' if all(valid) else '**NO**')} |"
        )
    return "\n".join(lines) + "\n"


# --------------------------------------------------------------------------- profile


#: Frames that are interpreter or import machinery, left out of the "library" view.
_MACHINERY = (
    "<frozen ",
    "<string>",
    "builtins.exec",
    "__import__",
    "__build_class__",
    "(<module>)",
    "_model_construction.py",
)


def profile(name: str, scenario: Path, work: Path, out_dir: Path, top: int) -> Path:
    """``python -m cProfile`` of the CLI on one instance, sorted by cumulative time.

    The file keeps the first ``top`` rows as cProfile prints them (``-s cumtime``)
    and the same ranking without import machinery and module bodies.
    """
    import io
    import pstats

    plan = work / f"{name}.profile.plan.json"
    stats_file = work / f"{name}.prof"
    cmd = [PY, "-m", "cProfile", "-o", str(stats_file), "-m", "penempatan.cli._main", "solve"]
    subprocess.run(
        [*cmd, str(scenario), "-o", str(plan), "-q"],
        capture_output=True,
        text=True,
        cwd=ROOT,
        timeout=TIMEOUT_S["province"],
        check=False,
    )
    raw = io.StringIO()
    st = pstats.Stats(str(stats_file), stream=raw)
    st.sort_stats("cumulative").print_stats(top)
    rows = []
    for (file, line, func), (_cc, nc, tt, ct, _callers) in st.stats.items():  # type: ignore[attr-defined]
        where = f"{Path(file).name}:{line}({func})" if line else f"{{{func}}}"
        text = f"{file}:{line}({func})"
        if any(m in text or m in where for m in _MACHINERY) or "importlib" in file:
            continue
        rows.append((ct, tt, nc, where))
    rows.sort(reverse=True)
    lib = [f"{'cumtime':>8} {'tottime':>8} {'ncalls':>9}  function"]
    lib += [f"{ct:8.3f} {tt:8.3f} {nc:9d}  {where}" for ct, tt, nc, where in rows[:top]]
    path = out_dir / f"profile-{name}.txt"
    path.write_text(
        f"# python -m cProfile -m penempatan.cli._main solve {name}.json -o PLAN -q\n\n"
        "## Without import machinery and module bodies, by cumulative time\n\n"
        + "\n".join(lib)
        + "\n\n## As cProfile prints it (-s cumulative)\n"
        + raw.getvalue(),
        encoding="utf-8",
    )
    return path


# --------------------------------------------------------------------------- main


def main(argv: list[str] | None = None) -> int:
    p = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    p.add_argument("--sizes", default="city,kabupaten,large")
    p.add_argument("--variants", default=None, help="default: per size, see DEFAULT_VARIANTS")
    p.add_argument("--repeat", type=int, default=None, help="default 3 (city, kabupaten), else 1")
    p.add_argument("--solver-repeat", type=int, default=1)
    p.add_argument(
        "--only", default=None, help=f"subset of {','.join(ALL_KINDS)}; 'profile': profiles only"
    )
    p.add_argument(
        "--out",
        type=Path,
        default=None,
        help="JSON report (default results/latest.json; with --only profile: none kept)",
    )
    p.add_argument("--quick", action="store_true", help="city only, 1 repeat, no slow solvers")
    p.add_argument("--mem-cap-gb", type=float, default=12.0, help="RLIMIT_AS of each process")
    p.add_argument("--profile", default="", help="instances to cProfile, e.g. kabupaten-dense")
    p.add_argument("--profile-top", type=int, default=30)
    p.add_argument("--profile-dir", type=Path, default=None, help="default: next to --out")
    p.add_argument("--keep", action="store_true", help="keep the generated instances")
    p.add_argument("--render", type=Path, help="only print the tables of an earlier JSON report")
    a = p.parse_args(argv)
    if a.render is not None:
        table = markdown(json.loads(a.render.read_text(encoding="utf-8")))
        a.render.with_suffix(".md").write_text(table, encoding="utf-8")
        print(table)
        return 0

    sizes = ["city"] if a.quick else [s.strip() for s in a.sizes.split(",") if s.strip()]
    for s in sizes:
        if s not in SIZES:
            p.error(f"unknown size {s!r}; one of {', '.join(SIZES)}")
    only = None if a.only is None else {k.strip() for k in a.only.split(",")}
    if only and not only <= {*ALL_KINDS, "profile"}:
        p.error(f"--only: unknown {sorted(only - set(ALL_KINDS))}")
    wanted = None if a.variants is None else [v.strip() for v in a.variants.split(",")]
    for v in wanted or ():
        if v not in VARIANTS:
            p.error(f"unknown variant {v!r}; one of {', '.join(VARIANTS)}")
    if a.quick and wanted is None:
        wanted = ["dense", "fit20", "dist3", "locks"]
    profiles = {x.strip() for x in a.profile.split(",") if x.strip()}

    work = Path(tempfile.mkdtemp(prefix="penempatan-bench-"))
    if a.out is None:
        a.out = work / "report.json" if only == {"profile"} else HERE / "results" / "latest.json"
        if a.profile_dir is None:
            a.profile_dir = HERE / "results"
    a.out.parent.mkdir(parents=True, exist_ok=True)
    report: dict[str, Any] = {
        "started_utc": dt.datetime.now(dt.UTC).isoformat(timespec="seconds"),
        "command": " ".join(
            [Path(sys.argv[0]).name, *(argv if argv is not None else sys.argv[1:])]
        ),
        "machine": machine(),
        "versions": versions(),
        "settings": {
            "seed": 0,
            "solver_time_limit_s": SOLVER_TIME_LIMIT_S,
            "cpsat_workers": 2,
            "mem_cap_gb": a.mem_cap_gb,
            "timeouts_s": TIMEOUT_S,
        },
        "instances": [],
    }
    try:
        # Warm the page cache for the interpreter and libraries (not recorded).
        warm = work / "warm.json"
        generate("city", "dense", warm, TIMEOUT_S["city"])
        for kind in ("cli", "reference"):
            measure(kind, command(kind, warm, work)[0], TIMEOUT_S["city"])
        for size in sizes:
            variants = list(wanted or DEFAULT_VARIANTS[size])
            repeat = a.repeat or (1 if a.quick or size not in ("city", "kabupaten") else 3)
            for variant in variants:
                name = f"{size}-{variant}"
                path = work / f"{name}.json"
                print(f"[{time.strftime('%H:%M:%S')}] {name}: generating", file=sys.stderr)
                inst: dict[str, Any] = {"name": name, "size": size, "variant": variant}
                inst.update(generate(size, variant, path, TIMEOUT_S[size]))
                kinds = kinds_for(size, variant, only, a.quick)
                runs: dict[str, list[Run]] = {k: [] for k in kinds}
                for r in range(max(repeat, a.solver_repeat)):
                    for kind in kinds:
                        n = a.solver_repeat if kind in SOLVER_KINDS else repeat
                        if r >= n:
                            continue
                        cmd, limit = command(kind, path, work)
                        timeout = TIMEOUT_S[size] if limit is None else 2 * limit + 30
                        run = measure(kind, cmd, timeout, a.mem_cap_gb)
                        if kind == "cli":
                            run.extra["plan"] = read_plan(Path(cmd[cmd.index("-o") + 1]))
                        runs[kind].append(run)
                        res = run.extra.get("plan") if kind == "cli" else run.result
                        print(
                            f"[{time.strftime('%H:%M:%S')}] {name} {kind} #{r + 1}: "
                            f"{run.wall_s:.2f} s, {run.peak_rss_mb:.0f} MB, rc {run.returncode}"
                            f"{' TIMEOUT' if run.timed_out else ''} "
                            f"{(res or {}).get('status')} {(res or {}).get('coverage')}"
                            f"/{(res or {}).get('fit')}",
                            file=sys.stderr,
                        )
                inst["runs"] = {k: [r.to_dict() for r in v] for k, v in runs.items()}
                inst["median"] = {k: summarise(k, v) for k, v in runs.items() if v}
                inst["checks"] = checks(inst)
                if name in profiles:
                    pdir = a.profile_dir or a.out.parent
                    inst["profile"] = str(profile(name, path, work, pdir, a.profile_top))
                report["instances"].append(inst)
                _write(a.out, report)  # after every instance, so a killed run keeps its data
                if a.keep:
                    shutil.copy(path, a.out.parent / path.name)
    finally:
        if not a.keep:
            shutil.rmtree(work, ignore_errors=True)
    report["finished_utc"] = dt.datetime.now(dt.UTC).isoformat(timespec="seconds")
    report["versions"]["src_digest_end"] = src_digest()
    if report["versions"]["src_digest_end"] != report["versions"]["src_digest"]:
        print("WARNING: src/penempatan changed during the run", file=sys.stderr)
    report["machine"]["loadavg_end"] = os.getloadavg()
    if a.out.parent.exists():  # not when the report lived in the (removed) work folder
        _write(a.out, report)
    table = markdown(report)
    if a.out.parent.exists():
        a.out.with_suffix(".md").write_text(table, encoding="utf-8")
    print(table)
    bad = [
        i["name"]
        for i in report["instances"]
        if i["checks"].get("cli_matches_reference") is False
        or any(i["checks"].get(f"{g}_valid") is False for g in ("greedy_score", "greedy_required"))
    ]
    if bad:
        print(f"MISMATCH or invalid greedy plan on: {', '.join(bad)}", file=sys.stderr)
        return 1
    return 0


def _write(path: Path, report: dict[str, Any]) -> None:
    tmp = path.with_suffix(".json.tmp")
    tmp.write_text(json.dumps(report, indent=1, default=str), encoding="utf-8")
    os.replace(tmp, path)


if __name__ == "__main__":
    sys.exit(main())
