"""Principle 2: adhesión voluntaria, responsable y abierta."""

from __future__ import annotations

from coopxl.indicadores.textos.modelo import Texto

PRINCIPIO = 2
NOMBRE_PRINCIPIO = "Adhesión voluntaria, responsable y abierta"

TEXTOS: dict[str, Texto] = {
    "crecimiento_neto_asociados_habiles": Texto(
        nombre="Crecimiento neto de asociados hábiles",
        proposito="Mide la efectividad de la institución en cuanto al crecimiento de su base social.",
        formula=(
            "(# asociados hábiles vinculados en el período - # asociados hábiles retirados en el período) / "
            "asociados hábiles totales al inicio del período evaluado * 100"
        ),
        numerador="asociados hábiles vinculados menos asociados retirados en el periodo",
        denominador="total de asociados hábiles al inicio del periodo",
        subconjunto=False,  # growth: a net change, negative or above 100 %
        analisis=(
            "En el periodo evaluado la organización presentó un {tendencia} neto del {valor} de los "
            "asociados hábiles."
        ),
    ),
    "actividad_transaccional": Texto(
        nombre="Actividad transaccional",
        proposito=(
            "Evidencia el nivel de operaciones para favorecer el conocimiento, la habilidad y el trámite en "
            "los diferentes canales de acceso, información y gestión de la organización en sus asociados."
        ),
        formula="# total transacciones / total asociados",
        numerador="total de transacciones del periodo",
        denominador="total de asociados",
        unidad="razon",
        subconjunto=False,  # a ratio: transactions per associate
        analisis=(
            "En el periodo evaluado se registró un volumen de {valor} transacciones por asociado a través de "
            "los canales de acceso, lo que favorece el crecimiento y la sostenibilidad a largo plazo de la "
            "organización."
        ),
    ),
    "relevo_generacional": Texto(
        nombre="Relevo generacional",
        proposito="Identifica la diversidad por edad en el crecimiento de la base social.",
        formula=(
            "# asociados vinculados en el período con edad <= 35 años / total asociados vinculados en el "
            "período * 100"
        ),
        numerador="asociados vinculados en el periodo con 35 años o menos",
        denominador="total de asociados vinculados en el periodo",
        subconjunto=True,
        analisis=(
            "El {valor} de los asociados vinculados en el periodo evaluado ({numerador} de {denominador}) "
            "tiene una edad igual o inferior a 35 años, lo que identifica el nivel de inclusión de población "
            "joven en el crecimiento de la base social de la organización."
        ),
    ),
    "equidad_genero_operaciones": Texto(
        nombre="Equidad de género en número de operaciones",
        proposito=(
            "Permite identificar la relación entre hombres y mujeres en los desembolsos de operaciones de "
            "crédito."
        ),
        formula=(
            "# operaciones de desembolso de crédito destinadas a mujeres / total de operaciones de "
            "desembolso de crédito * 100"
        ),
        numerador="desembolsos de crédito del periodo a mujeres",
        denominador="total de desembolsos de crédito del periodo a personas naturales",
        subconjunto=True,
        analisis=(
            "En el periodo evaluado, el {valor} de las operaciones de desembolso de crédito realizadas por "
            "la organización ({numerador} de {denominador}) se destinaron a mujeres."
        ),
        # Second appearance, under principle 3 (the SES prints another sentence there).
        analisis_p3=(
            "El nivel de orientación de la cartera colocada entre mujeres en el periodo evaluado corresponde "
            "al {valor} del total de operaciones de desembolso de crédito, lo que demuestra la gestión de "
            "inclusión financiera de mujeres que realiza la organización."
        ),
    ),
    "satisfaccion_asociados": Texto(
        nombre="Nivel de satisfacción de asociados",
        proposito=(
            "Mide el nivel de satisfacción de los asociados con el modelo cooperativo, los productos, "
            "servicios y beneficios, que estimula la permanencia y lealtad con la organización."
        ),
        formula="porcentaje de satisfacción de asociados",
        numerador="porcentaje de satisfacción reportado por los asociados",
        denominador="",  # typed directly as a percentage: no denominator
        # Doubtful: no numerator/denominator pair, but a percentage typed in 0-100, so above 100 % is
        # impossible: True makes the consistency warning fire on a mistyped value.
        subconjunto=True,
        analisis=(
            "En el periodo evaluado los asociados reportaron un nivel de satisfacción del {valor} con el "
            "modelo cooperativo, los productos, los servicios y los beneficios, lo que estimula la "
            "permanencia y la lealtad con la organización."
        ),
    ),
}
