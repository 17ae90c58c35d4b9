"""Reading the chapters (MyST Markdown notebooks) and their ``headline`` cells.

Shared by the nbval plugin (root ``conftest.py``), ``make snapshots`` and ``make bench``.
"""

from __future__ import annotations

from pathlib import Path

from analysis.data import REPO_ROOT

CHAPTERS = REPO_ROOT / "chapters"
SNAPSHOTS = REPO_ROOT / "tests" / "snapshots"
HEADLINE_TAG = "headline"


def is_myst_notebook(path: Path) -> bool:
    """A Markdown page with a jupytext/kernelspec header, i.e. an executable chapter."""
    if path.suffix != ".md":
        return False
    head = path.read_text(encoding="utf-8")[:400]
    return head.startswith("---") and "kernelspec" in head


def chapter_notebooks() -> list[Path]:
    return sorted(p for p in CHAPTERS.glob("*.md") if is_myst_notebook(p))


def read_myst_notebook(path: Path):
    import jupytext

    return jupytext.read(path, fmt="md:myst")


def headline_cells(notebook) -> list:
    return [c for c in notebook.cells if c.cell_type == "code" and HEADLINE_TAG in c.metadata.get("tags", [])]


def snapshot_path(path: Path) -> Path:
    return SNAPSHOTS / f"{path.stem}.json"


def execute(notebook, path: Path):
    """Run a notebook in the chapter's own folder, as the book build and nbval do."""
    from nbclient import NotebookClient

    NotebookClient(notebook, timeout=600, kernel_name="python3", resources={"metadata": {"path": str(path.parent)}}).execute()
    return notebook
