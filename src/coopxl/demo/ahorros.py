"""Savings of the synthetic cooperative: a la vista, CDAT, contractual and permanente accounts.

Accounts open during membership and close at retirement (CDAT and contractual savings also at
maturity). The balance at a cut follows from the account's history; the a la vista balance moves
from month to month with a hash of (account, month), the same at every run.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from coopxl.demo import nombres as tx
from coopxl.demo.azar import generador, uniforme
from coopxl.demo.calendario import DIAS_ANIO, NUNCA, anio, meses_cumplidos, sumar_meses
from coopxl.demo.poblacion import Personas
from coopxl.demo.supuestos import dias_clave, indice_salarial

VISTA, CDAT, CONTRACTUAL, PERMANENTE = 1, 2, 3, 4
PLAZOS_CDAT = np.array([90, 180, 360, 450, 540, 720])
CODIGO_CDAT = np.array([211005, 211010, 211010, 211015, 211020, 211020])
TASA_CDAT = np.array([7.8, 8.8, 9.8, 10.2, 10.5, 10.8])


@dataclass
class Cuentas:
    """Every account ever opened (and not closed the same day), in order of opening."""

    persona: np.ndarray
    tipo: np.ndarray
    nombre: np.ndarray
    apertura: np.ndarray
    cierre: np.ndarray
    plazo_dias: np.ndarray  # 0: no term
    plazo_meses: np.ndarray
    valor_inicial: np.ndarray
    tasa: np.ndarray
    base: np.ndarray  # vista: balance in 2025 pesos; contractual/permanente: monthly deposit
    codigo: np.ndarray
    inactiva: np.ndarray
    cero: np.ndarray
    exenta: np.ndarray
    bajo_monto: np.ndarray
    cotitulares: np.ndarray
    numero: np.ndarray

    @property
    def n(self) -> int:
        return len(self.persona)


def _lognormal(rng: np.random.Generator, mediana: float, sigma: float, n: int) -> np.ndarray:
    return mediana * np.exp(sigma * rng.standard_normal(n))


def _eventos(rng: np.random.Generator, p: Personas, tasa: np.ndarray, desde: int) -> tuple[np.ndarray, ...]:
    """Poisson openings during membership (from `desde`): (persona, fecha)."""
    k = dias_clave()
    inicio = np.maximum(p.ingreso, desde)
    fin = np.minimum(p.activo_hasta, k["horizonte"])
    anios = np.maximum(fin - inicio, 0) / DIAS_ANIO
    n = rng.poisson(tasa * anios)
    quien = np.repeat(np.arange(p.n), n)
    fecha = inicio[quien] + np.floor(rng.random(len(quien)) * (fin[quien] - inicio[quien])).astype(np.int64)
    return quien, fecha


def _cuentas(persona: np.ndarray, tipo: int, **campos: np.ndarray) -> dict[str, np.ndarray]:
    """The fields of a group of accounts; flags and terms not given are false / zero."""
    m = len(persona)
    falso, cero = np.zeros(m, bool), np.zeros(m, np.int64)
    base = {"nombre": cero, "plazo_dias": cero, "plazo_meses": cero, "inactiva": falso, "cero": falso,
            "exenta": falso, "bajo_monto": falso, "cotitulares": cero}
    return {"persona": persona, "tipo": np.full(m, tipo), **base, **campos}


def _vista(rng: np.random.Generator, p: Personas) -> dict[str, np.ndarray]:
    """Most associates keep an a la vista account; a few open a second (payroll) one later."""
    asoc = p.vinculo == 1
    tiene = asoc & (rng.random(p.n) < np.where(p.juridica, 0.5, 0.72))
    segunda = tiene & (rng.random(p.n) < 0.1)
    quien = np.r_[np.flatnonzero(tiene), np.flatnonzero(segunda)]
    nombre = np.r_[np.zeros(tiene.sum(), np.int64), np.ones(segunda.sum(), np.int64)]
    m = len(quien)
    retraso = np.ceil(rng.exponential(np.where(nombre == 0, 120, 900), m)).astype(np.int64)
    inactiva = (rng.random(m) < 0.08) & (nombre == 0)
    base = np.where(inactiva, rng.uniform(2_000, 60_000, m), _lognormal(rng, 450_000, 1.5, m))
    return _cuentas(
        quien, VISTA, nombre=nombre, apertura=p.ingreso[quien] + retraso, cierre=p.retiro[quien],
        valor_inicial=np.round(_lognormal(rng, 100_000, 0.7, m) / 1000) * 1000,
        tasa=np.where(inactiva, 1.0, np.where(nombre == 1, 4.0, 3.5)),
        base=np.where(p.juridica[quien], base * 6, base), codigo=np.where(inactiva, 210510, 210505),
        inactiva=inactiva, cero=rng.random(m) < 0.06, exenta=nombre == 0,
        bajo_monto=(rng.random(m) < 0.03) & ~inactiva, cotitulares=(rng.random(m) < 0.02).astype(np.int64),
    )


def _cdat(rng: np.random.Generator, p: Personas, desde: int) -> dict[str, np.ndarray]:
    """Term deposits opened now and then by a quarter of the associates (more legal persons)."""
    inversor = (p.vinculo == 1) & (rng.random(p.n) < np.where(p.juridica, 0.4, 0.25))
    quien, apertura = _eventos(rng, p, np.where(inversor, 0.7, 0.0), desde)
    m = len(quien)
    i = rng.choice(len(PLAZOS_CDAT), m, p=[0.25, 0.3, 0.3, 0.04, 0.06, 0.05])
    plazo = PLAZOS_CDAT[i]
    valor = _lognormal(rng, 8_000_000, 1.1, m) * indice_salarial(anio(apertura))
    valor = np.where(p.juridica[quien], valor * 4, valor)
    valor = np.round(np.clip(valor, 500_000, 800_000_000) / 10_000) * 10_000
    return _cuentas(
        quien, CDAT, apertura=apertura, cierre=np.minimum(apertura + plazo, p.retiro[quien]),
        plazo_dias=plazo, plazo_meses=plazo // 30, valor_inicial=valor, base=valor, codigo=CODIGO_CDAT[i],
        tasa=np.round(TASA_CDAT[i] + rng.choice([-0.2, 0.0, 0.2], m), 2),
    )


def _contractual(rng: np.random.Generator, p: Personas, desde: int) -> dict[str, np.ndarray]:
    """Programmed savings (Christmas, housing, education) with a monthly deposit and a maturity."""
    ahorrador = (p.vinculo == 1) & ~p.juridica & (rng.random(p.n) < 0.25)
    quien, apertura = _eventos(rng, p, np.where(ahorrador, 0.5, 0.0), desde)
    m = len(quien)
    nombre = rng.choice(3, m, p=[0.6, 0.15, 0.25])
    meses = np.array([11, 24, 12])[nombre]
    cuota = np.round(_lognormal(rng, 80_000, 0.6, m) * indice_salarial(anio(apertura)) / 1000) * 1000
    return _cuentas(
        quien, CONTRACTUAL, nombre=nombre, apertura=apertura,
        cierre=np.minimum(sumar_meses(apertura, meses), p.retiro[quien]), plazo_dias=meses * 30,
        plazo_meses=meses, valor_inicial=cuota, tasa=np.where(meses > 12, 6.5, 5.5), base=cuota,
        codigo=np.where(meses > 12, 212515, 212505),
    )


def _permanente(rng: np.random.Generator, p: Personas) -> dict[str, np.ndarray]:
    """Permanent savings: a monthly deposit from ingreso, withdrawn only at retirement."""
    quien = np.flatnonzero((p.vinculo == 1) & ~p.juridica & (rng.random(p.n) < 0.35))
    m = len(quien)
    cuota = np.round(rng.uniform(10_000, 50_000, m) / 1000) * 1000
    return _cuentas(
        quien, PERMANENTE, apertura=p.ingreso[quien] + rng.integers(0, 40, m), cierre=p.retiro[quien],
        valor_inicial=cuota, tasa=np.full(m, 4.5), base=cuota,
        codigo=np.where(rng.random(m) < 0.85, 213005, 213010),
    )


def generar_cuentas(semilla: int, p: Personas) -> Cuentas:
    rng = generador(semilla, "ahorros")
    desde = dias_clave()["inicio_beneficios"]
    partes = [_vista(rng, p), _cdat(rng, p, desde), _contractual(rng, p, desde), _permanente(rng, p)]
    campos = {c: np.concatenate([x[c] for x in partes]) for c in partes[0]}
    orden = np.lexsort((campos["tipo"], campos["persona"], campos["apertura"]))
    campos = {c: v[orden] for c, v in campos.items()}
    vivas = campos["apertura"] < campos["cierre"]
    campos = {c: v[vivas] for c, v in campos.items()}
    seq = np.arange(1, len(campos["tipo"]) + 1)
    campos["numero"] = campos["tipo"] * 1_000_000_000 + seq
    return Cuentas(**campos)


@dataclass
class EstadoCaptaciones:
    idx: np.ndarray  # open accounts (indices into Cuentas)
    saldo: np.ndarray  # whole pesos
    intereses: np.ndarray  # interest of the year to the cut, with cents
    vencimiento: np.ndarray  # NUNCA: none


def _saldos(semilla: int, c: Cuentas, p: Personas, idx: np.ndarray, corte: int) -> np.ndarray:
    """Balance of each open account at the cut (whole pesos)."""
    tipo = c.tipo[idx]
    onda = 0.55 + 0.9 * uniforme(semilla, "saldo_vista", idx, corte // 30)
    vista = c.base[idx] * indice_salarial(anio(np.full(len(idx), corte))) * onda
    cero = c.cero[idx] | (uniforme(semilla, "vista_cero", idx, corte // 30) < 0.03)
    cero = cero | (p.activo_hasta[c.persona[idx]] <= corte)  # inactive associates empty their accounts
    contractual = c.base[idx] * np.minimum(meses_cumplidos(c.apertura[idx], corte) + 1, c.plazo_meses[idx])
    fin = np.maximum(np.minimum(corte, p.fin_pagos[c.persona[idx]]), c.apertura[idx])
    crecimiento = indice_salarial(anio((c.apertura[idx] + fin) // 2)) / indice_salarial(anio(c.apertura[idx]))
    permanente = c.base[idx] * (meses_cumplidos(c.apertura[idx], fin) + 1) * crecimiento
    saldo = np.select([tipo == VISTA, tipo == CDAT, tipo == CONTRACTUAL],
                      [np.where(cero, 0.0, vista), c.valor_inicial[idx], contractual], permanente)
    return np.round(saldo).astype(np.int64)


def estado_al_corte(semilla: int, c: Cuentas, p: Personas, corte: int, inicio_anio: int) -> EstadoCaptaciones:
    """The accounts open at the cut, their balance and the interest they earned this year."""
    idx = np.flatnonzero((c.apertura <= corte) & (c.cierre > corte))
    tipo = c.tipo[idx]
    saldo = _saldos(semilla, c, p, idx, corte)
    dias = np.maximum(corte - np.maximum(c.apertura[idx], inicio_anio), 0)
    intereses = np.round(saldo * c.tasa[idx] / 100 * dias / 365, 2)
    vence_cdat = c.apertura[idx] + c.plazo_dias[idx]
    vence_contractual = sumar_meses(c.apertura[idx], c.plazo_meses[idx])
    vence = np.select([tipo == CDAT, tipo == CONTRACTUAL], [vence_cdat, vence_contractual], NUNCA)
    return EstadoCaptaciones(idx=idx, saldo=saldo, intereses=intereses, vencimiento=vence)


def nombres_ahorro(c: Cuentas, idx: np.ndarray) -> np.ndarray:
    tabla = {t: np.array(v, dtype=object) for t, v in tx.NOMBRE_AHORRO.items()}
    salida = np.empty(len(idx), dtype=object)
    for t, nombres in tabla.items():
        sel = c.tipo[idx] == t
        salida[sel] = nombres[np.minimum(c.nombre[idx][sel], len(nombres) - 1)]
    return salida


