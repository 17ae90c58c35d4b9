"""`make data` never leaves data/ half-written, and its errors are one clear line.

Faults are injected at every point of ``write_package`` (a write that fails with a full disk or a
read-only file, a failed swap, a failed clean-up, a kill at each step) on a copy of the committed
package; afterwards the package folder must hold the old package or the new one, whole and valid.
"""

from __future__ import annotations

import errno
import json
import os
import shutil
import signal
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest

from analysis import pipeline
from analysis.data import atomic
from analysis.data.validate import validate_cached
from analysis.etl import package as pkg

ROOT = Path(__file__).resolve().parents[1]


def snapshot(folder: Path) -> dict[str, bytes]:
    return {str(p.relative_to(folder)): p.read_bytes() for p in sorted(folder.rglob("*")) if p.is_file()}


@pytest.fixture()
def committed(tmp_path):
    """A copy of data/, the resources, and new blobs (one harmless edit) to write over it."""
    out = tmp_path / "repo" / "data"
    shutil.copytree(ROOT / "data", out)
    resources = pkg.resources_of(pipeline.STAGES)
    blobs = {r.name: (out / r.path).read_bytes() for r in resources}
    blobs["states"] = blobs["states"].replace(b"Aguascalientes", b"Aguascalientez")
    return out, resources, blobs


def assert_old_or_new_and_valid(out: Path, old: dict[str, bytes], resources, blobs) -> str:
    # cached verdicts are keyed on the content of every file, so this is a full check of what is there
    assert validate_cached(out / "datapackage.json")[0] == [], "the package folder is not a valid package"
    now = snapshot(out)
    new = {r.path: blobs[r.name] for r in resources}
    if now == old:
        return "old"
    assert {k: now[k] for k in new} == new and set(now) == set(new) | {"datapackage.json"}, "a mix of old and new files"
    assert now["datapackage.json"] == pkg.descriptor_text(resources, blobs).encode()
    return "new"


def no_staging_left(out: Path) -> bool:
    return not [p for p in out.parent.iterdir() if p.name.startswith(f".{out.name}-")]


def test_a_normal_write_swaps_in_the_new_package_and_keeps_permissions(committed):
    out, resources, blobs = committed
    out.chmod(0o755)
    old = snapshot(out)
    pkg.write_package(resources, blobs, out)
    assert assert_old_or_new_and_valid(out, old, resources, blobs) == "new"
    assert out.stat().st_mode & 0o777 == 0o755, "the staging folder's 0700 mode leaked onto data/"
    assert no_staging_left(out)


@pytest.mark.parametrize("failing_write", [0, 13, "descriptor"])
@pytest.mark.parametrize("error", [errno.ENOSPC, errno.EROFS, errno.EACCES])
def test_a_failed_write_at_any_point_leaves_the_old_package(committed, monkeypatch, failing_write, error):
    out, resources, blobs = committed
    old = snapshot(out)
    real = pkg._write_durably
    calls = []

    def flaky(target, blob):
        calls.append(target)
        index = len(resources) if failing_write == "descriptor" else failing_write
        if len(calls) - 1 == index:
            raise OSError(error, os.strerror(error), str(target))
        real(target, blob)

    monkeypatch.setattr(pkg, "_write_durably", flaky)
    with pytest.raises(OSError):
        pkg.write_package(resources, blobs, out)
    assert assert_old_or_new_and_valid(out, old, resources, blobs) == "old"
    assert no_staging_left(out)


def test_a_failed_swap_leaves_the_old_package(committed, monkeypatch):
    out, resources, blobs = committed
    old = snapshot(out)

    def broken(a, b):
        raise OSError(errno.EIO, "I/O error", str(b))

    monkeypatch.setattr(atomic, "exchange", broken)
    with pytest.raises(OSError):
        pkg.write_package(resources, blobs, out)
    assert assert_old_or_new_and_valid(out, old, resources, blobs) == "old"
    assert no_staging_left(out)


def make_read_only(path: Path) -> None:
    """Read-only for real: the immutable attribute as root (who ignores permissions), else chmod."""
    if os.geteuid() == 0:
        subprocess.run(["chattr", "+i", str(path)], check=True)
    else:
        path.chmod(0o555 if path.is_dir() else 0o444)


def make_writable(path: Path) -> None:
    if os.geteuid() == 0:
        subprocess.run(["chattr", "-i", str(path)], check=False)
    path.chmod(0o755 if path.is_dir() else 0o644)


def test_a_read_only_file_in_data_does_not_stop_the_swap_and_the_leftover_is_cleared(committed):
    out, resources, blobs = committed
    old = snapshot(out)
    locked = out / "reference" / "states.csv"
    make_read_only(locked)
    try:
        pkg.write_package(resources, blobs, out)
        assert assert_old_or_new_and_valid(out, old, resources, blobs) == "new"
    finally:
        for leftover in out.parent.glob(".data-staging-*/reference/states.csv"):
            make_writable(leftover)
    pkg.write_package(resources, blobs, out)  # the next run removes what the last could not
    assert no_staging_left(out)


def test_a_read_only_package_folder_leaves_the_old_package(committed):
    out, resources, blobs = committed
    old = snapshot(out)
    make_read_only(out.parent)
    try:
        with pytest.raises(OSError):
            pkg.write_package(resources, blobs, out)
    finally:
        make_writable(out.parent)
    assert assert_old_or_new_and_valid(out, old, resources, blobs) == "old"
    assert no_staging_left(out)


# Kill the process just before or just after the atomic exchange (shared with test_reliability_book).
DIE_AROUND_EXCHANGE = textwrap.dedent("""
    import os, signal
    from analysis.data import atomic

    def die():
        os.kill(os.getpid(), signal.SIGKILL)

    real_exchange = atomic.exchange

    def exchange(a, b):
        if point == "before-swap":
            die()
        done = real_exchange(a, b)
        if point == "after-swap":
            die()
        return done

    atomic.exchange = exchange
""")

KILLER = textwrap.dedent("""
    import sys
    from pathlib import Path
    from analysis import pipeline
    from analysis.etl import package as pkg

    out, point = Path(sys.argv[1]), sys.argv[2]
    resources = pkg.resources_of(pipeline.STAGES)
    blobs = {r.name: (out / r.path).read_bytes() for r in resources}
    blobs["states"] = blobs["states"].replace(b"Aguascalientes", b"Aguascalientez")
""") + DIE_AROUND_EXCHANGE + textwrap.dedent("""
    writes = []
    real_write = pkg._write_durably

    def write(target, blob):
        writes.append(target)
        if point == "mid-write" and len(writes) == 10:
            die()
        real_write(target, blob)

    pkg._write_durably = write
    if point == "between-renames":
        atomic.exchange = lambda a, b: False  # a system without an atomic exchange: two renames
        real_rename = Path.rename

        def rename(self, target):
            real_rename(self, target)
            if Path(target).name == ".data-old":
                die()

        Path.rename = rename
    pkg.write_package(resources, blobs, out)
""")


@pytest.mark.parametrize("point", ["mid-write", "before-swap", "after-swap", "between-renames"])
def test_a_kill_at_any_point_leaves_a_whole_package(committed, point):
    out, resources, blobs = committed
    old = snapshot(out)
    result = subprocess.run([sys.executable, "-c", KILLER, str(out), point], capture_output=True, text=True, timeout=300)
    assert result.returncode == -signal.SIGKILL, result.stderr[-2000:]
    if point == "between-renames":  # no atomic exchange: the next run (or recover) puts the old folder back
        atomic.recover(out)
    state = assert_old_or_new_and_valid(out, old, resources, blobs)
    assert state == ("old" if point in ("mid-write", "before-swap", "between-renames") else "new")
    pkg.write_package(resources, blobs, out)
    assert assert_old_or_new_and_valid(out, old, resources, blobs) == "new"
    assert no_staging_left(out)


def test_two_writers_take_turns(committed):
    out, resources, blobs = committed
    with atomic.exclusive(out.parent, "a test holding the lock"):
        with pytest.raises(BlockingIOError, match="already running"):
            with atomic.exclusive(out.parent, f"writing {out}", wait=False):
                pass


# --- clear one-line errors from `python -m analysis data` and the loader ---


def run_cli(*args, env=None) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "analysis", *args], capture_output=True, text=True, cwd=ROOT,
                          env={**os.environ, **(env or {})}, timeout=600)


RAW_FAULT = textwrap.dedent("""
    import sys
    from analysis.etl import raw
    raw.verify = lambda *a, **k: None  # as if the snapshot had been recorded from the bad file
    from analysis.__main__ import main
    sys.exit(main(sys.argv[1:]))
""")


@pytest.mark.parametrize("fault, expected", [
    ("latin-1", r"events_timeline.csv, row \d+: not valid utf-8"),
    ("empty", r"events_timeline.csv: empty file"),
])
def test_unreadable_raw_file_is_one_line_naming_it(tmp_path, fault, expected):
    import re

    fake = tmp_path / "raw"
    fake.mkdir()
    source = (ROOT / "raw/events_timeline.csv").read_text(encoding="utf-8")
    (fake / "events_timeline.csv").write_bytes(source.encode("latin-1", "replace") if fault == "latin-1" else b"")
    args = ["data", "--raw", str(fake), "--out", str(tmp_path / "data"), "--only", "events"]
    result = subprocess.run([sys.executable, "-c", RAW_FAULT, *args], capture_output=True, text=True, cwd=ROOT, timeout=600)
    assert result.returncode == 1
    errors = [line for line in result.stderr.splitlines() if line.startswith("error:")]
    assert len(errors) == 1 and re.search(expected, errors[0]), result.stderr[-2000:]
    assert "Traceback" not in result.stderr
    verbose = subprocess.run([sys.executable, "-c", RAW_FAULT, "--verbose", *args], capture_output=True, text=True, cwd=ROOT, timeout=600)
    assert "Traceback" in verbose.stderr


def test_derivation_error_is_one_line_without_traceback(tmp_path):
    fake = tmp_path / "raw"
    fake.mkdir()
    text = (ROOT / "raw/events_timeline.csv").read_text(encoding="utf-8").splitlines()
    text[3] = text[3].replace(",elections,", ",sport,")
    (fake / "events_timeline.csv").write_text("\n".join(text) + "\n", encoding="utf-8")
    args = ["data", "--raw", str(fake), "--out", str(tmp_path / "data"), "--only", "events"]
    result = subprocess.run([sys.executable, "-c", RAW_FAULT, *args], capture_output=True, text=True, cwd=ROOT, timeout=600)
    assert result.returncode == 1 and "Traceback" not in result.stderr
    assert [line for line in result.stderr.splitlines() if line.startswith("error:")] == [
        line for line in result.stderr.splitlines() if "events_timeline.csv, row 4, field 'category'" in line
    ]


def test_loader_reports_a_broken_descriptor_in_one_line(tmp_path, monkeypatch):
    from analysis import data

    copy = tmp_path / "data"
    shutil.copytree(ROOT / "data", copy)
    (copy / "datapackage.json").write_text('{"name": "broken", "resources": [', encoding="utf-8")
    monkeypatch.setenv(data.PACKAGE_ENV, str(copy / "datapackage.json"))
    with pytest.raises(data.DataPackageError, match=r"datapackage.json, line 1, column \d+: not valid JSON .*make data"):
        data.load("states")


def test_loader_rereads_a_descriptor_that_changed(tmp_path, monkeypatch):
    from analysis import data

    copy = tmp_path / "data"
    shutil.copytree(ROOT / "data", copy)
    monkeypatch.setenv(data.PACKAGE_ENV, str(copy / "datapackage.json"))
    assert "states" in data.resource_names()
    descriptor = json.loads((copy / "datapackage.json").read_text())
    descriptor["resources"] = [r for r in descriptor["resources"] if r["name"] != "states"]
    (copy / "datapackage.json").write_text(json.dumps(descriptor))
    assert "states" not in data.resource_names()


def test_validate_command_reuses_a_passing_verdict_and_catches_an_edit(tmp_path):
    copy = tmp_path / "data"
    shutil.copytree(ROOT / "data", copy)
    first = run_cli("validate", str(copy / "datapackage.json"))
    second = run_cli("validate", str(copy / "datapackage.json"))
    assert first.returncode == 0 and second.returncode == 0
    assert "unchanged since it last passed" in second.stdout
    states = copy / "reference/states.csv"
    states.write_text(states.read_text(encoding="utf-8").replace("Aguascalientes", "Aguascalientez"), encoding="utf-8")
    third = run_cli("validate", str(copy / "datapackage.json"))
    assert third.returncode == 1 and "hash-count" in third.stderr
