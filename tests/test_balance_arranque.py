"""Start-up of `coopxl balance`: the Excel faces of the indicators (coopxl.excel, openpyxl) are imported only
when a workbook is written, and the engine-side populations agree with the Dataset's own."""

from __future__ import annotations

import datetime as dt
import json
import os
import subprocess
import sys
from pathlib import Path

import numpy as np
import pandas as pd
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from coopxl.dataset import PID, cargar_dataset
from coopxl.demo import generar_demo
from coopxl.indicadores import poblaciones
from coopxl.indicadores.p5_autonomia import _concentracion_80_enteros, concentracion_80

RAIZ = Path(__file__).resolve().parent.parent

_SIN_EXCEL = """
import sys
from coopxl.cli import main
codigo = main(sys.argv[1:])
cargados = sorted(m for m in sys.modules if m == "openpyxl" or m.startswith(("openpyxl.", "coopxl.excel")))
print("MODULOS=" + ",".join(cargados), file=sys.stderr)
raise SystemExit(codigo)
"""


def _entorno() -> dict[str, str]:
    return {**os.environ, "PYTHONPATH": str(RAIZ / "src")}


def _modulos_cargados(*argumentos: str) -> tuple[subprocess.CompletedProcess, list[str]]:
    r = subprocess.run([sys.executable, "-c", _SIN_EXCEL, *argumentos], capture_output=True, text=True,
                       cwd=RAIZ, env=_entorno(), timeout=300)
    linea = next(x for x in r.stderr.splitlines() if x.startswith("MODULOS="))
    return r, [m for m in linea.removeprefix("MODULOS=").split(",") if m]


def test_balance_sin_libro_no_importa_openpyxl(tmp_path):
    destino = tmp_path / "balance.json"
    r, cargados = _modulos_cargados("balance", "--json", str(destino))
    assert r.returncode == 0, r.stderr
    assert "BALANCE SOCIAL Y BENEFICIO SOLIDARIO" in r.stdout
    assert len(json.loads(destino.read_text(encoding="utf-8"))["indicadores"]) == 41
    assert cargados == []


def test_balance_con_salida_si_escribe_el_libro(tmp_path):
    # The lazy Excel faces still build the workbook when it is asked for.
    libro = tmp_path / "balance.xlsx"
    r, cargados = _modulos_cargados("balance", "--salida", str(libro))
    assert r.returncode == 0, r.stderr
    assert libro.is_file() and "coopxl.excel.formulas" in cargados


def test_ayuda_no_carga_pandas():
    r = subprocess.run([sys.executable, "-c", "import sys\nfrom coopxl.cli import main\n"
                        "try:\n    main(['--help'])\nexcept SystemExit:\n    pass\n"
                        "print('PANDAS=' + str('pandas' in sys.modules), file=sys.stderr)"],
                       capture_output=True, text=True, cwd=RAIZ, env=_entorno(), timeout=120)
    assert "balance" in r.stdout and "PANDAS=False" in r.stderr


@pytest.fixture(scope="module")
def ds(tmp_path_factory):
    carpeta = tmp_path_factory.mktemp("demo")
    generar_demo(carpeta, asociados=400, semilla=7)
    d, _ = cargar_dataset(carpeta, dt.date(2025, 12, 31))
    return d


def test_poblaciones_como_las_del_dataset(ds):
    vig = ds.vigentes.drop_duplicates(PID)
    assert poblaciones.ids_vigentes(ds).tolist() == vig[PID].tolist()
    assert poblaciones.total_vigentes(ds) == ds.total_asociados == int(ds.vigentes["persona"].nunique())
    pd.testing.assert_frame_equal(poblaciones.vigentes_unicos(ds, ["persona", "antiguedad"]).reset_index(drop=True),
                                  vig[["persona", "antiguedad"]].reset_index(drop=True))
    # Género of every disbursement, by id, as the old map by persona text read it
    genero = ds.asociados.drop_duplicates("persona").set_index("persona")["genero"]
    esperado = ds.desembolsos["persona"].map(genero)
    codigos = poblaciones.codigo_genero(ds, ds.desembolsos[PID].to_numpy())
    assert ((codigos == 2) == (esperado == "2").to_numpy()).all()
    assert ((codigos == -1) == esperado.isna().to_numpy()).all()
    # distinct vigentes among the ids with a benefit (id -1 and repeated ids included)
    pids = np.concatenate([ds.beneficios[PID].to_numpy(), [-1, -1]])
    assert poblaciones.cuantos_vigentes(ds, pids) == int(vig[PID].isin(pids).sum())
    assert poblaciones.distintos(np.array([3, 3, 0, 7])) == 3 and poblaciones.distintos(np.array([], int)) == 0


def test_poblaciones_sin_asociados(ds):
    from dataclasses import replace

    sin = replace(ds, asociados=None)
    assert poblaciones.total_vigentes(sin) == 0 and len(poblaciones.ids_vigentes(sin)) == 0
    assert (poblaciones.codigo_genero(sin, np.array([0, 1, -1])) == -1).all()


def test_posicion():
    ids = np.array([5, 2, 9])
    assert poblaciones.posicion(ids, np.array([9, -1, 2, 4, 5, 12])).tolist() == [2, -1, 1, -1, 0, -1]


@settings(max_examples=200, deadline=None)
@given(st.lists(st.floats(min_value=0.01, max_value=1e12, allow_nan=False), max_size=60))
def test_concentracion_vectorizada_como_la_suma_entera(saldos):
    # The numpy cumulative sum in int64 cents gives the k of the exact Python-integer loop.
    s = pd.Series(saldos, dtype="float64")
    x = np.round(np.abs(s.to_numpy()) * 100, 6)
    centavos = (np.floor(x + 0.5) * np.sign(s.to_numpy())).astype(np.int64).tolist()
    assert concentracion_80(s) == _concentracion_80_enteros(centavos)


def test_concentracion_sin_titulares_y_enorme():
    assert concentracion_80(pd.Series([], dtype="float64")) == (0, 0)
    enorme = pd.Series([9e15, 9e15, 1.0])  # cents beyond what 5 x int64 holds: the Python-integer path
    k, total = concentracion_80(enorme)
    assert (k, total) == (2, 2 * 900_000_000_000_000_000 + 100)
