"""Versioning of the book and the data package.

One version, ``analysis.__version__``, is carried by ``data/datapackage.json``, ``CITATION.cff``,
the changelog and every built page. The data package follows this rule, enforced against the
schemas of the last release (``releases/<version>/schemas.json``):

- **major** when a field is renamed, removed, retyped or re-meant (its description or unit
  changes), an allowed value of a field's ``enum`` is removed, a resource is removed or renamed,
  or rows are removed without saying where they went;
- **minor** for new resources, new fields, new allowed values of an ``enum``, new rows, and rows
  merged into others whose former keys the surviving rows record;
- **patch** for corrections of values (same rows, same fields).

Rows are counted per resource and recorded with each release; a release recorded before row
counts were kept compares on content hashes only. A resource may flag a field ``"formerKeys": true``
(the fact-check ledger's ``merged_ids``): it lists, space-separated, the primary keys of rows merged
into that row. For such resources the release also records the primary keys (``keys``) and the
former keys (``merged``), so a removed key counts as a merge (minor) only when a surviving row
records it, and as a removal (major) otherwise. Against a release recorded before keys were kept,
the row count may fall by at most the number of newly recorded former keys.

``python -m analysis.book.release check`` verifies the version is consistent everywhere;
``python -m analysis.book.release cut`` (``make release``) refuses to record a release without a dated
changelog entry for the version and a passing test suite, then stores the schemas and prints the
command that tags the release (it does not tag by itself).
"""

from __future__ import annotations

import json
import re
import subprocess
import sys
from pathlib import Path

import analysis
from analysis.data import REPO_ROOT

RELEASES = REPO_ROOT / "releases"
LEVELS = ["none", "patch", "minor", "major"]


def parse_version(text: str) -> tuple[int, int, int]:
    match = re.fullmatch(r"(\d+)\.(\d+)\.(\d+)", text.strip())
    if not match:
        raise ValueError(f"version {text!r} is not MAJOR.MINOR.PATCH")
    return tuple(int(x) for x in match.groups())  # type: ignore[return-value]


def bump_level(old: str, new: str) -> str:
    """The level of the step from ``old`` to ``new`` ("none" if equal); refuses a step backwards."""
    a, b = parse_version(old), parse_version(new)
    if b < a:
        raise ValueError(f"version {new} is older than the released {old}")
    if b == a:
        return "none"
    if b[0] > a[0]:
        return "major"
    if b[1] > a[1]:
        return "minor"
    return "patch"


def _rows(path: Path) -> int:
    with path.open("rb") as handle:
        return sum(1 for _ in handle) - 1


def _key_list(key) -> list[str]:
    """A primary key as a list: Table Schema v2 allows a single field's name as a string."""
    return [key] if isinstance(key, str) else list(key)


def _field_spec(field: dict) -> dict:
    spec = {"type": field.get("type", "string"), "unit": field.get("unit", ""), "description": field.get("description", "")}
    enum = field.get("constraints", {}).get("enum")
    return {**spec, "enum": list(enum)} if enum is not None else spec


def _keys(descriptor: dict, data_dir: Path) -> dict:
    """For a resource with a ``formerKeys`` field: its primary keys and the former keys it records."""
    import csv

    former = [f["name"] for f in descriptor["schema"]["fields"] if f.get("formerKeys")]
    key_fields = _key_list(descriptor["schema"].get("primaryKey", []))
    if not former or not key_fields:
        return {}
    with (data_dir / descriptor["path"]).open(encoding="utf-8", newline="") as handle:
        records = list(csv.DictReader(handle))
    keys = sorted("|".join(r[k] for k in key_fields) for r in records)
    merged = sorted({old for r in records for name in former for old in (r.get(name) or "").split()})
    return {"keys": keys, "merged": merged}


def schemas_of(descriptor: dict, data_dir: Path | None = None) -> dict:
    """What the versioning rule compares: per resource, the fields with type, unit, meaning and
    allowed values, the content hash and (given the package folder) the number of rows and, for
    resources that record merged rows, their keys.

    The same for a Data Package v1 descriptor (``profile``) and a v2 one (``$schema``, ``type:
    table``): the format of the descriptor is not part of the comparison, so releases recorded
    under v1 compare field by field with a v2 package."""
    return {
        r["name"]: {
            **({"rows": _rows(data_dir / r["path"]), **_keys(r, data_dir)} if data_dir is not None else {}),
            "path": r["path"],
            "primaryKey": _key_list(r["schema"].get("primaryKey", [])),
            "fields": {f["name"]: _field_spec(f) for f in r["schema"]["fields"]},
            "hash": r.get("hash", ""),
        }
        for r in descriptor["resources"]
    }


def _row_changes(name: str, before: dict, after: dict) -> list[tuple[str, str]]:
    """Rows added, merged (former keys recorded by a surviving row) or removed."""
    if "keys" in before and "keys" in after:
        removed = sorted(set(before["keys"]) - set(after["keys"]))
        added = set(after["keys"]) - set(before["keys"])
        unexplained = [k for k in removed if k not in set(after.get("merged", []))]
        reasons = []
        if unexplained:
            reasons.append(("major", f"{name}: {len(unexplained)} row(s) removed ({', '.join(unexplained[:5])})"))
        if len(removed) > len(unexplained):
            reasons.append(("minor", f"{name}: {len(removed) - len(unexplained)} row(s) merged into others (former keys recorded)"))
        if added:
            reasons.append(("minor", f"{name}: {len(added)} row(s) added"))
        return reasons
    if "rows" not in before or "rows" not in after:
        return []
    if after["rows"] > before["rows"]:
        return [("minor", f"{name}: {after['rows'] - before['rows']} row(s) added")]
    if after["rows"] < before["rows"]:
        newly_merged = len(set(after.get("merged", [])) - set(before.get("merged", [])))
        fewer = before["rows"] - after["rows"]
        if fewer <= newly_merged:
            return [("minor", f"{name}: {fewer} row(s) fewer, merged into others (former keys recorded)")]
        return [("major", f"{name}: {fewer} row(s) removed, {newly_merged} of them recorded as merged")]
    return []


def required_bump(old: dict, new: dict) -> tuple[str, list[str]]:
    """The smallest version step the change from schemas ``old`` to ``new`` needs, with reasons."""
    reasons: list[tuple[str, str]] = []
    for name, before in old.items():
        after = new.get(name)
        if after is None:
            reasons.append(("major", f"resource {name} removed or renamed"))
            continue
        if after["path"] != before["path"] or after["primaryKey"] != before["primaryKey"]:
            reasons.append(("major", f"resource {name}: path or primary key changed"))
        for field, spec in before["fields"].items():
            if field not in after["fields"]:
                reasons.append(("major", f"{name}.{field} removed or renamed"))
                continue
            now = after["fields"][field]
            if now["type"] != spec["type"]:
                reasons.append(("major", f"{name}.{field} retyped {spec['type']} → {now['type']}"))
            elif now["unit"] != spec["unit"] or now["description"] != spec["description"]:
                reasons.append(("major", f"{name}.{field} changed meaning (unit or description)"))
            if "enum" in spec and "enum" in now:
                dropped = [v for v in spec["enum"] if v not in now["enum"]]
                extra = [v for v in now["enum"] if v not in spec["enum"]]
                if dropped:
                    reasons.append(("major", f"{name}.{field}: allowed value(s) {', '.join(map(str, dropped))} removed"))
                if extra:
                    reasons.append(("minor", f"{name}.{field}: allowed value(s) {', '.join(map(str, extra))} added"))
        for field in after["fields"]:
            if field not in before["fields"]:
                reasons.append(("minor", f"{name}.{field} added"))
        rows = _row_changes(name, before, after)
        reasons += rows
        if not rows and after["hash"] != before["hash"] and not any(r[1].startswith(f"{name}") for r in reasons):
            reasons.append(("patch", f"{name}: values changed"))
    for name in new:
        if name not in old:
            reasons.append(("minor", f"resource {name} added"))
    level = max((r[0] for r in reasons), key=LEVELS.index, default="none")
    return level, [r[1] for r in reasons]


def released_versions() -> list[str]:
    if not RELEASES.is_dir():
        return []
    return sorted((p.name for p in RELEASES.iterdir() if (p / "schemas.json").is_file()), key=parse_version)


def changelog_entry(version: str, text: str | None = None) -> str | None:
    """The dated heading ``## [version] – YYYY-MM-DD`` of the changelog, or None."""
    text = text if text is not None else (REPO_ROOT / "CHANGELOG.md").read_text(encoding="utf-8")
    match = re.search(rf"^## \[{re.escape(version)}\] [–-] (\d{{4}}-\d{{2}}-\d{{2}})\s*$", text, flags=re.M)
    return match.group(1) if match else None


def consistency_problems() -> list[str]:
    """Places where the version is not the single-sourced one."""
    version = analysis.__version__
    problems = []
    package = json.loads((REPO_ROOT / "data/datapackage.json").read_text(encoding="utf-8"))
    if package.get("version") != version:
        problems.append(f"data/datapackage.json has version {package.get('version')}, the code {version}")
    citation = (REPO_ROOT / "CITATION.cff").read_text(encoding="utf-8")
    cited = re.findall(r"^\s*version:\s*(\S+)", citation, flags=re.M)
    if not cited or any(v != version for v in cited):
        problems.append(f"CITATION.cff has version(s) {sorted(set(cited))}, the code {version}")
    if f"## [{version}]" not in (REPO_ROOT / "CHANGELOG.md").read_text(encoding="utf-8"):
        problems.append(f"CHANGELOG.md has no section for {version}")
    return problems


def compatibility_problems() -> list[str]:
    """The current version must be a big enough step from the last release for the schema change."""
    versions = released_versions()
    if not versions:
        return []
    last = versions[-1]
    old = json.loads((RELEASES / last / "schemas.json").read_text(encoding="utf-8"))
    new = schemas_of(json.loads((REPO_ROOT / "data/datapackage.json").read_text(encoding="utf-8")), REPO_ROOT / "data")
    needed, reasons = required_bump(old, new)
    taken = bump_level(last, analysis.__version__)
    if LEVELS.index(taken) < LEVELS.index(needed):
        return [f"version {analysis.__version__} is a {taken} step from release {last}, but the data package changed at {needed} level: " + "; ".join(reasons)]
    return []


def cut() -> int:
    version = analysis.__version__
    problems = consistency_problems()
    if not changelog_entry(version):
        problems.append(f"CHANGELOG.md needs a dated heading '## [{version}] – YYYY-MM-DD' before a release")
    if version in released_versions():
        problems.append(f"{version} is already released: bump analysis.__version__ first")
    problems += compatibility_problems()
    if problems:
        print("release refused:\n- " + "\n- ".join(problems), file=sys.stderr)
        return 1
    import os

    command = ["make", "test"] + ([f"RAW={os.environ['RAW']}"] if os.environ.get("RAW") else [])
    print(f"running the test suite before the release ({' '.join(command)}) ...")
    if subprocess.run(command, cwd=REPO_ROOT).returncode != 0:
        print("release refused: the test suite fails", file=sys.stderr)
        return 1
    target = RELEASES / version
    target.mkdir(parents=True, exist_ok=True)
    descriptor = json.loads((REPO_ROOT / "data/datapackage.json").read_text(encoding="utf-8"))
    (target / "schemas.json").write_text(json.dumps(schemas_of(descriptor, REPO_ROOT / "data"), indent=1, ensure_ascii=False, sort_keys=True) + "\n", encoding="utf-8")
    print(f"recorded releases/{version}/schemas.json; commit it (that commit is the release; `make site` builds it), "
          f"and tag it: git tag -a v{version} -m 'Release {version}'")
    return 0


def main(argv: list[str] | None = None) -> int:
    argv = sys.argv[1:] if argv is None else argv
    if argv[:1] == ["cut"]:
        return cut()
    problems = consistency_problems() + compatibility_problems()
    for problem in problems:
        print(problem, file=sys.stderr)
    print("version checks passed" if not problems else "version checks FAILED")
    return 1 if problems else 0


if __name__ == "__main__":
    raise SystemExit(main())
