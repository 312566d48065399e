"""Principle 5: autonomía, autodeterminación y autogobierno.

The CUIF amounts come from `indicadores.cuentas` (shared with principles 3, 4, 6 and 7).
"""

from __future__ import annotations

from dataclasses import replace
from typing import TYPE_CHECKING

import numpy as np
import pandas as pd

from coopxl.indicadores.cuentas import clave_sobre_cuif, concepto_sobre_concepto
from coopxl.indicadores.modelo import (
    FormulasIndicador,
    Resultado,
    cociente,
    desde_claves,
    falta_reporte,
    origen_archivo,
    sin_datos,
)
from coopxl.indicadores.registro import indicador
from coopxl.perezoso import ModuloPerezoso

if TYPE_CHECKING:
    from coopxl.dataset import Dataset
    from coopxl.excel.referencias import Referencias

# The Excel faces only: coopxl.excel (and openpyxl) is imported when a formula is first built.
B = ModuloPerezoso("coopxl.excel.bloques")
F = ModuloPerezoso("coopxl.excel.formulas")

# --- concentration ------------------------------------------------------------------------------

def concentracion_80(saldos: pd.Series) -> tuple[int, int]:
    """(k, total in cents): the smallest number of holders, from the largest balance down, whose balances
    reach 80 % of the total, compared in integer cents (5 x cumulative >= 4 x total). k = 0 with no holder."""
    # Cents rounded like Excel's ROUND (half away from zero, on the 6-decimal value so that 2766.4999999999995
    # from 27.665 * 100 counts as 2766.5), so the workbook's formula agrees. Balances here are positive.
    x = np.round(np.abs(saldos.to_numpy(dtype="float64")) * 100, 6)
    centavos = (np.floor(x + 0.5) * np.sign(saldos.to_numpy(dtype="float64"))).astype(np.int64)
    if not len(centavos):
        return 0, 0
    if float(np.abs(centavos).astype(np.float64).sum()) * 5 >= 2.0 ** 62:  # int64 could overflow: exact Python ints
        return _concentracion_80_enteros(centavos.tolist())
    acumulado = np.cumsum(-np.sort(-centavos))  # largest balance first
    total = int(acumulado[-1])
    llegan = np.flatnonzero(5 * acumulado >= 4 * total)
    return (int(llegan[0]) + 1 if len(llegan) else len(centavos)), total


def _concentracion_80_enteros(centavos: list[int]) -> tuple[int, int]:
    centavos = sorted(centavos, reverse=True)
    total = sum(centavos)
    acumulado = 0
    for k, c in enumerate(centavos, start=1):
        acumulado += c
        if 5 * acumulado >= 4 * total:
            return k, total
    return len(centavos), total


def _concentracion(ds: Dataset, reporte: str, saldos: pd.Series | None, quienes: str,
                   columna: str) -> Resultado:
    num = f"{quienes} de mayor {columna} total que juntos llegan al 80 % del total"
    den = f"{quienes}: personas con {columna} total mayor que cero"
    falta = falta_reporte(ds, reporte)
    if falta is not None or saldos is None:
        return replace(falta or sin_datos(f"el archivo {reporte}"),
                       origen_numerador=origen_archivo(ds, reporte, num),
                       origen_denominador=origen_archivo(ds, reporte, den))
    k, total = concentracion_80(saldos)
    n = len(saldos)
    return cociente(k, n, extra={"k": k, "total": total / 100, quienes: n},
                    origen_numerador=origen_archivo(ds, reporte, num, k),
                    origen_denominador=origen_archivo(ds, reporte, den, n))


def _excel_concentracion(refs: Referencias, reporte: str) -> FormulasIndicador:
    """k / holders x 100: k by bisection on the Calculos sheet (bloques.concentracion_80)."""
    n = B.contar(refs, reporte, "titular")
    k80, calculos = B.concentracion_80(refs, reporte)
    k = F.si(F.comparar(n, ">", 0), k80, 0)
    return B.cociente(k, n, sin_datos=B.no_entregado(refs, reporte), calculos=calculos)


def _excel_concentracion_creditos(refs: Referencias) -> FormulasIndicador:
    return _excel_concentracion(refs, "cartera")


@indicador("concentracion_creditos", excel=_excel_concentracion_creditos, entradas=("cartera",))
def concentracion_creditos(ds: Dataset) -> Resultado:
    return _concentracion(ds, "cartera", ds.deudores, "deudores", "Saldo Capital")


def _excel_concentracion_depositos(refs: Referencias) -> FormulasIndicador:
    return _excel_concentracion(refs, "captaciones")


@indicador("concentracion_depositos", excel=_excel_concentracion_depositos, entradas=("captaciones",))
def concentracion_depositos(ds: Dataset) -> Resultado:
    return _concentracion(ds, "captaciones", ds.ahorradores, "ahorradores", "Saldo Disponible")


# --- CUIF and complementarios -------------------------------------------------------------------

def _excel_financiacion_externa(refs: Referencias) -> FormulasIndicador:
    return B.concepto_sobre_concepto(refs, "obligaciones_financieras", "total_activo")


@indicador("financiacion_externa", excel=_excel_financiacion_externa, entradas=("catalogo",))
def financiacion_externa(ds: Dataset) -> Resultado:
    return concepto_sobre_concepto(ds, "obligaciones_financieras", "total_activo")


def _excel_patrocinios(refs: Referencias) -> FormulasIndicador:
    return B.clave_sobre_cuif(refs, "patrocinios_recibidos", "total_ingresos")


@indicador("patrocinios", excel=_excel_patrocinios, entradas=("patrocinios_recibidos", "catalogo"))
def patrocinios(ds: Dataset) -> Resultado:
    return clave_sobre_cuif(ds, "patrocinios_recibidos", "total_ingresos")


def _excel_buen_gobierno(refs: Referencias) -> FormulasIndicador:
    return B.desde_claves("buen_gobierno_cumplidas", "buen_gobierno_establecidas")


@indicador("buen_gobierno", excel=_excel_buen_gobierno,
           entradas=("buen_gobierno_cumplidas", "buen_gobierno_establecidas"))
def buen_gobierno(ds: Dataset) -> Resultado:
    return desde_claves(ds, "buen_gobierno_cumplidas", "buen_gobierno_establecidas")
