"""Two executions of the same commit give identical notebook outputs.

The book build (make book) keeps each executed chapter in _build/work/_build/jupyter_execute/.
Here every chapter is executed again in a fresh kernel (two at a time, read and run as the build
does: ``analysis.book.build``) and every output is compared. Nothing is
ignored except what this list documents:
- ``execution_count`` and output ``metadata`` (kernel bookkeeping, not content);
- myst-nb ``glue`` records (``application/papermill.record/*`` display data): the book build keeps
  them out of the stored notebook once it has glued them into the page; the glued values are
  compared through the headline cell's printed text, which prints the same values.
Figure element ids are derived from the chart spec's hash (analysis.book.charts), so they are stable.
Data outputs are covered by the byte-for-byte re-derivation test (tests/test_etl.py, with --raw).
"""

from __future__ import annotations

from pathlib import Path

import nbformat
import pytest

from analysis.book import build
from analysis.book.notebooks import chapter_notebooks

ROOT = Path(__file__).resolve().parents[1]
EXECUTED = ROOT / "_build" / "work" / "_build" / "jupyter_execute" / "chapters"


def comparable(notebook) -> list:
    cells = []
    for cell in notebook.cells:
        if cell.cell_type != "code":
            continue
        outputs = []
        for output in cell.get("outputs", []):
            data = output.get("data", {})
            if data and all(key.startswith("application/papermill.record/") for key in data):
                continue
            outputs.append({k: v for k, v in output.items() if k not in ("execution_count", "metadata")})
        cells.append((cell.source, outputs))
    return cells


@pytest.fixture(scope="module")
def second_execution() -> dict[str, object]:
    """Every chapter executed again, two at a time (one per core)."""
    from concurrent.futures import ProcessPoolExecutor

    config = build._book_config(ROOT)
    extensions = config.get("parse", {}).get("myst_enable_extensions", [])
    timeout = int(config.get("execute", {}).get("timeout", 600))
    with ProcessPoolExecutor(max_workers=2) as pool:
        futures = [pool.submit(build._execute, str(path), extensions, timeout) for path in chapter_notebooks()]
        results = [future.result() for future in futures]
    executed = {}
    for path, text, _seconds, error in results:
        assert error is None, f"{path}: {error}"
        executed[Path(path).stem] = nbformat.reads(text, as_version=4)
    return executed


@pytest.mark.slow
@pytest.mark.parametrize("path", chapter_notebooks(), ids=lambda p: p.stem)
def test_second_execution_gives_identical_outputs(path, second_execution):
    built = EXECUTED / f"{path.stem}.ipynb"
    if not built.is_file():
        pytest.fail(f"{built} missing: run `make book` first (make test does)")
    first = comparable(nbformat.read(built, as_version=4))
    assert any(outputs for _, outputs in first), f"{built} holds no outputs: the build wrote an unexecuted notebook"
    second = comparable(second_execution[path.stem])
    assert len(first) == len(second)
    for number, (a, b) in enumerate(zip(first, second)):
        assert a[0] == b[0], f"{path.name} cell {number}: source differs from the built one (stale build?)"
        assert a[1] == b[1], f"{path.name} cell {number}: outputs differ between two executions"
