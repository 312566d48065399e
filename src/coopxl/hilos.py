"""Work on several files or frames side by side, in threads.

pyarrow's kernels, pandas' hash tables and numpy's big loops release the GIL, so a report's work and
another's overlap on the machine's cores. The largest piece starts first (started last, it would leave
the other threads idle at the end); the results come back in the order of the keys, whatever the threads
did, so nothing downstream depends on the scheduling.
"""

from __future__ import annotations

import os
import threading
from collections.abc import Callable, Hashable
from concurrent.futures import Future, ThreadPoolExecutor
from typing import TypeVar

K = TypeVar("K", bound=Hashable)
V = TypeVar("V")
R = TypeVar("R")

MAXIMO = 4  # more threads than this only add contention on the 2-8 core machines accountants use


def cuantos_hilos(pedidos: int | None = None) -> int:
    return pedidos if pedidos is not None else min(MAXIMO, os.cpu_count() or 1)


_hilos_propios = threading.local()  # set in the pool's threads: work submitted from there runs in place
_ejecutores: dict[int, ThreadPoolExecutor] = {}
_cerrojo = threading.Lock()


def _tras_fork() -> None:
    """In a forked child the pools' threads do not exist: start with none (and a free lock)."""
    global _cerrojo
    _ejecutores.clear()
    _cerrojo = threading.Lock()


if hasattr(os, "register_at_fork"):  # POSIX: the bulk extracts' worker processes may be forked
    os.register_at_fork(after_in_child=_tras_fork)


def _ejecutor(n: int) -> ThreadPoolExecutor:
    """One pool per size, kept for the process: starting a thread costs milliseconds on some machines, and a
    command asks for threads several times (files, then frames)."""
    with _cerrojo:
        if n not in _ejecutores:
            _ejecutores[n] = ThreadPoolExecutor(max_workers=n, thread_name_prefix="coopxl",
                                                initializer=lambda: setattr(_hilos_propios, "dentro", True))
        return _ejecutores[n]


def en_paralelo(funcion: Callable[[V], R], trabajos: dict[K, V], peso: Callable[[V], int],
                hilos: int | None = None) -> dict[K, R]:
    """`{k: funcion(v)}` for every item of `trabajos`, the heaviest (by `peso`) first; in this thread when
    there is one piece or one thread, or when this is already a pool thread (waiting there for the pool's
    other threads could wait forever). An exception in a piece is raised here, as a plain call would."""
    n = cuantos_hilos(hilos)
    if n <= 1 or len(trabajos) <= 1 or getattr(_hilos_propios, "dentro", False):
        return {k: funcion(v) for k, v in trabajos.items()}
    orden = sorted(trabajos, key=lambda k: -peso(trabajos[k]))
    ejecutor = _ejecutor(n)
    futuros = {k: ejecutor.submit(funcion, trabajos[k]) for k in orden}
    try:
        return {k: futuros[k].result() for k in trabajos}
    finally:
        for f in futuros.values():  # after a failure, the pieces not started are not run
            f.cancel()


def piezas(trabajos: dict[K, tuple[int, Callable[[], R]]], hilos: int | None = None) -> dict[K, R]:
    """`en_paralelo` of pieces of different kinds: each item is (weight, what to call)."""
    return en_paralelo(lambda pieza: pieza[1](), trabajos, peso=lambda pieza: pieza[0], hilos=hilos)


def aparte(funcion: Callable[..., R], *args: object) -> Callable[[], R]:
    """Start `funcion(*args)` in a pool thread and go on; the returned callable waits for its result (or
    raises its exception). In place, at once, when there is a single thread or this is a pool thread."""
    if cuantos_hilos() > 1 and not getattr(_hilos_propios, "dentro", False):
        return _ejecutor(cuantos_hilos()).submit(funcion, *args).result
    hecho: Future[R] = Future()
    try:
        hecho.set_result(funcion(*args))
    except Exception as e:
        hecho.set_exception(e)
    return hecho.result
