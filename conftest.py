"""Pytest plugins for the whole repository.

- nbval collects only ``.ipynb``; the chapters are MyST Markdown notebooks. ``MystNotebook``
  reads them with jupytext inside nbval's own collector, so every code cell runs as an nbval test.
- Cells tagged ``headline`` print a chapter's key figures. Their expected output is stored in
  ``tests/snapshots/<page>.json`` (``make snapshots``) and injected before nbval compares, so a
  changed number in data/ fails the chapter's test.
- ``--raw PATH`` gives the folder of publishers' raw files for the re-derivation test.
"""

from __future__ import annotations

import json
from pathlib import Path
from unittest import mock


from analysis.book.notebooks import headline_cells, is_myst_notebook, read_myst_notebook, snapshot_path


def pytest_addoption(parser):
    parser.addoption("--raw", action="store", default=None, help="folder of raw source files; re-derive data/ and compare")


def pytest_collect_file(file_path, parent):
    if "chapters" in Path(file_path).parts and is_myst_notebook(Path(file_path)):
        from nbval.plugin import IPyNbFile

        class MystNotebook(IPyNbFile):
            def collect(self):
                import nbformat

                notebook = read_myst_notebook(Path(self.fspath))
                stored = json.loads(snapshot_path(Path(self.fspath)).read_text()) if snapshot_path(Path(self.fspath)).is_file() else {}
                for number, cell in enumerate(headline_cells(notebook)):
                    cell.outputs = [nbformat.from_dict(o) for o in stored.get(str(number), [])]
                    cell.execution_count = number + 1  # nbval refuses outputs of "unrun" cells
                with mock.patch("nbformat.read", return_value=notebook):
                    yield from super().collect()

        return MystNotebook.from_parent(parent, path=file_path)
    return None


def pytest_configure(config):
    # Chapters run in the environment pytest runs in, whatever kernels are installed elsewhere.
    if hasattr(config.option, "nbval_current_env"):
        config.option.nbval_current_env = True
        config.option.nbval = True
