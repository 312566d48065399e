"""Find each report in an input folder by its header signature, with the file name as a hint."""

from __future__ import annotations

import os
import threading
from collections import Counter
from collections.abc import Callable, Sequence
from concurrent.futures import Future
from dataclasses import dataclass, field
from pathlib import Path
from typing import TypeVar

from coopxl.hilos import en_paralelo
from coopxl.parametros import ARCHIVOS as ARCHIVOS_PARAMETROS
from coopxl.sicses.carga import (
    Carga,
    Encabezado,
    _asignar,
    cargar,
    construir_encabezado,
    encabezado_por_posicion,
)
from coopxl.sicses.layouts import LAYOUTS, Layout, normalizar_encabezado
from coopxl.sicses.lectura import EXTENSIONES_TEXTO, EXTENSIONES_XLSX, ErrorArchivo, Muestra, muestra
from coopxl.sicses.problemas import ENCABEZADO_INFORME, Informe

T = TypeVar("T")
IGNORAR = {"parametros.csv", "indice.csv", *ARCHIVOS_PARAMETROS}

# SICSES reports that coopxl does not use: a file named like one is skipped with a note, even when its
# header resembles a report coopxl reads (9052 looks like cartera).
NO_USADOS = {
    "relaciondeinversiones": "relación de inversiones (9036)",
    "creditosdebancos": "créditos de bancos y otras obligaciones financieras (9052)",
    "obligacionesfinancieras": "créditos de bancos y otras obligaciones financieras (9052)",
    "erogaciones": "erogaciones a directivos (9034)",
    "aplicaciondeexcedentes": "aplicación de excedentes (162)",
    "riesgodeliquidez": "indicador de riesgo de liquidez (173)",
    "gruposdeinteres": "información de grupos de interés (143)",
}


@dataclass
class Reconocimiento:
    archivo: Path
    layout: Layout | None
    encabezado: Encabezado | None
    muestra: Muestra | None
    motivo: str = ""
    omitido: bool = False  # skipped on purpose (not an error)


@dataclass
class Lectura:
    """Every report found in a folder, loaded, with the problems found while reading."""

    carpeta: Path
    cargas: dict[str, Carga] = field(default_factory=dict)
    informe: Informe = field(default_factory=Informe)
    no_reconocidos: list[Path] = field(default_factory=list)

    def datos(self, reporte: str):  # -> pd.DataFrame | None
        c = self.cargas.get(reporte)
        return None if c is None else c.datos


def archivos_de(carpeta: Path) -> list[Path]:
    extensiones = EXTENSIONES_TEXTO + EXTENSIONES_XLSX
    return sorted(
        p for p in carpeta.iterdir()
        if p.is_file() and p.suffix.lower() in extensiones and not p.name.startswith((".", "~$"))
        and p.name.lower() not in IGNORAR
    )


def pista_de_nombre(archivo: Path) -> list[str]:
    nombre = normalizar_encabezado(archivo.stem)
    return [lay.id for lay in LAYOUTS.values()
            if any(normalizar_encabezado(p) in nombre for p in lay.pistas_nombre)
            and not any(normalizar_encabezado(p) in nombre for p in lay.pistas_excluir)]


def _no_usado(archivo: Path) -> str | None:
    nombre = normalizar_encabezado(archivo.stem)
    return next((v for k, v in NO_USADOS.items() if k in nombre), None)


def _es_informe_propio(m: Muestra) -> bool:
    primera = next((f for f in m.lineas if any(c.strip() for c in f)), [])
    return [normalizar_encabezado(c) for c in primera[: len(ENCABEZADO_INFORME)]] == [
        normalizar_encabezado(c) for c in ENCABEZADO_INFORME]


def reconocer(archivo: Path, informe: Informe) -> Reconocimiento:
    nombre = archivo.name
    no_usado = _no_usado(archivo)
    if no_usado:
        informe.advertencia(nombre, f"por su nombre es el reporte de {no_usado}, que coopxl no usa; se ignora.")
        return Reconocimiento(archivo, None, None, None, no_usado, omitido=True)
    try:
        m = muestra(archivo)
    except ErrorArchivo as e:
        informe.error(e.archivo, e.mensaje)
        return Reconocimiento(archivo, None, None, None, e.mensaje)
    if _es_informe_propio(m):
        return Reconocimiento(archivo, None, None, m, "informe de validación de coopxl", omitido=True)
    pistas = pista_de_nombre(archivo)
    mejor: tuple[tuple[int, float, int], Layout, int] | None = None
    # Each sample line's header keys, counted once: a line with fewer cells naming a layout's columns than
    # the layout's signature cannot be its header, and is passed over without assigning its cells.
    claves = [Counter(normalizar_encabezado(c) for c in celdas) for celdas in m.lineas]
    for lay in LAYOUTS.values():
        minimo = min(lay.firma_minima, len(lay.columnas))
        for n, celdas in enumerate(m.lineas, start=1):
            if sum(k for clave, k in claves[n - 1].items() if clave in lay.por_clave) < minimo:
                continue
            asignacion, _, _, _ = _asignar(celdas, lay)
            if len(asignacion) < minimo:
                continue
            requeridas = sum(1 for c in lay.requeridas if c.nombre in asignacion)
            clave = (requeridas + len(asignacion), len(asignacion) / len(lay.columnas), int(lay.id in pistas))
            if mejor is None or clave > mejor[0]:
                mejor = (clave, lay, n)
            break
    if mejor is not None:
        return Reconocimiento(archivo, mejor[1], construir_encabezado(m, mejor[2], mejor[1]), m)
    # No header row: the file name, or else the number of fields, says which report it is.
    ancho = max((len(f) for f in m.lineas), default=0)
    por_nombre = [LAYOUTS[p] for p in pistas]
    por_ancho = [lay for lay in LAYOUTS.values() if lay.ancho_minimo <= ancho <= len(lay.columnas)]
    ambos = [lay for lay in por_nombre if lay in por_ancho]
    candidatos = ambos or (por_nombre if len(por_nombre) == 1 else por_ancho if not por_nombre else [])
    if len(candidatos) == 1:
        lay = candidatos[0]
        como = "su nombre" if lay in por_nombre else f"su número de campos ({ancho})"
        informe.advertencia(nombre, f"no tiene fila de encabezado: por {como} se lee como {lay.titulo}, con "
                            "las columnas en el orden oficial.")
        return Reconocimiento(archivo, lay, encabezado_por_posicion(m, lay), m)
    motivo = ("no se reconoce el reporte: el encabezado no coincide con ningún formato conocido y el nombre del "
              "archivo no lo indica. Nombre el archivo como el reporte (asociados, aportes, captaciones, cartera, "
              "directivos, catalogo, beneficios, asamblea, complementarios, revalorizacion) o agregue el encabezado.")
    informe.error(nombre, motivo, fila=1)
    return Reconocimiento(archivo, None, None, m, motivo)


_ANTICIPADAS: dict[Path, Future[Lectura]] = {}
_CERROJO_ANTICIPADAS = threading.Lock()


def anticipar(carpetas: Sequence[Path]) -> None:
    """Start reading `carpetas` now, in a thread of their own (folder after folder), and go on.

    A command calls it before importing its engine (pandas and the indicators: a quarter of a second or
    more, with the GIL): recognising and parsing need pyarrow alone, and pyarrow parses without the GIL,
    so the files are read meanwhile. The next `leer_carpeta` of each folder (with its own report and the
    default threads, as commands call it) takes the result: the same Lectura it would have built.
    """
    futuros: list[tuple[Path, Future[Lectura]]] = []
    with _CERROJO_ANTICIPADAS:
        for c in carpetas:
            clave = Path(c).resolve()
            if clave.is_dir() and clave not in _ANTICIPADAS:
                _ANTICIPADAS[clave] = futuro = Future()
                futuros.append((Path(c), futuro))  # read as given (the files' paths as a plain read has them)
    if not futuros:
        return

    def leer() -> None:
        for carpeta, futuro in futuros:
            if not futuro.set_running_or_notify_cancel():
                continue
            try:
                futuro.set_result(_leer_carpeta(carpeta, None, None))
            except BaseException as e:  # raised where the Lectura is asked for, as a plain read would
                futuro.set_exception(e)

    threading.Thread(target=leer, name="coopxl-anticipo", daemon=True).start()


def leer_carpeta(carpeta: Path, informe: Informe | None = None, hilos: int | None = None) -> Lectura:
    """Recognise and load every report of `carpeta` (or take the read `anticipar` started). A report given
    twice is an error (the first is kept).

    Each file is recognised (a sample) and loaded in one piece, the pieces side by side in `hilos` threads,
    the largest first (pyarrow parses and computes without the GIL; `coopxl.hilos`). Each file's problems
    are collected apart and merged in file order, and which of two files of one report is kept is decided
    in file order too, so the report does not depend on the threads.
    """
    with _CERROJO_ANTICIPADAS:
        futuro = _ANTICIPADAS.pop(Path(carpeta).resolve(), None) if Path(carpeta).is_dir() else None
    if futuro is not None and (informe is not None or hilos is not None):
        futuro.cancel()  # asked otherwise: read again, as asked (a read under way finishes unused)
    elif futuro is not None:
        return futuro.result()
    return _leer_carpeta(carpeta, informe, hilos)


def _leer_carpeta(carpeta: Path, informe: Informe | None, hilos: int | None) -> Lectura:
    lectura = Lectura(Path(carpeta), informe=informe if informe is not None else Informe())
    inf = lectura.informe
    if not lectura.carpeta.is_dir():
        inf.error(str(carpeta), "la carpeta no existe o no es una carpeta.")
        return lectura
    archivos = archivos_de(lectura.carpeta)
    # Each file recognised and loaded in one piece, side by side, the largest first: the recognition of the
    # small files overlaps the parsing of the big ones. What depends on the order of the files (which of
    # two files of one report is kept) is decided afterwards, in file order.
    hechos = en_paralelo(_reconocer_y_cargar, dict(enumerate(archivos)), peso=_tamano, hilos=hilos)
    elegidos: dict[str, str] = {}
    for i, archivo in enumerate(archivos):
        r, con_muestra, propio, propio_carga, carga = hechos[i]
        if r is not None and not r.omitido and (r.layout is None or not con_muestra):
            lectura.no_reconocidos.append(archivo)
        elif r is not None and r.layout is not None and r.layout.id in elegidos:
            propio.error(archivo.name, f"el {r.layout.titulo} ya se leyó de «{elegidos[r.layout.id]}»: deje un "
                         "solo archivo por reporte en la carpeta de un corte; este se ignora.")
            carga = None  # read for nothing: a second file of a report is rare, and an error
        elif r is not None and r.layout is not None:
            elegidos[r.layout.id] = archivo.name
            propio.unir(propio_carga)
        inf.unir(propio)
        if carga is not None and r is not None and r.layout is not None:
            lectura.cargas[r.layout.id] = carga
    return lectura


def _reconocer_y_cargar(archivo: Path) -> tuple[Reconocimiento | None, bool, Informe, Informe, Carga | None]:
    """(recognition, whether it gave a sample, its problems, the load's problems, the load) of one file."""
    propio, propio_carga = Informe(), Informe()
    r = _seguro(archivo, propio, lambda: reconocer(archivo, propio))
    if r is None or r.omitido or r.layout is None or r.muestra is None:
        return r, r is not None and r.muestra is not None, propio, propio_carga, None
    layout, m = r.layout, r.muestra
    carga = _seguro(archivo, propio_carga, lambda: cargar(m, layout, propio_carga, r.encabezado))
    r.muestra = None  # let the file's sample (and a workbook's parsed sheet) go
    return r, True, propio, propio_carga, carga


def _tamano(archivo: Path) -> int:
    try:
        return archivo.stat().st_size
    except OSError:
        return 0


def _seguro(archivo: Path, informe: Informe, funcion: Callable[[], T]) -> T | None:
    """Run `funcion`; an unexpected exception on a user's file becomes one error line, never a traceback."""
    try:
        return funcion()
    except (MemoryError, KeyboardInterrupt):
        raise
    except Exception as e:
        if os.environ.get("COOPXL_DEPURAR"):
            raise
        informe.error(archivo.name, f"error inesperado al leer el archivo ({type(e).__name__}: {e}); se omite. "
                      "Reporte el problema con una copia del archivo si puede.")
        return None
