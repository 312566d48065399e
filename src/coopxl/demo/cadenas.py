"""Vectorised text building with numpy's variable-width StringDType (C speed, no Python objects)."""

from __future__ import annotations

import unicodedata
from collections.abc import Iterable

import numpy as np
from numpy.dtypes import StringDType

TEXTO = StringDType()


def textos(valores: Iterable[str]) -> np.ndarray:
    return np.array(list(valores), dtype=TEXTO)


def como_texto(valores: np.ndarray | str) -> np.ndarray | str:
    if isinstance(valores, str):
        return valores
    v = np.asarray(valores)
    return v if v.dtype == TEXTO else v.astype(TEXTO)


def unir(*partes: np.ndarray | str) -> np.ndarray:
    """Element-wise concatenation of text arrays, integer arrays and plain strings."""
    convertidas = [como_texto(p) for p in partes]
    salida = np.strings.add(convertidas[0], convertidas[1])
    for p in convertidas[2:]:
        salida = np.strings.add(salida, p)
    return salida


def elegir(valores: Iterable[str], indices: np.ndarray) -> np.ndarray:
    return textos(valores)[indices]


def si(condicion: np.ndarray, a: np.ndarray | str, b: np.ndarray | str) -> np.ndarray:
    """`np.where` that keeps the text dtype."""
    salida = np.where(condicion, como_texto(a), como_texto(b))
    return salida if salida.dtype == TEXTO else salida.astype(TEXTO)


def slug(texto: str) -> str:
    """Lower case ASCII letters and digits only: 'María José' -> 'mariajose'."""
    s = unicodedata.normalize("NFKD", texto).encode("ascii", "ignore").decode("ascii").lower()
    return "".join(ch for ch in s if ch.isalnum())


def slugs(valores: Iterable[str]) -> np.ndarray:
    return textos(slug(v) for v in valores)
