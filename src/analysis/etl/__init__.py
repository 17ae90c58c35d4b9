"""Derivation of the data package from publishers' raw files.

One module per source (``analysis.etl.<source>``), each exposing ``RESOURCES``: a list of
:class:`Resource`, i.e. the metadata of a table (title, description, sources with download
URLs, hand-written Table Schema) next to the pure function that derives it from the raw folder.
``python -m analysis.etl --raw RAW`` derives every table, validates the result with frictionless
and only then replaces ``data/``; ``--check`` re-derives into a temporary folder and compares
byte for byte. Nothing here is read by the book build.
"""

from __future__ import annotations

import hashlib
import importlib
import json
import pkgutil
import shutil
import tempfile
from dataclasses import dataclass, field
from pathlib import Path
from typing import Callable

import pandas as pd

import analysis

DataFrames = dict[str, pd.DataFrame]
Deriver = Callable[[Path, DataFrames], pd.DataFrame]

PACKAGE_NAME = "amlo-us-mexico-relations"
PACKAGE_TITLE = "U.S.–Mexico relations in the López Obrador era (2018–2024): data package"
DATA_LICENSE = {
    "name": "CC-BY-4.0",
    "title": "Creative Commons Attribution 4.0",
    "path": "https://creativecommons.org/licenses/by/4.0/",
}


class DerivationError(ValueError):
    """Raised when a raw file does not look as its step expects; names file, row and field."""

    def __init__(self, file: Path | str, message: str, *, row: int | None = None, field: str | None = None):
        where = str(file)
        if row is not None:
            where += f", row {row}"
        if field is not None:
            where += f", field {field!r}"
        super().__init__(f"{where}: {message}")


def field_(name: str, type_: str, description: str, *, unit: str | None = None, **constraints) -> dict:
    """A Table Schema field. ``unit`` is stored as a custom property and repeated in the description."""
    spec: dict = {"name": name, "type": type_, "description": description}
    if type_ == "date":
        spec["format"] = "%Y-%m-%d"  # plain ISO dates; no pattern guessing by readers
    if unit:
        spec["unit"] = unit
    if constraints:
        spec["constraints"] = constraints
    return spec


@dataclass
class Resource:
    name: str
    folder: str
    title: str
    description: str
    sources: list[dict]
    fields: list[dict]
    derive: Deriver
    primary_key: list[str]
    foreign_keys: list[dict] = field(default_factory=list)
    depends_on: list[str] = field(default_factory=list)
    raw_files: list[str] = field(default_factory=list)
    missing_values: list[str] = field(default_factory=lambda: [""])
    # (title column, URL column): add every distinct row source to the resource's ``sources``,
    # for tables whose rows each cite their own published release.
    row_sources: tuple[str, str] | None = None

    @property
    def path(self) -> str:
        return f"{self.folder}/{self.name}.csv"

    def schema(self) -> dict:
        schema: dict = {"fields": self.fields, "missingValues": self.missing_values, "primaryKey": self.primary_key}
        if self.foreign_keys:
            schema["foreignKeys"] = self.foreign_keys
        return schema

    def all_sources(self, csv_bytes: bytes) -> list[dict]:
        sources = list(self.sources)
        if self.row_sources:
            import io

            title, url = self.row_sources
            rows = pd.read_csv(io.BytesIO(csv_bytes), dtype="string", keep_default_na=False, usecols=[title, url])
            for record in rows.drop_duplicates().to_dict("records"):
                if not record[url]:  # a figure looked for and not found has no page to cite
                    continue
                entry = {"title": record[title], "path": record[url]}
                if entry not in sources:
                    sources.append(entry)
        return sources

    def descriptor(self, csv_bytes: bytes) -> dict:
        return {
            "name": self.name,
            "path": self.path,
            "profile": "tabular-data-resource",
            "title": self.title,
            "description": self.description,
            "format": "csv",
            "mediatype": "text/csv",
            "encoding": "utf-8",
            "hash": "sha256:" + hashlib.sha256(csv_bytes).hexdigest(),
            "bytes": len(csv_bytes),
            "sources": self.all_sources(csv_bytes),
            "licenses": [DATA_LICENSE],
            "schema": self.schema(),
        }


def foreign_key(fields: str | list[str], resource: str, reference_fields: str | list[str]) -> dict:
    return {"fields": fields, "reference": {"resource": resource, "fields": reference_fields}}


def all_resources(strict: bool = True) -> list[Resource]:
    """Every resource declared by a step module, in dependency order.

    With ``strict=False`` (partial derivations while other steps are being written), a step module
    that fails to import is reported and skipped instead of stopping everything."""
    import sys
    import traceback

    found: dict[str, Resource] = {}
    for info in pkgutil.iter_modules(__path__):
        if info.name.startswith("_"):
            continue
        try:
            module = importlib.import_module(f"{__name__}.{info.name}")
        except Exception:
            if strict:
                raise
            print(f"warning: skipped step module {info.name} (import failed):\n{traceback.format_exc(limit=2)}", file=sys.stderr)
            continue
        for resource in getattr(module, "RESOURCES", []):
            if resource.name in found:
                raise ValueError(f"resource {resource.name!r} declared twice ({module.__name__})")
            found[resource.name] = resource
    ordered: list[Resource] = []
    visiting: set[str] = set()

    def visit(name: str) -> None:
        if any(r.name == name for r in ordered):
            return
        if name in visiting:
            raise ValueError(f"dependency cycle through resource {name!r}")
        if name not in found:
            raise ValueError(f"unknown resource {name!r} in depends_on")
        visiting.add(name)
        for dep in found[name].depends_on:
            visit(dep)
        visiting.discard(name)
        ordered.append(found[name])

    for name in sorted(found):
        visit(name)
    return ordered


def to_csv_bytes(frame: pd.DataFrame, resource: Resource) -> bytes:
    """Serialise deterministically: declared column order, LF line ends, no index."""
    columns = [f["name"] for f in resource.fields]
    extra = set(frame.columns) - set(columns)
    missing = set(columns) - set(frame.columns)
    if extra or missing:
        raise ValueError(
            f"resource {resource.name!r}: derived columns do not match the schema "
            f"(missing {sorted(missing)}, undeclared {sorted(extra)})"
        )
    frame = frame[columns]
    for spec in resource.fields:
        if spec["type"] == "date":
            col = frame[spec["name"]]
            if pd.api.types.is_datetime64_any_dtype(col):
                frame = frame.assign(**{spec["name"]: col.dt.strftime("%Y-%m-%d")})
    return frame.to_csv(index=False, lineterminator="\n").encode("utf-8")


def package_descriptor(resources: list[Resource], csv_bytes: dict[str, bytes]) -> dict:
    sources: list[dict] = []
    for resource in resources:
        for source in resource.sources:
            entry = {k: source[k] for k in ("title", "path") if k in source}
            if entry not in sources:
                sources.append(entry)
    return {
        "name": PACKAGE_NAME,
        "title": PACKAGE_TITLE,
        "description": (
            "Tables behind the report on U.S.–Mexico relations in the López Obrador era, derived by the "
            "project's code (src/analysis/etl) from official raw files and from figures published by "
            "official bodies, each with its source URL. See the data dictionary in the book."
        ),
        "version": analysis.__version__,
        "profile": "tabular-data-package",
        "licenses": [DATA_LICENSE],
        "contributors": [{"title": "AMLO-era U.S.–Mexico report team", "role": "author"}],
        "keywords": ["Mexico", "United States", "López Obrador", "trade", "migration", "security", "elections"],
        "sources": sources,
        "resources": [r.descriptor(csv_bytes[r.name]) for r in resources],
    }


def derive_all(raw: Path, names: list[str] | None = None, existing: Path | None = None) -> tuple[list[Resource], dict[str, bytes]]:
    """Derive resources from ``raw``. With ``names``, derive only those (and their dependencies);
    the other resources keep the bytes already in ``existing``."""
    from tqdm import tqdm

    import sys

    resources = all_resources(strict=not names)
    wanted = set(names) if names else {r.name for r in resources}
    unknown = wanted - {r.name for r in resources}
    if unknown:
        raise KeyError(f"unknown resource(s): {sorted(unknown)}")
    by_name = {r.name: r for r in resources}

    def close(name: str) -> None:
        for dep in by_name[name].depends_on:
            if dep not in wanted:
                wanted.add(dep)
                close(dep)

    for name in list(wanted):
        close(name)
    frames: DataFrames = {}
    blobs: dict[str, bytes] = {}
    for resource in tqdm(resources, desc="deriving", unit="table", disable=None):
        if resource.name in wanted:
            frame = resource.derive(raw, frames)
            frames[resource.name] = frame
            blobs[resource.name] = to_csv_bytes(frame, resource)
        elif existing is not None and (existing / resource.path).is_file():
            blobs[resource.name] = (existing / resource.path).read_bytes()
        else:
            print(f"warning: {resource.path} not derived yet; left out of this partial package", file=sys.stderr)
    resources = [r for r in resources if r.name in blobs]
    return resources, blobs


def write_package(resources: list[Resource], blobs: dict[str, bytes], out: Path) -> Path:
    """Write CSVs and datapackage.json to a staging folder, validate, then swap into ``out``."""
    from analysis.validate import validate_package

    out = out.resolve()
    staging = Path(tempfile.mkdtemp(prefix=".staging-", dir=out.parent))
    try:
        for resource in resources:
            target = staging / resource.path
            target.parent.mkdir(parents=True, exist_ok=True)
            target.write_bytes(blobs[resource.name])
        descriptor = package_descriptor(resources, blobs)
        (staging / "datapackage.json").write_text(json.dumps(descriptor, indent=2, ensure_ascii=False) + "\n", encoding="utf-8")
        problems = validate_package(staging / "datapackage.json")
        if problems:
            raise ValueError("derived package is invalid; data/ left untouched:\n" + "\n".join(problems))
        # Only now replace data/: keep files that are not part of the package (README, scripts).
        for resource in resources:
            (out / resource.path).parent.mkdir(parents=True, exist_ok=True)
            shutil.copyfile(staging / resource.path, out / resource.path)
        shutil.copyfile(staging / "datapackage.json", out / "datapackage.json")
    finally:
        shutil.rmtree(staging, ignore_errors=True)
    return out / "datapackage.json"


def check_package(raw: Path, data: Path) -> list[str]:
    """Re-derive every table and list the differences from ``data`` (empty when identical)."""
    resources, blobs = derive_all(raw)
    differences = []
    for resource in resources:
        target = data / resource.path
        if not target.is_file():
            differences.append(f"{resource.path}: missing from {data}")
        elif target.read_bytes() != blobs[resource.name]:
            differences.append(f"{resource.path}: differs from a fresh derivation")
    expected = json.dumps(package_descriptor(resources, blobs), indent=2, ensure_ascii=False) + "\n"
    current = (data / "datapackage.json").read_text(encoding="utf-8") if (data / "datapackage.json").is_file() else ""
    if current != expected:
        differences.append("datapackage.json: differs from the one the steps would write")
    return differences
