"""Reports pasted into a workbook's sheets (2-D lists, header row first) loaded like files.

The Excel add-in reads each sheet's used range (what xlwings gives for `sheet.used_range.value`: rows of
float / str / datetime / None). Each sheet becomes a `Muestra` of a workbook whose rows are those lists,
so the header mapping, the conversions and every problem (sheet name as the file, row, column) are
those of `carga.cargar` — there is no second reader. Sheets are recognised by their name (exactly
Asociados, Aportes, …), or by their header when the name is another; sheets that are neither (the user's own
sheets, the one holding the formulas) are ignored in silence.
"""

from __future__ import annotations

import csv
import datetime as dt
import hashlib
import io
import tempfile
from collections.abc import Mapping, Sequence
from pathlib import Path

from coopxl.parametros import ARCHIVOS as ARCHIVOS_PARAMETROS
from coopxl.parametros import Parametros, cargar_parametros
from coopxl.sicses.carga import _asignar, cargar, encabezado_por_posicion, ubicar_encabezado
from coopxl.sicses.descubrimiento import Lectura
from coopxl.sicses.layouts import LAYOUTS, Layout, normalizar_encabezado
from coopxl.sicses.lectura import LINEAS_MUESTRA, Muestra, celda_texto
from coopxl.sicses.problemas import Informe

Tabla = Sequence[Sequence[object]]

# Sheet names (normalised) that hold a parámetros file; "Parametros" alone is the reference rates,
# the one file an entity usually edits (the demo ships it next to the reports).
HOJAS_PARAMETROS = {normalizar_encabezado(Path(a).stem): a for a in ARCHIVOS_PARAMETROS}
HOJAS_PARAMETROS["parametros"] = "tasas_referencia.csv"


class _Hoja:
    """Stands in for a calamine sheet: `leer_xlsx` asks it for its rows."""

    def __init__(self, filas: list[list[object]]) -> None:
        self._filas = filas

    def to_python(self, skip_empty_area: bool = False, nrows: int | None = None) -> list[list[object]]:
        return self._filas if nrows is None else self._filas[:nrows]


def _celda(v: object) -> object:
    """A cell as calamine gives it: "" for empty, a date as a datetime, numbers as float."""
    if v is None:
        return ""
    if isinstance(v, bool):
        return float(v)
    if isinstance(v, int):
        return float(v)
    if isinstance(v, dt.date) and not isinstance(v, dt.datetime):
        return dt.datetime(v.year, v.month, v.day)
    return v


def normalizar_tabla(valores: object) -> list[list[object]]:
    """xlwings gives a scalar for a one-cell range and a flat list for a one-row range: always rows."""
    if valores is None:
        return []
    if not isinstance(valores, list | tuple):
        return [[_celda(valores)]]
    if valores and not any(isinstance(f, list | tuple) for f in valores):
        return [[_celda(v) for v in valores]]
    filas = [[_celda(v) for v in f] if isinstance(f, list | tuple) else [_celda(f)] for f in valores]
    ancho = max((len(f) for f in filas), default=0)
    return [f + [""] * (ancho - len(f)) for f in filas]


def muestra_de_tabla(nombre: str, filas: list[list[object]]) -> Muestra:
    lineas = [[celda_texto(v) for v in f] for f in filas[:LINEAS_MUESTRA]]
    return Muestra(Path(nombre), lineas, hoja=nombre, libro=True, _hoja=_Hoja(filas))


def layout_de_hoja(nombre: str, m: Muestra) -> Layout | None:
    """The report a sheet holds: its name when it is exactly a report's (Asociados, Catalogo…), else its
    header. The file-name hints are not used: a user's sheet called "Balance" is no catálogo."""
    clave = normalizar_encabezado(nombre)
    if clave in LAYOUTS:
        return LAYOUTS[clave]
    mejor: tuple[tuple[int, float], Layout] | None = None
    for lay in LAYOUTS.values():
        minimo = min(lay.firma_minima, len(lay.columnas))
        for celdas in m.lineas:
            asignacion = _asignar(celdas, lay)[0]
            if len(asignacion) < minimo:
                continue
            puntos = (sum(1 for c in lay.requeridas if c.nombre in asignacion) + len(asignacion),
                      len(asignacion) / len(lay.columnas))
            if mejor is None or puntos > mejor[0]:
                mejor = (puntos, lay)
            break
    return mejor[1] if mejor is not None else None


def leer_hojas(hojas: Mapping[str, object], informe: Informe | None = None) -> Lectura:
    """Recognise and load every report sheet of `hojas` (sheet name -> 2-D list), like `leer_carpeta`."""
    lectura = Lectura(Path("libro"), informe=informe if informe is not None else Informe())
    inf = lectura.informe
    elegidos: dict[str, str] = {}
    for nombre, valores in hojas.items():
        if normalizar_encabezado(nombre) in HOJAS_PARAMETROS:
            continue
        filas = normalizar_tabla(valores)
        if not any(any(v != "" for v in f) for f in filas):
            continue
        m = muestra_de_tabla(nombre, filas)
        lay = layout_de_hoja(nombre, m)
        if lay is None:
            continue  # the user's own sheets
        if lay.id in elegidos:
            inf.error(nombre, f"el {lay.titulo} ya se leyó de la hoja «{elegidos[lay.id]}»; esta se ignora.")
            continue
        elegidos[lay.id] = nombre
        enc = ubicar_encabezado(m, lay) or encabezado_por_posicion(m, lay)
        carga = cargar(m, lay, inf, enc)
        if carga is not None:
            lectura.cargas[lay.id] = carga
    return lectura


def _texto_csv(filas: list[list[object]]) -> str:
    def celda(v: object) -> str:
        if isinstance(v, dt.datetime):
            return v.strftime("%d/%m/%Y")
        t = celda_texto(v)
        if isinstance(v, float) and not v.is_integer():
            t = t.replace(".", ",")  # the parámetros files are written with a decimal comma
        return t

    salida = io.StringIO()
    csv.writer(salida, delimiter=";", lineterminator="\n").writerows([celda(v) for v in f] for f in filas)
    return salida.getvalue()


def parametros_de_hojas(hojas: Mapping[str, object], informe: Informe) -> Parametros:
    """The shipped parámetros, overridden by sheets named like their files (Parametros = reference rates)."""
    propias = {HOJAS_PARAMETROS[normalizar_encabezado(n)]: normalizar_tabla(v) for n, v in hojas.items()
               if normalizar_encabezado(n) in HOJAS_PARAMETROS}
    if not propias:
        return cargar_parametros(None, informe)
    with tempfile.TemporaryDirectory(prefix="coopxl-parametros-") as carpeta:
        for archivo, filas in propias.items():
            (Path(carpeta) / archivo).write_text(_texto_csv(filas), encoding="utf-8")
        return cargar_parametros(Path(carpeta), informe)


def es_hoja_de_reporte(nombre: str) -> bool:
    """Whether a sheet's name says it holds a report or a parámetros file (the sheets the add-in reads)."""
    clave = normalizar_encabezado(nombre)
    return clave in LAYOUTS or clave in HOJAS_PARAMETROS


def huella(hojas: Mapping[str, object], corte: object = None) -> str:
    """A fingerprint of the sheets' contents (names and values) and the cut: equal contents, equal key.
    The values' repr is hashed as given (no normalising: this runs on every call of every cell)."""
    h = hashlib.sha256(repr(corte).encode())
    for nombre in sorted(hojas):
        h.update(b"\x00hoja\x00" + nombre.encode())
        h.update(repr(hojas[nombre]).encode())
    return h.hexdigest()
