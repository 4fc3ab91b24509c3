"""Seeded synthetic scenarios, and the Kota Pekalongan example (see :mod:`._generator`).

:class:`GeneratorSettings` says what to draw (:mod:`._settings`); the place,
agency and person names are package data, ``pekalongan.json`` (:mod:`._tables`).
"""

from penempatan.datasets._generator import (
    EDUCATION_RANK,
    EXCLUDED_POSITIONS,
    PEKALONGAN_SETTINGS,
    ROLES,
    generate,
    generate_scenario_data,
    pekalongan_data,
)
from penempatan.datasets._rules import (
    PEKALONGAN_RULES,
    local_rules,
    pekalongan_rules_data,
    with_local_rules,
)
from penempatan.datasets._settings import GeneratorSettings
from penempatan.datasets._tables import PEKALONGAN_KELURAHAN, PEKALONGAN_NAME, PEKALONGAN_OPDS

__all__ = [
    "EDUCATION_RANK",
    "EXCLUDED_POSITIONS",
    "PEKALONGAN_KELURAHAN",
    "PEKALONGAN_NAME",
    "PEKALONGAN_OPDS",
    "PEKALONGAN_RULES",
    "PEKALONGAN_SETTINGS",
    "ROLES",
    "GeneratorSettings",
    "generate",
    "generate_scenario_data",
    "local_rules",
    "pekalongan_data",
    "pekalongan_rules_data",
    "with_local_rules",
]
