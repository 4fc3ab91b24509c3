"""Every sentence and label penempatan shows people, in Bahasa Indonesia and English.

The base of the house: any layer may show a message, and this package imports
nothing of penempatan's. :mod:`._messages` holds the catalogue.
"""

from penempatan.i18n._error_messages import os_reason
from penempatan.i18n._lang import ENV_VAR, resolve_lang
from penempatan.i18n._messages import (
    CODE_MEANINGS,
    LANGS,
    MESSAGES,
    Lang,
    message,
    number,
    percent,
    placeholders,
    reason_text,
)
from penempatan.i18n._office import OFFICE_MESSAGES

MESSAGES.update(OFFICE_MESSAGES)

__all__ = [
    "CODE_MEANINGS",
    "ENV_VAR",
    "LANGS",
    "MESSAGES",
    "Lang",
    "message",
    "number",
    "os_reason",
    "percent",
    "placeholders",
    "reason_text",
    "resolve_lang",
]
