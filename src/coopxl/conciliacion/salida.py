"""The reconciliation as console text and as an .xlsx workbook (written atomically, texts never formulas)."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from coopxl.consola import tabla
from coopxl.indicadores.textos.catalogo import NOMBRES_PRINCIPIO

if TYPE_CHECKING:
    from coopxl.conciliacion.comparacion import Conciliacion, FilaConciliacion

ENCABEZADO = ["Indicador", "Supervisor", "coopxl", "Diferencia", "Veredicto"]
ENCABEZADO_XLSX = ["Principio", "Id", "Indicador", "Resultado del supervisor", "Valor del supervisor",
                   "Resultado de coopxl", "Valor de coopxl", "Estado en coopxl",
                   "Diferencia (coopxl − supervisor)", "Veredicto", "Causa probable",
                   "Lecturas alternativas evaluadas"]


ANCHO_NOMBRE = 56


def nombre_corto(nombre: str, ancho: int = ANCHO_NOMBRE) -> str:
    """A long name cut in the middle, so that names differing only at the end stay apart:
    "Participación en procesos de educación, ... información para directivos"."""
    nombre = " ".join(nombre.split())
    if len(nombre) <= ancho:
        return nombre
    cola = 24
    return nombre[: ancho - cola - 4].rstrip(" ,") + " ..." + nombre[-cola:]


def texto_conciliacion(c: Conciliacion) -> str:
    """Principle by principle a table, then the causes of every row that does not simply coincide."""
    lineas: list[str] = []
    for principio in sorted({f.principio for f in c.filas}):
        filas = [f for f in c.filas if f.principio == principio]
        lineas += ["", f"{principio}. {NOMBRES_PRINCIPIO[principio].upper()}"]
        cuerpo = [(nombre_corto(f.nombre), f.ses_texto(), f.coopxl_texto(), f.diferencia_texto(), f.etiqueta)
                  for f in filas]
        lineas.append(tabla(ENCABEZADO, cuerpo, alinear_derecha=[1, 2, 3], max_ancho=ANCHO_NOMBRE))
    detalle = [f for f in c.filas if f.causa]
    if detalle:
        lineas += ["", "DETALLE"]
        lineas += [f"- {f.principio}. {f.nombre}: {f.texto_veredicto}." for f in detalle]
    if c.avisos:
        lineas += ["", "AVISOS"]
        lineas += [f"- {a}" for a in c.avisos]
    lineas += ["", c.resumen()]
    return "\n".join(lineas).lstrip("\n")


def _lecturas_texto(f: FilaConciliacion) -> str:
    from coopxl.analisis import valor_mostrado
    from coopxl.indicadores import obtener

    ind = obtener(f.id)
    partes = []
    for lec in f.lecturas:
        if isinstance(lec.valor, float):
            valor = valor_mostrado(ind, lec.valor)
        elif lec.valor is None:
            valor = "no calculable"
        else:
            valor = "denominador en cero"
        partes.append(f"{'✔ ' if lec.coincide else ''}{lec.causa}: {valor}")
    return "\n".join(partes)


def escribir_xlsx(c: Conciliacion, destino: Path, datos: list[tuple[str, str]]) -> None:
    """The reconciliation table (sheet Conciliación) and the context and warnings (sheet Datos)."""
    from openpyxl import Workbook
    from openpyxl.styles import Alignment, Font

    from coopxl.archivos import escritura_atomica, fila_de_textos

    wb = Workbook()
    ws = wb.active
    ws.title = "Conciliación"
    fila_de_textos(ws, ENCABEZADO_XLSX)
    for celda in ws[1]:
        celda.font = Font(bold=True)
    for f in c.filas:
        fila_de_textos(ws, [
            f.principio, f.id, f.nombre, f.resultado_ses, f.valor_ses, f.resultado_coopxl, f.valor_coopxl,
            f.estado_coopxl, f.diferencia, f.etiqueta, f.causa, _lecturas_texto(f),
        ])
        for col in (5, 7, 9):
            ws.cell(ws.max_row, col).number_format = "0.00"
        for col in (11, 12):
            ws.cell(ws.max_row, col).alignment = Alignment(wrap_text=True, vertical="top")
    for letra, ancho in zip("ABCDEFGHIJKL", (9, 30, 45, 16, 12, 16, 12, 16, 14, 22, 70, 70), strict=True):
        ws.column_dimensions[letra].width = ancho
    ws.freeze_panes = "A2"

    hoja = wb.create_sheet("Datos")
    fila_de_textos(hoja, ["Dato", "Valor"])
    for celda in hoja[1]:
        celda.font = Font(bold=True)
    for clave, valor in [*datos, ("Resumen", c.resumen())]:
        fila_de_textos(hoja, [clave, valor])
    for aviso in c.avisos:
        fila_de_textos(hoja, ["Aviso", aviso])
    hoja.column_dimensions["A"].width = 28
    hoja.column_dimensions["B"].width = 100
    with escritura_atomica(Path(destino), "wb") as fh:
        wb.save(fh)
