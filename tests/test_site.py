"""The versioned site (make site): releases side by side with the working tree, switchable.

Builds the newest release recorded in releases/ from its own commit, plus the working tree, into a
folder of the test's own, then, in Chromium, switches from the working tree's page to the same page
of the release. One release is enough to test the machinery every release goes through (checkout of
its commit, build, version list, switcher), and keeps the test's cost the same however many releases
there are; ``make site`` builds them all.
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
from analysis.book.site import version_names

ROOT = Path(__file__).resolve().parents[1]

pytestmark = [pytest.mark.slow, pytest.mark.browser]


@pytest.fixture(scope="module")
def site(tmp_path_factory):
    if not released_versions():
        pytest.fail("no release recorded in releases/: the site needs at least one")
    out = tmp_path_factory.mktemp("site") / "site"
    result = subprocess.run([sys.executable, "-m", "analysis.book.site", "--releases", NEWEST, "--out", str(out)],
                            cwd=ROOT, capture_output=True, text=True, timeout=1200)
    assert result.returncode == 0, result.stdout[-3000:] + result.stderr[-3000:]
    return out


NEWEST = released_versions()[-1] if released_versions() else ""


def test_the_switcher_lists_every_release_then_dev_and_latest():
    assert version_names(["0.1.0", "0.2.0"]) == ["0.1.0", "0.2.0", "dev", "latest"]
    assert version_names([]) == ["dev"]


def test_an_unknown_release_is_refused_by_name(tmp_path):
    result = subprocess.run([sys.executable, "-m", "analysis.book.site", "--releases", "9.9.9", "--out", str(tmp_path / "site")],
                            cwd=ROOT, capture_output=True, text=True, timeout=60)
    assert result.returncode == 2 and "no such release: 9.9.9" in result.stderr
    assert not (tmp_path / "site").exists()


def test_a_release_and_dev_are_built_with_a_version_list(site):
    names = [NEWEST, "dev", "latest"]
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
    release = NEWEST
    try:
        with sync_playwright() as playwright:
            browser = playwright.chromium.launch(executable_path="/usr/bin/chromium", args=["--headless", "--no-sandbox", "--disable-gpu"])
            page = browser.new_page()
            errors: list[str] = []
            page.on("pageerror", lambda e: errors.append(str(e)))
            page.goto(f"{base}/dev/chapters/trade.html", wait_until="networkidle")
            switcher = page.locator(".amlo-version-switcher select")
            switcher.wait_for(timeout=10000)
            assert switcher.locator("option").all_inner_texts() == [NEWEST, "dev", "latest"]
            switcher.select_option(label=release)
            page.wait_for_url(f"**/{release}/chapters/trade.html", timeout=10000)
            assert f"Version {release}" in page.locator(".amlo-version").first.inner_text()
            assert errors == []
            browser.close()
    finally:
        httpd.shutdown()


def test_a_release_cached_meanwhile_by_another_build_is_used(tmp_path, monkeypatch):
    """Two make site at once build the same release; the second to finish keeps the first's cache."""
    from analysis.book import site as site_module
    from analysis.book.build import environment_fingerprint

    monkeypatch.setattr(site_module, "SITE_CACHE", tmp_path / "cache")
    commit = site_module.release_commit(NEWEST)
    cached = tmp_path / "cache" / f"{NEWEST}-{commit[:12]}-{environment_fingerprint()[:12]}"

    def build_while_another_finishes(source, work, versions_json, extra_env=None):
        html = work / "_build" / "html"
        html.mkdir(parents=True)
        (html / "index.html").write_text("this build\n", encoding="utf-8")
        cached.mkdir(parents=True)
        (cached / "index.html").write_text("the other build\n", encoding="utf-8")
        return html

    monkeypatch.setattr(site_module, "_jupyter_book", build_while_another_finishes)
    assert site_module.release_site(NEWEST, "{}") == cached
    assert (cached / "index.html").read_text(encoding="utf-8") == "the other build\n"
