"""Run derivation stages and write, or check, the data package.

A stage is anything with ``inputs`` (raw files) and ``resources`` (:class:`~analysis.etl.steps.Step`).
:func:`derive` runs them in order, :func:`write_package` validates the result in a staging
folder beside ``data/`` and only then swaps it in whole, and :func:`check_package` re-derives and
compares byte for byte. The stage list itself is :data:`analysis.pipeline.STAGES`.
"""

from __future__ import annotations

import json
import shutil
import sys
import tempfile
import uuid
from pathlib import Path

import analysis
from analysis.data.atomic import swap_folders
from analysis.etl import raw as snapshots
from analysis.etl.resource import DATA_LICENSE, DataFrames, Resource, to_csv_bytes

PACKAGE_NAME = "amlo-us-mexico-relations"
PACKAGE_TITLE = "U.S.–Mexico relations in the López Obrador era (2018–2024): data package"


def check_order(stages) -> None:
    """Every table a resource reads must come from an earlier stage (or earlier in its own)."""
    seen: set[str] = set()
    for stage in stages:
        for resource in stage.resources:
            if resource.name in seen:
                raise ValueError(f"resource {resource.name!r} declared twice (step {stage.name})")
            late = [d for d in resource.depends_on if d not in seen]
            if late:
                raise ValueError(f"step {stage.name}: {resource.name!r} reads {late}, which no earlier step derives")
            seen.add(resource.name)


def resources_of(stages) -> list[Resource]:
    return [resource for stage in stages for resource in stage.resources]


def derive(stages, raw: Path, names: list[str] | None = None, existing: Path | None = None) -> tuple[list[Resource], dict[str, bytes]]:
    """Derive every resource of ``stages`` from ``raw``, in order. With ``names``, derive only
    those (and what they read); the other resources keep the bytes already in ``existing``."""
    from tqdm import tqdm

    check_order(stages)
    resources = resources_of(stages)
    by_name = {r.name: r for r in resources}
    unknown = set(names or []) - set(by_name)
    if unknown:
        raise KeyError(f"unknown resource(s): {sorted(unknown)}")
    wanted = set(names) if names else set(by_name)
    pending = list(wanted)
    while pending:
        for dep in by_name[pending.pop()].depends_on:
            if dep not in wanted:
                wanted.add(dep)
                pending.append(dep)
    frames: DataFrames = {}
    blobs: dict[str, bytes] = {}
    progress = tqdm(total=len(resources), desc="deriving", unit="table", disable=None)
    for stage in stages:
        if any(r.name in wanted for r in stage.resources):
            snapshots.verify(raw, stage.inputs)
        with snapshots.step_view(raw, stage.inputs) as view:
            for resource in stage.resources:
                if resource.name in wanted:
                    frame = resource.derive(view, frames)
                    frames[resource.name] = frame
                    blobs[resource.name] = to_csv_bytes(frame, resource)
                elif existing is not None and (existing / resource.path).is_file():
                    blobs[resource.name] = (existing / resource.path).read_bytes()
                else:
                    print(f"warning: {resource.path} not derived yet; left out of this partial package", file=sys.stderr)
                progress.update()
    progress.close()
    return [r for r in resources if r.name in blobs], blobs


PACKAGE_SCHEMA = "https://datapackage.org/profiles/2.0/datapackage.json"
# A globally unique, stable identifier (Data Package v2 ``id``): the same for every version, so a
# reader can tell two versions are one package. UUID 5 of the package name, never retyped.
PACKAGE_ID = "urn:uuid:" + str(uuid.uuid5(uuid.NAMESPACE_URL, f"urn:amlo-era-report:{PACKAGE_NAME}"))
PACKAGE_CONTRIBUTORS = [{"title": "AMLO-era U.S.–Mexico report team", "roles": ["author", "publisher"]}]


def package_created(manifest_entries: list[dict] | None = None) -> str:
    """``created`` (Data Package v2): the date of the newest raw snapshot the tables derive from.

    Not the clock: ``python -m analysis data --check`` compares the descriptor byte for byte, so it
    must be a function of the inputs. A new or refreshed raw file moves it forward."""
    entries = list(snapshots.manifest().values()) if manifest_entries is None else manifest_entries
    dates = sorted(d for e in entries for d in (e.get("snapshot_date"), e.get("retrieved")) if d)
    if not dates:
        raise ValueError("raw/manifest.json records no snapshot date: cannot date the data package")
    return f"{dates[-1]}T00:00:00Z"


def package_descriptor(resources: list[Resource], csv_bytes: dict[str, bytes]) -> dict:
    """The package's ``datapackage.json`` in Data Package v2 form (``$schema``, ``id``, ``created``,
    contributors with ``roles``, resources of ``type: table``)."""
    sources: list[dict] = []
    for resource in resources:
        for source in resource.sources:
            entry = {k: source[k] for k in ("title", "path") if k in source}
            if entry not in sources:
                sources.append(entry)
    return {
        "$schema": PACKAGE_SCHEMA,
        "id": PACKAGE_ID,
        "name": PACKAGE_NAME,
        "title": PACKAGE_TITLE,
        "description": (
            "Tables behind the report on U.S.–Mexico relations in the López Obrador era, derived by the "
            "project's code (src/analysis/etl) from official raw files and from figures published by "
            "official bodies, each with its source URL. See the data dictionary in the book."
        ),
        "version": analysis.__version__,
        "created": package_created(),
        "licenses": [DATA_LICENSE],
        "contributors": PACKAGE_CONTRIBUTORS,
        "keywords": ["Mexico", "United States", "López Obrador", "trade", "migration", "security", "elections"],
        "sources": sources,
        "resources": [r.descriptor(csv_bytes[r.name]) for r in resources],
    }


def descriptor_text(resources: list[Resource], blobs: dict[str, bytes]) -> str:
    return json.dumps(package_descriptor(resources, blobs), indent=2, ensure_ascii=False) + "\n"


def write_package(resources: list[Resource], blobs: dict[str, bytes], out: Path) -> Path:
    """Write the package into a staging folder beside ``out``, validate it there, then swap it
    in whole: whatever fails (an I/O error, a full disk, invalid data, a kill), ``out`` holds
    either the old package or the new one, never a mix. One writer at a time (a lock on the
    folder holding ``out``); staging folders left by a killed run are removed by the next one."""
    from analysis.data.atomic import exclusive, recover
    from analysis.data.validate import validate_cached

    out = out.resolve()
    out.parent.mkdir(parents=True, exist_ok=True)
    prefix = f".{out.name}-staging-"
    with exclusive(out.parent, f"writing {out}"):  # the lock is on the parent folder: no file left behind
        recover(out)
        for stale in out.parent.glob(f"{prefix}*"):
            if stale.is_dir():
                shutil.rmtree(stale, ignore_errors=True)
                if stale.exists():
                    print(f"warning: cannot remove {stale}, left by an earlier run (a read-only file?); remove it by hand", file=sys.stderr)
        staging = Path(tempfile.mkdtemp(prefix=prefix, dir=out.parent))
        try:
            for resource in resources:
                _write_durably(staging / resource.path, blobs[resource.name])
            _write_durably(staging / "datapackage.json", descriptor_text(resources, blobs).encode("utf-8"))
            problems, _ = validate_cached(staging / "datapackage.json")  # a package that passed before is not re-validated
            if problems:
                raise ValueError(f"derived package is invalid; {out} left untouched:\n" + "\n".join(problems))
            for folder in sorted({p.parent for p in staging.rglob("*")}, reverse=True):
                _fsync(folder)
            swap_folders(staging, out)
            _fsync(out.parent)
        finally:
            shutil.rmtree(staging, ignore_errors=True)
    return out / "datapackage.json"


def _write_durably(target: Path, blob: bytes) -> None:
    """Write and fsync, so a full disk fails here (not at a later flush) and a crash after the
    swap cannot leave empty files behind the new descriptor."""
    import os

    target.parent.mkdir(parents=True, exist_ok=True)
    with open(target, "wb") as handle:
        handle.write(blob)
        handle.flush()
        os.fsync(handle.fileno())


def _fsync(folder: Path) -> None:
    import os

    descriptor = os.open(folder, os.O_RDONLY)
    try:
        os.fsync(descriptor)
    finally:
        os.close(descriptor)


def check_package(stages, raw: Path, data: Path) -> list[str]:
    """Re-derive every table and list the differences from ``data`` (empty when identical)."""
    resources, blobs = derive(stages, raw)
    differences = []
    for resource in resources:
        target = data / resource.path
        if not target.is_file():
            differences.append(f"{resource.path}: missing from {data}")
        elif target.read_bytes() != blobs[resource.name]:
            differences.append(f"{resource.path}: differs from a fresh derivation")
    current = (data / "datapackage.json").read_text(encoding="utf-8") if (data / "datapackage.json").is_file() else ""
    if current != descriptor_text(resources, blobs):
        differences.append("datapackage.json: differs from the one the steps would write")
    return differences
