"""The add-in's buttons: Validar datos, Calcular balance, Generar extractos — over any `LibroAbierto`.

Each action reads the report sheets the user pasted (the same sheets the UDFs read, through
`hojas.dataset_desde_hojas`), calls the engine (`calcular_balance`, `coopxl.extractos.masivo`: the very code
of `coopxl balance` and `coopxl extractos`), writes its result, and answers a `Respuesta` whose message the
status bar shows. Nothing here raises at the user: a known problem becomes a Spanish sentence, an
unexpected one too (with its type, for the developers).

Which associates "Generar extractos" writes (the rule the user reads in the template's instructions):
1. the rows selected on the `Asociados` sheet (any cells of those rows, several areas with Ctrl), when the
   selection covers data rows — each sheet keeps its selection, so the user selects there and then presses
   the button on another sheet; a selection that covers every row (the block just pasted) or only the header
   means all;
2. else the documents listed on a sheet named `Seleccion` (a column headed «Documento», or the first
   column), when it has any;
3. else every vigente associate.
A choice of some associates (1 or 2) is confirmed first — Sí: those; No: every vigente associate; Cancelar:
nothing — since a selection left on Asociados from earlier work would otherwise silently narrow the run.
"""

from __future__ import annotations

import contextlib
import time
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from coopxl import formato
from coopxl.complemento.hojas import ErrorCoopxl, dataset_desde_hojas
from coopxl.complemento.interfaz import LibroAbierto
from coopxl.indicadores.textos.catalogo import NOMBRES_PRINCIPIO
from coopxl.sicses.desde_tabla import es_hoja_de_reporte, normalizar_tabla
from coopxl.sicses.layouts import normalizar_encabezado
from coopxl.sicses.lectura import celda_texto
from coopxl.sicses.problemas import Informe

if TYPE_CHECKING:
    from coopxl.dataset import Dataset
    from coopxl.extractos.masivo import ResultadoMasivo

PREFIJO = "coopxl: "
HOJA_VALIDACION = "Validacion"
HOJA_BALANCE = "Balance"
HOJA_ASOCIADOS = "Asociados"
HOJA_SELECCION = "Seleccion"
CARPETA_EXTRACTOS = "extractos"
ARCHIVO_COMBINADO = "USO_INTERNO_extractos_combinados.xlsx"
ENCABEZADO_VALIDACION = ("Severidad", "Hoja", "Fila", "Columna", "Valor", "Problema")
ENCABEZADO_BALANCE = ("Principio", "Id", "Nombre", "Resultado", "Estado", "Análisis", "Valor")
SIN_PROBLEMAS = "No se encontraron problemas en las hojas de los reportes."
NOTA = "nota"  # severity of the Dataset's notes, listed after the problems
INTERVALO_PROGRESO = 0.5  # seconds between two status-bar updates (each is a call into Excel)


@dataclass(frozen=True)
class Respuesta:
    """What an action tells the user: ok or not, one Spanish message, and what it produced."""

    ok: bool
    mensaje: str
    extractos: ResultadoMasivo | None = None
    combinado: Path | None = None


def _responder(libro: LibroAbierto, accion: Callable[[], Respuesta]) -> Respuesta:
    """Run an action; whatever happens the user reads one Spanish sentence in the status bar."""
    try:
        r = accion()
    except ErrorCoopxl as e:
        r = Respuesta(False, PREFIJO + str(e))
    except PermissionError as e:
        r = Respuesta(False, f"{PREFIJO}no se pudo escribir «{e.filename or e}»: está abierto en otro programa o "
                      "no hay permiso en esa carpeta; ciérrelo y pulse el botón de nuevo")
    except OSError as e:
        r = Respuesta(False, f"{PREFIJO}no se pudo escribir «{e.filename or ''}» ({e.strerror or e})")
    except Exception as e:  # the user must never see a traceback
        r = Respuesta(False, f"{PREFIJO}error inesperado ({type(e).__name__}: {e}); informe este error a los "
                      "desarrolladores")
    with contextlib.suppress(Exception):  # a status bar that cannot be written must not hide the answer
        libro.estado(r.mensaje)
    return r


def hojas_de_reportes(libro: LibroAbierto) -> dict[str, list[list[object]]]:
    """The sheets named like a report or a parámetros file (the user's other sheets are not read)."""
    return {n: libro.leer(n) for n in libro.hojas() if es_hoja_de_reporte(n)}


def cargar(libro: LibroAbierto) -> tuple[Dataset, Informe]:
    libro.estado(PREFIJO + "leyendo las hojas de los reportes…")
    return dataset_desde_hojas(hojas_de_reportes(libro))


def _aviso_errores(informe: Informe) -> str:
    if not informe.errores:
        return ""
    return (f" Atención: los datos tienen {formato.entero(informe.errores)} error(es); pulse «Validar datos» "
            "para ver el detalle.")


# --- Validar datos ----------------------------------------------------------------------------------

def filas_validacion(informe: Informe, ds: Dataset | None = None) -> list[list[object]]:
    """The Validacion sheet: header, one row per problem (by sheet and row, as `coopxl validar` lists them),
    then the Dataset's notes; a single sentence when there is nothing to report."""
    filas: list[list[object]] = [list(ENCABEZADO_VALIDACION)]
    for p in sorted(informe.todos(), key=lambda p: (p.archivo, p.fila or 0)):
        filas.append([p.severidad, p.archivo, p.fila, p.columna or "", p.valor or "", p.mensaje])
    for aviso in (ds.advertencias if ds is not None else ()):
        filas.append([NOTA, "", None, "", "", aviso])
    if len(filas) == 1:
        filas.append(["", "", None, "", "", SIN_PROBLEMAS])
    return filas


def validar_datos(libro: LibroAbierto) -> Respuesta:
    """Read and validate the report sheets; the report goes to the Validacion sheet."""

    def hacer() -> Respuesta:
        ds, informe = cargar(libro)
        libro.escribir(HOJA_VALIDACION, filas_validacion(informe, ds))
        libro.activar(HOJA_VALIDACION)
        if not len(informe):
            return Respuesta(True, f"{PREFIJO}validación sin errores ni advertencias.")
        return Respuesta(True, f"{PREFIJO}validación: {formato.entero(informe.errores)} error(es) y "
                         f"{formato.entero(informe.advertencias)} advertencia(s); el detalle está en la hoja "
                         f"{HOJA_VALIDACION}.")

    return _responder(libro, hacer)


# --- Calcular balance -------------------------------------------------------------------------------

def filas_balance(balance) -> list[list[object]]:
    """The Balance sheet: the 41 indicators in the registry's order, with their displayed result, state and
    sentence, and last the unrounded value (x100 for percentages, as BS_INDICADOR gives it; empty when the
    indicator has no result) for charts and checks."""
    from coopxl.analisis import ESTADOS_TEXTO

    filas: list[list[object]] = [list(ENCABEZADO_BALANCE)]
    for f in balance.filas:
        p = f.indicador.principio
        r = f.resultado
        valor = float(r.valor) if r.estado == "ok" and r.valor is not None else None
        filas.append([f"{p}. {NOMBRES_PRINCIPIO[p]}", f.id, f.indicador.nombre, f.resultado_texto,
                      ESTADOS_TEXTO[r.estado], f.analisis, valor])
    return filas


def calcular_balance(libro: LibroAbierto) -> Respuesta:
    """Compute the Balance Social of the report sheets into the Balance sheet."""
    from coopxl.balance import calcular_balance as balance_de

    def hacer() -> Respuesta:
        ds, informe = cargar(libro)
        libro.estado(PREFIJO + "calculando los indicadores…")
        b = balance_de(ds)
        libro.escribir(HOJA_BALANCE, filas_balance(b))
        libro.activar(HOJA_BALANCE)
        calculados = sum(1 for f in b.filas if f.resultado.estado == "ok")
        return Respuesta(True, f"{PREFIJO}balance social calculado en la hoja {HOJA_BALANCE}: {len(b.filas)} "
                         f"indicadores, {calculados} con resultado." + _aviso_errores(informe))

    return _responder(libro, hacer)


# --- Generar extractos ------------------------------------------------------------------------------

def _documentos_de_hoja(filas: list[list[object]]) -> list[str]:
    """The documents of a Seleccion sheet: the column headed «Documento», or the first column."""
    filas = [[celda_texto(v) for v in f] for f in normalizar_tabla(filas)]
    filas = [f for f in filas if any(f)]
    if not filas:
        return []
    cabecera = [normalizar_encabezado(c) for c in filas[0]]
    for clave in ("documento", "numerodocumento", "numerodeidentificacion", "identificacion", "nit"):
        if clave in cabecera:
            i = cabecera.index(clave)
            return [f[i] for f in filas[1:] if len(f) > i and f[i]]
    primera = [f[0] for f in filas if f and f[0]]
    if primera and not any(ch.isdigit() for ch in primera[0]):
        primera = primera[1:]  # a header of another name
    return primera


def asociados_elegidos(libro: LibroAbierto, ds: Dataset) -> tuple[list[str] | None, str]:
    """The documents to write (None: every vigente associate) and how they were chosen, said for the user."""
    rangos = libro.filas_seleccionadas(HOJA_ASOCIADOS)
    if rangos and ds.asociados is not None:
        lineas = ds.asociados["_linea"]
        elegir = lineas.between(*rangos[0])
        for desde, hasta in rangos[1:]:
            elegir |= lineas.between(desde, hasta)
        personas = list(dict.fromkeys(ds.asociados.loc[elegir, "persona"]))
        if personas and len(personas) < ds.asociados["persona"].nunique():
            n = len(personas)
            return personas, (f"el asociado seleccionado en la hoja {HOJA_ASOCIADOS}" if n == 1 else
                              f"los {formato.entero(n)} asociados seleccionados en la hoja {HOJA_ASOCIADOS}")
    hoja = next((n for n in libro.hojas() if normalizar_encabezado(n) == normalizar_encabezado(HOJA_SELECCION)),
                None)
    if hoja is not None:
        documentos = _documentos_de_hoja(libro.leer(hoja))
        if documentos:
            n = len(documentos)
            return documentos, (f"el documento de la hoja {hoja}" if n == 1 else
                                f"los {formato.entero(n)} documentos de la hoja {hoja}")
    return None, "todos los asociados vigentes"


def _alguno_vigente(ds: Dataset, documentos: list[str]) -> bool:
    """Whether a chosen document (a number in any formatting, or a 'C:123' person) is a vigente associate's,
    matched as the bulk runner matches them."""
    from coopxl.extractos.masivo import normalizar_documento

    pedidos = {normalizar_documento(str(d)) for d in documentos}
    vig = ds.vigentes
    return bool((vig["persona"].isin(pedidos) | vig["documento"].astype(str).isin(pedidos)).any())


class _Progreso:
    """The bulk runner's callback, shown in the status bar at most every INTERVALO_PROGRESO seconds."""

    def __init__(self, libro: LibroAbierto) -> None:
        self.libro = libro
        self.ultimo = 0.0

    def __call__(self, hechos: int, total: int, etapa: str) -> None:
        ahora = time.monotonic()
        if hechos not in (0, total) and ahora - self.ultimo < INTERVALO_PROGRESO:
            return
        self.ultimo = ahora
        que = "PDF" if etapa == "pdf" else "extractos"
        self.libro.estado(f"{PREFIJO}generando {que}: {formato.entero(hechos)} de {formato.entero(total)}…")


def generar_extractos(libro: LibroAbierto, combinado: bool = False, procesos: int | None = None) -> Respuesta:
    """One extract per chosen associate (see the module's rule) into the folder `extractos` beside the
    workbook, the entity's extract and indice.csv, through `coopxl.extractos.masivo` (as `coopxl extractos`);
    with `combinado`, also one workbook listing every chosen associate's benefits, marked «uso interno».

    Files are always rewritten (the data on the sheets may have changed since the last run)."""
    from coopxl.extractos.masivo import generar_extractos as masivo

    def hacer() -> Respuesta:
        carpeta = libro.carpeta()
        if carpeta is None:
            raise ErrorCoopxl("guarde el libro antes de generar los extractos: se escriben en la carpeta "
                              f"«{CARPETA_EXTRACTOS}», junto al libro")
        ds, informe = cargar(libro)
        documentos, origen = asociados_elegidos(libro, ds)
        if documentos is not None and not _alguno_vigente(ds, documentos):  # before the index is rewritten
            raise ErrorCoopxl(f"no se generó ningún extracto: ninguno de los elegidos ({origen}) es un asociado "
                              "vigente al corte")
        if documentos is not None:
            respuesta = libro.preguntar(f"¿Generar solo los extractos de {origen}?\n\nSí: solo esos. No: los de "
                                        "todos los asociados vigentes. Cancelar: ninguno.")
            if respuesta == "cancelar":
                return Respuesta(True, f"{PREFIJO}generación de extractos cancelada: no se escribió ningún archivo.")
            if respuesta == "no":
                documentos, origen = None, "todos los asociados vigentes"
        destino = carpeta / CARPETA_EXTRACTOS
        r = masivo(ds, destino, documentos=documentos, progreso=_Progreso(libro), forzar=True, procesos=procesos)
        ruta_combinado = None
        if combinado:
            from coopxl.complemento.combinado import escribir_combinado

            libro.estado(PREFIJO + "escribiendo el libro combinado (uso interno)…")
            ruta_combinado = escribir_combinado(ds, destino / ARCHIVO_COMBINADO, documentos)
        mensaje = (f"{PREFIJO}{formato.entero(r.escritos)} extracto(s) de {origen} en la carpeta "
                   f"{destino}, con el extracto de la entidad y el índice {r.indice.name if r.indice else ''}")
        if ruta_combinado is not None:
            mensaje += f"; libro combinado de uso interno: {ruta_combinado.name}"
        mensaje += "."
        if r.no_encontrados:
            muestra = ", ".join(r.no_encontrados[:5]) + (" …" if len(r.no_encontrados) > 5 else "")
            mensaje += (f" {formato.entero(len(r.no_encontrados))} documento(s) no son de asociados vigentes al "
                        f"corte: {muestra}.")
        return Respuesta(True, mensaje + _aviso_errores(informe), r, ruta_combinado)

    return _responder(libro, hacer)
