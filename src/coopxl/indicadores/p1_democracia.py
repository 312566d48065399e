"""Principle 1: administración democrática, participativa, autogestionaria y emprendedora."""

from __future__ import annotations

from typing import TYPE_CHECKING

import pandas as pd

from coopxl.dataset import PID
from coopxl.indicadores.modelo import (
    FormulasIndicador,
    Origen,
    Resultado,
    cociente,
    desde_claves,
    falta_reporte,
    no_aplica,
    origen_archivo,
    origen_clave,
    par_complementario,
    sin_datos,
)
from coopxl.indicadores.poblaciones import vigentes_unicos
from coopxl.indicadores.registro import indicador
from coopxl.indicadores.textos.modelo import MOTIVO_ASAMBLEA_ASOCIADOS
from coopxl.perezoso import ModuloPerezoso

if TYPE_CHECKING:
    from coopxl.dataset import Dataset
    from coopxl.excel.referencias import Referencias

# The Excel faces only: coopxl.excel (and openpyxl) is imported when a formula is first built.
B = ModuloPerezoso("coopxl.excel.bloques")
F = ModuloPerezoso("coopxl.excel.formulas")

FALTA_TIPO_ASAMBLEA = "el tipo de asamblea, asociados o delegados (clave asamblea_tipo)"


def _tipo_asamblea(ds: Dataset) -> str | None:
    v = ds.complementarios.get("asamblea_tipo")
    return v if isinstance(v, str) and v else None


def _asistentes(ds: Dataset) -> tuple[pd.DataFrame | None, Origen | None, str | None]:
    """Natural persons who attended the last assembly, or (None, None, what is missing)."""
    if ds.asociados is None:
        return None, None, "el archivo Informe individual de asociados"
    tipo = _tipo_asamblea(ds)
    if tipo == "delegados" and not ds.tiene("asamblea"):
        return None, None, "el archivo de asamblea con los delegados asistentes"
    a = ds.asociados
    asis = a.loc[a["asistente"] & a["natural"], [PID, "mujer", "joven", "fecha_nacimiento"]].drop_duplicates(PID)
    if ds.tiene("asamblea"):
        origen = origen_archivo(ds, "asamblea", "asistentes (Asistio = 1) del archivo de asamblea", len(asis))
    else:
        origen = origen_archivo(ds, "asociados", "asociados vigentes con AsistioUltimaAsamblea = 1",
                                len(asis))
    return asis, origen, None


def _asamblea(ds: Dataset, clave_num: str, filtro: str, con_nacimiento: bool) -> Resultado:
    """Share of the assembly's members with a trait: typed keys when both are given, else derived."""
    if _tipo_asamblea(ds) is None:
        return sin_datos(FALTA_TIPO_ASAMBLEA)
    tecleados = par_complementario(ds, clave_num, "asamblea_integrantes")
    if tecleados is not None:
        return cociente(*tecleados, origen_numerador=origen_clave(clave_num),
                        origen_denominador=origen_clave("asamblea_integrantes"))
    asis, origen, falta = _asistentes(ds)
    if asis is None:
        return sin_datos(falta or "")
    base = asis[asis["fecha_nacimiento"].notna()] if con_nacimiento else asis
    num = int(base[filtro].sum())
    descripcion = (origen.descripcion if origen else "asistentes") + (
        ", con fecha de nacimiento" if con_nacimiento else "")
    archivo = origen.archivo if origen else None
    rasgo = {"mujer": "mujeres", "joven": "con 35 años o menos"}.get(filtro, filtro)
    return cociente(num, len(base), origen_numerador=Origen(f"{descripcion}: {rasgo}", archivo, num),
                    origen_denominador=Origen(descripcion, archivo, len(base)))


# --- Excel faces (coopxl.excel.bloques; the tests recalculate the workbook and compare) ------------

def _excel_asamblea(refs: Referencias, clave_num: str, rasgo: str, con_nacimiento: bool) -> FormulasIndicador:
    tecleado = B.ambos(clave_num, "asamblea_integrantes")
    base = ("primera_vigente", "asistente", "natural") + (("con_nacimiento",) if con_nacimiento else ())
    num = F.si(tecleado, B.co(clave_num), B.contar(refs, "asociados", *base, rasgo))
    den = F.si(tecleado, B.co("asamblea_integrantes"), B.contar(refs, "asociados", *base))
    falta = B.alguno(B.no_entregado(refs, "asociados"),
                     F.y(B.tipo_delegados(), B.no_entregado(refs, "asamblea")) if not refs.entregado("asamblea")
                     else "")
    derivado = F.y(F.no(tecleado), falta) if falta else None
    return FormulasIndicador(num, den, sin_datos=B.alguno(B.sin_tipo_asamblea(), derivado or ""))


def _excel_directivos(refs: Referencias, num: str, den: str) -> FormulasIndicador:
    return FormulasIndicador(num, den, sin_datos=B.alguno(B.no_entregado(refs, "directivos", "asociados")))


def _excel_equidad_genero_asamblea(refs: Referencias) -> FormulasIndicador:
    return _excel_asamblea(refs, "asamblea_mujeres", "mujer", con_nacimiento=False)


@indicador("equidad_genero_asamblea", excel=_excel_equidad_genero_asamblea,
           entradas=("asociados", "asamblea", "asamblea_tipo",
                                                "asamblea_integrantes", "asamblea_mujeres"))
def equidad_genero_asamblea(ds: Dataset) -> Resultado:
    return _asamblea(ds, "asamblea_mujeres", "mujer", con_nacimiento=False)


def _directivos(ds: Dataset) -> tuple[pd.DataFrame | None, Resultado | None]:
    falta = falta_reporte(ds, "directivos", "asociados")
    if falta is not None:
        return None, falta
    return ds.directivos_personas, None


def _excel_diversidad_organos(refs: Referencias) -> FormulasIndicador:
    return _excel_directivos(refs, B.contar(refs, "directivos", "antiguedad_inferior"),
                             B.contar(refs, "directivos", "cuenta"))


@indicador("diversidad_organos", excel=_excel_diversidad_organos, entradas=("directivos", "asociados"))
def diversidad_organos(ds: Dataset) -> Resultado:
    d, falta = _directivos(ds)
    if d is None:
        return falta  # type: ignore[return-value]
    promedio = float(vigentes_unicos(ds, ["antiguedad"])["antiguedad"].mean())
    num = int((d["antiguedad"] < promedio).sum())
    return cociente(num, len(d),
                    origen_numerador=origen_archivo(ds, "directivos", "directivos con antigüedad inferior al "
                                                    f"promedio de los asociados ({promedio:.2f} años)", num),
                    origen_denominador=origen_archivo(ds, "directivos",
                                                      "personas con silla en los órganos 1 a 3", len(d)),
                    extra={"antiguedad_promedio": promedio})


def _excel_diversidad_democratica(refs: Referencias) -> FormulasIndicador:
    return B.desde_claves("votantes_antiguedad_inferior", "votantes_potenciales")


@indicador("diversidad_democratica", excel=_excel_diversidad_democratica,
           entradas=("votantes_antiguedad_inferior", "votantes_potenciales"))
def diversidad_democratica(ds: Dataset) -> Resultado:
    return desde_claves(ds, "votantes_antiguedad_inferior", "votantes_potenciales")


def _excel_participacion_votacion_delegados(refs: Referencias) -> FormulasIndicador:
    return B.desde_claves("votacion_votantes", "votacion_habiles", sin_datos=B.sin_tipo_asamblea(),
                          no_aplica=B.tipo_asociados())


@indicador("participacion_votacion_delegados", excel=_excel_participacion_votacion_delegados,
           entradas=("asamblea_tipo", "votacion_votantes", "votacion_habiles"))
def participacion_votacion_delegados(ds: Dataset) -> Resultado:
    tipo = _tipo_asamblea(ds)
    if tipo == "asociados":
        return no_aplica(MOTIVO_ASAMBLEA_ASOCIADOS)
    if tipo is None:
        return sin_datos(FALTA_TIPO_ASAMBLEA)
    return desde_claves(ds, "votacion_votantes", "votacion_habiles")


def _excel_participacion_asistencia_asamblea(refs: Referencias) -> FormulasIndicador:
    delegados = B.tipo_delegados()
    num = F.si(delegados, B.co("delegados_asistentes"),
               B.contar(refs, "asociados", "primera_vigente", "habil", "asistente"))
    den = F.si(delegados, B.co("delegados_habiles"), B.contar(refs, "asociados", "primera_vigente", "habil"))
    faltan = B.alguno(B.sin_tipo_asamblea(), F.y(delegados, F.o(B.falta("delegados_asistentes"),
                                                                  B.falta("delegados_habiles"))),
                      F.y(B.tipo_asociados(), "TRUE") if not refs.entregado("asociados") else "")
    return FormulasIndicador(num, den, sin_datos=faltan)


@indicador("participacion_asistencia_asamblea", excel=_excel_participacion_asistencia_asamblea,
           entradas=("asamblea_tipo", "asociados", "cartera",
                                                          "delegados_asistentes", "delegados_habiles"))
def participacion_asistencia_asamblea(ds: Dataset) -> Resultado:
    tipo = _tipo_asamblea(ds)
    if tipo is None:
        return sin_datos(FALTA_TIPO_ASAMBLEA)
    if tipo == "delegados":
        return desde_claves(ds, "delegados_asistentes", "delegados_habiles")
    falta = falta_reporte(ds, "asociados")
    if falta is not None:
        return falta
    habiles = ds.asociados.loc[ds.asociados["habil"], [PID, "asistente", "activo_p"]].drop_duplicates(PID)
    num = int(habiles["asistente"].sum())
    return cociente(num, len(habiles),
                    origen_numerador=origen_archivo(ds, "asociados",
                                                    "asociados hábiles con AsistioUltimaAsamblea = 1", num),
                    origen_denominador=origen_archivo(ds, "asociados", "asociados hábiles", len(habiles)))


def _excel_asociados_activos(refs: Referencias) -> FormulasIndicador:
    return B.cociente(B.contar(refs, "asociados", "primera_vigente", "habil", "activo_p"),
                      B.contar(refs, "asociados", "primera_vigente", "habil"),
                      sin_datos=B.no_entregado(refs, "asociados"))


@indicador("asociados_activos", excel=_excel_asociados_activos,
           entradas=("asociados", "cartera", "captaciones", "aportes"))
def asociados_activos(ds: Dataset) -> Resultado:
    falta = falta_reporte(ds, "asociados")
    if falta is not None:
        return falta
    habiles = ds.asociados.loc[ds.asociados["habil"], [PID, "asistente", "activo_p"]].drop_duplicates(PID)
    num = int(habiles["activo_p"].sum())
    avisos = tuple(f"Sin el archivo {r}: no cuenta para saber quién usó productos en el periodo."
                   for r in ("cartera", "captaciones", "aportes") if not ds.tiene(r))
    return cociente(num, len(habiles), advertencias=avisos,
                    origen_numerador=origen_archivo(ds, "asociados", "hábiles que usaron un producto en el "
                                                    "periodo (captación con saldo, crédito con saldo o "
                                                    "desembolsado, pago de aportes)", num),
                    origen_denominador=origen_archivo(ds, "asociados", "asociados hábiles", len(habiles)))


def _excel_equidad_genero_organos(refs: Referencias) -> FormulasIndicador:
    return _excel_directivos(refs, B.sumar_si(refs, "directivos", "mujer", "cuenta"),
                             B.sumar_si(refs, "directivos", "natural", "cuenta"))


@indicador("equidad_genero_organos", excel=_excel_equidad_genero_organos, entradas=("directivos", "asociados"))
def equidad_genero_organos(ds: Dataset) -> Resultado:
    d, falta = _directivos(ds)
    if d is None:
        return falta  # type: ignore[return-value]
    naturales = d[d["natural"]]
    num = int(naturales["mujer"].sum())
    return cociente(num, len(naturales),
                    origen_numerador=origen_archivo(ds, "directivos", "directivas mujeres (personas)", num),
                    origen_denominador=origen_archivo(ds, "directivos",
                                                      "directivos (personas en los órganos 1 a 3)",
                                                      len(naturales)))


def _excel_poblacion_joven_organos(refs: Referencias) -> FormulasIndicador:
    return _excel_directivos(refs, B.sumar_si(refs, "directivos", "joven", "con_edad"),
                             B.contar(refs, "directivos", "con_edad"))


@indicador("poblacion_joven_organos", excel=_excel_poblacion_joven_organos, entradas=("directivos", "asociados"))
def poblacion_joven_organos(ds: Dataset) -> Resultado:
    d, falta = _directivos(ds)
    if d is None:
        return falta  # type: ignore[return-value]
    con_edad = d[d["natural"] & d["fecha_nacimiento"].notna()]
    num = int(con_edad["joven"].sum())
    avisos = ()
    if len(con_edad) < len(d[d["natural"]]):
        avisos = (f"{len(d[d['natural']]) - len(con_edad)} directivo(s) sin fecha de nacimiento no se "
                  "cuentan.",)
    return cociente(num, len(con_edad), advertencias=avisos,
                    origen_numerador=origen_archivo(ds, "directivos",
                                                    "directivos con 35 años o menos al corte", num),
                    origen_denominador=origen_archivo(ds, "directivos", "directivos con fecha de nacimiento",
                                                      len(con_edad)))


def _excel_poblacion_joven_asamblea(refs: Referencias) -> FormulasIndicador:
    return _excel_asamblea(refs, "asamblea_jovenes", "joven", con_nacimiento=True)


@indicador("poblacion_joven_asamblea", excel=_excel_poblacion_joven_asamblea,
           entradas=("asociados", "asamblea", "asamblea_tipo",
                                                 "asamblea_integrantes", "asamblea_jovenes"))
def poblacion_joven_asamblea(ds: Dataset) -> Resultado:
    return _asamblea(ds, "asamblea_jovenes", "joven", con_nacimiento=True)
