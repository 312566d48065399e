"""Dates as int64 day numbers (days since 1970-01-01), vectorised with numpy.

The simulation keeps every date as a day number so that thousands of persons, loans and accounts move
through time with array arithmetic. `NUNCA` marks an event that does not happen (no retirement, no
prepayment); it is far beyond any date the demo exports and never converted to a calendar date.
"""

from __future__ import annotations

from datetime import date

import numpy as np

EPOCA = np.datetime64("1970-01-01", "D")
NUNCA = np.int64(1_000_000)  # about the year 4707: "never"
DIAS_ANIO = 365.25


def dia(d: date) -> int:
    """Day number of a calendar date."""
    return int((np.datetime64(d, "D") - EPOCA).astype(np.int64))


def a_datetime(dias: np.ndarray) -> np.ndarray:
    """Day numbers to numpy datetime64[D] (the sentinel must have been masked out before)."""
    return np.asarray(dias, dtype=np.int64).astype("datetime64[D]")


def a_date(d: int) -> date:
    return (EPOCA + np.timedelta64(int(d), "D")).astype(date)


def anio(dias: np.ndarray) -> np.ndarray:
    return a_datetime(dias).astype("datetime64[Y]").astype(np.int64) + 1970


def mes_indice(dias: np.ndarray) -> np.ndarray:
    """Months since January 1970 (year * 12 + month - 1, shifted)."""
    return a_datetime(dias).astype("datetime64[M]").astype(np.int64)


def dia_del_mes(dias: np.ndarray) -> np.ndarray:
    """Day of the month, 1 to 31."""
    d = a_datetime(dias)
    return (d - d.astype("datetime64[M]").astype("datetime64[D]")).astype(np.int64) + 1


def fecha_en_mes(meses: np.ndarray, dia_mes: np.ndarray) -> np.ndarray:
    """Day number of day `dia_mes` of month index `meses`, clipped to the month's last day."""
    meses = np.asarray(meses, dtype=np.int64)
    inicio = meses.astype("datetime64[M]").astype("datetime64[D]")
    largo = ((meses + 1).astype("datetime64[M]").astype("datetime64[D]") - inicio).astype(np.int64)
    d = np.minimum(np.asarray(dia_mes, dtype=np.int64), largo) - 1
    return (inicio - EPOCA).astype(np.int64) + d


def sumar_meses(dias: np.ndarray, meses: np.ndarray | int) -> np.ndarray:
    """Same day of the month `meses` months later (31 January + 1 month = 28/29 February)."""
    return fecha_en_mes(mes_indice(dias) + meses, dia_del_mes(dias))


def meses_cumplidos(desde: np.ndarray, hasta: np.ndarray | int) -> np.ndarray:
    """Monthly anniversaries of `desde` that fall on or before `hasta` (0 when `hasta` < first one)."""
    desde = np.asarray(desde, dtype=np.int64)
    hasta_arr = np.broadcast_to(np.asarray(hasta, dtype=np.int64), desde.shape)
    k = mes_indice(hasta_arr) - mes_indice(desde)
    k = k - (sumar_meses(desde, k) > hasta_arr)
    return np.maximum(k, 0)


def menos_doce_meses(corte: date) -> date:
    """The day after the cut minus 12 months: the start S of the period P = [S, C]."""
    c = dia(corte)
    siguiente = int(sumar_meses(np.array([c + 1]), -12)[0])
    return a_date(siguiente)


def asamblea(anio_: int) -> int:
    """Day number of the ordinary assembly of a year: the third Saturday of March."""
    primero = dia(date(anio_, 3, 1))
    sabado = primero + (5 - date(anio_, 3, 1).weekday()) % 7
    return sabado + 14


def ultima_asamblea(corte: int) -> int:
    """The last ordinary assembly held on or before the cut."""
    a = int(anio(np.array([corte]))[0])
    fecha = asamblea(a)
    return fecha if fecha <= corte else asamblea(a - 1)
