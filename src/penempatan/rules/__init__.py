"""The rules of the spec, with no solver: who may go where, at what score, and the check of a plan.

Eligibility (:mod:`._eligibility`: one pure function per policy rule, each
returning its coded reason), the default fit score (:mod:`._scoring`), the
permitted triples and capacities every engine solves over (:mod:`._network`),
and :func:`verify`, which checks every rule and every number a plan states
against the scenario alone (:mod:`._verify`).
"""
