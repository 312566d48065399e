"""The Balance Social report for the assembly: every indicator principle by principle (42 rows, the 41
indicators), the entity's beneficio solidario, the warnings and the signature lines; xlsx and PDF."""

from __future__ import annotations

import re
import shutil
import subprocess

import pytest
from python_calamine import CalamineWorkbook

from coopxl.balance import calcular_balance
from coopxl.beneficios import COMPONENTES, NOMBRE_COMPONENTE
from coopxl.cli import main
from coopxl.extractos.informe import FIRMAS, escribir_informe
from coopxl.extractos.pdf import soffice


@pytest.fixture(scope="module")
def balance():
    from coopxl.dataset import cargar_dataset
    from coopxl.demo.incluido import CARPETA_INCLUIDA

    ds, _ = cargar_dataset(CARPETA_INCLUIDA)
    return calcular_balance(ds)


def test_informe_xlsx(balance, tmp_path):
    destino = escribir_informe(balance, tmp_path / "informe.xlsx")
    libro = CalamineWorkbook.from_path(str(destino))
    assert libro.sheet_names == ["Balance Social", "Beneficio y firmas"]
    filas = libro.get_sheet_by_name("Balance Social").to_python()
    textos = [c for f in filas for c in f if isinstance(c, str)]
    ds = balance.ds
    assert ds.entidad["nombre"] in textos
    assert any("Fecha de corte: 31 de diciembre de 2025" in t for t in textos)
    cabecera = next(i for i, f in enumerate(filas) if f[:5] == ["Nombre del indicador", "Propósito", "Fórmula",
                                                               "Resultado", "Análisis"])
    principios = [f[0] for f in filas if isinstance(f[0], str) and f[0].startswith("Principio ")]
    assert len(principios) == 7
    indicadores = [f for f in filas[cabecera + 1:] if f[0] and not str(f[0]).startswith("Principio ")]
    esperado = [fl for _, _, fls in balance.por_principio() for fl in fls]
    assert len(indicadores) == len(esperado) == 42
    for fila, fl in zip(indicadores, esperado, strict=True):
        assert fila[0] == fl.indicador.nombre and fila[1] == fl.indicador.proposito
        assert fila[3] == fl.resultado_texto and fila[4] == fl.analisis
        assert fila[2]
    segunda = libro.get_sheet_by_name("Beneficio y firmas").to_python()
    valores = {f[0]: f[1] for f in segunda if f and isinstance(f[0], str)}
    for c in COMPONENTES:
        assert valores[NOMBRE_COMPONENTE[c]] == pytest.approx(balance.beneficios.totales[c])
    assert valores["Total beneficio solidario"] == pytest.approx(balance.beneficios.totales["total"])
    textos2 = [c for f in segunda for c in f if isinstance(c, str)]
    for cargo, _ in FIRMAS:
        assert cargo in textos2
    assert "ADVERTENCIAS" in textos2


@pytest.mark.skipif(soffice() is None or shutil.which("pdftotext") is None,
                    reason="sin LibreOffice (soffice) o pdftotext: se omite el PDF del informe")
def test_informe_pdf(balance, tmp_path):
    destino = escribir_informe(balance, tmp_path / "informe.pdf")
    texto = subprocess.run(["pdftotext", "-raw", str(destino), "-"], capture_output=True, text=True, check=True).stdout
    plano = re.sub(r"\s+", " ", texto)
    nombres = {f.indicador.nombre for f in balance.filas}
    assert len(nombres) == 41
    for nombre in nombres:
        assert nombre in plano, nombre
    for cargo, _ in FIRMAS:
        assert cargo in plano
    assert "Página 1 de" in plano
    assert "BENEFICIO SOLIDARIO DE LOS ASOCIADOS" in plano
    assert not list(tmp_path.glob(".informe_*"))


def test_cli_informe(tmp_path, capsys):
    destino = tmp_path / "informe.xlsx"
    assert main(["informe", "--salida", str(destino)]) == 0
    assert "demostración incluida" in capsys.readouterr().out and destino.exists()
    assert main(["informe", "--salida", str(destino)]) == 2  # exists: --forzar needed
    assert "--forzar" in capsys.readouterr().err
    assert main(["informe", "--salida", str(destino), "--forzar"]) == 0
    assert main(["informe", "--salida", str(tmp_path / "informe.docx")]) == 2


def test_informe_con_datos_faltantes(tmp_path):
    # Only the asociados file: most indicators lack data and no component of the benefit is computed; the
    # report still renders, says «no calculado» (never $ 0) and lists what is missing.
    from constructor import Entidad, asociado

    ds, _ = Entidad(tmp_path / "datos", asociados=[asociado("1"), asociado("2", genero="2")]).cargar()
    b = calcular_balance(ds)
    destino = escribir_informe(b, tmp_path / "informe.xlsx")
    segunda = CalamineWorkbook.from_path(str(destino)).get_sheet_by_name("Beneficio y firmas").to_python()
    valores = {f[0]: f[1] for f in segunda if f and isinstance(f[0], str)}
    assert valores[NOMBRE_COMPONENTE["credito"]] == "no calculado"
    assert valores[NOMBRE_COMPONENTE["auxilio"]] == "no calculado"
    textos = " ".join(c for f in segunda for c in f if isinstance(c, str))
    assert "sin datos suficientes" in textos and "no se dio el archivo de cartera" in textos
