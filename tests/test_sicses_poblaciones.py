"""Populations of indicadores.md on a tiny hand-made cooperative, and the period of a cut.

The cut is C = 31/12/2025, so P = [01/01/2025, 31/12/2025] (S = 01/01/2025). The people:

  doc  who                                                        vigente hábil activo vinc retir inicio
  101  woman, joined 2015, born 31/12/1989 (birthday on C: 36)     yes     yes   yes*   -    -     yes
  102  man, joined 2010, retires 15/01/2026 (after C), born
       01/01/1990 (36 the day after C: 35, joven)                 yes     yes   yes**  -    -     yes
  103  joined 05/01/2026 (after C)                                 no      -     -      -    -     -
  104  Asociado = 4 (an employee, not an associate)                no      -     -      -    -     -
  105  joined 10/02/2025 and retired 20/11/2025, both in P         no      -     -      yes  yes   -
  106  joined 01/01/2025 (= S), nothing used                       yes     yes   no     yes  -     -
  107  joined 31/12/2024, retired 01/01/2025 (= S)                 no      -     -      -    yes   yes
  900123456 (NIT, Genero 3): a legal person, aportes paid in 2024  yes     yes   no     -    -     yes
  109  a loan with Saldo Capital > 0 and Edad Mora 31; a paid loan
       (Saldo 0) with Edad Mora 45                                 yes     NO    yes    -    -     yes
  110  one paid loan (Saldo 0, Edad Mora 60) disbursed 10/03/2025  yes     yes   yes    -    -     yes
  111  a loan with Edad Mora 30 exactly, disbursed 31/12/2025 (= C) yes    yes   yes    -    -     yes
  112  retired 31/12/2025 (= C: not after C)                       no      -     -      -    yes   yes
  (*) captación with Saldo Disponible > 0   (**) aportes Fecha Último Pago in P

So: 7 vigentes (101, 102, 106, 900123456, 109, 110, 111), 6 hábiles (all but 109), 5 activos (101, 102,
109, 110, 111), 2 vinculados (105, 106), 3 retirados (105, 107, 112), 8 vigentes al inicio (101, 102, 107,
900123456, 109, 110, 111, 112).
Loans disbursed: 109's on 01/01/2025 (first day of P: in), 109's paid one on 31/12/2024 (the day before: out),
110's on 10/03/2025 (in), 111's on 31/12/2025 (last day: in), and one to 777, who is not in the asociados file
(in: desembolsos count every person): 4 desembolsos for 1.000.000 + 2.000.000 + 3.000.000 + 500.000.
"""

from __future__ import annotations

import datetime as dt

import pandas as pd
import pytest

try:
    from test_sicses_fabrica import (
        APORTES,
        ASOCIADOS,
        CAPTACIONES,
        CARTERA,
        DIRECTIVOS,
        aporte,
        asociado,
        captacion,
        complementarios,
        credito,
        directivo,
        texto,
        uno,
    )
except ImportError:
    from tests.test_sicses_fabrica import (
        APORTES,
        ASOCIADOS,
        CAPTACIONES,
        CARTERA,
        DIRECTIVOS,
        aporte,
        asociado,
        captacion,
        complementarios,
        credito,
        directivo,
        texto,
        uno,
    )

from coopxl.dataset import Periodo, cargar_dataset

CORTE = dt.date(2025, 12, 31)


def _cooperativa(carpeta, generales: str | None = None):
    texto(carpeta / "asociados.csv", ASOCIADOS, [
        asociado("101", genero="2", ingreso="15/03/2015", nacimiento="31/12/1989", asistio="1"),
        asociado("102", genero="1", ingreso="01/06/2010", retiro="15/01/2026", nacimiento="01/01/1990", asistio="1"),
        asociado("103", ingreso="05/01/2026"),
        asociado("104", asociado_="4", ingreso="01/01/2015"),
        asociado("105", ingreso="10/02/2025", retiro="20/11/2025", asistio="1"),
        asociado("106", ingreso="01/01/2025", nacimiento="15/06/2000"),
        asociado("107", ingreso="31/12/2024", retiro="01/01/2025"),
        asociado("900123456", tipo="N", genero="3", ingreso="01/01/2015", nacimiento="", ape1="Fondo Ñ", ape2=""),
        asociado("109", ingreso="01/01/2018", genero="1"),
        asociado("110", ingreso="01/01/2018", nacimiento=""),
        asociado("111", ingreso="01/01/2018"),
        asociado("112", ingreso="01/01/2019", retiro="31/12/2025"),
    ])
    texto(carpeta / "aportes.csv", APORTES, [
        aporte("101", ultimo_pago="15/06/2024"), aporte("102", ultimo_pago="15/12/2025"),
        aporte("900123456", tipo="N", ultimo_pago="15/12/2024"),
    ])
    texto(carpeta / "captaciones.csv", CAPTACIONES, [
        captacion("101", saldo="100.000"), captacion("900123456", tipo="N", saldo="0"),
    ])
    texto(carpeta / "cartera.csv", CARTERA, [
        credito("109", "L1", desembolso="01/01/2025", mora="31", monto="1.000.000", saldo="800.000"),
        credito("109", "L4", desembolso="31/12/2024", mora="45", monto="9.000.000", saldo="0"),
        credito("110", "L2", desembolso="10/03/2025", mora="60", monto="2.000.000", saldo="0"),
        credito("111", "L3", desembolso="31/12/2025", mora="30", monto="3.000.000", saldo="3.000.000",
                codigo="146105"),
        credito("777", "L5", desembolso="15/06/2025", monto="500.000", saldo="500.000", codigo="144805"),
    ])
    texto(carpeta / "directivos.csv", DIRECTIVOS, [
        directivo("101", organo="1"), directivo("101", organo="3", cargo="Comité de educación"),
        directivo("102", organo="2", calidad="S"), directivo("112", organo="1"), directivo("999", organo="5"),
    ])
    complementarios(carpeta / "complementarios.csv", {"fecha_corte": "31/12/2025"})
    if generales:
        (carpeta / "generales.csv").write_text(generales, encoding="utf-8")
    return cargar_dataset(carpeta)


@pytest.fixture
def coop(tmp_path):
    ds, lectura = _cooperativa(tmp_path)
    a = ds.asociados.set_index("documento")
    return ds, lectura.informe, a


def _quienes(a: pd.DataFrame, columna: str) -> set[str]:
    return set(a.index[a[columna]])


def test_corte_y_periodo_desde_complementarios(coop):
    ds, _, _ = coop
    assert ds.corte == CORTE and ds.periodo == Periodo(dt.date(2025, 1, 1), CORTE)


def test_vigentes(coop):
    ds, _, a = coop
    assert _quienes(a, "vigente") == {"101", "102", "106", "900123456", "109", "110", "111"}
    assert ds.total_asociados == 7


def test_habiles(coop):
    _, _, a = coop
    assert _quienes(a, "habil") == {"101", "102", "106", "900123456", "110", "111"}


def test_dias_mora_habil_es_un_parametro(tmp_path):
    ds, _ = _cooperativa(tmp_path, "clave;valor\ndias_mora_habil;31\n")
    assert ds.parametros.dias_mora_habil == 31
    assert bool(ds.asociados.set_index("documento").loc["109", "habil"])


def test_activos(coop):
    _, _, a = coop
    assert _quienes(a, "activo_p") == {"101", "102", "109", "110", "111"}


def test_vinculados_retirados_y_vigentes_al_inicio(coop):
    _, _, a = coop
    assert _quienes(a, "vinculado_p") == {"105", "106"}
    assert _quienes(a, "retirado_p") == {"105", "107", "112"}
    assert _quienes(a, "vigente_inicio") == {"101", "102", "107", "900123456", "109", "110", "111", "112"}


def test_naturales_mujeres_edad_y_jovenes(coop):
    ds, _, a = coop
    assert not a.loc["900123456", "natural"] and not a.loc["900123456", "mujer"]
    assert _quienes(a, "natural") == set(a.index) - {"900123456"}
    assert a.loc["101", "mujer"] and not a.loc["102", "mujer"]
    assert a.loc["101", "edad"] == 36  # born 31/12/1989: birthday on the cut day
    assert a.loc["102", "edad"] == 35  # born 01/01/1990: birthday the day after the cut
    assert a.loc["106", "edad"] == 25
    assert pd.isna(a.loc["110", "edad"])
    assert not a.loc["101", "joven"] and a.loc["102", "joven"] and a.loc["106", "joven"]
    assert not a.loc["900123456", "joven"] and not a.loc["110", "joven"]
    assert any("sin fecha de nacimiento" in n and n.startswith("1 ") for n in ds.advertencias)  # 110 only


def test_antiguedad(coop):
    _, _, a = coop
    assert a.loc["101", "antiguedad"] == pytest.approx((CORTE - dt.date(2015, 3, 15)).days / 365.25)


def test_asistentes(coop):
    _, _, a = coop
    assert _quienes(a, "asistente") == {"101", "102"}  # 105 attended but is not vigente


def test_asistentes_del_archivo_de_asamblea(tmp_path):
    texto(tmp_path / "asamblea.csv", ["Tipo Doc", "Documento", "Delegado", "Asistio"],
          [["C", "106", "1", "1"], ["C", "101", "1", "0"], ["C", "105", "1", "1"]])
    ds, _ = _cooperativa(tmp_path)
    a = ds.asociados.set_index("documento")
    assert _quienes(a, "asistente") == {"106"}


def test_directivos_como_personas(coop):
    ds, inf, _ = coop
    d = ds.directivos_personas.set_index("persona")
    assert set(d.index) == {"C:101", "C:102"}  # 101 has two seats; 112 is not vigente; 999 is organ 5
    assert d.loc["C:101", "sillas"] == 2 and d.loc["C:101", "organos"] == 2
    assert bool(d.loc["C:101", "mujer"]) and not bool(d.loc["C:102", "mujer"])
    assert bool(d.loc["C:102", "joven"])
    assert any("1 directivo(s) no figuran como asociados vigentes" in n for n in ds.advertencias)
    p = uno(inf, contiene="no es un asociado vigente")
    assert (p.archivo, p.fila, p.valor) == ("directivos.csv", 5, "112")


def test_desembolsos_del_periodo(coop):
    ds, _, _ = coop
    d = ds.desembolsos
    assert sorted(d["pagare"]) == ["L1", "L2", "L3", "L5"]  # L4, the day before S, is out
    assert d["monto"].sum() == 6_500_000
    c = ds.cartera.set_index("pagare")
    assert list(c["desembolso_p"]) == [True, False, True, True, True]
    assert c.loc["L3", "modalidad_credito"] == "comercial" and c.loc["L5", "modalidad_credito"] == "microcredito"
    assert c.loc["L1", "modalidad_credito"] == "consumo"
    assert any("un solo corte" in n for n in ds.advertencias)


def test_deudores_y_ahorradores(coop):
    ds, _, _ = coop
    assert dict(ds.deudores) == {"C:109": 800_000, "C:111": 3_000_000, "C:777": 500_000}
    assert dict(ds.ahorradores) == {"C:101": 100_000}


@pytest.mark.parametrize(("corte", "inicio"), [
    (dt.date(2025, 12, 31), dt.date(2025, 1, 1)),
    (dt.date(2024, 2, 29), dt.date(2023, 3, 1)),
    (dt.date(2025, 2, 28), dt.date(2024, 3, 1)),
    (dt.date(2024, 2, 28), dt.date(2023, 3, 1)),
    (dt.date(2025, 6, 30), dt.date(2024, 7, 1)),
])
def test_periodo_de_corte(corte, inicio):
    p = Periodo.de_corte(corte)
    assert (p.inicio, p.fin) == (inicio, corte)


def test_periodo_contiene_ambos_extremos():
    p = Periodo.de_corte(CORTE)
    fechas = pd.Series(pd.to_datetime(["2024-12-31", "2025-01-01", "2025-12-31", "2026-01-01"]))
    assert list(p.contiene(fechas)) == [False, True, True, False]
    assert p.anterior() == Periodo(dt.date(2024, 1, 1), dt.date(2024, 12, 31))


def test_corte_en_junio_avisa_que_ingresos_y_gastos_son_del_anio(tmp_path):
    texto(tmp_path / "asociados.csv", ASOCIADOS, [asociado("1")])
    texto(tmp_path / "catalogo.csv", ["Codigo", "Nombre", "Saldo"], [["400000", "INGRESOS", "10"]])
    ds, _ = cargar_dataset(tmp_path, dt.date(2025, 6, 30))
    assert any("acumuladas del 1 de enero al 30/06/2025" in n for n in ds.advertencias)


def test_corte_deducido_avisa(tmp_path):
    texto(tmp_path / "asociados.csv", ASOCIADOS, [asociado("1", ingreso="10/11/2025")])
    ds, lectura = cargar_dataset(tmp_path)
    assert ds.corte == dt.date(2025, 11, 30)
    assert "no se indicó la fecha de corte" in uno(lectura.informe, contiene="fecha de corte").mensaje


def test_documentos_no_numericos_se_cruzan_entre_archivos(tmp_path):
    """Passports (letters) and NITs with check digit join across files like any other document."""
    texto(tmp_path / "asociados.csv", ASOCIADOS, [
        asociado("AB12345", tipo="P"), asociado("900.123.456-7", tipo="N", genero="3"), asociado("77")])
    texto(tmp_path / "cartera.csv", CARTERA, [
        credito("ab12345", "L1", tipo="PA", mora="90"), credito("900123456", "L2", tipo="NIT", mora="0"),
        credito("77", "L3", tipo="E", mora="90")])  # the same number with another document type: not 77's
    ds, _ = cargar_dataset(tmp_path, CORTE)
    a = ds.asociados.set_index("documento")
    assert _quienes(a, "habil") == {"900123456", "77"}
    assert dict(ds.deudores) == {"E:77": 1_500_000, "N:900123456": 1_500_000, "P:AB12345": 1_500_000}
