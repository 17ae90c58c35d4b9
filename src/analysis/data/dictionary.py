"""The data dictionary page, generated from datapackage.json at build time (it cannot drift).

Every resource links to its CSV and its Table Schema in the built site (``data/<folder>/<name>.csv``
and ``data/schemas/<name>.json``, copied there by the book build, ``analysis.book.sitedata``).
Links are written ``amlo-site:<path>`` and made relative to the page when the page is written.
"""

from __future__ import annotations

import pandas as pd

from analysis.data import load, package_descriptor
from analysis.data.periods import long_date

SITE_LINK = "amlo-site:"  # resolved per page by the book build (analysis.book.sitedata.SITE_LINK)


def csv_url(resource: dict) -> str:
    return f"{SITE_LINK}data/{resource['path']}"


def schema_url(resource: dict) -> str:
    return f"{SITE_LINK}data/schemas/{resource['name']}.json"


def _link(href: str, text: str, *, download: str | None = None) -> str:
    attribute = f' download="{download}"' if download else ""
    return f'<a class="amlo-data-link" href="{href}"{attribute}>{text}</a>'


def package_links() -> str:
    """The downloads of the whole package, as one Markdown line of links."""
    name = package_descriptor()["name"]
    return " · ".join([
        _link(f"{SITE_LINK}data/{name}.zip", "the whole package (zip: CSV files, datapackage.json, README, licence)", download=f"{name}.zip"),
        _link(f"{SITE_LINK}data/{name}.xlsx", "an Excel workbook (one sheet per table, plus fields and sources)", download=f"{name}.xlsx"),
        _link(f"{SITE_LINK}data/datapackage.json", "datapackage.json (the descriptor)"),
    ])


def resources_overview() -> pd.DataFrame:
    rows = []
    for resource in package_descriptor()["resources"]:
        rows.append(
            {
                "resource": resource["name"],
                "file": _link(csv_url(resource), f"data/{resource['path']}", download=resource["path"].rsplit("/", 1)[-1]),
                "title": resource["title"],
                "rows": len(load(resource["name"])),
                "fields": len(resource["schema"]["fields"]),
                "primary key": ", ".join(resource["schema"].get("primaryKey", [])),
            }
        )
    return pd.DataFrame(rows)


def fields_table(name: str) -> pd.DataFrame:
    resource = next(r for r in package_descriptor()["resources"] if r["name"] == name)
    rows = []
    for spec in resource["schema"]["fields"]:
        constraints = spec.get("constraints", {})
        rows.append(
            {
                "field": spec["name"],
                "type": spec["type"],
                "unit": spec.get("unit", ""),
                "description": spec.get("description", ""),
                "constraints": ", ".join(f"{k}={v}" for k, v in constraints.items()),
            }
        )
    return pd.DataFrame(rows)


def sources_table(name: str) -> pd.DataFrame:
    resource = next(r for r in package_descriptor()["resources"] if r["name"] == name)
    return pd.DataFrame([{"publisher": s.get("publisher", ""), "title": s["title"], "URL": s.get("path", "")} for s in resource.get("sources", [])])


def dictionary_markdown() -> str:
    """One section per resource: description, license, fields and sources, as Markdown."""
    descriptor = package_descriptor()
    parts = []
    for resource in descriptor["resources"]:
        name = resource["name"]
        parts.append(f"(resource-{name})=\n### `{name}`\n")
        parts.append(f"**{resource['title']}.** {resource['description']}\n")
        path = f"data/{resource['path']}"
        parts.append(
            f"File {_link(csv_url(resource), path)} "
            f"(CSV, {resource['bytes']:,} bytes, {resource['hash']}) · "
            f"{_link(schema_url(resource), 'Table Schema (JSON)')} · "
            f"license {', '.join(l['name'] for l in resource['licenses'])}\n"
        )
        parts.append(fields_table(name).to_markdown(index=False) + "\n")
        parts.append("Sources:\n")
        for source in resource.get("sources", []):
            url = source.get("path", "")
            # Sources taken from a table's rows (row_sources) name their publisher in the title.
            lead = f"{source['publisher']}: " if source.get("publisher") else ""
            parts.append(f"- {lead}{source['title']} <{url}>" if url else f"- {lead}{source['title']}")
        parts.append("")
    return "\n".join(parts)


def _period_label(value, period_type: str) -> str:
    """A period as a reader writes it: 2024, FY2024, Aug 2025, 12 September 2024."""
    if pd.isna(value):
        return ""
    if isinstance(value, pd.Timestamp):
        return value.strftime("%b %Y") if period_type == "month" else long_date(value)
    return f"FY{int(value)}" if period_type == "U.S. fiscal year" else str(int(value)) if str(value).isdigit() else str(value)


def coverage_table() -> pd.DataFrame:
    """Per time-series resource: its period type, first and last period, the rows in its last
    period and the status of those latest values (as the table records it; "not marked" where the
    table has no status field). Computed from the data, from each resource's ``coverage``."""
    rows = []
    for resource in package_descriptor()["resources"]:
        coverage = resource.get("coverage")
        if not coverage:
            continue
        table = load(resource["name"])
        status_field = coverage.get("statusField")
        if status_field:  # a figure looked for and not found has a period but no value
            table = table[table[status_field] != "not found"]
        periods = table[coverage["periodField"]].dropna()
        kind = coverage["periodType"]
        last = periods.max()
        latest = table[table[coverage["periodField"]] == last]
        status = ", ".join(sorted(latest[status_field].dropna().astype(str).unique())) if status_field else "not marked"
        rows.append({
            "resource": resource["name"],
            "period type": kind,
            "first": _period_label(periods.min(), kind),
            "last": _period_label(last, kind),
            "rows in the last period": len(latest),
            "status of the latest values": status or "not marked",
        })
    return pd.DataFrame(rows)


def untimed_resources() -> list[str]:
    """Resources without a time axis (references, boundaries, lists of events or claims)."""
    return [r["name"] for r in package_descriptor()["resources"] if not r.get("coverage")]
