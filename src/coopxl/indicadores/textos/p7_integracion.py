"""Principle 7: integración con otras organizaciones del mismo sector."""

from __future__ import annotations

from coopxl.indicadores.textos.modelo import Texto

PRINCIPIO = 7
NOMBRE_PRINCIPIO = "Integración con otras organizaciones del mismo sector"

TEXTOS: dict[str, Texto] = {
    "fondeo_sector_solidario": Texto(
        nombre="Fondeo tomado del sector solidario",
        proposito=(
            "Evalúa el monto de las obligaciones financieras adquiridas con otras entidades del sector, "
            "evidenciando la integración de la organización."
        ),
        formula="obligaciones financieras con el sector solidario / total obligaciones financieras * 100",
        numerador="obligaciones financieras con entidades del sector solidario",
        denominador="total de obligaciones financieras",
        subconjunto=True,
        analisis=(
            "El {valor} de las obligaciones financieras de la organización fue adquirido con otras entidades "
            "del sector solidario."
        ),
    ),
    "inversiones_sector_solidario": Texto(
        nombre="Inversiones con el sector solidario",
        proposito=(
            "Evalúa el monto de las inversiones realizadas con otras entidades del sector, evidenciando la "
            "integración de la organización."
        ),
        formula="inversiones en el sector solidario / inversiones totales * 100",
        numerador="inversiones en entidades del sector solidario",
        denominador="total de inversiones",
        subconjunto=True,
        analisis=(
            "El {valor} de las inversiones que posee la organización se constituyó con entidades del sector "
            "solidario."
        ),
    ),
    "contribuciones_sector_solidario": Texto(
        nombre="Contribuciones voluntarias para el sector solidario",
        proposito=(
            "Evidencia el porcentaje de contribución en la participación con diferentes organismos de "
            "integración del sector solidario y en otras organizaciones en pro de los beneficios de los "
            "grupos de interés."
        ),
        formula=(
            "valor pagado durante el año a organismos de integración y a otras organizaciones en alianzas o "
            "acuerdos de cooperación para el sector solidario / total de gastos * 100"
        ),
        numerador="pagos a organismos de integración y alianzas del sector solidario",
        denominador="total de gastos del periodo",
        subconjunto=True,  # doubtful, a share of total expenses: see participacion_gasto_educacion
        analisis=(
            "En el periodo evaluado, el {valor} del total de gastos se destinó al pago de contribuciones por "
            "la participación en organismos de integración del sector solidario y en otras organizaciones, "
            "en pro de los beneficios de los grupos de interés."
        ),
    ),
    "economias_escala": Texto(
        nombre="Economías de escala generadas",
        proposito=(
            "Compara la diferencia entre la contratación individual con la obtenida de manera conjunta con "
            "otras organizaciones del sector solidario, identificando el beneficio económico para la "
            "institución."
        ),
        formula=(
            "valor economías generadas en alianza con el sector solidario / costo real sin alianzas * 100"
        ),
        numerador="economías generadas en alianza con el sector solidario",
        denominador="costo real sin alianzas",
        # Doubtful, True: the saving is the part of the cost without alliances that was not paid, so it
        # cannot exceed that cost.
        subconjunto=True,
        analisis=(
            "En el periodo evaluado la organización obtuvo beneficios equivalentes al {valor} del costo real "
            "sin alianzas por la generación de economías de escala mediante la contratación conjunta con "
            "otras organizaciones del sector solidario."
        ),
    ),
}
