"""Optional dependencies (pandas, matplotlib): imported when a feature needs them, not before."""

from __future__ import annotations

import importlib
from typing import Any


class MissingDependency(ImportError):
    """An optional dependency a feature needs is not installed; ``needed_by`` names the
    feature, ``package`` what ``pip install`` takes (the command line words it)."""

    def __init__(self, needed_by: str, package: str) -> None:
        self.needed_by, self.package = needed_by, package
        super().__init__(
            f"{needed_by} needs {package}, an optional dependency: pip install {package}",
            name=package,
        )


def optional_import(module: str, *, needed_by: str, package: str | None = None) -> Any:
    """The module ``module``, or a :class:`MissingDependency` (an ``ImportError``) saying who
    needs it and how to install it.

    ``package`` is what ``pip install`` takes (default: the top-level name of ``module``).
    """
    try:
        return importlib.import_module(module)
    except ImportError:
        dist = package if package is not None else module.split(".")[0]
        raise MissingDependency(needed_by, dist) from None
