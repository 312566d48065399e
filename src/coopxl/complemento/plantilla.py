"""`coopxl plantilla`: the template BalanceSocial.xlsm (paste the reports, see the indicators, press a button).

The workbook is written with XlsxWriter, which writes form-control buttons (legacy VML drawings bound to a
macro, as Excel writes them) and takes a VBA project; the VBA project is xlwings' own standalone one with
coopxl's modules written in (`vba_proyecto`, `vba_modulos`). What each sheet holds is `plantilla_hojas`.
Reproducible: fixed document dates, fixed zip dates, no random part, so the same coopxl and xlwings give
the same sheets, formulas, names and VBA sources.

`escribir_variante_xlsx` writes the macro-free variant: the generator's workbook (`coopxl.excel.libro`, live
native formulas, no add-in) over the bundled demo cooperative. The generator sizes its formula ranges and
per-row helper formulas to the data it is given, so over an empty Dataset it yields only headers and
constant "SIN DATOS" results: no template to paste into. The variant is therefore a worked example; a
workbook over one's own data comes from `coopxl libro CARPETA`.
"""

from __future__ import annotations

import datetime as dt
import io
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from coopxl.archivos import escritura_atomica
from coopxl.complemento import plantilla_hojas as H
from coopxl.complemento import vba_modulos, vba_proyecto
from coopxl.complemento.vba_proyecto import ErrorPlantilla
from coopxl.sicses.layouts import LAYOUTS

FECHA_DOCUMENTO = dt.datetime(2026, 1, 1)
ANCHO_BOTON, ALTO_BOTON = 150, 32
AUTOR = "coopxl"


class PlantillaExistente(FileExistsError):
    """The destination exists and overwriting was not asked for."""


@dataclass(frozen=True)
class Plantilla:
    ruta: Path
    hojas: tuple[str, ...]
    modulos: tuple[str, ...]


def _formatos(wb) -> dict[str, object]:
    return {
        "titulo": wb.add_format({"bold": True, "font_size": 14}),
        "subtitulo": wb.add_format({"bold": True, "valign": "top"}),
        "texto": wb.add_format({"text_wrap": True, "valign": "top"}),
        "nota": wb.add_format({"italic": True, "font_color": "#595959", "valign": "top"}),
        "encabezado": wb.add_format({"bold": True, "bg_color": "#DDEBF7", "border": 1, "text_wrap": True,
                                     "valign": "top"}),
        "columna_texto": wb.add_format({"num_format": "@"}),
        "entrada": wb.add_format({"bg_color": "#FFF2CC", "border": 1}),
        "entrada_texto": wb.add_format({"bg_color": "#FFF2CC", "border": 1, "num_format": "@"}),
        "entrada_fecha": wb.add_format({"bg_color": "#FFF2CC", "border": 1, "num_format": "dd/mm/yyyy"}),
        "decimal": wb.add_format({"num_format": "#,##0.00"}),
    }


def _botones(ws, fila: int, columna: int) -> None:
    """One button per macro, one under the other, from (fila, columna) (0-based)."""
    for i, m in enumerate(vba_modulos.MACROS):
        ws.insert_button(fila, columna, {"macro": m.sub, "caption": m.boton, "width": ANCHO_BOTON,
                                         "height": ALTO_BOTON, "y_offset": i * (ALTO_BOTON + 8), "x_offset": 4})


def _instrucciones(wb, f) -> None:
    ws = wb.add_worksheet(H.HOJA_INSTRUCCIONES)
    ws.set_column(0, 0, 30)
    ws.set_column(1, 1, 100)
    ws.set_column(2, 2, 24)
    ws.write_string(0, 0, H.TITULO, f["titulo"])
    ws.write_string(1, 0, "Pasos para usar la plantilla. Los botones de la derecha también están en la hoja "
                          "Indicadores.", f["nota"])
    for i, (paso, texto) in enumerate(H.PASOS, start=3):
        ws.write_string(i, 0, paso, f["subtitulo"])
        ws.write_string(i, 1, texto, f["texto"])
        ws.set_row(i, 15 * (1 + len(texto) // 95))
    _botones(ws, 3, 2)
    ws.set_landscape()
    ws.fit_to_pages(1, 0)
    ws.activate()


def _reporte(wb, f, reporte: str, nombre: str) -> None:
    ws = wb.add_worksheet(nombre)
    for i, c in enumerate(LAYOUTS[reporte].columnas):
        ws.write_string(0, i, c.encabezado, f["encabezado"])
        ws.set_column(i, i, max(12, min(30, len(c.encabezado) + 2)),
                      f["columna_texto"] if H.columna_es_texto(c) else None)
    ws.freeze_panes(1, 0)


def _complementarios(wb, f) -> None:
    ws = wb.add_worksheet(H.HOJA_COMPLEMENTARIOS)
    ws.set_column(0, 0, 36)
    ws.set_column(1, 1, 22)
    ws.set_column(2, 2, 90)
    for i, t in enumerate(H.ENCABEZADO_COMPLEMENTARIOS):
        ws.write_string(0, i, t, f["encabezado"])
    tipos = {c.clave: c for c in H.CLAVES}
    for fila, (clave, _valor, descripcion) in enumerate(H.filas_complementarios(), start=1):
        c = tipos[clave]
        ws.write_string(fila, 0, clave)
        formato = {"fecha": "entrada_fecha", "texto": "entrada_texto", "opcion": "entrada_texto"}.get(c.tipo,
                                                                                                   "entrada")
        ws.write_blank(fila, 1, None, f[formato])
        ws.write_string(fila, 2, descripcion, f["texto"])
        if c.opciones:
            ws.data_validation(fila, 1, fila, 1, {"validate": "list", "source": list(c.opciones),
                                                  "error_title": "coopxl",
                                                  "error_message": "Elija una de las opciones de la lista."})
    ws.freeze_panes(1, 0)


def _parametros(wb, f) -> None:
    ws = wb.add_worksheet(H.HOJA_PARAMETROS)
    filas = H.filas_parametros()
    ws.set_column(0, 0, 16)
    ws.set_column(1, 1, 8)
    ws.set_column(2, 2, 20, f["decimal"])
    ws.set_column(3, 3, 80)
    for i, t in enumerate(filas[0]):
        ws.write_string(0, i, str(t), f["encabezado"])
    for r, fila in enumerate(filas[1:], start=1):
        for c, v in enumerate(fila):
            if isinstance(v, str):
                ws.write_string(r, c, v)
            else:
                ws.write_number(r, c, v)
    ws.freeze_panes(1, 0)


def _indicadores(wb, f) -> None:
    ws = wb.add_worksheet(H.HOJA_INDICADORES)
    for i, ancho in enumerate((36, 30, 50, 16, 12, 90, 26)):
        ws.set_column(i, i, ancho)
    ws.write_string(0, 0, "Indicadores del Balance Social", f["titulo"])
    ws.write_string(1, 0, "Problemas en los datos (Validar datos da el detalle):", f["subtitulo"])
    ws.write_formula(1, 2, H.formula_problemas(), None, "")
    ws.write_string(2, 0, "Las columnas Resultado, Valor y Análisis son funciones de coopxl: calculan en Excel "
                          "para Windows con xlwings.", f["nota"])
    fila_enc = H.FILA_ENCABEZADO_INDICADORES - 1
    for i, t in enumerate(H.ENCABEZADO_INDICADORES):
        ws.write_string(fila_enc, i, t, f["encabezado"])
    for r, fi in enumerate(H.filas_indicadores(), start=fila_enc + 1):
        principio, id_, nombre, resultado, valor, analisis = fi.celdas()
        ws.write_string(r, 0, principio, f["texto"])
        ws.write_string(r, 1, id_)
        ws.write_string(r, 2, nombre, f["texto"])
        ws.write_formula(r, 3, resultado, None, "")
        ws.write_formula(r, 4, valor, None, "")
        ws.write_formula(r, 5, analisis, f["texto"], "")
    ws.freeze_panes(fila_enc + 1, 2)
    ws.repeat_rows(fila_enc)
    _botones(ws, 0, 6)


def _conf(wb, f) -> None:
    ws = wb.add_worksheet(H.HOJA_CONF)
    ws.set_column(0, 0, 18)
    ws.set_column(1, 1, 16)
    for r, (clave, valor) in enumerate(H.CONF):
        ws.write_string(r, 0, clave)
        if isinstance(valor, bool):
            ws.write_boolean(r, 1, valor)
        else:
            ws.write_string(r, 1, str(valor))
    for i, nota in enumerate(H.NOTAS_CONF, start=len(H.CONF) + 1):
        ws.write_string(i, 0, nota, f["nota"])


def libro_base(proyecto: bytes) -> bytes:
    """The workbook as XlsxWriter writes it, with `proyecto` (xlwings' vbaProject.bin) as its VBA project."""
    import xlsxwriter

    salida = io.BytesIO()
    wb = xlsxwriter.Workbook(salida, {"in_memory": True, "strings_to_formulas": False, "strings_to_urls": False})
    wb.set_properties({"title": "Balance Social y Beneficio Solidario", "author": AUTOR, "company": AUTOR,
                       "created": FECHA_DOCUMENTO,
                       "comments": "Plantilla generada por coopxl plantilla"})
    wb.add_vba_project(io.BytesIO(proyecto), is_stream=True)
    wb.set_vba_name("ThisWorkbook")
    f = _formatos(wb)
    _instrucciones(wb, f)
    for reporte, nombre in H.HOJAS_REPORTES.items():
        _reporte(wb, f, reporte, nombre)
    _complementarios(wb, f)
    _parametros(wb, f)
    _indicadores(wb, f)
    _conf(wb, f)
    wb.close()
    return salida.getvalue()


def nombres_codigo() -> list[str]:
    """The code names XlsxWriter gives the sheets when the workbook has a VBA project: Sheet1, Sheet2, …"""
    return [f"Sheet{i}" for i in range(1, len(H.hojas_plantilla()) + 1)]


def construir_plantilla() -> bytes:
    """The template's bytes (.xlsm)."""
    libro = libro_base(vba_proyecto.proyecto_xlwings())
    libro = vba_proyecto.escribir_modulos(libro, vba_modulos.fuentes(), nombres_codigo())
    return vba_proyecto.zip_reproducible(libro)


def escribir_plantilla(destino: Path, forzar: bool = False) -> Plantilla:
    """Write the template to `destino` (.xlsm) atomically; refuse to overwrite it unless `forzar`."""
    destino = _escribir(Path(destino), ".xlsm", "la plantilla lleva macros: su extensión debe ser .xlsm",
                        forzar, construir_plantilla)
    return Plantilla(destino, H.hojas_plantilla(), tuple(vba_modulos.fuentes()))


# --- the macro-free variant -------------------------------------------------------------------------

def construir_variante_xlsx() -> bytes:
    """The generator's workbook over the bundled demo cooperative (native formulas, no macros)."""
    from coopxl.dataset import cargar_dataset
    from coopxl.demo.incluido import CARPETA_INCLUIDA
    from coopxl.excel.libro import construir_libro

    ds, _ = cargar_dataset(CARPETA_INCLUIDA)
    wb, _ = construir_libro(ds, generado=FECHA_DOCUMENTO)
    wb.properties.created = FECHA_DOCUMENTO
    wb.properties.modified = FECHA_DOCUMENTO
    wb.properties.creator = AUTOR
    salida = io.BytesIO()
    wb.save(salida)
    return vba_proyecto.zip_reproducible(salida.getvalue())


def escribir_variante_xlsx(destino: Path, forzar: bool = False) -> Path:
    return _escribir(Path(destino), ".xlsx", "la variante sin macros debe tener extensión .xlsx", forzar,
                     construir_variante_xlsx)


def _escribir(destino: Path, extension: str, error_extension: str, forzar: bool,
              construir: Callable[[], bytes]) -> Path:
    """Check the extension and the overwrite rule, build, then write atomically."""
    if destino.suffix.lower() != extension:
        raise ErrorPlantilla(f"{error_extension} ({destino.name})")
    if destino.exists() and not forzar:
        raise PlantillaExistente(f"el archivo {destino} ya existe; use --forzar para reemplazarlo.")
    datos = construir()
    with escritura_atomica(destino) as f:
        f.write(datos)
    return destino


# --- addin/ ------------------------------------------------------------------------------------------

def archivos_addin() -> dict[str, bytes]:
    """Relative path -> content of the generated files of addin/: the VBA sources and xlwings.conf."""
    archivos = {f"vba/{nombre}.bas": texto.encode("ascii") for nombre, texto in vba_modulos.fuentes().items()}
    archivos["xlwings.conf"] = H.texto_conf().encode("ascii")
    return archivos


def escribir_addin(carpeta: Path, forzar: bool = False) -> list[Path]:
    """Write `archivos_addin` under `carpeta` (addin/ of the repository); existing files only with `forzar`."""
    destinos = {Path(carpeta) / r: datos for r, datos in archivos_addin().items()}
    existentes = [str(d) for d in destinos if d.exists()]
    if existentes and not forzar:
        raise PlantillaExistente(f"ya existen {', '.join(existentes)}; use --forzar para reemplazarlos.")
    for destino, datos in destinos.items():
        with escritura_atomica(destino) as f:
            f.write(datos)
    return list(destinos)
