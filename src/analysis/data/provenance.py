"""Where the package's numbers come from, computed from the descriptor and the tables.

Two kinds of table hold figures:

- **publisher files**: derived by code from files the publishers released (CSV, spreadsheets,
  microdata), snapshotted in ``raw/``; their ``sources`` name the download. Their rows carry no
  page of their own.
- **published figures**: figures read on a published page, one page per row (field
  ``source_url``, with ``publisher`` or ``source``, the document and an excerpt in the raw file).
  A row's page is either the publisher's own (a government or intergovernmental site, or the site
  of the organisation that published the figure) or a press report or other secondary page (a
  newspaper, a wire copy, a compilation, a law firm's note, a library's copy). A row without a
  page records a figure that was looked for and not found.

The timeline of events (dated events, each with its page) and the fact-check ledger (the
project's own verdicts) are counted apart: they are not figures.
"""

from __future__ import annotations

from urllib.parse import urlparse

import pandas as pd

from analysis.data import load, package_descriptor

ROW_URL = "source_url"
LEDGER = "claims"
EVENTS = "events"

PUBLISHER_FILES = "publisher files"
PUBLISHED_FIGURES = "published figures"
KINDS = (PUBLISHER_FILES, PUBLISHED_FIGURES, EVENTS, LEDGER)
SHORT = {PUBLISHER_FILES: "files", PUBLISHED_FIGURES: "figures", EVENTS: "events", LEDGER: "ledger"}

# Hosts of publishers' own pages: government and intergovernmental domains, and the sites of the
# non-government publishers whose figures the package cites.
OFFICIAL_DOMAINS = ("gov", "gob.mx", "mil", "int")
PUBLISHER_SITES = ("inegi.org.mx", "ine.mx", "banxico.org.mx", "transparency.org", "pewresearch.org", "crisisgroup.org")
# Copies on an official domain that are not the publisher's page (a library's copy of an article).
COPIES = ("pmc.ncbi.nlm.nih.gov",)


def host(url: str) -> str:
    """The page's host name in lower case, without ``www.`` and without a trailing dot."""
    name = (urlparse(url).hostname or "").rstrip(".").lower()
    return name.removeprefix("www.")


def _on(name: str, site: str) -> bool:
    return name == site or name.endswith("." + site)


def is_publisher_page(url: str) -> bool:
    """Whether ``url`` is a publisher's own page (see the module docstring), not press or a copy."""
    name = host(url)
    if not name or any(_on(name, copy) for copy in COPIES):
        return False
    return any(_on(name, site) for site in (*OFFICIAL_DOMAINS, *PUBLISHER_SITES))


def resource_kind(resource: dict) -> str:
    """One of :data:`KINDS` for a resource of the descriptor."""
    if resource["name"] == LEDGER:
        return LEDGER
    if resource["name"] == EVENTS:
        return EVENTS
    fields = {spec["name"] for spec in resource["schema"]["fields"]}
    return PUBLISHED_FIGURES if ROW_URL in fields else PUBLISHER_FILES


def sourcing_table(descriptor: dict | None = None, loader=load) -> pd.DataFrame:
    """One row per resource: its kind, its rows and, for tables whose rows cite a page, how many
    rows cite a publisher's own page, how many a press or other secondary page, and how many
    record a figure not found (no page)."""
    descriptor = package_descriptor() if descriptor is None else descriptor
    rows = []
    for resource in descriptor["resources"]:
        kind = resource_kind(resource)
        table = loader(resource["name"])
        record = {"resource": resource["name"], "title": resource["title"], "kind": kind, "rows": len(table),
                  "publisher_page": 0, "secondary_page": 0, "no_page": 0}
        if kind in (PUBLISHED_FIGURES, EVENTS):
            urls = table[ROW_URL].astype("string").fillna("").str.strip()
            official = urls.map(lambda url: bool(url) and is_publisher_page(url))
            record["no_page"] = int((urls == "").sum())
            record["publisher_page"] = int(official.sum())
            record["secondary_page"] = len(table) - record["no_page"] - record["publisher_page"]
        rows.append(record)
    return pd.DataFrame(rows, columns=["resource", "title", "kind", "rows", "publisher_page", "secondary_page", "no_page"])


def sourcing_counts(table: pd.DataFrame) -> dict[str, int]:
    """Totals of :func:`sourcing_table` for the book's prose: ``<kind>_resources`` for every kind
    (``files``, ``figures``, ``events``, ``ledger``), and ``<kind>_rows``, ``<kind>_publisher_page``,
    ``<kind>_secondary_page`` and ``<kind>_no_page`` for the published figures and the timeline."""
    counts = {f"{short}_resources": int((table["kind"] == kind).sum()) for kind, short in SHORT.items()}
    for kind in (PUBLISHED_FIGURES, EVENTS):
        part = table[table["kind"] == kind]
        for column in ("rows", "publisher_page", "secondary_page", "no_page"):
            counts[f"{SHORT[kind]}_{column}"] = int(part[column].sum())
    return counts
