"""The combined workbook of "Generar extractos" (only on request): every chosen associate's extract lines in
one table, for the entity's own review. It lists many associates, so it is marked «uso interno» in its file
name, its first rows, its sheet name and its properties; the files meant for associates are the per-associate
extracts. The values are those of the extracts (`extractos_asociados`): no second computation.
"""

from __future__ import annotations

import io
from collections.abc import Iterable
from pathlib import Path
from typing import TYPE_CHECKING

import xlsxwriter

from coopxl.archivos import escritura_atomica
from coopxl.beneficios import COMPONENTES, NOMBRE_COMPONENTE
from coopxl.extractos import textos as tx
from coopxl.extractos.datos import extractos_asociados
from coopxl.extractos.masivo import normalizar_documento
from coopxl.extractos.xlsx import FORMATO_PESOS, FORMATO_PORCENTAJE

if TYPE_CHECKING:
    from coopxl.dataset import Dataset

HOJA = "Uso interno"
AVISO = ("USO INTERNO: este libro reúne los beneficios de todos los asociados elegidos. No lo envíe a los "
         "asociados: a cada uno se le envía solo su propio extracto.")
ENCABEZADO = ("Tipo Doc", "Documento", "Nombre", "Correo", *(NOMBRE_COMPONENTE[c] for c in COMPONENTES),
              "Total beneficio solidario", "Saldo de aportes", "Rentabilidad de los aportes (%)")
FILA_ENCABEZADO = 3  # 0-based: notice, entity/cut, blank, then the table


def escribir_combinado(ds: Dataset, destino: Path, documentos: Iterable[str] | None = None) -> Path:
    pedidos = None if documentos is None else {normalizar_documento(str(d)) for d in documentos if str(d).strip()}
    extractos = extractos_asociados(ds, pedidos)
    salida = io.BytesIO()
    wb = xlsxwriter.Workbook(salida, {"in_memory": True, "strings_to_formulas": False, "strings_to_urls": False,
                                      "strings_to_numbers": False})
    nombre = ds.entidad["nombre"] or ds.entidad["sigla"] or ""
    wb.set_properties({"title": "Extractos combinados - USO INTERNO", "subject": "Uso interno: no enviar a los "
                       "asociados", "keywords": "uso interno", "author": nombre, "comments": "Generado con coopxl"})
    ws = wb.add_worksheet(HOJA)
    aviso = wb.add_format({"bold": True, "font_color": "#9C0006", "bg_color": "#FFC7CE", "text_wrap": True})
    cabecera = wb.add_format({"bold": True, "bg_color": "#F2F2F2", "bottom": 1, "text_wrap": True})
    pesos = wb.add_format({"num_format": FORMATO_PESOS})
    pct = wb.add_format({"num_format": FORMATO_PORCENTAJE})
    gris = wb.add_format({"italic": True, "font_color": "#7F7F7F", "align": "right"})
    ws.set_row(0, 30)
    ws.merge_range(0, 0, 0, len(ENCABEZADO) - 1, "", aviso)
    ws.write_string(0, 0, AVISO, aviso)
    ws.write_string(1, 0, f"{nombre} · corte {tx.fecha_larga(ds.corte)} · {len(extractos)} asociado(s)")
    for j, titulo in enumerate(ENCABEZADO):
        ws.write_string(FILA_ENCABEZADO, j, titulo, cabecera)
    for i, ext in enumerate(extractos, start=FILA_ENCABEZADO + 1):
        for j, texto in enumerate((ext.tipo_documento, ext.numero_documento, ext.destinatario, ext.correo)):
            ws.write_string(i, j, texto)
        valores = {ln.componente: ln.valor for ln in ext.lineas}
        for j, c in enumerate(COMPONENTES, start=4):
            v = valores.get(c)
            if v is None:
                ws.write_string(i, j, tx.NO_CALCULADO, gris)
            else:
                ws.write_number(i, j, v, pesos)
        j = 4 + len(COMPONENTES)
        ws.write_number(i, j, ext.total, pesos)
        ws.write_number(i, j + 1, ext.aportes, pesos)
        if ext.rentabilidad is None:
            ws.write_string(i, j + 2, "no calculable", gris)
        else:
            ws.write_number(i, j + 2, ext.rentabilidad, pct)
    ws.set_column(0, 0, 9)
    ws.set_column(1, 1, 14)
    ws.set_column(2, 3, 30)
    ws.set_column(4, len(ENCABEZADO) - 1, 16)
    ws.freeze_panes(FILA_ENCABEZADO + 1, 3)
    ws.autofilter(FILA_ENCABEZADO, 0, FILA_ENCABEZADO + max(len(extractos), 1), len(ENCABEZADO) - 1)
    ws.set_header("&L&\"Arial,Bold\"USO INTERNO&RNo enviar a los asociados")
    wb.close()
    with escritura_atomica(destino) as fh:
        fh.write(salida.getvalue())
    return destino
