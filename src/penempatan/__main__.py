"""``python -m penempatan``: the command line."""

from penempatan.cli._main import run

run()
