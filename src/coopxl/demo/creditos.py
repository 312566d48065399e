"""Loans of the synthetic cooperative: disbursed over the years, amortised monthly, a few in arrears.

Each loan is drawn once (date, modality, amount, term, rate, how its debtor behaves); its state at a
cut (installments paid, days past due, balance, CUIF account by risk category) is computed from that
history, so two cuts of the same seed tell one story.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from coopxl.demo import nombres as tx
from coopxl.demo.azar import generador, uniforme
from coopxl.demo.calendario import DIAS_ANIO, NUNCA, anio, meses_cumplidos, sumar_meses
from coopxl.demo.poblacion import Personas
from coopxl.demo.supuestos import dias_clave, indice_salarial

CONSUMO, VIVIENDA, MICRO, MICRO_INMOB, COMERCIAL, PRODUCTIVO, EMPLEADOS = range(7)


@dataclass(frozen=True)
class Modalidad:
    """A loan modality: its CUIF accounts, risk categories, and how its loans are drawn.

    `capital` holds the 4-digit accounts for (admisible + libranza, admisible, otras + libranza, otras);
    `limites` the days past due that end categories A to D; amounts are in 2025 pesos (median, sigma
    of the log, minimum); `tasas` the E.A. range; `ingreso` and `gasto_deterioro` the income and
    impairment-expense accounts.
    """

    clave: str
    capital: tuple[int, int, int, int]
    interes: int
    deterioro: int | None
    deterioro_interes: int | None
    limites: tuple[int, int, int, int]
    hoja: int  # capital/interest leaf = 100 * cuenta + hoja + 5 * categoria
    por_garantia: bool  # impairment leaves split by guarantee (05 + 10c + 5 otras)
    mediana: float
    sigma: float
    minimo: float
    plazos: tuple[int, ...]
    tasas: tuple[float, float]
    linea: str
    ingreso: int
    gasto_deterioro: int


MODALIDADES = (
    Modalidad("consumo", (1411, 1412, 1441, 1442), 1443, 1445, 1446, (30, 60, 90, 180), 5, True,
              5_500_000, 0.95, 500_000, (12, 18, 24, 36, 48, 60, 72), (16.0, 24.0), "102", 415010, 511517),
    Modalidad("vivienda", (1404, 1405, 1404, 1405), 1406, 1408, 1409, (60, 150, 360, 540), 5, False,
              60_000_000, 0.45, 20_000_000, (120, 144, 180), (12.0, 15.0), "201", 415015, 511514),
    Modalidad("microcredito", (1454, 1454, 1455, 1455), 1456, 1458, 1459, (30, 60, 90, 120), 5, True,
              3_500_000, 0.8, 500_000, (6, 12, 18, 24, 36), (22.0, 26.0), "301", 415025, 511523),
    Modalidad("microcredito", (1448, 1448, 1448, 1448), 1449, 1451, 1452, (30, 60, 90, 120), 5, False,
              9_000_000, 0.6, 1_000_000, (24, 36, 48, 60), (20.0, 25.0), "302", 415020, 511520),
    Modalidad("comercial", (1461, 1461, 1462, 1462), 1463, 1465, 1466, (30, 90, 180, 360), 5, True,
              30_000_000, 0.9, 2_000_000, (12, 24, 36, 48, 60), (14.0, 20.0), "501", 415005, 511526),
    Modalidad("productivo", (1476, 1476, 1476, 1476), 1477, None, None, (30, 60, 90, 180), 5, False,
              6_000_000, 0.9, 500_000, (12, 24, 36, 48), (17.0, 24.0), "401", 415065, 511570),
    Modalidad("empleados", (1469, 1469, 1469, 1469), 1470, 1471, 1472, (30, 60, 90, 180), 30, False,
              8_000_000, 0.8, 1_000_000, (12, 24, 36, 48, 60), (12.0, 16.0), "601", 415030, 511530),
)
PROVISION = np.array([0.0, 0.01, 0.10, 0.20, 0.50])
MONTO_MAXIMO = 150_000_000
DIAS_CASTIGO = 540
CATEGORIAS = np.array(["A", "B", "C", "D", "E"], dtype=object)


@dataclass
class Creditos:
    """Every loan ever disbursed, in disbursement order; amounts in pesos, rates E.A. in percent."""

    persona: np.ndarray
    desembolso: np.ndarray
    modalidad: np.ndarray
    admisible: np.ndarray
    libranza: np.ndarray
    monto: np.ndarray
    plazo: np.ndarray
    tasa: np.ndarray
    prepago: np.ndarray
    mora_cuota: np.ndarray  # first installment missed (0: never)
    cura_meses: np.ndarray  # months in arrears before catching up (0: never)
    reestructura: np.ndarray
    patronal: np.ndarray  # index into nombres.PATRONALES, -1 without libranza
    destino: np.ndarray
    pagare: np.ndarray  # year * 1_000_000 + sequence

    @property
    def n(self) -> int:
        return len(self.persona)


def _tasa_por_persona(rng: np.random.Generator, p: Personas) -> np.ndarray:
    """Loans a year of each person (0 for those who never borrow)."""
    prob = np.where(p.vinculo == 4, np.where(p.empleado, 0.8, 0.7), np.where(p.juridica, 0.8, 0.65))
    deudor = rng.random(p.n) < prob
    return np.where(deudor, rng.gamma(2.0, np.where(p.juridica, 0.45, 0.17), p.n), 0.0)


def _modalidad(rng: np.random.Generator, p: Personas, quien: np.ndarray, fecha: np.ndarray) -> np.ndarray:
    """Consumo for most; micro, productivo and comercial for the self-employed and legal persons;
    empleados for the entity's staff; productivo only from April 2023 (microcrédito before)."""
    k = dias_clave()
    m = len(quien)
    u = rng.random(m)
    indep = p.ocupacion[quien] == 2
    general = np.select([u < 0.90, u < 0.97, u < 0.985, u < 0.99], [CONSUMO, VIVIENDA, MICRO, MICRO_INMOB],
                        PRODUCTIVO)
    independiente = np.select([u < 0.50, u < 0.55, u < 0.77, u < 0.80, u < 0.85],
                              [CONSUMO, VIVIENDA, MICRO, MICRO_INMOB, COMERCIAL], PRODUCTIVO)
    juridica = np.where(u < 0.6, COMERCIAL, np.where(u < 0.8, MICRO, PRODUCTIVO))
    mod = np.where(p.juridica[quien], juridica, np.where(indep, independiente, general))
    mod = np.where(p.empleado[quien] & (u < 0.85), EMPLEADOS, mod)
    mod = np.where((p.vinculo[quien] == 4) & ~p.empleado[quien], CONSUMO, mod)
    antes = fecha < k["inicio_productivo"]
    return np.where((mod == PRODUCTIVO) & antes, MICRO, mod).astype(np.int8)


def _montos(rng: np.random.Generator, mod: np.ndarray, fecha: np.ndarray) -> np.ndarray:
    mediana = np.array([x.mediana for x in MODALIDADES])[mod]
    sigma = np.array([x.sigma for x in MODALIDADES])[mod]
    minimo = np.array([x.minimo for x in MODALIDADES])[mod]
    escala = indice_salarial(anio(fecha))
    bruto = mediana * np.exp(sigma * rng.standard_normal(len(mod))) * escala
    monto = np.round(np.clip(bruto, np.maximum(minimo * escala, 500_000), MONTO_MAXIMO) / 10_000) * 10_000
    return monto.astype(np.int64)


def _plazos_y_tasas(rng: np.random.Generator, mod: np.ndarray,
                    libranza: np.ndarray) -> tuple[np.ndarray, ...]:
    m = len(mod)
    plazo = np.zeros(m, dtype=np.int64)
    tasa = np.zeros(m)
    for i, x in enumerate(MODALIDADES):
        sel = mod == i
        plazo[sel] = rng.choice(np.array(x.plazos), sel.sum())
        lo, hi = x.tasas
        tasa[sel] = rng.uniform(lo, hi, sel.sum())
    tasa = np.where((mod == CONSUMO) & libranza, tasa - 3.0, tasa)
    return plazo, np.round(tasa * 4) / 4


def _pagares(desembolso: np.ndarray, persona: np.ndarray) -> np.ndarray:
    """Loan numbers: year of disbursement + sequence within the year, in disbursement order."""
    orden = np.lexsort((persona, desembolso))
    a_ord = anio(desembolso)[orden]
    inicio = np.r_[0, np.flatnonzero(a_ord[1:] != a_ord[:-1]) + 1]
    largo = np.diff(np.r_[inicio, len(orden)])
    seq = np.arange(len(orden)) - np.repeat(inicio, largo) + 1
    numero = np.empty(len(orden), dtype=np.int64)
    numero[orden] = a_ord * 1_000_000 + seq
    return numero


def _desembolsos(rng: np.random.Generator, p: Personas) -> tuple[np.ndarray, np.ndarray]:
    """(persona, fecha) of every loan: Poisson events while the person uses the entity's services."""
    k = dias_clave()
    tasa_p = _tasa_por_persona(rng, p)
    desde = np.maximum(p.ingreso + 20, k["inicio_creditos"])
    hasta = np.minimum(p.activo_hasta, k["horizonte"]) - 30
    cuantos = rng.poisson(tasa_p * np.maximum(hasta - desde, 0) / DIAS_ANIO)
    quien = np.repeat(np.arange(p.n), cuantos)
    fecha = desde[quien] + np.floor(rng.random(len(quien)) * (hasta[quien] - desde[quien])).astype(np.int64)
    orden = np.lexsort((quien, fecha))
    return quien[orden], fecha[orden]


def _patronal(rng: np.random.Generator, p: Personas, quien: np.ndarray, mod: np.ndarray,
              libranza: np.ndarray) -> np.ndarray:
    """Employer that deducts the installment from the payroll (the pension fund for pensioners)."""
    patronal = rng.integers(0, len(tx.PATRONALES) - 1, len(quien))
    patronal = np.where(p.ocupacion[quien] == 3, len(tx.PATRONALES) - 1, patronal)
    return np.where(libranza & (mod != EMPLEADOS), patronal, -1)


def _conducta(rng: np.random.Generator, fecha: np.ndarray, mod: np.ndarray,
              plazo: np.ndarray) -> dict[str, np.ndarray]:
    """How each debtor behaves: ~10 % fall into arrears (most catch up), ~18 % prepay."""
    m = len(fecha)
    riesgoso = (rng.random(m) < 0.10) & (mod != PRODUCTIVO)
    cura = riesgoso & (rng.random(m) < 0.65)
    prepaga = ~riesgoso & (rng.random(m) < 0.18)
    cuota_pp = 3 + np.floor(rng.random(m) * np.maximum(plazo - 4, 1)).astype(np.int64)
    return {
        "mora_cuota": np.where(riesgoso, 2 + np.floor(rng.random(m) * (plazo - 1)).astype(np.int64), 0),
        "cura_meses": np.where(cura, rng.integers(1, 5, m), 0),
        "prepago": np.where(prepaga, sumar_meses(fecha, cuota_pp) + rng.integers(0, 25, m), NUNCA),
        "reestructura": cura & (rng.random(m) < 0.4),
    }


def generar_creditos(semilla: int, p: Personas) -> Creditos:
    rng = generador(semilla, "creditos")
    quien, fecha = _desembolsos(rng, p)
    m = len(quien)
    mod = _modalidad(rng, p, quien, fecha)
    empleado_o_pensionado = np.isin(p.ocupacion[quien], (1, 3))
    libranza = (mod == EMPLEADOS) | (np.isin(mod, (CONSUMO, VIVIENDA)) & empleado_o_pensionado
                                     & (rng.random(m) < 0.7))
    admisible = np.where(mod == VIVIENDA, True, rng.random(m) < np.where(mod == COMERCIAL, 0.5, 0.25))
    plazo, tasa = _plazos_y_tasas(rng, mod, libranza)
    destino = np.where(mod == VIVIENDA, 4, np.where(np.isin(mod, (MICRO, PRODUCTIVO, COMERCIAL)), 5,
                                                    rng.choice([1, 1, 1, 2, 3], m)))
    return Creditos(
        persona=quien, desembolso=fecha, modalidad=mod, admisible=admisible, libranza=libranza,
        monto=_montos(rng, mod, fecha), plazo=plazo, tasa=tasa,
        patronal=_patronal(rng, p, quien, mod, libranza), destino=destino, pagare=_pagares(fecha, quien),
        **_conducta(rng, fecha, mod, plazo),
    )


def tasa_mensual(tasa_ea: np.ndarray) -> np.ndarray:
    return np.power(1 + tasa_ea / 100, 1 / 12) - 1


def cuota_fija(monto: np.ndarray, r: np.ndarray, n: np.ndarray) -> np.ndarray:
    return monto * r / (1 - np.power(1 + r, -n.astype(np.float64)))


def saldo_despues(monto: np.ndarray, r: np.ndarray, cuota: np.ndarray, k: np.ndarray) -> np.ndarray:
    f = np.power(1 + r, k.astype(np.float64))
    return np.maximum(monto * f - cuota * (f - 1) / r, 0.0)


@dataclass
class EstadoCartera:
    """The loans exported at a cut (indices into Creditos) and their state then."""

    idx: np.ndarray
    cuotas_pagas: np.ndarray
    edad_mora: np.ndarray
    saldo_capital: np.ndarray  # whole pesos
    saldo_interes: np.ndarray  # pesos with cents
    cuota: np.ndarray
    vencimiento: np.ndarray
    ultimo_pago: np.ndarray  # NUNCA: no payment yet
    categoria: np.ndarray
    codigo: np.ndarray
    cuenta_interes: np.ndarray
    cuenta_deterioro: np.ndarray  # 0: none
    cuenta_deterioro_interes: np.ndarray
    provision: np.ndarray
    provision_interes: np.ndarray
    valor_mora: np.ndarray
    reestructurado: np.ndarray
    fecha_reestructuracion: np.ndarray
    interes_anio: np.ndarray  # interest earned from 1 January to the cut (approximation)


def _categoria(mod: np.ndarray, mora: np.ndarray) -> np.ndarray:
    limites = np.array([x.limites for x in MODALIDADES])[mod]
    return (mora[:, None] > limites).sum(axis=1)


def _cuentas(mod: np.ndarray, admisible: np.ndarray, libranza: np.ndarray, cat: np.ndarray) -> tuple:
    cap = np.array([x.capital for x in MODALIDADES])
    pos = np.where(admisible, np.where(libranza, 0, 1), np.where(libranza, 2, 3))
    hoja = np.array([x.hoja for x in MODALIDADES])[mod]
    codigo = cap[mod, pos] * 100 + hoja + 5 * cat
    interes = np.array([x.interes for x in MODALIDADES])[mod] * 100 + hoja + 5 * cat
    det = np.array([x.deterioro or 0 for x in MODALIDADES])[mod]
    por_gar = np.array([x.por_garantia for x in MODALIDADES])[mod]
    det_hoja = np.where(por_gar, 5 + 10 * cat + 5 * ~admisible, hoja + 5 * cat)
    deterioro = np.where(det > 0, det * 100 + det_hoja, 0)
    deti = np.array([x.deterioro_interes or 0 for x in MODALIDADES])[mod]
    deti_hoja = np.where(mod == EMPLEADOS, 10 + 10 * cat, 5 + 5 * cat)
    deterioro_interes = np.where(deti > 0, deti * 100 + deti_hoja, 0)
    return codigo, interes, deterioro, deterioro_interes


def _calendario(c: Creditos, corte: int) -> dict[str, np.ndarray]:
    """Schedule of the loans disbursed by the cut: installment, installments due, maturity."""
    vis = np.flatnonzero(c.desembolso <= corte)
    desemb, plazo, monto = c.desembolso[vis], c.plazo[vis], c.monto[vis].astype(np.float64)
    r = tasa_mensual(c.tasa[vis])
    return {"vis": vis, "desemb": desemb, "plazo": plazo, "monto": monto, "r": r,
            "cuota": cuota_fija(monto, r, plazo),
            "vencidas": np.minimum(meses_cumplidos(desemb, corte), plazo),
            "vence": sumar_meses(desemb, plazo)}


def _comportamiento(semilla: int, c: Creditos, p: Personas, k: dict[str, np.ndarray],
                    corte: int) -> dict[str, np.ndarray]:
    """Arrears, cures, write-offs, prepayments and retirements at the cut; installments paid."""
    vis = k["vis"]
    j0 = c.mora_cuota[vis]
    inicio_mora = np.where(j0 > 0, sumar_meses(k["desemb"], np.maximum(j0, 1)), NUNCA)
    retiro = p.retiro[c.persona[vis]]
    riesgoso = (j0 > 0) & (inicio_mora < retiro)
    meses_cura = c.cura_meses[vis]
    cura = np.where(riesgoso & (meses_cura > 0), sumar_meses(inicio_mora, meses_cura), NUNCA)
    moroso = riesgoso & (corte >= inicio_mora) & (corte < cura)
    mora = np.where(moroso, corte - inicio_mora, 0)
    pagas = np.where(moroso, np.maximum(j0 - 1, 0), k["vencidas"])
    fin_normal = np.minimum(np.minimum(k["vence"], c.prepago[vis]), retiro)
    cierre = np.where(moroso, NUNCA, fin_normal)
    cerrado = cierre <= corte
    # A few debtors are some days late with this month's installment.
    tarde = ~moroso & ~cerrado & (k["vencidas"] >= 1) & (uniforme(semilla, "atraso", vis, corte // 30) < 0.06)
    ultima = sumar_meses(k["desemb"], np.maximum(k["vencidas"], 1))
    dias_tarde = np.where(tarde, np.minimum(corte - ultima, 29), 0)
    return {"mora": np.where(dias_tarde > 0, dias_tarde, mora),
            "pagas": np.where(dias_tarde > 0, pagas - 1, pagas),
            "cierre": cierre, "cerrado": cerrado, "cura": cura,
            "castigado": moroso & (corte - inicio_mora > DIAS_CASTIGO)}


def _saldos(k: dict[str, np.ndarray], corte: int) -> dict[str, np.ndarray]:
    """Capital after the installments paid, accrued interest since the last one, last payment date."""
    cerrado, pagas = k["cerrado"], k["pagas"]
    saldo = np.where(cerrado, 0.0, np.round(saldo_despues(k["monto"], k["r"], k["cuota"], pagas)))
    saldo = np.where(~cerrado & (saldo <= 0), 1.0, saldo)
    pago = np.where(pagas >= 1, sumar_meses(k["desemb"], np.maximum(pagas, 1)), NUNCA)
    ultimo = np.where(cerrado, k["cierre"], pago)
    desde = np.where(pagas >= 1, np.minimum(ultimo, corte), k["desemb"])
    interes = np.where(cerrado, 0.0, np.round(saldo * k["r"] * (corte - desde) / 30, 2))
    return {"saldo": saldo, "ultimo": ultimo, "interes": interes}


def _contabilidad(c: Creditos, idx: np.ndarray, saldo: np.ndarray, interes: np.ndarray,
                  mora: np.ndarray) -> dict[str, np.ndarray]:
    """Risk category, CUIF accounts and impairment of each exported loan."""
    mod = c.modalidad[idx]
    cat = _categoria(mod, mora)
    codigo, c_int, c_det, c_deti = _cuentas(mod, c.admisible[idx], c.libranza[idx], cat)
    prov_int = np.where(cat >= 2, interes, np.round(interes * PROVISION[cat], 2))
    return {"categoria": cat, "codigo": codigo, "cuenta_interes": c_int, "cuenta_deterioro": c_det,
            "cuenta_deterioro_interes": c_deti,
            "provision": np.where(c_det > 0, np.round(saldo * PROVISION[cat]), 0.0),
            "provision_interes": np.where(c_deti > 0, prov_int, 0.0)}


def _interes_del_anio(k: dict[str, np.ndarray], tasa: np.ndarray, saldo: np.ndarray, corte: int,
                      inicio_anio: int) -> np.ndarray:
    """Interest earned from 1 January to the cut, approximated on the current (or half the paid) balance."""
    hasta = np.minimum(np.where(k["cerrado"], k["cierre"], corte), corte)
    dias = np.maximum(hasta - np.maximum(k["desemb"], inicio_anio), 0)
    base = np.where(k["cerrado"], 0.5 * k["monto"], saldo)
    return np.round(base * tasa / 100 * dias / 365)


def estado_al_corte(semilla: int, c: Creditos, p: Personas, corte: int, inicio_periodo: int,
                    inicio_anio: int) -> EstadoCartera:
    """The loans a cut exports (open, or closed within the period; written-off ones are gone)."""
    k = _calendario(c, corte)
    k.update(_comportamiento(semilla, c, p, k, corte))
    sel = np.flatnonzero(~k["castigado"] & (~k["cerrado"] | (k["cierre"] >= inicio_periodo)))
    k = {nombre: v[sel] for nombre, v in k.items()}
    idx = k["vis"]
    s = _saldos(k, corte)
    mora = k["mora"]
    reest = c.reestructura[idx] & (k["cura"] <= corte)
    return EstadoCartera(
        idx=idx, cuotas_pagas=k["pagas"], edad_mora=mora, saldo_capital=s["saldo"].astype(np.int64),
        saldo_interes=s["interes"], cuota=np.round(k["cuota"]), vencimiento=k["vence"],
        ultimo_pago=s["ultimo"],
        valor_mora=np.where(mora > 0, np.round(k["cuota"] * np.maximum(np.ceil(mora / 30), 1)), 0.0),
        reestructurado=reest, fecha_reestructuracion=np.where(reest, k["cura"], NUNCA),
        interes_anio=_interes_del_anio(k, c.tasa[idx], s["saldo"], corte, inicio_anio),
        **_contabilidad(c, idx, s["saldo"], s["interes"], mora),
    )
