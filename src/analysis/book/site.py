"""``make site``: every released version side by side, plus the working tree, with a switcher.

Layout of ``_build/site``: one folder per released version (``0.1.0/``…, built in a temporary
worktree from the commit that recorded ``releases/<version>/schemas.json`` (``make release``), with
that version's own code and data; no tag is needed, though releases are also tagged), ``dev/`` for the
working tree, ``latest/`` as a copy of the newest release, and ``index.html`` redirecting to
``latest/``. Each page carries a version switcher that links the same page in every version.

A release's pages depend only on its commit and the toolchain, so each is built once and kept in
``_build/site-cache/<version>-<commit>-<toolchain>/`` (``AMLO_SITE_CACHE`` moves it); the site
links the cached files in (hard links; the two files that differ per site, ``versions.json`` and
the switcher, are replaced, never written through a link). The working tree is built
incrementally in ``_build/site-work/dev`` from the execution cache of ``make book`` (under its lock),
so ``make site`` after ``make book`` executes no chapter again and costs the same whatever the
number of releases.
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
SITE_CACHE = Path(os.environ.get("AMLO_SITE_CACHE") or REPO_ROOT / "_build" / "site-cache")
DEV_WORK = REPO_ROOT / "_build" / "site-work" / "dev"
SWITCHER = Path(__file__).parent / "static" / "version-switcher.js"
JUPYTER_BOOK = Path(sys.executable).parent / "jupyter-book"


def release_commit(version: str) -> str:
    """The commit that recorded the release: the one that added its schemas file."""
    out = subprocess.run(["git", "log", "--diff-filter=A", "--format=%H", "--", f"releases/{version}/schemas.json"],
                         cwd=REPO_ROOT, capture_output=True, text=True, check=True).stdout.split()
    if not out:
        raise RuntimeError(f"releases/{version}/schemas.json is not committed: commit the release first")
    return out[-1]


def _replace(target: Path, text: str | None = None, source: Path | None = None) -> None:
    """Write a file without writing through a hard link into the release cache."""
    target.unlink(missing_ok=True)
    if source is not None:
        shutil.copyfile(source, target)
    else:
        target.write_text(text or "", encoding="utf-8")


def _jupyter_book(source: Path, work: Path, versions_json: str, extra_env: dict | None = None) -> Path:
    env = {**os.environ, SITE_VERSIONS_ENV: versions_json, "PYTHONPATH": str(source / "src"), **(extra_env or {})}
    env.pop("AMLO_DATA_PACKAGE", None)
    subprocess.run([str(JUPYTER_BOOK), "build", "-W", "-n", "--keep-going", "--path-output", str(work), str(source)], env=env, check=True)
    return work / "_build" / "html"


def install(html: Path, destination: Path, versions_json: str, *, link: bool) -> None:
    """Put a built site into the site being assembled (hard links for a cached release, whose files
    never change; a copy of the dev build, which the next build rewrites in place), with the
    current version list and switcher. The switcher is site infrastructure, not book content:
    every version gets the current one, so old releases list the versions published after them."""
    shutil.rmtree(destination, ignore_errors=True)
    shutil.copytree(html, destination, copy_function=os.link if link else shutil.copy2)
    _replace(destination / "_static" / "versions.json", versions_json)
    _replace(destination / "_static" / "version-switcher.js", source=SWITCHER)


def release_site(version: str, versions_json: str) -> Path:
    """The built pages of a release, from the cache or built once from its commit."""
    from analysis.book.build import environment_fingerprint

    commit = release_commit(version)
    cached = SITE_CACHE / f"{version}-{commit[:12]}-{environment_fingerprint()[:12]}"
    if (cached / "index.html").is_file():
        print(f"release {version}: cached build of {commit[:12]}")
        return cached
    SITE_CACHE.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory(prefix=f"worktree-{version}-") as tree, tempfile.TemporaryDirectory(prefix="site-build-", dir=SITE_CACHE) as work:
        subprocess.run(["git", "worktree", "add", "--detach", tree, commit], cwd=REPO_ROOT, check=True, capture_output=True)
        try:
            html = _jupyter_book(Path(tree), Path(work), versions_json)
        finally:
            subprocess.run(["git", "worktree", "remove", "--force", tree], cwd=REPO_ROOT, check=False, capture_output=True)
        try:
            html.rename(cached)
        except OSError:
            if not (cached / "index.html").is_file():
                raise
            print(f"release {version}: another build cached {commit[:12]} meanwhile; using it")  # a second make site at once
    return cached


def dev_site(versions_json: str) -> Path:
    """The working tree's pages, built incrementally, reusing the execution cache of make book."""
    from analysis.book.build import CACHE_ENV
    from analysis.data.atomic import exclusive

    cache = REPO_ROOT / "_build" / "work" / "_build" / ".jupyter_cache"
    with exclusive(REPO_ROOT / "_build" / ".book.lock", f"a book build of {REPO_ROOT}"):
        return _jupyter_book(REPO_ROOT, DEV_WORK, versions_json, {CACHE_ENV: str(cache)})


def version_names(releases: list[str]) -> list[str]:
    """The switcher's entries: the releases oldest first, the working tree, then ``latest``."""
    return releases + ["dev"] + (["latest"] if releases else [])


def main(argv: list[str] | None = None) -> int:
    import argparse

    parser = argparse.ArgumentParser(prog="python -m analysis.book.site", description=__doc__.splitlines()[0])
    parser.add_argument("--releases", nargs="+", metavar="VERSION",
                        help="build only these releases (default: every release in releases/); the switcher lists what is built")
    parser.add_argument("--out", type=Path, default=SITE, help=f"where the site goes (default: {SITE})")
    args = parser.parse_args(argv)
    known = released_versions()
    unknown = sorted(set(args.releases or []) - set(known))
    if unknown:
        parser.error(f"no such release: {', '.join(unknown)} (releases/ has {', '.join(known) or 'none'})")
    releases = [v for v in known if args.releases is None or v in args.releases]
    site = args.out.resolve()
    names = version_names(releases)
    staging = site.with_name(site.name + ".new")
    shutil.rmtree(staging, ignore_errors=True)
    staging.mkdir(parents=True)
    for version in releases + ["dev"]:
        listing = json.dumps({"current": version, "versions": [{"name": n, "path": n} for n in names]})
        if version == "dev":
            install(dev_site(listing), staging / version, listing, link=False)
        else:
            install(release_site(version, listing), staging / version, listing, link=True)
    if releases:
        newest = releases[-1]
        shutil.copytree(staging / newest, staging / "latest", copy_function=os.link)
        _replace(staging / "latest/_static/versions.json", json.dumps({"current": "latest", "versions": [{"name": n, "path": n} for n in names]}))
    start = "latest" if releases else "dev"
    (staging / "index.html").write_text(f'<!DOCTYPE html><meta charset="utf-8"><meta http-equiv="refresh" content="0; url={start}/index.html"><a href="{start}/index.html">{start}</a>\n', encoding="utf-8")
    from analysis.data.atomic import swap_folders

    swap_folders(staging, site)
    shutil.rmtree(staging, ignore_errors=True)
    print(f"site with versions {', '.join(names)} in {site}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
