"""Benefits delivered to associates: events during membership (auxilios, courses, recreation, health,
agreements, insurance, gifts) and the yearly retorno de excedentes after the assembly.

Rows keep integer codes into `CONCEPTOS`; the texts are only built for the rows a cut exports.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

import numpy as np

from coopxl.demo import nombres as tx
from coopxl.demo.azar import generador
from coopxl.demo.cadenas import como_texto, si, textos, unir
from coopxl.demo.calendario import DIAS_ANIO, anio, dia
from coopxl.demo.poblacion import Personas
from coopxl.demo.supuestos import dias_clave, indice_salarial

TIPOS = tuple(tx.PESOS_TIPO)
# One row per concept: (tipo, concepto, fondo, median value, sigma, weight within its type).
CONCEPTOS = tuple((tipo, *c) for tipo, lista in tx.CONCEPTOS.items() for c in lista)
_TIPO = np.array([c[0] for c in CONCEPTOS], dtype=object)
_MEDIANA = np.array([c[3] for c in CONCEPTOS], dtype=np.float64)
_SIGMA = np.array([c[4] for c in CONCEPTOS], dtype=np.float64)
RETORNO = next(i for i, c in enumerate(CONCEPTOS) if c[0] == "retorno")


@dataclass
class Beneficios:
    persona: np.ndarray
    fecha: np.ndarray
    concepto: np.ndarray  # index into CONCEPTOS
    valor: np.ndarray

    def en(self, desde: int, hasta: int) -> np.ndarray:
        return np.flatnonzero((self.fecha >= desde) & (self.fecha <= hasta))

    def columna(self, i: np.ndarray, campo: int) -> np.ndarray:
        """Text of one field of CONCEPTOS (0 tipo, 1 concepto, 2 fondo) for rows `i`."""
        texto = textos(c[campo] for c in CONCEPTOS)[self.concepto[i]]
        if campo != 1:
            return texto
        anio_retorno = como_texto(anio(self.fecha[i]) - 1)
        return si(self.concepto[i] == RETORNO, unir(texto, " ", anio_retorno), texto)

    def tipo(self, i: np.ndarray) -> np.ndarray:
        return _TIPO[self.concepto[i]]


def _valores(rng: np.random.Generator, concepto: np.ndarray, fecha: np.ndarray) -> np.ndarray:
    z = rng.standard_normal(len(concepto))
    valor = _MEDIANA[concepto] * np.exp(_SIGMA[concepto] * z) * indice_salarial(anio(fecha))
    return (np.round(valor / 1000) * 1000).astype(np.int64)


def _concepto_de_tipo(rng: np.random.Generator, tipo: np.ndarray) -> np.ndarray:
    concepto = np.zeros(len(tipo), dtype=np.int64)
    for t, nombre in enumerate(TIPOS):
        filas = [i for i, c in enumerate(CONCEPTOS) if c[0] == nombre]
        pesos = np.array([CONCEPTOS[i][5] for i in filas], dtype=np.float64)
        sel = tipo == t
        concepto[sel] = np.array(filas)[rng.choice(len(filas), sel.sum(), p=pesos / pesos.sum())]
    return concepto


def _eventos(rng: np.random.Generator, p: Personas) -> tuple[np.ndarray, ...]:
    k = dias_clave()
    inicio = np.maximum(p.ingreso, k["inicio_beneficios"])
    fin = np.minimum(p.activo_hasta - 1, k["horizonte"])
    anios = np.where(p.vinculo == 1, np.maximum(fin - inicio, 0) / DIAS_ANIO, 0.0)
    quien = np.repeat(np.arange(p.n), rng.poisson((0.35 + 1.6 * p.propension) * anios))
    largo = fin[quien] - inicio[quien] + 1
    fecha = inicio[quien] + np.floor(rng.random(len(quien)) * largo).astype(np.int64)
    pesos = np.array(list(tx.PESOS_TIPO.values()))
    concepto = _concepto_de_tipo(rng, rng.choice(len(TIPOS), len(quien), p=pesos / pesos.sum()))
    return quien, fecha, concepto


def _retornos(rng: np.random.Generator, p: Personas) -> tuple[np.ndarray, ...]:
    """After each assembly, the surplus returned to the associates who used the services."""
    k = dias_clave()
    primero, ultimo = anio(np.array([k["inicio_beneficios"], k["horizonte"]]))
    quien, fechas = [], []
    for a in range(int(primero), int(ultimo) + 1):
        fecha = dia(date(a, 4, 30))
        usa = p.vigente(fecha) & (p.ingreso < fecha - 120) & (p.activo_hasta > fecha)
        elige = usa & (p.propension > 0.45) & (rng.random(p.n) < 0.8)
        quien.append(np.flatnonzero(elige))
        fechas.append(np.full(int(elige.sum()), fecha))
    q = np.concatenate(quien)
    return q, np.concatenate(fechas), np.full(len(q), RETORNO)


def generar_beneficios(semilla: int, p: Personas) -> Beneficios:
    rng = generador(semilla, "beneficios")
    partes = [_eventos(rng, p), _retornos(rng, p)]
    quien, fecha, concepto = (np.concatenate([x[i] for x in partes]) for i in range(3))
    valor = _valores(rng, concepto, fecha)
    orden = np.lexsort((quien, fecha))
    return Beneficios(quien[orden], fecha[orden], concepto[orden], valor[orden])
