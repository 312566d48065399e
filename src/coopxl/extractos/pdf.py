"""xlsx -> PDF with LibreOffice headless, in batches, and PDF passwords with pypdf.

One soffice process converts a whole batch (starting LibreOffice costs about a second; converting a
one-page sheet a few tens of milliseconds). Each process gets a private profile
(-env:UserInstallation) seeded with the es-CO locale, so amounts print as "$ 1.234.567" and "2,53 %",
and so that parallel processes (or the user's own LibreOffice) never share a profile lock.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import tempfile
from collections.abc import Sequence
from pathlib import Path

PERFIL_ES_CO = """<?xml version="1.0" encoding="UTF-8"?>
<oor:items xmlns:oor="http://openoffice.org/2001/registry" xmlns:xs="http://www.w3.org/2001/XMLSchema" \
xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance">
<item oor:path="/org.openoffice.Setup/L10N"><prop oor:name="ooSetupSystemLocale" oor:op="fuse">\
<value>es-CO</value></prop></item>
<item oor:path="/org.openoffice.Setup/L10N"><prop oor:name="ooLocale" oor:op="fuse"><value>es</value></prop></item>
<item oor:path="/org.openoffice.Office.Linguistic/General"><prop oor:name="DefaultLocale" oor:op="fuse">\
<value>es-CO</value></prop></item>
</oor:items>
"""


class ErrorPDF(RuntimeError):
    """LibreOffice is missing or a conversion failed (message in Spanish)."""


def soffice() -> str | None:
    """The LibreOffice executable: COOPXL_SOFFICE, then soffice/libreoffice on PATH, then the usual places."""
    propio = os.environ.get("COOPXL_SOFFICE")
    if propio:
        return propio
    for nombre in ("soffice", "libreoffice"):
        ruta = shutil.which(nombre)
        if ruta:
            return ruta
    for ruta in (r"C:\Program Files\LibreOffice\program\soffice.exe",
                 r"C:\Program Files (x86)\LibreOffice\program\soffice.exe",
                 "/Applications/LibreOffice.app/Contents/MacOS/soffice"):
        if Path(ruta).exists():
            return ruta
    return None


def _perfil(dir_trabajo: Path) -> Path:
    perfil = Path(tempfile.mkdtemp(prefix="perfil_lo_", dir=dir_trabajo))
    (perfil / "user").mkdir()
    (perfil / "user" / "registrymodifications.xcu").write_text(PERFIL_ES_CO, encoding="utf-8")
    return perfil


def convertir_lote(xlsx: Sequence[Path], salida: Path, dir_trabajo: Path, espera: float = 1800) -> list[Path]:
    """Convert these xlsx files to PDF in `salida` with one soffice process; returns the PDFs written."""
    exe = soffice()
    if exe is None:
        raise ErrorPDF("no se encontró LibreOffice (soffice): instálelo o indique su ruta en COOPXL_SOFFICE "
                       "para generar PDF")
    salida.mkdir(parents=True, exist_ok=True)
    perfil = _perfil(dir_trabajo)
    try:
        cmd = [exe, f"-env:UserInstallation={perfil.as_uri()}", "--headless", "--norestore", "--nolockcheck",
               "--convert-to", "pdf", "--outdir", str(salida), *map(str, xlsx)]
        r = subprocess.run(cmd, capture_output=True, text=True, timeout=espera, check=False)
    finally:
        shutil.rmtree(perfil, ignore_errors=True)
    hechos = [salida / (Path(x).stem + ".pdf") for x in xlsx]
    faltan = [p for p in hechos if not p.exists()]
    if faltan:
        detalle = (r.stderr or r.stdout or "").strip().splitlines()[-1:] if r else []
        raise ErrorPDF(f"LibreOffice no convirtió {len(faltan)} de {len(xlsx)} archivos (por ejemplo "
                       f"{faltan[0].stem}.xlsx)" + (f": {detalle[0]}" if detalle else ""))
    return hechos


def proteger(origen: Path, destino: Path, clave: str) -> None:
    """Write `origen` to `destino` (atomically) readable only with `clave` (AES-256, pypdf)."""
    from pypdf import PdfReader, PdfWriter

    from coopxl.archivos import escritura_atomica

    w = PdfWriter(clone_from=PdfReader(origen))
    w.encrypt(user_password=clave, owner_password=None, algorithm="AES-256")
    with escritura_atomica(destino) as fh:
        w.write(fh)


def paginas(ruta: Path, clave: str | None = None) -> int:
    from pypdf import PdfReader

    r = PdfReader(ruta)
    if r.is_encrypted:
        r.decrypt(clave or "")
    return len(r.pages)
