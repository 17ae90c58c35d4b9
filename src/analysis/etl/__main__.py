"""``python -m analysis.etl --raw RAW [--only NAME ...] [--check]``"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from analysis.data import REPO_ROOT
from analysis.etl import check_package, derive_all, write_package


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m analysis.etl", description=__doc__)
    parser.add_argument("--raw", type=Path, required=True, help="folder of publishers' raw files (e.g. ../shared/sources)")
    parser.add_argument("--out", type=Path, default=REPO_ROOT / "data", help="data package folder (default: data/)")
    parser.add_argument("--only", nargs="*", help="derive only these resources (and what they depend on)")
    parser.add_argument("--check", action="store_true", help="re-derive and compare with --out byte for byte; write nothing")
    args = parser.parse_args(argv)
    if not args.raw.is_dir():
        print(f"error: raw folder {args.raw} does not exist", file=sys.stderr)
        return 2
    if args.check:
        differences = check_package(args.raw, args.out)
        for line in differences:
            print(f"MISMATCH {line}", file=sys.stderr)
        print("data/ matches a fresh derivation" if not differences else f"{len(differences)} difference(s)")
        return 1 if differences else 0
    resources, blobs = derive_all(args.raw, args.only, existing=args.out)
    path = write_package(resources, blobs, args.out)
    print(f"wrote {len(resources)} resources and {path}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
