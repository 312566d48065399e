"""The small demo shipped inside the package (300 associates, seed 1, CSV, cut 31/12/2025)."""

from __future__ import annotations

from datetime import date
from pathlib import Path

from coopxl.demo.generador import generar_demo

CARPETA_INCLUIDA = Path(__file__).parent / "incluido"
ASOCIADOS = 300
SEMILLA = 1
CORTE = date(2025, 12, 31)


def regenerar_incluido() -> list[Path]:
    """Write the bundled demo into `CARPETA_INCLUIDA` (run after changing the generator)."""
    return generar_demo(CARPETA_INCLUIDA, asociados=ASOCIADOS, semilla=SEMILLA, formato="csv", corte=CORTE)


if __name__ == "__main__":
    for ruta in regenerar_incluido():
        print(ruta)
