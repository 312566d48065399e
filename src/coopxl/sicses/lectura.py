"""Raw reading of one file into columns of cells: content sniffing, encoding, delimiter, preamble, xlsx.

Nothing here knows about reports: it turns bytes into columns of cells and remembers, for each data
row, the line number the user sees in the file (so that every message can point at it).

Text files are classified by their non-ASCII bytes (vectorised) and parsed by pyarrow in blocks of 1 MB,
whose chunks are combined once, so that every column comes out contiguous. A Windows-1252 file is parsed
as it is and only its text columns with non-ASCII bytes are turned into UTF-8 afterwards (no UTF-8 copy of
the whole file); a file that mixes UTF-8 and Windows-1252 bytes is decoded piece by piece first, each with
its own encoding. Big files are mapped into memory rather than read. Line numbers are exact: consecutive
in the common case, counted only when blank lines or malformed rows exist.
"""

from __future__ import annotations

import codecs
import contextlib
import csv
import datetime as dt
import io
import mmap
import os
import re
import zipfile
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Literal

import numpy as np
import pyarrow as pa
import pyarrow.compute as pc
import pyarrow.csv as pacsv

EXTENSIONES_TEXTO = (".csv", ".txt", ".tsv", ".prn")
EXTENSIONES_XLSX = (".xlsx", ".xlsm", ".xlsb", ".xls", ".ods")
DELIMITADORES = (";", ",", "|", "\t")
NOMBRE_DELIMITADOR = {";": "punto y coma", ",": "coma", "|": "barra vertical", "\t": "tabulador"}
NOMBRE_CODIFICACION = {
    "utf-8": "UTF-8", "utf-8-sig": "UTF-8 con BOM", "cp1252": "Windows-1252 (ANSI)", "utf-16": "UTF-16",
    "mixta": "mezcla de UTF-8 y Windows-1252", "ascii": "ASCII",
}
LINEAS_MUESTRA = 12
BLOQUE = 1 << 20  # the block pyarrow parses at once (its parse buffers are reused from block to block)
# pyarrow parses a file's blocks in one thread: the files are already read side by side (coopxl.hilos), and
# its own pool on top only added contention (paired runs: 500k -0.28 s in 7 of 8, 100k -0.04 s in 13 of 14).
# A folder whose one file dwarfs the others loses the parallelism inside that file.
HILOS_PYARROW = False
DICCIONARIO = pa.dictionary(pa.int32(), pa.large_string())
csv.field_size_limit(1 << 30)  # a long memo field is data, not an error (the default limit is 128 KB)
BYTES_MUESTRA = 1 << 18
BOM_UTF8 = b"\xef\xbb\xbf"

Contenido = Literal["texto", "utf16", "zip", "ole", "pdf", "binario", "vacio"]


class ErrorArchivo(Exception):
    """A file that cannot be read at all; the message is Spanish and names the file."""

    def __init__(self, archivo: str, mensaje: str) -> None:
        super().__init__(f"{archivo}: {mensaje}")
        self.archivo = archivo
        self.mensaje = mensaje


@dataclass
class Muestra:
    """The first lines of a file, split into cells: enough to find the header and guess the report."""

    archivo: Path
    lineas: list[list[str]]
    codificacion: str | None = None
    delimitador: str | None = None
    hoja: str | None = None
    libro: bool = False  # read as a workbook (by its extension or by its content)
    avisos: list[str] = field(default_factory=list)  # said once about the file (e.g. wrong extension)
    _hoja: Any = field(default=None, repr=False, compare=False)  # the parsed calamine sheet, reused


@dataclass
class TablaCruda:
    """The data rows, one column of cells per file column (text files: pyarrow strings; workbooks: a
    pandas Series of native values), and each row's line."""

    archivo: Path
    columnas: list[Any]
    lineas: np.ndarray  # file line number (1-based) of each data row
    codificacion: str | None
    delimitador: str | None
    hoja: str | None
    filas_malas: list[tuple[int, int, str]] = field(default_factory=list)  # (line, fields, text)
    mezcla: tuple[int, str] | None = None  # first line where the encodings mix, and its text
    mojibake: tuple[int, str] | None = None  # first line with UTF-8 text decoded twice ("Ã±")
    tipadas: frozenset[int] = frozenset()  # file columns pyarrow already read as numbers (float64)
    decimal: str = ","  # the decimal separator of those

    @property
    def filas(self) -> int:
        return len(self.lineas)


# --- content and encodings -----------------------------------------------------------------------

_CONTROL = bytes((*range(0, 9), *range(14, 32)))  # control bytes no text file has (tab, CR, LF, FF... aside)


def contenido(cabeza: bytes) -> Contenido:
    """What the first bytes of a file say it is, whatever its extension."""
    if not cabeza.strip(b" \t\r\n\x00" + BOM_UTF8):
        return "vacio"
    if cabeza.startswith((b"\xff\xfe", b"\xfe\xff")) or _parece_utf16(cabeza):
        return "utf16"
    if cabeza.startswith(b"PK\x03\x04"):
        return "zip"
    if cabeza.startswith(b"\xd0\xcf\x11\xe0"):
        return "ole"
    if cabeza.startswith(b"%PDF"):
        return "pdf"
    muestra = cabeza[:65536]
    control = len(muestra) - len(muestra.translate(None, _CONTROL))  # one pass, not one count per byte
    if b"\x00" in muestra or control / len(muestra) > 0.01:
        return "binario"
    return "texto"


def _parece_utf16(cabeza: bytes) -> bool:
    """UTF-16 without a BOM: about half the bytes are NUL, all on the same side of each pair."""
    m = cabeza[:4096]
    if len(m) < 8:
        return False
    pares, impares = m[0::2], m[1::2]
    return (impares.count(0) > 0.4 * len(impares) and pares.count(0) == 0) or (
        pares.count(0) > 0.4 * len(pares) and impares.count(0) == 0)


def _error_cp1252(exc: UnicodeError) -> tuple[str, int]:
    """Decode the bytes that are not UTF-8 as Windows-1252 (its 5 undefined bytes as Latin-1)."""
    if not isinstance(exc, UnicodeDecodeError):
        raise exc
    trozo = exc.object[exc.start:exc.end]
    return "".join(_cp1252(b) for b in trozo), exc.end


def _error_latin1(exc: UnicodeError) -> tuple[str, int]:
    if not isinstance(exc, UnicodeDecodeError):
        raise exc
    return exc.object[exc.start:exc.end].decode("latin-1"), exc.end


def _cp1252(b: int) -> str:
    try:
        return bytes([b]).decode("cp1252")
    except UnicodeDecodeError:
        return chr(b)


codecs.register_error("coopxl-cp1252", _error_cp1252)
codecs.register_error("coopxl-latin1", _error_latin1)


@dataclass(frozen=True)
class Bytes:
    """What the non-ASCII bytes of a text say: its encoding, where the first byte that is not UTF-8 is,
    and where UTF-8 text decoded twice ("Ã±") is."""

    etiqueta: str  # ascii, utf-8, cp1252 or mixta
    no_utf8: int | None = None  # offset of the first byte that is not part of a UTF-8 character
    mojibake: int | None = None  # offset of the first "Ã±"-like sequence
    altos: int = 0  # how many bytes are not ASCII


_TROZO = 1 << 22


def _posiciones_altas(arr: np.ndarray) -> np.ndarray:
    """Offsets of the bytes >= 0x80, in chunks (no temporary as big as the file)."""
    tmp = np.empty(min(_TROZO, len(arr)), dtype=bool)
    partes = []
    for i in range(0, len(arr), _TROZO):
        seg = arr[i: i + _TROZO]
        idx = np.flatnonzero(np.greater_equal(seg, 0x80, out=tmp[: len(seg)]))
        if len(idx):
            partes.append(idx + i)
    return np.concatenate(partes) if partes else np.zeros(0, dtype=np.int64)


def analizar_bytes(datos: bytes | mmap.mmap) -> Bytes:
    """Classify the non-ASCII bytes, vectorised: a byte that is part of a well-formed UTF-8 character
    (lead byte + continuation bytes) is UTF-8; any other is Windows-1252. Both kinds: mixed."""
    arr = np.frombuffer(datos, dtype=np.uint8)
    ascii_ = datos.isascii() if isinstance(datos, bytes) else not len(arr) or int(arr.max()) < 0x80
    if ascii_:
        return Bytes("ascii")
    altos = _posiciones_altas(arr)
    n = len(arr)
    # Only high bytes next to another high byte can be part of a UTF-8 character (a lead byte and its
    # continuation bytes are all >= 0x80, one after the other): the rest, nearly all of a Windows-1252
    # file, are loose at once, and the character checks look at the runs alone.
    junto = np.diff(altos) == 1
    en_racha = np.concatenate((junto, [False])) | np.concatenate(([False], junto))
    racha = altos[en_racha]

    def byte(k: int) -> np.ndarray:
        pos = racha + k
        return np.where(pos < n, arr[np.minimum(pos, n - 1)], 0)

    def cont(k: int) -> np.ndarray:
        return (byte(k) & 0xC0) == 0x80

    b = arr[racha]
    c1, c2, c3 = cont(1), cont(2), cont(3)
    lider2 = (b >= 0xC2) & (b <= 0xDF) & c1
    lider3 = (b >= 0xE0) & (b <= 0xEF) & c1 & c2
    lider4 = (b >= 0xF0) & (b <= 0xF4) & c1 & c2 & c3
    cubiertos = np.concatenate([racha[lider] + k for lider, largo in ((lider2, 2), (lider3, 3), (lider4, 4))
                                for k in range(largo)])
    sueltos_racha = racha[~np.isin(racha, cubiertos)] if len(cubiertos) else racha
    b1, b2 = byte(1), byte(2)
    moji = racha[lider2 & (b == 0xC3) & ((b1 == 0x83) | (b1 == 0x82)) & (b2 >= 0xC2) & (b2 <= 0xE2)]
    mojibake = int(moji[0]) if len(moji) else None
    hay_utf8 = bool(lider2.any() or lider3.any() or lider4.any())
    primeros = [int(x[0]) for x in (altos[~en_racha], sueltos_racha) if len(x)]
    if not primeros:
        return Bytes("utf-8", None, mojibake, len(altos))
    return Bytes("mixta" if hay_utf8 else "cp1252", min(primeros), mojibake, len(altos))


def etiqueta_codificacion(datos: bytes) -> str:
    """Which encoding a piece of bytes (not UTF-16) is in: ascii, utf-8, cp1252 or mixta."""
    return analizar_bytes(datos).etiqueta


def decodificar(datos: bytes, contenido_: Contenido) -> tuple[str, str]:
    """Bytes to text with the encoding they are in; returns (text, encoding label)."""
    if contenido_ == "utf16":
        cod = "utf-16" if datos.startswith((b"\xff\xfe", b"\xfe\xff")) else (
            "utf-16-le" if datos[1:2] == b"\x00" else "utf-16-be")
        return datos.decode(cod, errors="replace").lstrip("\ufeff"), "utf-16"
    bom = datos.startswith(BOM_UTF8)
    if bom:
        datos = datos[3:]
    etiqueta = etiqueta_codificacion(datos)
    if etiqueta in ("ascii", "utf-8"):
        return datos.decode("utf-8", errors="coopxl-cp1252"), "utf-8-sig" if bom else "utf-8"
    if etiqueta == "cp1252":
        return datos.decode("cp1252", errors="coopxl-latin1"), etiqueta
    return datos.decode("utf-8", errors="coopxl-cp1252"), etiqueta


def _decodificar_cabeza(cabeza: bytes, contenido_: Contenido) -> tuple[str, str]:
    """As `decodificar`, for the first bytes of a file: a character cut at the end is not an error."""
    if contenido_ == "utf16":
        return decodificar(cabeza[: len(cabeza) - len(cabeza) % 2], contenido_)
    corte = len(cabeza)
    # Step back over a multi-byte UTF-8 character cut by the read limit.
    for i in range(1, 4):
        if len(cabeza) >= i and 0xC0 <= cabeza[-i] <= 0xF4:
            corte = len(cabeza) - i
            break
        if len(cabeza) >= i and not 0x80 <= cabeza[-i] <= 0xBF:
            break
    return decodificar(cabeza[:corte], contenido_)


_RE_FIN_LINEA = re.compile(r"\r\n|\r|\n")


def partir_lineas(texto: str) -> list[str]:
    """Lines as pyarrow counts them (\\r\\n, \\r or \\n), not as str.splitlines (which also breaks on \\x85)."""
    return _RE_FIN_LINEA.split(texto)


def detectar_delimitador(lineas: list[str]) -> str:
    """The candidate that splits the most sample lines into the same number (> 1) of fields.

    Lines without the candidate (a preamble) do not vote; ties go to the larger field count.
    """
    mejor, puntaje_mejor = ";", (0, 0)
    for d in DELIMITADORES:
        conteos = [ln.count(d) for ln in lineas if ln.strip() and d in ln]
        if not conteos:
            continue
        moda = max(sorted(set(conteos)), key=conteos.count)
        puntaje = (conteos.count(moda), moda)
        if puntaje > puntaje_mejor:
            mejor, puntaje_mejor = d, puntaje
    return mejor


def _es_xlsx_comprimido(ruta: Path) -> bool:
    try:
        with zipfile.ZipFile(ruta) as z:
            nombres = set(z.namelist())
    except (zipfile.BadZipFile, OSError):
        return False
    return "xl/workbook.xml" in nombres or "xl/workbook.bin" in nombres or "content.xml" in nombres


def es_xlsx(ruta: Path) -> bool:
    """By extension only (see `muestra` for files whose content says otherwise)."""
    return ruta.suffix.lower() in EXTENSIONES_XLSX


def muestra(ruta: Path) -> Muestra:
    """Read just the first lines of a file (text or workbook), deciding what it really is."""
    nombre = ruta.name
    try:
        with open(ruta, "rb") as f:
            cabeza = f.read(BYTES_MUESTRA)
    except OSError as e:
        raise ErrorArchivo(nombre, f"no se pudo abrir el archivo ({e.strerror or e}).") from None
    tipo = contenido(cabeza)
    if tipo == "vacio":
        raise ErrorArchivo(nombre, "el archivo está vacío.")
    if es_xlsx(ruta):
        if tipo in ("zip", "ole"):
            coincide = (tipo == "ole") == (ruta.suffix.lower() == ".xls")
            return _muestra_libro(ruta, por_contenido=not coincide)
        if tipo in ("texto", "utf16"):
            m = _muestra_texto(ruta, cabeza, tipo)
            m.avisos.append(f"tiene extensión {ruta.suffix} pero es un archivo de texto; se lee como texto.")
            return m
        raise ErrorArchivo(nombre, f"no es un libro de Excel válido: su contenido no corresponde a un archivo "
                           f"{ruta.suffix} (¿se cambió la extensión?). Ábralo en Excel y guárdelo de nuevo como "
                           ".xlsx.")
    if tipo == "zip":
        if _es_xlsx_comprimido(ruta):
            m = _muestra_libro(ruta, por_contenido=True)
            m.avisos.append(f"es un libro de Excel guardado con extensión {ruta.suffix}; se lee como Excel "
                            "(cámbiele la extensión a .xlsx).")
            return m
        raise ErrorArchivo(nombre, "es un archivo comprimido (zip), no un reporte: descomprímalo y deje en la "
                           "carpeta los archivos que contiene.")
    if tipo == "ole":
        m = _muestra_libro(ruta, por_contenido=True)
        m.avisos.append(f"es un libro de Excel 97-2003 (.xls) guardado con extensión {ruta.suffix}; se lee "
                        "como Excel.")
        return m
    if tipo == "pdf":
        raise ErrorArchivo(nombre, "es un documento PDF, no un reporte de datos: exporte el reporte desde el "
                           "sistema como texto delimitado (.csv, .txt) o como libro de Excel (.xlsx).")
    if tipo == "binario":
        raise ErrorArchivo(
            nombre,
            "no es un archivo de texto (contiene bytes binarios). Si es un libro de Excel, guárdelo con "
            "extensión .xlsx; si es texto, expórtelo como CSV delimitado por punto y coma.",
        )
    return _muestra_texto(ruta, cabeza, tipo)


def _muestra_texto(ruta: Path, cabeza: bytes, tipo: Contenido) -> Muestra:
    texto, cod = _decodificar_cabeza(cabeza, tipo)
    lineas = partir_lineas(texto)
    if len(cabeza) >= BYTES_MUESTRA and len(lineas) > 1:
        lineas = lineas[:-1]  # the read limit cut the last line
    lineas = lineas[:LINEAS_MUESTRA]
    delim = detectar_delimitador(lineas)
    filas = [next(csv.reader([ln], delimiter=delim), []) if ln.strip() else [] for ln in lineas]
    return Muestra(ruta, filas, cod, delim)


# --- text ----------------------------------------------------------------------------------------

def _a_utf8(ruta: Path) -> tuple[bytes | mmap.mmap, str, tuple[int, str] | None, tuple[int, str] | None]:
    """The whole file as bytes pyarrow can split: UTF-8, or (label "cp1252") the Windows-1252 bytes as
    they are, whose text cells `a_utf8_desde_cp1252` turns into UTF-8 after parsing (the delimiters, quotes
    and line ends are ASCII, so the fields are the same); its encoding; the first line (number, text)
    where encodings mix; the first line with UTF-8 text decoded twice ("Ã±").

    A big file comes mapped into memory (read-only, see `_bytes_de`) unless it must be rewritten (BOM,
    UTF-16, mixed encodings, old Mac line ends)."""
    datos = _bytes_de(ruta)
    tipo = contenido(datos[:BYTES_MUESTRA])
    if tipo == "utf16":
        texto, cod = decodificar(bytes(datos), tipo)
        return _fin_de_linea(texto.encode("utf-8")), cod, None, None
    bom = datos[:3] == BOM_UTF8
    cuerpo = datos[3:] if bom else datos
    del datos
    info = analizar_bytes(cuerpo)
    mojibake = _linea_de(cuerpo, info.mojibake) if info.mojibake is not None else None
    if info.etiqueta in ("ascii", "utf-8"):
        return _fin_de_linea(cuerpo), "utf-8-sig" if bom else "utf-8", None, mojibake
    if info.etiqueta == "cp1252":
        return _fin_de_linea(cuerpo), "cp1252", None, None
    mezcla = _linea_de(cuerpo, info.no_utf8 or 0, mixta=True)
    texto = str(cuerpo, "utf-8", "coopxl-cp1252") if isinstance(cuerpo, bytes) else str(memoryview(cuerpo), "utf-8",
                                                                                        "coopxl-cp1252")
    return _fin_de_linea(texto.encode("utf-8")), "mixta", mezcla, mojibake


MINIMO_MAPEO = 1 << 20  # files from this size on are mapped into memory rather than read


def _bytes_de(ruta: Path) -> bytes | mmap.mmap:
    """The bytes of a file: a big one mapped read-only (the operating system's cached pages, no copy and
    no fresh memory to fault in: the bytes are parsed once and let go), a small one read."""
    with open(ruta, "rb") as f:
        if os.fstat(f.fileno()).st_size >= MINIMO_MAPEO:
            try:
                return mmap.mmap(f.fileno(), 0, access=mmap.ACCESS_READ)
            except (OSError, ValueError):
                pass  # a file system that cannot map: read it
        return f.read()


def _soltar(buf: bytes | mmap.mmap) -> None:
    """Unmap a mapped file as soon as its bytes are parsed (pyarrow's columns hold copies)."""
    if isinstance(buf, mmap.mmap):
        with contextlib.suppress(BufferError):  # something still views the bytes: it goes with its last view
            buf.close()


def _contar(buf: bytes | mmap.mmap, byte: int, fin: int | None = None) -> int:
    """How many times `byte` occurs in buf[:fin] (`bytes.count` for a mapped file, in chunks)."""
    fin = len(buf) if fin is None else fin
    if isinstance(buf, bytes):
        return buf.count(bytes([byte]), 0, fin)
    arr = np.frombuffer(buf, dtype=np.uint8, count=fin)
    tmp = np.empty(min(_TROZO, fin), dtype=bool)
    return sum(int(np.count_nonzero(np.equal(arr[i: i + _TROZO], byte, out=tmp[: len(arr[i: i + _TROZO])])))
               for i in range(0, fin, _TROZO))


def _trozos_utf8(datos: bytes | mmap.mmap | np.ndarray, codec: str = "cp1252") -> Iterator[bytes]:
    """Single-byte `codec` bytes as UTF-8, a few megabytes at a time: no text object as big as the input. Any
    cut is safe: each input byte is one character (the 5 bytes Windows-1252 leaves undefined as Latin-1)."""
    with memoryview(datos) as vista:
        for i in range(0, len(vista), _TROZO):
            yield str(vista[i: i + _TROZO], codec, "coopxl-latin1").encode("utf-8")


def _cp1252_a_utf8(datos: bytes | mmap.mmap) -> bytes:
    """A whole Windows-1252 file as UTF-8."""
    return b"".join(_trozos_utf8(datos))


# Bytes each Windows-1252 byte gains in UTF-8 (0 for ASCII; its 5 undefined bytes read as Latin-1).
_EXTRA_UTF8 = np.array([0] * 128 + [len(_cp1252(b).encode("utf-8")) - 1 for b in range(128, 256)], dtype=np.int64)


def a_utf8_desde_cp1252(arr: pa.Array) -> pa.Array:
    """A text column parsed from Windows-1252 bytes (unchecked) as the same column in UTF-8.

    Only the columns with non-ASCII bytes are rewritten (names, addresses: a fraction of the file), each
    in one go: its data buffer decoded by Python's codec, its offsets moved by the bytes gained before
    each cell (vectorised). A dictionary column rewrites its distinct values only (the mapping is
    one-to-one, so they stay distinct and in the same order). Numbers (float64) pass through.
    """
    if pa.types.is_dictionary(arr.type):
        valores = a_utf8_desde_cp1252(arr.dictionary)
        return arr if valores is arr.dictionary else pa.DictionaryArray.from_arrays(arr.indices, valores)
    grande = pa.types.is_large_string(arr.type)
    if not (grande or pa.types.is_string(arr.type)) or not len(arr):
        return arr
    _, offsets, datos = arr.buffers()
    if datos is None or not datos.size:
        return arr
    tipo_offset = np.int64 if grande else np.int32
    pos = np.frombuffer(offsets, dtype=tipo_offset)[arr.offset: arr.offset + len(arr) + 1]
    crudos = np.frombuffer(datos, dtype=np.uint8)[pos[0]: pos[-1]]
    if not len(crudos) or int(crudos.max()) < 0x80:
        return arr
    if arr.null_count or arr.offset:  # not what the csv reader gives: cell by cell
        return pa.array([None if v is None else v.decode("cp1252", errors="coopxl-latin1")
                         for v in arr.cast(pa.large_binary() if grande else pa.binary()).to_pylist()], arr.type)
    altos = _posiciones_altas(crudos)
    relativos = pos.astype(np.int64) - int(pos[0])
    celda = np.searchsorted(relativos, altos, side="right") - 1  # the cell of each non-ASCII byte
    valores_altos = crudos[altos]
    por_celda = np.bincount(celda, weights=_EXTRA_UTF8[valores_altos], minlength=len(arr)).astype(np.int64)
    nuevos = relativos + np.concatenate(([0], np.cumsum(por_celda)))
    # From 0xA0 on Windows-1252 is Latin-1, whose decoder is a plain copy: only the bytes 0x80-0x9F (€, “…)
    # need the code page's table.
    codec = "cp1252" if ((valores_altos >= 0x80) & (valores_altos < 0xA0)).any() else "latin-1"
    texto = _transcodificar(crudos, int(nuevos[-1]), codec)
    if grande:
        nuevos_offsets = pa.py_buffer(nuevos)
    else:
        if len(texto) > np.iinfo(np.int32).max:
            return a_utf8_desde_cp1252(arr.cast(pa.large_string())).cast(arr.type)
        nuevos_offsets = pa.py_buffer(nuevos.astype(np.int32))
    return pa.Array.from_buffers(arr.type, len(arr), [None, nuevos_offsets, pa.py_buffer(texto)], null_count=0)


def _transcodificar(crudos: np.ndarray, largo: int, codec: str) -> np.ndarray:
    """`_trozos_utf8` written into one array of `largo` bytes: no Python text as big as the column (twice its
    size when a character needs two bytes), only the output is new memory."""
    salida = np.empty(largo, dtype=np.uint8)
    escrito = 0
    for trozo in _trozos_utf8(crudos, codec):
        salida[escrito: escrito + len(trozo)] = np.frombuffer(trozo, dtype=np.uint8)
        escrito += len(trozo)
    return salida


def _fin_de_linea(buf: bytes | mmap.mmap) -> bytes | mmap.mmap:
    if b"\n" not in buf[:BYTES_MUESTRA] and b"\r" in buf[:BYTES_MUESTRA]:
        return bytes(buf).replace(b"\r", b"\n")  # old Mac line ends: lone CR (pyarrow reads \r\n as it is)
    return buf


def _linea_de(buf: bytes | mmap.mmap, posicion: int, mixta: bool = False) -> tuple[int, str]:
    """The line number (1-based) and the text of the line holding byte `posicion`."""
    inicio = buf.rfind(b"\n", 0, posicion) + 1
    fin = buf.find(b"\n", posicion)
    errores = "coopxl-cp1252" if mixta else "replace"
    texto = buf[inicio: fin if fin >= 0 else len(buf)].decode("utf-8", errors=errores)
    return _contar(buf, 10, posicion) + 1, texto.strip()


def leer_texto(ruta: Path, inicio: int, columnas: int, codificacion: str, delimitador: str,
               numericas: frozenset[int] = frozenset(), decimal: str = ",",
               codigos: frozenset[int] = frozenset()) -> TablaCruda:
    """Read the data rows of a text file from line `inicio` (1-based), as strings, `columnas` wide.

    `codificacion` is the sample's guess; the whole file decides. Rows with another number of fields
    are set aside and reported by line (a row whose extra fields are all empty, trailing separators,
    is kept).

    `numericas`: file columns pyarrow may try to convert to numbers itself, with `decimal` as the
    decimal separator (in C++, while parsing: no text kept for them). If any of their cells is not a
    plain number in that style (thousands separators, the other decimal separator, text, nan/inf),
    the whole file is read again as text, and the cells are looked at one by one.

    `codigos`: file columns with few distinct values (codes, dates), read dictionary-encoded: each
    distinct text is kept once, and converted once.
    """
    del codificacion  # the whole file is looked at again: the sample may not show every byte
    nombre = ruta.name
    nombres = [f"c{i}" for i in range(columnas)]
    saltar = inicio - 1
    malas = 0
    crudo = False  # Windows-1252 bytes parsed as they are (text cells turned into UTF-8 afterwards)

    def apartar(_fila: pacsv.InvalidRow) -> str:
        nonlocal malas
        malas += 1
        return "skip"

    def parsear(buf: bytes | mmap.mmap, numeros: frozenset[int] = frozenset()) -> pa.Table:
        nonlocal malas
        malas = 0
        if not _hay_datos(buf, _inicio_de_linea(buf, saltar)):
            return pa.table({n: pa.array([], pa.large_string()) for n in nombres})
        tipos = {n: (pa.float64() if i in numeros else DICCIONARIO if i in codigos else pa.large_string())
                 for i, n in enumerate(nombres)}
        try:
            return _parsear_en_bloques(buf, tipos, min(len(buf) + 1, BLOQUE))
        except pa.ArrowInvalid as e:
            if "straddling" not in str(e) or len(buf) < BLOQUE:
                raise
            malas = 0  # a row longer than a block (a long memo field): the whole file in one block
            return _parsear_en_bloques(buf, tipos, min(len(buf) + 1, (1 << 31) - 1))

    def _parsear_en_bloques(buf: bytes | mmap.mmap, tipos: dict[str, pa.DataType], bloque: int) -> pa.Table:
        return pacsv.read_csv(
            pa.BufferReader(buf),
            # Blocks of 1 MB: the parser's copy of a block and its cell offsets (about 1.5 times the text)
            # are written to memory already used by the block before, not to fresh memory as big as the
            # file. The columns come out chunked and are combined once (`_contiguo`): the output is
            # written twice, and the combined columns are contiguous for pandas downstream.
            read_options=pacsv.ReadOptions(skip_rows=saltar, column_names=nombres, block_size=bloque,
                                           use_threads=HILOS_PYARROW),
            parse_options=pacsv.ParseOptions(
                # Raw Windows-1252 bytes cannot reach a Python handler (pyarrow hands it UTF-8 text): there
                # the first bad row raises, and the file is read again in UTF-8 with the handler.
                delimiter=delimitador, invalid_row_handler=None if crudo else apartar, ignore_empty_lines=True,
                newlines_in_values=False,
                # A file without a single double quote (SICSES exports have none) splits the same without
                # quote handling, and faster.
                quote_char='"' if buf.find(b'"') >= 0 else False,
            ),
            convert_options=pacsv.ConvertOptions(
                column_types=tipos, strings_can_be_null=False, quoted_strings_can_be_null=False,
                null_values=[""], true_values=[], false_values=[], decimal_point=decimal, check_utf8=not crudo,
            ),
        )

    def intento_tipado(buf: bytes | mmap.mmap) -> pa.Table | None:
        if not numericas:
            return None
        try:
            tabla = parsear(buf, numericas)
        except pa.ArrowInvalid:
            return None  # some cell is not a plain number: the text path reports it
        if malas:
            return None
        for i in numericas:  # nan and inf are numbers to pyarrow, not to a user: the text path says so
            columna = tabla.column(i)
            if len(columna) and not pc.all(pc.is_finite(columna), min_count=0).as_py():
                return None
        return tabla

    def leer(buf: bytes | mmap.mmap) -> tuple[pa.Table, frozenset[int]]:
        tabla = intento_tipado(buf)
        if tabla is not None:
            return tabla, numericas
        return parsear(buf), frozenset()

    try:
        buf, cod, mezcla, mojibake = _a_utf8(ruta)
        crudo = cod == "cp1252"
        try:
            tabla, tipadas = leer(buf)
        except pa.ArrowInvalid:
            if not crudo:
                raise
            crudo = False  # a row with another number of fields: the whole file in UTF-8, looked at row by row
            utf8 = _cp1252_a_utf8(buf)
            _soltar(buf)
            buf = utf8
            tabla, tipadas = leer(buf)
    except OSError as e:
        raise ErrorArchivo(nombre, f"no se pudo leer el archivo ({e.strerror or e}).") from None
    except (pa.ArrowInvalid, pa.ArrowException) as e:
        raise ErrorArchivo(nombre, f"no se pudo leer como texto delimitado ({e}).") from None
    filas_malas: list[tuple[int, int, str]] = []
    total_lineas = _contar(buf, 10) + (0 if buf[-1:] == b"\n" else 1)
    if malas:
        lineas, filas_malas, recuperadas = _lineas_exactas(buf, inicio, columnas, delimitador)
        if recuperadas:
            tabla, lineas = _unir_recuperadas(tabla, lineas, recuperadas, nombres)
    elif tabla.num_rows != total_lineas - saltar:  # blank lines among the data
        lineas = _lineas_sin_vacias(buf, inicio, tabla.num_rows)
    else:
        lineas = np.arange(inicio, inicio + tabla.num_rows, dtype=np.int64)
    _soltar(buf)
    del buf
    celdas = [_contiguo(tabla.column(i)) for i in range(columnas)]
    if crudo:  # combined first: one look and one rewrite per column (and per dictionary), not per block
        celdas = [a_utf8_desde_cp1252(c) for c in celdas]
    return TablaCruda(ruta, celdas, lineas, cod, delimitador, None, filas_malas, mezcla, mojibake,
                      tipadas=tipadas, decimal=decimal)


def _contiguo(columna: pa.ChunkedArray) -> pa.Array:
    return columna.chunk(0) if columna.num_chunks == 1 else columna.combine_chunks()


def _hay_datos(buf: bytes | mmap.mmap, desde: int) -> bool:
    """Whether something other than white space follows offset `desde` (without copying the buffer)."""
    vista = memoryview(buf)
    return any(bytes(vista[i: i + (1 << 16)]).strip() for i in range(desde, len(buf), 1 << 16))


def _inicio_de_linea(buf: bytes | mmap.mmap, lineas: int) -> int:
    """Byte offset where line `lineas` + 1 starts (the end of the buffer when it has fewer lines)."""
    pos = 0
    for _ in range(lineas):
        pos = buf.find(b"\n", pos) + 1
        if pos == 0:
            return len(buf)
    return pos


def _lineas_sin_vacias(buf: bytes | mmap.mmap, inicio: int, n: int) -> np.ndarray:
    """Line numbers of the data rows when every row was good: the non-empty lines from `inicio` on."""
    arr = np.frombuffer(buf, dtype=np.uint8)
    fines = np.flatnonzero(arr == 10)
    comienzos = np.concatenate(([0], fines + 1))
    finales = np.concatenate((fines, [len(buf)]))
    largo = finales - comienzos
    solo_cr = (largo == 1) & (arr[np.minimum(comienzos, len(buf) - 1)] == 13)
    no_vacias = np.flatnonzero((largo > 0) & ~solo_cr) + 1  # 1-based line numbers
    numeros = no_vacias[no_vacias >= inicio]
    return numeros[:n].astype(np.int64)


def _campos(linea: str, delimitador: str) -> list[str]:
    if '"' not in linea:
        return linea.split(delimitador)
    return next(csv.reader([linea], delimiter=delimitador), [])


def _lineas_exactas(buf: bytes | mmap.mmap, inicio: int, columnas: int, delimitador: str, codificacion: str = "utf-8"
                    ) -> tuple[np.ndarray, list[tuple[int, int, str]], list[tuple[int, list[str]]]]:
    """The slow path, when some rows have another number of fields: look at every line."""
    buenas: list[int] = []
    malas: list[tuple[int, int, str]] = []
    recuperadas: list[tuple[int, list[str]]] = []
    d = delimitador.encode()
    for i, ln in enumerate(bytes(buf).split(b"\n"), start=1):
        if i < inicio:
            continue
        ln = ln.removesuffix(b"\r")
        if not ln:
            continue
        if b'"' not in ln and ln.count(d) == columnas - 1:
            buenas.append(i)
            continue
        texto = ln.decode(codificacion, errors="replace")
        if not texto.strip():
            continue
        campos = _campos(texto, delimitador)
        if len(campos) == columnas:
            buenas.append(i)
        elif len(campos) > columnas and all(not c.strip() for c in campos[columnas:]):
            recuperadas.append((i, campos[:columnas]))
        else:
            malas.append((i, len(campos), texto))
    return np.array(buenas, dtype=np.int64), malas, recuperadas


def _unir_recuperadas(tabla: pa.Table, lineas: np.ndarray, recuperadas: list[tuple[int, list[str]]],
                      nombres: list[str]) -> tuple[pa.Table, np.ndarray]:
    extra = pa.table({n: pa.array([r[1][j] for r in recuperadas], pa.large_string())
                      for j, n in enumerate(nombres)})
    todas = pa.concat_tables([tabla.cast(extra.schema), extra])
    lineas_todas = np.concatenate((lineas, np.array([r[0] for r in recuperadas], dtype=np.int64)))
    orden = np.argsort(lineas_todas, kind="stable")
    return todas.take(pa.array(orden)), lineas_todas[orden]


# --- workbooks -----------------------------------------------------------------------------------

def _abrir_libro(ruta: Path, por_contenido: bool) -> Any:
    from python_calamine import CalamineWorkbook

    try:
        if por_contenido:
            return CalamineWorkbook.from_filelike(io.BytesIO(ruta.read_bytes()))
        return CalamineWorkbook.from_path(str(ruta))
    except Exception:  # calamine raises its own error types for broken files
        raise ErrorArchivo(ruta.name, "no es un libro de Excel válido o está dañado: ábralo en Excel y "
                                      "guárdelo de nuevo como .xlsx.") from None


def _muestra_libro(ruta: Path, por_contenido: bool) -> Muestra:
    libro = _abrir_libro(ruta, por_contenido)
    visibles = [m.name for m in libro.sheets_metadata if str(getattr(m, "visible", "")).endswith("Visible")]
    orden = visibles + [n for n in libro.sheet_names if n not in visibles]
    for nombre in orden:
        try:
            hoja = libro.get_sheet_by_name(nombre)
            primeras = hoja.to_python(skip_empty_area=False, nrows=LINEAS_MUESTRA)
        except Exception:
            raise ErrorArchivo(ruta.name, f"no se pudo leer la hoja «{nombre}» del libro: ábralo en Excel y "
                               "guárdelo de nuevo como .xlsx.") from None
        if any(any(v not in ("", None) for v in fila) for fila in primeras):
            filas = [[celda_texto(v) for v in fila] for fila in primeras]
            return Muestra(ruta, filas, hoja=nombre, libro=True, _hoja=hoja)
    raise ErrorArchivo(ruta.name, "el libro no tiene ninguna hoja con datos.")


def celda_texto(v: object) -> str:
    """A native cell as the text a user would type."""
    if v is None:
        return ""
    if isinstance(v, bool):
        return "1" if v else "0"
    if isinstance(v, float):
        if v != v:  # NaN
            return ""
        if v.is_integer() and abs(v) < 1e16:
            return str(int(v))
        return repr(v)
    return str(v).strip()


_VACIO = frozenset(("",))


def columna_nativa(valores: tuple[object, ...] | list[object]) -> Any:
    """One workbook column: a pyarrow string array when every cell is text, a float64 (or datetime64)
    Series when every non-empty cell is a number (or a date), an object Series (mixed native values)
    otherwise."""
    import pandas as pd  # workbooks only: text files are parsed with pyarrow alone

    tipos = set(map(type, valores))
    if tipos <= {str}:
        return pa.array(valores, pa.large_string())
    textos = {v for v in valores if type(v) is str} if str in tipos else set()
    sin_texto = tipos - {str}
    if textos <= _VACIO and sin_texto <= {float, int, type(None)}:
        return pd.Series(np.array([np.nan if v == "" or v is None else v for v in valores], dtype=np.float64))
    if textos <= _VACIO and sin_texto <= {dt.date, dt.datetime, type(None)}:
        try:
            fechas = pd.to_datetime(pd.Series([None if v == "" else v for v in valores], dtype=object),
                                    errors="raise")
            return fechas.dt.normalize().astype("datetime64[us]")
        except (ValueError, OverflowError, pd.errors.OutOfBoundsDatetime):
            pass  # a date pandas cannot hold: cell by cell
    return pd.Series(list(valores), dtype=object)


def leer_xlsx(ruta: Path, inicio: int, columnas: int, m: Muestra | None = None) -> TablaCruda:
    """Rows of the sheet chosen by the sample, from row `inicio`, keeping native cell types."""
    if m is not None and m._hoja is not None:
        hoja, nombre = m._hoja, m.hoja
    else:
        mm = _muestra_libro(ruta, por_contenido=False)
        hoja, nombre = mm._hoja, mm.hoja
    try:
        filas = hoja.to_python(skip_empty_area=False)
    except Exception:
        raise ErrorArchivo(ruta.name, f"no se pudo leer la hoja «{nombre}» del libro.") from None
    cuerpo = filas[inicio - 1:]
    ancho = max(columnas, max((len(f) for f in cuerpo), default=0))
    if cuerpo and any(len(f) != ancho for f in cuerpo):
        cuerpo = [list(f) + [""] * (ancho - len(f)) for f in cuerpo]
    n = len(cuerpo)
    transpuesta = list(zip(*cuerpo, strict=True)) if cuerpo else [() for _ in range(ancho)]
    del filas, cuerpo  # the rows' lists go; the cells live on in the columns
    cols = []
    for i in range(ancho):
        cols.append(columna_nativa(transpuesta[i]) if i < len(transpuesta) else
                    pa.repeat("", n).cast(pa.large_string()))
        if i < len(transpuesta):
            transpuesta[i] = ()  # each column's tuple goes once converted
    lineas = np.arange(inicio, inicio + n, dtype=np.int64)
    return TablaCruda(ruta, cols, lineas, None, None, nombre)
