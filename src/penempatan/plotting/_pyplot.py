"""matplotlib, imported when a chart is drawn (an optional dependency)."""

from __future__ import annotations

import importlib
from typing import Any


def pyplot() -> Any:
    """``matplotlib.pyplot``, or an ImportError that says how to install it."""
    try:
        return importlib.import_module("matplotlib.pyplot")
    except ImportError:
        raise ImportError(
            "penempatan.plotting needs matplotlib, an optional dependency: "
            "pip install matplotlib (or pip install 'penempatan[plot]')"
        ) from None
