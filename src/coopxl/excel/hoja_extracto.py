"""The sheet Extracto: choose a document from a validated list and the page shows that associate's extracto de
beneficios solidarios through live INDEX/MATCH formulas over the sheet BeneficioSolidario.

The page says what the file extract says (extractos/xlsx.py), with the same texts (extractos/textos.py and
extractos/datos.py): the header from the Complementarios cells (CO_entidad_nombre, CO_entidad_sigla,
CO_entidad_nit), the associate's name and document, the period and cut from Parametros, the benefits by type
with their notes, the total, the aportes balance, the return on aportes, the explanation and the methodology
note. Texts that depend on the entity or the dates are formulas built from the text functions of
extractos/textos.py (called with markers, then cut at the markers), so a changed name or cut shows at once;
the methodology note (rates used, components not computed) is the file extract's text at generation.
Letter paper, one page.
"""

from __future__ import annotations

import datetime as dt
import math
from types import SimpleNamespace
from typing import Any

from openpyxl.styles import Alignment, Border, Font, PatternFill, Side
from openpyxl.worksheet.datavalidation import DataValidation

from coopxl.beneficios import COMPONENTES, NOMBRE_COMPONENTE, calcular_beneficios
from coopxl.excel import formulas as F
from coopxl.excel import hoja_beneficio as HB
from coopxl.excel import referencias as R
from coopxl.excel import texto_formula as T
from coopxl.excel.portada import (
    AJUSTAR,
    BORDE_ENTRADA,
    FORMATO_TEXTO,
    FUENTE_NOTA,
    RELLENO_ENTRADA,
    anchos,
    celda,
    celda_formula,
    configurar_impresion,
)
from coopxl.extractos import textos as tx
from coopxl.extractos.datos import NEGATIVO, Encabezado, frase, metodologia, motivo_general
from coopxl.extractos.xlsx import FORMATO_PESOS, FORMATO_PORCENTAJE

ANCHOS = (48, 18, 40)  # A concept, B value, C note: about the width of the file extract
ANCHO_PAGINA = sum(ANCHOS)
COLUMNA_AUXILIAR = 8  # column H: the matched position and the month names, outside the printed page
FILA_ELECCION = 6
ELEGIR = "Documento del asociado (elija de la lista)"
AYUDA = "Lista de los asociados vigentes de la hoja BeneficioSolidario. Luego imprima esta hoja (carta)."
SIN_ASOCIADOS = "No se entregó el informe de asociados: no hay extractos que mostrar."

AZUL = "1F4E79"
FUENTE_ENTIDAD = Font(name="Arial", bold=True, size=14, color=AZUL)
FUENTE_SUBENTIDAD = Font(name="Arial", size=10, color="404040")
FUENTE_TITULO = Font(name="Arial", bold=True, size=13, color="FFFFFF")
FUENTE_SECCION = Font(name="Arial", bold=True, size=11, color=AZUL)
FUENTE_NEGRITA = Font(name="Arial", bold=True, size=10)
FUENTE_TEXTO = Font(name="Arial", size=10)
FUENTE_PEQUENA = Font(name="Arial", size=8, color="595959")
FUENTE_METODO = Font(name="Arial", size=9, color="404040")
FUENTE_CIERRE = Font(name="Arial", italic=True, size=10, color="404040")
RELLENO_TITULO = PatternFill("solid", fgColor=AZUL)
RELLENO_CABECERA = PatternFill("solid", fgColor="F2F2F2")
LINEA = Side(style="thin", color="808080")
PUNTOS = Side(style="dotted", color="BFBFBF")
BORDE_CABECERA = Border(bottom=LINEA)
BORDE_FILA = Border(bottom=PUNTOS)
BORDE_TOTAL = Border(top=LINEA, bottom=LINEA)
BORDE_SECCION = Border(bottom=Side(style="thin", color=AZUL))
CENTRO = Alignment(horizontal="center", vertical="center", wrap_text=True)
DERECHA = Alignment(horizontal="right", vertical="center")
JUSTIFICAR = Alignment(horizontal="justify", vertical="top", wrap_text=True)


# --- texts with live parts ----------------------------------------------------------------------------

def plantilla(texto: str, partes: dict[str, str]) -> str:
    """The text as a formula: each occurrence of a key of `partes` replaced by its expression, the rest literal
    ("Gracias por ser parte de " & nombre & ". Si tiene...")."""
    piezas: list[str] = []
    resto = texto
    while resto:
        encontradas = [(resto.find(k), k) for k in partes if k and resto.find(k) >= 0]
        if not encontradas:
            piezas.append(F.texto_largo(resto))
            break
        i, clave = min(encontradas)
        if i:
            piezas.append(F.texto_largo(resto[:i]))
        piezas.append(partes[clave])
        resto = resto[i + len(clave):]
    return F.concatenar(*piezas) if len(piezas) > 1 else piezas[0]


MUESTRA_FECHA = dt.date(1987, 11, 23)  # day, month and year all distinct: each one is a marker


def fecha_larga(fecha: str, meses: str) -> str:
    """tx.fecha_larga as a formula over a date expression; `meses` is the range of the twelve month names."""
    d = MUESTRA_FECHA
    return plantilla(tx.fecha_larga(d), {str(d.day): F.llamada("DAY", fecha),
                                         tx.MESES[d.month - 1]: F.indice(meses, F.llamada("MONTH", fecha)),
                                         str(d.year): F.llamada("YEAR", fecha)})


def periodo(meses: str, mayuscula: bool = False) -> str:
    """tx.periodo_texto(PA_inicio, PA_fin) as a formula ("Del 1 de enero..." with `mayuscula`, as the file
    extract prints it in its data block)."""
    inicio, fin = dt.date(1901, 1, 1), dt.date(1902, 2, 2)
    texto = tx.periodo_texto(inicio, fin)
    if mayuscula:
        texto = texto[0].upper() + texto[1:]
    return plantilla(texto, {tx.fecha_larga(inicio): fecha_larga(R.PA_INICIO, meses),
                             tx.fecha_larga(fin): fecha_larga(R.PA_FIN, meses)})


def _texto_co(clave: str) -> str:
    return F.concatenar(R.nombre_complementario(clave), F.texto(""))


def _lleno(expr: str) -> str:
    return F.comparar(expr, "<>", F.texto(""))


POR_DEFECTO = Encabezado.de_dataset(SimpleNamespace(entidad={"nombre": "", "sigla": "", "nit": ""})).nombre


def nombre_entidad() -> str:
    """Encabezado.nombre: the name, else the sigla, else the default of the file extract."""
    nombre, sigla = _texto_co("entidad_nombre"), _texto_co("entidad_sigla")
    return F.si(_lleno(nombre), nombre, F.si(_lleno(sigla), sigla, F.texto(POR_DEFECTO)))


def nombre_corto() -> str:
    """Encabezado.corto: the sigla, else the name."""
    sigla = _texto_co("entidad_sigla")
    return F.si(_lleno(sigla), sigla, nombre_entidad())


def subencabezado() -> str:
    """Sigla · NIT <nit>, each part only when typed (xlsx._encabezado)."""
    sigla, nit = _texto_co("entidad_sigla"), _texto_co("entidad_nit")
    con_nit = F.concatenar(F.texto("NIT "), nit)
    return F.si(F.y(_lleno(sigla), _lleno(nit)), F.concatenar(sigla, F.texto(" · "), con_nit),
                F.si(_lleno(sigla), sigla, F.si(_lleno(nit), con_nit, F.texto(""))))


# --- the page -----------------------------------------------------------------------------------------

def _alto(texto: str, puntos: float = 10) -> float:
    """Row height for a wrapped paragraph across the page (spreadsheets never autofit merged cells)."""
    por_linea = max(ANCHO_PAGINA * 10 / puntos * 1.0, 10)
    lineas = sum(max(1, math.ceil(len(p) / por_linea)) for p in texto.split("\n"))
    return lineas * puntos * 1.35 + 3


class _Pagina:
    """Rows of the write-only sheet, with merges across the page and row heights."""

    def __init__(self, ws: Any) -> None:
        self.ws = ws
        self.fila = 0

    def fila_de(self, *celdas: object, unir: bool = False, alto: float | None = None,
                auxiliar: object = None) -> int:
        self.fila += 1
        if alto is not None:
            self.ws.row_dimensions[self.fila].height = alto
        if unir:
            self.ws.merged_cells.add(f"A{self.fila}:C{self.fila}")
        fila = list(celdas) + [None] * (3 - len(celdas))
        if auxiliar is not None:
            fila += [None] * (COLUMNA_AUXILIAR - 4) + [auxiliar]
        self.ws.append(fila)
        return self.fila

    def unir_bc(self, fila: int) -> None:
        self.ws.merged_cells.add(f"B{fila}:C{fila}")


def hoja_extracto(wb: Any, ds: Any, refs: R.Referencias, formulas: Any = None) -> Any:
    """Write the Extracto sheet (HOJAS_ADICIONALES signature); BeneficioSolidario must be planned the same way
    (hoja_beneficio.asociados)."""
    ws = wb.create_sheet(R.HOJA_EXTRACTO)
    anchos(ws, ANCHOS)
    ws.column_dimensions[F.letra(COLUMNA_AUXILIAR)].width = 14
    ws.sheet_view.showGridLines = False
    configurar_impresion(ws, filas_titulo=None)
    ws.page_setup.fitToHeight = 1
    p = _Pagina(ws)
    if ds.asociados is None:
        p.fila_de(celda(ws, SIN_ASOCIADOS, fuente=FUENTE_NOTA))
        return ws
    lista = HB.asociados(ds)
    plan = HB.Plan(len(lista))
    ben = calcular_beneficios(ds)
    aux = COLUMNA_AUXILIAR
    meses = F.rango(aux, 3, 14)
    posicion = F.celda(aux, 2)

    def valor(clave: str) -> str:
        return F.si(F.comparar(posicion, "=", 0), F.texto(""), F.indice(HB.nombre_columna(clave), posicion))

    def auxiliar(i: int) -> object:
        if i == 1:
            return celda(ws, "Auxiliar: fila", fuente=FUENTE_NOTA)
        if i == 2:
            return celda_formula(ws, F.si_error(F.coincidir(F.concatenar(F.celda("B", FILA_ELECCION), F.texto("")),
                                                            HB.NOMBRE_DOCUMENTOS, 0), 0), fuente=FUENTE_NOTA)
        if 3 <= i <= 14:
            return celda(ws, tx.MESES[i - 3], fuente=FUENTE_NOTA)
        return None

    def fila(*celdas: object, **opciones: Any) -> int:
        return p.fila_de(*celdas, auxiliar=auxiliar(p.fila + 1), **opciones)

    # header: entity, sigla and NIT, title
    fila(celda_formula(ws, nombre_entidad(), fuente=FUENTE_ENTIDAD, alineacion=Alignment(vertical="center")),
         unir=True, alto=_alto(Encabezado.de_dataset(ds).nombre, 14) + 4)
    fila(celda_formula(ws, subencabezado(), fuente=FUENTE_SUBENTIDAD), unir=True)
    fila()
    fila(celda(ws, tx.TITULO_EXTRACTO, fuente=FUENTE_TITULO, relleno=RELLENO_TITULO, alineacion=CENTRO), None, None,
         unir=True, alto=24)
    fila()
    # the choice (FILA_ELECCION): a text cell with the list of documents, the first associate by default
    elegido = celda(ws, lista[0].documento if lista else None, relleno=RELLENO_ENTRADA, borde=BORDE_ENTRADA,
                    formato=FORMATO_TEXTO, fuente=FUENTE_NEGRITA)
    dv = DataValidation(type="list", formula1=plan.rango("documento"), allow_blank=True, showErrorMessage=True,
                        errorTitle="Documento no válido", error="Elija un documento de la lista de asociados "
                        "vigentes (hoja BeneficioSolidario).", showInputMessage=True, prompt=AYUDA)
    dv.add(F.celda("B", FILA_ELECCION, fija_columna=False, fija_fila=False))
    ws.data_validations.append(dv)
    if fila(celda(ws, ELEGIR, fuente=FUENTE_NEGRITA), elegido,
            celda(ws, AYUDA, fuente=FUENTE_PEQUENA, alineacion=AJUSTAR), alto=34) != FILA_ELECCION:
        raise RuntimeError("la celda del documento no quedó en su fila")
    fila()
    for etiqueta, expr in ((tx.ETIQUETA_ASOCIADO, valor("nombre")), (tx.ETIQUETA_DOCUMENTO, valor("documento_texto")),
                           (tx.ETIQUETA_PERIODO, periodo(meses, mayuscula=True)),
                           (tx.ETIQUETA_CORTE, fecha_larga(R.PA_CORTE, meses))):
        n = fila(celda(ws, etiqueta, fuente=FUENTE_NEGRITA), celda_formula(ws, expr, fuente=FUENTE_TEXTO))
        p.unir_bc(n)
    fila()
    # the benefits by type
    fila(celda(ws, tx.CABECERA_BENEFICIO, fuente=FUENTE_NEGRITA, relleno=RELLENO_CABECERA, borde=BORDE_CABECERA),
         celda(ws, tx.CABECERA_VALOR, fuente=FUENTE_NEGRITA, relleno=RELLENO_CABECERA, borde=BORDE_CABECERA,
               alineacion=DERECHA),
         celda(ws, tx.CABECERA_OBSERVACION, fuente=FUENTE_NEGRITA, relleno=RELLENO_CABECERA, borde=BORDE_CABECERA),
         alto=16)
    for c in COMPONENTES:
        n = p.fila + 1
        fila(celda(ws, NOMBRE_COMPONENTE[c], fuente=FUENTE_TEXTO, borde=BORDE_FILA),
             celda_formula(ws, valor(c), fuente=FUENTE_TEXTO, formato=FORMATO_PESOS, alineacion=DERECHA),
             celda_formula(ws, nota(c, F.celda("B", n), posicion, ben), fuente=FUENTE_PEQUENA, alineacion=AJUSTAR),
             alto=24 if c in HB.DIFERENCIALES else 17)
    fila(celda(ws, tx.TOTAL_BENEFICIO, fuente=Font(name="Arial", bold=True, size=11), borde=BORDE_TOTAL),
         celda_formula(ws, valor("total"), fuente=Font(name="Arial", bold=True, size=11), formato=FORMATO_PESOS),
         celda(ws, None, borde=BORDE_TOTAL), alto=18)
    fila()
    fila(celda(ws, tx.APORTES_ASOCIADO, fuente=FUENTE_TEXTO),
         celda_formula(ws, valor("aportes"), fuente=FUENTE_TEXTO, formato=FORMATO_PESOS))
    n = p.fila + 1
    fila(celda(ws, tx.RENTABILIDAD_APORTES, fuente=FUENTE_TEXTO),
         celda_formula(ws, valor("rentabilidad"), fuente=FUENTE_NEGRITA, formato=FORMATO_PORCENTAJE,
                       alineacion=DERECHA),
         celda_formula(ws, nota_rentabilidad(F.celda("B", n), posicion), fuente=FUENTE_PEQUENA, alineacion=AJUSTAR))
    fila()
    # explanation, methodology, closing (the same texts as the file extract)
    corto, lapso = "\x00entidad\x00", "\x00periodo\x00"
    vivos = {corto: nombre_corto(), lapso: periodo(meses)}
    muestra = Encabezado.de_dataset(ds).corto
    fila(celda(ws, tx.SECCION_EXPLICACION, fuente=FUENTE_SECCION, borde=BORDE_SECCION), unir=True)
    for parrafo in tx.explicacion_asociado(corto, lapso):
        largo = parrafo.replace(corto, muestra).replace(lapso, tx.periodo_texto(ds.periodo.inicio, ds.periodo.fin))
        fila(celda_formula(ws, plantilla(parrafo, vivos), fuente=FUENTE_TEXTO, alineacion=JUSTIFICAR), unir=True,
             alto=_alto(largo))
    fila()
    fila(celda(ws, tx.SECCION_METODOLOGIA, fuente=FUENTE_SECCION, borde=BORDE_SECCION), unir=True)
    for parrafo in metodologia(ben, para_asociado=True):
        fila(celda(ws, parrafo, fuente=FUENTE_METODO, alineacion=JUSTIFICAR), unir=True, alto=_alto(parrafo, 9))
    fila()
    cierre = tx.cierre_asociado(corto)
    fila(celda_formula(ws, plantilla(cierre, vivos), fuente=FUENTE_CIERRE, alineacion=CENTRO), unir=True,
         alto=_alto(cierre.replace(corto, muestra)))
    ultima = p.fila
    while p.fila < 14:  # the month names run to row 14 of the helper column
        fila()
    ws.print_area = f"A1:C{ultima}"
    return ws


def nota(componente: str, valor: str, posicion: str, ben: Any) -> str:
    """The Observación of a component, as datos._lineas writes it: the reason when not computed, the
    «Negativo» sentence (live) and what the associate's own products leave out (from BeneficioSolidario)."""
    general = F.texto(frase(motivo_general(componente, ben)))
    sin_posicion = F.comparar(posicion, "=", 0)
    para_todos = F.comparar(HB.nombre_no_calculado(componente), "=", 1)
    if componente not in HB.DIFERENCIALES:
        return F.si(F.o(sin_posicion, F.no(para_todos)), F.texto(""), general)
    guardada = F.concatenar(F.indice(HB.nombre_columna(f"nota_{componente}"), posicion), F.texto(""))
    negativo = F.si(F.comparar(valor, "<", -0.005), F.texto(NEGATIVO[componente]), F.texto(""))
    calculado = F.llamada("TRIM", F.concatenar(negativo, F.texto(" "), guardada))
    sin_calcular = F.si(F.comparar(guardada, "=", F.texto("")), F.texto(frase(tx.SIN_DATOS_SUFICIENTES)), guardada)
    return F.si(sin_posicion, F.texto(""), F.si(para_todos, general, F.si(F.es_numero(valor), calculado,
                                                                           sin_calcular)))


def nota_rentabilidad(valor: str, posicion: str) -> str:
    """«por cada $ 100 de aportes, $ X en beneficios» (X as formato.numero writes it), or «sin saldo...»."""
    marca = "\x00pesos\x00"
    pesos = F.si(F.comparar(F.llamada("ABS", valor), "<", 1000), T.numero(valor, 2), T.numero(valor, 0))
    return F.si(F.comparar(posicion, "=", 0), F.texto(""),
                F.si(F.es_numero(valor), plantilla(tx.por_cada_cien(marca), {marca: pesos}), F.texto(tx.SIN_APORTES)))
