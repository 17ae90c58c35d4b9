"""World Bank indicators for Mexico and the United States: GDP (current US$) and population.

Raw inputs (relative to RAW), long format ``Country Name, Country Code, Year, Value``:
- ``economy_panel/worldbank_gdp_current_usd.csv``: WDI NY.GDP.MKTP.CD
  (download: https://api.worldbank.org/v2/en/indicator/NY.GDP.MKTP.CD?downloadformat=csv ;
  copy from the Frictionless ``datasets/gdp`` repository, ``data/gdp.csv``).
- ``economy_panel/worldbank_population.csv``: WDI SP.POP.TOTL
  (download: https://api.worldbank.org/v2/en/indicator/SP.POP.TOTL?downloadformat=csv ;
  copy from ``datasets/population``, ``data/population.csv``).
"""

from __future__ import annotations

from pathlib import Path

import pandas as pd

from analysis.etl import DerivationError, read_csv_with_header, resources_from_meta

GDP = "economy_panel/worldbank_gdp_current_usd.csv"
POPULATION = "economy_panel/worldbank_population.csv"
COUNTRIES = {"MEX": "Mexico", "USA": "United States"}
FIRST_YEAR = 1990


def _read(raw: Path, relative: str, column: str) -> pd.DataFrame:
    path = raw / relative
    # typed numbers, blank values NaN: the file is read as numbers, not as text
    frame = read_csv_with_header(path, ["Country Name", "Country Code", "Year", "Value"], dtype={"Country Code": "string"}, keep_default_na=True)
    frame = frame[frame["Country Code"].isin(list(COUNTRIES)) & (frame["Year"] >= FIRST_YEAR)]
    duplicated = frame.duplicated(["Country Code", "Year"])
    if duplicated.any():
        line = int(frame.index[duplicated][0]) + 2
        raise DerivationError(path, "duplicate country-year", row=line, field="Year")
    return frame.rename(columns={"Country Code": "country_code", "Year": "year", "Value": column})[["country_code", "year", column]]


def derive_indicators(raw: Path, built: dict) -> pd.DataFrame:
    gdp = _read(raw, GDP, "gdp_usd")
    population = _read(raw, POPULATION, "population")
    frame = gdp.merge(population, on=["country_code", "year"], how="outer").sort_values(["country_code", "year"])
    frame.insert(1, "country", frame["country_code"].map(COUNTRIES))
    frame["population"] = frame["population"].astype("Int64")
    return frame.reset_index(drop=True)


RESOURCES = resources_from_meta(__file__, derive={"country_indicators": derive_indicators})
