"""The scenario: what a placement problem says, read, validated and edited.

Data flows in here first. A scenario is read from JSON (:mod:`._io`), its
records (:mod:`._records`, one class per table of ``penempatan/scenario@1``)
are checked field by field and across records (:mod:`._checks`), the NIP
layout has its own module (:mod:`._nip`), distances one formula
(:mod:`._geo`), and what-if edits are functions on the scenario's data
(:mod:`._edits`). Nothing here solves or knows a plan.
"""

from penempatan.scenario._io import load_scenario, loads_scenario, parse_scenario
from penempatan.scenario._problems import json_path
from penempatan.scenario._records import (
    EDUCATION_RANK,
    SCENARIO_FORMAT,
    Candidate,
    Cooperative,
    Education,
    FitEntry,
    Forbidden,
    Location,
    Lock,
    Need,
    Opd,
    Policy,
    Position,
    Rule,
    RuleFilter,
)
from penempatan.scenario._scenario import Scenario

__all__ = [
    "EDUCATION_RANK",
    "SCENARIO_FORMAT",
    "Candidate",
    "Cooperative",
    "Education",
    "FitEntry",
    "Forbidden",
    "Location",
    "Lock",
    "Need",
    "Opd",
    "Policy",
    "Position",
    "Rule",
    "RuleFilter",
    "Scenario",
    "json_path",
    "load_scenario",
    "loads_scenario",
    "parse_scenario",
]
