"""The template's VBA project: xlwings' own standalone project, with coopxl's modules written into it.

openpyxl and XlsxWriter cannot write VBA. The route taken: the VBA project that the installed xlwings
package ships in its standalone quickstart workbook (`quickstart_standalone.xlsm`: the `xlwings` module with
RunPython and the UDF machinery, the `Dictionary` class, document modules) is taken at build time, so the
template always carries the VBA of the pinned xlwings version; XlsxWriter writes the workbook around it, and
pyOpenVBA (a pure-Python MS-OVBA writer) then removes the quickstart's sample module, adds a document module
for every sheet, and adds coopxl's modules (`vba_modulos`). The zip is finally rewritten with fixed dates,
so the same input gives the same file.
"""

from __future__ import annotations

import io
import re
import tempfile
import zipfile
from collections.abc import Mapping
from pathlib import Path

VERSION_XLWINGS = "0.37.8"
QUICKSTART = "quickstart_standalone.xlsm"
ENTRADA_VBA = "xl/vbaProject.bin"
MODULOS_DE_EJEMPLO = ("Module1",)  # the quickstart's SampleCall, which would call a module named like the book
BASE_HOJA = "0{00020820-0000-0000-C000-000000000046}"
FECHA_ZIP = (1980, 1, 1, 0, 0, 0)


class ErrorPlantilla(Exception):
    """The template cannot be built here (a missing or wrong tool), said in Spanish."""


def _xlwings() -> Path:
    try:
        import xlwings
    except ImportError as e:
        raise ErrorPlantilla(f"para construir la plantilla hace falta xlwings {VERSION_XLWINGS}: "
                             'instálelo con  pip install "coopxl[excel]"') from e
    if xlwings.__version__ != VERSION_XLWINGS:
        raise ErrorPlantilla(f"la plantilla se construye con xlwings {VERSION_XLWINGS} y está instalada la versión "
                             f'{xlwings.__version__}: instale la fijada con  pip install "coopxl[excel]"')
    return Path(xlwings.__file__).parent


def proyecto_xlwings() -> bytes:
    """The vbaProject.bin of xlwings' standalone quickstart workbook (of the installed, pinned version)."""
    libro = _xlwings() / QUICKSTART
    if not libro.is_file():
        raise ErrorPlantilla(f"no se encontró {libro}: reinstale xlwings {VERSION_XLWINGS}")
    with zipfile.ZipFile(libro) as z:
        return z.read(ENTRADA_VBA)


def _pyopenvba():
    try:
        import pyopenvba
    except ImportError as e:
        raise ErrorPlantilla('para escribir las macros de la plantilla hace falta pyOpenVBA: instálelo con  '
                             'pip install "coopxl[excel]"') from e
    return pyopenvba


def encabezado_documento(nombre: str) -> str:
    """The attribute header Excel gives a worksheet's document module."""
    return (f'Attribute VB_Name = "{nombre}"\r\nAttribute VB_Base = "{BASE_HOJA}"\r\n'
            "Attribute VB_GlobalNameSpace = False\r\nAttribute VB_Creatable = False\r\n"
            "Attribute VB_PredeclaredId = True\r\nAttribute VB_Exposed = True\r\n"
            "Attribute VB_TemplateDerived = False\r\nAttribute VB_Customizable = True\r\n")


def escribir_modulos(libro: bytes, modulos: Mapping[str, str], documentos: list[str]) -> bytes:
    """The .xlsm `libro` (written with xlwings' project) with the sample module removed, a document module for
    each code name in `documentos` that lacks one, and `modulos` (name -> source) added or replaced."""
    pyopenvba = _pyopenvba()
    with tempfile.TemporaryDirectory(prefix="coopxl-plantilla-") as carpeta:
        entrada = Path(carpeta) / "entrada.xlsm"
        salida = Path(carpeta) / "salida.xlsm"
        entrada.write_bytes(libro)
        with pyopenvba.ExcelFile(entrada) as wb:
            proyecto = wb.vba_project()
            presentes = {n.casefold() for n in proyecto.module_names()}
            for nombre in MODULOS_DE_EJEMPLO:
                if nombre.casefold() in presentes:
                    proyecto.delete_module(nombre)
            for nombre in documentos:
                if nombre.casefold() not in presentes:
                    proyecto.add_module(nombre, encabezado_documento(nombre), kind=pyopenvba.VBAModuleKind.other)
            for nombre, fuente in modulos.items():
                if nombre.casefold() in {n.casefold() for n in proyecto.module_names()}:
                    wb.set_module(nombre, fuente)
                else:
                    proyecto.add_module(nombre, fuente)
            wb.save(salida)
        return salida.read_bytes()


def _sin_fecha_de_guardado(core: bytes) -> bytes:
    """docProps/core.xml with the modified date set to the created one (openpyxl writes the time of saving)."""
    texto = core.decode("utf-8")
    creado = re.search(r"<dcterms:created[^>]*>([^<]*)</dcterms:created>", texto)
    if creado:
        texto = re.sub(r"(<dcterms:modified[^>]*>)[^<]*(</dcterms:modified>)",
                       lambda m: m.group(1) + creado.group(1) + m.group(2), texto)
    return texto.encode("utf-8")


def zip_reproducible(libro: bytes) -> bytes:
    """The same package with every entry dated 1980-01-01 and deflated, in the original order, and no time of
    saving in its properties: the same content gives the same bytes."""
    salida = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(libro)) as z, zipfile.ZipFile(salida, "w", zipfile.ZIP_DEFLATED) as nuevo:
        for info in z.infolist():
            entrada = zipfile.ZipInfo(info.filename, FECHA_ZIP)
            entrada.compress_type = zipfile.ZIP_DEFLATED
            entrada.external_attr = 0o644 << 16
            datos = z.read(info.filename)
            if info.filename == "docProps/core.xml":
                datos = _sin_fecha_de_guardado(datos)
            nuevo.writestr(entrada, datos)
    return salida.getvalue()


def modulos_vba(libro: Path | bytes) -> dict[str, str]:
    """Module name -> source of a workbook's VBA project, read back with pyOpenVBA (for checks)."""
    pyopenvba = _pyopenvba()
    if isinstance(libro, bytes):
        with tempfile.TemporaryDirectory(prefix="coopxl-plantilla-") as carpeta:
            ruta = Path(carpeta) / "libro.xlsm"
            ruta.write_bytes(libro)
            return modulos_vba(ruta)
    with pyopenvba.ExcelFile(libro) as wb:
        return dict(wb.vba_modules())
