"""The fixture folder tests/datos/sicses/descarga_sicses: files as SICSES gives them back (three lines before
the header, long names, CamelCase cartera headers, aportes "Saldo a fecha", CUENTA/SALDO catálogo), next to
the entity's own cp1252 asociados export."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pandas as pd
import pytest

from coopxl.dataset import cargar_dataset

CARPETA = Path(__file__).parent / "datos" / "sicses" / "descarga_sicses"


def test_descarga_sicses_completa():
    ds, lectura = cargar_dataset(CARPETA, dt.date(2025, 12, 31))
    inf = lectura.informe
    assert inf.errores == 0 and inf.advertencias == 0, [p.texto() for p in inf]
    assert {k: c.archivo.name for k, c in lectura.cargas.items()} == {
        "asociados": "asociados.csv",
        "aportes": "INFORME INDIVIDUAL DE APORTES O CONTRIBUCIONES.txt",
        "cartera": "INFORME INDIVIDUAL DE CARTERA DE CREDITO (MODIFICADO).txt",
        "catalogo": "CATALOGO DE CUENTAS.txt",
    }
    for reporte in ("aportes", "cartera", "catalogo"):
        carga = lectura.cargas[reporte]
        assert carga.encabezado.linea == 4 and carga.codificacion == "cp1252" and carga.delimitador == ";"
    a = ds.asociados.set_index("documento")
    assert list(a.index) == ["79123456", "52345678", "900123456"]
    assert a.loc["79123456", "primer_apellido"] == "Núñez" and a.loc["52345678", "nombres"] == "María José"
    assert a.loc["900123456", "documento_original"] == "900.123.456-7"
    assert a.loc["900123456", "fecha_ingreso"] == pd.Timestamp("2019-01-01")  # an Excel serial
    assert list(a["habil"]) == [True, False, True]  # 52345678 owes with 45 days past due
    assert ds.aportes["saldo_total"].sum() == pytest.approx(3_734_567.89)
    c = ds.cartera.set_index("pagare")
    assert c.loc["000123", "fecha_avaluo"] == pd.Timestamp("2024-12-05")
    assert c.loc["000123", "saldo_capital"] == 9_876_543.21
    assert sorted(ds.desembolsos["pagare"]) == ["000123", "000124"]
    assert ds.cuif.saldo("140000") == pytest.approx(12_876_543.21) and ds.cuif.saldo("310500") == 2_734_567.89
