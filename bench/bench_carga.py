"""Benchmark: loading and validating a SICSES folder against the bare read of the same files.

    python bench/bench_carga.py [--tamanos 10000,100000,500000] [--formatos csv,xlsx] [--repeticiones 1]

For each size and format the demo cooperative (`coopxl.demo.generar_demo`, semilla 1) is generated once
into a cache folder under /tmp. Then, every measurement in a child process of its own (so that its peak
memory, the child's maxrss, is its own):

- bare read: the fastest plain reader on the same files, timed inside the process after its imports:
  pyarrow.csv.read_csv with every column as string (with coopxl's allocator settings, and again with
  mimalloc's defaults), pandas.read_csv(dtype=str) (C engine), and for xlsx python-calamine's to_python;
  the fastest is named;
- load+validate: `coopxl.dataset.cargar_dataset(carpeta, corte)` in process (reading, conversion,
  Dataset and populations, cross-file validation), timed after the imports; the fast reader and the load
  take turns, so that both meet the same moments of the machine;
- whole command: `python -m coopxl validar CARPETA` (wall time of the process), next to the wall time of
  a whole process that only imports pyarrow and reads the files (the faster of the two allocator settings).

xlsx is measured up to 100k (a 500k-associate workbook is not a realistic input).

What the ratio to the bare read is made of (CPU seconds, one file after another in a warm process, minimum
of repeated runs on a shared 2-core VM, 1 December 2026, session 5). 500k associates, 404 MB of cp1252
text: pyarrow's typed parse 2.0 (numbers as float64, codes and dates dictionary-encoded; files without a
double quote are split without quote handling), classifying the bytes 0.15 and turning the Windows-1252
text columns into UTF-8 0.2, cell conversion and checks 0.5, the Dataset (persons numbered, populations,
sums) 0.7 in two rounds of pieces side by side, cross-file validation 0.1; against about 2.1 for pyarrow's
bare string read (a third of it the Python codec). Each file is recognised and loaded in one piece, two at
a time, the largest first (`coopxl.hilos`). The loader keeps ~1 GB of typed data and text for 3.9 million
rows (the bare read ~0.45 GB of strings).

Fresh memory is what a new process pays most for (session 6): the kernel zeroes each page at its first
touch, and `perf` put that at up to a third of the load's CPU. Three changes act on it, each checked in
paired runs: pyarrow's mimalloc commits its arenas on demand instead of eagerly under transparent huge
pages (`coopxl.AJUSTES_DEL_ASIGNADOR`, which every child here gets, the bare readers included); the CSV
is parsed in 1 MB blocks, combined once, so the parser's buffers are reused from block to block instead of
being as big as the file; and mimalloc keeps freed memory for 10 s instead of 10 ms, so those buffers and
each file's chunks are reused by the next block and the next file. The 1 MB blocks alone were no faster
(freed memory was given back and touched afresh); with the memory kept, the load at 500k was 0.2 s faster
in 10 of 10 paired runs.

Tried and left out: keeping the text columns chunked (pandas accepts chunked arrays, but every operation
downstream gets slower), the system allocator and glibc settings, jemalloc, one thread more than the cores.

The machine's noise is large (the same bare read took 1.19 s and 1.66 s within the hour): compare ratios
taken in one run, and repeat (--repeticiones) to take minima.
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import time
from pathlib import Path

RAIZ = Path(__file__).resolve().parents[1]
CACHE = Path(os.environ.get("COOPXL_BENCH_CACHE", "/tmp/coopxl_bench"))
CORTE = "2025-12-31"
MAXIMO_XLSX = 100_000
sys.path.insert(0, str(RAIZ / "src"))
from coopxl import AJUSTES_DEL_ASIGNADOR  # noqa: E402  (after the path to src)

# Every child, the bare readers included, runs with coopxl's allocator settings: the ratio then measures
# coopxl's work, not a difference of allocator configuration. The pyarrow read is also measured with
# mimalloc's own defaults ("pyarrow (asignador por omisión)"), and the faster of the two is the bare read.
ENV = {**AJUSTES_DEL_ASIGNADOR, **os.environ,
       "PYTHONPATH": str(RAIZ / "src") + os.pathsep + os.environ.get("PYTHONPATH", "")}
ENV_POR_OMISION = {**ENV, "MIMALLOC_ARENA_EAGER_COMMIT": "2", "MIMALLOC_PURGE_DELAY": "10"}  # mimalloc's defaults
POR_OMISION = "pyarrow (asignador por omisión)"


def compilar_paquete() -> None:
    """Write coopxl's bytecode (.pyc) before measuring, as an installation does: without it (an environment
    with PYTHONDONTWRITEBYTECODE, or sources edited since the last run) every child process would compile
    the package's modules again, tens of milliseconds that a user's command does not spend."""
    import compileall

    compileall.compile_dir(str(RAIZ / "src"), quiet=1)


def _miles(n: object) -> str:
    return f"{int(n):,}".replace(",", ".")  # type: ignore[call-overload]


# --- the demo folders ------------------------------------------------------------------------------

def carpeta_demo(n: int, formato: str) -> Path:
    """The demo folder of `n` associates in `formato`, generated once (a marker file says it is complete)."""
    destino = CACHE / f"demo_{formato}_{n}"
    listo = destino / ".completo"
    if not listo.exists():
        import datetime as dt

        from coopxl.demo import generar_demo

        inicio = time.perf_counter()
        print(f"  generando la demo de {_miles(n)} asociados en {formato} ...", end="", flush=True)
        generar_demo(destino, asociados=n, semilla=1, formato=formato, corte=dt.date(2025, 12, 31))
        listo.write_text("ok\n")
        print(f" {time.perf_counter() - inicio:.1f} s")
    return destino


def archivos(carpeta: Path, formato: str) -> list[Path]:
    return sorted(p for p in carpeta.iterdir() if p.suffix == f".{formato}")


# --- measurements (run in a child process: `bench_carga.py --medir QUE CARPETA FORMATO`) ------------------

def _leer_pyarrow(rutas: list[Path]) -> int:
    import pyarrow as pa
    import pyarrow.csv as pacsv

    filas = 0
    for r in rutas:
        with open(r, "rb") as f:
            nombres = f.readline().decode("cp1252").rstrip("\r\n").split(";")
        tabla = pacsv.read_csv(
            r, read_options=pacsv.ReadOptions(encoding="cp1252", skip_rows=1, column_names=nombres),
            parse_options=pacsv.ParseOptions(delimiter=";"),
            convert_options=pacsv.ConvertOptions(column_types=dict.fromkeys(nombres, pa.string())))
        filas += tabla.num_rows
    return filas


def _leer_pandas(rutas: list[Path]) -> int:
    import pandas as pd

    return sum(len(pd.read_csv(r, sep=";", dtype=str, encoding="cp1252", keep_default_na=False)) for r in rutas)


def _leer_calamine(rutas: list[Path]) -> int:
    from python_calamine import CalamineWorkbook

    filas = 0
    for r in rutas:
        libro = CalamineWorkbook.from_path(str(r))
        filas += len(libro.get_sheet_by_index(0).to_python())
    return filas


def medir(que: str, carpeta: Path, formato: str) -> dict[str, float | str]:
    """Time one thing inside this process, after its imports; returns seconds and what was measured."""
    rutas = archivos(carpeta, formato)
    if que == "cargar":
        import datetime as dt

        import coopxl.dataset as dataset
        import coopxl.sicses.validacion  # noqa: F401  (imported by cargar_dataset on first use)

        inicio = time.perf_counter()
        _, lectura = dataset.cargar_dataset(carpeta, dt.date(2025, 12, 31))
        segundos = time.perf_counter() - inicio
        filas = sum(c.filas for c in lectura.cargas.values())
        return {"segundos": segundos, "filas": filas, "errores": lectura.informe.errores}
    lector = {"pyarrow": _leer_pyarrow, "pandas": _leer_pandas, "calamine": _leer_calamine}[que]
    if que == "pyarrow":
        import pyarrow.csv  # noqa: F401
    elif que == "pandas":
        import pandas  # noqa: F401
    else:
        import python_calamine  # noqa: F401
    inicio = time.perf_counter()
    filas = lector(rutas)
    return {"segundos": time.perf_counter() - inicio, "filas": filas}


def _hijo_con_memoria(argumentos: list[str], intentos: int = 3, entorno: dict[str, str] | None = None
                      ) -> tuple[float, float, str]:
    """Run a child process reaped with os.wait4: (wall seconds, peak MB of that child alone, its stdout).

    A child killed by a signal is run again (up to `intentos` times, each retry announced on stderr):
    pyarrow 26 now and then aborts at interpreter exit after `read_csv(encoding=...)` ("terminate called
    without an active exception"), after the work being timed is over."""
    for intento in range(1, intentos + 1):
        try:
            return _un_hijo(argumentos, entorno)
        except _MuertePorSenal as e:
            if intento == intentos:
                raise RuntimeError(str(e)) from None
            print(f"\n  aviso: {e}; se repite la medición", file=sys.stderr)
    raise AssertionError("sin intentos")


class _MuertePorSenal(Exception):
    pass


def _un_hijo(argumentos: list[str], entorno: dict[str, str] | None = None) -> tuple[float, float, str]:
    import tempfile

    with tempfile.TemporaryFile() as out, tempfile.TemporaryFile() as err:
        inicio = time.perf_counter()
        p = subprocess.Popen(argumentos, stdout=out, stderr=err, env=entorno or ENV, cwd=RAIZ)
        _, estado, uso = os.wait4(p.pid, 0)
        segundos = time.perf_counter() - inicio
        p.returncode = os.waitstatus_to_exitcode(estado)
        out.seek(0)
        err.seek(0)
        salida, error = out.read().decode(errors="replace"), err.read().decode(errors="replace")
    if p.returncode < 0:
        raise _MuertePorSenal(f"{Path(argumentos[-1]).name if argumentos else ''}: el proceso terminó con la señal "
                              f"{-p.returncode} ({error.strip()[-200:]})")
    if p.returncode not in (0, 1):
        raise RuntimeError(f"{' '.join(argumentos)} terminó con {p.returncode}:\n{error}")
    pico = uso.ru_maxrss / 1024 if sys.platform != "darwin" else uso.ru_maxrss / 1024 / 1024
    return segundos, pico, salida


def _medir_en_hijo(que: str, carpeta: Path, formato: str) -> tuple[dict[str, float | str], float, float]:
    entorno = ENV_POR_OMISION if que == POR_OMISION else ENV
    que = "pyarrow" if que == POR_OMISION else que
    seg, pico, salida = _hijo_con_memoria([sys.executable, __file__, "--medir", que, str(carpeta), formato],
                                          entorno=entorno)
    return json.loads(salida.strip().splitlines()[-1]), pico, seg


_LECTURA_PROCESO = """
import sys, time
import pyarrow as pa, pyarrow.csv as pacsv
for r in sys.argv[1:]:
    with open(r, "rb") as f:
        nombres = f.readline().decode("cp1252").rstrip("\\r\\n").split(";")
    pacsv.read_csv(r, read_options=pacsv.ReadOptions(encoding="cp1252", skip_rows=1, column_names=nombres),
                   parse_options=pacsv.ParseOptions(delimiter=";"),
                   convert_options=pacsv.ConvertOptions(column_types=dict.fromkeys(nombres, pa.string())))
"""
_LECTURA_PROCESO_XLSX = """
import sys
from python_calamine import CalamineWorkbook
for r in sys.argv[1:]:
    CalamineWorkbook.from_path(r).get_sheet_by_index(0).to_python()
"""


def fila(n: int, formato: str, repeticiones: int) -> dict[str, object]:
    carpeta = carpeta_demo(n, formato)
    rutas = archivos(carpeta, formato)
    rapidos, otros = (("pyarrow", POR_OMISION), ("pandas",)) if formato == "csv" else (("calamine",), ())
    # The fast reader (with both allocator settings) and the load take turns, so that all meet the same
    # moments of a shared machine (its speed drifts by tens of percent within minutes); the best of each is
    # kept.
    lecturas: dict[str, list[tuple[dict[str, float | str], float, float]]] = {r: [] for r in rapidos}
    cargas = []
    for _ in range(repeticiones):
        for r in rapidos:
            lecturas[r].append(_medir_en_hijo(r, carpeta, formato))
        cargas.append(_medir_en_hijo("cargar", carpeta, formato))
    for o in otros:
        lecturas[o] = [_medir_en_hijo(o, carpeta, formato) for _ in range(repeticiones)]
    bare = {}
    for lector, medidas in lecturas.items():
        datos, pico, _ = min(medidas, key=lambda r: r[0]["segundos"])
        bare[lector] = (float(datos["segundos"]), pico)
    rapido = min(bare, key=lambda k: bare[k][0])
    carga, pico_carga, _ = min(cargas, key=lambda r: r[0]["segundos"])
    comando = min(_hijo_con_memoria([sys.executable, "-m", "coopxl", "validar", str(carpeta), "--corte", CORTE])
                  for _ in range(repeticiones))
    guion = _LECTURA_PROCESO if formato == "csv" else _LECTURA_PROCESO_XLSX
    entornos = (ENV, ENV_POR_OMISION) if formato == "csv" else (ENV,)
    proceso = min(_hijo_con_memoria([sys.executable, "-c", guion, *map(str, rutas)], entorno=e)
                  for _ in range(repeticiones) for e in entornos)
    return {
        "n": n, "formato": formato, "lector": rapido, "lectura": bare[rapido][0],
        "lecturas": {k: v[0] for k, v in bare.items()}, "carga": float(carga["segundos"]),
        "razon": float(carga["segundos"]) / bare[rapido][0], "comando": comando[0], "proceso": proceso[0],
        "pico_carga": pico_carga, "pico_lectura": bare[rapido][1], "pico_comando": comando[1],
        "filas": carga["filas"], "errores": carga["errores"],
        "mb": sum(r.stat().st_size for r in rutas) / 1e6,
    }


def imprimir_tabla(encabezado: tuple[str, ...], celdas: list[tuple[object, ...]]) -> None:
    """A right-aligned plain table (shared by the bench scripts)."""
    anchos = [max(len(str(x)) for x in col) for col in zip(encabezado, *celdas, strict=True)]
    print()
    print("  ".join(h.rjust(a) for h, a in zip(encabezado, anchos, strict=True)))
    print("  ".join("-" * a for a in anchos))
    for c in celdas:
        print("  ".join(str(x).rjust(a) for x, a in zip(c, anchos, strict=True)))


def imprimir(filas: list[dict[str, object]]) -> None:
    encabezado = ("N", "formato", "MB", "filas", "lectura s", "lector", "carga+valid. s", "razón", "comando s",
                  "proceso lectura s", "pico carga MB", "pico comando MB", "pico lectura MB")
    celdas = [(_miles(f["n"]), f["formato"], f"{f['mb']:.0f}", _miles(f["filas"]),
               f"{f['lectura']:.2f}", f["lector"], f"{f['carga']:.2f}", f"{f['razon']:.2f}x", f"{f['comando']:.2f}",
               f"{f['proceso']:.2f}", f"{f['pico_carga']:.0f}", f"{f['pico_comando']:.0f}",
               f"{f['pico_lectura']:.0f}") for f in filas]
    imprimir_tabla(encabezado, celdas)
    print()
    for f in filas:
        otros = ", ".join(f"{k} {v:.2f} s" for k, v in f["lecturas"].items())  # type: ignore[union-attr]
        print(f"  {_miles(f['n']):>9} {f['formato']}: lectores {otros}; {f['errores']} error(es) de validación")


def main() -> int:
    if len(sys.argv) > 1 and sys.argv[1] == "--medir":
        que, carpeta, formato = sys.argv[2], Path(sys.argv[3]), sys.argv[4]
        print(json.dumps(medir(que, carpeta, formato)))
        return 0
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--tamanos", default="10000,100000,500000", help="asociados, separados por coma")
    ap.add_argument("--formatos", default="csv,xlsx")
    ap.add_argument("--repeticiones", type=int, default=1, help="se toma la mejor de N corridas")
    args = ap.parse_args()
    tamanos = [int(t) for t in args.tamanos.split(",") if t.strip()]
    formatos = [f.strip() for f in args.formatos.split(",") if f.strip()]
    CACHE.mkdir(parents=True, exist_ok=True)
    compilar_paquete()
    filas = []
    for formato in formatos:
        for n in tamanos:
            if formato == "xlsx" and n > MAXIMO_XLSX:
                continue
            print(f"{_miles(n)} asociados, {formato}", flush=True)
            filas.append(fila(n, formato, args.repeticiones))
    imprimir(filas)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
