"""The CUIF trial balance of the synthetic cooperative, consistent with its individual reports.

Capital, interest and impairment accounts of the cartera are the sums of the loans by their codes;
deposits are the sums of the captaciones by code; aportes sociales split the associates' balances
between 3105 and 3110. The rest (investments, fixed assets, payables, social funds, reserves) is
sized from those totals, a bank loan covers any funding gap, and cash closes the balance sheet.
Income, costs and expenses run from 1 January to the cut; the surplus sits in 530000 and 350500.
All arithmetic is in integer cents, so every parent is exactly the signed sum of its children.
"""

from __future__ import annotations

import csv
from dataclasses import dataclass, field
from functools import cache
from importlib import resources

import numpy as np

CR = "(CR)"


@cache
def nombres_cuif() -> dict[int, str]:
    """Official names of the 6-digit CUIF codes (package data copied from the reference catalogue)."""
    texto = resources.files("coopxl.demo").joinpath("datos/cuif_catalogo.csv").read_text(encoding="utf-8")
    filas = csv.reader(texto.splitlines(), delimiter=";")
    next(filas)
    return {int(codigo): nombre.strip() for codigo, nombre in filas}


def es_contra(nombre: str) -> bool:
    return nombre.rstrip().endswith(CR)


def padre(codigo: int) -> int | None:
    if codigo % 100_000 == 0:
        return None
    if codigo % 10_000 == 0:
        return codigo // 100_000 * 100_000
    if codigo % 100 == 0:
        return codigo // 10_000 * 10_000
    return codigo // 100 * 100


def nivel(codigo: int) -> int:
    """1 clase, 2 grupo, 3 cuenta, 4 subcuenta."""
    if codigo % 100_000 == 0:
        return 1
    if codigo % 10_000 == 0:
        return 2
    return 3 if codigo % 100 == 0 else 4


@dataclass
class Hojas:
    """Leaf balances in cents, accumulated by code."""

    centavos: dict[int, int] = field(default_factory=dict)

    def sumar(self, codigo: int, pesos: float) -> None:
        c = round(pesos * 100)
        if c:
            self.centavos[int(codigo)] = self.centavos.get(int(codigo), 0) + c

    def por_codigo(self, codigos: np.ndarray, pesos: np.ndarray) -> None:
        """Sum `pesos` (rounded to cents per row) grouped by `codigos`; code 0 is skipped."""
        centavos = np.round(np.asarray(pesos, dtype=np.float64) * 100).astype(np.int64)
        unicos, inv = np.unique(np.asarray(codigos, dtype=np.int64), return_inverse=True)
        sumas = np.bincount(inv, weights=centavos, minlength=len(unicos))
        for cod, s in zip(unicos, sumas, strict=True):
            if cod and s:
                self.centavos[int(cod)] = self.centavos.get(int(cod), 0) + round(s)

    def total(self, *prefijos: int) -> int:
        return sum(v for k, v in self.centavos.items() if any(str(k).startswith(str(p)) for p in prefijos))


def repartir(total_centavos: int, pesos: dict[int, float]) -> dict[int, int]:
    """Split an amount among accounts by weight, in whole pesos, keeping the exact total."""
    if not pesos:
        return {}
    codigos = list(pesos)
    w = np.array([pesos[c] for c in codigos], dtype=np.float64)
    unidades = total_centavos // 100
    cuotas = unidades * w / w.sum()
    base = np.floor(cuotas).astype(np.int64)
    faltan = int(unidades - base.sum())
    orden = np.argsort(-(cuotas - base), kind="stable")
    base[orden[:faltan]] += 1
    salida = {c: int(b) * 100 for c, b in zip(codigos, base, strict=True)}
    salida[codigos[0]] += total_centavos - unidades * 100
    return salida


def completar(hojas: dict[int, int]) -> list[tuple[int, str, int]]:
    """Every level above the leaves, each parent the signed sum of its children, sorted by code."""
    nombres = nombres_cuif()
    faltan = [c for c in hojas if c not in nombres]
    if faltan:
        raise KeyError(f"códigos que no están en el catálogo CUIF: {faltan}")
    saldos = dict(hojas)
    for n in (4, 3, 2):
        for codigo in sorted(c for c in list(saldos) if nivel(c) == n):
            arriba = padre(codigo)
            if arriba is None:
                continue
            if arriba not in nombres:
                raise KeyError(f"la cuenta {arriba} no está en el catálogo CUIF")
            signo = -1 if es_contra(nombres[codigo]) and not es_contra(nombres[arriba]) else 1
            saldos[arriba] = saldos.get(arriba, 0) + signo * saldos[codigo]
    return [(c, nombres[c], saldos[c]) for c in sorted(saldos)]


# Expense leaves and their share of the year's operating expenses (besides impairment).
GASTOS = {
    510503: 0.200, 510510: 0.017, 510511: 0.002, 510512: 0.017, 510516: 0.009, 510523: 0.017,
    510524: 0.024, 510525: 0.001, 510526: 0.008, 510527: 0.006, 510528: 0.004, 510531: 0.005,
    511001: 0.030, 511003: 0.025, 511005: 0.030, 511006: 0.015, 511010: 0.005, 511012: 0.020,
    511015: 0.006, 511018: 0.020, 511019: 0.020, 511020: 0.010, 511021: 0.012, 511022: 0.005,
    511029: 0.010, 511030: 0.025, 511095: 0.012, 512505: 0.015, 512510: 0.005, 512515: 0.010,
    521005: 0.020, 521020: 0.010, 523035: 0.020, 523095: 0.005,
}
PARTE_DETERIORO = 0.12
PARTE_GASTOS = 0.87  # of the financial margin; the rest is the surplus
DETERIORO_GENERAL = 0.01
TASA_BANCOS = 0.11
OBLIGACIONES = 0.08  # of the cartera, before any funding gap
REPARTO_OBLIGACIONES = {230505: 0.25, 230510: 0.15, 230515: 0.10, 230805: 0.25, 230810: 0.10, 230815: 0.15}
FONDOS = {"educacion": 260500, "solidaridad": 261000, "recreacion": 261500, "bienestar": 262500,
          "otro": 264800}


@dataclass
class Insumos:
    """What the balance is built from (pesos unless said otherwise)."""

    fraccion_anio: float
    cartera_codigo: np.ndarray
    cartera_saldo: np.ndarray
    cartera_cuenta_interes: np.ndarray
    cartera_interes: np.ndarray
    cartera_cuenta_deterioro: np.ndarray
    cartera_provision: np.ndarray
    cartera_cuenta_deterioro_interes: np.ndarray
    cartera_provision_interes: np.ndarray
    cartera_ingreso_cuenta: np.ndarray
    cartera_ingreso: np.ndarray
    cartera_gasto_deterioro: np.ndarray
    captaciones_codigo: np.ndarray
    captaciones_saldo: np.ndarray
    captaciones_gasto_cuenta: np.ndarray
    captaciones_intereses: np.ndarray
    aportes_ordinarios: int
    aportes_extraordinarios: int
    fondos_ejecutados: dict[str, int]
    nuevos_en_anio: int
    cuota_admision: int


def _aportes_sociales(h: Hojas, x: Insumos) -> None:
    """The associates' aportes (Σ Saldo Total) split among 3105 and 3110, so 310500 + 311000 = Σ.

    311005 is the statutory irreducible minimum (a round 30 % of the ordinary aportes), 311010 the
    share already amortised by the entity (1.2 %), 310505/310510 the rest of the ordinary and the
    extraordinary aportes.
    """
    minimo = x.aportes_ordinarios * 3 // 10 // 1_000_000 * 1_000_000
    amortizados = round(0.012 * x.aportes_ordinarios, -3)
    h.sumar(311005, minimo)
    h.sumar(311010, amortizados)
    h.sumar(310505, x.aportes_ordinarios - minimo - amortizados)
    h.sumar(310510, x.aportes_extraordinarios)


@dataclass(frozen=True)
class Escala:
    """Totals the other accounts are sized from (pesos)."""

    cartera: float  # Σ Saldo Capital
    depositos: float  # Σ Saldo Disponible
    aportes: float  # Σ aportes Saldo Total

    @property
    def fuentes(self) -> float:
        return self.depositos + self.aportes


def _sumar_partes(h: Hojas, base: float, partes: dict[int, float]) -> None:
    """Each account gets its share of `base`, rounded to thousands of pesos."""
    for codigo, parte in partes.items():
        h.sumar(codigo, round(parte * base, -3))


def _de_los_informes(h: Hojas, x: Insumos) -> Escala:
    """Accounts that are sums of the individual reports: cartera, deposits, aportes."""
    h.por_codigo(x.cartera_codigo, x.cartera_saldo)
    h.por_codigo(x.cartera_cuenta_interes, x.cartera_interes)
    h.por_codigo(x.cartera_cuenta_deterioro, x.cartera_provision)
    h.por_codigo(x.cartera_cuenta_deterioro_interes, x.cartera_provision_interes)
    h.por_codigo(x.captaciones_codigo, x.captaciones_saldo)
    _aportes_sociales(h, x)
    e = Escala(float(np.sum(x.cartera_saldo)), float(np.sum(x.captaciones_saldo)),
               float(x.aportes_ordinarios + x.aportes_extraordinarios))
    h.sumar(146805, round(DETERIORO_GENERAL * e.cartera))
    return e


def _otros_activos(h: Hojas, e: Escala) -> None:
    """Cash at hand, liquidity fund, investments in the sector, receivables, fixed assets."""
    h.sumar(110510, 1_000_000)
    _sumar_partes(h, e.depositos, {110505: 0.004, 111010: 0.02, 112005: 0.03, 120305: 0.07})
    _sumar_partes(h, e.fuentes, {122602: 0.008, 122603: 0.0015, 170502: 0.006})
    _sumar_partes(h, e.cartera, {165005: 0.004, 166050: 0.001})
    depreciables = {170504: round(0.014 * e.fuentes, -3), 170505: round(0.002 * e.fuentes, -3),
                    170520: round(0.003 * e.fuentes, -3)}
    for codigo, valor in depreciables.items():
        h.sumar(codigo, valor)
    h.sumar(170595, round(0.35 * sum(depreciables.values()), -3))


def _otros_pasivos_y_patrimonio(h: Hojas, x: Insumos, e: Escala) -> None:
    """Payables, social funds, employee benefits, bank loans; reserves and equity funds."""
    _sumar_partes(h, e.fuentes, {242005: 0.0015, 243505: 0.0004, 245005: 0.0003, 271005: 0.001})
    _sumar_partes(h, e.depositos, {243005: 0.0002})
    _sumar_partes(h, e.aportes, {246505: 0.01, 320500: 0.15, 330500: 0.006, 331000: 0.004, 340500: 0.002})
    for fondo, codigo in FONDOS.items():
        h.sumar(codigo, round(0.25 * x.fondos_ejecutados.get(fondo, 0) + 0.001 * e.aportes, -3))
    _sumar_partes(h, OBLIGACIONES * e.cartera, REPARTO_OBLIGACIONES)


def _brecha(h: Hojas) -> int:
    """Cents that liabilities and equity fund beyond the assets booked so far (what cash will be)."""
    saldos = {c: v for c, _, v in completar(h.centavos)}
    return saldos.get(200000, 0) + saldos.get(300000, 0) - saldos.get(100000, 0)


def _financiacion(h: Hojas, e: Escala) -> None:
    """A long-term bank loan covers what deposits, aportes and the rest do not fund (keeps cash ≥ 2 % D)."""
    minimo = round(0.02 * e.depositos) * 100 + 100_000_000
    brecha = _brecha(h)
    if brecha < minimo:
        extra = (minimo - brecha) // 100_000 * 100_000 + 100_000
        h.centavos[230805] = h.centavos.get(230805, 0) + extra


def _ingresos_y_costos(h: Hojas, x: Insumos, e: Escala) -> None:
    """Interest earned on loans and investments, admission fees, donations; interest paid on deposits
    (the Intereses column of the captaciones) and on the bank loans."""
    f = x.fraccion_anio
    h.por_codigo(x.cartera_ingreso_cuenta, x.cartera_ingreso)
    h.sumar(421015, round(h.centavos.get(120305, 0) / 100 * 0.085 * f))
    h.sumar(422004, round(h.centavos.get(111010, 0) / 100 * 0.03 * f))
    h.sumar(422005, round(h.centavos.get(122602, 0) / 100 * 0.05 * f))
    h.sumar(423005, x.nuevos_en_anio * x.cuota_admision)
    h.sumar(426000, round(0.0004 * e.fuentes * f, -3))
    h.por_codigo(x.captaciones_gasto_cuenta, x.captaciones_intereses)
    bancos = sum(h.centavos.get(c, 0) for c in REPARTO_OBLIGACIONES)
    h.sumar(615035, round(bancos / 100 * TASA_BANCOS * f))


def _pesos_deterioro(x: Insumos) -> dict[int, float]:
    """Impairment expense accounts weighted by the impairment of their loans, plus the general one."""
    cuentas, inv = np.unique(np.asarray(x.cartera_gasto_deterioro, dtype=np.int64), return_inverse=True)
    provision = np.asarray(x.cartera_provision, dtype=np.float64)
    sumas = np.bincount(inv, weights=provision, minlength=len(cuentas))
    pesos = {int(c): float(v) for c, v in zip(cuentas, sumas, strict=True) if v > 0}
    pesos[511529] = max(sum(pesos.values()), 1.0) * 0.15
    return pesos


def _gastos_y_excedente(h: Hojas, x: Insumos) -> int:
    """Operating expenses take most of the financial margin; the rest is the surplus (cents)."""
    margen = h.total(4) - h.total(6)
    gastos = round(PARTE_GASTOS * max(margen, 0))
    deterioro = round(PARTE_DETERIORO * gastos)
    reparto = {**repartir(deterioro, _pesos_deterioro(x)), **repartir(gastos - deterioro, GASTOS)}
    for codigo, valor in reparto.items():
        if valor:
            h.centavos[codigo] = h.centavos.get(codigo, 0) + valor
    excedente = margen - gastos
    h.centavos[530000] = excedente
    h.centavos[350500] = excedente
    return excedente


def construir(x: Insumos) -> list[tuple[int, str, int]]:
    """Every account (code, official name, balance in cents), all levels, sorted by code."""
    h = Hojas()
    e = _de_los_informes(h, x)
    _otros_activos(h, e)
    _otros_pasivos_y_patrimonio(h, x, e)
    _financiacion(h, e)
    _ingresos_y_costos(h, x, e)
    _gastos_y_excedente(h, x)
    h.centavos[111005] = _brecha(h)
    return completar(h.centavos)
