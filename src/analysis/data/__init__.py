"""Load resources of the project's Frictionless data package as typed pandas DataFrames.

The package is found from the installed ``analysis`` package (``<repo>/data/datapackage.json``),
so notebooks, tests and scripts work from any working directory. ``AMLO_DATA_PACKAGE`` points
the loader at another copy (the tests use it to run chapters against mutated data).
"""

from __future__ import annotations

import json
import os
from functools import lru_cache
from pathlib import Path

import pandas as pd

REPO_ROOT = Path(__file__).resolve().parents[3]
DEFAULT_PACKAGE = REPO_ROOT / "data" / "datapackage.json"
PACKAGE_ENV = "AMLO_DATA_PACKAGE"

# Table Schema type -> pandas dtype. Integers are nullable because missing values must stay missing.
_PANDAS_DTYPES = {
    "string": "string",
    "integer": "Int64",
    "year": "Int64",
    "number": "float64",
    "boolean": "boolean",
}


def package_path() -> Path:
    """Path of the datapackage.json in use (environment override, else the repository's)."""
    override = os.environ.get(PACKAGE_ENV)
    path = Path(override) if override else DEFAULT_PACKAGE
    if not path.is_file():
        raise FileNotFoundError(
            f"data package not found at {path}; set {PACKAGE_ENV} or run from a clone of the repository"
        )
    return path.resolve()


@lru_cache(maxsize=8)
def _descriptor(path: Path) -> dict:
    return json.loads(path.read_text(encoding="utf-8"))


def package_descriptor() -> dict:
    """The parsed datapackage.json."""
    return _descriptor(package_path())


def resource_descriptor(name: str) -> dict:
    """The descriptor of one resource, by name."""
    resources = package_descriptor()["resources"]
    for resource in resources:
        if resource["name"] == name:
            return resource
    known = ", ".join(sorted(r["name"] for r in resources))
    raise KeyError(f"no resource named {name!r} in {package_path()}; known resources: {known}")


def resource_path(name: str) -> Path:
    return package_path().parent / resource_descriptor(name)["path"]


def load(name: str, *, index: bool = False) -> pd.DataFrame:
    """Load resource ``name`` with the dtypes its Table Schema declares.

    Codes declared as strings (INEGI state codes "01"…"32") keep their leading zeros; integer
    fields are nullable ``Int64``; ``date`` fields become ``datetime64``. With ``index=True`` the
    primary key becomes the index.
    """
    return read_typed(resource_path(name), resource_descriptor(name), index=index)


def read_typed(source, descriptor: dict, *, index: bool = False) -> pd.DataFrame:
    """Read a CSV (path or buffer) with the dtypes of a resource descriptor's Table Schema."""
    schema = descriptor["schema"]
    missing = schema.get("missingValues", [""])
    dtypes: dict[str, str] = {}
    dates: list[str] = []
    for field in schema["fields"]:
        ftype = field.get("type", "string")
        if ftype in ("date", "datetime"):
            dates.append(field["name"])
            dtypes[field["name"]] = "string"
        else:
            dtypes[field["name"]] = _PANDAS_DTYPES.get(ftype, "string")
    frame = pd.read_csv(
        source,
        dtype=dtypes,
        keep_default_na=False,
        na_values=missing,
        encoding=descriptor.get("encoding", "utf-8"),
    )
    for column in dates:
        frame[column] = pd.to_datetime(frame[column], format="ISO8601")
    if index and schema.get("primaryKey"):
        key = schema["primaryKey"]
        frame = frame.set_index(key if isinstance(key, list) else [key])
    return frame


def resource_names() -> list[str]:
    return [r["name"] for r in package_descriptor()["resources"]]
