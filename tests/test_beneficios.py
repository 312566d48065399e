"""Golden tests for the beneficio solidario (beneficios.md): each component worked out by hand from given
reference rates, negative components, a product without a reference rate (not computed, never 0),
revalorización from aportes and from its own file, benefit rows of P only, totals and the return on
aportes."""

from __future__ import annotations

import dataclasses
import datetime as dt
import math

import pytest
from constructor import Entidad, aporte, asociado, beneficio, captacion, credito

from coopxl.beneficios import calcular_beneficios

D = dt.date

# User reference rates (a yearless user rate wins over the shipped ones).
TASAS = {"consumo": 20.0, "comercial": 25.0, "ahorro_vista": 2.0, "cdat": 9.0}


def revalorizacion(documento: str, valor: float, porcentaje: float = 5.0, base: float = 1_000_000,
                   tipo: str = "C") -> dict[str, object]:
    return {"tipo_documento": tipo, "documento": documento, "saldo_base": base, "porcentaje": porcentaje,
            "valor_revalorizado": valor}


def _entidad(tmp_path, **cambios) -> Entidad:
    # Associate 1:
    #   crédito: consumo 4.000.000 at 18 % -> 4.000.000 x (20 - 18) / 100 =  80.000
    #            comercial 2.000.000 at 27 % -> 2.000.000 x (25 - 27) / 100 = -40.000 (above the market)
    #            a paid-off loan (Saldo Capital 0) does not count             -> crédito = 40.000
    #   ahorro:  a la vista 1.000.000 at 3 % -> 1.000.000 x (3 - 2) / 100   =  10.000
    #            CDAT 10.000.000 at 8 %     -> 10.000.000 x (8 - 9) / 100  = -100.000 -> ahorro = -90.000
    #   revalorización (aportes) 30.000
    #   beneficios in P: auxilio 100.000 (2025-01-01, written "AUXILIO"), educación 50.000 (2025-12-31,
    #   written "Educación"), retorno 20.000; recreación 70.000 on 2024-12-31 is outside P
    #   total = 40.000 - 90.000 + 30.000 + 100.000 + 50.000 + 20.000 = 150.000
    #   aportes 2.000.000 -> rentabilidad 7,5 %
    # Associate 2:
    #   crédito: microcrédito 1.000.000 (no reference rate) -> not computed (NaN)
    #   ahorro: contractual 500.000 (no reference rate) -> not computed (NaN)
    #   revalorización 10.000; aportes 0 -> rentabilidad not computable (NaN)
    # Associate 3, retired in P: not in the table.
    datos = dict(
        asociados=[asociado("1"), asociado("2", genero="2"), asociado("3", retiro=D(2025, 4, 1))],
        cartera=[credito("1", "P1", saldo=4_000_000, tasa=18.0),
                 credito("1", "P2", codigo="146105", saldo=2_000_000, tasa=27.0),
                 credito("1", "P3", saldo=0, tasa=1.5),
                 credito("2", "P4", codigo="144805", saldo=1_000_000, tasa=30.0),
                 credito("3", "P5", saldo=9_000_000, tasa=10.0)],
        captaciones=[captacion("1", saldo=1_000_000, tasa=3.0),
                     captacion("1", tipo_ahorro="2", saldo=10_000_000, tasa=8.0),
                     captacion("2", tipo_ahorro="3", saldo=500_000, tasa=6.0)],
        aportes=[aporte("1", saldo=2_000_000, revalorizacion=30_000),
                 aporte("2", saldo=0, revalorizacion=10_000),
                 aporte("3", saldo=5_000_000, revalorizacion=99_000)],
        beneficios=[beneficio("1", "AUXILIO", 100_000, fecha=D(2025, 1, 1)),
                    beneficio("1", "Educación", 50_000, fecha=D(2025, 12, 31)),
                    beneficio("1", "retorno", 20_000),
                    beneficio("1", "recreacion", 70_000, fecha=D(2024, 12, 31)),
                    beneficio("3", "auxilio", 500_000)],
        tasas=dict(TASAS),
    )
    datos.update(cambios)
    return Entidad(tmp_path, **datos)


def test_componentes_por_asociado(tmp_path):
    ds, _ = _entidad(tmp_path).cargar()
    b = calcular_beneficios(ds)
    t = b.por_asociado
    assert list(t.index) == ["C:1", "C:2"]  # vigentes only
    uno = t.loc["C:1"]
    assert uno["credito"] == pytest.approx(40_000)
    assert uno["ahorro"] == pytest.approx(-90_000)
    assert uno["revalorizacion"] == pytest.approx(30_000)
    tipos = (uno["auxilio"], uno["educacion"], uno["retorno"], uno["recreacion"])
    assert tipos == (100_000, 50_000, 20_000, 0)
    assert uno["total"] == pytest.approx(150_000)
    assert uno["aportes"] == 2_000_000 and uno["rentabilidad"] == pytest.approx(7.5)


def test_sin_tasa_de_referencia_no_se_calcula(tmp_path):
    ds, _ = _entidad(tmp_path).cargar()
    b = calcular_beneficios(ds)
    dos = b.por_asociado.loc["C:2"]
    # Not computed: NaN, never 0; the total is the sum of what was computed (10.000 of revalorización).
    assert math.isnan(dos["credito"]) and math.isnan(dos["ahorro"])
    assert dos["total"] == pytest.approx(10_000)
    assert math.isnan(dos["rentabilidad"])  # aportes 0: denominator zero
    assert any("microcrédito" in f for f in b.faltantes)
    assert any("ahorro contractual" in f for f in b.faltantes)
    assert {t.producto for t in b.tasas} == {"consumo", "comercial", "ahorro_vista", "cdat"}


def test_totales_de_la_entidad(tmp_path):
    ds, _ = _entidad(tmp_path).cargar()
    b = calcular_beneficios(ds)
    # Sums over the vigentes: total 150.000 + 10.000 = 160.000; aportes 2.000.000 + 0 = 2.000.000
    assert b.totales["total"] == pytest.approx(160_000)
    assert b.totales["aportes"] == pytest.approx(2_000_000)
    assert b.totales["credito"] == pytest.approx(40_000)  # NaN of associate 2 skipped
    for c in ("credito", "ahorro", "revalorizacion", "auxilio", "educacion", "total", "aportes"):
        assert b.totales[c] == pytest.approx(b.por_asociado[c].sum(skipna=True))
    assert b.rentabilidad_total() == pytest.approx(8.0)  # 160.000 / 2.000.000 x 100
    assert b.asociados == 2


def test_componente_sin_ninguna_tasa(tmp_path):
    # Only a microcrédito loan in the whole entity: the crédito component is not computed at all.
    e = _entidad(tmp_path, cartera=[credito("2", "P4", codigo="144805", saldo=1_000_000)])
    b = calcular_beneficios(e.cargar()[0])
    assert "credito" in b.no_calculados
    assert b.por_asociado.loc["C:1", "credito"] == 0  # associate 1 has no loan: 0 is a real zero


def test_credito_sin_tasa_efectiva_no_se_calcula(tmp_path):
    # A loan without its own Tasa Efectiva is not read as 0 % (that would invent a benefit).
    fila = credito("1", "P1", saldo=4_000_000)
    fila["tasa_efectiva"] = None
    b = calcular_beneficios(_entidad(tmp_path, cartera=[fila]).cargar()[0])
    assert math.isnan(b.por_asociado.loc["C:1", "credito"])
    assert any("sin Tasa Efectiva" in f for f in b.faltantes)


def test_revalorizacion_archivo_gana(tmp_path):
    # The revalorización file wins over the aportes column: 1 -> 45.000 (not 30.000); 2 is not in the
    # file -> 0 (not the 10.000 of aportes). Its 6 % exceeds the IPC of 2024 (5,20 %): warning.
    e = _entidad(tmp_path, revalorizacion=[revalorizacion("1", 45_000, porcentaje=6.0)])
    b = calcular_beneficios(e.cargar()[0])
    assert b.por_asociado.loc["C:1", "revalorizacion"] == pytest.approx(45_000)
    assert b.por_asociado.loc["C:2", "revalorizacion"] == 0
    assert any("IPC de 2024" in a for a in b.advertencias)


def test_sin_archivo_de_beneficios(tmp_path):
    b = calcular_beneficios(_entidad(tmp_path, beneficios=[]).cargar()[0])
    assert any("archivo de beneficios" in f for f in b.faltantes)
    assert b.por_asociado.loc["C:1", "total"] == pytest.approx(40_000 - 90_000 + 30_000)


def test_denominador_cero_de_la_entidad(tmp_path):
    e = _entidad(tmp_path, aportes=[aporte("1", saldo=0), aporte("2", saldo=0)])
    assert calcular_beneficios(e.cargar()[0]).rentabilidad_total() is None


def test_calculado_una_vez_por_dataset(tmp_path):
    ds, _ = _entidad(tmp_path).cargar()
    b = calcular_beneficios(ds)
    assert calcular_beneficios(ds) is b
    otro = dataclasses.replace(ds, beneficios=None)  # a new Dataset: computed afresh
    assert calcular_beneficios(otro) is not b
    assert any("archivo de beneficios" in f for f in calcular_beneficios(otro).faltantes)
