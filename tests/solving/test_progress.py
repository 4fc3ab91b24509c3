"""Progress and cancel: callbacks on a kabupaten-sized solve; the live line on a terminal."""

from __future__ import annotations

import io
import os
import pty
import select
import signal
import subprocess
import sys
import threading
from pathlib import Path

import pytest

import penempatan as pn
from penempatan.datasets import generate
from penempatan.report._progress import ProgressLine, describe


@pytest.fixture(scope="module")
def kabupaten() -> pn.Scenario:
    return generate(n_cooperatives=300, n_candidates=4000, seed=1)


def test_progress_reports_every_stage_in_order(kabupaten: pn.Scenario) -> None:
    """The flow reports network, locks, flow, explain and done, the last with the plan's values."""
    events: list[pn.Progress] = []
    plan = pn.solve(kabupaten, progress=events.append)
    assert [e.stage for e in events] == ["network", "locks", "flow", "explain", "done"]
    assert events[-1].coverage == plan.coverage and events[-1].fit == plan.fit
    times = [e.elapsed_s for e in events]
    assert times == sorted(times)


def test_cancel_from_another_thread_returns_the_best_plan_feasible(
    kabupaten: pn.Scenario,
) -> None:
    """A cancel during the fairness level stops CP-SAT; the plan is FEASIBLE and verifies."""
    cancel = pn.Cancel()
    searching = threading.Event()
    events: list[pn.Progress] = []

    def progress(p: pn.Progress) -> None:
        events.append(p)
        if p.stage == "opd_burden_index":
            searching.set()

    def canceller() -> None:
        searching.wait()
        cancel.cancel()

    thread = threading.Thread(target=canceller)
    thread.start()
    plan = pn.solve(
        kabupaten,
        fairness=pn.Fairness(opd_burden=True),
        fit_tolerance=0.02,
        progress=progress,
        cancel=cancel,
    )
    thread.join()
    assert cancel.cancelled
    assert plan.status is pn.Status.FEASIBLE
    assert pn.verify(kabupaten, plan) == []
    optimum = pn.solve(kabupaten, explain=False)
    assert plan.coverage == optimum.coverage  # coverage is never given up
    assert plan.stages[0].status is pn.Status.FEASIBLE
    assert events[-1].stage == "done"


def test_cancel_of_a_cpsat_search_keeps_its_start(kabupaten: pn.Scenario) -> None:
    """A cancelled CP-SAT engine returns the flow plan it started from, FEASIBLE."""
    cancel = pn.Cancel()

    def progress(p: pn.Progress) -> None:
        if p.stage == "cpsat":
            cancel.cancel()

    plan = pn.solve(kabupaten, engine="cpsat", progress=progress, cancel=cancel, explain=False)
    assert plan.status is pn.Status.FEASIBLE
    assert pn.verify(kabupaten, plan) == []
    assert plan.coverage == pn.solve(kabupaten, explain=False).coverage


def test_cancel_before_the_solve_gives_no_plan(kabupaten: pn.Scenario) -> None:
    """A token cancelled before the flow runs: there is no plan, status UNKNOWN."""
    cancel = pn.Cancel()
    cancel.cancel()
    plan = pn.solve(kabupaten, cancel=cancel)
    assert plan.status is pn.Status.UNKNOWN and plan.assignments == ()


def test_the_line_names_stage_coverage_fit_bound_gap_and_time() -> None:
    """The progress line carries every value it is given, in the chosen language."""
    p = pn.Progress(
        "cpsat", 2.5, coverage=63, fit=4012, bound_coverage=64, bound_fit=4100, gap=0.0123
    )
    assert describe(p, "id") == (
        "pencarian CP-SAT · cakupan 63 · kecocokan 4012 · batas 64/4100 · selisih 1,2 % · 2,5 dtk"
    )
    assert "gap 1.2 %" in describe(p, "en")


def test_the_line_is_silent_on_a_stream_that_is_no_terminal() -> None:
    """Written to a plain stream (a pipe, a file), the line writes nothing at all."""
    stream = io.StringIO()
    with ProgressLine(stream, delay=0.0) as line:
        line(pn.Progress("flow", 5.0))
        line(pn.Progress("done", 6.0))
    assert stream.getvalue() == ""


SLOW_SOLVE = [
    "-m",
    "penempatan",
    "solve",
    "SCENARIO",
    "-o",
    "PLAN",
    "--fairness",
    "opd",
    "--fit-tolerance",
    "0.02",
    "--time-limit",
    "3",
]


def _slow_solve(tmp_path: Path) -> list[str]:
    scenario = tmp_path / "kab.json"
    scenario.write_text(generate(n_cooperatives=300, n_candidates=4000, seed=1).canonical_json())
    args = [sys.executable, *SLOW_SOLVE]
    args[args.index("SCENARIO")] = str(scenario)
    args[args.index("PLAN")] = str(tmp_path / "plan.json")
    return args


def _on_a_terminal(args: list[str], interrupt_at: str | None = None) -> tuple[int, str]:
    """Run ``args`` on a pseudo-terminal; with ``interrupt_at``, press Ctrl-C once it shows."""
    leader, follower = pty.openpty()
    proc = subprocess.Popen(args, stdin=subprocess.DEVNULL, stdout=follower, stderr=follower)
    os.close(follower)
    chunks: list[bytes] = []
    while True:
        ready, _, _ = select.select([leader], [], [], 60)
        if not ready:
            break
        try:
            data = os.read(leader, 4096)
        except OSError:  # the terminal closed: the program has ended
            break
        if not data:
            break
        chunks.append(data)
        if interrupt_at is not None and interrupt_at.encode() in b"".join(chunks):
            proc.send_signal(signal.SIGINT)
            interrupt_at = None
    code = proc.wait(timeout=120)
    os.close(leader)
    return code, b"".join(chunks).decode("utf-8", "replace")


def test_the_progress_line_appears_on_a_terminal(tmp_path: Path) -> None:
    """On a pseudo-terminal, a solve of several seconds shows the live line on standard error."""
    code, text = _on_a_terminal(_slow_solve(tmp_path))
    assert code == 0
    assert "\r\x1b[K" in text
    assert "pemerataan beban OPD" in text and "dtk" in text


def test_the_progress_line_is_absent_when_piped(tmp_path: Path) -> None:
    """The same solve with standard error piped: the summary only, no control characters."""
    proc = subprocess.run(_slow_solve(tmp_path), capture_output=True, text=True, timeout=120)
    assert proc.returncode == 0
    assert "\r" not in proc.stderr and "\x1b" not in proc.stderr
    assert "pemerataan beban OPD" not in proc.stderr
    assert proc.stderr.strip()  # the summary is still there


def test_progress_bar_falls_back_to_a_line_without_tqdm_or_rich(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    """Neither tqdm nor rich installed: progress_bar rewrites one line on standard output."""
    import importlib

    real = importlib.import_module

    def without(name: str, *args: object) -> object:
        if name.startswith(("tqdm", "rich")):
            raise ImportError(name)
        return real(name, *args)  # type: ignore[arg-type]

    monkeypatch.setattr(importlib, "import_module", without)
    show = pn.progress_bar(lang="en")
    assert isinstance(show, ProgressLine)
    show(pn.Progress("flow", 0.5))
    show(pn.Progress("done", 0.7, coverage=3, fit=135))
    out = capsys.readouterr().out
    assert "\r\x1b[Kmin-cost flow · 0" in out and out.endswith("\r\x1b[K")


def test_progress_bar_with_rich_shows_and_stops(kabupaten: pn.Scenario) -> None:
    """With rich installed, the bar follows a real solve and stops itself when it is done."""
    pytest.importorskip("rich")
    plan = pn.solve(kabupaten, explain=False, progress=pn.progress_bar())
    assert plan.status is pn.Status.OPTIMAL


def test_ctrl_c_writes_the_best_plan_so_far(tmp_path: Path) -> None:
    """Ctrl-C during the fairness level: exit 0, a FEASIBLE plan written, and it says so."""
    args = _slow_solve(tmp_path)
    args[args.index("--time-limit") + 1] = "60"  # a limit the interrupt comes well before
    code, text = _on_a_terminal(args, interrupt_at="pemerataan beban OPD")
    assert code == 0
    assert "dihentikan: rencana terbaik sejauh ini ditulis" in text
    plan = pn.Plan.from_json((tmp_path / "plan.json").read_text(encoding="utf-8"))
    assert plan.status is pn.Status.FEASIBLE
    scenario = pn.load_scenario(tmp_path / "kab.json")
    assert pn.verify(scenario, plan) == []
