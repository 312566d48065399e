"""Principle 6: servicio a la comunidad."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import replace
from typing import TYPE_CHECKING

import pandas as pd

from coopxl.indicadores.cuentas import clave_sobre_cuif
from coopxl.indicadores.modelo import (
    FormulasIndicador,
    Resultado,
    cociente,
    complementario,
    desde_claves,
    falta_reporte,
    origen_archivo,
    origen_clave,
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

TIPO_DOC_JURIDICA = "N"
MODALIDADES_PRODUCTIVAS = ("comercial", "microcredito", "productivo")


def _excel_parte_desembolsos(refs: Referencias, bandera: str, clave: str | None = None) -> FormulasIndicador:
    parte = B.sumar_si(refs, "cartera", "monto", "desembolso_cuenta", bandera)
    num = F.si(B.hay(clave), B.co(clave), parte) if clave else parte
    return B.cociente(num, B.sumar_si(refs, "cartera", "monto", "desembolso_cuenta"),
                      sin_datos=B.no_entregado(refs, "cartera"))


def _excel_gastos_comunidad(refs: Referencias) -> FormulasIndicador:
    return B.clave_sobre_cuif(refs, "gasto_comunidad", "total_gastos")


@indicador("gastos_comunidad", excel=_excel_gastos_comunidad, entradas=("gasto_comunidad", "catalogo"))
def gastos_comunidad(ds: Dataset) -> Resultado:
    return clave_sobre_cuif(ds, "gasto_comunidad", "total_gastos")


def _monto(d: pd.DataFrame) -> float:
    return float(d["monto"].sum())


DESEMBOLSOS = "Monto de los créditos desembolsados en el periodo"


def _parte_desembolsos(ds: Dataset, filtro: Callable[[pd.DataFrame], pd.Series], descripcion: str,
                       clave: str | None = None) -> Resultado:
    """Monto of the loans disbursed in P selected by `filtro` / Monto of every loan disbursed in P;
    `clave`, when typed, replaces the numerator only (the denominator always comes from the cartera)."""
    tecleado = complementario(ds, clave) if clave is not None else None
    falta = falta_reporte(ds, "cartera")
    if falta is not None or ds.desembolsos is None:
        origen_num = origen_clave(clave) if clave is not None and tecleado is not None \
            else origen_archivo(ds, "cartera", descripcion)
        return replace(falta or sin_datos("el archivo cartera"), origen_numerador=origen_num,
                       origen_denominador=origen_archivo(ds, "cartera", DESEMBOLSOS))
    d = ds.desembolsos
    den = _monto(d)
    origen_den = origen_archivo(ds, "cartera", DESEMBOLSOS, len(d))
    if clave is not None and tecleado is not None:
        return cociente(tecleado, den, origen_numerador=origen_clave(clave), origen_denominador=origen_den)
    parte = d[filtro(d)]
    return cociente(_monto(parte), den, origen_denominador=origen_den,
                    origen_numerador=origen_archivo(ds, "cartera", descripcion, len(parte)))


def _excel_creditos_incidencia_comunitaria(refs: Referencias) -> FormulasIndicador:
    return _excel_parte_desembolsos(refs, "juridica", "creditos_comunitarios_valor")


@indicador("creditos_incidencia_comunitaria", excel=_excel_creditos_incidencia_comunitaria,
           entradas=("cartera", "creditos_comunitarios_valor"))
def creditos_incidencia_comunitaria(ds: Dataset) -> Resultado:
    return _parte_desembolsos(ds, lambda d: d["tipo_documento"] == TIPO_DOC_JURIDICA,
                              f"{DESEMBOLSOS} a personas jurídicas (Tipo Doc {TIPO_DOC_JURIDICA})",
                              clave="creditos_comunitarios_valor")


def _excel_creditos_fines_productivos(refs: Referencias) -> FormulasIndicador:
    return _excel_parte_desembolsos(refs, "productivo")


@indicador("creditos_fines_productivos", excel=_excel_creditos_fines_productivos, entradas=("cartera",))
def creditos_fines_productivos(ds: Dataset) -> Resultado:
    return _parte_desembolsos(ds, lambda d: d["modalidad_credito"].isin(MODALIDADES_PRODUCTIVAS),
                              f"{DESEMBOLSOS} de modalidad comercial, microcrédito o productivo")


def _excel_medio_ambiente(refs: Referencias) -> FormulasIndicador:
    return B.desde_claves("gasto_medio_ambiente", "gasto_comunidad")


@indicador("medio_ambiente", excel=_excel_medio_ambiente, entradas=("gasto_medio_ambiente", "gasto_comunidad"))
def medio_ambiente(ds: Dataset) -> Resultado:
    return desde_claves(ds, "gasto_medio_ambiente", "gasto_comunidad")


def _excel_proveedores_locales(refs: Referencias) -> FormulasIndicador:
    return B.desde_claves("proveedores_locales_numero", "proveedores_totales_numero")


@indicador("proveedores_locales", excel=_excel_proveedores_locales,
           entradas=("proveedores_locales_numero", "proveedores_totales_numero"))
def proveedores_locales(ds: Dataset) -> Resultado:
    return desde_claves(ds, "proveedores_locales_numero", "proveedores_totales_numero")
