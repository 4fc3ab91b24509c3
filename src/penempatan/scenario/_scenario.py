"""The scenario: every record of ``penempatan/scenario@1`` under one validated, immutable value.

:class:`Scenario` checks its records across one another when it is built
(:func:`penempatan.scenario._checks.cross_record_problems`), and reports every
problem with the path of the record and field, e.g. ``candidates[17].opd``.
Its canonical JSON (sorted keys, no spaces, defaults written out) and the
SHA-256 of that text identify it in every plan.

What-if edits (``with_*``, ``without_*``) return a new scenario, validated
again as a whole; the edit itself is a function on the scenario's plain data
in :mod:`penempatan.scenario._edits`.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import hashlib
import json
from collections.abc import Callable, Mapping
from functools import cached_property
from operator import attrgetter
from typing import Any, Literal

from pydantic import StrictStr, TypeAdapter, ValidationError, ValidationInfo, model_validator
from pydantic_core import PydanticCustomError

from penempatan._errors import Problem, ScenarioError
from penempatan._record import Record
from penempatan.scenario import _edits
from penempatan.scenario._checks import PartialRecords, cross_record_problems
from penempatan.scenario._problems import problems_from
from penempatan.scenario._records import (
    SCENARIO_FORMAT,
    Candidate,
    Cooperative,
    FitEntry,
    Forbidden,
    IsoDate,
    Location,
    Lock,
    Opd,
    Policy,
    Rule,
)
from penempatan.scenario._text import coded, unencodable_paths


class Scenario(Record):
    """A placement problem: candidates, OPD floors and cooperative needs under a policy."""

    format: Literal["penempatan/scenario@1"]
    name: StrictStr
    reference_date: IsoDate
    policy: Policy = Policy()
    opds: tuple[Opd, ...]
    cooperatives: tuple[Cooperative, ...]
    candidates: tuple[Candidate, ...]
    fit: tuple[FitEntry, ...] | None = None
    locks: tuple[Lock, ...] = ()
    forbidden: tuple[Forbidden, ...] = ()
    rules: tuple[Rule, ...] = ()

    @model_validator(mode="after")
    def _check_records(self, info: ValidationInfo) -> Scenario:
        problems = cross_record_problems(self)
        if not problems and not (info.context or {}).get(TEXT_IS_UNICODE):
            problems = _text_problems(self)
        if problems:
            raise PydanticCustomError(
                "scenario_records",
                "{summary}",
                {"summary": "; ".join(map(str, problems)), "problems": problems},
            )
        return self

    def model_copy(
        self, *, update: Mapping[str, Any] | None = None, deep: bool = False
    ) -> Scenario:
        """A new scenario with ``update`` applied, validated again (indexes and hash recomputed)."""
        merged = {name: getattr(self, name) for name in type(self).model_fields}
        merged.update(update or {})
        # Validate plain JSON data, so nested records given as models are checked again too.
        data = type(self).model_construct(**merged).model_dump(mode="json", warnings=False)
        return type(self).model_validate(data)

    # Indexes. Computed once on first use; they never change since the model is frozen.

    @cached_property
    def opd_index(self) -> dict[str, int]:
        """OPD id → position in ``opds``."""
        return {o.id: i for i, o in enumerate(self.opds)}

    @cached_property
    def cooperative_index(self) -> dict[str, int]:
        """Cooperative id → position in ``cooperatives``."""
        return {c.id: i for i, c in enumerate(self.cooperatives)}

    @cached_property
    def candidate_index(self) -> dict[str, int]:
        """NIP → position in ``candidates``."""
        return {c.nip: i for i, c in enumerate(self.candidates)}

    def canonical_json(self) -> str:
        """The canonical JSON text of the validated scenario.

        Exactly ``json.dumps(self.model_dump(mode="json"), sort_keys=True,
        separators=(",", ":"), ensure_ascii=False)``, except that ``rules`` is
        left out when there are none (so a scenario without local rules keeps
        the hash it had before rules existed); the three large tables (fit,
        candidates, cooperatives) are written by direct encoders that give the
        same text.
        """
        exclude = {"fit", "candidates", "cooperatives"} | (set() if self.rules else {"rules"})
        texts = {k: _json_text(v) for k, v in self.model_dump(mode="json", exclude=exclude).items()}
        texts["fit"] = "null" if self.fit is None else _fit_json(self.fit)
        texts["candidates"] = _candidates_json(self.candidates)
        texts["cooperatives"] = _cooperatives_json(self.cooperatives)
        return "{" + ",".join(f"{_json_text(k)}:{texts[k]}" for k in sorted(texts)) + "}"

    @cached_property
    def sha256(self) -> str:
        """SHA-256 of :meth:`canonical_json`, recorded in every plan."""
        return hashlib.sha256(self.canonical_json().encode("utf-8")).hexdigest()

    # Tables as pandas DataFrames (pandas is optional: pip install 'penempatan[pandas]').

    @classmethod
    def from_dataframes(
        cls,
        frames: Mapping[str, Any] | None = None,
        /,
        *,
        name: str | None = None,
        reference_date: Any = None,
        policy: Mapping[str, Any] | None = None,
        education_names: Mapping[str, str] | None = None,
        **tables: Any,
    ) -> Scenario:
        """A scenario from DataFrames, one per sheet of the workbook.

        ``frames`` maps sheet names (``OPD``, ``Koperasi``, ``Kebutuhan``,
        ``Kandidat``, ...) or table names (``opds``, ``cooperatives``,
        ``needs``, ``candidates``, ...) to DataFrames; keyword arguments add
        more (``candidates=df``). Columns are the workbook's headers, the JSON
        keys (``nip``, ``headcount``) or SIASN's names (``nip_baru``,
        ``tingkat_pendidikan_nama``, ...). ``name``, ``reference_date`` and
        ``policy`` stand in for a ``Kebijakan`` frame. ``education_names``
        maps further education names to levels. Missing values are empty
        cells, ``4.0`` is 4, a ``Timestamp`` at midnight is a date. Every
        problem names the frame, index label and column, all in one
        :class:`~penempatan.ScenarioError`.
        """
        from penempatan.scenario._frames import scenario_from_frames

        settings: dict[str, Any] = {}
        if name is not None:
            settings["name"] = name
        if reference_date is not None:
            settings["reference_date"] = reference_date
        settings.update(policy or {})
        return scenario_from_frames(
            {**(frames or {}), **tables},
            lambda data: validated(cls, data),
            settings=settings,
            education_names=education_names,
        )

    def to_dataframes(self) -> dict[str, Any]:
        """Sheet name -> DataFrame, as the workbook has them; ``from_dataframes`` reads them back.

        NIPs are text; yes/no columns hold booleans, dates ``datetime.date``.
        """
        from penempatan.scenario._frames import frames_of

        return frames_of(self)

    # What-if edits: each returns a new, validated scenario (see penempatan.scenario._edits).

    def _edited(self, edit: Callable[..., None], /, *args: Any, **kwargs: Any) -> Scenario:
        """The scenario whose plain data is this one's after ``edit``, validated as a whole."""
        data = self.model_dump(mode="json")
        edit(data, *args, **kwargs)
        return validated(type(self), data)

    def with_policy(self, /, **changes: Any) -> Scenario:
        """A copy with policy fields changed, e.g. ``s.with_policy(max_age=58)``."""
        return self._edited(_edits.with_policy, **changes)

    def with_floor(self, opd: str, min_staff: int, *, position: str | None = None) -> Scenario:
        """A copy where OPD ``opd`` (or its ``position``) keeps at least ``min_staff``."""
        return self._edited(_edits.with_floor, opd, min_staff, position=position)

    def with_floor_share(
        self, share: float, *, opds: list[str] | tuple[str, ...] | None = None
    ) -> Scenario:
        """A copy where every OPD (or those in ``opds``) keeps ``ceil(share × headcount)``."""
        return self._edited(_edits.with_floor_share, share, opds=opds)

    def with_opd_changes(self, opd: str, /, **changes: Any) -> Scenario:
        """A copy where OPD ``opd`` has the fields in ``changes``."""
        return self._edited(_edits.with_opd_changes, opd, **changes)

    def with_candidate(self, candidate: Candidate | Mapping[str, Any]) -> Scenario:
        """A copy with one more candidate (a :class:`Candidate` or its JSON data)."""
        return self._edited(_edits.with_candidate, candidate)

    def without_candidates(self, *nips: str, leaves_opd: bool = False) -> Scenario:
        """A copy without these candidates, their locks, fit entries and forbidden pairs."""
        return self._edited(_edits.without_candidates, *nips, leaves_opd=leaves_opd)

    def with_candidate_changes(self, nip: str, /, **changes: Any) -> Scenario:
        """A copy where candidate ``nip`` has the fields in ``changes``."""
        return self._edited(_edits.with_candidate_changes, nip, **changes)

    def with_cooperative(self, cooperative: Cooperative | Mapping[str, Any]) -> Scenario:
        """A copy with one more cooperative (a :class:`Cooperative` or its JSON data)."""
        return self._edited(_edits.with_cooperative, cooperative)

    def without_cooperatives(self, *ids: str) -> Scenario:
        """A copy without these cooperatives and all locks, fit, pairs, preferences of them."""
        return self._edited(_edits.without_cooperatives, *ids)

    def with_cooperative_changes(self, cooperative: str, /, **changes: Any) -> Scenario:
        """A copy where ``cooperative`` has the fields in ``changes``."""
        return self._edited(_edits.with_cooperative_changes, cooperative, **changes)

    def with_need(
        self,
        cooperative: str,
        role: str,
        *,
        min: int | None = None,  # noqa: A002 - the field is called min in the format
        max: int | None = None,  # noqa: A002
        min_level: int | None = None,
    ) -> Scenario:
        """A copy where ``cooperative`` needs ``role`` (added, or changed where given)."""
        return self._edited(
            _edits.with_need, cooperative, role, min=min, max=max, min_level=min_level
        )

    def without_need(self, cooperative: str, role: str) -> Scenario:
        """A copy where ``cooperative`` no longer needs ``role`` (its locks and fit go too)."""
        return self._edited(_edits.without_need, cooperative, role)

    def with_lock(self, candidate: str, cooperative: str, role: str) -> Scenario:
        """A copy where every plan places ``candidate`` in ``role`` at ``cooperative``."""
        return self._edited(_edits.with_lock, candidate, cooperative, role)

    def without_lock(self, candidate: str) -> Scenario:
        """A copy where ``candidate`` is no longer locked."""
        return self._edited(_edits.without_lock, candidate)

    def with_forbidden(self, candidate: str, cooperative: str) -> Scenario:
        """A copy where no plan places ``candidate`` at ``cooperative``."""
        return self._edited(_edits.with_forbidden, candidate, cooperative)

    def without_forbidden(self, candidate: str, cooperative: str) -> Scenario:
        """A copy where the pair (``candidate``, ``cooperative``) is no longer forbidden."""
        return self._edited(_edits.without_forbidden, candidate, cooperative)

    def with_rule(self, rule: Rule | Mapping[str, Any]) -> Scenario:
        """A copy with local rule ``rule`` (replacing the rule of the same ``id``, if any)."""
        return self._edited(_edits.with_rule, rule)

    def without_rule(self, rule_id: str) -> Scenario:
        """A copy without the local rule ``rule_id``."""
        return self._edited(_edits.without_rule, rule_id)


def _json_text(value: Any) -> str:
    return json.dumps(value, sort_keys=True, separators=(",", ":"), ensure_ascii=False)


_json_string = json.encoder.encode_basestring  # C-accelerated; what json.dumps uses


_fit_fields = attrgetter("candidate", "cooperative", "role", "score")


def _fit_json(fit: tuple[FitEntry, ...]) -> str:
    """The canonical JSON of a fit table: each entry's four fields in sorted key order."""
    esc = _json_string
    return (
        "["
        + ",".join(
            f'{{"candidate":{esc(c)},"cooperative":{esc(k)},"role":{esc(r)},"score":{score:d}}}'
            for c, k, r, score in map(_fit_fields, fit)
        )
        + "]"
    )


def _location_json(where: Location | None) -> str:
    # A finite float's repr is what json.dumps writes for it.
    return "null" if where is None else f'{{"lat":{where.lat!r},"lon":{where.lon!r}}}'


def _optional_json(text: str | None) -> str:
    return "null" if text is None else _json_string(text)


def _candidates_json(candidates: tuple[Candidate, ...]) -> str:
    """The canonical JSON of the candidates: every field, keys sorted, as :func:`_json_text`.

    A NIP is 18 digits (checked), so it is written without escaping; a skill map's
    text is computed once per distinct map.
    """
    esc, loc, opt = _json_string, _location_json, _optional_json
    skill_texts: dict[tuple[tuple[str, int], ...], str] = {}
    out = []
    for c in candidates:
        key = tuple(c.skills.items())
        skills = skill_texts.get(key)
        if skills is None:
            skills = ",".join(f"{esc(r)}:{n:d}" for r, n in sorted(key))
            skill_texts[key] = skills
        out.append(
            f'{{"birth_date":"{c.birth_date.isoformat()}",'
            f'"computer_skill":{"true" if c.computer_skill else "false"},'
            f'"domicile":{opt(c.domicile)},"education":"{c.education}",'
            f'"location":{loc(c.location)},"name":{esc(c.name)},"nip":"{c.nip}",'
            f'"nominated":{"true" if c.nominated else "false"},"opd":{esc(c.opd)},'
            f'"position":{opt(c.position)},'
            f'"preferences":[{",".join(map(esc, c.preferences))}],'
            f'"skills":{{{skills}}}}}'
        )
    return "[" + ",".join(out) + "]"


def _cooperatives_json(cooperatives: tuple[Cooperative, ...]) -> str:
    """The canonical JSON of the cooperatives and their needs, as :func:`_json_text`."""
    esc, loc = _json_string, _location_json
    return (
        "["
        + ",".join(
            f'{{"id":{esc(k.id)},"kecamatan":{esc(k.kecamatan)},"kelurahan":{esc(k.kelurahan)},'
            f'"location":{loc(k.location)},'
            f'"max_staff":{"null" if k.max_staff is None else f"{k.max_staff:d}"},'
            f'"name":{esc(k.name)},"needs":['
            + ",".join(
                f'{{"max":{n.max:d},"min":{n.min:d},"min_level":{n.min_level:d},'
                f'"role":{esc(n.role)}}}'
                for n in k.needs
            )
            + "]}"
            for k in cooperatives
        )
        + "]"
    )


def _text_problems(s: Scenario) -> list[Problem]:
    """Text that cannot be written as UTF-8 (a lone surrogate such as ``"\\ud800"``).

    The canonical JSON, hashed into every plan, is UTF-8; the check is that
    hash, computed here once, and only a failure walks the records to name them.
    """
    try:
        s.sha256  # noqa: B018 - computed and cached, or it fails on such text
    except UnicodeEncodeError:
        return [
            coded(path, "problem.lone_surrogate")
            for path in unencodable_paths(s.model_dump(mode="json"))
        ]
    return []


#: The record type of each list of a scenario, for reading the valid part of a bad one.
_LISTS: dict[str, type[Record]] = {
    "opds": Opd,
    "cooperatives": Cooperative,
    "candidates": Candidate,
    "fit": FitEntry,
    "locks": Lock,
    "forbidden": Forbidden,
    "rules": Rule,
}


#: Validation context key: the data was read from UTF-8 JSON text holding no
#: ``\\ud800``-``\\udfff`` escape, so none of its strings can hold a lone surrogate.
TEXT_IS_UNICODE = "text_is_unicode"


def validated(model: type[Scenario], data: Any, *, text_is_unicode: bool = False) -> Scenario:
    """``data`` validated as a scenario; :class:`ScenarioError` names every problem.

    When records fail their own checks, the cross-record checks still run on the
    records that passed, so one reading reports both kinds of problem.
    ``text_is_unicode`` skips the check for lone surrogates (see :data:`TEXT_IS_UNICODE`).
    """
    if not isinstance(data, dict):
        raise ScenarioError([coded("", "problem.scenario_not_object", kind=type(data).__name__)])
    other = data.get("format")
    if isinstance(other, str) and other.startswith("penempatan/") and other != SCENARIO_FORMAT:
        # Another penempatan document (a plan, most likely): that alone, not each of its fields.
        key = "problem.plan_not_scenario" if other.startswith("penempatan/plan@") else None
        raise ScenarioError(
            [coded("format", key or "problem.wrong_format", expected=SCENARIO_FORMAT, value=other)]
        )
    try:
        return model.model_validate(data, context={TEXT_IS_UNICODE: text_is_unicode})
    except ValidationError as exc:
        problems = problems_from(exc)
        errors = exc.errors(include_url=False)
    if all(e["type"] != "scenario_records" for e in errors):
        problems += cross_record_problems_of_valid_part(data, errors)
        problems.sort(key=_document_order)
    raise ScenarioError(problems)


def _document_order(p: Problem) -> tuple[int, int]:
    """Sort key: the record a problem names, in the scenario's field order (stable within)."""
    head, _, rest = p.path.partition("[")
    order = list(Scenario.model_fields)
    rank = order.index(head.split(".")[0]) if head.split(".")[0] in order else len(order)
    index = rest.split("]")[0]
    return rank, int(index) if index.isdigit() else -1


def cross_record_problems_of_valid_part(data: dict[str, Any], errors: Any) -> list[Problem]:
    """The cross-record problems among the records of ``data`` that passed their own checks.

    ``errors`` are pydantic's; a list that is not a list at all (or a top-level
    field every check depends on) leaves nothing to check across, so nothing is added.
    """
    bad: dict[str, set[int]] = {name: set() for name in _LISTS}
    unsure: set[str] = set()
    for e in errors:
        loc = e["loc"]
        if loc and loc[0] in bad:
            if len(loc) < 2 or not isinstance(loc[1], int):
                return []  # the whole list is unreadable
            bad[str(loc[0])].add(loc[1])
            if len(loc) < 3 or loc[2] in ("id", "nip"):
                unsure.add(str(loc[0]))
    lists: dict[str, Any] = {}
    known: dict[str, set[str]] = {}
    for name, record in _LISTS.items():
        raw = data.get(name, () if name != "fit" else None)
        if raw is None:
            lists[name] = None
            continue
        if not isinstance(raw, (list, tuple)):
            return []
        good = [r for i, r in enumerate(raw) if i not in bad[name]]
        try:
            valid = iter(TypeAdapter(tuple[record, ...]).validate_python(good))  # type: ignore[valid-type]
        except ValidationError:
            return []
        lists[name] = [None if i in bad[name] else next(valid) for i in range(len(raw))]
        key = "nip" if name == "candidates" else "id"
        known[name] = {r[key] for r in raw if isinstance(r, dict) and isinstance(r.get(key), str)}
    policy: Policy | None = None
    reference_date: dt.date | None = None
    with contextlib.suppress(ValidationError):
        policy = Policy.model_validate(data.get("policy", {}))
    with contextlib.suppress(ValidationError):
        reference_date = TypeAdapter(IsoDate).validate_python(data.get("reference_date"))
    return cross_record_problems(
        PartialRecords(
            reference_date=reference_date,
            policy=policy,
            known=known,
            unsure=frozenset(unsure),
            **lists,
        )
    )


def validate_scenario(data: Any) -> Scenario:
    """``data`` validated as a :class:`Scenario` (what the tabular readers are given)."""
    return validated(Scenario, data)
