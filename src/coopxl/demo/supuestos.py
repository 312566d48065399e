"""Fixed assumptions of the synthetic cooperative: its calendar, the wage and price series it lives in.

SMMLV and IPC from 2019 are the official values of the reference (parametros.md); earlier years are
approximate and only scale the synthetic amounts of old products. Nothing here is a parameter of coopxl.
"""

from __future__ import annotations

from datetime import date
from functools import cache

import numpy as np

from coopxl.demo.calendario import dia

FUNDACION = date(2001, 2, 15)
REFERENCIA = date(2025, 12, 31)  # `asociados` counts the vigentes at this cut
HORIZONTE = date(2027, 12, 31)  # the simulated history ends here
CORTE_MINIMO = date(2020, 1, 31)
INICIO_CREDITOS = date(2014, 1, 1)
INICIO_BENEFICIOS = date(2017, 1, 1)
INICIO_PRODUCTIVO = date(2023, 4, 1)

_SMMLV = {
    2000: 260_100, 2001: 286_000, 2002: 309_000, 2003: 332_000, 2004: 358_000, 2005: 381_500,
    2006: 408_000, 2007: 433_700, 2008: 461_500, 2009: 496_900, 2010: 515_000, 2011: 535_600,
    2012: 566_700, 2013: 589_500, 2014: 616_000, 2015: 644_350, 2016: 689_455, 2017: 737_717,
    2018: 781_242, 2019: 828_116, 2020: 877_803, 2021: 908_526, 2022: 1_000_000, 2023: 1_160_000,
    2024: 1_300_000, 2025: 1_423_500, 2026: 1_750_905, 2027: 1_850_000,
}
_IPC = {
    2000: 8.75, 2001: 7.65, 2002: 6.99, 2003: 6.49, 2004: 5.50, 2005: 4.85, 2006: 4.48, 2007: 5.69,
    2008: 7.67, 2009: 2.00, 2010: 3.17, 2011: 3.73, 2012: 2.44, 2013: 1.94, 2014: 3.66, 2015: 6.77,
    2016: 5.75, 2017: 4.09, 2018: 3.18, 2019: 3.80, 2020: 1.61, 2021: 5.62, 2022: 13.12, 2023: 9.28,
    2024: 5.20, 2025: 5.10, 2026: 5.10, 2027: 5.10,
}
_ANIO0 = 2000
_SMMLV_ARR = np.array([_SMMLV[a] for a in range(_ANIO0, 2028)], dtype=np.float64)


def smmlv(anio: int) -> int:
    return _SMMLV[min(max(anio, _ANIO0), 2027)]


def ipc(anio: int) -> float:
    return _IPC[min(max(anio, _ANIO0), 2027)]


def indice_salarial(anios: np.ndarray) -> np.ndarray:
    """SMMLV of each year over the 2025 SMMLV: scales amounts written in 2025 pesos to their year."""
    i = np.clip(np.asarray(anios, dtype=np.int64) - _ANIO0, 0, len(_SMMLV_ARR) - 1)
    return _SMMLV_ARR[i] / _SMMLV[2025]


@cache
def dias_clave() -> dict[str, int]:
    """Day numbers of the fixed dates (a shared dict: do not modify it)."""
    return {
        "fundacion": dia(FUNDACION), "referencia": dia(REFERENCIA), "horizonte": dia(HORIZONTE),
        "inicio_creditos": dia(INICIO_CREDITOS), "inicio_beneficios": dia(INICIO_BENEFICIOS),
        "inicio_productivo": dia(INICIO_PRODUCTIVO),
    }
