"""The big row blocks of the workbook (data sheets, BeneficioSolidario's associates) serialised as sheet XML
by our own code, column by column, and spliced into openpyxl's write-only sheet.

openpyxl streams every cell through a cell object and et_xmlfile's pure-Python element writer (~40 µs a
cell): at 10k associates the 3.3 million data cells were most of the generation time. Here a column is
turned into the XML text of its cells in one list comprehension, rows are joined from those texts, and
`escribir_filas` writes them into the sheet's part between openpyxl's own rows (the header) and the tail
openpyxl writes after `<sheetData>` (autoFilter, print setup, drawing). The sheet keeps everything openpyxl
gives it (styles are registered through openpyxl: `estilo`), so `wb.save` and every caller stay unchanged.

What each cell holds is what openpyxl writes for the same value, read back equal by openpyxl, LibreOffice and
the `formulas` package (tests/test_excel_filas_rapidas.py): numbers as numbers (ints as ints, floats by
`repr`, exact), dates as 1900-system serial numbers, text always as an inline string (never a formula, even
when it starts with '='), formulas without the leading '=' and without a cached value; empty cells are
omitted; text and formulas are XML-escaped.
"""

from __future__ import annotations

import datetime as dt
import math
import re
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass
from itertools import starmap
from typing import Any, Literal

from openpyxl.cell import Cell
from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE

from coopxl.excel import formulas as F
from coopxl.excel.portada import MAX_TEXTO_CELDA, limpiar_texto

EPOCA = dt.datetime(1899, 12, 30)  # openpyxl's WINDOWS_EPOCH: serial 1 is 1900-01-01 (1900 date system)
SEGUNDOS_DIA = 86_400
FIN_DATOS = b"</sheetData>"
DATOS_VACIOS = re.compile(rb"<sheetData\s*/>")
ULTIMA_FILA = re.compile(rb'<row r="(\d+)"')
FILAS_POR_ESCRITURA = 2_000  # rows joined before each write of the part: bounded memory, few calls
FILAS_POR_BLOQUE = 5_000  # rows whose cells are built at once (column by column)

Celdas = list[str]  # the XML of one column's cells, one per row ("" for an empty cell)


def estilo(celda_modelo: Cell) -> int:
    """The cellXfs index of a cell's style (font, fill, number format, alignment...), registered in the
    workbook's styles by openpyxl itself: the cells we write share it."""
    return celda_modelo.style_id


def escapar(texto: str) -> str:
    """Text content of an XML element (what et_xmlfile writes: & < > escaped, quotes as they are)."""
    if "&" in texto:
        texto = texto.replace("&", "&amp;")
    if "<" in texto:
        texto = texto.replace("<", "&lt;")
    if ">" in texto:
        texto = texto.replace(">", "&gt;")
    return texto


def texto_numero(v: object) -> str | None:
    """A number's <v> text: ints as ints, floats by repr (round-trips exactly); NaN/inf have none."""
    if isinstance(v, bool):
        return "1" if v else "0"
    if isinstance(v, int):
        return str(v)
    x = float(v)  # type: ignore[arg-type]
    if math.isnan(x) or math.isinf(x):
        return None
    return repr(x)


def serial_fecha(v: dt.datetime | dt.date) -> str:
    """The Excel serial number of a date (openpyxl's `to_excel`: days since 1899-12-30, one less for the
    dates before 1900-03-01, the time as a fraction of a day)."""
    if not isinstance(v, dt.datetime):
        v = dt.datetime(v.year, v.month, v.day)
    if v.tzinfo is not None:
        raise TypeError("Excel no guarda zonas horarias: la fecha debe ser sin zona horaria")
    dias = (v - EPOCA).days
    if 0 < dias <= 60:
        dias -= 1
    segundos = v.hour * 3600 + v.minute * 60 + v.second + v.microsecond / 1e6
    return str(dias) if not segundos else repr(dias + segundos / SEGUNDOS_DIA)


def _abre(letra: str, estilo_id: int) -> tuple[str, str]:
    return f'<c r="{letra}', f'" s="{estilo_id}"'


def numeros(columna: int, filas: Sequence[int], valores: Sequence[object], estilo_id: int) -> Celdas:
    """Number cells (None, NaN and inf: empty)."""
    a, b = _abre(F.letra(columna), estilo_id)
    textos = [None if v is None else texto_numero(v) for v in valores]
    return [f"{a}{r}{b}><v>{t}</v></c>" if t is not None else "" for r, t in zip(filas, textos, strict=True)]


def fechas(columna: int, filas: Sequence[int], valores: Sequence[object], estilo_id: int) -> Celdas:
    """Date cells as serial numbers (the style's number format shows them as dates)."""
    a, b = _abre(F.letra(columna), estilo_id)
    return [f"{a}{r}{b}><v>{serial_fecha(v)}</v></c>" if v is not None else ""  # type: ignore[arg-type]
            for r, v in zip(filas, valores, strict=True)]


def _texto(a: str, r: int, b: str, t: str) -> str:
    limpio = t.strip()
    espacio = ' xml:space="preserve"' if limpio and limpio != t else ""  # openpyxl's rule (xml.functions)
    return f'{a}{r}{b} t="inlineStr"><is><t{espacio}>{escapar(t)}</t></is></c>'


def textos(columna: int, filas: Sequence[int], valores: Sequence[object], estilo_id: int,
           vacias_con_estilo: bool = False) -> Celdas:
    """Text cells: always text (inline strings), whatever they start with; control characters removed and
    at most 32 767 characters (`limpiar_texto`). None and "" are empty cells, kept with their style (a text
    format a user types into) when `vacias_con_estilo`."""
    a, b = _abre(F.letra(columna), estilo_id)
    vacia = f'{a}{{}}{b} t="inlineStr"/>' if vacias_con_estilo else ""  # as openpyxl writes ""
    cadenas = ["" if v is None else v if isinstance(v, str) else str(v) for v in valores]
    if cadenas and (max(map(len, cadenas)) > MAX_TEXTO_CELDA or ILLEGAL_CHARACTERS_RE.search("".join(cadenas))):
        cadenas = [limpiar_texto(t) for t in cadenas]  # checked once per column: most columns are clean
    return [_texto(a, r, b, t) if t else vacia.format(r) if vacia else "" for r, t in zip(filas, cadenas, strict=True)]


class Molde:
    """A formula built once for a model row, whose row numbers are replaced on every row: `marcas` are the
    numbers written for the model row and the rows around it, in the order they are replaced, and `desfases`
    how far each one is from the model row (FILA_MOLDE + 1 -> the row below)."""

    def __init__(self, formula: str, marcas: dict[str, int]) -> None:
        texto = formula[1:] if formula.startswith("=") else formula
        # Sequential str.replace in the order of `marcas` (what a per-row replace would do) = one regex
        # split, as long as no replaced number creates another mark; the result is checked against it.
        self.partes = re.split("(" + "|".join(re.escape(m) for m in marcas) + ")", escapar(texto))
        self.desfases = marcas
        self.texto = texto

    def en_fila(self, fila: int) -> str:
        """The formula text (escaped, without '=') for one row."""
        partes = self.partes
        return "".join(p if i % 2 == 0 else str(fila + self.desfases[p]) for i, p in enumerate(partes))

    def _por_reemplazo(self, fila: int) -> str:
        texto = self.texto
        for marca, desfase in self.desfases.items():
            texto = texto.replace(marca, str(fila + desfase))
        return escapar(texto)

    def comprobar(self, *filas: int) -> None:
        for fila in filas:
            if self.en_fila(fila) != self._por_reemplazo(fila):
                raise ValueError(f"el molde de fórmula no es reemplazable en la fila {fila}: {self.texto}")


def formulas(columna: int, filas: Sequence[int], molde: Molde, estilo_id: int) -> Celdas:
    """Formula cells from a model row's formula (no cached value: the workbook computes on load)."""
    a, b = _abre(F.letra(columna), estilo_id)
    b += "><f>"
    partes, desfases = molde.partes, molde.desfases
    if len(partes) == 1:
        constante = partes[0]
        return [f"{a}{r}{b}{constante}</f></c>" for r in filas]
    # A str.format template: literal parts with braces doubled, each mark a field {k} = the row + its offset.
    campos = sorted(set(desfases.values()))
    plantilla = "".join(p.replace("{", "{{").replace("}", "}}") if i % 2 == 0
                        else "{" + str(campos.index(desfases[p]) + 1) + "}" for i, p in enumerate(partes))
    plantilla = a + "{0}" + b + plantilla + "</f></c>"
    return list(starmap(plantilla.format, zip(filas, *([r + d for r in filas] for d in campos), strict=True)))


def filas_xml(filas: Sequence[int], columnas: Sequence[Celdas]) -> Iterable[str]:
    """The <row> elements of a block: row r holds the r-th text of every column (empty ones dropped)."""
    for r, celdas in zip(filas, zip(*columnas, strict=True), strict=True):
        yield f'<row r="{r}">{"".join(celdas)}</row>'


@dataclass(frozen=True)
class Columna:
    """One column of a row block: its position (1 = A), style, kind and values (or formula)."""

    indice: int
    estilo: int
    tipo: Literal["numero", "fecha", "texto", "texto_con_vacias", "formula"]
    datos: Sequence[object] | Molde

    def celdas(self, filas: range, desde: int) -> Celdas:
        """The cells of the rows `filas`, whose values start at position `desde` of `datos`."""
        if isinstance(self.datos, Molde):
            return formulas(self.indice, filas, self.datos, self.estilo)
        valores = self.datos[desde:desde + len(filas)]
        if self.tipo == "numero":
            return numeros(self.indice, filas, valores, self.estilo)
        if self.tipo == "fecha":
            return fechas(self.indice, filas, valores, self.estilo)
        return textos(self.indice, filas, valores, self.estilo, vacias_con_estilo=self.tipo == "texto_con_vacias")


def bloque(primera: int, n: int, columnas: Sequence[Columna], tamano: int = FILAS_POR_BLOQUE) -> Iterator[str]:
    """The <row> elements of `n` rows from row `primera`, built `tamano` rows at a time (bounded memory)."""
    for desde in range(0, n, tamano):
        filas = range(primera + desde, primera + min(n, desde + tamano))
        yield from filas_xml(filas, [c.celdas(filas, desde) for c in columnas])


def escribir_filas(ws: Any, filas: Iterable[str]) -> None:
    """Close the write-only sheet `ws` (after its header rows, setup, filter and charts) and splice `filas`
    (XML <row> elements, numbered after openpyxl's last row) into its <sheetData>. The sheet can take no
    more rows; `wb.save` writes the part as it is."""
    ws.close()
    ruta = getattr(getattr(ws, "_writer", None), "out", None)
    if not isinstance(ruta, str):
        raise RuntimeError(f"la hoja {ws.title} no es una hoja de solo escritura de openpyxl guardada en disco")
    with open(ruta, "rb") as f:
        parte = f.read()  # openpyxl's part: the header rows and the setup only, a few kB
    vacia = DATOS_VACIOS.search(parte)
    if vacia is not None:
        cabeza, cola = parte[:vacia.start()] + b"<sheetData>", FIN_DATOS + parte[vacia.end():]
    else:
        fin = parte.find(FIN_DATOS)
        if fin < 0 or parte.find(FIN_DATOS, fin + 1) >= 0:
            raise RuntimeError(f"la hoja {ws.title}: openpyxl escribió una parte inesperada")
        cabeza, cola = parte[:fin], parte[fin:]
    ultima = [int(m) for m in ULTIMA_FILA.findall(cabeza)]
    minima = (max(ultima) if ultima else 0) + 1
    with open(ruta, "wb") as f:
        f.write(cabeza)
        lote: list[str] = []
        for fila in filas:
            if len(lote) == 0:
                _comprobar_numero(ws, fila, minima)
            lote.append(fila)
            if len(lote) >= FILAS_POR_ESCRITURA:
                f.write("".join(lote).encode("utf-8"))
                lote = []
        f.write("".join(lote).encode("utf-8"))
        f.write(cola)


def _comprobar_numero(ws: Any, fila: str, minima: int) -> None:
    """Rows must come after openpyxl's (checked on the first row of each batch; rows ascend within one)."""
    m = ULTIMA_FILA.match(fila.encode("ascii", "ignore")[:32])
    if m is None or int(m.group(1)) < minima:
        raise RuntimeError(f"la hoja {ws.title}: las filas rápidas deben ir después de la fila {minima - 1}")
