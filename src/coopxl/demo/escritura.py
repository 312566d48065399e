"""CSV writer of the demo: `;`-separated, Windows-1252, CRLF, dd/mm/yyyy, decimal comma, no quoting.

Columns are rendered to text with pyarrow compute (vectorised), rows are joined the same way and the
bytes go out in chunks through `escritura_atomica`.
"""

from __future__ import annotations

from datetime import date
from pathlib import Path

import numpy as np
import pyarrow as pa
import pyarrow.compute as pc

from coopxl.archivos import escritura_atomica
from coopxl.demo.tablas import Celda, Columna, Tabla

CODIFICACION = "cp1252"
SEPARADOR = ";"
FIN_LINEA = "\r\n"
TROZO = 200_000


def numero_texto(valores: pa.Array, coma: str = ",") -> pa.Array:
    """Numbers as text: integers as they are, decimals with up to 2 decimals (trailing zeros dropped)."""
    if pa.types.is_integer(valores.type):
        return pc.cast(valores, pa.string())
    v = np.nan_to_num(valores.to_numpy(zero_copy_only=False), nan=0.0)
    centavos = np.round(v * 100).astype(np.int64)
    a = np.abs(centavos)
    entero_s = pc.cast(pa.array(a // 100), pa.string())
    frac = a % 100
    dos = pc.utf8_lpad(pc.cast(pa.array(frac), pa.string()), 2, "0")
    uno = pc.cast(pa.array(frac // 10), pa.string())
    decimales = pc.if_else(pa.array(frac == 0), "", pc.binary_join_element_wise(
        coma, pc.if_else(pa.array(frac % 10 == 0), uno, dos), ""))
    signo = pc.if_else(pa.array(centavos < 0), "-", "")
    texto = pc.binary_join_element_wise(signo, entero_s, decimales, "")
    return pc.if_else(valores.is_null(), pa.scalar(None, pa.string()), texto)


def fecha_texto(valores: pa.Array) -> pa.Array:
    """dd/mm/yyyy, formatting each distinct date once."""
    unicos = pc.unique(valores.drop_null())
    texto = pc.strftime(unicos.cast(pa.timestamp("s")), format="%d/%m/%Y")
    pos = pc.index_in(valores, value_set=unicos)
    return pc.take(texto, pos)


def limpiar_texto(valores: pa.Array) -> pa.Array:
    """No separators, quotes or line breaks inside a field (the files are written without quoting)."""
    if not pc.any(pc.match_substring_regex(valores, r'[;"\r\n]')).as_py():
        return valores
    v = pc.replace_substring(valores, SEPARADOR, ",")
    v = pc.replace_substring(v, '"', "'")
    return pc.replace_substring_regex(v, r"[\r\n]+", " ")


def celda_texto(valor: Celda) -> str:
    if valor is None:
        return ""
    if isinstance(valor, bool):
        return "1" if valor else "0"
    if isinstance(valor, int):
        return str(valor)
    if isinstance(valor, float):
        return numero_texto(pa.array([valor]))[0].as_py()
    if isinstance(valor, date):
        return valor.strftime("%d/%m/%Y")
    return str(valor).replace(SEPARADOR, ",").replace('"', "'").replace("\n", " ")


def columna_texto(col: Columna) -> pa.Array:
    if isinstance(col, list):
        return pa.array([celda_texto(v) for v in col], type=pa.string())
    if pa.types.is_string(col.type):
        return limpiar_texto(col)
    if pa.types.is_date(col.type):
        return fecha_texto(col)
    return numero_texto(col)


def bytes_de(filas: pa.Array) -> bytes:
    """The concatenated UTF-8 bytes of a string array without nulls."""
    if isinstance(filas, pa.ChunkedArray):
        filas = filas.combine_chunks()
    if filas.offset:
        filas = pa.concat_arrays([filas])
    offsets = np.frombuffer(filas.buffers()[1], dtype=np.int32, count=len(filas) + 1)
    return filas.buffers()[2].to_pybytes()[offsets[0]:offsets[-1]]


def lineas(columnas: list[pa.Array]) -> bytes:
    filas = pc.binary_join_element_wise(*columnas, SEPARADOR, null_handling="replace", null_replacement="")
    filas = pc.binary_join_element_wise(filas, "", FIN_LINEA)
    return bytes_de(filas)


def codificar(texto_utf8: bytes) -> bytes:
    return texto_utf8.decode("utf-8").encode(CODIFICACION)


def escribir_csv(tabla: Tabla, destino: Path) -> Path:
    with escritura_atomica(destino, "wb") as f:
        f.write((SEPARADOR.join(tabla.encabezados) + FIN_LINEA).encode(CODIFICACION))
        for inicio in range(0, tabla.filas, TROZO):
            trozo = [c[inicio:inicio + TROZO] for c in tabla.columnas]
            f.write(codificar(lineas([columna_texto(c) for c in trozo])))
    return destino
