"""Problems found in user data, collected into one Spanish report (never raised as tracebacks)."""

from __future__ import annotations

import csv
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Literal

Severidad = Literal["error", "advertencia"]

# A column with thousands of bad cells would drown the report: the first ones are listed,
# the rest summarised in one line per (file, column, message).
MAX_POR_GRUPO = 50
ENCABEZADO_INFORME = ("Severidad", "Archivo", "Fila", "Columna", "Valor", "Problema")


@dataclass(frozen=True)
class Problema:
    """One problem: where it is (file, row as the user sees it, column), the value and what was expected."""

    severidad: Severidad
    archivo: str
    mensaje: str
    fila: int | None = None
    columna: str | None = None
    valor: str | None = None

    def texto(self) -> str:
        partes = [self.archivo]
        if self.fila is not None:
            partes.append(f"fila {self.fila}")
        if self.columna:
            partes.append(f"columna «{self.columna}»")
        donde = ", ".join(partes)
        valor = f" valor «{self.valor}»:" if self.valor is not None else ""
        return f"[{self.severidad}] {donde}:{valor} {self.mensaje}"


@dataclass
class Informe:
    """Every problem of a load, in the order found."""

    problemas: list[Problema] = field(default_factory=list)
    _conteo: dict[tuple[Severidad, str, str | None, str], int] = field(default_factory=dict, repr=False)

    def agregar(self, problema: Problema) -> None:
        clave = (problema.severidad, problema.archivo, problema.columna, problema.mensaje)
        n = self._conteo.get(clave, 0) + 1
        self._conteo[clave] = n
        if n <= MAX_POR_GRUPO:
            self.problemas.append(problema)

    def error(self, archivo: str, mensaje: str, **donde: object) -> None:
        self.agregar(Problema("error", archivo, mensaje, **donde))  # type: ignore[arg-type]

    def advertencia(self, archivo: str, mensaje: str, **donde: object) -> None:
        self.agregar(Problema("advertencia", archivo, mensaje, **donde))  # type: ignore[arg-type]

    def contar_omitidos(self, problema: Problema, n: int) -> None:
        """Count `n` more occurrences of the same problem without listing them (cheap for huge columns)."""
        clave = (problema.severidad, problema.archivo, problema.columna, problema.mensaje)
        self._conteo[clave] = self._conteo.get(clave, 0) + n

    def extender(self, otros: Iterable[Problema]) -> None:
        for p in otros:
            self.agregar(p)

    def unir(self, otro: Informe) -> None:
        """Add every problem of `otro` (its listed ones and its counted-only ones), in its order."""
        listados: dict[tuple[Severidad, str, str | None, str], int] = {}
        for p in otro.problemas:
            clave = (p.severidad, p.archivo, p.columna, p.mensaje)
            listados[clave] = listados.get(clave, 0) + 1
            self.agregar(p)
        for clave, n in otro._conteo.items():
            resto = n - listados.get(clave, 0)
            if resto > 0:
                sev, archivo, columna, mensaje = clave
                self.contar_omitidos(Problema(sev, archivo, mensaje, None, columna), resto)

    def resumen_omitidos(self) -> list[Problema]:
        """One line per group that was cut at MAX_POR_GRUPO."""
        return [
            Problema(sev, archivo, f"{n - MAX_POR_GRUPO} filas más con el mismo problema: {mensaje}", columna=col)
            for (sev, archivo, col, mensaje), n in self._conteo.items()
            if n > MAX_POR_GRUPO
        ]

    def todos(self) -> list[Problema]:
        return self.problemas + self.resumen_omitidos()

    def __iter__(self) -> Iterator[Problema]:
        return iter(self.todos())

    def __len__(self) -> int:
        return sum(self._conteo.values())

    @property
    def errores(self) -> int:
        return sum(n for clave, n in self._conteo.items() if clave[0] == "error")

    @property
    def advertencias(self) -> int:
        return len(self) - self.errores

    def escribir_csv(self, destino: Path) -> None:
        from coopxl.archivos import escritura_atomica

        with escritura_atomica(destino, "w", newline="", encoding="utf-8-sig") as f:
            w = csv.writer(f, delimiter=";")
            w.writerow(ENCABEZADO_INFORME)
            for p in self.todos():
                w.writerow([p.severidad, p.archivo, p.fila or "", p.columna or "", p.valor or "", p.mensaje])

    def escribir_xlsx(self, destino: Path) -> None:
        from openpyxl import Workbook

        from coopxl.archivos import escritura_atomica, fila_de_textos

        wb = Workbook()
        ws = wb.active
        ws.title = "Validacion"
        ws.append(list(ENCABEZADO_INFORME))
        for p in self.todos():
            fila_de_textos(ws, [p.severidad, p.archivo, p.fila, p.columna, p.valor, p.mensaje])
        ws.freeze_panes = "A2"
        for col, ancho in zip("ABCDEF", (12, 28, 8, 24, 24, 80), strict=True):
            ws.column_dimensions[col].width = ancho
        with escritura_atomica(destino, "wb") as f:
            wb.save(f)

