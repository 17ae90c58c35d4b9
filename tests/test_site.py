"""The versioned site (make site): releases side by side with the working tree, switchable.

Builds every release recorded in releases/ from its own commit plus the working tree, then, in
Chromium, switches from the working tree's page to the same page of the first release.
"""

from __future__ import annotations

import functools
import http.server
import json
import subprocess
import sys
import threading
from pathlib import Path

import pytest

from analysis.book.release import released_versions

ROOT = Path(__file__).resolve().parents[1]
SITE = ROOT / "_build" / "site"

pytestmark = [pytest.mark.slow, pytest.mark.browser]


@pytest.fixture(scope="module")
def site():
    if not released_versions():
        pytest.fail("no release recorded in releases/: the site needs at least one")
    subprocess.run([sys.executable, "-m", "analysis.book.site"], cwd=ROOT, check=True, capture_output=True, timeout=1200)
    return SITE


def test_every_release_and_dev_are_built_with_a_version_list(site):
    names = released_versions() + ["dev", "latest"]
    for name in names:
        assert (site / name / "chapters" / "intro.html").is_file(), name
        listing = json.loads((site / name / "_static" / "versions.json").read_text())
        assert [v["name"] for v in listing["versions"]] == names
        assert listing["current"] == name
    assert "latest/index.html" in (site / "index.html").read_text()


def test_switching_versions_in_the_browser(site):
    from playwright.sync_api import sync_playwright

    class Quiet(http.server.SimpleHTTPRequestHandler):
        def log_message(self, *args):
            pass

    httpd = http.server.ThreadingHTTPServer(("127.0.0.1", 0), functools.partial(Quiet, directory=str(site)))
    threading.Thread(target=httpd.serve_forever, daemon=True).start()
    base = f"http://127.0.0.1:{httpd.server_address[1]}"
    release = released_versions()[0]
    try:
        with sync_playwright() as playwright:
            browser = playwright.chromium.launch(executable_path="/usr/bin/chromium", args=["--headless", "--no-sandbox", "--disable-gpu"])
            page = browser.new_page()
            errors: list[str] = []
            page.on("pageerror", lambda e: errors.append(str(e)))
            page.goto(f"{base}/dev/chapters/trade.html", wait_until="networkidle")
            switcher = page.locator(".amlo-version-switcher select")
            switcher.wait_for(timeout=10000)
            assert switcher.locator("option").all_inner_texts() == released_versions() + ["dev", "latest"]
            switcher.select_option(label=release)
            page.wait_for_url(f"**/{release}/chapters/trade.html", timeout=10000)
            assert f"Version {release}" in page.locator(".amlo-version").first.inner_text()
            assert errors == []
            browser.close()
    finally:
        httpd.shutdown()
