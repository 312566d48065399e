"""Several cuts of one entity: associates per product cut by cut, and the union of disbursements.

`coopxl libro CORTE1 CORTE2 ...` (and `coopxl balance`) read one folder per cut. The latest cut is C, the
one the Balance Social is about; the earlier ones give:

- the monthly series of **associates per product**: at each cut, the number of distinct persons who are
  vigente associates *at that cut* (Dataset.vigentes of that cut's own Dataset) and hold at least one row of
  the product with a balance > 0 (docs/reglas.md, «Varios cortes»);
- the **union of disbursements**: a loan disbursed in P and paid off before C is missing from C's cartera
  but was reported by an earlier cut. `con_desembolsos_anteriores` adds those rows to C's cartera with every
  balance set to 0, and rebuilds C's Dataset through `dataset.construir`, so the person ids, the populations
  (activo, desembolsos...) and the workbook's Cartera sheet (written from ds.cartera) all see the same rows.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import itertools
from collections.abc import Sequence
from dataclasses import dataclass, replace
from pathlib import Path

import numpy as np
import pandas as pd

from coopxl.beneficios import MODALIDADES, NOMBRE_AHORRO, NOMBRE_MODALIDAD, PRODUCTO_AHORRO
from coopxl.dataset import AVISO_UN_CORTE, PID, Dataset, cargar_dataset, construir
from coopxl.sicses.descubrimiento import Lectura
from coopxl.sicses.problemas import Informe


class ErrorCortes(ValueError):
    """The folders given cannot be read as a series of cuts (Spanish message)."""


# --- the products -----------------------------------------------------------------------------------

@dataclass(frozen=True)
class Producto:
    """A product whose holders are counted: rows of `reporte` with `saldo` > 0 (and `columna` == `valor`)."""

    clave: str
    nombre: str  # Spanish, as the sheet and the console show it
    reporte: str
    saldo: str
    columna: str | None = None
    valor: str | None = None


VIGENTES = "asociados_vigentes"
NOMBRE_VIGENTES = "Asociados vigentes"

PRODUCTOS: tuple[Producto, ...] = (
    *(Producto(clave, NOMBRE_AHORRO[clave][:1].upper() + NOMBRE_AHORRO[clave][1:], "captaciones",
               "saldo_disponible", "tipo_ahorro", tipo) for tipo, clave in PRODUCTO_AHORRO.items()),
    *(Producto(f"credito_{m}", f"Crédito {NOMBRE_MODALIDAD[m]}", "cartera", "saldo_capital", "modalidad_credito",
               m) for m in (*MODALIDADES, "otra")),
    Producto("credito", "Crédito (cualquier modalidad)", "cartera", "saldo_capital"),
    Producto("aportes", "Aportes sociales", "aportes", "saldo_total"),
)
COLUMNAS: tuple[tuple[str, str], ...] = ((VIGENTES, NOMBRE_VIGENTES), *((p.clave, p.nombre) for p in PRODUCTOS))


def _vigentes_por_pid(ds: Dataset) -> np.ndarray | None:
    """Per person id of the asociados file: whether the person is vigente at the cut (None: no asociados)."""
    a = ds.asociados
    if a is None:
        return None
    pids = a[PID].to_numpy(np.int64)
    marca = np.zeros(int(pids.max()) + 1 if len(pids) else 0, dtype=bool)
    marca[pids[a["vigente"].to_numpy(bool)]] = True
    return marca


def asociados_por_producto(ds: Dataset) -> dict[str, int | None]:
    """Distinct vigente associates of the cut holding each product with a balance > 0, and the vigentes.

    None (sin dato) when the asociados file or the product's report was not given: never a 0."""
    vigente = _vigentes_por_pid(ds)
    salida: dict[str, int | None] = {VIGENTES: None if vigente is None else int(vigente.sum())}
    for p in PRODUCTOS:
        df = getattr(ds, p.reporte)
        if vigente is None or df is None:
            salida[p.clave] = None
            continue
        filas = (df[p.saldo] > 0).to_numpy(bool) & (df[PID] >= 0).to_numpy(bool)
        if p.columna is not None:
            filas &= (df[p.columna] == p.valor).to_numpy(bool)
        pids = df[PID].to_numpy(np.int64)[filas]
        salida[p.clave] = int(np.unique(pids[vigente[pids]]).size)
    return salida


# --- the series -------------------------------------------------------------------------------------

@dataclass(frozen=True)
class CorteEvolucion:
    corte: dt.date
    carpeta: str
    asociados: dict[str, int | None]  # VIGENTES and every product clave -> count (None: sin dato)


@dataclass(frozen=True)
class Evolucion:
    """The cuts oldest first; growth of a column at cut i is against cut i - 1 (none for the first)."""

    cortes: tuple[CorteEvolucion, ...]

    def crecimiento(self, i: int, clave: str) -> tuple[int | None, float | None]:
        """(change in associates, change in % of the previous count); None where it cannot be said: first
        cut, a sin-dato count, or (for the %) a previous count of 0."""
        if i == 0:
            return None, None
        antes, ahora = self.cortes[i - 1].asociados[clave], self.cortes[i].asociados[clave]
        if antes is None or ahora is None:
            return None, None
        return ahora - antes, (None if antes == 0 else (ahora - antes) / antes * 100.0)


def evolucion(datasets: Sequence[Dataset]) -> Evolucion:
    """The series of associates per product over the given cuts (any order; two with the same cut refused)."""
    ordenados = ordenar_cortes(datasets)
    return Evolucion(tuple(CorteEvolucion(ds.corte, _nombre_carpeta(ds), asociados_por_producto(ds))
                           for ds in ordenados))


def ordenar_cortes(datasets: Sequence[Dataset]) -> list[Dataset]:
    """The Datasets by cut date, oldest first; two folders with the same cut are refused."""
    ordenados = sorted(datasets, key=lambda d: d.corte)
    for a, b in itertools.pairwise(ordenados):
        if a.corte == b.corte:
            raise ErrorCortes(f"las carpetas «{a.carpeta}» y «{b.carpeta}» tienen la misma fecha de corte "
                              f"({a.corte:%d/%m/%Y}): indique una sola carpeta por corte (la fecha de corte de "
                              "cada carpeta es la clave fecha_corte de su archivo de complementarios).")
    return ordenados


def _nombre_carpeta(ds: Dataset) -> str:
    return ds.carpeta.name if ds.carpeta is not None else ""


# --- the union of disbursements ----------------------------------------------------------------------

# Columns of an added loan that hold a balance or arrears: 0, the loan was paid off by C.
SALDOS_CARTERA = ("saldo_capital", "saldo_interes", "otro_saldo", "valor_mora", "edad_mora")
ORIGEN_CORTE = "_corte_origen"  # the earlier cut an added row comes from (NaT on C's own rows)
ORIGEN_ARCHIVO = "_archivo_origen"  # "<folder>/<file>" of that cut's cartera file
LINEA = "_linea"


def prestamos_faltantes(ds: Dataset, anteriores: Sequence[Dataset]) -> tuple[pd.DataFrame, int]:
    """The earlier cuts' cartera rows of loans disbursed in C's period whose Pagaré is not in C's cartera.

    A loan is its Pagaré (as the workbook's «Desembolso en P (una vez por pagaré)» counts it): the latest
    earlier cut that reports it wins. Rows without a Pagaré cannot be matched with C's rows and are left out;
    their number (disbursed in P) is returned with the rows."""
    if ds.cartera is None:
        return pd.DataFrame(), 0
    vistos = set(ds.cartera["pagare"][ds.cartera["pagare"].fillna("") != ""])
    partes: list[pd.DataFrame] = []
    sin_numero = 0
    for ant in sorted(anteriores, key=lambda d: d.corte, reverse=True):
        k = ant.cartera
        if k is None or ant.corte >= ds.corte:
            continue
        en_p = ds.periodo.contiene(k["fecha_desembolso"]).to_numpy(bool)
        numero = k["pagare"].fillna("").astype(str)
        sin_numero += int((en_p & (numero == "").to_numpy(bool)).sum())
        nuevas = en_p & (numero != "").to_numpy(bool) & ~numero.isin(vistos).to_numpy(bool)
        filas = k[nuevas].drop_duplicates("pagare", keep="first")
        if not len(filas):
            continue
        vistos.update(filas["pagare"])
        filas = filas.copy()
        filas[ORIGEN_CORTE] = pd.Timestamp(ant.corte)
        nombre = ant.archivos.get("cartera", "cartera")
        filas[ORIGEN_ARCHIVO] = f"{_nombre_carpeta(ant)}/{nombre}" if ant.carpeta is not None else nombre
        partes.append(filas)
    if not partes:
        return pd.DataFrame(), sin_numero
    return pd.concat(partes, ignore_index=True), sin_numero


def con_desembolsos_anteriores(ds: Dataset, lectura: Lectura, anteriores: Sequence[Dataset]) -> Dataset:
    """C's Dataset with the loans of `prestamos_faltantes` appended to its cartera (balances 0), rebuilt.

    `lectura` is C's reading (its cartera frame as loaded). The rebuilt Dataset keeps C's cut, parameters,
    previous-year Dataset and warnings; the single-cut warning on disbursements is replaced by what was
    added. Without earlier cuts, or without a cartera file, `ds` is returned as it is."""
    anteriores = [a for a in anteriores if a.corte < ds.corte]
    carga = lectura.cargas.get("cartera")
    if not anteriores or ds.cartera is None or carga is None:
        return ds
    faltantes, sin_numero = prestamos_faltantes(ds, anteriores)
    avisos = [a for a in ds.advertencias if a != AVISO_UN_CORTE]
    primero = min(a.corte for a in anteriores)
    avisos.append(
        f"Los desembolsos del periodo reúnen {len(anteriores) + 1} cortes (desde el {primero:%d/%m/%Y}): se "
        f"agregaron {len(faltantes)} crédito(s) desembolsados en el periodo que ya no están en la cartera del "
        f"corte, con saldo 0. Un crédito desembolsado y cancelado entre dos cortes entregados, o antes del "
        f"primero, no se ve.")
    if sin_numero:
        avisos.append(f"{sin_numero} crédito(s) de los cortes anteriores sin número de pagaré no se pueden cruzar "
                      "con la cartera del corte y no se agregaron.")
    if not len(faltantes):
        return replace(ds, advertencias=tuple(avisos))
    propia = carga.datos
    agregadas = faltantes.reindex(columns=[*propia.columns, ORIGEN_CORTE, ORIGEN_ARCHIVO])
    for c in SALDOS_CARTERA:
        if c in agregadas:
            agregadas[c] = 0.0
    for c in propia.columns:  # same dtypes as C's own frame (the readers' typed columns)
        if c in agregadas and agregadas[c].dtype != propia[c].dtype:
            with contextlib.suppress(TypeError, ValueError):  # e.g. an integer column left blank before
                agregadas[c] = agregadas[c].astype(propia[c].dtype)
    union = pd.concat([propia, agregadas], ignore_index=True)
    cargas = {**lectura.cargas, "cartera": replace(carga, datos=union)}
    # A fresh Informe: the rebuild would repeat the complementarios warnings already in C's report.
    lectura_union = Lectura(lectura.carpeta, cargas, Informe(), list(lectura.no_reconocidos))
    nuevo = construir(lectura_union, ds.corte, parametros=ds.parametros, anterior=ds.anterior)
    return replace(nuevo, advertencias=tuple(avisos), archivos=dict(ds.archivos), carpeta=ds.carpeta)


# --- reading several folders -------------------------------------------------------------------------

@dataclass(frozen=True)
class Cortes:
    """Several cut folders read: C (with the union of disbursements), its reading, the earlier cuts."""

    actual: Dataset
    lectura: Lectura  # C's reading; its report also carries the earlier folders' errors
    anteriores: tuple[Dataset, ...]  # oldest first

    def evolucion(self) -> Evolucion:
        return evolucion([*self.anteriores, self.actual])


def cargar_cortes(carpetas: Sequence[Path], corte: dt.date | None = None, anterior: Path | None = None) -> Cortes:
    """Read one folder per cut; the latest cut is C. Each folder's cut is its own fecha_corte (complementarios),
    so `corte` is only accepted with one folder; `anterior` is the previous year's folder of C (growth
    indicators), as in `cargar_dataset`."""
    carpetas = [Path(c) for c in carpetas]
    if not carpetas:
        raise ErrorCortes("indique al menos una carpeta con los reportes.")
    if len(carpetas) == 1:
        ds, lectura = cargar_dataset(carpetas[0], corte, anterior=anterior)
        return Cortes(ds, lectura, ())
    if corte is not None:
        raise ErrorCortes("--corte solo se puede usar con una carpeta: con varias, cada carpeta toma su fecha de "
                          "corte de la clave fecha_corte de su archivo de complementarios.")
    leidos = [cargar_dataset(c) for c in carpetas]
    por_ds = {id(ds): (ds, lec, c) for (ds, lec), c in zip(leidos, carpetas, strict=True)}
    ordenados = ordenar_cortes([ds for ds, _ in leidos])
    ds_c, lectura_c, carpeta_c = por_ds[id(ordenados[-1])]
    if anterior is not None:
        ds_c, lectura_c = cargar_dataset(carpeta_c, ds_c.corte, anterior=anterior)
    for ds in ordenados[:-1]:  # the earlier folders' errors, named by folder, in C's report
        _, lec, c = por_ds[id(ds)]
        lectura_c.informe.extender(replace(p, archivo=f"{c.name}/{p.archivo}")
                                   for p in lec.informe.todos() if p.severidad == "error")
    anteriores = tuple(ordenados[:-1])
    return Cortes(con_desembolsos_anteriores(ds_c, lectura_c, anteriores), lectura_c, anteriores)
