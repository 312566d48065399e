"""Principle 3: participación económica de los asociados, en justicia y equidad.

equidad_genero_operaciones is shown under this principle too, but it is registered once, in p2.
`cobertura` (vigentes with a benefit) is shared with principle 4; CUIF amounts come from
`indicadores.cuentas`.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

import numpy as np
import pandas as pd

from coopxl import formato
from coopxl.beneficios import calcular_beneficios
from coopxl.dataset import FONDOS_SOCIALES, PID, Periodo
from coopxl.indicadores.cuentas import concepto_sobre_concepto
from coopxl.indicadores.modelo import (
    CalculoExcel,
    FormulasIndicador,
    Origen,
    Resultado,
    cociente,
    complementario,
    falta_reporte,
    origen_archivo,
    origen_clave,
    par_complementario,
    sin_datos,
)
from coopxl.indicadores.poblaciones import (
    cuantos_vigentes,
    distintos,
    por_posicion,
    primeras_filas,
    total_vigentes,
)
from coopxl.indicadores.registro import indicador
from coopxl.indicadores.textos.p3_participacion_economica import escala_ipc
from coopxl.perezoso import ModuloPerezoso

if TYPE_CHECKING:
    from coopxl.dataset import Dataset
    from coopxl.excel.referencias import Referencias

# The Excel faces only: coopxl.excel (and openpyxl) is imported when a formula is first built.
B = ModuloPerezoso("coopxl.excel.bloques")
F = ModuloPerezoso("coopxl.excel.formulas")
R = ModuloPerezoso("coopxl.excel.referencias")

FALTA_ASOCIADOS = "el archivo Informe individual de asociados"
VIGENTES = "asociados vigentes al corte"


def _etiqueta(clave: str) -> str:
    from coopxl.complementarios import POR_CLAVE

    return f"{POR_CLAVE[clave].etiqueta} (clave {clave})"


# --- CUIF concepts ---------------------------------------------------------------------------------

# --- crecimiento_fondos_sociales -------------------------------------------------------------------

def _fondos(df: pd.DataFrame, p: Periodo) -> tuple[float, float, int]:
    """E (sum of Valor), B (distinct persons) and the rows used: beneficios rows of P in a social fund."""
    m = (p.contiene(df["fecha"]) & df["fondo"].isin(FONDOS_SOCIALES)).to_numpy(dtype=bool)
    if PID not in df:
        return float(df["valor"][m].sum()), float(df["persona"][m].nunique()), int(m.sum())
    # distinct persons: by id for those in asociados, by persona text for the others (id -1)
    pid = df[PID].to_numpy()
    fuera = m & (pid < 0)
    personas = distintos(pid[m & (pid >= 0)]) + (df["persona"][fuera].nunique() if fuera.any() else 0)
    return float(df["valor"][m].sum()), float(personas), int(m.sum())


def _ipc(ds: Dataset) -> tuple[float | None, int | None, str | None]:
    """IPC of the cut year, or the last published one (with a warning)."""
    ipc = ds.parametros.ipc
    anio = ds.corte.year
    if anio in ipc:
        return ipc[anio], anio, None
    anteriores = [y for y in ipc if y < anio] or list(ipc)
    if not anteriores:
        return None, None, "No hay IPC en los parámetros: no se calcula la escala del IPC."
    ultimo = max(anteriores)
    return ipc[ultimo], ultimo, (f"El IPC de {anio} no está publicado en los parámetros: la escala usa el "
                                 f"de {ultimo} ({formato.porcentaje(ipc[ultimo])}).")


_FONDOS_TXT = "de los fondos de educación, solidaridad, recreación y bienestar (suma de Valor, personas)"


def excel_cobertura(refs: Referencias, clave: str, bandera: str) -> FormulasIndicador:
    """The Excel face of `cobertura`: the key replaces the numerator only."""
    num = F.si(B.hay(clave), B.co(clave), B.contar(refs, "asociados", bandera))
    return B.cociente(num, B.total_asociados(refs),
                      sin_datos=B.alguno(B.no_entregado(refs, "asociados"),
                                         F.y(B.falta(clave), "TRUE") if not refs.entregado("beneficios") else ""))


def _excel_crecimiento_fondos_sociales(refs: Referencias) -> FormulasIndicador:
    # The previous period comes from the keys or from older rows of this beneficios file (the previous
    # cut's file, --anterior, is not in the workbook).
    actual = B.ambos("fondos_ejecucion", "fondos_beneficiados")
    anterior = B.ambos("fondos_ejecucion_anterior", "fondos_beneficiados_anterior")
    e = F.si(actual, B.co("fondos_ejecucion"), B.sumar_si(refs, "beneficios", "valor", "en_p", "fondo_social"))
    b = F.si(actual, B.co("fondos_beneficiados"), B.contar(refs, "beneficios", "beneficiado_fondos"))
    e0 = F.si(anterior, B.co("fondos_ejecucion_anterior"),
              B.sumar_si(refs, "beneficios", "valor", "en_p_anterior", "fondo_social"))
    b0 = F.si(anterior, B.co("fondos_beneficiados_anterior"),
              B.contar(refs, "beneficios", "beneficiado_fondos_anterior"))
    hay_antes = F.comparar(B.contar(refs, "beneficios", "antes_p"), ">", 0) if refs.entregado("beneficios") \
        else "FALSE"
    falta_actual = F.y(F.no(actual), B.no_entregado(refs, "beneficios"))
    falta_anterior = F.y(F.no(anterior), F.no(hay_antes))
    calculos = (CalculoExcel("fondos_ejecucion", "Ejecución de fondos sociales del periodo (E)", e),
                CalculoExcel("fondos_beneficiados", "Asociados beneficiados por los fondos (B)", b),
                CalculoExcel("fondos_ejecucion_anterior", "Ejecución de fondos del periodo anterior (E0)", e0),
                CalculoExcel("fondos_beneficiados_anterior", "Beneficiados del periodo anterior (B0)", b0))
    E, Bn, E0, B0 = (R.nombre_calculo(c.nombre) for c in calculos)
    cero = F.o(F.comparar(B0, "=", 0), F.comparar(E0, "=", 0), F.comparar(Bn, "=", 0))
    return FormulasIndicador(F.si_error(f"{E}/{Bn}-{E0}/{B0}", F.texto("")), F.si_error(f"{E0}/{B0}", F.texto("")),
                             sin_datos=F.o(falta_actual, falta_anterior), cero=cero, calculos=calculos)


@indicador("crecimiento_fondos_sociales", excel=_excel_crecimiento_fondos_sociales,
           entradas=("beneficios", "fondos_ejecucion", "fondos_beneficiados", "fondos_ejecucion_anterior",
                     "fondos_beneficiados_anterior"))
def crecimiento_fondos_sociales(ds: Dataset) -> Resultado:
    """[(E/B) - (E0/B0)] / (E0/B0) x 100; it can be negative.

    States (decided here): E0 = 0 or B0 = 0 makes the previous ejecución per beneficiary, the
    denominator, zero or undefined -> denominador_cero. B = 0 leaves E/B undefined, a division by zero
    as well (the SES prints the same text) -> denominador_cero, with a warning saying which count is
    zero. E = 0 with B > 0 is a real -100 %. Each pair (E, B) and (E0, B0) is typed only when both of
    its keys are; otherwise both are derived. The previous period is missing (sin_datos), not zero,
    when nothing covers it: no keys, no previous cut's beneficios file, and no row of this file dated
    before P.
    """
    faltan: list[str] = []
    p, p0 = ds.periodo, ds.periodo.anterior()
    # Current period: both keys typed, or derived from this cut's beneficios rows in P.
    e = b = e0 = b0 = None
    if (tecleado := par_complementario(ds, "fondos_ejecucion", "fondos_beneficiados")) is not None:
        e, b = tecleado
        origen_act = Origen("complementarios, claves fondos_ejecucion y fondos_beneficiados",
                            clave="fondos_ejecucion, fondos_beneficiados")
    elif ds.beneficios is not None:
        e, b, n = _fondos(ds.beneficios, p)
        origen_act = origen_archivo(ds, "beneficios", f"beneficios del periodo {p.inicio:%d/%m/%Y}–"
                                    f"{p.fin:%d/%m/%Y} {_FONDOS_TXT}", n)
    else:
        origen_act = Origen("ejecución de fondos sociales del periodo")
        faltan.append("la ejecución de fondos sociales del periodo: el archivo de beneficios o las claves "
                      "fondos_ejecucion y fondos_beneficiados")
    # Previous 12 months: keys, else the previous cut's beneficios file, else older rows of this one.
    rango = f"{p0.inicio:%d/%m/%Y}–{p0.fin:%d/%m/%Y}"
    ant = ds.anterior
    if (tecleado := par_complementario(ds, "fondos_ejecucion_anterior", "fondos_beneficiados_anterior")):
        e0, b0 = tecleado
        origen_ant = Origen("complementarios, claves fondos_ejecucion_anterior y "
                            "fondos_beneficiados_anterior",
                            clave="fondos_ejecucion_anterior, fondos_beneficiados_anterior")
    elif ant is not None and ant.beneficios is not None:
        e0, b0, n = _fondos(ant.beneficios, p0)
        origen_ant = Origen(f"beneficios del corte anterior, periodo {rango}, {_FONDOS_TXT}",
                            ant.archivos.get("beneficios", "beneficios"), n)
    elif ds.beneficios is not None and (ds.beneficios["fecha"] < pd.Timestamp(p.inicio)).any():
        # This file reaches back before P, so it covers the previous period: no rows there mean 0.
        e0, b0, n = _fondos(ds.beneficios, p0)
        origen_ant = origen_archivo(ds, "beneficios", f"beneficios del periodo anterior {rango} "
                                    f"{_FONDOS_TXT}, filas antiguas del archivo de este corte", n)
    else:
        origen_ant = Origen(f"ejecución de fondos sociales del periodo anterior {rango}")
        faltan.append("la ejecución de fondos sociales del periodo anterior: las claves "
                      "fondos_ejecucion_anterior y fondos_beneficiados_anterior, el archivo de beneficios "
                      "del corte anterior (--anterior) o filas de ese periodo en el archivo de beneficios")
    extra: dict[str, object] = {"ejecucion": e, "beneficiados": b, "ejecucion_anterior": e0,
                                "beneficiados_anterior": b0}
    origenes = {"origen_numerador": origen_act, "origen_denominador": origen_ant, "extra": extra}
    if faltan:
        return Resultado("sin_datos", faltantes=tuple(faltan), **origenes)
    assert e is not None and b is not None and e0 is not None and b0 is not None
    if b0 == 0 or e0 == 0:
        que = "los asociados beneficiados son" if b0 == 0 else "la ejecución de fondos sociales es"
        return Resultado("denominador_cero", e / b if b else None, 0.0, **origenes,
                         advertencias=(f"En el periodo anterior {que} cero: no hay base de comparación.",))
    if b == 0:
        return Resultado("denominador_cero", None, e0 / b0, **origenes,
                         advertencias=("Los asociados beneficiados por los fondos sociales en el periodo son "
                                       "cero: no se puede calcular la ejecución por asociado beneficiado.",))
    r = cociente(e / b - e0 / b0, e0 / b0, **origenes)
    ipc, anio_ipc, aviso = _ipc(ds)
    escala = escala_ipc(r.valor, ipc) if ipc is not None and r.valor is not None else None
    r.extra.update({"ipc": ipc, "anio_ipc": anio_ipc, "escala_ipc": escala})
    return r.con_advertencias(aviso or "")


# --- capital, volume, inclusion, savings -----------------------------------------------------------

def _excel_capital_institucional(refs: Referencias) -> FormulasIndicador:
    return B.concepto_sobre_concepto(refs, "capital_institucional", "total_activo")


@indicador("capital_institucional", excel=_excel_capital_institucional, entradas=("catalogo",))
def capital_institucional(ds: Dataset) -> Resultado:
    return concepto_sobre_concepto(ds, "capital_institucional", "total_activo")


def _excel_equidad_genero_volumen_negocio(refs: Referencias) -> FormulasIndicador:
    def promedio(bandera: str) -> str:
        n = B.contar(refs, "asociados", bandera)
        return F.si(F.comparar(n, ">", 0), f"{B.sumar_si(refs, 'asociados', 'volumen', bandera)}/{n}", 0)

    sin_fuentes = B.logico(not any(refs.entregado(r) for r in ("cartera", "captaciones", "aportes")))
    return B.cociente(promedio("volumen_hombre"), promedio("volumen_mujer"), por_cien=False,
                      sin_datos=B.alguno(B.no_entregado(refs, "asociados"), sin_fuentes))


@indicador("equidad_genero_volumen_negocio", excel=_excel_equidad_genero_volumen_negocio,
           entradas=("asociados", "cartera", "captaciones", "aportes"))
def equidad_genero_volumen_negocio(ds: Dataset) -> Resultado:
    """Average business volume of men / of women (vigente natural persons with volume > 0).

    Volume = Monto disbursed in P + Valor Inicial of captaciones opened in P + 12 x aportes Cuota
    Mensual. A missing product file leaves its part out (warning); all three missing is sin_datos. No
    man with volume (but some woman) gives a men's average of 0, so the ratio is 0 (warning); no woman
    with volume is the zero denominator.
    """
    falta = falta_reporte(ds, "asociados")
    if falta is not None:
        return falta
    fuentes = [r for r in ("cartera", "captaciones", "aportes") if ds.tiene(r)]
    if not fuentes:
        return sin_datos("al menos uno de los archivos de cartera, captaciones o aportes")
    # Integer person ids and only the needed columns: filtering whole frames of text columns is the slow part.
    a = ds.asociados
    filas = primeras_filas(ds, a["vigente"] & a["natural"])
    ids = a[PID].to_numpy(dtype=np.int64)[filas]
    mujer = a["mujer"].to_numpy(dtype=bool)[filas]
    # Σ per person id, then added person by person in this order (0 for a person without rows)
    volumen = np.zeros(len(ids))
    partes = []
    if ds.desembolsos is not None:
        volumen = volumen + por_posicion(ds.desembolsos.groupby(PID)["monto"].sum(), ids)[0]
        partes.append("Monto desembolsado en el periodo")
    if ds.captaciones is not None:
        c = ds.captaciones[[PID, "fecha_apertura", "valor_inicial"]]
        c = c[ds.periodo.contiene(c["fecha_apertura"])]
        volumen = volumen + por_posicion(c.groupby(PID)["valor_inicial"].sum(), ids)[0]
        partes.append("Valor Inicial de las captaciones abiertas en el periodo")
    if ds.aportes is not None:
        volumen = volumen + por_posicion(12 * ds.aportes.groupby(PID)["cuota_mensual"].sum(), ids)[0]
        partes.append("12 × Cuota Mensual de aportes")
    hombres = pd.Series(volumen[(volumen > 0) & ~mujer])
    mujeres = pd.Series(volumen[(volumen > 0) & mujer])
    avisos = [f"Sin el archivo de {r}: el volumen de negocio no incluye esa parte."
              for r in ("cartera", "captaciones", "aportes") if r not in fuentes]
    if len(mujeres) and not len(hombres):
        avisos.append("Ningún asociado hombre vigente tiene volumen de negocio: su promedio se toma como 0.")
    como = " + ".join(partes)
    archivo = ", ".join(ds.archivos.get(r, r) for r in fuentes)
    prom_h = float(hombres.mean()) if len(hombres) else 0.0
    prom_m = float(mujeres.mean()) if len(mujeres) else 0.0
    return cociente(prom_h, prom_m, por_cien=False, advertencias=tuple(avisos),
                    origen_numerador=Origen(f"promedio de ({como}) de {len(hombres)} asociados hombres "
                                            "vigentes con volumen mayor que 0", archivo, len(hombres)),
                    origen_denominador=Origen(f"promedio de ({como}) de {len(mujeres)} asociadas mujeres "
                                              "vigentes con volumen mayor que 0", archivo, len(mujeres)),
                    extra={"hombres": len(hombres), "mujeres": len(mujeres),
                           "volumen_hombres": float(hombres.sum()), "volumen_mujeres": float(mujeres.sum())})


def _smmlv(ds: Dataset) -> tuple[float | None, int | None, str | None]:
    """SMMLV of the cut year, or the last one before it (else the latest), with a warning."""
    s = ds.parametros.smmlv
    anio = ds.corte.year
    if anio in s:
        return s[anio], anio, None
    candidatos = [y for y in s if y < anio] or list(s)
    if not candidatos:
        return None, None, None
    ultimo = max(candidatos)
    return s[ultimo], ultimo, (f"El SMMLV de {anio} no está en los parámetros: se usa el de {ultimo} "
                               f"({formato.pesos(s[ultimo])}).")


def _excel_inclusion_financiera(refs: Referencias) -> FormulasIndicador:
    return B.cociente(B.contar(refs, "cartera", "bajo_tope"), B.contar(refs, "cartera", "desembolso_cuenta"),
                      sin_datos=B.alguno(B.no_entregado(refs, "cartera"), F.es_vacio(R.PA_SMMLV)))


@indicador("inclusion_financiera", excel=_excel_inclusion_financiera, entradas=("cartera",))
def inclusion_financiera(ds: Dataset) -> Resultado:
    falta = falta_reporte(ds, "cartera")
    if falta is not None:
        return falta
    smmlv, anio, aviso = _smmlv(ds)
    if smmlv is None:
        return sin_datos(f"el SMMLV de {ds.corte.year} en el parámetro smmlv_ipc.csv")
    tope = 3 * smmlv
    d = ds.desembolsos
    num = int((d["monto"] < tope).sum())
    return cociente(num, len(d), advertencias=(aviso,) if aviso else (),
                    origen_numerador=origen_archivo(ds, "cartera", "créditos desembolsados en el periodo "
                                                    f"por menos de 3 SMMLV de {anio} ({formato.pesos(tope)})",
                                                    num),
                    origen_denominador=origen_archivo(ds, "cartera", "créditos desembolsados en el periodo",
                                                      len(d)),
                    extra={"smmlv": smmlv, "anio_smmlv": anio, "tope": tope})


def _excel_cultura_ahorro(refs: Referencias) -> FormulasIndicador:
    return B.cociente(B.contar(refs, "asociados", "ahorra"), B.total_asociados(refs),
                      sin_datos=B.no_entregado(refs, "asociados", "captaciones"))


@indicador("cultura_ahorro", excel=_excel_cultura_ahorro, entradas=("asociados", "captaciones"))
def cultura_ahorro(ds: Dataset) -> Resultado:
    falta = falta_reporte(ds, "asociados", "captaciones")
    if falta is not None:
        return falta
    c = ds.captaciones
    ahorran = c[PID].to_numpy()[(c["tipo_ahorro"].isin(("1", "2")) & (c["saldo_disponible"] > 0)).to_numpy(bool)]
    num = cuantos_vigentes(ds, ahorran)
    total = total_vigentes(ds)
    return cociente(num, total,
                    origen_numerador=origen_archivo(ds, "captaciones", "asociados vigentes con ahorro a la "
                                                    "vista o CDAT (Tipo Ahorro 1 o 2) con Saldo Disponible "
                                                    "mayor que 0", num),
                    origen_denominador=origen_archivo(ds, "asociados", VIGENTES, total))


# --- benefits ----------------------------------------------------------------------------------------

def cobertura(ds: Dataset, clave: str, tipo: str | None, descripcion: str) -> Resultado:
    """Vigentes with a beneficios row in P (of Tipo Beneficio `tipo`, or of any) / total_asociados.

    The key `clave` overrides the numerator only (indicadores.md); the denominator always comes from
    the asociados file. Shared with educacion_asociados.
    """
    faltan: list[str] = []
    hay_asociados = ds.tiene("asociados")
    if not hay_asociados:
        faltan.append(FALTA_ASOCIADOS)
    n = complementario(ds, clave)
    if n is not None:
        origen_num = origen_clave(clave)
    elif ds.beneficios is not None:
        b = ds.beneficios
        m = ds.periodo.contiene(b["fecha"])
        if tipo is not None:
            m &= b["tipo_beneficio"] == tipo
        if hay_asociados:
            n = float(cuantos_vigentes(ds, b[PID].to_numpy()[m.to_numpy(dtype=bool)]))
        origen_num = origen_archivo(ds, "beneficios", descripcion, None if n is None else int(n))
    else:
        origen_num = Origen(descripcion)
        faltan.append(f"el archivo de beneficios o {_etiqueta(clave)}")
    total = total_vigentes(ds) if hay_asociados else None
    return cociente(n, total, faltantes=tuple(faltan), origen_numerador=origen_num,
                    origen_denominador=origen_archivo(ds, "asociados", VIGENTES, total))


def _excel_cobertura_programas_sociales(refs: Referencias) -> FormulasIndicador:
    return excel_cobertura(refs, "asociados_beneficiados_programas", "beneficiado")


@indicador("cobertura_programas_sociales", excel=_excel_cobertura_programas_sociales,
           entradas=("asociados", "beneficios", "asociados_beneficiados_programas"))
def cobertura_programas_sociales(ds: Dataset) -> Resultado:
    return cobertura(ds, "asociados_beneficiados_programas", None,
                     "asociados vigentes con al menos un beneficio entregado en el periodo")


def _excel_rentabilidad_social(refs: Referencias) -> FormulasIndicador:
    """Beneficio solidario of the vigentes (crédito + ahorro + revalorización + beneficios of P) / their aportes."""
    reval = B.sumar_si(refs, "revalorizacion", "valor_revalorizado", "de_vigente") \
        if refs.entregado("revalorizacion") else B.sumar_si(refs, "aportes", "valor_revalorizacion", "de_vigente")
    partes = (
        CalculoExcel("bs_credito", "Beneficio solidario: crédito", F.llamada("SUM", refs.rango("cartera",
                                                                                              "beneficio_credito"))),
        CalculoExcel("bs_ahorro", "Beneficio solidario: ahorro",
                     F.llamada("SUM", refs.rango("captaciones", "beneficio_ahorro"))),
        CalculoExcel("bs_revalorizacion", "Beneficio solidario: revalorización de aportes", reval),
        CalculoExcel("bs_beneficios", "Beneficio solidario: beneficios entregados en P",
                     B.sumar_si(refs, "beneficios", "valor", "en_p", "de_vigente")),
    )
    total = CalculoExcel("bs_total", "Beneficio solidario total", F.suma(*(R.nombre_calculo(p.nombre) for p in partes)))
    aportes = CalculoExcel("bs_aportes", "Aportes (Saldo Total) de los asociados vigentes",
                           B.sumar_si(refs, "aportes", "saldo_total", "de_vigente"))
    return B.cociente(R.nombre_calculo(total.nombre), R.nombre_calculo(aportes.nombre),
                      sin_datos=B.no_entregado(refs, "asociados", "aportes"), calculos=(*partes, total, aportes))


@indicador("rentabilidad_social", excel=_excel_rentabilidad_social,
           entradas=("asociados", "aportes", "cartera", "captaciones", "revalorizacion", "beneficios"))
def rentabilidad_social(ds: Dataset) -> Resultado:
    """Total beneficio solidario of the vigentes / their aportes Saldo Total x 100 (beneficios.md)."""
    falta = falta_reporte(ds, "asociados", "aportes")
    if falta is not None:
        return falta
    ben = calcular_beneficios(ds)
    avisos = [f"Beneficio solidario sin calcular: {f}." for f in ben.faltantes] + list(ben.advertencias)
    archivos = ", ".join(ds.archivos.get(r, r) for r in
                         ("cartera", "captaciones", "aportes", "revalorizacion", "beneficios") if ds.tiene(r))
    componentes = {k: v for k, v in ben.totales.items() if k not in ("total", "aportes")}
    return cociente(ben.totales["total"], ben.totales["aportes"], advertencias=tuple(avisos),
                    origen_numerador=Origen(f"beneficio solidario total de {ben.asociados} asociados "
                                            "vigentes (crédito, ahorro, revalorización y beneficios "
                                            "entregados)",
                                            archivos, ben.asociados),
                    origen_denominador=origen_archivo(ds, "aportes", "Saldo Total de aportes de los "
                                                      "asociados vigentes", ben.asociados),
                    extra={"componentes": componentes, "no_calculados": sorted(ben.no_calculados)})
