"""Terminal output that survives a Windows console: plain-text tables, no character outside cp1252."""

from __future__ import annotations

import sys
import unicodedata
from collections.abc import Sequence


def preparar_salida() -> None:
    """Never crash on a character the console cannot encode (cp1252, cp850): replace it instead."""
    for flujo in (sys.stdout, sys.stderr):
        reconfigurar = getattr(flujo, "reconfigure", None)
        if reconfigurar is not None:
            reconfigurar(errors="replace")


def _ancho(texto: str) -> int:
    return sum(0 if unicodedata.combining(ch) else 1 for ch in texto)


def tabla(encabezados: Sequence[str], filas: Sequence[Sequence[object]], alinear_derecha: Sequence[int] = (),
          max_ancho: int = 60) -> str:
    """A plain table: columns padded with spaces, a dashed rule under the header, long cells cut."""
    celdas = [[_corto("" if v is None else str(v), max_ancho) for v in fila] for fila in filas]
    anchos = [max([_ancho(h)] + [_ancho(f[i]) for f in celdas]) for i, h in enumerate(encabezados)]

    def linea(valores: Sequence[str]) -> str:
        partes = []
        for i, v in enumerate(valores):
            relleno = " " * (anchos[i] - _ancho(v))
            partes.append(relleno + v if i in alinear_derecha else v + relleno)
        return "  ".join(partes).rstrip()

    salida = [linea(list(encabezados)), "  ".join("-" * a for a in anchos)]
    salida += [linea(f) for f in celdas]
    return "\n".join(salida)


def _corto(texto: str, n: int) -> str:
    texto = " ".join(texto.split())
    return texto if len(texto) <= n else texto[: n - 3] + "..."
