"""Golden tests for principle 3 (participación económica): hand-made entities, values worked out by hand
in the comments, and the edges of indicadores.md (missing inputs, zero denominators, the ends of P,
legal persons, a catálogo listing every level, the CUIF mapping, the previous cut, the IPC scale)."""

from __future__ import annotations

import datetime as dt

import pytest
from constructor import Entidad, aporte, asociado, beneficio, captacion, credito, cuenta

import coopxl.indicadores.p3_participacion_economica  # noqa: F401  (registers principle 3)
from coopxl.beneficios import calcular_beneficios
from coopxl.dataset import cargar_dataset
from coopxl.indicadores.registro import obtener

D = dt.date


def calcular(ds, id_):
    return obtener(id_).calcular(ds)


# --- crecimiento_fondos_sociales -----------------------------------------------------------------------

def _fondos_derivados(tmp_path) -> Entidad:
    # P = 2025 and the previous 12 months = 2024, both in this one file:
    #   P:    1 educacion 100.000 (2025-01-01) + 1 recreacion 200.000 + 2 solidaridad 300.000 (2025-12-31)
    #         3 fondo "otro" 1.000.000 (not a social fund)               -> E = 600.000, B = {1, 2} = 2
    #   2024: 1 educacion 200.000 (2024-03-01) + 2 bienestar 200.000 (2024-12-31) -> E0 = 400.000, B0 = 2
    #   2023: 3 solidaridad 5.000.000 (before the previous period, ignored)
    # -> (300.000 - 200.000) / 200.000 x 100 = 50 %; IPC 2025 = 5,10, above IPC + 5 -> scale 3
    return Entidad(
        tmp_path,
        asociados=[asociado("1"), asociado("2"), asociado("3")],
        beneficios=[
            beneficio("1", "educacion", 100_000, fecha=D(2025, 1, 1), fondo="educacion"),
            beneficio("1", "recreacion", 200_000, fecha=D(2025, 6, 1), fondo="recreacion"),
            beneficio("2", "auxilio", 300_000, fecha=D(2025, 12, 31), fondo="solidaridad"),
            beneficio("3", "otro", 1_000_000, fecha=D(2025, 6, 1), fondo="otro"),
            beneficio("1", "educacion", 200_000, fecha=D(2024, 3, 1), fondo="educacion"),
            beneficio("2", "salud", 200_000, fecha=D(2024, 12, 31), fondo="bienestar"),
            beneficio("3", "auxilio", 5_000_000, fecha=D(2023, 12, 31), fondo="solidaridad"),
        ],
    )


def test_fondos_sociales_derivados_del_archivo(tmp_path):
    r = calcular(_fondos_derivados(tmp_path).cargar()[0], "crecimiento_fondos_sociales")
    assert r.estado == "ok"
    assert r.valor == pytest.approx(50.0)
    assert (r.numerador, r.denominador) == (pytest.approx(100_000), pytest.approx(200_000))
    assert r.extra["ejecucion"] == 600_000 and r.extra["beneficiados"] == 2
    assert r.extra["ejecucion_anterior"] == 400_000 and r.extra["beneficiados_anterior"] == 2
    assert r.extra["ipc"] == pytest.approx(5.10) and r.extra["escala_ipc"] == 3
    assert r.origen_numerador.archivo == "beneficios.csv" and r.origen_numerador.filas == 3
    assert r.origen_denominador.filas == 2


@pytest.mark.parametrize(("ejecucion", "esperado", "escala"), [
    (1_080_000, 8.0, 2),     # 8 % is between IPC + 2 (7,10) and IPC + 5 (10,10)
    (1_050_000, 5.0, 1),     # below IPC + 2
    (900_000, -10.0, 1),     # a decrease: negative, scale 1
    (1_071_000, 7.1, 2),     # exactly IPC + 2: scale 2 (from IPC + 2)
])
def test_fondos_sociales_claves(tmp_path, ejecucion, esperado, escala):
    # Typed pairs: (E / 100) vs (1.000.000 / 100) -> E / 1.000.000 - 1
    comp = {"fondos_ejecucion": ejecucion, "fondos_beneficiados": 100, "fondos_ejecucion_anterior": 1_000_000,
            "fondos_beneficiados_anterior": 100}
    r = calcular(Entidad(tmp_path, complementarios=comp).cargar()[0], "crecimiento_fondos_sociales")
    assert r.estado == "ok" and r.valor == pytest.approx(esperado)
    assert r.extra["escala_ipc"] == escala
    assert r.origen_numerador.clave and "fondos_ejecucion" in r.origen_numerador.clave


def test_fondos_sociales_corte_anterior(tmp_path):
    # This file only has 2025 rows; the previous cut's beneficios give 2024:
    #   P: 1 and 2, 150.000 each -> 300.000 / 2 = 150.000; 2024: 1 alone, 100.000 -> 100.000
    # -> (150.000 - 100.000) / 100.000 = 50 %
    ant = Entidad(tmp_path / "ant", corte=D(2024, 12, 31), asociados=[asociado("1")],
                  beneficios=[beneficio("1", "auxilio", 100_000, fecha=D(2024, 5, 1))]).escribir()
    e = Entidad(tmp_path / "act", asociados=[asociado("1"), asociado("2")],
                beneficios=[beneficio("1", "auxilio", 150_000), beneficio("2", "auxilio", 150_000)])
    ds, _ = e.cargar(anterior=ant)
    r = calcular(ds, "crecimiento_fondos_sociales")
    assert r.estado == "ok" and r.valor == pytest.approx(50.0)
    assert "corte anterior" in r.origen_denominador.descripcion


def test_fondos_sociales_sin_periodo_anterior(tmp_path):
    # Only rows of P and no previous cut: the previous period is missing, never 0.
    e = Entidad(tmp_path / "a", asociados=[asociado("1")], beneficios=[beneficio("1", "auxilio", 1_000)])
    r = calcular(e.cargar()[0], "crecimiento_fondos_sociales")
    assert r.estado == "sin_datos" and "periodo anterior" in r.faltantes[0]
    # No beneficios file and no keys: both periods missing.
    e = Entidad(tmp_path / "b", asociados=[asociado("1")])
    r = calcular(e.cargar()[0], "crecimiento_fondos_sociales")
    assert r.estado == "sin_datos" and len(r.faltantes) == 2
    # Only one key of a pair typed: not used, derived instead (and nothing to derive from).
    e = Entidad(tmp_path / "c", complementarios={"fondos_ejecucion": 1_000, "fondos_ejecucion_anterior": 900,
                                                 "fondos_beneficiados_anterior": 10})
    r = calcular(e.cargar()[0], "crecimiento_fondos_sociales")
    assert r.estado == "sin_datos" and len(r.faltantes) == 1


def test_fondos_sociales_denominador_cero(tmp_path):
    # The file reaches back to 2023, so it covers 2024, where it has no social-fund rows: E0 = B0 = 0.
    e = Entidad(tmp_path / "a", asociados=[asociado("1")],
                beneficios=[beneficio("1", "auxilio", 1_000),
                            beneficio("1", "auxilio", 5, fecha=D(2023, 1, 1))])
    r = calcular(e.cargar()[0], "crecimiento_fondos_sociales")
    assert r.estado == "denominador_cero" and r.extra["beneficiados_anterior"] == 0
    # B = 0 in P (typed previous period): E/B is undefined -> denominador_cero too, with a warning.
    e = Entidad(tmp_path / "b", asociados=[asociado("1")],
                beneficios=[beneficio("1", "otro", 1_000, fondo="otro")],
                complementarios={"fondos_ejecucion_anterior": 1_000, "fondos_beneficiados_anterior": 1})
    r = calcular(e.cargar()[0], "crecimiento_fondos_sociales")
    assert r.estado == "denominador_cero"
    assert any("beneficiados" in a for a in r.advertencias)
    # E0 = 0 with B0 > 0: the previous ejecución per beneficiary is 0.
    comp = {"fondos_ejecucion": 10, "fondos_beneficiados": 1, "fondos_ejecucion_anterior": 0,
            "fondos_beneficiados_anterior": 5}
    r = calcular(Entidad(tmp_path / "c", complementarios=comp).cargar()[0], "crecimiento_fondos_sociales")
    assert r.estado == "denominador_cero"


def test_fondos_sociales_ipc_no_publicado(tmp_path):
    # Cut 2026: IPC 2026 not published -> the scale uses 2025's (5,10), with a warning.
    comp = {"fondos_ejecucion": 1_080, "fondos_beneficiados": 1, "fondos_ejecucion_anterior": 1_000,
            "fondos_beneficiados_anterior": 1}
    ds, _ = Entidad(tmp_path, corte=D(2026, 12, 31), complementarios=comp).cargar()
    r = calcular(ds, "crecimiento_fondos_sociales")
    assert r.estado == "ok" and r.extra["ipc"] == pytest.approx(5.10) and r.extra["anio_ipc"] == 2025
    assert r.extra["escala_ipc"] == 2
    assert any("IPC de 2026" in a for a in r.advertencias)


# --- capital_institucional -----------------------------------------------------------------------------

CATALOGO_NIVELES = [
    # Every level listed, as a trial balance does: the level rule must not double count.
    cuenta("100000", 10_000_000, "ACTIVO"),
    cuenta("140000", 6_000_000, "CARTERA DE CREDITOS"),
    cuenta("141100", 6_000_000, "CONSUMO"),
    cuenta("141105", 6_000_000, "CONSUMO CON LIBRANZA"),
    cuenta("110000", 4_000_000, "EFECTIVO"),
    cuenta("300000", 2_500_000, "PATRIMONIO"),
    cuenta("310000", 1_600_000, "CAPITAL SOCIAL"),
    cuenta("311000", 1_600_000, "APORTES SOCIALES MINIMOS NO REDUCIBLES"),
    cuenta("311005", 1_100_000, "APORTES ORDINARIOS"),
    cuenta("311010", 500_000, "APORTES AMORTIZADOS"),
    cuenta("320000", 800_000, "RESERVAS"),
    cuenta("320500", 800_000, "RESERVA PROTECCION DE APORTES"),
    cuenta("320505", 400_000, "RESERVA 1"),
    cuenta("320510", 400_000, "RESERVA 2"),
    cuenta("330505", 100_000, "FONDO PARA AMORTIZACION DE APORTES (sin la cuenta 330500)"),
]


def test_capital_institucional_niveles(tmp_path):
    # 311010 500.000 + 320500 800.000 (taken at its level, not + its children) + 330500 = its only leaf
    # 330505 100.000 + 340500 absent (0, warning) = 1.400.000 over 100000 = 10.000.000 -> 14 %
    r = calcular(Entidad(tmp_path, catalogo=CATALOGO_NIVELES).cargar()[0], "capital_institucional")
    assert r.estado == "ok"
    assert (r.numerador, r.denominador) == (1_400_000, 10_000_000)
    assert r.valor == pytest.approx(14.0)
    assert any("340500" in a for a in r.advertencias)
    assert r.origen_numerador.archivo == "catalogo.csv"
    assert "311010+320500+330500+340500" in r.origen_numerador.descripcion


def test_capital_institucional_en_miles(tmp_path):
    # unidad_cuif = 1000: the same catálogo in thousands of pesos -> amounts x 1000, same 14 %
    e = Entidad(tmp_path, catalogo=CATALOGO_NIVELES, parametros={"unidad_cuif": 1000})
    r = calcular(e.cargar()[0], "capital_institucional")
    assert r.numerador == 1_400_000_000 and r.valor == pytest.approx(14.0)


def test_capital_institucional_lee_el_mapeo(tmp_path):
    # A user mapping (cuentas_cuif.csv in the folder) changes the concept: 311010 alone -> 5 %
    e = Entidad(tmp_path, catalogo=CATALOGO_NIVELES)
    carpeta = e.escribir()
    mapeo = "concepto;cuentas;descripcion\ncapital_institucional;311010;propio\n"
    (carpeta / "cuentas_cuif.csv").write_text(mapeo, encoding="utf-8")
    ds, _ = cargar_dataset(carpeta, e.corte)
    r = calcular(ds, "capital_institucional")
    assert r.estado == "ok" and r.valor == pytest.approx(5.0)


def test_capital_institucional_bordes(tmp_path):
    # No catálogo -> sin_datos naming it.
    r = calcular(Entidad(tmp_path / "a", asociados=[asociado("1")]).cargar()[0], "capital_institucional")
    assert r.estado == "sin_datos" and "Catálogo" in r.faltantes[0]
    # A catálogo given without class 1: its absent accounts count as 0 (a trial balance leaves out
    # accounts with no balance), so total activo is 0 -> denominador_cero, with a warning naming 100000.
    sin_activo = [c for c in CATALOGO_NIVELES if not str(c["codigo"]).startswith("1")]
    r = calcular(Entidad(tmp_path / "b", catalogo=sin_activo).cargar()[0], "capital_institucional")
    assert r.estado == "denominador_cero" and any("100000" in a for a in r.advertencias)
    solo_activo = [cuenta("100000", 1_000)]
    # None of the capital accounts, and no account above them: absent means 0 (with a warning).
    r = calcular(Entidad(tmp_path / "c", catalogo=solo_activo).cargar()[0], "capital_institucional")
    assert r.estado == "ok" and r.valor == 0 and any("311010" in a for a in r.advertencias)
    # The catálogo stops at 310000 with a balance and no detail: 311010 cannot be known -> sin_datos.
    grueso = [cuenta("100000", 1_000), cuenta("310000", 500)]
    r = calcular(Entidad(tmp_path / "c2", catalogo=grueso).cargar()[0], "capital_institucional")
    assert r.estado == "sin_datos" and "311010" in r.faltantes[0]
    # Total activo 0 -> denominador_cero.
    cero = [cuenta("100000", 0), cuenta("311010", 10)]
    assert calcular(Entidad(tmp_path / "d", catalogo=cero).cargar()[0], "capital_institucional").estado == \
        "denominador_cero"


# --- equidad_genero_volumen_negocio --------------------------------------------------------------------

def test_volumen_negocio(tmp_path):
    # Volume = Monto disbursed in P + Valor Inicial of captaciones opened in P + 12 x Cuota Mensual:
    #   man 1:   loan 6.000.000 (2025-03-01) + 12 x 50.000                         = 6.600.000
    #   man 2:   captación opened 2025-05-01, 1.000.000; loan of 2024-12-31 out     = 1.000.000
    #   man 3:   nothing (cuota 0)                                                 -> not in the average
    #   woman 4: loan 2.000.000 on 2025-12-31; captación opened 2020 out            = 2.000.000
    #   woman 5: 12 x 100.000                                                      = 1.200.000
    #   legal person 900 (big loan) and retired man 6 (loan in P): excluded
    # men 7.600.000 / 2 = 3.800.000; women 3.200.000 / 2 = 1.600.000 -> 2.375
    e = Entidad(
        tmp_path,
        asociados=[asociado("1"), asociado("2"), asociado("3"), asociado("4", genero="2"),
                   asociado("5", genero="2"), asociado("900", tipo="N", genero="3", nacimiento=None),
                   asociado("6", retiro=D(2025, 8, 1))],
        cartera=[credito("1", "P1", monto=6_000_000, desembolso=D(2025, 3, 1)),
                 credito("2", "P2", monto=9_000_000, desembolso=D(2024, 12, 31)),
                 credito("4", "P4", monto=2_000_000, desembolso=D(2025, 12, 31)),
                 credito("900", "P9", monto=90_000_000, tipo="N"),
                 credito("6", "P6", monto=7_000_000)],
        captaciones=[captacion("2", apertura=D(2025, 5, 1), valor_inicial=1_000_000),
                     captacion("4", apertura=D(2020, 1, 1), valor_inicial=5_000_000)],
        aportes=[aporte("1", cuota=50_000), aporte("2", cuota=0), aporte("3", cuota=0), aporte("4", cuota=0),
                 aporte("5", cuota=100_000)],
    )
    r = calcular(e.cargar()[0], "equidad_genero_volumen_negocio")
    assert r.estado == "ok"
    assert (r.numerador, r.denominador) == (pytest.approx(3_800_000), pytest.approx(1_600_000))
    assert r.valor == pytest.approx(2.375)  # a ratio, not x100
    assert r.extra["hombres"] == 2 and r.extra["mujeres"] == 2


def test_volumen_negocio_bordes(tmp_path):
    # No woman with volume -> zero denominator.
    e = Entidad(tmp_path / "a", asociados=[asociado("1"), asociado("2", genero="2")], aportes=[aporte("1")])
    assert calcular(e.cargar()[0], "equidad_genero_volumen_negocio").estado == "denominador_cero"
    # Only aportes: the other parts are left out with a warning. 12 x 50.000 each -> 1.0
    e = Entidad(tmp_path / "b", asociados=[asociado("1"), asociado("2", genero="2")],
                aportes=[aporte("1"), aporte("2")])
    r = calcular(e.cargar()[0], "equidad_genero_volumen_negocio")
    assert r.estado == "ok" and r.valor == pytest.approx(1.0)
    assert any("cartera" in a for a in r.advertencias)
    # No product file at all, or no asociados file -> sin_datos.
    e = Entidad(tmp_path / "c", asociados=[asociado("1")])
    r = calcular(e.cargar()[0], "equidad_genero_volumen_negocio")
    assert r.estado == "sin_datos"
    r = calcular(Entidad(tmp_path / "d", aportes=[aporte("1")]).cargar()[0], "equidad_genero_volumen_negocio")
    assert r.estado == "sin_datos" and "asociados" in r.faltantes[0]


# --- inclusion_financiera ------------------------------------------------------------------------------

def test_inclusion_financiera(tmp_path):
    # SMMLV 2025 = 1.423.500 -> 3 SMMLV = 4.270.500. Loans disbursed in P (every person of the cartera):
    #   4.270.499 (below), 4.270.500 (not below), 1.000.000 on 2025-01-01, 2.000.000 on 2025-12-31,
    #   1.000.000 to a non-associate; 500.000 on 2024-12-31 is outside P
    # -> 4 of 5 = 80 %
    e = Entidad(
        tmp_path,
        asociados=[asociado("1"), asociado("2")],
        cartera=[credito("1", "P1", monto=4_270_499), credito("1", "P2", monto=4_270_500),
                 credito("2", "P3", monto=1_000_000, desembolso=D(2025, 1, 1)),
                 credito("2", "P4", monto=2_000_000, desembolso=D(2025, 12, 31)),
                 credito("55", "P5", monto=1_000_000),
                 credito("2", "P6", monto=500_000, desembolso=D(2024, 12, 31))],
    )
    r = calcular(e.cargar()[0], "inclusion_financiera")
    assert r.estado == "ok"
    assert (r.numerador, r.denominador) == (4, 5)
    assert r.valor == pytest.approx(80.0)
    assert r.extra["tope"] == pytest.approx(4_270_500)
    assert not r.advertencias


def test_inclusion_financiera_bordes(tmp_path):
    # Cut 2027: no SMMLV 2027 -> the last one (2026, 1.750.905) with a warning.
    e = Entidad(tmp_path / "a", corte=D(2027, 12, 31), asociados=[asociado("1")],
                cartera=[credito("1", "P1", monto=5_000_000, desembolso=D(2027, 3, 1))])
    r = calcular(e.cargar()[0], "inclusion_financiera")
    assert r.estado == "ok" and r.valor == pytest.approx(100.0)  # 5.000.000 < 5.252.715
    assert r.extra["anio_smmlv"] == 2026 and any("SMMLV de 2027" in a for a in r.advertencias)
    # No loan in P -> zero denominator; no cartera -> sin_datos.
    e = Entidad(tmp_path / "b", asociados=[asociado("1")],
                cartera=[credito("1", "P", desembolso=D(2024, 12, 31))])
    assert calcular(e.cargar()[0], "inclusion_financiera").estado == "denominador_cero"
    assert calcular(Entidad(tmp_path / "c", asociados=[asociado("1")]).cargar()[0],
                    "inclusion_financiera").estado == "sin_datos"


# --- cultura_ahorro ------------------------------------------------------------------------------------

def test_cultura_ahorro(tmp_path):
    # Vigentes 1-5:
    #   1 a la vista with balance (and a second account): counted once; 2 CDAT with balance
    #   3 only ahorro permanente (Tipo 4): no; 4 a la vista with balance 0: no; 5 nothing
    #   retired 6 with a la vista balance: not a vigente
    # -> 2 of 5 = 40 %
    e = Entidad(
        tmp_path,
        asociados=[asociado(str(i)) for i in range(1, 6)] + [asociado("6", retiro=D(2025, 4, 1))],
        captaciones=[captacion("1"), captacion("1", tipo_ahorro="2"), captacion("2", tipo_ahorro="2"),
                     captacion("3", tipo_ahorro="4"), captacion("4", saldo=0), captacion("6")],
    )
    r = calcular(e.cargar()[0], "cultura_ahorro")
    assert r.estado == "ok" and (r.numerador, r.denominador) == (2, 5) and r.valor == pytest.approx(40.0)


def test_cultura_ahorro_bordes(tmp_path):
    r = calcular(Entidad(tmp_path / "a", asociados=[asociado("1")]).cargar()[0], "cultura_ahorro")
    assert r.estado == "sin_datos" and "captaciones" in r.faltantes[0]
    e = Entidad(tmp_path / "b", asociados=[asociado("1", retiro=D(2025, 2, 1))], captaciones=[captacion("1")])
    assert calcular(e.cargar()[0], "cultura_ahorro").estado == "denominador_cero"


# --- cobertura_programas_sociales ----------------------------------------------------------------------

def _cobertura(tmp_path, **comp) -> Entidad:
    # Vigentes 1-4: 1 a row on 2025-01-01, 2 a free course (Valor 0) on 2025-12-31, 3 a row on
    # 2024-12-31 (outside P), 4 nothing; retired 5 has a row in P (not a vigente) -> 2 of 4 = 50 %
    return Entidad(
        tmp_path,
        asociados=[asociado(str(i)) for i in range(1, 5)] + [asociado("5", retiro=D(2025, 9, 1))],
        beneficios=[beneficio("1", "auxilio", 100_000, fecha=D(2025, 1, 1)),
                    beneficio("2", "educacion", 0, fecha=D(2025, 12, 31)),
                    beneficio("3", "auxilio", 100_000, fecha=D(2024, 12, 31)),
                    beneficio("5", "auxilio", 100_000)],
        complementarios=comp,
    )


def test_cobertura_programas_sociales(tmp_path):
    r = calcular(_cobertura(tmp_path / "a").cargar()[0], "cobertura_programas_sociales")
    assert r.estado == "ok" and (r.numerador, r.denominador) == (2, 4) and r.valor == pytest.approx(50.0)
    assert r.origen_numerador.archivo == "beneficios.csv"
    # asociados_beneficiados_programas overrides the numerator only: 3 / 4 = 75 %
    r = calcular(_cobertura(tmp_path / "b", asociados_beneficiados_programas=3).cargar()[0],
                 "cobertura_programas_sociales")
    assert r.valor == pytest.approx(75.0) and r.origen_numerador.clave == "asociados_beneficiados_programas"


def test_cobertura_programas_sociales_bordes(tmp_path):
    # No beneficios file and no key -> sin_datos; the key alone is enough.
    e = Entidad(tmp_path / "a", asociados=[asociado("1")])
    r = calcular(e.cargar()[0], "cobertura_programas_sociales")
    assert r.estado == "sin_datos"
    e = Entidad(tmp_path / "b", asociados=[asociado("1"), asociado("2")],
                complementarios={"asociados_beneficiados_programas": 1})
    assert calcular(e.cargar()[0], "cobertura_programas_sociales").valor == pytest.approx(50.0)
    e = Entidad(tmp_path / "c", asociados=[asociado("1", retiro=D(2025, 3, 3))],
                beneficios=[beneficio("1", "auxilio", 5)])
    assert calcular(e.cargar()[0], "cobertura_programas_sociales").estado == "denominador_cero"


# --- rentabilidad_social -------------------------------------------------------------------------------

def test_rentabilidad_social(tmp_path):
    # Shipped consumo reference 2025: 16,68 %.
    #   1: consumo loan, Saldo Capital 4.000.000 at 12 % -> 4.000.000 x 4,68 / 100 = 187.200;
    #      auxilio 100.000 in P -> 287.200
    #   2: revalorización 50.000 (aportes) -> 50.000; a microcrédito loan (no reference rate): not
    #      computed, named in the warnings
    #   retired 3 (aportes 9.000.000, auxilio): not a vigente
    # total 337.200 / aportes (2.000.000 + 1.000.000) = 11,24 %
    e = Entidad(
        tmp_path,
        asociados=[asociado("1"), asociado("2"), asociado("3", retiro=D(2025, 5, 1))],
        cartera=[credito("1", "P1", saldo=4_000_000, tasa=12.0),
                 credito("2", "P2", codigo="144805", saldo=1_000_000, tasa=30.0)],
        aportes=[aporte("1", saldo=2_000_000), aporte("2", saldo=1_000_000, revalorizacion=50_000),
                 aporte("3", saldo=9_000_000)],
        beneficios=[beneficio("1", "auxilio", 100_000), beneficio("3", "auxilio", 100_000)],
    )
    ds, _ = e.cargar()
    r = calcular(ds, "rentabilidad_social")
    assert r.estado == "ok"
    assert (r.numerador, r.denominador) == (pytest.approx(337_200), pytest.approx(3_000_000))
    assert r.valor == pytest.approx(11.24)
    assert any("microcrédito" in a for a in r.advertencias)
    ben = calcular_beneficios(ds)
    assert r.numerador == pytest.approx(ben.totales["total"])
    assert calcular_beneficios(ds) is ben  # computed once per Dataset


def test_rentabilidad_social_bordes(tmp_path):
    # Aportes Saldo Total 0 -> zero denominator; no aportes file -> sin_datos.
    e = Entidad(tmp_path / "a", asociados=[asociado("1")], aportes=[aporte("1", saldo=0)])
    assert calcular(e.cargar()[0], "rentabilidad_social").estado == "denominador_cero"
    r = calcular(Entidad(tmp_path / "b", asociados=[asociado("1")]).cargar()[0], "rentabilidad_social")
    assert r.estado == "sin_datos" and "aportes" in r.faltantes[0]
