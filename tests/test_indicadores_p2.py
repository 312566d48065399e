"""Golden tests for principle 2 (adhesión voluntaria): hand-made entities, values worked out by hand in
the comments, and the edges of indicadores.md (missing inputs, zero denominators, persons who joined and
retired within P, the first and last days of P, legal persons, the previous cut)."""

from __future__ import annotations

import datetime as dt

import pytest
from constructor import Entidad, asociado, credito

import coopxl.indicadores.p2_adhesion  # noqa: F401  (registers principle 2)
from coopxl.indicadores.registro import obtener

D = dt.date


def calcular(ds, id_):
    return obtener(id_).calcular(ds)


# --- crecimiento_neto_asociados_habiles ----------------------------------------------------------------
# Cut 31/12/2025, P = 01/01/2025 - 31/12/2025.
#   1, 2, 3, 4  joined 2015, vigentes                                 -> vigentes al inicio
#   5           joined 2015, retired 2025-05-01                        -> al inicio, retirado
#   13          joined 2015, retired 2025-01-01 (first day of P)       -> al inicio, retirado
#   12          joined 2015, retired 2024-12-31 (day before P)         -> neither
#   9           joined 2024-12-31 (day before P)                       -> al inicio, not vinculado
#   14          joined 2025-01-01 (first day), hábil                   -> vinculado hábil
#   6           joined 2025-02-01, hábil                               -> vinculado hábil
#   11          joined 2025-12-31 (last day), hábil                    -> vinculado hábil
#   7           joined 2025-03-01, loan 60 days in arrears             -> vinculado, not hábil
#   8           joined 2025-04-01, retired 2025-09-01                  -> left out of both terms
#   10          Asociado = 4 (not an associate), joined 2025           -> nothing
def _crecimiento(tmp_path, carpeta="act", **cambios) -> Entidad:
    filas = [asociado(d) for d in ("1", "2", "3", "4")] + [
        asociado("5", retiro=D(2025, 5, 1)),
        asociado("13", retiro=D(2025, 1, 1)),
        asociado("12", retiro=D(2024, 12, 31)),
        asociado("9", ingreso=D(2024, 12, 31)),
        asociado("14", ingreso=D(2025, 1, 1)),
        asociado("6", ingreso=D(2025, 2, 1)),
        asociado("11", ingreso=D(2025, 12, 31)),
        asociado("7", ingreso=D(2025, 3, 1)),
        asociado("8", ingreso=D(2025, 4, 1), retiro=D(2025, 9, 1)),
        asociado("10", ingreso=D(2025, 6, 1), asociado_="4"),
    ]
    datos = {"asociados": filas, "cartera": [credito("7", "P7", saldo=1_000_000, mora=60)]}
    datos.update(cambios)
    return Entidad(tmp_path / carpeta, **datos)


def test_crecimiento_neto_un_corte(tmp_path):
    ds, _ = _crecimiento(tmp_path).cargar()
    r = calcular(ds, "crecimiento_neto_asociados_habiles")
    # vinculados hábiles {14, 6, 11} = 3, retirados {5, 13} = 2 (8 left out); vigentes al inicio
    # {1, 2, 3, 4, 5, 13, 9} = 7  ->  (3 - 2) / 7 x 100 = 14.2857...
    assert r.estado == "ok"
    assert (r.numerador, r.denominador) == (1, 7)
    assert r.valor == pytest.approx(100 / 7)
    assert r.extra["vinculados_y_retirados"] == 1
    assert r.extra["base"] == "vigentes_inicio"
    assert any("Aproximación de un solo corte" in a for a in r.advertencias)
    assert r.origen_numerador.archivo == "asociados.csv" and r.origen_numerador.filas == 5
    assert r.origen_denominador.filas == 7


def test_crecimiento_neto_con_corte_anterior(tmp_path):
    # Previous cut 31/12/2024: the same associates, 3 and 13 in arrears there (not hábiles).
    #   hábiles there: {1, 2, 4, 5, 9} = 5 (12 retired on 2024-12-31 is not vigente at that cut).
    previo = [asociado(d) for d in ("1", "2", "3", "4", "5", "13")] + [
        asociado("12", retiro=D(2024, 12, 31)), asociado("9", ingreso=D(2024, 12, 31))]
    carpeta_ant = Entidad(tmp_path / "ant", corte=D(2024, 12, 31), asociados=previo,
                          cartera=[credito("3", "A3", desembolso=D(2024, 1, 1), mora=90),
                                   credito("13", "A13", desembolso=D(2024, 1, 1), mora=45)]).escribir()
    ds, _ = _crecimiento(tmp_path).cargar(anterior=carpeta_ant)
    assert ds.anterior is not None and ds.anterior.corte == D(2024, 12, 31)
    r = calcular(ds, "crecimiento_neto_asociados_habiles")
    # vinculados hábiles 3; retirados that were hábiles there: {5} (13 was not) = 1
    # -> (3 - 1) / 5 x 100 = 40
    assert r.estado == "ok"
    assert (r.numerador, r.denominador) == (2, 5)
    assert r.valor == pytest.approx(40.0)
    assert r.extra["base"] == "habiles_corte_anterior"
    assert any("no eran hábiles" in a for a in r.advertencias)
    assert not any("Aproximación" in a for a in r.advertencias)
    assert r.origen_denominador.archivo == "asociados.csv" and r.origen_denominador.filas == 5


def test_crecimiento_neto_puede_ser_negativo(tmp_path):
    # 3 vigentes al inicio, 2 of them retire, nobody joins -> (0 - 2) / 3 x 100 = -66.67
    e = Entidad(tmp_path, asociados=[asociado("1"), asociado("2", retiro=D(2025, 3, 1)),
                                     asociado("3", retiro=D(2025, 12, 31))])
    r = calcular(e.cargar()[0], "crecimiento_neto_asociados_habiles")
    assert r.estado == "ok" and r.valor == pytest.approx(-200 / 3)


def test_crecimiento_neto_denominador_cero_y_sin_datos(tmp_path):
    # Everyone joined in P: nobody was vigente at the start.
    e = Entidad(tmp_path / "a", asociados=[asociado("1", ingreso=D(2025, 2, 1))])
    r = calcular(e.cargar()[0], "crecimiento_neto_asociados_habiles")
    assert r.estado == "denominador_cero" and r.numerador == 1
    sin = Entidad(tmp_path / "b", cartera=[credito("1", "P1")])
    r = calcular(sin.cargar()[0], "crecimiento_neto_asociados_habiles")
    assert r.estado == "sin_datos" and "asociados" in r.faltantes[0]


# --- actividad_transaccional ---------------------------------------------------------------------------

def test_actividad_transaccional(tmp_path):
    # 1200 transactions / 8 vigentes (the retired one does not count) = 150.0 (a ratio, not x100)
    filas = [asociado(str(i)) for i in range(1, 9)] + [asociado("99", retiro=D(2025, 5, 1))]
    ds, _ = Entidad(tmp_path, asociados=filas, complementarios={"transacciones_total": 1200}).cargar()
    r = calcular(ds, "actividad_transaccional")
    assert r.estado == "ok" and r.valor == pytest.approx(150.0)
    assert (r.numerador, r.denominador) == (1200, 8)
    assert r.origen_numerador.clave == "transacciones_total"
    assert r.origen_denominador.filas == 8


def test_actividad_transaccional_bordes(tmp_path):
    # Key blank -> sin_datos, never 0.
    r = calcular(Entidad(tmp_path / "a", asociados=[asociado("1")]).cargar()[0], "actividad_transaccional")
    assert r.estado == "sin_datos" and "transacciones_total" in r.faltantes[0]
    # Key and file both missing: both named.
    r = calcular(Entidad(tmp_path / "b", cartera=[credito("1", "P")]).cargar()[0], "actividad_transaccional")
    assert r.estado == "sin_datos" and len(r.faltantes) == 2
    # Only retired associates: zero vigentes.
    e = Entidad(tmp_path / "c", asociados=[asociado("1", retiro=D(2025, 1, 2))],
                complementarios={"transacciones_total": 10})
    assert calcular(e.cargar()[0], "actividad_transaccional").estado == "denominador_cero"


# --- relevo_generacional -------------------------------------------------------------------------------

def test_relevo_generacional(tmp_path):
    # Vinculados in P (natural, with a birth date), ages at 31/12/2025:
    #   A 30 (joven), B born 1990-06-30 -> 35 (joven, the limit), C born 1989-06-30 -> 36,
    #   D 25, joined 2025-03-01 and retired 2025-10-01 (still a vinculado here, joven), E 45.
    # Left out: legal person F (N, Genero 3), G without birth date (warning), H joined 2024-12-31.
    # -> 3 jóvenes (A, B, D) of 5 = 60 %
    en_p = D(2025, 4, 1)
    filas = [
        asociado("1", ingreso=en_p, nacimiento=D(1995, 5, 5)),  # A
        asociado("2", ingreso=D(2025, 1, 1), nacimiento=D(1990, 6, 30), genero="2"),  # B
        asociado("3", ingreso=D(2025, 12, 31), nacimiento=D(1989, 6, 30)),  # C
        asociado("4", ingreso=D(2025, 3, 1), retiro=D(2025, 10, 1), nacimiento=D(2000, 1, 1),
                 genero="2"),  # D
        asociado("5", ingreso=en_p, nacimiento=D(1980, 6, 15)),  # E
        asociado("900", tipo="N", genero="3", ingreso=en_p, nacimiento=None),  # F
        asociado("7", ingreso=en_p, nacimiento=None),  # G
        asociado("8", ingreso=D(2024, 12, 31), nacimiento=D(2001, 1, 1)),  # H
        asociado("9", ingreso=D(2010, 1, 1), nacimiento=D(2001, 1, 1)),  # an old associate
    ]
    r = calcular(Entidad(tmp_path, asociados=filas).cargar()[0], "relevo_generacional")
    assert r.estado == "ok"
    assert (r.numerador, r.denominador) == (3, 5)
    assert r.valor == pytest.approx(60.0)
    assert any("sin fecha de nacimiento" in a for a in r.advertencias)


def test_relevo_generacional_bordes(tmp_path):
    # No one joined in P -> zero denominator; no asociados file -> sin_datos.
    r = calcular(Entidad(tmp_path / "a", asociados=[asociado("1")]).cargar()[0], "relevo_generacional")
    assert r.estado == "denominador_cero"
    r = calcular(Entidad(tmp_path / "b", cartera=[credito("1", "P")]).cargar()[0], "relevo_generacional")
    assert r.estado == "sin_datos"


# --- equidad_genero_operaciones ------------------------------------------------------------------------

def test_equidad_genero_operaciones(tmp_path):
    # Loans disbursed in P (counted, not persons):
    #   woman 1: 2025-01-01 and 2025-12-31 (both ends of P) -> 2; her 2024-12-31 loan is outside P
    #   man 2: 2025-06-01 -> 1
    #   woman 3, Asociado = 4 (a client, not an associate): 2025-07-01 -> 1 (every person of the cartera)
    #   legal person 900 (N, Genero 3): 2025-05-01 -> excluded (not natural)
    #   person 77 not in the asociados file: 2025-05-01 -> excluded, warning
    # -> 3 to women of 4 to natural persons = 75 %
    e = Entidad(
        tmp_path,
        asociados=[asociado("1", genero="2"), asociado("2", genero="1"),
                   asociado("3", genero="2", asociado_="4"),
                   asociado("900", tipo="N", genero="3", nacimiento=None)],
        cartera=[credito("1", "P1", desembolso=D(2025, 1, 1)), credito("1", "P2", desembolso=D(2025, 12, 31)),
                 credito("1", "P3", desembolso=D(2024, 12, 31)), credito("2", "P4", desembolso=D(2025, 6, 1)),
                 credito("3", "P5", desembolso=D(2025, 7, 1)),
                 credito("900", "P6", desembolso=D(2025, 5, 1), tipo="N"),
                 credito("77", "P7", desembolso=D(2025, 5, 1))],
    )
    r = calcular(e.cargar()[0], "equidad_genero_operaciones")
    assert r.estado == "ok"
    assert (r.numerador, r.denominador) == (3, 4)
    assert r.valor == pytest.approx(75.0)
    assert any("no están en el archivo de asociados" in a for a in r.advertencias)
    assert any("personas jurídicas" in a for a in r.advertencias)
    assert r.origen_numerador.archivo == "cartera.csv" and r.origen_numerador.filas == 3


def test_equidad_genero_operaciones_bordes(tmp_path):
    # Only a loan disbursed the day before P -> zero denominator.
    e = Entidad(tmp_path / "a", asociados=[asociado("1", genero="2")],
                cartera=[credito("1", "P1", desembolso=D(2024, 12, 31))])
    assert calcular(e.cargar()[0], "equidad_genero_operaciones").estado == "denominador_cero"
    # No cartera file -> sin_datos naming it.
    r = calcular(Entidad(tmp_path / "b", asociados=[asociado("1")]).cargar()[0], "equidad_genero_operaciones")
    assert r.estado == "sin_datos" and "cartera" in r.faltantes[0].lower()


# --- satisfaccion_asociados ----------------------------------------------------------------------------

def test_satisfaccion_asociados(tmp_path):
    e = Entidad(tmp_path / "a", complementarios={"satisfaccion_porcentaje": 87.5})
    r = calcular(e.cargar()[0], "satisfaccion_asociados")
    # Typed as a percentage: the value itself, no denominator.
    assert r.estado == "ok" and r.valor == 87.5 and r.denominador is None
    assert r.origen_numerador.clave == "satisfaccion_porcentaje"
    r = calcular(Entidad(tmp_path / "b").cargar()[0], "satisfaccion_asociados")
    assert r.estado == "sin_datos" and "satisfaccion_porcentaje" in r.faltantes[0]
