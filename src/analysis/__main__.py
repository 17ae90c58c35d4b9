"""Command line of the project's data tools.

- ``python -m analysis validate [PATH] [--no-cache]``: validate the data package (default
  ``data/``); a package that already passed unchanged is not validated again (the verdict is
  keyed on the sha256 of every file and of the validator, kept under ``_build/validation/``).
- ``python -m analysis data [--raw DIR] [--only NAME ...] [--check]``: derive ``data/`` from the
  raw snapshots in ``raw/`` (or ``DIR``); ``--check`` re-derives and compares byte for byte.

Errors are one line each, naming the file (row, field) and the fix; ``--verbose`` (``-v``, or
``AMLO_VERBOSE=1``) adds the traceback.
"""

from __future__ import annotations

import argparse
import json
import os
import sys
import time
import traceback
import zipfile
from pathlib import Path

from analysis.data import REPO_ROOT, DataPackageError, package_path


def _validate(args) -> int:
    from analysis.data.validate import validate_cached, validate_package

    started = time.perf_counter()
    path = Path(args.package).resolve() if args.package else package_path()
    if args.no_cache:
        problems, cached = validate_package(path), False
    else:
        problems, cached = validate_cached(path)
    for line in problems:
        print(line, file=sys.stderr)
    seconds = time.perf_counter() - started
    if problems:
        print(f"INVALID: {len(problems)} problem(s) in {path} ({seconds:.2f} s)", file=sys.stderr)
        return 1
    print(f"valid: {path} ({'unchanged since it last passed; ' if cached else ''}{seconds:.2f} s)")
    return 0


class _OpenedFiles:
    """Remembers the last raw file a derivation step opened (through an audit hook), so that a
    decoding or parsing error raised deep inside pandas or openpyxl can name it."""

    last: Path | None = None
    installed = False

    @classmethod
    def install(cls) -> None:
        if cls.installed:
            return

        def hook(event, args):
            if event == "open" and isinstance(args[0], (str, Path)) and "raw-view-" in str(args[0]):
                target = os.path.realpath(args[0])  # the view holds links into the raw folder
                if os.path.isfile(target):
                    cls.last = Path(target)

        sys.addaudithook(hook)
        cls.installed = True


def _raw_file_problem(exc: BaseException) -> str | None:
    """One line for a raw file that cannot be read at all (wrong encoding, empty, not a
    spreadsheet, broken JSON), naming it; None for other errors."""
    import pandas as pd

    file = _OpenedFiles.last
    if file is None:
        return None
    try:
        file = file.relative_to(Path.cwd())
    except ValueError:
        pass
    NEWLINE = b"\n"
    fix = "check the file and re-snapshot it with scripts/snapshot_raw.py, or fix the step that reads it"
    if isinstance(exc, UnicodeDecodeError):
        data = Path(file).read_bytes()
        try:
            data.decode(exc.encoding)
            where = ""
        except UnicodeDecodeError as again:
            where = f", row {data.count(NEWLINE, 0, again.start) + 1}"
        return f"{file}{where}: not valid {exc.encoding} (byte {exc.object[exc.start]:#04x}); {fix}"
    if isinstance(exc, pd.errors.EmptyDataError):
        return f"{file}: empty file (no header, no rows); {fix}"
    if isinstance(exc, pd.errors.ParserError):
        return f"{file}: not a readable CSV ({str(exc).strip().splitlines()[-1]}); {fix}"
    if isinstance(exc, zipfile.BadZipFile):
        return f"{file}: not a valid spreadsheet (.xlsx) file ({exc}); {fix}"
    if isinstance(exc, json.JSONDecodeError):
        return f"{file}, row {exc.lineno}: not valid JSON ({exc.msg}); {fix}"
    return None


def _data(args) -> int:
    from analysis import pipeline
    from analysis.etl.raw import RAW_DIR

    raw = args.raw or RAW_DIR
    if not raw.is_dir():
        print(f"error: raw folder {raw} does not exist", file=sys.stderr)
        return 2
    _OpenedFiles.install()
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
    parser.add_argument("-v", "--verbose", action="store_true", help="print the traceback of an error (or set AMLO_VERBOSE=1)")
    sub = parser.add_subparsers(dest="command", required=True)
    check = sub.add_parser("validate", help="validate the data package; exit 1 on any error")
    check.add_argument("package", nargs="?", help="path of datapackage.json (default: the repository's data/)")
    check.add_argument("--no-cache", action="store_true", help="validate even if this exact package already passed")
    data = sub.add_parser("data", help="derive data/ from the raw snapshots (raw/ by default)")
    data.add_argument("--raw", type=Path, help="folder of raw files (default: the repository's raw/)")
    data.add_argument("--out", type=Path, default=REPO_ROOT / "data", help="data package folder (default: data/)")
    data.add_argument("--only", nargs="*", help="derive only these resources (and what they read)")
    data.add_argument("--check", action="store_true", help="re-derive and compare with --out byte for byte; write nothing")
    args = parser.parse_args(argv)
    verbose = args.verbose or os.environ.get("AMLO_VERBOSE", "") not in ("", "0")
    try:
        return _validate(args) if args.command == "validate" else _data(args)
    except KeyboardInterrupt:
        print("interrupted", file=sys.stderr)
        return 130
    except Exception as exc:  # noqa: BLE001 — every error becomes one line (traceback with --verbose)
        from analysis.etl.resource import DerivationError

        if verbose:
            traceback.print_exc()
        if isinstance(exc, (DerivationError, DataPackageError, FileNotFoundError, KeyError)):
            message = str(exc.args[0]) if isinstance(exc, KeyError) and exc.args else str(exc)
        else:
            message = _raw_file_problem(exc) if args.command == "data" else None
            message = message or f"{type(exc).__name__}: {exc}"
        print(f"error: {message}", file=sys.stderr)
        return 1


if __name__ == "__main__":
    raise SystemExit(main())
