"""Explanations: why every placement was made, every candidate left out, every need left short.

:func:`explain_plan` adds the reasons to a plan (:mod:`._explainer`): the
contract of every reason code is the docstring of :mod:`._contract`; the
reasons for placements (:mod:`._placements`), candidates left out
(:mod:`._candidates`) and needs left short (:mod:`._needs`) read one
:class:`~._context.Context` of the plan as arrays; :func:`floor_prices` gives
the exact worth of one more release from each binding floor, by re-solving
(:mod:`._floor_price`). Sentences come from :mod:`penempatan.i18n`.
"""

from penempatan.explain._explainer import explain_plan
from penempatan.explain._floor_price import FloorPrice, floor_prices

__all__ = ["FloorPrice", "explain_plan", "floor_prices"]
