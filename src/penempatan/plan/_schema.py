"""The published JSON schema of ``penempatan/plan@1`` (``schema/plan-v1.schema.json``)."""

from __future__ import annotations

import json
from typing import Any

from penempatan._record import published_schema
from penempatan.plan._records import Plan


def plan_schema() -> dict[str, Any]:
    """``Plan.model_json_schema()`` with an id and title for publication."""
    return published_schema(Plan, "plan")


if __name__ == "__main__":  # pragma: no cover
    print(json.dumps(plan_schema(), indent=2, ensure_ascii=False))
