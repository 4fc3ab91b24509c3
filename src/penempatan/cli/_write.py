"""Writing the command line's output: a plan or report file, or standard output.

The contract (the README states it for users):

* A **regular file or a new path** is replaced atomically: the text goes to a
  temporary file in the same folder, which is then renamed over the path, so
  a reader sees the old file or the new one, never half of one. An existing
  file keeps its permission bits; a new one gets those the umask gives.
* A **symbolic link** is followed to its final target, and the target is
  replaced; the link itself stays. A link that loops is refused.
* A file that holds a **scenario** (JSON, or a scenario workbook) is never an
  output: :func:`check_output` refuses it before any work.
* **Anything else** that exists (a device, a FIFO, a socket, and every path
  under ``/dev`` or ``/proc`` such as ``/dev/stdout``) is written through: it
  is opened and written like standard output, never replaced.
* A regular file with **more than one hard link** is written in place too (so
  every name of it sees the new text; a rename would leave the other names on
  the old file). That write is not atomic.
* The replaced file keeps its owner and group where the process may set them
  (as root); otherwise the new file is the writer's, as any new file is.
* The temporary name is short and fixed in length (``.penempatan-PID-XXXXXXXX.tmp``),
  so a target whose name is as long as the file system allows still works.
  A run killed before its rename leaves such a file; the next run that writes
  in that folder removes those of processes no longer alive.

Every failure is an :class:`OutputError` with one line naming the path.
"""

from __future__ import annotations

import contextlib
import os
import re
import secrets
import stat
import zipfile
from pathlib import Path

from penempatan._errors import PenempatanError
from penempatan.i18n import Lang, message, os_reason

TEMP_PREFIX = ".penempatan-"
TEMP_SUFFIX = ".tmp"
_TEMP_NAME = re.compile(r"\.penempatan-([0-9]{1,10})-[0-9a-f]{8}\.tmp")
#: Where paths are devices or views of open files (``/dev/stdout``, ``/proc/self/fd/1``).
_SPECIAL_ROOTS = ("/dev/", "/proc/")


class OutputError(PenempatanError):
    """The output could not be written; the message names the path and why.

    ``str()`` is English; :meth:`text` words it in the reader's language. ``reason``
    is a catalogue id (``os.<errno>`` for the system's refusals) with its values.
    """

    def __init__(self, path: Path, key: str, /, **values: object) -> None:
        self.path, self.key, self.values = path, key, values
        super().__init__(self.text("en"))

    def text(self, lang: Lang) -> str:
        """The one line, in ``lang``: ``PATH: why``."""
        if self.key in ("cli.over_input", "cli.over_scenario"):
            return f"{self.path}: {message(self.key, lang)}"
        return message("cli.cannot_write", lang, path=self.path, reason=self._reason(lang))

    def _reason(self, lang: Lang) -> str:
        if self.key == "os":
            number = self.values.get("errno")
            strerror = self.values.get("strerror")
            return os_reason(
                number if isinstance(number, int) else None,
                strerror if isinstance(strerror, str) else None,
                lang,
            )
        return message(self.key, lang, **self.values)


def _refused(path: Path, exc: OSError) -> OutputError:
    """The error of a write the system refused (its ``errno``)."""
    return OutputError(path, "os", errno=exc.errno, strerror=exc.strerror)


def check_output(path: Path, *inputs: Path) -> None:
    """Refuse, before any work, an output that is an input file (by any name: a link or
    a hard link to it), a scenario file (a user's data, not an output), a folder, a
    looping link, or in a folder that does not exist."""
    target = Path(os.path.realpath(path))
    if target in {Path(os.path.realpath(p)) for p in inputs} or _same_file(path, inputs):
        raise OutputError(path, "cli.over_input")
    try:
        st = os.stat(path)
    except FileNotFoundError:
        st = None
    except OSError as exc:
        raise _refused(path, exc) from None
    if st is not None and stat.S_ISDIR(st.st_mode):
        raise OutputError(path, "cli.output_folder", path=path)
    if st is None and not target.parent.is_dir():
        raise OutputError(path, "cli.output_no_folder", folder=target.parent)
    if st is not None and stat.S_ISREG(st.st_mode) and holds_a_scenario(path):
        raise OutputError(path, "cli.over_scenario")


def holds_a_scenario(path: Path) -> bool:
    """Whether the file is a scenario (JSON of penempatan/scenario@1, or a scenario
    workbook): a user's data, which no output may replace. Read only as far as needed."""
    try:
        with open(path, "rb") as f:
            head = f.read(1 << 20)
        if head.startswith(b"PK"):  # a zip: an .xlsx, whose sheet list names its tables
            with zipfile.ZipFile(path) as book:
                sheets = book.read("xl/workbook.xml")
            return b'name="Kandidat"' in sheets and b'name="Koperasi"' in sheets
    except (OSError, zipfile.BadZipFile, KeyError):
        return False
    return b'"penempatan/scenario@1"' in head


def _same_file(path: Path, inputs: tuple[Path, ...]) -> bool:
    """Whether ``path`` is one of ``inputs`` under another name (a hard link to it)."""
    for p in inputs:
        with contextlib.suppress(OSError):
            if os.path.samefile(path, p):
                return True
    return False


def write_output(path: Path, text: str) -> None:
    """Write ``text`` (UTF-8, ``\\n`` line ends) to ``path`` as the module contract says."""
    write_output_bytes(path, text.encode("utf-8"))


def write_output_bytes(path: Path, data: bytes) -> None:
    """Write ``data`` (a workbook, say) to ``path`` as the module contract says."""
    try:
        st = os.stat(path)
    except FileNotFoundError:
        st = None
    except OSError as exc:
        raise _refused(path, exc) from None
    if st is not None and stat.S_ISDIR(st.st_mode):
        raise OutputError(path, "cli.output_folder", path=path)
    target = Path(os.path.realpath(path))
    special = str(target).startswith(_SPECIAL_ROOTS) or str(path).startswith(_SPECIAL_ROOTS)
    if special or (st is not None and (not stat.S_ISREG(st.st_mode) or st.st_nlink > 1)):
        _write_through(path, data)
        return
    if not target.parent.is_dir():
        raise OutputError(path, "cli.output_no_folder", folder=target.parent)
    remove_stale_temporaries(target.parent)
    _replace(target, data, st, shown=path)


def _write_through(path: Path, data: bytes) -> None:
    """Open ``path`` for writing (no create-and-rename) and write all of ``data``."""
    try:
        fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o666)
    except OSError as exc:
        raise _refused(path, exc) from None
    try:
        _write_all(fd, data)
    except OSError as exc:
        raise _refused(path, exc) from None
    finally:
        os.close(fd)


def _replace(target: Path, data: bytes, old: os.stat_result | None, *, shown: Path) -> None:
    """Write ``data`` to a temporary file beside ``target``, then rename it over ``target``."""
    tmp = target.parent / f"{TEMP_PREFIX}{os.getpid()}-{secrets.token_hex(4)}{TEMP_SUFFIX}"
    try:
        # 0o666 minus the umask, as for any new file; an existing file's bits are kept.
        fd = os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o666)
    except OSError as exc:
        raise _refused(shown, exc) from None
    try:
        try:
            _write_all(fd, data)
            if old is not None:
                os.fchmod(fd, stat.S_IMODE(old.st_mode))
                if (old.st_uid, old.st_gid) != (os.geteuid(), os.getegid()):
                    with contextlib.suppress(OSError):
                        os.fchown(fd, old.st_uid, old.st_gid)
            os.fsync(fd)
        finally:
            os.close(fd)
        os.replace(tmp, target)
    except OSError as exc:
        tmp.unlink(missing_ok=True)
        raise _refused(shown, exc) from None
    except BaseException:
        tmp.unlink(missing_ok=True)
        raise


def _write_all(fd: int, data: bytes) -> None:
    view = memoryview(data)
    while view:
        n = os.write(fd, view)
        view = view[n:]


def remove_stale_temporaries(folder: Path) -> list[Path]:
    """Remove this module's temporary files in ``folder`` whose writing process is gone.

    Only names of exactly our pattern are touched, and only when the process id
    in the name no longer runs (a run killed before its rename); returns them.
    """
    removed: list[Path] = []
    try:
        names = os.listdir(folder)
    except OSError:
        return removed
    for name in names:
        m = _TEMP_NAME.fullmatch(name)
        if m is None or _alive(int(m.group(1))):
            continue
        p = folder / name
        try:
            if stat.S_ISREG(os.lstat(p).st_mode):
                p.unlink()
                removed.append(p)
        except OSError:
            pass
    return removed


def _alive(pid: int) -> bool:
    if pid == os.getpid():
        return True
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except (PermissionError, OverflowError):
        return True  # alive under another user (or not a pid we can judge): leave it
    return True
