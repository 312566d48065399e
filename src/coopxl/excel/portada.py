"""The cover sheet, and the helpers every sheet shares: cells that keep text as text, styles, print setup
and frozen headers.

The workbook is written in openpyxl's write-only mode (rows streamed to disk, so a large cartera
fits in memory): column widths, freeze panes, print setup and validations are set before the
first row of a sheet; cells are `WriteOnlyCell`s.
"""

from __future__ import annotations

import datetime as dt
import math
from collections.abc import Sequence
from typing import Any

from openpyxl.cell import WriteOnlyCell
from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE, Cell
from openpyxl.styles import Alignment, Border, Font, PatternFill, Side
from openpyxl.worksheet.hyperlink import Hyperlink
from openpyxl.worksheet.properties import PageSetupProperties

from coopxl import __version__
from coopxl.excel import formulas as F
from coopxl.excel import referencias as R

MAX_TEXTO_CELDA = 32_767

FORMATO_FECHA = "dd/mm/yyyy"
FORMATO_FECHA_HORA = "dd/mm/yyyy hh:mm"
FORMATO_DECIMAL = "#,##0.00"  # Excel shows it as 1.234,56 in a Spanish (Colombia) locale
FORMATO_ENTERO = "#,##0"
FORMATO_BANDERA = "0"
FORMATO_TEXTO = "@"

FUENTE_TITULO = Font(bold=True, size=14, color="1F3864")
FUENTE_SUBTITULO = Font(bold=True, size=11, color="1F3864")
FUENTE_ENCABEZADO = Font(bold=True, color="FFFFFF")
FUENTE_NOTA = Font(italic=True, color="595959")
FUENTE_VINCULO = Font(color="0563C1", underline="single")
RELLENO_ENCABEZADO = PatternFill("solid", fgColor="1F3864")
RELLENO_AUXILIAR = PatternFill("solid", fgColor="2E75B6")
RELLENO_ENTRADA = PatternFill("solid", fgColor="FFF2CC")
AJUSTAR = Alignment(wrap_text=True, vertical="top")
BORDE_ENTRADA = Border(*(Side(style="thin", color="BF9000"),) * 4)

TAMANO_CARTA = "1"  # ECMA-376 paper size 1: Letter


# --- cells ---------------------------------------------------------------------------------------

def limpiar_texto(valor: str) -> str:
    """Text a cell can hold: no control characters, at most 32 767 characters."""
    return ILLEGAL_CHARACTERS_RE.sub("", valor)[:MAX_TEXTO_CELDA]


def celda(ws: Any, valor: object, *, fuente: Font | None = None, relleno: PatternFill | None = None,
          formato: str | None = None, alineacion: Alignment | None = None,
          borde: Border | None = None) -> WriteOnlyCell:
    """A cell holding a value; a string is always text, even when it starts with '=' (never a formula)."""
    if isinstance(valor, str):
        valor = limpiar_texto(valor)
    c = WriteOnlyCell(ws, value=valor)
    if isinstance(valor, str):
        c.data_type = "s"
    _estilo(c, fuente, relleno, formato, alineacion, borde)
    return c


def celda_formula(ws: Any, expresion: str, *, fuente: Font | None = None, relleno: PatternFill | None = None,
                  formato: str | None = None, alineacion: Alignment | None = None) -> WriteOnlyCell:
    """A cell holding a formula built by coopxl.excel.formulas (with or without the leading '=')."""
    texto_formula = expresion if expresion.startswith("=") else F.formula(expresion)
    c = WriteOnlyCell(ws, value=texto_formula)
    c.data_type = "f"
    _estilo(c, fuente, relleno, formato, alineacion, None)
    return c


def _estilo(c: WriteOnlyCell, fuente: Font | None, relleno: PatternFill | None, formato: str | None,
            alineacion: Alignment | None, borde: Border | None) -> None:
    if fuente is not None:
        c.font = fuente
    if relleno is not None:
        c.fill = relleno
    if formato is not None:
        c.number_format = formato
    if alineacion is not None:
        c.alignment = alineacion
    if borde is not None:
        c.border = borde


def encabezado(ws: Any, texto_encabezado: str, auxiliar: bool = False) -> WriteOnlyCell:
    return celda(ws, texto_encabezado, fuente=FUENTE_ENCABEZADO,
                 relleno=RELLENO_AUXILIAR if auxiliar else RELLENO_ENCABEZADO, alineacion=AJUSTAR)


def vinculo(ws: Any, texto_vinculo: str, hoja_destino: str) -> WriteOnlyCell:
    """An internal hyperlink to cell A1 of another sheet (the writer fills in the cell reference)."""
    c = celda(ws, texto_vinculo, fuente=FUENTE_VINCULO)
    c.hyperlink = Hyperlink(ref="A1", location=f"{F.hoja(hoja_destino)}!A1", display=texto_vinculo)
    return c


class Escritor:
    """Rows appended in order with the current row number at hand (write-only sheets), each row tall
    enough for its wrapped text: spreadsheets do not grow a row written with a fixed default height."""

    ALTO_LINEA = 15.0
    CARACTERES_POR_ANCHO = 1.1  # characters of body text per unit of column width, conservatively

    def __init__(self, ws: Any) -> None:
        self.ws = ws
        self.fila = 0

    def agregar(self, *celdas: object) -> int:
        self.fila += 1
        lineas = self.lineas(celdas)
        if lineas > 1:
            self.ws.row_dimensions[self.fila].height = self.ALTO_LINEA * lineas
        self.ws.append(list(celdas))
        return self.fila

    def lineas(self, celdas: Sequence[object]) -> int:
        maximo = 1
        for i, c in enumerate(celdas, start=1):
            if not isinstance(c, Cell) or not isinstance(c.value, str) or c.data_type == "f" \
                    or not c.alignment.wrap_text:
                continue
            dimension = self.ws.column_dimensions.get(F.letra(i))
            ancho = dimension.width if dimension is not None and dimension.width else 8.43
            por_linea = max(1, int(ancho * self.CARACTERES_POR_ANCHO))
            n = sum(max(1, math.ceil(len(parte) / por_linea)) for parte in c.value.split("\n"))
            maximo = max(maximo, n)
        return maximo


# --- sheet setup (before the first row) ---------------------------------------------------------

def anchos(ws: Any, valores: Sequence[float]) -> None:
    for i, ancho in enumerate(valores, start=1):
        ws.column_dimensions[F.letra(i)].width = ancho


def fijar_encabezado(ws: Any, filas: int = 1, columnas: int = 0) -> None:
    """Freeze the first `filas` rows and `columnas` columns."""
    ws.freeze_panes = f"{F.letra(columnas + 1)}{filas + 1}"


def configurar_impresion(ws: Any, *, horizontal: bool = False, filas_titulo: int | None = 1) -> None:
    """Letter paper, fit to one page wide (as many pages tall as needed), header rows on every page."""
    ws.page_setup.paperSize = TAMANO_CARTA
    ws.page_setup.orientation = "landscape" if horizontal else "portrait"
    ws.page_setup.fitToWidth = 1
    ws.page_setup.fitToHeight = 0
    ws.sheet_properties.pageSetUpPr = PageSetupProperties(fitToPage=True)
    ws.page_margins.left = ws.page_margins.right = 0.5
    ws.page_margins.top = ws.page_margins.bottom = 0.6
    ws.print_options.horizontalCentered = True
    if filas_titulo:
        ws.print_title_rows = f"1:{filas_titulo}"


# --- the cover -----------------------------------------------------------------------------------

DESCRIPCION_HOJAS: dict[str, str] = {
    R.HOJA_PORTADA: "Esta portada: entidad, corte, periodo y contenido del libro.",
    R.HOJA_INDICADORES: "Los indicadores del Balance Social por principio: nombre, propósito, fórmula, "
                        "numerador, denominador y resultado (fórmulas sobre las hojas de datos).",
    R.HOJA_BENEFICIO: "Beneficio solidario de cada asociado vigente (crédito, ahorro, revalorización y cada tipo "
                      "de beneficio entregado), su total, sus aportes y la rentabilidad de los aportes; arriba, los "
                      "totales de la entidad y el gráfico por tipo. Todo son fórmulas; «no calculado» nunca es 0.",
    R.HOJA_EXTRACTO: "El extracto de beneficios solidarios de un asociado: elija su documento en la celda amarilla "
                     "y la hoja queda lista para imprimir en una página carta.",
    R.HOJA_PARAMETROS: "Fecha de corte, periodo, SMMLV, IPC, tasas de referencia, días de mora para ser "
                       "hábil, modalidades de cartera y cuentas CUIF. Las celdas amarillas se pueden "
                       "cambiar.",
    R.HOJA_COMPLEMENTARIOS: "Datos que ningún reporte trae (asamblea, educación, gastos en la comunidad...). "
                            "Una celda vacía significa «sin dato», no cero.",
    R.HOJA_CALCULOS: "Valores intermedios de los indicadores (cuentas CUIF por la regla de niveles, tasas de "
                     "referencia usadas, beneficio solidario, fondos sociales), cada uno con su nombre definido.",
    "Asociados": "Informe individual de asociados (9999) y, en azul, las columnas auxiliares: vigente, "
                 "hábil, activo, edad, joven...",
    "Aportes": "Informe individual de aportes (9013) y el pago en el periodo.",
    "Captaciones": "Informe individual de captaciones (9026) y el saldo positivo.",
    "Cartera": "Formato 19 de cartera (9027) y el desembolso en el periodo, el saldo, la mora y la "
               "modalidad.",
    "Directivos": "Órganos de dirección y control (8888): cada persona se cuenta una sola vez.",
    "Beneficios": "Beneficios entregados (archivo propio) y si la fecha cae en el periodo.",
    "Catalogo": "Catálogo de cuentas CUIF.",
    "Asamblea": "Asamblea: delegados y asistentes (archivo propio).",
    "Revalorizacion": "Revalorización de aportes.",
    R.HOJA_GRAFICOS: "Los indicadores por principio: una tabla y un gráfico de barras por principio, que leen "
                     "los resultados de la hoja Indicadores.",
    R.HOJA_EVOLUCION: "Con varios cortes: asociados por producto (ahorro a la vista, CDAT, contractual, "
                      "permanente, crédito por modalidad, aportes) corte a corte, su crecimiento y un gráfico; y "
                      "los créditos que los cortes anteriores agregaron a la cartera.",
}

NOTA_AUXILIARES = (
    "Las columnas con encabezado azul de las hojas de datos son fórmulas: 1 = sí, 0 = no. Se recalculan si "
    "cambia un dato o un parámetro. P es el periodo evaluado: los 12 meses que terminan en la fecha de corte."
)
NOTA_CALCULO = (
    "Los resultados son fórmulas de Excel. Si el libro está en cálculo manual, presione F9 para recalcular."
)


def _dato_entidad(clave: str, si_falta: str) -> str:
    nombre = R.nombre_complementario(clave)
    return F.si(F.comparar(nombre, "=", F.texto("")), F.texto(si_falta), nombre)


def hoja_portada(wb: Any, ds: Any, refs: R.Referencias, hojas: Sequence[str],
                 generado: dt.datetime | None = None) -> Any:
    """Write the cover sheet (the first sheet of the workbook)."""
    ws = wb.create_sheet(R.HOJA_PORTADA)
    anchos(ws, (34, 70, 14))
    configurar_impresion(ws, filas_titulo=None)
    generado = generado or dt.datetime.now().replace(microsecond=0)
    w = Escritor(ws)
    agregar = w.agregar

    agregar(celda(ws, "Balance Social y Beneficio Solidario", fuente=FUENTE_TITULO))
    agregar(celda_formula(ws, _dato_entidad("entidad_nombre", "(escriba el nombre de la entidad en la hoja "
                                            "Complementarios)"), fuente=FUENTE_SUBTITULO))
    agregar()
    for etiqueta, clave in (("Sigla", "entidad_sigla"), ("Código ante la Supersolidaria", "entidad_codigo"),
                            ("NIT", "entidad_nit"), ("Tipo de entidad", "entidad_tipo")):
        agregar(celda(ws, etiqueta, fuente=Font(bold=True)), celda_formula(ws, _dato_entidad(clave, "")))
    agregar(celda(ws, "Fecha de corte", fuente=Font(bold=True)),
            celda_formula(ws, R.PA_CORTE, formato=FORMATO_FECHA, alineacion=Alignment(horizontal="left")))
    agregar(celda(ws, "Periodo evaluado (P): desde", fuente=Font(bold=True)),
            celda_formula(ws, R.PA_INICIO, formato=FORMATO_FECHA, alineacion=Alignment(horizontal="left")))
    agregar(celda(ws, "Periodo evaluado (P): hasta", fuente=Font(bold=True)),
            celda_formula(ws, R.PA_FIN, formato=FORMATO_FECHA, alineacion=Alignment(horizontal="left")))
    agregar(celda(ws, "Libro generado el", fuente=Font(bold=True)),
            celda(ws, generado, formato=FORMATO_FECHA_HORA, alineacion=Alignment(horizontal="left")))
    agregar(celda(ws, "Generado con", fuente=Font(bold=True)), celda(ws, f"coopxl {__version__}"))
    agregar()
    agregar(celda(ws, NOTA_CALCULO, fuente=FUENTE_NOTA))
    agregar(celda(ws, NOTA_AUXILIARES, fuente=FUENTE_NOTA))
    agregar()
    agregar(celda(ws, "Contenido del libro", fuente=FUENTE_SUBTITULO))
    agregar(encabezado(ws, "Hoja"), encabezado(ws, "Qué contiene"))
    for nombre_hoja in hojas:
        agregar(vinculo(ws, nombre_hoja, nombre_hoja),
                celda(ws, DESCRIPCION_HOJAS.get(nombre_hoja, ""), alineacion=AJUSTAR))
    agregar()
    agregar(celda(ws, "Reportes leídos", fuente=FUENTE_SUBTITULO))
    agregar(encabezado(ws, "Reporte"), encabezado(ws, "Archivo"), encabezado(ws, "Filas"))
    for reporte, nombre_hoja in R.HOJAS.items():
        plan = refs.planes.get(reporte)
        archivo = ds.archivos.get(reporte, "") if plan and plan.entregado else ""
        agregar(celda(ws, nombre_hoja), celda(ws, archivo or "no entregado"),
                celda(ws, plan.filas if plan and plan.entregado else 0, formato=FORMATO_ENTERO))
    if ds.advertencias:
        agregar()
        agregar(celda(ws, "Advertencias del cálculo", fuente=FUENTE_SUBTITULO))
        for aviso in ds.advertencias:
            agregar(celda(ws, "•"), celda(ws, aviso, alineacion=AJUSTAR))
    return ws
