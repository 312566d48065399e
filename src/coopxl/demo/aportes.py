"""Aportes sociales: an entry contribution, a monthly quota tied to the SMMLV, a few extraordinary
contributions, and the yearly revalorización decided by the assembly (a share of last year's IPC)."""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from coopxl.demo.azar import generador
from coopxl.demo.calendario import NUNCA, anio, asamblea, fecha_en_mes, mes_indice
from coopxl.demo.poblacion import Personas
from coopxl.demo.supuestos import FUNDACION, HORIZONTE, dias_clave, indice_salarial, ipc, smmlv

CUOTAS_SMMLV = np.array([0.008, 0.01, 0.015, 0.02, 0.03, 0.05])
PESOS_CUOTA = [0.25, 0.25, 0.2, 0.15, 0.1, 0.05]
FACTORES_IPC = [0.5, 0.6, 0.7, 0.8]  # share of last year's IPC the assembly grants
ANTES_DE_ASAMBLEA = 80  # days: the base is the balance at the previous 31 December


@dataclass
class PlanAportes:
    cuota_smmlv: np.ndarray  # monthly quota as a share of each year's SMMLV
    inicial: np.ndarray
    dia_pago: np.ndarray
    extra_fecha: np.ndarray
    extra_monto: np.ndarray
    porcentaje: dict[int, float]  # revalorización granted at each year's assembly


def generar_plan(semilla: int, p: Personas) -> PlanAportes:
    rng = generador(semilla, "aportes")
    n = p.n
    cuota = CUOTAS_SMMLV[rng.choice(len(CUOTAS_SMMLV), n, p=PESOS_CUOTA)]
    cuota = np.where(p.juridica, cuota * 3, cuota)
    smmlv_ingreso = indice_salarial(anio(p.ingreso)) * smmlv(2025)
    inicial = np.round(rng.uniform(0.1, 0.5, n) * smmlv_ingreso, -3)
    hasta = np.minimum(p.activo_hasta, dias_clave()["horizonte"])
    extra = (p.vinculo == 1) & (rng.random(n) < 0.15)
    cuando = p.ingreso + np.floor(rng.random(n) * np.maximum(hasta - p.ingreso, 1)).astype(np.int64)
    extra_monto = np.round(rng.uniform(0.5, 5.0, n) * smmlv_ingreso, -3)
    anios = range(FUNDACION.year + 1, HORIZONTE.year + 1)
    factores = rng.choice(FACTORES_IPC, len(anios))
    porcentaje = {a: round(float(f) * ipc(a - 1), 2) for a, f in zip(anios, factores, strict=True)}
    return PlanAportes(cuota, inicial, rng.integers(5, 29, n), np.where(extra, cuando, NUNCA), extra_monto,
                       porcentaje)


@dataclass
class EstadoAportes:
    idx: np.ndarray  # persons (vigentes at the cut)
    ordinarios: np.ndarray
    extraordinarios: np.ndarray
    cuota: np.ndarray
    revalorizacion: np.ndarray  # granted within the period
    saldo_base: np.ndarray
    porcentaje: float
    promedio: np.ndarray
    ultimo_pago: np.ndarray


def _ultimo_mes(limite: np.ndarray, dia_pago: np.ndarray) -> np.ndarray:
    """Index of the last month whose payment day is on or before `limite`."""
    m = mes_indice(limite)
    return m - (fecha_en_mes(m, dia_pago) > limite)


def _meses_pagados(primero: np.ndarray, ultimo: np.ndarray, anio_: int) -> np.ndarray:
    m0 = (anio_ - 1970) * 12
    return np.clip(np.minimum(ultimo, m0 + 11) - np.maximum(primero, m0) + 1, 0, 12)


@dataclass
class _Acumulado:
    ordinarios: np.ndarray
    revalorizacion: np.ndarray
    base: np.ndarray
    porcentaje: float = 0.0


def _acumular(plan: PlanAportes, p: Personas, idx: np.ndarray, ultimo: np.ndarray, corte: int,
              inicio_periodo: int) -> _Acumulado:
    """Year by year: the revalorización on last year's balance, then the year's monthly quotas."""
    primero = mes_indice(p.ingreso[idx]) + 1
    extra_fecha, extra_monto = plan.extra_fecha[idx], plan.extra_monto[idx]
    cero = np.zeros(len(idx))
    acc = _Acumulado(plan.inicial[idx].astype(np.float64), cero, cero)
    for a in range(FUNDACION.year, int(anio(np.array([corte]))[0]) + 1):
        fecha = asamblea(a)
        if a in plan.porcentaje and fecha <= corte:
            antes = fecha - ANTES_DE_ASAMBLEA
            base = acc.ordinarios + np.where(extra_fecha < antes, extra_monto, 0.0)
            base = np.where(p.ingreso[idx] < antes, base, 0.0)
            rev = np.round(base * plan.porcentaje[a] / 100)
            acc.ordinarios = acc.ordinarios + rev
            if fecha >= inicio_periodo:
                acc.revalorizacion, acc.base, acc.porcentaje = rev, base, plan.porcentaje[a]
        cuota = np.round(plan.cuota_smmlv[idx] * smmlv(a), -2)
        acc.ordinarios = acc.ordinarios + _meses_pagados(primero, ultimo, a) * cuota
    return acc


def estado_al_corte(plan: PlanAportes, p: Personas, corte: int, inicio_periodo: int) -> EstadoAportes:
    idx = np.flatnonzero(p.vigente(corte))
    dia_pago = plan.dia_pago[idx]
    limite = np.minimum(corte, p.fin_pagos[idx])
    ultimo = _ultimo_mes(np.maximum(limite, p.ingreso[idx]), dia_pago)
    acc = _acumular(plan, p, idx, ultimo, corte, inicio_periodo)
    cuota = np.round(plan.cuota_smmlv[idx] * smmlv(int(anio(np.array([corte]))[0])), -2)
    primero = mes_indice(p.ingreso[idx]) + 1
    recientes = np.clip(ultimo - np.maximum(primero, mes_indice(np.array([corte]))[0] - 11) + 1, 0, 12)
    pago = np.where(ultimo >= primero, fecha_en_mes(ultimo, dia_pago), p.ingreso[idx])
    extra = np.where(plan.extra_fecha[idx] <= corte, plan.extra_monto[idx], 0.0)
    return EstadoAportes(
        idx=idx, ordinarios=acc.ordinarios.astype(np.int64), extraordinarios=extra.astype(np.int64),
        cuota=cuota.astype(np.int64), revalorizacion=acc.revalorizacion.astype(np.int64),
        saldo_base=acc.base.astype(np.int64), porcentaje=acc.porcentaje,
        promedio=np.round(recientes * cuota / 12).astype(np.int64), ultimo_pago=pago,
    )
