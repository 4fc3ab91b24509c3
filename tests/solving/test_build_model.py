"""pn.build_model(): the CP-SAT model solve(engine="cpsat") solves, typed and documented."""

from __future__ import annotations

import inspect

from ortools.sat.python import cp_model

import penempatan as pn
from penempatan.solving import _solve
from tests.factory import tiny_scenario_data


def locked_scenario() -> pn.Scenario:
    d = tiny_scenario_data()
    c2 = d["candidates"][1]["nip"]
    d["locks"] = [{"candidate": c2, "cooperative": "KKMP-KAUMAN", "role": "pengelola"}]
    return pn.parse_scenario(d)


def test_build_model_returns_a_cp_sat_model() -> None:
    """A pn.CpSatModel whose .model is an OR-Tools CpModel over the scenario's network."""
    s = locked_scenario()
    m = pn.build_model(s)
    assert isinstance(m, pn.CpSatModel)
    assert isinstance(m.model, cp_model.CpModel)
    assert m.n_triples == pn.build_network(s).n_triples
    assert len(m.model.proto.variables) == m.n_triples + len(m.covered_needs)
    # Typed (not Any): the annotation names the class, defined where CP-SAT is imported.
    assert inspect.signature(_solve.build_model).return_annotation == "CpSatModel"
    assert pn.CpSatModel.__doc__ and "build_model" in pn.CpSatModel.__doc__


def test_the_lock_is_fixed_and_the_objective_is_lexicographic() -> None:
    """The lock's variable is fixed to 1; the objective is W per covered seat plus each score."""
    s = locked_scenario()
    m = pn.build_model(s)
    net = m.network
    lock = net.triple_of(1, net.need_of[(1, "pengelola")])
    assert list(m.model.proto.variables[lock].domain) == [1, 1]
    obj = m.model.proto.objective
    weights = dict(zip(obj.vars, obj.coeffs, strict=True))
    assert [-weights[t] for t in range(m.n_triples)] == net.t_score.tolist()
    assert {-weights[m.n_triples + j] for j in range(len(m.covered_needs))} == {m.weight}


def test_solving_the_exported_model_gives_the_plan_optimum() -> None:
    """CP-SAT on the exported model reaches W · coverage + fit of solve()'s plan."""
    s = locked_scenario()
    m = pn.build_model(s)
    solver = cp_model.CpSolver()
    solver.parameters.num_workers = 1
    assert solver.solve(m.model) == cp_model.OPTIMAL
    plan = pn.solve(s)
    assert round(solver.objective_value) == m.weight * plan.coverage + plan.fit
