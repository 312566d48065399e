"""Work on several files or frames side by side, in threads.

pyarrow's kernels, pandas' hash tables and numpy's big loops release the GIL, so a report's work and
another's overlap on the machine's cores. The largest piece starts first (started last, it would leave
the other threads idle at the end); the results come back in the order of the keys, whatever the threads
did, so nothing downstream depends on the scheduling.
"""

from __future__ import annotations

import os
from collections.abc import Callable, Hashable
from concurrent.futures import ThreadPoolExecutor
from typing import TypeVar

K = TypeVar("K", bound=Hashable)
V = TypeVar("V")
R = TypeVar("R")

MAXIMO = 4  # more threads than this only add contention on the 2-8 core machines accountants use


def cuantos_hilos(pedidos: int | None = None) -> int:
    return pedidos if pedidos is not None else min(MAXIMO, os.cpu_count() or 1)


def en_paralelo(funcion: Callable[[V], R], trabajos: dict[K, V], peso: Callable[[V], int],
                hilos: int | None = None) -> dict[K, R]:
    """`{k: funcion(v)}` for every item of `trabajos`, the heaviest (by `peso`) first; in this thread when
    there is one piece or one thread. An exception in a piece is raised here, as a plain call would."""
    n = cuantos_hilos(hilos)
    if n <= 1 or len(trabajos) <= 1:
        return {k: funcion(v) for k, v in trabajos.items()}
    orden = sorted(trabajos, key=lambda k: -peso(trabajos[k]))
    with ThreadPoolExecutor(max_workers=min(n, len(trabajos)), thread_name_prefix="coopxl") as ejecutor:
        futuros = {k: ejecutor.submit(funcion, trabajos[k]) for k in orden}
        return {k: futuros[k].result() for k in trabajos}
