"""The what-if notebook runs from top to bottom, so it cannot rot."""

from __future__ import annotations

import pytest

import penempatan as pn
from tests.factory import EXAMPLES

NOTEBOOK = EXAMPLES / "what_if.ipynb"


def test_what_if_notebook_runs(monkeypatch: pytest.MonkeyPatch) -> None:
    """examples/what_if.ipynb executes without error in a fresh kernel and shows its results."""
    nbformat = pytest.importorskip("nbformat")
    nbclient = pytest.importorskip("nbclient")
    pytest.importorskip("ipykernel")
    pytest.importorskip("matplotlib")
    for name in ("compare", "sweep"):
        assert hasattr(pn, name), f"penempatan.{name} must be exported (the notebook uses it)"
    monkeypatch.setenv("JUPYTER_PLATFORM_DIRS", "1")  # silence jupyter_core's path warning

    nb = nbformat.read(NOTEBOOK, as_version=4)
    client = nbclient.NotebookClient(
        nb,
        timeout=120,
        kernel_name="python3",
        resources={"metadata": {"path": str(EXAMPLES)}},
    )
    client.execute()

    text = "\n".join(
        out.get("text", "")
        for cell in nb.cells
        if cell.cell_type == "code"
        for out in cell.get("outputs", [])
    )
    assert "Status rencana OPTIMAL" in text
    assert "moved" in text and "removed" in text
    assert "floor_share" in text
    assert any(
        "image/png" in out.get("data", {})
        for cell in nb.cells
        if cell.cell_type == "code"
        for out in cell.get("outputs", [])
    ), "the sweep plot is drawn"
