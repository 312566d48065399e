"""Cell values: Colombian number styles per column, dates, documents, CUIF codes (in files and unit by unit)."""

from __future__ import annotations

import datetime as dt
import math

import numpy as np
import pandas as pd
import pytest

try:
    from test_sicses_fabrica import (
        APORTES,
        ASOCIADOS,
        CAPTACIONES,
        aporte,
        asociado,
        captacion,
        problemas,
        texto,
        uno,
    )
except ImportError:
    from tests.test_sicses_fabrica import (
        APORTES,
        ASOCIADOS,
        CAPTACIONES,
        aporte,
        asociado,
        captacion,
        problemas,
        texto,
        uno,
    )

from coopxl.sicses import conversion as cv
from coopxl.sicses.descubrimiento import leer_carpeta


def _numeros(valores, estilo="colombiano", tasa=False):
    n = cv.analizar_numeros(cv.limpiar(pd.Series(valores, dtype="str")))
    return list(cv.a_numero(n, estilo, tasa)), n


# --- numbers ---------------------------------------------------------------------------------------

@pytest.mark.parametrize(("texto_", "valor"), [
    ("1234567", 1234567), ("1234567,89", 1234567.89), ("1.234.567,89", 1234567.89), ("1234567.89", 1234567.89),
    ("1.234.567", 1234567), ("1,234,567.89", 1234567.89), ("-1.234,5", -1234.5), ("(1.234,5)", -1234.5),
    ("$ 1.500.000", 1500000), ("12,5", 12.5), ("0,75", 0.75), ("0.75", 0.75), ("1,5E+07", 15_000_000),
    ("1.5E+07", 15_000_000), ("1\u00a0234\u00a0567", 1234567),
])
def test_numero_sin_ambiguedad_se_lee_por_su_forma(texto_, valor):
    for estilo in ("colombiano", "punto"):
        (v,), n = _numeros([texto_], estilo)
        assert v == pytest.approx(valor), (texto_, estilo)
        assert not n.malos[0]


def test_numero_ambiguo_toma_el_estilo():
    assert _numeros(["1.234"], "colombiano")[0] == [1234]
    assert _numeros(["1.234"], "punto")[0] == [1.234]
    assert _numeros(["1,234"], "colombiano")[0] == [1.234]
    assert _numeros(["1,234"], "punto")[0] == [1234]


def test_tasa_ambigua_es_decimal():
    assert _numeros(["4.5", "12.683", "4,125", "12,5"], "colombiano", tasa=True)[0] == [4.5, 12.683, 4.125, 12.5]


@pytest.mark.parametrize("malo", ["abc", "1.2.3,4,5", "12a", "1.234.56", "--5", "1,2,3"])
def test_numero_invalido(malo):
    (v,), n = _numeros([malo])
    assert math.isnan(v) and n.malos[0]


def test_vacio_no_es_invalido():
    (v,), n = _numeros([""])
    assert math.isnan(v) and n.vacio[0] and not n.malos[0]


def test_estilo_por_columna_en_un_archivo(tmp_path):
    """Each column shows its own style; a column of only '1.234' follows the file (Colombian); a rate
    column with '4.5' and '12.683' is read with a decimal point."""
    filas = [
        captacion("1", saldo="1.234.567,89", inicial="1234567", tasa="4.5"),
        captacion("2", saldo="2.500,5", inicial="1.234", tasa="12.683"),
        captacion("3", saldo="1234567,89", inicial="7.654", tasa="3"),
    ]
    texto(tmp_path / "captaciones.csv", CAPTACIONES, filas)
    lectura = leer_carpeta(tmp_path)
    carga = lectura.cargas["captaciones"]
    d = carga.datos
    assert list(d["saldo_disponible"]) == [1_234_567.89, 2_500.5, 1_234_567.89]
    assert list(d["valor_inicial"]) == [1_234_567, 1_234, 7_654]
    assert list(d["tasa_efectiva"]) == [4.5, 12.683, 3]
    assert carga.estilo_archivo == "colombiano"
    assert carga.estilos["Saldo Disponible"] == cv.NOMBRE_ESTILO["colombiano"]
    assert carga.estilos["Tasa Efectiva"] == cv.NOMBRE_ESTILO["punto"]
    assert "números colombiano (1.234.567,89)" in carga.descripcion_formato()
    assert lectura.informe.errores == 0


def test_archivo_con_punto_decimal(tmp_path):
    filas = [aporte("1", saldo="1234567.89", cuota="50000.5"), aporte("2", saldo="1.234", cuota="10.25")]
    texto(tmp_path / "aportes.csv", APORTES, filas)
    carga = leer_carpeta(tmp_path).cargas["aportes"]
    assert list(carga.datos["saldo_total"]) == [1234567.89, 1.234]
    assert carga.estilo_archivo == "punto"
    assert "punto decimal" in carga.descripcion_formato()


def test_archivo_de_enteros(tmp_path):
    texto(tmp_path / "aportes.csv", APORTES, [aporte("1", saldo="1000", cuota="50")])
    carga = leer_carpeta(tmp_path).cargas["aportes"]
    assert carga.estilo_archivo == "indistinto"
    assert "enteros sin separadores" in carga.descripcion_formato()


def test_columna_que_mezcla_estilos_avisa(tmp_path):
    filas = [aporte(str(i), saldo="1.234.567,89") for i in range(1, 5)] + [aporte("9", saldo="2500000.50")]
    texto(tmp_path / "aportes.csv", APORTES, filas)
    lectura = leer_carpeta(tmp_path)
    assert lectura.cargas["aportes"].datos["saldo_total"].iloc[-1] == 2_500_000.5
    p = uno(lectura.informe, contiene="mezcla números")
    assert (p.severidad, p.fila, p.columna, p.valor) == ("advertencia", 6, "Saldo Total", "2500000.50")


def test_numero_de_texto_de_usuario():
    assert cv.a_numero_texto("1.500.000") == 1_500_000
    assert cv.a_numero_texto("3,80") == 3.8
    assert cv.a_numero_texto("4.5") == 4.5
    assert cv.a_numero_texto("") is None
    with pytest.raises(ValueError):
        cv.a_numero_texto("mil")


# --- dates -------------------------------------------------------------------------------------------

@pytest.mark.parametrize(("texto_", "esperado"), [
    ("15/03/2020", "2020-03-15"), ("5/3/2020", "2020-03-05"), ("2020-03-15", "2020-03-15"),
    ("43905", "2020-03-15"), ("43905.75", "2020-03-15"), ("20200315", "2020-03-15"),
    ("15/03/2020 00:00:00", "2020-03-15"), ("2020-03-15T10:20:00", "2020-03-15"), ("31/12/9999", "9999-12-31"),
])
def test_fechas(texto_, esperado):
    fechas, malos, vacios = cv.a_fecha(pd.Series([texto_], dtype="str"))
    assert fechas.iloc[0] == pd.Timestamp(esperado) and not malos[0] and not vacios[0]


@pytest.mark.parametrize("malo", ["31/02/2020", "13/13/2020", "marzo 2020", "2020-3", "99999999"])
def test_fechas_invalidas(malo):
    fechas, malos, _ = cv.a_fecha(pd.Series([malo], dtype="str"))
    assert pd.isna(fechas.iloc[0]) and malos[0]


@pytest.mark.parametrize("vacia", ["", "0", "00/00/0000", "0000-00-00"])
def test_fechas_vacias(vacia):
    fechas, malos, vacios = cv.a_fecha(pd.Series([vacia], dtype="str"))
    assert pd.isna(fechas.iloc[0]) and not malos[0] and vacios[0]


def test_fechas_nativas_de_excel_a_medianoche():
    s = pd.Series([dt.datetime(2025, 12, 31, 18, 45), dt.date(2020, 1, 2), 43905.0, "15/03/2020", "", True],
                  dtype=object)
    fechas, malos, vacios = cv.a_fecha(s)
    assert list(fechas[:4]) == [pd.Timestamp("2025-12-31"), pd.Timestamp("2020-01-02"), pd.Timestamp("2020-03-15"),
                                pd.Timestamp("2020-03-15")]
    assert list(malos) == [False, False, False, False, False, True]
    assert list(vacios) == [False, False, False, False, True, False]


def test_tres_formas_de_fecha_en_un_archivo(tmp_path):
    filas = [asociado("1", ingreso="15/03/2015"), asociado("2", ingreso="2015-03-15"), asociado("3", ingreso="42078"),
             asociado("4", ingreso="15-03-2015")]
    texto(tmp_path / "asociados.csv", ASOCIADOS, filas)
    lectura = leer_carpeta(tmp_path)
    assert set(lectura.cargas["asociados"].datos["fecha_ingreso"]) == {pd.Timestamp("2015-03-15")}
    assert lectura.informe.errores == 0


def test_fecha_invalida_en_archivo_con_fila_y_columna(tmp_path):
    texto(tmp_path / "asociados.csv", ASOCIADOS, [asociado("1"), asociado("2", nacimiento="30/02/1990")])
    p = uno(leer_carpeta(tmp_path).informe, contiene="se esperaba una fecha")
    assert (p.severidad, p.fila, p.columna, p.valor) == ("error", 3, "Nacimiento", "30/02/1990")


# --- documents -----------------------------------------------------------------------------------------

def test_documentos_normalizados_con_original(tmp_path):
    filas = [asociado("1.234.567"), asociado("0007654321"), asociado("900.123.456-7", tipo="N", genero="3"),
             asociado(" 80 123 456 "), asociado("AB12345", tipo="P")]
    texto(tmp_path / "asociados.csv", ASOCIADOS, filas)
    lectura = leer_carpeta(tmp_path)
    a = lectura.cargas["asociados"].datos
    assert list(a["documento"]) == ["1234567", "7654321", "900123456", "80123456", "AB12345"]
    assert list(a["documento_original"]) == ["1.234.567", "0007654321", "900.123.456-7", "80 123 456", "AB12345"]
    assert lectura.informe.errores == 0


def test_documento_invalido(tmp_path):
    texto(tmp_path / "asociados.csv", ASOCIADOS, [asociado("12-34-56"), asociado("")])
    inf = leer_carpeta(tmp_path).informe
    p = uno(inf, contiene="se esperaba un número de documento")
    assert (p.fila, p.columna, p.valor) == (2, "Documento", "12-34-56")
    p = uno(inf, contiene="dato obligatorio vacío")
    assert (p.fila, p.columna) == (3, "Documento")


def test_documento_numero_de_excel():
    doc, malos, _, original = cv.a_documento(pd.Series([1234567.0, 900123456.0]))
    assert list(doc) == ["1234567", "900123456"] and not malos.any()
    assert list(original) == ["1234567", "900123456"]


def test_tipo_documento_con_alias():
    t = cv.a_codigo(pd.Series(["CC", "13", "nit", "31", "c", "TI"], dtype="str"),
                    lambda v: {"CC": "C", "13": "C", "NIT": "N", "31": "N", "TI": "I"}.get(v, v))
    assert list(t) == ["C", "C", "N", "N", "C", "I"]


def test_codigos_con_ceros_y_decimales():
    assert list(cv.a_codigo(pd.Series(["01", "1.0", " 2 ", "0"], dtype="str"))) == ["1", "1", "2", "0"]
    assert list(cv.a_codigo(pd.Series([1.0, 2.0, np.nan]))) == ["1", "2", ""]


# --- CUIF codes --------------------------------------------------------------------------------------

def test_cuentas_cuif():
    cod, malos, cortos = cv.a_cuenta(pd.Series(["12", "1226", "122602", "1234567", "12A4", "", "100000.0"],
                                               dtype="str"))
    assert list(cod[:3]) == ["120000", "122600", "122602"] and cod.iloc[6] == "100000"
    assert list(malos) == [False, False, False, True, True, False, False]
    assert list(cortos) == [True, True, False, False, False, False, False]


def test_cuentas_cuif_en_el_catalogo(tmp_path):
    filas = [["1", "ACTIVO", "100"], ["12", "INVERSIONES", "100"], ["1226", "INSTRUMENTOS", "100"],
             ["1234567", "LARGO", "0"], ["12AB", "LETRAS", "0"]]
    texto(tmp_path / "catalogo.csv", ["Codigo", "Nombre", "Saldo"], filas)
    lectura = leer_carpeta(tmp_path)
    cat = lectura.cargas["catalogo"].datos
    assert list(cat["codigo"][:3]) == ["100000", "120000", "122600"]
    nota = uno(lectura.informe, contiene="se completaron con ceros")
    assert nota.severidad == "advertencia" and nota.fila == 2 and nota.columna == "Codigo"
    assert "3 código(s)" in nota.mensaje and "«1» se lee como «100000»" in nota.mensaje
    malos = problemas(lectura.informe, contiene="código CUIF inválido")
    assert [(p.fila, p.valor) for p in malos] == [(5, "1234567"), (6, "12AB")]


def test_lectura_numerica_de_pyarrow_igual_a_la_de_texto(tmp_path, monkeypatch):
    """pyarrow reads decimal-comma number columns itself when it can; the result must be exactly what
    the cell-by-cell text path gives (forced here by disabling the attempt)."""
    from coopxl.sicses import carga

    saldos = ["1234567", "1234567,89", "-5", "+5", "1,234", "", "0,5", "12,5"]
    filas = [captacion(str(i), saldo=s, inicial=s, tasa=s or "0") for i, s in enumerate(saldos, start=1)]
    texto(tmp_path / "captaciones.csv", CAPTACIONES, filas)
    tipada = leer_carpeta(tmp_path).cargas["captaciones"]
    assert tipada.estilo_archivo == "colombiano"
    monkeypatch.setattr(carga, "_numericas", lambda *a: (frozenset(), ","))
    textual = leer_carpeta(tmp_path).cargas["captaciones"]
    pd.testing.assert_frame_equal(tipada.datos, textual.datos)
    assert tipada.estilos == textual.estilos and tipada.estilo_archivo == textual.estilo_archivo
    assert list(tipada.datos["saldo_disponible"][:5]) == [1234567, 1234567.89, -5, 5, 1.234]


@pytest.mark.parametrize("valor", ["nan", "inf", "1.234", "1.234,5", "$ 5", "(5)", "5-"])
def test_lectura_numerica_que_no_cuadra_vuelve_al_texto(tmp_path, valor):
    texto(tmp_path / "aportes.csv", APORTES, [aporte("1", saldo="1000")] * 20 + [aporte("2", saldo=valor)])
    lectura = leer_carpeta(tmp_path)
    v = lectura.cargas["aportes"].datos["saldo_total"].iloc[-1]
    esperado = {"nan": None, "inf": None, "1.234": 1234, "1.234,5": 1234.5, "$ 5": 5, "(5)": -5, "5-": None}
    if esperado[valor] is None:
        assert math.isnan(v) and uno(lectura.informe, contiene="se esperaba un número").valor == valor
    else:
        assert v == esperado[valor] and lectura.informe.errores == 0
