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
from coopxl.dataset import PID, una_vez
from coopxl.indicadores.poblaciones import filas_vigentes, ids_vigentes, por_posicion, posicion
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


def calcular_beneficios(ds: Dataset) -> Beneficios:
    """The beneficio solidario of a Dataset, computed once per Dataset object (`dataset.una_vez`)."""
    return una_vez(ds, "beneficios", _calcular)


def _calcular(ds: Dataset) -> Beneficios:
    # Work on the integer person id and numpy arrays (positions among the vigentes): no string matching,
    # no alignment of 500k-row indexes. Every sum is still a pandas groupby sum (compensated, in row order),
    # so each figure is the same float as a groupby over the whole frame would give.
    filas = filas_vigentes(ds)
    ids = ids_vigentes(ds)
    n = len(ids)
    base = pd.DataFrame(index=pd.Index(ids, name=PID))
    faltantes: list[str] = []
    no_calculados: set[str] = set()
    usadas: list[TasaUsada] = []
    avisos: list[str] = []

    # crédito: Saldo Capital x (reference - Tasa Efectiva); ahorro: Saldo Disponible x (Tasa Efectiva - reference)
    base["credito"] = _diferencial(
        ds, ds.cartera, ids, "credito", "cartera", "modalidad_credito", "saldo_capital", -1,
        lambda m: (m if m in MODALIDADES else None, f"crédito {NOMBRE_MODALIDAD.get(m, m)}"),
        ("créditos", "incluidos"), faltantes, usadas, no_calculados)
    base["ahorro"] = _diferencial(
        ds, ds.captaciones, ids, "ahorro", "captaciones", "tipo_ahorro", "saldo_disponible", 1,
        lambda t: (PRODUCTO_AHORRO.get(t), NOMBRE_AHORRO.get(PRODUCTO_AHORRO.get(t) or "", "ahorro tipo " + t)),
        ("cuentas", "incluidas"), faltantes, usadas, no_calculados)

    # revalorización: the revalorización file wins when given
    if ds.revalorizacion is not None:
        reval = _suma_por_vigente(ds.revalorizacion, "valor_revalorizado", ids)
        ipc_anterior = ds.parametros.ipc.get(ds.corte.year - 1)
        if ipc_anterior is not None:
            excede = int((ds.revalorizacion["porcentaje"] > ipc_anterior + 1e-9).sum())
            if excede:
                avisos.append(f"{excede} revalorización(es) con porcentaje mayor que el IPC de "
                              f"{ds.corte.year - 1} ({formato.porcentaje(ipc_anterior)}): la Ley 79 de 1988 "
                              "la limita a ese IPC.")
    elif ds.aportes is not None:
        reval = _suma_por_vigente(ds.aportes, "valor_revalorizacion", ids)
    else:
        reval = np.full(n, np.nan)
        no_calculados.add("revalorizacion")
        faltantes.append("revalorización: no se dio el archivo de aportes ni el de revalorización")
    base["revalorizacion"] = reval

    # beneficios entregados en P, by type: one groupby over (person, type) codes, spread into a table
    if ds.beneficios is not None:
        por_tipo = _beneficios_por_tipo(ds, ids)
        for tipo in TIPOS_BENEFICIO:
            base[tipo] = por_tipo.get(tipo, 0.0)
    else:
        no_calculados.update(TIPOS_BENEFICIO)
        faltantes.append("beneficios entregados: no se dio el archivo de beneficios")
        for tipo in TIPOS_BENEFICIO:
            base[tipo] = np.nan

    comp = base[list(COMPONENTES)]
    base["total"] = comp.sum(axis=1, skipna=True)
    aportes = pd.Series(_suma_por_vigente(ds.aportes, "saldo_total", ids) if ds.aportes is not None
                        else np.zeros(n), index=base.index)
    base["aportes"] = aportes
    base["rentabilidad"] = (base["total"] / aportes.where(aportes != 0)) * 100
    totales = {c: float(base[c].sum(skipna=True)) for c in (*COMPONENTES, "total", "aportes")}
    # de-duplicate the list of rates used (one line per product)
    unicas = tuple({(t.producto): t for t in usadas}.values())
    personas = ds.asociados["persona"].array.take(filas) if ds.asociados is not None else ds.vigentes["persona"].array
    # same order as the ids; an empty index stays of dtype object, as pd.Index of an empty numpy array gives
    base.index = pd.Index(personas if len(personas) else personas.to_numpy(), name="persona")
    return Beneficios(base, totales, unicas, tuple(faltantes), frozenset(no_calculados), tuple(avisos))


def _suma_por_vigente(df: pd.DataFrame, columna: str, ids: np.ndarray) -> np.ndarray:
    """Σ `columna` per vigente person (in the order of `ids`), 0 for a person without rows."""
    # Grouped over the whole frame, as always: pandas picks its summation (np.add.reduceat when the group
    # ids come sorted, a compensated sum otherwise) from the whole key column, so the rows grouped fix the
    # float obtained.
    return por_posicion(df.groupby(PID)[columna].sum(), ids)[0]


def _beneficios_por_tipo(ds: Dataset, ids: np.ndarray) -> dict[str, np.ndarray]:
    """Per Tipo Beneficio present among the vigentes' rows of P: Σ Valor per vigente person (0 without rows)."""
    ben = ds.beneficios
    pid = ben[PID].to_numpy()
    dentro = ds.periodo.contiene(ben["fecha"]).to_numpy(dtype=bool) & (posicion(ids, pid) >= 0)
    codigos, tipos = pd.factorize(ben["tipo_beneficio"], sort=True)
    k = max(len(tipos), 1)
    if (codigos[dentro] < 0).any():  # a blank type: the plain (person, type) groupby drops those rows
        sumas = ben["valor"][dentro].groupby([pid[dentro], ben["tipo_beneficio"][dentro]]).sum()
        personas = sumas.index.get_level_values(0).to_numpy()
        cod_tipo = tipos.get_indexer(sumas.index.get_level_values(1))
    else:
        # One integer key person x k + type (types in sorted order): the same groups, in the same sorted
        # order, as a groupby on (person, type), so the same sums, without combining two keys.
        sumas = pd.Series(ben["valor"].to_numpy()[dentro]).groupby(pid[dentro] * k + codigos[dentro]).sum()
        clave = sumas.index.to_numpy()
        personas, cod_tipo = clave // k, clave % k
    valores = sumas.to_numpy(dtype=np.float64)
    por_tipo: dict[str, np.ndarray] = {}
    if not len(valores):
        return por_tipo
    for c in np.unique(cod_tipo):
        de_tipo = cod_tipo == c
        por_tipo[str(tipos[c])] = por_posicion(pd.Series(valores[de_tipo], index=personas[de_tipo]), ids)[0]
    return por_tipo


def _diferencial(ds: Dataset, df: pd.DataFrame | None, ids: np.ndarray, componente: str, archivo: str,
                 columna_producto: str, columna_saldo: str, signo: int,
                 producto_y_nombre: Callable[[str], tuple[str | None, str]], unidades: tuple[str, str],
                 faltantes: list[str], usadas: list[TasaUsada], no_calculados: set[str]) -> np.ndarray:
    """The rate-differential component (crédito or ahorro) per vigente person (in the order of `ids`): balance x
    signo x (Tasa Efectiva - reference rate of the product) / 100, over the rows with a positive balance.

    A product without a reference rate, or a row without its own Tasa Efectiva, is not computed: named in
    `faltantes`; a person none of whose rows could be computed gets NaN (never 0); the component is
    entirely not computed when no row could be, or when its file was not given. Products are taken in
    sorted order (as a groupby would), which fixes the order of `faltantes` and of the additions.
    """
    n = len(ids)
    if df is None:
        no_calculados.add(componente)
        faltantes.append(f"{'crédito' if componente == 'credito' else componente}: no se dio el archivo de {archivo}")
        return np.full(n, np.nan)
    plural, participio = unidades
    pid = df[PID].to_numpy()
    pos = posicion(ids, pid)
    saldo = df[columna_saldo].to_numpy(dtype=np.float64)
    codigos, productos = pd.factorize(df[columna_producto])
    vivos = (saldo > 0) & (pos >= 0) & (codigos >= 0)
    valores = np.zeros(n)
    sin_tasa = np.zeros(n, dtype=bool)
    calculado = np.zeros(n, dtype=bool)
    tasa = df["tasa_efectiva"].to_numpy(dtype=np.float64)
    cuenta = np.bincount(codigos[vivos], minlength=len(productos))
    for c in sorted((c for c in range(len(productos)) if cuenta[c]), key=lambda c: productos[c]):
        producto, nombre = producto_y_nombre(str(productos[c]))
        ref = _referencia(ds, producto) if producto else None
        en_grupo = vivos & (codigos == c)
        if ref is None:
            faltantes.append(f"{nombre}: sin tasa de referencia ({int(cuenta[c])} {plural} no {participio})")
            sin_tasa[pos[en_grupo]] = True
            continue
        sin_propia = en_grupo & np.isnan(tasa)  # a row without its own rate is never read as 0 %
        if sin_propia.any():
            faltantes.append(f"{nombre}: {int(sin_propia.sum())} {plural} sin Tasa Efectiva no {participio}")
            sin_tasa[pos[sin_propia]] = True
            en_grupo &= ~sin_propia
            if not en_grupo.any():
                continue
        usadas.append(ref)
        aporte = saldo[en_grupo] * signo * (tasa[en_grupo] - ref.tasa) / 100
        # the same groupby on the same rows and keys as a pandas groupby of the group: the same floats
        suma, tiene = por_posicion(pd.Series(aporte).groupby(pid[en_grupo]).sum(), ids)
        valores[tiene] = valores[tiene] + suma[tiene]
        calculado |= tiene
    valores[sin_tasa & ~calculado] = np.nan
    if vivos.any() and not calculado.any():
        no_calculados.add(componente)
    return valores
