"""Benchmark: the generated workbook — generation time, LibreOffice full-recalculation time, file size.

    python bench/bench_libro.py [--tamanos 1000,10000,50000] [--repeticiones 1] [--sin-hojas-adicionales]
    python bench/bench_libro.py --perfil [--tamanos 2000] [--familias todas|a,b,...]

Uses the demo folders of bench_carga.py (semilla 1, generated once, cached under /tmp). For each size:

- carga: `cargar_dataset` of the demo folder (not part of the workbook's time, shown for scale);
- generación: `coopxl.excel.libro.escribir_libro` (the whole workbook written to disk);
- LibreOffice: `coopxl.excel.recalculo.convertir_con_libreoffice` (soffice headless, a private profile
  that forces a full recalculation on load, saved back as xlsx), wall time including the start of soffice;
  `arranque` is the same conversion of a tiny workbook (the fixed cost of starting LibreOffice);
- MB: the size of the generated file.

Profile mode (`--perfil`): the workbook is generated again with one family of helper columns replaced by a
constant (1: every guarded branch downstream still runs), and the table shows how much LibreOffice's time
drops: the cost of that family. Families are sets of helper columns (FAMILIAS below), plus
`hojas_adicionales`: the workbook without the sheets written after the data sheets (BeneficioSolidario,
Extracto, Graficos). On this shared VM a single run varies by ±20 %: repeat (--repeticiones) and read the
minimum.
"""

from __future__ import annotations

import argparse
import statistics
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "src"))

from bench_carga import CACHE, _miles, carpeta_demo, compilar_paquete, imprimir_tabla

# Family -> {report: helper columns}; replaced together by a constant in profile mode.
FAMILIAS: dict[str, dict[str, tuple[str, ...]]] = {
    "primera_arriba": {"asociados": ("primera_vigente",), "captaciones": ("primera_fila",),
                       "cartera": ("primera_fila",)},
    "primera_con": {"asociados": ("neto_vinculado", "neto_retirado", "inicio_persona", "relevo_base",
                                  "relevo_joven"),
                    "beneficios": ("beneficiado_fondos", "beneficiado_fondos_anterior"),
                    "directivos": ("primera_silla",)},
    "habil_activo": {"asociados": ("habil", "activo_p", "asistente")},
    "usa_volumen": {"asociados": ("ahorra", "beneficiado", "beneficiado_educacion", "volumen")},
    "de_vigente": {"aportes": ("de_vigente",), "captaciones": ("de_vigente",), "cartera": ("de_vigente",),
                   "beneficios": ("de_vigente",), "revalorizacion": ("de_vigente",)},
    "fila_asociado": {"cartera": ("fila_asociado",), "directivos": ("fila_asociado",)},
    "desembolso_cuenta": {"cartera": ("desembolso_cuenta",)},
    "saldo_persona": {"captaciones": ("saldo_persona",), "cartera": ("saldo_persona",)},
    "catalogo": {"catalogo": ("hoja", "contra")},
}
# Before the sorted sheets there were also the per-row rank helpers of the 80 % rule («mayores»: a SUMPRODUCT
# per row; «empates_antes»: a COUNTIFS over the rows above), now replaced by a bisection on Calculos.


ADICIONALES = "hojas_adicionales"  # the family «sheets written after the data sheets» (BeneficioSolidario, ...)


def _constantes(familias: list[str]) -> Callable[[], None]:
    """Replace the helpers of `familias` by the constant 1 (the family hojas_adicionales: leave those sheets
    out); return the function that undoes it."""
    from coopxl.excel import hojas_datos as H
    from coopxl.excel import libro as L

    originales = dict(H.AUXILIARES)
    adicionales = L.HOJAS_ADICIONALES
    if ADICIONALES in familias:
        L.HOJAS_ADICIONALES = ()
    for familia in (f for f in familias if f != ADICIONALES):
        for reporte, nombres in FAMILIAS[familia].items():
            H.AUXILIARES[reporte] = tuple(
                H.Auxiliar(a.nombre, a.encabezado, lambda f: "1", a.formato) if a.nombre in nombres else a
                for a in H.AUXILIARES[reporte])

    def deshacer() -> None:
        H.AUXILIARES.clear()
        H.AUXILIARES.update(originales)
        L.HOJAS_ADICIONALES = adicionales
    return deshacer


def cargar(n: int):
    import datetime as dt

    from coopxl.dataset import cargar_dataset

    inicio = time.perf_counter()
    ds, _ = cargar_dataset(carpeta_demo(n, "csv"), dt.date(2025, 12, 31))
    return ds, time.perf_counter() - inicio


def generar(ds, destino: Path) -> float:
    from coopxl.excel.libro import escribir_libro

    inicio = time.perf_counter()
    escribir_libro(ds, destino, forzar=True)
    return time.perf_counter() - inicio


def recalcular(archivo: Path, tiempo_limite: float) -> float:
    from coopxl.excel.recalculo import convertir_con_libreoffice

    with tempfile.TemporaryDirectory(prefix="coopxl-bench-lo-") as tmp:
        inicio = time.perf_counter()
        convertir_con_libreoffice([archivo], Path(tmp) / "salida", perfil=Path(tmp) / "perfil",
                                  tiempo_limite=tiempo_limite)
        return time.perf_counter() - inicio


def arranque() -> float:
    from openpyxl import Workbook

    with tempfile.TemporaryDirectory(prefix="coopxl-bench-") as tmp:
        ruta = Path(tmp) / "minimo.xlsx"
        wb = Workbook()
        wb.active["A1"] = "=1+1"
        wb.save(ruta)
        return recalcular(ruta, 120)


def _resumen(xs: list[float]) -> str:
    if len(xs) == 1:
        return f"{xs[0]:.1f}"
    return f"{min(xs):.1f} / {statistics.median(xs):.1f}"


def tabla(tamanos: list[int], repeticiones: int, tiempo_limite: float) -> None:
    filas = []
    base = arranque()
    for n in tamanos:
        print(f"{_miles(n)} asociados", flush=True)
        ds, t_carga = cargar(n)
        with tempfile.TemporaryDirectory(prefix="coopxl-bench-") as tmp:
            ruta = Path(tmp) / f"libro_{n}.xlsx"
            gen = [generar(ds, ruta) for _ in range(repeticiones)]
            mb = ruta.stat().st_size / 1e6
            lo = []
            for _ in range(repeticiones):
                lo.append(recalcular(ruta, tiempo_limite))
                print(f"  LibreOffice {lo[-1]:.1f} s", flush=True)
        filas.append((_miles(n), _miles(len(ds.asociados)), f"{t_carga:.1f}", _resumen(gen), _resumen(lo),
                      f"{mb:.1f}"))
    print(f"\nrepeticiones: {repeticiones} (mín / mediana); arranque de LibreOffice: {base:.1f} s")
    imprimir_tabla(("N", "filas Asociados", "carga s", "generación s", "LibreOffice s", "MB"), filas)


def perfil(n: int, familias: list[str], repeticiones: int, tiempo_limite: float) -> None:
    ds, _ = cargar(n)
    filas = []
    with tempfile.TemporaryDirectory(prefix="coopxl-bench-") as tmp:
        def medir(etiqueta: str, cuales: list[str]) -> float:
            deshacer = _constantes(cuales)
            try:
                ruta = Path(tmp) / f"perfil_{etiqueta}.xlsx"
                generar(ds, ruta)
            finally:
                deshacer()
            tiempos = [recalcular(ruta, tiempo_limite) for _ in range(repeticiones)]
            print(f"  {etiqueta}: {_resumen(tiempos)} s", flush=True)
            return min(tiempos)

        completo = medir("completo", [])
        filas.append(("(ninguna)", f"{completo:.1f}", "", ""))
        for familia in familias:
            t = medir(familia, [familia])
            filas.append((familia, f"{t:.1f}", f"{completo - t:.1f}", f"{100 * (completo - t) / completo:.0f} %"))
        todas = medir("todas", familias)
        filas.append(("todas", f"{todas:.1f}", f"{completo - todas:.1f}",
                      f"{100 * (completo - todas) / completo:.0f} %"))
    print(f"\n{_miles(n)} asociados; LibreOffice s (mínimo de {repeticiones}) con la familia reemplazada por 1")
    imprimir_tabla(("familia", "LibreOffice s", "ahorro s", "ahorro"), filas)


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--tamanos", default=None, help="asociados, separados por comas")
    ap.add_argument("--repeticiones", type=int, default=1)
    ap.add_argument("--perfil", action="store_true", help="costo de cada familia de columnas auxiliares")
    ap.add_argument("--familias", default="todas")
    ap.add_argument("--tiempo-limite", type=float, default=1800)
    ap.add_argument("--sin-hojas-adicionales", action="store_true",
                    help="sin BeneficioSolidario, Extracto ni Graficos (solo hojas de datos e indicadores)")
    args = ap.parse_args()
    if args.sin_hojas_adicionales:
        _constantes([ADICIONALES])
    CACHE.mkdir(parents=True, exist_ok=True)
    compilar_paquete()
    tamanos = [int(t) for t in (args.tamanos or ("2000" if args.perfil else "1000,10000,50000")).split(",")
               if t.strip()]
    if args.perfil:
        familias = [*FAMILIAS, ADICIONALES] if args.familias == "todas" else args.familias.split(",")
        desconocidas = [f for f in familias if f not in FAMILIAS and f != ADICIONALES]
        if desconocidas:
            ap.error(f"familias desconocidas: {', '.join(desconocidas)}; hay: {', '.join(FAMILIAS)}")
        for n in tamanos:
            perfil(n, familias, args.repeticiones, args.tiempo_limite)
    else:
        tabla(tamanos, args.repeticiones, args.tiempo_limite)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
