"""The sheet Extracto: a document chosen in its validated cell (set with openpyxl, as a user picks it) shows,
after LibreOffice (and the `formulas` package) recalculate, exactly what the file extract of that associate
says (`extractos_asociados`: header, name, document, period, cut, every line with its value or «no calculado»
and its note, total, aportes, return and its note, explanation, methodology, closing). The first associate
is chosen by default.
"""

from __future__ import annotations

import math
from pathlib import Path

import openpyxl
import pytest

from coopxl import formato
from coopxl.excel import hoja_beneficio as HB
from coopxl.excel import hoja_extracto as HE
from coopxl.excel import recalculo
from coopxl.excel import referencias as R
from coopxl.excel.libro import escribir_libro
from coopxl.extractos import textos as tx
from coopxl.extractos.datos import Encabezado, extractos_asociados
from tests.test_excel_beneficio import _mixto, _sin_tasas
from tests.test_excel_indicadores import ENTIDADES, TOLERANCIA, sin_libreoffice

HOJA = R.HOJA_EXTRACTO
CELDA = f"B{HE.FILA_ELECCION}"
FABRICAS = {"mixto": _mixto, "sin_tasas": _sin_tasas, "completo": ENTIDADES["completo"],
            "delegados": ENTIDADES["delegados"]}
ELEGIDOS = {"mixto": None, "sin_tasas": ["2"], "completo": ["104", "114"], "delegados": ["5"]}


def _pagina(valores: dict[str, object]) -> list[tuple[object, object, object]]:
    filas = max(int(k.split("!")[1][1:]) for k in valores if k.startswith(f"{HOJA}!"))
    return [tuple(valores.get(f"{HOJA}!{c}{n}") for c in "ABC") for n in range(1, filas + 1)]


def _numero(obtenido: object, esperado: float) -> bool:
    return isinstance(obtenido, int | float) and math.isclose(obtenido, esperado, rel_tol=TOLERANCIA, abs_tol=1e-6)


def diferencias(ds, valores: dict[str, object], documento: str) -> list[str]:
    """What the Extracto sheet shows that the file extract of `documento` does not say."""
    ext = next(e for e in extractos_asociados(ds) if e.numero_documento == documento)
    enc = Encabezado.de_dataset(ds)
    pagina = _pagina(valores)
    por_etiqueta = {str(a): (b, c) for a, b, c in pagina if isinstance(a, str)}
    fallas: list[str] = []

    def ver(que: str, obtenido: object, esperado: object) -> None:
        ok = _numero(obtenido, esperado) if isinstance(esperado, float) else obtenido == esperado
        if not ok:
            fallas.append(f"{que}: hoja {obtenido!r}, extracto {esperado!r}")

    sub = " · ".join(x for x in (enc.sigla, f"NIT {enc.nit}" if enc.nit else "") if x)
    ver("entidad", pagina[0][0], enc.nombre)
    ver("sigla y NIT", pagina[1][0], sub or None)
    ver("título", pagina[3][0], ext.titulo)
    for etiqueta, esperado in ((tx.ETIQUETA_ASOCIADO, ext.destinatario), (tx.ETIQUETA_DOCUMENTO, ext.documento),
                               (tx.ETIQUETA_PERIODO, ext.periodo[0].upper() + ext.periodo[1:]),
                               (tx.ETIQUETA_CORTE, ext.corte)):
        ver(etiqueta, por_etiqueta.get(etiqueta, (None,))[0], esperado)
    for ln in ext.lineas:
        valor, nota = por_etiqueta.get(ln.concepto, (None, None))
        ver(ln.concepto, valor, tx.NO_CALCULADO if ln.valor is None else float(ln.valor))
        ver(f"nota de {ln.concepto}", nota, ln.nota or None)
    ver("total", por_etiqueta.get(tx.TOTAL_BENEFICIO, (None,))[0], float(ext.total))
    ver("aportes", por_etiqueta.get(tx.APORTES_ASOCIADO, (None,))[0], float(ext.aportes))
    rent, nota = por_etiqueta.get(tx.RENTABILIDAD_APORTES, (None, None))
    if ext.rentabilidad is None:
        ver("rentabilidad", rent, tx.NO_CALCULABLE)
        ver("nota de rentabilidad", nota, tx.SIN_APORTES)
    else:
        ver("rentabilidad", rent, float(ext.rentabilidad))
        pesos = formato.numero(ext.rentabilidad, 2 if abs(ext.rentabilidad) < 1000 else 0)
        ver("nota de rentabilidad", nota, tx.por_cada_cien(pesos))
    textos = [a for a, _, _ in pagina]
    for titulo, parrafos in ((tx.SECCION_EXPLICACION, ext.explicacion), (tx.SECCION_METODOLOGIA, ext.metodologia)):
        i = textos.index(titulo) + 1 if titulo in textos else len(textos)
        ver(titulo, tuple(textos[i:i + len(parrafos)]), tuple(parrafos))
    ver("cierre", ext.cierre in textos, True)
    return fallas


def _elegir(ruta: Path, documento: str, destino: Path) -> Path:
    wb = openpyxl.load_workbook(ruta)
    wb[HOJA][CELDA].value = documento
    wb.save(destino)
    return destino


@pytest.fixture(scope="module")
def libros(tmp_path_factory: pytest.TempPathFactory):
    """(name, chosen document or None for the default) -> (ds, workbook), every associate of mixto chosen."""
    base = tmp_path_factory.mktemp("extracto")
    salida = {}
    for nombre, fabrica in FABRICAS.items():
        ds, _ = fabrica(base / nombre).cargar()
        ruta = escribir_libro(ds, base / f"{nombre}.xlsx").ruta
        salida[(nombre, None)] = (ds, ruta)
        documentos = ELEGIDOS[nombre] or [e.numero_documento for e in extractos_asociados(ds)][1:]
        for doc in documentos:
            salida[(nombre, doc)] = (ds, _elegir(ruta, doc, base / f"{nombre}_{doc}.xlsx"))
    return salida


@pytest.fixture(scope="module")
def valores_libreoffice(libros):
    if recalculo.buscar_soffice() is None:
        pytest.skip("LibreOffice (soffice) no está instalado")
    return dict(zip(libros, recalculo.recalcular_varios_con_libreoffice(r for _, r in libros.values()), strict=True))


def _documento(clave: tuple[str, str | None], ds) -> str:
    return clave[1] or extractos_asociados(ds)[0].numero_documento


@sin_libreoffice
def test_extracto_en_libreoffice(libros, valores_libreoffice) -> None:
    fallas = {}
    for clave, (ds, _) in libros.items():
        diferentes = diferencias(ds, valores_libreoffice[clave], _documento(clave, ds))
        if diferentes:
            fallas[clave] = diferentes
    assert fallas == {}
    assert len(libros) >= 10


@pytest.mark.parametrize("clave", [("mixto", None), ("mixto", "3"), ("completo", "104")])
def test_extracto_en_formulas(libros, clave) -> None:
    ds, ruta = libros[clave]
    assert diferencias(ds, recalculo.recalcular_con_formulas(ruta), _documento(clave, ds)) == []


@sin_libreoffice
def test_cada_eleccion_muestra_otro_asociado(libros, valores_libreoffice) -> None:
    """The comparison can fail: the page of one associate is not the extract of another."""
    ds, _ = libros[("mixto", "3")]
    assert diferencias(ds, valores_libreoffice[("mixto", "3")], "1") != []
    documentos = {str(v[f"{HOJA}!B9"]) for k, v in valores_libreoffice.items() if k[0] == "mixto"}
    assert documentos == {e.documento for e in extractos_asociados(ds)}


def test_la_celda_tiene_la_lista_de_documentos(libros) -> None:
    ds, ruta = libros[("mixto", None)]
    wb = openpyxl.load_workbook(ruta)
    ws = wb[HOJA]
    validaciones = ws.data_validations.dataValidation
    assert len(validaciones) == 1
    dv = validaciones[0]
    n = len(extractos_asociados(ds))
    assert dv.type == "list" and str(dv.sqref) == CELDA
    assert dv.formula1 == f"'{R.HOJA_BENEFICIO}'!$B${HB.PRIMERA}:$B${HB.PRIMERA + n - 1}"
    assert ws[CELDA].value == extractos_asociados(ds)[0].numero_documento and ws[CELDA].data_type == "s"
    assert int(ws.page_setup.paperSize) == 1 and ws.page_setup.fitToHeight == 1 and ws.page_setup.fitToWidth == 1
    assert ws.print_area == f"'{HOJA}'!$A$1:$C${_pagina_escrita(ws)}"


def _pagina_escrita(ws) -> int:
    return max(c.row for fila in ws.iter_rows(max_col=3) for c in fila if c.value is not None)


def test_sin_asociados_la_hoja_lo_dice(tmp_path) -> None:
    ds, _ = ENTIDADES["sin_asociados"](tmp_path / "e").cargar()
    ws = openpyxl.load_workbook(escribir_libro(ds, tmp_path / "l.xlsx").ruta)[HOJA]
    assert ws["A1"].value == HE.SIN_ASOCIADOS


@pytest.mark.parametrize(("texto", "partes", "esperado"), [
    ("Hola X y X.", {"X": "A1"}, '"Hola "&A1&" y "&A1&"."'),
    ("X", {"X": "A1"}, "A1"),
    ("sin marcas", {"X": "A1"}, '"sin marcas"'),
    ("aXbY", {"X": "A1", "Y": "B2"}, '"a"&A1&"b"&B2'),
])
def test_plantilla(texto, partes, esperado) -> None:
    assert HE.plantilla(texto, partes) == esperado


@pytest.mark.parametrize(("texto", "esperado"), [
    ("corto", '"corto"'),
    ('con "comillas"', '"con ""comillas"""'),
    ("a" * 255, '"' + "a" * 255 + '"'),
    ("a" * 256, '("' + "a" * 255 + '"&"a")'),
    ("b" * 600, '("' + "b" * 255 + '"&"' + "b" * 255 + '"&"' + "b" * 90 + '")'),
])
def test_texto_largo(texto, esperado) -> None:
    from coopxl.excel import formulas as F

    assert F.texto_largo(texto) == esperado
    assert F.revisar_formula("=" + F.texto_largo(texto)) == []
