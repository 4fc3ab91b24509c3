"""From a scenario to an explained plan: :func:`solve` and :func:`evaluate`.

The one place that runs the engines, assembles the plan, explains it and
records how it was made (:mod:`._solve`); :func:`evaluate` does the same for
placements made elsewhere (:mod:`._evaluate`).
"""
