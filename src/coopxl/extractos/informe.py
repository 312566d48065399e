"""The Balance Social report for the assembly: the supervisor's layout (seed 001: principle by principle,
each indicator with nombre, propósito, fórmula, resultado and análisis), with coopxl's results, the
entity's beneficio solidario, the warnings that matter and the signature lines.

Rendered as a landscape-letter xlsx with print setup (one page wide, the column header repeated on every
page, "Página N de M"), then as PDF through LibreOffice (pdf.py). Row heights are set from the text
length, since neither Excel nor LibreOffice autofits wrapped text reliably when printing.
"""

from __future__ import annotations

import io
import math
import shutil
import tempfile
from pathlib import Path

import xlsxwriter

from coopxl import formato
from coopxl.analisis import formula as formula_de
from coopxl.archivos import escritura_atomica
from coopxl.balance import Balance
from coopxl.beneficios import COMPONENTES, NOMBRE_COMPONENTE
from coopxl.extractos import textos as tx
from coopxl.extractos.datos import extracto_entidad
from coopxl.extractos.xlsx import FORMATO_PESOS, FUENTE

TITULO = "BALANCE SOCIAL Y BENEFICIO SOLIDARIO"
OBJETIVO_GENERAL = (
    "La medición de la responsabilidad social asumida en el acuerdo solidario, es decir del Balance Social y "
    "Beneficio Solidario, se soporta en la observación y cumplimiento de los valores y principios de la "
    "Economía Solidaria, a través de los siguientes indicadores:"
)
COLUMNAS = (("Nombre del indicador", 22), ("Propósito", 42), ("Fórmula", 32), ("Resultado", 13),
            ("Análisis", 46))
ANCHO = sum(a for _, a in COLUMNAS)
COLUMNAS_2 = (42, 18, 40, 10, 40)  # component, value, note...; signatures in A, C and E
FIRMAS = (("Representante legal", "C.C."), ("Contador(a) público(a)", "T.P."), ("Revisor(a) fiscal", "T.P."))
AZUL = "#1F4E79"
ESCALA = 80  # % : the five columns fit the width of a landscape letter page
ESTADO_NO_OK = {"denominador_cero", "sin_datos", "no_aplica"}


def _lineas(texto: str, ancho: float, puntos: float) -> int:
    por_linea = max(ancho * 11 / puntos, 8)  # Arial: about 1.4 characters of 8 pt per column unit
    return sum(max(1, math.ceil(len(p) / por_linea)) for p in str(texto).split("\n"))


def _alto(textos: list[tuple[str, float]], puntos: float = 8) -> float:
    return max(_lineas(t, a, puntos) for t, a in textos) * puntos * 1.2 + 5


def advertencias(b: Balance, errores_validacion: int = 0) -> list[str]:
    """The warnings the assembly should read: impossible results, indicators without data, data notes,
    components of the beneficio solidario not computed."""
    salida: list[str] = []
    for f in b.filas:
        for a in f.advertencias:
            salida.append(f"{f.indicador.nombre}: {a}")
    sin_datos = [f.indicador.nombre for f in b.filas if f.resultado.estado == "sin_datos"]
    if sin_datos:
        salida.append(f"{len(sin_datos)} indicador(es) sin datos suficientes (su análisis dice qué falta): "
                      + ", ".join(sin_datos) + ".")
    salida += list(b.ds.advertencias) + list(b.beneficios.advertencias)
    salida += [f"Beneficio solidario, no calculado: {x}." for x in b.beneficios.faltantes]
    if errores_validacion:
        salida.append(f"La validación de los archivos encontró {errores_validacion} error(es): vea el informe de "
                      "«coopxl validar».")
    return salida


def escribir_xlsx(b: Balance, errores_validacion: int = 0) -> bytes:
    ds = b.ds
    ent = ds.entidad
    salida = io.BytesIO()
    wb = xlsxwriter.Workbook(salida, {"in_memory": True, "strings_to_formulas": False, "strings_to_urls": False})
    wb.set_properties({"title": f"{TITULO} {ds.corte.year}", "author": ent["nombre"],
                       "comments": "Generado con coopxl"})
    base = {"font_name": FUENTE, "font_size": 8, "valign": "top", "text_wrap": True}

    def f(**kw: object) -> object:
        return wb.add_format({**base, **kw})

    fm_titulo = f(bold=True, font_size=15, font_color=AZUL, valign="vcenter")
    fm_entidad = f(bold=True, font_size=12, valign="vcenter")
    fm_dato = f(font_size=9, valign="vcenter")
    fm_seccion = f(bold=True, font_size=10, font_color="white", bg_color=AZUL, valign="vcenter", indent=1)
    fm_principio = f(bold=True, font_size=9, font_color=AZUL, bg_color="#DDEBF7", valign="vcenter", indent=1,
                     top=1, border_color=AZUL)
    fm_cab = f(bold=True, bg_color="#F2F2F2", bottom=1, border_color="#808080", valign="vcenter", indent=1)
    fm_cab_der = f(bold=True, bg_color="#F2F2F2", bottom=1, border_color="#808080", valign="vcenter", align="center")
    fm_celda = f(bottom=4, border_color="#BFBFBF", indent=1)
    fm_nombre = f(bold=True, bottom=4, border_color="#BFBFBF")
    fm_res = f(bold=True, align="center", bottom=4, border_color="#BFBFBF", font_size=9)
    fm_res_no = f(italic=True, align="center", bottom=4, border_color="#BFBFBF", font_color="#7F7F7F")
    fm_parrafo = f(font_size=9, align="justify")
    fm_valor = f(num_format=FORMATO_PESOS, bottom=4, border_color="#BFBFBF", font_size=9, valign="vcenter")
    fm_comp = f(bottom=4, border_color="#BFBFBF", font_size=9, valign="vcenter")
    fm_no_calc = f(italic=True, align="right", bottom=4, border_color="#BFBFBF", font_color="#7F7F7F",
                   font_size=9, valign="vcenter")
    fm_total = f(bold=True, top=1, bottom=1, font_size=9, valign="vcenter")
    fm_total_valor = f(bold=True, top=1, bottom=1, font_size=9, num_format=FORMATO_PESOS, valign="vcenter")
    fm_pct = f(bold=True, font_size=9, num_format='0.00" %";-0.00" %"', valign="vcenter")
    fm_aviso = f(font_size=8)
    fm_linea = f(bottom=1, border_color="#000000")
    fm_firma = f(bold=True, font_size=9)
    fm_firma_dato = f(font_size=8, align="left", font_color="#404040")

    ws = wb.add_worksheet("Balance Social")
    ws.hide_gridlines(2)
    for i, (_, ancho) in enumerate(COLUMNAS):
        ws.set_column(i, i, ancho)
    ultima = len(COLUMNAS) - 1

    def fila_unida(fila: int, texto: str, fm: object, alto: float | None = None) -> None:
        if alto is not None:
            ws.set_row(fila, alto)
        ws.merge_range(fila, 0, fila, ultima, "", fm)
        ws.write_string(fila, 0, texto, fm)

    r = 0
    fila_unida(r, f"{TITULO} {ds.corte.year}", fm_titulo, 24)
    r += 1
    fila_unida(r, ent["nombre"] or "Entidad solidaria", fm_entidad, 18)
    r += 1
    datos = [x for x in (f"Sigla: {ent['sigla']}" if ent["sigla"] else "",
                         f"Código: {ent['codigo']}" if ent["codigo"] else "",
                         f"NIT: {ent['nit']}" if ent["nit"] else "",
                         f"Tipo: {ent['tipo']}" if ent["tipo"] else "") if x]
    if datos:
        fila_unida(r, "   ·   ".join(datos), fm_dato, 14)
        r += 1
    fila_unida(r, f"Fecha de corte: {tx.fecha_larga(ds.corte)}   ·   Periodo evaluado: "
                  f"{tx.periodo_texto(ds.periodo.inicio, ds.periodo.fin)}", fm_dato, 14)
    r += 1
    fila_unida(r, "Circular Externa 09 de 2020 de la Superintendencia de la Economía Solidaria (Balance Social y "
                  "Beneficio Solidario).", fm_dato, 14)
    r += 2
    fila_unida(r, "OBJETIVO GENERAL", fm_seccion, 17)
    r += 1
    fila_unida(r, OBJETIVO_GENERAL, fm_parrafo, _alto([(OBJETIVO_GENERAL, ANCHO)], 9))
    r += 2

    fila_cabecera = r
    ws.set_row(r, 16)
    for i, (titulo, _) in enumerate(COLUMNAS):
        ws.write_string(r, i, titulo, fm_cab_der if titulo == "Resultado" else fm_cab)
    r += 1
    tipo = ds.complementarios.get("asamblea_tipo")
    tipo = tipo if isinstance(tipo, str) else None
    for p, nombre, filas in b.por_principio():
        fila_unida(r, f"Principio {p}. {nombre.upper()}", fm_principio, 18)
        r += 1
        for fl in filas:
            ind = fl.indicador
            celdas = [ind.nombre, ind.proposito, formula_de(ind, tipo), fl.resultado_texto, fl.analisis]
            ws.set_row(r, _alto([(t, a - 2) for t, (_, a) in zip(celdas, COLUMNAS, strict=True)]))
            for i, t in enumerate(celdas):
                fm = fm_nombre if i == 0 else fm_celda
                if i == 3:
                    fm = fm_res_no if fl.resultado.estado in ESTADO_NO_OK else fm_res
                ws.write_string(r, i, t, fm)
            r += 1
    r += 1

    nombre = (ent["sigla"] or ent["nombre"]).replace("&", "&&")
    pie = f"&L&8{nombre} · Balance Social {ds.corte.year}&R&8Página &P de &N"
    ws.print_area(0, 0, r - 1, ultima)
    ws.repeat_rows(fila_cabecera)
    _pagina(ws, pie)

    # second sheet: the entity's beneficio solidario, the warnings and the signatures
    ws = wb.add_worksheet("Beneficio y firmas")
    ws.hide_gridlines(2)
    for i, ancho in enumerate(COLUMNAS_2):
        ws.set_column(i, i, ancho)
    ultima = len(COLUMNAS_2) - 1
    ancho_total = sum(COLUMNAS_2)
    r = 0
    ext = extracto_entidad(ds)
    fila_unida(r, "BENEFICIO SOLIDARIO DE LOS ASOCIADOS", fm_seccion, 17)
    r += 1
    texto = (f"Suma, sobre los {formato.entero(b.beneficios.asociados)} asociados vigentes al corte, de lo que "
             "cada asociado ganó frente al sector financiero tradicional en crédito y ahorro y de los beneficios "
             "entregados en el periodo. El extracto de cada asociado detalla su parte.")
    fila_unida(r, texto, fm_parrafo, _alto([(texto, ancho_total)], 9))
    r += 2
    ancho_nota = sum(COLUMNAS_2[2:])
    ws.set_row(r, 15)
    ws.write_string(r, 0, "Componente", fm_cab)
    ws.write_string(r, 1, "Valor", fm_cab_der)
    ws.merge_range(r, 2, r, ultima, "", fm_cab)
    ws.write_string(r, 2, "Observación", fm_cab)
    r += 1
    for ln in ext.lineas:
        ws.set_row(r, max(15, _alto([(ln.nota, ancho_nota)], 9)) if ln.nota else 15)
        ws.write_string(r, 0, NOMBRE_COMPONENTE.get(ln.componente, ln.concepto), fm_comp)
        if ln.valor is None:
            ws.write_string(r, 1, tx.NO_CALCULADO, fm_no_calc)
        else:
            ws.write_number(r, 1, ln.valor, fm_valor)
        ws.merge_range(r, 2, r, ultima, "", fm_comp)
        ws.write_string(r, 2, ln.nota, fm_comp)
        r += 1
    assert len(ext.lineas) == len(COMPONENTES)
    ws.set_row(r, 17)
    ws.write_string(r, 0, "Total beneficio solidario", fm_total)
    ws.write_number(r, 1, ext.total, fm_total_valor)
    ws.merge_range(r, 2, r, ultima, "", fm_total)
    r += 1
    ws.write_string(r, 0, "Aportes sociales de los asociados vigentes", fm_dato)
    ws.write_number(r, 1, ext.aportes, wb.add_format({**base, "font_size": 9, "num_format": FORMATO_PESOS,
                                                      "valign": "vcenter"}))
    r += 1
    ws.write_string(r, 0, "Rentabilidad de los aportes (rentabilidad social)", fm_dato)
    if ext.rentabilidad is None:
        ws.write_string(r, 1, "no calculable", fm_no_calc)
    else:
        ws.write_number(r, 1, ext.rentabilidad, fm_pct)
    r += 2
    for p in ext.metodologia:
        fila_unida(r, p, fm_aviso, _alto([(p, ancho_total)], 8))
        r += 1
    r += 1

    avisos = advertencias(b, errores_validacion)
    if avisos:
        fila_unida(r, "ADVERTENCIAS", fm_seccion, 17)
        r += 1
        for a in avisos:
            fila_unida(r, "• " + a, fm_aviso, _alto([(a, ancho_total - 2)], 8))
            r += 1
        r += 1

    # signatures: three blocks (columns A, C and E), with the gaps B and D between them
    r += 3
    ws.set_row(r, 30)
    for col, (cargo, doc) in zip((0, 2, 4), FIRMAS, strict=True):
        ws.write_blank(r, col, None, fm_linea)
        ws.write_string(r + 1, col, cargo, fm_firma)
        ws.write_string(r + 2, col, "Nombre:", fm_firma_dato)
        ws.write_string(r + 3, col, doc, fm_firma_dato)
    r += 4
    ws.print_area(0, 0, r - 1, ultima)
    _pagina(ws, pie)
    wb.close()
    return salida.getvalue()


def _pagina(ws: object, pie: str) -> None:
    ws.set_paper(1)  # carta (letter)
    ws.set_landscape()
    ws.set_margins(left=0.5, right=0.5, top=0.6, bottom=0.7)
    ws.center_horizontally()
    ws.set_print_scale(ESCALA)
    ws.set_footer(pie)


def escribir_informe(b: Balance, destino: Path, errores_validacion: int = 0) -> Path:
    """Write the report as .xlsx or .pdf (by the extension of `destino`), atomically."""
    destino = Path(destino)
    datos = escribir_xlsx(b, errores_validacion)
    if destino.suffix.lower() == ".xlsx":
        with escritura_atomica(destino) as fh:
            fh.write(datos)
        return destino
    if destino.suffix.lower() != ".pdf":
        raise ValueError(f"el informe se escribe en .pdf o .xlsx (se indicó {destino.name})")
    from coopxl.extractos import pdf

    destino.parent.mkdir(parents=True, exist_ok=True)
    trabajo = Path(tempfile.mkdtemp(prefix=".informe_", dir=destino.parent))
    try:
        hoja = trabajo / "informe.xlsx"
        hoja.write_bytes(datos)
        (hecho,) = pdf.convertir_lote([hoja], trabajo / "pdf", trabajo)
        with escritura_atomica(destino) as fh, open(hecho, "rb") as origen:
            shutil.copyfileobj(origen, fh)
    finally:
        shutil.rmtree(trabajo, ignore_errors=True)
    return destino
