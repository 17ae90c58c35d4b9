"""The data dictionary page, generated from datapackage.json at build time (it cannot drift)."""

from __future__ import annotations

import pandas as pd

from analysis.data import load, package_descriptor


def resources_overview() -> pd.DataFrame:
    rows = []
    for resource in package_descriptor()["resources"]:
        rows.append(
            {
                "resource": resource["name"],
                "file": f"data/{resource['path']}",
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
        parts.append(
            f"File `data/{resource['path']}` · {resource['bytes']:,} bytes · {resource['hash']} · "
            f"license {', '.join(l['name'] for l in resource['licenses'])}\n"
        )
        parts.append(fields_table(name).to_markdown(index=False) + "\n")
        parts.append("Sources:\n")
        for source in resource.get("sources", []):
            url = source.get("path", "")
            parts.append(f"- {source.get('publisher', '')}: {source['title']} <{url}>" if url else f"- {source['title']}")
        parts.append("")
    return "\n".join(parts)
