"""The sheet Evolucion (only with several cuts): associates per product cut by cut, growth, a line chart,
and the loans the earlier cuts added to the cartera (coopxl.evolucion).

The counts are values, for every cut including C: an exact distinct-person count per product over the data
sheets would need a first-row-of-the-person helper per product on Captaciones, Cartera and Aportes (a lookup
over the rows above each row, the costly part of the workbook) and the earlier cuts have no data sheets at all.
The growth cells are formulas over the count cells, so a corrected count recomputes its growth.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

import pandas as pd
from openpyxl.chart import LineChart, Reference

from coopxl.beneficios import NOMBRE_MODALIDAD
from coopxl.evolucion import COLUMNAS, LINEA, ORIGEN_ARCHIVO, ORIGEN_CORTE, Evolucion, evolucion
from coopxl.excel import formulas as F
from coopxl.excel import referencias as R
from coopxl.excel.portada import (
    AJUSTAR,
    FORMATO_DECIMAL,
    FORMATO_ENTERO,
    FORMATO_FECHA,
    FORMATO_TEXTO,
    FUENTE_NOTA,
    FUENTE_SUBTITULO,
    FUENTE_TITULO,
    Escritor,
    anchos,
    celda,
    celda_formula,
    configurar_impresion,
    encabezado,
    fijar_encabezado,
)

FILA_ENCABEZADO = 4  # header row of the counts table; one row per cut below it
PRIMERA_COLUMNA = 3  # column C: the first count column (asociados vigentes), then the products in COLUMNAS order
TITULO_ABSOLUTO = "Crecimiento frente al corte anterior (asociados)"
TITULO_PORCENTAJE = "Crecimiento frente al corte anterior (%)"
TITULO_AGREGADOS = "Créditos tomados de cortes anteriores (desembolsados en el periodo y cancelados antes del corte)"
NOTA = ("Asociados vigentes en cada corte que tienen al menos un producto con saldo mayor que 0 (cada persona una "
        "vez por producto). Los conteos son valores que coopxl calculó con la carpeta de cada corte; el "
        "crecimiento son fórmulas sobre esos valores.")
ENCABEZADOS_AGREGADOS = ("Corte de origen", "Archivo", "Línea en el archivo", "Tipo Documento", "Documento", "Pagaré",
                         "Fecha desembolso", "Monto", "Modalidad")


def _encabezados(ws: Any) -> list[Any]:
    return [encabezado(ws, "Corte"), encabezado(ws, "Carpeta"), *(encabezado(ws, nombre) for _, nombre in COLUMNAS)]


def _crecimiento(actual: str, anterior: str, porcentaje: bool) -> str:
    """Growth of one count cell against the previous cut's; blank when a count is missing (or, for the %,
    the previous count is 0): the same cases as Evolucion.crecimiento."""
    cambio = f"{actual}-{anterior}"
    valor = F.si(F.comparar(anterior, "=", 0), F.texto(""), f"({cambio})/{anterior}*100") if porcentaje else cambio
    return F.si(F.y(F.es_numero(anterior), F.es_numero(actual)), valor, F.texto(""))


def _grafico(ws: Any, ev: Evolucion) -> LineChart | None:
    """One line per product with some holder in some cut, the cut dates as categories (None: no such product,
    e.g. no asociados file: a chart without series is not a valid drawing)."""
    primera, ultima = FILA_ENCABEZADO + 1, FILA_ENCABEZADO + len(ev.cortes)
    g = LineChart()
    g.title = "Asociados por producto, corte a corte"
    g.y_axis.title = "Asociados"
    g.x_axis.title = "Corte"
    g.x_axis.number_format = FORMATO_FECHA
    g.x_axis.delete = False  # openpyxl 3.1 hides the axes unless told
    g.y_axis.delete = False
    g.height, g.width = 11, 24
    for i, (clave, _) in enumerate(COLUMNAS[1:], start=PRIMERA_COLUMNA + 1):
        if any(c.asociados[clave] for c in ev.cortes):
            g.add_data(Reference(ws, min_col=i, min_row=FILA_ENCABEZADO, max_row=ultima), titles_from_data=True)
    if not g.series:
        return None
    g.set_categories(Reference(ws, min_col=1, min_row=primera, max_row=ultima))
    return g


def _agregados(ds: Any) -> pd.DataFrame:
    k = ds.cartera
    if k is None or ORIGEN_CORTE not in k:
        return pd.DataFrame()
    return k[k[ORIGEN_CORTE].notna()]


def hoja_evolucion(wb: Any, ds: Any, refs: R.Referencias, formulas: Any, anteriores: Sequence[Any]) -> Any:
    """Write Evolucion for C (`ds`, with the union of disbursements) and the earlier cuts' Datasets."""
    ev = evolucion([*anteriores, ds])
    ws = wb.create_sheet(R.HOJA_EVOLUCION)
    anchos(ws, (13, 18, *(15 for _ in COLUMNAS)))
    fijar_encabezado(ws, FILA_ENCABEZADO, 2)
    configurar_impresion(ws, horizontal=True, filas_titulo=None)
    w = Escritor(ws)
    w.agregar(celda(ws, "Asociados por producto, corte a corte", fuente=FUENTE_TITULO))
    w.agregar(celda(ws, NOTA, fuente=FUENTE_NOTA))
    w.agregar()
    w.agregar(*_encabezados(ws))  # row FILA_ENCABEZADO
    filas_conteo: list[int] = []
    for c in ev.cortes:
        filas_conteo.append(w.agregar(
            celda(ws, c.corte, formato=FORMATO_FECHA), celda(ws, c.carpeta, formato=FORMATO_TEXTO),
            *(celda(ws, c.asociados[clave], formato=FORMATO_ENTERO) for clave, _ in COLUMNAS)))
    for titulo, porcentaje in ((TITULO_ABSOLUTO, False), (TITULO_PORCENTAJE, True)):
        w.agregar()
        w.agregar(celda(ws, titulo, fuente=FUENTE_SUBTITULO))
        w.agregar(*_encabezados(ws))
        for k, c in enumerate(ev.cortes):
            crecimiento = [None] * len(COLUMNAS) if k == 0 else [
                celda_formula(ws, _crecimiento(F.celda(i, filas_conteo[k]), F.celda(i, filas_conteo[k - 1]),
                                               porcentaje), formato=FORMATO_DECIMAL if porcentaje else FORMATO_ENTERO)
                for i in range(PRIMERA_COLUMNA, PRIMERA_COLUMNA + len(COLUMNAS))]
            w.agregar(celda(ws, c.corte, formato=FORMATO_FECHA), celda(ws, c.carpeta, formato=FORMATO_TEXTO),
                      *crecimiento)
    w.agregar()
    w.agregar(celda(ws, TITULO_AGREGADOS, fuente=FUENTE_SUBTITULO))
    agregados = _agregados(ds)
    if not len(agregados):
        w.agregar(celda(ws, "Ninguno: todos los créditos desembolsados en el periodo que reportan los cortes "
                            "anteriores están en la cartera del corte.", fuente=FUENTE_NOTA))
    else:
        w.agregar(*(encabezado(ws, t) for t in ENCABEZADOS_AGREGADOS))
        for _, fila in agregados.iterrows():
            w.agregar(celda(ws, fila[ORIGEN_CORTE].to_pydatetime(), formato=FORMATO_FECHA),
                      celda(ws, str(fila[ORIGEN_ARCHIVO])), celda(ws, int(fila[LINEA]), formato="0"),
                      celda(ws, str(fila["tipo_documento"])), celda(ws, str(fila["documento"])),
                      celda(ws, str(fila["pagare"])),
                      celda(ws, fila["fecha_desembolso"].to_pydatetime(), formato=FORMATO_FECHA),
                      celda(ws, None if pd.isna(fila["monto"]) else float(fila["monto"]), formato=FORMATO_DECIMAL),
                      celda(ws, NOMBRE_MODALIDAD.get(str(fila["modalidad_credito"]), ""), alineacion=AJUSTAR))
    grafico = _grafico(ws, ev)
    if grafico is not None:
        ws.add_chart(grafico, f"{F.letra(PRIMERA_COLUMNA + len(COLUMNAS) + 1)}{FILA_ENCABEZADO}")
    return ws
