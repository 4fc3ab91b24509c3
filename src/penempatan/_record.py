"""The base of every record penempatan reads or returns: frozen, and no unknown fields.

Scenario records, plans and plan diffs are values: a change is a copy
(``model_copy``), never an edit, so a what-if never alters the original; and a
field the format does not define is an error, never silently dropped.
"""

from __future__ import annotations

from pydantic import BaseModel, ConfigDict


class Record(BaseModel):
    """A frozen pydantic model that forbids unknown fields."""

    model_config = ConfigDict(frozen=True, extra="forbid")
