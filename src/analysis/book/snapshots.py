"""Record the expected output of every chapter's ``headline`` cells (``make snapshots``).

The notebook tests compare these outputs, so a changed number in ``data/`` fails until the
snapshot is re-recorded on purpose and the diff reviewed in the commit.
"""

from __future__ import annotations

import json
import sys
from pathlib import Path

from analysis.book.notebooks import SNAPSHOTS, chapter_notebooks, execute, headline_cells, read_myst_notebook, snapshot_path


def headline_outputs(path: Path) -> dict[str, list[dict]]:
    notebook = execute(read_myst_notebook(path), path)
    recorded: dict[str, list[dict]] = {}
    for number, cell in enumerate(headline_cells(notebook)):
        recorded[str(number)] = [
            {k: v for k, v in output.items() if k in ("output_type", "name", "text", "data")} for output in cell.outputs
        ]
    return recorded


def main(argv: list[str] | None = None) -> int:
    names = set(argv if argv is not None else sys.argv[1:])
    SNAPSHOTS.mkdir(parents=True, exist_ok=True)
    for path in chapter_notebooks():
        if names and path.stem not in names:
            continue
        outputs = headline_outputs(path)
        target = snapshot_path(path)
        if outputs:
            target.write_text(json.dumps(outputs, indent=1, ensure_ascii=False, sort_keys=True) + "\n", encoding="utf-8")
            print(f"recorded {len(outputs)} headline cell(s) of {path.name}")
        elif target.exists():
            target.unlink()
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
