"""The records of a ``penempatan/scenario@1`` scenario, one class per table of the format.

Field checks (types, ranges, the NIP layout) live on the fields; checks that
span records are in :mod:`penempatan.scenario._checks`, and the scenario that
holds the records is :class:`penempatan.scenario._scenario.Scenario`.

Records are frozen and reject unknown keys. Collections are tuples so that a
scenario cannot be changed after validation; a what-if is a new scenario.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Mapping
from typing import Annotated, Any, Literal, NoReturn

from pydantic import (
    AfterValidator,
    BeforeValidator,
    Field,
    PlainSerializer,
    StrictBool,
    StrictStr,
    model_validator,
)
from pydantic_core import PydanticCustomError

from penempatan._record import Record
from penempatan.scenario._nip import NipError, check_nip

SCENARIO_FORMAT = "penempatan/scenario@1"

#: Education levels, lowest first; levels on one rank are equal (SMA = SMK, D4 = S1).
EDUCATION_RANK: dict[str, int] = {
    "SD": 0,
    "SMP": 1,
    "SMA": 2,
    "SMK": 2,
    "D1": 3,
    "D2": 4,
    "D3": 5,
    "D4": 6,
    "S1": 6,
    "S2": 7,
    "S3": 8,
}

Education = Literal["SD", "SMP", "SMA", "SMK", "D1", "D2", "D3", "D4", "S1", "S2", "S3"]


_ISO_DATE = re.compile(r"[0-9]{4}-[0-9]{2}-[0-9]{2}")


def _iso_date(value: object) -> object:
    """Accept a date, or a string in the ISO form ``YYYY-MM-DD`` only."""
    if isinstance(value, dt.date) and not isinstance(value, dt.datetime):
        return value
    if isinstance(value, str):
        if not _ISO_DATE.fullmatch(value):
            raise PydanticCustomError("iso_date", "expected an ISO date YYYY-MM-DD")
        try:
            return dt.date.fromisoformat(value)
        except ValueError:
            raise PydanticCustomError(
                "iso_date",
                "expected a real ISO date YYYY-MM-DD, got {value}",
                {"value": repr(value)},
            ) from None
    raise PydanticCustomError("iso_date", "expected an ISO date string YYYY-MM-DD")


def _valid_nip(value: str) -> str:
    try:
        check_nip(value)
    except NipError as exc:
        ctx = {"reason": str(exc), "code": exc.code, "values": exc.values}
        raise PydanticCustomError("nip", "invalid NIP: {reason}", ctx) from None
    return value


class FrozenSkills(dict[str, int]):
    """A read-only role → level mapping (a dict that refuses changes, and pickles)."""

    def _refuse(self, *args: object, **kwargs: object) -> NoReturn:
        raise TypeError("skills of a validated candidate cannot be changed; make a new scenario")

    __setitem__ = __delitem__ = clear = pop = popitem = setdefault = update = _refuse
    __ior__ = _refuse

    def __reduce__(self) -> tuple[type[FrozenSkills], tuple[dict[str, int]]]:
        return (FrozenSkills, (dict(self),))

    def __hash__(self) -> int:  # type: ignore[override]
        return hash(tuple(sorted(self.items())))


def _freeze_skills(value: dict[str, int]) -> Mapping[str, int]:
    frozen = FrozenSkills()
    dict.update(frozen, value)
    return frozen


#: Role → level 1–5, read-only after validation (written back as a JSON object).
SkillMap = Annotated[
    dict[StrictStr, Annotated[int, Field(strict=True, ge=1, le=5)]],
    AfterValidator(_freeze_skills),
    PlainSerializer(lambda m: dict(m), return_type=dict[str, int]),
]
IsoDate = Annotated[dt.date, BeforeValidator(_iso_date)]
Nip = Annotated[
    StrictStr, AfterValidator(_valid_nip), Field(json_schema_extra={"pattern": "^[0-9]{18}$"})
]
Id = Annotated[StrictStr, Field(min_length=1)]
#: The largest head count, floor, need or cap a scenario may state: far above any
#: real agency, and small enough that every sum the engines form fits 64 bits.
MAX_COUNT = 10**9
Count = Annotated[int, Field(strict=True, ge=0, le=MAX_COUNT)]
Level = Annotated[int, Field(strict=True, ge=1, le=5)]
Score = Annotated[int, Field(strict=True, ge=0, le=100)]
Coordinate = Annotated[float, Field(strict=True, allow_inf_nan=False)]


class Location(Record):
    """A point on Earth in decimal degrees (WGS 84)."""

    lat: Annotated[Coordinate, Field(ge=-90, le=90)]
    lon: Annotated[Coordinate, Field(ge=-180, le=180)]


class Policy(Record):
    """Eligibility rules; every key has the default of the spec."""

    min_education: Education = "D3"
    max_age: Count = 56
    require_computer_skill: StrictBool = True
    require_nomination: StrictBool = False
    excluded_positions: tuple[StrictStr, ...] = ()
    max_distance_km: Annotated[float, Field(strict=True, ge=0, allow_inf_nan=False)] | None = None


class Position(Record):
    """A job (jabatan) inside an OPD with its own service floor."""

    name: Id
    headcount: Count
    min_staff: Count


class Opd(Record):
    """A home agency: all its staff today and the floor that must remain after placement."""

    id: Id
    name: StrictStr
    headcount: Count
    min_staff: Count
    positions: tuple[Position, ...] | None = None


class Need(Record):
    """Seats of one role at one cooperative: at least ``min`` wanted, at most ``max`` allowed."""

    role: Id
    min: Count
    max: Count
    min_level: Level = 1


class Cooperative(Record):
    """A Koperasi Kelurahan Merah Putih to staff."""

    id: Id
    name: StrictStr
    kelurahan: StrictStr
    kecamatan: StrictStr
    location: Location | None = None
    needs: tuple[Need, ...]
    max_staff: Count | None = None


class Candidate(Record):
    """A member of staff who may be placed; ``nip`` is the key."""

    nip: Nip
    name: StrictStr
    opd: Id
    position: StrictStr | None = None
    education: Education
    birth_date: IsoDate
    computer_skill: StrictBool
    skills: SkillMap
    domicile: StrictStr | None = None
    location: Location | None = None
    nominated: StrictBool = False
    preferences: tuple[Id, ...] = ()


class FitEntry(Record):
    """An explicit score for one permitted (candidate, cooperative, role) triple.

    ``candidate`` is a NIP that must name a candidate of the scenario (checked
    across records; its format is then the candidate's, already checked).
    """

    candidate: Id
    cooperative: Id
    role: Id
    score: Score


class Lock(Record):
    """A placement that every plan must contain (``candidate``: a candidate's NIP)."""

    candidate: Id
    cooperative: Id
    role: Id


class Forbidden(Record):
    """A (candidate, cooperative) pair no plan may use, in any role (``candidate``: a NIP)."""

    candidate: Id
    cooperative: Id


class RuleFilter(Record):
    """Which placements a local rule counts: every key given must match (``of`` of a rule).

    ``sex`` is read from NIP digit 15 (``1`` male, ``2`` female); ``opds``,
    ``positions`` and ``candidates`` (NIPs) must name records of the scenario.
    """

    sex: Literal["male", "female"] | None = None
    opds: tuple[Id, ...] | None = None
    positions: tuple[Id, ...] | None = None
    min_education: Education | None = None
    nominated: StrictBool | None = None
    candidates: tuple[Id, ...] | None = None


def candidate_sex(c: Candidate) -> Literal["male", "female"]:
    """``"female"`` or ``"male"``, from NIP digit 15 (``2`` female, ``1`` male)."""
    return "female" if c.nip[14] == "2" else "male"


def filter_matches(of: RuleFilter, c: Candidate) -> bool:
    """Whether candidate ``c`` matches every key given in the filter ``of`` (spec, "Local
    rules"): the one reading of ``of`` that rule 8, the engines and the linter share."""
    if of.sex is not None and candidate_sex(c) != of.sex:
        return False
    if of.opds is not None and c.opd not in of.opds:
        return False
    if of.positions is not None and c.position not in of.positions:
        return False
    if of.min_education is not None and (
        EDUCATION_RANK[c.education] < EDUCATION_RANK[of.min_education]
    ):
        return False
    if of.nominated is not None and c.nominated != of.nominated:
        return False
    return of.candidates is None or c.nip in of.candidates


class Rule(Record):
    """A local rule: a bound on the number of placements per group (spec, "Local rules").

    For every group of ``per`` (and every value of ``group_by``), ``n`` counts
    the placements whose candidate matches ``of`` and ``N`` all placements in
    the group. ``at_most``: ``n ≤ count``. ``at_least``: ``N ≥ if_staffed``
    implies ``n ≥ count``. ``group_by`` is for ``at_most`` rules only and
    ``if_staffed`` for ``at_least`` rules only (default 1 there).
    """

    id: Id
    kind: Literal["at_most", "at_least"]
    count: Count
    per: Literal["cooperative", "kecamatan", "all"] = "cooperative"
    group_by: Literal["opd", "position", "education"] | None = None
    of: RuleFilter = RuleFilter()
    if_staffed: Count | None = None

    @model_validator(mode="before")
    @classmethod
    def _default_if_staffed(cls, data: Any) -> Any:
        # The spec's default, written out so that an omitted 1 and a given 1 hash alike.
        if isinstance(data, dict) and data.get("kind") == "at_least" and "if_staffed" not in data:
            return {**data, "if_staffed": 1}
        return data

    @property
    def threshold(self) -> int:
        """``if_staffed`` of an ``at_least`` rule (1 when the file leaves it out)."""
        return 1 if self.if_staffed is None else self.if_staffed
