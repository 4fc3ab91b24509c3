"""What the generator draws: one frozen value, :class:`GeneratorSettings`."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True, kw_only=True)
class GeneratorSettings:
    """The settings of a synthetic scenario; the same settings give the same scenario.

    Attributes:
        n_cooperatives: cooperatives, one per kelurahan (up to 27: the real
            kelurahan of Kota Pekalongan; more: synthetic names).
        n_candidates: PPPK candidates (0 allowed).
        n_opds: agencies (up to 35 with Pekalongan names, then ``OPD-036`` ...).
        seed: seed of ``numpy.random.default_rng``.
        floor_tightness: 0 = floors never bind, 1 = each OPD can give up only
            about 5 % of its candidates.
        max_distance_km: written to ``policy.max_distance_km`` when given.
        nearest: with ``with_fit_table``, the fit table covers only each
            candidate's ``nearest`` closest cooperatives (``None``: all of them,
            which grows as candidates x cooperatives). Ignored without a table.
        with_fit_table: add a ``fit`` table: one integer score 0-100 per
            (candidate, cooperative, role) where the cooperative needs the role
            and the candidate lists a skill for it (possibly below ``min_level``).
        with_positions: give the health and education agencies ``positions``
            with their own floors.
        require_nomination: written to ``policy.require_nomination``.
        excluded_positions: list teachers and health workers
            (:data:`~penempatan.datasets.EXCLUDED_POSITIONS`) in
            ``policy.excluded_positions``.
        locks: number of locks wanted. Each lock is a placement that obeys
            every rule (eligible candidate, skill, distance, fit table), and
            together they respect needs' ``max``, ``max_staff`` and the floors,
            so locks alone never make a scenario infeasible. Fewer are returned
            only when not that many such placements can be found.
        forbidden: number of distinct forbidden (candidate, cooperative) pairs,
            none of them a locked pair; about half are a candidate's nearest
            cooperative. ``ValueError`` when more pairs are asked than exist.
        reference_date: ISO date of the placement.
        name: scenario label; a descriptive default otherwise.

    Raises:
        ValueError: for out-of-range settings, when made.
    """

    n_cooperatives: int = 27
    n_candidates: int = 300
    n_opds: int = 35
    seed: int = 0
    floor_tightness: float = 0.5
    max_distance_km: float | None = None
    nearest: int | None = None
    with_fit_table: bool = False
    with_positions: bool = True
    require_nomination: bool = False
    excluded_positions: bool = True
    locks: int = 0
    forbidden: int = 0
    reference_date: str = "2026-03-01"
    name: str | None = None

    def __post_init__(self) -> None:
        if self.n_cooperatives < 1:
            raise ValueError(f"n_cooperatives must be at least 1, got {self.n_cooperatives}")
        if self.n_candidates < 0:
            raise ValueError(f"n_candidates must be at least 0, got {self.n_candidates}")
        if self.n_opds < 1:
            raise ValueError(f"n_opds must be at least 1, got {self.n_opds}")
        if not 0.0 <= self.floor_tightness <= 1.0:
            raise ValueError(f"floor_tightness must be between 0 and 1, got {self.floor_tightness}")
        if self.max_distance_km is not None and not self.max_distance_km > 0:
            raise ValueError(f"max_distance_km must be positive, got {self.max_distance_km}")
        if self.nearest is not None and self.nearest < 1:
            raise ValueError(f"nearest must be at least 1, got {self.nearest}")
        if self.locks < 0 or self.forbidden < 0:
            raise ValueError("locks and forbidden must not be negative")
