"""The Balance Social workbook: cover, indicators, parameters, complementarios and one sheet per report.

`escribir_libro(ds, destino)` builds the whole workbook from a Dataset and writes it atomically.
The indicator results are live formulas over the data sheets: each indicator's `excel` function (declared
next to its Python computation in indicadores/p1…p7) gives its numerator, denominator and state
conditions; the sheet Indicadores writes them and names each result cell BS_<id>, and the sheet
Calculos holds the intermediate cells (CL_…) they read.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from openpyxl import Workbook
from openpyxl.workbook.properties import CalcProperties

from coopxl.archivos import escritura_atomica
from coopxl.excel import analisis_formulas as AF
from coopxl.excel import bloques as B
from coopxl.excel import formulas as F
from coopxl.excel import referencias as R
from coopxl.excel.graficos import hoja_graficos
from coopxl.excel.hoja_beneficio import hoja_beneficio
from coopxl.excel.hoja_evolucion import hoja_evolucion
from coopxl.excel.hoja_extracto import hoja_extracto
from coopxl.excel.hojas_datos import escribir_hojas_datos, planificar
from coopxl.excel.hojas_parametros import definir, hoja_complementarios, hoja_parametros
from coopxl.excel.portada import (
    AJUSTAR,
    FORMATO_DECIMAL,
    FORMATO_TEXTO,
    FUENTE_NOTA,
    FUENTE_TITULO,
    Escritor,
    anchos,
    celda,
    celda_formula,
    configurar_impresion,
    encabezado,
    fijar_encabezado,
    hoja_portada,
)
from coopxl.indicadores.modelo import CalculoExcel, FormulasIndicador, Indicador
from coopxl.indicadores.registro import obtener, todos
from coopxl.indicadores.textos.catalogo import FILAS_SES, NOMBRES_PRINCIPIO, TODOS


class LibroExistente(FileExistsError):
    """The destination exists and overwriting was not asked for."""


@dataclass(frozen=True)
class Libro:
    ruta: Path
    hojas: tuple[str, ...]
    referencias: R.Referencias


# Sheets written after the data sheets: (wb, ds, refs, formulas) -> None. Each lives in its own module of
# excel/ and is listed here once; where it appears in the workbook is `hojas_del_libro`'s order.
HOJAS_ADICIONALES: tuple = (hoja_beneficio, hoja_extracto, hoja_graficos)
# Sheets that need the earlier cuts (coopxl libro CORTE1 CORTE2 ...), written only when there are some:
# (wb, ds, refs, formulas, anteriores) -> None.
HOJAS_DE_CORTES: tuple = (hoja_evolucion,)


def hojas_del_libro(varios_cortes: bool = False) -> tuple[str, ...]:
    return (R.HOJA_PORTADA, R.HOJA_INDICADORES, R.HOJA_GRAFICOS, *((R.HOJA_EVOLUCION,) if varios_cortes else ()),
            R.HOJA_BENEFICIO, R.HOJA_EXTRACTO, R.HOJA_PARAMETROS, R.HOJA_COMPLEMENTARIOS,
            R.HOJA_CALCULOS, *R.HOJAS.values())


COLUMNAS_INDICADORES = ("Principio", "Id", "Indicador", "Propósito", "Fórmula", "Numerador", "Denominador",
                        "Resultado", "Análisis")
COLUMNA_NUMERADOR = COLUMNAS_INDICADORES.index("Numerador") + 1
COLUMNA_DENOMINADOR = COLUMNAS_INDICADORES.index("Denominador") + 1
COLUMNA_RESULTADO = COLUMNAS_INDICADORES.index("Resultado") + 1


@dataclass(frozen=True)
class FormulasFila:
    """The three formula cells of one row of Indicadores (texts without '=')."""

    numerador: str
    denominador: str | None
    resultado: str


def formulas_fila(ind: Indicador, fx: FormulasIndicador, fila: int) -> FormulasFila:
    """Numerator, denominator and result of an indicator on row `fila` of Indicadores.

    The result reads the numerator and denominator cells of its row; the states follow the precedence
    of indicadores.md (no_aplica > sin_datos > denominador_cero > number, x100 for percentages)."""
    num = F.celda(COLUMNA_NUMERADOR, fila)
    den = F.celda(COLUMNA_DENOMINADOR, fila)

    def poner(expr: str) -> str:
        return expr.replace(B.NUM, num).replace(B.DEN, den)

    if fx.valor is not None:
        valor = poner(fx.valor)
    elif fx.denominador is None:
        raise ValueError(f"{ind.id}: sin denominador hace falta la fórmula del valor")
    else:
        valor = f"{num}/{den}" + ("*100" if ind.es_porcentaje else "")
    cero = poner(fx.cero) if fx.cero is not None else (
        F.comparar(den, "=", 0) if fx.denominador is not None else None)
    oculto = B.alguno(fx.no_aplica or "", fx.sin_datos or "")

    def celda_dato(expr: str) -> str:
        return F.si(oculto, F.texto(""), expr) if oculto else expr

    return FormulasFila(
        numerador=celda_dato(fx.numerador),
        denominador=None if fx.denominador is None else celda_dato(fx.denominador),
        resultado=F.resultado_estado(valor, cero=cero, sin_datos=fx.sin_datos, no_aplica=fx.no_aplica),
    )


def formulas_indicadores(refs: R.Referencias) -> dict[str, FormulasIndicador]:
    """Every indicator's Excel face, by id (the registry refuses an indicator without one)."""
    return {ind.id: ind.excel(refs) for ind in todos()}


def hoja_indicadores(wb: Any, ds: Any, refs: R.Referencias,
                     formulas: dict[str, FormulasIndicador] | None = None) -> Any:
    """The indicators by principle, as the SES report lists them (one indicator may show twice), with their
    numerator, denominator and result as formulas; the result cell of an indicator's first row is BS_<id>."""
    formulas = formulas or formulas_indicadores(refs)
    ws = wb.create_sheet(R.HOJA_INDICADORES)
    anchos(ws, (26, 24, 34, 60, 46, 18, 18, 18, 60))
    fijar_encabezado(ws, 1, 0)
    configurar_impresion(ws, horizontal=True)
    w = Escritor(ws)
    w.agregar(*(encabezado(ws, t) for t in COLUMNAS_INDICADORES))
    asociados = ds.complementarios.get("asamblea_tipo") == "asociados"
    vistos: set[str] = set()
    sondeos: dict[str, AF.Sondeo] = {}
    for principio, id_ in FILAS_SES:
        t = TODOS[id_]
        ind = obtener(id_)
        formula_ses = t.formula_asociados if asociados and t.formula_asociados else t.formula
        fila = w.fila + 1
        ff = formulas_fila(ind, formulas[id_], fila)
        sondeos[id_] = sondeos.get(id_) or AF.sondear(ind, formulas[id_], ds)
        celdas = AF.Celdas(F.celda(COLUMNA_NUMERADOR, fila),
                           None if ff.denominador is None else F.celda(COLUMNA_DENOMINADOR, fila),
                           F.celda(COLUMNA_RESULTADO, fila))
        frase = AF.formula_analisis(ind, celdas, principio, sondeos[id_])
        formato = FORMATO_DECIMAL
        w.agregar(celda(ws, f"{principio}. {NOMBRES_PRINCIPIO[principio]}", alineacion=AJUSTAR),
                  celda(ws, id_, fuente=FUENTE_NOTA), celda(ws, t.nombre, alineacion=AJUSTAR),
                  celda(ws, t.proposito, alineacion=AJUSTAR), celda(ws, formula_ses, alineacion=AJUSTAR),
                  celda_formula(ws, ff.numerador, formato=formato),
                  None if ff.denominador is None else celda_formula(ws, ff.denominador, formato=formato),
                  celda_formula(ws, ff.resultado, formato=formato, alineacion=AJUSTAR),
                  celda_formula(ws, frase, alineacion=AJUSTAR))
        if id_ not in vistos:
            vistos.add(id_)
            definir(wb, R.nombre_indicador(id_), F.celda(COLUMNA_RESULTADO, fila, R.HOJA_INDICADORES))
    return ws


def reunir_calculos(refs: R.Referencias, formulas: dict[str, FormulasIndicador]) -> list[CalculoExcel]:
    """The Calculos cells: the base ones, then every indicator's, each name once (same formula)."""
    por_nombre: dict[str, CalculoExcel] = {}
    for c in (*B.calculos_base(refs), *(c for fx in formulas.values() for c in fx.calculos)):
        previo = por_nombre.setdefault(c.nombre, c)
        if previo.expresion != c.expresion:
            raise ValueError(f"el cálculo {c.nombre} tiene dos fórmulas distintas")
    return list(por_nombre.values())


def hoja_calculos(wb: Any, refs: R.Referencias, formulas: dict[str, FormulasIndicador]) -> Any:
    """Intermediate named cells, and the reference rate used for each product."""
    ws = wb.create_sheet(R.HOJA_CALCULOS)
    anchos(ws, (60, 22, 40))
    configurar_impresion(ws, filas_titulo=None)
    w = Escritor(ws)
    w.agregar(celda(ws, "Cálculos intermedios de los indicadores", fuente=FUENTE_TITULO))
    w.agregar(celda(ws, "Todas las celdas son fórmulas sobre las hojas de datos, Parametros y Complementarios.",
                    fuente=FUENTE_NOTA))
    w.agregar()
    w.agregar(encabezado(ws, "Tasas de referencia usadas"), encabezado(ws, "Tipo ahorro"),
              encabezado(ws, "Tasa E.A. (%)"))
    primera = w.fila + 1
    for producto, tipo in B.PRODUCTOS_TASA:
        w.agregar(celda(ws, producto), celda(ws, tipo, formato=FORMATO_TEXTO),
                  celda_formula(ws, B.tasa_producto(producto), formato=FORMATO_DECIMAL))
    for nombre, col in ((R.CL_TASAS_PRODUCTO, "A"), (R.CL_TASAS_TIPO, "B"), (R.CL_TASAS_VALOR, "C")):
        definir(wb, nombre, F.rango(col, primera, w.fila, R.HOJA_CALCULOS))
    w.agregar()
    w.agregar(encabezado(ws, "Cálculo"), encabezado(ws, "Valor"), encabezado(ws, "Nombre definido"))
    for c in reunir_calculos(refs, formulas):
        nombre = R.nombre_calculo(c.nombre)
        fila = w.agregar(celda(ws, c.etiqueta, alineacion=AJUSTAR),
                         celda_formula(ws, c.expresion, formato=FORMATO_DECIMAL),
                         celda(ws, nombre, fuente=FUENTE_NOTA))
        definir(wb, nombre, F.celda("B", fila, R.HOJA_CALCULOS))
    return ws


def construir_libro(ds: Any, generado: dt.datetime | None = None,
                    anteriores: Sequence[Any] = ()) -> tuple[Workbook, R.Referencias]:
    """The workbook in memory (write-only: save it once); `anteriores`: the earlier cuts' Datasets."""
    refs = planificar(ds)
    wb = Workbook(write_only=True)
    wb.calculation = CalcProperties(fullCalcOnLoad=True)
    formulas = formulas_indicadores(refs)
    hoja_portada(wb, ds, refs, hojas_del_libro(bool(anteriores)), generado=generado)
    hoja_indicadores(wb, ds, refs, formulas)
    hoja_parametros(wb, ds)
    hoja_complementarios(wb, ds)
    hoja_calculos(wb, refs, formulas)
    escribir_hojas_datos(wb, ds, refs)
    for hoja_adicional in HOJAS_ADICIONALES:
        hoja_adicional(wb, ds, refs, formulas)
    for hoja_de_cortes in HOJAS_DE_CORTES if anteriores else ():
        hoja_de_cortes(wb, ds, refs, formulas, anteriores)
    orden = {nombre: i for i, nombre in enumerate(hojas_del_libro(bool(anteriores)))}
    wb._sheets.sort(key=lambda ws: orden.get(ws.title, len(orden)))  # the Portada's order, whoever wrote first
    return wb, refs


def escribir_libro(ds: Any, destino: Path, forzar: bool = False, *, generado: dt.datetime | None = None,
                   anteriores: Sequence[Any] = ()) -> Libro:
    """Write the workbook to `destino` (.xlsx) atomically; refuse to overwrite it unless `forzar`."""
    destino = Path(destino)
    if destino.suffix.lower() != ".xlsx":
        raise ValueError(f"el libro debe tener extensión .xlsx: {destino.name}")
    if destino.exists() and not forzar:
        raise LibroExistente(f"el archivo {destino} ya existe; use --forzar para reemplazarlo.")
    wb, refs = construir_libro(ds, generado=generado, anteriores=anteriores)
    with escritura_atomica(destino) as f:
        wb.save(f)
    return Libro(destino, hojas_del_libro(bool(anteriores)), refs)
