"""Principle 5: autonomía, autodeterminación y autogobierno."""

from __future__ import annotations

from coopxl.indicadores.textos.modelo import Texto

PRINCIPIO = 5
NOMBRE_PRINCIPIO = "Autonomía, autodeterminación y autogobierno"

TEXTOS: dict[str, Texto] = {
    "concentracion_creditos": Texto(
        nombre="Concentración de créditos",
        proposito="Revela el grado de diversificación de los créditos en los deudores.",
        formula="# asociados con 80% de créditos / Total de deudores * 100",
        numerador="deudores que concentran el 80 % del saldo de capital",
        denominador="total de deudores",
        subconjunto=True,  # the k largest debtors are among the debtors
        analisis=(
            "El {valor} de los deudores de la organización ({numerador} de {denominador}) posee créditos que "
            "concentran el 80 % del saldo total de la cartera."
        ),
    ),
    "concentracion_depositos": Texto(
        nombre="Concentración de depósitos",
        proposito="Revela el grado de diversificación de los depósitos en los ahorradores.",
        formula="asociados con 80% de depósitos / Total ahorradores * 100",
        numerador="ahorradores que concentran el 80 % del saldo de los depósitos",
        denominador="total de ahorradores",
        subconjunto=True,
        analisis=(
            "El {valor} de los ahorradores de la organización ({numerador} de {denominador}) posee depósitos "
            "que concentran el 80 % del saldo total de los depósitos."
        ),
    ),
    "financiacion_externa": Texto(
        nombre="Fuentes de financiación externa",
        proposito=(
            "Mide la proporción de los activos que se está financiando con recursos de terceros (deudas "
            "bancarias o compromisos con terceros)."
        ),
        formula="total obligaciones financieras / total activo * 100",
        numerador="obligaciones financieras",
        denominador="total de activos",
        # Doubtful: a liability over the assets is not a subset; an entity with negative equity can owe
        # more than it has.
        subconjunto=False,
        analisis=(
            "En el periodo evaluado, el {valor} de los activos se financió con recursos externos o de "
            "terceros (deudas bancarias o compromisos con terceros)."
        ),
    ),
    "patrocinios": Texto(
        nombre="Indicador de patrocinios",
        proposito=(
            "Determina el porcentaje recibido por concepto de patrocinios, con la finalidad de establecer su "
            "independencia financiera y administrativa."
        ),
        formula="valor patrocinios recibidos de terceros / total ingresos * 100",
        numerador="patrocinios recibidos de terceros",
        denominador="total de ingresos del periodo",
        subconjunto=True,  # doubtful: sponsorships received are booked as income, so part of total income
        analisis=(
            "Del total de ingresos obtenidos por la organización en el periodo evaluado, el {valor} se "
            "originó en patrocinios recibidos de terceros, lo que permite determinar su nivel de "
            "independencia financiera y administrativa."
        ),
    ),
    "buen_gobierno": Texto(
        nombre="Cultura de buen gobierno",
        proposito=(
            "Determina el porcentaje de cumplimiento de las normas de buen gobierno y su compromiso "
            "institucional, con el fin de proteger los intereses de los asociados."
        ),
        formula="# cumplimientos de normas de buen gobierno / total de cumplimientos establecidos * 100",
        numerador="normas de buen gobierno cumplidas",
        denominador="total de normas de buen gobierno establecidas",
        subconjunto=True,
        analisis=(
            "La organización cumple el {valor} de las normas de buen gobierno establecidas ({numerador} de "
            "{denominador}), como parte de su compromiso institucional de proteger los intereses de los "
            "asociados, lo cual se encuentra soportado en documentos que amparan su adecuada aplicación y "
            "cumplimiento."
        ),
    ),
}
