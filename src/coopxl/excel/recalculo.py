"""Recalculate a generated workbook with a real engine and read the values back.

Two engines, one result shape: {"Hoja!A1": value, "PA_corte": value, ...} for every non-empty cell
and every defined name that points at one cell. Values are normalised so the engines compare:
numbers as int/float, dates as Excel serial numbers, booleans as bool, errors as their text
("#VALUE!"), an empty result ("") as None.

- LibreOffice headless: `soffice --convert-to xlsx` with a private profile whose configuration forces
  a full recalculation on load (Calc keeps cached values of xlsx files by default, setting
  /org.openoffice.Office.Calc/Formula/Load/OOXMLRecalcMode = 1 "never") and case-sensitive text
  comparison (twice as fast on the per-person lookups); then openpyxl data_only.
- The `formulas` package: ExcelModel().loads(path).finish(), then calculate().
"""

from __future__ import annotations

import datetime as dt
import os
import re
import shutil
import signal
import subprocess
import tempfile
from collections.abc import Iterable, Sequence
from pathlib import Path

from openpyxl import load_workbook
from openpyxl.utils.datetime import to_excel

Valores = dict[str, object]

# OOXMLRecalcMode: 0 = always recalculate, 1 = never, 2 = ask.
CONFIGURACION_RECALCULO = """<?xml version="1.0" encoding="UTF-8"?>
<oor:items xmlns:oor="http://openoffice.org/2001/registry" xmlns:xs="http://www.w3.org/2001/XMLSchema"
 xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance">
<item oor:path="/org.openoffice.Office.Calc/Formula/Load">
 <prop oor:name="OOXMLRecalcMode" oor:op="fuse"><value>0</value></prop></item>
<item oor:path="/org.openoffice.Office.Calc/Formula/Load">
 <prop oor:name="ODFRecalcMode" oor:op="fuse"><value>0</value></prop></item>
<item oor:path="/org.openoffice.Office.Calc/Calculate/Other">
 <prop oor:name="CaseSensitive" oor:op="fuse"><value>true</value></prop></item>
</oor:items>
"""
# CaseSensitive: Calc compares text through a case-insensitive collator by default, which makes the
# per-person lookups (COUNTIFS/MATCH on "C:123" keys) about twice as slow. The workbook's keys and codes
# are written canonical (upper-case document types, lower-case codes), as the Python engine compares
# them exactly, so the results are the same; Excel itself stays case-insensitive.


class ErrorRecalculo(RuntimeError):
    """An engine could not recalculate the workbook."""


# --- normalisation -------------------------------------------------------------------------------

def normalizar(valor: object) -> object:
    """One value shape for both engines."""
    if valor is None:
        return None
    try:
        import schedula

        if valor is schedula.EMPTY:
            return None
    except ImportError:  # pragma: no cover - formulas always brings schedula
        pass
    if isinstance(valor, bool):
        return valor
    if isinstance(valor, dt.datetime | dt.date):
        return to_excel(valor)
    if isinstance(valor, str):
        return valor if valor != "" else None
    if isinstance(valor, int | float):
        return valor
    if hasattr(valor, "item") and callable(valor.item):  # numpy scalar
        return normalizar(valor.item())
    return str(valor)  # XlError and other tokens: '#VALUE!'


def _nombres_de_celda(archivo: Path) -> dict[str, tuple[str, str]]:
    """Defined names that point at one cell -> (sheet, A1)."""
    wb = load_workbook(archivo, read_only=True)
    try:
        salida: dict[str, tuple[str, str]] = {}
        for nombre, definido in wb.defined_names.items():
            if nombre.startswith("_xlnm"):
                continue
            destinos = list(definido.destinations)
            if len(destinos) != 1:
                continue
            hoja, ref = destinos[0]
            ref = ref.replace("$", "")
            if ":" not in ref:
                salida[nombre] = (hoja, ref)
        return salida
    finally:
        wb.close()


# --- LibreOffice ---------------------------------------------------------------------------------

def buscar_soffice() -> str | None:
    """The LibreOffice executable on PATH (soffice or libreoffice), or None."""
    return shutil.which("soffice") or shutil.which("libreoffice")


def preparar_perfil(carpeta: Path) -> Path:
    """A private LibreOffice profile that recalculates every formula on load."""
    usuario = carpeta / "user"
    usuario.mkdir(parents=True, exist_ok=True)
    (usuario / "registrymodifications.xcu").write_text(CONFIGURACION_RECALCULO, encoding="utf-8")
    return carpeta


def convertir_con_libreoffice(archivos: Sequence[Path], salida: Path, *, soffice: str | None = None,
                              perfil: Path | None = None, tiempo_limite: float = 600) -> list[Path]:
    """Open, recalculate and save each workbook again as xlsx into `salida` (one soffice process)."""
    ejecutable = soffice or buscar_soffice()
    if ejecutable is None:
        raise ErrorRecalculo("no se encontró LibreOffice (soffice) en el PATH.")
    salida.mkdir(parents=True, exist_ok=True)
    nombres = [Path(a).name for a in archivos]
    if len(set(nombres)) != len(nombres):
        raise ErrorRecalculo("los libros a recalcular deben tener nombres distintos.")
    temporal = None
    if perfil is None:
        temporal = tempfile.mkdtemp(prefix="coopxl-lo-")
        perfil = Path(temporal)
    preparar_perfil(perfil)
    orden = [ejecutable, f"-env:UserInstallation={perfil.resolve().as_uri()}", "--headless", "--norestore",
             "--nolockcheck", "--convert-to", "xlsx:Calc MS Excel 2007 XML", "--outdir", str(salida),
             *(str(Path(a).resolve()) for a in archivos)]
    try:
        # A session of its own: on a timeout the whole group goes (the soffice script and soffice.bin), so no
        # orphaned LibreOffice keeps a core busy.
        with subprocess.Popen(orden, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
                              start_new_session=True) as proceso:
            try:
                stdout, stderr = proceso.communicate(timeout=tiempo_limite)
            except subprocess.TimeoutExpired as e:
                os.killpg(proceso.pid, signal.SIGKILL)
                proceso.communicate()
                raise ErrorRecalculo(f"LibreOffice no terminó en {tiempo_limite:.0f} s.") from e
        r = subprocess.CompletedProcess(orden, proceso.returncode, stdout, stderr)
    finally:
        if temporal is not None:
            shutil.rmtree(temporal, ignore_errors=True)
    convertidos = [salida / n for n in nombres]
    faltan = [p.name for p in convertidos if not p.is_file()]
    if r.returncode != 0 or faltan:
        raise ErrorRecalculo(f"LibreOffice no convirtió {', '.join(faltan) or 'el libro'} "
                             f"(código {r.returncode}): {(r.stderr or r.stdout).strip()[:500]}")
    return convertidos


def leer_valores(recalculado: Path, original: Path | None = None) -> Valores:
    """Every non-empty cell value (data_only) and the single-cell defined names of `original`."""
    wb = load_workbook(recalculado, read_only=True, data_only=True)
    valores: Valores = {}
    try:
        for ws in wb.worksheets:
            for fila in ws.iter_rows():
                for c in fila:
                    v = normalizar(getattr(c, "value", None))
                    if v is not None:
                        valores[f"{ws.title}!{c.coordinate}"] = v
    finally:
        wb.close()
    for nombre, (hoja, ref) in _nombres_de_celda(original or recalculado).items():
        valores[nombre] = valores.get(f"{hoja}!{ref}")
    return valores


def recalcular_con_libreoffice(archivo: Path, **opciones: object) -> Valores:
    """Recalculate one workbook with LibreOffice headless and return its values."""
    return recalcular_varios_con_libreoffice([archivo], **opciones)[0]


def recalcular_varios_con_libreoffice(archivos: Iterable[Path], **opciones: object) -> list[Valores]:
    """Several workbooks in one LibreOffice start (it costs a few seconds each time)."""
    archivos = [Path(a) for a in archivos]
    with tempfile.TemporaryDirectory(prefix="coopxl-recalculo-") as tmp:
        convertidos = convertir_con_libreoffice(archivos, Path(tmp), **opciones)  # type: ignore[arg-type]
        return [leer_valores(c, a) for c, a in zip(convertidos, archivos, strict=True)]


# --- formulas ------------------------------------------------------------------------------------

_CLAVE_FORMULAS = re.compile(r"^'\[(?P<libro>[^\]]*)\](?P<hoja>(?:[^']|'')*)'!(?P<ref>.+)$")


def recalcular_con_formulas(archivo: Path) -> Valores:
    """Recalculate a workbook with the `formulas` package and return its values."""
    import formulas

    archivo = Path(archivo)
    wb = load_workbook(archivo, read_only=True)
    try:
        hojas = {h.upper(): h for h in wb.sheetnames}
        nombres = {n.upper(): n for n in wb.defined_names}
    finally:
        wb.close()
    try:
        modelo = formulas.ExcelModel().loads(str(archivo)).finish()
        solucion = modelo.calculate()
    except Exception as e:  # the package raises many kinds of errors on formulas it cannot read
        raise ErrorRecalculo(f"el paquete formulas no pudo calcular {archivo.name}: {e}") from e
    valores: Valores = {}
    for clave, rango in solucion.items():
        m = _CLAVE_FORMULAS.match(str(clave))
        if not m:
            continue
        hoja, ref = m.group("hoja").replace("''", "'"), m.group("ref")
        matriz = getattr(rango, "value", None)
        if matriz is None or getattr(matriz, "shape", None) != (1, 1):
            continue
        v = normalizar(matriz[0, 0])
        if hoja == "" and ref.upper() in nombres:
            valores[nombres[ref.upper()]] = v
        elif ":" not in ref and hoja.upper() in hojas and v is not None:
            valores[f"{hojas[hoja.upper()]}!{ref}"] = v
    for nombre, (hoja, ref) in _nombres_de_celda(archivo).items():
        if nombre not in valores:
            valores[nombre] = valores.get(f"{hoja}!{ref}")
    return valores
