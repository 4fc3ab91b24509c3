"""matplotlib, imported when a chart is drawn (an optional dependency)."""

from __future__ import annotations

from typing import Any

from penempatan._optional import optional_import


def pyplot() -> Any:
    """``matplotlib.pyplot``, or an ImportError that says how to install it."""
    return optional_import("matplotlib.pyplot", needed_by="penempatan.plotting")
