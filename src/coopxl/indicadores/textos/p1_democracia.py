"""Principle 1: administración democrática, participativa, autogestionaria y emprendedora."""

from __future__ import annotations

from coopxl.indicadores.textos.modelo import Texto

PRINCIPIO = 1
NOMBRE_PRINCIPIO = "Administración democrática, participativa, autogestionaria y emprendedora"

TEXTOS: dict[str, Texto] = {
    "equidad_genero_asamblea": Texto(
        nombre="Equidad de género en asamblea",
        proposito=(
            "Identificar el nivel de inclusión de género en los procesos de participación de la organización "
            "solidaria. Puede estar abierta a la inclusión de género, pero la efectividad de sus estrategias "
            "de inclusión sólo puede evaluarse a través de la activa participación de mujeres en procesos de "
            "la toma de decisiones."
        ),
        formula="# integrantes mujeres en asamblea / total integrantes asamblea * 100",
        numerador="integrantes mujeres de la asamblea",
        denominador="total de integrantes de la asamblea",
        subconjunto=True,
        analisis=(
            "El {valor} de los integrantes de la asamblea celebrada en el periodo evaluado ({numerador} de "
            "{denominador}) fueron mujeres, lo cual permite identificar el nivel de inclusión de género en "
            "los procesos de participación democrática de la organización."
        ),
    ),
    "diversidad_organos": Texto(
        nombre="Diversidad de participantes en órganos de dirección, administración y control",
        proposito=(
            "Identificar la diversidad por antigüedad en los cargos de dirección, administración y control "
            "que garantice el cumplimiento de la equidad y la inclusión, valores fundamentales para los "
            "procesos democráticos."
        ),
        formula=(
            "# integrantes de órganos de dirección, administración y control con antigüedad inferior al "
            "promedio de los asociados de la organización / total integrantes en órganos de dirección, "
            "administración y control * 100"
        ),
        numerador=(
            "integrantes de los órganos de dirección, administración y control con antigüedad inferior al "
            "promedio de los asociados"
        ),
        denominador="total de integrantes de los órganos de dirección, administración y control",
        subconjunto=True,
        analisis=(
            "En el periodo evaluado, el {valor} de los integrantes de los órganos de dirección, "
            "administración y control ({numerador} de {denominador}) tiene una antigüedad inferior al "
            "promedio de los asociados de la organización."
        ),
    ),
    "diversidad_democratica": Texto(
        nombre="Diversidad democrática",
        proposito=(
            "Identificar la diversidad por antigüedad en las elecciones democráticas que garantice el "
            "cumplimiento de la equidad y la inclusión, valores fundamentales para los procesos democráticos."
        ),
        formula=(
            "# votantes con antigüedad inferior al promedio de los asociados de la organización / total "
            "votantes potenciales * 100"
        ),
        numerador="votantes con antigüedad inferior al promedio de los asociados",
        denominador="total de votantes potenciales",
        subconjunto=True,  # the voters with a short seniority are among the potential voters
        analisis=(
            "En las elecciones democráticas realizadas en la asamblea celebrada en el periodo evaluado, el "
            "{valor} de los votantes potenciales ({numerador} de {denominador}) tenía una antigüedad "
            "inferior al promedio de los asociados de la organización."
        ),
    ),
    "participacion_votacion_delegados": Texto(
        nombre="Participación democrática votación delegados",
        proposito=(
            "Identificar el potencial de participación de asociados habilitados para elegir delegados. Un "
            "bajo nivel de participación refleja las limitaciones que tiene la organización solidaria para "
            "constituirse en un espacio de participación activa y democrática."
        ),
        formula=(
            "# de asociados que votaron para la elección de delegados / total hábiles para votación * 100"
        ),
        numerador="asociados que votaron en la elección de delegados",
        denominador="total de asociados hábiles para votar en la elección de delegados",
        subconjunto=True,
        analisis=(
            "En la última elección de delegados celebrada en el periodo evaluado participó el {valor} de los "
            "asociados hábiles para votar ({numerador} de {denominador})."
        ),
    ),
    "participacion_asistencia_asamblea": Texto(
        nombre="Participación democrática asistencia delegados o asociados",
        proposito=(
            "Identificar el nivel de participación efectiva de los asociados en asambleas frente al total de "
            "asociados habilitados para hacerlo. Un bajo nivel de habilitación refleja las limitaciones que "
            "tiene la organización solidaria para constituirse en un espacio de participación activa y "
            "democrática."
        ),
        formula="# delegados asistentes a la asamblea / total delegados hábiles * 100",
        numerador="delegados o asociados hábiles asistentes a la asamblea",
        denominador="total de delegados o asociados hábiles",
        subconjunto=True,  # only hábiles are counted as asistentes (delegates or associates)
        analisis=(
            "El {valor} de los delegados hábiles ({numerador} de {denominador}) participó en la asamblea "
            "celebrada en el periodo evaluado."
        ),
        formula_asociados="# asociados asistentes a la asamblea / total asociados hábiles * 100",
        analisis_asociados=(
            "El {valor} de los asociados hábiles ({numerador} de {denominador}) participó en la asamblea "
            "celebrada en el periodo evaluado."
        ),
    ),
    "asociados_activos": Texto(
        nombre="Asociados activos",
        proposito=(
            "La participación libre y voluntaria de los asociados de una organización solidaria debe "
            "impactar en los niveles de actividad a través de uso de los productos y servicios a los que "
            "tiene acceso."
        ),
        formula="# asociados activos / asociados hábiles * 100",
        numerador="asociados hábiles que usaron algún producto o servicio en el periodo",
        denominador="total de asociados hábiles",
        # Subset in coopxl's rule (hábiles that are activos / hábiles); the SES literal reading counts
        # every activo and can pass 100 % (seed 003 prints 103,13 %).
        subconjunto=True,
        analisis=(
            "El {valor} de los asociados hábiles ({numerador} de {denominador}) hizo uso de los productos y "
            "servicios de la organización en el periodo evaluado."
        ),
    ),
    "equidad_genero_organos": Texto(
        nombre="Equidad de género en órganos de dirección, administración y control",
        proposito=(
            "Dimensionar la participación de las mujeres en los cargos de dirección, administración y "
            "control, así como la efectividad de la organización solidaria para que las mismas cumplan con "
            "efectividad sus funciones."
        ),
        formula=(
            "# integrantes femeninos en órganos de dirección, administración y control / total de "
            "integrantes en órganos de dirección, administración y control * 100"
        ),
        numerador="integrantes mujeres de los órganos de dirección, administración y control",
        denominador="total de integrantes de los órganos de dirección, administración y control",
        subconjunto=True,
        analisis=(
            "En el periodo evaluado, el {valor} de los integrantes de los órganos de dirección, "
            "administración y control ({numerador} de {denominador}) son mujeres, lo cual permite "
            "identificar el nivel de inclusión de género en estos cargos."
        ),
    ),
    "poblacion_joven_organos": Texto(
        nombre="Población joven en órganos de dirección, administración y control",
        proposito=(
            "Identificar la diversidad por edad en los cargos de dirección, administración y control que "
            "garantice el cumplimiento de la equidad y la inclusión, valores fundamentales para el buen "
            "funcionamiento de la organización."
        ),
        formula=(
            "# integrantes en órganos de dirección, administración y control con edad <= 35 años / total "
            "integrantes en órganos de dirección, administración y control * 100"
        ),
        numerador="integrantes de los órganos de dirección, administración y control con 35 años o menos",
        denominador="total de integrantes de los órganos de dirección, administración y control",
        subconjunto=True,
        analisis=(
            "El {valor} de los integrantes de los órganos de dirección, administración y control "
            "({numerador} de {denominador}) son asociados con edad igual o inferior a 35 años, lo que "
            "identifica el nivel de inclusión de población joven en los procesos de participación de la "
            "organización."
        ),
    ),
    "poblacion_joven_asamblea": Texto(
        nombre="Población joven en asamblea",
        proposito=(
            "Identificar la diversidad por edad en los procesos de participación democrática que garantice "
            "el cumplimiento de la equidad y la inclusión, valores fundamentales para el buen funcionamiento "
            "de la organización."
        ),
        formula="# integrantes en asamblea con edad <= 35 años / total integrantes en asamblea * 100",
        numerador="integrantes de la asamblea con 35 años o menos",
        denominador="total de integrantes de la asamblea",
        subconjunto=True,
        analisis=(
            "El {valor} de los integrantes de la asamblea celebrada en el periodo evaluado ({numerador} de "
            "{denominador}) corresponde a asociados con edad igual o inferior a 35 años, lo cual permite "
            "identificar el nivel de inclusión de población joven en los procesos de participación."
        ),
    ),
}
