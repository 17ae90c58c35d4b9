"""The building blocks of a derivation step: :class:`Resource` (a table's metadata, its
hand-written Table Schema and the pure function that derives it; step modules read the first two
from their ``<module>.meta.yml`` with :func:`analysis.etl.meta.resources_from_meta`), :func:`field_`,
:func:`foreign_key`, :class:`DerivationError`, :func:`read_csv_with_header` for raw CSV files
and the deterministic CSV serialisation."""

from __future__ import annotations

import hashlib
import io
from dataclasses import dataclass, field
from pathlib import Path
from typing import Callable

import pandas as pd

DataFrames = dict[str, pd.DataFrame]
Deriver = Callable[[Path, DataFrames], pd.DataFrame]

PERIOD_TYPES = ["calendar year", "U.S. fiscal year", "month", "day", "legislature", "election"]

TABLE_SCHEMA = "https://datapackage.org/profiles/2.0/tableschema.json"

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


def read_csv_with_header(path: Path, header: list[str], *, line_column: str | None = None, **options) -> pd.DataFrame:
    """The CSV file at ``path``, every cell as text (blank cells stay ``""``) unless ``options``
    say otherwise; a header other than ``header`` is an error naming the file and row 1.
    ``line_column`` adds each row's line number in the file (the header is line 1)."""
    frame = pd.read_csv(path, **{"dtype": "string", "keep_default_na": False, "encoding": "utf-8", **options})
    if list(frame.columns) != header:
        delimiter = f" (is the file still {options['sep']!r}-delimited?)" if "sep" in options else ""
        raise DerivationError(path, f"header {list(frame.columns)} differs from {header}{delimiter}", row=1)
    if line_column is not None:
        frame.insert(0, line_column, range(2, len(frame) + 2))
    return frame


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
    missing_values: list[str] = field(default_factory=lambda: [""])
    # (title column, URL column): add every distinct row source to the resource's ``sources``,
    # for tables whose rows each cite their own published release.
    row_sources: tuple[str, str] | None = None
    # Time coverage, for the data dictionary's coverage table: the period field and its type
    # (one of PERIOD_TYPES), and the field holding each row's status (final, preliminary…), if any.
    period: tuple[str, str] | None = None
    status_field: str | None = None

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
        """The resource in Data Package v2 form: ``type: table`` and a Table Schema with ``$schema``."""
        return {
            "name": self.name,
            "type": "table",
            "path": self.path,
            "title": self.title,
            "description": self.description,
            "format": "csv",
            "mediatype": "text/csv",
            "encoding": "utf-8",
            "hash": "sha256:" + hashlib.sha256(csv_bytes).hexdigest(),
            "bytes": len(csv_bytes),
            "sources": self.all_sources(csv_bytes),
            "licenses": [DATA_LICENSE],
            "schema": {"$schema": TABLE_SCHEMA, **self.schema()},
            **({"coverage": self.coverage()} if self.period else {}),
        }

    def coverage(self) -> dict:
        field_name, period_type = self.period
        if period_type not in PERIOD_TYPES:
            raise ValueError(f"resource {self.name!r}: period type {period_type!r} not in {PERIOD_TYPES}")
        names = {f["name"] for f in self.fields}
        for name in (field_name, self.status_field):
            if name is not None and name not in names:
                raise ValueError(f"resource {self.name!r}: coverage names field {name!r}, which the schema lacks")
        return {"periodField": field_name, "periodType": period_type, **({"statusField": self.status_field} if self.status_field else {})}


def foreign_key(fields: str | list[str], resource: str, reference_fields: str | list[str]) -> dict:
    return {"fields": fields, "reference": {"resource": resource, "fields": reference_fields}}


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
