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
