"""Principle 2: adhesión voluntaria, responsable y abierta.

Every count is of persons (distinct `persona`, i.e. document type + number), except
equidad_genero_operaciones, which counts loans (operaciones de desembolso).
"""

from __future__ import annotations

from typing import TYPE_CHECKING

import numpy as np
import pandas as pd

from coopxl.dataset import PID
from coopxl.indicadores.modelo import (
    FormulasIndicador,
    Origen,
    Resultado,
    cociente,
    complementario,
    falta_reporte,
    origen_archivo,
    origen_clave,
    sin_datos,
)
from coopxl.indicadores.poblaciones import codigo_genero, primera_fila, total_vigentes
from coopxl.indicadores.registro import indicador
from coopxl.perezoso import ModuloPerezoso

if TYPE_CHECKING:
    from coopxl.dataset import Dataset
    from coopxl.excel.referencias import Referencias

# The Excel faces only: coopxl.excel (and openpyxl) is imported when a formula is first built.
B = ModuloPerezoso("coopxl.excel.bloques")


def _personas(df: pd.DataFrame, mascara: pd.Series) -> set[str]:
    return set(df.loc[mascara, "persona"])


def _marcadas(a: pd.DataFrame, mascara: pd.Series) -> np.ndarray:
    """Per person id of asociados: whether any of its rows is in `mascara` (a set of persons, as an array)."""
    pid = a[PID].to_numpy()
    marca = np.zeros(int(pid.max()) + 1 if len(pid) else 0, dtype=bool)
    marca[pid[mascara.to_numpy(dtype=bool)]] = True
    return marca


def _etiqueta(clave: str) -> str:
    from coopxl.complementarios import POR_CLAVE

    return f"{POR_CLAVE[clave].etiqueta} (clave {clave})"


def _excel_crecimiento_neto_asociados_habiles(refs: Referencias) -> FormulasIndicador:
    # One cut: vigentes at the start of P as the denominator (the previous cut's hábiles are not in the
    # workbook; with --anterior the Python engine uses them).
    num = f"{B.contar(refs, 'asociados', 'neto_vinculado')}-{B.contar(refs, 'asociados', 'neto_retirado')}"
    return B.cociente(num, B.contar(refs, "asociados", "inicio_persona"),
                      sin_datos=B.no_entregado(refs, "asociados"))


@indicador("crecimiento_neto_asociados_habiles", excel=_excel_crecimiento_neto_asociados_habiles,
           entradas=("asociados", "cartera"))
def crecimiento_neto_asociados_habiles(ds: Dataset) -> Resultado:
    falta = falta_reporte(ds, "asociados")
    if falta is not None:
        return falta
    a = ds.asociados
    # Anyone who joined and retired within P is left out of both terms. Persons as arrays over the person
    # ids of this cut; the previous cut's persons (other ids) are matched by their persona text.
    entra_y_sale = _marcadas(a, a["vinculado_p"] & a["retirado_p"])
    n_entra_y_sale = int(np.count_nonzero(entra_y_sale))
    n_vinculados = int(np.count_nonzero(_marcadas(a, a["vinculado_p"] & a["habil"]) & ~entra_y_sale))
    ids_retirados = np.flatnonzero(_marcadas(a, a["retirado_p"]) & ~entra_y_sale)
    n_retirados = len(ids_retirados)
    avisos: list[str] = []
    if not ds.tiene("cartera"):
        avisos.append("Sin el archivo de cartera no se conoce la mora: todos los asociados vigentes se "
                      "toman como hábiles.")
    if n_entra_y_sale:
        avisos.append(f"{n_entra_y_sale} asociado(s) se vincularon y se retiraron dentro del periodo: "
                      "no se cuentan ni como vinculados ni como retirados.")
    ant = ds.anterior
    if ant is not None and ant.asociados is not None:
        # The supervisor's reading: hábiles at the start (the previous cut's hábiles) and hábiles retired.
        aa = ant.asociados
        habiles_ant = _personas(aa, aa["habil"])
        retirados = set(a["persona"].array.take(primera_fila(ds)[ids_retirados]))
        retirados_no_habiles = retirados - habiles_ant
        retirados &= habiles_ant
        n_retirados = len(retirados)
        if retirados_no_habiles:
            avisos.append(f"{len(retirados_no_habiles)} retirado(s) en el periodo no eran hábiles en el "
                          f"corte anterior ({ant.corte:%d/%m/%Y}): no se restan.")
        ausentes = habiles_ant - set(a["persona"])
        if ausentes:
            avisos.append(f"{len(ausentes)} asociado(s) hábiles del corte anterior no figuran en el archivo "
                          "de asociados actual: no se cuentan como retirados (incluya a los retirados con "
                          "su fechaRetiro).")
        if not ant.tiene("cartera"):
            avisos.append("El corte anterior no trae archivo de cartera: todos sus asociados vigentes se "
                          "toman como hábiles.")
        base = len(habiles_ant)
        origen_den = Origen(f"asociados hábiles del corte anterior ({ant.corte:%d/%m/%Y})",
                            ant.archivos.get("asociados", "asociados"), base)
        extra_base = "habiles_corte_anterior"
    else:
        if ant is not None:
            avisos.append("El corte anterior no trae archivo de asociados: se usa la aproximación de un "
                          "solo corte.")
        base = int(np.count_nonzero(_marcadas(a, a["vigente_inicio"])))
        avisos.append("Aproximación de un solo corte: el denominador son los asociados vigentes al inicio "
                      f"del periodo ({ds.periodo.inicio:%d/%m/%Y}), no los hábiles, y se restan todos los "
                      "retirados; con los archivos del corte anterior (--anterior) se usan sus asociados "
                      "hábiles.")
        origen_den = origen_archivo(ds, "asociados", f"asociados vigentes al inicio del periodo "
                                    f"({ds.periodo.inicio:%d/%m/%Y})", base)
        extra_base = "vigentes_inicio"
    neto = n_vinculados - n_retirados
    filas = n_vinculados + n_retirados
    return cociente(neto, base, advertencias=tuple(avisos),
                    origen_numerador=origen_archivo(
                        ds, "asociados", f"vinculados en el periodo que son hábiles ({n_vinculados}) "
                        f"menos retirados en el periodo ({n_retirados})", filas),
                    origen_denominador=origen_den,
                    extra={"vinculados_habiles": n_vinculados, "retirados": n_retirados,
                           "vinculados_y_retirados": n_entra_y_sale, "base": extra_base})


def _excel_actividad_transaccional(refs: Referencias) -> FormulasIndicador:
    return B.cociente(B.co("transacciones_total"), B.total_asociados(refs), por_cien=False,
                      sin_datos=B.alguno(B.falta("transacciones_total"), B.no_entregado(refs, "asociados")))


@indicador("actividad_transaccional", excel=_excel_actividad_transaccional,
           entradas=("transacciones_total", "asociados"))
def actividad_transaccional(ds: Dataset) -> Resultado:
    n = complementario(ds, "transacciones_total")
    faltan = []
    if n is None:
        faltan.append(_etiqueta("transacciones_total"))
    if not ds.tiene("asociados"):
        faltan.append("el archivo Informe individual de asociados")
    total = total_vigentes(ds) if ds.tiene("asociados") else None
    return cociente(n, total, por_cien=False, faltantes=tuple(faltan),
                    origen_numerador=origen_clave("transacciones_total"),
                    origen_denominador=origen_archivo(ds, "asociados", "asociados vigentes al corte", total))


def _excel_relevo_generacional(refs: Referencias) -> FormulasIndicador:
    return B.cociente(B.contar(refs, "asociados", "relevo_joven"), B.contar(refs, "asociados", "relevo_base"),
                      sin_datos=B.no_entregado(refs, "asociados"))


@indicador("relevo_generacional", excel=_excel_relevo_generacional, entradas=("asociados",))
def relevo_generacional(ds: Dataset) -> Resultado:
    falta = falta_reporte(ds, "asociados")
    if falta is not None:
        return falta
    a = ds.asociados
    # Someone who joined and retired in P still counts as vinculado here (indicadores.md).
    naturales = a["vinculado_p"] & a["natural"]
    con_edad = _marcadas(a, naturales & a["fecha_nacimiento"].notna())
    sin_edad = int(np.count_nonzero(_marcadas(a, naturales & a["fecha_nacimiento"].isna()) & ~con_edad))
    jovenes = int(np.count_nonzero(_marcadas(a, naturales & a["joven"]) & con_edad))
    n_con_edad = int(np.count_nonzero(con_edad))
    avisos = ()
    if sin_edad:
        avisos = (f"{sin_edad} vinculado(s) en el periodo sin fecha de nacimiento no se cuentan.",)
    return cociente(jovenes, n_con_edad, advertencias=avisos,
                    origen_numerador=origen_archivo(ds, "asociados", "vinculados en el periodo con 35 años o "
                                                    "menos al corte", jovenes),
                    origen_denominador=origen_archivo(ds, "asociados", "vinculados en el periodo (personas "
                                                      "naturales con fecha de nacimiento)", n_con_edad))


def _excel_equidad_genero_operaciones(refs: Referencias) -> FormulasIndicador:
    return B.cociente(B.contar(refs, "cartera", "desembolso_cuenta", "mujer_deudor"),
                      B.contar(refs, "cartera", "desembolso_cuenta", "natural_deudor"),
                      sin_datos=B.no_entregado(refs, "cartera", "asociados"))


@indicador("equidad_genero_operaciones", excel=_excel_equidad_genero_operaciones, entradas=("cartera", "asociados"))
def equidad_genero_operaciones(ds: Dataset) -> Resultado:
    falta = falta_reporte(ds, "cartera", "asociados")
    if falta is not None:
        return falta
    d = ds.desembolsos
    g = codigo_genero(ds, d[PID].to_numpy())  # 1, 2, 3 the Género code, 0 another one, -1 unknown
    naturales = np.isin(g, (1, 2))
    mujeres = int((g == 2).sum())
    avisos = []
    desconocidos = int((g == -1).sum())
    if desconocidos:
        avisos.append(f"{desconocidos} desembolso(s) a personas que no están en el archivo de asociados: "
                      "sin género conocido, no se cuentan.")
    juridicas = int((g == 3).sum())
    if juridicas:
        avisos.append(f"{juridicas} desembolso(s) a personas jurídicas no se cuentan.")
    return cociente(mujeres, int(naturales.sum()), advertencias=tuple(avisos),
                    origen_numerador=origen_archivo(ds, "cartera", "créditos desembolsados en el periodo a "
                                                    "mujeres", mujeres),
                    origen_denominador=origen_archivo(ds, "cartera", "créditos desembolsados en el periodo a "
                                                      "personas naturales", int(naturales.sum())))


def _excel_satisfaccion_asociados(refs: Referencias) -> FormulasIndicador:
    return FormulasIndicador(B.co("satisfaccion_porcentaje"), None, sin_datos=B.falta("satisfaccion_porcentaje"),
                             valor=B.NUM)


@indicador("satisfaccion_asociados", excel=_excel_satisfaccion_asociados, entradas=("satisfaccion_porcentaje",))
def satisfaccion_asociados(ds: Dataset) -> Resultado:
    # A percentage typed as such (0-100): no denominator, the value is the key itself.
    v = complementario(ds, "satisfaccion_porcentaje")
    if v is None:
        return sin_datos(_etiqueta("satisfaccion_porcentaje"))
    return Resultado("ok", numerador=v, denominador=None, valor=v,
                     origen_numerador=origen_clave("satisfaccion_porcentaje"))
