"""Validation of the data package with frictionless, reported as ``file, row N, field 'x': message``."""

from __future__ import annotations

import json
from pathlib import Path


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


MAX_PER_RESOURCE = 25  # beyond this, one summary line per resource keeps reports readable


def _encoding_problem(path: Path, encoding: str, fields: list[str]) -> str | None:
    """Locate the first undecodable byte by line and column, which frictionless does not report."""
    data = path.read_bytes()
    try:
        data.decode(encoding)
        return None
    except UnicodeDecodeError as exc:
        line_start = data.rfind(b"\n", 0, exc.start) + 1
        row = data.count(b"\n", 0, exc.start) + 1
        column = data[line_start:exc.start].count(b",")
        field = fields[column] if column < len(fields) else f"column {column + 1}"
        return f"{path}, row {row}, field {field!r}: encoding-error: byte {data[exc.start]:#04x} is not valid {encoding}"


def validate_package(descriptor_path: Path | str) -> list[str]:
    """Every problem found in the package, one line each; an empty list means valid."""
    from frictionless import FrictionlessException, Package, system

    descriptor_path = Path(descriptor_path).resolve()
    base = descriptor_path.parent
    if not descriptor_path.is_file():
        return [f"{descriptor_path}: file not found"]
    try:
        descriptor = json.loads(descriptor_path.read_text(encoding="utf-8"))
    except (UnicodeDecodeError, json.JSONDecodeError) as exc:
        return [f"{descriptor_path}: not valid JSON ({exc})"]
    problems: list[str] = []
    resources = descriptor.get("resources") if isinstance(descriptor, dict) else None
    if not isinstance(resources, list) or not resources:
        return [f"{descriptor_path}: no 'resources' list"]
    for index, resource in enumerate(resources):
        path = resource.get("path") if isinstance(resource, dict) else None
        name = resource.get("name") if isinstance(resource, dict) else None
        if not isinstance(path, str) or not (base / path).is_file():
            problems.append(f"{base / str(path)}: file declared by resource {name or index!r} not found")
        elif Path(path).stem != name:
            problems.append(f"{base / path}: file stem differs from resource name {name!r}")
    declared = {(base / r["path"]).resolve() for r in resources if isinstance(r, dict) and isinstance(r.get("path"), str)}
    for csv in sorted(base.rglob("*.csv")):
        if csv.resolve() not in declared and not any(part.startswith(".") for part in csv.relative_to(base).parts):
            problems.append(f"{csv}: CSV file not declared in {descriptor_path.name}")
    if problems:
        return problems
    for resource in resources:
        fields = [f.get("name", "") for f in resource.get("schema", {}).get("fields", [])]
        problem = _encoding_problem(base / resource["path"], resource.get("encoding", "utf-8"), fields)
        if problem:
            problems.append(problem)
    if problems:
        return problems
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
