"""Checks across rows and files: duplicates, orphans, dates, balances, the catálogo's levels, cross-checks."""

from __future__ import annotations

import datetime as dt

try:
    from test_sicses_fabrica import (
        APORTES,
        ASOCIADOS,
        CAPTACIONES,
        CARTERA,
        DIRECTIVOS,
        aporte,
        asociado,
        captacion,
        carpeta_consistente,
        catalogo,
        credito,
        directivo,
        problemas,
        texto,
        uno,
    )
except ImportError:
    from tests.test_sicses_fabrica import (
        APORTES,
        ASOCIADOS,
        CAPTACIONES,
        CARTERA,
        DIRECTIVOS,
        aporte,
        asociado,
        captacion,
        carpeta_consistente,
        catalogo,
        credito,
        directivo,
        problemas,
        texto,
        uno,
    )

from coopxl.dataset import cargar_dataset

CORTE = dt.date(2025, 12, 31)


def _validar(carpeta, corte=CORTE):
    ds, lectura = cargar_dataset(carpeta, corte)
    return ds, lectura.informe


def test_carpeta_consistente_no_tiene_problemas(tmp_path):
    ds, inf = _validar(carpeta_consistente(tmp_path))
    assert inf.errores == 0 and inf.advertencias == 0, [p.texto() for p in inf]
    assert ds.total_asociados == 3


def test_documento_repetido(tmp_path):
    c = carpeta_consistente(tmp_path)
    texto(c / "asociados.csv", ASOCIADOS, [asociado("1.001", genero="1"), asociado("1002"), asociado("001001")])
    _, inf = _validar(c)
    p = uno(inf, contiene="documento repetido")
    assert (p.severidad, p.archivo, p.fila, p.columna) == ("error", "asociados.csv", 4, "Documento")
    assert p.valor == "001001 (ya en la fila 2)"
    assert p.mensaje == "documento repetido en el informe de asociados: cada persona va en una sola fila."


def test_documento_repetido_en_aportes(tmp_path):
    c = carpeta_consistente(tmp_path)
    texto(c / "aportes.csv", APORTES, [aporte("1001"), aporte("1002"), aporte("1001")])
    p = uno(_validar(c)[1], contiene="documento repetido")
    assert (p.archivo, p.fila, p.valor) == ("aportes.csv", 4, "1001 (ya en la fila 2)")


def test_huerfanos(tmp_path):
    c = carpeta_consistente(tmp_path)
    texto(c / "aportes.csv", APORTES, [aporte("1001"), aporte("5555")])
    texto(c / "captaciones.csv", CAPTACIONES, [captacion("1001"), captacion("6666")])
    texto(c / "cartera.csv", CARTERA, [credito("1001", "P1"), credito("7777", "P2")])
    texto(c / "directivos.csv", DIRECTIVOS, [directivo("1001"), directivo("8888"), directivo("9999", organo="5")])
    _, inf = _validar(c)
    esperados = {
        "aportes.csv": ("error", 3, "Documento", "5555", "aportes cuyo documento no está en el archivo de asociados"),
        "captaciones.csv": ("advertencia", 3, "Cedula", "6666", "captación cuyo documento no está"),
        "cartera.csv": ("advertencia", 3, "Cedula", "7777", "crédito cuyo documento no está"),
        "directivos.csv": ("advertencia", 3, "Documento", "8888", "directivo cuyo documento no está"),
    }
    for archivo, (sev, fila, columna, valor, texto_) in esperados.items():
        p = uno(inf, archivo=archivo, contiene="no está en el archivo de asociados")
        assert (p.severidad, p.fila, p.columna, p.valor) == (sev, fila, columna, valor), archivo
        assert texto_ in p.mensaje and "(asociados.csv)" in p.mensaje
    # organ 5 (revisoría fiscal) needs not be an associate
    assert not any(p.valor == "9999" for p in inf)


def test_directivo_que_no_es_vigente(tmp_path):
    c = carpeta_consistente(tmp_path)
    texto(c / "asociados.csv", ASOCIADOS, [asociado("1001"), asociado("1002", retiro="30/06/2025")])
    ds, inf = _validar(c)
    p = uno(inf, contiene="no es un asociado vigente")
    assert (p.severidad, p.archivo, p.fila, p.columna, p.valor) == (
        "advertencia", "directivos.csv", 3, "Documento", "1002")
    assert list(ds.directivos_personas["persona"]) == ["C:1001"]


def test_fechas_posteriores_al_corte(tmp_path):
    c = carpeta_consistente(tmp_path)
    texto(c / "asociados.csv", ASOCIADOS, [asociado("1001"), asociado("1002", ingreso="05/01/2026")])
    texto(c / "cartera.csv", CARTERA, [credito("1001", "P1", desembolso="02/01/2026")])
    texto(c / "captaciones.csv", CAPTACIONES, [captacion("1001", apertura="15/01/2026")])
    texto(c / "aportes.csv", APORTES, [aporte("1001", ultimo_pago="10/01/2026")])
    _, inf = _validar(c)
    casos = [("asociados.csv", "fecha de ingreso", "Fecha Ingreso", "05/01/2026"),
             ("cartera.csv", "fecha de desembolso", "Fecha Apertura", "02/01/2026"),
             ("captaciones.csv", "fecha de apertura", "Fecha Apertura", "15/01/2026"),
             ("aportes.csv", "fecha del último pago", "Fecha Último Pago", "10/01/2026")]
    for archivo, que, columna, valor in casos:
        p = uno(inf, archivo=archivo, contiene="posterior a la fecha de corte")
        assert p.mensaje == f"{que} posterior a la fecha de corte 31/12/2025."
        assert (p.severidad, p.fila, p.columna, p.valor) == ("error", 2 if archivo != "asociados.csv" else 3,
                                                             columna, valor)


def test_retiro_antes_del_ingreso(tmp_path):
    c = carpeta_consistente(tmp_path)
    texto(c / "asociados.csv", ASOCIADOS, [asociado("1001", ingreso="01/03/2020", retiro="01/02/2020"),
                                           asociado("1002")])
    p = uno(_validar(c)[1], contiene="fecha de retiro es anterior")
    assert (p.severidad, p.fila, p.columna, p.valor) == ("error", 2, "fechaRetiro", "01/02/2020")


def test_saldos_negativos(tmp_path):
    c = carpeta_consistente(tmp_path)
    texto(c / "aportes.csv", APORTES, [aporte("1001", saldo="-5.000")])
    texto(c / "captaciones.csv", CAPTACIONES, [captacion("1001", saldo="-1")])
    texto(c / "cartera.csv", CARTERA, [credito("1001", "P1", saldo="(200.000)")])
    _, inf = _validar(c)
    negativos = problemas(inf, contiene="saldo negativo")
    assert {(p.archivo, p.fila, p.columna, p.valor) for p in negativos} == {
        ("aportes.csv", 2, "Saldo Total", "-5000.0"), ("captaciones.csv", 2, "Saldo Disponible", "-1.0"),
        ("cartera.csv", 2, "Saldo Capital", "-200000.0")}
    assert all(p.severidad == "error" for p in negativos)


def test_pagare_repetido_y_tasa_como_fraccion(tmp_path):
    c = carpeta_consistente(tmp_path)
    texto(c / "cartera.csv", CARTERA, [credito("1001", "P1"), credito("1002", "P1", tasa_efectiva="0.2156")])
    _, inf = _validar(c)
    p = uno(inf, contiene="pagaré")
    assert (p.severidad, p.fila, p.columna, p.valor) == ("error", 3, "Pagare", "P1")
    p = uno(inf, contiene="parece una fracción")
    assert (p.severidad, p.fila, p.columna) == ("advertencia", 3, "Tasa Efectiva")


def test_catalogo_que_no_suma_por_niveles(tmp_path):
    c = carpeta_consistente(tmp_path)
    catalogo(c / "catalogo.csv", [
        ("100000", "ACTIVO", "1.500.000"),  # should be 1.400.000
        ("140000", "CARTERA DE CRÉDITOS", "1.400.000"),
        ("141105", "CATEGORÍA A RIESGO NORMAL", "1.000.000"),
        ("144105", "CATEGORÍA A RIESGO NORMAL", "400.000"),
        ("210000", "DEPÓSITOS", "1.000.000"), ("310500", "APORTES", "3.000.000,50"),
        ("311000", "APORTES MÍNIMOS", "1.000.000"),
    ])
    p = uno(_validar(c)[1], contiene="no es la suma de sus")
    assert (p.severidad, p.archivo, p.fila, p.columna, p.valor) == ("error", "catalogo.csv", 2, "Saldo", "100000")
    assert p.mensaje == ("el saldo de la cuenta 100000 ($ 1.500.000) no es la suma de sus 1 subcuenta(s) listadas "
                         "($ 1.400.000, restando las cuentas (CR)); diferencia $ 100.000.")


def test_catalogo_con_todos_los_niveles_y_cuentas_cr_cuadra(tmp_path):
    c = carpeta_consistente(tmp_path)
    catalogo(c / "catalogo.csv", [
        ("100000", "ACTIVO", "1.350.000"),
        ("140000", "CARTERA DE CRÉDITOS Y OPERACIONES DE LEASING", "1.350.000"),
        ("141100", "CRÉDITOS DE CONSUMO, GARANTÍA ADMISIBLE - CON LIBRANZA", "1.000.000"),
        ("141105", "CATEGORÍA A RIESGO NORMAL", "1.000.000"),
        ("144100", "CRÉDITOS DE CONSUMO, OTRAS GARANTÍAS - CON LIBRANZA", "400.000"),
        ("144105", "CATEGORÍA A RIESGO NORMAL", "400.000"),
        ("144500", "DETERIORO CRÉDITOS DE CONSUMO (CR)", "50.000"),
        ("144505", "CATEGORÍA A", "30.000"), ("144510", "CATEGORÍA B", "20.000"),  # contra by their parent
        ("200000", "PASIVO", "1.000.000"), ("210000", "DEPÓSITOS", "1.000.000"),
        ("210500", "DEPÓSITOS DE AHORRO", "300.000"), ("210505", "ORDINARIOS", "300.000"),
        ("211000", "CDAT", "700.000"), ("211005", "EMITIDOS MENOS DE 6 MESES", "700.000"),
        ("300000", "PATRIMONIO", "4.000.000,50"), ("310000", "CAPITAL SOCIAL", "4.000.000,50"),
        ("310500", "APORTES SOCIALES TEMPORALMENTE RESTRINGIDOS", "3.000.000,50"),
        ("311000", "APORTES SOCIALES MÍNIMOS NO REDUCIBLES", "1.000.000"),
    ])
    _, inf = _validar(c)
    assert inf.errores == 0 and inf.advertencias == 0, [p.texto() for p in inf]


def test_catalogo_cuenta_repetida(tmp_path):
    c = carpeta_consistente(tmp_path)
    catalogo(c / "catalogo.csv", [("210000", "DEPÓSITOS", "600.000"), ("210000", "DEPÓSITOS", "400.000"),
                                  ("310500", "APORTES", "4.000.000,50")])
    p = uno(_validar(c)[1], contiene="aparece 2 veces")
    assert (p.severidad, p.fila, p.columna, p.valor) == ("error", 3, "Codigo", "210000")


def test_cruces_con_el_catalogo(tmp_path):
    c = carpeta_consistente(tmp_path)
    catalogo(c / "catalogo.csv", [
        ("141105", "CATEGORÍA A", "900.000"), ("144105", "CATEGORÍA A", "400.000"),
        ("210000", "DEPÓSITOS", "1.250.000"), ("310500", "APORTES", "3.000.000"),
    ])
    _, inf = _validar(c)
    cruces = {p.columna: p for p in problemas(inf, contiene="no coincide")}
    assert set(cruces) == {"310500+311000", "210000", "141105+144105"}
    assert all(p.severidad == "advertencia" and p.archivo == "catalogo.csv" for p in cruces.values())
    assert cruces["310500+311000"].mensaje == (
        "la suma de Saldo Total de aportes de aportes.csv ($ 4.000.001) no coincide con las cuentas "
        "310500+311000 del catálogo ($ 3.000.000); diferencia $ 1.000.001.")
    assert cruces["310500+311000"].valor == "$ 1.000.001"
    assert "diferencia $ -250.000" in cruces["210000"].mensaje
    assert "la suma de Saldo Capital de cartera.csv ($ 1.400.000)" in cruces["141105+144105"].mensaje
    assert "diferencia $ 100.000" in cruces["141105+144105"].mensaje


def test_cruce_en_miles(tmp_path):
    c = carpeta_consistente(tmp_path)
    catalogo(c / "catalogo.csv", [("141105", "A", "1.000"), ("144105", "A", "400"), ("210000", "D", "1.000"),
                                  ("310500", "APORTES", "3.000"), ("311000", "MINIMOS", "1.000")])
    (c / "generales.csv").write_text("clave;valor\nunidad_cuif;1000\n", encoding="utf-8")
    ds, inf = _validar(c)
    assert ds.parametros.unidad_cuif == 1000 and ds.cuif.saldo("210000") == 1_000_000
    assert not problemas(inf, contiene="no coincide"), [p.texto() for p in inf]  # 0,50 pesos is within 1.000


def test_sin_asociados(tmp_path):
    texto(tmp_path / "aportes.csv", APORTES, [aporte("1")])
    _, inf = _validar(tmp_path)
    assert uno(inf, contiene="no se encontró el informe individual de asociados").severidad == "error"
