"""Validation of the data package with frictionless, reported as ``file, row N, field 'x': message``.

Before frictionless runs, the project's own rules are checked, fast and in this order, and any
problem stops there with one line per fault (so a broken file is not reported only through the
foreign-key errors it causes elsewhere):

1. the descriptor: JSON, a ``resources`` list; per resource a safe path (relative, inside the
   package folder, no URL, no link out: :func:`analysis.data.unsafe_path_reason`), ``encoding``
   UTF-8, a ``hash`` (``sha256:…``) and ``bytes``, both required so the content check cannot be
   switched off, and declared ``bytes`` within :data:`MAX_RESOURCE_BYTES`;
2. the files: each declared file exists, has exactly the declared size, at most
   :data:`MAX_RESOURCE_ROWS` rows, and no CSV in the folder is undeclared;
3. canonical form (:func:`canonical_problems`): UTF-8 without BOM, LF line ends, a header and at
   least one data row, no NUL or other control character, dates as ``YYYY-MM-DD``, finite numbers
   (``inf``, ``1e309`` and ``NaN`` are refused unless declared as missing values), URL fields
   (:func:`is_url_field`) holding ``http://`` or ``https://`` URLs (several separated by one space,
   as ``presidential_national_results.source_url`` does), and every source ``path`` a web URL.

:func:`validate_cached` keys a passing verdict on the sha256 of every file of the package and of
this validator's code, stored under ``_build/`` (never in ``data/``), so an unchanged package is
not validated twice and any change is.
"""

from __future__ import annotations

import codecs
import csv
import datetime as dt
import hashlib
import io
import json
import math
import re
from pathlib import Path

from analysis.data import REPO_ROOT, unsafe_path_reason

MAX_PER_RESOURCE = 25  # beyond this, one summary line per resource keeps reports readable
# Size guards: the largest resource is ~0.2 MB and ~9,000 rows; these limits leave room for growth
# while keeping a full validation within seconds (frictionless checks ~3,000 rows a second here).
MAX_RESOURCE_BYTES = 8 * 1024 * 1024
MAX_RESOURCE_ROWS = 100_000
URL_PATTERN = re.compile(r"^https?://\S+$")
DATE_PATTERN = re.compile(r"^\d{4}-\d{2}-\d{2}$")
# C0 controls but line feed, DEL and C1 controls: never part of the project's text.
CONTROL = re.compile(r"[\x00-\x09\x0b-\x1f\x7f-\x9f]")
CACHE_DIR = REPO_ROOT / "_build" / "validation"


def is_url_field(name: str) -> bool:
    """Fields treated as URLs by name: ``url``, ``source_url`` and any other ``*_url``."""
    return name == "url" or name.endswith("_url")


def _location(base: Path, resource_path: str | None, error) -> str:
    where = str(base / resource_path) if resource_path else str(base / "datapackage.json")
    row = getattr(error, "row_number", None)
    label = getattr(error, "label", None)
    if row is None and label is not None:
        row = 1  # header errors (extra, missing or blank labels) sit on the first line
    if row is not None:
        where += f", row {row}"
    field = getattr(error, "field_name", None) or label
    names = getattr(error, "field_names", None)
    if not field and names:
        field = ", ".join(names)
    if field:
        where += f", field {field!r}"
    return where


def _encoding_problem(path: Path, data: bytes, encoding: str, fields: list[str]) -> str | None:
    """Locate the first undecodable byte by line and column, which frictionless does not report."""
    try:
        data.decode(encoding)
        return None
    except UnicodeDecodeError as exc:
        line_start = data.rfind(b"\n", 0, exc.start) + 1
        row = data.count(b"\n", 0, exc.start) + 1
        column = data[line_start:exc.start].count(b",")
        field = fields[column] if column < len(fields) else f"column {column + 1}"
        return f"{path}, row {row}, field {field!r}: encoding-error: byte {data[exc.start]:#04x} is not valid {encoding}"


def _descriptor_problems(descriptor_path: Path, base: Path, resources: list) -> list[str]:
    """Step 1 and 2: the descriptor's promises about each resource, and the files' presence and size."""
    problems: list[str] = []
    for index, resource in enumerate(resources):
        if not isinstance(resource, dict):
            problems.append(f"{descriptor_path}: resource {index} is not an object")
            continue
        name = resource.get("name") or index
        path = resource.get("path")
        where = f"{descriptor_path}: resource {name!r}"
        reason = unsafe_path_reason(base, path)
        if reason:
            problems.append(f"{where}: unsafe-path: {reason}; resource paths must be relative files inside {base}")
            continue
        file = base / path
        encoding = resource.get("encoding", "utf-8")
        try:
            codec = codecs.lookup(encoding).name if isinstance(encoding, str) else None
        except LookupError:
            codec = None
        if codec != "utf-8":
            problems.append(f"{where}: encoding-error: encoding {encoding!r} is {'unknown' if codec is None else 'not UTF-8'}; the package's CSVs are UTF-8: declare \"encoding\": \"utf-8\" (make data writes it)")
        digest, size = resource.get("hash"), resource.get("bytes")
        if not (isinstance(digest, str) and re.fullmatch(r"sha256:[0-9a-f]{64}", digest)):
            problems.append(f"{where}: hash-count: 'hash' missing or not 'sha256:<64 hex digits>' ({digest!r}); every resource must declare its checksum: re-derive with `make data`")
        if not (isinstance(size, int) and not isinstance(size, bool) and size >= 0):
            problems.append(f"{where}: byte-count: 'bytes' missing or not a whole number ({size!r}); every resource must declare its size: re-derive with `make data`")
        elif size > MAX_RESOURCE_BYTES:
            problems.append(f"{where}: size-limit: declares {size:,} bytes, over the limit of {MAX_RESOURCE_BYTES:,} per resource (analysis.data.validate.MAX_RESOURCE_BYTES)")
        if not file.is_file():
            problems.append(f"{file}: file declared by resource {name!r} not found")
            continue
        if Path(path).stem != resource.get("name"):
            problems.append(f"{file}: file stem differs from resource name {resource.get('name')!r}")
        actual = file.stat().st_size
        if isinstance(size, int) and actual != size:
            problems.append(f"{file}: byte-count: {actual:,} bytes, not the {size:,} datapackage.json declares: the file changed since datapackage.json was written; re-derive with `make data`")
        elif actual > MAX_RESOURCE_BYTES:
            problems.append(f"{file}: size-limit: {actual:,} bytes, over the limit of {MAX_RESOURCE_BYTES:,} per resource")
    declared = {(base / r["path"]).resolve() for r in resources if isinstance(r, dict) and isinstance(r.get("path"), str)}
    for csv_file in sorted(base.rglob("*.csv")):
        if csv_file.resolve() not in declared and not any(part.startswith(".") for part in csv_file.relative_to(base).parts):
            problems.append(f"{csv_file}: CSV file not declared in {descriptor_path.name}")
    return problems


def _sources(entry: dict) -> list:
    sources = entry.get("sources", [])
    return sources if isinstance(sources, list) else [sources]


def _source_problems(descriptor_path: Path, descriptor: dict) -> list[str]:
    """Every ``sources`` entry (package and resources) that is linked must link a web page."""
    problems = []
    owners = [("package", descriptor)] + [(f"resource {r.get('name')!r}", r) for r in descriptor["resources"] if isinstance(r, dict)]
    for owner, entry in owners:
        for number, source in enumerate(_sources(entry), start=1):
            path = source.get("path") if isinstance(source, dict) else None
            if path is not None and not (isinstance(path, str) and URL_PATTERN.match(path)):
                problems.append(f"{descriptor_path}: {owner}, source {number}: url-error: path {path!r} is not an http(s) URL")
    return problems


def canonical_problems(file: Path, data: bytes, resource: dict) -> list[str]:
    """Step 3 for one resource: the bytes are in the project's canonical form."""
    schema = resource.get("schema") if isinstance(resource.get("schema"), dict) else {}
    fields = [f for f in schema.get("fields", []) if isinstance(f, dict)]
    names = [f.get("name", "") for f in fields]
    if data.startswith(codecs.BOM_UTF8):
        return [f"{file}, row 1: encoding-error: starts with a byte-order mark; write UTF-8 without BOM (make data does)"]
    if b"\r" in data:
        row = data.count(b"\n", 0, data.index(b"\r")) + 1
        return [f"{file}, row {row}: line-ending-error: carriage return (CRLF or CR line end); write LF line ends (make data does)"]
    problem = _encoding_problem(file, data, "utf-8", names)
    if problem:
        return [problem]
    if not data.strip():
        return [f"{file}: empty-file: the file is empty (no header, no rows); re-derive with `make data`"]
    rows = data.count(b"\n") + (not data.endswith(b"\n")) - 1
    if rows > MAX_RESOURCE_ROWS:
        return [f"{file}: size-limit: {rows:,} rows, over the limit of {MAX_RESOURCE_ROWS:,} per resource (analysis.data.validate.MAX_RESOURCE_ROWS)"]
    reader = csv.reader(io.StringIO(data.decode("utf-8"), newline=""))
    header = next(reader, [])
    missing = set(schema.get("missingValues", [""]))
    kinds = {}
    for spec in fields:
        name = spec.get("name", "")
        if spec.get("type") == "number":
            kinds[name] = "number"
        elif spec.get("type") == "date":
            kinds[name] = "date"
        elif is_url_field(name):
            kinds[name] = "url"
    checks = [(column, name, kinds.get(name)) for column, name in enumerate(header)]
    problems: list[str] = []
    for column, name in enumerate(header):
        if CONTROL.search(name):
            problems.append(f"{file}, row 1, field {name!r}: control-character: a control character in the header")
    count = 0
    for number, row in enumerate(reader, start=2):
        count += 1
        for column, name, kind in checks:
            if column >= len(row):
                break
            cell = row[column]
            if CONTROL.search(cell):
                code = ord(CONTROL.search(cell).group())
                problems.append(f"{file}, row {number}, field {name!r}: control-character: U+{code:04X} in the text; remove it")
            elif cell in missing or kind is None:
                continue
            elif kind == "number":
                try:
                    value = float(cell)
                except ValueError:
                    continue  # not a number at all: frictionless reports the type error
                if not math.isfinite(value):
                    problems.append(f"{file}, row {number}, field {name!r}: non-finite-number: {cell!r} is not a finite number; leave the cell empty for a missing value")
            elif kind == "date":
                if not DATE_PATTERN.match(cell) or not _is_date(cell):
                    problems.append(f"{file}, row {number}, field {name!r}: type-error: {cell!r} is not a date in canonical ISO form YYYY-MM-DD")
            elif not all(URL_PATTERN.match(url) for url in cell.split(" ")):
                problems.append(f"{file}, row {number}, field {name!r}: url-error: {cell!r} is not an http(s) URL (a URL field holds http:// or https:// URLs, several separated by one space)")
        if len(problems) > MAX_PER_RESOURCE:
            break
    if not count and not problems:
        problems.append(f"{file}: empty-file: a header but no data rows; re-derive with `make data`")
    if len(problems) > MAX_PER_RESOURCE:
        problems = problems[:MAX_PER_RESOURCE] + [f"{file}: … and more error(s)"]
    return problems


def _is_date(text: str) -> bool:
    try:
        dt.date.fromisoformat(text)
        return True
    except ValueError:
        return False


def validate_package(descriptor_path: Path | str) -> list[str]:
    """Every problem found in the package, one line each; an empty list means valid."""
    descriptor_path = Path(descriptor_path).resolve()
    base = descriptor_path.parent
    if not descriptor_path.is_file():
        return [f"{descriptor_path}: file not found"]
    try:
        descriptor = json.loads(descriptor_path.read_text(encoding="utf-8"))
    except (UnicodeDecodeError, json.JSONDecodeError) as exc:
        return [f"{descriptor_path}: not valid JSON ({exc}); re-derive it with `make data`"]
    resources = descriptor.get("resources") if isinstance(descriptor, dict) else None
    if not isinstance(resources, list) or not resources:
        return [f"{descriptor_path}: no 'resources' list; re-derive it with `make data`"]
    problems = _descriptor_problems(descriptor_path, base, resources) + _source_problems(descriptor_path, descriptor)
    if problems:
        return problems
    for resource in resources:
        file = base / resource["path"]
        problems += canonical_problems(file, file.read_bytes(), resource)
    if problems:
        return problems
    return _frictionless_problems(descriptor_path, base, resources)


def _frictionless_problems(descriptor_path: Path, base: Path, resources: list) -> list[str]:
    from frictionless import FrictionlessException, Package, system

    problems: list[str] = []
    try:
        with system.use_context(trusted=False):
            package = Package(str(descriptor_path))
            report = package.validate()
    except FrictionlessException as exc:
        return [f"{descriptor_path}: invalid descriptor ({exc.error.note or exc.error.message})"]
    for error in report.errors:
        problems.append(f"{descriptor_path}: {error.type}: {error.note or error.message}")
    keys = {r.get("path"): r.get("schema", {}).get("primaryKey", []) for r in resources}
    for task in report.tasks:
        resource_path = task.place if task.place else None
        shown = 0
        for error in task.errors:
            note = error.note or error.message
            if error.type == "primary-key":
                note = f"duplicate primary key ({', '.join(keys.get(resource_path, []))}): {note}"
            elif error.type in ("hash-count", "byte-count"):
                note = f"the file changed since datapackage.json was written ({note}); re-derive with `make data`"
            if shown < MAX_PER_RESOURCE:
                problems.append(f"{_location(base, resource_path, error)}: {error.type}: {note}")
            shown += 1
        if shown > MAX_PER_RESOURCE:
            problems.append(f"{base / str(resource_path)}: … and {shown - MAX_PER_RESOURCE} more error(s)")
    return problems


def _code_version() -> str:
    """The validator's own code and the frictionless version: a change to either re-validates."""
    from importlib.metadata import version

    digest = hashlib.sha256(version("frictionless").encode())
    for module in (Path(__file__), Path(__file__).with_name("__init__.py")):
        digest.update(module.read_bytes())
    return digest.hexdigest()


def package_fingerprint(descriptor_path: Path) -> str:
    """sha256 over the validator's code and every file of the package folder (path, link target
    and content), so any edit, addition, removal or re-pointed link changes it."""
    base = descriptor_path.parent
    digest = hashlib.sha256(_code_version().encode())
    for path in sorted(base.rglob("*")):
        relative = path.relative_to(base).as_posix()
        if path.is_symlink():
            digest.update(f"\0link {relative} -> {path.readlink()}".encode())
        if path.is_file():
            digest.update(f"\0file {relative} ".encode())
            digest.update(hashlib.sha256(path.read_bytes()).digest())
    return digest.hexdigest()


def validate_cached(descriptor_path: Path | str, cache_dir: Path = CACHE_DIR) -> tuple[list[str], bool]:
    """:func:`validate_package`, skipped when this exact package already passed: returns the
    problems and whether the verdict came from the cache. Only passes are stored."""
    descriptor_path = Path(descriptor_path).resolve()
    if not descriptor_path.is_file():
        return validate_package(descriptor_path), False
    key = package_fingerprint(descriptor_path)
    verdict = cache_dir / f"{key}.valid"
    if verdict.is_file():
        return [], True
    problems = validate_package(descriptor_path)
    if not problems and package_fingerprint(descriptor_path) == key:  # unchanged while validating
        cache_dir.mkdir(parents=True, exist_ok=True)
        for old in cache_dir.glob("*.valid"):
            if old.stat().st_mtime < verdict_cutoff():
                old.unlink(missing_ok=True)
        verdict.write_text(f"{descriptor_path}\n", encoding="utf-8")
    return problems, False


def verdict_cutoff() -> float:
    """Verdicts older than 30 days are dropped when a new one is stored (the folder stays small)."""
    import time

    return time.time() - 30 * 86400
