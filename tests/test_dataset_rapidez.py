"""The Dataset's fast paths give exactly what the plain paths give: persona order by an integer key,
document types through a byte table, modalities per distinct account, the directivos' seats per person."""

from __future__ import annotations

import random

import numpy as np
import pandas as pd
import pyarrow as pa
import pyarrow.compute as pc

from coopxl.dataset import (
    ORGANOS_DIRECTIVOS,
    PID,
    _directivos_personas,
    _numeros_de_tipo,
    _Personas,
    modalidades,
    orden_de_personas,
)
from coopxl.parametros import cargar_parametros
from coopxl.sicses.layouts import TIPOS_DOCUMENTO
from coopxl.sicses.problemas import Informe


def _persona(r: random.Random) -> str:
    tipo = r.choice("CCCENIPRTDO")
    numero = r.choice([
        "".join(r.choice("0123456789") for _ in range(r.randint(1, 15))),
        str(r.randint(0, 10 ** r.randint(1, 15))),
        r.choice(["1", "12", "120", "119", "0", "00", "012", "9" * 15]),
    ])
    return f"{tipo}:{numero}"


def test_orden_de_personas_como_el_de_texto():
    r = random.Random(3)
    for ronda in range(300):
        textos = [_persona(r) for _ in range(r.randint(1, 200))]
        if ronda % 5 == 0:
            textos.append(r.choice(["C:ABC123", "X1:123", "C:1234567890123456", "É:12", "C-12", "C:"]))
        arr = pa.array(textos, pa.large_string())
        esperado = np.asarray(pc.sort_indices(arr))
        assert np.array_equal(orden_de_personas(arr), esperado), textos
        partido = pa.chunked_array([arr.slice(0, len(arr) // 2), arr.slice(len(arr) // 2)])
        assert np.array_equal(orden_de_personas(partido), esperado)
    assert len(orden_de_personas(pa.array([], pa.large_string()))) == 0


def test_numeros_de_tipo_como_index_in():
    conjunto = pa.array(TIPOS_DOCUMENTO, pa.large_string())
    for celdas in (["C", "E", "N", "X", "P", "O", "D"], ["C", "", "NN", "E"], ["C", "é"], [], ["T"] * 5):
        arr = pa.array(celdas, pa.large_string())
        for a in (arr, arr.slice(1), pa.chunked_array([arr, arr])):
            esperado = np.asarray(pc.fill_null(pc.index_in(a, value_set=conjunto), 15).to_numpy(zero_copy_only=False))
            assert np.array_equal(_numeros_de_tipo(a), esperado), celdas


def test_modalidades_como_por_celda():
    par = cargar_parametros(None, Informe())
    prefijos = [*list(par.modalidades)[:6], "9999", ""]
    r = random.Random(1)
    codigo = pd.Series([r.choice(prefijos) + r.choice(["05", "10", ""]) for _ in range(300)], dtype="str",
                       index=range(100, 400))
    esperado = codigo.str.slice(0, 4).map(par.modalidades).fillna("otra")
    hecho = modalidades(codigo, par)
    pd.testing.assert_series_equal(hecho, esperado, check_names=False)


def test_directivos_personas_como_groupby():
    """Seats and distinct organs per person, and each person's first seat's id, as pandas' groupby gives
    them (persons in text order, a person with no persona left out)."""
    r = random.Random(5)
    for _ in range(200):
        n = r.randint(0, 40)
        personas = [r.choice([_persona(r), "C:1", "C:12", "E:1"]) for _ in range(n)]
        d = pd.DataFrame({
            "persona": pd.array([None if r.random() < 0.05 else p for p in personas], dtype="str"),
            "organo": pd.array([r.choice("12345") for _ in range(n)], dtype="str"),
            PID: np.array([r.randint(-1, 30) for _ in range(n)], dtype=np.int64),
        })
        a = pd.DataFrame({
            "tipo_documento": pd.array(["C"] * 31, dtype="str"),
            "documento": pd.array([str(i) for i in range(31)], dtype="str"), "vigente": np.ones(31, dtype=bool),
            **{c: np.zeros(31, dtype=bool) for c in ("mujer", "natural", "joven")},
            "edad": np.zeros(31), "antiguedad": np.zeros(31),
            "fecha_nacimiento": pd.Series(np.full(31, np.datetime64("NaT", "us"))),
        })
        obtenido, _ = _directivos_personas(d, a, _Personas(a))
        sillas = d[d["organo"].isin(ORGANOS_DIRECTIVOS)]
        grupos = sillas.groupby("persona", sort=True)
        esperado = grupos.agg(sillas=("organo", "size"), organos=("organo", "nunique"))
        primeros = grupos[PID].first().reindex(esperado.index).to_numpy()
        dentro = primeros >= 0
        assert obtenido["persona"].tolist() == esperado.index[dentro].tolist()
        assert obtenido["sillas"].tolist() == esperado["sillas"][dentro].tolist()
        assert obtenido["organos"].tolist() == esperado["organos"][dentro].tolist()
