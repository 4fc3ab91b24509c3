"""Output files and streams: the writer's contract, on links and FIFOs in a temporary folder."""

from __future__ import annotations

import json
import os
import stat
import subprocess
import sys
import threading
from pathlib import Path

import pytest

import penempatan as pn
from penempatan.cli import _main as _cli
from penempatan.cli import _write
from penempatan.cli._terminal import clean
from tests.factory import EXAMPLES, tiny_scenario_data

EXAMPLE = EXAMPLES / "pekalongan.json"


@pytest.fixture
def scenario_file(tmp_path: Path) -> Path:
    """The tiny valid scenario as a file."""
    path = tmp_path / "scenario.json"
    path.write_text(json.dumps(tiny_scenario_data()), encoding="utf-8")
    return path


def test_a_new_file_gets_the_umask_permissions(tmp_path: Path) -> None:
    """A new output file has 0666 minus the umask, not 0600."""
    old = os.umask(0o022)
    try:
        _write.write_output(tmp_path / "plan.json", "x\n")
    finally:
        os.umask(old)
    assert stat.S_IMODE((tmp_path / "plan.json").stat().st_mode) == 0o644


def test_an_existing_file_keeps_its_mode(tmp_path: Path) -> None:
    """Replacing a file keeps its permission bits."""
    path = tmp_path / "plan.json"
    path.write_text("old\n")
    path.chmod(0o640)
    _write.write_output(path, "new\n")
    assert path.read_text() == "new\n"
    assert stat.S_IMODE(path.stat().st_mode) == 0o640


def test_a_symlink_is_followed_and_kept(tmp_path: Path) -> None:
    """Writing through a link replaces its target; the link stays a link to it."""
    target = tmp_path / "real.json"
    target.write_text("old\n")
    link = tmp_path / "link.json"
    link.symlink_to(target)
    _write.write_output(link, "new\n")
    assert link.is_symlink() and os.readlink(link) == str(target)
    assert target.read_text() == "new\n"


def test_a_symlink_chain_to_a_new_path_creates_the_target(tmp_path: Path) -> None:
    """A link to a path that does not exist yet makes the file there; the link stays."""
    link = tmp_path / "link.json"
    link.symlink_to(tmp_path / "new.json")
    _write.write_output(link, "x\n")
    assert link.is_symlink() and (tmp_path / "new.json").read_text() == "x\n"


def test_a_symlink_loop_is_refused_with_a_message(
    tmp_path: Path, scenario_file: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """-o naming a link that loops exits 2 with one line, before solving, and writes nothing."""
    a, b = tmp_path / "a.json", tmp_path / "b.json"
    a.symlink_to(b)
    b.symlink_to(a)
    with pytest.raises(_write.OutputError, match="loops"):
        _write.write_output(a, "x")
    code = _cli.main(["solve", str(scenario_file), "-o", str(a), "-q"])
    _, err = capsys.readouterr()
    assert code == 2
    assert "loops" in err and "Traceback" not in err
    assert a.is_symlink() and b.is_symlink()


def _read_fifo(path: Path, into: list[bytes]) -> threading.Thread:
    def reader() -> None:
        with open(path, "rb") as fh:
            into.append(fh.read())

    t = threading.Thread(target=reader)
    t.start()
    return t


def test_a_fifo_is_written_through_not_replaced(
    tmp_path: Path, scenario_file: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """solve -o FIFO writes the plan into the FIFO, which stays a FIFO."""
    fifo = tmp_path / "plan.fifo"
    os.mkfifo(fifo)
    got: list[bytes] = []
    reader = _read_fifo(fifo, got)
    code = _cli.main(["solve", str(scenario_file), "-o", str(fifo), "-q"])
    reader.join(timeout=60)
    capsys.readouterr()
    assert code == 0
    assert stat.S_ISFIFO(fifo.lstat().st_mode)
    assert json.loads(got[0])["format"] == "penempatan/plan@1"


def test_a_link_to_a_fifo_is_written_through(tmp_path: Path) -> None:
    """A link to a FIFO (as /dev/stdout is a link to the stream) writes into the FIFO."""
    fifo = tmp_path / "out.fifo"
    os.mkfifo(fifo)
    link = tmp_path / "stdout"
    link.symlink_to(fifo)
    got: list[bytes] = []
    reader = _read_fifo(fifo, got)
    _write.write_output(link, "through\n")
    reader.join(timeout=60)
    assert got == [b"through\n"]
    assert link.is_symlink() and stat.S_ISFIFO(fifo.lstat().st_mode)


def test_a_name_as_long_as_the_file_system_allows_works(tmp_path: Path) -> None:
    """A 250-character file name is written (the temporary name does not overflow it)."""
    path = tmp_path / ("p" * 245 + ".json")
    _write.write_output(path, "x\n")
    assert path.read_text() == "x\n"
    assert [p.name for p in tmp_path.iterdir()] == [path.name]


def test_stale_temporaries_of_dead_runs_are_removed_and_others_kept(tmp_path: Path) -> None:
    """A temporary left by a killed run (its process gone) is removed by the next write;
    one of a live process, and any file not of our naming, are left alone."""
    dead = subprocess.run(
        [sys.executable, "-c", "import os; print(os.getpid())"],
        check=True,
        capture_output=True,
        text=True,
    )
    dead_pid = int(dead.stdout)
    stale = tmp_path / f".penempatan-{dead_pid}-0123abcd.tmp"
    live = tmp_path / f".penempatan-{os.getpid()}-0123abcd.tmp"
    other = tmp_path / ".penempatan-notes.tmp"
    for p in (stale, live, other):
        p.write_text("partial")
    _write.write_output(tmp_path / "plan.json", "x\n")
    assert not stale.exists()
    assert live.exists() and other.exists()


def test_a_write_error_removes_the_temporary_and_keeps_the_old_file(tmp_path: Path) -> None:
    """When the rename fails (the target became a folder), no temporary is left behind."""
    path = tmp_path / "plan.json"
    path.mkdir()
    with pytest.raises(_write.OutputError, match="folder"):
        _write.write_output(path, "x")
    assert [p.name for p in tmp_path.iterdir()] == ["plan.json"]


def test_a_closed_pipe_on_stdout_is_one_line_and_exit_2(tmp_path: Path) -> None:
    """solve to a pipe whose reader has gone: one line on stderr, exit 2, no traceback."""
    p = subprocess.Popen(
        [sys.executable, "-m", "penempatan", "solve", str(EXAMPLE), "-q"],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
    )
    assert p.stdout is not None and p.stderr is not None
    p.stdout.close()  # the plan (over 64 KB) cannot all fit in the pipe
    err = p.stderr.read().decode()
    p.stderr.close()
    assert p.wait() == 2
    assert "Traceback" not in err
    assert err.strip().startswith("penempatan: cannot write")
    assert len(err.strip().splitlines()) == 1


def test_ctrl_c_is_one_line_and_exit_130(
    scenario_file: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    """An interrupt during the solve ends with one line and exit 130, no traceback."""

    def interrupted(*args: object, **kwargs: object) -> None:
        raise KeyboardInterrupt

    monkeypatch.setattr(_cli, "solve", interrupted)
    code = _cli.main(["solve", str(scenario_file)])
    _, err = capsys.readouterr()
    assert code == 130
    assert err.strip() == "penempatan: interrupted; nothing was written"


def test_control_characters_never_reach_the_terminal(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """An ANSI escape in the scenario's name is shown as text in every message."""
    data = tiny_scenario_data()
    data["name"] = "tiny\x1b[2J\x9b31m\u202e"
    path = tmp_path / "s.json"
    path.write_text(json.dumps(data))
    for argv in (["solve", str(path), "-o", str(tmp_path / "p.json")], ["validate", str(path)]):
        assert _cli.main(argv) == 0
        out, err = capsys.readouterr()
        for text in (out, err):
            assert "\x1b" not in text and "\x9b" not in text and "\u202e" not in text
    assert clean("a\x1b[0m\tb\nc") == "a\\x1b[0m\tb\nc"


def test_sweep_works_from_a_script_without_a_main_guard(tmp_path: Path) -> None:
    """The README's sweep, copied into a script with no __main__ guard, runs in 2 processes."""
    script = tmp_path / "sweep_script.py"
    script.write_text(
        "import penempatan as pn\n"
        f"scenario = pn.load_scenario({str(EXAMPLE)!r})\n"
        "table = pn.sweep(scenario, 'floor_share', [1.0, 0.9], processes=2)\n"
        "print([row.coverage for row in table.rows])\n"
    )
    done = subprocess.run(
        [sys.executable, str(script)], capture_output=True, text=True, cwd=tmp_path, check=False
    )
    assert done.returncode == 0, done.stderr
    inline = pn.sweep(pn.load_scenario(EXAMPLE), "floor_share", [1.0, 0.9], processes=1)
    assert done.stdout.strip() == str([row.coverage for row in inline.rows])


def test_a_file_with_two_hard_links_is_written_in_place(tmp_path: Path) -> None:
    """Both names of a hard-linked file see the new text (a rename would split them)."""
    a = tmp_path / "a.json"
    a.write_text("old\n")
    b = tmp_path / "b.json"
    os.link(a, b)
    _write.write_output(a, "new\n")
    assert b.read_text() == "new\n"
    assert a.stat().st_ino == b.stat().st_ino


@pytest.mark.parametrize("value", ["inf", "nan", "0", "-1"])
def test_a_time_limit_must_be_positive_and_finite(
    scenario_file: Path, capsys: pytest.CaptureFixture[str], value: str
) -> None:
    """--time-limit inf or nan is a usage error (exit 2), never an error from the solver."""
    code = _cli.main(["solve", str(scenario_file), "--time-limit", value])
    _, err = capsys.readouterr()
    assert code == 2 and "Traceback" not in err
