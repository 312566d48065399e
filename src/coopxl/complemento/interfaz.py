"""What the add-in's buttons need from an open workbook, and nothing more.

The actions (`acciones.py`) only talk to a `LibroAbierto`: the same code runs in tests over an openpyxl
file (`libro_openpyxl.py`) and in Excel over xlwings (`udfs/coopxl_botones.py`). Rows and columns are
1-based as the user sees them; `leer` starts at A1 so that row i of the list is sheet row i + 1 (a problem
reported at «fila 5» is row 5 of the sheet).
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from pathlib import Path
from typing import Protocol, runtime_checkable

Filas = list[list[object]]
MAX_FILAS_EXCEL = 1_048_576


@runtime_checkable
class LibroAbierto(Protocol):
    def hojas(self) -> list[str]:
        """The sheet names, in the workbook's order."""
        ...

    def leer(self, hoja: str) -> Filas:
        """The values of a sheet from A1 to the last used cell (empty cells as None)."""
        ...

    def escribir(self, hoja: str, filas: Sequence[Sequence[object]]) -> None:
        """Replace the contents of `hoja` (created at the end when missing) by `filas` from A1. Strings are
        written as text, never read as a formula, a number or a date."""
        ...

    def activar(self, hoja: str) -> None:
        """Show `hoja` to the user (the sheet a button just wrote)."""
        ...

    def carpeta(self) -> Path | None:
        """The folder of the saved workbook, None when it was never saved (or lives only online)."""
        ...

    def estado(self, mensaje: str) -> None:
        """A progress or result message for the user (Excel's status bar)."""
        ...

    def filas_seleccionadas(self, hoja: str) -> list[tuple[int, int]] | None:
        """The row spans (first, last) of the cells selected on `hoja` — each sheet keeps its own selection,
        active or not: the user selects rows on Asociados, then presses a button on another sheet — or None
        when unknown (see `rangos_de_direccion`)."""
        ...

    def preguntar(self, mensaje: str) -> str:
        """Ask the user a yes/no/cancel question: "si", "no" or "cancelar"."""
        ...


_CELDA = re.compile(r"^\$?([A-Za-z]{1,3})?\$?(\d+)?$")


def rangos_de_direccion(direccion: str) -> list[tuple[int, int]]:
    """The row spans (first, last) a selection address covers: Excel's "$A$2:$C$5,$A$8" (areas split by
    commas), openpyxl's "A2:C5 A8" (by spaces), whole rows "$2:$5" and whole columns "$A:$A" (every row).
    A part that is not a cell reference is ignored."""
    rangos: list[tuple[int, int]] = []
    for area in re.split(r"[,;\s]+", direccion.strip()):
        area = area.rsplit("!", 1)[-1]  # 'Hoja'!A1 forms
        partes = area.split(":")
        if not area or len(partes) > 2:
            continue
        coincidencias = [_CELDA.match(p) for p in partes]
        if any(m is None or (m.group(1) is None and m.group(2) is None) for m in coincidencias):
            continue
        if len(partes) == 1 and coincidencias[0].group(2) is None:  # a column alone ("A") is not an address
            continue
        numeros = [int(m.group(2)) if m.group(2) else None for m in coincidencias if m is not None]
        desde, hasta = numeros[0], numeros[-1]
        if desde is None or hasta is None:  # a whole column
            rangos.append((1, MAX_FILAS_EXCEL))
        else:
            rangos.append((min(desde, hasta), max(desde, hasta)))
    return rangos
