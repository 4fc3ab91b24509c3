"""The engines: from the permitted triples to an optimal selection, and the plan it makes.

The min-cost flow (:mod:`._flow`) where the rules form a network, the CP-SAT
model (:mod:`._cpsat`, the only module importing CP-SAT) for what goes beyond
it, lock conflicts (:mod:`._locks`), the staged levels of re-planning and
fairness (:mod:`._staged`, :mod:`._replan`), the objective in one place
(:mod:`._objective`, with the fairness measures of :mod:`._fairness`), and the
plan assembled from a selection (:mod:`._assemble`).
"""
