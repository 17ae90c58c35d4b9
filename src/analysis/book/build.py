"""``make book``: validate, execute, build and publish the book, one build at a time per clone.

1. **Lock** ``_build/.book.lock`` (``flock``): a second ``make book`` in the same clone says who
   holds it and waits, so two runs never share ``_build/work`` or publish a mix.
2. **Validate** the data package, skipped when the same bytes already passed
   (:func:`analysis.data.validate.validate_cached`).
3. **Execute** the chapters that the execution cache lacks, two at a time (one per core), in the
   order Sphinx reads them, into myst-nb's jupyter-cache (``execute_notebooks: cache`` in ``_config.yml``). jupyter-cache keys a
   notebook on its code cells only, so the cache is also stamped with :func:`inputs_fingerprint`
   (the data package, the ``analysis`` code, the lock file and Python): any change there empties
   it first (:func:`reset_stale_cache`, also run by the Sphinx extension for a plain
   ``jupyter-book build``), and no stale output is ever served.
4. **Build** with Jupyter Book (``-W -n --keep-going``) into ``_build/work``, started together
   with step 3: Sphinx waits for each chapter's execution (:func:`wait_for_execution`, from the
   Sphinx extension), finds it in the cache and executes nothing, so its own work overlaps the
   executions instead of following them.
5. **Publish** by rename (:func:`publish`): the new site is assembled beside ``_build/html`` (files
   unchanged since the last publish are hard links to the published copies, the rest are copied)
   and swapped in with one atomic exchange. A failed build or a kill leaves the last good book.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import os
import shutil
import subprocess
import sys
import time
from concurrent.futures import ProcessPoolExecutor, as_completed
from pathlib import Path

from analysis.data import REPO_ROOT, package_path

BUILD = REPO_ROOT / "_build"
JB_FLAGS = ["-W", "-n", "--keep-going"]
STAMP = "amlo-inputs.sha256"
CACHE_ENV = "AMLO_EXECUTION_CACHE"  # another build (make site's dev version) may reuse this cache


def inputs_fingerprint(source: Path = REPO_ROOT) -> str:
    """sha256 of everything a chapter's outputs depend on besides its own code cells: every file
    of the data package in use, every module of ``analysis`` (with the steps' ``.meta.yml``) and the toolchain
    (:func:`environment_fingerprint`)."""
    digest = hashlib.sha256()
    data = package_path().parent
    code = source / "src" / "analysis"
    for folder, suffixes in ((data, None), (code, {".py", ".js", ".json", ".yml"})):
        for path in sorted(folder.rglob("*")):
            if path.is_file() and "__pycache__" not in path.parts and (suffixes is None or path.suffix in suffixes):
                digest.update(f"\0{path.relative_to(folder).as_posix()}\0".encode())
                digest.update(hashlib.sha256(path.read_bytes()).digest())
    digest.update(environment_fingerprint().encode())
    return digest.hexdigest()


def reset_stale_cache(cache: Path, fingerprint: str) -> bool:
    """Empty the execution cache unless it was filled from exactly these inputs; True if emptied."""
    stamp = cache / STAMP
    if stamp.is_file() and stamp.read_text(encoding="utf-8").strip() == fingerprint:
        return False
    emptied = cache.exists()
    shutil.rmtree(cache, ignore_errors=True)
    cache.mkdir(parents=True, exist_ok=True)
    stamp.write_text(fingerprint + "\n", encoding="utf-8")
    return emptied


def _book_config(source: Path) -> dict:
    import yaml

    return yaml.safe_load((source / "_config.yml").read_text(encoding="utf-8")) or {}


def _root_doc(source: Path) -> str:
    import yaml

    return yaml.safe_load((source / "_toc.yml").read_text(encoding="utf-8"))["root"]


def read_chapter(path: Path, extensions: list[str] | tuple[str, ...] = ()):
    """A MyST chapter as myst-nb reads it for the build (same cells, metadata, hence cache key)."""
    from myst_nb.core.read import read_myst_markdown_notebook
    from myst_parser.config.main import MdParserConfig

    config = MdParserConfig(enable_extensions=set(extensions))
    return read_myst_markdown_notebook(path.read_text(encoding="utf-8"), config=config, add_source_map=True, path=str(path))


def _execute(path: str, extensions: list[str], timeout: int) -> tuple[str, str, float, str | None]:
    """Run in a worker process: execute one chapter in its own folder, as myst-nb does."""
    import nbformat
    from jupyter_cache.executors.utils import single_nb_execution

    notebook = read_chapter(Path(path), extensions)
    result = single_nb_execution(notebook, cwd=str(Path(path).parent), timeout=timeout, allow_errors=False, meta_override=True)
    error = None
    if result.err is not None:
        error = f"{type(result.err).__name__}: {str(result.err).strip().splitlines()[-1] if str(result.err).strip() else ''}"
        if os.environ.get("AMLO_VERBOSE"):
            error += "\n" + (result.exc_string or "")
    return path, nbformat.writes(notebook), result.time, error


NOT_BOOK_INPUTS = {"tests", ".ci", ".github", "raw"}  # the book never reads these (raw/: rule 2)


def build_fingerprint(source: Path) -> str:
    """sha256 of every input of a build: each file git tracks or would track in ``source`` (the
    chapters, configuration, references, static files, code, data, lock file; not
    :data:`NOT_BOOK_INPUTS`), the data package
    in use if it lives elsewhere, the commit (shown in every page's footer), the environment
    variables the build reads and the installed distributions. Equal fingerprints mean the
    published book is the one this build would produce."""
    digest = hashlib.sha256((inputs_fingerprint(source) + environment_fingerprint()).encode())
    listing = subprocess.run(["git", "ls-files", "-z", "--cached", "--others", "--exclude-standard"], cwd=source,
                             capture_output=True, check=False)
    if listing.returncode == 0:
        files = sorted(set(listing.stdout.decode().split("\0")) - {""})
    else:  # not a git checkout: every file outside the build and virtual environment folders
        files = sorted(p.relative_to(source).as_posix() for p in source.rglob("*")
                       if p.is_file() and not {"_build", ".venv", ".git"} & set(p.relative_to(source).parts))
    for name in files:
        path = source / name
        if name.split("/", 1)[0] not in NOT_BOOK_INPUTS and path.is_file():
            digest.update(f"\0{name}\0".encode())
            digest.update(hashlib.sha256(path.read_bytes()).digest())
    head = subprocess.run(["git", "log", "-1", "--format=%H %cs"], cwd=source, capture_output=True, text=True, check=False)
    digest.update(head.stdout.encode())
    for variable in ("AMLO_DATA_PACKAGE", "AMLO_SITE_VERSIONS", "SOURCE_DATE_EPOCH", CACHE_ENV):
        digest.update(f"\0{variable}={os.environ.get(variable, '')}".encode())
    return digest.hexdigest()


# Test runners change no page: installing or upgrading them keeps the caches.
TEST_ONLY = ("pytest", "nbval", "execnet", "iniconfig", "pluggy", "playwright", "greenlet", "pyee")


def environment_fingerprint() -> str:
    """sha256 of the toolchain: Python and every installed distribution with its version (but the
    test runners, :data:`TEST_ONLY`)."""
    from importlib.metadata import distributions

    names = sorted(f"{d.metadata['Name']}=={d.version}" for d in distributions())
    listing = " ".join(n for n in names if not n.lower().startswith(TEST_ONLY))
    return hashlib.sha256(f"{sys.version}\0{listing}".encode()).hexdigest()


def published_stamp(html: Path) -> Path:
    """Where the fingerprint of the inputs of the published book ``html`` is kept."""
    return html.with_name(f".{html.name}.inputs.sha256")


def stamped_with(html: Path, fingerprint: str) -> bool:
    """The published book ``html`` was built from inputs with this fingerprint."""
    stamp = published_stamp(html)
    return stamp.is_file() and stamp.read_text(encoding="utf-8").strip() == fingerprint


def _published_intact(published: Path) -> bool:
    """The published folder still holds every file of the last publish, at the size published."""
    manifest_file = published.with_name(f".{published.name}.manifest.json")
    if not manifest_file.is_file():
        return False
    for key, signature in json.loads(manifest_file.read_text(encoding="utf-8")).items():
        try:
            if (published / key).stat().st_size != signature[0]:
                return False
        except OSError:
            return False
    return True


def cache_records(cache: Path) -> set[int]:
    """Ids of the cache's records: a record appears whenever a notebook is executed and cached."""
    from jupyter_cache import get_cache

    return {record.pk for record in get_cache(str(cache)).list_cache_records()}


def cached_chapters(cache: Path, chapters: list[Path], extensions) -> dict[Path, int]:
    """The cache record id of each chapter whose current code cells are in the cache."""
    from jupyter_cache import get_cache

    store = get_cache(str(cache))
    found = {}
    for path in chapters:
        try:
            found[path] = store.match_cache_notebook(read_chapter(path, extensions)).pk
        except KeyError:
            pass
    return found


READY_ENV = "AMLO_EXECUTION_READY"  # folder of markers: Sphinx waits for a chapter's marker


def ready_marker(folder: Path, chapter: Path) -> Path:
    return folder / (hashlib.sha256(str(chapter.resolve()).encode()).hexdigest()[:16] + ".done")


def pre_execute(chapters: list[Path], cache: Path, *, extensions, timeout: int, jobs: int, ready: Path | None = None) -> tuple[list[Path], list[str], set[int]]:
    """Execute the chapters missing from the cache, ``jobs`` at a time, in the order Sphinx reads
    them; cache each success, then mark it done in ``ready`` (Sphinx, started at the same time,
    waits for a chapter's marker before reading it). Returns the chapters executed, one line
    per failure and the ids of the cache records written."""
    import nbformat
    from jupyter_cache import get_cache
    from jupyter_cache.base import CacheBundleIn

    cached = cached_chapters(cache, chapters, extensions) if cache_records(cache) else {}  # an empty cache needs no look-up
    missing = sorted((p for p in chapters if p not in cached), key=lambda p: p.name)
    if ready is not None:
        for path in chapters:
            if path not in missing:
                ready_marker(ready, path).touch()
    if not missing:
        return [], [], set()
    store = get_cache(str(cache))
    failures: list[str] = []
    written: set[int] = set()
    print(f"executing {len(missing)} chapter(s), {jobs} at a time: {', '.join(p.stem for p in missing)}", flush=True)
    with ProcessPoolExecutor(max_workers=max(1, min(jobs, len(missing)))) as pool:
        futures = [pool.submit(_execute, str(p), list(extensions), timeout) for p in missing]
        for future in as_completed(futures):
            path, text, seconds, error = future.result()
            if error:
                failures.append(f"{path}: a cell failed: {error}")
            else:
                record = store.cache_notebook_bundle(CacheBundleIn(nbformat.reads(text, as_version=4), path, data={"execution_seconds": seconds}),
                                                     check_validity=False, overwrite=True)
                written.add(record.pk)
                print(f"  executed {Path(path).name} in {seconds:.1f} s", flush=True)
            if ready is not None:  # a failed chapter is marked too: Sphinx then runs it and reports the error
                ready_marker(ready, Path(path)).touch()
    return missing, failures, written


def wait_for_execution(chapter: Path, timeout: float) -> None:
    """In the Sphinx process: wait until ``make book``'s pre-execution has finished ``chapter``
    (a no-op outside ``make book``)."""
    folder = os.environ.get(READY_ENV)
    if not folder or not (Path(folder) / "pending").is_file():
        return
    if str(chapter.resolve()) not in (Path(folder) / "pending").read_text(encoding="utf-8").splitlines():
        return
    marker, deadline = ready_marker(Path(folder), chapter), time.time() + timeout
    while not marker.exists() and time.time() < deadline:
        time.sleep(0.2)


def _signature(stat: os.stat_result) -> list[int]:
    # ctime cannot be set back by a program, so a rewritten file never looks unchanged
    return [stat.st_size, stat.st_mtime_ns, stat.st_ctime_ns, stat.st_ino]


def publish(built: Path, published: Path) -> dict[str, int]:
    """Publish folder ``built`` as ``published`` in one atomic exchange (never a moment without
    a book, never a mix). The new folder is assembled beside ``published``: files unchanged since
    the last publish (same size, mtime, ctime and inode in ``built``) are hard links to the
    published copies, which are never written in place; every other file is copied."""
    from analysis.data.atomic import recover, swap_folders

    recover(published)
    manifest_file = published.with_name(f".{published.name}.manifest.json")
    previous = json.loads(manifest_file.read_text(encoding="utf-8")) if manifest_file.is_file() else {}
    staging = published.with_name(f".{published.name}.new")
    shutil.rmtree(staging, ignore_errors=True)
    manifest: dict[str, list[int]] = {}
    counts = {"linked": 0, "copied": 0}
    for folder, _, files in os.walk(built):
        relative = Path(folder).relative_to(built)
        (staging / relative).mkdir(parents=True, exist_ok=True)
        for name in files:
            source = Path(folder) / name
            key = (relative / name).as_posix()
            signature = _signature(source.stat())
            old = published / relative / name
            if previous.get(key) == signature and old.is_file() and not old.is_symlink() and old.stat().st_size == signature[0]:
                os.link(old, staging / relative / name)
                counts["linked"] += 1
            else:
                shutil.copy2(source, staging / relative / name)
                counts["copied"] += 1
            manifest[key] = signature
    try:
        swap_folders(staging, published)
    finally:
        shutil.rmtree(staging, ignore_errors=True)
    temporary = manifest_file.with_suffix(".tmp")
    temporary.write_text(json.dumps(manifest), encoding="utf-8")
    os.replace(temporary, manifest_file)
    return counts


def forget_chapter(cache: Path, chapter: Path, extensions) -> bool:
    """Drop ``chapter``'s record from the execution cache, so the next build executes it again."""
    from jupyter_cache import get_cache

    if not cache.is_dir():
        return False
    record = cached_chapters(cache, [chapter], extensions).get(chapter)
    if record is None:
        return False
    get_cache(str(cache)).remove_cache(record)
    return True


def build(source: Path = REPO_ROOT, work: Path | None = None, html: Path | None = None, *, jobs: int | None = None,
          chapter: str | None = None) -> int:
    """The whole of ``make book`` for the book in ``source``; returns an exit status. With
    ``chapter`` (``make chapter NAME=trade``), that chapter is executed again and rebuilt within the
    book (citations, glossary and cross-references resolved); the other chapters come from the
    execution cache when their inputs have not changed."""
    from analysis.data.atomic import exclusive
    from analysis.data.validate import validate_cached

    work = work or source / "_build" / "work"
    html = html or source / "_build" / "html"
    jobs = jobs or int(os.environ.get("AMLO_BUILD_JOBS", 0)) or min(2, os.cpu_count() or 1)
    started = time.perf_counter()
    with exclusive(work.parent / ".book.lock", f"a book build of {source}"):
        problems, cached = validate_cached(package_path())
        for line in problems:
            print(line, file=sys.stderr)
        if problems:
            print(f"INVALID: {len(problems)} problem(s) in {package_path()}; the book was not built and {html} is unchanged", file=sys.stderr)
            return 1
        print(f"data valid: {package_path()}{' (unchanged since it last passed)' if cached else ''}", flush=True)
        fingerprint, stamp = build_fingerprint(source), published_stamp(html)
        if chapter is None and stamped_with(html, fingerprint) and _published_intact(html):
            print(f"Book up to date: no input changed since {html} was published ({time.perf_counter() - started:.1f} s)")
            return 0
        stamp.unlink(missing_ok=True)
        from analysis.book.layout import withdraw_pdf

        withdraw_pdf(work / "_build" / "html", _root_doc(source))  # a PDF of other inputs is not published with this book
        config = _book_config(source)
        extensions = config.get("parse", {}).get("myst_enable_extensions", [])
        timeout = int(config.get("execute", {}).get("timeout", 600))
        cache = work / "_build" / ".jupyter_cache"
        from analysis.book.notebooks import is_myst_notebook

        chapters = sorted(p for p in (source / "chapters").glob("*.md") if is_myst_notebook(p))
        if chapter is not None:
            page = source / "chapters" / f"{chapter}.md"
            if page not in chapters:
                print(f"no chapter {chapter!r}: choose one of {', '.join(p.stem for p in chapters)}", file=sys.stderr)
                return 2
            forget_chapter(cache, page, extensions)
            page.touch()  # Sphinx re-reads the page; the rest of the book is rebuilt only where its inputs changed
        command = [str(Path(sys.executable).parent / "jupyter-book"), "build", *JB_FLAGS, "--path-output", str(work), str(source)]
        if config.get("execute", {}).get("execute_notebooks") == "cache":
            if reset_stale_cache(cache, inputs_fingerprint(source)):
                print("data or code changed since the last build: every chapter is executed again", flush=True)
            before = cache_records(cache)
            ready = work / "_build" / ".amlo-execution-ready"
            shutil.rmtree(ready, ignore_errors=True)
            ready.mkdir(parents=True)
            (ready / "pending").write_text("".join(f"{p.resolve()}\n" for p in chapters), encoding="utf-8")
            # Sphinx starts now and reads each chapter as soon as its execution is cached.
            sphinx = subprocess.Popen(command, cwd=source, env={**os.environ, READY_ENV: str(ready)})
            try:
                _, failures, written = pre_execute(chapters, cache, extensions=extensions, timeout=timeout, jobs=jobs, ready=ready)
            except BaseException:
                sphinx.kill()
                raise
            for line in failures:
                print(line, file=sys.stderr)
            status = sphinx.wait()
            shutil.rmtree(ready, ignore_errors=True)
            if status == 0 and cache_records(cache) - before - written:
                print("note: Sphinx executed a chapter itself: the pre-execution's cache key did not match", file=sys.stderr)
        else:
            status = subprocess.run(command, cwd=source).returncode
        if status != 0:
            print(f"FAILED: the book build failed (see above); {html} is unchanged", file=sys.stderr)
            return 1
        counts = publish(work / "_build" / "html", html)
        if build_fingerprint(source) == fingerprint:  # no input changed while building
            stamp.write_text(fingerprint + "\n", encoding="utf-8")
    print(f"Book built: {html / 'index.html'} ({counts['copied']} file(s) copied, {counts['linked']} unchanged; {time.perf_counter() - started:.1f} s)")
    return 0


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m analysis.book.build", description=__doc__.splitlines()[0])
    parser.add_argument("--jobs", type=int, help="chapters executed at once (default: 2, or AMLO_BUILD_JOBS)")
    parser.add_argument("--chapter", help="execute this chapter again (e.g. trade) and rebuild it within the book")
    parser.add_argument("--work", type=Path, help="the build's working folder (default: _build/work)")
    parser.add_argument("--html", type=Path, help="where the book is published (default: _build/html)")
    args = parser.parse_args(argv)
    return build(work=args.work and args.work.resolve(), html=args.html and args.html.resolve(), jobs=args.jobs, chapter=args.chapter)


if __name__ == "__main__":
    raise SystemExit(main())
