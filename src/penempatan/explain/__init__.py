"""Explanations: why every placement was made, every candidate left out, every need left short.

:func:`explain_plan` adds the reasons to a plan (:mod:`._explainer`; the
contract of every reason code is its docstring); :func:`floor_prices` gives
the exact worth of one more release from each binding floor, by re-solving
(:mod:`._floor_price`). Sentences come from :mod:`penempatan.i18n`.
"""

from penempatan.explain._explainer import explain_plan
from penempatan.explain._floor_price import FloorPrice, floor_prices

__all__ = ["FloorPrice", "explain_plan", "floor_prices"]
