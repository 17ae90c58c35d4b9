"""Checks on the built book in _build/html (``make test`` builds it first, with -W as a gate)."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
import yaml

import analysis

ROOT = Path(__file__).resolve().parents[1]
HTML = ROOT / "_build" / "html"
PAGE_LIMIT = 1024 * 1024  # bytes, excluding the shared static JavaScript


def toc_files() -> list[str]:
    toc = yaml.safe_load((ROOT / "_toc.yml").read_text(encoding="utf-8"))
    files = [toc["root"]]
    for part in toc.get("parts", []):
        files += [entry["file"] for entry in part.get("chapters", []) or []]
    return files


@pytest.fixture(scope="module")
def pages() -> dict[str, str]:
    if not (HTML / "index.html").is_file():
        pytest.fail("no built book in _build/html: run `make book` (make test does it first)")
    return {str(p.relative_to(HTML)): p.read_text(encoding="utf-8") for p in HTML.rglob("*.html") if "_static" not in p.parts}


def test_every_toc_page_is_built(pages):
    for name in toc_files():
        assert f"{name}.html" in pages, f"{name} listed in _toc.yml but not built"


def test_toc_lists_only_existing_pages():
    for name in toc_files():
        assert (ROOT / f"{name}.md").is_file(), f"{name} in _toc.yml has no source page"


def test_no_page_loads_anything_from_another_host(pages):
    for name, html in pages.items():
        remote_scripts = re.findall(r'<script[^>]+src="(https?:)?//[^"]+"', html)
        remote_styles = re.findall(r'<link[^>]+rel="stylesheet"[^>]+href="(?:https?:)?//[^"]+"', html)
        assert not remote_scripts and not remote_styles, f"{name} loads {remote_scripts + remote_styles}"
        assert "cdn.jsdelivr" not in html and "unpkg.com" not in html, name


def test_vega_is_served_from_the_book(pages):
    bundle = HTML / "_static" / "vega" / "vega-bundle.js"
    assert bundle.is_file() and bundle.stat().st_size > 500_000
    assert all("_static/vega/vega-bundle.js" in html for name, html in pages.items() if "amlo-figure" in html)


def test_every_chart_has_static_svg_source_and_description(pages):
    figures = 0
    for name, html in pages.items():
        for block in re.findall(r'<figure class="amlo-figure".*?</figure>', html, flags=re.S):
            figures += 1
            assert "<svg" in block, f"{name}: a chart without its static rendering"
            assert 'class="amlo-source">Source: ' in block, f"{name}: a chart without a source line"
            assert re.search(r'aria-label="[^"]{20,}"', block), f"{name}: a chart without a text description"
    chapters = [n for n in pages if n.startswith("chapters/") and n not in {"chapters/intro.html", "chapters/glossary.html", "chapters/data-dictionary.html"}]
    if chapters:
        assert figures > 0


def test_pages_stay_under_one_megabyte():
    for path in HTML.rglob("*.html"):
        if "_static" not in path.parts:
            assert path.stat().st_size < PAGE_LIMIT, f"{path.relative_to(HTML)} is {path.stat().st_size:,} bytes"


def test_version_is_shown_on_every_page(pages):
    for name, html in pages.items():
        if name in {"genindex.html", "search.html"} or name.startswith("_") or 'http-equiv="Refresh"' in html:
            continue
        assert f"Version {analysis.__version__}" in html, f"{name} does not show the version"


def test_no_thebe_or_failed_cells(pages):
    for name, html in pages.items():
        assert "thebe-launch-button" not in html, name
        assert "Traceback (most recent call last)" not in html, f"{name} shows a traceback"


def test_claim_links_resolve_to_ledger_rows(pages):
    ledger = pages.get("chapters/factcheck.html", "")
    links = set()
    for name, html in pages.items():
        links |= set(re.findall(r'href="factcheck\.html#(claim-[a-z0-9-]+)"', html))
    assert links, "no chapter links its claims to the ledger"
    missing = sorted(a for a in links if f'id="{a}"' not in ledger)
    assert not missing, f"links to ledger rows that do not exist: {missing}"


def test_every_chapter_links_its_resources_to_the_data_dictionary(pages):
    dictionary = pages["chapters/data-dictionary.html"]
    for name in toc_files():
        html = pages[f"{name}.html"]
        if name.endswith(("intro", "glossary", "data-dictionary", "cite", "changelog")):
            continue
        anchors = set(re.findall(r'href="data-dictionary\.html#(resource-[a-z0-9_-]+)"', html))
        assert anchors, f"{name} does not link the resources it uses to the data dictionary"
        assert all(f'id="{a}"' in dictionary for a in anchors), f"{name}: broken dictionary links"
