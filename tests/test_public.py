"""The public surface: names shown as penempatan.X, the whole error tree in one module."""

from __future__ import annotations

import inspect
import pickle

import penempatan as pn
from penempatan import _errors
from tests.factory import tiny_scenario_data


def test_public_objects_are_named_from_penempatan() -> None:
    """Every public class and function says it is penempatan.X, whichever module defines it."""
    for name in pn.__all__:
        value = getattr(pn, name)
        if inspect.isclass(value) or inspect.isfunction(value):
            assert value.__module__ == "penempatan", name
    assert repr(pn.Plan) == "<class 'penempatan.Plan'>"
    assert repr(pn.ScenarioError) == "<class 'penempatan.ScenarioError'>"
    assert repr(pn.Fairness) == "<class 'penempatan.Fairness'>"  # a lazily imported name


def test_plans_and_scenarios_still_pickle() -> None:
    """Named from penempatan, the records pickle and come back equal (for worker processes)."""
    s = pn.parse_scenario(tiny_scenario_data())
    plan = pn.solve(s)
    assert pickle.loads(pickle.dumps(plan)) == plan
    assert pickle.loads(pickle.dumps(s)) == s
    assert pickle.loads(pickle.dumps(pn.Status.OPTIMAL)) is pn.Status.OPTIMAL


def test_the_error_tree_is_in_one_module_and_drawn() -> None:
    """Each exported error is defined in _errors.py and drawn one level below its base there."""
    errors = [
        getattr(pn, n)
        for n in pn.__all__
        if inspect.isclass(getattr(pn, n)) and issubclass(getattr(pn, n), BaseException)
    ]
    assert {e.__name__ for e in errors} >= {"PlacementError", "PlanMismatchError"}
    for e in errors:
        assert issubclass(e, pn.PenempatanError), e
        assert getattr(_errors, e.__name__) is e, e
    # The drawing: the indented block after "::", one class a line, children below parents.
    block = (_errors.__doc__ or "").split("::\n\n")[1].split("\n\n")[0]
    drawn: dict[str, int] = {}  # name -> depth
    for line in block.splitlines():
        name = line.strip(" │├└─").split()[0]
        drawn[name] = (len(line) - len(line.lstrip(" │├└─"))) // 4
    assert set(drawn) == {e.__name__ for e in errors}
    for e in errors:  # each class is drawn one level below its base
        if e is not pn.PenempatanError:
            assert drawn[e.__name__] == drawn[e.__bases__[0].__name__] + 1, e


def test_version_is_the_installed_distribution() -> None:
    """__version__ is a version string, the one importlib.metadata reports."""
    from importlib.metadata import version

    assert pn.__version__ == version("penempatan")
