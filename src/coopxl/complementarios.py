"""The complementarios keys: entity-level figures that no SICSES report carries.

One definition for every face: the reader validates against it, the demo writes it, the workbook
turns it into labelled input cells, and the indicators name these keys as their inputs.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

TipoClave = Literal["numero", "porcentaje", "texto", "fecha", "opcion"]


@dataclass(frozen=True)
class Clave:
    clave: str
    etiqueta: str
    tipo: TipoClave = "numero"
    opciones: tuple[str, ...] = ()
    # Derived from the files when left blank (the indicator says how).
    derivable: bool = False


CLAVES: tuple[Clave, ...] = (
    # Entity and cut
    Clave("entidad_nombre", "Nombre de la entidad", "texto"),
    Clave("entidad_sigla", "Sigla", "texto"),
    Clave("entidad_codigo", "Código de la entidad ante la Supersolidaria", "texto"),
    Clave("entidad_nit", "NIT de la entidad", "texto"),
    Clave("entidad_tipo", "Tipo de entidad", "opcion",
          ("cooperativa", "fondo de empleados", "asociación mutual")),
    Clave("fecha_corte", "Fecha de corte (dd/mm/aaaa)", "fecha"),
    # Principle 1: assembly and elections
    Clave("asamblea_tipo", "Tipo de asamblea (asociados o delegados)", "opcion", ("asociados", "delegados")),
    Clave("asamblea_integrantes", "Integrantes de la asamblea", derivable=True),
    Clave("asamblea_mujeres", "Integrantes mujeres de la asamblea", derivable=True),
    Clave("asamblea_jovenes", "Integrantes de la asamblea con 35 años o menos", derivable=True),
    Clave("votantes_antiguedad_inferior", "Votantes con antigüedad inferior al promedio de los asociados"),
    Clave("votantes_potenciales", "Total de votantes potenciales"),
    Clave("votacion_votantes", "Asociados que votaron en la elección de delegados"),
    Clave("votacion_habiles", "Asociados hábiles para votar en la elección de delegados"),
    Clave("delegados_asistentes", "Delegados asistentes a la asamblea"),
    Clave("delegados_habiles", "Delegados hábiles"),
    # Principle 2
    Clave("transacciones_total", "Total de transacciones del periodo en todos los canales"),
    Clave("satisfaccion_porcentaje", "Nivel de satisfacción de los asociados (0 a 100)", "porcentaje"),
    # Principle 3
    Clave("fondos_ejecucion", "Ejecución de fondos sociales en el periodo (pesos)", derivable=True),
    Clave("fondos_beneficiados", "Asociados beneficiados por los fondos sociales en el periodo", derivable=True),
    Clave("fondos_ejecucion_anterior", "Ejecución de fondos sociales en el periodo anterior (pesos)",
          derivable=True),
    Clave("fondos_beneficiados_anterior", "Asociados beneficiados por los fondos sociales en el periodo anterior",
          derivable=True),
    Clave("asociados_beneficiados_programas", "Asociados beneficiados por programas y actividades sociales",
          derivable=True),
    # Principle 4
    Clave("educacion_directivos_participantes", "Participaciones de directivos en educación"),
    Clave("educacion_directivos_convocados", "Directivos convocados a educación"),
    Clave("asociados_educacion", "Asociados que participaron en al menos una actividad educativa",
          derivable=True),
    Clave("gasto_educacion", "Gasto en educación, formación e información del periodo (pesos)"),
    Clave("gasto_educacion_anterior", "Gasto en educación, formación e información del periodo anterior (pesos)"),
    Clave("educacion_empleados_participantes", "Participaciones de empleados en educación"),
    Clave("educacion_empleados_convocados", "Empleados convocados a educación"),
    Clave("gasto_difusion", "Gasto en difusión cooperativa y solidaria (pesos)"),
    # Principle 5
    Clave("patrocinios_recibidos", "Patrocinios recibidos de terceros (pesos)"),
    Clave("buen_gobierno_cumplidas", "Normas de buen gobierno cumplidas"),
    Clave("buen_gobierno_establecidas", "Normas de buen gobierno establecidas"),
    # Principle 6
    Clave("gasto_comunidad", "Gastos y contribuciones en favor de la comunidad (pesos)"),
    Clave("creditos_comunitarios_valor", "Desembolsos de créditos con incidencia comunitaria (pesos)",
          derivable=True),
    Clave("gasto_medio_ambiente", "Erogaciones para iniciativas de medio ambiente (pesos)"),
    Clave("proveedores_locales_numero", "Número de proveedores locales"),
    Clave("proveedores_totales_numero", "Número total de proveedores"),
    # Principle 7
    Clave("obligaciones_sector_solidario", "Obligaciones financieras con el sector solidario (pesos)",
          derivable=True),
    Clave("inversiones_sector_solidario_valor", "Inversiones en el sector solidario (pesos)", derivable=True),
    Clave("contribuciones_integracion", "Pagos a organismos de integración y alianzas del sector (pesos)"),
    Clave("economias_escala_valor", "Economías generadas en alianza con el sector solidario (pesos)"),
    Clave("costo_sin_alianzas", "Costo real sin alianzas (pesos)"),
)

POR_CLAVE: dict[str, Clave] = {c.clave: c for c in CLAVES}
