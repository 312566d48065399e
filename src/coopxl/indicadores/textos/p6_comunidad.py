"""Principle 6: servicio a la comunidad."""

from __future__ import annotations

from coopxl.indicadores.textos.modelo import Texto

PRINCIPIO = 6
NOMBRE_PRINCIPIO = "Servicio a la comunidad"

TEXTOS: dict[str, Texto] = {
    "gastos_comunidad": Texto(
        nombre="Gastos y contribuciones en favor de las comunidades",
        proposito=(
            "Evidencia el aporte de la organización para dar satisfacción a las necesidades económicas, "
            "sociales y culturales en favor de la comunidad."
        ),
        formula="gastos y contribuciones del período en favor de las comunidades / total de gastos * 100",
        numerador="gastos y contribuciones del periodo en favor de la comunidad",
        denominador="total de gastos del periodo",
        subconjunto=True,  # doubtful, a share of total expenses: see participacion_gasto_educacion
        analisis=(
            "En el periodo evaluado la organización destinó el {valor} del total de gastos a atender "
            "necesidades económicas, sociales y culturales en favor de la comunidad."
        ),
    ),
    "creditos_incidencia_comunitaria": Texto(
        nombre="Créditos con incidencia comunitaria",
        proposito=(
            "Evalúa los montos de crédito otorgados a organismos de carácter municipal, de servicio "
            "comunitario o entidades del sector."
        ),
        formula=(
            "valor desembolso de créditos con incidencia comunitaria / total valor desembolsos de créditos "
            "en el período * 100"
        ),
        numerador="monto desembolsado en créditos con incidencia comunitaria",
        denominador="monto total de los créditos desembolsados en el periodo",
        subconjunto=True,
        analisis=(
            "El {valor} del monto total de los créditos desembolsados por la organización en el periodo "
            "evaluado tuvo incidencia comunitaria, por haberse otorgado a organismos de carácter municipal, "
            "de servicio comunitario o entidades del sector."
        ),
    ),
    "creditos_fines_productivos": Texto(
        nombre="Créditos para fines productivos",
        proposito=(
            "Evalúa los montos de crédito destinados a financiar necesidades de trabajo y activos fijos "
            "vinculados al ciclo productivo de todo tipo de negocio."
        ),
        formula=(
            "valor desembolso de créditos para fines productivos / total desembolsos de créditos en el "
            "período * 100"
        ),
        numerador="monto desembolsado en créditos comerciales, de microcrédito o productivos",
        denominador="monto total de los créditos desembolsados en el periodo",
        subconjunto=True,
        analisis=(
            "El {valor} del monto total de los créditos desembolsados por la organización en el periodo "
            "evaluado se destinó a financiar necesidades de trabajo y activos fijos vinculados al ciclo "
            "productivo de todo tipo de negocio."
        ),
    ),
    "medio_ambiente": Texto(
        nombre="Acciones para el medio ambiente",
        proposito=(
            "Evidencia el compromiso de la organización con el desarrollo de la comunidad, en conjunto con "
            "los ciudadanos, movimientos y organismos sociales entorno a la preservación del medio ambiente."
        ),
        formula=(
            "erogaciones o contribuciones para iniciativas sobre el cuidado del medio ambiente / gastos y "
            "contribuciones del período en favor de las comunidades * 100"
        ),
        numerador="erogaciones para iniciativas de cuidado del medio ambiente",
        denominador="gastos y contribuciones del periodo en favor de la comunidad",
        # Doubtful, True: the SES formula and sentence treat the environmental outlays as part of the
        # expenses in favour of the community ("del total de gastos y contribuciones ... el X %").
        subconjunto=True,
        analisis=(
            "Del total de gastos y contribuciones efectuados en el periodo en favor de las comunidades, el "
            "{valor} correspondió a iniciativas sobre el cuidado del medio ambiente."
        ),
    ),
    "proveedores_locales": Texto(
        nombre="Promoción proveedores locales",
        proposito=(
            "Evalúa la participación de proveedores locales frente al total de proveedores, fomentando el "
            "desarrollo de la economía sostenible en su zona de influencia."
        ),
        formula="# de proveedores locales / totales proveedores de la organización * 100",
        numerador="proveedores locales",
        denominador="total de proveedores de la organización",
        subconjunto=True,
        analisis=(
            "En el periodo evaluado la participación de los proveedores locales frente al total de "
            "proveedores fue del {valor} ({numerador} de {denominador}), lo que permite medir el fomento al "
            "desarrollo de la economía sostenible en la zona de influencia de la organización."
        ),
    ),
}
