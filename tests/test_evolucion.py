"""Several cuts: associates per product cut by cut, the union of disbursements (Python engine and the recalculated
workbook), the Evolucion sheet and its chart, and `coopxl libro` / `coopxl balance` with several folders."""

from __future__ import annotations

import datetime as dt
import math
import zipfile
from pathlib import Path

import openpyxl
import pytest

from coopxl.balance import calcular_balance
from coopxl.cli import main
from coopxl.dataset import AVISO_UN_CORTE, cargar_dataset
from coopxl.demo import generar_demo
from coopxl.evolucion import (
    COLUMNAS,
    ORIGEN_ARCHIVO,
    VIGENTES,
    ErrorCortes,
    asociados_por_producto,
    cargar_cortes,
    evolucion,
)
from coopxl.excel import recalculo
from coopxl.excel import referencias as R
from coopxl.excel.hoja_evolucion import FILA_ENCABEZADO
from coopxl.excel.libro import escribir_libro
from tests.constructor import Entidad, aporte, asociado, captacion, credito
from tests.test_excel_indicadores import diferencias

D = dt.date
OCT, NOV, DIC = D(2025, 10, 31), D(2025, 11, 30), D(2025, 12, 31)

# --- the tiny entity at three monthly cuts -----------------------------------------------------------
# Persons: 1 (man) and 2 (woman) vigente throughout; 3 joins on 15/11/2025 (vigente from the November cut);
# 4 retires on 20/11/2025 (vigente only in October); 5 is not an associate (Asociado = 2), never counted.
# The counts below are worked out by hand from the rows, product by product (distinct vigente persons of
# that cut with a row of the product whose balance is > 0):
#   ahorro a la vista: Oct {1 (two accounts: once), 4} = 2 (5 not an associate); Nov {1, 3} = 2 (4 retired);
#                      Dic {1, 2, 3} = 3
#   CDAT:              Oct {2} = 1; Nov {2} = 1; Dic 0 (balance 0)
#   contractual:       0 in every cut (2's account has balance 0)
#   permanente:        Oct 0; Nov {2} = 1; Dic {2} = 1
#   crédito consumo:   Oct {1, 4} = 2; Nov {1} = 1 (4 retired); Dic {1} = 1
#   crédito comercial: Oct {2} = 1; Nov 0 (P2 paid off, balance 0); Dic 0 (P2 no longer reported)
#   crédito vivienda:  Oct 0; Nov {3} = 1; Dic {3} = 1
#   crédito (any):     Oct 3; Nov 2; Dic 2
#   aportes:           Oct {1, 2, 4} = 3; Nov {1, 2, 3} = 3 (4 retired); Dic {1, 2} = 2 (3's balance is 0)
#   vigentes:          Oct {1, 2, 4} = 3; Nov {1, 2, 3} = 3; Dic {1, 2, 3} = 3
ESPERADO = {
    "ahorro_vista": (2, 2, 3), "cdat": (1, 1, 0), "contractual": (0, 0, 0), "permanente": (0, 1, 1),
    "credito_consumo": (2, 1, 1), "credito_comercial": (1, 0, 0), "credito_microcredito": (0, 0, 0),
    "credito_vivienda": (0, 1, 1), "credito_productivo": (0, 0, 0), "credito_otra": (0, 0, 0),
    "credito": (3, 2, 2), "aportes": (3, 3, 2), VIGENTES: (3, 3, 3),
}
# Loans: P1 (1, consumo, disbursed 2024: before P) in every cut; P2 (2, a woman, comercial, disbursed
# 01/05/2025 in P, 2 000 000 < 3 SMMLV) in October with balance, in November paid off (balance 0), gone in
# December; P3 (3, vivienda, disbursed 20/11/2025, 10 000 000) from November; P4 (4, disbursed 2024: before P)
# in October and November only. So December alone has one disbursement in P (P3, a man, not under 3 SMMLV) and
# the union adds exactly P2 (from November, the latest earlier cut reporting it): two disbursements, one to a
# woman and one under the cap.


def _asociados() -> list[dict[str, object]]:
    return [asociado("1"), asociado("2", genero="2"), asociado("3", ingreso=D(2025, 11, 15)),
            asociado("4", retiro=D(2025, 11, 20)), asociado("5", asociado_="2")]


def _corte(carpeta: Path, corte: dt.date) -> Entidad:
    p1 = credito("1", "P1", desembolso=D(2024, 1, 10), saldo={OCT: 1_000_000, NOV: 900_000, DIC: 800_000}[corte])
    cartera = [p1]
    if corte == OCT:
        cartera += [credito("2", "P2", codigo="146105", desembolso=D(2025, 5, 1), monto=2_000_000, saldo=500_000),
                    credito("4", "P4", desembolso=D(2024, 6, 1), saldo=100)]
    if corte == NOV:
        cartera += [credito("2", "P2", codigo="146105", desembolso=D(2025, 5, 1), monto=2_000_000, saldo=0),
                    credito("4", "P4", desembolso=D(2024, 6, 1), saldo=100)]
    if corte in (NOV, DIC):
        cartera.append(credito("3", "P3", codigo="140405", desembolso=D(2025, 11, 20), monto=10_000_000,
                               saldo=10_000_000 if corte == NOV else 9_900_000))
    captaciones = {
        OCT: [captacion("1", saldo=100), captacion("1", saldo=50), captacion("2", tipo_ahorro="2", saldo=10),
              captacion("4", saldo=10), captacion("5", saldo=10), captacion("2", tipo_ahorro="3", saldo=0)],
        NOV: [captacion("1", saldo=100), captacion("3", saldo=10), captacion("4", saldo=10),
              captacion("2", tipo_ahorro="2", saldo=10), captacion("2", tipo_ahorro="4", saldo=10)],
        DIC: [captacion("1", saldo=100), captacion("3", saldo=10), captacion("2", saldo=10),
              captacion("2", tipo_ahorro="2", saldo=0), captacion("2", tipo_ahorro="4", saldo=10)],
    }[corte]
    aportes = {
        OCT: [aporte("1", saldo=1000), aporte("2", saldo=1000), aporte("4", saldo=1000), aporte("5", saldo=1000)],
        NOV: [aporte("1", saldo=1000), aporte("2", saldo=1000), aporte("3", saldo=1000), aporte("4", saldo=1000)],
        DIC: [aporte("1", saldo=1000), aporte("2", saldo=1000), aporte("3", saldo=0)],
    }[corte]
    return Entidad(carpeta, corte=corte, asociados=_asociados(), cartera=cartera, captaciones=captaciones,
                   aportes=aportes, complementarios={"asamblea_tipo": "asociados"})


@pytest.fixture(scope="module")
def carpetas(tmp_path_factory: pytest.TempPathFactory) -> list[Path]:
    base = tmp_path_factory.mktemp("cortes")
    # Given out of order on purpose: the cut dates decide the order.
    return [_corte(base / nombre, c).escribir() for nombre, c in (("dic", DIC), ("oct", OCT), ("nov", NOV))]


@pytest.fixture(scope="module")
def cortes(carpetas):
    return cargar_cortes(carpetas)


def test_asociados_por_producto_a_mano(cortes) -> None:
    ev = cortes.evolucion()
    assert [c.corte for c in ev.cortes] == [OCT, NOV, DIC]
    assert [c.carpeta for c in ev.cortes] == ["oct", "nov", "dic"]
    assert {clave for clave, _ in COLUMNAS} == set(ESPERADO)
    for clave, esperado in ESPERADO.items():
        assert tuple(c.asociados[clave] for c in ev.cortes) == esperado, clave


def test_crecimiento(cortes) -> None:
    ev = cortes.evolucion()
    assert ev.crecimiento(0, "ahorro_vista") == (None, None)  # the first cut has no growth
    assert ev.crecimiento(1, "ahorro_vista") == (0, 0.0)
    assert ev.crecimiento(2, "ahorro_vista") == (1, 50.0)
    assert ev.crecimiento(2, "cdat") == (-1, -100.0)
    assert ev.crecimiento(1, "permanente") == (1, None)  # from 0: no percentage
    cambio, pct = ev.crecimiento(2, "aportes")
    assert cambio == -1 and math.isclose(pct, -100 / 3)


def test_sin_archivo_es_sin_dato(tmp_path) -> None:
    ds, _ = Entidad(tmp_path / "x", asociados=[asociado("1")]).cargar()
    conteo = asociados_por_producto(ds)
    assert conteo[VIGENTES] == 1 and conteo["ahorro_vista"] is None and conteo["aportes"] is None


def test_cortes_repetidos(carpetas, tmp_path) -> None:
    otra = _corte(tmp_path / "otra_dic", DIC).escribir()
    with pytest.raises(ErrorCortes, match="misma fecha de corte"):
        cargar_cortes([carpetas[0], otra])
    with pytest.raises(ErrorCortes, match="misma fecha de corte"):
        evolucion([cargar_dataset(carpetas[0])[0], cargar_dataset(otra)[0]])
    with pytest.raises(ErrorCortes, match="--corte solo se puede usar con una carpeta"):
        cargar_cortes(carpetas, corte=DIC)


# --- the union of disbursements ----------------------------------------------------------------------

def test_union_agrega_solo_el_credito_cancelado(cortes, carpetas) -> None:
    solo, _ = cargar_dataset(carpetas[0])
    ds = cortes.actual
    assert ds.corte == DIC and [a.corte for a in cortes.anteriores] == [OCT, NOV]
    assert len(ds.cartera) == len(solo.cartera) + 1
    agregado = ds.cartera.iloc[-1]
    assert agregado["pagare"] == "P2" and agregado["saldo_capital"] == 0 and agregado["edad_mora"] == 0
    assert agregado[ORIGEN_ARCHIVO] == "nov/cartera.csv" and agregado["modalidad_credito"] == "comercial"
    assert sorted(solo.desembolsos["pagare"]) == ["P3"]
    assert sorted(ds.desembolsos["pagare"]) == ["P2", "P3"]
    # Balance figures do not move; the person with the added loan used a product in P.
    assert ds.deudores.equals(solo.deudores)
    assert AVISO_UN_CORTE in solo.advertencias and AVISO_UN_CORTE not in ds.advertencias
    assert any("se agregaron 1 crédito(s)" in a for a in ds.advertencias)
    r_solo, r_union = ({f.id: f.resultado for f in calcular_balance(d).filas} for d in (solo, ds))
    assert r_solo["inclusion_financiera"].valor == 0 and r_union["inclusion_financiera"].valor == 50
    assert r_solo["equidad_genero_operaciones"].valor == 0 and r_union["equidad_genero_operaciones"].valor == 50
    assert r_union["concentracion_creditos"] == r_solo["concentracion_creditos"]


@pytest.fixture(scope="module")
def libro(cortes, tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, dict[str, object]]:
    """The workbook of C with the earlier cuts, and its values recalculated by the `formulas` package."""
    ruta = escribir_libro(cortes.actual, tmp_path_factory.mktemp("libro") / "union.xlsx",
                          anteriores=cortes.anteriores).ruta
    return ruta, recalculo.recalcular_con_formulas(ruta)


def test_union_en_el_libro_recalculado(cortes, libro) -> None:
    """The workbook of the union (Cartera sheet written from ds.cartera) gives the engine's 41 results."""
    ds = cortes.actual
    _, valores = libro
    assert diferencias(ds, valores) == []
    assert valores[R.nombre_indicador("inclusion_financiera")] == 50
    assert valores[R.nombre_indicador("equidad_genero_operaciones")] == 50


def test_sin_cortes_anteriores_nada_cambia(carpetas) -> None:
    solo, _ = cargar_dataset(carpetas[0])
    uno = cargar_cortes([carpetas[0]])
    assert uno.anteriores == () and uno.actual.cartera.equals(solo.cartera)
    assert uno.actual.advertencias == solo.advertencias


# --- the Evolucion sheet ---------------------------------------------------------------------------------

def _bloques(ws) -> dict[str, int]:
    """Title text -> row of each block title in column A."""
    return {c.value: c.row for c in ws["A"] if isinstance(c.value, str)}


def test_hoja_evolucion_y_grafico(libro) -> None:
    ruta, _ = libro
    wb = openpyxl.load_workbook(ruta)
    ws = wb[R.HOJA_EVOLUCION]
    encabezados = [c.value for c in ws[FILA_ENCABEZADO]]
    assert encabezados[:2] == ["Corte", "Carpeta"]
    for i, (clave, nombre) in enumerate(COLUMNAS, start=3):
        assert encabezados[i - 1] == nombre
        valores = tuple(ws.cell(FILA_ENCABEZADO + k, i).value for k in (1, 2, 3))
        assert valores == ESPERADO[clave], clave
    assert [ws.cell(FILA_ENCABEZADO + k, 1).value.date() for k in (1, 2, 3)] == [OCT, NOV, DIC]
    # One line chart over the counts: categories are the cut dates, one series per product column.
    assert len(ws._charts) == 1
    with zipfile.ZipFile(ruta) as z:
        graficos = [n for n in z.namelist() if n.startswith("xl/charts/chart")]
        xml = {n: z.read(n).decode() for n in graficos}
    linea = [x for x in xml.values() if "lineChart>" in x]  # the writer uses the default namespace
    assert len(linea) == 1
    primera, ultima = FILA_ENCABEZADO + 1, FILA_ENCABEZADO + 3
    assert f"'Evolucion'!$A${primera}:$A${ultima}" in linea[0]
    assert f"'Evolucion'!$D${primera}:$D${ultima}" in linea[0]  # ahorro a la vista, first product column
    assert f"'Evolucion'!$C${primera}" not in linea[0]  # the vigentes total is in the table, not the chart
    # The added loan is listed with its origin.
    textos = [c.value for fila in ws.iter_rows() for c in fila if isinstance(c.value, str)]
    assert "P2" in textos and "nov/cartera.csv" in textos


def _crecimientos_distintos(ev, ruta: Path, valores: dict[str, object]) -> list[str]:
    """Every growth cell whose recalculated value is not Evolucion.crecimiento."""
    ws = openpyxl.load_workbook(ruta)[R.HOJA_EVOLUCION]
    bloques = _bloques(ws)
    absoluto = bloques["Crecimiento frente al corte anterior (asociados)"] + 1
    porcentaje = bloques["Crecimiento frente al corte anterior (%)"] + 1
    fallas = []
    for i, (clave, _) in enumerate(COLUMNAS, start=3):
        letra = openpyxl.utils.get_column_letter(i)
        for k in range(len(ev.cortes)):
            cambio, pct = ev.crecimiento(k, clave)
            v_abs = valores.get(f"{R.HOJA_EVOLUCION}!{letra}{absoluto + 1 + k}")
            v_pct = valores.get(f"{R.HOJA_EVOLUCION}!{letra}{porcentaje + 1 + k}")
            if v_abs != cambio:
                fallas.append(f"{clave} corte {k}: {v_abs!r} en vez de {cambio!r}")
            if not ((v_pct is None and pct is None) or (v_pct is not None and pct is not None
                                                          and math.isclose(v_pct, pct, rel_tol=1e-12))):
                fallas.append(f"{clave} corte {k}: {v_pct!r} % en vez de {pct!r}")
    return fallas


def test_crecimiento_recalculado(cortes, libro) -> None:
    """The growth cells are formulas over the count cells: recalculated, they give Evolucion.crecimiento."""
    ruta, valores = libro
    assert _crecimientos_distintos(cortes.evolucion(), ruta, valores) == []


@pytest.mark.skipif(recalculo.buscar_soffice() is None, reason="LibreOffice (soffice) no está instalado")
def test_libro_de_varios_cortes_en_libreoffice(cortes, libro) -> None:
    ruta, _ = libro
    valores = recalculo.recalcular_con_libreoffice(ruta)
    assert diferencias(cortes.actual, valores) == []
    assert _crecimientos_distintos(cortes.evolucion(), ruta, valores) == []


def test_sin_asociados_celdas_vacias_y_sin_grafico(tmp_path) -> None:
    """Cuts without an asociados file: every count is sin dato (blank, never 0) and there is no chart to draw."""
    carpetas = [Entidad(tmp_path / n, corte=c, captaciones=[captacion("1")]).escribir()
                for n, c in (("nov", NOV), ("dic", DIC))]
    cortes = cargar_cortes(carpetas)
    ruta = escribir_libro(cortes.actual, tmp_path / "vacio.xlsx", anteriores=cortes.anteriores).ruta
    ws = openpyxl.load_workbook(ruta)[R.HOJA_EVOLUCION]
    assert [ws.cell(FILA_ENCABEZADO + 2, i).value for i in range(3, 3 + len(COLUMNAS))] == [None] * len(COLUMNAS)
    assert ws._charts == []


def test_un_corte_sin_hoja_evolucion(carpetas, tmp_path) -> None:
    ds, _ = cargar_dataset(carpetas[0])
    wb = openpyxl.load_workbook(escribir_libro(ds, tmp_path / "uno.xlsx").ruta, read_only=True)
    assert R.HOJA_EVOLUCION not in wb.sheetnames
    assert R.HOJA_GRAFICOS in wb.sheetnames


# --- the CLI with three demo cuts ------------------------------------------------------------------------

def test_cli_libro_con_tres_cortes_de_la_demo(tmp_path, capsys) -> None:
    carpetas = []
    for corte in (D(2025, 10, 31), D(2025, 11, 30), D(2025, 12, 31)):
        destino = tmp_path / f"demo_{corte:%Y%m}"
        generar_demo(destino, asociados=60, corte=corte)
        carpetas.append(str(destino))
    salida = tmp_path / "libro.xlsx"
    assert main(["libro", *carpetas, "--salida", str(salida)]) == 0
    salida_texto = capsys.readouterr().out
    assert "3 cortes" in salida_texto and "Libro del Balance Social escrito" in salida_texto
    wb = openpyxl.load_workbook(salida)
    assert R.HOJA_EVOLUCION in wb.sheetnames
    ws = wb[R.HOJA_EVOLUCION]
    assert [ws.cell(FILA_ENCABEZADO + k, 1).value.date() for k in (1, 2, 3)] == \
        [D(2025, 10, 31), D(2025, 11, 30), D(2025, 12, 31)]
    ds, _ = cargar_dataset(Path(carpetas[-1]))
    assert ws.cell(FILA_ENCABEZADO + 3, 3).value == ds.total_asociados
    portada = [c.value for c in wb[R.HOJA_PORTADA]["A"]]
    assert R.HOJA_EVOLUCION in portada
    # The same folder twice is refused with a Spanish message, before writing anything.
    otra = tmp_path / "otro.xlsx"
    assert main(["libro", carpetas[-1], carpetas[-1], "--salida", str(otra)]) == 2
    assert "misma fecha de corte" in capsys.readouterr().err and not otra.exists()
    # coopxl balance takes the same folders.
    assert main(["balance", *carpetas]) == 0
    assert "reúnen 3 cortes" in capsys.readouterr().out
