"""Text for a terminal: control characters from the data are shown, never obeyed.

A scenario is data from elsewhere; a name holding an ANSI escape sequence
(``\\x1b[2J``) or a right-to-left override would clear or rewrite the user's
terminal if printed raw. :func:`clean` replaces every C0 and C1 control
character except newline and tab, DEL, the bidirectional overrides and lone
surrogates by a visible escape (``\\x1b``, ``\\u202e``).
"""

from __future__ import annotations

import sys
from typing import TextIO


def _escape(code: int) -> str:
    return f"\\x{code:02x}" if code < 0x100 else f"\\u{code:04x}"


_CONTROLS = [*range(0x09), *range(0x0B, 0x20), *range(0x7F, 0xA0)]
_BIDI = [0x061C, 0x200E, 0x200F, *range(0x202A, 0x202F), *range(0x2066, 0x206A)]
_SURROGATES = range(0xD800, 0xE000)
_TABLE = {code: _escape(code) for code in (*_CONTROLS, *_BIDI, *_SURROGATES)}


def clean(text: str) -> str:
    """``text`` with every character that could steer a terminal shown as an escape."""
    return text.translate(_TABLE)


def say(text: str, *, file: TextIO | None = None) -> None:
    """Print one message (cleaned) and a newline to ``file`` (standard output by default)."""
    print(clean(text), file=sys.stdout if file is None else file)
