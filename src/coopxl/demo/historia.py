"""The whole simulated history of one entity, and its state at a cut date.

`simular(semilla, asociados)` never looks at a cut; `al_corte(historia, corte)` only reads the history.
That is what makes two cuts of the same seed two consistent pictures of the same entity.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

import numpy as np

from coopxl.demo import ahorros, aportes, catalogo, creditos
from coopxl.demo.ahorros import Cuentas, EstadoCaptaciones, generar_cuentas
from coopxl.demo.aportes import EstadoAportes, PlanAportes, generar_plan
from coopxl.demo.beneficios import Beneficios, generar_beneficios
from coopxl.demo.calendario import a_date, dia, menos_doce_meses, sumar_meses
from coopxl.demo.creditos import MODALIDADES, Creditos, EstadoCartera, generar_creditos
from coopxl.demo.directivos import Organos, generar_organos
from coopxl.demo.poblacion import Personas, generar_personas
from coopxl.demo.supuestos import smmlv

GASTO_INTERES = np.array([0, 615005, 615010, 615015, 615020])  # interest cost account by Tipo Ahorro


@dataclass
class Historia:
    semilla: int
    asociados: int
    personas: Personas
    creditos: Creditos
    cuentas: Cuentas
    aportes: PlanAportes
    beneficios: Beneficios


def simular(semilla: int, asociados: int) -> Historia:
    """The entity's whole history, a pure function of (semilla, asociados)."""
    p = generar_personas(semilla, asociados)
    return Historia(semilla, asociados, p, generar_creditos(semilla, p), generar_cuentas(semilla, p),
                    generar_plan(semilla, p), generar_beneficios(semilla, p))


@dataclass
class Corte:
    fecha: date
    dia: int
    inicio: int  # S: first day of the period P
    inicio_anio: int
    archivo: np.ndarray  # persons listed in the asociados file
    cartera: EstadoCartera
    captaciones: EstadoCaptaciones
    aportes: EstadoAportes
    saldo_aportes: np.ndarray  # per person (0 when not vigente)
    organos: Organos
    beneficios: np.ndarray  # rows in the 24 months to the cut
    catalogo: list[tuple[int, str, int]]


def _insumos_catalogo(h: Historia, c: int, inicio: int, inicio_anio: int, ec: EstadoCartera,
                      ek: EstadoCaptaciones, ea: EstadoAportes) -> catalogo.Insumos:
    """What the trial balance is built from: the exported loans, accounts and aportes, the period's
    benefits by fund, and the associates who joined this year (admission fees)."""
    mod = h.creditos.modalidad[ec.idx]
    tipo = h.cuentas.tipo[ek.idx]
    b = h.beneficios
    en_p = b.en(inicio, c)
    fondo = b.columna(en_p, 2)
    fondos = {str(f): int(b.valor[en_p][fondo == f].sum()) for f in np.unique(fondo)}
    p = h.personas
    nuevos = int(((p.vinculo == 1) & (p.ingreso >= inicio_anio) & (p.ingreso <= c)).sum())
    anio_c = a_date(c).year
    return catalogo.Insumos(
        fraccion_anio=(c - inicio_anio + 1) / 365,
        cartera_codigo=ec.codigo, cartera_saldo=ec.saldo_capital, cartera_cuenta_interes=ec.cuenta_interes,
        cartera_interes=ec.saldo_interes, cartera_cuenta_deterioro=ec.cuenta_deterioro,
        cartera_provision=ec.provision, cartera_cuenta_deterioro_interes=ec.cuenta_deterioro_interes,
        cartera_provision_interes=ec.provision_interes,
        cartera_ingreso_cuenta=np.array([m.ingreso for m in MODALIDADES])[mod],
        cartera_ingreso=ec.interes_anio,
        cartera_gasto_deterioro=np.array([m.gasto_deterioro for m in MODALIDADES])[mod],
        captaciones_codigo=h.cuentas.codigo[ek.idx], captaciones_saldo=ek.saldo,
        captaciones_gasto_cuenta=GASTO_INTERES[tipo],
        captaciones_intereses=ek.intereses,
        aportes_ordinarios=int(ea.ordinarios.sum()), aportes_extraordinarios=int(ea.extraordinarios.sum()),
        fondos_ejecutados=fondos, nuevos_en_anio=nuevos, cuota_admision=round(0.05 * smmlv(anio_c), -3),
    )


def al_corte(h: Historia, fecha: date) -> Corte:
    """The state of the entity at the cut date: what each report exports."""
    c = dia(fecha)
    inicio = dia(menos_doce_meses(fecha))
    inicio_anio = dia(date(fecha.year, 1, 1))
    p = h.personas
    ec = creditos.estado_al_corte(h.semilla, h.creditos, p, c, inicio, inicio_anio)
    ek = ahorros.estado_al_corte(h.semilla, h.cuentas, p, c, inicio_anio)
    ea = aportes.estado_al_corte(h.aportes, p, c, inicio)
    saldo = np.zeros(p.n, dtype=np.int64)
    saldo[ea.idx] = ea.ordinarios + ea.extraordinarios
    desde = int(sumar_meses(np.array([c + 1]), -24)[0])
    return Corte(
        fecha=fecha, dia=c, inicio=inicio, inicio_anio=inicio_anio, archivo=np.flatnonzero(p.en_archivo(c)),
        cartera=ec, captaciones=ek, aportes=ea, saldo_aportes=saldo, organos=generar_organos(h.semilla, p, c),
        beneficios=h.beneficios.en(desde, c),
        catalogo=catalogo.construir(_insumos_catalogo(h, c, inicio, inicio_anio, ec, ek, ea)),
    )
