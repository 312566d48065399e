"""The column-wise `extractos_asociados` says what the row-by-row rules say: the name rule (one definition for
both paths), the persons filter of the notes, the shared fixed lines, and the subset path (`documentos=`)."""

from __future__ import annotations

import dataclasses
import math

import numpy as np
import pandas as pd
import pytest

from coopxl.beneficios import COMPONENTES, NOMBRE_COMPONENTE, calcular_beneficios
from coopxl.extractos.datos import (
    _de_personas,
    _lineas,
    _lineas_fijas,
    _nombre_persona,
    _num,
    extractos_asociados,
    frase,
    motivo_general,
    nombre_de_partes,
)


@pytest.fixture(scope="module")
def demo():
    from coopxl.dataset import cargar_dataset
    from coopxl.demo.incluido import CARPETA_INCLUIDA

    ds, _ = cargar_dataset(CARPETA_INCLUIDA)
    return ds


@pytest.mark.parametrize(("partes", "esperado"), [
    (("Ana María", "Núñez", "Peña"), "Ana María Núñez Peña"),
    (("  José ", " Ángel ", ""), "José Ángel"),
    (("Luz", None, "Gómez"), "Luz Gómez"),
    ((math.nan, "Pérez", math.nan), "Pérez"),
    (("nan", "NaN", "Ruiz"), "Ruiz"),
    (("", "   ", None), ""),
    ((None, None, None), ""),
    (("Ñusta", "D'Alemán", "O'Neil"), "Ñusta D'Alemán O'Neil"),
    ((np.float64("nan"), "", "Ortiz  "), "Ortiz"),
])
def test_nombre_de_partes_es_la_regla_de_la_fila(partes, esperado):
    assert nombre_de_partes(*partes) == esperado
    fila = pd.Series(dict(zip(("nombres", "primer_apellido", "segundo_apellido"), partes, strict=True))
                     | {"documento": "123", "edad": 40.0})
    assert _nombre_persona(fila) == esperado


def test_nombre_sin_columnas():
    assert _nombre_persona(pd.Series({"nombres": "Eva", "documento": "1"})) == "Eva"
    assert _nombre_persona(pd.Series({"documento": "1"}, dtype=object)) == ""


@pytest.mark.parametrize("personas", [
    pd.Index(["C:1", "C:2", "N:3"], dtype="str"),
    pd.Index(["C:1", "C:1", "N:3"], dtype="str"),  # not unique: the isin path
    pd.Index([], dtype="str"),
])
def test_de_personas_es_isin(personas):
    columna = pd.Series(["C:1", "N:3", "C:9", "C:2", "C:1", None], dtype="str")
    esperado = columna.isin(personas).to_numpy(dtype=bool)
    obtenido = _de_personas(columna, personas)
    assert obtenido.dtype == bool and obtenido.tolist() == esperado.tolist()


def test_extractos_como_fila_por_fila(demo):
    """Every extract's name, document, e-mail and lines are what the per-row rules give."""
    ben = calcular_beneficios(demo)
    vig = demo.vigentes.drop_duplicates("persona").set_index("persona")
    extractos = extractos_asociados(demo)
    assert len(extractos) == len(ben.por_asociado) > 0
    for persona, ext in zip(ben.por_asociado.index, extractos, strict=True):
        fila = vig.loc[persona]
        assert ext.destinatario == _nombre_persona(fila)
        assert ext.numero_documento == str(fila["documento"]) and ext.tipo_documento == str(fila["tipo_documento"])
        assert ext.correo == ("" if pd.isna(fila["correo"]) else str(fila["correo"]).strip())
        r = ben.por_asociado.loc[persona]
        assert ext.total == float(r["total"]) and ext.aportes == float(r["aportes"])
        assert [ln.valor for ln in ext.lineas] == [_num(r[c]) for c in COMPONENTES]


def test_subconjunto_igual_al_completo(demo):
    todos = extractos_asociados(demo)
    elegidos = todos[::3]
    pedidos = {e.numero_documento for e in elegidos[1:]} | {"C:" + elegidos[0].numero_documento, "no-existe"}
    esperado = [e for e in todos if e.numero_documento in pedidos or "C:" + e.numero_documento in pedidos]
    assert extractos_asociados(demo, pedidos) == esperado
    assert extractos_asociados(demo, set()) == []


def test_lineas_fijas_iguales_a_las_construidas(demo):
    ben = dataclasses.replace(calcular_beneficios(demo), no_calculados=frozenset({"credito", "auxilio"}))
    fijas = _lineas_fijas(ben, {})
    casos = [
        ({c: None for c in COMPONENTES}, {}),
        ({c: None for c in COMPONENTES}, {"ahorro": ["2 cuentas de CDAT sin tasa efectiva reportada"]}),
        ({c: -3.0 for c in COMPONENTES}, {"ahorro": ["1 cuenta de ahorro sin tasa de referencia de mercado"]}),
        ({c: 10.0 for c in COMPONENTES}, {}),
    ]
    for valores, notas in casos:
        assert _lineas(valores, notas, ben, {}, fijas) == _lineas(valores, notas, ben, {})
    credito = _lineas({c: 1.0 for c in COMPONENTES}, {}, ben, {}, fijas)[COMPONENTES.index("credito")]
    assert credito.valor is None and credito.nota == frase(motivo_general("credito", ben))
    assert credito.concepto == NOMBRE_COMPONENTE["credito"]
    ahorro = _lineas({c: None for c in COMPONENTES}, {"ahorro": ["x"]}, ben, {}, fijas)[COMPONENTES.index("ahorro")]
    assert ahorro.nota == "X."
