"""`generar_demo`: the files of the synthetic cooperative at a cut date, one per report.

The entity's history is simulated from (semilla, asociados) alone; the cut only decides what is
exported, so the same seed at two cuts gives two consistent quarters of the same entity.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from pathlib import Path
from typing import Literal

from coopxl.demo import informes
from coopxl.demo.entidad import complementarios, tasas_referencia
from coopxl.demo.escritura import escribir_csv
from coopxl.demo.historia import Corte, Historia, al_corte, simular
from coopxl.demo.supuestos import CORTE_MINIMO, HORIZONTE
from coopxl.demo.tablas import Tabla
from coopxl.demo.xlsx import escribir_xlsx

Formato = Literal["csv", "xlsx"]
MINIMO_ASOCIADOS = 50
MAXIMO_ASOCIADOS = 2_000_000

INFORMES: tuple[tuple[str, Callable[[Historia, Corte], Tabla]], ...] = (
    ("asociados", informes.asociados),
    ("aportes", informes.aportes),
    ("captaciones", informes.captaciones),
    ("cartera", informes.cartera),
    ("directivos", informes.directivos),
    ("catalogo", lambda h, c: informes.catalogo(c)),
    ("beneficios", informes.beneficios),
    ("complementarios", complementarios),
    ("revalorizacion", informes.revalorizacion),
)
ARCHIVO_TASAS = "tasas_referencia.csv"


def _validar(asociados: int, semilla: int, formato: str, corte: date) -> None:
    if not isinstance(asociados, int) or not MINIMO_ASOCIADOS <= asociados <= MAXIMO_ASOCIADOS:
        raise ValueError(f"asociados debe ser un entero entre {MINIMO_ASOCIADOS} y {MAXIMO_ASOCIADOS:,}"
                         .replace(",", "."))
    if not isinstance(semilla, int) or semilla < 0:
        raise ValueError("la semilla debe ser un entero mayor o igual a 0")
    if formato not in ("csv", "xlsx"):
        raise ValueError("el formato debe ser «csv» o «xlsx»")
    if not CORTE_MINIMO <= corte <= HORIZONTE:
        raise ValueError(f"la fecha de corte debe estar entre el {CORTE_MINIMO:%d/%m/%Y} "
                         f"y el {HORIZONTE:%d/%m/%Y}")


def escribir(tabla: Tabla, destino: Path, formato: Formato) -> Path:
    ruta = destino / f"{tabla.id}.{formato}"
    return escribir_xlsx(tabla, ruta) if formato == "xlsx" else escribir_csv(tabla, ruta)


def generar_demo(destino: Path, asociados: int = 300, semilla: int = 1, formato: Formato = "csv",
                 corte: date = date(2025, 12, 31)) -> list[Path]:
    """Write the demo files of the cut into `destino` (created if needed) and return their paths.

    One file per report (`<id>.csv` or `<id>.xlsx`) plus `tasas_referencia.csv` (illustrative rates).
    The output is a pure function of (semilla, asociados, corte, formato): the same call gives the
    same bytes.
    """
    _validar(asociados, semilla, formato, corte)
    destino = Path(destino)
    destino.mkdir(parents=True, exist_ok=True)
    historia = simular(semilla, asociados)
    estado = al_corte(historia, corte)
    rutas = [escribir(construir(historia, estado), destino, formato) for _, construir in INFORMES]
    rutas.append(escribir_csv(tasas_referencia(), destino / ARCHIVO_TASAS))
    return rutas
