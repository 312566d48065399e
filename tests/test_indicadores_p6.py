"""Golden tests for principle 6 (servicio a la comunidad): total gastos from the CUIF mapping, the loans
disbursed in P (first and last day of P included, the day before excluded), legal persons, modalities."""

from __future__ import annotations

import datetime as dt

import pytest
from constructor import Entidad, credito, cuenta

import coopxl.indicadores.p6_comunidad  # noqa: F401  (registers principle 6)
from coopxl.indicadores.registro import obtener

FALTA_GASTO_COMUNIDAD = "Gastos y contribuciones en favor de la comunidad (pesos) (clave gasto_comunidad)"


def calcular(ds, id_):
    return obtener(id_).calcular(ds)


# total gastos = 500000 - 530000 = 1000 - 100 = 900 (class 6, costos, is not included)
CATALOGO = [
    cuenta("100000", 5000), cuenta("110000", 5000),
    cuenta("400000", 1200), cuenta("415000", 1200),
    cuenta("500000", 1000), cuenta("510000", 900), cuenta("530000", 100),
    cuenta("600000", 700), cuenta("610000", 700),
]

# Loans (cut 31/12/2025, P = 01/01/2025 - 31/12/2025):
#   N:900 legal person, comercial (1461), 3,000,000 disbursed 01/01/2025 (first day of P: included)
#   C:1 consumo (1411), 5,000,000 disbursed 31/12/2025 (last day of P: included)
#   C:2 consumo, 2,000,000 disbursed 31/12/2024 (the day before P: excluded)
#   C:3 microcrédito (1448), 1,500,000 disbursed 15/06/2025, already paid off (Saldo Capital 0: still counts)
#   C:4 productivo (1476), 500,000 disbursed 01/10/2025
# Monto disbursed in P: 3,000,000 + 5,000,000 + 1,500,000 + 500,000 = 10,000,000
CARTERA = [
    credito("900", "P1", tipo="N", codigo="146105", desembolso=dt.date(2025, 1, 1), monto=3_000_000),
    credito("1", "P2", codigo="141105", desembolso=dt.date(2025, 12, 31), monto=5_000_000),
    credito("2", "P3", codigo="141105", desembolso=dt.date(2024, 12, 31), monto=2_000_000),
    credito("3", "P4", codigo="144805", desembolso=dt.date(2025, 6, 15), monto=1_500_000, saldo=0),
    credito("4", "P5", codigo="147605", desembolso=dt.date(2025, 10, 1), monto=500_000, saldo=400_000),
]


def test_desembolsos_del_periodo_incluyen_los_extremos(tmp_path):
    ds, _ = Entidad(tmp_path, cartera=CARTERA).cargar()
    assert sorted(ds.desembolsos["pagare"]) == ["P1", "P2", "P4", "P5"]


# --- gastos en favor de la comunidad -------------------------------------------------------------

def test_gastos_comunidad(tmp_path):
    # 45 / (1000 - 100) = 5 %
    ds, _ = Entidad(tmp_path, catalogo=CATALOGO, complementarios={"gasto_comunidad": 45}).cargar()
    r = calcular(ds, "gastos_comunidad")
    assert (r.estado, r.numerador, r.denominador) == ("ok", 45, 900)
    assert r.valor == pytest.approx(5.0)
    assert r.origen_numerador.clave == "gasto_comunidad"
    assert "500000-530000" in r.origen_denominador.descripcion


def test_gastos_comunidad_sin_530000(tmp_path):
    # a catálogo without 530000: total gastos is 500000 alone, 45 / 1000 = 4.5 %, said in a warning
    filas = [c for c in CATALOGO if c["codigo"] != "530000"]
    filas = [{**c, "saldo": 1000} if c["codigo"] == "510000" else c for c in filas]
    ds, _ = Entidad(tmp_path, catalogo=filas, complementarios={"gasto_comunidad": 45}).cargar()
    r = calcular(ds, "gastos_comunidad")
    assert r.valor == pytest.approx(4.5)
    assert any("530000" in a for a in r.advertencias)


def test_gastos_comunidad_faltantes(tmp_path):
    ds, _ = Entidad(tmp_path / "a", catalogo=CATALOGO).cargar()
    r = calcular(ds, "gastos_comunidad")
    assert r.estado == "sin_datos"
    assert r.faltantes == (FALTA_GASTO_COMUNIDAD,)
    ds, _ = Entidad(tmp_path / "b", complementarios={"gasto_comunidad": 45}).cargar()
    r = calcular(ds, "gastos_comunidad")
    assert (r.estado, r.faltantes) == ("sin_datos", ("el archivo Catálogo de cuentas (CUIF)",))


def test_gastos_comunidad_gastos_cero(tmp_path):
    # gastos 100 - 530000 100 = 0
    filas = [cuenta("100000", 10), cuenta("500000", 100), cuenta("530000", 100)]
    ds, _ = Entidad(tmp_path, catalogo=filas, complementarios={"gasto_comunidad": 45}).cargar()
    assert calcular(ds, "gastos_comunidad").estado == "denominador_cero"


# --- créditos con incidencia comunitaria ---------------------------------------------------------

def test_creditos_incidencia_comunitaria(tmp_path):
    # legal persons (Tipo Doc N): 3,000,000 / 10,000,000 = 30 %
    ds, _ = Entidad(tmp_path, cartera=CARTERA).cargar()
    r = calcular(ds, "creditos_incidencia_comunitaria")
    assert (r.estado, r.numerador, r.denominador) == ("ok", 3_000_000, 10_000_000)
    assert r.valor == pytest.approx(30.0)
    assert (r.origen_numerador.archivo, r.origen_numerador.filas) == ("cartera.csv", 1)
    assert r.origen_denominador.filas == 4


def test_creditos_incidencia_comunitaria_clave_reemplaza_el_numerador(tmp_path):
    # creditos_comunitarios_valor = 4,000,000 over the derived 10,000,000 = 40 %
    ds, _ = Entidad(tmp_path, cartera=CARTERA,
                    complementarios={"creditos_comunitarios_valor": 4_000_000}).cargar()
    r = calcular(ds, "creditos_incidencia_comunitaria")
    assert (r.numerador, r.denominador) == (4_000_000, 10_000_000)
    assert r.valor == pytest.approx(40.0)
    assert r.origen_numerador.clave == "creditos_comunitarios_valor"
    assert r.origen_denominador.archivo == "cartera.csv"


def test_creditos_incidencia_comunitaria_sin_cartera(tmp_path):
    # the typed numerator alone is not enough: the denominator needs the cartera file
    ds, _ = Entidad(tmp_path, complementarios={"creditos_comunitarios_valor": 4_000_000}).cargar()
    r = calcular(ds, "creditos_incidencia_comunitaria")
    assert r.estado == "sin_datos"
    assert r.faltantes == ("el archivo Formato 19 — Informe individual de cartera de crédito",)


def test_creditos_sin_desembolsos_en_el_periodo(tmp_path):
    # only the 31/12/2024 loan: nothing disbursed in P
    ds, _ = Entidad(tmp_path, cartera=[CARTERA[2]]).cargar()
    for id_ in ("creditos_incidencia_comunitaria", "creditos_fines_productivos"):
        r = calcular(ds, id_)
        assert (r.estado, r.denominador) == ("denominador_cero", 0.0), id_


# --- créditos para fines productivos -------------------------------------------------------------

def test_creditos_fines_productivos(tmp_path):
    # comercial 3,000,000 + microcrédito 1,500,000 + productivo 500,000 = 5,000,000 / 10,000,000 = 50 %
    ds, _ = Entidad(tmp_path, cartera=CARTERA).cargar()
    r = calcular(ds, "creditos_fines_productivos")
    assert (r.estado, r.numerador, r.denominador) == ("ok", 5_000_000, 10_000_000)
    assert r.valor == pytest.approx(50.0)
    assert r.origen_numerador.filas == 3


def test_creditos_fines_productivos_empleados_es_consumo(tmp_path):
    # 1469 (empleados) counts as consumo: 0 / 1,000,000 = 0 %
    ds, _ = Entidad(tmp_path, cartera=[credito("1", "E1", codigo="146905", monto=1_000_000)]).cargar()
    r = calcular(ds, "creditos_fines_productivos")
    assert (r.estado, r.valor) == ("ok", 0.0)


def test_creditos_fines_productivos_sin_cartera(tmp_path):
    ds, _ = Entidad(tmp_path, catalogo=CATALOGO).cargar()
    assert calcular(ds, "creditos_fines_productivos").estado == "sin_datos"


# --- keys only -----------------------------------------------------------------------------------

def test_medio_ambiente(tmp_path):
    # 9 / 45 = 20 %
    ds, _ = Entidad(tmp_path, complementarios={"gasto_medio_ambiente": 9, "gasto_comunidad": 45}).cargar()
    r = calcular(ds, "medio_ambiente")
    assert (r.estado, r.valor) == ("ok", pytest.approx(20.0))
    ds, _ = Entidad(tmp_path / "b", complementarios={"gasto_medio_ambiente": 9}).cargar()
    r = calcular(ds, "medio_ambiente")
    assert r.faltantes == (FALTA_GASTO_COMUNIDAD,)
    ds, _ = Entidad(tmp_path / "c", complementarios={"gasto_medio_ambiente": 0,
                                                     "gasto_comunidad": 0}).cargar()
    assert calcular(ds, "medio_ambiente").estado == "denominador_cero"


def test_proveedores_locales(tmp_path):
    # 30 / 40 = 75 %
    ds, _ = Entidad(tmp_path, complementarios={"proveedores_locales_numero": 30,
                                               "proveedores_totales_numero": 40}).cargar()
    r = calcular(ds, "proveedores_locales")
    assert (r.estado, r.valor) == ("ok", pytest.approx(75.0))
    ds, _ = Entidad(tmp_path / "b").cargar()
    r = calcular(ds, "proveedores_locales")
    assert r.estado == "sin_datos" and len(r.faltantes) == 2


def test_sin_cartera_conserva_los_origenes(tmp_path):
    ds, _ = Entidad(tmp_path, complementarios={"creditos_comunitarios_valor": 1}).cargar()
    r = calcular(ds, "creditos_incidencia_comunitaria")
    assert r.origen_numerador.clave == "creditos_comunitarios_valor"
    assert r.origen_denominador.archivo == "cartera"


def test_gastos_comunidad_corte_no_diciembre_avisa(tmp_path):
    # cut 30/06/2025: class 5 is year-to-date (January-June), not the 12 months of P
    ds, _ = Entidad(tmp_path, corte=dt.date(2025, 6, 30), catalogo=CATALOGO,
                    complementarios={"gasto_comunidad": 45}).cargar()
    r = calcular(ds, "gastos_comunidad")
    assert r.valor == pytest.approx(5.0)
    assert any("acumuladas del 1 de enero" in a for a in r.advertencias)


def test_pagare_repetido_entre_personas_no_depende_del_orden(tmp_path):
    # C:1 1,000,000 and N:900 9,000,000 share pagaré 100 (the validation flags it); whichever row comes
    # first, the legal person's share should not flip between 0 % and 100 %
    filas = [credito("1", "100", monto=1_000_000), credito("900", "100", tipo="N", codigo="146105",
                                                            monto=9_000_000)]
    a, _ = Entidad(tmp_path / "a", cartera=filas).cargar()
    b, _ = Entidad(tmp_path / "b", cartera=filas[::-1]).cargar()
    # both loans count: 9,000,000 / 10,000,000 = 90 % in either order
    assert calcular(a, "creditos_incidencia_comunitaria").valor == pytest.approx(90.0)
    assert calcular(b, "creditos_incidencia_comunitaria").valor == pytest.approx(90.0)
