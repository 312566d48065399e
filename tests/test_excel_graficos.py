"""The sheet Graficos: one table per principle reading BS_<id> (numbers only, states blank) and its bar chart;
and the formula rules on the Graficos and Evolucion sheets."""

from __future__ import annotations

import math
import re
import zipfile

import openpyxl
import pytest

from coopxl.balance import calcular_balance
from coopxl.evolucion import cargar_cortes
from coopxl.excel import formulas as F
from coopxl.excel import recalculo
from coopxl.excel import referencias as R
from coopxl.excel.graficos import formula_resultado, indicadores_por_principio
from coopxl.excel.libro import escribir_libro, hojas_del_libro
from coopxl.indicadores.registro import obtener, todos
from coopxl.indicadores.textos.catalogo import NOMBRES_PRINCIPIO
from tests.test_evolucion import DIC, NOV, OCT, _corte
from tests.test_excel_indicadores import _delegados


@pytest.fixture(scope="module")
def caso(tmp_path_factory: pytest.TempPathFactory):
    base = tmp_path_factory.mktemp("graficos")
    ds, _ = _delegados(base / "delegados").cargar()
    ruta = escribir_libro(ds, base / "graficos.xlsx").ruta
    return ds, ruta


def _tablas(ws) -> dict[int, list[int]]:
    """Principle -> the rows of its indicators (below the title and the header)."""
    titulos = {f"{p}. {n}": p for p, n in NOMBRES_PRINCIPIO.items()}
    salida: dict[int, list[int]] = {}
    actual = None
    for fila in ws.iter_rows(min_col=1, max_col=2):
        a, b = fila
        if a.value in titulos:
            actual = titulos[a.value]
            salida[actual] = []
        elif actual is not None and isinstance(b.value, str) and b.value.startswith("="):
            salida[actual].append(a.row)
    return salida


def test_tabla_por_principio(caso) -> None:
    _, ruta = caso
    ws = openpyxl.load_workbook(ruta)[R.HOJA_GRAFICOS]
    tablas = _tablas(ws)
    esperado = indicadores_por_principio()
    assert sorted(tablas) == list(range(1, 8))
    for p, filas in tablas.items():
        assert [ws.cell(f, 1).value for f in filas] == [obtener(i).nombre for i in esperado[p]]
        assert [ws.cell(f, 2).value for f in filas] == ["=" + formula_resultado(i) for i in esperado[p]]
        assert [ws.cell(f, 3).value for f in filas] == ["%" if obtener(i).es_porcentaje else "razón"
                                                         for i in esperado[p]]
    # every indicator of the registry is on the sheet; equidad_genero_operaciones under principles 2 and 3
    assert {i for ids in esperado.values() for i in ids} == {i.id for i in todos()}
    assert "equidad_genero_operaciones" in esperado[2] and "equidad_genero_operaciones" in esperado[3]


def test_graficos_de_barras_sobre_los_porcentajes(caso) -> None:
    _, ruta = caso
    ws = openpyxl.load_workbook(ruta)[R.HOJA_GRAFICOS]
    tablas = _tablas(ws)
    with zipfile.ZipFile(ruta) as z:
        libro = z.read("xl/workbook.xml").decode()
        hojas = re.findall(r'<sheet [^>]*name="([^"]+)"', libro)
        assert R.HOJA_GRAFICOS in hojas
        xml = [z.read(n).decode() for n in z.namelist() if n.startswith("xl/charts/chart")]
    barras = [x for x in xml if "barChart>" in x and "'Graficos'!" in x]
    assert len(barras) == 7
    for p, filas in tablas.items():
        porcentajes = [f for f, i in zip(filas, indicadores_por_principio()[p], strict=True)
                       if obtener(i).es_porcentaje]
        assert porcentajes == filas[: len(porcentajes)]  # percentages first, razones after
        valores = f"'Graficos'!$B${porcentajes[0]}:$B${porcentajes[-1]}"
        categorias = f"'Graficos'!$A${porcentajes[0]}:$A${porcentajes[-1]}"
        uno = [x for x in barras if valores in x]
        assert len(uno) == 1 and categorias in uno[0], p
        assert f"{p}. {NOMBRES_PRINCIPIO[p]}" in uno[0]


def test_resultados_recalculados_como_el_motor(caso) -> None:
    ds, ruta = caso
    valores = recalculo.recalcular_con_formulas(ruta)
    ws = openpyxl.load_workbook(ruta)[R.HOJA_GRAFICOS]
    resultados = {f.id: f.resultado for f in calcular_balance(ds).filas}
    estados = set()
    for p, filas in _tablas(ws).items():
        for f, id_ in zip(filas, indicadores_por_principio()[p], strict=True):
            r = resultados[id_]
            estados.add(r.estado)
            v = valores.get(f"{R.HOJA_GRAFICOS}!B{f}")
            if r.estado == "ok":
                assert isinstance(v, int | float) and math.isclose(v, r.valor, rel_tol=1e-9, abs_tol=1e-12), id_
            else:
                assert v is None, (id_, r.estado, v)  # a state is a blank cell
    assert {"ok", "sin_datos"} <= estados  # the case has both kinds


def test_formulas_de_graficos_cumplen_las_reglas(caso) -> None:
    _, ruta = caso
    ws = openpyxl.load_workbook(ruta)[R.HOJA_GRAFICOS]
    formulas = [c.value for fila in ws.iter_rows() for c in fila
                if isinstance(c.value, str) and c.value.startswith("=")]
    assert len(formulas) == sum(len(v) for v in indicadores_por_principio().values())
    assert {f: F.revisar_formula(f) for f in formulas if F.revisar_formula(f)} == {}


def test_formulas_de_evolucion_cumplen_las_reglas(tmp_path) -> None:
    carpetas = [_corte(tmp_path / n, c).escribir() for n, c in (("oct", OCT), ("nov", NOV), ("dic", DIC))]
    cortes = cargar_cortes(carpetas)
    ruta = escribir_libro(cortes.actual, tmp_path / "evolucion.xlsx", anteriores=cortes.anteriores).ruta
    ws = openpyxl.load_workbook(ruta)[R.HOJA_EVOLUCION]
    formulas = [c.value for fila in ws.iter_rows() for c in fila
                if isinstance(c.value, str) and c.value.startswith("=")]
    assert formulas  # the growth cells
    assert {f: F.revisar_formula(f) for f in formulas if F.revisar_formula(f)} == {}
    hojas = openpyxl.load_workbook(ruta, read_only=True).sheetnames
    assert hojas.index(R.HOJA_EVOLUCION) == hojas.index(R.HOJA_GRAFICOS) + 1
    assert R.HOJA_EVOLUCION in hojas_del_libro(varios_cortes=True) and R.HOJA_EVOLUCION not in hojas_del_libro()
