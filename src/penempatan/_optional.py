"""Optional dependencies (pandas, matplotlib): imported when a feature needs them, not before."""

from __future__ import annotations

import importlib
from typing import Any


def optional_import(module: str, *, needed_by: str, package: str | None = None) -> Any:
    """The module ``module``, or an :class:`ImportError` saying who needs it and how to install it.

    ``package`` is what ``pip install`` takes (default: the top-level name of ``module``).
    """
    try:
        return importlib.import_module(module)
    except ImportError:
        dist = package if package is not None else module.split(".")[0]
        raise ImportError(
            f"{needed_by} needs {dist}, an optional dependency: pip install {dist}"
        ) from None
