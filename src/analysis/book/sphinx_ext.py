"""Sphinx extension used by the book (listed in _config.yml).

- Writes the pinned vega bundle into the book's ``_static/vega/`` before the build, so charts
  render with no network (no CDN at view time).
- Registers every data file and every module of ``analysis`` as a dependency of every notebook
  page: when only a CSV or the analysis code changes, an incremental build re-executes the
  chapters instead of serving stale outputs.
- Puts the version, build date and commit on every page.
- Execution cache (``execute_notebooks: cache``): empties myst-nb's jupyter-cache when the data or
  the code changed since it was filled (:func:`analysis.book.build.reset_stale_cache`), since
  jupyter-cache keys a notebook on its code cells only.
- Deterministic downloads: the ``_sources/**/*.ipynb`` copies get cell ids numbered in order
  instead of nbformat's random ones, so two builds of one commit are byte-identical.
"""

from __future__ import annotations

import datetime as dt
import os
import subprocess
from pathlib import Path

import analysis
from analysis.book.charts import write_vega_bundle
from analysis.data import REPO_ROOT, package_path


def _watched_files() -> list[str]:
    """The data package in use (AMLO_DATA_PACKAGE or data/) and the analysis code."""
    files: list[str] = []
    for folder in (package_path().parent, REPO_ROOT / "src" / "analysis"):
        for path in sorted(folder.rglob("*")):
            if path.suffix in {".csv", ".json", ".py"} and "__pycache__" not in path.parts:
                files.append(str(path))
    return files


def _commit() -> str:
    try:
        out = subprocess.run(["git", "rev-parse", "--short", "HEAD"], cwd=REPO_ROOT, capture_output=True, text=True, timeout=10)
        return out.stdout.strip() or "unknown"
    except OSError:
        return "unknown"


def _build_date() -> str:
    # SOURCE_DATE_EPOCH makes two builds of one commit identical (reproducible-builds.org convention).
    epoch = os.environ.get("SOURCE_DATE_EPOCH")
    if epoch:
        return dt.datetime.fromtimestamp(int(epoch), tz=dt.timezone.utc).date().isoformat()
    out = subprocess.run(["git", "log", "-1", "--format=%cs"], cwd=REPO_ROOT, capture_output=True, text=True)
    return out.stdout.strip() or dt.date.today().isoformat()


SITE_VERSIONS_ENV = "AMLO_SITE_VERSIONS"  # set by `make site`: JSON {"current": …, "versions": [{name, path}]}


def _execution_cache(app) -> Path | None:
    if app.config.nb_execution_mode != "cache":
        return None
    return Path(app.config.nb_execution_cache_path or Path(app.outdir).parent / ".jupyter_cache").resolve()


def _builder_inited(app) -> None:
    write_vega_bundle(Path(app.srcdir) / "_static" / "vega")
    if app.builder.format == "html":
        # myst-nb copies its stylesheet only when the build finishes, so pages of a clean build
        # link it without the ``?v=<checksum>`` that every later build adds: copied first, every
        # build writes the same pages.
        from myst_nb.sphinx_ext import add_global_html_resources

        (Path(app.outdir) / "_static").mkdir(parents=True, exist_ok=True)
        add_global_html_resources(app, None)
    cache = _execution_cache(app)
    if cache is not None:
        from analysis.book.build import inputs_fingerprint, reset_stale_cache

        reset_stale_cache(cache, inputs_fingerprint())
    if os.environ.get(SITE_VERSIONS_ENV):
        # Kept outside the book's _static/: Jupyter Book includes every .js found there on every page.
        app.config.html_static_path.append(str(Path(__file__).parent / "static"))
        app.add_js_file("version-switcher.js")


def _build_finished(app, exception) -> None:
    """In site builds, write the version list the switcher reads (same host, no network)."""
    versions = os.environ.get(SITE_VERSIONS_ENV)
    if exception is None and versions and app.builder.format == "html":
        target = Path(app.outdir) / "_static" / "versions.json"
        target.write_text(versions, encoding="utf-8")


def _wait_for_execution(app, docname: str, source: list[str]) -> None:
    """Under ``make book``, read a chapter only once its pre-execution is in the cache."""
    from analysis.book.build import wait_for_execution

    wait_for_execution(Path(app.env.doc2path(docname)), 2 * float(app.config.nb_execution_timeout or 600))


def _note_dependencies(app, docname: str, source: list[str]) -> None:
    if Path(app.env.doc2path(docname)).suffix in {".md", ".ipynb"}:
        for path in _watched_files():
            app.env.note_dependency(path)


def _is_thebe_script(script) -> bool:
    filename = getattr(script, "filename", script) or ""
    body = getattr(script, "attributes", {}).get("body", "") if hasattr(script, "attributes") else ""
    return "thebe" in str(filename) or "THEBE_JS_URL" in body


def _page_context(app, pagename, templatename, context, doctree) -> None:
    context["amlo_version"] = analysis.__version__
    # Thebe is off (launch_buttons.thebe: false) but sphinx-thebe still injects a script naming a
    # CDN URL, once per build run; incremental builds then declare it twice (a console error).
    # Readers never need it, so it is dropped from every page.
    if "script_files" in context:
        context["script_files"] = [s for s in context["script_files"] if not _is_thebe_script(s)]


def _deterministic_notebook(app, pagename, templatename, context, doctree) -> None:
    """Runs after sphinx-book-theme has copied the executed notebook to ``_sources``."""
    name = context.get("ipynb_source")
    path = Path(app.outdir) / "_sources" / name if name else None
    if path is None or not path.is_file():
        return
    import nbformat

    notebook = nbformat.read(path, as_version=4)
    for number, cell in enumerate(notebook.cells):
        cell["id"] = f"cell-{number}"
    text = nbformat.writes(notebook)
    if path.read_text(encoding="utf-8") != text:
        path.write_text(text, encoding="utf-8")


def _config_inited(app, config) -> None:
    from analysis.book.build import CACHE_ENV

    if os.environ.get(CACHE_ENV):  # make site's dev build reuses the cache of make book
        config.nb_execution_cache_path = os.environ[CACHE_ENV]
    stamp = f"Version {analysis.__version__} · built {_build_date()} from commit {_commit()}"
    options = dict(config.html_theme_options or {})
    options["extra_footer"] = f"<p class='amlo-version'>{stamp}</p>"
    config.html_theme_options = options


def _keep_cached_outputs_in_the_written_notebook() -> None:
    """myst-nb 1.4 in cache mode merges the cached outputs into a *new* notebook object but writes
    the original one to ``jupyter_execute/`` (hence the downloadable ``_sources/*.ipynb``), which
    then has no outputs at all. The merged content is put back into the original object, as an
    execution in ``force`` mode leaves it."""
    from myst_nb.core.execute.cache import NotebookClientCache

    if getattr(NotebookClientCache.start_client, "_amlo_patched", False):
        return
    original = NotebookClientCache.start_client

    def start_client(self):
        notebook = self._notebook
        original(self)
        if self._notebook is not notebook:
            notebook.clear()
            notebook.update(self._notebook)
            self._notebook = notebook

    start_client._amlo_patched = True
    NotebookClientCache.start_client = start_client


def setup(app):
    _keep_cached_outputs_in_the_written_notebook()
    app.connect("builder-inited", _builder_inited)
    app.connect("build-finished", _build_finished)
    app.connect("source-read", _wait_for_execution)
    app.connect("source-read", _note_dependencies)
    app.connect("html-page-context", _page_context)
    app.connect("html-page-context", _deterministic_notebook, priority=900)
    app.connect("config-inited", _config_inited)
    return {"version": analysis.__version__, "parallel_read_safe": True, "parallel_write_safe": True}
