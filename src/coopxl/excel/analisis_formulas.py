"""The Análisis cell of a row of Indicadores: a formula that writes the sentence `analisis` writes.

The sentence reads the row's own result, numerator and denominator cells, in the state the result cell
shows (a number, or one of the state texts), with the templates of indicadores/textos split into literal
pieces and placeholders (`plantilla_formula`) and the numbers written by `texto_formula` (Colombian
format, independent of the user's decimal separator):

- ok: the row's template (the principle-3 variant of an indicator shown twice; the assembly-of-associates
  variant chosen live from CO_asamblea_tipo), `{tendencia}` from the sign of the rounded result, the IPC
  scale of crecimiento_fondos_sociales (PA_ipc), and the impossible-result warning of a subset ratio above
  100 % (`analisis.analisis_con_advertencia`);
- denominador_cero: the indicator's denominator description (fixed text);
- sin_datos / no_aplica: what is missing, or why it does not apply. Those facts live in the Python
  computation, so they are not re-implemented: `sondear` runs the indicator when the workbook is written on
  every combination of the complementarios cells it reads being typed or blank (and of the assembly type),
  groups the combinations by the text Python gives, and the cell chooses the text from the same cells
  (ISNUMBER(CO_…), CO_asamblea_tipo) through the shortest condition that separates the groups. Whether a
  report was given is fixed when the workbook is written (as in every indicator formula); facts of the
  data sheets (which CUIF account lacks detail, the SMMLV year, older beneficios rows) are the ones found
  when the workbook was written.
"""

from __future__ import annotations

import itertools
import string
from collections.abc import Sequence
from dataclasses import dataclass, replace
from typing import Any

from coopxl import analisis
from coopxl.complementarios import POR_CLAVE
from coopxl.excel import bloques as B
from coopxl.excel import formulas as F
from coopxl.excel import referencias as R
from coopxl.excel import texto_formula as T
from coopxl.indicadores.modelo import FormulasIndicador, Indicador
from coopxl.indicadores.textos import modelo as tx
from coopxl.indicadores.textos.catalogo import TODOS
from coopxl.indicadores.textos.p3_participacion_economica import ESCALA_IPC_ANALISIS, ESCALA_IPC_RANGOS

LARGO_LITERAL = 250  # Excel refuses string literals longer than 255 characters
FALTANTE_GENERICO = "un dato de entrada"  # analisis.frase_analisis when no input is named
GRUPOS_IPC = 2  # the IPC (and IPC + 5) stays below 1.000.000 %: a shorter number formula


# --- templates as formulas -------------------------------------------------------------------------

def _literal(texto: str) -> list[str]:
    return [F.texto(texto[i:i + LARGO_LITERAL]) for i in range(0, len(texto), LARGO_LITERAL)]


def texto_largo(texto: str) -> str:
    """A text of any length as a formula (pieces of at most LARGO_LITERAL characters joined by &)."""
    partes = _literal(texto) or [F.texto("")]
    return partes[0] if len(partes) == 1 else F.concatenar(*partes)


def plantilla_formula(plantilla: str, campos: dict[str, str]) -> str:
    """A `str.format` template as a concatenation: literal pieces as text, each placeholder the formula
    given for it (an unknown placeholder is an error)."""
    partes: list[str] = []
    for literal, nombre, formato, conversion in string.Formatter().parse(plantilla):
        if literal:
            partes += _literal(literal)
        if nombre is not None:
            if formato or conversion:
                raise ValueError(f"marcador con formato no admitido: {{{nombre}}}")
            if nombre not in campos:
                raise KeyError(f"la plantilla usa {{{nombre}}} y no se dio su fórmula")
            partes.append(campos[nombre])
    if not partes:
        return F.texto("")
    return partes[0] if len(partes) == 1 else F.concatenar(*partes)


# --- probing the Python computation: what is missing, why it does not apply -----------------------

@dataclass(frozen=True)
class Variable:
    """A workbook input the Python computation reads: its values and the condition of each in the workbook."""

    clave: str
    valores: tuple[Any, ...]  # None: the cell left blank
    condiciones: tuple[str, ...]


def variables(ind: Indicador, ds: Any) -> list[Variable]:
    """The complementarios cells an indicator reads (its `entradas`): typed or blank; the assembly type."""
    salida: list[Variable] = []
    for clave in ind.entradas:
        definicion = POR_CLAVE.get(clave)
        if definicion is None:
            continue
        if clave == "asamblea_tipo":
            salida.append(Variable(clave, ("asociados", "delegados", None),
                                   (B.tipo_asociados(), B.tipo_delegados(), B.sin_tipo_asamblea())))
        elif definicion.tipo in ("numero", "porcentaje"):
            actual = ds.complementarios.get(clave)
            tecleado = actual if isinstance(actual, int | float) and not isinstance(actual, bool) else 1.0
            salida.append(Variable(clave, (tecleado, None), (B.hay(clave), B.falta(clave))))
    return salida


Caso = tuple[int, ...]  # the index of each variable's value


def _condicion_caso(vs: Sequence[Variable], indices: Sequence[int], caso: Caso) -> str:
    partes = [vs[i].condiciones[v] for i, v in zip(indices, caso, strict=True)]
    return partes[0] if len(partes) == 1 else F.y(*partes)


def condicion(vs: Sequence[Variable], casos: dict[Caso, bool | None]) -> str:
    """The shortest condition found that is true on the cases marked True and false on those marked False
    (None: either). Variables that never decide are dropped one by one, then the remaining cases are
    written as an OR of ANDs (or the NOT of the false ones, whichever is shorter)."""
    activos = list(range(len(vs)))
    for i in list(activos):
        resto = [j for j in activos if j != i]
        vistos: dict[Caso, bool] = {}
        if all(vistos.setdefault(tuple(c[j] for j in resto), v) == v for c, v in casos.items() if v is not None):
            activos = resto
    proyectados: dict[Caso, bool] = {tuple(c[j] for j in activos): v for c, v in casos.items() if v is not None}
    verdaderos = sorted(c for c, v in proyectados.items() if v)
    falsos = sorted(c for c, v in proyectados.items() if not v)
    if not falsos:
        return "TRUE"
    if not verdaderos:
        return "FALSE"

    def disyuncion(cs: list[Caso]) -> str:
        terminos = [_condicion_caso(vs, activos, c) for c in cs]
        return terminos[0] if len(terminos) == 1 else F.o(*terminos)

    positiva, negativa = disyuncion(verdaderos), F.no(disyuncion(falsos))
    return positiva if len(positiva) <= len(negativa) else negativa


def elegir(vs: Sequence[Variable], textos: dict[Caso, str | None]) -> str:
    """A formula giving, on each case, its text (None: any): IF(c1,t1,IF(c2,t2,…,tn)), the most frequent
    text last; cases already caught by an earlier branch do not constrain the later ones."""
    grupos: dict[str, list[Caso]] = {}
    for caso, t in textos.items():
        if t is not None:
            grupos.setdefault(t, []).append(caso)
    if not grupos:
        return F.texto(FALTANTE_GENERICO)
    orden = sorted(grupos, key=lambda t: len(grupos[t]))
    salida = texto_largo(orden[-1])
    pendientes = set(grupos[orden[-1]])
    for t in reversed(orden[:-1]):
        casos = {c: (True if c in grupos[t] else False if c in pendientes else None) for c in textos}
        salida = F.si(condicion(vs, casos), texto_largo(t), salida)
        pendientes |= set(grupos[t])
    return salida


@dataclass(frozen=True)
class Sondeo:
    """The texts of the non-numeric states of one indicator, as formulas ({faltante}, {motivo})."""

    faltante: str
    motivo: str


def _posible(condicion_estado: str | None) -> bool:
    return condicion_estado is not None and condicion_estado != "FALSE"


def sondear(ind: Indicador, fx: FormulasIndicador, ds: Any) -> Sondeo:
    """Run the indicator on every combination of its complementarios cells (see the module docstring)."""
    generico = Sondeo(F.texto(FALTANTE_GENERICO), F.texto(""))
    if not (_posible(fx.sin_datos) or _posible(fx.no_aplica)):
        return generico
    vs = variables(ind, ds)
    faltantes: dict[Caso, str | None] = {}
    motivos: dict[Caso, str | None] = {}
    base = replace(ds, anterior=None)  # the workbook holds one cut
    for caso in itertools.product(*(range(len(v.valores)) for v in vs)):
        comp = dict(base.complementarios)
        for v, i in zip(vs, caso, strict=True):
            if v.valores[i] is None:
                comp.pop(v.clave, None)
            else:
                comp[v.clave] = v.valores[i]
        try:
            res = ind.calcular(replace(base, complementarios=comp))
        except Exception:  # the balance reports a failed computation itself; the case constrains nothing
            faltantes[caso] = motivos[caso] = None
            continue
        faltantes[caso] = analisis.enumerar([f for f in res.faltantes if f] or [FALTANTE_GENERICO]) \
            if res.estado == "sin_datos" else None
        motivos[caso] = res.motivo.rstrip(".") if res.estado == "no_aplica" else None
    return Sondeo(elegir(vs, faltantes), elegir(vs, motivos) if any(motivos.values()) else F.texto(""))


# --- the sentence of each state ------------------------------------------------------------------

@dataclass(frozen=True)
class Celdas:
    """The row's cells the sentence reads."""

    numerador: str
    denominador: str | None
    resultado: str


def _valor(ind: Indicador, celda: str) -> str:
    """analisis.valor_mostrado of the rounded result."""
    return T.porcentaje(celda) if ind.es_porcentaje else T.numero(celda, 2)


def _entrada(ind: Indicador, celda: str | None) -> str:
    """analisis._entrada: pesos, or an integer without decimals and any other number with two."""
    if celda is None:
        return F.texto("")
    if ind.id in analisis.EN_PESOS:
        return T.pesos(celda)
    return T.numero(celda, 2, decimales_si_fraccion=True)


def redondeado(valor: str, decimales: int = 2) -> str:
    """The value rounded like formato.redondear, as a number (for comparisons)."""
    return f"{F.si(F.comparar(valor, '<', 0), -1, 1)}*{T.unidades(valor, decimales)}/{F.numero(10 ** decimales)}"


def _tendencia(celda: str) -> str:
    negativo = F.comparar(redondeado(celda), "<", 0)
    return F.si(negativo, F.texto(tx.TENDENCIA_DECRECIMIENTO), F.texto(tx.TENDENCIA_CRECIMIENTO))


def _escala_ipc(celda: str) -> str:
    """' ' + textos.p3.frase_escala_ipc(result, PA_ipc), when an IPC is in Parametros."""
    ipc = R.PA_IPC
    mas_2, mas_5 = f"{ipc}+2", f"{ipc}+5"
    valor = redondeado(celda)
    escala_1 = F.comparar(valor, "<", redondeado(mas_2))
    escala_2 = F.comparar(valor, "<=", redondeado(mas_5))
    numeros = {"ipc_mas_2": T.porcentaje(mas_2, grupos=GRUPOS_IPC), "ipc_mas_5": T.porcentaje(mas_5, grupos=GRUPOS_IPC)}
    rangos = {k: plantilla_formula(p, numeros) for k, p in ESCALA_IPC_RANGOS.items()}
    frase = plantilla_formula(ESCALA_IPC_ANALISIS, {
        "ipc": T.porcentaje(ipc, grupos=GRUPOS_IPC), "valor": T.porcentaje(celda),
        "escala": F.si(escala_1, F.texto("1"), F.si(escala_2, F.texto("2"), F.texto("3"))),
        "rango": F.si(escala_1, rangos[1], F.si(escala_2, rangos[2], rangos[3])),
    })
    return F.si(F.es_numero(ipc), F.concatenar(F.texto(" "), frase), F.texto(""))


def _imposible(ind: Indicador, celda: str) -> str:
    aviso = plantilla_formula(analisis.ADVERTENCIA_IMPOSIBLE, {
        "numerador": texto_largo(ind.numerador_texto), "denominador": texto_largo(ind.denominador_texto),
        "valor": _valor(ind, celda)})
    limite = F.numero(100 + analisis.MARGEN_IMPOSIBLE)
    return F.si(F.comparar(celda, ">", limite), F.concatenar(F.texto(" "), aviso), F.texto(""))


def frase_ok(ind: Indicador, celdas: Celdas, principio: int) -> str:
    """The sentence of a numeric result (analisis.analisis_con_advertencia in the ok state)."""
    r = celdas.resultado

    def con(plantilla: str) -> str:
        usados = tx.campos_de(plantilla)
        campos = {}
        if "valor" in usados:
            campos["valor"] = _valor(ind, r)
        if "numerador" in usados:
            campos["numerador"] = _entrada(ind, celdas.numerador)
        if "denominador" in usados:
            campos["denominador"] = _entrada(ind, celdas.denominador)
        if "tendencia" in usados:
            campos["tendencia"] = _tendencia(r)
        return plantilla_formula(plantilla, campos)

    texto = TODOS[ind.id]
    otra = principio if principio != ind.principio else None  # as Balance.por_principio asks
    frase = con(analisis.plantilla(ind, None, otra))
    if texto.analisis_asociados and not (otra == 3 and texto.analisis_p3):
        frase = F.si(B.tipo_asociados(), con(analisis.plantilla(ind, "asociados", otra)), frase)
    partes = [frase]
    if ind.id == "crecimiento_fondos_sociales":
        partes.append(_escala_ipc(r))
    if ind.subconjunto:
        partes.append(_imposible(ind, r))
    return partes[0] if len(partes) == 1 else F.concatenar(*partes)


def formula_analisis(ind: Indicador, celdas: Celdas, principio: int, sondeo: Sondeo) -> str:
    """The Análisis cell (text without '='): the sentence of the state the result cell shows."""
    r = celdas.resultado
    cero = plantilla_formula(tx.MENSAJE_DENOMINADOR_CERO, {
        "denominador": texto_largo(ind.denominador_texto or "el denominador")})
    sin_datos = plantilla_formula(tx.MENSAJE_SIN_DATOS, {"faltante": sondeo.faltante})
    no_aplica = plantilla_formula(tx.MENSAJE_NO_APLICA, {"motivo": sondeo.motivo})
    salida = F.si(F.es_numero(r), frase_ok(ind, celdas, principio),
                  F.si(F.comparar(r, "=", F.texto(tx.RESULTADO_NO_APLICA)), no_aplica,
                       F.si(F.comparar(r, "=", F.texto(tx.RESULTADO_SIN_DATOS)), sin_datos, cero)))
    problemas = F.revisar_formula(F.formula(salida))
    if problemas:
        raise ValueError(f"{ind.id}: la fórmula del análisis no es portable: {'; '.join(problemas)}")
    return salida
