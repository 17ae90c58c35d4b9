"""The data package can be used without this project's code (frictionless, pandas, DuckDB)."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def test_frictionless_alone_in_a_fresh_process(tmp_path):
    code = (
        "import sys\n"
        "from frictionless import Package\n"
        f"package = Package(r'{ROOT / 'data' / 'datapackage.json'}')\n"
        "report = package.validate()\n"
        "assert report.valid, report.flatten(['rowNumber', 'fieldName', 'type'])[:5]\n"
        "rows = package.get_resource('states').read_rows()\n"
        "assert rows[0]['state_code'] == '01' and len(rows) == 32\n"
        "assert 'analysis' not in sys.modules\n"
        "print(len(package.resources))\n"
    )
    result = subprocess.run([sys.executable, "-I", "-c", code], cwd=tmp_path, capture_output=True, text=True)
    assert result.returncode == 0, result.stderr[-2000:]
    assert int(result.stdout.strip()) >= 4


def test_pandas_and_duckdb_read_the_files_directly():
    import duckdb
    import pandas as pd

    states = pd.read_csv(ROOT / "data/reference/states.csv", dtype={"state_code": "string"})
    assert states["state_code"].iloc[0] == "01"
    rows = duckdb.sql(
        f"SELECT state_code, state_name FROM read_csv('{ROOT / 'data/reference/states.csv'}', types={{'state_code': 'VARCHAR'}}) ORDER BY state_code"
    ).fetchall()
    assert rows[0] == ("01", "Aguascalientes") and len(rows) == 32


# ---- the README's own examples, Data Package v2, and citations -------------------------------

import json  # noqa: E402
import re  # noqa: E402

import analysis  # noqa: E402


def readme_blocks() -> list[str]:
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    section = readme.split("## Reuse the data without this project's code", 1)[1].split("\n## ", 1)[0]
    return re.findall(r"```python\n(.*?)```", section, flags=re.S)


def test_readme_examples_run_as_written():
    blocks = readme_blocks()
    assert len(blocks) == 3, "the README shows frictionless, pandas and DuckDB"
    checks = (
        "assert events.index.name == 'event_id' and 'date' in events.columns\n"
        "assert list(trade.columns[:2]) == ['date', 'partner'] and len(trade) > 1000\n"
        "import pandas\n"
        "assert states['state_code'].iloc[0] == '01' and len(states) == 32\n"
        "assert pandas.api.types.is_datetime64_any_dtype(remittances['date'])\n"
        "assert latest['date'].is_monotonic_decreasing and len(latest) == 3\n"
        "print('ok')\n"
    )
    result = subprocess.run([sys.executable, "-I", "-c", "\n".join(blocks) + "\n" + checks], cwd=ROOT, capture_output=True, text=True, timeout=600)
    assert result.returncode == 0, result.stderr[-2000:]
    assert result.stdout.strip().endswith("ok")


def test_frictionless_to_pandas_limits_the_readme_documents():
    """The README says a date-only primary key breaks to_pandas with pandas 3: keep it true."""
    import pytest
    from frictionless import Package

    package = Package(str(ROOT / "data" / "datapackage.json"))
    resource = package.get_resource("remittances_monthly")
    assert resource.schema.primary_key == ["date"]
    with pytest.raises(ValueError):
        resource.to_pandas()


def test_descriptor_is_data_package_v2():
    descriptor = json.loads((ROOT / "data" / "datapackage.json").read_text(encoding="utf-8"))
    assert descriptor["$schema"] == "https://datapackage.org/profiles/2.0/datapackage.json"
    assert "profile" not in descriptor
    assert re.fullmatch(r"urn:uuid:[0-9a-f-]{36}", descriptor["id"])
    assert re.fullmatch(r"\d{4}-\d{2}-\d{2}T00:00:00Z", descriptor["created"])
    assert all(c["roles"] and "role" not in c for c in descriptor["contributors"])
    for resource in descriptor["resources"]:
        assert resource["type"] == "table" and "profile" not in resource, resource["name"]
        assert resource["schema"]["$schema"] == "https://datapackage.org/profiles/2.0/tableschema.json"


def test_created_is_the_newest_raw_snapshot_date():
    from analysis.etl.package import package_created

    assert package_created([{"snapshot_date": "2026-01-02", "retrieved": "2025-05-01"}, {"retrieved": "2026-03-04"}]) == "2026-03-04T00:00:00Z"
    import pytest

    with pytest.raises(ValueError, match="snapshot date"):
        package_created([{"path": "x.csv"}])


def test_package_validates_in_frictionless_v2_mode():
    code = (
        "from frictionless import Package, system\n"
        "with system.use_context(standards='v2'):\n"
        f"    report = Package(r'{ROOT / 'data' / 'datapackage.json'}').validate()\n"
        "assert report.valid, report.flatten(['resourceName', 'rowNumber', 'fieldName', 'type'])[:5]\n"
    )
    result = subprocess.run([sys.executable, "-I", "-c", code], cwd=ROOT, capture_output=True, text=True, timeout=600)
    assert result.returncode == 0, result.stderr[-2000:]


def test_citation_cff_is_valid_and_matches_the_book():
    import jsonschema
    import yaml

    from analysis.book import cite

    citation = yaml.safe_load((ROOT / "CITATION.cff").read_text(encoding="utf-8"))
    # Schema of the Citation File Format 1.2.0 (citation-file-format/citation-file-format, CC BY 4.0).
    schema = json.loads((ROOT / "tests" / "fixtures" / "citation-file-format-1.2.0.schema.json").read_text(encoding="utf-8"))
    jsonschema.validate(json.loads(json.dumps(citation, default=str)), schema)
    assert set(citation["license"]) == {"MIT", "CC-BY-4.0"}, "CITATION.cff must give the data licence as well as the code's"
    preferred = citation["preferred-citation"]
    assert preferred["title"] == cite.BOOK_TITLE and str(preferred["version"]) == analysis.__version__
    assert str(preferred["year"]) == cite.version_date()[:4]
    data = next(r for r in citation["references"] if r["type"] == "data")
    assert data["title"] == cite.DATA_TITLE and data["license"] == "CC-BY-4.0" and str(data["version"]) == analysis.__version__
    assert [a["name"] for a in preferred["authors"]] == [cite.AUTHOR]


def test_citations_name_the_version_and_only_a_configured_address():
    from analysis.book import cite

    unpublished = cite.Publication()
    for text in (cite.book_citation(unpublished), cite.data_citation(unpublished)):
        assert f"Version {analysis.__version__}" in text and "http" not in text
    published = cite.Publication(site_url="https://example.org/book/")
    assert cite.book_citation(published).endswith("https://example.org/book/")
    assert cite.data_citation(published).endswith("https://example.org/book/data/datapackage.json")
    bibtex = cite.data_bibtex(published)
    assert bibtex.startswith("@misc{amlo_data_") and "url = {https://example.org/book/data/datapackage.json}" in bibtex
    assert "url =" not in cite.book_bibtex(unpublished)
    assert cite.chart_citation("A finding", "x", "https://example.org/book/chapters/trade.html#chart-x").endswith("#chart-x")


def test_make_lab_serves_the_chapters_as_notebooks(tmp_path):
    """`make lab` starts JupyterLab at the repository; jupytext gives each chapter as a notebook."""
    import os
    import secrets
    import signal
    import socket
    import time
    import urllib.request

    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    token = secrets.token_hex(16)
    args = f"--no-browser --ServerApp.ip=127.0.0.1 --ServerApp.port={port} --IdentityProvider.token={token}"
    env = {**os.environ, "JUPYTER_RUNTIME_DIR": str(tmp_path / "runtime"), "JUPYTER_CONFIG_DIR": str(tmp_path / "config")}
    lab = subprocess.Popen(["make", "-s", "lab", f"LAB_ARGS={args}"], cwd=ROOT, env=env, stdout=subprocess.PIPE,
                           stderr=subprocess.STDOUT, start_new_session=True)
    try:
        def get(path: str) -> dict:
            request = urllib.request.Request(f"http://127.0.0.1:{port}{path}", headers={"Authorization": f"token {token}"})
            with urllib.request.urlopen(request, timeout=10) as response:
                return json.loads(response.read())

        deadline = time.monotonic() + 180
        while True:
            try:
                get("/api/status")
                break
            except OSError:
                assert lab.poll() is None, lab.stdout.read().decode()[-2000:]
                assert time.monotonic() < deadline, "JupyterLab did not start within 3 minutes"
                time.sleep(1)
        trade = get("/api/contents/chapters/trade.md?type=notebook&content=1")
        assert trade["type"] == "notebook"
        cells = trade["content"]["cells"]
        assert any(c["cell_type"] == "code" and "analysis" in "".join(c["source"]) for c in cells)
        settings = json.loads((ROOT / ".venv/share/jupyter/lab/settings/overrides.json").read_text())
        assert settings["@jupyterlab/docmanager-extension:plugin"]["defaultViewers"]["markdown"] == "Jupytext Notebook"
        served = get("/lab/api/settings/@jupyterlab/docmanager-extension:plugin")
        assert served["schema"]["properties"]["defaultViewers"]["default"]["markdown"] == "Jupytext Notebook", "overrides not applied"
    finally:
        if lab.poll() is None:
            os.killpg(lab.pid, signal.SIGTERM)  # the make process group this test started
            try:
                lab.wait(timeout=30)
            except subprocess.TimeoutExpired:
                os.killpg(lab.pid, signal.SIGKILL)
                lab.wait(timeout=30)
