"""The CUIF level rule (cuif.py): an account present is itself; an absent one is the sum of the most detailed
listed accounts below it, contra accounts (CR) subtracted; unidad_cuif scales every balance."""

from __future__ import annotations

import pandas as pd
import pytest

from coopxl.cuif import Catalogo, ancestros, es_contra, prefijo


def _cat(filas, unidad=1.0) -> Catalogo:
    df = pd.DataFrame(filas, columns=["codigo", "nombre", "saldo"])
    df["codigo"] = df["codigo"].astype("str")
    return Catalogo.desde(df, unidad)


TODOS_LOS_NIVELES = [
    ("100000", "ACTIVO", 900.0),
    ("140000", "CARTERA DE CRÉDITOS", 900.0),
    ("141100", "CONSUMO CON LIBRANZA", 600.0), ("141105", "CATEGORÍA A", 500.0), ("141110", "CATEGORÍA B", 100.0),
    ("144100", "CONSUMO OTRAS GARANTÍAS", 400.0), ("144105", "CATEGORÍA A", 400.0),
    ("144500", "DETERIORO CRÉDITOS DE CONSUMO (CR)", 100.0), ("144505", "CATEGORÍA A", 100.0),
]


def test_prefijos_y_ancestros():
    assert [prefijo(c) for c in ("100000", "140000", "310500", "230510", "12")] == ["1", "14", "3105", "230510", "12"]
    assert ancestros("141105") == ["141100", "140000", "100000"]
    assert ancestros("140000") == ["100000"] and ancestros("100000") == []


def test_cuenta_presente_es_ella_misma():
    cat = _cat(TODOS_LOS_NIVELES)
    assert cat.saldo("100000") == 900 and cat.saldo("141100") == 600 and cat.saldo("144500") == 100


def test_cuenta_ausente_suma_las_mas_detalladas_restando_cr():
    # Only the leaves: 140000 = 500 + 100 + 400 - 100 (144505 is a contra account by its official parent 144500)
    hojas = [f for f in TODOS_LOS_NIVELES if f[0] in ("141105", "141110", "144105", "144505")]
    cat = _cat(hojas)
    assert cat.saldo("140000") == 900
    assert cat.saldo("100000") == 900
    assert cat.saldo("141100") == 600
    assert cat.saldo("144500") == 100  # a contra group adds its own contra accounts
    assert cat.saldo("200000") is None


def test_no_cuenta_dos_veces_los_niveles_intermedios():
    sin_clase = [f for f in TODOS_LOS_NIVELES if f[0] not in ("100000", "140000")]
    cat = _cat(sin_clase)
    assert cat.saldo("140000") == 900  # 141105+141110+144105-144505, not 600+400-100 added on top
    assert cat.saldo("1") == 900 and cat.saldo("14") == 900  # unpadded codes


def test_cr_por_nombre_y_cr_negativo():
    cat = _cat([("120105", "INVERSIONES", 1000.0), ("120205", "PROVISIÓN INVERSIONES (CR)", 200.0),
                ("120305", "OTRO AJUSTE (CR)", -50.0)])
    assert cat.saldo("120000") == 750  # 1000 - 200 - 50: the negative one is already signed
    assert es_contra("DETERIORO (CR)") and es_contra("deterioro (cr) ") and not es_contra("CRÉDITOS")


def test_descuadres_por_nivel():
    cat = _cat(TODOS_LOS_NIVELES)
    assert cat.descuadres(1.0) == []
    mal = _cat([*TODOS_LOS_NIVELES[:-1], ("144505", "CATEGORÍA A", 90.0)])
    assert mal.descuadres(1.0) == [("144500", 100.0, 90.0)]
    assert cat.hijos_directos("140000") == ["141100", "144100", "144500"]


def test_unidad_cuif_1000():
    cat = _cat([("310500", "APORTES", 1234.5), ("311000", "MÍNIMOS", 100.0)], unidad=1000)
    assert cat.saldo("310500") == 1_234_500
    assert cat.expresion("310500+311000") == (1_334_500, [])


def test_expresion():
    cat = _cat([("500000", "GASTOS", 1000.0), ("530000", "EXCEDENTES", 300.0), ("311010", "AMORTIZADOS", 5.0)])
    assert cat.expresion("500000-530000") == (700, [])
    assert cat.expresion("311010+320500") == (5, ["320500"])
    assert cat.expresion("230510+230515") == (None, ["230510", "230515"])


def test_cuenta_repetida_se_suma_y_se_informa():
    cat = _cat([("210000", "DEPÓSITOS", 600.0), ("210000", "DEPÓSITOS", 400.0)])
    assert cat.saldo("210000") == 1000 and cat.repetidos == ("210000",)


@pytest.mark.parametrize("codigo", ["12", "1226", "122602"])
def test_tiene_acepta_codigos_sin_rellenar(codigo):
    cat = _cat([("120000", "INVERSIONES", 1.0), ("122600", "X", 1.0), ("122602", "Y", 1.0)])
    assert cat.tiene(codigo)
