"""Every layout with real-looking files: encodings, delimiters, xlsx, headerless files, SICSES downloads,
cartera's duplicated headers and its Circular Externa 15 columns."""

from __future__ import annotations

import datetime as dt
import math

import pandas as pd
import pytest

try:
    from test_sicses_fabrica import (
        APORTES,
        APORTES_SICSES,
        ASOCIADOS,
        CAPTACIONES,
        CARTERA,
        CARTERA_CE15,
        CARTERA_SICSES,
        DIRECTIVOS,
        PREAMBULO_SICSES,
        aporte,
        asociado,
        captacion,
        credito,
        directivo,
        problemas,
        texto,
        xlsx,
    )
except ImportError:  # tests collected as a package
    from tests.test_sicses_fabrica import (
        APORTES,
        APORTES_SICSES,
        ASOCIADOS,
        CAPTACIONES,
        CARTERA,
        CARTERA_CE15,
        CARTERA_SICSES,
        DIRECTIVOS,
        PREAMBULO_SICSES,
        aporte,
        asociado,
        captacion,
        credito,
        directivo,
        problemas,
        texto,
        xlsx,
    )

from coopxl.sicses.descubrimiento import leer_carpeta
from coopxl.sicses.problemas import Informe


def _leer(carpeta):
    lectura = leer_carpeta(carpeta)
    return lectura, lectura.informe


def _ts(d: str) -> pd.Timestamp:
    return pd.Timestamp(dt.datetime.strptime(d, "%d/%m/%Y"))


NOMBRES = [
    asociado("1001", ape1="Núñez", ape2="Peña", nombres="José", genero="1"),
    asociado("1002", ape1="Ibáñez", ape2="Muñoz", nombres="María Ángela"),
]


# --- encodings -------------------------------------------------------------------------------------

@pytest.mark.parametrize(("codificacion", "bom", "etiqueta"), [
    ("cp1252", False, "cp1252"), ("utf-8", False, "utf-8"), ("utf-8", True, "utf-8-sig"),
])
def test_codificaciones_con_tildes(tmp_path, codificacion, bom, etiqueta):
    texto(tmp_path / "asociados.csv", ASOCIADOS, NOMBRES, codificacion=codificacion, bom=bom)
    lectura, inf = _leer(tmp_path)
    carga = lectura.cargas["asociados"]
    a = carga.datos
    assert list(a["primer_apellido"]) == ["Núñez", "Ibáñez"]
    assert list(a["segundo_apellido"]) == ["Peña", "Muñoz"]
    assert list(a["nombres"]) == ["José", "María Ángela"]
    assert list(a["tipo_documento"]) == ["C", "C"]  # the BOM does not stick to the first header or cell
    assert carga.codificacion == etiqueta
    assert inf.errores == 0 and inf.advertencias == 0, [p.texto() for p in inf]


def test_utf8_con_bom_sin_encabezado_no_ensucia_la_primera_celda(tmp_path):
    texto(tmp_path / "asociados.csv", None, NOMBRES, codificacion="utf-8", bom=True)
    lectura, _ = _leer(tmp_path)
    assert list(lectura.cargas["asociados"].datos["tipo_documento"]) == ["C", "C"]


def test_utf16_se_lee(tmp_path):
    ruta = tmp_path / "asociados.txt"
    ruta.write_bytes(("\r\n".join(";".join(f) for f in [ASOCIADOS, *NOMBRES]) + "\r\n").encode("utf-16"))
    lectura, inf = _leer(tmp_path)
    carga = lectura.cargas["asociados"]
    assert list(carga.datos["primer_apellido"]) == ["Núñez", "Ibáñez"]
    assert carga.codificacion == "utf-16"
    assert inf.errores == 0
    assert "UTF-16" in carga.descripcion_formato()


def test_utf16_sin_bom_tabulado_se_lee(tmp_path):
    ruta = tmp_path / "asociados.txt"
    ruta.write_bytes(("\n".join("\t".join(f) for f in [ASOCIADOS, *NOMBRES]) + "\n").encode("utf-16-le"))
    lectura, inf = _leer(tmp_path)
    assert list(lectura.cargas["asociados"].datos["nombres"]) == ["José", "María Ángela"]
    assert inf.errores == 0


def test_cp1252_despues_del_primer_cuarto_de_mega(tmp_path):
    """The sample is 256 KB: an accented name far below it still decides the encoding of the whole file."""
    filas = [asociado(str(10_000 + i), ape1="Perez", ape2="Gomez", nombres="Ana") for i in range(3000)]
    filas.append(asociado("99999", ape1="Núñez", nombres="José"))
    texto(tmp_path / "asociados.csv", ASOCIADOS, filas)
    lectura, inf = _leer(tmp_path)
    a = lectura.cargas["asociados"].datos
    assert a["primer_apellido"].iloc[-1] == "Núñez"
    assert int(a["_linea"].iloc[-1]) == 3002
    assert inf.errores == 0


def test_utf8_cortado_en_el_limite_de_la_muestra_no_parece_cp1252(tmp_path):
    """A multi-byte character cut by the 256 KB sample limit must not turn the file into Windows-1252."""
    from coopxl.sicses.lectura import BYTES_MUESTRA

    encabezado = (";".join(ASOCIADOS) + "\n").encode()
    con_tilde = (";".join(asociado("2", ape1="Núñez")) + "\n").encode()
    relleno = asociado("1", ape1="Nunez")
    base = (";".join(relleno) + "\n").encode()
    # Pad the first row so that the first byte of 'ú' in the second row is the last byte of the sample.
    falta = BYTES_MUESTRA - 1 - len(encabezado) - len(base) - con_tilde.find("ú".encode())
    relleno[ASOCIADOS.index("Direccion")] += "x" * falta
    datos = encabezado + (";".join(relleno) + "\n").encode() + con_tilde * 50
    assert datos[BYTES_MUESTRA - 1: BYTES_MUESTRA + 1] == "ú".encode()
    (tmp_path / "asociados.csv").write_bytes(datos)
    lectura, inf = _leer(tmp_path)
    carga = lectura.cargas["asociados"]
    assert carga.codificacion == "utf-8" and inf.errores == 0
    assert carga.datos["primer_apellido"].iloc[1] == "Núñez"


# --- delimiters ------------------------------------------------------------------------------------

@pytest.mark.parametrize("delim", [";", ",", "|", "\t"])
def test_delimitadores(tmp_path, delim):
    filas = [aporte("1001", saldo="1500000", cuota="50000"), aporte("1002", saldo="2500000", cuota="0")]
    texto(tmp_path / "aportes.csv", APORTES, filas, delim=delim)
    lectura, inf = _leer(tmp_path)
    carga = lectura.cargas["aportes"]
    assert carga.delimitador == delim
    assert list(carga.datos["saldo_total"]) == [1_500_000, 2_500_000]
    assert inf.errores == 0


def test_coma_en_direcciones_con_tabulador(tmp_path):
    filas = [asociado("1001"), asociado("1002")]
    for f in filas:
        f[ASOCIADOS.index("Direccion")] = "Cra 5, # 10-20, apto 3"
    texto(tmp_path / "asociados.txt", ASOCIADOS, filas, delim="\t")
    lectura, _ = _leer(tmp_path)
    assert lectura.cargas["asociados"].delimitador == "\t"
    assert lectura.cargas["asociados"].datos["direccion"].iloc[0] == "Cra 5, # 10-20, apto 3"


# --- xlsx ------------------------------------------------------------------------------------------

def test_xlsx_con_numeros_y_fechas_nativos_y_numeros_como_texto(tmp_path):
    filas = [
        ["C", 1001, 1500000, 50000.5, 0, 0, 1234.56, 0, dt.date(2025, 12, 15)],
        ["C", "1002", "1.234.567,89", "50.000", "0", "0", "0", "0", "15/11/2025"],
        ["N", "900123456-7", 45000, None, None, None, None, None, dt.datetime(2025, 10, 1, 14, 30)],
    ]
    xlsx(tmp_path / "aportes.xlsx", APORTES, filas)
    lectura, inf = _leer(tmp_path)
    carga = lectura.cargas["aportes"]
    d = carga.datos
    assert list(d["documento"]) == ["1001", "1002", "900123456"]
    assert list(d["saldo_total"]) == [1_500_000, 1_234_567.89, 45_000]
    assert d["cuota_mensual"].iloc[0] == 50000.5 and d["cuota_mensual"].iloc[1] == 50_000
    assert math.isnan(d["cuota_mensual"].iloc[2])
    assert list(d["fecha_ultimo_pago"]) == [_ts("15/12/2025"), _ts("15/11/2025"), _ts("01/10/2025")]
    assert list(d["_linea"]) == [2, 3, 4]
    assert carga.hoja == "Hoja1"
    assert inf.errores == 0, [p.texto() for p in inf]


def test_xlsx_con_titulo_antes_del_encabezado_y_filas_en_blanco(tmp_path):
    filas = [["C", 1001, 100, 0, 0, 0, 0, 0, None], [None] * 9, ["C", 1002, "abc", 0, 0, 0, 0, 0, None]]
    xlsx(tmp_path / "aportes.xlsx", APORTES, filas, preambulo=["Informe de aportes", "Corte 31/12/2025"])
    lectura, inf = _leer(tmp_path)
    d = lectura.cargas["aportes"].datos
    assert list(d["documento"]) == ["1001", "1002"]
    assert list(d["_linea"]) == [4, 6]  # Excel row numbers
    p = problemas(inf, contiene="se esperaba un número")[0]
    assert (p.fila, p.columna, p.valor) == (6, "Saldo Total", "abc")


def test_xlsx_hoja_oculta_vacia_primero(tmp_path):
    from openpyxl import Workbook

    wb = Workbook()
    wb.active.title = "Vacia"
    ws = wb.create_sheet("Datos")
    ws.append(APORTES)
    ws.append(["C", 1001, 5, 0, 0, 0, 0, 0, None])
    wb.save(tmp_path / "aportes.xlsx")
    lectura, _ = _leer(tmp_path)
    assert lectura.cargas["aportes"].hoja == "Datos"


# --- headerless files --------------------------------------------------------------------------------

def test_sin_encabezado_reconocido_por_el_nombre(tmp_path):
    texto(tmp_path / "aportes_2025.csv", None, [aporte("1001"), aporte("1002", saldo="2.000.000")])
    lectura, inf = _leer(tmp_path)
    carga = lectura.cargas["aportes"]
    assert carga.encabezado.linea == 0
    assert list(carga.datos["saldo_total"]) == [1_000_000, 2_000_000]
    assert list(carga.datos["_linea"]) == [1, 2]
    aviso = problemas(inf, contiene="no tiene fila de encabezado")[0]
    assert "por su nombre" in aviso.mensaje and aviso.severidad == "advertencia"
    assert "sin encabezado" in carga.descripcion_formato()


def test_sin_encabezado_reconocido_por_el_numero_de_campos(tmp_path):
    texto(tmp_path / "export_001.txt", None, NOMBRES)
    texto(tmp_path / "export_002.txt", None, [credito("1001", "P1"), credito("1002", "P2")])
    lectura, inf = _leer(tmp_path)
    assert lectura.cargas["asociados"].archivo.name == "export_001.txt"
    assert list(lectura.cargas["asociados"].datos["primer_apellido"]) == ["Núñez", "Ibáñez"]
    assert lectura.cargas["cartera"].archivo.name == "export_002.txt"
    assert list(lectura.cargas["cartera"].datos["pagare"]) == ["P1", "P2"]
    assert any("número de campos (27)" in p.mensaje for p in inf)
    assert any("número de campos (48)" in p.mensaje for p in inf)
    assert inf.errores == 0


def test_sin_encabezado_cartera_con_columnas_ce15_por_posicion(tmp_path):
    texto(tmp_path / "cartera.txt", None, [credito("1001", "P1", ce15=True)])
    lectura, inf = _leer(tmp_path)
    d = lectura.cargas["cartera"].datos
    assert d["pagare_garantia"].iloc[0] == "No aplica" and d["modificacion_credito"].iloc[0] == "No aplica"
    assert inf.errores == 0


# --- cartera: duplicated headers, CE15 columns, SICSES download ---------------------------------------

def test_cartera_encabezados_repetidos_van_a_su_columna(tmp_path):
    fila = credito("1001", "P1", desembolso="10/01/2025", fecha_avaluo="05/01/2024", amortizacion="30",
                   amortizacion_capital="90")
    texto(tmp_path / "cartera.csv", CARTERA, [fila])
    lectura, inf = _leer(tmp_path)
    d = lectura.cargas["cartera"].datos
    assert d["fecha_desembolso"].iloc[0] == _ts("10/01/2025")
    assert d["fecha_avaluo"].iloc[0] == _ts("05/01/2024")
    assert d["amortizacion"].iloc[0] == "30"
    assert d["amortizacion_capital"].iloc[0] == "90"
    assert inf.advertencias == 0 and inf.errores == 0, [p.texto() for p in inf]


@pytest.mark.parametrize("ce15", [False, True])
def test_cartera_con_y_sin_columnas_circular_15(tmp_path, ce15):
    encabezado = CARTERA + (CARTERA_CE15 if ce15 else [])
    texto(tmp_path / "cartera.csv", encabezado, [credito("1001", "P1", ce15=ce15)])
    lectura, inf = _leer(tmp_path)
    d = lectura.cargas["cartera"].datos
    assert d["tarjeta_cupo"].iloc[0] == ("No aplica" if ce15 else "")
    assert len(lectura.cargas["cartera"].encabezado.asignacion) == (55 if ce15 else 48)
    assert inf.errores == 0 and inf.advertencias == 0, [p.texto() for p in inf]


def test_descarga_sicses_cartera(tmp_path):
    nombre = "INFORME INDIVIDUAL DE CARTERA DE CREDITO (MODIFICADO).txt"
    preambulo = [p.format(titulo="INFORME INDIVIDUAL DE CARTERA DE CREDITO (MODIFICADO)") for p in PREAMBULO_SICSES]
    fila = credito("1001", "P1", desembolso="10/01/2025", fecha_avaluo="05/01/2024", amortizacion="30",
                   amortizacion_capital="90", monto="2.000.000", saldo="1.500.000", mora="12")
    texto(tmp_path / nombre, CARTERA_SICSES, [fila, credito("1002", "P2")], preambulo=preambulo)
    lectura, inf = _leer(tmp_path)
    carga = lectura.cargas["cartera"]
    assert carga.encabezado.linea == 4
    d = carga.datos
    assert list(d["_linea"]) == [5, 6]
    assert d["documento"].iloc[0] == "1001" and d["codigo"].iloc[0] == "141105"
    assert d["pagare"].iloc[0] == "P1"
    assert d["fecha_desembolso"].iloc[0] == _ts("10/01/2025")  # FechaDesembolsoInicial
    assert d["fecha_avaluo"].iloc[0] == _ts("05/01/2024")  # FechaAvaluo
    assert d["amortizacion"].iloc[0] == "30" and d["amortizacion_capital"].iloc[0] == "90"  # AmortiCapital
    assert d["monto"].iloc[0] == 2_000_000  # ValorPrestamo
    assert d["saldo_capital"].iloc[0] == 1_500_000  # SaldoCapital
    assert d["edad_mora"].iloc[0] == 12  # Morosidad
    assert d["tasa_nominal"].iloc[0] == 18  # TasaIntereNominal, the regulator's spelling
    assert carga.titulo("saldo_capital") == "SaldoCapital"
    assert inf.errores == 0 and inf.advertencias == 0, [p.texto() for p in inf]


def test_descarga_sicses_cartera_antes_de_2020(tmp_path):
    encabezado = ["reestructurado" if h == "ModificacionesAlCredito" else h for h in CARTERA_SICSES]
    texto(tmp_path / "cartera.txt", encabezado, [credito("1001", "P1")])
    lectura, inf = _leer(tmp_path)
    assert "reestructurado" in lectura.cargas["cartera"].encabezado.asignacion
    assert inf.advertencias == 0


def test_descarga_sicses_aportes_saldo_a_fecha(tmp_path):
    nombre = "INFORME INDIVIDUAL DE APORTES O CONTRIBUCIONES.txt"
    preambulo = [p.format(titulo="INFORME INDIVIDUAL DE APORTES O CONTRIBUCIONES") for p in PREAMBULO_SICSES]
    texto(tmp_path / nombre, APORTES_SICSES, [aporte("1001", saldo="1.234.567,89")], preambulo=preambulo)
    lectura, inf = _leer(tmp_path)
    carga = lectura.cargas["aportes"]
    assert carga.encabezado.linea == 4 and carga.datos["saldo_total"].iloc[0] == 1_234_567.89
    assert carga.titulo("saldo_total") == "Saldo a fecha"
    assert inf.errores == 0


@pytest.mark.parametrize(("nombre", "encabezado", "fila", "reporte"), [
    ("INFORME INDIVIDUAL DE LAS CAPTACIONES (MODIFICADO).txt", CAPTACIONES, captacion("1001"), "captaciones"),
    ("CATALOGO DE CUENTAS.txt", ["CUENTA", "DESCRIPCION DE LA CUENTA", "SALDO"], ["100000", "ACTIVO", "5"],
     "catalogo"),
])
def test_descarga_sicses_nombres_largos(tmp_path, nombre, encabezado, fila, reporte):
    preambulo = [p.format(titulo=nombre[:-4]) for p in PREAMBULO_SICSES]
    texto(tmp_path / nombre, encabezado, [fila], preambulo=preambulo)
    lectura, inf = _leer(tmp_path)
    assert lectura.cargas[reporte].archivo.name == nombre
    assert lectura.cargas[reporte].encabezado.linea == 4
    assert inf.errores == 0


def test_reportes_sicses_que_no_se_usan_se_ignoran_con_aviso(tmp_path):
    texto(tmp_path / "CREDITOS DE BANCOS Y OTRAS OBLIGACIONES FINANCIERAS (NUEVO).txt", CARTERA_SICSES,
          [credito("1", "X")])
    lectura, inf = _leer(tmp_path)
    assert "cartera" not in lectura.cargas
    assert inf.errores == 0 and "que coopxl no usa" in problemas(inf)[0].mensaje


def test_directivos_layout_del_proveedor(tmp_path):
    encabezado = ["id_tipo_directivo", "tipo_iden", "nombre", "identificacion", "principal_suplente",
                  "fecha_nombra"]
    texto(tmp_path / "organos.csv", encabezado, [["1", "C", "Ana", "1.001", "P", "20/03/2024"]])
    lectura, inf = _leer(tmp_path)
    d = lectura.cargas["directivos"].datos
    assert (d["organo"].iloc[0], d["documento"].iloc[0], d["calidad"].iloc[0]) == ("1", "1001", "P")
    assert inf.errores == 0


def test_encabezados_sin_tildes_mayusculas_y_espacios(tmp_path):
    encabezado = ["  TIPO DOCUMENTO ", "documento", "SALDO TOTAL", "cuota mensual", "Saldo Aportes Ordinarios",
                  "Saldo Aportes Extraordinarios", "VALOR REVALORIZACION", "monto promedio", "FECHA ULTIMO "
                                                                                             "PAGO"]
    texto(tmp_path / "aportes.csv", encabezado, [aporte("1001")])
    lectura, inf = _leer(tmp_path)
    assert len(lectura.cargas["aportes"].encabezado.asignacion) == 9
    assert inf.advertencias == 0


def test_separadores_finales_de_excel(tmp_path):
    """Excel often leaves a trailing ';' on every row, or rows made only of ';'."""
    lineas = [";".join(DIRECTIVOS) + ";", *(";".join(directivo(d)) + ";" for d in ("1", "2")), ";;;;;;;;"]
    (tmp_path / "directivos.csv").write_text("\r\n".join(lineas) + "\r\n", encoding="cp1252")
    lectura, inf = _leer(tmp_path)
    assert list(lectura.cargas["directivos"].datos["documento"]) == ["1", "2"]
    assert inf.errores == 0 and inf.advertencias == 0, [p.texto() for p in inf]


def test_lineas_en_blanco_conservan_el_numero_de_fila(tmp_path):
    lineas = [";".join(APORTES), ";".join(aporte("1")), "", "", ";".join(aporte("2", saldo="x"))]
    (tmp_path / "aportes.csv").write_text("\r\n".join(lineas) + "\r\n", encoding="cp1252")
    lectura, inf = _leer(tmp_path)
    assert list(lectura.cargas["aportes"].datos["_linea"]) == [2, 5]
    assert problemas(inf, contiene="se esperaba un número")[0].fila == 5


def test_informe_vacio_no_se_pierde():
    """leer_carpeta(carpeta, informe) must fill the caller's Informe even when it starts empty."""
    inf = Informe()
    lectura = leer_carpeta("/no/existe", inf)
    assert lectura.informe is inf and inf.errores == 1


@pytest.mark.parametrize("codificacion", ["cp1252", "utf-8"])
def test_archivo_en_varios_bloques(tmp_path, monkeypatch, codificacion):
    """Big files are parsed in blocks (chunked columns): every conversion must work across chunks."""
    from coopxl.sicses import lectura

    monkeypatch.setattr(lectura, "BLOQUE", 4096)
    monkeypatch.setattr(lectura, "_TROZO", 100)  # transcoding and byte analysis in small pieces too
    filas = [aporte(str(1000 + i), saldo=f"{i}.500,5", ultimo_pago=f"{1 + i % 28:02d}/06/2025") for i in range(300)]
    filas[150][0] = "Ñ"  # a non-ASCII byte somewhere in the middle (an unknown document type)
    filas += [aporte("900.123.456-7", tipo="N", saldo="x"), aporte("  77 ", saldo="12")]
    texto(tmp_path / "aportes.csv", APORTES, filas, codificacion=codificacion)
    lectura_ = leer_carpeta(tmp_path)
    carga = lectura_.cargas["aportes"]
    assert carga.filas == 302
    d = carga.datos
    assert d["saldo_total"].iloc[10] == 10_500.5 and d["documento"].iloc[300] == "900123456"
    assert d["documento"].iloc[301] == "77" and d["fecha_ultimo_pago"].iloc[27] == _ts("28/06/2025")
    p = problemas(lectura_.informe, contiene="se esperaba un número")[0]
    assert (p.fila, p.valor) == (302, "x")
    p = problemas(lectura_.informe, contiene="tipo de documento desconocido")[0]
    assert (p.fila, p.valor) == (152, "Ñ")
    assert carga.codificacion == codificacion


def test_fila_mas_larga_que_un_bloque(tmp_path, monkeypatch):
    """A row longer than pyarrow's block (a long memo field) is read: the file is parsed again in one block."""
    from coopxl.sicses import lectura

    monkeypatch.setattr(lectura, "BLOQUE", 4096)
    filas = [asociado(str(1000 + i)) for i in range(200)]
    filas[100][2] = "Pérez" + "x" * 10_000
    texto(tmp_path / "asociados.csv", ASOCIADOS, filas)
    carga = leer_carpeta(tmp_path).cargas["asociados"]
    assert carga.filas == 200 and carga.datos["primer_apellido"].iloc[100] == "Pérez" + "x" * 10_000
