"""A report ready to write: its header and one typed column per header (pyarrow arrays).

Strings, integers, decimals (rounded to cents) and dates are kept typed so that each writer renders
them its own way: Colombian text in the CSV, real numbers and dates in the xlsx. Small tables (the
complementarios, the reference rates) may carry plain Python lists whose cells mix types.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date

import numpy as np
import pyarrow as pa

from coopxl.demo.calendario import NUNCA

Celda = str | int | float | date | None
Columna = pa.Array | list[Celda]


@dataclass(frozen=True)
class Tabla:
    id: str
    encabezados: tuple[str, ...]
    columnas: tuple[Columna, ...]

    def __post_init__(self) -> None:
        if len(self.encabezados) != len(self.columnas):
            raise ValueError(f"{self.id}: {len(self.encabezados)} encabezados y "
                             f"{len(self.columnas)} columnas")
        largos = {len(c) for c in self.columnas}
        if len(largos) > 1:
            raise ValueError(f"{self.id}: columnas de largos distintos {sorted(largos)}")

    @property
    def filas(self) -> int:
        return len(self.columnas[0]) if self.columnas else 0


def _mascara(nulos: np.ndarray | None, n: int) -> np.ndarray | None:
    if nulos is None:
        return None
    m = np.asarray(nulos, dtype=bool)
    return m if m.any() else None


def texto(valores: Sequence[str] | np.ndarray, nulos: np.ndarray | None = None) -> pa.Array:
    """Strings; empty strings become empty cells."""
    v = np.asarray(valores)
    if v.dtype.kind == "U":
        v = v.astype(object)
    vacio = v == ""
    if nulos is not None:
        vacio = vacio | np.asarray(nulos, dtype=bool)
    arr = pa.array(v, type=pa.string(), mask=_mascara(vacio, len(v)))
    return arr.combine_chunks() if isinstance(arr, pa.ChunkedArray) else arr


def entero(valores: np.ndarray, nulos: np.ndarray | None = None) -> pa.Array:
    v = np.asarray(valores).astype(np.int64)
    return pa.array(v, type=pa.int64(), mask=_mascara(nulos, len(v)))


def decimal(valores: np.ndarray, nulos: np.ndarray | None = None) -> pa.Array:
    v = np.round(np.asarray(valores, dtype=np.float64), 2)
    return pa.array(v, type=pa.float64(), mask=_mascara(nulos, len(v)))


def fecha(dias: np.ndarray, nulos: np.ndarray | None = None) -> pa.Array:
    """Day numbers to dates; `NUNCA` (and `nulos`) become empty cells."""
    d = np.asarray(dias, dtype=np.int64)
    vacio = d >= NUNCA
    if nulos is not None:
        vacio = vacio | np.asarray(nulos, dtype=bool)
    seguro = np.where(vacio, 0, d).astype("datetime64[D]")
    return pa.array(seguro, type=pa.date32(), mask=_mascara(vacio, len(d)))
