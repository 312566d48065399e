"""Populations the indicators and the beneficio solidario share, computed once per Dataset.

They are kept on the (frozen) Dataset itself (`dataset.una_vez`, as the beneficio solidario is). Everything
works on the integer person id `_pid` (one id per distinct person of the asociados file, -1 for a person who
is not there): membership is array indexing, never string matching, and no whole frame of text columns is
filtered.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

import numpy as np
import pandas as pd

from coopxl.dataset import PID, primera_por_id, una_vez

if TYPE_CHECKING:
    from coopxl.dataset import Dataset

def filas_vigentes(ds: Dataset) -> np.ndarray:
    """Positions in `ds.asociados` of the first row of each vigente person, in file order (what
    `ds.vigentes.drop_duplicates(PID)` keeps), without filtering the whole frame."""
    return una_vez(ds, "filas_vigentes", lambda d: primeras_filas(d, d.asociados["vigente"])
                   if d.asociados is not None else np.zeros(0, dtype=np.int64))


def primeras_filas(ds: Dataset, mascara: pd.Series) -> np.ndarray:
    """Positions in `ds.asociados` of the first row of each person among the rows of `mascara`, in file order
    (what `asociados[mascara].drop_duplicates(PID)` keeps)."""
    filas = np.flatnonzero(mascara.to_numpy(dtype=bool))
    if not len(filas):
        return filas
    ids = ds.asociados[PID].to_numpy(dtype=np.int64)
    primera = primera_por_id(ids, filas, int(ids[filas].max()) + 1)
    primera = primera[primera >= 0]
    primera.sort()
    return primera


def vigentes_unicos(ds: Dataset, columnas: list[str]) -> pd.DataFrame:
    """One row per vigente person (its first row) with `columnas`; an empty frame without asociados."""
    if ds.asociados is None:
        return ds.vigentes[columnas]
    return ds.asociados[columnas].take(filas_vigentes(ds))


def ids_vigentes(ds: Dataset) -> np.ndarray:
    """The person id of each vigente person, in file order."""
    return una_vez(ds, "ids_vigentes", _ids_vigentes)


def _ids_vigentes(ds: Dataset) -> np.ndarray:
    if ds.asociados is None:
        return np.zeros(0, dtype=np.int64)
    return ds.asociados[PID].to_numpy(dtype=np.int64)[filas_vigentes(ds)]


def total_vigentes(ds: Dataset) -> int:
    """Distinct vigente persons: `ds.total_asociados` without building `ds.vigentes`."""
    return len(ids_vigentes(ds))


def posicion(ids: np.ndarray, pids: np.ndarray) -> np.ndarray:
    """For each id of `pids`, its position in `ids` (distinct, >= 0), -1 when absent (id -1 included)."""
    pids = np.asarray(pids, dtype=np.int64)
    tope = max(int(ids.max()) if len(ids) else 0, int(pids.max()) if len(pids) else 0) + 2
    lugar = np.full(tope, -1, dtype=np.int64)
    lugar[ids] = np.arange(len(ids), dtype=np.int64)
    return lugar[pids]  # id -1 reads the last slot, never written


def por_posicion(sumas: pd.Series, ids: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """A value per person id (the index of `sumas`) laid over `ids` (in their order): the values, 0 where an id
    has none, and which ids have one. Replaces `Series.add(..., fill_value=0)` + `reindex`, which align
    whole indexes."""
    valores = np.zeros(len(ids))
    tiene = np.zeros(len(ids), dtype=bool)
    pos = posicion(ids, sumas.index.to_numpy())
    dentro = pos >= 0
    valores[pos[dentro]] = sumas.to_numpy(dtype=np.float64)[dentro]
    tiene[pos[dentro]] = True
    return valores, tiene


def cuantos_vigentes(ds: Dataset, pids: np.ndarray) -> int:
    """How many distinct vigente persons are among the ids `pids`."""
    vig = ids_vigentes(ds)
    if not len(vig) or not len(pids):
        return 0
    dentro = posicion(vig, pids)
    return distintos(dentro[dentro >= 0])


def distintos(ids: np.ndarray) -> int:
    """How many distinct values among non-negative integer ids (marking, not np.unique: no sort, no hash)."""
    if not len(ids):
        return 0
    marca = np.zeros(int(ids.max()) + 1, dtype=bool)
    marca[ids] = True
    return int(np.count_nonzero(marca))


def primera_fila(ds: Dataset) -> np.ndarray:
    """Per person id of asociados: its first row in the file (every id below the number of persons has one)."""
    return una_vez(ds, "primera_fila", _primera_fila)


def _primera_fila(ds: Dataset) -> np.ndarray:
    a = ds.asociados
    if a is None or not len(a):
        return np.zeros(0, dtype=np.int64)
    ids = a[PID].to_numpy(dtype=np.int64)
    return primera_por_id(ids, np.arange(len(ids), dtype=np.int64), int(ids.max()) + 1)


def codigo_genero(ds: Dataset, pids: np.ndarray) -> np.ndarray:
    """The Género of each person id, read on the person's first asociados row: 1, 2 or 3 (the code), 0 for
    another code, -1 for an unknown one (a person not in asociados, or a blank Género)."""
    por_fila = una_vez(ds, "genero_filas", _genero_filas)
    pids = np.asarray(pids, dtype=np.int64)
    primera = primera_fila(ds)
    codigos = np.full(len(pids), -1, dtype=np.int8)
    conocido = (pids >= 0) & (pids < len(primera))
    codigos[conocido] = por_fila[primera[pids[conocido]]]
    return codigos


def _genero_filas(ds: Dataset) -> np.ndarray:
    if ds.asociados is None:
        return np.zeros(0, dtype=np.int8)
    g = ds.asociados["genero"]
    codigos = np.zeros(len(g), dtype=np.int8)
    for c in (1, 2, 3):
        codigos[(g == str(c)).to_numpy(dtype=bool)] = c
    codigos[g.isna().to_numpy(dtype=bool)] = -1
    return codigos
