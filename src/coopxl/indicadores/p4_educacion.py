"""Principle 4: formación e información, de manera permanente, oportuna y progresiva."""

from __future__ import annotations

from typing import TYPE_CHECKING

from coopxl.indicadores.cuentas import clave_sobre_cuif, falta_clave
from coopxl.indicadores.modelo import (
    FormulasIndicador,
    Origen,
    Resultado,
    cociente,
    complementario,
    desde_claves,
    origen_clave,
)
from coopxl.indicadores.p3_participacion_economica import cobertura, excel_cobertura
from coopxl.indicadores.registro import indicador
from coopxl.perezoso import ModuloPerezoso

if TYPE_CHECKING:
    from coopxl.dataset import Dataset
    from coopxl.excel.referencias import Referencias

# The Excel faces only: coopxl.excel (and openpyxl) is imported when a formula is first built.
B = ModuloPerezoso("coopxl.excel.bloques")
F = ModuloPerezoso("coopxl.excel.formulas")


def _excel_educacion_directivos(refs: Referencias) -> FormulasIndicador:
    return B.desde_claves("educacion_directivos_participantes", "educacion_directivos_convocados")


@indicador("educacion_directivos", excel=_excel_educacion_directivos,
           entradas=("educacion_directivos_participantes", "educacion_directivos_convocados"))
def educacion_directivos(ds: Dataset) -> Resultado:
    # Participations, not persons: it can exceed 100 % (not a subset ratio, see the texts).
    return desde_claves(ds, "educacion_directivos_participantes", "educacion_directivos_convocados")


def _excel_educacion_asociados(refs: Referencias) -> FormulasIndicador:
    return excel_cobertura(refs, "asociados_educacion", "beneficiado_educacion")


@indicador("educacion_asociados", excel=_excel_educacion_asociados,
           entradas=("asociados", "beneficios", "asociados_educacion"))
def educacion_asociados(ds: Dataset) -> Resultado:
    return cobertura(ds, "asociados_educacion", "educacion",
                     "asociados vigentes con al menos un beneficio de Tipo Beneficio educacion en el periodo")


def _excel_participacion_gasto_educacion(refs: Referencias) -> FormulasIndicador:
    return B.clave_sobre_cuif(refs, "gasto_educacion", "total_gastos")


@indicador("participacion_gasto_educacion", excel=_excel_participacion_gasto_educacion,
           entradas=("gasto_educacion", "catalogo"))
def participacion_gasto_educacion(ds: Dataset) -> Resultado:
    return clave_sobre_cuif(ds, "gasto_educacion", "total_gastos")


def _excel_educacion_empleados(refs: Referencias) -> FormulasIndicador:
    return B.desde_claves("educacion_empleados_participantes", "educacion_empleados_convocados")


@indicador("educacion_empleados", excel=_excel_educacion_empleados,
           entradas=("educacion_empleados_participantes", "educacion_empleados_convocados"))
def educacion_empleados(ds: Dataset) -> Resultado:
    return desde_claves(ds, "educacion_empleados_participantes", "educacion_empleados_convocados")


def _excel_difusion_cooperativa(refs: Referencias) -> FormulasIndicador:
    return B.clave_sobre_cuif(refs, "gasto_difusion", "total_gastos")


@indicador("difusion_cooperativa", excel=_excel_difusion_cooperativa, entradas=("gasto_difusion", "catalogo"))
def difusion_cooperativa(ds: Dataset) -> Resultado:
    return clave_sobre_cuif(ds, "gasto_difusion", "total_gastos")


def _excel_crecimiento_inversion_educacion(refs: Referencias) -> FormulasIndicador:
    # The previous cut's gasto_educacion (--anterior) is not in the workbook: the key only.
    return B.cociente(f"{B.co('gasto_educacion')}-{B.co('gasto_educacion_anterior')}",
                      B.co("gasto_educacion_anterior"),
                      sin_datos=F.o(B.falta("gasto_educacion"), B.falta("gasto_educacion_anterior")))


@indicador("crecimiento_inversion_educacion", excel=_excel_crecimiento_inversion_educacion,
           entradas=("gasto_educacion", "gasto_educacion_anterior"))
def crecimiento_inversion_educacion(ds: Dataset) -> Resultado:
    """(gasto_educacion - previous) / previous x 100. The previous amount is the key gasto_educacion_anterior,
    or, when it is blank and the previous cut is given, that cut's gasto_educacion (year over year)."""
    actual = complementario(ds, "gasto_educacion")
    anterior = complementario(ds, "gasto_educacion_anterior")
    origen_ant = origen_clave("gasto_educacion_anterior")
    if anterior is None and ds.anterior is not None:
        anterior = complementario(ds.anterior, "gasto_educacion")
        if anterior is not None:
            origen_ant = Origen(f"complementarios del corte anterior ({ds.anterior.corte:%d/%m/%Y}), clave "
                                "gasto_educacion", clave="gasto_educacion")
    faltan = tuple(f for v, f in ((actual, falta_clave("gasto_educacion")),
                                  (anterior, falta_clave("gasto_educacion_anterior"))) if v is None)
    diferencia = actual - anterior if actual is not None and anterior is not None else None
    return cociente(diferencia, anterior, faltantes=faltan,
                    origen_numerador=Origen("complementarios: gasto_educacion menos el gasto del periodo "
                                            "anterior", clave="gasto_educacion"),
                    origen_denominador=origen_ant,
                    extra={"gasto_educacion": actual, "gasto_anterior": anterior})
