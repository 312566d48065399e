"""The fast paths of the text reader give exactly what the plain paths give.

A Windows-1252 file is parsed as it is and only its text columns with non-ASCII bytes are turned into
UTF-8 afterwards; big files are mapped into memory instead of read. Each test compares against an
independent reference: the same rows written as UTF-8, Python's own codec, `bytes.count`, pyarrow's
trim, pandas' isin.
"""

from __future__ import annotations

import gc
import mmap
import random
import sys
import time
from pathlib import Path

import numpy as np
import pandas as pd
import pyarrow as pa
import pyarrow.compute as pc
import pytest

from coopxl.sicses import conversion as cv
from coopxl.sicses import lectura
from coopxl.sicses.lectura import a_utf8_desde_cp1252, leer_texto

# Every byte Windows-1252 gives a meaning to, and its five undefined ones (read as Latin-1).
ALTOS = [bytes([b]).decode("cp1252", errors="coopxl-latin1") for b in range(0x80, 0x100)]


def _celdas(semilla: int, n: int) -> list[str]:
    """Cells with accents anywhere (each non-ASCII character followed by an ASCII one, so the Windows-1252
    bytes never look like UTF-8), some empty, some with spaces at the borders."""
    r = random.Random(semilla)
    celdas = []
    for _ in range(n):
        k = r.random()
        if k < 0.15:
            celdas.append("")
        elif k < 0.5:
            celdas.append("".join(r.choice("abcXYZ 019") for _ in range(r.randint(1, 6))).strip() or "q")
        else:
            partes = [r.choice(ALTOS) + r.choice("aeiouNZ") for _ in range(r.randint(1, 4))]
            celdas.append(r.choice(("", "x")) + "".join(partes))
    return celdas


def _escribir(ruta: Path, filas: list[list[str]], codificacion: str, vacias: tuple[int, ...] = ()) -> None:
    lineas = ["Nombre;Codigo;Ciudad;Valor"]
    for i, f in enumerate(filas):
        if i in vacias:
            lineas.append("")
        lineas.append(";".join(f))
    ruta.write_bytes(("\r\n".join(lineas) + "\r\n").encode(codificacion, errors="strict" if codificacion != "cp1252"
                                                                        else "coopxl-revertir"))


def _revertir(exc: UnicodeError) -> tuple[bytes, int]:
    """Write U+0080..U+009F that Windows-1252 leaves undefined back as their Latin-1 byte."""
    assert isinstance(exc, UnicodeEncodeError)
    return exc.object[exc.start:exc.end].encode("latin-1"), exc.end


import codecs  # noqa: E402

codecs.register_error("coopxl-revertir", _revertir)


def _tabla(ruta: Path, codigos: frozenset[int] = frozenset({1})):
    return leer_texto(ruta, 2, 4, "utf-8", ";", codigos=codigos)


@pytest.mark.parametrize("mapear", [True, False])
@pytest.mark.parametrize("malas", [False, True])
def test_cp1252_igual_que_el_mismo_texto_en_utf8(tmp_path, monkeypatch, mapear, malas):
    monkeypatch.setattr(lectura, "MINIMO_MAPEO", 0 if mapear else 1 << 40)
    n = 400
    nombres, ciudades = _celdas(1, n), _celdas(2, n)
    codigos = [random.Random(i).choice(["01", "A", "Ñu", "é1", "", "€x"]) for i in range(n)]
    filas = [[nombres[i], codigos[i], ciudades[i], str(i)] for i in range(n)]
    if malas:
        filas[10] = ["Peña", "01"]  # too few fields: set aside with its text
        filas[20] = filas[20] + ["", ""]  # trailing empty fields: kept
        filas[30] = ["Ñoño", "A", "Múcura", "7", "sobra"]
    _escribir(tmp_path / "a.csv", filas, "cp1252", vacias=(5, 6))
    _escribir(tmp_path / "b.csv", filas, "utf-8", vacias=(5, 6))
    a, b = _tabla(tmp_path / "a.csv"), _tabla(tmp_path / "b.csv")
    assert a.codificacion == "cp1252" and b.codificacion == "utf-8"
    assert np.array_equal(a.lineas, b.lineas)
    assert a.filas_malas == b.filas_malas
    for x, y in zip(a.columnas, b.columnas, strict=True):
        assert x.type == y.type and x.equals(y)
    assert a.columnas[0].to_pylist()[:n // 2][:3] == [f[0] for f in filas[:3]]
    if malas:
        assert [m[2] for m in a.filas_malas] == ["Peña;01", "Ñoño;A;Múcura;7;sobra"]
        assert pa.types.is_large_string(a.columnas[0].type)  # the recovered row turned the columns into text
    else:
        assert pa.types.is_dictionary(a.columnas[1].type)


def test_cp1252_cada_byte_en_su_lugar():
    """Every non-ASCII byte, at the start, middle and end of a cell, next to empty cells."""
    textos = []
    for ch in ALTOS:
        textos += [ch + "a", "a" + ch + "b", "b" + ch, "", ch + " " + ch]
    crudos = [t.encode("cp1252", errors="coopxl-revertir") for t in textos]
    for tipo in (pa.large_string(), pa.string()):
        arr = pa.array(crudos, pa.large_binary() if tipo == pa.large_string() else pa.binary()).view(tipo)
        hecho = a_utf8_desde_cp1252(arr)
        assert hecho.type == tipo
        hecho.validate(full=True)
        assert hecho.to_pylist() == textos
    dic = pa.DictionaryArray.from_arrays(pa.array([3, 0, 1, 1, 2], pa.int32()),
                                         pa.array(crudos[:4], pa.large_binary()).view(pa.large_string()))
    hecho = a_utf8_desde_cp1252(dic)
    assert hecho.type == dic.type
    assert hecho.to_pylist() == [textos[i] for i in (3, 0, 1, 1, 2)]


def test_cp1252_columnas_sin_tildes_y_numeros_no_se_tocan():
    ascii_ = pa.array(["abc", "", "d"], pa.large_string())
    numeros = pa.array([1.5, None])
    assert a_utf8_desde_cp1252(ascii_) is ascii_
    assert a_utf8_desde_cp1252(numeros) is numeros
    assert a_utf8_desde_cp1252(pa.array([], pa.large_string())).to_pylist() == []


def test_cp1252_rebanada_o_con_nulos_celda_por_celda():
    crudos = pa.array([b"a\xf1o", None, b"\xe9", b"x"], pa.large_binary()).view(pa.large_string())
    assert a_utf8_desde_cp1252(crudos).to_pylist() == ["año", None, "é", "x"]
    assert a_utf8_desde_cp1252(crudos.slice(2)).to_pylist() == ["é", "x"]


def test_contar_en_un_archivo_mapeado_como_bytes_count(tmp_path, monkeypatch):
    monkeypatch.setattr(lectura, "_TROZO", 7)
    datos = bytes(random.Random(3).choice(b"ab\n\r;") for _ in range(1000))
    ruta = tmp_path / "x.bin"
    ruta.write_bytes(datos)
    with open(ruta, "rb") as f:
        m = mmap.mmap(f.fileno(), 0, access=mmap.ACCESS_READ)
    try:
        for fin in (None, 0, 1, 6, 7, 8, 500, 1000):
            assert lectura._contar(m, 10, fin) == datos.count(b"\n", 0, len(datos) if fin is None else fin)
            assert lectura._contar(datos, 10, fin) == datos.count(b"\n", 0, len(datos) if fin is None else fin)
    finally:
        m.close()


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="/proc/self/maps")
def test_el_archivo_mapeado_se_suelta(tmp_path, monkeypatch):
    monkeypatch.setattr(lectura, "MINIMO_MAPEO", 0)
    ruta = tmp_path / "mapeado.csv"
    _escribir(ruta, [["Peña", "01", "Cali", "1"]] * 50, "cp1252")
    tabla = _tabla(ruta)
    assert tabla.filas == 50
    # pyarrow's reading threads may hold the bytes a moment after returning; then the map goes.
    for _ in range(100):
        gc.collect()
        if str(ruta) not in Path("/proc/self/maps").read_text():
            break
        time.sleep(0.05)
    assert str(ruta) not in Path("/proc/self/maps").read_text()


@pytest.mark.parametrize("mapear", [True, False])
def test_mezcla_y_bom_en_archivo_mapeado(tmp_path, monkeypatch, mapear):
    """UTF-8 with a Windows-1252 line (line number of the mix) and UTF-8 with BOM, mapped or read."""
    monkeypatch.setattr(lectura, "MINIMO_MAPEO", 0 if mapear else 1 << 40)
    ruta = tmp_path / "m.csv"
    cuerpo = "Nombre;Codigo;Ciudad;Valor\r\n" + "José;1;Cali;2\r\n" * 3
    ruta.write_bytes(cuerpo.encode("utf-8") + "Peña;1;Bogotá;3\r\n".encode("cp1252"))
    t = _tabla(ruta)
    assert t.codificacion == "mixta" and t.mezcla == (5, "Peña;1;Bogotá;3")
    assert t.columnas[0].to_pylist() == ["José"] * 3 + ["Peña"]
    ruta.write_bytes(b"\xef\xbb\xbf" + cuerpo.encode("utf-8"))
    t = _tabla(ruta)
    assert t.codificacion == "utf-8-sig" and t.columnas[0].to_pylist() == ["José"] * 3


# --- conversion shortcuts ------------------------------------------------------------------------

def test_limpiar_igual_que_recortar_todo():
    """The border pre-check may skip the trim only when trimming would change nothing."""
    r = random.Random(5)
    piezas = ["a", "é", "ñ", " ", "\u00a0", "\u3000", "\ufeff", "\u2003", "\t", "ü", "€", "x"]
    for _ in range(200):
        celdas = ["".join(r.choice(piezas) for _ in range(r.randint(0, 4))) for _ in range(r.randint(1, 8))]
        arr = pa.array(celdas, pa.large_string())
        assert cv.limpiar(arr).to_pylist() == pc.utf8_trim(arr, cv._ESPACIOS).to_pylist(), celdas


def test_numeros_nativos_sin_texto():
    for s in (pa.array([1.5, None, 3.0]), pd.Series([1.5, np.nan, 3.0])):
        n = cv.analizar_numeros(s)
        assert n.vacio.tolist() == [False, True, False] and not n.digitos.any() and not n.malos.any()
        assert n.evidencia() == "indistinto" or n.estilo_nativo is None
        assert np.array_equal(cv.a_numero(n, "colombiano"), np.array([1.5, np.nan, 3.0]), equal_nan=True)


@pytest.mark.parametrize("diccionario", [True, False])
def test_codigos_permitidos_como_isin(diccionario):
    valores = ["01", "1", " c ", "", "X", "1.0", "e", "c", "13"]
    arr = pa.array(valores * 3, pa.large_string())
    s = pc.dictionary_encode(arr) if diccionario else arr
    for permitidos, fn in ((("1", "C"), None), (("C", "E"), lambda v: {"13": "C"}.get(v, v)), ((), None)):
        esperado = cv.a_codigo(s, fn)
        t, fuera = cv.a_codigo_permitido(s, permitidos, fn)
        assert t.equals(esperado) and t.dtype == esperado.dtype
        assert fuera.tolist() == (~esperado.isin(permitidos).to_numpy()).tolist()


def test_bom_seguido_de_cp1252_con_filas_malas(tmp_path):
    """A BOM before Windows-1252 text (an exporter's mix-up) and a short row: the BOM is not data."""
    _escribir(tmp_path / "b.csv", [["Peña", "01", "Cali", "1"], ["Ñu"], ["Ábaco", "A", "Pasto", "2"]], "utf-8")
    a = tmp_path / "a.csv"
    _escribir(a, [["Peña", "01", "Cali", "1"], ["Ñu"], ["Ábaco", "A", "Pasto", "2"]], "cp1252")
    a.write_bytes(b"\xef\xbb\xbf" + a.read_bytes())
    x, y = _tabla(a), _tabla(tmp_path / "b.csv")
    assert x.codificacion == "cp1252"
    assert x.filas_malas == y.filas_malas == [(3, 1, "Ñu")]
    assert np.array_equal(x.lineas, y.lineas)
    assert all(c.equals(d) for c, d in zip(x.columnas, y.columnas, strict=True))


def _fechas_por_strptime(dic: pa.Array) -> tuple[np.ndarray, np.ndarray]:
    """The general path for the two exact forms: pyarrow's strptime, kept only when formatting back gives the text."""
    valores = np.full(len(dic), np.datetime64("NaT", "us"))
    hechos = np.zeros(len(dic), dtype=bool)
    for formato in ("%d/%m/%Y", "%Y-%m-%d"):
        fechas = pc.strptime(dic, format=formato, unit="us", error_is_null=True)
        vuelta = pc.fill_null(pc.equal(pc.strftime(fechas, format=formato), dic.cast(pa.string())), False)
        ok = np.asarray(vuelta.to_numpy(zero_copy_only=False), dtype=bool) & ~hechos
        valores[ok] = np.asarray(fechas.to_numpy(zero_copy_only=False), dtype="datetime64[us]")[ok]
        hechos |= ok
    return valores, hechos


def test_fechas_fijas_como_strptime():
    """The byte-level reading of dd/mm/yyyy and yyyy-mm-dd takes only texts strptime takes, with the same
    date (31/02, 29/02 of 1900 and 2023, month 13, day 0 rejected); what it leaves goes the general way."""
    textos = {"1/2/2024", "01/02/24", "2024/01/02", "01-02-2024", "aa/bb/cccc", " 01/02/2024", "01/02/2024 ",
              "0000-00-00", "00/00/0000", "31/12/20x4", "+1/02/2024", "01/02/2024", "١٢/٠٢/٢٠٢٤", "01/0202024"}
    for anio in (1000, 1600, 1899, 1900, 2000, 2023, 2024, 2100, 9999, 999, 1):
        for mes in range(0, 14):
            for dia in range(0, 33):
                textos |= {f"{dia:02d}/{mes:02d}/{anio:04d}", f"{anio:04d}-{mes:02d}-{dia:02d}"}
    dic = pa.array(sorted(textos), pa.large_string())
    valores, hechos = cv._fechas_fijas(dic)
    esperados, aceptados = _fechas_por_strptime(dic)
    assert hechos.sum() > 5000 and not (hechos & ~aceptados).any()
    assert np.array_equal(valores[hechos], esperados[hechos])
    dejados = [dic[int(i)].as_py() for i in np.flatnonzero(aceptados & ~hechos)]
    assert dejados and all(int(v[-4:] if "/" in v else v[:4]) < 1000 for v in dejados)  # years before 1000 only
    # whole path: fast and general parts together, with and without empty cells (an empty text is never
    # tried as a date), and blanks beside dates that the fast part takes alone
    for lista in (dic.to_pylist() * 2, ["", *dic.to_pylist(), ""], ["", "01/02/2024", "2024-02-29", ""],
                  ["", "31/02/2024", "01/02/2024"], [""]):
        t = pa.array(lista, pa.large_string())
        todas, malos, vacios = cv._fechas_texto(t)
        for i, v in enumerate(t.to_pylist()):
            f = cv.fecha_texto(v)
            assert vacios[i] == (f is None) and malos[i] == (f is False), v
            if f not in (None, False):
                assert todas[i] == np.datetime64(f, "us"), v


def test_evidencia_de_numeros_nativos():
    """A fraction anywhere in a native column shows its style; NaN, inf and whole numbers show none."""
    for valores, fraccion in (([1.0, np.nan, -3.0, np.inf, -np.inf], False), ([-1e-20], True), ([2.5], True),
                              ([1e300, -1e300], False), ([np.nan], False), ([0.0] * 70000 + [0.5], True)):
        n = cv.analizar_numeros(pa.array(valores))
        n.estilo_nativo = "colombiano"
        assert (n.evidencia() == "colombiano") == fraccion, valores


def test_numero_texto_simple_igual_que_la_columna():
    for texto in ("0", "007", "123456789012345678901234", " 42 ", "1234567"):
        n = cv.analizar_numeros(pd.Series([texto.strip()], dtype="str"))
        assert cv.a_numero_texto(texto) == float(cv.a_numero(n, "colombiano")[0])
    assert cv.a_numero_texto("1.234,5") == 1234.5 and cv.a_numero_texto("") is None


def test_pagares_repetidos_como_por_texto():
    """Loan numbers told apart by an integer key flag the same rows as by their text."""
    from coopxl.sicses.validacion import _primeras, _repetidos

    r = random.Random(9)
    for _ in range(50):
        piezas = ["7", "007", "07", "", "12345678901234567", "1", "0", "00"] + [str(r.randint(0, 50)) for _ in range(5)]
        if r.random() < 0.2:
            piezas.append("A-1")  # not all digits: the text path
        s = pd.Series([r.choice(piezas) for _ in range(r.randint(0, 30))], dtype="str")
        assert _repetidos(s).tolist() == (~_primeras(s)[1]).tolist(), s.tolist()


def _bytes_referencia(d: bytes) -> tuple[str, int | None, int | None, int]:
    """`analizar_bytes` by its definition, byte by byte: a lead byte followed by its continuation bytes is a
    UTF-8 character; any other byte >= 0x80 is loose (Windows-1252)."""
    altos = [i for i, b in enumerate(d) if b >= 0x80]
    cubiertos: set[int] = set()
    hay_utf8 = False
    moji = None
    for i in altos:
        b = d[i]
        largo = 2 if 0xC2 <= b <= 0xDF else 3 if 0xE0 <= b <= 0xEF else 4 if 0xF0 <= b <= 0xF4 else 0
        if largo and all(i + k < len(d) and d[i + k] & 0xC0 == 0x80 for k in range(1, largo)):
            cubiertos.update(range(i, i + largo))
            hay_utf8 = True
            if moji is None and b == 0xC3 and d[i + 1] in (0x83, 0x82) and i + 2 < len(d) and 0xC2 <= d[i + 2] <= 0xE2:
                moji = i
    sueltos = [i for i in altos if i not in cubiertos]
    if not altos:
        return "ascii", None, None, 0
    if not sueltos:
        return "utf-8", None, moji, len(altos)
    return ("mixta" if hay_utf8 else "cp1252"), sueltos[0], moji, len(altos)


def test_clasificar_bytes_como_su_definicion():
    r = random.Random(3)
    piezas = [b"a", b" ", b"\xe1", b"\xf1", b"\xc3\xb1", b"\xc3\x83\xc2\xb1", b"\xe2\x82\xac", b"\xf0\x9f\x98\x80",
              b"\x80", b"\xbf", b"\xc2", b"\xe0\xa0", b"\xc3", b"\xc3\x82\xc3", b"\xed\xa0\x80", b"\xf4\x90\x80\x80"]
    for _ in range(3000):
        d = b"".join(r.choice(piezas) for _ in range(r.randint(0, 12)))
        b = lectura.analizar_bytes(d)
        assert (b.etiqueta, b.no_utf8, b.mojibake, b.altos) == _bytes_referencia(d), d


def test_cp1252_desde_a0_como_latin1():
    """A column whose non-ASCII bytes are all 0xA0 or above goes through the Latin-1 decoder: the same text."""
    textos = []
    for ch in ALTOS[0x20:]:
        textos += [ch + "a", "a" + ch + "b", "", ch + " " + ch]
    crudos = [t.encode("cp1252", errors="coopxl-revertir") for t in textos]
    assert all(b >= 0xA0 for c in crudos for b in c if b >= 0x80)
    arr = pa.array(crudos, pa.large_binary()).view(pa.large_string())
    hecho = a_utf8_desde_cp1252(arr)
    hecho.validate(full=True)
    assert hecho.to_pylist() == textos


def test_comillas_con_y_sin(tmp_path):
    """A file with quoted fields (a separator inside one) is split with quotes; one without any quote is
    split without quote handling, and gives the same cells as the same rows quoted."""
    filas = [["Peña Ñoño", "01", "Bogotá", "7"], ["Ana", "A", "Cali", "8"]]
    _escribir(tmp_path / "sin.csv", filas, "cp1252")
    (tmp_path / "con.csv").write_bytes(("Nombre;Codigo;Ciudad;Valor\r\n" + "".join(
        ";".join(f'"{c}"' for c in f) + "\r\n" for f in filas) + '"Ruiz; Luis";"B";"Pasto";"9"\r\n').encode("cp1252"))
    sin, con = _tabla(tmp_path / "sin.csv"), _tabla(tmp_path / "con.csv")
    for x, y in zip(sin.columnas, con.columnas, strict=True):
        assert x.to_pylist() == y.to_pylist()[:2]
    assert [c.to_pylist()[2] for c in con.columnas] == ["Ruiz; Luis", "B", "Pasto", "9"]


def test_digitos_y_largos_como_pyarrow():
    """Digits and lengths read off the buffers agree with pyarrow's kernels, digits-only columns or not."""
    r = random.Random(11)
    for _ in range(200):
        piezas = ["0", "7", "123", "", "0012"] + (["A1", "1-2", " 3", "é"] if r.random() < 0.5 else [])
        arr = pa.array([r.choice(piezas) for _ in range(r.randint(0, 12))], pa.large_string())
        for a in (arr, arr.slice(min(1, len(arr))), pa.chunked_array([arr, arr], pa.large_string())):
            esperado = np.asarray(pc.fill_null(pc.ascii_is_decimal(a), False).to_numpy(zero_copy_only=False), bool)
            assert np.array_equal(cv.digitos(a), esperado), a
            assert np.array_equal(cv.largos(a), np.asarray(pc.binary_length(a), dtype=np.int64).reshape(-1))
            assert np.array_equal(cv.vacios(a), cv.largos(a) == 0)


def test_cp1252_a_trozos(monkeypatch):
    """The column is turned into UTF-8 a few bytes at a time: every cut (inside a cell, between two non-ASCII
    bytes) gives the same text."""
    textos = ["Peña", "", "€uro ñandú", "x" * 7, "ÁÉÍÓÚ", "“comillas”"] * 5
    crudos = pa.array([t.encode("cp1252") for t in textos], pa.large_binary()).view(pa.large_string())
    for trozo in (1, 2, 3, 5, 7, 64):
        monkeypatch.setattr(lectura, "_TROZO", trozo)
        hecho = a_utf8_desde_cp1252(crudos)
        hecho.validate(full=True)
        assert hecho.to_pylist() == textos, trozo


def _entorno_tras_importar(extra: dict[str, str]) -> list[str]:
    import os
    import subprocess

    entorno = {k: v for k, v in os.environ.items() if not k.startswith("MIMALLOC_")} | extra
    codigo = ("import sys, os, coopxl; print('pyarrow' in sys.modules); import pyarrow; "
              "print(os.environ.get('MIMALLOC_ARENA_EAGER_COMMIT'), os.environ.get('MIMALLOC_PURGE_DELAY'))")
    salida = subprocess.run([sys.executable, "-c", codigo], env=entorno, capture_output=True, text=True, check=True)
    return salida.stdout.split()


def test_ajustes_del_asignador_antes_de_pyarrow() -> None:
    """coopxl sets mimalloc's options before pyarrow is loaded (mimalloc reads them when the library loads),
    and a value the user set is kept."""
    assert _entorno_tras_importar({}) == ["False", "0", "10000"]
    assert _entorno_tras_importar({"MIMALLOC_PURGE_DELAY": "5"}) == ["False", "0", "5"]
