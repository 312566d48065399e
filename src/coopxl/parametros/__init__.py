"""Shipped, editable parameters: SMMLV and IPC by year, reference rates, general values, CUIF mapping.

Each default is a small CSV beside this file. A file with the same name in the user's input folder
replaces the rows with the same key (a year, a product, a concept), so a user adds a year or
corrects a rate without a new release.
"""

from __future__ import annotations

import csv
from dataclasses import dataclass, field
from pathlib import Path

from coopxl.sicses.problemas import Informe

CARPETA = Path(__file__).parent
ARCHIVOS = ("smmlv_ipc.csv", "tasas_referencia.csv", "generales.csv", "modalidades_cartera.csv",
            "cuentas_cuif.csv")


@dataclass(frozen=True)
class Tasa:
    producto: str
    anio: int | None
    tasa: float
    fuente: str


@dataclass(frozen=True)
class Parametros:
    smmlv: dict[int, float]
    ipc: dict[int, float]
    tasas: tuple[Tasa, ...]
    dias_mora_habil: int
    unidad_cuif: float
    modalidades: dict[str, str]  # 4-digit CUIF prefix -> modality
    cuentas: dict[str, str]  # concept -> expression like "311010+320500" or "500000-530000"
    fuentes: dict[str, str] = field(default_factory=dict)  # file -> where it came from

    def tasa(self, producto: str, anio: int) -> Tasa | None:
        """The reference rate of a product for a year; the user's yearless rate wins; else the latest year."""
        candidatas = [t for t in self.tasas if t.producto == producto]
        sin_anio = [t for t in candidatas if t.anio is None]
        if sin_anio:
            return sin_anio[-1]
        exactas = [t for t in candidatas if t.anio == anio]
        if exactas:
            return exactas[-1]
        anteriores = sorted((t for t in candidatas if t.anio is not None and t.anio < anio), key=lambda t: t.anio)
        return anteriores[-1] if anteriores else None

    def modalidad(self, codigo: str) -> str:
        return self.modalidades.get(codigo[:4], "otra")


COLUMNAS = {
    "smmlv_ipc.csv": ("anio", "smmlv", "ipc"),
    "tasas_referencia.csv": ("producto", "tasa_efectiva_anual"),  # anio optional: a yearless rate wins
    "generales.csv": ("clave", "valor"),
    "modalidades_cartera.csv": ("prefijo", "modalidad"),
    "cuentas_cuif.csv": ("concepto", "cuentas"),
}


@dataclass(frozen=True)
class _Fila:
    archivo: str
    linea: int
    datos: dict[str, str]

    def get(self, clave: str, defecto: str = "") -> str:
        return self.datos.get(clave, defecto)


def _filas(texto: str, archivo: str) -> list[_Fila]:
    from coopxl.sicses.lectura import detectar_delimitador, partir_lineas

    lineas = partir_lineas(texto)
    delim = detectar_delimitador(lineas[:12])
    lector = csv.reader(lineas, delimiter=delim)
    encabezado: list[str] | None = None
    filas: list[_Fila] = []
    for n, celdas in enumerate(lector, start=1):
        if not any(c.strip() for c in celdas):
            continue
        if encabezado is None:
            encabezado = [c.strip().lstrip("\ufeff").lower() for c in celdas]
            continue
        filas.append(_Fila(archivo, n, {k: (celdas[i].strip() if i < len(celdas) else "")
                                        for i, k in enumerate(encabezado) if k}))
    return filas


def _leer(nombre: str, carpeta_usuario: Path | None, informe: Informe) -> tuple[list[_Fila], str]:
    filas = _filas((CARPETA / nombre).read_text(encoding="utf-8"), nombre)
    origen = "valores incluidos en coopxl"
    propio = _buscar(carpeta_usuario, nombre) if carpeta_usuario else None
    if propio is not None:
        datos = propio.read_bytes()
        try:
            texto = datos.decode("utf-8-sig")
        except UnicodeDecodeError:
            texto = datos.decode("cp1252", errors="replace")
        filas_usuario = _filas(texto, propio.name)
        faltan = [c for c in COLUMNAS.get(nombre, ()) if filas_usuario and c not in filas_usuario[0].datos]
        if not filas_usuario:
            informe.advertencia(propio.name, "el archivo de parámetros está vacío; se usan los valores incluidos.")
        elif faltan:
            informe.error(propio.name, f"al archivo de parámetros le faltan las columnas "
                          f"{', '.join(faltan)}; se usan los valores incluidos.", fila=1)
        else:
            filas = filas + filas_usuario  # later rows win on the same key
            origen = f"valores incluidos + {propio.name}"
    return filas, origen


def _leer_aparte(nombre: str, carpeta_usuario: Path | None) -> tuple[list[_Fila], str, Informe]:
    propio = Informe()
    filas, origen = _leer(nombre, carpeta_usuario, propio)
    return filas, origen, propio


def _buscar(carpeta: Path, nombre: str) -> Path | None:
    for candidato in (carpeta / nombre, carpeta / "parametros" / nombre):
        if candidato.is_file():
            return candidato
    return None


def cargar_parametros(carpeta_usuario: Path | None, informe: Informe) -> Parametros:
    """Defaults merged with the user's files; a bad value is reported (file, row, column) and skipped."""
    from coopxl.sicses.conversion import a_numeros_texto

    fuentes: dict[str, str] = {}
    # Every file read first, each with its own problems, and every cell of all of them read as a number in
    # one pass (the number reader costs milliseconds per call, whatever the few cells); `num` picks what it
    # needs. A file's problems join the report when the file is used, in the order they always did.
    leidos = {nombre: _leer_aparte(nombre, carpeta_usuario) for nombre in ARCHIVOS}
    numeros = a_numeros_texto(v for filas, _, _ in leidos.values() for f in filas for v in f.datos.values())

    def leer(nombre: str) -> list[_Fila]:
        filas, origen, propio = leidos[nombre]
        informe.unir(propio)
        fuentes[nombre] = origen
        return filas

    def num(f: _Fila, col: str) -> float | None:
        """A parameter typed by a user: '1.423.500', '1423500', '5,10' or '5.10'; None when empty."""
        texto = f.get(col)
        r = numeros.get(texto)  # every cell read is there; a missing column reads '' (empty: None)
        if isinstance(r, ValueError):
            informe.error(f.archivo, "se esperaba un número.", fila=f.linea, columna=col, valor=texto)
            return None
        return r

    smmlv: dict[int, float] = {}
    ipc: dict[int, float] = {}
    for f in leer("smmlv_ipc.csv"):
        anio = num(f, "anio")
        if anio is None:
            continue
        if (v := num(f, "smmlv")) is not None:
            smmlv[int(anio)] = v
        if (v := num(f, "ipc")) is not None:
            ipc[int(anio)] = v
    tasas: list[Tasa] = []
    for f in leer("tasas_referencia.csv"):
        t = num(f, "tasa_efectiva_anual")
        if t is None or not f.get("producto"):
            continue
        anio = num(f, "anio") if f.get("anio") else None
        tasas.append(Tasa(f.get("producto").lower(), int(anio) if anio else None, t, f.get("fuente")))
    generales = {f.get("clave"): f for f in leer("generales.csv")}
    dias: float | None = 30
    if "dias_mora_habil" in generales:
        f = generales["dias_mora_habil"]
        dias = num(f, "valor")
        if dias is not None and (dias < 0 or dias != int(dias)):
            informe.error(f.archivo, "los días de mora deben ser un número entero mayor o igual a 0; se usa 30.",
                          fila=f.linea, columna="valor", valor=f.get("valor"))
            dias = None
    unidad: float | None = 1
    if "unidad_cuif" in generales:
        f = generales["unidad_cuif"]
        unidad = num(f, "valor")
        if unidad is not None and unidad <= 0:
            informe.error(f.archivo, "la unidad del catálogo debe ser 1 (pesos) o 1000 (miles de pesos); se usa 1.",
                          fila=f.linea, columna="valor", valor=f.get("valor"))
            unidad = None
        elif unidad is not None and unidad not in (1, 1000):
            informe.advertencia(f.archivo, "unidad del catálogo poco usual: lo normal es 1 (pesos) o 1000 (miles "
                                "de pesos).", fila=f.linea, columna="valor", valor=f.get("valor"))
    modalidades = {f.get("prefijo"): f.get("modalidad").lower() for f in leer("modalidades_cartera.csv")
                   if f.get("prefijo")}
    cuentas = {f.get("concepto"): f.get("cuentas").replace(" ", "") for f in leer("cuentas_cuif.csv")
               if f.get("concepto")}
    return Parametros(smmlv, ipc, tuple(tasas), int(dias if dias is not None else 30),
                      float(unidad if unidad else 1), modalidades, cuentas, fuentes)
