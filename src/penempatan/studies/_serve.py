"""A worker process of the local pool: ``python -m penempatan.studies._serve``.

It reads pickled ``(function, arguments)`` tasks from standard input, one at
a time, and writes back ``(True, result)`` or ``(False, exception)``, until
its input closes (see :mod:`penempatan.studies._pool`). Being a module of its
own, started as a fresh interpreter, it never runs the caller's script.
"""

from __future__ import annotations

import sys


def main() -> None:
    from penempatan.studies._pool import receive, send

    stdin, stdout = sys.stdin.buffer, sys.stdout.buffer
    # Anything else printed must not mix with the replies on standard output.
    sys.stdout = sys.stderr
    while True:
        try:
            fn, args = receive(stdin)
        except EOFError:
            return
        try:
            reply = (True, fn(*args))
        except Exception as exc:
            reply = (False, exc)
        send(stdout, reply)


if __name__ == "__main__":
    main()
