"""Principle 7: integración con otras organizaciones del mismo sector."""

from __future__ import annotations

from typing import TYPE_CHECKING

from coopxl.indicadores.cuentas import clave_sobre_cuif, cuif_o_clave
from coopxl.indicadores.modelo import FormulasIndicador, Resultado, desde_claves
from coopxl.indicadores.registro import indicador
from coopxl.perezoso import ModuloPerezoso

if TYPE_CHECKING:
    from coopxl.dataset import Dataset
    from coopxl.excel.referencias import Referencias

# The Excel faces only: coopxl.excel (and openpyxl) is imported when a formula is first built.
B = ModuloPerezoso("coopxl.excel.bloques")


def _excel_fondeo_sector_solidario(refs: Referencias) -> FormulasIndicador:
    return B.cuif_o_clave(refs, "obligaciones_sector_solidario", "obligaciones_sector_solidario",
                          "obligaciones_financieras")


@indicador("fondeo_sector_solidario", excel=_excel_fondeo_sector_solidario,
           entradas=("obligaciones_sector_solidario", "catalogo"))
def fondeo_sector_solidario(ds: Dataset) -> Resultado:
    return cuif_o_clave(ds, "obligaciones_sector_solidario", "obligaciones_sector_solidario",
                        "obligaciones_financieras")


def _excel_inversiones_sector_solidario(refs: Referencias) -> FormulasIndicador:
    return B.cuif_o_clave(refs, "inversiones_sector_solidario_valor", "inversiones_sector_solidario",
                          "total_inversiones")


@indicador("inversiones_sector_solidario", excel=_excel_inversiones_sector_solidario,
           entradas=("inversiones_sector_solidario_valor", "catalogo"))
def inversiones_sector_solidario(ds: Dataset) -> Resultado:
    return cuif_o_clave(ds, "inversiones_sector_solidario_valor", "inversiones_sector_solidario",
                        "total_inversiones")


def _excel_contribuciones_sector_solidario(refs: Referencias) -> FormulasIndicador:
    return B.clave_sobre_cuif(refs, "contribuciones_integracion", "total_gastos")


@indicador("contribuciones_sector_solidario", excel=_excel_contribuciones_sector_solidario,
           entradas=("contribuciones_integracion", "catalogo"))
def contribuciones_sector_solidario(ds: Dataset) -> Resultado:
    return clave_sobre_cuif(ds, "contribuciones_integracion", "total_gastos")


def _excel_economias_escala(refs: Referencias) -> FormulasIndicador:
    return B.desde_claves("economias_escala_valor", "costo_sin_alianzas")


@indicador("economias_escala", excel=_excel_economias_escala, entradas=("economias_escala_valor", "costo_sin_alianzas"))
def economias_escala(ds: Dataset) -> Resultado:
    return desde_claves(ds, "economias_escala_valor", "costo_sin_alianzas")
