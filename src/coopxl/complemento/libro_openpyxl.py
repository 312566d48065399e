"""`LibroAbierto` over a workbook file read with openpyxl: the add-in's actions run on it in tests and scripts.

Each sheet's selection and the active sheet are the ones saved in the file (openpyxl keeps each sheet's view),
so a test sets them as Excel would; questions are answered with `respuesta`. Nothing is saved until `guardar`
is called (a macro workbook keeps its VBA).
"""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

from openpyxl import Workbook, load_workbook

from coopxl.archivos import escritura_atomica
from coopxl.complemento.interfaz import Filas, rangos_de_direccion
from coopxl.sicses.layouts import normalizar_encabezado


class LibroOpenpyxl:
    def __init__(self, libro: Workbook, ruta: Path | None = None) -> None:
        self.libro = libro
        self.ruta = Path(ruta) if ruta is not None else None
        self.mensajes: list[str] = []  # what the status bar showed, in order
        self.preguntas: list[str] = []  # the questions asked, answered with `respuesta`
        self.respuesta = "si"

    @classmethod
    def abrir(cls, ruta: Path) -> LibroOpenpyxl:
        ruta = Path(ruta)
        return cls(load_workbook(ruta, keep_vba=ruta.suffix.lower() == ".xlsm"), ruta)

    def _hoja(self, hoja: str):
        """The sheet named `hoja`, matched like the readers match names (accents and case aside)."""
        clave = normalizar_encabezado(hoja)
        for ws in self.libro.worksheets:
            if ws.title == hoja or normalizar_encabezado(ws.title) == clave:
                return ws
        return None

    def hojas(self) -> list[str]:
        return list(self.libro.sheetnames)

    def leer(self, hoja: str) -> Filas:
        ws = self._hoja(hoja)
        if ws is None or ws.max_row < 1:
            return []
        return [list(f) for f in ws.iter_rows(min_row=1, max_row=ws.max_row, min_col=1, max_col=ws.max_column,
                                              values_only=True)]

    def escribir(self, hoja: str, filas: Sequence[Sequence[object]]) -> None:
        ws = self._hoja(hoja)
        if ws is None:
            ws = self.libro.create_sheet(hoja)
        else:
            ws.delete_rows(1, ws.max_row)
        for i, fila in enumerate(filas, start=1):
            for j, valor in enumerate(fila, start=1):
                if valor is None:
                    continue
                celda = ws.cell(row=i, column=j, value=valor)
                if isinstance(valor, str):
                    celda.data_type = "s"  # openpyxl would take "=..." as a formula

    def activar(self, hoja: str) -> None:
        ws = self._hoja(hoja)
        if ws is not None:
            self.libro.active = ws

    def carpeta(self) -> Path | None:
        return self.ruta.parent if self.ruta is not None else None

    def estado(self, mensaje: str) -> None:
        self.mensajes.append(mensaje)

    def filas_seleccionadas(self, hoja: str) -> list[tuple[int, int]] | None:
        ws = self._hoja(hoja)
        if ws is None:
            return None
        rangos: list[tuple[int, int]] = []
        for sel in ws.sheet_view.selection:
            rangos += rangos_de_direccion(str(sel.sqref or sel.activeCell or ""))
        return rangos

    def preguntar(self, mensaje: str) -> str:
        self.preguntas.append(mensaje)
        return self.respuesta

    def guardar(self, destino: Path | None = None) -> Path:
        destino = Path(destino) if destino is not None else self.ruta
        if destino is None:
            raise ValueError("este libro no tiene archivo: indique dónde guardarlo")
        with escritura_atomica(destino) as fh:
            self.libro.save(fh)
        return destino
