"""Golden tests for principle 5 (autonomía): concentration of loans and deposits (the 80 % rule in
integer cents), financiación externa from a catálogo that lists every level, and the keys-only ones."""

from __future__ import annotations

import pytest
from constructor import Entidad, captacion, credito, cuenta

import coopxl.indicadores.p5_autonomia  # noqa: F401  (registers principle 5)
from coopxl.indicadores.p5_autonomia import concentracion_80
from coopxl.indicadores.registro import obtener


def calcular(ds, id_):
    return obtener(id_).calcular(ds)


# --- concentración de créditos -------------------------------------------------------------------

def test_concentracion_creditos_tres_deudores(tmp_path):
    # balances 50, 30, 20 (person 1 has two loans, 30 + 20; person 4 paid off, not a debtor; person 900 a
    # legal person): total 100; 50 < 80, 50 + 30 = 80 reaches 80 % with 2 of 3 debtors -> 66.67 %
    ds, _ = Entidad(tmp_path, cartera=[
        credito("1", "A", saldo=30), credito("1", "B", saldo=20),
        credito("2", "C", saldo=30),
        credito("900", "D", saldo=20, tipo="N", codigo="146105"),
        credito("4", "E", saldo=0),
    ]).cargar()
    r = calcular(ds, "concentracion_creditos")
    assert (r.estado, r.numerador, r.denominador) == ("ok", 2, 3)
    assert r.valor == pytest.approx(200 / 3)
    assert r.extra["k"] == 2
    assert r.extra["total"] == pytest.approx(100.0)
    assert r.origen_numerador.archivo == "cartera.csv" and r.origen_numerador.filas == 2
    assert r.origen_denominador.filas == 3


def test_concentracion_creditos_un_centavo_por_debajo(tmp_path):
    # balances 79.99, 10.01, 10.00: total 100.00; 5 x 7999 = 39995 < 4 x 10000 = 40000, so one debtor does
    # not reach 80 %; 79.99 + 10.01 = 90.00 does -> 2 of 3 = 66.67 %
    ds, _ = Entidad(tmp_path, cartera=[credito("1", "A", saldo=79.99), credito("2", "B", saldo=10.01),
                                       credito("3", "C", saldo=10.0)]).cargar()
    r = calcular(ds, "concentracion_creditos")
    assert r.extra["k"] == 2
    assert r.valor == pytest.approx(200 / 3)


def test_concentracion_creditos_exactamente_80(tmp_path):
    # balances 80.00, 10.00, 10.00: 5 x 8000 = 40000 = 4 x 10000 -> reaches with 1 of 3 = 33.33 %
    # (with floats, 0.8 * 100.0 might not equal 80.0; in cents it is exact)
    ds, _ = Entidad(tmp_path, cartera=[credito("1", "A", saldo=80.0), credito("2", "B", saldo=10.0),
                                       credito("3", "C", saldo=10.0)]).cargar()
    r = calcular(ds, "concentracion_creditos")
    assert r.extra["k"] == 1
    assert r.valor == pytest.approx(100 / 3)


def test_concentracion_80_en_centavos():
    import pandas as pd

    # 0.1 + 0.7 = 0.7999999999999999 in floats but 80 cents of 100: reached with 2
    assert concentracion_80(pd.Series([0.7, 0.1, 0.1, 0.1])) == (2, 100)
    # equal balances: 4 of 5 reach exactly 80 %
    assert concentracion_80(pd.Series([10.0] * 5)) == (4, 5000)
    assert concentracion_80(pd.Series([5.0])) == (1, 500)
    assert concentracion_80(pd.Series([], dtype="float64")) == (0, 0)


def test_concentracion_creditos_sin_saldos_es_denominador_cero(tmp_path):
    # every loan paid off: no debtor
    ds, _ = Entidad(tmp_path, cartera=[credito("1", "A", saldo=0), credito("2", "B", saldo=0)]).cargar()
    r = calcular(ds, "concentracion_creditos")
    assert (r.estado, r.denominador, r.valor) == ("denominador_cero", 0.0, None)


def test_concentracion_creditos_sin_cartera_es_sin_datos(tmp_path):
    ds, _ = Entidad(tmp_path, captaciones=[captacion("1")]).cargar()
    r = calcular(ds, "concentracion_creditos")
    assert r.estado == "sin_datos"
    assert r.faltantes == ("el archivo Formato 19 — Informe individual de cartera de crédito",)


# --- concentración de depósitos ------------------------------------------------------------------

def test_concentracion_depositos(tmp_path):
    # savers: 1 has 600 + 100 = 700, 2 has 200, 3 has 100, 4 has 0 (not a saver): total 1000;
    # 700 < 800, 700 + 200 = 900 >= 800 -> 2 of 3 = 66.67 %
    ds, _ = Entidad(tmp_path, captaciones=[
        captacion("1", saldo=600), captacion("1", tipo_ahorro="2", saldo=100), captacion("2", saldo=200),
        captacion("3", saldo=100), captacion("4", saldo=0),
    ]).cargar()
    r = calcular(ds, "concentracion_depositos")
    assert (r.estado, r.numerador, r.denominador) == ("ok", 2, 3)
    assert r.extra == {"k": 2, "total": 1000.0, "ahorradores": 3}
    assert r.origen_denominador.archivo == "captaciones.csv"


def test_concentracion_depositos_un_solo_ahorrador(tmp_path):
    # one saver holds everything: 1 of 1 = 100 %
    ds, _ = Entidad(tmp_path, captaciones=[captacion("1", saldo=5_000_000)]).cargar()
    r = calcular(ds, "concentracion_depositos")
    assert (r.estado, r.valor) == ("ok", pytest.approx(100.0))


def test_concentracion_depositos_sin_archivo_y_sin_saldos(tmp_path):
    ds, _ = Entidad(tmp_path / "a", cartera=[credito("1", "A")]).cargar()
    assert calcular(ds, "concentracion_depositos").estado == "sin_datos"
    ds, _ = Entidad(tmp_path / "b", captaciones=[captacion("1", saldo=0)]).cargar()
    assert calcular(ds, "concentracion_depositos").estado == "denominador_cero"


# --- financiación externa ------------------------------------------------------------------------

# A catálogo listing every level (class, group, account, subaccount), each parent the sum of its children:
#   100000 activo 1000 = 110000 (400) + 140000 (600 = 141105)
#   200000 pasivo 400 = 230000 (400 = 230500 (100 = 230510 60 + 230515 40) + 230800 (300 = 230810 100
#                                     + 230895 200))
#   400000 ingresos 1000 = 415000 (1000); 500000 gastos 1000 = 510000 (900) + 530000 (100)
CATALOGO_COMPLETO = [
    cuenta("100000", 1000), cuenta("110000", 400), cuenta("140000", 600), cuenta("141100", 600),
    cuenta("141105", 600),
    cuenta("200000", 400), cuenta("230000", 400), cuenta("230500", 100), cuenta("230510", 60),
    cuenta("230515", 40), cuenta("230800", 300), cuenta("230810", 100), cuenta("230895", 200),
    cuenta("300000", 600), cuenta("310000", 600),
    cuenta("400000", 1000), cuenta("415000", 1000),
    cuenta("500000", 1000), cuenta("510000", 900), cuenta("530000", 100),
]


def test_financiacion_externa_sin_doble_conteo(tmp_path):
    # 230000 = 400 is taken at its own level (not 400 + its children 100 + 300 + 60 + 40 + ...):
    # 400 / 1000 = 40 %
    ds, _ = Entidad(tmp_path, catalogo=CATALOGO_COMPLETO).cargar()
    r = calcular(ds, "financiacion_externa")
    assert (r.estado, r.numerador, r.denominador) == ("ok", 400, 1000)
    assert r.valor == pytest.approx(40.0)
    assert r.origen_numerador.archivo == "catalogo.csv"
    assert "230000" in r.origen_numerador.descripcion
    assert "100000" in r.origen_denominador.descripcion
    assert r.advertencias == ()


def test_financiacion_externa_solo_subcuentas(tmp_path):
    # no 230000 and no 100000 rows: sums of the most detailed accounts below them
    # obligaciones 60 + 40 + 100 + 200 = 400; activo 400 + 600 = 1000 -> 40 %
    filas = [c for c in CATALOGO_COMPLETO if c["codigo"] not in ("230000", "230500", "230800", "100000",
                                                                   "140000", "141100", "200000")]
    ds, _ = Entidad(tmp_path, catalogo=filas).cargar()
    r = calcular(ds, "financiacion_externa")
    assert (r.numerador, r.denominador) == (400, 1000)


def test_financiacion_externa_sin_obligaciones_es_cero_con_aviso(tmp_path):
    # a trial balance without 23xxxx: no financial obligations -> 0 / 1000 = 0 %, said in a warning
    filas = [c for c in CATALOGO_COMPLETO if not str(c["codigo"]).startswith("23")]
    filas = [{**c, "saldo": 0} if c["codigo"] == "200000" else c for c in filas]
    ds, _ = Entidad(tmp_path, catalogo=filas).cargar()
    r = calcular(ds, "financiacion_externa")
    assert (r.estado, r.valor) == ("ok", 0.0)
    assert any("230000" in a for a in r.advertencias)


def test_financiacion_externa_sin_catalogo_es_sin_datos(tmp_path):
    ds, _ = Entidad(tmp_path, cartera=[credito("1", "A")]).cargar()
    r = calcular(ds, "financiacion_externa")
    assert r.estado == "sin_datos"
    assert r.faltantes == ("el archivo Catálogo de cuentas (CUIF)",)


def test_financiacion_externa_activo_cero(tmp_path):
    ds, _ = Entidad(tmp_path, catalogo=[cuenta("100000", 0), cuenta("230000", 50)]).cargar()
    assert calcular(ds, "financiacion_externa").estado == "denominador_cero"


def test_financiacion_externa_lee_el_mapeo_de_cuentas(tmp_path):
    # a user's cuentas_cuif.csv redefines obligaciones_financieras as 230500 only: 100 / 1000 = 10 %
    tmp_path.mkdir(exist_ok=True)
    (tmp_path / "cuentas_cuif.csv").write_text("concepto;cuentas;descripcion\r\n"
                                               "obligaciones_financieras;230500;prueba\r\n", encoding="utf-8")
    ds, _ = Entidad(tmp_path, catalogo=CATALOGO_COMPLETO).cargar()
    assert ds.parametros.cuentas["obligaciones_financieras"] == "230500"
    assert calcular(ds, "financiacion_externa").valor == pytest.approx(10.0)


def test_catalogo_en_miles(tmp_path):
    # unidad_cuif = 1000: amounts in pesos, the ratio unchanged
    ds, _ = Entidad(tmp_path, catalogo=CATALOGO_COMPLETO, parametros={"unidad_cuif": 1000}).cargar()
    r = calcular(ds, "financiacion_externa")
    assert (r.numerador, r.denominador) == (400_000, 1_000_000)


# --- patrocinios ---------------------------------------------------------------------------------

def test_patrocinios(tmp_path):
    # 50 / total ingresos 1000 = 5 %
    ds, _ = Entidad(tmp_path, catalogo=CATALOGO_COMPLETO,
                    complementarios={"patrocinios_recibidos": 50}).cargar()
    r = calcular(ds, "patrocinios")
    assert (r.estado, r.numerador, r.denominador) == ("ok", 50, 1000)
    assert r.valor == pytest.approx(5.0)
    assert r.origen_numerador.clave == "patrocinios_recibidos"
    assert "400000" in r.origen_denominador.descripcion


def test_patrocinios_faltantes(tmp_path):
    ds, _ = Entidad(tmp_path / "a", catalogo=CATALOGO_COMPLETO).cargar()
    r = calcular(ds, "patrocinios")
    assert r.estado == "sin_datos"
    assert r.faltantes == ("Patrocinios recibidos de terceros (pesos) (clave patrocinios_recibidos)",)
    ds, _ = Entidad(tmp_path / "b").cargar()
    r = calcular(ds, "patrocinios")
    assert r.faltantes == ("Patrocinios recibidos de terceros (pesos) (clave patrocinios_recibidos)",
                           "el archivo Catálogo de cuentas (CUIF)")
    # a typed 0 is a value, not a missing input: 0 / 1000 = 0 %
    ds, _ = Entidad(tmp_path / "c", catalogo=CATALOGO_COMPLETO,
                    complementarios={"patrocinios_recibidos": 0}).cargar()
    r = calcular(ds, "patrocinios")
    assert (r.estado, r.valor) == ("ok", 0.0)


def test_patrocinios_sin_ingresos_es_denominador_cero(tmp_path):
    filas = [c for c in CATALOGO_COMPLETO if not str(c["codigo"]).startswith("4")]
    ds, _ = Entidad(tmp_path, catalogo=filas, complementarios={"patrocinios_recibidos": 50}).cargar()
    r = calcular(ds, "patrocinios")
    assert r.estado == "denominador_cero"
    assert any("400000" in a for a in r.advertencias)


# --- buen gobierno -------------------------------------------------------------------------------

def test_buen_gobierno(tmp_path):
    # 9 / 12 = 75 %
    ds, _ = Entidad(tmp_path, complementarios={"buen_gobierno_cumplidas": 9,
                                               "buen_gobierno_establecidas": 12}).cargar()
    r = calcular(ds, "buen_gobierno")
    assert (r.estado, r.valor) == ("ok", pytest.approx(75.0))
    assert r.origen_denominador.clave == "buen_gobierno_establecidas"


def test_buen_gobierno_bordes(tmp_path):
    ds, _ = Entidad(tmp_path / "a", complementarios={"buen_gobierno_cumplidas": 9}).cargar()
    r = calcular(ds, "buen_gobierno")
    assert r.estado == "sin_datos"
    assert r.faltantes == ("Normas de buen gobierno establecidas (clave buen_gobierno_establecidas)",)
    ds, _ = Entidad(tmp_path / "b", complementarios={"buen_gobierno_cumplidas": 0,
                                                     "buen_gobierno_establecidas": 0}).cargar()
    assert calcular(ds, "buen_gobierno").estado == "denominador_cero"


def test_sin_archivo_conserva_los_origenes(tmp_path):
    ds, _ = Entidad(tmp_path).cargar()
    r = calcular(ds, "concentracion_depositos")
    assert r.estado == "sin_datos"
    assert r.origen_numerador is not None and r.origen_denominador is not None
    r = calcular(ds, "financiacion_externa")
    assert "230000" in r.origen_numerador.descripcion


def test_concepto_sin_definir_es_sin_datos(tmp_path):
    # a user's cuentas_cuif.csv that blanks total_activo: the mapping is missing, not 0
    tmp_path.mkdir(exist_ok=True)
    (tmp_path / "cuentas_cuif.csv").write_text("concepto;cuentas;descripcion\r\ntotal_activo;;vacío\r\n",
                                               encoding="utf-8")
    ds, _ = Entidad(tmp_path, catalogo=CATALOGO_COMPLETO).cargar()
    r = calcular(ds, "financiacion_externa")
    assert r.estado == "sin_datos"
    assert r.faltantes == ("la definición del concepto «total_activo» en el parámetro cuentas_cuif.csv",)
