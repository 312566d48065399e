"""Extracts of beneficio solidario (issue 6): values equal the engine's per-associate benefits, a file
carries its associate's data only, bulk runs resume after an interruption, the index lists every
associate once, components not computed read «no calculado» with the reason (never 0)."""

from __future__ import annotations

import csv
import datetime as dt
import math
import re
import struct
import zipfile
import zlib
from pathlib import Path

import pytest
from constructor import Entidad, aporte, asociado, beneficio, captacion, credito
from python_calamine import CalamineWorkbook

from coopxl.beneficios import COMPONENTES, NOMBRE_COMPONENTE, calcular_beneficios
from coopxl.extractos import generar_extractos, leer_documentos
from coopxl.extractos.datos import nombre_archivo
from coopxl.extractos.masivo import ENCABEZADO_INDICE, normalizar_documento
from coopxl.extractos.textos import documento_texto, fecha_larga
from coopxl.extractos.xlsx import dimensiones_imagen


@pytest.fixture(scope="module")
def demo():
    from coopxl.dataset import cargar_dataset
    from coopxl.demo.incluido import CARPETA_INCLUIDA

    ds, _ = cargar_dataset(CARPETA_INCLUIDA)
    return ds


@pytest.fixture(scope="module")
def masivo_xlsx(demo, tmp_path_factory):
    destino = tmp_path_factory.mktemp("extractos")
    avances = []
    r = generar_extractos(demo, destino, progreso=lambda h, t, e: avances.append((h, t, e)), procesos=2)
    return destino, r, avances


def leer_hoja(ruta: Path) -> list[list[object]]:
    return CalamineWorkbook.from_path(str(ruta)).get_sheet_by_name("Extracto").to_python()


def valores_extracto(ruta: Path) -> dict[str, object]:
    """Concept label (column A) -> value (column C) of an extract's table, plus the header data."""
    salida: dict[str, object] = {}
    for fila in leer_hoja(ruta):
        if fila and isinstance(fila[0], str) and fila[0]:
            salida.setdefault(fila[0], fila[2] if len(fila) > 2 and fila[2] != "" else fila[1])
            salida.setdefault("nota:" + fila[0], fila[3] if len(fila) > 3 else "")
    return salida


def texto_xlsx(ruta: Path) -> str:
    """Every text of the file: shared strings, inline strings, sheet XML, properties."""
    with zipfile.ZipFile(ruta) as z:
        return "\n".join(z.read(n).decode("utf-8", "replace") for n in z.namelist() if n.endswith(".xml"))


def _nombre(fila) -> str:
    partes = [str(getattr(fila, c) or "").strip() for c in ("nombres", "primer_apellido", "segundo_apellido")]
    return " ".join(p for p in partes if p and p != "nan")


def _indice(destino: Path) -> list[dict[str, str]]:
    datos = (destino / "indice.csv").read_bytes()
    assert datos.startswith(b"\xef\xbb\xbf")  # UTF-8 with BOM: Excel opens it with accents right
    filas = list(csv.reader(datos.decode("utf-8-sig").splitlines(), delimiter=";"))
    assert tuple(filas[0]) == ENCABEZADO_INDICE
    return [dict(zip(filas[0], f, strict=True)) for f in filas[1:]]


# --- the values -------------------------------------------------------------------------------------

def test_valores_iguales_al_motor(demo, masivo_xlsx):
    destino, r, _ = masivo_xlsx
    tabla = calcular_beneficios(demo).por_asociado
    vig = demo.vigentes.drop_duplicates("persona").set_index("persona")
    assert r.asociados == len(tabla) == demo.total_asociados
    for persona, fila in tabla.iterrows():
        comprobar_extracto(destino, vig, persona, fila)


def comprobar_extracto(carpeta: Path, vig, persona: str, fila) -> None:
    """The extract file of `persona` in `carpeta` shows the engine's row `fila` (vig: vigentes by persona)."""
    archivo = carpeta / f"{nombre_archivo(vig.at[persona, 'tipo_documento'], vig.at[persona, 'documento'])}.xlsx"
    v = valores_extracto(archivo)
    for c in COMPONENTES:
        if math.isnan(fila[c]):
            assert v[NOMBRE_COMPONENTE[c]] == "no calculado"
        else:
            assert v[NOMBRE_COMPONENTE[c]] == pytest.approx(fila[c], abs=1e-6), (persona, c)
    assert v["Total beneficio solidario"] == pytest.approx(fila["total"], abs=1e-6)
    assert v["Saldo de sus aportes sociales al corte"] == pytest.approx(fila["aportes"])
    rent = v["Rentabilidad de los aportes (total beneficio / aportes)"]
    if math.isnan(fila["rentabilidad"]):
        assert rent == "no calculable"
    else:
        assert rent == pytest.approx(fila["rentabilidad"])


def test_extracto_de_la_entidad(demo, masivo_xlsx):
    destino, r, _ = masivo_xlsx
    ben = calcular_beneficios(demo)
    v = valores_extracto(destino / "entidad.xlsx")
    for c in COMPONENTES:
        assert v[NOMBRE_COMPONENTE[c]] == pytest.approx(ben.totales[c])
    assert v["Total beneficio solidario"] == pytest.approx(ben.totales["total"])
    assert v["Aportes sociales de los asociados vigentes al corte"] == pytest.approx(ben.totales["aportes"])
    assert v["Asociados"].startswith(f"{ben.asociados} asociados vigentes")
    assert r.entidad == destino / "entidad.xlsx"


def test_encabezado_y_textos(demo, masivo_xlsx):
    destino, _, _ = masivo_xlsx
    fila = demo.vigentes.iloc[0]
    v = valores_extracto(destino / f"{fila['tipo_documento']}_{fila['documento']}.xlsx")
    textos = [c for f in leer_hoja(destino / f"{fila['tipo_documento']}_{fila['documento']}.xlsx")
              for c in f if isinstance(c, str)]
    assert demo.entidad["nombre"] in textos
    nombre = " ".join(str(fila[c]) for c in ("nombres", "primer_apellido", "segundo_apellido") if fila[c])
    assert v["Asociado"] == nombre
    assert v["Documento"].startswith("Cédula de ciudadanía ")
    assert v["Fecha de corte"] == "31 de diciembre de 2025"
    assert v["Periodo"] == "Del 1 de enero de 2025 al 31 de diciembre de 2025"
    todo = " ".join(textos)
    assert "Este extracto muestra lo que usted recibió por ser asociado" in todo
    assert "pueden ser negativos" in todo and "positivo" in todo
    assert "Tasas de referencia de mercado usadas" in todo and "Fuente: Tasa ilustrativa" in todo


def test_impresion_una_pagina_carta(masivo_xlsx):
    destino, _, _ = masivo_xlsx
    archivo = next(destino.glob("C_*.xlsx"))
    with zipfile.ZipFile(archivo) as z:
        hoja = z.read("xl/worksheets/sheet1.xml").decode()
        libro = z.read("xl/workbook.xml").decode()
    assert 'paperSize="1"' in hoja and 'orientation="portrait"' in hoja
    assert '<pageSetUpPr fitToPage="1"/>' in hoja
    assert "_xlnm.Print_Area" in libro


# --- privacy ------------------------------------------------------------------------------------------

def test_cada_archivo_solo_trae_su_asociado(demo, masivo_xlsx):
    destino, _, _ = masivo_xlsx
    vig = demo.vigentes.drop_duplicates("persona")
    personas = [(f"{f.tipo_documento}_{f.documento}", str(f.documento), _nombre(f)) for f in vig.itertuples()]
    documentos = {doc for _, doc, _ in personas}
    for archivo, doc, nom in personas:
        texto = texto_xlsx(destino / f"{archivo}.xlsx")
        textos = re.findall(r"<t[^>]*>([^<]*)</t>", texto)  # the strings of the file
        junto = "\n".join(textos) + texto[texto.find("<dc:title>"):texto.find("</dc:title>")]
        numeros = {n.replace(".", "") for n in re.findall(r"\d[\d.]*\d|\d", junto)}
        assert doc in numeros and nom in junto
        assert numeros & documentos == {doc}, archivo
        for _, _, otro in personas:
            if otro != nom and otro not in nom:
                assert otro not in junto, (archivo, otro)
    entidad = texto_xlsx(destino / "entidad.xlsx")
    assert not any(nom in entidad for _, _, nom in personas)


def test_indice(demo, masivo_xlsx):
    destino, r, _ = masivo_xlsx
    filas = _indice(destino)
    assert len(filas) == r.asociados == demo.total_asociados
    assert len({f["Archivo"] for f in filas}) == len(filas)
    for f in filas:
        assert f["Archivo"] == f"{f['Tipo Doc']}_{f['Documento']}.xlsx"
        assert (destino / f["Archivo"]).exists()
        assert re.fullmatch(r"\$ -?\d{1,3}(\.\d{3})*", f["Total Beneficio"])
    assert any("@" in f["Correo"] for f in filas)
    assert any(ch in "".join(f["Nombre"] for f in filas) for ch in "áéíóúñ")


def test_progreso(masivo_xlsx):
    _, r, avances = masivo_xlsx
    assert avances[0][0] == 0 and avances[-1][:2] == (r.escritos, r.escritos)
    assert [h for h, _, _ in avances] == sorted(h for h, _, _ in avances)


# --- resuming -------------------------------------------------------------------------------------

def test_reanudar_tras_interrupcion(demo, tmp_path):
    class Corte(Exception):
        pass

    def cortar(hechos, total, etapa):
        if hechos >= 100:
            raise Corte

    with pytest.raises(Corte):
        generar_extractos(demo, tmp_path, progreso=cortar, procesos=1)
    a_medias = sorted(tmp_path.glob("?_*.xlsx"))
    assert 100 <= len(a_medias) < demo.total_asociados
    assert not (tmp_path / "indice.csv").exists()
    borrados = a_medias[:5]
    for p in borrados:
        p.unlink()
    (tmp_path / f".{borrados[0].name}.abc123.tmp").write_bytes(b"medio archivo")  # a crash mid-write
    intacto = a_medias[10]
    antes = intacto.stat().st_mtime_ns

    r = generar_extractos(demo, tmp_path, procesos=2)
    assert r.omitidos == len(a_medias) - 5
    assert r.escritos == demo.total_asociados - r.omitidos
    assert not list(tmp_path.glob(".*.tmp")) and not list(tmp_path.glob(".trabajo*"))
    assert intacto.stat().st_mtime_ns == antes  # an existing file is complete: skipped
    archivos = sorted(p.name for p in tmp_path.glob("*.xlsx"))
    assert len(archivos) == demo.total_asociados + 1  # + entidad.xlsx
    filas = _indice(tmp_path)
    assert len(filas) == demo.total_asociados == len({f["Archivo"] for f in filas})
    for p in borrados:
        valores_extracto(p)  # rewritten, complete, readable

    r2 = generar_extractos(demo, tmp_path, forzar=True, documentos=[intacto.stem.split("_")[1]])
    assert r2.escritos == 1 and intacto.stat().st_mtime_ns != antes
    assert len(_indice(tmp_path)) == 1  # the index lists this run's selection


def test_documentos(demo, tmp_path):
    docs = list(demo.vigentes["documento"].iloc[:3])
    lista = tmp_path / "lista.csv"
    lista.write_text("Nombre;Documento\nA;" + docs[0] + "\nB;" + f"{int(docs[1]):,}".replace(",", ".")
                     + "\nC;" + docs[2] + "\nD;123\n", encoding="utf-8")
    leidos = leer_documentos(lista)
    assert leidos == [docs[0], docs[1], docs[2], "123"]
    simple = tmp_path / "lista.txt"
    simple.write_text("\n".join(docs[:2]) + "\n\n", encoding="utf-8")
    assert leer_documentos(simple) == docs[:2]
    r = generar_extractos(demo, tmp_path / "salida", documentos=leidos)
    assert r.asociados == 3 and r.no_encontrados == ["123"]
    tipos = dict(zip(demo.vigentes["documento"], demo.vigentes["tipo_documento"], strict=True))
    assert sorted(p.stem for p in (tmp_path / "salida").glob("?_*.xlsx")) == sorted(f"{tipos[d]}_{d}" for d in docs)


# --- not computed, never 0 --------------------------------------------------------------------------

def _png(ruta: Path, ancho: int = 40, alto: int = 20) -> Path:
    filas = b"".join(b"\x00" + bytes((31, 78, 121)) * ancho for _ in range(alto))

    def bloque(tipo: bytes, datos: bytes) -> bytes:
        return struct.pack(">I", len(datos)) + tipo + datos + struct.pack(">I", zlib.crc32(tipo + datos))

    ruta.write_bytes(b"\x89PNG\r\n\x1a\n" + bloque(b"IHDR", struct.pack(">IIBBBBB", ancho, alto, 8, 2, 0, 0, 0))
                     + bloque(b"IDAT", zlib.compress(filas)) + bloque(b"IEND", b""))
    return ruta


@pytest.fixture
def pequena(tmp_path):
    e = Entidad(
        tmp_path / "datos",
        asociados=[asociado("1012345", nombres="María José", apellido="Núñez"),
                   asociado("2", genero="2", nombres="=HYPERLINK(\"http://x\")", apellido="Pérez")],
        cartera=[credito("1012345", "P1", saldo=4_000_000, tasa=18.0),
                 credito("1012345", "P2", codigo="144805", saldo=1_000_000, tasa=30.0),
                 credito("2", "P3", codigo="144805", saldo=1_000_000, tasa=30.0)],
        captaciones=[captacion("1012345", saldo=1_000_000, tasa=3.0),
                     captacion("2", tipo_ahorro="3", saldo=500_000, tasa=6.0)],
        aportes=[aporte("1012345", saldo=2_000_000, revalorizacion=30_000), aporte("2", saldo=0)],
        beneficios=[beneficio("1012345", "auxilio", 100_000)],
        complementarios={"entidad_nombre": "Fondo de Empleados Ñandú & Cía", "entidad_sigla": "FONÑANDÚ",
                         "entidad_nit": "900123456-7"},
        tasas={"consumo": 20.0, "ahorro_vista": 2.0},
    )
    ds, _ = e.cargar()
    return ds


def test_no_calculado_con_motivo(pequena, tmp_path):
    logo = _png(tmp_path / "logo.png")
    generar_extractos(pequena, tmp_path / "x", logo=logo, encabezado="Calle 10 # 20-30, Bogotá")
    uno = valores_extracto(tmp_path / "x" / "C_1012345.xlsx")
    # consumo 4.000.000 x (20 - 18) % = 80.000; the microcrédito (no reference rate) is left out and said
    assert uno[NOMBRE_COMPONENTE["credito"]] == pytest.approx(80_000)
    assert "microcrédito" in uno["nota:" + NOMBRE_COMPONENTE["credito"]]
    assert uno[NOMBRE_COMPONENTE["ahorro"]] == pytest.approx(10_000)
    dos = valores_extracto(tmp_path / "x" / "C_2.xlsx")
    for c, palabra in (("credito", "microcrédito"), ("ahorro", "ahorro contractual")):
        assert dos[NOMBRE_COMPONENTE[c]] == "no calculado"
        assert palabra in dos["nota:" + NOMBRE_COMPONENTE[c]]
    assert dos["Rentabilidad de los aportes (total beneficio / aportes)"] == "no calculable"
    with zipfile.ZipFile(tmp_path / "x" / "C_1012345.xlsx") as z:
        assert any(n.startswith("xl/media/") for n in z.namelist())  # the logo
    textos = [c for f in leer_hoja(tmp_path / "x" / "C_1012345.xlsx") for c in f if isinstance(c, str)]
    assert "Fondo de Empleados Ñandú & Cía" in textos and "Calle 10 # 20-30, Bogotá" in textos
    met = " ".join(t for t in textos if t.startswith("No calculado por falta de datos"))
    assert "microcrédito" in met and "créditos no incluidos" not in met  # no entity counts in a letter


def test_texto_nunca_formula(pequena, tmp_path):
    import openpyxl

    generar_extractos(pequena, tmp_path / "x")
    ws = openpyxl.load_workbook(tmp_path / "x" / "C_2.xlsx")["Extracto"]
    celdas = [c for f in ws.iter_rows() for c in f if isinstance(c.value, str) and "HYPERLINK" in c.value]
    assert celdas and all(c.data_type == "s" for c in celdas)
    filas = _indice(tmp_path / "x")
    assert next(f for f in filas if f["Documento"] == "2")["Nombre"].startswith("'=")


def test_proteger_solo_pdf(pequena, tmp_path):
    with pytest.raises(ValueError, match="PDF"):
        generar_extractos(pequena, tmp_path, proteger=True)


# --- helpers ------------------------------------------------------------------------------------------

def test_formatos_de_texto():
    assert fecha_larga(dt.date(2025, 12, 31)) == "31 de diciembre de 2025"
    assert fecha_larga(dt.date(2024, 2, 1)) == "1 de febrero de 2024"
    assert documento_texto("C", "1012345") == "Cédula de ciudadanía 1.012.345"
    assert documento_texto("P", "AB123") == "Pasaporte AB123"
    assert nombre_archivo("C", "1012345") == "C_1012345"
    assert nombre_archivo("P", "AB/12:3") == "P_AB123"
    assert normalizar_documento(" 1.012.345 ") == "1012345"
    assert normalizar_documento("900123456-7") == "900123456"
    assert normalizar_documento("0012") == "12"
    assert normalizar_documento("1012345.0") == "1012345"
    assert normalizar_documento("C:77") == "C:77"


def test_dimensiones_logo(tmp_path):
    assert dimensiones_imagen(_png(tmp_path / "l.png", 40, 20).read_bytes()) == (40, 20)
    with pytest.raises(ValueError, match="PNG"):
        dimensiones_imagen(b"no es una imagen")


def test_extracto_de_un_asociado(demo, tmp_path):
    from coopxl.extractos import extracto_de

    tabla = calcular_beneficios(demo).por_asociado
    fila = demo.vigentes.iloc[3]
    ruta = extracto_de(demo, f"{int(fila['documento']):,}".replace(",", "."), tmp_path / "uno.xlsx")
    v = valores_extracto(ruta)
    assert v["Documento"] == documento_texto(fila["tipo_documento"], fila["documento"])
    assert v["Total beneficio solidario"] == pytest.approx(tabla.at[fila["persona"], "total"])
    assert sorted(p.name for p in tmp_path.iterdir()) == ["uno.xlsx"]
    with pytest.raises(LookupError):
        extracto_de(demo, "1", tmp_path / "nadie.xlsx")


def test_cli_con_procesos_spawn(tmp_path):
    # Windows and macOS start worker processes with "spawn": the whole bundled demo (more than one batch)
    # through `python -m coopxl extractos` with that start method, as a user there would run it.
    import os
    import subprocess
    import sys

    entorno = {**os.environ, "COOPXL_MULTIPROCESO": "spawn",
               "PYTHONPATH": os.pathsep.join([str(Path(__file__).resolve().parents[1] / "src"),
                                              os.environ.get("PYTHONPATH", "")])}
    r = subprocess.run([sys.executable, "-m", "coopxl", "extractos", "--salida", str(tmp_path / "x")],
                       capture_output=True, text=True, env=entorno, timeout=300, check=False)
    assert r.returncode == 0, r.stderr
    filas = _indice(tmp_path / "x")
    assert len(filas) == len(list((tmp_path / "x").glob("?_*.xlsx"))) > 250
