"""Amounts from the catálogo (CUIF) for the indicators: a concept of the account mapping
(parametros/cuentas_cuif.csv, never a hard-coded account) evaluated with the level rule, and the
shapes "key over concept" and "concept over concept" several principles share."""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import TYPE_CHECKING

from coopxl.cuif import prefijo
from coopxl.indicadores.modelo import Origen, Resultado, cociente, complementario, origen_clave

if TYPE_CHECKING:
    from coopxl.cuif import Catalogo
    from coopxl.dataset import Dataset

# Plain Spanish names of the mapping concepts (parametros/cuentas_cuif.csv) the indicators use.
ETIQUETAS_CONCEPTO = {
    "total_activo": "total activo",
    "total_inversiones": "total inversiones",
    "obligaciones_financieras": "obligaciones financieras",
    "obligaciones_sector_solidario": "obligaciones financieras con el sector solidario",
    "inversiones_sector_solidario": "inversiones en el sector solidario",
    "total_ingresos": "total ingresos",
    "total_gastos": "total gastos",
    "capital_institucional": "capital institucional",
}


def falta_clave(clave: str) -> str:
    """How a blank complementarios key is named in a sin_datos result."""
    from coopxl.complementarios import POR_CLAVE

    return f"{POR_CLAVE[clave].etiqueta} (clave {clave})"


def falta_catalogo() -> str:
    from coopxl.sicses.layouts import LAYOUTS

    return f"el archivo {LAYOUTS['catalogo'].titulo}"


@dataclass(frozen=True)
class MontoCuif:
    """A concept of the CUIF mapping evaluated on the catálogo: a value, or what is missing."""

    valor: float | None
    origen: Origen
    faltante: str | None = None
    advertencias: tuple[str, ...] = ()


def _sin_detalle(cuif: Catalogo, codigo: str) -> str | None:
    """The listed ancestor of an absent account when the catálogo stops at that ancestor's level with a
    non-zero balance, so the absent account's balance cannot be known; None when absent means zero."""
    p = prefijo(codigo)
    for n in (4, 2, 1):
        if n >= len(p):
            continue
        candidato = p[:n].ljust(6, "0")
        if candidato in cuif.saldos:
            if cuif.hijos_directos(candidato) or cuif.saldos[candidato] == 0:
                return None
            return candidato
    return None


def monto_cuif(ds: Dataset, concepto: str) -> MontoCuif:
    """The value of a mapping concept (e.g. total_gastos = 500000-530000) by the CUIF level rule.

    No catálogo: missing. Accounts absent from a given catálogo count as 0 with a warning (a trial
    balance leaves out accounts with no balance), unless the catálogo stops at a coarser level with a
    balance above them: then their value is unknown and the input is missing.
    """
    expr = ds.parametros.cuentas.get(concepto, "")
    etiqueta = ETIQUETAS_CONCEPTO.get(concepto, concepto.replace("_", " "))
    archivo = ds.archivos.get("catalogo", "catalogo")
    origen = Origen(f"{etiqueta}: cuentas {expr or concepto} del catálogo CUIF", archivo)
    if ds.cuif is None:
        return MontoCuif(None, origen, falta_catalogo())
    if not expr:
        return MontoCuif(None, origen, f"la definición del concepto «{concepto}» en el parámetro "
                         "cuentas_cuif.csv")
    valor, ausentes = ds.cuif.expresion(expr)
    sin_detalle = [(c, a) for c in ausentes if (a := _sin_detalle(ds.cuif, c)) is not None]
    if sin_detalle:
        detalle = ", ".join(f"{c} (el catálogo solo trae {a})" for c, a in sin_detalle)
        return MontoCuif(None, origen, f"el detalle del catálogo para {etiqueta}: cuenta(s) {detalle}")
    avisos: list[str] = []
    if ausentes:
        avisos.append(f"El catálogo no trae la(s) cuenta(s) {', '.join(ausentes)} ({etiqueta}) ni subcuentas "
                      "suyas: se toman en 0.")
    terminos = re.findall(r"\d{1,6}", expr)
    if any(c[0] in "45" for c in terminos) and (ds.corte.month, ds.corte.day) != (12, 31):
        avisos.append(f"{etiqueta}: las cuentas de ingresos y gastos son acumuladas del 1 de enero al "
                      f"{ds.corte:%d/%m/%Y}, no del periodo de 12 meses.")
    return MontoCuif(0.0 if valor is None else valor, Origen(origen.descripcion, archivo,
                                                             len(terminos) - len(ausentes)),
                     None, tuple(avisos))


def clave_sobre_cuif(ds: Dataset, clave: str, concepto: str) -> Resultado:
    """A complementarios key over a CUIF concept (patrocinios / total ingresos, ...)."""
    num = complementario(ds, clave)
    den = monto_cuif(ds, concepto)
    faltan = tuple(f for f in (None if num is not None else falta_clave(clave), den.faltante) if f)
    return cociente(num, den.valor, faltantes=faltan, advertencias=den.advertencias,
                    origen_numerador=origen_clave(clave), origen_denominador=den.origen)


def cuif_o_clave(ds: Dataset, clave: str, concepto_num: str, concepto_den: str) -> Resultado:
    """A CUIF concept over another, the numerator typed in `clave` when given (derived when blank)."""
    den = monto_cuif(ds, concepto_den)
    tecleado = complementario(ds, clave)
    if tecleado is not None:
        num_valor, num_origen, num_falta, num_avisos = tecleado, origen_clave(clave), None, ()
    else:
        num = monto_cuif(ds, concepto_num)
        num_valor, num_origen, num_falta, num_avisos = num.valor, num.origen, num.faltante, num.advertencias
    faltan = tuple(dict.fromkeys(f for f in (num_falta, den.faltante) if f))
    return cociente(num_valor, den.valor, faltantes=faltan, advertencias=num_avisos + den.advertencias,
                    origen_numerador=num_origen, origen_denominador=den.origen)


def concepto_sobre_concepto(ds: Dataset, concepto_num: str, concepto_den: str) -> Resultado:
    """A CUIF concept over another (capital institucional / total activo, ...)."""
    num, den = monto_cuif(ds, concepto_num), monto_cuif(ds, concepto_den)
    faltan = tuple(dict.fromkeys(m.faltante for m in (num, den) if m.faltante))
    return cociente(num.valor, den.valor, faltantes=faltan, advertencias=num.advertencias + den.advertencias,
                    origen_numerador=num.origen, origen_denominador=den.origen)
