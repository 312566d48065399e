"""Reader of the supervisor's result: both seed layouts, a PDF table, number formats and bad files."""

from __future__ import annotations

import shutil
import textwrap
from datetime import date
from pathlib import Path

import pytest

from coopxl.conciliacion import lector_ses
from coopxl.conciliacion.lector_ses import (
    ErrorLecturaSES,
    ResultadoSES,
    a_numero,
    analizar_texto_ses,
    identificar_indicador,
    leer_resultado_ses,
)
from coopxl.indicadores.textos.catalogo import FILAS_SES, NOMBRES_PRINCIPIO, TODOS

DATOS = Path(__file__).parent / "datos" / "ses"
SEMILLA_001 = DATOS / "001_f858908e46c629d2.txt"
SEMILLA_003 = DATOS / "003_606b4f502d25abb4.txt"

# Seed 003 prints the rows of each principle in its own order: every one of them, matched.
ORDEN_003 = [
    (1, "asociados_activos"), (1, "participacion_asistencia_asamblea"),
    (1, "participacion_votacion_delegados"), (1, "diversidad_democratica"), (1, "diversidad_organos"),
    (1, "equidad_genero_asamblea"), (1, "equidad_genero_organos"), (1, "poblacion_joven_asamblea"),
    (1, "poblacion_joven_organos"),
    (2, "crecimiento_neto_asociados_habiles"), (2, "actividad_transaccional"),
    (2, "equidad_genero_operaciones"), (2, "relevo_generacional"), (2, "satisfaccion_asociados"),
    (3, "cultura_ahorro"), (3, "inclusion_financiera"), (3, "equidad_genero_volumen_negocio"),
    (3, "equidad_genero_operaciones"), (3, "capital_institucional"), (3, "crecimiento_fondos_sociales"),
    (3, "cobertura_programas_sociales"), (3, "rentabilidad_social"),
    (4, "participacion_gasto_educacion"), (4, "educacion_asociados"), (4, "educacion_directivos"),
    (4, "educacion_empleados"), (4, "difusion_cooperativa"), (4, "crecimiento_inversion_educacion"),
    (5, "financiacion_externa"), (5, "concentracion_depositos"), (5, "concentracion_creditos"),
    (5, "patrocinios"), (5, "buen_gobierno"),
    (6, "gastos_comunidad"), (6, "creditos_incidencia_comunitaria"), (6, "creditos_fines_productivos"),
    (6, "medio_ambiente"), (6, "proveedores_locales"),
    (7, "fondeo_sector_solidario"), (7, "inversiones_sector_solidario"),
    (7, "contribuciones_sector_solidario"), (7, "economias_escala"),
]  # fmt: skip


@pytest.fixture(scope="module")
def r001() -> ResultadoSES:
    return leer_resultado_ses(SEMILLA_001)


@pytest.fixture(scope="module")
def r003() -> ResultadoSES:
    return leer_resultado_ses(SEMILLA_003)


def _valor(resultado: ResultadoSES, id_: str, principio: int | None = None) -> float | None:
    fila = resultado.fila(id_, principio)
    assert fila is not None, id_
    return fila.valor


# --- seed 001: the PDF text layout ------------------------------------------------------------------


def test_001_todas_las_filas(r001: ResultadoSES) -> None:
    assert len(r001.filas) == 42
    assert [(f.principio, f.id) for f in r001.filas] == FILAS_SES
    assert len({f.id for f in r001.filas}) == 41
    assert r001.avisos == ()
    assert r001.faltantes() == []
    assert all(f.resultado_impreso for f in r001.filas)
    assert all(f.valor is not None for f in r001.filas)
    assert all(f.analisis_impreso for f in r001.filas)


def test_001_valores(r001: ResultadoSES) -> None:
    esperados = {
        "equidad_genero_asamblea": 27.66, "diversidad_organos": 350.0, "diversidad_democratica": 61.94,
        "participacion_votacion_delegados": 54.75, "equidad_genero_organos": 250.0,
        "crecimiento_neto_asociados_habiles": 7.71, "actividad_transaccional": 0.0,
        "relevo_generacional": 46.75, "satisfaccion_asociados": 93.0, "crecimiento_fondos_sociales": -9.46,
        "capital_institucional": 6.78, "equidad_genero_volumen_negocio": 1.2, "cultura_ahorro": 213.13,
        "rentabilidad_social": 46.02, "educacion_directivos": 375.0, "crecimiento_inversion_educacion": -44.4,
        "concentracion_creditos": 34.85, "concentracion_depositos": 8.24, "financiacion_externa": 0.19,
        "medio_ambiente": 0.0, "contribuciones_sector_solidario": 0.3, "economias_escala": 0.0,
    }  # fmt: skip
    for id_, valor in esperados.items():
        assert _valor(r001, id_) == pytest.approx(valor), id_
    assert _valor(r001, "equidad_genero_operaciones", 2) == pytest.approx(22.36)
    assert _valor(r001, "equidad_genero_operaciones", 3) == pytest.approx(22.36)


def test_001_tipos_y_textos(r001: ResultadoSES) -> None:
    organos = r001.fila("diversidad_organos")
    assert organos is not None
    assert organos.resultado_impreso == "350.00\n%"
    assert organos.tipo_resultado == "porcentaje"
    nombre = "Diversidad de participantes en órganos de dirección, administración y control"
    assert organos.nombre_impreso == nombre
    assert organos.analisis_impreso.startswith("En el periodo evaluado el 350,00 % de los")
    actividad = r001.fila("actividad_transaccional")
    assert actividad is not None
    assert (actividad.tipo_resultado, actividad.resultado_impreso) == ("razon", "0.00")
    volumen = r001.fila("equidad_genero_volumen_negocio")
    assert volumen is not None and volumen.tipo_resultado == "razon"
    ambiente = r001.fila("medio_ambiente")
    assert ambiente is not None and ambiente.resultado_impreso == "0 %"
    concentracion = r001.fila("concentracion_creditos")
    assert concentracion is not None and concentracion.analisis_impreso.endswith("que concentran el 80")
    p2 = r001.fila("equidad_genero_operaciones", 2)
    p3 = r001.fila("equidad_genero_operaciones", 3)
    assert p2 is not None and p3 is not None
    assert p2.analisis_impreso.startswith("En el año evaluado el 22,36 %")
    assert p3.analisis_impreso.startswith("El nivel de orientación de la cartera")
    # The page footer is not part of any row.
    assert not any("Sistema de Información" in f.analisis_impreso for f in r001.filas)


def test_001_sin_encabezado(r001: ResultadoSES) -> None:
    assert (r001.entidad, r001.codigo, r001.sigla, r001.tipo) == (None, None, None, None)
    assert r001.fecha_corte is None and r001.fecha_reporte is None


# --- seed 003: the web layout -----------------------------------------------------------------------


def test_003_todas_las_filas(r003: ResultadoSES) -> None:
    assert [(f.principio, f.id) for f in r003.filas] == ORDEN_003
    assert len(r003.filas) == 42
    assert sorted((f.principio, f.id) for f in r003.filas) == sorted(FILAS_SES)
    assert r003.avisos == ()
    assert all(f.resultado_impreso for f in r003.filas)


def test_003_encabezado(r003: ResultadoSES) -> None:
    assert r003.entidad == "MULTIACTIVA EL ROBLE, ENTIDAD COOPERATIVA"
    assert r003.codigo == "2130"
    assert r003.sigla == "MULTIROBLE"
    assert r003.tipo == "MULTIACTIVA CON AHORRO Y CREDITO"
    assert r003.fecha_corte == date(2021, 12, 31)
    assert r003.fecha_reporte == date(2022, 2, 25)
    assert r003.vigencia == 2021


def test_003_valores(r003: ResultadoSES) -> None:
    esperados = {
        "asociados_activos": 103.13, "cultura_ahorro": 141.84, "diversidad_organos": 59.38,
        "crecimiento_neto_asociados_habiles": -3.49, "actividad_transaccional": 20.0,
        "equidad_genero_volumen_negocio": 1.04, "inclusion_financiera": 32.51, "capital_institucional": 18.31,
        "participacion_gasto_educacion": 1.02, "crecimiento_inversion_educacion": 97.59,
        "concentracion_creditos": 79.97, "inversiones_sector_solidario": 8.5, "buen_gobierno": 100.0,
    }  # fmt: skip
    for id_, valor in esperados.items():
        assert _valor(r003, id_) == pytest.approx(valor), id_
    activos = r003.fila("asociados_activos")
    assert activos is not None
    assert activos.resultado_impreso == "103.13%"
    assert activos.nombre_impreso == "ASOCIADOS ACTIVOS"  # a row wrapped in <p>...</p>
    assert activos.analisis_impreso.startswith("El 103.13% de los asociados")


def test_003_no_calculados_y_vacio(r003: ResultadoSES) -> None:
    no_calculados = {f.id for f in r003.filas if f.tipo_resultado == "no_calculado"}
    assert no_calculados == {
        "crecimiento_fondos_sociales", "creditos_incidencia_comunitaria", "creditos_fines_productivos",
        "medio_ambiente", "proveedores_locales", "fondeo_sector_solidario", "economias_escala",
    }  # fmt: skip
    for id_ in no_calculados:
        fila = r003.fila(id_)
        assert fila is not None and fila.valor is None
        assert fila.resultado_impreso == "NO SE PUDO CALCULAR, DENOMINADOR EN CERO%"
    diversidad = r003.fila("diversidad_democratica")
    assert diversidad is not None
    assert (diversidad.tipo_resultado, diversidad.valor, diversidad.resultado_impreso) == ("vacio", None, "%")
    assert diversidad.analisis_impreso.startswith("En las elecciones democráticas")
    assert [f.tipo_resultado for f in r003.filas].count("vacio") == 1


def test_003_formula_latex_no_confunde_el_resultado(r003: ResultadoSES) -> None:
    cobertura = r003.fila("cobertura_programas_sociales")
    assert cobertura is not None and cobertura.valor == 0.0 and cobertura.resultado_impreso == "0.00%"
    depositos = r003.fila("concentracion_depositos")  # formula "asociados con 80\\% de depósitos"
    assert depositos is not None and depositos.valor == pytest.approx(45.65)


# --- number formats and variants --------------------------------------------------------------------


@pytest.mark.parametrize(
    ("texto", "valor"),
    [("27.66", 27.66), ("27,66", 27.66), ("-9.46", -9.46), ("\u22129,46", -9.46), ("350.00\n%", 350.0),
     ("1.234,56", 1234.56), ("1,234.56", 1234.56), ("0", 0.0), ("103.13%", 103.13)],
)  # fmt: skip
def test_a_numero(texto: str, valor: float) -> None:
    assert a_numero(texto) == pytest.approx(valor)


def test_coma_decimal_retipeada() -> None:
    texto = SEMILLA_001.read_text(encoding="utf-8")
    texto = texto.replace("27.66 %", "27,66 %").replace("total asociados 0.00", "total asociados 1,50")
    resultado = analizar_texto_ses(texto)
    assert _valor(resultado, "equidad_genero_asamblea") == pytest.approx(27.66)
    assert _valor(resultado, "actividad_transaccional") == pytest.approx(1.5)
    assert len(resultado.filas) == 42
    assert resultado.avisos == ()


@pytest.mark.parametrize(
    ("nombre", "id_"),
    [
        ("PARTICIPACIÓN DEMOCRÁTICA ASISTENCIA DELEGADOS O ASOCIADOS", "participacion_asistencia_asamblea"),
        ("Participación democrática asistencia delegados", "participacion_asistencia_asamblea"),
        ("asistencia de asociados o delegados: participación democrática",
         "participacion_asistencia_asamblea"),
        ("Nivel de satisfacción de los asociados", "satisfaccion_asociados"),
        ("Gastos y contribuciones en favor de la comunidad", "gastos_comunidad"),
        ("Promoción de proveedores locales", "proveedores_locales"),
        ("participacion de la educacion formacion e informacion", "participacion_gasto_educacion"),
        ("EQUIDAD DE GENERO EN ORGANOS DE DIRECCION ADMINISTRACION Y CONTROL", "equidad_genero_organos"),
        ("Crecimiento en los fondos sociales por cada asociado beneficiado", "crecimiento_fondos_sociales"),
        ("Indicador inventado de prueba", None),
        ("", None),
    ],
)
def test_identificar_indicador(nombre: str, id_: str | None) -> None:
    assert identificar_indicador(nombre) == id_


def test_cada_nombre_se_identifica_a_si_mismo() -> None:
    for id_, texto in TODOS.items():
        assert identificar_indicador(texto.nombre) == id_
        assert identificar_indicador(texto.nombre.upper()) == id_


def test_fila_que_falta_y_sin_resultado() -> None:
    texto = SEMILLA_003.read_text(encoding="utf-8")
    inicio = texto.index("RELEVO GENERACIONAL")
    fin = texto.index("NIVEL DE SATISFACCIÓN DE ASOCIADOS")
    resultado = analizar_texto_ses(texto[:inicio] + texto[fin:])
    assert len(resultado.filas) == 41
    assert resultado.faltantes() == [(2, "relevo_generacional")]
    assert any("Relevo generacional" in a for a in resultado.avisos)


def test_nombre_en_mayusculas_aproximado_y_desconocido() -> None:
    texto = SEMILLA_003.read_text(encoding="utf-8")
    variante = "CRECIMIENTO NETO DE LOS ASOCIADOS HÁBILES DEL AÑO"
    texto = texto.replace("CRECIMIENTO NETO DE ASOCIADOS HÁBILES", variante)
    texto = texto.replace("RELEVO GENERACIONAL", "INDICADOR INVENTADO DE PRUEBA")
    resultado = analizar_texto_ses(texto)
    assert _valor(resultado, "crecimiento_neto_asociados_habiles") == pytest.approx(-3.49)
    assert resultado.fila("relevo_generacional") is None
    assert "No se reconoció el indicador «INDICADOR INVENTADO DE PRUEBA»." in resultado.avisos
    assert (2, "relevo_generacional") in resultado.faltantes()


# --- a PDF table like the SES one: five columns, cells vertically centred ------------------------------


def _pdf(paginas: list[list[tuple[int, int, str]]]) -> bytes:
    """A minimal PDF (Helvetica, WinAnsi) with text lines at (x, y) positions."""

    def escapar(texto: str) -> bytes:
        return texto.replace("\\", "\\\\").replace("(", "\\(").replace(")", "\\)").encode("cp1252")

    objetos = [b"<< /Type /Catalog /Pages 2 0 R >>"]
    hijos = " ".join(f"{4 + 2 * i} 0 R" for i in range(len(paginas)))
    objetos.append(f"<< /Type /Pages /Kids [{hijos}] /Count {len(paginas)} >>".encode())
    objetos.append(b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica /Encoding /WinAnsiEncoding >>")
    for i, lineas in enumerate(paginas):
        flujo = b"".join(b"BT /F1 7 Tf %d %d Td (" % (x, y) + escapar(t) + b") Tj ET\n" for x, y, t in lineas)
        objetos.append(
            f"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 842 595] /Resources << /Font << /F1 3 0 R >> >> "
            f"/Contents {5 + 2 * i} 0 R >>".encode()
        )
        objetos.append(b"<< /Length %d >>\nstream\n" % len(flujo) + flujo + b"endstream")
    salida = bytearray(b"%PDF-1.4\n")
    posiciones = []
    for n, objeto in enumerate(objetos, 1):
        posiciones.append(len(salida))
        salida += b"%d 0 obj\n" % n + objeto + b"\nendobj\n"
    xref = len(salida)
    salida += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objetos) + 1)
    for posicion in posiciones:
        salida += b"%010d 00000 n \n" % posicion
    salida += b"trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (len(objetos) + 1, xref)
    return bytes(salida)


def _tabla_ses(valores: dict[str, str]) -> bytes:
    columnas = [(20, 24), (120, 52), (345, 38), (510, 9), (560, 56)]  # x, characters a line
    paso = 9
    paginas: list[list[tuple[int, int, str]]] = [[(20, 575, "FECHA CORTE: 31/12/2025")]]
    y = 560.0
    actual = 0
    for principio, id_ in FILAS_SES:
        texto = TODOS[id_]
        valor = valores.get(id_, "12.34 %")
        plantilla = texto.analisis_p3 if principio == 3 and texto.analisis_p3 else texto.analisis
        analisis = plantilla.format(valor=valor, numerador="1", denominador="2", tendencia="crecimiento")
        contenidos = [texto.nombre, texto.proposito, texto.formula, valor, analisis]
        celdas = [textwrap.wrap(c, ancho) for c, (_, ancho) in zip(contenidos, columnas, strict=True)]
        alto = max(len(c) for c in celdas)
        if y - (alto + 5) * paso < 30:
            pie = "Sistema de Información Elaborado por la Oficina Asesora de Planeación"
            paginas[-1].append((300, 15, pie))
            paginas.append([])
            y = 570.0
        if principio != actual:
            actual = principio
            cabecera = f"Principio: {principio}. PRINCIPIO DE {NOMBRES_PRINCIPIO[principio].upper()}"
            paginas[-1].append((20, int(y), cabecera))
            y -= 2 * paso
            etiquetas = ["Nombre Indicador", "Proposito", "Formula", "Resultado", "Analisis"]
            for (x, _), etiqueta in zip(columnas, etiquetas, strict=True):
                paginas[-1].append((x, int(y), etiqueta))
            y -= 1.5 * paso
        for celda, (x, _) in zip(celdas, columnas, strict=True):
            desfase = (alto - len(celda)) / 2  # vertically centred, as the SES PDF
            for k, linea in enumerate(celda):
                paginas[-1].append((x, int(y - (desfase + k) * paso), linea))
        y -= (alto + 1) * paso
    return _pdf(paginas)


@pytest.mark.skipif(shutil.which("pdftotext") is None, reason="pdftotext (poppler-utils) no instalado")
def test_pdf_tabla_centrada(tmp_path: Path) -> None:
    valores = {
        "equidad_genero_asamblea": "27.66 %", "diversidad_organos": "350.00 %",
        "actividad_transaccional": "0.00", "crecimiento_fondos_sociales": "-9.46 %",
        "medio_ambiente": "NO SE PUDO CALCULAR, DENOMINADOR EN CERO%", "diversidad_democratica": "%",
        "equidad_genero_volumen_negocio": "1.20",
    }  # fmt: skip
    ruta = tmp_path / "resultado_ses.pdf"
    ruta.write_bytes(_tabla_ses(valores))
    resultado = leer_resultado_ses(ruta)
    assert [(f.principio, f.id) for f in resultado.filas] == FILAS_SES
    assert resultado.avisos == ()
    assert resultado.fecha_corte == date(2025, 12, 31)
    assert _valor(resultado, "equidad_genero_asamblea") == pytest.approx(27.66)
    assert _valor(resultado, "diversidad_organos") == pytest.approx(350.0)
    assert _valor(resultado, "crecimiento_fondos_sociales") == pytest.approx(-9.46)
    assert _valor(resultado, "equidad_genero_volumen_negocio") == pytest.approx(1.2)
    ambiente = resultado.fila("medio_ambiente")
    assert ambiente is not None and ambiente.tipo_resultado == "no_calculado"  # broken inside words
    diversidad = resultado.fila("diversidad_democratica")
    assert diversidad is not None and diversidad.tipo_resultado == "vacio"
    p3 = resultado.fila("equidad_genero_operaciones", 3)
    assert p3 is not None and p3.analisis_impreso.startswith("El nivel de orientación")
    assert not any("Sistema de Información" in f.analisis_impreso for f in resultado.filas)


def test_pdf_sin_pdftotext(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    ruta = tmp_path / "resultado.pdf"
    ruta.write_bytes(_pdf([[(20, 500, "Equidad de género en asamblea")]]))
    monkeypatch.setattr(lector_ses.shutil, "which", lambda _nombre: None)
    with pytest.raises(ErrorLecturaSES, match="poppler-utils") as error:
        leer_resultado_ses(ruta)
    assert "resultado.pdf" in str(error.value)


# --- bad files: a Spanish error naming the file ---------------------------------------------------------


def test_archivo_inexistente(tmp_path: Path) -> None:
    with pytest.raises(ErrorLecturaSES, match="no existe") as error:
        leer_resultado_ses(tmp_path / "no_esta.txt")
    assert "no_esta.txt" in str(error.value)


def test_carpeta(tmp_path: Path) -> None:
    with pytest.raises(ErrorLecturaSES, match="carpeta"):
        leer_resultado_ses(tmp_path)


def test_texto_sin_indicadores(tmp_path: Path) -> None:
    ruta = tmp_path / "acta.txt"
    ruta.write_text("Acta de la asamblea general.\nSe aprobaron los estados financieros.\n", "utf-8")
    with pytest.raises(ErrorLecturaSES, match="ningún indicador") as error:
        leer_resultado_ses(ruta)
    assert "acta.txt" in str(error.value)


def test_excel_no_es_texto(tmp_path: Path) -> None:
    ruta = tmp_path / "resultado.xlsx"
    ruta.write_bytes(b"PK\x03\x04" + b"\x00" * 100)
    with pytest.raises(ErrorLecturaSES, match="ni un PDF"):
        leer_resultado_ses(ruta)


def test_pdf_falso(tmp_path: Path) -> None:
    ruta = tmp_path / "resultado.pdf"
    ruta.write_text("no soy un pdf", "utf-8")
    with pytest.raises(ErrorLecturaSES, match="no es un PDF válido"):
        leer_resultado_ses(ruta)


def test_texto_en_cp1252(tmp_path: Path) -> None:
    ruta = tmp_path / "resultado_ansi.txt"
    ruta.write_bytes(SEMILLA_003.read_text(encoding="utf-8").encode("cp1252", errors="replace"))
    resultado = leer_resultado_ses(ruta)
    assert len(resultado.filas) == 42
    assert resultado.codigo == "2130"
