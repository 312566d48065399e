"""Alternative readings of the supervisor's formulas, to explain a figure that differs from coopxl's.

coopxl's rules (indicadores.md) are sometimes stricter than the supervisor's literal formula: persons
instead of accounts or seats, hábiles instead of every associate, natural persons only, the integer-cents
test of the concentration indicators... When the supervisor's figure differs from coopxl's, each reading
of its indicator is computed on the same Dataset; a reading that gives the supervisor's figure (within
the print tolerance) names the likely cause.

The table is declarative: `LECTURAS[id]` is a tuple of `Lectura(causa, funcion)`. `causa` is Spanish and
completes the sentence "el supervisor …" ("cuenta cuentas de ahorro, no personas"). `funcion(ds)` returns
the value of that reading (x100 for percentages), `DENOMINADOR_CERO` when its denominator is zero, or
None when the reading cannot be computed from the files given.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import TYPE_CHECKING, Final, Literal

import pandas as pd

from coopxl.dataset import FONDOS_SOCIALES, ORGANOS_DIRECTIVOS, Periodo

if TYPE_CHECKING:
    from coopxl.dataset import Dataset

DENOMINADOR_CERO: Final = "denominador_cero"
ValorLectura = float | Literal["denominador_cero"] | None
FuncionLectura = Callable[["Dataset"], ValorLectura]


@dataclass(frozen=True)
class Lectura:
    """One alternative reading: the cause it would mean (completes "el supervisor …") and its value."""

    causa: str
    funcion: FuncionLectura


# --- small helpers ---------------------------------------------------------------------------------

def _razon(numerador: float | None, denominador: float | None, por_cien: bool = True) -> ValorLectura:
    if numerador is None or denominador is None:
        return None
    if denominador == 0:
        return DENOMINADOR_CERO
    return float(numerador) / float(denominador) * (100.0 if por_cien else 1.0)


def _personas(df: pd.DataFrame, mascara: pd.Series) -> set[str]:
    return set(df.loc[mascara, "persona"])


def _vigentes_unicos(ds: Dataset) -> pd.DataFrame:
    return ds.vigentes.drop_duplicates("persona")


def _habiles(ds: Dataset) -> pd.DataFrame:
    a = ds.asociados
    assert a is not None
    return a[a["habil"]].drop_duplicates("persona")


def _clave(ds: Dataset, clave: str) -> float | None:
    v = ds.complementarios.get(clave)
    return float(v) if isinstance(v, int | float) and not isinstance(v, bool) else None


def _tipo_asamblea(ds: Dataset) -> str | None:
    v = ds.complementarios.get("asamblea_tipo")
    return v if isinstance(v, str) and v else None


def _requiere(*reportes: str) -> Callable[[FuncionLectura], FuncionLectura]:
    """The reading is None when one of these reports was not given."""

    def decorar(funcion: FuncionLectura) -> FuncionLectura:
        def envuelta(ds: Dataset) -> ValorLectura:
            if any(not ds.tiene(r) for r in reportes):
                return None
            return funcion(ds)

        envuelta.__name__ = funcion.__name__
        envuelta.__doc__ = funcion.__doc__
        return envuelta

    return decorar


# --- principle 1: assembly --------------------------------------------------------------------------

def _asistentes_todos(ds: Dataset) -> pd.DataFrame | None:
    """Vigentes who attended, natural or legal persons."""
    a = ds.asociados
    if a is None or (_tipo_asamblea(ds) == "delegados" and not ds.tiene("asamblea")):
        return None
    return a[a["asistente"]].drop_duplicates("persona")


def _asistentes_marcados(ds: Dataset) -> pd.DataFrame | None:
    """Every natural person of the asociados file marked AsistioUltimaAsamblea = 1, vigente or not."""
    a = ds.asociados
    if a is None or ds.tiene("asamblea") or "asistio_ultima_asamblea" not in a:
        return None
    return a[(a["asistio_ultima_asamblea"] == "1") & a["natural"]].drop_duplicates("persona")


def _genero_asamblea_juridicas(ds: Dataset) -> ValorLectura:
    asis = _asistentes_todos(ds)
    return None if asis is None else _razon(int(asis["mujer"].sum()), len(asis))


def _genero_asamblea_marcados(ds: Dataset) -> ValorLectura:
    asis = _asistentes_marcados(ds)
    return None if asis is None else _razon(int(asis["mujer"].sum()), len(asis))


def _joven_asamblea_sin_nacimiento(ds: Dataset) -> ValorLectura:
    asis = _asistentes_todos(ds)
    if asis is None:
        return None
    naturales = asis[asis["natural"]]
    return _razon(int(naturales["joven"].sum()), len(naturales))


def _joven_asamblea_juridicas(ds: Dataset) -> ValorLectura:
    asis = _asistentes_todos(ds)
    return None if asis is None else _razon(int(asis["joven"].sum()), len(asis))


def _joven_asamblea_menor_35(ds: Dataset) -> ValorLectura:
    asis = _asistentes_todos(ds)
    if asis is None:
        return None
    base = asis[asis["natural"] & asis["fecha_nacimiento"].notna()]
    return _razon(int((base["edad"] < 35).sum()), len(base))


@_requiere("asociados")
def _asistencia_todos_sobre_habiles(ds: Dataset) -> ValorLectura:
    if _tipo_asamblea(ds) != "asociados":
        return None
    asistentes = int(_vigentes_unicos(ds)["asistente"].sum())
    return _razon(asistentes, len(_habiles(ds)))


@_requiere("asociados")
def _asistencia_sobre_vigentes(ds: Dataset) -> ValorLectura:
    if _tipo_asamblea(ds) != "asociados":
        return None
    return _razon(int(_habiles(ds)["asistente"].sum()), ds.total_asociados)


# --- principle 1: activity --------------------------------------------------------------------------

@_requiere("asociados")
def _activos_todos_sobre_habiles(ds: Dataset) -> ValorLectura:
    return _razon(int(_vigentes_unicos(ds)["activo_p"].sum()), len(_habiles(ds)))


@_requiere("asociados")
def _activos_sobre_vigentes(ds: Dataset) -> ValorLectura:
    return _razon(int(_vigentes_unicos(ds)["activo_p"].sum()), ds.total_asociados)


def _productos_usados(ds: Dataset) -> pd.Series:
    """Products used in P per person: captaciones with balance, loans with balance or disbursed in P, and
    one for aportes paid in P."""
    partes: list[pd.Series] = []
    if ds.captaciones is not None:
        c = ds.captaciones
        partes.append(c.loc[c["saldo_disponible"] > 0, "persona"])
    if ds.cartera is not None:
        k = ds.cartera
        partes.append(k.loc[(k["saldo_capital"] > 0) | k["desembolso_p"], "persona"])
    if ds.aportes is not None:
        ap = ds.aportes
        partes.append(ap.loc[ds.periodo.contiene(ap["fecha_ultimo_pago"]), "persona"].drop_duplicates())
    if not partes:
        return pd.Series(dtype="int64")
    return pd.concat(partes, ignore_index=True).value_counts()


@_requiere("asociados")
def _activos_productos(ds: Dataset) -> ValorLectura:
    habiles = _habiles(ds)
    productos = _productos_usados(ds)
    return _razon(int(productos.reindex(habiles["persona"]).fillna(0).sum()), len(habiles))


# --- principle 1: directivos (seats and persons) --------------------------------------------------

def _sillas(ds: Dataset) -> pd.DataFrame | None:
    """One row per seat in organs 1-3 of a vigente associate, with that associate's traits."""
    if ds.directivos is None or ds.asociados is None:
        return None
    d = ds.directivos
    sillas = d[d["organo"].isin(ORGANOS_DIRECTIVOS)]
    vig = _vigentes_unicos(ds).set_index("persona")
    sillas = sillas[sillas["persona"].isin(vig.index)]
    cols = ["mujer", "natural", "joven", "antiguedad", "fecha_nacimiento"]
    return sillas[["persona"]].join(vig[cols], on="persona")


def _personas_directivas(ds: Dataset) -> pd.DataFrame | None:
    if ds.directivos is None or ds.asociados is None or ds.directivos_personas is None:
        return None
    return ds.directivos_personas


def _promedio_antiguedad(ds: Dataset) -> float:
    return float(_vigentes_unicos(ds)["antiguedad"].mean())


def _diversidad_sillas(ds: Dataset) -> ValorLectura:
    s = _sillas(ds)
    return None if s is None else _razon(int((s["antiguedad"] < _promedio_antiguedad(ds)).sum()), len(s))


def _diversidad_sillas_sobre_personas(ds: Dataset) -> ValorLectura:
    s, p = _sillas(ds), _personas_directivas(ds)
    if s is None or p is None:
        return None
    return _razon(int((s["antiguedad"] < _promedio_antiguedad(ds)).sum()), len(p))


def _genero_organos_sillas(ds: Dataset) -> ValorLectura:
    s = _sillas(ds)
    if s is None:
        return None
    naturales = s[s["natural"]]
    return _razon(int(naturales["mujer"].sum()), len(naturales))


def _genero_organos_sillas_sobre_personas(ds: Dataset) -> ValorLectura:
    s, p = _sillas(ds), _personas_directivas(ds)
    if s is None or p is None:
        return None
    return _razon(int(s["mujer"].sum()), int(p["natural"].sum()))


def _genero_organos_juridicas(ds: Dataset) -> ValorLectura:
    p = _personas_directivas(ds)
    return None if p is None else _razon(int(p["mujer"].sum()), len(p))


def _joven_organos_sillas(ds: Dataset) -> ValorLectura:
    s = _sillas(ds)
    if s is None:
        return None
    base = s[s["natural"] & s["fecha_nacimiento"].notna()]
    return _razon(int(base["joven"].sum()), len(base))


def _joven_organos_sin_nacimiento(ds: Dataset) -> ValorLectura:
    p = _personas_directivas(ds)
    return None if p is None else _razon(int(p["joven"].sum()), len(p))


# --- principle 2 ----------------------------------------------------------------------------------

def _en_mora(ds: Dataset) -> set[str]:
    """Persons with a loan with balance past `dias_mora_habil` days: not hábiles, whatever their state."""
    if ds.cartera is None:
        return set()
    k = ds.cartera
    vivos = k[k["saldo_capital"] > 0]
    return set(vivos.loc[vivos["edad_mora"].fillna(0) > ds.parametros.dias_mora_habil, "persona"])


def _crecimiento(ds: Dataset, *, vinculados_habiles: bool = True, retirados_habiles: bool = False,
                 base_habiles: bool = False, excluir_entra_y_sale: bool = True,
                 base_vigentes_corte: bool = False) -> ValorLectura:
    a = ds.asociados
    if a is None:
        return None
    mora = _en_mora(ds)
    entra_y_sale = _personas(a, a["vinculado_p"] & a["retirado_p"]) if excluir_entra_y_sale else set()
    vinc_mask = a["vinculado_p"] & (a["habil"] if vinculados_habiles else True)
    vinculados = _personas(a, vinc_mask) - entra_y_sale
    retirados = _personas(a, a["retirado_p"]) - entra_y_sale
    if retirados_habiles:
        retirados -= mora
    if base_vigentes_corte:
        base = ds.total_asociados
    else:
        inicio = _personas(a, a["vigente_inicio"])
        base = len(inicio - mora) if base_habiles else len(inicio)
    return _razon(len(vinculados) - len(retirados), base)


@_requiere("asociados")
def _crecimiento_literal(ds: Dataset) -> ValorLectura:
    return _crecimiento(ds, retirados_habiles=True, base_habiles=True)


@_requiere("asociados")
def _crecimiento_con_entra_y_sale(ds: Dataset) -> ValorLectura:
    return _crecimiento(ds, excluir_entra_y_sale=False)


@_requiere("asociados")
def _crecimiento_todos_vinculados(ds: Dataset) -> ValorLectura:
    return _crecimiento(ds, vinculados_habiles=False)


@_requiere("asociados")
def _crecimiento_sobre_vigentes_corte(ds: Dataset) -> ValorLectura:
    return _crecimiento(ds, base_vigentes_corte=True)


@_requiere("asociados")
def _transacciones_sobre_habiles(ds: Dataset) -> ValorLectura:
    return _razon(_clave(ds, "transacciones_total"), len(_habiles(ds)), por_cien=False)


@_requiere("asociados")
def _relevo_todos_vinculados(ds: Dataset) -> ValorLectura:
    a = ds.asociados
    assert a is not None
    vinculados = _personas(a, a["vinculado_p"])
    return _razon(len(_personas(a, a["vinculado_p"] & a["joven"])), len(vinculados))


@_requiere("asociados")
def _relevo_solo_vigentes(ds: Dataset) -> ValorLectura:
    a = ds.asociados
    assert a is not None
    base = a["vinculado_p"] & a["vigente"] & a["natural"] & a["fecha_nacimiento"].notna()
    return _razon(len(_personas(a, base & a["joven"])), len(_personas(a, base)))


def _genero_desembolsos(ds: Dataset) -> pd.Series | None:
    if ds.desembolsos is None or ds.asociados is None:
        return None
    genero = ds.asociados.drop_duplicates("persona").set_index("persona")["genero"]
    return ds.desembolsos["persona"].map(genero)


def _operaciones_todas(ds: Dataset) -> ValorLectura:
    g = _genero_desembolsos(ds)
    return None if g is None else _razon(int((g == "2").sum()), len(g))


def _operaciones_personas(ds: Dataset) -> ValorLectura:
    g = _genero_desembolsos(ds)
    if g is None or ds.desembolsos is None:
        return None
    personas = ds.desembolsos["persona"]
    mujeres = personas[g == "2"].nunique()
    naturales = personas[g.isin(("1", "2"))].nunique()
    return _razon(mujeres, naturales)


# --- principle 3 ----------------------------------------------------------------------------------

def _fondos(df: pd.DataFrame, p: Periodo, todas: bool, filas: bool) -> tuple[float, float]:
    b = df[p.contiene(df["fecha"])]
    if not todas:
        b = b[b["fondo"].isin(FONDOS_SOCIALES)]
    return float(b["valor"].sum()), float(len(b) if filas else b["persona"].nunique())


def _crecimiento_fondos(ds: Dataset, *, todas: bool = False, filas: bool = False) -> ValorLectura:
    if ds.beneficios is None:
        return None
    p, p0 = ds.periodo, ds.periodo.anterior()
    e, b = _fondos(ds.beneficios, p, todas, filas)
    if ds.anterior is not None and ds.anterior.beneficios is not None:
        e0, b0 = _fondos(ds.anterior.beneficios, p0, todas, filas)
    elif (ds.beneficios["fecha"] < pd.Timestamp(p.inicio)).any():
        e0, b0 = _fondos(ds.beneficios, p0, todas, filas)
    else:
        return None
    if b == 0 or b0 == 0 or e0 == 0:
        return DENOMINADOR_CERO
    return _razon(e / b - e0 / b0, e0 / b0)


def _fondos_todas_las_filas(ds: Dataset) -> ValorLectura:
    return _crecimiento_fondos(ds, todas=True)


def _fondos_cuenta_entregas(ds: Dataset) -> ValorLectura:
    return _crecimiento_fondos(ds, filas=True)


def _volumenes(ds: Dataset) -> tuple[pd.Series, pd.Series] | None:
    """Business volume of the vigente natural persons (coopxl's definition), and whether each is a woman."""
    if ds.asociados is None or not any(ds.tiene(r) for r in ("cartera", "captaciones", "aportes")):
        return None
    vig = ds.vigentes[ds.vigentes["natural"]].drop_duplicates("persona").set_index("persona")
    volumen = pd.Series(0.0, index=vig.index)
    if ds.desembolsos is not None:
        volumen = volumen.add(ds.desembolsos.groupby("persona")["monto"].sum(), fill_value=0.0)
    if ds.captaciones is not None:
        c = ds.captaciones[ds.periodo.contiene(ds.captaciones["fecha_apertura"])]
        volumen = volumen.add(c.groupby("persona")["valor_inicial"].sum(), fill_value=0.0)
    if ds.aportes is not None:
        volumen = volumen.add(12 * ds.aportes.groupby("persona")["cuota_mensual"].sum(), fill_value=0.0)
    volumen = volumen.reindex(vig.index).fillna(0.0)
    return volumen, vig["mujer"].astype(bool)


def _volumen_todos(ds: Dataset) -> ValorLectura:
    v = _volumenes(ds)
    if v is None:
        return None
    volumen, mujer = v
    hombres, mujeres = volumen[~mujer], volumen[mujer]
    if not len(mujeres):
        return DENOMINADOR_CERO
    return _razon(float(hombres.mean()) if len(hombres) else 0.0, float(mujeres.mean()), por_cien=False)


def _volumen_totales(ds: Dataset) -> ValorLectura:
    v = _volumenes(ds)
    if v is None:
        return None
    volumen, mujer = v
    return _razon(float(volumen[~mujer].sum()), float(volumen[mujer].sum()), por_cien=False)


def _smmlv(ds: Dataset, anio: int) -> float | None:
    return ds.parametros.smmlv.get(anio)


@_requiere("cartera")
def _inclusion_hasta(ds: Dataset) -> ValorLectura:
    s = _smmlv(ds, ds.corte.year)
    d = ds.desembolsos
    if s is None or d is None:
        return None
    return _razon(int((d["monto"] <= 3 * s).sum()), len(d))


@_requiere("cartera")
def _inclusion_smmlv_anterior(ds: Dataset) -> ValorLectura:
    s = _smmlv(ds, ds.corte.year - 1)
    d = ds.desembolsos
    if s is None or d is None:
        return None
    return _razon(int((d["monto"] < 3 * s).sum()), len(d))


def _ahorro(ds: Dataset, tipos: tuple[str, ...] = ("1", "2")) -> pd.DataFrame:
    c = ds.captaciones
    assert c is not None
    return c[c["tipo_ahorro"].isin(tipos) & (c["saldo_disponible"] > 0)]


@_requiere("asociados", "captaciones")
def _ahorro_cuentas(ds: Dataset) -> ValorLectura:
    cuentas = _ahorro(ds)
    de_vigentes = cuentas[cuentas["persona"].isin(set(ds.vigentes["persona"]))]
    return _razon(len(de_vigentes), ds.total_asociados)


@_requiere("asociados", "captaciones")
def _ahorro_cuentas_todas(ds: Dataset) -> ValorLectura:
    return _razon(len(_ahorro(ds)), ds.total_asociados)


@_requiere("asociados", "captaciones")
def _ahorro_todos_ahorradores(ds: Dataset) -> ValorLectura:
    return _razon(_ahorro(ds)["persona"].nunique(), ds.total_asociados)


@_requiere("asociados", "captaciones")
def _ahorro_todos_los_tipos(ds: Dataset) -> ValorLectura:
    ahorran = set(_ahorro(ds, ("1", "2", "3", "4"))["persona"])
    return _razon(len(ahorran & set(ds.vigentes["persona"])), ds.total_asociados)


def _beneficios_p(ds: Dataset, tipo: str | None) -> pd.DataFrame:
    b = ds.beneficios
    assert b is not None
    b = b[ds.periodo.contiene(b["fecha"])]
    return b if tipo is None else b[b["tipo_beneficio"] == tipo]


@_requiere("asociados", "beneficios")
def _cobertura_entregas(ds: Dataset) -> ValorLectura:
    b = _beneficios_p(ds, None)
    return _razon(len(b[b["persona"].isin(set(ds.vigentes["persona"]))]), ds.total_asociados)


@_requiere("asociados", "beneficios")
def _cobertura_todos(ds: Dataset) -> ValorLectura:
    return _razon(_beneficios_p(ds, None)["persona"].nunique(), ds.total_asociados)


@_requiere("asociados", "beneficios")
def _educacion_entregas(ds: Dataset) -> ValorLectura:
    b = _beneficios_p(ds, "educacion")
    return _razon(len(b[b["persona"].isin(set(ds.vigentes["persona"]))]), ds.total_asociados)


def _rentabilidad(ds: Dataset, sin: tuple[str, ...]) -> ValorLectura:
    from coopxl.beneficios import calcular_beneficios

    t = calcular_beneficios(ds).totales
    return _razon(t["total"] - sum(t[c] for c in sin), t["aportes"])


@_requiere("asociados", "aportes")
def _rentabilidad_sin_tasas(ds: Dataset) -> ValorLectura:
    return _rentabilidad(ds, ("credito", "ahorro"))


@_requiere("asociados", "aportes")
def _rentabilidad_solo_beneficios(ds: Dataset) -> ValorLectura:
    return _rentabilidad(ds, ("credito", "ahorro", "revalorizacion"))


# --- total gastos ------------------------------------------------------------------------------------

def _gastos(expr: str) -> Callable[[str], FuncionLectura]:
    """A complementarios amount over another definition of total gastos."""

    def sobre(clave: str) -> FuncionLectura:
        def funcion(ds: Dataset) -> ValorLectura:
            if ds.cuif is None:
                return None
            total, _ = ds.cuif.expresion(expr)
            return _razon(_clave(ds, clave), total)

        funcion.__name__ = f"_{clave}_sobre_{expr}"
        return funcion

    return sobre


_CON_530000 = _gastos("500000")
_CON_COSTOS = _gastos("500000-530000+600000")
_CON_530000_Y_COSTOS = _gastos("500000+600000")


def _lecturas_gastos(clave: str) -> tuple[Lectura, ...]:
    return (
        Lectura("toma el total de gastos con la cuenta 530000 (excedentes y pérdidas del ejercicio)",
                _CON_530000(clave)),
        Lectura("suma los costos (clase 6) al total de gastos", _CON_COSTOS(clave)),
        Lectura("toma el total de gastos con la cuenta 530000 y con los costos (clase 6)",
                _CON_530000_Y_COSTOS(clave)),
    )


# --- principle 5: concentration ------------------------------------------------------------------

def _k_decimales(saldos: pd.Series, estricto: bool = False) -> ValorLectura:
    valores = sorted((float(v) for v in saldos.to_numpy()), reverse=True)
    if not valores:
        return DENOMINADOR_CERO
    total = sum(valores)
    acumulado = 0.0
    k = len(valores)
    for i, v in enumerate(valores, start=1):
        acumulado += v
        if (acumulado > 0.8 * total) if estricto else (acumulado >= 0.8 * total):
            k = i
            break
    return _razon(k, len(valores))


def _saldos_por_fila(df: pd.DataFrame | None, columna: str) -> pd.Series | None:
    if df is None:
        return None
    s = df[columna]
    return s[s > 0]


def _concentracion(fuente: Callable[[Dataset], pd.Series | None], estricto: bool = False) -> FuncionLectura:
    def funcion(ds: Dataset) -> ValorLectura:
        saldos = fuente(ds)
        return None if saldos is None else _k_decimales(saldos, estricto)

    return funcion


def _deudores(ds: Dataset) -> pd.Series | None:
    return ds.deudores


def _ahorradores(ds: Dataset) -> pd.Series | None:
    return ds.ahorradores


def _creditos(ds: Dataset) -> pd.Series | None:
    return _saldos_por_fila(ds.cartera, "saldo_capital")


def _cuentas(ds: Dataset) -> pd.Series | None:
    return _saldos_por_fila(ds.captaciones, "saldo_disponible")


def _lecturas_concentracion(personas: Callable[[Dataset], pd.Series | None],
                            filas: Callable[[Dataset], pd.Series | None], quienes: str,
                            productos: str) -> tuple[Lectura, ...]:
    return (
        Lectura("compara el 80 % con decimales, sin la regla de los centavos enteros",
                _concentracion(personas)),
        Lectura("exige superar el 80 % (mayor que, no mayor o igual)", _concentracion(personas, True)),
        Lectura(f"cuenta {productos}, no {quienes}", _concentracion(filas)),
    )


# --- the table ---------------------------------------------------------------------------------------

_SILLAS = "cuenta sillas en los órganos (filas del reporte de directivos), no personas"
_SILLAS_MIXTO = "cuenta sillas en el numerador y personas en el denominador"

LECTURAS: dict[str, tuple[Lectura, ...]] = {
    "equidad_genero_asamblea": (
        Lectura("incluye a las personas jurídicas en el total de asistentes", _genero_asamblea_juridicas),
        Lectura("cuenta a todos los marcados con AsistioUltimaAsamblea = 1, también los no vigentes",
                _genero_asamblea_marcados),
    ),
    "poblacion_joven_asamblea": (
        Lectura("cuenta en el total a los asistentes sin fecha de nacimiento",
                _joven_asamblea_sin_nacimiento),
        Lectura("incluye a las personas jurídicas en el total de asistentes", _joven_asamblea_juridicas),
        Lectura("toma como jóvenes a los menores de 35 años (no 35 o menos)", _joven_asamblea_menor_35),
    ),
    "participacion_asistencia_asamblea": (
        Lectura("cuenta a todos los asistentes vigentes, hábiles o no, sobre los hábiles",
                _asistencia_todos_sobre_habiles),
        Lectura("divide los asistentes hábiles entre todos los asociados vigentes",
                _asistencia_sobre_vigentes),
    ),
    "asociados_activos": (
        Lectura("cuenta a todos los asociados activos, hábiles o no, sobre los hábiles",
                _activos_todos_sobre_habiles),
        Lectura("divide los activos entre todos los asociados vigentes, no solo los hábiles",
                _activos_sobre_vigentes),
        Lectura("cuenta productos en uso, no asociados", _activos_productos),
    ),
    "diversidad_organos": (
        Lectura(_SILLAS, _diversidad_sillas),
        Lectura(_SILLAS_MIXTO, _diversidad_sillas_sobre_personas),
    ),
    "equidad_genero_organos": (
        Lectura(_SILLAS, _genero_organos_sillas),
        Lectura(_SILLAS_MIXTO, _genero_organos_sillas_sobre_personas),
        Lectura("incluye a las personas jurídicas en el total de directivos", _genero_organos_juridicas),
    ),
    "poblacion_joven_organos": (
        Lectura(_SILLAS, _joven_organos_sillas),
        Lectura("cuenta en el total a los directivos sin fecha de nacimiento", _joven_organos_sin_nacimiento),
    ),
    "crecimiento_neto_asociados_habiles": (
        Lectura("aplica la fórmula literal: hábiles al inicio del periodo (vigentes al inicio sin mora) y "
                "solo los retirados hábiles", _crecimiento_literal),
        Lectura("no excluye a quienes se vincularon y se retiraron dentro del periodo",
                _crecimiento_con_entra_y_sale),
        Lectura("cuenta a todos los vinculados en el periodo, hábiles o no", _crecimiento_todos_vinculados),
        Lectura("divide entre los asociados vigentes al corte, no los del inicio del periodo",
                _crecimiento_sobre_vigentes_corte),
    ),
    "actividad_transaccional": (
        Lectura("divide las transacciones entre los asociados hábiles, no entre todos",
                _transacciones_sobre_habiles),
    ),
    "relevo_generacional": (
        Lectura("cuenta en el total a los vinculados sin fecha de nacimiento y a las personas jurídicas",
                _relevo_todos_vinculados),
        Lectura("cuenta solo a los vinculados que siguen vigentes al corte", _relevo_solo_vigentes),
    ),
    "equidad_genero_operaciones": (
        Lectura("incluye en el total los desembolsos a personas jurídicas y a no asociados",
                _operaciones_todas),
        Lectura("cuenta personas, no operaciones de desembolso", _operaciones_personas),
    ),
    "crecimiento_fondos_sociales": (
        Lectura("toma todos los beneficios entregados, no solo los de los fondos sociales",
                _fondos_todas_las_filas),
        Lectura("cuenta entregas (filas de beneficios), no asociados beneficiados", _fondos_cuenta_entregas),
    ),
    "equidad_genero_volumen_negocio": (
        Lectura("promedia sobre todos los asociados de cada género, también los que no tienen volumen",
                _volumen_todos),
        Lectura("compara el volumen total de hombres y de mujeres, no los promedios", _volumen_totales),
    ),
    "inclusion_financiera": (
        Lectura("cuenta los desembolsos de hasta 3 SMMLV (menor o igual, no menor)", _inclusion_hasta),
        Lectura("usa el SMMLV del año anterior al corte", _inclusion_smmlv_anterior),
    ),
    "cultura_ahorro": (
        Lectura("cuenta cuentas de ahorro, no personas", _ahorro_cuentas),
        Lectura("cuenta todas las cuentas de ahorro del archivo, también las de no asociados",
                _ahorro_cuentas_todas),
        Lectura("cuenta a todos los ahorradores del archivo, asociados o no", _ahorro_todos_ahorradores),
        Lectura("incluye el ahorro contractual y el permanente (Tipo Ahorro 3 y 4)", _ahorro_todos_los_tipos),
    ),
    "cobertura_programas_sociales": (
        Lectura("cuenta entregas (filas de beneficios), no asociados", _cobertura_entregas),
        Lectura("cuenta a todos los beneficiados del archivo, también los no vigentes", _cobertura_todos),
    ),
    "rentabilidad_social": (
        Lectura("toma como total de beneficios solo los beneficios entregados y la revalorización, sin los "
                "diferenciales de tasa de crédito y ahorro", _rentabilidad_sin_tasas),
        Lectura("toma como total de beneficios solo los beneficios entregados (sin diferenciales de tasa ni "
                "revalorización)", _rentabilidad_solo_beneficios),
    ),
    "educacion_asociados": (
        Lectura("cuenta entregas de educación (filas de beneficios), no asociados", _educacion_entregas),
    ),
    "participacion_gasto_educacion": _lecturas_gastos("gasto_educacion"),
    "difusion_cooperativa": _lecturas_gastos("gasto_difusion"),
    "concentracion_creditos": _lecturas_concentracion(_deudores, _creditos, "deudores", "créditos"),
    "concentracion_depositos": _lecturas_concentracion(_ahorradores, _cuentas, "ahorradores",
                                                       "cuentas de ahorro"),
    "gastos_comunidad": _lecturas_gastos("gasto_comunidad"),
    "contribuciones_sector_solidario": _lecturas_gastos("contribuciones_integracion"),
}


def lecturas_de(id_: str) -> tuple[Lectura, ...]:
    return LECTURAS.get(id_, ())


def evaluar(lectura: Lectura, ds: Dataset) -> ValorLectura:
    """The value of a reading; None when it cannot be computed, whatever the reason (never raises)."""
    try:
        valor = lectura.funcion(ds)
    except Exception:  # a reading is a hint: odd data must not stop the reconciliation
        return None
    if isinstance(valor, float) and valor != valor:  # NaN
        return None
    return valor
