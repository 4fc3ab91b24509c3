"""Measuring: one subprocess's wall time and peak memory, and the medians and checks of a run.

Nothing here decides what runs (:mod:`config`, :mod:`run`) or how it is shown
(:mod:`markdown`).
"""

from __future__ import annotations

import hashlib
import json
import os
import platform
import signal
import statistics
import subprocess
import tempfile
import threading
import time
from dataclasses import dataclass, field
from importlib import metadata
from pathlib import Path
from typing import Any

from config import ROOT, TARGET_PEAK_MB, TARGET_PROVINCE_S, TARGET_RATIO, TARGET_SIDE_S

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


def read_plan(path: Path) -> dict[str, Any] | None:
    """The headline fields of a plan file written by the CLI."""
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, json.JSONDecodeError):
        return None
    return {k: data.get(k) for k in ("status", "coverage", "fit", "required_seats", "bound", "gap")}


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
