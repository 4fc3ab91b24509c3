"""``penempatan national`` (every region of a folder) and ``penempatan generate``.

``national IN_DIR -o OUT_DIR``: every ``IN_DIR/NAME.json`` is a region. Each
plan is written atomically to ``OUT_DIR/NAME.plan.json`` as it comes back;
then ``OUT_DIR/summary.json`` (every region: name, province, status, coverage
and required seats, fit, placements, binding floors, seconds, error or
``null``), ``summary.md``, ``regions.csv`` and ``provinces.csv``. Exit 0 when
every region has a plan file (an INFEASIBLE plan is an answer), 1 when some
region has none, each named with its reason on standard error and in the
summary, 2 for usage errors.

* Where: the local process pool (default; ``--processes N``), ``--local N``
  (a Dask ``LocalCluster`` of N single-threaded workers), or ``--scheduler
  ADDRESS`` (a running Dask cluster). Dask is optional: ``pip install
  'penempatan[dask]'``.
* ``--resume`` keeps every plan file whose scenario hash is the region's
  scenario's now (the file is not touched), and solves the rest.
* A region whose solve now fails keeps no plan from an earlier run under its
  name: an old ``NAME.plan.json`` is renamed ``NAME.plan.json.stale``, never
  deleted.

``generate OUT.json --cooperatives N --candidates M --seed S`` writes one
synthetic scenario; ``generate --national OUT_DIR [--scale S] [--seed N]
[--regions N]`` the synthetic country (:mod:`penempatan.datasets._national`).
Neither writes over an existing file without ``--force``.
"""

from __future__ import annotations

import argparse
import gc
import json
import re
import sys
import time
from pathlib import Path
from typing import Any, TextIO

from penempatan._errors import PenempatanError, ScenarioError
from penempatan.cli._argtypes import ArgTypes
from penempatan.cli._terminal import say
from penempatan.cli._write import write_output
from penempatan.i18n import Lang, message, number
from penempatan.scenario._io import load_scenario
from penempatan.scenario._problems import scenario_error_text


class UsageError(PenempatanError):
    """The command used wrongly (exit status 2, reported by the command line)."""


EXIT_OK = 0
EXIT_SOME_WITHOUT_PLAN = 1

_PLAN_SUFFIX = ".plan.json"
_SHA = re.compile(r'"scenario_sha256":\s*"([0-9a-f]{64})"')


def add_commands(command: Any, t: Any, types: ArgTypes) -> None:
    """Add ``national`` and ``generate`` (handlers in :data:`COMMANDS`).

    ``command(name)`` makes a subcommand parser in the reader's language, ``t(key)``
    words a help text; ``types`` check the values as for ``solve``, in the same language.
    """
    n = command("national")
    n.add_argument("in_dir", type=Path, metavar="IN_DIR", help=t("cli.national.in_dir"))
    n.add_argument(
        "-o", "--output", type=Path, required=True, metavar="OUT_DIR", help=t("cli.national.out")
    )
    where = n.add_mutually_exclusive_group()
    where.add_argument("--local", type=types.at_least_1, metavar="N", help=t("cli.national.local"))
    where.add_argument("--scheduler", metavar="ADDRESS", help=t("cli.national.scheduler"))
    where.add_argument(
        "--processes", type=types.at_least_1, metavar="N", help=t("cli.national.processes")
    )
    n.add_argument("--resume", action="store_true", help=t("cli.national.resume"))
    n.add_argument("--time-limit", type=types.seconds, metavar="SECONDS", help=t("cli.time_limit"))
    n.add_argument("--seed", type=types.seed, default=0, help=t("cli.seed"))
    n.add_argument("--workers", type=types.workers, default=None, help=t("cli.workers"))
    n.add_argument(
        "--engine", choices=("auto", "flow", "cpsat"), default="auto", help=t("cli.engine")
    )
    n.add_argument("--no-explain", dest="explain", action="store_false", help=t("cli.no_explain"))
    n.add_argument(
        "--no-warm-start", dest="warm_start", action="store_false", help=t("cli.no_warm_start")
    )
    n.add_argument("--fairness", choices=("opd", "kecamatan", "both"), help=t("cli.fairness"))
    n.add_argument(
        "--fit-tolerance", type=types.share, metavar="SHARE", help=t("cli.fit_tolerance")
    )
    n.add_argument("--plot", action="store_true", help=t("cli.national.plot"))
    n.add_argument("-q", "--quiet", action="store_true", help=t("cli.national.quiet"))

    g = command("generate")
    g.add_argument("output", nargs="?", type=Path, metavar="OUT.json", help=t("cli.generate.out"))
    g.add_argument("--national", type=Path, metavar="OUT_DIR", help=t("cli.generate.national"))
    g.add_argument("--scale", type=types.share, default=1.0, help=t("cli.generate.scale"))
    g.add_argument("--regions", type=types.at_least_1, metavar="N", help=t("cli.generate.regions"))
    g.add_argument(
        "--cooperatives", type=types.at_least_1, default=27, help=t("cli.generate.cooperatives")
    )
    g.add_argument("--candidates", type=types.whole, default=300, help=t("cli.generate.candidates"))
    g.add_argument("--opds", type=types.at_least_1, default=35, help=t("cli.generate.opds"))
    g.add_argument("--seed", type=types.seed, default=0, help=t("cli.generate.seed"))
    g.add_argument("--force", action="store_true", help=t("cli.generate.force"))


# ---------------------------------------------------------------- national


def _solve_options(args: argparse.Namespace) -> dict[str, Any]:
    if args.fit_tolerance is not None and args.fairness is None:
        raise UsageError(message("cli.national.fit_tolerance", args.lang))
    options: dict[str, Any] = {
        "time_limit_s": args.time_limit,
        "seed": args.seed,
        "workers": args.workers,
        "engine": args.engine,
        "explain": args.explain,
        "warm_start": args.warm_start,
    }
    if args.fairness is not None:
        if args.engine == "flow":
            raise UsageError(message("cli.fairness_flow", args.lang))
        from penempatan.engine._staged import Fairness

        options["fairness"] = Fairness(
            opd_burden=args.fairness in ("opd", "both"),
            kecamatan_coverage=args.fairness in ("kecamatan", "both"),
        )
        options["fit_tolerance"] = args.fit_tolerance
    return options


def _regions(in_dir: Path, lang: Lang) -> dict[str, Path]:
    if not in_dir.is_dir():
        raise UsageError(message("cli.national.not_folder", lang, path=in_dir))
    found = {
        p.name[: -len(".json")]: p
        for p in sorted(in_dir.glob("*.json"))
        if not p.name.endswith(_PLAN_SUFFIX) and p.name != "summary.json"
    }
    if not found:
        raise UsageError(message("cli.national.no_regions", lang, path=in_dir))
    return found


def _known_hash(plan_path: Path) -> str | None:
    """The scenario hash a plan file records (read from its head), or ``None``."""
    try:
        with plan_path.open("r", encoding="utf-8") as fh:
            head = fh.read(4096)
    except OSError:
        return None
    match = _SHA.search(head)
    return match.group(1) if match else None


def _previous_rows(out_dir: Path) -> dict[str, dict[str, Any]]:
    try:
        data = json.loads((out_dir / "summary.json").read_text(encoding="utf-8"))
        return {r["name"]: r for r in data["regions"]}
    except (OSError, ValueError, KeyError, TypeError):
        return {}


def _client(args: argparse.Namespace) -> tuple[Any, list[Any]]:
    """The Dask client (and what to close after), or ``None`` for the local process pool."""
    if args.local is None and args.scheduler is None:
        return None, []
    try:
        import logging

        from distributed import Client, LocalCluster
    except ImportError:
        raise UsageError(
            "--local and --scheduler run on Dask, an optional dependency: "
            "pip install 'penempatan[dask]'"
        ) from None
    if args.scheduler is not None:
        try:
            client = Client(args.scheduler, timeout="20s")  # type: ignore[no-untyped-call]
        except OSError as exc:
            raise UsageError(f"cannot reach the Dask scheduler {args.scheduler}: {exc}") from None
        return client, [client]
    cluster = LocalCluster(  # type: ignore[no-untyped-call]
        n_workers=args.local,
        threads_per_worker=1,
        processes=True,
        dashboard_address=":0",  # a free port: None still binds 8787, which may be taken
        silence_logs=logging.ERROR,
    )
    client = Client(cluster)  # type: ignore[no-untyped-call]
    return client, [client, cluster]


class _Ticker:
    """Progress on a terminal only: regions done, failed, running, and time."""

    def __init__(self, stream: TextIO, lang: Lang) -> None:
        self.stream = stream
        self.lang = lang
        self.on = stream.isatty()
        self.last = 0.0

    def __call__(self, state: Any) -> None:
        now = time.perf_counter()
        if not self.on or now - self.last < 0.2:
            return
        self.last = now
        line = message(
            "cli.national.progress",
            self.lang,
            done=state.done,
            total=state.total,
            failed=state.failed,
            running=state.running,
            seconds=f"{state.elapsed:.0f}",
        )
        self.stream.write(f"\r{line}   ")
        self.stream.flush()

    def end(self) -> None:
        if self.on:
            self.stream.write("\r\033[K")
            self.stream.flush()


def national(args: argparse.Namespace) -> int:
    """Solve every region of ``IN_DIR`` into ``OUT_DIR``; see the module docstring."""
    from penempatan.datasets._national import PROVINCES
    from penempatan.studies._many import run_many
    from penempatan.studies._national import (
        NationalSummary,
        RegionResult,
        coded_reason,
        province_of,
    )

    gc.enable()  # a long run with a Dask client in this process: cycles must be collected
    options = _solve_options(args)
    regions = _regions(args.in_dir, args.lang)
    out_dir: Path = args.output
    if out_dir.exists() and out_dir.resolve() == args.in_dir.resolve():
        raise UsageError(message("cli.national.same_dir", args.lang))
    if not out_dir.resolve().parent.is_dir():
        raise UsageError(message("cli.no_folder", args.lang, path=out_dir))
    out_dir.mkdir(exist_ok=True)
    titles = {re.sub(r"[^a-z0-9]+", "-", p.lower()).strip("-"): p for p in PROVINCES}
    previous = _previous_rows(out_dir) if args.resume else {}
    known: dict[str, str] = {}
    if args.resume:
        for name in regions:
            sha = _known_hash(out_dir / f"{name}{_PLAN_SUFFIX}")
            if sha is not None:
                known[name] = sha
    client, to_close = _client(args)
    ticker = _Ticker(sys.stderr, args.lang)
    results: list[RegionResult] = []
    started = time.perf_counter()
    try:
        for outcome in run_many(
            regions, executor=client, options=options, known=known, progress=ticker
        ):
            name = outcome.key
            plan_path = out_dir / f"{name}{_PLAN_SUFFIX}"
            province = province_of(name, titles)
            if outcome.unchanged:
                results.append(_kept(name, province, plan_path, known[name], previous.get(name)))
                continue
            if outcome.error is not None:
                error = outcome.error
                if plan_path.exists():
                    plan_path.replace(plan_path.with_name(plan_path.name + ".stale"))
                results.append(
                    RegionResult(
                        name=name,
                        province=province,
                        error=error.message,
                        reason=error.reason,
                        attempts=outcome.attempts,
                    )
                )
                ticker.end()
                shown = _region_error(regions[name], error.message, args.lang, args.engine)
                # An unreadable or invalid region's message says so itself; others are named.
                named = error.reason not in ("unreadable", "invalid")
                why = f"{coded_reason(error.reason, args.lang)}: " if named else ""
                say(f"{name}: {why}{shown}", file=sys.stderr)
                continue
            assert outcome.text is not None and outcome.row is not None
            write_output(plan_path, outcome.text)
            results.append(
                RegionResult(
                    name=name,
                    province=province,
                    seconds=outcome.seconds,
                    peak_mb=outcome.peak_mb,
                    scenario_sha256=_SHA.search(outcome.text[:4096]).group(1),  # type: ignore[union-attr]
                    attempts=outcome.attempts,
                    **{k: outcome.row[k] for k in _ROW_FIELDS},
                )
            )
    finally:
        ticker.end()
        for thing in to_close:
            thing.close()
    summary = NationalSummary.of(results, wall_seconds=time.perf_counter() - started)
    write_output(
        out_dir / "summary.json",
        json.dumps(summary.to_dict(), indent=2, ensure_ascii=False) + "\n",
    )
    write_output(out_dir / "summary.md", summary.to_markdown(lang=args.lang))
    write_output(out_dir / "regions.csv", summary.regions_csv(args.lang))
    write_output(out_dir / "provinces.csv", summary.provinces_csv(args.lang))
    if args.plot:
        _plot(summary, out_dir / "summary.png")
    if not args.quiet:
        say(summary.summary(args.lang))
    return EXIT_SOME_WITHOUT_PLAN if summary.failed else EXIT_OK


_ROW_FIELDS = (
    "status",
    "coverage",
    "required_seats",
    "fit",
    "placements",
    "binding_floors",
    "unfilled",
)


def _kept(
    name: str, province: str, plan_path: Path, sha: str, previous: dict[str, Any] | None
) -> Any:
    """The result of a plan kept by ``--resume``: from the last summary, else from the file."""
    from penempatan.studies._national import RegionResult

    if previous is not None and previous.get("scenario_sha256") == sha:
        row = RegionResult.from_dict(previous)
        return RegionResult(**{**row.to_dict(), "province": province, "resumed": True})
    from penempatan.plan import Plan
    from penempatan.studies._many import plan_row

    plan = Plan.from_json(plan_path.read_text(encoding="utf-8"))
    row_data = plan_row(plan)
    return RegionResult(
        name=name,
        province=province,
        scenario_sha256=sha,
        resumed=True,
        **{k: row_data[k] for k in _ROW_FIELDS},
    )


def _region_error(path: Path, english: str, lang: Lang, engine: str) -> str:
    """Why a region has no plan, in ``lang``: a scenario that does not read is read again
    here to word its problems (the worker's message is English), and a region with local
    rules under ``--engine flow`` is told so, as ``solve`` tells it; else ``english``."""
    try:
        scenario = load_scenario(path, lang=lang)
    except ScenarioError as exc:
        return scenario_error_text(exc, lang)
    except (ValueError, OSError, RecursionError):  # the worker's own words then
        return english
    if engine == "flow" and scenario.rules:
        return message("cli.flow_rules", lang)
    return english


def _plot(summary: Any, path: Path) -> None:
    try:
        from penempatan.plotting import plot_national
    except ImportError as exc:  # pragma: no cover - matplotlib missing
        raise UsageError(str(exc)) from None
    ax = plot_national(summary)
    ax.figure.savefig(path, dpi=120, bbox_inches="tight")


# ---------------------------------------------------------------- generate


def generate(args: argparse.Namespace) -> int:
    """Write one synthetic scenario, or the synthetic country."""
    if (args.output is None) == (args.national is None):
        raise UsageError(message("cli.generate.what", args.lang))
    if args.national is None:
        return _generate_one(args)
    from penempatan.datasets._national import national_regions, region_data

    out_dir: Path = args.national
    if not out_dir.resolve().parent.is_dir():
        raise UsageError(message("cli.no_folder", args.lang, path=out_dir))
    regions = national_regions(seed=args.seed, scale=args.scale)
    if args.regions is not None and args.regions < len(regions):
        regions = _spread(regions, args.regions)
    targets = [out_dir / f"{r.name}.json" for r in regions]
    if not args.force:
        existing = [p for p in targets if p.exists()]
        if existing:
            raise UsageError(
                message("cli.generate.exist", args.lang, path=existing[0], count=len(existing))
            )
    out_dir.mkdir(exist_ok=True)
    for region, target in zip(regions, targets, strict=True):
        write_output(target, _json(region_data(region)))
    cooperatives = sum(r.cooperatives for r in regions)
    candidates = sum(r.candidates for r in regions)
    print(
        message(
            "cli.generate.regions_done",
            args.lang,
            path=out_dir,
            regions=len(regions),
            kabupaten=sum(r.kind == "kabupaten" for r in regions),
            kota=sum(r.kind == "kota" for r in regions),
            cooperatives=number(cooperatives, args.lang),
            candidates=number(candidates, args.lang),
        )
    )
    return EXIT_OK


def _spread(regions: list[Any], n: int) -> list[Any]:
    """``n`` regions spread over every size: every k-th of them ordered by size."""
    by_size = sorted(regions, key=lambda r: (r.cooperatives, r.name))
    picked = {by_size[round(i * (len(by_size) - 1) / max(1, n - 1))].name for i in range(n)}
    return [r for r in regions if r.name in picked]


def _generate_one(args: argparse.Namespace) -> int:
    from penempatan.datasets import generate_scenario_data

    out: Path = args.output
    if out.exists() and not args.force:
        raise UsageError(message("cli.generate.exists", args.lang, path=out))
    if not out.resolve().parent.is_dir():
        raise UsageError(message("cli.no_folder", args.lang, path=out))
    if args.candidates < 0:
        raise UsageError(message("cli.generate.negative", args.lang))
    data = generate_scenario_data(
        n_cooperatives=args.cooperatives,
        n_candidates=args.candidates,
        n_opds=args.opds,
        seed=args.seed,
    )
    write_output(out, _json(data))
    print(
        message(
            "cli.generate.done",
            args.lang,
            path=out,
            cooperatives=args.cooperatives,
            candidates=args.candidates,
            opds=args.opds,
            seed=args.seed,
        )
    )
    return EXIT_OK


def _json(data: Any) -> str:
    return json.dumps(data, ensure_ascii=False, separators=(",", ":")) + "\n"


#: The handlers of the commands :func:`add_commands` adds.
COMMANDS = {"national": national, "generate": generate}
