"""The scripts behind the template's buttons (xlwings RunPython): Validar datos, Calcular balance, Generar
extractos.

The VBA macros of the template (module `coopxl`) call, for example,
`RunPython "import coopxl_botones; coopxl_botones.validar_datos()"`. Each entry point takes no argument,
wraps the calling workbook (`xw.Book.caller()`) into `LibroXlwings` — a thin mapping of
`coopxl.complemento.interfaz.LibroAbierto` onto xlwings — and runs the action of
`coopxl.complemento.acciones`, the same code the tests run over openpyxl. Whatever happens, the user reads a
Spanish sentence (status bar; a message box for problems and at the end of the extracts), never a traceback.

Which associates "Generar extractos" writes: the rows selected on the Asociados sheet; else the documents of a
sheet named Seleccion; else all — a partial choice is confirmed with a yes/no/cancel box (see `acciones`).
`generar_extractos_combinados` also writes the combined workbook for internal use (macro
`GenerarExtractosCombinados`).
"""

from __future__ import annotations

import contextlib
import sys
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any

import xlwings as xw

from coopxl.complemento import acciones
from coopxl.complemento.acciones import PREFIJO, Respuesta
from coopxl.complemento.interfaz import Filas, LibroAbierto, rangos_de_direccion
from coopxl.sicses.layouts import normalizar_encabezado

TITULO = "coopxl"


def _como_texto(v: object) -> object:
    """Excel reads a string given to Range.value as if typed ("27,66 %" becomes a number, "=x" a formula):
    the leading apostrophe keeps it text, and Excel does not show it."""
    return "'" + v if isinstance(v, str) and v != "" else v


class LibroXlwings:
    """`LibroAbierto` over an xlwings Book (Windows or macOS Excel)."""

    def __init__(self, book: Any) -> None:
        self.book = book

    def _hoja(self, hoja: str) -> Any:
        clave = normalizar_encabezado(hoja)
        for ws in self.book.sheets:
            if ws.name == hoja or normalizar_encabezado(ws.name) == clave:
                return ws
        return None

    def hojas(self) -> list[str]:
        return [ws.name for ws in self.book.sheets]

    def leer(self, hoja: str) -> Filas:
        ws = self._hoja(hoja)
        if ws is None:
            return []
        ultima = ws.used_range.last_cell  # from A1, so that list row i is sheet row i + 1
        valores = ws.range((1, 1), (ultima.row, ultima.column)).options(ndim=2).value
        return [list(f) for f in valores or []]

    def escribir(self, hoja: str, filas: Sequence[Sequence[object]]) -> None:
        ws = self._hoja(hoja)
        if ws is None:
            ws = self.book.sheets.add(hoja, after=self.book.sheets[len(self.book.sheets) - 1])
        ws.clear_contents()
        if not filas:
            return
        ancho = max(len(f) for f in filas)
        bloque = [[_como_texto(v) for v in f] + [None] * (ancho - len(f)) for f in filas]
        app = self.book.app
        antes = app.screen_updating
        app.screen_updating = False
        try:
            ws.range((1, 1)).value = bloque
        finally:
            app.screen_updating = antes

    def activar(self, hoja: str) -> None:
        ws = self._hoja(hoja)
        if ws is not None:
            ws.activate()

    def carpeta(self) -> Path | None:
        """None for a workbook never saved ("Libro1": no folder) or opened from the web (OneDrive URL)."""
        nombre = str(self.book.fullname or "")
        if "://" in nombre:
            return None
        ruta = Path(nombre)
        return ruta.parent if ruta.is_absolute() and ruta.parent.is_dir() else None

    def estado(self, mensaje: str) -> None:
        self.book.app.status_bar = mensaje

    def filas_seleccionadas(self, hoja: str) -> list[tuple[int, int]] | None:
        """Excel only says the selection of the active sheet: another sheet is activated for a moment (screen
        updating off) and the one the user was on comes back."""
        ws = self._hoja(hoja)
        if ws is None:
            return None
        activa = self.book.sheets.active
        app = self.book.app
        otra = activa is not None and activa.name != ws.name
        antes = app.screen_updating
        try:
            if otra:
                app.screen_updating = False
                ws.activate()
            seleccion = self.book.selection
            return rangos_de_direccion(str(seleccion.address)) if seleccion is not None else None
        except Exception:  # a shape or a chart selected: no cells
            return None
        finally:
            if otra:
                activa.activate()
                app.screen_updating = antes

    def preguntar(self, mensaje: str) -> str:
        respuesta = self.book.app.alert(mensaje, TITULO, buttons="yes_no_cancel", mode="info")
        return {"yes": "si", "no": "no"}.get(str(respuesta).lower(), "cancelar")

    def avisar(self, mensaje: str, problema: bool) -> None:
        self.book.app.alert(mensaje, TITULO, mode="critical" if problema else "info")


def _avisar_sin_libro(mensaje: str) -> None:
    """When the calling workbook cannot be reached: a message box from any Excel, else stderr (RunPython
    shows what the script printed there)."""
    try:
        xw.apps.active.alert(mensaje, TITULO, mode="critical")
    except Exception:
        print(mensaje, file=sys.stderr)


def _ejecutar(accion: Callable[[LibroAbierto], Respuesta], aviso_final: bool = False) -> Respuesta | None:
    try:
        libro = LibroXlwings(xw.Book.caller())
    except Exception as e:
        _avisar_sin_libro(f"{PREFIJO}no se encontró el libro que llamó al botón ({type(e).__name__}: {e}); "
                          "ejecute el botón desde el libro de coopxl con el complemento xlwings instalado.")
        return None
    r = accion(libro)  # never raises: every problem is a Respuesta
    if not r.ok or aviso_final:
        with contextlib.suppress(Exception):  # the status bar already says it
            libro.avisar(r.mensaje, problema=not r.ok)
    return r


def validar_datos() -> Respuesta | None:
    """Botón «Validar datos»: el informe de validación en la hoja Validacion."""
    return _ejecutar(acciones.validar_datos)


def calcular_balance() -> Respuesta | None:
    """Botón «Calcular balance»: los 41 indicadores en la hoja Balance."""
    return _ejecutar(acciones.calcular_balance)


def generar_extractos() -> Respuesta | None:
    """Botón «Generar extractos»: un archivo por asociado en la carpeta extractos, junto al libro."""
    return _ejecutar(acciones.generar_extractos, aviso_final=True)


def generar_extractos_combinados() -> Respuesta | None:
    """Como «Generar extractos», más un libro combinado de uso interno con todos los asociados elegidos."""
    return _ejecutar(lambda libro: acciones.generar_extractos(libro, combinado=True), aviso_final=True)
