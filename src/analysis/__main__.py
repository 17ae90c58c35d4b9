"""Command line of the project's data tools.

- ``python -m analysis validate [PATH]``: validate the data package (default ``data/``).
- ``python -m analysis data [--raw DIR] [--only NAME ...] [--check]``: derive ``data/`` from the
  raw snapshots in ``raw/`` (or ``DIR``); ``--check`` re-derives and compares byte for byte.
"""

from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path

from analysis.data import REPO_ROOT, package_path


def _validate(args) -> int:
    from analysis.data.validate import validate_package

    started = time.perf_counter()
    path = args.package or package_path()
    problems = validate_package(path)
    for line in problems:
        print(line, file=sys.stderr)
    seconds = time.perf_counter() - started
    if problems:
        print(f"INVALID: {len(problems)} problem(s) in {path} ({seconds:.2f} s)", file=sys.stderr)
        return 1
    print(f"valid: {path} ({seconds:.2f} s)")
    return 0


def _data(args) -> int:
    from analysis import pipeline
    from analysis.etl.raw import RAW_DIR

    raw = args.raw or RAW_DIR
    if not raw.is_dir():
        print(f"error: raw folder {raw} does not exist", file=sys.stderr)
        return 2
    if args.check:
        differences = pipeline.check(raw, args.out)
        for line in differences:
            print(f"MISMATCH {line}", file=sys.stderr)
        print(f"{args.out} matches a fresh derivation from {raw}" if not differences else f"{len(differences)} difference(s)")
        return 1 if differences else 0
    path = pipeline.write(raw, args.out, args.only)
    print(f"wrote {path} from {raw}")
    return 0


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m analysis")
    sub = parser.add_subparsers(dest="command", required=True)
    check = sub.add_parser("validate", help="validate the data package; exit 1 on any error")
    check.add_argument("package", nargs="?", help="path of datapackage.json (default: the repository's data/)")
    data = sub.add_parser("data", help="derive data/ from the raw snapshots (raw/ by default)")
    data.add_argument("--raw", type=Path, help="folder of raw files (default: the repository's raw/)")
    data.add_argument("--out", type=Path, default=REPO_ROOT / "data", help="data package folder (default: data/)")
    data.add_argument("--only", nargs="*", help="derive only these resources (and what they read)")
    data.add_argument("--check", action="store_true", help="re-derive and compare with --out byte for byte; write nothing")
    args = parser.parse_args(argv)
    return _validate(args) if args.command == "validate" else _data(args)


if __name__ == "__main__":
    raise SystemExit(main())
