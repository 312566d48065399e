"""The sheet Graficos: the indicators by principle, a small table per principle and a bar chart of it.

Every result cell reads the indicator's BS_<id> name (the result cell on Indicadores): the number when the
indicator computed, blank for a state (sin datos, no aplica, denominador en cero), so the table and the chart
follow the Indicadores sheet. The chart of a principle plots its percentages; an indicator that is a ratio
(razón) is listed below them in the table, outside the chart (another scale).
"""

from __future__ import annotations

from typing import Any

from openpyxl.chart import BarChart, Reference

from coopxl.excel import formulas as F
from coopxl.excel import referencias as R
from coopxl.excel.portada import (
    AJUSTAR,
    FORMATO_DECIMAL,
    FUENTE_NOTA,
    FUENTE_SUBTITULO,
    FUENTE_TITULO,
    Escritor,
    anchos,
    celda,
    celda_formula,
    configurar_impresion,
    encabezado,
)
from coopxl.indicadores.registro import obtener
from coopxl.indicadores.textos.catalogo import FILAS_SES, NOMBRES_PRINCIPIO

FILAS_POR_BLOQUE = 18  # rows each principle takes at least, so the charts beside the tables do not overlap
COLUMNA_RESULTADO = 2
NOTA = ("Resultados de la hoja Indicadores (nombres BS_…). Una celda vacía es un indicador sin resultado "
        "numérico: sin datos, no aplica o denominador en cero. El gráfico de cada principio muestra sus "
        "porcentajes.")


def indicadores_por_principio() -> dict[int, list[str]]:
    """The ids of each principle in the order of the SES report (percentages first), each once per principle."""
    salida: dict[int, list[str]] = {}
    for principio, id_ in FILAS_SES:
        ids = salida.setdefault(principio, [])
        if id_ not in ids:
            ids.append(id_)
    return {p: sorted(ids, key=lambda i: not obtener(i).es_porcentaje) for p, ids in salida.items()}


def formula_resultado(id_: str) -> str:
    """The indicator's result when it is a number, else blank."""
    nombre = R.nombre_indicador(id_)
    return F.si(F.es_numero(nombre), nombre, F.texto(""))


def _grafico(ws: Any, titulo: str, primera: int, ultima: int) -> BarChart:
    g = BarChart()
    g.type = "bar"  # horizontal bars: the indicator names are long
    g.title = titulo
    g.legend = None
    g.y_axis.title = "%"
    g.x_axis.delete = False  # openpyxl 3.1 hides the axes unless told
    g.y_axis.delete = False
    g.height, g.width = 8.5, 18
    g.x_axis.scaling.orientation = "maxMin"  # first indicator on top, as in the table
    g.add_data(Reference(ws, min_col=COLUMNA_RESULTADO, min_row=primera, max_row=ultima), titles_from_data=False)
    g.set_categories(Reference(ws, min_col=1, min_row=primera, max_row=ultima))
    return g


def hoja_graficos(wb: Any, ds: Any, refs: R.Referencias, formulas: Any) -> Any:
    """Write Graficos: per principle a title, a header, one row per indicator (name, result, unit), a chart."""
    ws = wb.create_sheet(R.HOJA_GRAFICOS)
    anchos(ws, (48, 14, 10, 4))
    configurar_impresion(ws, filas_titulo=None)
    w = Escritor(ws)
    w.agregar(celda(ws, "Indicadores por principio", fuente=FUENTE_TITULO))
    w.agregar(celda(ws, NOTA, fuente=FUENTE_NOTA))
    for principio, ids in indicadores_por_principio().items():
        w.agregar()
        inicio = w.agregar(celda(ws, f"{principio}. {NOMBRES_PRINCIPIO[principio]}", fuente=FUENTE_SUBTITULO))
        w.agregar(encabezado(ws, "Indicador"), encabezado(ws, "Resultado"), encabezado(ws, "Unidad"))
        primera = w.fila + 1
        for id_ in ids:
            ind = obtener(id_)
            w.agregar(celda(ws, ind.nombre, alineacion=AJUSTAR),
                      celda_formula(ws, formula_resultado(id_), formato=FORMATO_DECIMAL),
                      celda(ws, "%" if ind.es_porcentaje else "razón"))
        porcentajes = sum(obtener(i).es_porcentaje for i in ids)
        if porcentajes:
            ws.add_chart(_grafico(ws, f"{principio}. {NOMBRES_PRINCIPIO[principio]}", primera,
                                  primera + porcentajes - 1), f"E{inicio}")
        while w.fila < inicio + FILAS_POR_BLOQUE:
            w.agregar()
    return ws
