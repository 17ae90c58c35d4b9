"""Pytest plugins for the whole repository.

- nbval collects only ``.ipynb``; the chapters are MyST Markdown notebooks. ``MystNotebook``
  reads them with jupytext inside nbval's own collector, so every code cell runs as an nbval test.
- Cells tagged ``headline`` print a chapter's key figures. Their expected output is stored in
  ``tests/snapshots/<page>.json`` (``make snapshots``) and injected before nbval compares, so a
  changed number in data/ fails the chapter's test.
- Chapters are run under nbval only when named on the command line (``pytest chapters/trade.md``
  or ``pytest chapters``). A plain ``pytest`` (``make test``) compares the headline outputs of the
  notebooks the gated ``make book`` executed instead (``tests/test_notebooks.py``), rather than
  executing every chapter a second time.
- ``--raw PATH`` gives the folder of publishers' raw files for the re-derivation test.
"""

from __future__ import annotations

import json
from pathlib import Path
from unittest import mock


from analysis.book.notebooks import headline_cells, is_myst_notebook, read_myst_notebook, snapshot_path


def pytest_addoption(parser):
    parser.addoption("--raw", action="store", default=None, help="folder of raw source files; re-derive data/ and compare")


def _named_on_command_line(config, file_path: Path) -> bool:
    if config.args_source != config.ArgsSource.ARGS:
        return False
    root = Path(config.invocation_params.dir)
    for arg in config.args:
        named = (root / arg.split("::")[0]).resolve()
        if file_path.resolve() == named or named in file_path.resolve().parents:
            return True
    return False


def pytest_collect_file(file_path, parent):
    if "chapters" in Path(file_path).parts and is_myst_notebook(Path(file_path)) and _named_on_command_line(parent.config, Path(file_path)):
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
