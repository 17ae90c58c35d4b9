"""Load resources of the project's Frictionless data package as typed pandas DataFrames.

The package is found from the installed ``analysis`` package (``<repo>/data/datapackage.json``),
so notebooks, tests and scripts work from any working directory. ``AMLO_DATA_PACKAGE`` points
the loader at another copy (the tests use it to run chapters against mutated data).
"""

from __future__ import annotations

import json
import os
import re
from functools import lru_cache
from pathlib import Path

import numpy as np
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


class DataPackageError(ValueError):
    """The data package (descriptor or a resource's path) is unusable; the message names the file
    and says how to fix it."""


_URL_SCHEME = re.compile(r"^[A-Za-z][A-Za-z0-9+.-]*:")


def unsafe_path_reason(base: Path, path) -> str | None:
    """Why a resource ``path`` may not be read from the package folder ``base`` (None if it may).

    Only relative paths that stay inside ``base`` once symbolic links are resolved are allowed:
    no URL, no absolute path, no ``..``, no link pointing outside. The validator and the loader
    apply this same rule."""
    if not isinstance(path, str) or not path:
        return "path is missing or not a string"
    if _URL_SCHEME.match(path) or path.startswith("//"):
        return f"path {path!r} is a URL; resources must be files inside the package folder"
    if Path(path).is_absolute() or path.startswith(("\\", "/")):
        return f"path {path!r} is absolute; resource paths must be relative to the package folder"
    if ".." in Path(path).parts or "\\" in path:
        return f"path {path!r} leaves the package folder ('..'); resource paths must stay inside it"
    target = (base / path).resolve()
    if not target.is_relative_to(base.resolve()):
        return f"path {path!r} is a symbolic link to {target}, outside the package folder"
    return None


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
def _descriptor(path: Path, stamp: tuple[int, int] | None = None) -> dict:
    try:
        descriptor = json.loads(path.read_text(encoding="utf-8"))
    except UnicodeDecodeError as exc:
        raise DataPackageError(f"{path}: not valid UTF-8 (byte {exc.start}); re-derive it with `make data`") from None
    except json.JSONDecodeError as exc:
        raise DataPackageError(
            f"{path}, line {exc.lineno}, column {exc.colno}: not valid JSON ({exc.msg}); re-derive it with `make data`"
        ) from None
    if not isinstance(descriptor, dict) or not isinstance(descriptor.get("resources"), list):
        raise DataPackageError(f"{path}: no 'resources' list; re-derive it with `make data`")
    return descriptor


def package_descriptor() -> dict:
    """The parsed datapackage.json (re-read when the file changes)."""
    path = package_path()
    stat = path.stat()
    return _descriptor(path, (stat.st_mtime_ns, stat.st_size))


def resource_descriptor(name: str) -> dict:
    """The descriptor of one resource, by name."""
    resources = package_descriptor()["resources"]
    for resource in resources:
        if resource["name"] == name:
            return resource
    known = ", ".join(sorted(r["name"] for r in resources))
    raise KeyError(f"no resource named {name!r} in {package_path()}; known resources: {known}")


def resource_path(name: str) -> Path:
    """The CSV file of resource ``name``; refuses paths outside the package folder (the
    validator's rule, :func:`unsafe_path_reason`)."""
    base = package_path().parent
    path = resource_descriptor(name).get("path")
    reason = unsafe_path_reason(base, path)
    if reason:
        raise DataPackageError(f"{package_path()}: resource {name!r}: {reason}; fix the descriptor or re-derive with `make data`")
    return base / path


def load(name: str, *, index: bool = False) -> pd.DataFrame:
    """Load resource ``name`` with the dtypes its Table Schema declares.

    Codes declared as strings (INEGI state codes "01"…"32") keep their leading zeros; integer
    fields are nullable ``Int64``; ``date`` fields become ``datetime64``. With ``index=True`` the
    primary key becomes the index.
    """
    path = resource_path(name)
    return read_typed(path, resource_descriptor(name), index=index, where=str(path))


def read_typed(source, descriptor: dict, *, index: bool = False, where: str | None = None) -> pd.DataFrame:
    """Read a CSV (path or buffer) with the dtypes of a resource descriptor's Table Schema.

    A number that is not finite (``inf``, ``1e309``, ``NaN`` written out rather than left as a
    declared missing value) is refused with its file, row and field, as the validator does."""
    schema = descriptor["schema"]
    missing = schema.get("missingValues", [""])
    dtypes: dict[str, str] = {}
    dates: list[str] = []
    numbers: list[str] = []
    for field in schema["fields"]:
        ftype = field.get("type", "string")
        if ftype in ("date", "datetime"):
            dates.append(field["name"])
            dtypes[field["name"]] = "string"
        elif ftype == "number":
            numbers.append(field["name"])
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
    for column in numbers:
        values = frame[column].astype("float64")
        given = frame[column].notna().to_numpy()
        bad = given & ~np.isfinite(values.to_numpy())
        if bad.any():
            row = int(bad.nonzero()[0][0])
            raise DataPackageError(
                f"{where or descriptor.get('path', descriptor.get('name'))}, row {row + 2}, field {column!r}: "
                f"non-finite number {frame[column].iloc[row]!r}; leave the cell empty for a missing value"
            )
        frame[column] = values
    if index and schema.get("primaryKey"):
        key = schema["primaryKey"]
        frame = frame.set_index(key if isinstance(key, list) else [key])
    return frame


def resource_names() -> list[str]:
    return [r["name"] for r in package_descriptor()["resources"]]
