"""The checked argument types of the command line, their refusals in the reader's language.

One :class:`ArgTypes` is made per call of :func:`penempatan.cli._main.main`
with the language of that call, so nothing of one call's language stays
behind for the next. Each method is an argparse ``type``: it returns the value,
or raises :class:`argparse.ArgumentTypeError` with a sentence of the catalogue.
"""

from __future__ import annotations

import argparse
import re

from penempatan.engine._cpsat import MAX_SEED, MAX_WORKERS
from penempatan.i18n import Lang, message


def encodable(text: str) -> bool:
    """Whether ``text`` is UTF-8 text (no lone surrogate from undecodable bytes)."""
    try:
        text.encode("utf-8")
    except UnicodeEncodeError:
        return False
    return True


class ArgTypes:
    """Argument types whose refusals are worded in ``lang``."""

    def __init__(self, lang: Lang) -> None:
        self.lang: Lang = lang

    def _refuse(self, key: str, **values: object) -> argparse.ArgumentTypeError:
        return argparse.ArgumentTypeError(message(key, self.lang, **values))

    def seconds(self, text: str) -> float:
        """Positive, finite seconds."""
        try:
            value = float(text)
        except ValueError:
            raise self._refuse("cli.bad.seconds", text=repr(text)) from None
        if not 0 < value < float("inf"):
            raise self._refuse("cli.bad.positive", text=text)
        return value

    def share(self, text: str) -> float:
        """A share within 0 and 1."""
        try:
            value = float(text)
        except ValueError:
            raise self._refuse("cli.bad.number", text=repr(text)) from None
        if not 0.0 <= value <= 1.0:
            raise self._refuse("cli.bad.share", text=text)
        return value

    def _whole(self, text: str, low: int, high: int | None) -> int:
        try:
            value = int(text)
        except ValueError:
            raise self._refuse("cli.bad.whole", text=repr(text)) from None
        if high is None and value < low:
            raise self._refuse("cli.bad.at_least_1", text=text)
        if high is not None and not low <= value <= high:
            raise self._refuse("cli.bad.within", low=low, high=high, text=text)
        return value

    def at_least_1(self, text: str) -> int:
        """A whole number of at least 1."""
        return self._whole(text, 1, None)

    def whole(self, text: str) -> int:
        """Any whole number."""
        try:
            return int(text)
        except ValueError:
            raise self._refuse("cli.bad.whole", text=repr(text)) from None

    def seed(self, text: str) -> int:
        """A random seed CP-SAT accepts (0 to its largest)."""
        return self._whole(text, 0, MAX_SEED)

    def workers(self, text: str) -> int:
        """A number of CP-SAT workers (1 to the largest it accepts)."""
        return self._whole(text, 1, MAX_WORKERS)

    def utf8(self, text: str) -> str:
        """A text argument; bytes that are not UTF-8 (a lone surrogate here) are refused."""
        if not encodable(text):
            raise self._refuse("cli.bad.utf8")
        return text


#: argparse's own error sentences (Python 3.11+), each with the catalogue entry that words
#: it; ``argument X: ...`` is worded around its inner sentence.
_ARGPARSE: tuple[tuple[re.Pattern[str], str], ...] = (
    (re.compile(r"the following arguments are required: (?P<names>.+)"), "argparse.required"),
    (re.compile(r"unrecognized arguments: (?P<names>.+)"), "argparse.unrecognized"),
    (re.compile(r"one of the arguments (?P<names>.+) is required"), "argparse.one_of"),
    (
        re.compile(r"ambiguous option: (?P<option>\S+) could match (?P<names>.+)"),
        "argparse.ambiguous",
    ),
    (
        re.compile(r"invalid choice: (?P<value>.+) \(choose from (?P<names>.+)\)"),
        "argparse.choice",
    ),
    (re.compile(r"expected one argument"), "argparse.one"),
    (re.compile(r"expected at least one argument"), "argparse.at_least_one"),
    (re.compile(r"expected at most one argument"), "argparse.at_most_one"),
    (re.compile(r"ignored explicit argument (?P<value>.+)"), "argparse.ignored"),
    (re.compile(r"not allowed with argument (?P<names>.+)"), "argparse.not_with"),
    (re.compile(r"invalid (?P<kind>\S+) value: (?P<value>.+)"), "argparse.invalid"),
)
_ARGUMENT = re.compile(r"argument (?P<argument>[^:]+): (?P<inner>.+)", re.DOTALL)


def argparse_text(text: str, lang: Lang) -> str:
    """One of argparse's error sentences in ``lang`` (as it is when not known)."""
    m = _ARGUMENT.fullmatch(text)
    if m is not None:
        inner = argparse_text(m["inner"], lang)
        return message("argparse.argument", lang, argument=m["argument"], message=inner)
    for pattern, key in _ARGPARSE:
        found = pattern.fullmatch(text)
        if found is not None:
            return message(key, lang, **found.groupdict())
    return text
