"""Validation of the data package with frictionless, reported as ``file, row N, field 'x': message``."""

from __future__ import annotations

import json
from pathlib import Path


def _location(base: Path, resource_path: str | None, error) -> str:
    where = str(base / resource_path) if resource_path else str(base / "datapackage.json")
    row = getattr(error, "row_number", None)
    if row is not None:
        where += f", row {row}"
    field = getattr(error, "field_name", None)
    if field:
        where += f", field {field!r}"
    return where


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
    try:
        with system.use_context(trusted=False):
            package = Package(str(descriptor_path))
            report = package.validate()
    except FrictionlessException as exc:
        return [f"{descriptor_path}: invalid descriptor ({exc.error.note or exc.error.message})"]
    for error in report.errors:
        problems.append(f"{descriptor_path}: {error.type}: {error.note or error.message}")
    for task in report.tasks:
        resource_path = task.place if task.place else None
        for error in task.errors:
            note = error.note or error.message
            problems.append(f"{_location(base, resource_path, error)}: {error.type}: {note}")
    return problems
