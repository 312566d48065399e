"""The sheet BeneficioSolidario: the beneficio solidario of each vigente associate and the entity totals, as
formulas over the data sheets (the same definition as `coopxl.beneficios.calcular_beneficios`).

One row per vigente associate at generation (tipo doc, documento, nombre and the document as the extract
prints it are text values; the persona key is built as the data sheets build it), then per component a
formula over the per-row helpers of the data sheets: crédito = Σ Cartera `beneficio_credito` of the person,
ahorro = Σ Captaciones `beneficio_ahorro`, revalorización (the revalorización file wins over aportes), each
benefit type = Σ Valor of the person's beneficios rows in P. A component is «no calculado» (never 0):

- for everybody, when its file was not given, or when no row with balance of a vigente has both rates
  (Tasa Efectiva and the reference rate of its product): the named flags BN_<componente>_no_calculado;
- for one associate, when they have rows with balance and none with both rates.

The entity totals (row 4, always in view) are named BN_<componente>, BN_total, BN_aportes and
BN_rentabilidad; the rows of the table are named BN_documentos, BN_<componente>_asociados... for the
Extracto sheet. Every per-person lookup is built in one place (`Busqueda`) on `hojas_datos.suma_persona`: a
binary search over the running sums of a sorted data sheet, the plain SUMIFS/COUNTIFS when it is not sorted
(the sums and 0/1 flags it reads are declared in hojas_datos.ACUMULADOS). The associate rows are written by
`filas_rapidas`, their formulas built once for a model row (hojas_datos.FILA_MOLDE) and checked on the first and
last rows against the row's own.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from openpyxl.chart import BarChart, Reference
from openpyxl.styles import Font

from coopxl.beneficios import COMPONENTES, NOMBRE_COMPONENTE
from coopxl.dataset import una_vez
from coopxl.excel import filas_rapidas as FR
from coopxl.excel import formulas as F
from coopxl.excel import hojas_datos as H
from coopxl.excel import referencias as R
from coopxl.excel.hojas_datos import PERSONA, suma_persona
from coopxl.excel.hojas_parametros import definir
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
)
from coopxl.extractos import textos as tx
from coopxl.extractos.datos import NEGATIVO, extractos_asociados
from coopxl.sicses.layouts import TIPOS_BENEFICIO

TITULO = "Beneficio solidario por asociado"
NOTA = ("Cada valor es una fórmula sobre las hojas de datos (columnas auxiliares de beneficio en Cartera y "
        "Captaciones, Aportes, Revalorizacion y Beneficios del periodo P) y los parámetros. «no calculado»: "
        "faltan el archivo o las tasas (la tasa efectiva y la de referencia del producto); nunca se toma como 0. "
        "El total suma los componentes calculados. La tabla lista los asociados vigentes al generar el libro.")
TITULO_GRAFICO = "Beneficio solidario por tipo"
FORMATO_RENTABILIDAD = "0.00"

FILA_TITULO = 1
FILA_NOTA = 2
FILA_ENCABEZADO = 3
FILA_TOTAL = 4
FILA_BANDERAS = 5
PRIMERA = 6  # first associate row

# Columns: identification, the components, the totals, the notes, then the helper columns (blue header).
IDENTIFICACION = ("tipo_documento", "documento", "nombre")
RESUMEN = ("total", "aportes", "rentabilidad")
NOTAS = ("nota_credito", "nota_ahorro")
AUXILIARES = ("documento_texto", "persona", "filas_credito", "filas_ahorro", "filas_beneficios")
COLUMNAS = (*IDENTIFICACION, *COMPONENTES, *RESUMEN, *NOTAS, *AUXILIARES)
TEXTOS = (*IDENTIFICACION, *NOTAS, "documento_texto")  # the text values of an associate row (Asociado)
COL = {nombre: i for i, nombre in enumerate(COLUMNAS, start=1)}
ENCABEZADOS = {
    "tipo_documento": "Tipo doc.", "documento": "Documento", "nombre": "Nombre",
    **{c: NOMBRE_COMPONENTE[c] for c in COMPONENTES},
    "total": tx.TOTAL_BENEFICIO, "aportes": "Aportes (saldo total)", "rentabilidad": "Rentabilidad de los aportes (%)",
    "nota_credito": "Observación crédito", "nota_ahorro": "Observación ahorro",
    "documento_texto": "Documento (como se imprime)", "persona": "Clave persona",
    "filas_credito": "Créditos con saldo", "filas_ahorro": "Cuentas con saldo",
    "filas_beneficios": "Beneficios en P",
}
ANCHOS = {"tipo_documento": 8, "documento": 14, "nombre": 30, "nota_credito": 40, "nota_ahorro": 40,
          "documento_texto": 28, "persona": 16}
# Component -> (report whose per-row rate helper it sums, balance flag of a vigente, helper column)
DIFERENCIALES = {"credito": ("cartera", "beneficio_credito", "filas_credito"),
                 "ahorro": ("captaciones", "beneficio_ahorro", "filas_ahorro")}


def nombre_total(clave: str) -> str:
    """BN_<componente>, BN_total, BN_aportes, BN_rentabilidad: the entity totals."""
    return F.nombre_definido(f"BN_{clave}")


def nombre_no_calculado(componente: str) -> str:
    """BN_<componente>_no_calculado: 1 when the component is not computed for anybody."""
    return F.nombre_definido(f"BN_{componente}_no_calculado")


def nombre_columna(clave: str) -> str:
    """BN_<columna>_asociados: the associate rows of one column (what the Extracto sheet looks up)."""
    return F.nombre_definido(f"BN_{clave}_asociados")


NOMBRE_DOCUMENTOS = "BN_documentos"


@dataclass(frozen=True)
class Plan:
    """Where the table sits: the Extracto sheet reads it through these ranges."""

    asociados: int

    @property
    def ultima(self) -> int:
        """Last associate row; an empty table still has one (blank) row, so every range exists."""
        return PRIMERA + max(self.asociados, 1) - 1

    def rango(self, clave: str) -> str:
        return F.rango(COL[clave], PRIMERA, self.ultima, R.HOJA_BENEFICIO)


# --- the per-person lookups (one place, on hojas_datos.suma_persona) ------------------------------------

@dataclass(frozen=True)
class Busqueda:
    """Per-person sums and counts over a data sheet, by the `persona` key held in `clave` (a cell): each one
    a binary search on a sorted sheet (hojas_datos.suma_persona), SUMIFS/COUNTIFS otherwise."""

    refs: R.Referencias
    clave: str

    def suma(self, reporte: str, columna: str, *banderas: str) -> str:
        """Σ `columna` of the person's rows whose 0/1 helper columns `banderas` are all 1."""
        return suma_persona(self.refs, reporte, self.clave, columna, *banderas)

    def cuenta(self, reporte: str, *banderas: str) -> str:
        """The person's rows whose 0/1 helper columns are all 1."""
        return suma_persona(self.refs, reporte, self.clave, None, *banderas)

    def con_ambas_tasas(self, reporte: str) -> str:
        """The person's rows with balance (of a vigente) that have both rates: read when the person's sum is
        exactly 0, to tell «0» from «no calculado»."""
        return self.cuenta(reporte, "de_vigente", "ambas_tasas")


def ninguno_con_tasas(refs: R.Referencias, reporte: str) -> str:
    """1 when the report has rows with balance of vigentes and none with both rates (or was not given)."""
    if not refs.entregado(reporte):
        return "1"
    r = refs.rango
    con_tasas = F.countifs((r(reporte, "de_vigente"), 1), (r(reporte, "ambas_tasas"), 1))
    vivos = F.llamada("SUM", r(reporte, "de_vigente"))
    return F.bandera(F.y(F.comparar(vivos, ">", 0), F.comparar(con_tasas, "=", 0)))


# --- formulas of one associate row ----------------------------------------------------------------------

NC = F.texto(tx.NO_CALCULADO)


def _celda(clave: str, fila: int) -> str:
    return F.celda(COL[clave], fila, fija_fila=False)


def _es_uno(nombre: str) -> str:
    return F.comparar(nombre, "=", 1)


def formulas_fila(refs: R.Referencias, fila: int) -> dict[str, str]:
    """Component, total, aportes and return formulas of the associate on row `fila`, and its helpers."""
    b = Busqueda(refs, _celda("persona", fila))
    salida: dict[str, str] = {}
    for componente, (reporte, columna, filas) in DIFERENCIALES.items():
        if not refs.entregado(reporte):
            salida[componente] = NC
            continue
        salida[filas] = b.cuenta(reporte, "de_vigente")
        suma = b.suma(reporte, columna)
        propia = F.si(F.comparar(suma, "<>", 0), suma,
                      F.si(F.comparar(b.con_ambas_tasas(reporte), ">", 0), 0, NC))
        salida[componente] = F.si(_es_uno(nombre_no_calculado(componente)), NC,
                                  F.si(F.comparar(_celda(filas, fila), "=", 0), 0, propia))
    if refs.entregado("revalorizacion"):
        salida["revalorizacion"] = b.suma("revalorizacion", "valor_revalorizado")
    elif refs.entregado("aportes"):
        salida["revalorizacion"] = b.suma("aportes", "valor_revalorizacion")
    else:
        salida["revalorizacion"] = NC
    if refs.entregado("beneficios"):
        salida["filas_beneficios"] = b.cuenta("beneficios", "en_p")
        for tipo in TIPOS_BENEFICIO:
            valor = b.suma("beneficios", "valor", "en_p", tipo)  # the 0/1 flag of a type is named after it
            salida[tipo] = F.si(F.comparar(_celda("filas_beneficios", fila), "=", 0), 0, valor)
    else:
        salida.update({tipo: NC for tipo in TIPOS_BENEFICIO})
    primera, ultima = COMPONENTES[0], COMPONENTES[-1]
    salida["total"] = F.llamada("SUM", f"{_celda(primera, fila)}:{_celda(ultima, fila)}")
    salida["aportes"] = b.suma("aportes", "saldo_total") if refs.entregado("aportes") else "0"
    aportes, total = _celda("aportes", fila), _celda("total", fila)
    salida["rentabilidad"] = F.si(F.comparar(aportes, "=", 0), F.texto(tx.NO_CALCULABLE), f"{total}/{aportes}*100")
    return salida


class _FilaPropia:
    """What hojas_datos.PERSONA's formula reads, pointed at this sheet's row: one definition of the key."""

    def __init__(self, fila: int) -> None:
        self.fila = fila

    def c(self, nombre: str) -> str:
        return _celda(nombre, self.fila)


def clave_persona(fila: int) -> str:
    return PERSONA.formula(_FilaPropia(fila))  # type: ignore[arg-type]


# --- the sheet -----------------------------------------------------------------------------------------

@dataclass(frozen=True)
class Asociado:
    tipo_documento: str
    documento: str
    nombre: str
    documento_texto: str
    notas: dict[str, str]  # nota_credito / nota_ahorro: what the file extract says beyond the live parts


def notas_del_extracto(nota: str, componente: str) -> str:
    """The part of an extract line's note that the workbook cannot rebuild live: without the «Negativo»
    sentence (a formula adds it from the value)."""
    negativo = NEGATIVO.get(componente, "")
    return nota[len(negativo):].strip() if negativo and nota.startswith(negativo) else nota


def asociados(ds: Any) -> list[Asociado]:
    """The vigente associates in the order of the beneficio solidario, with the extract's own texts; computed
    once per Dataset (both sheets read it; a Dataset is frozen)."""
    if ds.asociados is None:
        return []
    return una_vez(ds, "asociados_beneficio", _asociados)


def _asociados(ds: Any) -> list[Asociado]:
    salida = []
    for ext in extractos_asociados(ds):
        lineas = {ln.componente: ln for ln in ext.lineas}
        notas = {f"nota_{c}": notas_del_extracto(lineas[c].nota, c) for c in DIFERENCIALES}
        salida.append(Asociado(ext.tipo_documento, ext.numero_documento, ext.destinatario, ext.documento, notas))
    return salida


def _fila_banderas(refs: R.Referencias) -> dict[str, str]:
    banderas = {c: ninguno_con_tasas(refs, reporte) for c, (reporte, _, _) in DIFERENCIALES.items()}
    banderas["revalorizacion"] = "0" if refs.entregado("revalorizacion") or refs.entregado("aportes") else "1"
    banderas.update({t: "0" if refs.entregado("beneficios") else "1" for t in TIPOS_BENEFICIO})
    return banderas


def _totales(plan: Plan) -> dict[str, str]:
    totales = {c: F.si(_es_uno(nombre_no_calculado(c)), NC, F.llamada("SUM", plan.rango(c))) for c in COMPONENTES}
    totales["total"] = F.llamada("SUM", plan.rango("total"))
    totales["aportes"] = F.llamada("SUM", plan.rango("aportes"))
    totales["rentabilidad"] = F.si(F.comparar(nombre_total("aportes"), "=", 0), F.texto(tx.NO_CALCULABLE),
                                   f"{nombre_total('total')}/{nombre_total('aportes')}*100")
    return totales


def _formato(clave: str) -> str:
    if clave == "rentabilidad":
        return FORMATO_RENTABILIDAD
    if clave in (*COMPONENTES, "total", "aportes"):
        return FORMATO_DECIMAL
    return "0" if clave.startswith("filas_") else FORMATO_TEXTO


def hoja_beneficio(wb: Any, ds: Any, refs: R.Referencias, formulas: Any = None) -> Any:
    """Write BeneficioSolidario and its defined names (HOJAS_ADICIONALES signature)."""
    lista = asociados(ds)
    plan = Plan(len(lista))
    ws = wb.create_sheet(R.HOJA_BENEFICIO)
    anchos(ws, [ANCHOS.get(c, 16) for c in COLUMNAS])
    fijar_encabezado(ws, FILA_TOTAL, COL["nombre"])
    configurar_impresion(ws, horizontal=True, filas_titulo=FILA_TOTAL)
    w = Escritor(ws)
    w.agregar(celda(ws, TITULO, fuente=FUENTE_TITULO))
    w.agregar(celda(ws, NOTA, fuente=FUENTE_NOTA))
    w.agregar(*(encabezado(ws, ENCABEZADOS[c], auxiliar=c in AUXILIARES) for c in COLUMNAS))

    negrita = Font(bold=True)
    totales = _totales(plan)
    fila_total: list[object] = [None] * len(COLUMNAS)
    fila_total[COL["nombre"] - 1] = celda(ws, "Total de la entidad", fuente=negrita)
    for clave, expr in totales.items():
        fila_total[COL[clave] - 1] = celda_formula(ws, expr, fuente=negrita, formato=_formato(clave))
        definir(wb, nombre_total(clave), F.celda(COL[clave], FILA_TOTAL, R.HOJA_BENEFICIO))
    w.agregar(*fila_total)

    fila_banderas: list[object] = [None] * len(COLUMNAS)
    fila_banderas[COL["nombre"] - 1] = celda(ws, "Sin calcular para todos (1 = sí)", fuente=FUENTE_NOTA)
    for c, expr in _fila_banderas(refs).items():
        fila_banderas[COL[c] - 1] = celda_formula(ws, expr, fuente=FUENTE_NOTA, formato="0")
        definir(wb, nombre_no_calculado(c), F.celda(COL[c], FILA_BANDERAS, R.HOJA_BENEFICIO))
    w.agregar(*fila_banderas)

    definir(wb, NOMBRE_DOCUMENTOS, plan.rango("documento"))
    for clave in (*COMPONENTES, *RESUMEN, *NOTAS, "nombre", "documento_texto"):
        definir(wb, nombre_columna(clave), plan.rango(clave))
    ws.add_chart(grafico(ws), F.letra(len(COLUMNAS) + 2) + str(FILA_ENCABEZADO))
    ws.print_area = f"A1:{F.letra(COL[NOTAS[-1]])}{plan.ultima}"  # the helper columns and the chart stay on screen
    FR.escribir_filas(ws, FR.bloque(PRIMERA, len(lista), _columnas(ws, refs, lista)))
    return ws


def moldes_fila(refs: R.Referencias) -> dict[str, FR.Molde]:
    """Every formula of an associate row built once, for a model row whose number is replaced on each row."""
    marcas = {H.MOLDE_ACTUAL: 0}
    expresiones = {**formulas_fila(refs, H.FILA_MOLDE), "persona": clave_persona(H.FILA_MOLDE)}
    return {clave: FR.Molde(F.formula(expr), marcas) for clave, expr in expresiones.items()}


def _columnas(ws: Any, refs: R.Referencias, lista: list[Asociado]) -> list[FR.Columna]:
    """The columns of the associate rows for the fast writer: text values, then formulas (absent: empty)."""
    moldes = moldes_fila(refs)
    if lista:  # the model row's formulas must be the row's own: checked on the first and the last row
        for fila in (PRIMERA, PRIMERA + len(lista) - 1):
            propias = {**formulas_fila(refs, fila), "persona": clave_persona(fila)}
            if any(FR.escapar(expr) != moldes[clave].en_fila(fila) for clave, expr in propias.items()):
                raise ValueError(f"las fórmulas de {R.HOJA_BENEFICIO} no se pueden copiar de la fila modelo")
    salida: list[FR.Columna] = []
    for indice, clave in enumerate(COLUMNAS, start=1):
        if clave in TEXTOS:
            estilo = FR.estilo(celda(ws, "", formato=FORMATO_TEXTO, alineacion=AJUSTAR if clave in NOTAS else None))
            valores = [a.notas[clave] for a in lista] if clave in NOTAS else [getattr(a, clave) for a in lista]
            salida.append(FR.Columna(indice, estilo, "texto_con_vacias", valores))  # "" keeps its text format
        elif clave in moldes:
            estilo = FR.estilo(celda_formula(ws, "0", formato=_formato(clave)))
            salida.append(FR.Columna(indice, estilo, "formula", moldes[clave]))
    return salida


def grafico(ws: Any) -> BarChart:
    """Beneficio solidario por tipo: the entity total of each component (a «no calculado» shows no bar)."""
    g = BarChart()
    g.type = "bar"
    g.title = TITULO_GRAFICO
    g.y_axis.title = "Pesos"
    g.y_axis.numFmt = "#,##0"
    g.legend = None
    g.height, g.width = 9, 18
    primera, ultima = COL[COMPONENTES[0]], COL[COMPONENTES[-1]]
    datos = Reference(worksheet=ws, min_col=primera, max_col=ultima, min_row=FILA_TOTAL,
                      max_row=FILA_TOTAL)
    categorias = Reference(worksheet=ws, min_col=primera, max_col=ultima,
                           min_row=FILA_ENCABEZADO, max_row=FILA_ENCABEZADO)
    g.add_data(datos, from_rows=True, titles_from_data=False)
    g.set_categories(categorias)
    return g

