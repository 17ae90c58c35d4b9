"""``make site``: every released version side by side, plus the working tree, with a switcher.

Layout of ``_build/site``: one folder per released version (``0.1.0/``…, built in a temporary
worktree from the commit that recorded ``releases/<version>/schemas.json`` (``make release``), with
that version's own code and data; no tag is needed, though releases are also tagged), ``dev/`` for the
working tree, ``latest/`` as a copy of the newest release, and ``index.html`` redirecting to
``latest/``. Each page carries a version switcher that links the same page in every version.
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

from analysis.data import REPO_ROOT
from analysis.book.release import released_versions
from analysis.book.sphinx_ext import SITE_VERSIONS_ENV

SITE = REPO_ROOT / "_build" / "site"
SWITCHER = Path(__file__).parent / "static" / "version-switcher.js"
JUPYTER_BOOK = Path(sys.executable).parent / "jupyter-book"


def release_commit(version: str) -> str:
    """The commit that recorded the release: the one that added its schemas file."""
    out = subprocess.run(["git", "log", "--diff-filter=A", "--format=%H", "--", f"releases/{version}/schemas.json"],
                         cwd=REPO_ROOT, capture_output=True, text=True, check=True).stdout.split()
    if not out:
        raise RuntimeError(f"releases/{version}/schemas.json is not committed: commit the release first")
    return out[-1]


def build(source: Path, destination: Path, versions_json: str) -> None:
    with tempfile.TemporaryDirectory(prefix="site-build-") as work:
        env = {**os.environ, SITE_VERSIONS_ENV: versions_json, "PYTHONPATH": str(source / "src")}
        env.pop("AMLO_DATA_PACKAGE", None)
        subprocess.run([str(JUPYTER_BOOK), "build", "-W", "-n", "--keep-going", "--path-output", work, str(source)], env=env, check=True)
        shutil.rmtree(destination, ignore_errors=True)
        shutil.copytree(Path(work) / "_build" / "html", destination)
    # The switcher is site infrastructure, not book content: every version gets the current one,
    # so old releases list the versions published after them.
    shutil.copyfile(SWITCHER, destination / "_static" / "version-switcher.js")


def main() -> int:
    releases = released_versions()
    names = releases + ["dev"] + (["latest"] if releases else [])
    staging = SITE.with_name("site.new")
    shutil.rmtree(staging, ignore_errors=True)
    staging.mkdir(parents=True)
    for version in releases + ["dev"]:
        listing = json.dumps({"current": version, "versions": [{"name": n, "path": n} for n in names]})
        if version == "dev":
            build(REPO_ROOT, staging / "dev", listing)
            continue
        with tempfile.TemporaryDirectory(prefix=f"worktree-{version}-") as tree:
            subprocess.run(["git", "worktree", "add", "--detach", tree, release_commit(version)], cwd=REPO_ROOT, check=True, capture_output=True)
            try:
                build(Path(tree), staging / version, listing)
            finally:
                subprocess.run(["git", "worktree", "remove", "--force", tree], cwd=REPO_ROOT, check=False, capture_output=True)
    if releases:
        newest = releases[-1]
        shutil.copytree(staging / newest, staging / "latest")
        (staging / "latest/_static/versions.json").write_text(
            json.dumps({"current": "latest", "versions": [{"name": n, "path": n} for n in names]}), encoding="utf-8")
    start = "latest" if releases else "dev"
    (staging / "index.html").write_text(f'<!DOCTYPE html><meta charset="utf-8"><meta http-equiv="refresh" content="0; url={start}/index.html"><a href="{start}/index.html">{start}</a>\n', encoding="utf-8")
    shutil.rmtree(SITE, ignore_errors=True)
    staging.rename(SITE)
    print(f"site with versions {', '.join(names)} in {SITE}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
