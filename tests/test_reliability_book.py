"""`make book` publishes atomically, one build at a time, and two builds give the same bytes.

- publish: the new site replaces ``_build/html`` in one exchange; a kill at any point leaves a
  whole book (the old or the new); unchanged files are hard links to the published copies, never
  to the build's own files (which Sphinx rewrites in place), and a rewritten file is always copied;
- lock: a second ``make book`` in the same clone says so and waits for the first;
- determinism: a clean build of this commit is byte-identical, file for file, to the published book
  (``make test`` runs ``make book`` first), Sphinx executes nothing (every chapter comes from the
  execution cache), and the downloadable ``_sources/**/*.ipynb`` carry fixed cell ids.
"""

from __future__ import annotations

import os
import re
import signal
import subprocess
import sys
import textwrap
import time
from pathlib import Path

import pytest

from analysis.book import build, sphinx_ext
from analysis.data import atomic
from test_reliability_data import DIE_AROUND_EXCHANGE

ROOT = Path(__file__).resolve().parents[1]
HTML = ROOT / "_build" / "html"
CACHE = ROOT / "_build" / "work" / "_build" / ".jupyter_cache"


def tree(folder: Path) -> dict[str, bytes]:
    return {p.relative_to(folder).as_posix(): p.read_bytes() for p in sorted(folder.rglob("*")) if p.is_file()}


@pytest.fixture()
def site(tmp_path):
    built = tmp_path / "work" / "html"
    for name in ("index.html", "a/page.html", "_static/big.js"):
        (built / name).parent.mkdir(parents=True, exist_ok=True)
        (built / name).write_text(f"first {name}\n", encoding="utf-8")
    return built, tmp_path / "html"


def test_publish_replaces_the_site_and_never_shares_files_with_the_build(site):
    built, published = site
    build.publish(built, published)
    assert tree(published) == tree(built)
    first_inode = (published / "_static/big.js").stat().st_ino
    (built / "a/page.html").write_text("second page\n", encoding="utf-8")
    (built / "new.html").write_text("new\n", encoding="utf-8")
    counts = build.publish(built, published)
    assert tree(published) == tree(built)
    assert counts == {"linked": 2, "copied": 2}
    assert (published / "_static/big.js").stat().st_ino == first_inode, "an unchanged file was copied again"
    for name in tree(built):
        assert (published / name).stat().st_ino != (built / name).stat().st_ino, f"{name} shares its inode with the build"
    assert not list(published.parent.glob(".html.new"))


def test_publish_copies_a_file_rewritten_with_the_same_size_and_mtime(site):
    built, published = site
    build.publish(built, published)
    page = built / "index.html"
    stat = page.stat()
    time.sleep(0.01)
    page.write_text("FIRST index.html\n", encoding="utf-8")  # same size
    os.utime(page, ns=(stat.st_atime_ns, stat.st_mtime_ns))  # and the old mtime
    build.publish(built, published)
    assert (published / "index.html").read_text(encoding="utf-8") == "FIRST index.html\n"


KILLER = textwrap.dedent("""
    import shutil, sys
    from pathlib import Path
    from analysis.book import build

    built, published, point = Path(sys.argv[1]), Path(sys.argv[2]), sys.argv[3]
""") + DIE_AROUND_EXCHANGE + textwrap.dedent("""
    real_copy = shutil.copy2
    copies = []

    def copy(a, b):
        copies.append(a)
        if point == "mid-copy" and len(copies) == 2:
            die()
        return real_copy(a, b)

    build.shutil.copy2 = copy
    build.publish(built, published)
""")


@pytest.mark.parametrize("point", ["mid-copy", "before-swap", "after-swap"])
def test_a_kill_while_publishing_leaves_a_whole_book(site, point):
    built, published = site
    build.publish(built, published)
    old = tree(published)
    for name in ("index.html", "a/page.html", "_static/big.js"):
        (built / name).write_text(f"second {name}\n", encoding="utf-8")
    result = subprocess.run([sys.executable, "-c", KILLER, str(built), str(published), point], capture_output=True, text=True, timeout=120)
    assert result.returncode == -signal.SIGKILL, result.stderr[-2000:]
    assert tree(published) == (tree(built) if point == "after-swap" else old)
    build.publish(built, published)  # the next publish clears what the killed one left
    assert tree(published) == tree(built)
    assert sorted(p.name for p in published.parent.iterdir()) == [".html.manifest.json", "html", "work"]


def _book_is_current() -> None:
    stamp = HTML.with_name(".html.inputs.sha256")
    if not stamp.is_file() or stamp.read_text().strip() != build.build_fingerprint(ROOT):
        pytest.fail("_build/html is not the book of this working tree: run `make book` first (make test does)")
    if (CACHE / build.STAMP).read_text().strip() != build.inputs_fingerprint(ROOT):
        pytest.fail("the execution cache is stale: run `make book` first (make test does)")


@pytest.mark.slow
def test_a_second_make_book_waits_for_the_first(tmp_path):
    _book_is_current()
    with atomic.exclusive(ROOT / "_build" / ".book.lock", "the test's stand-in for a first build"):
        second = subprocess.Popen(["make", "-s", "book"], cwd=ROOT, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
        deadline = time.time() + 60
        message = ""
        while time.time() < deadline and "waiting:" not in message:
            message += second.stderr.readline()
        assert "waiting: a book build" in message and "already running in this clone" in message, message
        time.sleep(1)
        assert second.poll() is None, "the second build did not wait for the lock"
    out, err = second.communicate(timeout=600)
    assert second.returncode == 0, err[-2000:]
    assert "Book up to date" in out


@pytest.mark.slow
def test_a_clean_build_gives_the_published_book_byte_for_byte(tmp_path):
    _book_is_current()
    env = {**os.environ, build.CACHE_ENV: str(CACHE)}
    command = [str(Path(sys.executable).parent / "jupyter-book"), "build", *build.JB_FLAGS, "--path-output", str(tmp_path), str(ROOT)]
    result = subprocess.run(command, cwd=ROOT, env=env, capture_output=True, text=True, timeout=900)
    assert result.returncode == 0, result.stdout[-3000:] + result.stderr[-3000:]
    chapters = [p for p in (ROOT / "chapters").glob("*.md") if "kernelspec" in p.read_text(encoding="utf-8")[:400]]
    assert "Executing notebook" not in result.stdout, "Sphinx executed a chapter: the cache key of the pre-execution differs"
    assert result.stdout.count("Using cached notebook") == len(chapters)
    clean = tmp_path / "_build" / "html"
    # make test prints the PDF into the published book and links it from the introduction: the
    # only difference from a clean build allowed, and only where make pdf leaves it.
    from analysis.book.layout import PDF_NAME, PDF_SLOT

    ours, theirs = tree(HTML), tree(clean)
    if PDF_NAME in ours:
        del ours[PDF_NAME]
        ours["chapters/intro.html"] = re.sub(rb'<p class="amlo-pdf-download">.*?</p>', PDF_SLOT.encode(),
                                             ours["chapters/intro.html"], count=1, flags=re.S)
    differing = sorted(name for name in set(ours) | set(theirs) if ours.get(name) != theirs.get(name))
    assert not differing, f"files that differ between the published book and a clean build: {differing[:20]}"
    import nbformat

    for notebook in (clean / "_sources").rglob("*.ipynb"):
        assert '"id": "cell-0"' in notebook.read_text(encoding="utf-8"), notebook
        cells = nbformat.read(notebook, as_version=4).cells
        assert any(c.get("outputs") for c in cells if c.cell_type == "code"), f"{notebook}: the download has no outputs"


def _static_config(source: Path) -> dict:
    from jupyter_book.config import get_final_config

    config, _ = get_final_config(user_yaml=source / "_config.yml", sourcedir=source, cli_config={"latex_individualpages": False})
    return {key: sphinx_ext.unique_static_files(config.get(key, [])) for key in ("html_js_files", "html_css_files")}


def test_the_first_build_of_a_clone_and_later_builds_list_the_same_static_files(tmp_path):
    # A fresh clone has no _static/vega/ until its first build writes the bundle there; Jupyter Book
    # then lists the bundle a second time, which changed .buildinfo between the first build and
    # every later one (CI's clean-build test caught it).
    source = tmp_path / "book"
    (source / "_static").mkdir(parents=True)
    for name in ("_config.yml", "_toc.yml", "_static/amlo.css"):
        (source / name).write_bytes((ROOT / name).read_bytes())
    first = _static_config(source)
    (source / "_static" / "vega").mkdir()
    (source / "_static" / "vega" / "vega-bundle.js").write_text("// bundle\n", encoding="utf-8")
    assert _static_config(source) == first
    assert [entry for entry in first["html_js_files"] if "vega-bundle" in str(entry)] == ["vega/vega-bundle.js"]


def test_unique_static_files_keeps_the_first_of_each_file_in_order():
    files = ["vega/vega-bundle.js", ("a.js", {"defer": "defer"}), "vega/vega-bundle.js", ("a.js", {}), "b.js"]
    assert sphinx_ext.unique_static_files(files) == ["vega/vega-bundle.js", ("a.js", {"defer": "defer"}), "b.js"]


def test_search_terms_that_point_at_no_page_are_dropped():
    index = {"terms": {"mexico": [0, 1], "gone": [], "once": 2, "nothing": {}},
             "titleterms": {"trade": 1, "old": []}, "docnames": ["a", "b"]}
    assert sphinx_ext.drop_stale_search_terms(index) == 3
    assert index == {"terms": {"mexico": [0, 1], "once": 2}, "titleterms": {"trade": 1}, "docnames": ["a", "b"]}
    assert sphinx_ext.drop_stale_search_terms(index) == 0
