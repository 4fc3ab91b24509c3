"""Seeded synthetic scenarios, and the Kota Pekalongan example (see :mod:`._generator`)."""

from penempatan.datasets._generator import (
    EDUCATION_RANK,
    EXCLUDED_POSITIONS,
    PEKALONGAN_KELURAHAN,
    PEKALONGAN_NAME,
    PEKALONGAN_OPDS,
    PEKALONGAN_SETTINGS,
    ROLES,
    GeneratorSettings,
    generate,
    generate_scenario_data,
    pekalongan_data,
)

__all__ = [
    "EDUCATION_RANK",
    "EXCLUDED_POSITIONS",
    "PEKALONGAN_KELURAHAN",
    "PEKALONGAN_NAME",
    "PEKALONGAN_OPDS",
    "PEKALONGAN_SETTINGS",
    "ROLES",
    "GeneratorSettings",
    "generate",
    "generate_scenario_data",
    "pekalongan_data",
]
