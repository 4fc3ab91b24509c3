"""Problems in a scenario: pydantic's errors as :class:`~penempatan._errors.Problem` values
naming the field, and any problem as a sentence in the reader's language."""

from __future__ import annotations

from typing import Any

from penempatan._errors import Problem, ScenarioError
from penempatan.i18n import MESSAGES, Lang, message
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
}
#: The NIP's own checks (:class:`penempatan.scenario._nip.NipError`), by code.
NIP_CODES = frozenset({"length", "birth_date", "contract", "month", "sex", "sequence"})
#: The codes of pydantic's problems that are worded in every language.
CODES = frozenset(code for code, _ in _CODES.values()) | {f"nip.{c}" for c in NIP_CODES}


def _coded(e: Any, ctx: dict[str, Any]) -> tuple[str, dict[str, Any]]:
    """The language-neutral code of a pydantic error and its values ("" when it has none)."""
    if e["type"] == "nip" and ctx.get("code") in NIP_CODES:
        return f"nip.{ctx['code']}", dict(ctx.get("values") or {})
    coded = _CODES.get(e["type"])
    if coded is None:
        return "", {}
    code, keys = coded
    return code, {k: ctx[k] for k in keys if k in ctx}


def problem_text(problem: Problem, lang: Lang, source: Any = None) -> str:
    """``path (who): sentence`` in ``lang``.

    ``source`` (the scenario, or its raw JSON data) names the person, OPD or
    cooperative of the path; the sentence comes from ``problem.<code>`` of the
    message catalogue, else the problem's English message. A suggested value
    (``values["suggestion"]``) is added as "did you mean ...?".
    """
    key = f"problem.{problem.code}"
    if problem.code and key in MESSAGES:
        text = message(key, lang, **problem.values)
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
    return f"{with_identity(problem.path, source)}: {text}"


def scenario_error_text(error: ScenarioError, lang: Lang, source: Any = None) -> str:
    """A :class:`ScenarioError` as the command line prints it, in ``lang``, one problem a line."""
    if type(error).heading != ScenarioError.heading:  # a subclass words its own heading
        head = str(error).splitlines()[0]
    else:
        head = message("problem.heading", lang, count=len(error.problems))
    return "\n".join([head, *(f"  {problem_text(p, lang, source)}" for p in error.problems)])


def _message(e: Any) -> str:
    msg = str(e["msg"])
    if e["type"] == "extra_forbidden":
        return "unknown field (not part of penempatan/scenario@1)"
    if e["type"] == "literal_error" and e["loc"] == ("format",):
        return f'expected "{SCENARIO_FORMAT}", got {e.get("input")!r}'
    return msg
