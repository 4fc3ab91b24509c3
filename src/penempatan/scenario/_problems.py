"""Problems in a scenario: pydantic's errors as :class:`~penempatan._errors.Problem` values
naming the field, and any problem as a sentence in the reader's language."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any

from penempatan._errors import PlanFormatError, Problem, ScenarioError
from penempatan.i18n import MESSAGES, Lang, message, os_reason
from penempatan.scenario._identity import with_identity
from penempatan.scenario._records import SCENARIO_FORMAT


def json_path(loc: tuple[int | str, ...]) -> str:
    """Render a pydantic error location as ``candidates[17].nip``."""
    text = ""
    for part in loc:
        if isinstance(part, int):
            text += f"[{part}]"
        else:
            text += f".{part}" if text else str(part)
    return text


def problems_from(error: Any) -> list[Problem]:
    problems: list[Problem] = []
    for e in error.errors(include_url=False):
        ctx = e.get("ctx") or {}
        if e["type"] == "scenario_records" and "problems" in ctx:
            problems.extend(ctx["problems"])
            continue
        code, values = _coded(e, ctx)
        problems.append(Problem(json_path(tuple(e["loc"])), _message(e), code, values))
    return problems


#: pydantic error types with a sentence of their own in every language, and the
#: context values it uses; the others keep pydantic's English message.
_CODES: dict[str, tuple[str, tuple[str, ...]]] = {
    "missing": ("missing", ()),
    "extra_forbidden": ("unknown_field", ()),
    "string_type": ("not_text", ()),
    "int_type": ("not_whole_number", ()),
    "int_parsing": ("not_whole_number", ()),
    "bool_type": ("not_yes_no", ()),
    "bool_parsing": ("not_yes_no", ()),
    "greater_than_equal": ("too_small", ("ge",)),
    "less_than_equal": ("too_large", ("le",)),
    "string_too_short": ("too_short", ("min_length",)),
    "literal_error": ("not_one_of", ("expected",)),
    "int_from_float": ("not_whole_number", ()),
    "float_type": ("not_number", ()),
    "float_parsing": ("not_number", ()),
    "finite_number": ("not_finite", ()),
    "greater_than": ("above", ("gt",)),
    "less_than": ("below", ("lt",)),
    "string_too_long": ("too_long", ("max_length",)),
    "too_long": ("too_long", ("max_length",)),
    "too_short": ("too_few", ("min_length",)),
    "list_type": ("not_list", ()),
    "tuple_type": ("not_list", ()),
    "set_type": ("not_list", ()),
    "frozen_set_type": ("not_list", ()),
    "dict_type": ("not_object", ()),
    "model_type": ("not_object", ()),
    "model_attributes_type": ("not_object", ()),
}
#: The NIP's own checks (:class:`penempatan.scenario._nip.NipError`), by code.
NIP_CODES = frozenset({"length", "birth_date", "contract", "month", "sex", "sequence"})
#: The codes of pydantic's problems that are worded in every language.
CODES = frozenset(code for code, _ in _CODES.values()) | {f"nip.{c}" for c in NIP_CODES}


def _coded(e: Any, ctx: dict[str, Any]) -> tuple[str, dict[str, Any]]:
    """The language-neutral code of a pydantic error and its values ("" when it has none)."""
    if e["type"] == "nip" and ctx.get("code") in NIP_CODES:
        return f"nip.{ctx['code']}", dict(ctx.get("values") or {})
    if e["type"] == "iso_date":  # the scenario's own date check (scenario._records)
        return ("bad_date", {"value": ctx["value"]}) if "value" in ctx else ("not_date", {})
    if e["type"] == "literal_error" and e["loc"] == ("format",):
        expected = str(ctx.get("expected", "")).strip("'")
        return "wrong_format", {"expected": expected, "value": e.get("input")}
    coded = _CODES.get(e["type"])
    if coded is None:
        return "", {}
    code, keys = coded
    return code, {k: ctx[k] for k in keys if k in ctx}


def problem_text(problem: Problem, lang: Lang, source: Any = None) -> str:
    """``path (who): sentence`` in ``lang``.

    ``source`` (the scenario, or its raw JSON data) names the person, OPD or
    cooperative of the path (else ``values["who"]``, as a workbook's problems keep
    it); the sentence comes from ``problem.<code>`` of the message catalogue, else
    the problem's English message. A suggested value
    (``values["suggestion"]``) is added as "did you mean ...?". Values that are
    words themselves are worded in ``lang`` too: an operating system's reason
    (``errno``), a JSON parser's detail (``json.*``), the kind of a JSON value
    (``kind``), the "or" of a list of choices.
    """
    key = f"problem.{problem.code}"
    if problem.code and key in MESSAGES:
        text = message(key, lang, **_worded(problem.values, lang))
        if "suggestion" in problem.values and not problem.code.startswith("near_miss."):
            text += "; " + message(
                "problem.did_you_mean", lang, suggestion=problem.values["suggestion"]
            )
    else:
        text = problem.message
    if problem.severity == "warning":
        text = f"{message('problem.warning', lang)}: {text}"
    if not problem.path:
        return text
    where = with_identity(_where(problem, lang), source)
    who = problem.values.get("who")
    if where == problem.path and isinstance(who, str) and who:  # a cell of a workbook, say
        where = f"{where} ({who})"
    return f"{where}: {text}"


def _worded(values: Mapping[str, Any], lang: Lang) -> dict[str, Any]:
    """``values`` with those that are words put in ``lang``."""
    out = dict(values)
    if "errno" in out:
        out["reason"] = os_reason(out["errno"], out.get("strerror"), lang)
    detail = out.get("detail")
    if isinstance(detail, str) and detail in MESSAGES:
        out["detail"] = message(detail, lang)
    kind = out.get("kind")
    if isinstance(kind, str) and f"kind.{kind}" in MESSAGES:
        out["kind"] = message(f"kind.{kind}", lang)
    expected = out.get("expected")
    if isinstance(expected, str) and " or " in expected:  # pydantic's "'a', 'b' or 'c'"
        head, _, last = expected.rpartition(" or ")
        out["expected"] = f"{head} {message('problem.or', lang)} {last}"
    return out


def _where(problem: Problem, lang: Lang) -> str:
    """The problem's path, a place in JSON text (``line 2 column 1``) worded in ``lang``."""
    v = problem.values
    if "line" not in v or "column" not in v:
        return problem.path
    english = message("problem.json_at", "en", line=v["line"], column=v["column"])
    if not problem.path.endswith(english):
        return problem.path
    head = problem.path[: len(problem.path) - len(english)]
    return head + message("problem.json_at", lang, line=v["line"], column=v["column"])


#: The heading of each kind of error of problems, by its English heading.
_HEADINGS = {
    "invalid scenario": "problem.heading",
    "invalid placements": "problem.placements_heading",
    "invalid plan": "problem.plan_heading",
}


def heading_text(heading: str, count: int, lang: Lang) -> str:
    """``invalid plan: 3 problems`` (by the English ``heading``), in ``lang``."""
    key = _HEADINGS[heading]
    return message(f"{key}.one" if count == 1 else key, lang, count=count)


def problems_text(heading: str, problems: Sequence[Problem], lang: Lang, source: Any = None) -> str:
    """A heading (``invalid plan``, say) with the count, then one problem a line, in ``lang``."""
    head = heading_text(heading, len(problems), lang)
    return "\n".join([head, *(f"  {problem_text(p, lang, source)}" for p in problems)])


def scenario_error_text(error: ScenarioError, lang: Lang, source: Any = None) -> str:
    """A :class:`ScenarioError` (or :class:`PlacementError`) as the command line prints it,
    in ``lang``, one problem a line."""
    return problems_text(type(error).heading, error.problems, lang, source)


def plan_error_text(error: PlanFormatError, lang: Lang) -> str:
    """A :class:`PlanFormatError` as the command line prints it, in ``lang``."""
    return problems_text("invalid plan", error.problems, lang)


def _message(e: Any) -> str:
    msg = str(e["msg"])
    if e["type"] == "extra_forbidden":
        return "unknown field (not part of penempatan/scenario@1)"
    if e["type"] == "literal_error" and e["loc"] == ("format",):
        return f'expected "{SCENARIO_FORMAT}", got {e.get("input")!r}'
    return msg
