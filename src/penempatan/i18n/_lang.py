"""Which language a message is shown in: the one asked for, else ``PENEMPATAN_LANG``, else id."""

from __future__ import annotations

import os
from typing import Literal, cast

Lang = Literal["id", "en"]

#: The environment variable that chooses the language when none is given.
ENV_VAR = "PENEMPATAN_LANG"


def resolve_lang(lang: str | None = None) -> Lang:
    """``lang`` when given, else ``$PENEMPATAN_LANG``, else ``"id"`` (Bahasa Indonesia).

    An explicit ``lang`` other than ``"id"`` or ``"en"`` is a ``ValueError``; an
    unknown value of the variable is ignored (``"id"``), so a stray setting
    never stops a program. ``en_US.UTF-8``-style values count by their first two letters.
    """
    if lang is not None:
        if lang not in ("id", "en"):
            raise ValueError(f"lang must be 'id' or 'en', not {lang!r}")
        return cast(Lang, lang)
    env = os.environ.get(ENV_VAR, "").strip().lower()[:2]
    return cast(Lang, env) if env in ("id", "en") else "id"
