"""Writing Markdown: the tables of a benchmark report, from its JSON alone."""

from __future__ import annotations

from typing import Any

from config import SOLVER_KINDS


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
