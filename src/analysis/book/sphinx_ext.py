"""Sphinx extension used by the book (listed in _config.yml).

- Writes the pinned vega bundle into the book's ``_static/vega/`` before the build, so charts
  render with no network (no CDN at view time).
- Registers every data file and every module of ``analysis`` as a dependency of every notebook
  page: when only a CSV or the analysis code changes, an incremental build re-executes the
  chapters instead of serving stale outputs.
- Puts the version, build date and commit on every page.
- Gives every page a description (its first paragraph) as ``<meta name="description">`` and Open
  Graph / Twitter card tags, so that a shared link shows the page's title and what it is about;
  the favicon is set in ``_config.yml`` (``html.favicon``).
- Serves the data package from the site (:mod:`analysis.book.sitedata`): ``data/`` with every
  CSV, the Table Schemas, a zip and an Excel workbook; each chart's rows, metadata and zip under
  ``data/charts/``, with a stable anchor per chart.
- Makes each page's ``.ipynb`` download runnable outside the repository
  (:mod:`analysis.book.standalone`) and shows launch and repository buttons only when
  ``repository.url`` is set in ``_config.yml``.
- Execution cache (``execute_notebooks: cache``): empties myst-nb's jupyter-cache when the data or
  the code changed since it was filled (:func:`analysis.book.build.reset_stale_cache`), since
  jupyter-cache keys a notebook on its code cells only.
- Deterministic downloads: the ``_sources/**/*.ipynb`` copies get cell ids numbered in order
  instead of nbformat's random ones, so two builds of one commit are byte-identical.
- Incremental builds equal to clean ones: each static file is listed once in the configuration
  (Jupyter Book also lists what it finds in ``_static/``, where the vega bundle appears after the
  first build), and the search index drops the terms an incremental build leaves with no page.
"""

from __future__ import annotations

import datetime as dt
import html
import os
import re
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
    """In site builds, write the version list the switcher reads (same host, no network); in
    every HTML build, drop the search terms no page has any more."""
    if exception is not None or app.builder.format != "html":
        return
    versions = os.environ.get(SITE_VERSIONS_ENV)
    if versions:
        target = Path(app.outdir) / "_static" / "versions.json"
        target.write_text(versions, encoding="utf-8")
    index = Path(app.outdir) / "searchindex.js"
    if index.is_file():
        from sphinx.search import js_index

        data = js_index.loads(index.read_text(encoding="utf-8"))
        if drop_stale_search_terms(data):
            index.write_text(js_index.dumps(data), encoding="utf-8")


def drop_stale_search_terms(index: dict) -> int:
    """Remove the terms and title terms that point at no page; returns how many were removed.

    Sphinx's incremental build removes a re-written page from every term's page set but keeps the
    term, so words a page no longer contains stay in the index with no page; a clean build never
    has them, and the search finds nothing through them either way."""
    removed = 0
    for key in ("terms", "titleterms"):
        terms = index.get(key) or {}
        for term in [t for t, pages in terms.items() if pages in ([], {})]:
            del terms[term]
            removed += 1
    return removed


def unique_static_files(files: list) -> list:
    """``html_js_files``/``html_css_files`` with each file once (first entry kept, order kept).

    Jupyter Book lists every ``.js``/``.css`` it finds in ``_static/`` on top of the configured
    ones, and the vega bundle is written there by the first build: without this, the first build
    of a clone and every later build differ in their configuration (``.buildinfo``)."""
    seen: set[str] = set()
    unique = []
    for entry in files or []:
        name = entry[0] if isinstance(entry, (tuple, list)) else entry
        if name not in seen:
            seen.add(name)
            unique.append(entry)
    return unique


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


DESCRIPTION_CHARS = 200  # search engines show about this much


def page_description(doctree) -> str:
    """The page's first paragraph of prose as plain text, cut at a word to DESCRIPTION_CHARS."""
    from docutils import nodes

    for paragraph in doctree.findall(nodes.paragraph) if doctree is not None else []:
        text = re.sub(r"\s+", " ", paragraph.astext()).strip()
        if len(text.split()) >= 8:  # a sentence, not a label or a caption
            if len(text) <= DESCRIPTION_CHARS:
                return text
            return text[:DESCRIPTION_CHARS].rsplit(" ", 1)[0].rstrip(",;:") + "…"
    return ""


def _social_metatags(app, pagename, templatename, context, doctree) -> None:
    """<meta name="description"> and Open Graph / Twitter card tags for the page."""
    site = app.config.project or app.config.html_title or ""
    title = re.sub(r"<[^>]+>", "", context.get("title") or "") or site
    description = page_description(doctree) or site
    tags = {
        ("name", "description"): description,
        ("property", "og:type"): "website" if pagename == app.config.root_doc else "article",
        ("property", "og:site_name"): site,
        ("property", "og:title"): html.unescape(title),
        ("property", "og:description"): description,
        ("name", "twitter:card"): "summary",
    }
    context["metatags"] = context.get("metatags", "") + "".join(
        f'<meta {kind}="{key}" content="{html.escape(value, quote=True)}" />\n' for (kind, key), value in tags.items())


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
    config.html_js_files = unique_static_files(config.html_js_files)
    config.html_css_files = unique_static_files(config.html_css_files)
    stamp = f"Version {analysis.__version__} · built {_build_date()} from commit {_commit()}"
    options = dict(config.html_theme_options or {})
    options["extra_footer"] = f"<p class='amlo-version'>{stamp}</p>"
    config.html_theme_options = options


# ---- data users and re-executors: the package, chart downloads, notebooks, launch buttons ----

LAUNCH_PROVIDERS = ("binderhub_url", "jupyterhub_url", "colab_url", "deepnote_url", "jupyterlite_url")
REPOSITORY_BUTTONS = ("use_repository_button", "use_issues_button", "use_edit_page_button")


def launch_options(options: dict) -> dict:
    """Theme options with launch and repository buttons only where a repository is configured.

    The repository is set in one place, ``repository.url`` in ``_config.yml`` (empty by default).
    Without it every launch provider and repository button is dropped, so no button points at
    a placeholder. With it, Binder opens the Markdown chapters through jupytext (installed from
    ``environment.yml``); Colab, which opens only ``.ipynb`` files, is pointed at the downloadable
    notebook of the published site (``amlo_pages_branch``, see README)."""
    options = dict(options)
    launch = dict(options.get("launch_buttons") or {})
    if not str(options.get("repository_url") or "").strip():
        options.pop("repository_url", None)
        for key in LAUNCH_PROVIDERS:
            launch.pop(key, None)
        for key in REPOSITORY_BUTTONS:
            options[key] = False
    else:
        options["use_repository_button"] = True
    options["launch_buttons"] = launch
    return options


def _configure_launch_buttons(app, config) -> None:
    config.html_theme_options = launch_options(config.html_theme_options or {})


def _colab_to_published_notebook(app, pagename, context) -> None:
    """Colab cannot open a MyST ``.md``: link it to the page's ``.ipynb`` on the published branch."""
    branch = app.config.amlo_pages_branch
    for group in context.get("header_buttons", []):
        for button in group.get("buttons", []) if isinstance(group, dict) else []:
            if button.get("text") == "Colab" and "/blob/" in button.get("url", ""):
                head = button["url"].split("/blob/", 1)[0]
                button["url"] = f"{head}/blob/{branch}/_sources/{pagename}.ipynb"


def _site_page(app, pagename, templatename, context, doctree) -> None:
    """Chart downloads as files, stable chart anchors, ``amlo-site:`` links, and the page's
    ``.ipynb`` download with its set-up cell (runs after the theme's own buttons)."""
    from analysis.book import sitedata

    if app.builder.format != "html":
        return
    if "body" in context:
        seen = app.__dict__.setdefault("_amlo_chart_pages", {})  # chart name -> page, this build run
        context["body"] = sitedata.resolve_page(context["body"], pagename, context["pathto"], Path(app.outdir),
                                                base_url=app.config.html_baseurl or "", suffix=app.builder.out_suffix, seen=seen)
    _downloadable_notebook(app, pagename, context)
    _colab_to_published_notebook(app, pagename, context)


def _downloadable_notebook(app, pagename, context) -> None:
    from analysis.book import standalone

    executed = Path(app.outdir).parent / "jupyter_execute" / f"{pagename}.ipynb"
    if not executed.is_file() or not context.get("sourcename", "").endswith((".md", ".md.txt")):
        return
    from analysis.data import package_descriptor

    target = Path(app.outdir) / "_sources" / f"{pagename}.ipynb"
    target.parent.mkdir(parents=True, exist_ok=True)
    target.write_text(standalone.standalone_notebook(executed, app.config.html_baseurl or "", package_descriptor()["name"]), encoding="utf-8")
    context["ipynb_source"] = f"{pagename}.ipynb"
    for group in context.get("header_buttons", []):
        if isinstance(group, dict) and group.get("label") == "download-buttons":
            buttons = group["buttons"]
            if not any(b.get("label") == "download-notebook-button" for b in buttons):
                buttons.insert(0, {"type": "link", "url": f"{context['pathto']('_sources', 1)}/{pagename}.ipynb", "text": ".ipynb",
                                   "icon": "fas fa-code", "tooltip": "Download the notebook (runs outside the repository)",
                                   "label": "download-notebook-button"})


def _publish_site_data(app, exception) -> None:
    """After a successful HTML build: the package, its zip and workbook, and the re-execution kit."""
    from analysis.book import sitedata, standalone

    if exception is None and app.builder.format == "html":
        sitedata.write_site_package(Path(app.outdir))
        standalone.write_kit(Path(app.outdir))


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
    app.add_config_value("amlo_pages_branch", "gh-pages", "html")
    app.connect("config-inited", _configure_launch_buttons)
    app.connect("html-page-context", _site_page, priority=600)
    app.connect("build-finished", _publish_site_data)
    app.connect("builder-inited", _builder_inited)
    app.connect("build-finished", _build_finished)
    app.connect("source-read", _wait_for_execution)
    app.connect("source-read", _note_dependencies)
    app.connect("html-page-context", _page_context)
    app.connect("html-page-context", _social_metatags)
    app.connect("html-page-context", _deterministic_notebook, priority=900)
    app.connect("config-inited", _config_inited)
    return {"version": analysis.__version__, "parallel_read_safe": True, "parallel_write_safe": True}
