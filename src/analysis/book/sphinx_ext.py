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


def _builder_inited(app) -> None:
    write_vega_bundle(Path(app.srcdir) / "_static" / "vega")
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


def _config_inited(app, config) -> None:
    stamp = f"Version {analysis.__version__} · built {_build_date()} from commit {_commit()}"
    options = dict(config.html_theme_options or {})
    options["extra_footer"] = f"<p class='amlo-version'>{stamp}</p>"
    config.html_theme_options = options


def setup(app):
    app.connect("builder-inited", _builder_inited)
    app.connect("build-finished", _build_finished)
    app.connect("source-read", _note_dependencies)
    app.connect("html-page-context", _page_context)
    app.connect("html-page-context", _social_metatags)
    app.connect("config-inited", _config_inited)
    return {"version": analysis.__version__, "parallel_read_safe": True, "parallel_write_safe": True}
