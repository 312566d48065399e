"""Golden tests for principle 4 (formación e información): hand-made entities, values worked out by hand
in the comments, and the edges of indicadores.md (missing keys and files, zero denominators, the ends of
P, total gastos from the CUIF mapping, the previous cut's gasto_educacion)."""

from __future__ import annotations

import datetime as dt

import pytest
from constructor import Entidad, asociado, beneficio, cuenta

import coopxl.indicadores.p4_educacion  # noqa: F401  (registers principle 4)
from coopxl.indicadores.registro import obtener

D = dt.date


def calcular(ds, id_):
    return obtener(id_).calcular(ds)


# --- educacion_directivos, educacion_empleados (keys only) ---------------------------------------------

@pytest.mark.parametrize("id_, prefijo", [("educacion_directivos", "educacion_directivos"),
                                          ("educacion_empleados", "educacion_empleados")])
def test_participaciones_en_educacion(tmp_path, id_, prefijo):
    # 30 participations of 12 convocados = 250 %: participations, not persons, can pass 100 %.
    comp = {f"{prefijo}_participantes": 30, f"{prefijo}_convocados": 12}
    r = calcular(Entidad(tmp_path / "a", complementarios=comp).cargar()[0], id_)
    assert r.estado == "ok" and r.valor == pytest.approx(250.0)
    assert r.origen_numerador.clave == f"{prefijo}_participantes"
    assert r.origen_denominador.clave == f"{prefijo}_convocados"
    assert obtener(id_).subconjunto is False
    # One key blank -> sin_datos naming it; convocados 0 -> zero denominator.
    r = calcular(Entidad(tmp_path / "b", complementarios={f"{prefijo}_convocados": 12}).cargar()[0], id_)
    assert r.estado == "sin_datos" and f"{prefijo}_participantes" in r.faltantes[0]
    comp = {f"{prefijo}_participantes": 3, f"{prefijo}_convocados": 0}
    r = calcular(Entidad(tmp_path / "c", complementarios=comp).cargar()[0], id_)
    assert r.estado == "denominador_cero"


# --- educacion_asociados -------------------------------------------------------------------------------

def _educacion(tmp_path, **comp) -> Entidad:
    # Vigentes 1-5: 1 educacion on 2025-01-01, 2 a free course (Valor 0) on 2025-12-31, 3 only an
    # auxilio, 4 educacion on 2024-12-31 (outside P), 5 nothing; retired 6 with educacion in P
    # -> 2 of 5 = 40 %
    return Entidad(
        tmp_path,
        asociados=[asociado(str(i)) for i in range(1, 6)] + [asociado("6", retiro=D(2025, 7, 1))],
        beneficios=[beneficio("1", "educacion", 80_000, fecha=D(2025, 1, 1), fondo="educacion"),
                    beneficio("2", "Educación", 0, fecha=D(2025, 12, 31), fondo="educacion"),
                    beneficio("3", "auxilio", 100_000),
                    beneficio("4", "educacion", 80_000, fecha=D(2024, 12, 31)),
                    beneficio("6", "educacion", 80_000)],
        complementarios=comp,
    )


def test_educacion_asociados(tmp_path):
    r = calcular(_educacion(tmp_path / "a").cargar()[0], "educacion_asociados")
    assert r.estado == "ok" and (r.numerador, r.denominador) == (2, 5) and r.valor == pytest.approx(40.0)
    # asociados_educacion overrides the numerator: 4 / 5 = 80 %
    r = calcular(_educacion(tmp_path / "b", asociados_educacion=4).cargar()[0], "educacion_asociados")
    assert r.valor == pytest.approx(80.0) and r.origen_numerador.clave == "asociados_educacion"


def test_educacion_asociados_bordes(tmp_path):
    r = calcular(Entidad(tmp_path / "a", asociados=[asociado("1")]).cargar()[0], "educacion_asociados")
    assert r.estado == "sin_datos" and "asociados_educacion" in r.faltantes[0]
    e = Entidad(tmp_path / "b", asociados=[asociado("1", retiro=D(2025, 1, 1))],
                beneficios=[beneficio("1", "educacion", 1)])
    assert calcular(e.cargar()[0], "educacion_asociados").estado == "denominador_cero"


# --- participacion_gasto_educacion, difusion_cooperativa (key / total gastos) --------------------------

GASTOS = [
    # Every level: 500000 is taken at its level, its children are not added again.
    cuenta("500000", 10_000_000, "GASTOS"),
    cuenta("510000", 6_000_000, "GASTOS DE ADMINISTRACION"),
    cuenta("511000", 6_000_000, "BENEFICIO A EMPLEADOS"),
    cuenta("520000", 2_000_000, "OTROS GASTOS"),
    cuenta("530000", 2_000_000, "EXCEDENTES Y PERDIDAS"),
    cuenta("100000", 50_000_000, "ACTIVO"),
]


@pytest.mark.parametrize("id_, clave, monto, esperado", [
    ("participacion_gasto_educacion", "gasto_educacion", 400_000, 5.0),  # 400.000 / 8.000.000
    ("difusion_cooperativa", "gasto_difusion", 200_000, 2.5),            # 200.000 / 8.000.000
])
def test_gasto_sobre_total_gastos(tmp_path, id_, clave, monto, esperado):
    # total gastos = 500000 - 530000 = 10.000.000 - 2.000.000 = 8.000.000
    e = Entidad(tmp_path / "a", catalogo=GASTOS, complementarios={clave: monto})
    r = calcular(e.cargar()[0], id_)
    assert r.estado == "ok" and r.denominador == 8_000_000 and r.valor == pytest.approx(esperado)
    assert r.origen_numerador.clave == clave
    assert "500000-530000" in r.origen_denominador.descripcion
    assert r.origen_denominador.archivo == "catalogo.csv"
    assert not r.advertencias
    # Key blank -> sin_datos; no catálogo -> sin_datos; both -> both named.
    r = calcular(Entidad(tmp_path / "b", catalogo=GASTOS).cargar()[0], id_)
    assert r.estado == "sin_datos" and clave in r.faltantes[0]
    r = calcular(Entidad(tmp_path / "c").cargar()[0], id_)
    assert r.estado == "sin_datos" and len(r.faltantes) == 2


def test_total_gastos_bordes(tmp_path):
    # Without 530000 the total is 500000 alone (warning naming it): 400.000 / 8.000.000 = 5 %
    sin_530 = [c for c in GASTOS if c["codigo"] not in ("530000", "500000")] + [cuenta("500000", 8_000_000)]
    e = Entidad(tmp_path / "a", catalogo=sin_530, complementarios={"gasto_educacion": 400_000})
    r = calcular(e.cargar()[0], "participacion_gasto_educacion")
    assert r.valor == pytest.approx(5.0) and any("530000" in a for a in r.advertencias)
    # A catálogo without class 5: its absent accounts count as 0 -> total gastos 0 -> denominador_cero.
    e = Entidad(tmp_path / "b", catalogo=[cuenta("100000", 1)], complementarios={"gasto_educacion": 1})
    r = calcular(e.cargar()[0], "participacion_gasto_educacion")
    assert r.estado == "denominador_cero" and any("500000" in a for a in r.advertencias)
    # 500000 equal to 530000 -> total gastos 0 -> zero denominator.
    e = Entidad(tmp_path / "c", catalogo=[cuenta("500000", 5), cuenta("530000", 5)],
                complementarios={"gasto_difusion": 1})
    assert calcular(e.cargar()[0], "difusion_cooperativa").estado == "denominador_cero"
    # A cut that is not 31 December: classes 4 and 5 are year-to-date, said in a warning.
    e = Entidad(tmp_path / "d", corte=D(2025, 6, 30), catalogo=GASTOS,
                complementarios={"gasto_difusion": 80_000})
    r = calcular(e.cargar()[0], "difusion_cooperativa")
    assert r.valor == pytest.approx(1.0) and any("acumuladas" in a for a in r.advertencias)


# --- crecimiento_inversion_educacion -------------------------------------------------------------------

@pytest.mark.parametrize("actual, anterior, esperado", [
    (500_000, 400_000, 25.0),    # (500.000 - 400.000) / 400.000
    (300_000, 400_000, -25.0),   # a decrease is negative
])
def test_crecimiento_inversion_educacion(tmp_path, actual, anterior, esperado):
    comp = {"gasto_educacion": actual, "gasto_educacion_anterior": anterior}
    r = calcular(Entidad(tmp_path, complementarios=comp).cargar()[0], "crecimiento_inversion_educacion")
    assert r.estado == "ok" and r.valor == pytest.approx(esperado)
    assert r.numerador == actual - anterior and r.denominador == anterior


def test_crecimiento_inversion_educacion_corte_anterior(tmp_path):
    # gasto_educacion_anterior blank: the previous cut's gasto_educacion (320.000) is used.
    # (400.000 - 320.000) / 320.000 = 25 %
    ant = Entidad(tmp_path / "ant", corte=D(2024, 12, 31),
                  complementarios={"gasto_educacion": 320_000}).escribir()
    ds, _ = Entidad(tmp_path / "act", complementarios={"gasto_educacion": 400_000}).cargar(anterior=ant)
    r = calcular(ds, "crecimiento_inversion_educacion")
    assert r.estado == "ok" and r.valor == pytest.approx(25.0)
    assert "corte anterior" in r.origen_denominador.descripcion


def test_crecimiento_inversion_educacion_bordes(tmp_path):
    r = calcular(Entidad(tmp_path / "a", complementarios={"gasto_educacion": 1}).cargar()[0],
                 "crecimiento_inversion_educacion")
    assert r.estado == "sin_datos" and "gasto_educacion_anterior" in r.faltantes[0]
    comp = {"gasto_educacion": 100, "gasto_educacion_anterior": 0}
    assert calcular(Entidad(tmp_path / "b", complementarios=comp).cargar()[0],
                    "crecimiento_inversion_educacion").estado == "denominador_cero"
