"""The texts of the 41 indicators collected in one place, checked at import against the public id list."""

from __future__ import annotations

from types import ModuleType

from coopxl.indicadores.textos import (
    p1_democracia,
    p2_adhesion,
    p3_participacion_economica,
    p4_educacion,
    p5_autonomia,
    p6_comunidad,
    p7_integracion,
)
from coopxl.indicadores.textos.modelo import Texto

# The stable public ids, in the order of indicadores.md (the catalogue of the project).
IDS: tuple[str, ...] = (
    # 1
    "equidad_genero_asamblea", "diversidad_organos", "diversidad_democratica",
    "participacion_votacion_delegados", "participacion_asistencia_asamblea", "asociados_activos",
    "equidad_genero_organos", "poblacion_joven_organos", "poblacion_joven_asamblea",
    # 2
    "crecimiento_neto_asociados_habiles", "actividad_transaccional", "relevo_generacional",
    "equidad_genero_operaciones", "satisfaccion_asociados",
    # 3
    "crecimiento_fondos_sociales", "capital_institucional", "equidad_genero_volumen_negocio",
    "inclusion_financiera", "cultura_ahorro", "cobertura_programas_sociales", "rentabilidad_social",
    # 4
    "educacion_directivos", "educacion_asociados", "participacion_gasto_educacion", "educacion_empleados",
    "difusion_cooperativa", "crecimiento_inversion_educacion",
    # 5
    "concentracion_creditos", "concentracion_depositos", "financiacion_externa", "patrocinios",
    "buen_gobierno",
    # 6
    "gastos_comunidad", "creditos_incidencia_comunitaria", "creditos_fines_productivos", "medio_ambiente",
    "proveedores_locales",
    # 7
    "fondeo_sector_solidario", "inversiones_sector_solidario", "contribuciones_sector_solidario",
    "economias_escala",
)

MODULOS: tuple[ModuleType, ...] = (
    p1_democracia,
    p2_adhesion,
    p3_participacion_economica,
    p4_educacion,
    p5_autonomia,
    p6_comunidad,
    p7_integracion,
)


def _reunir() -> tuple[dict[str, Texto], dict[str, int], dict[int, str], list[tuple[int, str]]]:
    todos: dict[str, Texto] = {}
    principio_de: dict[str, int] = {}
    nombres: dict[int, str] = {}
    apariciones: list[tuple[int, str]] = []
    for modulo in MODULOS:
        numero: int = modulo.PRINCIPIO
        if numero in nombres:
            raise RuntimeError(f"principle {numero} declared twice ({modulo.__name__})")
        nombres[numero] = modulo.NOMBRE_PRINCIPIO
        filas: list[str] = []
        for id_, texto in modulo.TEXTOS.items():
            if id_ in todos:
                raise RuntimeError(f"indicator {id_!r} declared twice ({modulo.__name__})")
            if not isinstance(texto, Texto):
                raise RuntimeError(f"indicator {id_!r} in {modulo.__name__} is not a Texto")
            todos[id_] = texto
            principio_de[id_] = numero
            filas.append(id_)
        despues_de: dict[str, str] = getattr(modulo, "TAMBIEN_DESPUES_DE", {})
        for id_ in getattr(modulo, "TAMBIEN", ()):
            ancla = despues_de.get(id_)
            filas.insert(filas.index(ancla) + 1 if ancla in filas else len(filas), id_)
        apariciones.extend((numero, id_) for id_ in filas)
    return todos, principio_de, nombres, apariciones


TODOS, PRINCIPIO_DE, NOMBRES_PRINCIPIO, _APARICIONES = _reunir()
ORDEN: list[str] = list(TODOS)

# Every row the SES report shows, in the order of its PDF report (seed 001): (principle, id), 42 rows;
# equidad_genero_operaciones appears under principles 2 and 3. The web version of the report (seed 003)
# prints the rows of a principle in another order.
FILAS_SES: list[tuple[int, str]] = _APARICIONES

if len(IDS) != 41 or len(set(IDS)) != 41:
    raise RuntimeError("the public id list must hold 41 distinct ids")
if list(IDS) != ORDEN:
    _faltan = sorted(set(IDS) - set(ORDEN))
    _sobran = sorted(set(ORDEN) - set(IDS))
    raise RuntimeError(
        f"the indicator texts do not match the public ids: missing {_faltan}, unexpected {_sobran}"
        + ("" if _faltan or _sobran else " (order differs from indicadores.md)")
    )
if sorted(NOMBRES_PRINCIPIO) != list(range(1, 8)):
    raise RuntimeError("the seven principles must be numbered 1 to 7")
for _numero, _id in FILAS_SES:
    if _id not in TODOS:
        raise RuntimeError(f"principle {_numero} shows again an unknown indicator {_id!r}")
