"""The contract of the explanations: every reason code, when it is given, and its values.

:func:`~penempatan.explain_plan` returns the plan with ``reasons`` on each assignment, one
:class:`~penempatan.plan._records.Unplaced` per candidate not placed (in the order of
the scenario's candidates) and one :class:`~penempatan.plan._records.ShortNeed` per
need whose placements are below its ``min`` (cooperatives in document order,
then needs). Each :class:`~penempatan.plan._records.Reason` has a stable ``code``, the
``values`` behind it and an English ``message``; every reason is a fact about
the scenario and this very plan, and the rules below are the contract a test
re-derives from the data alone.

Words
-----

A *need* is one role at one cooperative. A candidate *qualifies* for a need
when their level in its role reaches its ``min_level``. A need is *permitted*
for an eligible candidate who qualifies unless the pair (candidate,
cooperative) is forbidden, the cooperative lies beyond ``max_distance_km``, or
a fit table exists and does not list the triple; these are exactly the triples
a plan may use. In the plan, a need is *full* when its placements equal its
``max``, or when its cooperative's placements equal its ``max_staff``. The
*holders* of a full need are the people placed in it when it is at its
``max``; otherwise (only the cooperative is full) everyone placed at that
cooperative. A placement holds a *required* seat when its need has at most
``min`` placements (each of them counts towards coverage). An OPD or position
is *at its floor* when ``headcount − released = min_staff``; its *floor binds*.
Scores are the fit-table score or the default score of
:mod:`penempatan.rules._scoring`. A plan is *optimal for the spec* when its status is
``OPTIMAL`` and it optimises nothing after coverage and fit (no ``stages``, no
``replan``); re-planning and fairness may give fit way to further objectives.

Candidates not placed
---------------------

Rules are tried in this order; a candidate may get several reasons.

``ineligible.education``, ``ineligible.age``, ``ineligible.computer_skill``,
``ineligible.nomination``, ``ineligible.position``
    The candidate fails that policy rule (:func:`penempatan.rules._eligibility.ineligibility`);
    one reason per failed rule, with the values of :mod:`penempatan.rules._eligibility`
    (``ineligible.age``: ``age`` on ``reference_date`` and ``max_age``). When
    any applies, these are the only reasons.
``not_qualified``
    Eligible, but no need of any cooperative is one they qualify for.
    ``closest``: for each role they hold that some cooperative needs, their
    ``level`` and the lowest ``min_level`` asked for it.
``too_far``, ``forbidden``, ``no_fit_entry``
    Eligible and qualified for some need, but no need is permitted. One reason
    per cause that excludes at least one need they qualify for:
    ``too_far`` — ``beyond`` of the ``qualified`` cooperatives with such a need
    lie beyond ``max_distance_km``; ``nearest`` is the closest of those and
    ``distance_km`` its distance (rounded to metres; of cooperatives at the same
    distance to the metre, the first in the scenario). ``forbidden`` —
    ``cooperatives`` with such a need where the pair is forbidden.
    ``no_fit_entry`` — ``needs`` of the ``qualified`` needs are not listed for
    them in the fit table. Together these exclude every need they qualify for.
``no_plan``
    Some need is permitted, but the plan has no solution (``INFEASIBLE`` or
    ``UNKNOWN``). ``status``.

For a candidate with a permitted need in a plan with a solution:

``floor_binding``
    Their OPD is at its floor (``position`` null), or their position is
    (``position`` named): one reason per binding floor, with ``opd``,
    ``headcount``, ``released``, ``remaining`` and ``min_staff`` of that floor.
``outranked``
    Every permitted need is full, and every holder of each scores at least as
    much there as this candidate would. ``needs`` counts the permitted needs;
    ``seats`` names up to three of them, their best-scoring first, each with
    the candidate's ``score``, the number of ``holders`` and up to five of them
    (``named``: lowest score first, with ``role``, ``score``, ``locked`` and
    ``required``).
``not_needed``
    Every permitted need is full, and some holder scores less than this
    candidate would there. Same values as ``outranked``. In a plan optimal for
    the spec, with no binding floor of theirs, each such holder is locked or holds a
    required seat at a cooperative that is full while the candidate's role
    there is already at its minimum (moving them would cost coverage).
``rule``
    No floor of theirs binds, some permitted need is not full, and a local
    rule *closes* it: placing them there, on top of the plan's placements,
    would break the rule in a group of that cooperative (an ``at_most`` group
    that already has ``count`` counted placements and would count them; an
    ``at_least`` group with ``if_staffed`` ≥ 1 that would then have
    ``if_staffed`` placements and fewer than ``count`` counted). One reason
    per such rule, with its ``rule`` id, ``kind``, ``count``, ``per``,
    ``group_by``, ``if_staffed``, the ``group`` and ``part`` of the first need
    it closes, that need's ``cooperative`` and ``role``, and ``needs`` (how
    many not-full permitted needs it closes).
``no_gain``
    No floor of theirs binds, some permitted need is not full and closed by no
    rule, and every such need already has at least its ``min`` and would give them score 0:
    placing them adds neither coverage nor fit. ``needs`` counts those needs;
    ``cooperative`` and ``role`` name the first.
``not_chosen``
    No floor of theirs binds and a permitted need is not full and closed by no
    rule where they would add coverage or fit. Impossible in a plan optimal for the spec; a
    ``FEASIBLE`` plan, or one with further objectives, may show it.
    ``cooperative``, ``role``, ``score`` of the best such need, the plan's
    ``status`` and its further ``objectives`` (stage names, ``replan``).

So every candidate not placed has at least one reason: with a binding floor,
``floor_binding``; else if every permitted need is full, ``outranked`` or
``not_needed``; else ``rule`` for each rule closing a need that is not full,
and ``no_gain`` or ``not_chosen`` when a need is neither full nor closed. A floor that binds while
a permitted need is open is the whole story: the plan traded that placement
for the OPD's service floor.

Placements
----------

``score.default`` (``total`` = ``skill`` + ``proximity`` + ``nomination`` +
``preference``, with ``level``, ``distance_km``, ``same_kelurahan`` and the
1-based ``preference_rank``) or ``score.fit_table`` (``score``); then
``seat.required`` or ``seat.optional`` (``placed``, ``min``, ``max`` of the
need); ``locked`` (``lock``: index in ``locks``) when a lock holds it; and
``next_best``: the best-scoring permitted need at another cooperative (ties:
document order), with its ``score``, ``difference`` = this score − that score,
``full``, ``required_there`` (a placement there would fill a required seat) and
``required_here``; or ``only_option`` when no other cooperative is permitted.

Needs below their minimum
-------------------------

``no_candidate``
    No eligible candidate qualifies for the need. ``min_level``; ``ineligible``
    counts the ineligible candidates who would qualify.
``none_within_distance``, ``forbidden``, ``no_fit_entry``
    Some eligible candidates qualify (``qualified``) but the need is permitted
    for none of them; one reason per cause that excludes at least one of them,
    with the ``count`` it excludes; ``none_within_distance`` also names the
    ``nearest_candidate`` beyond the limit and ``distance_km``.
``no_plan``
    Some candidate is permitted, but the plan has no solution.
``too_few_candidates``
    Fewer candidates are permitted for the need (``count``) than its ``min``:
    even all of them could not meet it.
``held_by_floor``
    Candidates permitted for the need are not placed and their OPD or position
    is at its floor. ``count``; ``floors`` lists the five binding floors that
    hold back the most of them (ties in OPD, then position order) with
    ``opd``, ``position``, ``remaining``, ``min_staff``, ``count`` and up to
    five of its ``candidates`` (best score for this need first);
    ``more_floors`` counts the binding floors not listed. A candidate whose OPD
    and position both bind is counted under the OPD.
``held_by_rule``
    Candidates permitted for the need are not placed, no floor of theirs binds,
    and a local rule closes this need to them (as for ``rule`` above).
    ``count``, ``rules`` (the ids of the rules that close it to any of them,
    in scenario order) and up to five ``candidates`` (best score here first).
``taken_elsewhere``
    Candidates permitted for the need are placed at another need. ``count``,
    ``required`` (how many hold a required seat there) and up to five
    ``named`` (best score for this need first) with their ``cooperative``,
    ``role``, ``score`` there, ``score_here``, ``required`` and ``locked``.
``cooperative_full``
    The cooperative is at its ``max_staff`` (``placed``).
``not_chosen``
    A permitted candidate is not placed although no floor of theirs binds, no
    rule closes the need to them and the cooperative is not full: impossible
    in a plan optimal for the spec.
    ``candidate`` (best score first), ``score``, ``status``, ``objectives``.

Every need below its minimum has at least one reason: with no permitted
candidate, the static causes above; with fewer permitted candidates than
``min``, ``too_few_candidates``; otherwise at least ``min − placed`` permitted
candidates are not placed here, and each of them is placed elsewhere, held by
a floor, kept out by a rule, or not placed with the cooperative full (or
``not_chosen``). With local rules, ``not_needed`` and ``taken_elsewhere``
make no promise about swaps (a rule may forbid the swap).
"""

from __future__ import annotations

from penempatan._status import Status
from penempatan.plan import Plan

#: Seats named in ``outranked`` / ``not_needed``; people named per seat or group.
NAMED_SEATS = 3
NAMED_PEOPLE = 5
#: Binding floors listed in ``held_by_floor`` (those holding back the most people).
NAMED_FLOORS = 5


def further_objectives(plan: Plan) -> list[str]:
    """What the plan optimised after coverage and fit (stage names, ``replan``); often none."""
    names = [st.name for st in plan.stages if st.name not in ("coverage", "fit")]
    if plan.replan is not None and not names:
        names.append("replan")
    return names


def optimal_for_spec(plan: Plan) -> bool:
    """Status OPTIMAL, and nothing optimised after the spec's coverage and fit."""
    return plan.status is Status.OPTIMAL and not further_objectives(plan)
