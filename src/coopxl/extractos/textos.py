"""The Spanish texts of the extracts and the assembly report, and the long Colombian date."""

from __future__ import annotations

import datetime as dt

MESES = ("enero", "febrero", "marzo", "abril", "mayo", "junio", "julio", "agosto", "septiembre", "octubre",
         "noviembre", "diciembre")

TIPOS_DOCUMENTO = {
    "C": "Cédula de ciudadanía", "E": "Cédula de extranjería", "N": "NIT", "I": "Tarjeta de identidad",
    "R": "Registro civil", "P": "Pasaporte",
}

NOMBRE_PRODUCTO = {
    "consumo": "crédito de consumo", "comercial": "crédito comercial", "microcredito": "microcrédito",
    "vivienda": "crédito de vivienda", "productivo": "crédito productivo", "ahorro_vista": "ahorro a la vista",
    "cdat": "CDAT", "contractual": "ahorro contractual", "permanente": "ahorro permanente",
}

TITULO_EXTRACTO = "EXTRACTO DE BENEFICIOS SOLIDARIOS"
TITULO_EXTRACTO_ENTIDAD = "EXTRACTO DE BENEFICIOS SOLIDARIOS DE LA ENTIDAD"
NO_CALCULADO = "no calculado"
NO_CALCULABLE = "no calculable"
SIN_APORTES = "sin saldo de aportes al corte"

# Labels of the extract page (the file extract and the workbook's Extracto sheet print the same words).
ETIQUETA_ASOCIADO = "Asociado"
ETIQUETA_DOCUMENTO = "Documento"
ETIQUETA_PERIODO = "Periodo"
ETIQUETA_CORTE = "Fecha de corte"
CABECERA_BENEFICIO = "Beneficio recibido"
CABECERA_VALOR = "Valor"
CABECERA_OBSERVACION = "Observación"
TOTAL_BENEFICIO = "Total beneficio solidario"
APORTES_ASOCIADO = "Saldo de sus aportes sociales al corte"
RENTABILIDAD_APORTES = "Rentabilidad de los aportes (total beneficio / aportes)"
SECCION_EXPLICACION = "¿Qué es este extracto?"
SECCION_METODOLOGIA = "Nota metodológica"
SIN_DATOS_SUFICIENTES = "sin datos suficientes"


def por_cada_cien(pesos: str) -> str:
    """The note beside the return on aportes; `pesos` is the amount already written as Colombian text."""
    return f"por cada $ 100 de aportes, $ {pesos} en beneficios"


def cierre_asociado(entidad: str) -> str:
    return f"Gracias por ser parte de {entidad}. Si tiene preguntas sobre este extracto, comuníquese con la entidad."


def fecha_larga(d: dt.date) -> str:
    """2025-12-31 -> '31 de diciembre de 2025'."""
    return f"{d.day} de {MESES[d.month - 1]} de {d.year}"


def periodo_texto(inicio: dt.date, fin: dt.date) -> str:
    return f"del {fecha_larga(inicio)} al {fecha_larga(fin)}"


def documento_texto(tipo: str, documento: str) -> str:
    """'C', '37670210' -> 'Cédula de ciudadanía 37.670.210' (digits grouped; other documents as given)."""
    nombre = TIPOS_DOCUMENTO.get(tipo, f"Documento tipo {tipo}")
    if documento.isdigit():
        grupos = f"{int(documento):,}".replace(",", ".")
        return f"{nombre} {grupos}"
    return f"{nombre} {documento}"


def explicacion_asociado(entidad: str, periodo: str) -> tuple[str, ...]:
    return (
        f"Este extracto muestra lo que usted recibió por ser asociado de {entidad} {periodo}: lo que se ahorró "
        "o ganó al usar los servicios de la entidad en lugar de los del sector financiero tradicional, más los "
        "auxilios, actividades, seguros y demás beneficios que la entidad le entregó con sus fondos sociales.",
        "En crédito, el beneficio es lo que usted dejó de pagar en intereses frente a la tasa del mercado; en "
        "ahorro, lo que ganó de más frente a ella. Estos dos valores pueden ser negativos (cuando la tasa de la "
        "entidad fue menos favorable que la del mercado) y aun así el total de sus beneficios puede ser "
        "positivo.",
        "La rentabilidad de sus aportes compara el total de sus beneficios con el saldo de sus aportes sociales "
        "al corte.",
    )


def explicacion_entidad(entidad: str, periodo: str, asociados: str) -> tuple[str, ...]:
    return (
        f"Este extracto suma lo que recibieron los {asociados} asociados vigentes de {entidad} {periodo}: lo "
        "que se ahorraron o ganaron al usar los servicios de la entidad en lugar de los del sector financiero "
        "tradicional, más los auxilios, actividades, seguros y demás beneficios entregados con los fondos "
        "sociales.",
        "Los componentes de crédito y de ahorro pueden ser negativos (cuando la tasa de la entidad fue menos "
        "favorable que la del mercado) y aun así el total de los beneficios puede ser positivo.",
        "La rentabilidad de los aportes compara el total de los beneficios con el saldo de los aportes sociales "
        "de los asociados vigentes al corte (indicador «Rentabilidad social» del Balance Social).",
    )


METODO = (
    "Crédito: saldo de capital de cada crédito vigente × (tasa de referencia de su modalidad − tasa efectiva "
    "del crédito). Ahorro: saldo disponible de cada cuenta × (tasa efectiva de la cuenta − tasa de referencia "
    "del tipo de ahorro). Revalorización: valor revalorizado de los aportes. Los demás conceptos son los "
    "beneficios entregados en el periodo. El total es la suma de los componentes calculados."
)
