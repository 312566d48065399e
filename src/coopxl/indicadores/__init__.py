"""The 41 Balance Social indicators: one module per principle, one registry (`registro`).

`registro.todos()` imports every principle module (each registers its indicators when imported) and
checks that the registry is complete: a missing or extra indicator fails loudly, once, at first use.
"""

from coopxl.indicadores.registro import obtener, todos

__all__ = ["obtener", "todos"]
