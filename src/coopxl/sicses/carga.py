"""Load one file against one layout: find the header, map columns, convert, report every problem."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

import numpy as np

from coopxl.perezoso import ModuloPerezoso
from coopxl.sicses.layouts import ALIAS_TIPO_DOCUMENTO, Columna, Layout, normalizar_encabezado
from coopxl.sicses.lectura import (
    NOMBRE_CODIFICACION,
    NOMBRE_DELIMITADOR,
    ErrorArchivo,
    Muestra,
    TablaCruda,
    celda_texto,
    leer_texto,
    leer_xlsx,
)
from coopxl.sicses.problemas import MAX_POR_GRUPO, Informe, Problema, Severidad

# Recognising and parsing a file needs pyarrow alone; pandas and the conversions, only once cells are
# converted (a command starts reading while it still imports them: `descubrimiento.anticipar`).
pd = ModuloPerezoso("pandas")
cv = ModuloPerezoso("coopxl.sicses.conversion")

LINEA = "_linea"  # column holding the file line of each row


@dataclass(frozen=True)
class Encabezado:
    """Where the header is (0 = none) and which file column feeds each layout column."""

    linea: int
    asignacion: dict[str, int]  # layout column name -> file column index
    ancho: int  # number of fields read per row
    sin_asignar: tuple[str, ...] = ()  # file headers that match no column
    titulos: dict[str, str] = field(default_factory=dict)  # layout column name -> header text in the file
    repetidos: tuple[str, ...] = ()  # file headers given twice for a column that exists once
    ancho_encabezado: int = 0  # fields of the header line up to its last non-empty cell
    recortadas: tuple[str, ...] = ()  # headers beyond the fields the rows actually have


def _asignar(celdas: list[str], layout: Layout) -> tuple[dict[str, int], dict[str, str], list[str], list[str]]:
    """Map header cells to layout columns; a header repeated in the layout (cartera's "Fecha Apertura",
    "Amortizacion") goes to the next column claiming it. Returns (assignment, titles, unknown, repeated)."""
    asignacion: dict[str, int] = {}
    titulos: dict[str, str] = {}
    sobrantes: list[str] = []
    repetidos: list[str] = []
    por_clave = layout.por_clave
    for i, celda in enumerate(celdas):
        clave = normalizar_encabezado(celda)
        if not clave:
            continue
        libre = next((n for n in por_clave.get(clave, ()) if n not in asignacion), None)
        if libre is not None:
            asignacion[libre] = i
            titulos[libre] = str(celda).strip()
        else:
            (repetidos if clave in por_clave else sobrantes).append(str(celda).strip())
    return asignacion, titulos, sobrantes, repetidos


def asignar_columnas(celdas: list[str], layout: Layout) -> tuple[dict[str, int], list[str]]:
    """Map header cells to layout columns; returns (assignment, file headers that match no column)."""
    asignacion, _, sobrantes, _ = _asignar(celdas, layout)
    return asignacion, sobrantes


def puntaje(celdas: list[str], layout: Layout) -> int:
    return len(asignar_columnas(celdas, layout)[0])


def _ancho_datos(m: Muestra, desde: int, preferido: int = 0) -> int | None:
    """The usual number of fields of the sample rows after line `desde` (None when there are none);
    on a tie, `preferido` (the header's width) and then the widest."""
    anchos = [len(f) for f in m.lineas[desde:] if any(c.strip() for c in f)]
    if not anchos:
        return None
    return max(set(anchos), key=lambda a: (anchos.count(a), a == preferido, a))


def _ultimo_no_vacio(celdas: list[str]) -> int:
    return max((i + 1 for i, c in enumerate(celdas) if str(c).strip()), default=0)


def construir_encabezado(m: Muestra, linea: int, layout: Layout) -> Encabezado:
    """The header at sample line `linea` (1-based), with the width the data rows really have."""
    celdas = m.lineas[linea - 1]
    asignacion, titulos, sobrantes, repetidos = _asignar(celdas, layout)
    ancho_enc = _ultimo_no_vacio(celdas)
    datos = _ancho_datos(m, linea, len(celdas))
    ancho = max(len(celdas), datos or 0) if m.libro else (datos if datos is not None else len(celdas))
    recortadas: list[str] = []
    if ancho < ancho_enc:
        recortadas = [str(c).strip() for c in celdas[ancho:] if str(c).strip()]
        for k in [k for k, i in asignacion.items() if i >= ancho]:
            del asignacion[k]
            titulos.pop(k, None)
    return Encabezado(linea, asignacion, ancho, tuple(sobrantes), titulos, tuple(repetidos), ancho_enc,
                      tuple(recortadas))


def ubicar_encabezado(m: Muestra, layout: Layout) -> Encabezado | None:
    """The first sample line that matches enough of the layout's headers (SICSES downloads have 3
    lines before it). None when the file seems to have no header row."""
    minimo = min(layout.firma_minima, len(layout.columnas))
    for n, celdas in enumerate(m.lineas, start=1):
        if len(asignar_columnas(celdas, layout)[0]) >= minimo:
            return construir_encabezado(m, n, layout)
    return None


def encabezado_por_posicion(m: Muestra, layout: Layout) -> Encabezado:
    """A file without header: columns in the layout's official order."""
    ancho = _ancho_datos(m, 0) or 0
    return Encabezado(0, {c.nombre: i for i, c in enumerate(layout.columnas[:ancho])}, ancho,
                      ancho_encabezado=min(ancho, len(layout.columnas)))


@dataclass
class Carga:
    """The result of loading one file."""

    layout: Layout
    archivo: Path
    datos: pd.DataFrame
    encabezado: Encabezado
    codificacion: str | None = None
    delimitador: str | None = None
    hoja: str | None = None
    estilos: dict[str, str] = field(default_factory=dict)  # numeric column header -> style name
    estilo_archivo: str | None = None

    @property
    def filas(self) -> int:
        return len(self.datos)

    def titulo(self, columna: str) -> str:
        """The header of a layout column as the file writes it (the layout's own when read by position)."""
        return self.encabezado.titulos.get(columna) or self.layout.columna(columna).encabezado

    def descripcion_formato(self) -> str:
        if self.hoja is not None:
            partes = [f"Excel, hoja «{self.hoja}»"]
        else:
            partes = [f"texto {NOMBRE_CODIFICACION.get(self.codificacion or '', self.codificacion)}",
                      f"separador {NOMBRE_DELIMITADOR.get(self.delimitador or '', '?')}"]
        partes.append("sin encabezado (por posición)" if self.encabezado.linea == 0
                      else f"encabezado en la línea {self.encabezado.linea}")
        if self.estilo_archivo:
            partes.append(f"números {cv.NOMBRE_ESTILO[self.estilo_archivo]}")  # type: ignore[index]
        return ", ".join(partes)


def cargar(m: Muestra, layout: Layout, informe: Informe, encabezado: Encabezado | None = None) -> Carga | None:
    """Read and convert a whole file. Problems go to `informe`; None when the file is unusable."""
    nombre = m.archivo.name
    for aviso in m.avisos:
        informe.advertencia(nombre, aviso)
    enc = encabezado or ubicar_encabezado(m, layout) or encabezado_por_posicion(m, layout)
    if enc.recortadas:
        recortadas = ", ".join(f"«{r}»" for r in enc.recortadas)
        informe.advertencia(nombre, f"el encabezado tiene {enc.ancho_encabezado} columnas pero las filas traen "
                            f"{enc.ancho} campos: no se leen {recortadas}.", fila=enc.linea or None)
    faltan = [c for c in layout.requeridas if c.nombre not in enc.asignacion]
    if faltan:
        lista = ", ".join(f"«{c.encabezado}»" for c in faltan)
        donde = (f"el encabezado (línea {enc.linea})" if enc.linea
                 else f"el archivo (leído por posición, {enc.ancho} campos por fila)")
        informe.error(nombre, f"faltan columnas obligatorias del {layout.titulo} en {donde}: {lista}.",
                      fila=enc.linea or None, columna=", ".join(c.encabezado for c in faltan))
        return None
    for s in enc.sin_asignar:
        informe.advertencia(nombre, f"la columna «{s}» no pertenece al {layout.titulo}; se ignora.",
                            fila=enc.linea, columna=s)
    for s in enc.repetidos:
        informe.advertencia(nombre, f"la columna «{s}» está repetida; se usa la primera.", fila=enc.linea,
                            columna=s)
    try:
        if m.libro:
            cruda = leer_xlsx(m.archivo, enc.linea + 1, enc.ancho, m)
        else:
            numericas, decimal = _numericas(m, layout, enc)
            codigos = frozenset(i for nombre, i in enc.asignacion.items()
                                if layout.columna(nombre).tipo in ("fecha", "codigo", "tipo_documento", "cuenta"))
            cruda = leer_texto(m.archivo, enc.linea + 1, enc.ancho, m.codificacion or "utf-8",
                               m.delimitador or ";", numericas, decimal, codigos)
    except ErrorArchivo as e:
        informe.error(e.archivo, e.mensaje)
        return None
    for linea, campos, texto in cruda.filas_malas:
        if campos < enc.ancho:
            mensaje = f"fila incompleta: tiene {campos} campos y se esperaban {enc.ancho}; se omite."
        else:
            mensaje = (f"la fila tiene {campos} campos y se esperaban {enc.ancho} (separadores de más, o un "
                       "separador dentro de un valor sin comillas); se omite.")
        informe.error(nombre, mensaje, fila=linea, valor=_recorte(texto))
    if cruda.mezcla is not None:
        linea, texto = cruda.mezcla
        informe.advertencia(nombre, "el archivo mezcla las codificaciones UTF-8 y Windows-1252: cada parte se "
                            "leyó con la suya; revise los nombres con tildes y guárdelo de nuevo con una sola "
                            "codificación.", fila=linea, valor=_recorte(texto))
    if cruda.mojibake is not None:
        linea, texto = cruda.mojibake
        informe.advertencia(nombre, "hay texto con caracteres dañados (por ejemplo «Ã±» en lugar de «ñ»): el "
                            "archivo se convirtió de codificación dos veces antes de llegar aquí.", fila=linea,
                            valor=_recorte(texto))
    datos, estilos, estilo_archivo = convertir(cruda, layout, enc, informe)
    if datos.empty:
        que = "el encabezado" if enc.linea else "líneas vacías"
        informe.advertencia(nombre, f"el archivo no tiene filas de datos (solo {que}).", fila=enc.linea or None)
    return Carga(layout, m.archivo, datos, enc, cruda.codificacion, cruda.delimitador, cruda.hoja, estilos,
                 estilo_archivo)


def _numericas(m: Muestra, layout: Layout, enc: Encabezado) -> tuple[frozenset[int], str]:
    """The file columns pyarrow may read as numbers itself, with a decimal comma.

    Only the comma: when that read succeeds no number cell has a point, so the text path would read
    every cell the same way (an ambiguous "1,234" is 1,234 there too, as no column shows a point
    decimal). With a point, "1.234" would silently differ (1234 in a file without point decimals).
    A sample that shows points skips the attempt; a failed attempt costs a second read, never a value.
    """
    columnas = frozenset(i for nombre, i in enc.asignacion.items()
                         if layout.columna(nombre).tipo in ("decimal", "entero"))
    if any("." in f[i] for f in m.lineas[enc.linea:] for i in columnas if i < len(f)):
        return frozenset(), ","
    return columnas, ","


def _recorte(texto: str, n: int = 80) -> str:
    return texto if len(texto) <= n else texto[: n - 3] + "..."


def _valor(s: cv.Celdas, i: int) -> str:
    v = cv.celda(s, i)
    if isinstance(v, pd.Timestamp):
        return "" if pd.isna(v) else v.strftime("%d/%m/%Y")
    return celda_texto(v).replace("\x00", "")


def convertir(cruda: TablaCruda, layout: Layout, enc: Encabezado, informe: Informe
              ) -> tuple[pd.DataFrame, dict[str, str], str | None]:
    """Turn raw cells into the layout's typed columns; every bad cell becomes a problem with its line."""
    nombre = cruda.archivo.name
    lineas = cruda.lineas
    cols = {c.nombre: cv.limpiar(cruda.columnas[enc.asignacion[c.nombre]]) for c in layout.columnas
            if c.nombre in enc.asignacion and enc.asignacion[c.nombre] < len(cruda.columnas)}
    vacio = {k: cv.vacios(s) for k, s in cols.items()}
    # Drop rows where every mapped cell is empty (trailing separators, blank spreadsheet rows).
    if cols and len(lineas):
        fila_vacia = np.logical_and.reduce(list(vacio.values()))
        if fila_vacia.any():
            quedan = ~fila_vacia
            cols = {k: cv.filtrar(s, quedan) for k, s in cols.items()}
            vacio = {k: v[quedan] for k, v in vacio.items()}
            lineas = lineas[quedan]
    _datos_sin_encabezado(cruda, enc, informe)

    def titulo(c: Columna) -> str:
        return enc.titulos.get(c.nombre) or c.encabezado

    def reportar(c: Columna, malos: np.ndarray, valores: cv.Celdas, esperado: str,
                 severidad: Severidad = "error") -> None:
        indices = np.flatnonzero(malos)
        if not len(indices):
            return
        for i in indices[:MAX_POR_GRUPO]:
            informe.agregar(Problema(severidad, nombre, esperado, int(lineas[i]), titulo(c), _valor(valores, i)))
        if len(indices) > MAX_POR_GRUPO:
            informe.contar_omitidos(Problema(severidad, nombre, esperado, None, titulo(c)),
                                    len(indices) - MAX_POR_GRUPO)

    salida: dict[str, pd.Series | np.ndarray] = {}
    n = len(lineas)
    numericas = [c for c in layout.columnas if c.tipo in ("decimal", "entero") and c.nombre in cols]
    analisis = {c.nombre: cv.analizar_numeros(cols[c.nombre]) for c in numericas}
    estilo_leido: cv.EstiloNumerico = "colombiano" if cruda.decimal == "," else "punto"
    for c in numericas:
        if enc.asignacion[c.nombre] in cruda.tipadas:
            analisis[c.nombre].estilo_nativo = estilo_leido
    evidencias = {k: a.evidencia() for k, a in analisis.items()}
    estilo_archivo = cv.estilo_de_archivo([e for k, e in evidencias.items() if not layout.columna(k).tasa])
    if estilo_archivo == "indistinto" and any(a.ambiguo_punto.any() or a.ambiguo_coma.any()
                                              for k, a in analisis.items() if not layout.columna(k).tasa):
        estilo_archivo = "colombiano"  # only "1.234"-like values: read as Colombian thousands, and say so
    estilo_de = {k: (e if e != "indistinto" else estilo_archivo) for k, e in evidencias.items()}

    for c in layout.columnas:
        if c.nombre not in cols:
            salida[c.nombre] = _vacia(c, n)
            if c.tipo == "documento":
                salida[c.nombre + "_original"] = _vacia(c, n)
            continue
        s = cols[c.nombre]
        vacias = vacio[c.nombre]
        if c.tipo in ("decimal", "entero"):
            a = analisis[c.nombre]
            valores = cv.a_numero(a, estilo_de[c.nombre], tasa=c.tasa)
            reportar(c, a.malos, s, "se esperaba un número (por ejemplo 1234567,89 o 1.234.567,89).")
            mezcla = a.mezcla()
            if mezcla is not None:
                minoria, i = mezcla
                informe.advertencia(
                    nombre, f"la columna mezcla números en estilo colombiano (1.234,5) y con punto decimal "
                    "(1234.5); cada valor se leyó según su forma, revise los de estilo "
                    f"{cv.NOMBRE_ESTILO[minoria]}.",
                    fila=int(lineas[i]), columna=titulo(c), valor=_valor(s, i))
            if c.tipo == "entero":
                frac = ~np.isnan(valores) & (valores != np.round(valores))
                reportar(c, frac, s, "se esperaba un número entero.")
            salida[c.nombre] = valores
        elif c.tipo == "fecha":
            fechas, malos, vacias = cv.a_fecha(s)
            reportar(c, malos, s, "se esperaba una fecha dd/mm/aaaa, aaaa-mm-dd o un número de serie de Excel.")
            salida[c.nombre] = fechas
        elif c.tipo == "documento":
            doc, malos, vacias, original = cv.a_documento(s)
            reportar(c, malos, s, "se esperaba un número de documento (dígitos, sin letras ni símbolos; el "
                     "dígito de verificación de un NIT va después de un guion).")
            salida[c.nombre] = doc
            salida[c.nombre + "_original"] = cv.serie(original)
        elif c.tipo == "tipo_documento":
            t, fuera = cv.a_codigo_permitido(s, c.codigos or (), lambda v: ALIAS_TIPO_DOCUMENTO.get(v, v))
            malos = ~vacias & fuera
            reportar(c, malos, s, "tipo de documento desconocido; se esperaba C, E, N, I, R o P "
                     "(o los códigos DIAN 13, 22, 31, 12, 11, 41).")
            salida[c.nombre] = t
        elif c.tipo == "codigo":
            transformar = (lambda v: cv.sin_acentos(v.lower())) if layout.id == "beneficios" else None
            if c.codigos:
                t, fuera = cv.a_codigo_permitido(s, c.codigos, transformar)
                malos = ~vacias & fuera
                reportar(c, malos, s, f"código desconocido; se esperaba uno de: {', '.join(c.codigos)}"
                         + (f" ({c.descripcion})." if c.descripcion else "."))
            else:
                t = cv.a_codigo(s, transformar)
            salida[c.nombre] = t
        elif c.tipo == "cuenta":
            cod, malos, corto = cv.a_cuenta(s)
            reportar(c, malos, s, "código CUIF inválido: se esperaban solo dígitos, máximo 6.")
            if corto.any():
                i = int(corto.argmax())
                informe.advertencia(nombre, f"{int(corto.sum())} código(s) con menos de 6 dígitos se completaron "
                                    f"con ceros a la derecha (por ejemplo «{_valor(s, i)}» se lee como "
                                    f"«{cod.iloc[i]}»).", fila=int(lineas[i]), columna=titulo(c),
                                    valor=_valor(s, i))
            salida[c.nombre] = cod
        elif c.tipo == "mixto":
            salida[c.nombre] = cv.serie(s)
        else:
            salida[c.nombre] = cv.serie(cv.texto(s))
        if c.requerida:
            reportar(c, vacias, s, "dato obligatorio vacío.")
    # Arrays, not Series: all share the rows' order, and pandas would align their indexes one by one.
    datos = pd.DataFrame({k: v.array if isinstance(v, pd.Series) else v for k, v in salida.items()}
                         | {LINEA: np.asarray(lineas, dtype=np.int64)}, copy=False)
    estilos = {titulo(layout.columna(k)): cv.NOMBRE_ESTILO[e] for k, e in estilo_de.items()}
    return datos, estilos, (estilo_archivo if numericas else None)


def _datos_sin_encabezado(cruda: TablaCruda, enc: Encabezado, informe: Informe) -> None:
    """Values in file columns that have no header (beyond the header's last name): said once."""
    desde = enc.ancho_encabezado if enc.linea else len(enc.asignacion)
    usadas = set(enc.asignacion.values())
    for i in range(desde, len(cruda.columnas)):
        if i in usadas:
            continue
        s = cv.limpiar(cruda.columnas[i])
        llenas = ~cv.vacios(s)
        if len(llenas) == len(cruda.lineas) and llenas.any():
            j = int(llenas.argmax())
            informe.advertencia(cruda.archivo.name, f"hay datos en la columna {i + 1}, que no tiene encabezado; "
                                "se ignoran.", fila=int(cruda.lineas[j]), valor=_valor(s, j))
            return


def _vacia(c: Columna, n: int) -> pd.Series | np.ndarray:
    if c.tipo in ("decimal", "entero"):
        return np.full(n, np.nan)
    if c.tipo == "fecha":
        return pd.Series(np.full(n, np.datetime64("NaT", "us")), dtype=cv.UNIDAD_FECHA)
    return pd.Series([""] * n, dtype="str")
