"""A sweep's worker process: ``python -m penempatan.studies._worker``.

It reads one pickled ``(scenario texts, hint text, solve keyword arguments)``
from standard input, solves the scenarios in order
(:func:`penempatan.studies._sweep.solve_run_json`), and writes the pickled list
of plan texts to standard output. Being a module of its own, started as a fresh
interpreter, it never runs the caller's script again, so a script that calls
:func:`penempatan.sweep` needs no ``if __name__ == "__main__":`` guard.
"""

from __future__ import annotations

import pickle
import sys


def main() -> None:
    from penempatan.studies._sweep import solve_run_json

    texts, hint_text, solve_kwargs = pickle.load(sys.stdin.buffer)
    plans = solve_run_json(texts, hint_text, solve_kwargs)
    pickle.dump(plans, sys.stdout.buffer)
    sys.stdout.buffer.flush()


if __name__ == "__main__":
    main()
