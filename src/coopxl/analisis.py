"""The displayed result and the Spanish analysis sentence of one indicator's result.

Every face that shows a result (console, JSON, workbook, extracts, reconciliation) goes through
`texto_resultado` and `frase_analisis`, so the same value reads the same everywhere.
"""

from __future__ import annotations

from coopxl import formato
from coopxl.indicadores.modelo import Indicador, Resultado
from coopxl.indicadores.textos import modelo as tx
from coopxl.indicadores.textos.catalogo import TODOS

# Indicators whose numerator and denominator are amounts in pesos (the others count persons or events).
EN_PESOS = frozenset({
    "capital_institucional", "participacion_gasto_educacion", "difusion_cooperativa",
    "crecimiento_inversion_educacion", "financiacion_externa", "patrocinios", "gastos_comunidad",
    "creditos_incidencia_comunitaria", "creditos_fines_productivos", "medio_ambiente",
    "fondeo_sector_solidario", "inversiones_sector_solidario", "contribuciones_sector_solidario",
    "economias_escala", "rentabilidad_social",
    "crecimiento_fondos_sociales", "equidad_genero_volumen_negocio",
})


def valor_mostrado(ind: Indicador, valor: float) -> str:
    return formato.porcentaje(valor) if ind.es_porcentaje else formato.numero(valor)


def texto_resultado(ind: Indicador, res: Resultado) -> str:
    """'27,66 %', '1,20', or the state text (the supervisor's wording for a zero denominator)."""
    if res.estado == "ok" and res.valor is not None:
        return valor_mostrado(ind, res.valor)
    return {"denominador_cero": tx.RESULTADO_DENOMINADOR_CERO, "sin_datos": tx.RESULTADO_SIN_DATOS,
            "no_aplica": tx.RESULTADO_NO_APLICA}[res.estado]


# The state of a result in one word, for tables (console, Balance sheet, refresh summary).
ESTADOS_TEXTO = {"ok": "calculado", "denominador_cero": "denominador en cero", "sin_datos": "sin datos",
                 "no_aplica": "no aplica"}


def resultado_o_estado(ind: Indicador, res: Resultado) -> str:
    """The displayed value of a computed result, else its state in one word (a previous cut's column)."""
    return texto_resultado(ind, res) if res.estado == "ok" else ESTADOS_TEXTO[res.estado]


def _entrada(ind: Indicador, v: float | None) -> str:
    if v is None:
        return ""
    return formato.pesos(v) if ind.id in EN_PESOS else formato.numero(v, 0 if float(v).is_integer() else 2)


def plantilla(ind: Indicador, ds_tipo_asamblea: str | None = None, principio: int | None = None) -> str:
    texto = TODOS[ind.id]
    if principio == 3 and texto.analisis_p3:
        return texto.analisis_p3
    if ds_tipo_asamblea == "asociados" and texto.analisis_asociados:
        return texto.analisis_asociados
    return texto.analisis


def formula(ind: Indicador, ds_tipo_asamblea: str | None = None) -> str:
    texto = TODOS[ind.id]
    if ds_tipo_asamblea == "asociados" and texto.formula_asociados:
        return texto.formula_asociados
    return texto.formula


def frase_analisis(ind: Indicador, res: Resultado, tipo_asamblea: str | None = None,
                   principio: int | None = None) -> str:
    if res.estado == "denominador_cero":
        return tx.MENSAJE_DENOMINADOR_CERO.format(denominador=ind.denominador_texto or "el denominador")
    if res.estado == "sin_datos":
        faltantes = [f for f in res.faltantes if f] or ["un dato de entrada"]
        return tx.MENSAJE_SIN_DATOS.format(faltante=enumerar(faltantes))
    if res.estado == "no_aplica":
        return tx.MENSAJE_NO_APLICA.format(motivo=res.motivo.rstrip("."))
    assert res.valor is not None
    valor = formato.redondear(res.valor, 2)
    frase = plantilla(ind, tipo_asamblea, principio).format(
        valor=valor_mostrado(ind, valor), numerador=_entrada(ind, res.numerador),
        denominador=_entrada(ind, res.denominador), tendencia=tx.tendencia(valor),
    )
    if ind.id == "crecimiento_fondos_sociales" and res.extra.get("ipc") is not None:
        from coopxl.indicadores.textos.p3_participacion_economica import frase_escala_ipc

        frase += " " + frase_escala_ipc(res.valor, float(res.extra["ipc"]))
    return frase


# A subset ratio above 100 % (plus this margin for float noise) is impossible.
MARGEN_IMPOSIBLE = 1e-9
ADVERTENCIA_IMPOSIBLE = ("Resultado imposible: {numerador} es parte de {denominador}, así que no puede superar el "
                         "100 % ({valor}). Revise los datos de entrada.")


def advertencia_imposible(ind: Indicador, res: Resultado) -> str | None:
    """A subset ratio above 100 % means inconsistent inputs (the supervisor's tool printed 350 %)."""
    if ind.subconjunto and res.estado == "ok" and res.valor is not None and res.valor > 100 + MARGEN_IMPOSIBLE:
        return ADVERTENCIA_IMPOSIBLE.format(numerador=ind.numerador_texto, denominador=ind.denominador_texto,
                                            valor=valor_mostrado(ind, res.valor))
    return None


def analisis_con_advertencia(ind: Indicador, res: Resultado, tipo_asamblea: str | None = None,
                             principio: int | None = None) -> str:
    """The sentence followed by the impossible-result warning when there is one (the workbook's Análisis)."""
    frase = frase_analisis(ind, res, tipo_asamblea, principio)
    imposible = advertencia_imposible(ind, res)
    return frase if imposible is None else f"{frase} {imposible}"


def enumerar(partes: list[str]) -> str:
    """'a', 'a y b', 'a, b y c'."""
    return partes[0] if len(partes) == 1 else ", ".join(partes[:-1]) + " y " + partes[-1]
