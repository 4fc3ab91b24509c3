"""The scenario: what a placement problem says, read, validated and edited.

Data flows in here first. A scenario is read from JSON (:mod:`._io`), its
records (:mod:`._records`, one class per table of ``penempatan/scenario@1``)
are checked field by field and across records (:mod:`._checks`), the NIP
layout has its own module (:mod:`._nip`), distances one formula
(:mod:`._geo`), and what-if edits are functions on the scenario's data
(:mod:`._edits`). Nothing here solves or knows a plan.

Tabular input and output (Excel workbooks, CSV folders, DataFrames) share
one layout (:mod:`._tables`) and one reader (:mod:`._sheets`, cells in
:mod:`._cells`, SIASN's names in :mod:`._siasn`); :mod:`._excel`,
:mod:`._csv` and :mod:`._frames` only move cells. openpyxl and pandas are
imported when a workbook or a DataFrame is read or written, not before.
"""

from penempatan.scenario._csv import load_csv_folder, write_csv_folder
from penempatan.scenario._excel import load_workbook, write_workbook
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
    candidate_sex,
    filter_matches,
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
    "candidate_sex",
    "filter_matches",
    "json_path",
    "load_csv_folder",
    "load_scenario",
    "load_workbook",
    "loads_scenario",
    "parse_scenario",
    "write_csv_folder",
    "write_workbook",
]
