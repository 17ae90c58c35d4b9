"""Reference tables: Mexico's 32 states (entidades federativas) and their boundaries.

Raw inputs (paths relative to RAW):
- ``geo/inegi_mx_estados_simplified.geojson``: INEGI Marco Geoestadístico, state division,
  simplified (download: https://www.inegi.org.mx/temas/mg/ ; copy from isaacarroyov/datos_facil_acceso,
  ``Gobierno-Mexicano/geometrias/00ent_mexico.geojson``).
- ``elections/magar_pred_state_presidential_2006_2012_2018.csv``: short state abbreviations used
  by E. Magar's compilation of IFE/INE returns (https://github.com/emagar/elecRetrns).
"""

from __future__ import annotations

import json
from pathlib import Path

import pandas as pd

from analysis.etl import DerivationError, resources_from_meta

GEOJSON = "geo/inegi_mx_estados_simplified.geojson"
MAGAR = "elections/magar_pred_state_presidential_2006_2012_2018.csv"
COORDINATE_DECIMALS = 3  # about 100 m: ample for national choropleths, keeps pages small

# The source of Magar's returns, also cited by analysis.etl.elections_mx for its 2006 rows; the same
# entry is in states.meta.yml and elections_mx.meta.yml (tests/test_etl_meta.py checks they agree).
MAGAR_SOURCE = {
    "title": "E. Magar, Recent Mexican Election Vote Returns (elecRetrns), data/pred1964-on.csv",
    "path": "https://github.com/emagar/elecRetrns",
    "publisher": "Eric Magar (ITAM), compiling IFE/INE official computations",
}


def _features(raw: Path) -> list[dict]:
    path = raw / GEOJSON
    collection = json.loads(path.read_text(encoding="utf-8"))
    features = collection.get("features", [])
    if len(features) != 32:
        raise DerivationError(path, f"expected 32 state features, found {len(features)}")
    for number, feature in enumerate(features, start=1):
        code = feature.get("properties", {}).get("cve_geo")
        if not (isinstance(code, str) and len(code) == 2 and code.isdigit()):
            raise DerivationError(path, f"state code {code!r} is not two digits", row=number, field="cve_geo")
    return features


def derive_states(raw: Path, built: dict) -> pd.DataFrame:
    features = _features(raw)
    names = pd.DataFrame(
        {
            "state_code": [f["properties"]["cve_geo"] for f in features],
            "state_name": [f["properties"]["nombre_estado"] for f in features],
        }
    )
    magar = pd.read_csv(raw / MAGAR, usecols=["edon", "edo", "yr"], dtype={"edon": "Int64", "edo": "string"})
    abbreviations = (
        magar.loc[magar["yr"] == 2018, ["edon", "edo"]]
        .assign(state_code=lambda d: d["edon"].astype(int).map("{:02d}".format), abbreviation=lambda d: d["edo"].str.upper())
        .loc[:, ["state_code", "abbreviation"]]
    )
    states = names.merge(abbreviations, on="state_code", how="left", validate="one_to_one")
    if states["abbreviation"].isna().any():
        missing = states.loc[states["abbreviation"].isna(), "state_code"].tolist()
        raise DerivationError(raw / MAGAR, f"no 2018 row for state codes {missing}", field="edon")
    return states.sort_values("state_code").reset_index(drop=True)


def _round(coordinates):
    if isinstance(coordinates[0], (int, float)):
        return [round(c, COORDINATE_DECIMALS) for c in coordinates]
    return [_round(c) for c in coordinates]


def derive_boundaries(raw: Path, built: dict) -> pd.DataFrame:
    rows = []
    for feature in _features(raw):
        geometry = feature["geometry"]
        rounded = {"type": geometry["type"], "coordinates": _round(geometry["coordinates"])}
        rows.append({"state_code": feature["properties"]["cve_geo"], "geometry": json.dumps(rounded, separators=(",", ":"))})
    return pd.DataFrame(rows).sort_values("state_code").reset_index(drop=True)


RESOURCES = resources_from_meta(__file__, derive={"states": derive_states, "state_boundaries": derive_boundaries})
