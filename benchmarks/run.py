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
import json
import os
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

from config import (
    ALL_KINDS,
    DEFAULT_VARIANTS,
    HERE,
    PY,
    ROOT,
    SIZES,
    SOLVER_KINDS,
    SOLVER_SIZES,
    SOLVER_TIME_LIMIT_S,
    TIMEOUT_S,
    VARIANTS,
)
from markdown import markdown
from measure import Run, checks, machine, measure, read_plan, src_digest, summarise, versions

# --------------------------------------------------------------------------- commands


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
