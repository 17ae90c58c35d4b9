"""The raw snapshots: verbatim copies of the publishers' files in ``raw/``, with a manifest.

``raw/manifest.json`` lists every file a step reads: its path (relative to ``raw/``), sha256 and
size, the original publisher and download URL, the mirror it was copied from (repository, commit,
path), its licence, coverage and retrieval date. Before a step runs, the checksums of its inputs
are verified against the manifest, whichever raw folder is used (``raw/`` or ``--raw DIR``), so a
derivation from a changed or truncated file stops with an error naming that file.
"""

from __future__ import annotations

import contextlib
import hashlib
import json
import os
import tempfile
from functools import lru_cache
from pathlib import Path
from typing import Iterator

from analysis.data import REPO_ROOT
from analysis.etl.resource import DerivationError

RAW_DIR = REPO_ROOT / "raw"
MANIFEST = RAW_DIR / "manifest.json"
MANIFEST_FIELDS = ("path", "sha256", "bytes", "title", "publisher", "publisher_url", "mirror", "license", "coverage", "retrieved")


@lru_cache(maxsize=4)
def _read_manifest(path: Path) -> dict[str, dict]:
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except FileNotFoundError as exc:
        raise DerivationError(path, "raw-file manifest not found") from exc
    except json.JSONDecodeError as exc:
        raise DerivationError(path, f"not valid JSON ({exc.msg})", row=exc.lineno) from exc
    entries: dict[str, dict] = {}
    for number, entry in enumerate(data.get("files", []), start=1):
        missing = [key for key in MANIFEST_FIELDS if key not in entry]
        if missing:
            raise DerivationError(path, f"entry {number} ({entry.get('path', '?')}) lacks {missing}")
        entries[entry["path"]] = entry
    return entries


def manifest(path: Path = MANIFEST) -> dict[str, dict]:
    """The manifest's entries by path relative to the raw folder."""
    return _read_manifest(path)


def sha256_of(path: Path) -> str:
    digest = hashlib.sha256()
    with path.open("rb") as handle:
        for block in iter(lambda: handle.read(1 << 20), b""):
            digest.update(block)
    return digest.hexdigest()


def verify(raw: Path, paths: list[str] | tuple[str, ...], manifest_path: Path = MANIFEST) -> None:
    """Check that each raw file exists and matches the manifest's size and sha256."""
    entries = manifest(manifest_path)
    for relative in paths:
        file = raw / relative
        entry = entries.get(relative)
        if entry is None:
            raise DerivationError(manifest_path, f"{relative} is read by a step but not listed in the manifest")
        if not file.is_file():
            raise DerivationError(file, "raw file not found (is the raw folder complete?)")
        size = file.stat().st_size
        if size != entry["bytes"]:
            raise DerivationError(file, f"size {size:,} bytes differs from the manifest's {entry['bytes']:,}: not the snapshot the data were derived from")
        digest = sha256_of(file)
        if digest != entry["sha256"]:
            raise DerivationError(file, f"sha256 {digest} differs from the manifest's {entry['sha256']}: not the snapshot the data were derived from")


@contextlib.contextmanager
def step_view(raw: Path, inputs: tuple[str, ...]) -> Iterator[Path]:
    """A folder holding only ``inputs`` (symbolic links into ``raw``): a step that opens a file
    it did not declare fails at once, so the step list stays the whole truth."""
    with tempfile.TemporaryDirectory(prefix="raw-view-") as folder:
        view = Path(folder)
        for relative in inputs:
            target = view / relative
            target.parent.mkdir(parents=True, exist_ok=True)
            os.symlink((raw / relative).resolve(), target)
        yield view
