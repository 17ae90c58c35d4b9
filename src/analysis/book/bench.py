"""``make bench``: time what matters for the book on this machine and print one table.

- clean build: an empty build folder, every notebook executed, HTML written;
- no-change rebuild: the same command again;
- notebooks alone: every chapter executed with nbclient, no Sphinx;
- validation: ``python -m analysis validate``;
- largest built page (HTML, excluding the shared static JavaScript).
"""

from __future__ import annotations

import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from analysis.data import REPO_ROOT
from analysis.book.notebooks import chapter_notebooks, execute, read_myst_notebook

BIN = Path(sys.executable).parent


def _timed(command: list[str], **kwargs) -> float:
    started = time.perf_counter()
    subprocess.run(command, check=True, cwd=REPO_ROOT, stdout=subprocess.DEVNULL, **kwargs)
    return time.perf_counter() - started


def execute_notebooks() -> float:
    started = time.perf_counter()
    for path in chapter_notebooks():
        execute(read_myst_notebook(path), path)
    return time.perf_counter() - started


def largest_page(html: Path) -> tuple[str, int]:
    pages = [(p, p.stat().st_size) for p in html.rglob("*.html") if "_static" not in p.parts]
    path, size = max(pages, key=lambda item: item[1])
    return str(path.relative_to(html)), size


def main() -> int:
    out = Path(tempfile.mkdtemp(prefix="bench-", dir=REPO_ROOT / "_build" if (REPO_ROOT / "_build").is_dir() else None))
    build = [str(BIN / "jupyter-book"), "build", "-W", "-n", "--keep-going", "--path-output", str(out), "."]
    try:
        validation = _timed([sys.executable, "-m", "analysis", "validate"])
        clean = _timed(build)
        rebuild = _timed(build)
        notebooks = execute_notebooks()
        page, size = largest_page(out / "_build" / "html")
    finally:
        shutil.rmtree(out, ignore_errors=True)
    rows = [
        ("clean build (s)", f"{clean:.1f}"),
        ("no-change rebuild (s)", f"{rebuild:.1f}"),
        ("notebooks executed alone (s)", f"{notebooks:.1f}"),
        ("clean build / notebooks alone", f"{clean / notebooks:.2f}" if notebooks else "n/a"),
        ("data validation (s)", f"{validation:.2f}"),
        ("largest page", f"{page} ({size / 1024:.0f} KiB)"),
    ]
    width = max(len(r[0]) for r in rows)
    for label, value in rows:
        print(f"{label:<{width}}  {value}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
