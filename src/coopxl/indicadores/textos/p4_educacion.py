"""Principle 4: formación e información para sus miembros, de manera permanente, oportuna y progresiva."""

from __future__ import annotations

from coopxl.indicadores.textos.modelo import Texto

PRINCIPIO = 4
NOMBRE_PRINCIPIO = "Formación e información para sus miembros, de manera permanente, oportuna y progresiva"

TEXTOS: dict[str, Texto] = {
    "educacion_directivos": Texto(
        nombre="Participación en procesos de educación, formación e información para directivos",
        proposito=(
            "La educación y formación debe estar dirigida a mejorar el desempeño de los miembros en cargos "
            "directivos."
        ),
        formula="Sumatoria directivos participantes / total directivos convocados * 100",
        numerador="participaciones de directivos en actividades de educación",
        denominador="total de directivos convocados",
        subconjunto=False,  # participations, not persons: one directivo can take part several times
        analisis=(
            "En el periodo evaluado, las participaciones de los directivos en los procesos de educación, "
            "formación e información programados por la organización equivalen al {valor} de los directivos "
            "convocados ({numerador} participaciones frente a {denominador} convocados)."
        ),
    ),
    "educacion_asociados": Texto(
        nombre="Cobertura en procesos de educación, formación e información para asociados",
        proposito=(
            "La educación, formación e información a los asociados constituye un aspecto central de las "
            "responsabilidades organizacionales y sobre todo un enfoque importante de los criterios de "
            "excelencia."
        ),
        formula=(
            "# asociados que participaron en por lo menos una de las actividades de educación, formación e "
            "información / total asociados * 100"
        ),
        numerador=(
            "asociados que participaron en al menos una actividad de educación, formación e información"
        ),
        denominador="total de asociados",
        subconjunto=True,
        analisis=(
            "El {valor} de los asociados de la organización ({numerador} de {denominador}) participó en por "
            "lo menos una de las actividades de educación, formación e información realizadas en el periodo "
            "evaluado."
        ),
    ),
    "participacion_gasto_educacion": Texto(
        nombre="Participación de la educación, formación e información",
        proposito=(
            "Determina la eficiencia del gasto institucional asignado a los grupos de interés, en temas de "
            "educación, formación e información."
        ),
        formula="gastos en educación, formación e información / total gastos * 100",
        numerador="gasto en educación, formación e información del periodo",
        denominador="total de gastos del periodo",
        # Doubtful: the SES reads it as a share of total expenses, so True. An entity that executes
        # education through its fondo de educación (a liability) could type an amount outside class 5;
        # a result above 100 % is then still worth the warning.
        subconjunto=True,
        analisis=(
            "El gasto institucional asignado a los grupos de interés en temas de educación, formación e "
            "información en el periodo evaluado corresponde al {valor} del total de gastos."
        ),
    ),
    "educacion_empleados": Texto(
        nombre="Participación en procesos de educación, formación e información para empleados",
        # The SES prints this purpose (a note about directivos) for the employees' indicator: kept as is.
        proposito=(
            "Directivos: incluye a los asociados que hacen parte del consejo de administración, junta de "
            "vigilancia, comités de apoyo."
        ),
        formula="Sumatoria empleados participantes / total empleados convocados * 100",
        numerador="participaciones de empleados en actividades de educación",
        denominador="total de empleados convocados",
        subconjunto=False,  # participations, not persons, as for the directivos
        analisis=(
            "En el periodo evaluado, las participaciones de los empleados en los procesos de educación, "
            "formación e información programados por la organización equivalen al {valor} de los empleados "
            "convocados ({numerador} participaciones frente a {denominador} convocados)."
        ),
    ),
    "difusion_cooperativa": Texto(
        nombre="Difusión cooperativa y solidaria",
        proposito=(
            "Identifica el nivel de compromiso de la organización al realizar la difusión del modelo "
            "económico solidario, a través de los diferentes canales con los que cuenta la institución "
            "(Talleres, charlas, boletines, información en página web, etc.). Las actividades iniciadas con "
            "el propósito de promover productos y servicios específicos de la entidad no deberían incluirse "
            "en este indicador."
        ),
        formula="total gastos en difusión cooperativa y solidaria / total gastos * 100",
        numerador="gasto en difusión cooperativa y solidaria del periodo",
        denominador="total de gastos del periodo",
        subconjunto=True,  # doubtful, a share of total expenses: see participacion_gasto_educacion
        analisis=(
            "En el periodo evaluado se destinó el {valor} del total de gastos a la difusión del modelo "
            "económico solidario a través de los diferentes canales con los que cuenta la organización."
        ),
    ),
    "crecimiento_inversion_educacion": Texto(
        nombre="Crecimiento de inversión en educación, formación e información",
        proposito=(
            "Mide el crecimiento de la inversión realizada en todos los procesos de educación, formación e "
            "información a directivos, asociados y empleados."
        ),
        # Seed 001 prints "periodo período anterior" twice; the later SES text (seed 003) fixed it.
        formula=(
            "(gastos en educación, formación e información período analizado - gastos en educación, "
            "formación e información período anterior) / gastos en educación, formación e información "
            "período anterior * 100"
        ),
        numerador="variación del gasto en educación, formación e información frente al periodo anterior",
        denominador="gasto en educación, formación e información del periodo anterior",
        subconjunto=False,  # growth
        analisis=(
            "En el periodo evaluado se presentó un {tendencia} del {valor} en la inversión en educación, "
            "formación e información respecto al periodo anterior."
        ),
    ),
}
