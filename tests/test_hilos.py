"""Work side by side (coopxl.hilos) and the compute-once cache under threads (dataset.una_vez)."""

from __future__ import annotations

import datetime as dt
import threading
import time

import pytest

from coopxl.dataset import Dataset, Periodo, una_vez
from coopxl.hilos import aparte, en_paralelo
from coopxl.parametros import cargar_parametros
from coopxl.sicses.problemas import Informe


def test_en_paralelo_devuelve_en_el_orden_de_las_claves():
    trabajos = {k: n for k, n in zip("edcba", (1, 50, 3, 40, 2), strict=True)}
    empezados: list[str] = []

    def trabajo(n: int) -> int:
        empezados.append(next(k for k, v in trabajos.items() if v == n))
        time.sleep(n / 2000)
        return n * 10

    r = en_paralelo(trabajo, trabajos, peso=lambda n: n, hilos=2)
    assert list(r) == list(trabajos) and r == {k: n * 10 for k, n in trabajos.items()}
    assert set(empezados[:2]) == {"d", "b"}  # the two heaviest start first


def test_en_paralelo_propaga_la_excepcion_y_en_un_hilo_corre_en_el_lugar():
    def falla(n: int) -> int:
        if n == 2:
            raise ValueError("dos")
        return n

    with pytest.raises(ValueError, match="dos"):
        en_paralelo(falla, {"a": 1, "b": 2, "c": 3}, peso=lambda n: n, hilos=2)
    hilo = threading.get_ident()
    assert en_paralelo(lambda n: threading.get_ident(), {"a": 1, "b": 2}, peso=lambda n: n, hilos=1) == {
        "a": hilo, "b": hilo}
    # from inside a pool thread, nested work runs there (no waiting on the pool from the pool)
    anidado = en_paralelo(lambda n: en_paralelo(lambda m: m + 1, {"x": n, "y": n}, peso=lambda m: m),
                          {"a": 1, "b": 2}, peso=lambda n: n, hilos=2)
    assert anidado == {"a": {"x": 2, "y": 2}, "b": {"x": 3, "y": 3}}


def test_aparte_devuelve_el_resultado_o_la_excepcion():
    assert aparte(lambda a, b: a + b, 2, 3)() == 5
    esperar = aparte(lambda: 1 / 0)
    with pytest.raises(ZeroDivisionError):
        esperar()


def _dataset() -> Dataset:
    corte = dt.date(2025, 12, 31)
    return Dataset(corte=corte, periodo=Periodo.de_corte(corte), parametros=cargar_parametros(None, Informe()),
                   complementarios={})


def test_una_vez_con_hilos_calcula_una_sola_vez():
    ds = _dataset()
    llamadas: list[int] = []

    def calcular(_ds: Dataset) -> list[int]:
        llamadas.append(1)
        time.sleep(0.05)  # long enough for the other threads to ask meanwhile
        return [42]

    resultados: list[list[int]] = []
    hilos = [threading.Thread(target=lambda: resultados.append(una_vez(ds, "prueba", calcular))) for _ in range(4)]
    for h in hilos:
        h.start()
    for h in hilos:
        h.join()
    assert len(llamadas) == 1 and len(resultados) == 4 and all(r is resultados[0] for r in resultados)
    assert una_vez(ds, "prueba", calcular) is resultados[0] and len(llamadas) == 1


def test_una_vez_tras_un_fallo_se_intenta_de_nuevo():
    ds = _dataset()
    intentos: list[int] = []

    def calcular(_ds: Dataset) -> str:
        intentos.append(1)
        if len(intentos) == 1:
            raise RuntimeError("primera vez")
        return "bien"

    with pytest.raises(RuntimeError):
        una_vez(ds, "fallo", calcular)
    assert una_vez(ds, "fallo", calcular) == "bien" and len(intentos) == 2


@pytest.mark.skipif(not hasattr(__import__("os"), "fork"), reason="fork only on POSIX")
def test_en_un_proceso_hijo_por_fork_el_pool_funciona():
    """A forked child (the bulk extracts' workers on Linux) gets its own threads, not the parent's dead ones."""
    import multiprocessing

    en_paralelo(lambda n: n, {"a": 1, "b": 2}, peso=lambda n: n, hilos=2)  # the parent's pool exists
    with multiprocessing.get_context("fork").Pool(1) as pool:
        assert pool.apply(_en_el_hijo, ()) == {"a": 2, "b": 4}


def _en_el_hijo() -> dict[str, int]:
    return en_paralelo(lambda n: n * 2, {"a": 1, "b": 2}, peso=lambda n: n, hilos=2)
