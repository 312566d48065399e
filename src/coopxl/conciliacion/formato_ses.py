"""coopxl's own Balance rendered in the SES tool's older text layout (the PDF text of seed 001).

Principle headers "Principio: N. …", the column header line, then per indicator its name, purpose,
formula, result and analysis, each a paragraph. The result is printed as the SES prints it: two decimals
with a decimal point ("27.66 %", "1.20" for a ratio), "NO SE PUDO CALCULAR, DENOMINADOR EN CERO" for a
zero denominator, "0.00 %" for an indicator that does not apply, and an empty "%" when coopxl lacks an
input (the SES has no such state: the entity left the form empty). `lector_ses.analizar_texto_ses` reads
the text back, which is what the reconciliation tests rely on.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from coopxl import formato
from coopxl.analisis import formula as formula_de
from coopxl.indicadores.modelo import TEXTO_DENOMINADOR_CERO

if TYPE_CHECKING:
    from coopxl.balance import Balance, Fila

OBJETIVO_GENERAL = (
    "La medición de la responsabilidad social asumida en el acuerdo solidario, es decir del Balance Social y "
    "Beneficio Solidario, se soporta en la observación y cumplimiento de los valores y principios de la "
    "Economía Solidaria, a través de los siguientes indicadores:"
)
CABECERA_COLUMNAS = "Nombre Indicador Proposito Formula Resultado Analisis"


def resultado_ses(fila: Fila) -> str:
    """The result cell as the SES prints it."""
    res, ind = fila.resultado, fila.indicador
    if res.estado == "ok" and res.valor is not None:
        texto = f"{formato.redondear(res.valor, 2):.2f}"
        if texto == "-0.00":
            texto = "0.00"
        return f"{texto} %" if ind.es_porcentaje else texto
    if res.estado == "denominador_cero":
        return TEXTO_DENOMINADOR_CERO
    if res.estado == "no_aplica":
        return "0.00 %" if ind.es_porcentaje else "0.00"
    return "%"  # sin_datos: an empty result


def _tipo_asamblea(b: Balance) -> str | None:
    v = b.ds.complementarios.get("asamblea_tipo")
    return v if isinstance(v, str) else None


def a_texto_ses(balance: Balance) -> str:
    """The Balance as the text of the SES tool's PDF report (seed 001 layout, with its header block)."""
    ds = balance.ds
    ent = ds.entidad
    lineas = [f"MEDICIÓN DE BALANCE SOCIAL VIGENCIA {ds.corte.year}", ""]
    campos = (("ENTIDAD", "nombre"), ("CÓDIGO", "codigo"), ("SIGLA", "sigla"), ("TIPO", "tipo"))
    for etiqueta, clave in campos:
        if ent.get(clave):
            lineas += [f"{etiqueta}: {ent[clave]}", ""]
    lineas += [f"FECHA CORTE: {ds.corte:%d/%m/%Y}", "", " OBJETIVO GENERAL", "", OBJETIVO_GENERAL, "",
               "Acciones", "", " Principio", ""]
    tipo = _tipo_asamblea(balance)
    for numero, nombre, filas in balance.por_principio():
        lineas += [f"Principio: {numero}. PRINCIPIO DE {nombre.upper()}", "", CABECERA_COLUMNAS, ""]
        for fila in filas:
            ind = fila.indicador
            lineas += [ind.nombre, "", ind.proposito, "", formula_de(ind, tipo), "", resultado_ses(fila), "",
                       fila.analisis, ""]
    return "\n".join(lineas)
