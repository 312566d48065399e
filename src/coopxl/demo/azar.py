"""Random streams of the simulation: one named numpy generator per component, plus a counter-based hash.

Every component draws from its own stream, derived from (semilla, name), so that adding a draw in one
component never shifts the numbers of another. Values that depend on the cut date (an account balance
that moves from one month to the next, a few days of delay on a loan) come from `uniforme`, a pure
function of (semilla, clave, id): the same loan at the same cut always gets the same number, whichever
other cuts are generated.
"""

from __future__ import annotations

import zlib

import numpy as np

_M1 = np.uint64(0xBF58476D1CE4E5B9)
_M2 = np.uint64(0x94D049BB133111EB)
_ORO = np.uint64(0x9E3779B97F4A7C15)


def generador(semilla: int, nombre: str, *extra: int) -> np.random.Generator:
    """The generator of one component: `default_rng` over (semilla, crc32(nombre), *extra)."""
    return np.random.default_rng([int(semilla), zlib.crc32(nombre.encode("utf-8")), *map(int, extra)])


def _mezclar(x: np.ndarray) -> np.ndarray:
    x = x ^ (x >> np.uint64(30))
    x = x * _M1
    x = x ^ (x >> np.uint64(27))
    x = x * _M2
    return x ^ (x >> np.uint64(31))


def uniforme(semilla: int, clave: str, ids: np.ndarray, *extra: int) -> np.ndarray:
    """Uniform [0, 1) numbers, one per id, a pure function of (semilla, clave, extra, id)."""
    base = np.uint64(zlib.crc32(f"{semilla}|{clave}|{'|'.join(map(str, extra))}".encode()))
    with np.errstate(over="ignore"):
        x = np.asarray(ids, dtype=np.int64).astype(np.uint64) * _ORO + base * _M1
        x = _mezclar(_mezclar(x))
    return (x >> np.uint64(11)).astype(np.float64) / float(2**53)
