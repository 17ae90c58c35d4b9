"""Record the expected output of every chapter's ``headline`` cells (``make snapshots``).

The notebook tests compare these outputs, so a changed number in ``data/`` fails until the
snapshot is re-recorded on purpose and the diff reviewed in the commit.
"""

from __future__ import annotations

import json
import sys
from pathlib import Path

from analysis.data import REPO_ROOT

CHAPTERS = REPO_ROOT / "chapters"
SNAPSHOTS = REPO_ROOT / "tests" / "snapshots"


def chapter_notebooks() -> list[Path]:
    return sorted(p for p in CHAPTERS.glob("*.md") if p.read_text(encoding="utf-8")[:400].count("kernelspec"))


def headline_outputs(path: Path) -> dict[str, list[dict]]:
    import jupytext
    from nbclient import NotebookClient

    notebook = jupytext.read(path, fmt="md:myst")
    NotebookClient(notebook, timeout=600, kernel_name="python3", resources={"metadata": {"path": str(path.parent)}}).execute()
    recorded: dict[str, list[dict]] = {}
    headline = [c for c in notebook.cells if c.cell_type == "code" and "headline" in c.metadata.get("tags", [])]
    for number, cell in enumerate(headline):
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
        target = SNAPSHOTS / f"{path.stem}.json"
        if outputs:
            target.write_text(json.dumps(outputs, indent=1, ensure_ascii=False, sort_keys=True) + "\n", encoding="utf-8")
            print(f"recorded {len(outputs)} headline cell(s) of {path.name}")
        elif target.exists():
            target.unlink()
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
