"""The report sheets of an open workbook turned into a Dataset: the part the UDFs and the buttons share.

The user pastes each report into a sheet named like it (Asociados, Aportes, Captaciones, Cartera,
Directivos, Catalogo, Beneficios, Asamblea, Revalorizacion, Complementarios; optional Parametros = reference
rates, or Smmlv_ipc, Tasas_referencia, Generales…), header row first. `dataset_desde_hojas` reads those 2-D
lists through the very readers of the files (`coopxl.sicses.desde_tabla`), builds and validates the Dataset
exactly as `cargar_dataset` does with a folder. One difference with a folder: a sheet that holds only its
header row is a report not pasted (the template ships every report sheet with its header), not an empty file
to warn about.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping

from coopxl.dataset import Dataset, construir
from coopxl.sicses.desde_tabla import leer_hojas, parametros_de_hojas
from coopxl.sicses.layouts import normalizar_encabezado
from coopxl.sicses.problemas import Informe
from coopxl.sicses.validacion import validar


class ErrorCoopxl(Exception):
    """A user-facing problem of the add-in, said in Spanish (in the cell, the status bar or a message box)."""


def dataset_desde_hojas(hojas: Mapping[str, object], corte: dt.date | None = None) -> tuple[Dataset, Informe]:
    """The Dataset of the report sheets (sheet name -> 2-D list, header row first) and its problems,
    read, built and validated exactly as `cargar_dataset` does with a folder."""
    hojas = {n: v for n, v in hojas.items() if not solo_encabezado(v)}
    informe = Informe()
    lectura = leer_hojas(hojas, informe)
    if "asociados" not in lectura.cargas:
        if any(normalizar_encabezado(n) == "asociados" for n in hojas):
            primero = next((p.texto() for p in informe.todos() if p.severidad == "error"), "")
            raise ErrorCoopxl("la hoja Asociados no se pudo leer" + (f" ({primero})" if primero else ""))
        raise ErrorCoopxl("falta la hoja Asociados (pegue allí el reporte de asociados, con su encabezado)")
    parametros = parametros_de_hojas(hojas, informe)
    ds = construir(lectura, corte, parametros)
    validar(ds, lectura)
    return ds, informe


def _vacia(v: object) -> bool:
    return v is None or (isinstance(v, str) and not v.strip())


def solo_encabezado(valores: object) -> bool:
    """Whether a sheet's values (as xlwings gives them: a scalar, one row, or rows) hold at most one non-empty
    row: nothing pasted under the header. Stops at the second non-empty row (sheets can be large)."""
    if not isinstance(valores, list | tuple) or not any(isinstance(f, list | tuple) for f in valores):
        return True
    llenas = 0
    for fila in valores:
        celdas = fila if isinstance(fila, list | tuple) else (fila,)
        if not all(_vacia(v) for v in celdas):
            llenas += 1
            if llenas > 1:
                return False
    return True
