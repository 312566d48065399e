"""Organs of administration and control, elected every two years at the March assembly.

Consejo (5 principales + 5 suplentes) and junta de vigilancia (3 + 3) are vigente associates who stay
through the whole term, so every cut of the term lists the same persons; two consejeros also sit on a
committee. The manager is the entity's first employee; the revisor fiscal is an outside accountant.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from coopxl.demo import nombres as tx
from coopxl.demo.azar import generador
from coopxl.demo.calendario import DIAS_ANIO, anio, asamblea
from coopxl.demo.poblacion import Personas

PERIODO = 2  # years between elections (even years)


@dataclass
class Organos:
    persona: np.ndarray  # -1: not in the asociados file (revisor fiscal)
    organo: np.ndarray
    calidad: np.ndarray
    cargo: np.ndarray
    nombramiento: np.ndarray
    externo_documento: str
    externo_nombre: str


def eleccion_vigente(corte: int) -> int:
    """Year of the election whose term covers the cut."""
    a = int(anio(np.array([corte]))[0])
    a -= a % PERIODO
    return a if asamblea(a) <= corte else a - PERIODO


def _candidatos(p: Personas, fecha: int, hasta: int) -> np.ndarray:
    edad = (fecha - p.nacimiento) / DIAS_ANIO
    apto = (p.vigente(fecha) & (p.retiro > hasta) & ~p.juridica & ~p.empleado & ~p.sin_nacimiento
            & (p.ingreso <= fecha - 365) & (edad >= 22) & (edad <= 75))
    return np.flatnonzero(apto)


def _jovenes(p: Personas, fecha: int, pool: np.ndarray) -> np.ndarray:
    return pool[(fecha - p.nacimiento[pool]) / DIAS_ANIO <= 32]


def generar_organos(semilla: int, p: Personas, corte: int) -> Organos:
    eleccion = eleccion_vigente(corte)
    fecha = asamblea(eleccion)
    rng = generador(semilla, "directivos", eleccion)
    pool = _candidatos(p, fecha, asamblea(eleccion + PERIODO) + 30)
    if len(pool) < 20:
        raise ValueError("la cooperativa de demostración es demasiado pequeña para elegir sus órganos")
    jovenes = _jovenes(p, fecha, pool)
    joven = rng.choice(jovenes, 1) if len(jovenes) else rng.choice(pool, 1)
    resto = rng.choice(np.setdiff1d(pool, joven), 15, replace=False)
    consejo = np.r_[resto[:5], resto[5:9], joven]
    junta = resto[9:15]
    comite_extra = rng.choice(np.setdiff1d(pool, np.r_[consejo, junta]), 4, replace=False)
    comites = np.r_[consejo[1], comite_extra[:2], consejo[3], comite_extra[2], comite_extra[3]]
    cargos_comite = [c for grupo in tx.COMITES for c in grupo]
    personas = np.r_[consejo, junta, comites, p.gerente, -1]
    organo = np.r_[np.full(10, 1), np.full(6, 2), np.full(len(comites), 3), 4, 5]
    calidad = ["P"] * 5 + ["S"] * 5 + ["P"] * 3 + ["S"] * 3 + ["P"] * (len(comites) + 2)
    cargo = [*tx.CARGOS_CONSEJO, *["Suplente"] * 5, *tx.CARGOS_JUNTA, *["Suplente"] * 3, *cargos_comite,
             "Gerente", "Revisor fiscal"]
    comites_fecha = np.full(len(comites), fecha + 24)
    nombramiento = np.r_[np.full(16, fecha), comites_fecha, p.ingreso[p.gerente] + 90, fecha]
    documento = str(rng.integers(1_130_000_000, 1_139_999_999))  # outside the associates' range
    nombre = (f"{rng.choice(tx.NOMBRES_MUJER)} {rng.choice(tx.APELLIDOS)} {rng.choice(tx.APELLIDOS)}")
    return Organos(personas.astype(np.int64), organo.astype(np.int64), np.array(calidad, dtype=object),
                   np.array(cargo, dtype=object), nombramiento.astype(np.int64), documento, nombre)
