"""The Balance as a whole: registry meta-test, analysis sentences, the JSON contract and the CLI."""

from __future__ import annotations

import json
import os
import re
import subprocess
import sys
from dataclasses import replace
from pathlib import Path

import pytest

from coopxl import formato
from coopxl.analisis import advertencia_imposible, frase_analisis, texto_resultado
from coopxl.balance import a_json, calcular_balance
from coopxl.cli import main
from coopxl.dataset import cargar_dataset
from coopxl.demo.incluido import CARPETA_INCLUIDA
from coopxl.indicadores import obtener, todos
from coopxl.indicadores.modelo import ESTADOS, Resultado
from coopxl.indicadores.textos.catalogo import IDS

RAIZ = Path(__file__).resolve().parents[1]


@pytest.fixture(scope="module")
def balance_demo():
    ds, _ = cargar_dataset(CARPETA_INCLUIDA)
    return calcular_balance(ds)


def test_registro_completo_y_en_orden():
    assert [i.id for i in todos()] == list(IDS)
    for ind in todos():
        assert ind.nombre and ind.proposito and ind.formula and ind.analisis and ind.entradas
        assert callable(ind.calcular)


def test_cada_indicador_tiene_prueba_dorada():
    """Every id is exercised by name in a golden test module of its principle."""
    textos = "".join(p.read_text(encoding="utf-8") for p in (RAIZ / "tests").glob("test_indicadores_p*.py"))
    sin_prueba = [i for i in IDS if f'"{i}"' not in textos]
    assert not sin_prueba, f"indicadores sin prueba dorada: {sin_prueba}"


def test_redondeo_como_excel_en_el_resultado():
    ind = obtener("cultura_ahorro")
    r = Resultado("ok", 27.665, 100, 27.665)
    assert texto_resultado(ind, r) == "27,67 %"  # Python's round(27.665, 2) gives 27.66
    assert "27,67 %" in frase_analisis(ind, r)
    assert texto_resultado(obtener("actividad_transaccional"), Resultado("ok", 12, 10, 1.2)) == "1,20"


def test_frases_de_los_estados():
    ind = obtener("concentracion_creditos")
    cero = frase_analisis(ind, Resultado("denominador_cero", 0, 0))
    assert "denominador" in cero and ind.denominador_texto in cero
    assert texto_resultado(ind, Resultado("denominador_cero", 0, 0)) == "NO SE PUDO CALCULAR, DENOMINADOR EN CERO"
    faltante = Resultado("sin_datos", faltantes=("la clave patrocinios_recibidos",))
    falta = frase_analisis(obtener("patrocinios"), faltante)
    assert "patrocinios_recibidos" in falta and "0,00" not in falta
    no_aplica = Resultado("no_aplica", motivo="asamblea de asociados")
    no = frase_analisis(obtener("participacion_votacion_delegados"), no_aplica)
    assert "no aplica" in no


def test_crecimiento_y_decrecimiento_por_signo():
    ind = obtener("crecimiento_inversion_educacion")
    assert "decrecimiento" in frase_analisis(ind, Resultado("ok", -44.4, 100, -44.4))
    assert "crecimiento" in frase_analisis(ind, Resultado("ok", 12.0, 100, 12.0))


def test_advertencia_de_resultado_imposible():
    ind = obtener("cultura_ahorro")  # numerator is a subset of the denominator
    assert advertencia_imposible(ind, Resultado("ok", 213, 100, 213.13)) is not None
    assert advertencia_imposible(ind, Resultado("ok", 50, 100, 50.0)) is None
    assert advertencia_imposible(obtener("educacion_directivos"), Resultado("ok", 375, 100, 375.0)) is None


def test_demo_completo(balance_demo):
    b = balance_demo
    assert len(b.filas) == 41
    assert all(f.resultado.estado in ESTADOS for f in b.filas)
    # The demo fills every input: only the delegates' vote does not apply (assembly of associates).
    no_ok = {f.id: f.resultado.estado for f in b.filas if f.resultado.estado != "ok"}
    assert no_ok == {"participacion_votacion_delegados": "no_aplica"}
    for f in b.filas:
        assert "{" not in f.analisis and f.analisis.endswith(".")
        if f.indicador.subconjunto and f.resultado.valor is not None:
            assert 0 <= f.resultado.valor <= 100, f.id
    assert sum(len(filas) for _, _, filas in b.por_principio()) == 42


def test_json_contrato(balance_demo, tmp_path):
    datos = a_json(balance_demo)
    assert set(datos) >= {"entidad", "corte", "periodo", "indicadores", "beneficios"}
    assert datos["corte"] == "2025-12-31" and datos["periodo"] == {"inicio": "2025-01-01", "fin": "2025-12-31"}
    assert len(datos["indicadores"]) == 41
    for item in datos["indicadores"]:
        assert set(item) >= {"id", "principio", "nombre", "valor", "estado", "numerador", "denominador", "resultado",
                             "analisis", "advertencias"}
        assert (item["valor"] is None) == (item["estado"] != "ok")
    cultura = next(i for i in datos["indicadores"] if i["id"] == "cultura_ahorro")
    # valor is unrounded and equals numerador / denominador * 100; resultado is its displayed text
    assert cultura["valor"] == pytest.approx(cultura["numerador"] / cultura["denominador"] * 100, rel=1e-12)
    assert cultura["resultado"] == formato.porcentaje(cultura["valor"])
    assert datos["beneficios"]["asociados"] == balance_demo.beneficios.asociados
    json.dumps(datos)  # serialisable as is


def test_cli_balance_demo_y_json(tmp_path, capsys):
    destino = tmp_path / "balance.json"
    assert main(["balance", "--json", str(destino)]) == 0
    salida = capsys.readouterr().out
    assert "cooperativa de demostración incluida" in salida
    for p in range(1, 8):
        assert re.search(rf"^{p}\. ", salida, re.M)
    assert "BENEFICIO SOLIDARIO" in salida
    datos = json.loads(destino.read_text(encoding="utf-8"))
    assert len(datos["indicadores"]) == 41


def test_cli_balance_con_anterior(tmp_path, capsys):
    from coopxl.demo import generar_demo

    actual, anterior = tmp_path / "2025", tmp_path / "2024"
    generar_demo(actual, asociados=300, semilla=3)
    import datetime as dt

    generar_demo(anterior, asociados=300, semilla=3, corte=dt.date(2024, 12, 31))
    assert main(["balance", str(actual), "--anterior", str(anterior), "--json", str(tmp_path / "b.json")]) == 0
    salida = capsys.readouterr().out
    assert "Anterior" in salida and "Cambio" in salida
    datos = json.loads((tmp_path / "b.json").read_text(encoding="utf-8"))
    con_cambio = [i for i in datos["indicadores"] if i.get("anterior", {}).get("cambio") is not None]
    assert len(con_cambio) > 20
    item = con_cambio[0]
    assert item["anterior"]["cambio"] == pytest.approx(item["valor"] - item["anterior"]["valor"])


def test_cli_en_consola_windows_cp1252():
    """A Windows console encodes cp1252: the CLI must not crash on any character it prints."""
    env = {**os.environ, "PYTHONIOENCODING": "cp1252", "PYTHONPATH": str(RAIZ / "src")}
    r = subprocess.run([sys.executable, "-m", "coopxl", "balance", "--detalle"], capture_output=True, env=env,
                       cwd=RAIZ, timeout=300)
    assert r.returncode == 0, r.stderr.decode("cp1252", "replace")
    texto = r.stdout.decode("cp1252")
    assert "ADMINISTRACIÓN DEMOCRÁTICA" in texto and "Traceback" not in r.stderr.decode("cp1252", "replace")


def test_un_calculo_que_falla_no_tumba_el_balance(monkeypatch, balance_demo):
    ind = obtener("cultura_ahorro")

    def roto(ds):
        raise ZeroDivisionError("x")

    from coopxl.indicadores import registro

    monkeypatch.setitem(registro._REGISTRO, "cultura_ahorro", replace(ind, calcular=roto))
    b = calcular_balance(balance_demo.ds)
    f = b.fila("cultura_ahorro")
    assert f.resultado.estado == "sin_datos" and "falló" in f.analisis


def test_sin_archivo_de_asociados_no_se_cae(tmp_path):
    """Without the asociados file every indicator that needs it says so (sin_datos), the rest still compute."""
    import shutil

    for nombre in ("cartera.csv", "complementarios.csv"):
        shutil.copy(CARPETA_INCLUIDA / nombre, tmp_path / nombre)
    ds, lectura = cargar_dataset(tmp_path)
    b = calcular_balance(ds)
    assert lectura.informe.errores >= 1  # "no se encontró el informe individual de asociados"
    assert b.fila("cultura_ahorro").resultado.estado == "sin_datos"
    assert b.fila("concentracion_creditos").resultado.estado == "ok"
    assert b.beneficios.asociados == 0
