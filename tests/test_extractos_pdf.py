"""Extracts as PDF (LibreOffice headless) on a subset of the bundled demo chosen with --documentos: one
page per associate, extractable text in Colombian formats, the associate's data only, and --proteger."""

from __future__ import annotations

import re
import shutil
import subprocess
from pathlib import Path

import pytest

from coopxl.beneficios import calcular_beneficios
from coopxl.cli import main
from coopxl.extractos import generar_extractos
from coopxl.extractos.pdf import paginas, soffice

pytestmark = pytest.mark.skipif(soffice() is None or shutil.which("pdftotext") is None,
                                reason="sin LibreOffice (soffice) o pdftotext: se omiten las pruebas de PDF")

N = 6


@pytest.fixture(scope="module")
def demo():
    from coopxl.dataset import cargar_dataset
    from coopxl.demo.incluido import CARPETA_INCLUIDA

    ds, _ = cargar_dataset(CARPETA_INCLUIDA)
    return ds


@pytest.fixture(scope="module")
def elegidos(demo):
    """A few associates with varied benefits (the first with a loan, one with savings, the rest in order)."""
    tabla = calcular_beneficios(demo).por_asociado
    vig = demo.vigentes.drop_duplicates("persona").set_index("persona")
    personas = list(tabla.index[(tabla["credito"] != 0)][:2]) + list(tabla.index[(tabla["ahorro"] != 0)][:2])
    personas += [p for p in tabla.index if p not in personas][: N - len(personas)]
    return [(p, vig.at[p, "tipo_documento"], vig.at[p, "documento"]) for p in personas]


def pdftotext(ruta: Path, clave: str | None = None) -> str:
    cmd = ["pdftotext", "-layout"] + (["-upw", clave] if clave else []) + [str(ruta), "-"]
    return subprocess.run(cmd, capture_output=True, text=True, check=True).stdout


@pytest.fixture(scope="module")
def pdfs(demo, elegidos, tmp_path_factory):
    destino = tmp_path_factory.mktemp("pdf")
    r = generar_extractos(demo, destino, documentos=[d for _, _, d in elegidos], formato="pdf", procesos=2)
    return destino, r


def test_una_pagina_por_asociado_y_texto(demo, elegidos, pdfs):
    destino, r = pdfs
    tabla = calcular_beneficios(demo).por_asociado
    assert r.asociados == r.escritos == len(elegidos)
    for persona, tipo, doc in elegidos:
        archivo = destino / f"{tipo}_{doc}.pdf"
        assert paginas(archivo) == 1
        texto = pdftotext(archivo)
        assert "EXTRACTO DE BENEFICIOS SOLIDARIOS" in texto
        assert f"{int(doc):,}".replace(",", ".") in texto
        total = f"{round(tabla.at[persona, 'total']):,}".replace(",", ".")
        assert re.search(rf"\$ -?{re.escape(total)}\b", texto), (doc, total)
        assert "31 de diciembre de 2025" in texto
        assert re.search(r"\d+,\d\d %", texto)  # the return on aportes, "2,53 %"
    assert paginas(destino / "entidad.pdf") == 1
    assert not list(destino.glob(".*")) and not list(destino.glob("*.xlsx"))


def test_pdf_solo_su_asociado(demo, elegidos, pdfs):
    destino, _ = pdfs
    vig = demo.vigentes.drop_duplicates("persona").set_index("persona")
    nombres = {p: " ".join(str(vig.at[p, c]) for c in ("nombres", "primer_apellido", "segundo_apellido")
                           if vig.at[p, c]) for p in vig.index}
    documentos = {str(vig.at[p, "documento"]) for p in vig.index}
    for persona, tipo, doc in elegidos:
        texto = re.sub(r"\s+", " ", pdftotext(destino / f"{tipo}_{doc}.pdf"))
        numeros = {n.replace(".", "") for n in re.findall(r"\d[\d.]*\d|\d", texto)}
        assert numeros & documentos == {str(doc)}
        assert nombres[persona] in texto
        for otro, nombre in nombres.items():
            if otro != persona and nombre not in nombres[persona]:
                assert nombre not in texto


def test_proteger(demo, elegidos, tmp_path):
    docs = [d for _, _, d in elegidos[:2]]
    r = generar_extractos(demo, tmp_path, documentos=docs, formato="pdf", proteger=True)
    assert r.escritos == 2
    from pypdf import PdfReader

    for _, tipo, doc in elegidos[:2]:
        archivo = tmp_path / f"{tipo}_{doc}.pdf"
        lector = PdfReader(archivo)
        assert lector.is_encrypted
        assert not lector.decrypt("0000")
        with pytest.raises(subprocess.CalledProcessError):
            pdftotext(archivo)
        assert "EXTRACTO DE BENEFICIOS SOLIDARIOS" in pdftotext(archivo, str(doc))
        assert paginas(archivo, str(doc)) == 1


def test_cli_extractos_pdf_reanuda(demo, elegidos, tmp_path, capsys):
    lista = tmp_path / "lista.txt"
    lista.write_text("\n".join(str(d) for _, _, d in elegidos[:3]), encoding="utf-8")
    salida = tmp_path / "salida"
    assert main(["extractos", "--salida", str(salida), "--formato", "pdf", "--documentos", str(lista)]) == 0
    out = capsys.readouterr().out
    assert "demostración incluida" in out and "3 escrito(s)" in out
    (salida / f"{elegidos[0][1]}_{elegidos[0][2]}.pdf").unlink()
    assert main(["extractos", "--salida", str(salida), "--formato", "pdf", "--documentos", str(lista)]) == 0
    out = capsys.readouterr().out
    assert "1 escrito(s), 2 ya existían" in out
    assert len(list(salida.glob("?_*.pdf"))) == 3
    assert len((salida / "indice.csv").read_text(encoding="utf-8-sig").splitlines()) == 4


def test_extracto_de_un_asociado_pdf(demo, elegidos, tmp_path):
    from coopxl.extractos import extracto_de

    _, _, doc = elegidos[0]
    ruta = extracto_de(demo, str(doc), tmp_path / "uno.pdf", formato="pdf", proteger=True)
    assert paginas(ruta, str(doc)) == 1
    assert "EXTRACTO DE BENEFICIOS SOLIDARIOS" in pdftotext(ruta, str(doc))
    assert sorted(p.name for p in tmp_path.iterdir()) == ["uno.pdf"]
