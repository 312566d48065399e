"""Golden tests for principle 1 (administración democrática): small hand-made entities, values worked out
by hand in the comments, and the edges of indicadores.md (missing inputs, zero denominators, no_aplica,
typed complementarios, the delegates' assembly, directivos with two seats or not associates)."""

from __future__ import annotations

import datetime as dt

import pytest
from constructor import CORTE, Entidad, aporte, asociado, captacion, credito, directivo

import coopxl.indicadores.p1_democracia  # noqa: F401  (registers principle 1)
from coopxl.indicadores.registro import obtener

ANIO = 365.25


def calcular(ds, id_):
    return obtener(id_).calcular(ds)


def asamblea(documento: str, asistio: str = "1", delegado: str = "1", tipo: str = "C") -> dict[str, object]:
    return {"tipo_documento": tipo, "documento": documento, "delegado": delegado, "asistio": asistio}


# The reference entity (cut 31/12/2025, P = 01/01/2025 - 31/12/2025):
#   1 man    joined 2010-01-01  born 1970  attended      captación with balance      -> hábil, activo
#   2 woman  joined 2020-01-01  born 1995  attended      aportes paid 2025-11-30     -> hábil, activo, joven
#   3 woman  joined 2018-01-01  born 1960  absent        loan with balance, no mora  -> hábil, activo
#   4 man    joined 2024-01-01  born 2000  attended      loan 60 days in arrears     -> not hábil, joven
#   5 man    joined 2012-01-01, retired 2025-06-30, attended                          -> not vigente
#   6 woman  joined 2025-02-01, retired 2025-08-01 (both in P), attended              -> not vigente
#   900 legal person (Genero 3, Tipo Doc N) joined 2019-01-01, attended                 -> hábil, not natural
#   8 woman  joined 2016-01-01  no birth date  attended  aportes paid 2024-12-31       -> hábil, not activo
# Vigentes: 1, 2, 3, 4, 900, 8.  Hábiles: 1, 2, 3, 900, 8.
INGRESOS = {"1": dt.date(2010, 1, 1), "2": dt.date(2020, 1, 1), "3": dt.date(2018, 1, 1),
            "4": dt.date(2024, 1, 1), "900": dt.date(2019, 1, 1), "8": dt.date(2016, 1, 1)}


def referencia(tmp_path, **cambios) -> Entidad:
    e = Entidad(
        tmp_path,
        asociados=[
            asociado("1", genero="1", ingreso=INGRESOS["1"], nacimiento=dt.date(1970, 3, 1), asistio="1"),
            asociado("2", genero="2", ingreso=INGRESOS["2"], nacimiento=dt.date(1995, 6, 15), asistio="1"),
            asociado("3", genero="2", ingreso=INGRESOS["3"], nacimiento=dt.date(1960, 1, 1), asistio="0"),
            asociado("4", genero="1", ingreso=INGRESOS["4"], nacimiento=dt.date(2000, 2, 2), asistio="1"),
            asociado("5", genero="1", ingreso=dt.date(2012, 1, 1), retiro=dt.date(2025, 6, 30), asistio="1"),
            asociado("6", genero="2", ingreso=dt.date(2025, 2, 1), retiro=dt.date(2025, 8, 1), asistio="1"),
            asociado("900", genero="3", tipo="N", ingreso=INGRESOS["900"], nacimiento=None, asistio="1",
                     nombres="Cooperativa Amiga"),
            asociado("8", genero="2", ingreso=INGRESOS["8"], nacimiento=None, asistio="1"),
        ],
        captaciones=[captacion("1", saldo=500_000)],
        aportes=[aporte("2", ultimo_pago=dt.date(2025, 11, 30)),
                 aporte("8", ultimo_pago=dt.date(2024, 12, 31))],
        cartera=[credito("3", "P3", desembolso=dt.date(2022, 5, 1), saldo=1_000_000, mora=0),
                 credito("4", "P4", desembolso=dt.date(2023, 5, 1), saldo=2_000_000, mora=60)],
        directivos=[
            directivo("1", "1", "P"), directivo("1", "2", "S"),  # two seats, one person
            directivo("2", "3", "P"),
            directivo("4", "1", "S"),
            directivo("5", "1", "P"),  # retired: not a vigente associate -> excluded
            directivo("77", "2", "P"),  # not in the asociados file -> excluded
            directivo("3", "4", "P"),  # gerencia (organ 4): not a directivo
        ],
        complementarios={"asamblea_tipo": "asociados"},
    )
    for k, v in cambios.items():
        setattr(e, k, v)
    return e


@pytest.fixture
def ds_ref(tmp_path):
    ds, _ = referencia(tmp_path).cargar()
    return ds


# --- the assembly --------------------------------------------------------------------------------

def test_equidad_genero_asamblea_asociados(ds_ref):
    # natural vigente asistentes: 1, 2, 4, 8 (5 retired, 6 joined and retired in P, 900 is a legal person,
    # 3 absent); women 2 and 8 -> 2 / 4 = 50 %
    r = calcular(ds_ref, "equidad_genero_asamblea")
    assert r.estado == "ok"
    assert (r.numerador, r.denominador) == (2, 4)
    assert r.valor == pytest.approx(50.0)
    assert r.origen_numerador is not None and r.origen_denominador is not None
    assert r.origen_denominador.archivo == "asociados.csv"


def test_poblacion_joven_asamblea_cuenta_solo_con_fecha_de_nacimiento(ds_ref):
    # asistentes with a birth date: 1 (55), 2 (30), 4 (25); 8 has none -> jóvenes 2 and 4: 2 / 3 = 66.67 %
    r = calcular(ds_ref, "poblacion_joven_asamblea")
    assert (r.estado, r.numerador, r.denominador) == ("ok", 2, 3)
    assert r.valor == pytest.approx(200 / 3)


def test_asociado_vinculado_y_retirado_en_el_periodo_no_es_asistente(ds_ref):
    a = ds_ref.asociados.set_index("persona")
    assert bool(a.loc["C:6", "vinculado_p"]) and bool(a.loc["C:6", "retirado_p"])
    assert not a.loc["C:6", "vigente"] and not a.loc["C:6", "asistente"]


def test_complementarios_ganan_solo_si_numerador_y_denominador_estan_tecleados(tmp_path):
    # both typed: 10 / 40 = 25 %
    ds, _ = referencia(tmp_path / "a", complementarios={"asamblea_tipo": "asociados", "asamblea_mujeres": 10,
                                                        "asamblea_integrantes": 40}).cargar()
    r = calcular(ds, "equidad_genero_asamblea")
    assert (r.estado, r.valor) == ("ok", pytest.approx(25.0))
    assert r.origen_numerador.clave == "asamblea_mujeres"
    assert r.origen_denominador.clave == "asamblea_integrantes"
    # only the numerator typed: both derived from the files -> 2 / 4 = 50 %
    ds, _ = referencia(tmp_path / "b", complementarios={"asamblea_tipo": "asociados",
                                                        "asamblea_mujeres": 10}).cargar()
    r = calcular(ds, "equidad_genero_asamblea")
    assert (r.estado, r.valor) == ("ok", pytest.approx(50.0))
    assert r.origen_numerador.clave is None
    # jóvenes typed with integrantes: 8 / 40 = 20 %
    ds, _ = referencia(tmp_path / "c", complementarios={"asamblea_tipo": "asociados", "asamblea_jovenes": 8,
                                                        "asamblea_integrantes": 40}).cargar()
    assert calcular(ds, "poblacion_joven_asamblea").valor == pytest.approx(20.0)


@pytest.mark.parametrize("id_", ["equidad_genero_asamblea", "poblacion_joven_asamblea",
                                 "participacion_asistencia_asamblea", "participacion_votacion_delegados"])
def test_asamblea_tipo_en_blanco_es_sin_datos(tmp_path, id_):
    ds, _ = referencia(tmp_path, complementarios={"votacion_votantes": 5, "votacion_habiles": 10}).cargar()
    r = calcular(ds, id_)
    assert r.estado == "sin_datos"
    assert r.valor is None
    assert any("asamblea_tipo" in f for f in r.faltantes)


def test_sin_archivo_de_asociados_es_sin_datos(tmp_path):
    ds, _ = referencia(tmp_path, asociados=[], directivos=[]).cargar()
    for id_ in ("equidad_genero_asamblea", "poblacion_joven_asamblea", "participacion_asistencia_asamblea",
                "asociados_activos", "diversidad_organos", "equidad_genero_organos",
                "poblacion_joven_organos"):
        r = calcular(ds, id_)
        assert r.estado == "sin_datos", id_
        assert r.faltantes, id_
        assert r.valor is None


def test_nadie_asistio_es_denominador_cero(tmp_path):
    e = referencia(tmp_path)
    e.asociados = [{**a, "asistio_ultima_asamblea": "0"} for a in e.asociados]
    ds, _ = e.cargar()
    r = calcular(ds, "equidad_genero_asamblea")
    assert (r.estado, r.denominador, r.valor) == ("denominador_cero", 0.0, None)
    assert calcular(ds, "poblacion_joven_asamblea").estado == "denominador_cero"
    # hábiles exist: asistencia is 0 / 5, a real 0 %
    r = calcular(ds, "participacion_asistencia_asamblea")
    assert (r.estado, r.numerador, r.denominador, r.valor) == ("ok", 0, 5, 0.0)


def test_asamblea_de_delegados_por_archivo(tmp_path):
    # asamblea file: 1, 3 and 8 attended, 2 did not, 5 (retired) attended but is not a vigente associate
    # natural asistentes: 1, 3, 8; women 3 and 8 -> 2 / 3 = 66.67 %
    # with a birth date: 1 (55) and 3 (65): no joven -> 0 / 2 = 0 %
    e = referencia(tmp_path, complementarios={"asamblea_tipo": "delegados", "delegados_asistentes": 18,
                                              "delegados_habiles": 20, "votacion_votantes": 150,
                                              "votacion_habiles": 600})
    e.asamblea = [asamblea("1"), asamblea("2", asistio="0"), asamblea("3"), asamblea("8"), asamblea("5")]
    ds, _ = e.cargar()
    r = calcular(ds, "equidad_genero_asamblea")
    assert (r.estado, r.numerador, r.denominador) == ("ok", 2, 3)
    assert r.valor == pytest.approx(200 / 3)
    assert r.origen_denominador.archivo == "asamblea.csv"
    r = calcular(ds, "poblacion_joven_asamblea")
    assert (r.estado, r.numerador, r.denominador, r.valor) == ("ok", 0, 2, 0.0)
    # delegados: 18 / 20 = 90 %; votación 150 / 600 = 25 %
    assert calcular(ds, "participacion_asistencia_asamblea").valor == pytest.approx(90.0)
    assert calcular(ds, "participacion_votacion_delegados").valor == pytest.approx(25.0)


def test_asamblea_de_delegados_sin_archivo_ni_claves_es_sin_datos(tmp_path):
    ds, _ = referencia(tmp_path, complementarios={"asamblea_tipo": "delegados"}).cargar()
    for id_ in ("equidad_genero_asamblea", "poblacion_joven_asamblea", "participacion_asistencia_asamblea",
                "participacion_votacion_delegados"):
        r = calcular(ds, id_)
        assert r.estado == "sin_datos", id_
        assert r.faltantes, id_


def test_votacion_delegados_no_aplica_en_asamblea_de_asociados(ds_ref):
    r = calcular(ds_ref, "participacion_votacion_delegados")
    assert r.estado == "no_aplica"
    assert r.motivo
    assert r.valor is None


def test_no_aplica_precede_a_sin_datos(ds_ref):
    # asamblea de asociados and votacion_* blank: no_aplica, not sin_datos
    assert ds_ref.complementarios["votacion_votantes"] is None
    assert calcular(ds_ref, "participacion_votacion_delegados").estado == "no_aplica"


def test_participacion_asistencia_asamblea_asociados(ds_ref):
    # hábiles: 1, 2, 3, 900, 8 (4 is 60 days in arrears > 30); asistentes among them: 1, 2, 900, 8 -> 4 / 5
    r = calcular(ds_ref, "participacion_asistencia_asamblea")
    assert (r.estado, r.numerador, r.denominador) == ("ok", 4, 5)
    assert r.valor == pytest.approx(80.0)


def test_asociados_activos(ds_ref):
    # hábiles 1, 2, 3, 900, 8; activos: 1 (captación), 2 (aportes paid in P), 3 (loan with balance);
    # 8 paid aportes on 2024-12-31, before P; 900 used nothing -> 3 / 5 = 60 %
    r = calcular(ds_ref, "asociados_activos")
    assert (r.estado, r.numerador, r.denominador) == ("ok", 3, 5)
    assert r.valor == pytest.approx(60.0)
    assert r.advertencias == ()


def test_asociados_activos_sin_hábiles_es_denominador_cero(tmp_path):
    ds, _ = Entidad(tmp_path, asociados=[asociado("1", retiro=dt.date(2025, 3, 1))]).cargar()
    assert calcular(ds, "asociados_activos").estado == "denominador_cero"


# --- organs --------------------------------------------------------------------------------------

def test_directivos_personas_una_vez_y_excluidos(ds_ref):
    # seats: 1 (organs 1 and 2), 2, 4, 5 (retired), 77 (not an associate), 3 in organ 4
    # -> directivos 1, 2, 4; 5 and 77 excluded with a warning
    assert sorted(ds_ref.directivos_personas["persona"]) == ["C:1", "C:2", "C:4"]
    aviso = [a for a in ds_ref.advertencias if "directivo" in a]
    assert aviso and "2 directivo(s)" in aviso[0]
    assert "C 5" in aviso[0] and "C 77" in aviso[0]  # the documents as the user writes them


def test_diversidad_organos(ds_ref):
    # antigüedad (days to 31/12/2025 / 365.25) averaged over the vigentes 1, 2, 3, 4, 900, 8:
    dias = {k: (CORTE - v).days for k, v in INGRESOS.items()}
    promedio = sum(dias.values()) / len(dias) / ANIO  # about 8.2 years
    # directivos 1 (16 years), 2 (6), 4 (2): 2 and 4 are below -> 2 / 3 = 66.67 %
    assert dias["2"] / ANIO < promedio < dias["1"] / ANIO
    r = calcular(ds_ref, "diversidad_organos")
    assert (r.estado, r.numerador, r.denominador) == ("ok", 2, 3)
    assert r.valor == pytest.approx(200 / 3)
    assert r.extra["antiguedad_promedio"] == pytest.approx(promedio)


def test_equidad_genero_organos(ds_ref):
    # directivos 1 (man), 2 (woman), 4 (man) -> 1 / 3 = 33.33 %
    r = calcular(ds_ref, "equidad_genero_organos")
    assert (r.estado, r.numerador, r.denominador) == ("ok", 1, 3)
    assert r.valor == pytest.approx(100 / 3)


def test_poblacion_joven_organos(ds_ref):
    # directivos 1 (55), 2 (30), 4 (25) -> 2 / 3 = 66.67 %
    r = calcular(ds_ref, "poblacion_joven_organos")
    assert (r.estado, r.numerador, r.denominador) == ("ok", 2, 3)
    assert r.valor == pytest.approx(200 / 3)


def test_edad_35_cumplidos_el_dia_del_corte_es_joven(tmp_path):
    # born 31/12/1990: exactly 35 at the cut -> joven; born 30/12/1989: 36 -> not joven -> 1 / 2
    ds, _ = Entidad(tmp_path, asociados=[asociado("1", nacimiento=dt.date(1990, 12, 31)),
                                         asociado("2", nacimiento=dt.date(1989, 12, 30))],
                    directivos=[directivo("1"), directivo("2")]).cargar()
    r = calcular(ds, "poblacion_joven_organos")
    assert (r.numerador, r.denominador) == (1, 2)


def test_organos_sin_directivos_es_denominador_cero(tmp_path):
    # only a gerente (organ 4) and a revisor (organ 5): no directivo
    ds, _ = referencia(tmp_path, directivos=[directivo("1", "4"), directivo("2", "5")]).cargar()
    for id_ in ("diversidad_organos", "equidad_genero_organos", "poblacion_joven_organos"):
        assert calcular(ds, id_).estado == "denominador_cero", id_


def test_organos_sin_archivo_de_directivos_es_sin_datos(tmp_path):
    ds, _ = referencia(tmp_path, directivos=[]).cargar()
    for id_ in ("diversidad_organos", "equidad_genero_organos", "poblacion_joven_organos"):
        r = calcular(ds, id_)
        assert r.estado == "sin_datos", id_
        assert any("órganos" in f for f in r.faltantes), id_


# --- keys only -----------------------------------------------------------------------------------

def test_diversidad_democratica(tmp_path):
    # 30 / 120 = 25 %
    ds, _ = referencia(tmp_path, complementarios={"votantes_antiguedad_inferior": 30,
                                                  "votantes_potenciales": 120}).cargar()
    r = calcular(ds, "diversidad_democratica")
    assert (r.estado, r.valor) == ("ok", pytest.approx(25.0))
    assert r.origen_numerador.clave == "votantes_antiguedad_inferior"


def test_diversidad_democratica_clave_en_blanco_es_sin_datos(tmp_path):
    ds, _ = referencia(tmp_path, complementarios={"votantes_antiguedad_inferior": 30}).cargar()
    r = calcular(ds, "diversidad_democratica")
    assert r.estado == "sin_datos"
    assert r.faltantes == ("Total de votantes potenciales (clave votantes_potenciales)",)


def test_diversidad_democratica_denominador_cero(tmp_path):
    ds, _ = referencia(tmp_path, complementarios={"votantes_antiguedad_inferior": 0,
                                                  "votantes_potenciales": 0}).cargar()
    assert calcular(ds, "diversidad_democratica").estado == "denominador_cero"


def test_votacion_delegados(tmp_path):
    # 150 / 600 = 25 %
    ds, _ = referencia(tmp_path, complementarios={"asamblea_tipo": "delegados", "votacion_votantes": 150,
                                                  "votacion_habiles": 600}).cargar()
    r = calcular(ds, "participacion_votacion_delegados")
    assert (r.estado, r.valor) == ("ok", pytest.approx(25.0))
