"""Every message id the code asks for exists in the catalogue (in both languages)."""

from __future__ import annotations

import re
from pathlib import Path

import penempatan as pn
from penempatan.i18n import LANGS, MESSAGES

SRC = Path(pn.__file__).parent

#: Calls that take a literal message id: message("x.y", ...), and the CLI's t("x.y") / _t("x.y").
_CALLS = re.compile(r"""\b(?:message|_?t)\(\s*f?["']([a-z][a-z0-9_.{}]*)["']""")


def test_every_literal_message_id_in_the_source_exists() -> None:
    """A message id written in src names a catalogue entry; f-string ids match some entry."""
    seen = 0
    for path in SRC.rglob("*.py"):
        for key in _CALLS.findall(path.read_text(encoding="utf-8")):
            seen += 1
            if "{" in key:  # an id built at run time: some entry has its fixed prefix
                prefix = key.split("{")[0]
                assert any(k.startswith(prefix) for k in MESSAGES), (path.name, key)
            else:
                assert key in MESSAGES, (path.name, key)
                assert set(MESSAGES[key]) == set(LANGS), key
    assert seen > 100  # the scan finds the calls, so the check above checks something


def test_every_cli_command_and_progress_stage_is_worded() -> None:
    """Each command's help and each stage a solve reports has its sentence."""
    from penempatan._progress import STAGES
    from penempatan.cli import _main

    sub = next(a for a in _main._parser("id")._actions if a.dest == "command")
    for name in sub.choices:  # type: ignore[union-attr]
        assert f"cli.{name}" in MESSAGES, name
    for stage in STAGES:
        assert f"progress.stage.{stage}" in MESSAGES, stage
