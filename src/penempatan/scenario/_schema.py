"""The published JSON schema of ``penempatan/scenario@1`` (``schema/scenario-v1.schema.json``)."""

from __future__ import annotations

import json
from typing import Any

from penempatan._record import published_schema
from penempatan.scenario._scenario import Scenario


def scenario_schema() -> dict[str, Any]:
    """``Scenario.model_json_schema()`` with an id and title for publication."""
    return published_schema(Scenario, "scenario")


if __name__ == "__main__":  # pragma: no cover
    print(json.dumps(scenario_schema(), indent=2, ensure_ascii=False))
