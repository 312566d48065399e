"""Benchmark: bulk extracts of beneficio solidario (xlsx and PDF), extracts per second.

    python bench/bench_extractos.py [--tamanos 1000,10000] [--pdf-tamanos 1000,10000] [--procesos 2]

Uses the demo folders of bench_carga.py (`generar_demo(dest, asociados=N, semilla=1)`, cached under
/tmp/coopxl_bench). For each size it times, in this process:

- carga: `cargar_dataset` (read + validate the folder);
- datos: `extractos_asociados` (what each extract says, from the beneficio solidario);
- xlsx: `generar_extractos(formato="xlsx")`, all cores, into an empty folder (the whole bulk run minus
  carga): extracts per second;
- pdf: the same with formato="pdf" (xlsx + LibreOffice in batches of 200, one soffice per core);
- one extract written with XlsxWriter vs. the same cells with openpyxl (single process, 200 extracts).

Targets: >= 100 xlsx extracts/s; a 70.000-associate entity's whole xlsx run (carga + generation) under
15 minutes, extrapolated linearly from the largest size measured (the table says so).
"""

from __future__ import annotations

import argparse
import datetime as dt
import io
import shutil
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "src"))

from bench_carga import carpeta_demo, compilar_paquete  # the bench folder is not a package


def _openpyxl_extracto(ext, enc) -> bytes:
    """The same cells, formats, merges, row heights and print setup as xlsx.escribir_extracto, in openpyxl."""
    from openpyxl import Workbook
    from openpyxl.styles import Alignment, Font

    from coopxl.extractos.xlsx import COLUMNAS, FORMATO_PESOS

    wb = Workbook()
    ws = wb.active
    ws.title = "Extracto"
    for i, ancho in enumerate(COLUMNAS):
        ws.column_dimensions["ABCD"[i]].width = ancho
    envolver = Alignment(wrap_text=True, vertical="top")
    negrita = Font(name="Arial", bold=True, size=10)
    normal = Font(name="Arial", size=10)
    filas = [(enc.nombre, None), (enc.sigla, None), (ext.titulo, None), ("Asociado", ext.destinatario),
             ("Documento", ext.documento), ("Periodo", ext.periodo), ("Fecha de corte", ext.corte)]
    r = 1
    for a, b in filas:
        ws.cell(r, 1, a).font = negrita
        if b is not None:
            ws.merge_cells(start_row=r, start_column=2, end_row=r, end_column=4)
            ws.cell(r, 2, b).font = normal
        r += 1
    for ln in ext.lineas:
        ws.merge_cells(start_row=r, start_column=1, end_row=r, end_column=2)
        ws.cell(r, 1, ln.concepto).font = normal
        c = ws.cell(r, 3, "no calculado" if ln.valor is None else ln.valor)
        c.number_format = FORMATO_PESOS
        ws.cell(r, 4, ln.nota).alignment = envolver
        ws.row_dimensions[r].height = 17
        r += 1
    ws.cell(r, 1, "Total beneficio solidario").font = negrita
    ws.cell(r, 3, ext.total).number_format = FORMATO_PESOS
    r += 2
    for p in (*ext.explicacion, *ext.metodologia):
        ws.merge_cells(start_row=r, start_column=1, end_row=r, end_column=4)
        c = ws.cell(r, 1, p)
        c.alignment = envolver
        ws.row_dimensions[r].height = 40
        r += 1
    ws.print_area = f"A1:D{r}"
    ws.page_setup.paperSize = ws.PAPERSIZE_LETTER
    ws.page_setup.fitToWidth = ws.page_setup.fitToHeight = 1
    ws.sheet_properties.pageSetUpPr.fitToPage = True
    salida = io.BytesIO()
    wb.save(salida)
    return salida.getvalue()


def _uno_a_uno(extractos, enc) -> tuple[float, float]:
    from coopxl.extractos.xlsx import escribir_extracto

    muestra = extractos[:200]
    t0 = time.perf_counter()
    for e in muestra:
        escribir_extracto(e, enc)
    t1 = time.perf_counter()
    for e in muestra:
        _openpyxl_extracto(e, enc)
    t2 = time.perf_counter()
    return len(muestra) / (t1 - t0), len(muestra) / (t2 - t1)


def medir(n: int, pdf: bool, procesos: int) -> dict[str, float]:
    from coopxl.dataset import cargar_dataset
    from coopxl.extractos import generar_extractos
    from coopxl.extractos.datos import Encabezado, extractos_asociados

    carpeta = carpeta_demo(n, "csv")
    t0 = time.perf_counter()
    ds, _ = cargar_dataset(carpeta, dt.date(2025, 12, 31))
    t1 = time.perf_counter()
    extractos = extractos_asociados(ds)
    t2 = time.perf_counter()
    fila: dict[str, float] = {"asociados": float(len(extractos)), "carga": t1 - t0, "datos": t2 - t1}
    fila["xw_1p"], fila["opx_1p"] = _uno_a_uno(extractos, Encabezado.de_dataset(ds))
    destino = Path(tempfile.mkdtemp(prefix="bench_extractos_"))
    try:
        t3 = time.perf_counter()
        generar_extractos(ds, destino / "xlsx", procesos=procesos)
        t4 = time.perf_counter()
        fila["xlsx_s"] = t4 - t3
        if pdf:
            generar_extractos(ds, destino / "pdf", formato="pdf", procesos=procesos)
            fila["pdf_s"] = time.perf_counter() - t4
    finally:
        shutil.rmtree(destino, ignore_errors=True)
    return fila


def _num(v: float, dec: int = 1) -> str:
    return f"{v:,.{dec}f}".replace(",", "\x00").replace(".", ",").replace("\x00", ".")


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--tamanos", default="1000,10000")
    ap.add_argument("--pdf-tamanos", default="1000,10000")
    ap.add_argument("--procesos", type=int, default=None)
    a = ap.parse_args()
    import os

    procesos = a.procesos or os.cpu_count() or 1
    compilar_paquete()
    pdf_n = {int(x) for x in a.pdf_tamanos.split(",") if x}
    filas = []
    for n in (int(x) for x in a.tamanos.split(",")):
        print(f"midiendo {n} asociados ...", flush=True)
        filas.append((n, medir(n, n in pdf_n, procesos)))
    print(f"\nExtractos de beneficios solidarios ({procesos} procesos, {os.cpu_count()} núcleos)\n")
    cab = ("demo N", "vigentes", "carga s", "datos s", "xlsx s", "xlsx/s", "pdf s", "pdf/s",
           "XlsxWriter/s 1p", "openpyxl/s 1p")
    print(" | ".join(cab))
    for n, f in filas:
        v = f["asociados"]
        print(" | ".join([
            _num(n, 0), _num(v, 0), _num(f["carga"]), _num(f["datos"]), _num(f["xlsx_s"]),
            _num(v / f["xlsx_s"]), _num(f["pdf_s"]) if "pdf_s" in f else "-",
            _num(v / f["pdf_s"]) if "pdf_s" in f else "-", _num(f["xw_1p"]), _num(f["opx_1p"]),
        ]))
    n, f = filas[-1]
    v = f["asociados"]
    por_asociado = (f["carga"] + f["datos"] + f["xlsx_s"]) / v
    print(f"\n70.000 asociados, corrida xlsx completa (carga + generación), extrapolada linealmente de "
          f"{_num(v, 0)}: {_num(por_asociado * 70_000 / 60)} min (meta: < 15 min)")
    if "pdf_s" in f:
        print(f"70.000 asociados en PDF, extrapolado: {_num((f['carga'] + f['datos'] + f['pdf_s']) / v * 70_000 / 60)}"
              " min")


if __name__ == "__main__":
    main()
