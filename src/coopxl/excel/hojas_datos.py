"""One data sheet per report, as loaded, plus per-row helper columns that are 0/1 formulas.

Layout columns come first, in layout order, under the layout's header (dates as dates dd/mm/yyyy,
numbers as numbers, documents and codes as text; a user's text is never a formula). Then the
file line of each row, then the helper columns (blue header). Each helper reproduces, row by row,
a population of `coopxl.dataset` (vigente, hábil, activo, edad, joven, desembolso en P, ...): the
tests recalculate the workbook with LibreOffice and `formulas` and compare every row with the
Dataset. Helpers are 0/1 numbers so later criteria are plain equality (COUNTIFS(AS_habil,1,...)).

A report that was not given still gets its sheet (header only), so every range exists; the
Portada says it was not given.

Further helpers feed the indicator formulas of indicadores/p1…p7 (built in excel/bloques.py): distinct
persons by trait (first row of a person among the rows with some flags), per-person lookups (saves, got a
benefit, business volume), the rate differentials of the beneficio solidario, the concentration ranks
(80 % rule in integer cents, ties included) and the CUIF level rule on the Catalogo sheet (level,
ancestors, contra account, most detailed account of its branch). They are checked through the indicator
results (tests/test_excel_indicadores.py). Every helper reads only its own row and the rows above it
relatively, so a row copied down by a user computes right.
"""

from __future__ import annotations

import math
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from typing import Any

import pandas as pd
from openpyxl.cell import WriteOnlyCell

from coopxl.dataset import EDAD_JOVEN, FONDOS_SOCIALES, ORGANOS_DIRECTIVOS
from coopxl.excel import formulas as F
from coopxl.excel import referencias as R
from coopxl.excel.hojas_parametros import definir
from coopxl.excel.portada import (
    FORMATO_BANDERA,
    FORMATO_DECIMAL,
    FORMATO_ENTERO,
    FORMATO_FECHA,
    FORMATO_TEXTO,
    Escritor,
    anchos,
    configurar_impresion,
    encabezado,
    fijar_encabezado,
    limpiar_texto,
)
from coopxl.sicses.layouts import LAYOUTS, Columna

LINEA = "linea_archivo"
ENCABEZADO_LINEA = "Línea en el archivo"
DIAS_ANIO = 365.25


# --- row context ---------------------------------------------------------------------------------

@dataclass(frozen=True)
class Fila:
    """What a helper formula of one row can point at."""

    refs: R.Referencias
    reporte: str
    fila: int
    con_asamblea: bool  # the optional asamblea file was given (asistentes come from it)

    def c(self, nombre: str) -> str:
        """This row's cell of a column of the same sheet: $F5."""
        return self.refs.columna(self.reporte, nombre).celda(self.fila)

    def r(self, reporte: str, nombre: str) -> str:
        """The defined name of a data column of any sheet: CA_en_mora."""
        return self.refs.rango(reporte, nombre)

    def arriba(self, nombre: str) -> str:
        """The same column from the header to the row above this one: $AH$1:$AH4."""
        return self.refs.columna(self.reporte, nombre).arriba(self.fila)


@dataclass(frozen=True)
class Auxiliar:
    nombre: str
    encabezado: str
    formula: Callable[[Fila], str]
    formato: str = FORMATO_BANDERA
    descripcion: str = ""


def _uno(ref: str) -> str:
    return F.comparar(ref, "=", 1)


def _en_periodo(ref: str) -> list[str]:
    return [F.es_numero(ref), F.comparar(ref, ">=", R.PA_INICIO), F.comparar(ref, "<=", R.PA_FIN)]


def _persona(f: Fila) -> str:
    return F.concatenar(f.c("tipo_documento"), F.texto(":"), f.c("documento"))


def _es_asociado(f: Fila) -> str:
    return F.igual_texto(f.c("asociado"), "1")


def _sin_retiro_o_despues(ref: str, fecha: str, operador: str) -> str:
    return F.o(F.no(F.es_numero(ref)), F.comparar(ref, operador, fecha))


# --- Asociados -----------------------------------------------------------------------------------

def _vigente(f: Fila) -> str:
    ing, ret = f.c("fecha_ingreso"), f.c("fecha_retiro")
    return F.bandera(F.y(_es_asociado(f), F.es_numero(ing), F.comparar(ing, "<=", R.PA_CORTE),
                         _sin_retiro_o_despues(ret, R.PA_CORTE, ">")))


def _vinculado(f: Fila) -> str:
    return F.bandera(F.y(_es_asociado(f), *_en_periodo(f.c("fecha_ingreso"))))


def _retirado(f: Fila) -> str:
    return F.bandera(F.y(_es_asociado(f), *_en_periodo(f.c("fecha_retiro"))))


def _vigente_inicio(f: Fila) -> str:
    ing, ret = f.c("fecha_ingreso"), f.c("fecha_retiro")
    return F.bandera(F.y(_es_asociado(f), F.es_numero(ing), F.comparar(ing, "<", R.PA_INICIO),
                         _sin_retiro_o_despues(ret, R.PA_INICIO, ">=")))


def _natural(f: Fila) -> str:
    g = f.c("genero")
    return F.bandera(F.o(F.igual_texto(g, "1"), F.igual_texto(g, "2")))


def _mujer(f: Fila) -> str:
    return F.bandera(F.igual_texto(f.c("genero"), "2"))


def _edad(f: Fila) -> str:
    """Whole years at the cut: a birthday not reached yet in the cut's year takes one off."""
    nac = f.c("fecha_nacimiento")

    def mes_dia(ref: str) -> str:
        return f"{F.llamada('MONTH', ref)}*100+{F.llamada('DAY', ref)}"

    anios = f"{F.llamada('YEAR', R.PA_CORTE)}-{F.llamada('YEAR', nac)}"
    falta = F.si(F.comparar(mes_dia(nac), ">", mes_dia(R.PA_CORTE)), 1, 0)
    return F.si(F.es_numero(nac), f"{anios}-{falta}", F.texto(""))


def _joven(f: Fila) -> str:
    edad = f.c("edad")
    joven = F.bandera(F.y(_uno(f.c("natural")), F.comparar(edad, "<=", EDAD_JOVEN)))
    return F.si(F.es_numero(edad), joven, 0)


def _antiguedad(f: Fila) -> str:
    ing = f.c("fecha_ingreso")
    return F.si(F.es_numero(ing), f"({R.PA_CORTE}-{ing})/{F.numero(DIAS_ANIO)}", F.texto(""))


def _habil(f: Fila) -> str:
    en_mora = F.countifs((f.r("cartera", "persona"), f.c("persona")), (f.r("cartera", "en_mora"), 1))
    return F.si(_uno(f.c("vigente")), F.bandera(F.comparar(en_mora, "=", 0)), 0)


def _activo(f: Fila) -> str:
    p = f.c("persona")
    usos = F.suma(
        F.countifs((f.r("cartera", "persona"), p), (f.r("cartera", "saldo_positivo"), 1)),
        F.countifs((f.r("cartera", "persona"), p), (f.r("cartera", "desembolso_p"), 1)),
        F.countifs((f.r("captaciones", "persona"), p), (f.r("captaciones", "saldo_positivo"), 1)),
        F.countifs((f.r("aportes", "persona"), p), (f.r("aportes", "pago_p"), 1)),
    )
    return F.si(_uno(f.c("vigente")), F.bandera(F.comparar(usos, ">", 0)), 0)


def _asistente(f: Fila) -> str:
    if f.con_asamblea:
        asistio = F.countifs((f.r("asamblea", "persona"), f.c("persona")), (f.r("asamblea", "asistio_si"), 1))
        return F.si(_uno(f.c("vigente")), F.bandera(F.comparar(asistio, ">", 0)), 0)
    return F.bandera(F.y(_uno(f.c("vigente")), F.igual_texto(f.c("asistio_ultima_asamblea"), "1")))


def _clave_vigente(f: Fila) -> str:
    return F.si(_uno(f.c("vigente")), f.c("persona"), F.texto(""))


def _no_esta_arriba(f: Fila, columna: str) -> str:
    """The row's person is not in `columna` above this row (relative ranges: a copied row stays right)."""
    return F.no(F.es_numero(F.coincidir(f.c("persona"), f.arriba(columna), 0)))


def _primera_vigente(f: Fila) -> str:
    return F.si(_uno(f.c("vigente")), F.bandera(_no_esta_arriba(f, "clave_vigente")), 0)


# --- Cartera, Captaciones, Aportes, Beneficios, Asamblea ----------------------------------------

def _desembolso_p(f: Fila) -> str:
    return F.bandera(F.y(*_en_periodo(f.c("fecha_desembolso"))))


def _saldo_positivo(columna: str) -> Callable[[Fila], str]:
    def formula(f: Fila) -> str:
        return F.bandera(F.comparar(F.llamada("N", f.c(columna)), ">", 0))
    return formula


def _en_mora(f: Fila) -> str:
    return F.bandera(F.y(F.comparar(F.llamada("N", f.c("saldo_capital")), ">", 0),
                         F.comparar(F.llamada("N", f.c("edad_mora")), ">", R.PA_DIAS_MORA_HABIL)))


def _modalidad(f: Fila) -> str:
    prefijo = F.llamada("LEFT", f.c("codigo"), 4)
    return F.si(F.comparar(prefijo, "=", F.texto("")), F.texto("otra"),
                F.buscar(prefijo, R.PA_MODALIDAD_PREFIJO, R.PA_MODALIDAD_NOMBRE, F.texto("otra")))


def _ahorro_vista_cdat(f: Fila) -> str:
    t = f.c("tipo_ahorro")
    return F.bandera(F.o(F.igual_texto(t, "1"), F.igual_texto(t, "2")))


def _fecha_en_p(columna: str) -> Callable[[Fila], str]:
    def formula(f: Fila) -> str:
        return F.bandera(F.y(*_en_periodo(f.c(columna))))
    return formula


def _codigo_uno(columna: str) -> Callable[[Fila], str]:
    def formula(f: Fila) -> str:
        return F.bandera(F.igual_texto(f.c(columna), "1"))
    return formula


# --- Directivos ----------------------------------------------------------------------------------

def _organo_directivo(f: Fila) -> str:
    o = f.c("organo")
    return F.bandera(F.o(*(F.igual_texto(o, codigo) for codigo in ORGANOS_DIRECTIVOS)))


def _primera_silla(f: Fila) -> str:
    antes = F.countifs((f.arriba("persona"), f.c("persona")), (f.arriba("organo_directivo"), 1))
    return F.si(_uno(f.c("organo_directivo")), F.bandera(F.comparar(antes, "=", 0)), 0)


def _fila_asociado(f: Fila) -> str:
    return F.si_error(F.coincidir(f.c("persona"), f.r("asociados", "clave_vigente"), 0), 0)


def _directivo_vigente(f: Fila) -> str:
    return F.bandera(F.comparar(f.c("fila_asociado"), ">", 0))


def _cuenta(f: Fila) -> str:
    return F.bandera(F.y(_uno(f.c("primera_silla")), _uno(f.c("vigente"))))


def _del_asociado(columna: str) -> Callable[[Fila], str]:
    def formula(f: Fila) -> str:
        fila = f.c("fila_asociado")
        return F.si(F.comparar(fila, ">", 0), F.indice(f.r("asociados", columna), fila), F.texto(""))
    return formula


# --- helpers of the indicator formulas (phase 2) --------------------------------------------------

def _primera_fila(f: Fila) -> str:
    """1 on the first row of each person of the sheet (any row): counts distinct persons."""
    return F.bandera(_no_esta_arriba(f, "persona"))


def _primera_con(*columnas: str) -> Callable[[Fila], str]:
    """1 on the first row of a person among the rows whose 0/1 `columnas` are all 1."""
    def formula(f: Fila) -> str:
        antes = F.countifs((f.arriba("persona"), f.c("persona")), *((f.arriba(c), 1) for c in columnas))
        return F.si(F.y(*(_uno(f.c(c)) for c in columnas)), F.bandera(F.comparar(antes, "=", 0)), 0)
    return formula


def _sin_entrar_y_salir(f: Fila) -> str:
    """The person has no row that joined and retired within P (indicadores.md: left out of both terms)."""
    ambos = F.countifs((f.r("asociados", "persona"), f.c("persona")), (f.r("asociados", "vinculado_p"), 1),
                       (f.r("asociados", "retirado_p"), 1))
    return F.comparar(ambos, "=", 0)


def _neto(primera: Callable[[Fila], str]) -> Callable[[Fila], str]:
    def formula(f: Fila) -> str:
        return F.si(_uno(f"({primera(f)})"), F.bandera(_sin_entrar_y_salir(f)), 0)
    return formula


def _con_nacimiento(f: Fila) -> str:
    return F.bandera(F.es_numero(f.c("fecha_nacimiento")))


def _usa(reporte: str, *criterios: str, guarda: str = "primera_vigente") -> Callable[[Fila], str]:
    """On a person's first vigente row (or where the 0/1 `guarda` is 1, a subset of those rows): 1 when the
    person has a row of `reporte` with every 0/1 criterion."""
    def formula(f: Fila) -> str:
        n = F.countifs((f.r(reporte, "persona"), f.c("persona")), *((f.r(reporte, c), 1) for c in criterios))
        return F.si(_uno(f.c(guarda)), F.bandera(F.comparar(n, ">", 0)), 0)
    return formula


def _volumen(f: Fila) -> str:
    """Business volume of a vigente natural person (first vigente row): Monto disbursed in P + Valor Inicial
    of captaciones opened in P + 12 x aportes Cuota Mensual (equidad_genero_volumen_negocio)."""
    p = f.c("persona")
    partes = F.suma(
        F.sumifs(f.r("cartera", "monto"), (f.r("cartera", "persona"), p), (f.r("cartera", "desembolso_cuenta"), 1)),
        F.sumifs(f.r("captaciones", "valor_inicial"), (f.r("captaciones", "persona"), p),
                 (f.r("captaciones", "apertura_p"), 1)),
        f"12*{F.sumifs(f.r('aportes', 'cuota_mensual'), (f.r('aportes', 'persona'), p))}",
    )
    return F.si(F.y(_uno(f.c("primera_vigente")), _uno(f.c("natural"))), partes, 0)


def _volumen_de(mujer: int) -> Callable[[Fila], str]:
    def formula(f: Fila) -> str:
        return F.bandera(F.y(_uno(f.c("primera_vigente")), _uno(f.c("natural")),
                             F.comparar(f.c("volumen"), ">", 0), F.comparar(f.c("mujer"), "=", mujer)))
    return formula


def _de_vigente(f: Fila) -> str:
    """The row's person is a vigente associate."""
    return F.bandera(F.es_numero(F.coincidir(f.c("persona"), f.r("asociados", "clave_vigente"), 0)))


def _de_vigente_si(guarda: str) -> Callable[[Fila], str]:
    """_de_vigente only on the rows whose 0/1 `guarda` is 1 (the only ones an indicator reads): the lookup
    is the costly part of the sheet."""
    def formula(f: Fila) -> str:
        return F.si(_uno(f.c(guarda)), _de_vigente(f), 0)
    return formula


def _desembolso_cuenta(f: Fila) -> str:
    """A disbursement of P counted once: rows with the same Pagaré count on their first occurrence."""
    pagare = f.c("pagare")
    antes = F.countifs((f.arriba("pagare"), pagare), (f.arriba("desembolso_p"), 1))
    sin_numero = F.comparar(F.concatenar(pagare, F.texto("")), "=", F.texto(""))
    return F.si(_uno(f.c("desembolso_p")), F.si(sin_numero, 1, F.bandera(F.comparar(antes, "=", 0))), 0)


def _fila_en_asociados(f: Fila) -> str:
    return F.si_error(F.coincidir(f.c("persona"), f.r("asociados", "persona"), 0), 0)


def _del_primer_asociado(columna: str) -> Callable[[Fila], str]:
    def formula(f: Fila) -> str:
        fila = f.c("fila_asociado")
        return F.si(F.comparar(fila, ">", 0), F.indice(f.r("asociados", columna), fila), 0)
    return formula


def _bajo_tope(f: Fila) -> str:
    monto = f.c("monto")
    return F.si(F.y(_uno(f.c("desembolso_cuenta")), F.es_numero(monto)),
                F.bandera(F.comparar(monto, "<", f"3*{R.PA_SMMLV}")), 0)


def _texto_es(columna: str, *valores: str) -> Callable[[Fila], str]:
    def formula(f: Fila) -> str:
        return F.bandera(F.o(*(F.igual_texto(f.c(columna), v) for v in valores)))
    return formula


def _tasa_referencia(clave: str, columna_tabla: str) -> Callable[[Fila], str]:
    def formula(f: Fila) -> str:
        return F.buscar(F.concatenar(f.c(clave), F.texto("")), columna_tabla, R.CL_TASAS_VALOR, F.texto(""))
    return formula


def _beneficio_tasa(saldo: str, vigente: str, propia_menos_referencia: bool) -> Callable[[Fila], str]:
    """Saldo x (rate difference) / 100 of a row with balance of a vigente, when both rates are known."""
    def formula(f: Fila) -> str:
        propia, ref = f.c("tasa_efectiva"), f.c("tasa_referencia")
        diferencia = f"{propia}-{ref}" if propia_menos_referencia else f"{ref}-{propia}"
        return F.si(F.y(_uno(f.c("saldo_positivo")), _uno(f.c(vigente)), F.es_numero(propia), F.es_numero(ref)),
                    f"{f.c(saldo)}*({diferencia})/100", 0)
    return formula


# Concentration (k of the 80 % rule, integer cents): per person, on the person's first row, the total
# balance, its cents, the sum of the strictly larger totals and how many equal totals come before; a
# person «below the threshold» is one whose cumulative balance, in the descending order, is still under
# 80 %: 5 x cumulative < 4 x total. k = the persons below + 1 (ties give the same cumulative either way).

def _saldo_persona(columna: str) -> Callable[[Fila], str]:
    def formula(f: Fila) -> str:
        return F.si(_uno(f.c("primera_fila")),
                    F.sumifs(f.r(f.reporte, columna), (f.r(f.reporte, "persona"), f.c("persona"))), 0)
    return formula


def _titular(f: Fila) -> str:
    return F.bandera(F.y(_uno(f.c("primera_fila")), F.comparar(f.c("saldo_persona"), ">", 0)))


def _centavos(f: Fila) -> str:
    return F.si(_uno(f.c("titular")), F.redondear(f"{f.c('saldo_persona')}*100", 0), 0)


def _mayores(f: Fila) -> str:
    centavos = f.r(f.reporte, "centavos")
    return F.si(_uno(f.c("titular")),
                F.sumproduct(F.producto(centavos, F.comparar(centavos, ">", f.c("centavos")))), 0)


def _empates_antes(f: Fila) -> str:
    return F.si(_uno(f.c("titular")),
                F.countifs((f.arriba("titular"), 1), (f.arriba("centavos"), f.c("centavos"))), 0)


def _bajo_umbral(f: Fila) -> str:
    acumulado = f"{f.c('mayores')}+({f.c('empates_antes')}+1)*{f.c('centavos')}"
    return F.si(_uno(f.c("titular")),
                F.bandera(F.comparar(f"5*({acumulado})", "<", f"4*{R.CL_CENTAVOS_TOTAL[f.reporte]}")), 0)


def _concentracion(columna: str) -> tuple[Auxiliar, ...]:
    return (
        Auxiliar("primera_fila", "Primera fila de la persona", _primera_fila),
        Auxiliar("saldo_persona", "Saldo total de la persona", _saldo_persona(columna), FORMATO_DECIMAL),
        Auxiliar("titular", "Persona con saldo total > 0", _titular),
        Auxiliar("centavos", "Saldo total en centavos", _centavos, "0"),
        Auxiliar("mayores", "Centavos de los saldos mayores", _mayores, "0"),
        Auxiliar("empates_antes", "Saldos iguales en filas anteriores", _empates_antes, "0"),
        Auxiliar("bajo_umbral", "Acumulado por debajo del 80 %", _bajo_umbral,
                 descripcion="5 × acumulado < 4 × total, en orden de saldo descendente."),
    )


def _en_periodo_anterior(f: Fila) -> str:
    fecha = f.c("fecha")
    return F.bandera(F.y(F.es_numero(fecha), F.comparar(fecha, ">=", R.CL_INICIO_ANTERIOR),
                         F.comparar(fecha, "<=", R.CL_FIN_ANTERIOR)))


def _antes_de_p(f: Fila) -> str:
    fecha = f.c("fecha")
    return F.bandera(F.y(F.es_numero(fecha), F.comparar(fecha, "<", R.PA_INICIO)))


def _con_edad_directivo(f: Fila) -> str:
    return F.bandera(F.y(_uno(f.c("cuenta")), _uno(f.c("natural")), F.es_numero(f.c("edad"))))


def _antiguedad_inferior(f: Fila) -> str:
    return F.si(_uno(f.c("cuenta")),
                F.bandera(F.comparar(f.c("antiguedad"), "<", R.CL_ANTIGUEDAD_PROMEDIO)), 0)


# Catálogo: the CUIF level rule of coopxl.cuif, row by row.

def _cuenta_valida(f: Fila) -> str:
    return F.bandera(F.y(F.comparar(F.llamada("LEN", f.c("codigo")), "=", 6), F.es_numero(f.c("saldo"))))


def _nivel(f: Fila) -> str:
    c = f.c("codigo")
    return F.si(F.comparar(F.llamada("MID", c, 2, 5), "=", F.texto("00000")), 1,
                F.si(F.comparar(F.llamada("MID", c, 3, 4), "=", F.texto("0000")), 2,
                     F.si(F.comparar(F.llamada("MID", c, 5, 2), "=", F.texto("00")), 4, 6)))


def _ancestro(nivel: int) -> Callable[[Fila], str]:
    def formula(f: Fila) -> str:
        return F.concatenar(F.llamada("LEFT", f.c("codigo"), nivel), F.texto("0" * (6 - nivel)))
    return formula


def _codigo_valido(f: Fila) -> str:
    return F.si(_uno(f.c("valida")), f.c("codigo"), F.texto(""))


def _saldo_pesos(f: Fila) -> str:
    return F.si(_uno(f.c("valida")), f"{f.c('saldo')}*{R.PA_UNIDAD_CUIF}", 0)


def _contra_nombre(f: Fila) -> str:
    """The name ends in «(CR)» (spaces inside the parentheses and a final period allowed)."""
    limpio = F.llamada("SUBSTITUTE", F.llamada("UPPER", F.concatenar(f.c("nombre"), F.texto(""))), F.texto(" "),
                       F.texto(""))
    return F.bandera(F.o(F.comparar(F.llamada("RIGHT", limpio, 4), "=", F.texto("(CR)")),
                         F.comparar(F.llamada("RIGHT", limpio, 5), "=", F.texto("(CR)."))))


def contra_de_codigo(codigo: str, refs: R.Referencias) -> str:
    """A code (text expression) is a contra account by itself: in the official list, or listed with a
    «(CR)» name (the name of its first valid row)."""
    oficial = F.es_numero(F.coincidir(codigo, R.PA_CONTRA_CODIGO, 0))
    nombre = F.si_error(F.indice(refs.rango("catalogo", "contra_nombre"),
                                 F.coincidir(codigo, refs.rango("catalogo", "codigo_valido"), 0)), 0)
    return F.o(oficial, F.comparar(nombre, "=", 1))


def _contra(f: Fila) -> str:
    """Contra account: its own name or code, or any account above it (cuif.Catalogo.contra)."""
    return F.bandera(F.o(_uno(f.c("contra_nombre")), contra_de_codigo(f.c("codigo"), f.refs),
                         *(contra_de_codigo(f.c(f"ancestro_{n}"), f.refs) for n in (1, 2, 4))))


def _hoja_catalogo(f: Fila) -> str:
    """A valid account with no valid account listed below it (the most detailed of its subtree)."""
    mismo = F.sumproduct(F.producto(F.comparar(f.r("catalogo", "codigo"), "=", f.c("codigo")),
                                    f.r("catalogo", "valida")))

    def debajo(n: int) -> str:
        return F.sumproduct(F.producto(F.comparar(f.r("catalogo", f"ancestro_{n}"), "=", f.c("codigo")),
                                       f.r("catalogo", "valida")))

    nivel = f.c("nivel")
    descendientes = F.si(F.comparar(nivel, "=", 1), f"{debajo(1)}-{mismo}",
                         F.si(F.comparar(nivel, "=", 2), f"{debajo(2)}-{mismo}",
                              F.si(F.comparar(nivel, "=", 4), f"{debajo(4)}-{mismo}", 0)))
    return F.si(_uno(f.c("valida")), F.bandera(F.comparar(descendientes, "=", 0)), 0)


PERSONA = Auxiliar("persona", "Clave persona", _persona, FORMATO_TEXTO,
                   "Tipo y número de documento: identifica a la persona en todas las hojas.")

AUXILIARES: dict[str, tuple[Auxiliar, ...]] = {
    "asociados": (
        PERSONA,
        Auxiliar("vigente", "Vigente", _vigente,
                 descripcion="Asociado = 1, ingresó a más tardar en el corte y no se había retirado en él."),
        Auxiliar("vinculado_p", "Vinculado en P", _vinculado),
        Auxiliar("retirado_p", "Retirado en P", _retirado),
        Auxiliar("vigente_inicio", "Vigente al inicio de P", _vigente_inicio),
        Auxiliar("natural", "Persona natural", _natural),
        Auxiliar("mujer", "Mujer", _mujer),
        Auxiliar("edad", "Edad al corte", _edad, "0"),
        Auxiliar("joven", f"Joven ({EDAD_JOVEN} años o menos)", _joven),
        Auxiliar("antiguedad", "Antigüedad (años)", _antiguedad, FORMATO_DECIMAL),
        Auxiliar("habil", "Hábil", _habil,
                 descripcion="Vigente sin créditos con saldo y más días de mora que el parámetro."),
        Auxiliar("activo_p", "Activo en P", _activo, descripcion="Vigente que usó un producto en P."),
        Auxiliar("asistente", "Asistente a la asamblea", _asistente),
        Auxiliar("clave_vigente", "Clave persona si vigente", _clave_vigente, FORMATO_TEXTO),
        Auxiliar("primera_vigente", "Primera fila vigente de la persona", _primera_vigente,
                 descripcion="1 en una sola fila por persona vigente: sirve para contar personas distintas."),
        Auxiliar("con_nacimiento", "Con fecha de nacimiento", _con_nacimiento),
        Auxiliar("neto_vinculado", "Vinculado hábil (neto)", _neto(_primera_con("vinculado_p", "habil")),
                 descripcion="Primera fila de una persona vinculada en P y hábil que no entró y salió en P."),
        Auxiliar("neto_retirado", "Retirado (neto)", _neto(_primera_con("retirado_p")),
                 descripcion="Primera fila de una persona retirada en P que no entró y salió en P."),
        Auxiliar("inicio_persona", "Vigente al inicio (persona)", _primera_con("vigente_inicio")),
        Auxiliar("relevo_base", "Vinculado natural con nacimiento (persona)",
                 _primera_con("vinculado_p", "natural", "con_nacimiento")),
        Auxiliar("relevo_joven", "Vinculado joven (persona)", _primera_con("vinculado_p", "joven")),
        Auxiliar("ahorra", "Ahorro a la vista o CDAT con saldo",
                 _usa("captaciones", "ahorro_vista_cdat", "saldo_positivo")),
        Auxiliar("beneficiado", "Beneficio en P", _usa("beneficios", "en_p")),
        Auxiliar("beneficiado_educacion", "Beneficio de educación en P",
                 _usa("beneficios", "en_p", "educacion", guarda="beneficiado")),
        Auxiliar("volumen", "Volumen de negocio", _volumen, FORMATO_DECIMAL),
        Auxiliar("volumen_hombre", "Hombre con volumen > 0", _volumen_de(0)),
        Auxiliar("volumen_mujer", "Mujer con volumen > 0", _volumen_de(1)),
    ),
    "aportes": (PERSONA, Auxiliar("pago_p", "Pago en P", _fecha_en_p("fecha_ultimo_pago")),
                Auxiliar("de_vigente", "De un asociado vigente", _de_vigente)),
    "captaciones": (
        PERSONA,
        Auxiliar("saldo_positivo", "Saldo disponible > 0", _saldo_positivo("saldo_disponible")),
        Auxiliar("ahorro_vista_cdat", "Tipo ahorro 1 o 2", _ahorro_vista_cdat),
        Auxiliar("apertura_p", "Abierta en P", _fecha_en_p("fecha_apertura")),
        Auxiliar("de_vigente", "Con saldo, de un asociado vigente", _de_vigente_si("saldo_positivo")),
        Auxiliar("tasa_referencia", "Tasa de referencia (%)", _tasa_referencia("tipo_ahorro", R.CL_TASAS_TIPO),
                 FORMATO_DECIMAL),
        Auxiliar("beneficio_ahorro", "Beneficio en ahorro", _beneficio_tasa("saldo_disponible", "de_vigente", True),
                 FORMATO_DECIMAL),
        *_concentracion("saldo_disponible"),
    ),
    "cartera": (
        PERSONA,
        Auxiliar("desembolso_p", "Desembolso en P", _desembolso_p),
        Auxiliar("saldo_positivo", "Saldo capital > 0", _saldo_positivo("saldo_capital")),
        Auxiliar("en_mora", "Saldo y mora > días hábil", _en_mora),
        Auxiliar("modalidad_credito", "Modalidad (por prefijo CUIF)", _modalidad, FORMATO_TEXTO),
        Auxiliar("desembolso_cuenta", "Desembolso en P (una vez por pagaré)", _desembolso_cuenta),
        Auxiliar("fila_asociado", "Posición en Asociados", _fila_en_asociados, "0"),
        Auxiliar("natural_deudor", "Persona natural", _del_primer_asociado("natural")),
        Auxiliar("mujer_deudor", "Mujer", _del_primer_asociado("mujer")),
        Auxiliar("bajo_tope", "Desembolso < 3 SMMLV", _bajo_tope),
        Auxiliar("juridica", "Persona jurídica (Tipo Doc N)", _texto_es("tipo_documento", "N")),
        Auxiliar("productivo", "Modalidad comercial, microcrédito o productivo",
                 _texto_es("modalidad_credito", "comercial", "microcredito", "productivo")),
        Auxiliar("de_vigente", "Con saldo, de un asociado vigente", _de_vigente_si("saldo_positivo")),
        Auxiliar("tasa_referencia", "Tasa de referencia (%)", _tasa_referencia("modalidad_credito",
                                                                                R.CL_TASAS_PRODUCTO),
                 FORMATO_DECIMAL),
        Auxiliar("beneficio_credito", "Beneficio en crédito", _beneficio_tasa("saldo_capital", "de_vigente", False),
                 FORMATO_DECIMAL),
        *_concentracion("saldo_capital"),
    ),
    "directivos": (
        PERSONA,
        Auxiliar("organo_directivo", "Órgano 1 a 3", _organo_directivo),
        Auxiliar("primera_silla", "Primera silla de la persona", _primera_silla),
        Auxiliar("fila_asociado", "Posición en Asociados (vigente)", _fila_asociado, "0"),
        Auxiliar("vigente", "Asociado vigente", _directivo_vigente),
        Auxiliar("cuenta", "Cuenta como directivo", _cuenta,
                 descripcion="Primera silla en un órgano 1 a 3 de una persona que es asociada vigente."),
        Auxiliar("natural", "Persona natural", _del_asociado("natural")),
        Auxiliar("mujer", "Mujer", _del_asociado("mujer")),
        Auxiliar("edad", "Edad al corte", _del_asociado("edad"), "0"),
        Auxiliar("joven", "Joven", _del_asociado("joven")),
        Auxiliar("antiguedad", "Antigüedad (años)", _del_asociado("antiguedad"), FORMATO_DECIMAL),
        Auxiliar("con_edad", "Directivo natural con edad", _con_edad_directivo),
        Auxiliar("antiguedad_inferior", "Antigüedad inferior al promedio", _antiguedad_inferior),
    ),
    "beneficios": (
        PERSONA,
        Auxiliar("en_p", "Fecha en P", _fecha_en_p("fecha")),
        Auxiliar("en_p_anterior", "Fecha en el periodo anterior", _en_periodo_anterior),
        Auxiliar("antes_p", "Fecha anterior a P", _antes_de_p),
        Auxiliar("fondo_social", "Fondo social", _texto_es("fondo", *FONDOS_SOCIALES)),
        Auxiliar("educacion", "Tipo beneficio educación", _texto_es("tipo_beneficio", "educacion")),
        Auxiliar("de_vigente", "En P, de un asociado vigente", _de_vigente_si("en_p")),
        Auxiliar("beneficiado_fondos", "Persona beneficiada por fondos en P", _primera_con("en_p", "fondo_social")),
        Auxiliar("beneficiado_fondos_anterior", "Persona beneficiada por fondos en el periodo anterior",
                 _primera_con("en_p_anterior", "fondo_social")),
    ),
    "asamblea": (PERSONA, Auxiliar("asistio_si", "Asistió", _codigo_uno("asistio"))),
    "revalorizacion": (PERSONA, Auxiliar("de_vigente", "De un asociado vigente", _de_vigente)),
    "catalogo": (
        Auxiliar("valida", "Cuenta de 6 dígitos con saldo", _cuenta_valida),
        Auxiliar("nivel", "Nivel CUIF", _nivel, "0"),
        Auxiliar("ancestro_1", "Clase", _ancestro(1), FORMATO_TEXTO),
        Auxiliar("ancestro_2", "Grupo", _ancestro(2), FORMATO_TEXTO),
        Auxiliar("ancestro_4", "Cuenta", _ancestro(4), FORMATO_TEXTO),
        Auxiliar("codigo_valido", "Código si válida", _codigo_valido, FORMATO_TEXTO),
        Auxiliar("saldo_pesos", "Saldo en pesos", _saldo_pesos, FORMATO_DECIMAL),
        Auxiliar("positivo", "Saldo > 0", lambda f: F.bandera(F.comparar(f.c("saldo_pesos"), ">", 0))),
        Auxiliar("contra_nombre", "Nombre termina en (CR)", _contra_nombre),
        Auxiliar("contra", "Cuenta contra", _contra,
                 descripcion="Por su nombre, por la lista oficial o por una cuenta superior que lo es."),
        Auxiliar("hoja", "Más detallada de su rama", _hoja_catalogo,
                 descripcion="Cuenta válida sin cuentas válidas debajo: la que se suma cuando falta la superior."),
    ),
}

for _rep, _aux in AUXILIARES.items():
    _choque = {a.nombre for a in _aux} & ({c.nombre for c in LAYOUTS[_rep].columnas} | {LINEA})
    if _choque:
        raise RuntimeError(f"helper columns of {_rep} reuse layout column names: {_choque}")


# --- planning ------------------------------------------------------------------------------------

def planificar(ds: Any) -> R.Referencias:
    """Where every column of every data sheet goes, from the Dataset's row counts."""
    planes: dict[str, R.PlanHoja] = {}
    for reporte in R.HOJAS:
        df = getattr(ds, reporte)
        filas = 0 if df is None else len(df)
        ultima = R.ultima_fila(filas)
        columnas: dict[str, R.ColumnaHoja] = {}
        indice = 0
        for c in LAYOUTS[reporte].columnas:
            indice += 1
            columnas[c.nombre] = R.ColumnaHoja(reporte, c.nombre, c.encabezado, indice, ultima)
        indice += 1
        columnas[LINEA] = R.ColumnaHoja(reporte, LINEA, ENCABEZADO_LINEA, indice, ultima)
        for a in AUXILIARES[reporte]:
            indice += 1
            columnas[a.nombre] = R.ColumnaHoja(reporte, a.nombre, a.encabezado, indice, ultima, auxiliar=True)
        planes[reporte] = R.PlanHoja(reporte, filas, columnas, entregado=df is not None)
    return R.Referencias(planes, cuentas=dict(ds.parametros.cuentas))


# --- values --------------------------------------------------------------------------------------

def _formato(c: Columna) -> str:
    if c.tipo == "fecha":
        return FORMATO_FECHA
    if c.tipo == "decimal":
        return FORMATO_DECIMAL
    if c.tipo == "entero":
        return FORMATO_ENTERO
    return FORMATO_TEXTO


def _valores(serie: pd.Series | None, c: Columna, n: int) -> list[object]:
    """The column's cells as Python values; missing -> None (an empty cell)."""
    if serie is None:
        return [None] * n
    if c.tipo == "fecha":
        return [None if pd.isna(v) else pd.Timestamp(v).to_pydatetime() for v in serie]
    if c.tipo in ("decimal", "entero"):
        salida: list[object] = []
        for v in serie:
            if v is None or (isinstance(v, float) and math.isnan(v)) or pd.isna(v):
                salida.append(None)
            else:
                x = float(v)
                salida.append(int(x) if x.is_integer() and abs(x) < 2**53 else x)
        return salida
    return [None if v is None or (isinstance(v, float) and math.isnan(v)) or str(v) == ""
            else limpiar_texto(str(v)) for v in serie]


FILA_MOLDE = 1_048_000  # a row no data range reaches: its number (and the one above) is replaced per row
MOLDE_ACTUAL = str(FILA_MOLDE)
MOLDE_ANTERIOR = str(FILA_MOLDE - 1)


def _plantilla(ws: Any, formato: str) -> WriteOnlyCell:
    plantilla = WriteOnlyCell(ws)
    plantilla.number_format = formato
    return plantilla


def _filas(ws: Any, ds: Any, reporte: str, plan: R.PlanHoja, refs: R.Referencias) -> Iterator[list[object]]:
    df = getattr(ds, reporte)
    n = plan.filas
    layout = LAYOUTS[reporte].columnas
    columnas_valor = [_valores(None if df is None else df.get(c.nombre), c, n) for c in layout]
    lineas = [None] * n if df is None or "_linea" not in df else [int(v) for v in df["_linea"]]
    columnas_valor.append(lineas)
    formatos = [_formato(c) for c in layout] + ["0"]
    textos = [c.tipo not in ("fecha", "decimal", "entero") for c in layout] + [False]
    # One styled cell per column, reused on every row: the writer serialises a row before the next.
    plantillas = [_plantilla(ws, f) for f in formatos]
    auxiliares = AUXILIARES[reporte]
    plantillas_aux = [_plantilla(ws, a.formato) for a in auxiliares]
    con_asamblea = ds.asamblea is not None
    # Each helper formula is built once, for a model row, and its row number replaced on every row: the
    # text depends on the row only through this row's cells ($F5) and the rows above it ($F$1:$F4).
    moldes = [F.formula(a.formula(Fila(refs, reporte, FILA_MOLDE, con_asamblea))) for a in auxiliares]
    if plan.ultima >= FILA_MOLDE - 1 or any(str(FILA_MOLDE + 1) in m for m in moldes):
        raise ValueError(f"la hoja {plan.hoja} es demasiado grande para el molde de fórmulas")
    for i in range(n):
        fila = R.PRIMERA_FILA + i
        salida: list[object] = []
        for valores, plantilla, es_texto in zip(columnas_valor, plantillas, textos, strict=True):
            v = valores[i]
            if v is None:
                salida.append(None)
                continue
            plantilla.value = v
            if es_texto and isinstance(v, str):
                plantilla.data_type = "s"  # text stays text even when it starts with '='
            salida.append(plantilla)
        anterior, actual = str(fila - 1), str(fila)
        for molde, plantilla in zip(moldes, plantillas_aux, strict=True):
            plantilla.value = molde.replace(MOLDE_ANTERIOR, anterior).replace(MOLDE_ACTUAL, actual)
            plantilla.data_type = "f"
            salida.append(plantilla)
        yield salida


def _ancho(encabezado_columna: str, c: Columna | None) -> float:
    base = max(10.0, min(40.0, len(encabezado_columna) * 1.1 + 2))
    if c is not None and c.tipo == "fecha":
        return max(base, 12.0)
    return base


def hoja_datos(wb: Any, ds: Any, reporte: str, refs: R.Referencias) -> Any:
    """Write the data sheet of one report and the defined names of its columns."""
    plan = refs.plan(reporte)
    ws = wb.create_sheet(plan.hoja)
    layout = {c.nombre: c for c in LAYOUTS[reporte].columnas}
    columnas = list(plan.columnas.values())
    anchos(ws, [_ancho(c.encabezado, layout.get(c.nombre)) for c in columnas])
    fijar_encabezado(ws, 1, 0)
    configurar_impresion(ws, horizontal=True)
    Escritor(ws).agregar(*(encabezado(ws, c.encabezado, auxiliar=c.auxiliar) for c in columnas))
    for fila in _filas(ws, ds, reporte, plan, refs):
        ws.append(fila)
    if plan.filas:
        ws.auto_filter.ref = f"A1:{columnas[-1].letra}{plan.ultima_con_datos}"
    for c in columnas:
        definir(wb, c.nombre_definido, c.rango)
    return ws


def escribir_hojas_datos(wb: Any, ds: Any, refs: R.Referencias) -> list[Any]:
    """Every data sheet, in the order of referencias.HOJAS."""
    return [hoja_datos(wb, ds, reporte, refs) for reporte in R.HOJAS]
