"""The registry: every indicator declared once, refused at import when incomplete or duplicated.

Principle modules declare indicators with `@indicador("id", entradas=(...), excel=...)` over their
computation, `excel` being the function that builds the indicator's workbook formulas (one definition,
two faces: the tests recalculate the workbook and compare it with the Python result);
names, purposes, formulas and sentence templates come from `textos/` by id, so a record with no
text, or a text with no computation, is an import-time error (see `verificar`).
"""

from __future__ import annotations

import importlib
from collections.abc import Callable

from coopxl.indicadores.modelo import Calculo, ExcelIndicador, Indicador
from coopxl.indicadores.textos.catalogo import ORDEN, PRINCIPIO_DE, TODOS

_REGISTRO: dict[str, Indicador] = {}
MODULOS = ("p1_democracia", "p2_adhesion", "p3_participacion_economica", "p4_educacion", "p5_autonomia",
           "p6_comunidad", "p7_integracion")
_cargado = False


class RegistroInvalido(Exception):
    """A programming error in an indicator declaration (never caused by user data)."""


def indicador(id_: str, entradas: tuple[str, ...],
              excel: ExcelIndicador | None = None) -> Callable[[Calculo], Calculo]:
    def registrar(calculo: Calculo) -> Calculo:
        if id_ in _REGISTRO:
            raise RegistroInvalido(f"indicador duplicado: {id_}")
        if not callable(excel):
            raise RegistroInvalido(f"indicador sin fórmula de Excel (argumento excel=): {id_}")
        texto = TODOS.get(id_)
        if texto is None:
            raise RegistroInvalido(f"indicador sin textos (nombre, propósito, fórmula, análisis): {id_}")
        if not entradas:
            raise RegistroInvalido(f"indicador sin entradas declaradas: {id_}")
        campos = {"nombre": texto.nombre, "proposito": texto.proposito, "formula": texto.formula,
                  "numerador": texto.numerador, "analisis": texto.analisis}
        vacios = [k for k, v in campos.items() if not str(v).strip()]
        if vacios:
            raise RegistroInvalido(f"indicador {id_} incompleto: {', '.join(vacios)}")
        extra = {"p3": texto.analisis_p3} if getattr(texto, "analisis_p3", None) else {}
        _REGISTRO[id_] = Indicador(
            id=id_, principio=PRINCIPIO_DE[id_], nombre=texto.nombre, proposito=texto.proposito,
            formula=texto.formula, numerador_texto=texto.numerador, denominador_texto=texto.denominador,
            unidad=texto.unidad, subconjunto=texto.subconjunto, analisis=texto.analisis, entradas=entradas,
            calcular=calculo, excel=excel, analisis_extra=extra,
        )
        return calculo

    return registrar


def verificar() -> None:
    """Every text has a computation and every computation a text: 41 indicators, no more, no less."""
    faltan = [i for i in ORDEN if i not in _REGISTRO]
    sobran = [i for i in _REGISTRO if i not in TODOS]
    if faltan or sobran:
        raise RegistroInvalido(f"registro incompleto: sin cálculo {faltan}; sin texto {sobran}")
    sin_excel = [i for i, r in _REGISTRO.items() if not callable(getattr(r, "excel", None))]
    if sin_excel:
        raise RegistroInvalido(f"indicadores sin fórmula de Excel: {sin_excel}")


def cargar_todo() -> None:
    """Import every principle module once, then check the registry is complete."""
    global _cargado
    if _cargado:
        return
    for m in MODULOS:
        importlib.import_module(f"coopxl.indicadores.{m}")
    verificar()
    _cargado = True


def todos() -> list[Indicador]:
    """The indicators in the supervisor's order (principle by principle)."""
    cargar_todo()
    return [_REGISTRO[i] for i in ORDEN]


def obtener(id_: str) -> Indicador:
    if id_ not in _REGISTRO:
        cargar_todo()
    return _REGISTRO[id_]
