"""Bulk generation: one file per associate named by document, the entity's extract, and indice.csv.

Resumable: every file is written atomically (temp file + rename), so a file that exists is complete; a
rerun skips the files that exist (unless `forzar`) and leftover temp files of an interrupted run are
removed. The index is rewritten at the end and is the only file that lists associates.
"""

from __future__ import annotations

import csv
import io
import multiprocessing
import os
import shutil
import tempfile
from collections.abc import Callable, Iterable, Sequence
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

from coopxl import formato as fmt
from coopxl.archivos import escritura_atomica
from coopxl.extractos.datos import Encabezado, Extracto, extracto_entidad, extractos_asociados
from coopxl.extractos.xlsx import Logo, escribir_extracto

if TYPE_CHECKING:
    from coopxl.dataset import Dataset

Progreso = Callable[[int, int, str], None]  # (done, total, stage)
INDICE = "indice.csv"
ENTIDAD = "entidad"
LOTE_XLSX = 250  # extracts per task sent to a worker process
LOTE_PDF = 200  # xlsx files per LibreOffice process
ENCABEZADO_INDICE = ("Tipo Doc", "Documento", "Nombre", "Correo", "Archivo", "Total Beneficio")


@dataclass
class ResultadoMasivo:
    destino: Path
    formato: str
    asociados: int  # rows of the index
    escritos: int  # associate files written in this run
    omitidos: int  # associate files that already existed (resumed run)
    no_encontrados: list[str] = field(default_factory=list)  # requested documents with no vigente associate
    indice: Path | None = None
    entidad: Path | None = None


def leer_documentos(ruta: Path) -> list[str]:
    """A list of documents: one per line, or a csv/xlsx whose header has a 'documento' column."""
    ruta = Path(ruta)
    if ruta.suffix.lower() in (".xlsx", ".xlsm"):
        from python_calamine import CalamineWorkbook

        filas = [[str(c) for c in f] for f in CalamineWorkbook.from_path(str(ruta)).get_sheet_by_index(0).to_python()]
    else:
        datos = ruta.read_bytes()
        for cod in ("utf-8-sig", "cp1252"):
            try:
                texto = datos.decode(cod)
                break
            except UnicodeDecodeError:
                continue
        muestra = texto[:2000]
        delim = max((";", ",", "\t", "|"), key=muestra.count) if any(d in muestra for d in ";,\t|") else ";"
        filas = list(csv.reader(io.StringIO(texto), delimiter=delim))
    filas = [[c.strip() for c in f] for f in filas if any(c.strip() for c in f)]
    if not filas:
        return []
    cabecera = [_sin_acentos(c).lower() for c in filas[0]]
    if "documento" in cabecera:
        i = cabecera.index("documento")
        return [normalizar_documento(f[i]) for f in filas[1:] if len(f) > i and f[i]]
    return [normalizar_documento(f[0]) for f in filas if f[0]]


def _sin_acentos(t: str) -> str:
    import unicodedata

    return "".join(c for c in unicodedata.normalize("NFD", t) if unicodedata.category(c) != "Mn")


def normalizar_documento(texto: str) -> str:
    """'1.012.345' -> '1012345', '900123456-7' -> '900123456', 'C:123' stays a person key."""
    import re

    t = texto.strip().upper()
    if re.fullmatch(r"[A-Z]{1,2}:[0-9A-Z]+", t):
        return t
    if re.fullmatch(r"\d+\.0", t):  # a number read from a spreadsheet
        t = t[:-2]
    t = re.sub(r"[\s.,]", "", t)
    t = re.sub(r"-\d$", "", t)
    return t.lstrip("0") or t


# --- workers ----------------------------------------------------------------------------------------

def _escribir_lote_xlsx(extractos: Sequence[Extracto], enc: Encabezado, carpeta: str) -> int:
    logo = Logo.leer(enc.logo) if enc.logo else None
    for ext in extractos:
        datos = escribir_extracto(ext, enc, logo)
        with escritura_atomica(Path(carpeta) / f"{ext.archivo}.xlsx") as fh:
            fh.write(datos)
    return len(extractos)


def _lotes(items: Sequence[Extracto], n: int) -> Iterable[Sequence[Extracto]]:
    for i in range(0, len(items), n):
        yield items[i:i + n]


def _contexto() -> multiprocessing.context.BaseContext:
    """The start method of the worker processes: the platform's default (spawn on Windows and macOS), or
    COOPXL_MULTIPROCESO (fork, spawn, forkserver) to test another platform's path."""
    return multiprocessing.get_context(os.environ.get("COOPXL_MULTIPROCESO") or None)


def _procesos(procesos: int | None) -> int:
    return max(1, procesos or os.cpu_count() or 1)


def _escribir_xlsx(extractos: list[Extracto], enc: Encabezado, carpeta: Path, procesos: int,
                   avance: Callable[[int], None]) -> None:
    if procesos == 1 or len(extractos) <= LOTE_XLSX:
        for lote in _lotes(extractos, 50):
            avance(_escribir_lote_xlsx(lote, enc, str(carpeta)))
        return
    tam = max(20, min(LOTE_XLSX, len(extractos) // (procesos * 4) or 1))
    with ProcessPoolExecutor(max_workers=procesos, mp_context=_contexto()) as pool:
        futuros = [pool.submit(_escribir_lote_xlsx, lote, enc, str(carpeta)) for lote in _lotes(extractos, tam)]
        for fut in futuros:
            avance(fut.result())


def _limpiar_temporales(carpeta: Path) -> int:
    """Remove the temp files an interrupted run left (escritura_atomica names them '.<name>.*.tmp')."""
    n = 0
    for patron in (".*.xlsx.*.tmp", ".*.pdf.*.tmp", f".{INDICE}.*.tmp"):
        for p in carpeta.glob(patron):
            p.unlink(missing_ok=True)
            n += 1
    for p in carpeta.glob(".trabajo_pdf_*"):
        shutil.rmtree(p, ignore_errors=True)
    return n


# --- the entry point ---------------------------------------------------------------------------------

def generar_extractos(ds: Dataset, destino: Path, documentos: Iterable[str] | None = None, formato: str = "xlsx",
                      progreso: Progreso | None = None, forzar: bool = False, proteger: bool = False,
                      logo: Path | None = None, encabezado: str = "", procesos: int | None = None,
                      entidad: bool = True) -> ResultadoMasivo:
    """Write one extract per vigente associate (or per requested document) into `destino`.

    formato "xlsx" or "pdf"; `proteger` (pdf only) sets each associate's document number as the PDF's
    password; `progreso(hechos, total, etapa)` is called as files are written. A file that exists is
    skipped unless `forzar` (so a rerun after an interruption only writes what is missing; use `forzar`
    after changing the header, the logo or `proteger`). indice.csv lists this run's selection (every
    vigente associate, or the requested documents). The CLI command `coopxl extractos` and the add-in's
    "Generar extractos" button both call this.
    """
    formato = formato.lower()
    if formato not in ("xlsx", "pdf"):
        raise ValueError(f"formato no reconocido «{formato}»: use xlsx o pdf")
    if proteger and formato != "pdf":
        raise ValueError("--proteger solo aplica a PDF: use también --formato pdf")
    destino = Path(destino)
    destino.mkdir(parents=True, exist_ok=True)
    _limpiar_temporales(destino)
    enc = Encabezado.de_dataset(ds, encabezado, logo)
    if enc.logo is not None:
        Logo.leer(enc.logo)  # fail early, in Spanish, on a bad image
    pedidos = None
    if documentos is not None:
        pedidos = {normalizar_documento(d) for d in documentos if str(d).strip()}
    todos = extractos_asociados(ds, pedidos)
    no_encontrados: list[str] = []
    if pedidos is not None:
        vistos = {e.numero_documento for e in todos} | {f"{e.tipo_documento}:{e.numero_documento}" for e in todos}
        no_encontrados = sorted(pedidos - vistos)
    pendientes = [e for e in todos if forzar or not (destino / f"{e.archivo}.{formato}").exists()]
    total = len(pendientes)
    hechos = {"xlsx": 0, "pdf": 0}

    def avance(n: int, etapa: str) -> None:
        hechos[etapa] += n
        if progreso is not None:
            progreso(hechos[etapa], total, etapa)

    if progreso is not None:
        progreso(0, total, formato)
    n = _procesos(procesos)
    ext_entidad = extracto_entidad(ds) if entidad else None
    ruta_entidad = None
    if formato == "xlsx":
        _escribir_xlsx(pendientes, enc, destino, n, lambda k: avance(k, "xlsx"))
        if ext_entidad is not None:
            ruta_entidad = destino / f"{ENTIDAD}.xlsx"
            if forzar or not ruta_entidad.exists() or total:
                _escribir_lote_xlsx([ext_entidad], enc, str(destino))
    else:
        ruta_entidad = _generar_pdf(pendientes, ext_entidad, enc, destino, n, proteger, avance)
    indice = _escribir_indice(destino, todos, formato)
    return ResultadoMasivo(destino, formato, len(todos), total, len(todos) - total, no_encontrados, indice,
                           ruta_entidad)


def _lote_pdf(extractos: Sequence[Extracto], enc: Encabezado, destino: str, trabajo: str, proteger: bool) -> int:
    """One batch: a workbook with a sheet per extract, one LibreOffice conversion, then the PDF split into
    one file per extract (each page written atomically; with `proteger`, AES-256 with the document)."""
    from pypdf import PdfReader, PdfWriter

    from coopxl.extractos import pdf
    from coopxl.extractos.xlsx import escribir_lote

    logo = Logo.leer(enc.logo) if enc.logo else None
    carpeta = Path(tempfile.mkdtemp(prefix="lote_", dir=trabajo))
    try:
        libro = carpeta / "lote.xlsx"
        libro.write_bytes(escribir_lote(list(extractos), enc, logo))
        (hecho,) = pdf.convertir_lote([libro], carpeta / "pdf", carpeta)
        lector = PdfReader(hecho)
        if len(lector.pages) != len(extractos):
            raise pdf.ErrorPDF(f"LibreOffice produjo {len(lector.pages)} páginas para {len(extractos)} extractos: "
                               "algún extracto no cupo en una página")
        for ext, pagina in zip(extractos, lector.pages, strict=True):
            w = PdfWriter()
            w.add_page(pagina)
            w.add_metadata({"/Title": ext.titulo.capitalize(), "/Author": enc.nombre, "/Creator": "coopxl"})
            if proteger and ext.numero_documento:
                w.encrypt(user_password=ext.numero_documento, algorithm="AES-256")
            with escritura_atomica(Path(destino) / f"{ext.archivo}.pdf") as fh:
                w.write(fh)
    finally:
        shutil.rmtree(carpeta, ignore_errors=True)
    return sum(1 for e in extractos if e.numero_documento)


def _generar_pdf(pendientes: list[Extracto], ext_entidad: Extracto | None, enc: Encabezado, destino: Path,
                 procesos: int, proteger: bool, avance: Callable[[int, str], None]) -> Path | None:
    from coopxl.extractos import pdf

    if pdf.soffice() is None:
        raise pdf.ErrorPDF("no se encontró LibreOffice (soffice): instálelo o indique su ruta en COOPXL_SOFFICE "
                           "para generar PDF")
    todos = pendientes + ([ext_entidad] if ext_entidad is not None else [])
    # batches of at most LOTE_PDF, at least one per process (each soffice uses one core)
    tam = max(1, min(LOTE_PDF, -(-len(todos) // procesos)))
    lotes = list(_lotes(todos, tam))
    trabajo = Path(tempfile.mkdtemp(prefix=".trabajo_pdf_", dir=destino))
    try:
        if procesos == 1 or len(lotes) == 1:
            for lote in lotes:
                avance(_lote_pdf(lote, enc, str(destino), str(trabajo), proteger), "pdf")
        else:
            with ProcessPoolExecutor(max_workers=procesos, mp_context=_contexto()) as pool:
                futuros = [pool.submit(_lote_pdf, lote, enc, str(destino), str(trabajo), proteger) for lote in lotes]
                for fut in futuros:
                    avance(fut.result(), "pdf")
    finally:
        shutil.rmtree(trabajo, ignore_errors=True)
    return destino / f"{ENTIDAD}.pdf" if ext_entidad is not None else None


def extracto_de(ds: Dataset, documento: str, destino: Path, formato: str = "xlsx", logo: Path | None = None,
                encabezado: str = "", proteger: bool = False) -> Path:
    """One associate's extract, written to the file `destino` (xlsx or pdf, by `formato`); no index.

    `documento` is the number (any formatting) or a 'C:123' person. Raises LookupError when it is not a
    vigente associate at the cut.
    """
    pedido = normalizar_documento(str(documento))
    encontrados = extractos_asociados(ds, {pedido})
    if not encontrados:
        raise LookupError(f"el documento {documento} no es de un asociado vigente al corte")
    ext = encontrados[0]
    enc = Encabezado.de_dataset(ds, encabezado, logo)
    destino = Path(destino)
    if formato == "xlsx":
        with escritura_atomica(destino) as fh:
            fh.write(escribir_extracto(ext, enc, Logo.leer(enc.logo) if enc.logo else None))
        return destino
    trabajo = Path(tempfile.mkdtemp(prefix=".trabajo_pdf_", dir=destino.parent))
    try:
        _lote_pdf([ext], enc, str(trabajo), str(trabajo), proteger)
        os.replace(trabajo / f"{ext.archivo}.pdf", destino)
    finally:
        shutil.rmtree(trabajo, ignore_errors=True)
    return destino


def _escribir_indice(destino: Path, extractos: list[Extracto], formato: str) -> Path:
    ruta = destino / INDICE
    with escritura_atomica(ruta, "w", encoding="utf-8-sig", newline="") as fh:
        w = csv.writer(fh, delimiter=";", lineterminator="\r\n")
        w.writerow(ENCABEZADO_INDICE)
        for e in extractos:
            w.writerow([e.tipo_documento, e.numero_documento, _texto_csv(e.destinatario), _texto_csv(e.correo),
                        f"{e.archivo}.{formato}", fmt.pesos(e.total)])
    return ruta


def _texto_csv(t: str) -> str:
    """A field Excel would read as a formula ('=', '+', '-', '@' first) is kept as text with a leading quote."""
    return "'" + t if t[:1] in ("=", "+", "-", "@") else t
