"""Remittances to and from Mexico, monthly (Banco de México).

Raw input (relative to RAW): ``remittances/banxico_remesas_mensuales.csv``, a copy of
``data/remesas_mensuales.csv`` in ``lapanquecita/remesas`` (MIT), collected from Banco de México's
SIE, cuadro "Ingresos y Egresos por Remesas"
(https://www.banxico.org.mx/SieInternet/consultarDirectorioInternetAction.do?sector=1&accion=consultarDirectorioCuadros&locale=es).
Columns ``PERIODO,ID_FLUJO,FLUJO,OPERACIONES,VALOR_USD``: FLUJO ``Ingresos`` (inflows to Mexico,
from January 1995) and ``Egresos`` (outflows from Mexico, from January 2013); VALOR_USD in current
U.S. dollars (not millions); OPERACIONES = number of transactions.

Note: the annual "check values" in the sources README (2018 US$35.18 bn, 2023 US$64.40 bn) equal
inflows **plus** outflows; inflows alone are US$34.44 bn and US$63.32 bn (see the tests).
"""

from __future__ import annotations

import re
from pathlib import Path

import pandas as pd

from analysis.data.periods import first_break_in_months
from analysis.etl import DerivationError, read_csv_with_header, resources_from_meta

MONTHLY = "remittances/banxico_remesas_mensuales.csv"
HEADER = ["PERIODO", "ID_FLUJO", "FLUJO", "OPERACIONES", "VALOR_USD"]
FLOWS = {("1", "Ingresos"): "inflows", ("2", "Egresos"): "outflows"}


def derive_remittances(raw: Path, built: dict) -> pd.DataFrame:
    path = raw / MONTHLY
    frame = read_csv_with_header(path, HEADER)
    rows = []
    for line, record in enumerate(frame.to_dict("records"), start=2):
        key = (record["ID_FLUJO"], record["FLUJO"])
        if key not in FLOWS:
            raise DerivationError(path, f"unknown flow {key}", row=line, field="FLUJO")
        if not re.fullmatch(r"\d{4}-\d{2}-01", record["PERIODO"]):
            raise DerivationError(path, f"period {record['PERIODO']!r} is not the 1st of a month", row=line, field="PERIODO")
        numbers = {}
        for column in ("OPERACIONES", "VALOR_USD"):
            if not re.fullmatch(r"\d+", record[column]):
                raise DerivationError(path, f"{record[column]!r} is not a non-negative whole number", row=line, field=column)
            numbers[column] = int(record[column])
        rows.append({"line": line, "date": pd.Timestamp(record["PERIODO"]), "flow": FLOWS[key], **numbers})
    table = pd.DataFrame(rows)
    duplicated = table.duplicated(["date", "flow"])
    if duplicated.any():
        raise DerivationError(path, "month and flow appear twice", row=int(table.loc[duplicated, "line"].iloc[0]), field="PERIODO")
    for flow, group in table.groupby("flow"):
        group = group.sort_values("date")
        gap = first_break_in_months(group["date"])
        if gap is not None:
            raise DerivationError(path, f"{flow}: months are not consecutive", row=int(group.loc[gap, "line"]), field="PERIODO")
    inflows = table[table["flow"] == "inflows"].set_index("date")
    outflows = table[table["flow"] == "outflows"].set_index("date")
    extra = outflows.index.difference(inflows.index)
    if len(extra):
        raise DerivationError(path, f"outflows for {extra[0]:%Y-%m} without inflows", row=int(outflows.loc[extra[0], "line"]), field="PERIODO")
    result = pd.DataFrame({
        "date": inflows.index,
        "remittances_usd_mn": (inflows["VALOR_USD"] / 1_000_000).round(6).to_numpy(),
        "operations": inflows["OPERACIONES"].astype("Int64").to_numpy(),
        "outflows_usd_mn": (outflows["VALOR_USD"].reindex(inflows.index) / 1_000_000).round(6).to_numpy(),
    })
    return result.sort_values("date").reset_index(drop=True)


RESOURCES = resources_from_meta(__file__, derive={"remittances_monthly": derive_remittances})
