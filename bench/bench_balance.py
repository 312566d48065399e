"""Benchmark: the whole Balance Social (41 indicators + beneficio solidario per associate) against the bare
read of the same files.

    python bench/bench_balance.py [--tamanos 10000,100000,500000] [--repeticiones 1]

Uses the demo folders of bench_carga.py (generated once, cached under /tmp). Each measurement runs in a
child process of its own:

- bare read: pyarrow.csv.read_csv of every file, all columns as strings, timed after the imports;
- in process: load + validation (`cargar_dataset`), then indicators + benefits (`calcular_balance`, wall and
  CPU time);
- whole command: `python -m coopxl balance CARPETA --corte ...` (wall time), next to the wall time of a
  process that only imports pyarrow and reads the files. Target: whole command within 3x at 100k and 500k.

The command's own costs next to the bare process (100k, 1 December 2026): importing pandas and the engine
~0.3 s, during which the folder is already being read (`descubrimiento.anticipar`: recognising and parsing
need pyarrow alone); the Dataset and validation ~0.15 s; indicators and beneficio solidario ~0.12 s, the
benefits computed beside the indicators.
"""

from __future__ import annotations

import argparse
import json
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from bench_carga import (
    _LECTURA_PROCESO,
    CACHE,
    CORTE,
    ENV,
    ENV_POR_OMISION,
    _hijo_con_memoria,
    _leer_pyarrow,
    archivos,
    carpeta_demo,
    compilar_paquete,
    imprimir_tabla,
)


def medir(que: str, carpeta: Path) -> dict[str, float]:
    if que == "lectura":
        import pyarrow.csv  # noqa: F401

        inicio = time.perf_counter()
        _leer_pyarrow(archivos(carpeta, "csv"))
        return {"segundos": time.perf_counter() - inicio}
    import datetime as dt

    from coopxl.balance import calcular_balance
    from coopxl.dataset import cargar_dataset

    inicio = time.perf_counter()
    ds, _ = cargar_dataset(carpeta, dt.date(2025, 12, 31))
    medio = time.perf_counter()
    cpu = time.process_time()  # CPU time as well: wall time is noisy on a shared machine
    b = calcular_balance(ds)
    fin = time.perf_counter()
    return {"carga": medio - inicio, "balance": fin - medio, "balance_cpu": time.process_time() - cpu,
            "segundos": fin - inicio, "asociados": float(b.beneficios.asociados)}


def _en_hijo(que: str, carpeta: Path) -> tuple[dict[str, float], float]:
    _, pico, salida = _hijo_con_memoria([sys.executable, __file__, "--medir", que, str(carpeta)])
    return json.loads(salida.strip().splitlines()[-1]), pico


def fila(n: int, repeticiones: int) -> dict[str, float]:
    carpeta = carpeta_demo(n, "csv")
    rutas = archivos(carpeta, "csv")
    lectura = min(_en_hijo("lectura", carpeta)[0]["segundos"] for _ in range(repeticiones))
    proceso, pico = min((_en_hijo("balance", carpeta) for _ in range(repeticiones)), key=lambda r: r[0]["segundos"])
    comando = min(_hijo_con_memoria([sys.executable, "-m", "coopxl", "balance", str(carpeta), "--corte", CORTE])
                  for _ in range(repeticiones))
    bare = min(_hijo_con_memoria([sys.executable, "-c", _LECTURA_PROCESO, *map(str, rutas)], entorno=e)
               for _ in range(repeticiones) for e in (ENV, ENV_POR_OMISION))  # the faster allocator setting
    return {"n": n, "lectura": lectura, "carga": proceso["carga"], "balance": proceso["balance"],
            "balance_cpu": proceso["balance_cpu"],
            "en_proceso": proceso["segundos"], "comando": comando[0], "proceso_lectura": bare[0],
            "razon": comando[0] / bare[0], "pico": pico, "pico_comando": comando[1], "pico_lectura": bare[1]}


def imprimir(filas: list[dict[str, float]]) -> None:
    encabezado = ("N", "lectura s", "carga s", "indicadores+beneficios s", "(CPU s)", "en proceso s", "comando s",
                  "proceso lectura s", "razón comando", "pico MB", "pico comando MB", "pico lectura MB")
    celdas = [(f"{int(f['n']):,}".replace(",", "."), f"{f['lectura']:.2f}", f"{f['carga']:.2f}",
               f"{f['balance']:.2f}", f"{f['balance_cpu']:.2f}", f"{f['en_proceso']:.2f}", f"{f['comando']:.2f}",
               f"{f['proceso_lectura']:.2f}",
               f"{f['razon']:.2f}x", f"{f['pico']:.0f}", f"{f['pico_comando']:.0f}", f"{f['pico_lectura']:.0f}")
              for f in filas]
    imprimir_tabla(encabezado, celdas)


def main() -> int:
    if len(sys.argv) > 1 and sys.argv[1] == "--medir":
        print(json.dumps(medir(sys.argv[2], Path(sys.argv[3]))))
        return 0
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--tamanos", default="10000,100000,500000")
    ap.add_argument("--repeticiones", type=int, default=1)
    args = ap.parse_args()
    CACHE.mkdir(parents=True, exist_ok=True)
    compilar_paquete()
    filas = []
    for n in (int(t) for t in args.tamanos.split(",") if t.strip()):
        print(f"{n:,} asociados".replace(",", "."), flush=True)
        filas.append(fila(n, args.repeticiones))
    imprimir(filas)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
