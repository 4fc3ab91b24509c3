"""The command-line tests read English messages, except those of test_cli_lang.py.

The Indonesian default (and the switch to English) is what test_cli_lang.py checks;
it removes the variable again for its own tests.
"""

from __future__ import annotations

import pytest


@pytest.fixture(autouse=True)
def _english(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("PENEMPATAN_LANG", "en")
