"""`coopxl conciliar`: the console table, the .xlsx output, and the user's mistakes (exit 2, one line in
Spanish, no traceback)."""

from __future__ import annotations

from pathlib import Path

import pytest
from openpyxl import load_workbook

from coopxl.balance import calcular_balance
from coopxl.cli import main
from coopxl.conciliacion import a_texto_ses
from coopxl.dataset import cargar_dataset
from coopxl.demo.incluido import CARPETA_INCLUIDA
from coopxl.indicadores.textos.catalogo import FILAS_SES

SEMILLA_001 = Path(__file__).parent / "datos" / "ses" / "001_f858908e46c629d2.txt"


@pytest.fixture(scope="module")
def propio(tmp_path_factory) -> Path:
    """coopxl's own result for the demo, in the SES text layout."""
    ds, _ = cargar_dataset(CARPETA_INCLUIDA)
    texto = a_texto_ses(calcular_balance(ds))
    ruta = tmp_path_factory.mktemp("ses") / "resultado_ses.txt"
    ruta.write_text(texto, encoding="utf-8")
    return ruta


def test_conciliar_el_demo_consigo_mismo(propio, capsys):
    assert main(["conciliar", str(CARPETA_INCLUIDA), str(propio)]) == 0
    salida = capsys.readouterr().out
    assert "CONCILIACIÓN CON EL RESULTADO DE LA SUPERSOLIDARIA" in salida
    assert "1. ADMINISTRACIÓN DEMOCRÁTICA" in salida and "7. INTEGRACIÓN" in salida
    assert "difiere" not in salida
    assert f"{len(FILAS_SES)} filas: " in salida
    assert "coincide" in salida


def test_conciliar_contra_la_semilla_001(capsys):
    assert main(["conciliar", str(CARPETA_INCLUIDA), str(SEMILLA_001)]) == 0
    salida = capsys.readouterr().out
    assert "difiere" in salida
    assert "DETALLE" in salida
    assert "Equidad de género en asamblea" in salida
    assert "27,66 %" in salida  # the supervisor's figure, in coopxl's style


def test_conciliar_escribe_xlsx_y_no_sobrescribe(propio, tmp_path, capsys):
    destino = tmp_path / "conciliacion.xlsx"
    assert main(["conciliar", str(CARPETA_INCLUIDA), str(SEMILLA_001), "--salida", str(destino)]) == 0
    assert "Conciliación escrita en" in capsys.readouterr().out
    wb = load_workbook(destino)
    ws = wb["Conciliación"]
    filas = list(ws.iter_rows(values_only=True))
    assert filas[0][:3] == ("Principio", "Id", "Indicador")
    assert len(filas) == 1 + len(FILAS_SES)
    assert {f[9] for f in filas[1:]} <= {"coincide", "difiere", "el supervisor no calculó", "faltan datos",
                                        "no aplica", "denominador en cero",
                                        "no está en el resultado del supervisor"}
    equidad = next(f for f in filas if f[1] == "equidad_genero_asamblea")
    assert equidad[4] == pytest.approx(27.66)  # the supervisor's value as a number
    assert all(c.data_type != "f" for fila in ws.iter_rows() for c in fila)  # never a formula
    assert "Datos" in wb.sheetnames
    assert not list(tmp_path.glob(".*.tmp"))  # atomic: no temporary file left behind

    antes = destino.read_bytes()
    assert main(["conciliar", str(CARPETA_INCLUIDA), str(propio), "--salida", str(destino)]) == 2
    err = capsys.readouterr().err
    assert "ya existe" in err and "--forzar" in err
    assert destino.read_bytes() == antes
    assert main(["conciliar", str(CARPETA_INCLUIDA), str(propio), "--salida", str(destino), "--forzar"]) == 0
    capsys.readouterr()
    filas = list(load_workbook(destino)["Conciliación"].iter_rows(values_only=True))
    assert "difiere" not in {f[9] for f in filas[1:]}


def test_salida_que_no_es_xlsx(propio, tmp_path, capsys):
    assert main(["conciliar", str(CARPETA_INCLUIDA), str(propio), "--salida", str(tmp_path / "c.csv")]) == 2
    assert ".xlsx" in capsys.readouterr().err


def test_resultado_ses_inexistente(tmp_path, capsys):
    falta = tmp_path / "no_existe.pdf"
    assert main(["conciliar", str(CARPETA_INCLUIDA), str(falta)]) == 2
    captura = capsys.readouterr()
    assert "No se pudo leer el resultado de la Supersolidaria" in captura.err
    assert "el archivo no existe" in captura.err
    assert "Traceback" not in captura.err + captura.out
    assert captura.err.startswith("coopxl: ")


def test_resultado_ses_que_no_es_un_resultado(tmp_path, capsys):
    otro = tmp_path / "otra_cosa.txt"
    otro.write_text("Hola, esto no es un balance social.\n", encoding="utf-8")
    assert main(["conciliar", str(CARPETA_INCLUIDA), str(otro)]) == 2
    err = capsys.readouterr().err
    assert "no se encontró ningún indicador" in err and "Traceback" not in err


def test_carpeta_inexistente(propio, tmp_path, capsys):
    assert main(["conciliar", str(tmp_path / "nada"), str(propio)]) == 2
    err = capsys.readouterr().err
    assert "no existe" in err and "Traceback" not in err


def test_corte_distinto_se_avisa(propio, capsys):
    assert main(["conciliar", str(CARPETA_INCLUIDA), str(propio), "--corte", "2025-06-30"]) == 0
    salida = capsys.readouterr().out
    assert "Corte: 30/06/2025" in salida
    assert "AVISOS" in salida
    assert "es del corte 31/12/2025 y coopxl calculó el corte 30/06/2025" in salida
