"""The built book in a real browser (Debian's Chromium driven by Playwright), other hosts blocked.

Every page: no console errors, no failed or blocked requests, every chart container rendered by
vega-embed. One chart: a tooltip appears on hover. Navigation (next page) and search work.
Screenshots of every chapter are kept in test-artifacts/screenshots/.
"""

from __future__ import annotations

import functools
import http.server
import threading
from pathlib import Path
from urllib.parse import urlparse

import pytest

ROOT = Path(__file__).resolve().parents[1]
HTML = ROOT / "_build" / "html"
SCREENSHOTS = ROOT / "test-artifacts" / "screenshots"
CHROMIUM = Path("/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
    "--disable-background-networking", "--disable-component-update", "--disable-sync",
]

pytestmark = pytest.mark.browser


class QuietHandler(http.server.SimpleHTTPRequestHandler):
    def log_message(self, *args):  # keep pytest output readable
        pass


@pytest.fixture(scope="module")
def server():
    if not (HTML / "index.html").is_file():
        pytest.fail("no built book in _build/html: run `make book` first (make test does)")
    handler = functools.partial(QuietHandler, directory=str(HTML))
    httpd = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=httpd.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{httpd.server_address[1]}"
    httpd.shutdown()


@pytest.fixture(scope="module")
def browser():
    if not CHROMIUM.is_file():
        pytest.fail("Chromium is missing: `make test` installs it (apt-get install chromium)")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
        yield browser
        browser.close()


class PageRecorder:
    """Opens a page with every request to another host blocked, and records what went wrong."""

    def __init__(self, browser, base: str):
        self.context = browser.new_context(viewport={"width": 1280, "height": 900})
        self.page = self.context.new_page()
        self.errors: list[str] = []
        self.blocked: list[str] = []
        self.failed: list[str] = []
        host = urlparse(base).netloc

        def route(route):
            if urlparse(route.request.url).netloc == host or route.request.url.startswith("data:"):
                route.continue_()
            else:
                self.blocked.append(route.request.url)
                route.abort()

        self.page.route("**/*", route)
        self.page.on("console", lambda m: self.errors.append(m.text) if m.type == "error" else None)
        self.page.on("pageerror", lambda e: self.errors.append(str(e)))
        self.page.on("requestfailed", lambda r: self.failed.append(r.url) if urlparse(r.url).netloc == host else None)

    def close(self):
        self.context.close()


def built_pages() -> list[str]:
    pages = [str(p.relative_to(HTML)) for p in HTML.rglob("*.html") if "_static" not in p.parts and "_sources" not in p.parts]
    return sorted(p for p in pages if p not in {"genindex.html"})


@pytest.mark.parametrize("name", built_pages() if HTML.is_dir() else ["index.html"])
def test_page_renders_offline_without_errors(browser, server, name):
    recorder = PageRecorder(browser, server)
    try:
        page = recorder.page
        page.goto(f"{server}/{name}", wait_until="networkidle")
        charts = page.locator(".amlo-chart")
        for index in range(charts.count()):
            chart = charts.nth(index)
            chart.scroll_into_view_if_needed()
            page.wait_for_function("el => el.classList.contains('vega-embed') || el.hasAttribute('data-error')", arg=chart.element_handle(), timeout=15000)
            assert chart.get_attribute("data-error") is None, f"{name}: chart {index} failed: {chart.get_attribute('data-error')}"
            assert chart.locator("svg").count() >= 1, f"{name}: chart {index} has no SVG after rendering"
        assert recorder.errors == [], f"{name}: console errors {recorder.errors}"
        assert recorder.failed == [], f"{name}: failed requests {recorder.failed}"
        assert recorder.blocked == [], f"{name}: tried to reach other hosts {recorder.blocked}"
        if name.startswith("chapters/") or name == "index.html":
            SCREENSHOTS.mkdir(parents=True, exist_ok=True)
            page.screenshot(path=str(SCREENSHOTS / (name.replace("/", "_").removesuffix(".html") + ".png")), full_page=True)
    finally:
        recorder.close()


def chart_pages() -> list[str]:
    if not HTML.is_dir():
        return []
    return [p for p in built_pages() if 'class="amlo-chart"' in (HTML / p).read_text(encoding="utf-8")]


def test_tooltip_appears_on_hover(browser, server):
    pages = chart_pages()
    if not pages:
        pytest.fail("no page with a chart was built")
    recorder = PageRecorder(browser, server)
    try:
        page = recorder.page
        page.goto(f"{server}/{pages[0]}", wait_until="networkidle")
        chart = page.locator(".amlo-chart").first
        chart.scroll_into_view_if_needed()
        page.wait_for_function("el => el.classList.contains('vega-embed')", arg=chart.element_handle(), timeout=15000)
        marks = chart.locator("svg [role='graphics-symbol'], svg path[aria-roledescription]")
        shown = False
        for index in range(min(marks.count(), 60)):
            box = marks.nth(index).bounding_box()
            if not box or box["width"] * box["height"] == 0:
                continue
            page.mouse.move(box["x"] + box["width"] / 2, box["y"] + box["height"] / 2)
            page.wait_for_timeout(150)
            tooltip = page.locator("#vg-tooltip-element")
            if tooltip.count() and "visible" in (tooltip.get_attribute("class") or "") and tooltip.inner_text().strip():
                shown = True
                break
        assert shown, f"no tooltip appeared when hovering marks on {pages[0]}"
    finally:
        recorder.close()


def test_navigation_and_search(browser, server):
    recorder = PageRecorder(browser, server)
    try:
        page = recorder.page
        page.goto(f"{server}/index.html", wait_until="networkidle")
        next_link = page.locator("a.right-next").first
        assert next_link.count() == 1, "the first page has no link to the next page"
        next_link.click()
        page.wait_for_load_state("networkidle")
        assert page.url != f"{server}/index.html" and page.locator("h1").count() >= 1
        page.goto(f"{server}/search.html?q=Mexico", wait_until="networkidle")
        page.wait_for_selector("#search-results ul.search li", timeout=15000)
        assert page.locator("#search-results ul.search li").count() >= 1
        assert recorder.errors == [] and recorder.blocked == []
    finally:
        recorder.close()
