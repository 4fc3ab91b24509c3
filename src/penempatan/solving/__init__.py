"""From a scenario to an explained plan: :func:`solve` and :func:`evaluate`.

:mod:`._solve` runs the engines, one function per engine path;
:mod:`._evaluate` checks and scores placements made elsewhere; both end with
the one finishing step of :mod:`._finish`, which assembles the plan, explains
it, times it and records how it was made.
"""
