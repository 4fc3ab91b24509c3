"""The base of every record penempatan reads or returns: frozen, and no unknown fields.

Scenario records, plans and plan diffs are values: a change is a copy
(``model_copy``), never an edit, so a what-if never alters the original; and a
field the format does not define is an error, never silently dropped.
"""

from __future__ import annotations

from typing import Any

from pydantic import BaseModel, ConfigDict


class Record(BaseModel):
    """A frozen pydantic model that forbids unknown fields."""

    model_config = ConfigDict(frozen=True, extra="forbid")


def published_schema(model: type[BaseModel], kind: str) -> dict[str, Any]:
    """The JSON schema of ``model`` as published in ``schema/KIND-v1.schema.json``.

    ``kind`` is ``"scenario"`` or ``"plan"``: the schema's ``$id`` is its
    published file and its title the format tag ``penempatan/KIND@1``.
    """
    schema = model.model_json_schema()
    schema["$id"] = f"https://penempatan.invalid/schema/{kind}-v1.schema.json"
    schema["title"] = f"penempatan/{kind}@1"
    return schema
