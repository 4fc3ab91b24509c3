"""The seeded generator: valid scenarios at any size, deterministic for a seed."""

from __future__ import annotations

import dataclasses

import pytest

import penempatan as pn
from penempatan.datasets import GeneratorSettings, generate, generate_scenario_data


@pytest.mark.parametrize(
    "kwargs",
    [
        {},
        {"n_cooperatives": 5, "n_candidates": 40, "with_fit_table": True, "locks": 3},
        {"n_cooperatives": 60, "n_candidates": 800, "max_distance_km": 8.0, "forbidden": 20},
        {
            "n_cooperatives": 30,
            "n_candidates": 300,
            "require_nomination": True,
            "nearest": 5,
            "with_fit_table": True,
        },
        {"n_cooperatives": 1, "n_candidates": 0},
    ],
)
def test_generated_scenarios_validate_and_solve(kwargs: dict[str, object]) -> None:
    """Each configuration validates, solves to OPTIMAL and the plan verifies."""
    s = generate(seed=3, **kwargs)  # type: ignore[arg-type]
    plan = pn.solve(s)
    assert plan.status is pn.Status.OPTIMAL
    assert pn.verify(s, plan) == []


def test_same_seed_same_scenario_other_seed_other_scenario() -> None:
    """A seed fixes the scenario; another seed changes it."""
    a = generate_scenario_data(seed=11)
    assert a == generate_scenario_data(seed=11)
    assert a != generate_scenario_data(seed=12)


def test_floor_tightness_binds_more_floors() -> None:
    """Tight floors leave less slack than loose ones, so the knob does what it says."""
    loose = generate(seed=5, floor_tightness=0.0)
    tight = generate(seed=5, floor_tightness=1.0)

    def slack(s: pn.Scenario) -> int:
        return sum(o.headcount - o.min_staff for o in s.opds)

    assert slack(tight) < slack(loose)
    assert pn.solve(tight).coverage <= pn.solve(loose).coverage


def test_settings_and_keywords_draw_the_same_scenario() -> None:
    """GeneratorSettings, keywords, and settings with keywords over them are one thing."""
    settings = GeneratorSettings(n_cooperatives=5, n_candidates=30, seed=4, locks=2)
    by_keywords = generate_scenario_data(n_cooperatives=5, n_candidates=30, seed=4, locks=2)
    assert generate_scenario_data(settings) == by_keywords
    over = generate_scenario_data(
        GeneratorSettings(n_cooperatives=5, n_candidates=30), seed=4, locks=2
    )
    assert over == by_keywords
    assert generate(settings).sha256 == pn.parse_scenario(by_keywords).sha256


def test_settings_are_checked_when_made() -> None:
    """Out-of-range settings are a ValueError, unknown ones a TypeError; settings are frozen."""
    with pytest.raises(ValueError, match="floor_tightness"):
        GeneratorSettings(floor_tightness=1.5)
    with pytest.raises(ValueError, match="n_cooperatives"):
        generate_scenario_data(n_cooperatives=0)
    with pytest.raises(TypeError):
        generate_scenario_data(n_kelurahan=3)
    with pytest.raises(dataclasses.FrozenInstanceError):
        GeneratorSettings().seed = 1  # type: ignore[misc]
