"""Command line: ``python -m analysis validate [PATH]``."""

from __future__ import annotations

import argparse
import sys
import time

from analysis.data import package_path


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m analysis")
    sub = parser.add_subparsers(dest="command", required=True)
    check = sub.add_parser("validate", help="validate the data package; exit 1 on any error")
    check.add_argument("package", nargs="?", help="path of datapackage.json (default: the repository's data/)")
    args = parser.parse_args(argv)
    if args.command == "validate":
        from analysis.validate import validate_package

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
    return 2


if __name__ == "__main__":
    raise SystemExit(main())
