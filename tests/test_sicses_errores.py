"""A catalogue of broken files: each gives its Spanish message at the right row and column, never a traceback."""

from __future__ import annotations

import io
import os
import zipfile

try:
    from test_sicses_fabrica import (
        APORTES,
        ASOCIADOS,
        DIRECTIVOS,
        aporte,
        asociado,
        directivo,
        problemas,
        texto,
        uno,
        xlsx,
    )
except ImportError:
    from tests.test_sicses_fabrica import (
        APORTES,
        ASOCIADOS,
        DIRECTIVOS,
        aporte,
        asociado,
        directivo,
        problemas,
        texto,
        uno,
        xlsx,
    )

from coopxl.sicses.descubrimiento import leer_carpeta


def _leer(carpeta):
    lectura = leer_carpeta(carpeta)
    return lectura, lectura.informe


def test_mezcla_de_utf8_y_cp1252(tmp_path):
    lineas = [";".join(ASOCIADOS).encode("cp1252"),
              ";".join(asociado("1", ape1="Núñez")).encode("cp1252"),
              ";".join(asociado("2", ape1="Peña")).encode("utf-8"),
              ";".join(asociado("3", nombres="José")).encode("cp1252")]
    (tmp_path / "asociados.csv").write_bytes(b"\r\n".join(lineas) + b"\r\n")
    lectura, inf = _leer(tmp_path)
    a = lectura.cargas["asociados"].datos
    assert list(a["primer_apellido"]) == ["Núñez", "Peña", "Pérez"]  # each part with its own encoding
    assert a["nombres"].iloc[2] == "José"
    assert lectura.cargas["asociados"].codificacion == "mixta"
    p = uno(inf, contiene="mezcla las codificaciones")
    assert p.severidad == "advertencia" and p.fila == 2 and "Núñez" in p.valor
    assert inf.errores == 0


def test_utf8_decodificado_dos_veces(tmp_path):
    filas = [asociado("1"), asociado("2", ape1="NÃºÃ±ez")]
    texto(tmp_path / "asociados.csv", ASOCIADOS, filas, codificacion="utf-8")
    _, inf = _leer(tmp_path)
    p = uno(inf, contiene="caracteres dañados")
    assert p.severidad == "advertencia" and p.fila == 3


def test_falta_columna_obligatoria(tmp_path):
    encabezado = [h for h in ASOCIADOS if h != "Fecha Ingreso"]
    filas = [[c for h, c in zip(ASOCIADOS, asociado("1"), strict=True) if h != "Fecha Ingreso"]]
    texto(tmp_path / "asociados.csv", encabezado, filas, preambulo=["Reporte de asociados", "", "Corte"])
    lectura, inf = _leer(tmp_path)
    assert "asociados" not in lectura.cargas
    p = uno(inf, severidad="error")
    assert p.mensaje == ("faltan columnas obligatorias del Informe individual de asociados en el encabezado "
                         "(línea 4): «Fecha Ingreso».")
    assert (p.fila, p.columna) == (4, "Fecha Ingreso")


def test_texto_en_columna_numerica(tmp_path):
    texto(tmp_path / "aportes.csv", APORTES, [aporte("1"), aporte("2", saldo="un millón")])
    _, inf = _leer(tmp_path)
    p = uno(inf, contiene="se esperaba un número", archivo="aportes.csv")
    assert (p.severidad, p.fila, p.columna, p.valor) == ("error", 3, "Saldo Total", "un millón")
    assert p.mensaje == "se esperaba un número (por ejemplo 1234567,89 o 1.234.567,89)."


def test_codigo_desconocido(tmp_path):
    texto(tmp_path / "asociados.csv", ASOCIADOS, [asociado("1"), asociado("2", genero="7")])
    _, inf = _leer(tmp_path)
    p = uno(inf, contiene="código desconocido")
    assert (p.severidad, p.fila, p.columna, p.valor) == ("error", 3, "Genero", "7")
    assert p.mensaje == ("código desconocido; se esperaba uno de: 1, 2, 3 (1 masculino, 2 femenino, 3 persona "
                         "jurídica).")


def test_tipo_de_documento_desconocido(tmp_path):
    texto(tmp_path / "aportes.csv", APORTES, [aporte("1", tipo="X")])
    p = uno(_leer(tmp_path)[1], contiene="tipo de documento desconocido")
    assert (p.fila, p.columna, p.valor) == (2, "Tipo Documento", "X")


def test_fila_truncada_y_fila_con_separadores_de_mas(tmp_path):
    lineas = [";".join(APORTES), ";".join(aporte("1")), "C;2;1000", ";".join(aporte("3")),
              ";".join(aporte("4")) + ";x;y", ";".join(aporte("5"))]
    (tmp_path / "aportes.csv").write_text("\r\n".join(lineas) + "\r\n", encoding="cp1252")
    lectura, inf = _leer(tmp_path)
    d = lectura.cargas["aportes"].datos
    assert list(d["documento"]) == ["1", "3", "5"]
    assert list(d["_linea"]) == [2, 4, 6]
    corta = uno(inf, contiene="fila incompleta")
    assert corta.mensaje == "fila incompleta: tiene 3 campos y se esperaban 9; se omite."
    assert (corta.severidad, corta.fila, corta.columna, corta.valor) == ("error", 3, None, "C;2;1000")
    larga = uno(inf, contiene="separadores de más")
    assert (larga.fila, larga.columna) == (5, None) and larga.mensaje.startswith("la fila tiene 11 campos")


def test_separadores_vacios_de_mas_en_una_fila_no_son_error(tmp_path):
    lineas = [";".join(APORTES), ";".join(aporte("1")) + ";;", ";".join(aporte("2"))]
    (tmp_path / "aportes.csv").write_text("\n".join(lineas) + "\n", encoding="cp1252")
    lectura, inf = _leer(tmp_path)
    assert list(lectura.cargas["aportes"].datos["_linea"]) == [2, 3]
    assert inf.errores == 0


def test_archivo_vacio(tmp_path):
    (tmp_path / "aportes.csv").write_bytes(b"")
    (tmp_path / "cartera.csv").write_bytes(b"\r\n  \r\n")
    _, inf = _leer(tmp_path)
    for nombre in ("aportes.csv", "cartera.csv"):
        p = uno(inf, archivo=nombre)
        assert (p.severidad, p.mensaje, p.fila, p.columna) == ("error", "el archivo está vacío.", None, None)


def test_solo_encabezado(tmp_path):
    texto(tmp_path / "aportes.csv", APORTES, [])
    lectura, inf = _leer(tmp_path)
    assert lectura.cargas["aportes"].filas == 0
    p = uno(inf)
    assert (p.severidad, p.fila) == ("advertencia", 1) and "no tiene filas de datos" in p.mensaje


def test_binario_con_extension_csv(tmp_path):
    (tmp_path / "asociados.csv").write_bytes(os.urandom(4096))
    lectura, inf = _leer(tmp_path)
    p = uno(inf)
    assert p.severidad == "error" and p.mensaje.startswith("no es un archivo de texto (contiene bytes binarios)")
    assert lectura.cargas == {}


def test_xlsx_con_extension_csv_se_lee_como_excel(tmp_path):
    xlsx(tmp_path / "x.xlsx", APORTES, [["C", 1001, 5, 0, 0, 0, 0, 0, None]])
    (tmp_path / "x.xlsx").rename(tmp_path / "aportes.csv")
    lectura, inf = _leer(tmp_path)
    assert list(lectura.cargas["aportes"].datos["saldo_total"]) == [5]
    p = uno(inf)
    assert p.severidad == "advertencia" and "es un libro de Excel guardado con extensión .csv" in p.mensaje


def test_zip_con_extension_csv(tmp_path):
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w") as z:
        z.writestr("asociados.csv", "Tipo Doc;Documento\n")
    (tmp_path / "asociados.csv").write_bytes(buf.getvalue())
    p = uno(_leer(tmp_path)[1])
    assert p.severidad == "error" and p.mensaje.startswith("es un archivo comprimido (zip)")


def test_xlsx_que_no_es_zip(tmp_path):
    (tmp_path / "aportes.xlsx").write_bytes(b"\x01\x02garbage\x00\xff" * 100)
    p = uno(_leer(tmp_path)[1])
    assert p.severidad == "error" and p.archivo == "aportes.xlsx"
    assert p.mensaje.startswith("no es un libro de Excel válido")


def test_xlsx_dañado(tmp_path):
    xlsx(tmp_path / "aportes.xlsx", APORTES, [["C", 1, 5, 0, 0, 0, 0, 0, None]])
    datos = (tmp_path / "aportes.xlsx").read_bytes()
    (tmp_path / "aportes.xlsx").write_bytes(datos[: len(datos) // 2])
    p = uno(_leer(tmp_path)[1])
    assert p.severidad == "error" and "no es un libro de Excel válido o está dañado" in p.mensaje


def test_texto_con_extension_xlsx_se_lee_como_texto(tmp_path):
    texto(tmp_path / "aportes.xlsx", APORTES, [aporte("1")])
    lectura, inf = _leer(tmp_path)
    assert lectura.cargas["aportes"].filas == 1
    assert "es un archivo de texto; se lee como texto" in uno(inf).mensaje


def test_pdf(tmp_path):
    (tmp_path / "cartera.csv").write_bytes(b"%PDF-1.4\n%\xe2\xe3\xcf\xd3\n1 0 obj\n")
    assert uno(_leer(tmp_path)[1]).mensaje.startswith("es un documento PDF")


def test_dos_archivos_del_mismo_reporte(tmp_path):
    texto(tmp_path / "directivos_2024.csv", DIRECTIVOS, [directivo("1")])
    texto(tmp_path / "directivos_2025.csv", DIRECTIVOS, [directivo("2")])
    lectura, inf = _leer(tmp_path)
    assert lectura.cargas["directivos"].archivo.name == "directivos_2024.csv"
    p = uno(inf)
    assert (p.severidad, p.archivo, p.fila) == ("error", "directivos_2025.csv", None)
    assert "ya se leyó de «directivos_2024.csv»" in p.mensaje


def test_el_segundo_archivo_de_un_reporte_no_reporta_sus_celdas(tmp_path):
    """The second file of a report is read beside the others, but only the one error about it is said: its
    bad cells are not (it is ignored), and the first file's are."""
    texto(tmp_path / "directivos_2024.csv", DIRECTIVOS, [directivo("1", organo="X9")])
    texto(tmp_path / "directivos_2025.csv", DIRECTIVOS, [directivo("2", organo="Z7"), directivo("abc$")])
    lectura, inf = _leer(tmp_path)
    assert lectura.cargas["directivos"].archivo.name == "directivos_2024.csv"
    segundo = [p for p in inf.todos() if p.archivo == "directivos_2025.csv"]
    assert len(segundo) == 1 and "ya se leyó de «directivos_2024.csv»" in segundo[0].mensaje
    assert any(p.archivo == "directivos_2024.csv" and p.valor == "X9" for p in inf.todos())


def test_archivo_irreconocible(tmp_path):
    texto(tmp_path / "ventas.csv", ["Producto", "Cantidad", "Precio"], [["Café", "2", "5000"]])
    lectura, inf = _leer(tmp_path)
    p = uno(inf)
    assert (p.severidad, p.archivo, p.fila) == ("error", "ventas.csv", 1)
    assert p.mensaje.startswith("no se reconoce el reporte")
    assert [a.name for a in lectura.no_reconocidos] == ["ventas.csv"]


def test_columna_desconocida_y_repetida(tmp_path):
    encabezado = [*APORTES, "Observaciones", "Documento"]
    texto(tmp_path / "aportes.csv", encabezado, [[*aporte("1"), "nota", "1"]])
    _, inf = _leer(tmp_path)
    p = uno(inf, contiene="no pertenece")
    assert (p.severidad, p.fila, p.columna) == ("advertencia", 1, "Observaciones")
    p = uno(inf, contiene="está repetida")
    assert (p.severidad, p.fila, p.columna) == ("advertencia", 1, "Documento")


def test_muchos_errores_iguales_se_resumen(tmp_path):
    texto(tmp_path / "aportes.csv", APORTES, [aporte(str(i), saldo="x") for i in range(1, 121)])
    _, inf = _leer(tmp_path)
    listados = [p for p in problemas(inf, contiene="se esperaba un número") if p.fila is not None]
    assert len(listados) == 50 and inf.errores == 120
    resumen = uno(inf, contiene="filas más con el mismo problema")
    assert resumen.mensaje.startswith("70 filas más") and resumen.columna == "Saldo Total"


def test_informe_propio_en_la_carpeta_se_ignora(tmp_path):
    texto(tmp_path / "aportes.csv", APORTES, [aporte("1", saldo="x")])
    _, inf = _leer(tmp_path)
    inf.escribir_csv(tmp_path / "validacion.csv")
    lectura2 = leer_carpeta(tmp_path)
    assert lectura2.informe.errores == 1 and lectura2.no_reconocidos == []


def _grande(tmp_path, primera: str, despues: str):
    """An asociados file of ~2 MB whose first rows are in one encoding and a late row in another."""
    lineas = [";".join(ASOCIADOS).encode(primera)]
    lineas += [";".join(asociado(str(10_000 + i), ape1="Muñoz")).encode(primera) for i in range(8000)]
    lineas.append(";".join(asociado("99999", ape1="Peña", nombres="José")).encode(despues))
    (tmp_path / "asociados.csv").write_bytes(b"\r\n".join(lineas) + b"\r\n")
    return leer_carpeta(tmp_path)


def test_mezcla_despues_del_primer_mega(tmp_path):
    lectura = _grande(tmp_path, "utf-8", "cp1252")
    a = lectura.cargas["asociados"].datos
    assert a["primer_apellido"].iloc[0] == "Muñoz" and a["primer_apellido"].iloc[-1] == "Peña"
    p = uno(lectura.informe, contiene="mezcla las codificaciones")
    assert p.fila == 8002 and "Peña" in p.valor


def test_utf8_despues_de_cp1252(tmp_path):
    lectura = _grande(tmp_path, "cp1252", "utf-8")
    a = lectura.cargas["asociados"].datos
    assert a["primer_apellido"].iloc[0] == "Muñoz" and a["nombres"].iloc[-1] == "José"
    assert uno(lectura.informe, contiene="mezcla las codificaciones").fila == 2  # the first cp1252 byte


def test_cp1252_con_bytes_indefinidos(tmp_path):
    """0x81, 0x8D, 0x8F, 0x90 and 0x9D are undefined in Windows-1252: read as Latin-1, never an error."""
    filas = [";".join(aporte("1")).encode("cp1252"), b"C;2;1000;0;0;0;0;0;\x8d15/12/2025"]
    (tmp_path / "aportes.csv").write_bytes(";".join(APORTES).encode("cp1252") + b"\r\n" + b"\r\n".join(filas))
    lectura, inf = _leer(tmp_path)
    assert lectura.cargas["aportes"].filas == 2
    assert uno(inf, contiene="se esperaba una fecha").fila == 3


def test_lectura_en_paralelo_da_el_mismo_informe(tmp_path):
    texto(tmp_path / "aportes.csv", APORTES, [aporte("1", saldo="x"), aporte("2", tipo="Q")])
    texto(tmp_path / "asociados.csv", ASOCIADOS, [asociado("1", genero="9"), asociado("2", ingreso="hoy")])
    texto(tmp_path / "directivos.csv", DIRECTIVOS, [directivo("1", organo="7")])
    (tmp_path / "zz.csv").write_bytes(os.urandom(500))
    uno_a_uno = [p.texto() for p in leer_carpeta(tmp_path, hilos=1).informe]
    for _ in range(3):
        assert [p.texto() for p in leer_carpeta(tmp_path, hilos=4).informe] == uno_a_uno
