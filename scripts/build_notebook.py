"""Rebuild what is committed with its outputs: the example notebook and the docs' pictures.

Run from anywhere, with the test extra installed (nbclient, matplotlib, pandas)::

    python scripts/build_notebook.py

It executes ``examples/worked_example.ipynb`` in place (outputs written into the file, as
Jupyter would save them) and redraws ``docs/_static/timeline.png`` and ``coverage.png``
from the worked example. The test suite checks that the committed outputs are current.
"""

from __future__ import annotations

from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
EXAMPLES = ROOT / "examples"
NOTEBOOK = EXAMPLES / "worked_example.ipynb"
STATIC = ROOT / "docs" / "_static"


def execute(path: Path) -> object:
    """The notebook at ``path``, executed in its own folder (not written back)."""
    import nbclient
    import nbformat

    notebook = nbformat.read(path, as_version=4)  # type: ignore[no-untyped-call]
    client = nbclient.NotebookClient(
        notebook,
        timeout=600,
        kernel_name="python3",
        resources={"metadata": {"path": str(path.parent)}},
    )
    client.execute()
    for number, cell in enumerate(notebook.cells):
        cell.setdefault("id", f"cell-{number}")  # stable ids, as nbformat 5.1+ wants
    return notebook


def main() -> None:
    """Execute the notebook in place and redraw the pictures."""
    import nbformat

    import osintreport as osr
    from osintreport.plot import coverage_chart, timeline

    notebook = execute(NOTEBOOK)
    nbformat.write(notebook, NOTEBOOK)  # type: ignore[no-untyped-call]
    print(f"{NOTEBOOK.relative_to(ROOT)}: executed, outputs saved")
    report = osr.load(EXAMPLES / "isw-2023-08-03-syria-coordination.yaml")
    for name, draw in (("timeline.png", timeline), ("coverage.png", coverage_chart)):
        draw(report).savefig(STATIC / name, dpi=100)
        print(f"docs/_static/{name}: redrawn")


if __name__ == "__main__":
    main()
