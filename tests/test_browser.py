"""The built book in a real browser (Debian's Chromium driven by Playwright), other hosts blocked.

Every page of ``_toc.yml``, at a phone's width (390 px) and a desktop's (1280 px), with the system
set to light and to dark:
- no console errors, no failed or blocked requests, every chart rendered by vega-embed;
- the theme follows the system setting (dark mode by default when the system is dark), and in
  dark mode charts and tables sit on a dark background;
- no horizontal scrolling of the page; every chart fits its container (or, for the few that
  cannot be made narrower, scrolls inside its figure) with no text under 11 px on screen; chart
  text meets 4.5:1 contrast; no table column is clipped, and at 1280 px every table fits the
  text column;
- axe-core (the copy bundled in the pinned ``axe-playwright-python`` wheel, injected into the
  page: no network) finds no serious or critical violation.
A screenshot of the top of each page at each width and mode is kept in test-artifacts/screenshots/.
Also: the static SVGs alone (JavaScript off) at 320, 390 and 1280 px; a tooltip on hover;
navigation and search.
"""

from __future__ import annotations

import functools
import http.server
import threading
from pathlib import Path
from urllib.parse import urlparse

import pytest
import yaml

from analysis.book.charts import MIN_TEXT_PX, NARROW, WIDE

ROOT = Path(__file__).resolve().parents[1]
HTML = ROOT / "_build" / "html"
SCREENSHOTS = ROOT / "test-artifacts" / "screenshots"
CHROMIUM = Path("/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
    "--disable-background-networking", "--disable-component-update", "--disable-sync",
]
WIDTHS = {"phone": 390, "desktop": 1280}
SCHEMES = ("light", "dark")
BLOCKING_IMPACTS = {"serious", "critical"}
CONTRAST_AA = 4.5
SCREENSHOT_MAX_PX = 4000

pytestmark = pytest.mark.browser


def toc_pages() -> list[str]:
    """The built page of every file in _toc.yml (the root and each chapter)."""
    toc = yaml.safe_load((ROOT / "_toc.yml").read_text(encoding="utf-8"))
    files = [toc["root"]] + [entry["file"] for part in toc.get("parts", []) for entry in part.get("chapters", []) or []]
    return [f"{name}.html" for name in files]


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


@pytest.fixture(scope="module")
def axe():
    from axe_playwright_python.sync_playwright import Axe

    return Axe()


class PageRecorder:
    """Opens a page with every request to another host blocked, and records what went wrong."""

    def __init__(self, browser, base: str, width: int = 1280, scheme: str = "light", javascript: bool = True):
        self.context = browser.new_context(viewport={"width": width, "height": 900}, color_scheme=scheme,
                                           java_script_enabled=javascript)
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


def wait_for_charts(page, name: str) -> None:
    charts = page.locator(".amlo-chart")
    for index in range(charts.count()):
        chart = charts.nth(index)
        chart.scroll_into_view_if_needed()
        page.wait_for_function("el => el.classList.contains('amlo-live-ready') || el.hasAttribute('data-error')",
                               arg=chart.element_handle(), timeout=15000)
        assert chart.get_attribute("data-error") is None, f"{name}: chart {index} failed: {chart.get_attribute('data-error')}"
        assert chart.locator(".amlo-live svg").count() == 1, f"{name}: chart {index} has no interactive SVG"


# Measurements made in the page. Colours are compared as WCAG relative luminance.
MEASURE = """([minText, narrowMax]) => {
  const parse = c => { const m = (c || '').match(/rgba?\\(([^)]+)\\)/); if (!m) return null;
    const p = m[1].split(/[ ,\\/]+/).filter(Boolean).map(Number); return {rgb: p.slice(0, 3), a: p.length > 3 ? p[3] : 1}; };
  const lum = rgb => { const f = v => { v /= 255; return v <= 0.03928 ? v / 12.92 : Math.pow((v + 0.055) / 1.055, 2.4); };
    return 0.2126 * f(rgb[0]) + 0.7152 * f(rgb[1]) + 0.0722 * f(rgb[2]); };
  const ratio = (a, b) => { const [x, y] = [lum(a), lum(b)].sort((p, q) => q - p); return (x + 0.05) / (y + 0.05); };
  const background = el => { for (let e = el; e; e = e.parentElement) { const c = parse(getComputedStyle(e).backgroundColor);
    if (c && c.a > 0.5) return c.rgb; } return [255, 255, 255]; };
  const visible = e => { const r = e.getBoundingClientRect(); return r.width > 0 && r.height > 0; };
  const doc = document.documentElement;
  const out = {theme: doc.dataset.theme, scrollWidth: doc.scrollWidth, clientWidth: doc.clientWidth, charts: [], tables: []};
  document.querySelectorAll('.amlo-chart').forEach((chart, index) => {
    const svg = [...chart.querySelectorAll('svg')].find(visible);
    if (!svg) { out.charts.push({index, missing: true}); return; }
    const rect = svg.getBoundingClientRect(), natural = parseFloat(svg.getAttribute('width'));
    const bgRect = svg.querySelector(':scope > rect');
    const bgFill = bgRect ? parse(getComputedStyle(bgRect).fill) : null;
    const bg = bgFill && bgFill.a > 0.5 ? bgFill.rgb : background(chart);
    let minFont = Infinity, worst = Infinity, worstText = '';
    svg.querySelectorAll('text').forEach(t => {
      if (!t.textContent.trim() || !visible(t)) return;
      const m = t.getScreenCTM(), px = parseFloat(getComputedStyle(t).fontSize) * Math.hypot(m.a, m.b);
      minFont = Math.min(minFont, px);
      const fill = parse(getComputedStyle(t).fill);
      if (fill) { const r = ratio(fill.rgb, bg); if (r < worst) { worst = r; worstText = t.textContent.slice(0, 40); } }
    });
    out.charts.push({index, layout: chart.dataset.layout || (svg.closest('.amlo-static-wide') ? 'wide' : 'narrow'),
      width: rect.width, container: chart.clientWidth, natural, scrolls: chart.scrollWidth > chart.clientWidth + 1,
      unfittable: natural > narrowMax, minFont, worstContrast: worst, worstText, background: lum(bg)});
  });
  document.querySelectorAll('.bd-article table').forEach((table, index) => {
    let clipped = null, scroller = null;
    for (const cell of table.querySelectorAll('tr > *')) {
      const head = cell.closest('thead');
      if (!visible(cell) || (head && getComputedStyle(head).clipPath !== 'none')) continue;  // a header hidden for stacked rows
      const right = cell.getBoundingClientRect().right;
      for (let e = cell.parentElement; e && e !== doc; e = e.parentElement) {
        const ox = getComputedStyle(e).overflowX;
        if (ox === 'visible') continue;
        const edge = e.getBoundingClientRect().right;
        if (ox === 'auto' || ox === 'scroll') { scroller = scroller || e; if (edge > doc.clientWidth + 1) clipped = 'its scroll container ends off screen'; break; }
        if (right > edge + 1) { clipped = `cut by overflow:${ox} at ${Math.round(edge)} px`; break; }
      }
      if (!clipped && right > doc.clientWidth + 1 && !scroller) clipped = 'off screen';
      if (clipped) break;
    }
    const head = table.querySelector('th');
    out.tables.push({index, clipped, head: head ? head.textContent.trim().slice(0, 30) : '',
      width: table.getBoundingClientRect().width, fits: !scroller || scroller.scrollWidth <= scroller.clientWidth + 1,
      background: lum(background(table.querySelector('td') || table))});
  });
  return out;
}"""


def axe_violations(axe, page) -> list[str]:
    results = axe.run(page, options={"resultTypes": ["violations"]})
    return [f"{v['id']} ({v['impact']}): {v['help']} — {', '.join(str(n['target'][0]) for n in v['nodes'][:4])}"
            for v in results.response["violations"] if v["impact"] in BLOCKING_IMPACTS]


def check_layout(report: dict, name: str, width: int, javascript: bool = True) -> list[str]:
    problems = []
    if report["scrollWidth"] > report["clientWidth"]:
        problems.append(f"the page scrolls sideways ({report['scrollWidth']} px wide in {report['clientWidth']})")
    for chart in report["charts"]:
        where = f"chart {chart['index']}"
        if chart.get("missing"):
            problems.append(f"{where} shows no SVG")
            continue
        if chart["minFont"] < MIN_TEXT_PX - 0.05:
            problems.append(f"{where} ({chart['layout']}) has text of {chart['minFont']:.1f} px")
        if chart["width"] > chart["container"] + 1 and not (chart["scrolls"] and chart["unfittable"]):
            problems.append(f"{where} is {chart['width']:.0f} px wide in a {chart['container']} px container")
        if chart["worstContrast"] < CONTRAST_AA:
            problems.append(f"{where}: text {chart['worstText']!r} has contrast {chart['worstContrast']:.2f}")
        expected = "wide" if chart["container"] >= WIDE.min_container else "narrow"
        if chart["layout"] != expected:
            problems.append(f"{where} shows the {chart['layout']} layout in a {chart['container']} px container")
    for table in report["tables"]:
        if table["clipped"]:
            problems.append(f"table {table['index']} ({table['head']!r}): a column is clipped ({table['clipped']})")
        if width >= WIDTHS["desktop"] and not table["fits"]:
            problems.append(f"table {table['index']} ({table['head']!r}) is wider than the text column")
    return problems


def save_screenshot(page, path: Path) -> None:
    """The top of the page (up to :data:`SCREENSHOT_MAX_PX`): what a reviewer looks at first, at a
    fraction of the cost of the whole page (the data dictionary is over 100,000 px tall, a 17 MB
    PNG that took 12 s to paint). It is a record for people; the checks measure the whole page."""
    path.parent.mkdir(parents=True, exist_ok=True)
    size = page.evaluate("[document.documentElement.scrollWidth, document.documentElement.scrollHeight]")
    page.screenshot(path=str(path), full_page=True, timeout=60_000,
                    clip={"x": 0, "y": 0, "width": size[0], "height": min(size[1], SCREENSHOT_MAX_PX)})


@pytest.mark.parametrize("scheme", SCHEMES)
@pytest.mark.parametrize("device", list(WIDTHS))
@pytest.mark.parametrize("name", toc_pages())
def test_page_on_every_screen(browser, server, axe, name, device, scheme):
    width = WIDTHS[device]
    recorder = PageRecorder(browser, server, width=width, scheme=scheme)
    try:
        page = recorder.page
        page.goto(f"{server}/{name}", wait_until="load")
        page.wait_for_load_state("networkidle")
        wait_for_charts(page, name)
        assert recorder.errors == [], f"{name}: console errors {recorder.errors}"
        assert recorder.failed == [], f"{name}: failed requests {recorder.failed}"
        assert recorder.blocked == [], f"{name}: tried to reach other hosts {recorder.blocked}"
        report = page.evaluate(MEASURE, [MIN_TEXT_PX, NARROW.max_width])
        save_screenshot(page, SCREENSHOTS / f"{Path(name).stem}-{width}-{scheme}.png")
        assert report["theme"] == scheme, f"{name}: the system is {scheme} but the page is {report['theme']}"
        problems = check_layout(report, name, width)
        if scheme == "dark":
            problems += [f"chart {c['index']} sits on a light background" for c in report["charts"] if c.get("background", 0) > 0.2]
            problems += [f"table {t['index']} sits on a light background" for t in report["tables"] if t["background"] > 0.2]
        problems += axe_violations(axe, page)
        assert not problems, f"{name} at {width} px, {scheme}:\n  " + "\n  ".join(problems)
    finally:
        recorder.close()


def chart_pages() -> list[str]:
    if not HTML.is_dir():
        return []
    return [p for p in toc_pages() if (HTML / p).is_file() and 'class="amlo-chart"' in (HTML / p).read_text(encoding="utf-8")]


@pytest.mark.parametrize("width", [320, WIDTHS["phone"], WIDTHS["desktop"]])
def test_static_charts_fit_without_javascript(browser, server, width):
    """The static SVGs (no JavaScript, and what print shows) follow the same rules."""
    pages = chart_pages()
    assert pages, "no page with a chart was built"
    recorder = PageRecorder(browser, server, width=width, javascript=False)
    try:
        problems = []
        for name in pages:
            recorder.page.goto(f"{server}/{name}", wait_until="load")
            report = recorder.page.evaluate(MEASURE, [MIN_TEXT_PX, NARROW.max_width])
            assert report["charts"], f"{name}: no chart measured"
            problems += [f"{name}: {p}" for p in check_layout(report, name, width, javascript=False) if "chart" in p or "scrolls" in p]
        assert not problems, f"static charts at {width} px:\n  " + "\n  ".join(problems)
    finally:
        recorder.close()


def test_chart_layout_follows_a_resize(browser, server):
    """Turning a phone (or narrowing a window) re-renders a chart in the layout that fits."""
    recorder = PageRecorder(browser, server, width=WIDTHS["desktop"])
    try:
        page = recorder.page
        page.goto(f"{server}/{chart_pages()[0]}", wait_until="networkidle")
        chart = page.locator(".amlo-chart").first
        page.wait_for_function("el => el.dataset.layout === 'wide'", arg=chart.element_handle(), timeout=15000)
        page.set_viewport_size({"width": WIDTHS["phone"], "height": 900})
        page.wait_for_function("el => el.dataset.layout === 'narrow'", arg=chart.element_handle(), timeout=15000)
        assert recorder.errors == []
    finally:
        recorder.close()


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
        page.wait_for_function("el => el.classList.contains('amlo-live-ready')", arg=chart.element_handle(), timeout=15000)
        marks = chart.locator(".amlo-live svg g.role-mark > :is(path, rect)")
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


def test_pages_describe_themselves_for_shared_links():
    """Meta description and Open Graph tags on every page, and the favicon."""
    for name in toc_pages():
        html = (HTML / name).read_text(encoding="utf-8")
        for tag in ('name="description"', 'property="og:title"', 'property="og:description"'):
            assert tag in html, f"{name} has no <meta {tag}>"
        description = html.split('name="description" content="', 1)[1].split('"', 1)[0]
        assert len(description.split()) >= 8, f"{name}: description {description!r} is not a sentence"
        assert 'rel="icon"' in html and "favicon.svg" in html, f"{name} has no favicon"
    assert (HTML / "_static" / "favicon.svg").is_file()


def test_codes_are_not_linked_as_hosts():
    """Linkify links real URLs only: a World Bank code like NY.GDP.MKTP.CD stays text."""
    for name in toc_pages():
        html = (HTML / name).read_text(encoding="utf-8")
        assert 'href="http://NY.GDP' not in html and 'href="http://PST.AG"' not in html, name


def test_measurements_can_fail(browser, server):
    """The checks above see a chart squeezed too small and a page that scrolls sideways."""
    recorder = PageRecorder(browser, server, width=WIDTHS["phone"])
    try:
        page = recorder.page
        page.goto(f"{server}/{chart_pages()[0]}", wait_until="networkidle")
        wait_for_charts(page, "probe")
        page.add_style_tag(content=".amlo-chart .amlo-live svg { min-width: 0 !important; width: 120px !important; }"
                                   " .bd-article::after { content: ''; display: block; width: 2000px; height: 1px; }")
        problems = check_layout(page.evaluate(MEASURE, [MIN_TEXT_PX, NARROW.max_width]), "probe", WIDTHS["phone"])
        assert any("has text of" in p for p in problems), problems
        assert any("scrolls sideways" in p for p in problems), problems
    finally:
        recorder.close()
