"""An extract as a one-page letter xlsx, with XlsxWriter (several times faster than openpyxl for many
small files; bench/bench_extractos.py measures it).

Amounts are numbers with the format `"$ "#,##0` and the return on aportes a number with `0,00 " %"`:
Excel shows them with the separators of the user's regional settings (es-CO: "$ 1.234.567", "2,53 %"),
and the PDF conversion runs LibreOffice with the es-CO locale (pdf.py). Every text goes through
`write_string`, so nothing a user typed becomes a formula or a link.
"""

from __future__ import annotations

import io
import math
import struct
from dataclasses import dataclass
from pathlib import Path

import xlsxwriter

from coopxl.extractos import textos as tx
from coopxl.extractos.datos import Encabezado, Extracto

FORMATO_PESOS = '"$ "#,##0;"$ "-#,##0'
FORMATO_PORCENTAJE = '0.00" %";-0.00" %"'
COLUMNAS = (15, 37, 17, 31)  # A logo / concept, B concept, C value, D note: ~100 characters wide
ANCHO = sum(COLUMNAS)
FUENTE = "Arial"
AZUL = "#1F4E79"
GRIS = "#F2F2F2"
HOJA = "Extracto"


@dataclass(frozen=True)
class Logo:
    datos: bytes
    ancho: int
    alto: int
    nombre: str

    @classmethod
    def leer(cls, ruta: Path) -> Logo:
        datos = Path(ruta).read_bytes()
        ancho, alto = dimensiones_imagen(datos)
        return cls(datos, ancho, alto, Path(ruta).name)


def dimensiones_imagen(datos: bytes) -> tuple[int, int]:
    """Width and height in pixels of a PNG, JPEG, GIF or BMP (enough to scale a logo into its box)."""
    if datos[:8] == b"\x89PNG\r\n\x1a\n":
        return struct.unpack(">II", datos[16:24])
    if datos[:6] in (b"GIF87a", b"GIF89a"):
        return struct.unpack("<HH", datos[6:10])
    if datos[:2] == b"BM":
        ancho, alto = struct.unpack("<ii", datos[18:26])
        return ancho, abs(alto)
    if datos[:2] == b"\xff\xd8":
        i = 2
        while i < len(datos) - 9:
            if datos[i] != 0xFF:
                i += 1
                continue
            marca = datos[i + 1]
            if marca in (0xC0, 0xC1, 0xC2, 0xC3, 0xC5, 0xC6, 0xC7, 0xC9, 0xCA, 0xCB, 0xCD, 0xCE, 0xCF):
                alto, ancho = struct.unpack(">HH", datos[i + 5:i + 9])
                return ancho, alto
            largo = struct.unpack(">H", datos[i + 2:i + 4])[0]
            i += 2 + largo
    raise ValueError("el logo debe ser una imagen PNG, JPEG, GIF o BMP")


def _alto_texto(texto: str, ancho_caracteres: float, puntos: float = 9, minimo: int = 1) -> float:
    """Row height (points) for wrapped text in a merged cell: LibreOffice and Excel never autofit those."""
    por_linea = max(ancho_caracteres * 10 / puntos * 1.02, 10)
    lineas = 0
    for parrafo in texto.split("\n"):
        lineas += max(1, math.ceil(len(parrafo) / por_linea))
    return max(lineas, minimo) * puntos * 1.32 + 3


class _Formatos:
    def __init__(self, wb: xlsxwriter.Workbook) -> None:
        base = {"font_name": FUENTE, "font_size": 10, "valign": "top", "text_wrap": True}

        def f(**kw: object) -> object:
            return wb.add_format({**base, **kw})

        self.entidad = f(bold=True, font_size=14, font_color=AZUL, valign="vcenter")
        self.subentidad = f(font_size=10, font_color="#404040", valign="vcenter")
        self.libre = f(italic=True, font_size=10, font_color="#404040")
        self.titulo = f(bold=True, font_size=13, font_color="white", bg_color=AZUL, align="center",
                        valign="vcenter")
        self.etiqueta = f(bold=True)
        self.texto = f()
        self.cabecera = f(bold=True, bg_color=GRIS, bottom=1, border_color="#808080", valign="vcenter")
        self.cabecera_nota = f(bold=True, bg_color=GRIS, bottom=1, border_color="#808080", valign="vcenter", indent=1)
        self.cabecera_der = f(bold=True, bg_color=GRIS, bottom=1, border_color="#808080", align="right",
                              valign="vcenter")
        self.concepto = f(bottom=4, border_color="#BFBFBF", valign="vcenter")
        self.valor = f(num_format=FORMATO_PESOS, bottom=4, border_color="#BFBFBF", valign="vcenter")
        self.no_calculado = f(italic=True, align="right", font_color="#7F7F7F", bottom=4, border_color="#BFBFBF",
                              valign="vcenter")
        self.nota = f(font_size=8, font_color="#595959", indent=1, bottom=4, border_color="#BFBFBF", valign="vcenter")
        self.total_concepto = f(bold=True, top=1, bottom=1, font_size=11, valign="vcenter")
        self.total_valor = f(bold=True, top=1, bottom=1, num_format=FORMATO_PESOS, font_size=11, valign="vcenter")
        self.total_vacio = f(top=1, bottom=1)
        self.resumen = f(valign="vcenter")
        self.resumen_valor = f(num_format=FORMATO_PESOS, valign="vcenter")
        self.resumen_pct = f(num_format=FORMATO_PORCENTAJE, bold=True, valign="vcenter")
        self.resumen_texto = f(align="right", italic=True, valign="vcenter")
        self.seccion = f(bold=True, font_size=11, font_color=AZUL, bottom=1, border_color=AZUL)
        self.parrafo = f(align="justify")
        self.cierre = f(italic=True, align="center", font_color="#404040")
        self.metodo = f(font_size=9, font_color="#404040", align="justify")


def _libro(salida: io.BytesIO, titulo: str, enc: Encabezado) -> xlsxwriter.Workbook:
    wb = xlsxwriter.Workbook(salida, {"in_memory": True, "strings_to_formulas": False,
                                      "strings_to_urls": False, "strings_to_numbers": False})
    wb.set_properties({"title": titulo, "author": enc.nombre, "company": enc.nombre,
                       "comments": "Generado con coopxl"})
    return wb


def escribir_extracto(ext: Extracto, enc: Encabezado, logo: Logo | None = None) -> bytes:
    """The xlsx bytes of one extract (the caller writes them atomically)."""
    salida = io.BytesIO()
    wb = _libro(salida, f"{ext.titulo} - {ext.destinatario}", enc)
    _hoja(wb, _Formatos(wb), HOJA, ext, enc, logo)
    wb.close()
    return salida.getvalue()


def escribir_lote(extractos: list[Extracto], enc: Encabezado, logo: Logo | None = None) -> bytes:
    """One workbook with a sheet (one printed page) per extract, named by its file stem: the PDF path
    converts it with a single LibreOffice load and splits the pages (pdf.py). Never given to anybody."""
    salida = io.BytesIO()
    wb = _libro(salida, extractos[0].titulo if extractos else "", enc)
    fm = _Formatos(wb)
    for ext in extractos:
        _hoja(wb, fm, ext.archivo[:31], ext, enc, logo)
    wb.close()
    return salida.getvalue()


def _hoja(wb: xlsxwriter.Workbook, fm: _Formatos, nombre: str, ext: Extracto, enc: Encabezado,
          logo: Logo | None) -> None:
    ws = wb.add_worksheet(nombre)
    ws.hide_gridlines(2)
    for i, ancho in enumerate(COLUMNAS):
        ws.set_column(i, i, ancho)
    fila = _encabezado(ws, fm, enc, logo)

    ws.set_row(fila, 24)
    ws.merge_range(fila, 0, fila, 3, ext.titulo, fm.titulo)
    fila += 2
    datos = [(tx.ETIQUETA_ASOCIADO if ext.asociados is None else "Entidad", ext.destinatario)]
    if ext.documento:
        datos.append((tx.ETIQUETA_DOCUMENTO if ext.asociados is None else "Identificación", ext.documento))
    if ext.asociados is not None:
        datos.append(("Asociados", f"{ext.asociados:,}".replace(",", ".") + " asociados vigentes al corte"))
    datos += [(tx.ETIQUETA_PERIODO, ext.periodo[0].upper() + ext.periodo[1:]), (tx.ETIQUETA_CORTE, ext.corte)]
    for etiqueta, valor in datos:
        ws.write_string(fila, 0, etiqueta, fm.etiqueta)
        ws.merge_range(fila, 1, fila, 3, "", fm.texto)
        ws.write_string(fila, 1, valor, fm.texto)
        fila += 1
    fila += 1

    ws.set_row(fila, 16)
    ws.merge_range(fila, 0, fila, 1, "", fm.cabecera)
    ws.write_string(fila, 0, tx.CABECERA_BENEFICIO, fm.cabecera)
    ws.write_string(fila, 2, tx.CABECERA_VALOR, fm.cabecera_der)
    ws.write_string(fila, 3, tx.CABECERA_OBSERVACION, fm.cabecera_nota)
    fila += 1
    for ln in ext.lineas:
        alto = max(17, _alto_texto(ln.nota, COLUMNAS[3] - 2, 8)) if ln.nota else 17
        ws.set_row(fila, alto)
        ws.merge_range(fila, 0, fila, 1, "", fm.concepto)
        ws.write_string(fila, 0, ln.concepto, fm.concepto)
        if ln.valor is None:
            ws.write_string(fila, 2, tx.NO_CALCULADO, fm.no_calculado)
        else:
            ws.write_number(fila, 2, ln.valor, fm.valor)
        ws.write_string(fila, 3, ln.nota, fm.nota)
        fila += 1
    ws.set_row(fila, 18)
    ws.merge_range(fila, 0, fila, 1, "", fm.total_concepto)
    ws.write_string(fila, 0, tx.TOTAL_BENEFICIO, fm.total_concepto)
    ws.write_number(fila, 2, ext.total, fm.total_valor)
    ws.write_blank(fila, 3, None, fm.total_vacio)
    fila += 2
    etiqueta_aportes = (tx.APORTES_ASOCIADO if ext.asociados is None
                        else "Aportes sociales de los asociados vigentes al corte")
    ws.merge_range(fila, 0, fila, 1, "", fm.resumen)
    ws.write_string(fila, 0, etiqueta_aportes, fm.resumen)
    ws.write_number(fila, 2, ext.aportes, fm.resumen_valor)
    fila += 1
    ws.merge_range(fila, 0, fila, 1, "", fm.resumen)
    ws.write_string(fila, 0, tx.RENTABILIDAD_APORTES, fm.resumen)
    if ext.rentabilidad is None:
        ws.write_string(fila, 2, tx.NO_CALCULABLE, fm.resumen_texto)
        ws.write_string(fila, 3, tx.SIN_APORTES, fm.nota)
    else:
        ws.write_number(fila, 2, ext.rentabilidad, fm.resumen_pct)
        por_cien = ext.rentabilidad
        ws.write_string(fila, 3, tx.por_cada_cien(_pesos_texto(por_cien)), fm.nota)
    fila += 2

    fila = _seccion(ws, fm, fila, tx.SECCION_EXPLICACION, ext.explicacion, fm.parrafo, 10)
    fila = _seccion(ws, fm, fila, tx.SECCION_METODOLOGIA, ext.metodologia, fm.metodo, 9)
    if ext.cierre:
        ws.set_row(fila, _alto_texto(ext.cierre, ANCHO, 10))
        ws.merge_range(fila, 0, fila, 3, "", fm.cierre)
        ws.write_string(fila, 0, ext.cierre, fm.cierre)
        fila += 1

    ws.print_area(0, 0, fila - 1, 3)
    ws.set_paper(1)  # carta (letter)
    ws.set_portrait()
    ws.set_margins(left=0.6, right=0.6, top=0.6, bottom=0.6)
    ws.center_horizontally()
    ws.fit_to_pages(1, 1)
    ws.set_footer(f"&L&7{_escapar(enc.nombre)}&R&7Generado con coopxl")


def _pesos_texto(valor: float) -> str:
    from coopxl import formato

    return formato.numero(valor, 2 if abs(valor) < 1000 else 0)


def _escapar(texto: str) -> str:
    return texto.replace("&", "&&")


def _encabezado(ws: object, fm: _Formatos, enc: Encabezado, logo: Logo | None) -> int:
    col = 0
    if logo is not None:
        alto_caja, ancho_caja = 56.0, float(COLUMNAS[0] * 7 - 6)  # pixels
        escala = min(alto_caja / logo.alto, ancho_caja / logo.ancho)
        ws.insert_image(0, 0, logo.nombre, {"image_data": io.BytesIO(logo.datos), "x_scale": escala,
                                            "y_scale": escala, "x_offset": 2, "y_offset": 2,
                                            "object_position": 3})
        col = 1
    ancho = sum(COLUMNAS[col:])
    ws.set_row(0, max(22, _alto_texto(enc.nombre, ancho, 14)))
    ws.merge_range(0, col, 0, 3, "", fm.entidad)
    ws.write_string(0, col, enc.nombre, fm.entidad)
    sub = " · ".join(x for x in (enc.sigla, f"NIT {enc.nit}" if enc.nit else "") if x)
    ws.set_row(1, 14)
    ws.merge_range(1, col, 1, 3, "", fm.subentidad)
    ws.write_string(1, col, sub, fm.subentidad)
    fila = 2
    if enc.texto:
        ws.set_row(2, max(14, _alto_texto(enc.texto, ancho)))
        ws.merge_range(2, col, 2, 3, "", fm.libre)
        ws.write_string(2, col, enc.texto, fm.libre)
        fila = 3
    if logo is not None:
        fila = max(fila, 3)
        ws.set_row(2, max(22, _alto_texto(enc.texto, ancho) if enc.texto else 22))
    return fila + 1


def _seccion(ws: object, fm: _Formatos, fila: int, titulo: str, parrafos: tuple[str, ...], formato: object,
             puntos: float) -> int:
    ws.merge_range(fila, 0, fila, 3, "", fm.seccion)
    ws.write_string(fila, 0, titulo, fm.seccion)
    fila += 1
    for p in parrafos:
        ws.set_row(fila, _alto_texto(p, ANCHO, puntos))
        ws.merge_range(fila, 0, fila, 3, "", formato)
        ws.write_string(fila, 0, p, formato)
        fila += 1
    return fila + 1
