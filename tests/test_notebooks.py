"""docs/explore.ipynb runs from top to bottom, offline, and shows what it says."""

from pathlib import Path

import pytest

nbformat = pytest.importorskip("nbformat", reason="nbclient is not installed (the test extra)")
nbclient = pytest.importorskip("nbclient", reason="nbclient is not installed (the test extra)")

DOCS = Path(__file__).resolve().parent.parent / "docs"
# Run first, in the kernel: any connection but to this machine (the kernel's own) fails, so
# the notebook is shown to need no network.
OFFLINE = """
import socket
_connect = socket.socket.connect
def _local_only(self, address):
    if isinstance(address, tuple) and address[0] not in ("127.0.0.1", "::1", "localhost"):
        raise OSError(f"the notebook tried the network: {address}")
    return _connect(self, address)
socket.socket.connect = _local_only
"""


@pytest.fixture(scope="module")
def executed():
    notebook = nbformat.read(DOCS / "explore.ipynb", as_version=4)
    notebook.cells.insert(0, nbformat.v4.new_code_cell(OFFLINE))
    nbclient.NotebookClient(notebook, timeout=600, kernel_name="python3",
                            resources={"metadata": {"path": str(DOCS)}}).execute()
    return notebook.cells[1:]


def outputs(cell) -> str:
    """What a cell showed: its text, and the HTML of what it displayed."""
    shown = []
    for output in cell.get("outputs", []):
        shown.append(output.get("text", ""))
        shown.extend(output.get("data", {}).get(kind, "") for kind in ("text/plain", "text/html"))
    return "".join(shown)


def code(executed, source: str):
    return next(cell for cell in executed if cell.cell_type == "code" and source in cell.source)


def test_every_map_cell_shows_a_map(executed):
    maps = [cell for cell in executed if cell.cell_type == "code" and "atlas.map(" in cell.source
            and "try:" not in cell.source]
    assert len(maps) == 5
    assert all("raPlaceLayer" in outputs(cell) for cell in maps)


def test_the_column_map_shows_its_legend(executed):
    assert "ra-column-legend" in outputs(code(executed, 'column="status"'))


def test_the_wrong_column_says_which_there_are(executed):
    shown = outputs(code(executed, 'column="stauts"'))
    assert "the layers have no column 'stauts'" in shown and "status" in shown


def test_the_offline_guard_refuses_the_network():
    # the guard above must be able to fail: a connection elsewhere is refused before it is made
    notebook = nbformat.v4.new_notebook(cells=[
        nbformat.v4.new_code_cell(OFFLINE),
        nbformat.v4.new_code_cell("import socket\nsocket.create_connection(('192.0.2.1', 80))")])
    with pytest.raises(nbclient.exceptions.CellExecutionError, match="tried the network"):
        nbclient.NotebookClient(notebook, timeout=60, kernel_name="python3").execute()
