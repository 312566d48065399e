"""A module imported on its first use.

- Each indicator declares its Excel face next to its Python computation, and those faces are built from
  `coopxl.excel` (which pulls openpyxl, ~100 ms at start-up). `coopxl balance` without --salida never builds
  a workbook, so the principle modules name the Excel helpers through this proxy and the import happens
  only when a formula is first built.
- The SICSES readers recognise and parse files with pyarrow alone; pandas (~0.25 s to import) is needed
  only to convert the parsed cells. Naming pandas and the conversion module through this proxy lets a
  command start reading its folder while it is still importing the engine (`descubrimiento.anticipar`).
"""

from __future__ import annotations

import importlib
from types import ModuleType
from typing import Any


class ModuloPerezoso:
    """Stands for the module `nombre`; the first attribute read imports it (then reads go straight to it)."""

    def __init__(self, nombre: str) -> None:
        self._nombre = nombre
        self._modulo: ModuleType | None = None

    def __getattr__(self, atributo: str) -> Any:
        # Only called for names not found on the proxy itself: the module's functions and constants.
        if atributo.startswith("__") or atributo in ("_nombre", "_modulo"):
            raise AttributeError(atributo)
        if self._modulo is None:
            self._modulo = importlib.import_module(self._nombre)
        return getattr(self._modulo, atributo)

    def __repr__(self) -> str:
        return f"<módulo perezoso {self._nombre}>"
