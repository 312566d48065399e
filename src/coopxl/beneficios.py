"""Beneficio solidario per vigente associate over the period P (method of beneficios.md).

Components: crédito (Saldo Capital x (reference rate of the modality - Tasa Efectiva)), ahorro
(Saldo Disponible x (Tasa Efectiva - reference rate of the Tipo Ahorro)), revalorización de aportes,
and each benefit type of the beneficios file. A component that needs a reference rate the user did
not give is *not computed* (NaN, and named in `faltantes`), never 0. Every figure traces to rows.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

import numpy as np
import pandas as pd

from coopxl import formato
from coopxl.dataset import PID
from coopxl.sicses.layouts import TIPOS_BENEFICIO

if TYPE_CHECKING:
    from coopxl.dataset import Dataset

PRODUCTO_AHORRO = {"1": "ahorro_vista", "2": "cdat", "3": "contractual", "4": "permanente"}
NOMBRE_AHORRO = {"ahorro_vista": "ahorro a la vista", "cdat": "CDAT", "contractual": "ahorro contractual",
                 "permanente": "ahorro permanente"}
MODALIDADES = ("consumo", "comercial", "microcredito", "vivienda", "productivo")
NOMBRE_MODALIDAD = {"consumo": "consumo", "comercial": "comercial", "microcredito": "microcrédito",
                    "vivienda": "vivienda", "productivo": "productivo", "otra": "sin modalidad reconocida"}
COMPONENTES = ("credito", "ahorro", "revalorizacion", *TIPOS_BENEFICIO)
NOMBRE_COMPONENTE = {
    "credito": "Crédito (menor tasa que el mercado)", "ahorro": "Ahorro (mayor tasa que el mercado)",
    "revalorizacion": "Revalorización de aportes", "auxilio": "Auxilios", "educacion": "Educación",
    "recreacion": "Recreación", "salud": "Salud", "convenio": "Convenios", "seguro": "Seguros",
    "retorno": "Retorno de excedentes", "otro": "Otros beneficios",
}


@dataclass(frozen=True)
class TasaUsada:
    producto: str
    tasa: float
    fuente: str


@dataclass(frozen=True)
class Beneficios:
    """`por_asociado`: one row per vigente person (index `persona`), a column per component, `total`,
    `aportes` (Saldo Total) and `rentabilidad` (total / aportes x 100, NaN when aportes is 0)."""

    por_asociado: pd.DataFrame
    totales: dict[str, float]
    tasas: tuple[TasaUsada, ...]
    faltantes: tuple[str, ...]  # components or products not computed, in Spanish
    no_calculados: frozenset[str] = field(default_factory=frozenset)  # components entirely not computed
    advertencias: tuple[str, ...] = ()

    @property
    def asociados(self) -> int:
        return len(self.por_asociado)

    def rentabilidad_total(self) -> float | None:
        ap = self.totales.get("aportes", 0.0)
        return self.totales["total"] / ap * 100 if ap else None


def _referencia(ds: Dataset, producto: str) -> TasaUsada | None:
    t = ds.parametros.tasa(producto, ds.corte.year)
    return TasaUsada(producto, t.tasa, t.fuente) if t else None


_CACHE = "_coopxl_beneficios"


def calcular_beneficios(ds: Dataset) -> Beneficios:
    """The beneficio solidario of a Dataset, computed once per Dataset object.

    The result is kept on the (frozen) Dataset itself, in a private attribute that is not a dataclass
    field: it dies with the Dataset, `dataclasses.replace` (a new Dataset) starts without it, and
    equality and repr ignore it. A WeakKeyDictionary cannot be used (a frozen dataclass with eq hashes
    its fields, DataFrames included, so it is unhashable) and a dict keyed on id(ds) would be wrong
    once an id is reused.
    """
    guardado = ds.__dict__.get(_CACHE)
    if guardado is None:
        guardado = _calcular(ds)
        object.__setattr__(ds, _CACHE, guardado)
    return guardado


def _calcular(ds: Dataset) -> Beneficios:
    # Work on the integer person id (fast isin/groupby); the result is indexed by persona at the end.
    vig = ds.vigentes[["persona", PID]].drop_duplicates(PID)
    base = pd.DataFrame(index=pd.Index(vig[PID].to_numpy(), name=PID))
    faltantes: list[str] = []
    no_calculados: set[str] = set()
    usadas: list[TasaUsada] = []
    avisos: list[str] = []

    # crédito: Saldo Capital x (reference - Tasa Efectiva); ahorro: Saldo Disponible x (Tasa Efectiva - reference)
    base["credito"] = _diferencial(
        ds, ds.cartera, base.index, "credito", "cartera", "modalidad_credito", "saldo_capital", -1,
        lambda m: (m if m in MODALIDADES else None, f"crédito {NOMBRE_MODALIDAD.get(m, m)}"),
        ("créditos", "incluidos"), faltantes, usadas, no_calculados)
    base["ahorro"] = _diferencial(
        ds, ds.captaciones, base.index, "ahorro", "captaciones", "tipo_ahorro", "saldo_disponible", 1,
        lambda t: (PRODUCTO_AHORRO.get(t), NOMBRE_AHORRO.get(PRODUCTO_AHORRO.get(t) or "", "ahorro tipo " + t)),
        ("cuentas", "incluidas"), faltantes, usadas, no_calculados)

    # revalorización: the revalorización file wins when given
    reval = pd.Series(0.0, index=base.index)
    if ds.revalorizacion is not None:
        r = ds.revalorizacion.groupby(PID)["valor_revalorizado"].sum()
        reval = r.reindex(base.index).fillna(0.0)
        ipc_anterior = ds.parametros.ipc.get(ds.corte.year - 1)
        if ipc_anterior is not None:
            excede = ds.revalorizacion[ds.revalorizacion["porcentaje"] > ipc_anterior + 1e-9]
            if len(excede):
                avisos.append(f"{len(excede)} revalorización(es) con porcentaje mayor que el IPC de "
                              f"{ds.corte.year - 1} ({formato.porcentaje(ipc_anterior)}): la Ley 79 de 1988 "
                              "la limita a ese IPC.")
    elif ds.aportes is not None:
        reval = ds.aportes.groupby(PID)["valor_revalorizacion"].sum().reindex(base.index).fillna(0.0)
    else:
        reval[:] = np.nan
        no_calculados.add("revalorizacion")
        faltantes.append("revalorización: no se dio el archivo de aportes ni el de revalorización")
    base["revalorizacion"] = reval

    # beneficios entregados en P, by type
    if ds.beneficios is not None:
        ben = ds.beneficios
        ben = ben[[PID, "fecha", "tipo_beneficio", "valor"]]
        b = ben[ds.periodo.contiene(ben["fecha"]) & ben[PID].isin(base.index)]
        por_tipo = b.pivot_table(index=PID, columns="tipo_beneficio", values="valor", aggfunc="sum")
    else:
        por_tipo = None
        no_calculados.update(TIPOS_BENEFICIO)
        faltantes.append("beneficios entregados: no se dio el archivo de beneficios")
    for tipo in TIPOS_BENEFICIO:
        if por_tipo is None:
            base[tipo] = np.nan
        else:
            base[tipo] = por_tipo[tipo].reindex(base.index).fillna(0.0) if tipo in por_tipo else 0.0

    comp = base[list(COMPONENTES)]
    base["total"] = comp.sum(axis=1, skipna=True)
    aportes = (ds.aportes.groupby(PID)["saldo_total"].sum().reindex(base.index).fillna(0.0)
               if ds.aportes is not None else pd.Series(0.0, index=base.index))
    base["aportes"] = aportes
    base["rentabilidad"] = (base["total"] / aportes.where(aportes != 0)) * 100
    totales = {c: float(base[c].sum(skipna=True)) for c in (*COMPONENTES, "total", "aportes")}
    # de-duplicate the list of rates used (one line per product)
    unicas = tuple({(t.producto): t for t in usadas}.values())
    base.index = pd.Index(vig["persona"].to_numpy(), name="persona")  # same order as the ids
    return Beneficios(base, totales, unicas, tuple(faltantes), frozenset(no_calculados), tuple(avisos))


def _diferencial(ds: Dataset, df: pd.DataFrame | None, personas: pd.Index, componente: str, archivo: str,
                 columna_producto: str, columna_saldo: str, signo: int,
                 producto_y_nombre: Callable[[str], tuple[str | None, str]], unidades: tuple[str, str],
                 faltantes: list[str], usadas: list[TasaUsada], no_calculados: set[str]) -> pd.Series:
    """The rate-differential component (crédito or ahorro) per person id: balance x signo x (Tasa Efectiva -
    reference rate of the product) / 100, over the rows with a positive balance.

    A product without a reference rate, or a row without its own Tasa Efectiva, is not computed: named in
    `faltantes`; a person none of whose rows could be computed gets NaN (never 0); the component is
    entirely not computed when no row could be, or when its file was not given.
    """
    valores = pd.Series(0.0, index=personas)
    if df is None:
        valores[:] = np.nan
        no_calculados.add(componente)
        faltantes.append(f"{'crédito' if componente == 'credito' else componente}: no se dio el archivo de {archivo}")
        return valores
    plural, participio = unidades
    df = df[[PID, columna_saldo, "tasa_efectiva", columna_producto]]  # filter a few columns, not the whole frame
    vivos = df[(df[columna_saldo] > 0) & df[PID].isin(personas)]
    sin_tasa = pd.Series(False, index=personas)
    calculado = pd.Series(False, index=personas)
    for clave, grupo in vivos.groupby(columna_producto):
        producto, nombre = producto_y_nombre(str(clave))
        ref = _referencia(ds, producto) if producto else None
        if ref is None:
            faltantes.append(f"{nombre}: sin tasa de referencia ({len(grupo)} {plural} no {participio})")
            sin_tasa.loc[grupo[PID].unique()] = True
            continue
        sin_propia = grupo["tasa_efectiva"].isna()  # a row without its own rate is never read as 0 %
        if sin_propia.any():
            faltantes.append(f"{nombre}: {int(sin_propia.sum())} {plural} sin Tasa Efectiva no {participio}")
            sin_tasa.loc[grupo.loc[sin_propia, PID].unique()] = True
            grupo = grupo[~sin_propia]
            if grupo.empty:
                continue
        usadas.append(ref)
        aporte = grupo[columna_saldo] * signo * (grupo["tasa_efectiva"] - ref.tasa) / 100
        valores = valores.add(aporte.groupby(grupo[PID]).sum(), fill_value=0.0)
        calculado.loc[grupo[PID].unique()] = True
    valores[sin_tasa & ~calculado] = np.nan
    if len(vivos) and not calculado.any():
        no_calculados.add(componente)
    return valores.reindex(personas)
