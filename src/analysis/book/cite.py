"""Suggested citations of the book, the data package and each chart, for the version built.

One source for the texts the "How to cite" page, the charts' "Cite this chart" boxes, their
metadata downloads and the checks on ``CITATION.cff`` use. Where the book is published is read
from ``_config.yml`` (``html.baseurl``, the site's address, and ``repository.url``): both are
empty until the book is published, and the citations then carry no address rather than a
placeholder.
"""

from __future__ import annotations

import datetime as dt
import os
import re
import subprocess
from dataclasses import dataclass
from pathlib import Path

import analysis
from analysis.data import REPO_ROOT

BOOK_TITLE = "U.S.–Mexico Relations in the López Obrador Era (2018–2024)"
AUTHOR = "AMLO-era U.S.–Mexico report team"
DATA_TITLE = "U.S.–Mexico relations in the López Obrador era (2018–2024): data package"
DATA_LICENSE = "CC BY 4.0"
CODE_LICENSE = "MIT"
CONFIG = REPO_ROOT / "_config.yml"


@dataclass(frozen=True)
class Publication:
    """Where the book is published (both empty until it is)."""

    site_url: str = ""
    repository_url: str = ""


def publication(config: Path = CONFIG) -> Publication:
    """``html.baseurl`` and ``repository.url`` of ``_config.yml`` ("" when unset or no file)."""
    if not config.is_file():
        return Publication()
    import yaml

    settings = yaml.safe_load(config.read_text(encoding="utf-8")) or {}
    site = str(((settings.get("html") or {}).get("baseurl")) or "").strip()
    repository = str(((settings.get("repository") or {}).get("url")) or "").strip()
    return Publication(site_url=site.rstrip("/") + "/" if site else "", repository_url=repository.rstrip("/"))


def _changelog_date(version: str) -> str | None:
    path = REPO_ROOT / "CHANGELOG.md"
    if not path.is_file():
        return None
    match = re.search(rf"^## \[{re.escape(version)}\] [–-] (\d{{4}}-\d{{2}}-\d{{2}})\s*$", path.read_text(encoding="utf-8"), flags=re.M)
    return match.group(1) if match else None


def version_date(version: str | None = None) -> str:
    """The date of the version built: its dated changelog heading once released, otherwise the
    build date (``SOURCE_DATE_EPOCH``, else the last commit's date, else today)."""
    dated = _changelog_date(version or analysis.__version__)
    if dated:
        return dated
    epoch = os.environ.get("SOURCE_DATE_EPOCH")
    if epoch:
        return dt.datetime.fromtimestamp(int(epoch), tz=dt.timezone.utc).date().isoformat()
    try:
        out = subprocess.run(["git", "log", "-1", "--format=%cs"], cwd=REPO_ROOT, capture_output=True, text=True, timeout=10)
        if re.fullmatch(r"\d{4}-\d{2}-\d{2}", out.stdout.strip()):
            return out.stdout.strip()
    except OSError:
        pass
    return dt.date.today().isoformat()


def _with_url(text: str, url: str) -> str:
    return f"{text} {url}" if url else text


def book_citation(pub: Publication | None = None) -> str:
    pub = pub if pub is not None else publication()
    v = analysis.__version__
    return _with_url(f"{AUTHOR} ({version_date()[:4]}). {BOOK_TITLE}. Version {v}. Open, reproducible report (code: {CODE_LICENSE}; data: {DATA_LICENSE}).", pub.site_url)


def data_citation(pub: Publication | None = None) -> str:
    pub = pub if pub is not None else publication()
    v = analysis.__version__
    url = pub.site_url + "data/datapackage.json" if pub.site_url else ""
    return _with_url(f"{AUTHOR} ({version_date()[:4]}). {DATA_TITLE}. Version {v} [Data set]. Frictionless Data Package, {DATA_LICENSE}.", url)


def chart_citation(title: str, name: str, page_url: str = "") -> str:
    """Suggested citation of one chart; ``page_url`` is the chart's permalink once known."""
    v = analysis.__version__
    text = f"{AUTHOR} ({version_date()[:4]}). “{title}” [chart {name}]. In {BOOK_TITLE}, version {v}."
    return _with_url(text, page_url)


def _bibtex(kind: str, key: str, fields: dict[str, str]) -> str:
    body = ",\n".join(f"  {name} = {{{value}}}" for name, value in fields.items() if value)
    return f"@{kind}{{{key},\n{body}\n}}"


def book_bibtex(pub: Publication | None = None) -> str:
    pub = pub if pub is not None else publication()
    v = analysis.__version__
    return _bibtex("book", f"amlo_report_{v.replace('.', '_')}", {
        "author": f"{{{AUTHOR}}}", "title": BOOK_TITLE, "year": version_date()[:4], "edition": f"Version {v}",
        "url": pub.site_url, "note": f"Open, reproducible report; code {CODE_LICENSE}, data {DATA_LICENSE}"})


def data_bibtex(pub: Publication | None = None) -> str:
    pub = pub if pub is not None else publication()
    v = analysis.__version__
    return _bibtex("misc", f"amlo_data_{v.replace('.', '_')}", {
        "author": f"{{{AUTHOR}}}", "title": DATA_TITLE, "year": version_date()[:4], "version": v,
        "howpublished": "Frictionless Data Package", "url": pub.site_url + "data/datapackage.json" if pub.site_url else "",
        "note": f"Licence {DATA_LICENSE}; cite also the original publishers named in each resource's sources"})
