"""The data package and the charts' downloads inside the built site (used by ``sphinx_ext``).

Stable URLs, relative to the site's root:

- ``data/datapackage.json`` and every CSV at ``data/<folder>/<name>.csv`` (the package as it is in
  ``data/``, byte for byte);
- ``data/schemas/<name>.json``: each resource's Table Schema, the target of the data
  dictionary's "schema" links;
- ``data/amlo-us-mexico-relations.zip``: the whole package with ``README.md`` and
  ``LICENSE-DATA.md``;
- ``data/amlo-us-mexico-relations.xlsx``: one sheet per resource, plus ``about`` (licence,
  citation, which sheet is which resource), ``fields`` (types, units, definitions) and
  ``sources`` (publishers' URLs), for readers who do not program;
- ``data/charts/<chart>.csv``, ``<chart>.metadata.json`` and ``<chart>.zip`` (both, with a
  README) for every chart; the page's ``data:`` links are replaced by links to these files.

Zip and workbook are written with fixed timestamps (the package's ``created``), so two builds
of the same data give the same bytes.
"""

from __future__ import annotations

import base64
import hashlib
import html
import io
import json
import re
import shutil
import zipfile
from pathlib import Path

import analysis
from analysis.book import cite
from analysis.book.charts import chart_anchor, metadata_bytes
from analysis.data import REPO_ROOT, package_path, read_typed

SITE_DATA = "data"
CHARTS = f"{SITE_DATA}/charts"
SCHEMAS = f"{SITE_DATA}/schemas"
SITE_LINK = "amlo-site:"  # href prefix for a file of the built site, resolved per page
LICENSE_FILE = REPO_ROOT / "LICENSE-DATA.md"
SHEET_NAME_MAX = 31  # Excel's limit


def bundle_name(descriptor: dict) -> str:
    return descriptor["name"]


def site_link(path: str) -> str:
    """An href to a file of the built site (``data/...``), made relative to each page at build time."""
    return SITE_LINK + path


def zip_time(descriptor: dict) -> tuple[int, int, int, int, int, int]:
    created = descriptor.get("created", "1980-01-01")[:10]
    year, month, day = (int(x) for x in created.split("-"))
    return (max(year, 1980), month, day, 0, 0, 0)


def zip_bytes(members: list[tuple[str, bytes]], when) -> bytes:
    """A zip of ``(name, bytes)`` members, every one dated ``when``: same members, same bytes."""
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", compression=zipfile.ZIP_DEFLATED) as archive:
        for name, payload in members:
            info = zipfile.ZipInfo(name, date_time=when)
            info.compress_type = zipfile.ZIP_DEFLATED
            info.external_attr = 0o644 << 16
            archive.writestr(info, payload)
    return buffer.getvalue()


def _write_zip(target: Path, members: list[tuple[str, bytes]], when) -> None:
    target.parent.mkdir(parents=True, exist_ok=True)
    target.write_bytes(zip_bytes(members, when))


def readme_text(descriptor: dict) -> str:
    """README.md of the zip: what the package is, how to load it, licence and citation."""
    lines = [
        f"# {descriptor['title']}", "",
        f"Version {descriptor['version']} (created {descriptor.get('created', '')[:10]}). "
        f"{descriptor.get('description', '')}", "",
        "## Files", "",
        "`datapackage.json` describes every table (Frictionless Data Package v2): typed fields, units, "
        "constraints, keys, sources and licence.", "",
        "| file | table | rows |", "|---|---|---|",
    ]
    root = package_path().parent
    for resource in descriptor["resources"]:
        rows = sum(1 for _ in (root / resource["path"]).open("rb")) - 1
        lines.append(f"| `{resource['path']}` | {resource['title']} | {rows:,} |")
    lines += [
        "", "## Loading", "",
        "```python", "from frictionless import Package", "package = Package('datapackage.json')",
        "states = package.get_resource('states').to_pandas()  # the primary key becomes the index", "```", "",
        "With pandas alone, read codes as text and parse dates: "
        "`pd.read_csv('reference/states.csv', dtype={'state_code': 'string'})`; "
        "`parse_dates=['date']` for date fields.", "",
        "## Licence and citation", "",
        f"Data: {', '.join(l.get('title', l.get('name', '')) for l in descriptor.get('licenses', []))} "
        "(see `LICENSE-DATA.md` for the upstream terms of each source).", "",
        "Cite as: " + cite.data_citation(), "",
        "and cite the original publishers named in each resource's `sources`.", "",
    ]
    return "\n".join(lines)


def _sheet_names(names: list[str]) -> dict[str, str]:
    reserved = {"about", "fields", "sources"}
    sheets: dict[str, str] = {}
    for name in names:
        sheet, n = name[:SHEET_NAME_MAX], 1
        while sheet in reserved or sheet in sheets.values():
            n += 1
            suffix = f"~{n}"
            sheet = name[: SHEET_NAME_MAX - len(suffix)] + suffix
        sheets[name] = sheet
    return sheets


def workbook_bytes(descriptor: dict) -> bytes:
    """The Excel workbook: ``about``, one sheet per resource (typed cells), ``fields``, ``sources``."""
    import openpyxl
    from openpyxl.styles import Font

    root = package_path().parent
    sheets = _sheet_names([r["name"] for r in descriptor["resources"]])
    book = openpyxl.Workbook()
    bold = Font(bold=True)
    about = book.active
    about.title = "about"
    licences = ", ".join(f"{l.get('title', l['name'])} ({l.get('path', '')})" for l in descriptor.get("licenses", []))
    for row in [
        [descriptor["title"]],
        ["Version", descriptor["version"]],
        ["Created", descriptor.get("created", "")[:10]],
        ["Licence", licences],
        ["Upstream terms", "Each source keeps its own terms: see LICENSE-DATA.md in the zip of the package."],
        ["Suggested citation", cite.data_citation()],
        ["Sheets", "One sheet per table (named as the table, shortened to 31 characters where needed); "
                   "'fields' gives each column's type, unit and definition, 'sources' the publishers' URLs."],
        [],
        ["sheet", "table", "title", "file in the package", "rows", "description"],
    ]:
        about.append(row)
    about["A1"].font = bold
    header_row = about.max_row
    for cell in about[header_row]:
        cell.font = bold
    for resource in descriptor["resources"]:
        frame = read_typed(root / resource["path"], resource)
        about.append([sheets[resource["name"]], resource["name"], resource["title"], resource["path"], len(frame), resource["description"]])
        sheet = book.create_sheet(sheets[resource["name"]])
        sheet.append(list(frame.columns))
        for cell in sheet[1]:
            cell.font = bold
        sheet.freeze_panes = "A2"
        date_columns = {i for i, f in enumerate(resource["schema"]["fields"]) if f["type"] == "date"}
        for record in frame.itertuples(index=False, name=None):
            sheet.append([None if _missing(v) else (v.to_pydatetime().date() if i in date_columns else _plain(v)) for i, v in enumerate(record)])
        for i in date_columns:
            for (cell,) in sheet.iter_rows(min_row=2, min_col=i + 1, max_col=i + 1):
                cell.number_format = "yyyy-mm-dd"
    fields = book.create_sheet("fields")
    fields.append(["table", "field", "type", "unit", "description", "constraints"])
    for resource in descriptor["resources"]:
        for spec in resource["schema"]["fields"]:
            constraints = ", ".join(f"{k}={v}" for k, v in spec.get("constraints", {}).items())
            fields.append([resource["name"], spec["name"], spec["type"], spec.get("unit", ""), spec.get("description", ""), constraints])
    sources = book.create_sheet("sources")
    sources.append(["table", "source", "URL"])
    for resource in descriptor["resources"]:
        for source in resource.get("sources", []):
            sources.append([resource["name"], source.get("title", ""), source.get("path", "")])
    for sheet in (fields, sources):
        for cell in sheet[1]:
            cell.font = bold
        sheet.freeze_panes = "A2"
    created = _created_datetime(descriptor)
    book.properties.creator = cite.AUTHOR
    book.properties.title = descriptor["title"]
    book.properties.created = created
    book.properties.modified = created
    buffer = io.BytesIO()
    book.save(buffer)
    stamp = created.strftime("%Y-%m-%dT%H:%M:%SZ")
    # openpyxl stamps "modified" with the clock when saving: put the package's date back.
    return _fixed_zip_times(buffer.getvalue(), zip_time(descriptor), {"docProps/core.xml": lambda xml: re.sub(
        rb"(<dcterms:modified[^>]*>)[^<]*(</dcterms:modified>)", rb"\g<1>" + stamp.encode() + rb"\g<2>", xml)})


def _missing(value) -> bool:
    import pandas as pd

    return value is None or (not isinstance(value, str) and bool(pd.isna(value)))


def _plain(value):
    return value.item() if hasattr(value, "item") else value


def _created_datetime(descriptor: dict):
    import datetime as dt

    return dt.datetime(*zip_time(descriptor))


def _fixed_zip_times(payload: bytes, when, rewrite: dict | None = None) -> bytes:
    """Rewrite a zip (an .xlsx) with every member dated ``when`` (and ``rewrite[name]`` applied
    to a member's bytes): same data, same bytes."""
    source = zipfile.ZipFile(io.BytesIO(payload))
    rewrite = rewrite or {}
    members = [(info.filename, rewrite.get(info.filename, lambda b: b)(source.read(info.filename))) for info in source.infolist()]
    return zip_bytes(members, when)


def _package_digest(descriptor_bytes: bytes, descriptor: dict) -> str:
    digest = hashlib.sha256(descriptor_bytes)
    for extra in (LICENSE_FILE.read_bytes() if LICENSE_FILE.is_file() else b"", cite.data_citation().encode(), Path(__file__).read_bytes()):
        digest.update(extra)
    return digest.hexdigest()


def write_site_package(outdir: Path) -> dict[str, Path]:
    """Copy the package in use into ``outdir/data`` and write its schemas, zip and workbook.

    The descriptor records each CSV's sha256, so an unchanged descriptor (and licence text,
    citation and this module) means unchanged files: the zip and workbook are then kept."""
    source = package_path()
    descriptor_bytes = source.read_bytes()
    descriptor = json.loads(descriptor_bytes)
    target = Path(outdir) / SITE_DATA
    name = bundle_name(descriptor)
    paths = {"descriptor": target / "datapackage.json", "zip": target / f"{name}.zip", "workbook": target / f"{name}.xlsx"}
    stamp = target / ".package-digest"
    digest = _package_digest(descriptor_bytes, descriptor)
    if stamp.is_file() and stamp.read_text() == digest and all(p.is_file() for p in paths.values()):
        return paths
    for resource in descriptor["resources"]:
        (target / resource["path"]).parent.mkdir(parents=True, exist_ok=True)
        shutil.copyfile(source.parent / resource["path"], target / resource["path"])
        schema = target / SCHEMAS.removeprefix(f"{SITE_DATA}/") / f"{resource['name']}.json"
        schema.parent.mkdir(parents=True, exist_ok=True)
        schema.write_text(json.dumps(resource["schema"], indent=2, ensure_ascii=False) + "\n", encoding="utf-8")
    paths["descriptor"].write_bytes(descriptor_bytes)
    readme = readme_text(descriptor).encode("utf-8")
    (target / "README.md").write_bytes(readme)
    members = [("datapackage.json", descriptor_bytes), ("README.md", readme)]
    if LICENSE_FILE.is_file():
        shutil.copyfile(LICENSE_FILE, target / "LICENSE-DATA.md")
        members.append(("LICENSE-DATA.md", LICENSE_FILE.read_bytes()))
    members += [(r["path"], (source.parent / r["path"]).read_bytes()) for r in descriptor["resources"]]
    _write_zip(paths["zip"], [(f"{name}/{member}", payload) for member, payload in members], zip_time(descriptor))
    paths["workbook"].write_bytes(workbook_bytes(descriptor))
    stamp.write_text(digest)
    return paths


# ---- the charts' downloads ---------------------------------------------------------------------

_FIGURE = re.compile(r'<figure class="amlo-figure".*?</figure>', re.S)
_DATA_LINK = re.compile(r'<a class="amlo-(csv|metadata)" download="([^"]+)" href="data:[^;"]+;base64,([A-Za-z0-9+/=]*)">')


def chart_readme(metadata: dict) -> str:
    lines = [f"# {metadata['title']}", "", metadata.get("subtitle", ""), "", metadata["description"], "",
             metadata["source"], "", f"Files: `{metadata['chart']}.csv` (the rows the chart shows) and "
             f"`{metadata['chart']}.metadata.json` (units and definitions of each column, sources with URLs, licence).", "",
             "## Columns", ""]
    for column in metadata["columns"]:
        unit = f" ({column['unit']})" if column.get("unit") else ""
        lines.append(f"- `{column['name']}`{unit}: {column['description']}")
    lines += ["", "## Licence", ""]
    lines += [f"{l.get('title', l.get('name'))} <{l.get('path', '')}>" for l in metadata.get("licenses", [])]
    lines += ["", metadata.get("license_note", ""), "", "## Cite as", "", metadata["citation"], ""]
    return "\n".join(lines)


def page_url(base_url: str, pagename: str, suffix: str = ".html") -> str:
    """The page's address: absolute when the site's address is configured, else from the site root."""
    return f"{base_url.rstrip('/') + '/' if base_url else ''}{pagename}{suffix}"


def resolve_page(body: str, pagename: str, pathto, outdir: Path, base_url: str = "", suffix: str = ".html",
                 seen: dict[str, str] | None = None) -> str:
    """Write each chart's downloads as files of the site and link them from the page; add the
    stable anchor before each chart and its permalink to the citation; resolve ``amlo-site:``."""

    def chart(match: re.Match) -> str:
        block = match.group(0)
        links = {kind: (filename, base64.b64decode(payload)) for kind, filename, payload in _DATA_LINK.findall(block)}
        if set(links) != {"csv", "metadata"}:
            return block
        name = links["csv"][0].removesuffix(".csv")
        if seen is not None:
            other = seen.setdefault(name, pagename)
            if other != pagename:
                raise ValueError(f"chart name {name!r} is used on two pages ({other}, {pagename}): chart names must be unique")
        anchor = chart_anchor(name)
        url = f"{page_url(base_url, pagename, suffix)}#{anchor}"
        metadata = json.loads(links["metadata"][1])
        metadata["url"] = url
        metadata["citation"] = f"{metadata['citation']} {url}"
        csv_path, meta_path, zip_path = (f"{CHARTS}/{name}{ext}" for ext in (".csv", ".metadata.json", ".zip"))
        files = Path(outdir)
        (files / CHARTS).mkdir(parents=True, exist_ok=True)
        (files / csv_path).write_bytes(links["csv"][1])
        meta = metadata_bytes(metadata)
        (files / meta_path).write_bytes(meta)
        created = analysis.package_descriptor().get("created", "1980-01-01")
        _write_zip(files / zip_path, [(f"{name}.csv", links["csv"][1]), (f"{name}.metadata.json", meta),
                                       ("README.md", chart_readme(metadata).encode("utf-8"))], zip_time({"created": created}))

        def link(m: re.Match) -> str:
            path = csv_path if m.group(1) == "csv" else meta_path
            return f'<a class="amlo-{m.group(1)}" download="{m.group(2)}" href="{pathto(path, 1)}">'

        block = _DATA_LINK.sub(link, block)
        block = block.replace('</span> · <a class="amlo-permalink"',
                              f' · <a class="amlo-zip" download="{name}.zip" href="{pathto(zip_path, 1)}">'
                              f'both in one zip</a></span> · <a class="amlo-permalink"', 1)
        block = block.replace('<span class="amlo-cite-url"></span>', f'<span class="amlo-cite-url"> {html.escape(url)}</span>', 1)
        return f'<span class="amlo-anchor" id="{anchor}"></span>{block}'

    body = _FIGURE.sub(chart, body)
    return re.sub(r'href="amlo-site:([^"#]+)(#[^"]*)?"', lambda m: f'href="{pathto(m.group(1), 1)}{m.group(2) or ""}"', body)
