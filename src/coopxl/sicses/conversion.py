"""Vectorised conversion of cells to numbers, dates, documents and codes.

Cells arrive as a pandas Series: `str` (text files, and workbook columns typed as text), float64 or
datetime64 (workbook columns of native numbers or dates), or object (a workbook column mixing text
and native values). Each function returns the converted values and numpy masks of the empty cells
and of the cells that could not be converted, so the caller can report them by row.

Text is processed with pyarrow compute (fast, no Python loop per cell). Low-cardinality columns
(codes, dates) are converted once per distinct value.

Numbers: every cell is classified on its own. Unambiguous cells ("1.234.567,89", "12,5" /
"1234567.89", "4.5") convert by their own style; only the ambiguous ones ("1.234", "1,234") take
the column's style, decided by the column's unambiguous cells, else by the file's. In a rate
column an ambiguous separator is always decimal: no rate is 12.683 %.
"""

from __future__ import annotations

import datetime as dt
import re
import unicodedata
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from typing import Literal

import numpy as np
import pandas as pd
import pyarrow as pa
import pyarrow.compute as pc

EstiloNumerico = Literal["colombiano", "punto", "indistinto"]
NOMBRE_ESTILO = {
    "colombiano": "colombiano (1.234.567,89)",
    "punto": "punto decimal (1234567.89)",
    "indistinto": "enteros sin separadores",
}

_RE_ENTERO = r"^[-+]?\d+$"
# Unambiguous Colombian numbers: dots for thousands and/or a decimal comma.
_RE_COLOMBIANO = (r"^[-+]?(?:\d{1,3}(?:\.\d{3})+,\d+|\d{1,3}(?:\.\d{3}){2,}|\d+,\d{1,2}|\d+,\d{4,}|\d{4,},\d+"
                  r"|0,\d+|\d+,\d+[eE][+-]?\d+)$")
# Unambiguous point-decimal numbers (and Excel's scientific notation).
_RE_PUNTO = (r"^[-+]?(?:\d{1,3}(?:,\d{3})+\.\d+|\d{1,3}(?:,\d{3}){2,}|\d+\.\d{1,2}|\d+\.\d{4,}|\d{4,}\.\d+"
             r"|0\.\d+|\d+(?:\.\d+)?[eE][+-]?\d+)$")
_RE_AMBIGUO_PUNTO = r"^[-+]?[1-9]\d{0,2}\.\d{3}$"  # "1.234": thousands in a Colombian file, 1.234 elsewhere
_RE_AMBIGUO_COMA = r"^[-+]?[1-9]\d{0,2},\d{3}$"  # "1,234": 1,234 in a Colombian file, thousands elsewhere
EPOCA_EXCEL = dt.datetime(1899, 12, 30)
SERIAL_MAXIMO = 73415  # 31/12/2100
UNIDAD_FECHA = "datetime64[us]"


# --- helpers -------------------------------------------------------------------------------------

# A column of cells: a pyarrow string array (text files) or a pandas Series (str, float64, datetime64 or
# object with mixed native values, from workbooks).
Celdas = pa.Array | pa.ChunkedArray | pd.Series


def es_texto(s: Celdas) -> bool:
    if isinstance(s, pa.Array | pa.ChunkedArray):
        t = s.type.value_type if pa.types.is_dictionary(s.type) else s.type
        return pa.types.is_string(t) or pa.types.is_large_string(t)
    return isinstance(s.dtype, pd.StringDtype)


def _diccionario(s: Celdas) -> tuple[pa.Array, pa.Array] | None:
    """(distinct values, indices) of a dictionary-encoded text column read that way by pyarrow (one chunk)."""
    if not isinstance(s, pa.Array | pa.ChunkedArray) or not pa.types.is_dictionary(s.type):
        return None
    if isinstance(s, pa.ChunkedArray):
        if s.num_chunks != 1:
            return None
        s = s.chunk(0)
    valores = s.dictionary
    if not pa.types.is_large_string(valores.type):
        valores = valores.cast(pa.large_string())
    return valores, pc.fill_null(s.indices, 0) if s.indices.null_count else s.indices


def _pa(s: Celdas) -> pa.Array | pa.ChunkedArray:
    """Text cells as pyarrow large_string (chunks kept: copying a whole column costs more than the
    kernels gain from contiguity; zero copy from a pandas str Series), nulls as ''."""
    arr = s if isinstance(s, pa.Array | pa.ChunkedArray) else pa.array(s)
    if isinstance(arr, pa.ChunkedArray) and arr.num_chunks == 1:
        arr = arr.chunk(0)
    if pa.types.is_dictionary(arr.type):
        arr = arr.cast(arr.type.value_type)
    if not pa.types.is_large_string(arr.type):
        arr = arr.cast(pa.large_string())
    if arr.null_count:
        arr = pc.fill_null(arr, "")
    return arr


def _contiguo(arr: pa.Array | pa.ChunkedArray) -> pa.Array:
    return arr.combine_chunks() if isinstance(arr, pa.ChunkedArray) else arr


def serie(s: Celdas) -> pd.Series:
    """Cells as a pandas Series (text as the pyarrow-backed str dtype)."""
    if isinstance(s, pd.Series):
        return s.reset_index(drop=True) if not isinstance(s.index, pd.RangeIndex) or s.index.start else s
    return _contiguo(_pa(s)).to_pandas()  # contiguous: pandas operations on chunked arrays are slower


def _np(mascara: pa.Array | pa.ChunkedArray) -> np.ndarray:
    return np.asarray(pc.fill_null(mascara, False).to_numpy(zero_copy_only=False), dtype=bool)


def texto(s: Celdas) -> pa.Array:
    """Any column as text, the way a user would type each cell ('' for empty)."""
    if es_texto(s):
        return _pa(s)
    from coopxl.sicses.lectura import celda_texto

    s = serie(s)
    if pd.api.types.is_datetime64_any_dtype(s):
        return _pa(s.dt.strftime("%d/%m/%Y").fillna("").astype("str"))
    if pd.api.types.is_float_dtype(s) or pd.api.types.is_integer_dtype(s):
        return _numeros_a_texto(s.to_numpy(dtype=np.float64, na_value=np.nan))
    return pa.array([_celda(v, celda_texto) for v in s], pa.large_string())


def _numeros_a_texto(x: np.ndarray) -> pa.Array:
    """Workbook numbers as typed: whole numbers without '.0' (vectorised), others as Python writes them."""
    enteros = ~np.isnan(x) & (np.abs(x) < 1e16) & (x == np.floor(np.where(np.isnan(x), 0, x)))
    texto_ = pc.cast(pa.array(np.where(enteros, x, 0).astype(np.int64)), pa.large_string())
    texto_ = pc.if_else(pa.array(enteros), texto_, pa.scalar("", pa.large_string()))
    otros = np.flatnonzero(~enteros & ~np.isnan(x))
    if len(otros):
        from coopxl.sicses.lectura import celda_texto

        reemplazos = pa.array([celda_texto(float(v)) for v in x[otros]], pa.large_string())
        texto_ = pc.replace_with_mask(texto_, pa.array(np.isin(np.arange(len(x)), otros)), reemplazos)
    return texto_


def _celda(v: object, celda_texto: Callable[[object], str]) -> str:
    if isinstance(v, dt.datetime | dt.date):
        return v.strftime("%d/%m/%Y")
    if isinstance(v, pd.Timestamp):
        return "" if pd.isna(v) else v.strftime("%d/%m/%Y")
    return celda_texto(v)


_ESPACIOS = " \t\r\n\u00a0\ufeff"


def limpiar(s: Celdas, unicode: bool = True) -> Celdas:
    """Trim spaces (also non-breaking) and a stray BOM from text cells; native cells pass through.

    `unicode` false says the file has no non-ASCII space at all: the (faster) ASCII trim is enough.
    """
    dic = _diccionario(s)
    if dic is not None:  # trim the distinct values only
        valores, indices = dic
        if len(valores) and _bordes_con_espacio(valores, True):
            valores = pc.utf8_trim(valores, _ESPACIOS)
        return pa.DictionaryArray.from_arrays(indices, valores)
    if es_texto(s):
        arr = _pa(s)
        if not len(arr) or not _bordes_con_espacio(arr, unicode):
            return arr
        return pc.utf8_trim(arr, _ESPACIOS) if unicode else pc.ascii_trim_whitespace(arr)
    if isinstance(s, pa.Array | pa.ChunkedArray):
        return s
    if s.dtype == object:
        return s.map(lambda v: v.strip(_ESPACIOS) if isinstance(v, str) else v)
    return s


_PRIMEROS_UNICODE = np.array([0xC2, 0xE2, 0xE3, 0xEF], dtype=np.uint8)  # NBSP, U+2000.., U+3000, BOM
_ULTIMOS_UNICODE = np.array([0xA0, 0x80, 0x81, 0x82, 0x83, 0x84, 0x85, 0x86, 0x87, 0x88, 0x89, 0x8A, 0xBF],
                            dtype=np.uint8)


def desplazamientos(arr: pa.Array) -> np.ndarray:
    """The len + 1 offsets of a large_string array's cells, viewed in its buffer (no copy)."""
    return np.frombuffer(arr.buffers()[1], dtype=np.int64)[arr.offset: arr.offset + len(arr) + 1]


def _bordes_con_espacio(arr: pa.Array | pa.ChunkedArray, unicode: bool) -> bool:
    """Whether some cell may start or end with a space: looks at the first and last byte of each cell in
    the array's buffers (no copy), so clean columns are not trimmed at all."""
    if isinstance(arr, pa.ChunkedArray):
        return any(_bordes_con_espacio(c, unicode) for c in arr.chunks)
    datos = arr.buffers()[2]
    if datos is None or datos.size == 0:
        return False
    pos = desplazamientos(arr)
    bytes_ = np.frombuffer(datos, dtype=np.uint8)
    texto = bytes_[pos[0]: pos[-1]]
    # A column without a single space or control byte (codes, numbers, e-mails), nor any non-ASCII byte
    # when those count, has no border to trim: one pass over its bytes spares looking up every cell's two.
    if not len(texto) or (int(texto.min()) > 0x20 and (not unicode or int(texto.max()) < 0x80)):
        return False
    llenas = pos[1:] > pos[:-1]
    if llenas.all():  # the common case: no empty cell, no mask to apply
        primeros, ultimos = bytes_[pos[:-1]], bytes_[pos[1:] - 1]
    else:
        primeros, ultimos = bytes_[pos[:-1][llenas]], bytes_[pos[1:][llenas] - 1]
    if (primeros <= 0x20).any() or (ultimos <= 0x20).any():
        return True
    if not unicode:
        return False
    # Only a lead byte that starts a non-ASCII space (C2, E2, E3, EF) or a last byte that ends one needs the
    # exact look-up; a column of ASCII borders skips it.
    altos_p, altos_u = primeros >= 0xC2, ultimos >= 0x80
    return bool((altos_p.any() and np.isin(primeros[altos_p], _PRIMEROS_UNICODE).any())
                or (altos_u.any() and np.isin(ultimos[altos_u], _ULTIMOS_UNICODE).any()))


def vacios(s: Celdas) -> np.ndarray:
    dic = _diccionario(s)
    if dic is not None:
        valores, indices = dic
        return _por_valor(np.asarray(pc.binary_length(valores)) == 0, indices)
    if es_texto(s):
        return _vacias_texto(_pa(s))
    if isinstance(s, pa.Array | pa.ChunkedArray):
        return np.asarray(s.is_null().to_numpy(zero_copy_only=False), dtype=bool)
    s = serie(s)
    if s.dtype == object:
        return np.fromiter((v is None or v == "" or (isinstance(v, float) and v != v) for v in s), bool, len(s))
    return s.isna().to_numpy()


def _vacias_texto(arr: pa.Array | pa.ChunkedArray) -> np.ndarray:
    """The empty cells of a large_string column (no nulls: `_pa` filled them), from its offsets: two equal
    neighbours. No array of lengths is made."""
    if isinstance(arr, pa.ChunkedArray):
        return np.concatenate([_vacias_texto(c) for c in arr.chunks]) if arr.num_chunks else np.zeros(0, bool)
    pos = desplazamientos(arr)
    return pos[1:] == pos[:-1]


def largos(arr: pa.Array | pa.ChunkedArray) -> np.ndarray:
    """The byte length of each cell of a large_string column without nulls, from its offsets."""
    if isinstance(arr, pa.ChunkedArray):
        return np.concatenate([largos(c) for c in arr.chunks]) if arr.num_chunks else np.zeros(0, np.int64)
    return np.diff(desplazamientos(arr))


def digitos(arr: pa.Array | pa.ChunkedArray) -> np.ndarray:
    """Per cell of a large_string column without nulls: whether it is one or more ASCII digits, as
    `pc.ascii_is_decimal` says. When every byte of the column is a digit (document and loan numbers, nearly
    always), that is every non-empty cell: two passes over the bytes instead of one look per cell."""
    if isinstance(arr, pa.ChunkedArray):
        return np.concatenate([digitos(c) for c in arr.chunks]) if arr.num_chunks else np.zeros(0, bool)
    datos = arr.buffers()[2]
    pos = desplazamientos(arr)
    if datos is not None and len(arr):
        texto = np.frombuffer(datos, dtype=np.uint8)[pos[0]: pos[-1]]
        if not len(texto) or (int(texto.min()) >= 0x30 and int(texto.max()) <= 0x39):
            return pos[1:] > pos[:-1]
    return _np(pc.ascii_is_decimal(arr))


def _por_valor(marca: np.ndarray, indices: np.ndarray | pa.Array) -> np.ndarray:
    """Per cell, the mark of its distinct value (`marca[indices]`); a mark no value has, the common case,
    needs no look-up per cell."""
    if not marca.any():
        return np.zeros(len(indices), dtype=bool)
    return marca[np.asarray(indices)]


def filtrar(s: Celdas, mascara: np.ndarray) -> Celdas:
    """The cells where `mascara` is true."""
    if isinstance(s, pa.Array | pa.ChunkedArray):
        return s.filter(pa.array(mascara, pa.bool_()))
    return s[mascara].reset_index(drop=True)


def celda(s: Celdas, i: int) -> object:
    """The cell `i` as a Python value."""
    if isinstance(s, pa.Array | pa.ChunkedArray):
        return s[i].as_py()
    return s.iloc[i]


def _unicos(s: Celdas) -> tuple[pa.Array, pa.Array]:
    """(distinct values, index of each cell's value) of a text column."""
    dic = _diccionario(s)
    if dic is not None:
        return dic
    d = pc.dictionary_encode(_pa(s))
    if isinstance(d, pa.ChunkedArray):
        d = d.combine_chunks()
    return d.dictionary, d.indices


def _partes(s: pd.Series, es_nativo: Callable[[object], bool]) -> tuple[pa.Array, np.ndarray]:
    """Split an object column into its text cells (as a str Series) and a mask of its native cells.

    Native cells and empty ones become ''; a cell of another kind (a date in a number column,
    TRUE/FALSE) becomes a text no conversion accepts, so it is reported as bad.
    """
    nativos = np.fromiter((es_nativo(v) for v in s), bool, len(s))
    textos = pa.array([v.strip(_ESPACIOS) if isinstance(v, str) else "" if k or _es_vacio(v) else f"\x00{v}"
                       for v, k in zip(s, nativos, strict=True)], pa.large_string())
    return textos, nativos


def _es_vacio(v: object) -> bool:
    return v is None or (isinstance(v, float) and v != v)


def _es_numero(v: object) -> bool:
    return isinstance(v, int | float | np.integer | np.floating) and not isinstance(v, bool)


def esta_en(s: pd.Series, valores: object) -> pd.Series:
    """`s.isin(valores)` for big text columns: pandas' isin on pyarrow strings walks the values in Python."""
    if not es_texto(s):
        return s.isin(valores)  # type: ignore[arg-type]
    if isinstance(valores, pd.Series | pd.Index) and es_texto(pd.Series(valores[:0])):
        conjunto = _pa(pd.Series(valores))
    else:
        conjunto = pa.array([str(v) for v in valores], pa.large_string())  # type: ignore[attr-defined]
    return pd.Series(_np(pc.is_in(_pa(s), value_set=pc.unique(conjunto))), index=s.index)


# --- numbers -------------------------------------------------------------------------------------

# Kinds of a numeric cell that is not plain digits (see `_clasificar`).
_ENTERO, _COL, _PUN, _AMB_P, _AMB_C, _COL_MILES, _PUN_MILES = 1, 2, 3, 4, 5, 6, 7
_SIMPLE_COMA = r"^[-+]?\d+,\d+$"
_SIMPLE_PUNTO = r"^[-+]?\d+\.\d+$"


@dataclass
class Numeros:
    """One numeric column, analysed: the kind of every cell, before any style is chosen.

    Plain digits are the common case and are not looked at again; the other cells (`indices`) keep
    their cleaned text (`resto`) and their kind (`clase`).
    """

    texto: pa.Array  # text cells, trimmed ('' for empty and for native cells; empty when all are native)
    vacio: np.ndarray
    digitos: np.ndarray  # plain digits
    indices: np.ndarray  # the other non-empty text cells
    resto: pa.Array  # their text, cleaned
    clase: np.ndarray  # their kind (0 = not a number)
    nativo: np.ndarray | None = None  # cells that already were numbers (workbooks, or read as numbers)
    valores_nativos: np.ndarray | None = None
    estilo_nativo: EstiloNumerico | None = None  # the style the native numbers were read in, if any

    def _mascara(self, *clases: int) -> np.ndarray:
        m = np.zeros(len(self.vacio), dtype=bool)
        m[self.indices[np.isin(self.clase, clases)]] = True
        return m

    @property
    def entero(self) -> np.ndarray:
        return self.digitos | self._mascara(_ENTERO)

    @property
    def colombiano(self) -> np.ndarray:
        return self._mascara(_COL, _COL_MILES)

    @property
    def punto(self) -> np.ndarray:
        return self._mascara(_PUN, _PUN_MILES)

    @property
    def ambiguo_punto(self) -> np.ndarray:
        return self._mascara(_AMB_P)

    @property
    def ambiguo_coma(self) -> np.ndarray:
        return self._mascara(_AMB_C)

    @property
    def ambiguos(self) -> bool:
        return bool(np.isin(self.clase, (_AMB_P, _AMB_C)).any())

    @property
    def malos(self) -> np.ndarray:
        return self._mascara(0)

    def evidencia(self) -> EstiloNumerico:
        if self.estilo_nativo is not None and self.valores_nativos is not None and _hay_fraccion(self.valores_nativos):
            return self.estilo_nativo
        col = int(np.isin(self.clase, (_COL, _COL_MILES)).sum())
        pun = int(np.isin(self.clase, (_PUN, _PUN_MILES)).sum())
        return "colombiano" if col > pun else "punto" if pun > col else "indistinto"

    def mezcla(self) -> tuple[EstiloNumerico, int] | None:
        """When a column has unambiguous cells of both styles: the minority style and its first row."""
        col = np.isin(self.clase, (_COL, _COL_MILES))
        pun = np.isin(self.clase, (_PUN, _PUN_MILES))
        if not col.any() or not pun.any():
            return None
        minoria: EstiloNumerico = "punto" if pun.sum() <= col.sum() else "colombiano"
        donde = pun if minoria == "punto" else col
        return minoria, int(self.indices[donde][0])


def _hay_fraccion(v: np.ndarray, trozo: int = 1 << 16) -> bool:
    """Whether some value (NaN aside) is not whole: a piece at a time, so that the temporaries stay small
    (no mask and no copy as big as the column) and the first fraction stops the look."""
    for i in range(0, len(v), trozo):
        seg = v[i: i + trozo]
        if ((np.floor(seg) != seg) & (seg == seg)).any():  # seg == seg: not NaN
            return True
    return False


def _clasificar(sub: pa.Array) -> np.ndarray:
    """The kind of each cell of `sub`, trying the common forms first and each form only on the cells
    no earlier form took."""
    clase = np.zeros(len(sub), dtype=np.int8)
    quedan = np.arange(len(sub))

    def probar(patron: str, cual: int, ambiguo: tuple[str, int] | None = None) -> None:
        nonlocal quedan
        if not len(quedan):
            return
        candidatos = sub.take(pa.array(quedan))
        m = _np(pc.match_substring_regex(candidatos, patron))
        tomados = quedan[m]
        clase[tomados] = cual
        if ambiguo is not None and len(tomados):
            # Only short cells can be ambiguous ("1.234", "-123,456"): look at those alone.
            cortos = tomados[_np(pc.less_equal(pc.binary_length(candidatos.filter(pa.array(m))), 8))]
            if len(cortos):
                amb = _np(pc.match_substring_regex(sub.take(pa.array(cortos)), ambiguo[0]))
                clase[cortos[amb]] = ambiguo[1]
        quedan = quedan[~m]

    probar(_SIMPLE_COMA, _COL, (_RE_AMBIGUO_COMA, _AMB_C))
    probar(_SIMPLE_PUNTO, _PUN, (_RE_AMBIGUO_PUNTO, _AMB_P))
    probar(_RE_ENTERO, _ENTERO)
    probar(_RE_COLOMBIANO, _COL_MILES)
    probar(_RE_PUNTO, _PUN_MILES)
    return clase


def _limpiar_numeros(sub: pa.Array) -> pa.Array:
    """Drop currency signs and spaces inside numbers ('$ 1.234' -> '1.234'); '(1.234)' -> '-1.234'."""
    sub = pc.replace_substring_regex(sub, "[\\s$\u00a0]", "")
    return pc.replace_substring_regex(sub, r"^\((.*)\)$", r"-\1")


_SIN_TEXTO = pa.array([], pa.large_string())  # the text of a column whose cells are all native numbers


def analizar_numeros(s: Celdas) -> Numeros:
    n = len(s)
    nativo = valores_nativos = None
    solo_numeros = False  # every cell a native number or empty: no text to classify
    if es_texto(s):
        t = _pa(s)
    elif isinstance(s, pa.Array | pa.ChunkedArray):  # numbers pyarrow already parsed
        valores_nativos = np.asarray(s.to_numpy(zero_copy_only=False), dtype=np.float64)
        nativo = ~np.isnan(valores_nativos)
        t = _SIN_TEXTO
        solo_numeros = True
    elif s.dtype == object:  # type: ignore[union-attr]
        t, nativo = _partes(s, _es_numero)  # type: ignore[arg-type]
        valores_nativos = np.array([float(v) if k else np.nan for v, k in zip(s, nativo, strict=True)])
    else:  # float64 (or another native numeric dtype) from a workbook
        valores_nativos = pd.to_numeric(s, errors="coerce").to_numpy(dtype=np.float64, na_value=np.nan)
        nativo = ~np.isnan(valores_nativos)
        t = _SIN_TEXTO
        solo_numeros = True
    if solo_numeros and nativo is not None:
        return Numeros(t, ~nativo, np.zeros(n, dtype=bool), np.zeros(0, dtype=np.int64),
                       pa.array([], pa.large_string()), np.zeros(0, np.int8), nativo, valores_nativos)
    vacio = _np(pc.equal(t, ""))
    if nativo is not None:
        vacio &= ~nativo
    digitos = _np(pc.ascii_is_decimal(t))
    otros = ~(vacio | digitos)
    if nativo is not None:
        otros &= ~nativo
    indices = np.flatnonzero(otros)
    if not len(indices):
        return Numeros(t, vacio, digitos, indices, pa.array([], pa.large_string()), np.zeros(0, np.int8),
                       nativo, valores_nativos)
    sub = t.take(pa.array(indices))
    clase = _clasificar(sub)
    sucios = np.flatnonzero(clase == 0)
    if len(sucios):
        limpios = _limpiar_numeros(sub.take(pa.array(sucios)))
        clase[sucios] = _clasificar(limpios)
        sub = pc.replace_with_mask(sub, _mascara_pa(np.isin(np.arange(len(sub)), sucios)), _contiguo(limpios))
    return Numeros(t, vacio, digitos, indices, sub, clase, nativo, valores_nativos)


def _mascara_pa(m: np.ndarray) -> pa.Array:
    return pa.array(m, pa.bool_())


def estilo_de_archivo(evidencias: list[EstiloNumerico]) -> EstiloNumerico:
    """The file's style: the majority of its columns that show one; 'indistinto' when none does."""
    col, pun = evidencias.count("colombiano"), evidencias.count("punto")
    if not col and not pun:
        return "indistinto"
    return "punto" if pun > col else "colombiano"


def a_numero(n: Numeros, estilo: EstiloNumerico, tasa: bool = False) -> np.ndarray:
    """Float values of an analysed column (NaN for empty and bad cells).

    `estilo` settles the ambiguous cells ('indistinto' counts as Colombian); in a rate column
    (`tasa`) an ambiguous separator is a decimal separator.
    """
    if n.valores_nativos is not None and not len(n.indices) and not n.digitos.any():
        return n.valores_nativos  # every cell native or empty (NaN there already)
    colombiano = estilo != "punto"
    valores = np.full(len(n.vacio), np.nan)
    if n.digitos.any():
        d = np.flatnonzero(n.digitos)
        valores[d] = np.asarray(pc.cast(n.texto.take(pa.array(d)), pa.float64()).to_numpy(zero_copy_only=False))
    if len(n.indices):
        c = n.clase
        coma_decimal = (c == _COL) | ((c == _AMB_C) & (colombiano or tasa))  # 1234,5 -> 1234.5
        miles_punto = (c == _COL_MILES) | ((c == _AMB_P) & colombiano & (not tasa))  # 1.234,5 -> 1234.5
        tal_cual = (c == _PUN) | (c == _ENTERO) | ((c == _AMB_P) & (not colombiano or tasa))
        miles_coma = (c == _PUN_MILES) | ((c == _AMB_C) & (not colombiano) & (not tasa))  # 1,234.5
        for grupo, pasos in ((coma_decimal, ((",", "."),)), (miles_punto, ((".", ""), (",", "."))),
                             (tal_cual, ()), (miles_coma, ((",", ""),))):
            if not grupo.any():
                continue
            cual = np.flatnonzero(grupo)
            t = n.resto.take(pa.array(cual))
            for viejo, nuevo in pasos:
                t = pc.replace_substring(t, viejo, nuevo)
            valores[n.indices[cual]] = np.asarray(pc.cast(t, pa.float64()).to_numpy(zero_copy_only=False))
    if n.nativo is not None and n.valores_nativos is not None:
        valores = np.where(n.nativo, n.valores_nativos, valores)
    return valores


def a_numero_texto(texto: str, estilo: EstiloNumerico = "colombiano") -> float | None:
    """One number typed by a user (parameters, complementarios); None when empty; ValueError when bad."""
    limpio = texto.strip()
    r = a_numeros_texto([limpio], estilo)[limpio]
    if isinstance(r, ValueError):
        raise r
    return r


def a_numeros_texto(textos: Iterable[str], estilo: EstiloNumerico = "colombiano"
                    ) -> dict[str, float | ValueError | None]:
    """`a_numero_texto` of many texts in one pass (each cell is read on its own, so the result of a text
    does not depend on the others): text -> number, None when empty, a ValueError (returned) when bad."""
    unicos = list(dict.fromkeys(textos))
    if not unicos:
        return {}
    n = analizar_numeros(pd.Series([t.strip() for t in unicos], dtype="str"))
    valores = a_numero(n, estilo)
    vacio, malos = n.vacio.tolist(), n.malos.tolist()  # `malos` is computed on each access: once here
    return {t: None if vacio[i] else ValueError(t) if malos[i] else float(valores[i]) for i, t in enumerate(unicos)}


def fraccion_probable(tasas: pd.Series) -> pd.Series:
    """Rates are percentages: a rate in (0, 1] with decimals is probably a fraction (0.245 for 24.5 %)."""
    return (tasas > 0) & (tasas <= 1) & (tasas != np.floor(tasas))


# --- dates ---------------------------------------------------------------------------------------

_VACIAS_FECHA = frozenset(("0", "00/00/0000", "0000-00-00", "00000000", "0/0/0000", "00-00-0000"))
_FORMATOS_FECHA = (
    (re.compile(r"^(\d{1,2})/(\d{1,2})/(\d{4})(?:[ T].*)?$"), "dmy"),
    (re.compile(r"^(\d{4})-(\d{1,2})-(\d{1,2})(?:[ T].*)?$"), "ymd"),
    (re.compile(r"^(\d{4})/(\d{1,2})/(\d{1,2})(?:[ T].*)?$"), "ymd"),
    (re.compile(r"^(\d{1,2})-(\d{1,2})-(\d{4})(?:[ T].*)?$"), "dmy"),
    (re.compile(r"^(\d{1,2})\.(\d{1,2})\.(\d{4})$"), "dmy"),
    (re.compile(r"^(\d{4})(\d{2})(\d{2})$"), "ymd"),
)
_RE_SERIAL = re.compile(r"^\d{1,5}(?:\.\d+)?$")


def fecha_texto(t: str) -> dt.datetime | Literal[False] | None:
    """One date typed as text: a datetime, None when empty, False when it is not a date."""
    if t == "" or t in _VACIAS_FECHA:
        return None
    for patron, orden in _FORMATOS_FECHA:
        m = patron.match(t)
        if m:
            a, b, c = (int(x) for x in m.groups())
            anio, mes, dia = (c, b, a) if orden == "dmy" else (a, b, c)
            try:
                return dt.datetime(anio, mes, dia)
            except ValueError:
                return False
    if _RE_SERIAL.match(t):
        return _serial_uno(float(t))
    return False


def _serial_uno(x: float) -> dt.datetime | Literal[False]:
    if not 1 <= x <= SERIAL_MAXIMO:
        return False
    return EPOCA_EXCEL + dt.timedelta(days=int(x))


# Byte positions of the digits and separators in the two exact forms, and where day, month and year are.
_FORMAS_FIJAS = (
    (b"/", (2, 5), (0, 1), (3, 4), (6, 7, 8, 9)),  # dd/mm/yyyy
    (b"-", (4, 7), (8, 9), (5, 6), (0, 1, 2, 3)),  # yyyy-mm-dd
)
_DIAS_MES = np.array([31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31], dtype=np.int64)


def _fechas_fijas(dic: pa.Array) -> tuple[np.ndarray, np.ndarray]:
    """(datetime64[us] values, done mask) of the distinct texts written exactly dd/mm/yyyy or yyyy-mm-dd
    with a real date and a four-digit year from 1000: read from the bytes, all at once (pyarrow's strptime
    and the check of its round trip cost a microsecond a value). The others stay undone for the slower,
    general paths, which give these the same dates."""
    n = len(dic)
    valores = np.full(n, np.datetime64("NaT", "us"))
    hechos = np.zeros(n, dtype=bool)
    if not n or dic.null_count or not pa.types.is_large_string(dic.type):
        return valores, hechos
    datos = dic.buffers()[2]
    pos = desplazamientos(dic)
    diez = np.flatnonzero(np.diff(pos) == 10)
    if datos is None or not len(diez):
        return valores, hechos
    # one row of ten byte values per candidate, digits as 0-9 (anything else falls outside 0-9)
    b = np.frombuffer(datos, dtype=np.uint8)[pos[diez][:, None] + np.arange(10)].astype(np.int64) - ord("0")
    for sep, seps, dd, mm, aaaa in _FORMAS_FIJAS:
        cifras = [i for i in range(10) if i not in seps]
        forma = ((b[:, list(seps)] == sep[0] - ord("0")).all(axis=1)
                 & ((b[:, cifras] >= 0) & (b[:, cifras] <= 9)).all(axis=1) & ~hechos[diez])
        filas, c = diez[forma], b[forma]
        d, m, a = (_cifras(c, cols) for cols in (dd, mm, aaaa))
        bisiesto = (a % 4 == 0) & ((a % 100 != 0) | (a % 400 == 0))
        tope = _DIAS_MES[np.clip(m - 1, 0, 11)] + ((m == 2) & bisiesto)
        ok = (m >= 1) & (m <= 12) & (d >= 1) & (d <= tope) & (a >= 1000)
        meses = ((a[ok] - 1970) * 12 + m[ok] - 1).astype("datetime64[M]")
        valores[filas[ok]] = (meses.astype("datetime64[D]") + (d[ok] - 1)).astype("datetime64[us]")
        hechos[filas[ok]] = True
    return valores, hechos


def _cifras(filas: np.ndarray, columnas: tuple[int, ...]) -> np.ndarray:
    """The number the digits in `columnas` of each row write."""
    v = np.zeros(len(filas), dtype=np.int64)
    for c in columnas:
        v = v * 10 + filas[:, c]
    return v


def _fechas_texto(t: pa.Array) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """(datetime64[us] values, bad mask, empty mask) of a text column, parsed once per distinct value.

    The distinct values written exactly as dd/mm/yyyy or yyyy-mm-dd are parsed by pyarrow (a value is
    accepted only if formatting the date back gives the same text: pyarrow turns 31/02 into 02/03);
    the others, few, in Python.
    """
    dic, indices = _unicos(t)
    valores, hechos = _fechas_fijas(dic)
    # The empty text is an empty cell, not a date to try: a column with blanks and dates in the exact forms
    # would otherwise send every distinct date through pyarrow's parse for the sake of one "".
    vacios_ = np.asarray(pc.binary_length(dic)) == 0  # as `vacios` tells a dictionary's empty values
    for formato in ("%d/%m/%Y", "%Y-%m-%d"):
        if (hechos | vacios_).all():
            break
        fechas = pc.strptime(dic, format=formato, unit="us", error_is_null=True)
        vuelta = pc.strftime(fechas, format=formato)
        ok = _np(pc.equal(vuelta, dic.cast(pa.string()))) & ~hechos
        if ok.any():
            valores[ok] = np.asarray(fechas.to_numpy(zero_copy_only=False), dtype=UNIDAD_FECHA)[ok]
            hechos |= ok
    malos = np.zeros(len(dic), dtype=bool)
    pendientes = np.flatnonzero(~hechos & ~vacios_)
    if len(pendientes):
        textos = dic.take(pa.array(pendientes)).to_pylist()
        for i, u in zip(pendientes, textos, strict=True):
            f = fecha_texto(u)
            if f is None:
                vacios_[i] = True
            elif f is False:
                malos[i] = True
            else:
                valores[i] = np.datetime64(f, "us")
    idx = np.asarray(indices.to_numpy(zero_copy_only=False))
    return valores[idx], _por_valor(malos, idx), _por_valor(vacios_, idx)


def a_fecha(s: Celdas) -> tuple[pd.Series, np.ndarray, np.ndarray]:
    """dd/mm/yyyy (also d/m/yyyy and with a time), yyyy-mm-dd, yyyymmdd, an Excel serial, or a native date.

    Returns (dates at midnight as datetime64[us], bad mask, empty mask).
    """
    n = len(s)
    if es_texto(s):
        valores, malos, vacio = _fechas_texto(s if _diccionario(s) is not None else _pa(s))
        return pd.Series(valores, dtype=UNIDAD_FECHA), malos, vacio
    if pd.api.types.is_datetime64_any_dtype(s):
        return s.dt.normalize().astype(UNIDAD_FECHA), np.zeros(n, dtype=bool), s.isna().to_numpy()
    if s.dtype != object:  # native numbers: Excel serials
        x = pd.to_numeric(s, errors="coerce").to_numpy(dtype=np.float64, na_value=np.nan)
        return _de_seriales(x)
    valores = np.full(n, np.datetime64("NaT", "us"))
    malos = np.zeros(n, dtype=bool)
    vacio = np.zeros(n, dtype=bool)
    textos: dict[str, list[int]] = {}
    for i, v in enumerate(s):
        if v is None or (isinstance(v, float) and v != v) or v == "":
            vacio[i] = True
        elif isinstance(v, dt.datetime | dt.date):
            try:
                valores[i] = np.datetime64(dt.datetime(v.year, v.month, v.day), "us")
            except (ValueError, OverflowError):
                malos[i] = True
        elif _es_numero(v):
            f = _serial_uno(float(v))  # type: ignore[arg-type]
            if f is False:
                malos[i] = True
            else:
                valores[i] = np.datetime64(f, "us")
        elif isinstance(v, str):
            textos.setdefault(v.strip(), []).append(i)
        else:
            malos[i] = True
    for t, filas in textos.items():
        f = fecha_texto(t)
        if f is None:
            vacio[filas] = True
        elif f is False:
            malos[filas] = True
        else:
            valores[filas] = np.datetime64(f, "us")
    return pd.Series(valores, dtype=UNIDAD_FECHA), malos, vacio


def _de_seriales(x: np.ndarray) -> tuple[pd.Series, np.ndarray, np.ndarray]:
    vacio = np.isnan(x)
    validos = ~vacio & (x >= 1) & (x <= SERIAL_MAXIMO)
    dias = np.where(validos, np.floor(np.where(validos, x, 0)), 0).astype("int64")
    valores = (np.datetime64(EPOCA_EXCEL, "us") + dias.astype("timedelta64[D]")).astype(UNIDAD_FECHA)
    valores[~validos] = np.datetime64("NaT")
    return pd.Series(valores, dtype=UNIDAD_FECHA), ~vacio & ~validos, vacio


# --- documents, codes, accounts --------------------------------------------------------------------

def a_documento(s: Celdas) -> tuple[pd.Series, np.ndarray, np.ndarray, pd.Series]:
    """Normalise identity numbers: no dots, spaces or leading zeros; a NIT check digit after '-' dropped.

    Returns (normalised, bad mask, empty mask, original text). Only the cells that are not plain
    digits without a leading zero are rewritten.
    """
    t = texto(s) if es_texto(s) else limpiar(texto(s))
    largo = largos(t)
    vacio = largo == 0
    simples = digitos(t) & ~_np(pc.starts_with(t, "0")) & (largo <= 20)
    original = serie(t)
    otros = np.flatnonzero(~(simples | vacio))
    malos = np.zeros(len(t), dtype=bool)
    if not len(otros):
        return original, malos, vacio, original
    sub = pc.utf8_upper(t.take(pa.array(otros)))
    sub = pc.replace_substring_regex(sub, r"[\s.,]", "")
    sub = pc.replace_substring_regex(sub, r"-\d$", "")
    sub = pc.utf8_ltrim(sub, "0")
    malos[otros] = ~_np(pc.match_substring_regex(sub, r"^[0-9A-Z]{1,20}$"))
    base = pc.replace_with_mask(t, _mascara_pa(~(simples | vacio)), _contiguo(sub))
    return serie(base), malos, vacio, original


def _codigo_uno(v: str) -> str:
    v = v.strip().upper()
    m = re.match(r"^(\d+)\.0+$", v)
    if m:
        v = m.group(1)
    if len(v) > 1 and v.isdigit():
        v = v.lstrip("0") or "0"
    return v


def _codigos_unicos(s: Celdas, transformar: Callable[[str], str] | None) -> tuple[list[str], pa.Array]:
    """(each distinct cell converted to its code, index of each cell's value): the work done once per value."""
    t = s if _diccionario(s) is not None else texto(s)
    fn = _codigo_uno if transformar is None else (lambda v: transformar(_codigo_uno(v)))
    valores, indices = _unicos(t)
    return [fn(u) for u in valores.to_pylist()], indices


def a_codigo(s: Celdas, transformar: Callable[[str], str] | None = None) -> pd.Series:
    """Codes compared as text: trimmed, upper case, '1.0' and '01' as '1' (once per distinct value)."""
    convertidos, indices = _codigos_unicos(s, transformar)
    return serie(pa.array(convertidos, pa.large_string()).take(indices))


def a_codigo_permitido(s: Celdas, permitidos: tuple[str, ...], transformar: Callable[[str], str] | None = None
                       ) -> tuple[pd.Series, np.ndarray]:
    """As `a_codigo`, with the mask of the cells whose code is not one of `permitidos` (looked up once per
    distinct value, not once per cell)."""
    convertidos, indices = _codigos_unicos(s, transformar)
    conjunto = set(permitidos)
    fuera = np.array([v not in conjunto for v in convertidos], dtype=bool)
    idx = np.asarray(indices.to_numpy(zero_copy_only=False))
    return serie(pa.array(convertidos, pa.large_string()).take(indices)), _por_valor(fuera, idx)


def sin_acentos(v: str) -> str:
    return unicodedata.normalize("NFKD", v).encode("ascii", "ignore").decode("ascii")


def _cuenta_uno(v: str) -> tuple[str, bool, bool]:
    v = v.strip()
    m = re.match(r"^(\d+)\.0+$", v)
    if m:
        v = m.group(1)
    if v == "":
        return "", False, False
    if not re.fullmatch(r"\d{1,6}", v):
        return v, True, False
    return v.ljust(6, "0"), False, len(v) < 6


def a_cuenta(s: Celdas) -> tuple[pd.Series, np.ndarray, np.ndarray]:
    """CUIF account codes: digits only, at most 6, right-padded with zeros (12 -> 120000).

    Returns (code, bad mask, padded mask).
    """
    valores, indices = _unicos(s if _diccionario(s) is not None else texto(s))
    res = [_cuenta_uno(u) for u in valores.to_pylist()]
    idx = np.asarray(indices.to_numpy(zero_copy_only=False))
    codigos = pa.array([r[0] for r in res], pa.large_string()).take(indices)
    malos = _por_valor(np.array([r[1] for r in res], dtype=bool), idx)
    cortos = _por_valor(np.array([r[2] for r in res], dtype=bool), idx)
    return serie(codigos), malos, cortos
