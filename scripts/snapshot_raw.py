#!/usr/bin/env python3
"""Maintainers' tool: copy raw files verbatim into ``raw/`` and record them in ``raw/manifest.json``.

    python scripts/snapshot_raw.py --from ../shared/sources PATH [PATH ...] [--metadata META.json]
    python scripts/snapshot_raw.py --from raw collected/security_figures.csv   # re-record only

Each PATH is relative to the ``--from`` folder and keeps that relative path under ``raw/``. With
``--from raw`` nothing is copied: the file's checksum and size are re-recorded (for the project's
own collections in ``raw/collected/``, which are edited in place). The
file is copied byte for byte; its sha256 and size are recorded. Descriptive metadata (publisher,
download URL, mirror, licence, coverage, retrieval date) must already be in the manifest or be
given in ``META.json`` (an object keyed by PATH). Users never run this: they derive from ``raw/``.
"""

from __future__ import annotations

import argparse
import json
import shutil
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))

from analysis.etl.raw import MANIFEST, MANIFEST_FIELDS, RAW_DIR, sha256_of  # noqa: E402

ORDER = ["path", "sha256", "bytes", "title", "publisher", "publisher_url", "mirror", "license", "license_url",
         "coverage", "units", "retrieved", "retrieved_note", "caveats", "provenance"]


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--from", dest="source", type=Path, required=True)
    parser.add_argument("--metadata", type=Path)
    parser.add_argument("paths", nargs="+")
    args = parser.parse_args(argv)
    manifest = json.loads(MANIFEST.read_text(encoding="utf-8")) if MANIFEST.is_file() else {"files": []}
    entries = {e["path"]: e for e in manifest["files"]}
    extra = json.loads(args.metadata.read_text(encoding="utf-8")) if args.metadata else {}
    for relative in args.paths:
        source = args.source / relative
        if not source.is_file():
            print(f"error: {source} not found", file=sys.stderr)
            return 2
        entry = {**entries.get(relative, {}), **extra.get(relative, {}), "path": relative}
        missing = [k for k in MANIFEST_FIELDS if k not in entry and k not in ("sha256", "bytes")]
        if missing:
            print(f"error: {relative}: give {missing} in --metadata before snapshotting", file=sys.stderr)
            return 2
        target = RAW_DIR / relative
        target.parent.mkdir(parents=True, exist_ok=True)
        if source.resolve() != target.resolve():
            shutil.copyfile(source, target)
        entry["sha256"], entry["bytes"] = sha256_of(target), target.stat().st_size
        entries[relative] = {k: entry[k] for k in ORDER if k in entry} | {k: v for k, v in entry.items() if k not in ORDER}
        print(f"{relative}: {entry['bytes']:,} bytes, sha256 {entry['sha256'][:12]}…")
    manifest["files"] = [entries[p] for p in sorted(entries)]
    MANIFEST.write_text(json.dumps(manifest, indent=2, ensure_ascii=False) + "\n", encoding="utf-8")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
