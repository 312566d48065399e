"""Colombian number formatting and Excel-style rounding (half away from zero), shared by every face."""

from __future__ import annotations

import math
from decimal import ROUND_HALF_UP, Decimal


def redondear(valor: float, decimales: int = 2) -> float:
    """Round like Excel's ROUND: half away from zero, on the shortest decimal representation of the float.

    27.665 is stored as 27.66499999..., but its shortest repr is "27.665", which Excel rounds to 27.67;
    Python's round() gives 27.66 (binary value, half to even).
    """
    if valor is None or not math.isfinite(valor):
        return valor
    d = Decimal(repr(float(valor)))
    return float(d.quantize(Decimal(1).scaleb(-decimales), rounding=ROUND_HALF_UP))


def numero(valor: float, decimales: int = 2) -> str:
    """1234567.891 -> '1.234.567,89' (point for thousands, comma for decimals)."""
    r = redondear(valor, decimales)
    texto = f"{abs(r):,.{decimales}f}"  # '1,234,567.89'
    texto = texto.replace(",", "\x00").replace(".", ",").replace("\x00", ".")
    return ("-" if r < 0 else "") + texto


def porcentaje(valor: float, decimales: int = 2) -> str:
    """27.665 (already x100) -> '27,67 %'."""
    return f"{numero(valor, decimales)} %"


def pesos(valor: float, decimales: int = 0) -> str:
    """1234567 -> '$ 1.234.567'."""
    return f"$ {numero(valor, decimales)}"


def entero(valor: float) -> str:
    return numero(valor, 0)
