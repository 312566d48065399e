"""A small, fast and deterministic xlsx writer for the demo's single-sheet files.

openpyxl stamps the current time into the package (zip entries, docProps), so its files differ from
one run to the next, and it builds every cell as a Python object. The demo's sheets are plain tables,
so they are written here directly as SpreadsheetML: inline strings, real numbers, dates as serial
numbers with a dd/mm/yyyy format, a bold frozen header row. The sheet XML is built column-wise with
pyarrow compute and streamed into the zip in chunks.
"""

from __future__ import annotations

import zipfile
from datetime import date
from pathlib import Path
from xml.sax.saxutils import escape

import numpy as np
import pyarrow as pa
import pyarrow.compute as pc

from coopxl.archivos import escritura_atomica
from coopxl.demo.escritura import bytes_de, numero_texto
from coopxl.demo.tablas import Celda, Columna, Tabla

TROZO = 100_000
NIVEL_ZIP = 1
FECHA_FIJA = (1980, 1, 1, 0, 0, 0)
SERIAL_1970 = 25569  # Excel serial number of 1970-01-01
_NS = 'xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"'
_NS_R = 'xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"'
_REL = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
_PKG = "http://schemas.openxmlformats.org/package/2006/relationships"
_CT = "application/vnd.openxmlformats-officedocument.spreadsheetml"
_CABECERA = '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'

TIPOS_CONTENIDO = (
    _CABECERA + '<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
    '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>'
    '<Default Extension="xml" ContentType="application/xml"/>'
    f'<Override PartName="/xl/workbook.xml" ContentType="{_CT}.sheet.main+xml"/>'
    f'<Override PartName="/xl/worksheets/sheet1.xml" ContentType="{_CT}.worksheet+xml"/>'
    f'<Override PartName="/xl/styles.xml" ContentType="{_CT}.styles+xml"/>'
    '<Override PartName="/docProps/core.xml" '
    'ContentType="application/vnd.openxmlformats-package.core-properties+xml"/>'
    "</Types>"
)
RELACIONES = (
    _CABECERA + f'<Relationships xmlns="{_PKG}">'
    f'<Relationship Id="rId1" Type="{_REL}/officeDocument" Target="xl/workbook.xml"/>'
    '<Relationship Id="rId2" Type="http://schemas.openxmlformats.org/package/2006/relationships/metadata/'
    'core-properties" Target="docProps/core.xml"/></Relationships>'
)
RELACIONES_LIBRO = (
    _CABECERA + f'<Relationships xmlns="{_PKG}">'
    f'<Relationship Id="rId1" Type="{_REL}/worksheet" Target="worksheets/sheet1.xml"/>'
    f'<Relationship Id="rId2" Type="{_REL}/styles" Target="styles.xml"/></Relationships>'
)
ESTILOS = (
    _CABECERA + f"<styleSheet {_NS}>"
    '<numFmts count="1"><numFmt numFmtId="164" formatCode="dd/mm/yyyy"/></numFmts>'
    '<fonts count="2"><font><sz val="11"/><name val="Calibri"/><family val="2"/></font>'
    '<font><b/><sz val="11"/><name val="Calibri"/><family val="2"/></font></fonts>'
    '<fills count="2"><fill><patternFill patternType="none"/></fill>'
    '<fill><patternFill patternType="gray125"/></fill></fills>'
    '<borders count="1"><border><left/><right/><top/><bottom/><diagonal/></border></borders>'
    '<cellStyleXfs count="1"><xf numFmtId="0" fontId="0" fillId="0" borderId="0"/></cellStyleXfs>'
    '<cellXfs count="3"><xf numFmtId="0" fontId="0" fillId="0" borderId="0" xfId="0"/>'
    '<xf numFmtId="164" fontId="0" fillId="0" borderId="0" xfId="0" applyNumberFormat="1"/>'
    '<xf numFmtId="0" fontId="1" fillId="0" borderId="0" xfId="0" applyFont="1"/></cellXfs>'
    '<cellStyles count="1"><cellStyle name="Normal" xfId="0" builtinId="0"/></cellStyles>'
    "</styleSheet>"
)


def letra(i: int) -> str:
    """0 -> A, 25 -> Z, 26 -> AA."""
    s = ""
    i += 1
    while i:
        i, r = divmod(i - 1, 26)
        s = chr(65 + r) + s
    return s


def _libro(hoja: str) -> str:
    return (_CABECERA + f"<workbook {_NS} {_NS_R}><sheets>"
            f'<sheet name="{escape(hoja[:31])}" sheetId="1" r:id="rId1"/></sheets></workbook>')


def _propiedades(titulo: str) -> str:
    return (_CABECERA + '<cp:coreProperties xmlns:cp="http://schemas.openxmlformats.org/package/2006/'
            'metadata/core-properties" xmlns:dc="http://purl.org/dc/elements/1.1/">'
            f"<dc:title>{escape(titulo)}</dc:title><dc:creator>coopxl (datos sintéticos)</dc:creator>"
            "</cp:coreProperties>")


def _inicio_hoja(tabla: Tabla) -> str:
    ultima = f"{letra(len(tabla.encabezados) - 1)}{tabla.filas + 1}"
    encabezado = "".join(f'<c r="{letra(i)}1" s="2" t="inlineStr"><is><t>{escape(h)}</t></is></c>'
                         for i, h in enumerate(tabla.encabezados))
    return (_CABECERA + f"<worksheet {_NS} {_NS_R}><dimension ref=\"A1:{ultima}\"/>"
            '<sheetViews><sheetView workbookViewId="0"><pane ySplit="1" topLeftCell="A2" '
            'activePane="bottomLeft" state="frozen"/></sheetView></sheetViews>'
            '<sheetFormatPr defaultRowHeight="15"/>'
            f'<cols><col min="1" max="{len(tabla.encabezados)}" width="16" customWidth="1"/></cols>'
            f'<sheetData><row r="1">{encabezado}</row>')


_FIN_HOJA = "</sheetData></worksheet>"


def _escapar(valores: pa.Array) -> pa.Array:
    if not pc.any(pc.match_substring_regex(valores, r"[&<>\x00-\x08\x0b\x0c\x0e-\x1f]")).as_py():
        return valores
    v = pc.replace_substring(valores, "&", "&amp;")
    v = pc.replace_substring(v, "<", "&lt;")
    v = pc.replace_substring(v, ">", "&gt;")
    return pc.replace_substring_regex(v, r"[\x00-\x08\x0b\x0c\x0e-\x1f]", "")


def _celda_python(valor: Celda) -> tuple[str, str] | None:
    """(attributes, inner XML) of one Python cell, None when empty."""
    if valor is None or valor == "":
        return None
    if isinstance(valor, bool):
        return "", f"<v>{int(valor)}</v>"
    if isinstance(valor, int | float):
        return "", f"<v>{numero_texto(pa.array([float(valor)]), '.')[0].as_py()}</v>"
    if isinstance(valor, date):
        return ' s="1"', f"<v>{(valor - date(1970, 1, 1)).days + SERIAL_1970}</v>"
    return ' t="inlineStr"', f"<is><t>{escape(str(valor))}</t></is>"


def _celdas(col: Columna, ref: pa.Array) -> pa.Array:
    """One `<c>` element per row ("" for empty cells); `ref` holds "A2", "A3"..."""
    if isinstance(col, list):
        partes = [_celda_python(v) for v in col]
        attrs = pa.array([None if p is None else p[0] for p in partes], pa.string())
        inner = pa.array([None if p is None else p[1] for p in partes], pa.string())
        celdas = pc.binary_join_element_wise('<c r="', ref, '"', attrs, ">", inner, "</c>", "")
        return pc.fill_null(celdas, "")
    if pa.types.is_string(col.type):
        attrs, inner = ' t="inlineStr"><is><t>', pc.binary_join_element_wise(_escapar(col), "</t></is>", "")
    elif pa.types.is_date(col.type):
        serial = pc.add(pc.cast(col.cast(pa.int32()), pa.int64()), SERIAL_1970)
        attrs, inner = ' s="1"><v>', pc.binary_join_element_wise(pc.cast(serial, pa.string()), "</v>", "")
    else:
        attrs, inner = "><v>", pc.binary_join_element_wise(numero_texto(col, "."), "</v>", "")
    return pc.fill_null(pc.binary_join_element_wise('<c r="', ref, '"', attrs, inner, "</c>", ""), "")


def _filas(tabla: Tabla, inicio: int, fin: int) -> bytes:
    numeros = pc.cast(pa.array(np.arange(inicio + 2, fin + 2)), pa.string())
    celdas = []
    for i, col in enumerate(tabla.columnas):
        ref = pc.binary_join_element_wise(letra(i), numeros, "")
        celdas.append(_celdas(col[inicio:fin], ref))
    filas = pc.binary_join_element_wise('<row r="', numeros, '">', *celdas, "</row>", "")
    return bytes_de(filas)


def _info(nombre: str) -> zipfile.ZipInfo:
    zi = zipfile.ZipInfo(nombre, date_time=FECHA_FIJA)
    zi.compress_type = zipfile.ZIP_DEFLATED
    zi.external_attr = 0o600 << 16
    # Fast compression: the sheets are large and repetitive (Python 3.13 renamed the attribute).
    setattr(zi, "compress_level" if hasattr(zi, "compress_level") else "_compresslevel", NIVEL_ZIP)
    return zi


def escribir_xlsx(tabla: Tabla, destino: Path, hoja: str | None = None) -> Path:
    fijos = {
        "[Content_Types].xml": TIPOS_CONTENIDO, "_rels/.rels": RELACIONES,
        "docProps/core.xml": _propiedades(f"{tabla.id} (datos sintéticos de demostración)"),
        "xl/workbook.xml": _libro(hoja or tabla.id), "xl/_rels/workbook.xml.rels": RELACIONES_LIBRO,
        "xl/styles.xml": ESTILOS,
    }
    with escritura_atomica(destino, "wb") as f, zipfile.ZipFile(f, "w") as z:
        for nombre, contenido in fijos.items():
            z.writestr(_info(nombre), contenido.encode("utf-8"))
        with z.open(_info("xl/worksheets/sheet1.xml"), "w", force_zip64=True) as s:
            s.write(_inicio_hoja(tabla).encode("utf-8"))
            for inicio in range(0, tabla.filas, TROZO):
                s.write(_filas(tabla, inicio, min(inicio + TROZO, tabla.filas)))
            s.write(_FIN_HOJA.encode("utf-8"))
    return destino
