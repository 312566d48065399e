"""Golden tests for principle 7 (integración): the sector accounts derived from the CUIF mapping when the
keys are blank, typed keys replacing them, a catálogo too coarse to derive them, total gastos."""

from __future__ import annotations

import pytest
from constructor import Entidad, cuenta

import coopxl.indicadores.p7_integracion  # noqa: F401  (registers principle 7)
from coopxl.indicadores.registro import obtener


def calcular(ds, id_):
    return obtener(id_).calcular(ds)


# Every level listed, each parent the sum of its children:
#   120000 inversiones 500 = 122600 (500 = 122602 100 + 122603 50 + 122605 350)
#   230000 obligaciones 400 = 230500 (100 = 230510 60 + 230515 40) + 230800 (300 = 230810 100 + 230895 200)
#   500000 gastos 1000 = 510000 900 + 530000 100 -> total gastos 900
CATALOGO = [
    cuenta("100000", 1000), cuenta("110000", 500), cuenta("120000", 500), cuenta("122600", 500),
    cuenta("122602", 100), cuenta("122603", 50), cuenta("122605", 350),
    cuenta("200000", 400), cuenta("230000", 400), cuenta("230500", 100), cuenta("230510", 60),
    cuenta("230515", 40), cuenta("230800", 300), cuenta("230810", 100), cuenta("230895", 200),
    cuenta("500000", 1000), cuenta("510000", 900), cuenta("530000", 100),
]


# --- fondeo ---------------------------------------------------------------------------------------

def test_fondeo_derivado_del_catalogo(tmp_path):
    # 230510 60 + 230515 40 + 230810 100 (+ 230815 absent: 0) = 200 / 230000 400 = 50 %
    ds, _ = Entidad(tmp_path, catalogo=CATALOGO).cargar()
    r = calcular(ds, "fondeo_sector_solidario")
    assert (r.estado, r.numerador, r.denominador) == ("ok", 200, 400)
    assert r.valor == pytest.approx(50.0)
    assert "230510+230515+230810+230815" in r.origen_numerador.descripcion
    assert r.origen_numerador.archivo == "catalogo.csv"
    assert any("230815" in a for a in r.advertencias)


def test_fondeo_clave_tecleada(tmp_path):
    # obligaciones_sector_solidario = 100 over 230000 400 = 25 %
    ds, _ = Entidad(tmp_path, catalogo=CATALOGO,
                    complementarios={"obligaciones_sector_solidario": 100}).cargar()
    r = calcular(ds, "fondeo_sector_solidario")
    assert (r.numerador, r.denominador) == (100, 400)
    assert r.origen_numerador.clave == "obligaciones_sector_solidario"
    assert r.advertencias == ()


def test_fondeo_catalogo_sin_detalle_es_sin_datos(tmp_path):
    # the catálogo stops at 230500 and 230800 (level 4, with balances): 230510 ... cannot be known
    filas = [c for c in CATALOGO if c["codigo"] not in ("230510", "230515", "230810", "230895")]
    ds, _ = Entidad(tmp_path, catalogo=filas).cargar()
    r = calcular(ds, "fondeo_sector_solidario")
    assert r.estado == "sin_datos"
    assert len(r.faltantes) == 1 and "230500" in r.faltantes[0] and "230800" in r.faltantes[0]
    # typing the key makes it computable: 120 / 400 = 30 %
    ds, _ = Entidad(tmp_path / "b", catalogo=filas,
                    complementarios={"obligaciones_sector_solidario": 120}).cargar()
    assert calcular(ds, "fondeo_sector_solidario").valor == pytest.approx(30.0)


def test_fondeo_sin_obligaciones_es_denominador_cero(tmp_path):
    filas = [c for c in CATALOGO if not str(c["codigo"]).startswith("2")]
    ds, _ = Entidad(tmp_path, catalogo=filas).cargar()
    r = calcular(ds, "fondeo_sector_solidario")
    assert (r.estado, r.numerador, r.denominador) == ("denominador_cero", 0.0, 0.0)


def test_fondeo_sin_catalogo(tmp_path):
    ds, _ = Entidad(tmp_path, complementarios={"obligaciones_sector_solidario": 100}).cargar()
    r = calcular(ds, "fondeo_sector_solidario")
    assert (r.estado, r.faltantes) == ("sin_datos", ("el archivo Catálogo de cuentas (CUIF)",))


# --- inversiones -----------------------------------------------------------------------------------

def test_inversiones_derivadas(tmp_path):
    # 122602 100 + 122603 50 = 150 / 120000 500 = 30 %
    ds, _ = Entidad(tmp_path, catalogo=CATALOGO).cargar()
    r = calcular(ds, "inversiones_sector_solidario")
    assert (r.estado, r.numerador, r.denominador) == ("ok", 150, 500)
    assert r.valor == pytest.approx(30.0)
    assert r.advertencias == ()


def test_inversiones_clave_tecleada(tmp_path):
    # 250 / 500 = 50 %
    ds, _ = Entidad(tmp_path, catalogo=CATALOGO,
                    complementarios={"inversiones_sector_solidario_valor": 250}).cargar()
    r = calcular(ds, "inversiones_sector_solidario")
    assert r.valor == pytest.approx(50.0)
    assert r.origen_numerador.clave == "inversiones_sector_solidario_valor"


def test_inversiones_sin_inversiones_es_denominador_cero(tmp_path):
    # no 12xxxx: no investments, 0 / 0
    filas = [c for c in CATALOGO if not str(c["codigo"]).startswith("12")]
    filas = [{**c, "saldo": 500} if c["codigo"] == "100000" else c for c in filas]
    ds, _ = Entidad(tmp_path, catalogo=filas).cargar()
    assert calcular(ds, "inversiones_sector_solidario").estado == "denominador_cero"


# --- contribuciones -------------------------------------------------------------------------------

def test_contribuciones_sector_solidario(tmp_path):
    # 18 / (1000 - 100) = 2 %
    ds, _ = Entidad(tmp_path, catalogo=CATALOGO, complementarios={"contribuciones_integracion": 18}).cargar()
    r = calcular(ds, "contribuciones_sector_solidario")
    assert (r.estado, r.numerador, r.denominador) == ("ok", 18, 900)
    assert r.valor == pytest.approx(2.0)
    assert r.origen_numerador.clave == "contribuciones_integracion"


def test_contribuciones_faltantes(tmp_path):
    ds, _ = Entidad(tmp_path).cargar()
    r = calcular(ds, "contribuciones_sector_solidario")
    assert r.estado == "sin_datos"
    assert r.faltantes == ("Pagos a organismos de integración y alianzas del sector (pesos) "
                           "(clave contribuciones_integracion)", "el archivo Catálogo de cuentas (CUIF)")


# --- economías de escala --------------------------------------------------------------------------

def test_economias_escala(tmp_path):
    # 15 / 60 = 25 %
    ds, _ = Entidad(tmp_path, complementarios={"economias_escala_valor": 15,
                                               "costo_sin_alianzas": 60}).cargar()
    r = calcular(ds, "economias_escala")
    assert (r.estado, r.valor) == ("ok", pytest.approx(25.0))
    assert r.origen_numerador.clave == "economias_escala_valor"
    ds, _ = Entidad(tmp_path / "b", complementarios={"costo_sin_alianzas": 60}).cargar()
    r = calcular(ds, "economias_escala")
    assert r.faltantes == ("Economías generadas en alianza con el sector solidario (pesos) "
                           "(clave economias_escala_valor)",)
    ds, _ = Entidad(tmp_path / "c", complementarios={"economias_escala_valor": 15,
                                                     "costo_sin_alianzas": 0}).cargar()
    assert calcular(ds, "economias_escala").estado == "denominador_cero"
