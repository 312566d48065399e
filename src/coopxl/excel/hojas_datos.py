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
results (tests/test_excel_indicadores.py). Every helper reads only its own row and the rows around it
relatively, so a row copied down by a user computes right.

Big sheets are written sorted by the persona key, so that per-person lookups are binary searches over running
sums (see «sorted sheets» below, `suma_persona`); every such helper falls back to the plain COUNTIFS/SUMIFS
when the sheet is no longer sorted (tests/test_excel_orden.py).

The header goes through openpyxl; the data rows through `filas_rapidas` (column by column, each helper formula
built once for a model row FILA_MOLDE and its row numbers replaced).
"""

from __future__ import annotations

import math
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

import pandas as pd
from openpyxl.cell import WriteOnlyCell

from coopxl.dataset import EDAD_JOVEN, FONDOS_SOCIALES, ORGANOS_DIRECTIVOS
from coopxl.excel import filas_rapidas as FR
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
from coopxl.sicses.layouts import LAYOUTS, TIPOS_BENEFICIO, Columna

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

    def anterior(self, nombre: str) -> str:
        """The row above's cell of a column of the same sheet: $F4 (the header on the first data row)."""
        return self.refs.columna(self.reporte, nombre).celda(self.fila - 1)

    def siguiente(self, nombre: str) -> str:
        """The row below's cell of a column of the same sheet: $F6 (only the sorted-sheet helpers read it)."""
        return self.refs.columna(self.reporte, nombre).celda(self.fila + 1)


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


# --- sorted sheets: per-person lookups in O(log n) ---------------------------------------------------
#
# A per-person COUNTIFS/SUMIFS/MATCH over a whole column costs O(rows) in every engine, so one such helper
# per row is O(n x m): at 10k associates LibreOffice spent minutes on them. The generator therefore writes
# every sheet with a `persona` key sorted by that key (from ORDENAR_DESDE rows), and each sheet carries:
# - `fin`: on every row, the position (1 = first data row) of the person's last row (the next row decides);
# - `acum_…`: running sums within the person (a 0/1 product of flags, or a column's numbers), so that the
#   person's total is the running sum at `fin`;
# - `inicio` (Asociados): the position of the person's first row.
# A lookup then is a binary search, MATCH(key, keys, 1), and an equality check. The cell CL_ordenada_<report>
# (Calculos) tells, in O(n), whether the keys are still ascending in the engine's own text order and nothing
# was added below the data; each helper is IF(CL_ordenada_<report>, fast, slow), and the slow branch is the
# plain COUNTIFS/SUMIFS/MATCH, so a user who appends or edits rows still gets exact results (IF evaluates one
# branch only). Which duplicate MATCH(…,1) lands on differs between engines (the last one in LibreOffice, the
# first one in `formulas`): the fast branch reads only values that are the same on every row of a person.

ORDENAR_DESDE = 1000  # a sheet with at least this many rows is written sorted by persona


@dataclass(frozen=True)
class Acumulado:
    """A running sum within the person: Σ N(valor) x flags (valor None: Σ flags, a count of rows)."""

    valor: str | None
    banderas: tuple[str, ...] = ()

    @property
    def nombre(self) -> str:
        return "acum_" + "_".join(([self.valor] if self.valor else []) + list(self.banderas))

    def expresion(self, f: Fila) -> str:
        factores = ([F.llamada("N", f.c(self.valor))] if self.valor else []) + [f.c(b) for b in self.banderas]
        return F.producto(*factores)


def nombre_ordenada(reporte: str) -> str:
    """The Calculos cell that says a sheet is sorted by persona: CL_ordenada_cartera."""
    return R.nombre_calculo(f"ordenada_{reporte}")


def clave_persona(tipo: object, documento: object) -> str:
    """The persona key as the sheet's formula builds it (tipo & ":" & documento)."""
    return ("" if tipo is None else str(tipo)) + ":" + ("" if documento is None else str(documento))


def orden_filas(tipos: list[object], documentos: list[object]) -> list[int]:
    """The rows in the order the sheet holds them: by persona key (compared upper-cased, as Excel and the
    `formulas` package compare text), stable; the file order when the sheet is small."""
    n = len(tipos)
    if n < ORDENAR_DESDE:
        return list(range(n))
    claves = [clave_persona(t, d) for t, d in zip(tipos, documentos, strict=True)]
    return sorted(range(n), key=lambda i: (claves[i].upper(), claves[i]))


def nombre_datos(reporte: str, columna: str) -> str:
    return F.nombre_definido(f"{R.PREFIJOS[reporte]}_{columna}_datos")


def filas_en_hoja(df: pd.DataFrame) -> list[int]:
    """The sheet row of each row of a report's DataFrame (positions in df order): what a sheet that points
    at a data row (a row number shown, a cell referenced) must use, since big sheets are sorted."""
    orden = orden_filas(list(df["tipo_documento"]), list(df["documento"])) if len(df) else []
    filas = [0] * len(orden)
    for fila, i in enumerate(orden, start=R.PRIMERA_FILA):
        filas[i] = fila
    return filas


def datos(refs: R.Referencias, reporte: str, columna: str) -> str:
    """The data rows only of a column (no headroom), by its defined name CA_persona_datos: the fast branch's
    ranges (the check cell makes sure nothing was written below them)."""
    refs.columna(reporte, columna)  # the column exists
    return nombre_datos(reporte, columna)


def rangos_de_datos(refs: R.Referencias, reporte: str) -> dict[str, str]:
    """The defined names of the data-only ranges the fast branches read -> their ranges (none when empty)."""
    plan = refs.plan(reporte)
    if reporte not in REPORTES_PERSONA or not plan.filas:
        return {}
    columnas = ["persona", "fin", *(["inicio"] if reporte == "asociados" else []),
                *(a.nombre for a in ACUMULADOS[reporte])]
    return {nombre_datos(reporte, c): F.rango(plan.columnas[c].indice, R.PRIMERA_FILA, plan.ultima_con_datos,
                                              plan.hoja) for c in columnas}


def calculo_ordenada(refs: R.Referencias, reporte: str) -> str:
    """TRUE when the persona keys of the data rows ascend (engine's text order) and the headroom is empty."""
    plan = refs.plan(reporte)
    persona = refs.columna(reporte, "persona")
    documento = refs.columna(reporte, "documento")
    vacia = F.comparar(F.suma(*(F.llamada("COUNTA", F.rango(c.indice, plan.ultima_con_datos + 1, plan.ultima,
                                                                c.hoja)) for c in (persona, documento))), "=", 0)
    if plan.filas < 2:
        return vacia
    arriba = F.rango(persona.indice, R.PRIMERA_FILA, plan.ultima_con_datos - 1, persona.hoja)
    abajo = F.rango(persona.indice, R.PRIMERA_FILA + 1, plan.ultima_con_datos, persona.hoja)
    ascendentes = F.sumproduct(F.producto(F.comparar(arriba, "<=", abajo), 1))
    return F.y(F.comparar(ascendentes, "=", plan.filas - 1), vacia)


def rapido_o_lento(reporte: str, rapido: str, lento: str) -> str:
    return F.si(nombre_ordenada(reporte), rapido, lento)


def _posicion(refs: R.Referencias, reporte: str, clave: str) -> str:
    return F.coincidir(clave, datos(refs, reporte, "persona"), 1)


def total_persona(refs: R.Referencias, reporte: str, acumulado: Acumulado, clave: str) -> str:
    """Fast branch: the person's total of a running sum of `reporte` (0 when the person has no row there)."""
    if not refs.plan(reporte).filas:
        return "0"
    pos = _posicion(refs, reporte, clave)
    encontrada = F.comparar(F.indice(datos(refs, reporte, "persona"), pos), "=", clave)
    total = F.indice(datos(refs, reporte, acumulado.nombre), F.indice(datos(refs, reporte, "fin"), pos))
    return F.si_error(F.si(encontrada, total, 0), 0)


def suma_persona(refs: R.Referencias, reporte: str, clave: str, valor: str | None,
                 *banderas: str) -> str:
    """THE per-person lookup: Σ `valor` (None: the number of rows) of the person's rows of `reporte` whose 0/1
    helper columns `banderas` are all 1, for the key in the cell `clave`; O(log n) on a sorted sheet,
    SUMIFS/COUNTIFS otherwise. The running sum it reads must be declared in ACUMULADOS[reporte]."""
    acumulado = Acumulado(valor, tuple(banderas))
    if acumulado not in ACUMULADOS.get(reporte, ()):
        raise KeyError(f"{reporte}: declare Acumulado({valor!r}, {tuple(banderas)!r}) en ACUMULADOS")
    pares = [(refs.rango(reporte, "persona"), clave), *((refs.rango(reporte, b), 1) for b in banderas)]
    lento = F.countifs(*pares) if valor is None else F.sumifs(refs.rango(reporte, valor), *pares)
    return rapido_o_lento(reporte, total_persona(refs, reporte, acumulado, clave), lento)


def hay_persona(refs: R.Referencias, reporte: str, clave: str, *banderas: str) -> str:
    """The person has a row of `reporte` with every 0/1 flag: a condition (TRUE/FALSE)."""
    return F.comparar(suma_persona(refs, reporte, clave, None, *banderas), ">", 0)


def _misma_que_arriba(f: Fila) -> str:
    return F.comparar(f.c("persona"), "=", f.anterior("persona"))


def _acumulado(a: Acumulado) -> Callable[[Fila], str]:
    def formula(f: Fila) -> str:
        return F.suma(F.si(_misma_que_arriba(f), F.llamada("N", f.anterior(a.nombre)), 0), F.agrupar(a.expresion(f)))
    return formula


def _posicion_fila() -> str:
    return f"{F.llamada('ROW')}-{R.PRIMERA_FILA - 1}"


def _fin(f: Fila) -> str:
    return F.si(F.comparar(f.siguiente("persona"), "=", f.c("persona")), f.siguiente("fin"), _posicion_fila())


def _inicio(f: Fila) -> str:
    return F.si(_misma_que_arriba(f), f.anterior("inicio"), _posicion_fila())


def _primera_rapida(f: Fila, *columnas: str) -> str:
    """Fast branch of «first row of the person among the rows with these flags»: the running count is 1."""
    return F.si(F.y(*(_uno(f.c(c)) for c in columnas)),
                F.bandera(F.comparar(f.c(Acumulado(None, columnas).nombre), "=", 1)), 0)


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
    en_mora = suma_persona(f.refs, "cartera", f.c("persona"), None, "en_mora")
    return F.si(_uno(f.c("vigente")), F.bandera(F.comparar(en_mora, "=", 0)), 0)


def _activo(f: Fila) -> str:
    p = f.c("persona")
    usos = F.suma(
        suma_persona(f.refs, "cartera", p, None, "saldo_positivo"),
        suma_persona(f.refs, "cartera", p, None, "desembolso_p"),
        suma_persona(f.refs, "captaciones", p, None, "saldo_positivo"),
        suma_persona(f.refs, "aportes", p, None, "pago_p"),
    )
    return F.si(_uno(f.c("vigente")), F.bandera(F.comparar(usos, ">", 0)), 0)


def _asistente(f: Fila) -> str:
    if f.con_asamblea:
        return F.si(_uno(f.c("vigente")), F.bandera(hay_persona(f.refs, "asamblea", f.c("persona"), "asistio_si")), 0)
    return F.bandera(F.y(_uno(f.c("vigente")), F.igual_texto(f.c("asistio_ultima_asamblea"), "1")))


def _clave_vigente(f: Fila) -> str:
    return F.si(_uno(f.c("vigente")), f.c("persona"), F.texto(""))


def _no_esta_arriba(f: Fila, columna: str) -> str:
    """The row's person is not in `columna` above this row (relative ranges: a copied row stays right)."""
    return F.no(F.es_numero(F.coincidir(f.c("persona"), f.arriba(columna), 0)))


def _primera_vigente(f: Fila) -> str:
    return rapido_o_lento("asociados", _primera_rapida(f, "vigente"),
                          F.si(_uno(f.c("vigente")), F.bandera(_no_esta_arriba(f, "clave_vigente")), 0))


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
    return _primera_con("organo_directivo")(f)


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
    return rapido_o_lento(f.reporte, F.bandera(F.no(_misma_que_arriba(f))), F.bandera(_no_esta_arriba(f, "persona")))


def _primera_con(*columnas: str) -> Callable[[Fila], str]:
    """1 on the first row of a person among the rows whose 0/1 `columnas` are all 1."""
    def formula(f: Fila) -> str:
        antes = F.countifs((f.arriba("persona"), f.c("persona")), *((f.arriba(c), 1) for c in columnas))
        lenta = F.si(F.y(*(_uno(f.c(c)) for c in columnas)), F.bandera(F.comparar(antes, "=", 0)), 0)
        return rapido_o_lento(f.reporte, _primera_rapida(f, *columnas), lenta)
    return formula


def _sin_entrar_y_salir(f: Fila) -> str:
    """The person has no row that joined and retired within P (indicadores.md: left out of both terms)."""
    ambos = suma_persona(f.refs, "asociados", f.c("persona"), None, "vinculado_p", "retirado_p")
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
        return F.si(_uno(f.c(guarda)), F.bandera(hay_persona(f.refs, reporte, f.c("persona"), *criterios)), 0)
    return formula


def _volumen(f: Fila) -> str:
    """Business volume of a vigente natural person (first vigente row): Monto disbursed in P + Valor Inicial
    of captaciones opened in P + 12 x aportes Cuota Mensual (equidad_genero_volumen_negocio)."""
    p = f.c("persona")
    partes = F.suma(
        suma_persona(f.refs, "cartera", p, "monto", "desembolso_cuenta"),
        suma_persona(f.refs, "captaciones", p, "valor_inicial", "apertura_p"),
        f"12*{F.agrupar(suma_persona(f.refs, 'aportes', p, 'cuota_mensual'))}",
    )
    return F.si(F.y(_uno(f.c("primera_vigente")), _uno(f.c("natural"))), partes, 0)


def _volumen_de(mujer: int) -> Callable[[Fila], str]:
    def formula(f: Fila) -> str:
        return F.bandera(F.y(_uno(f.c("primera_vigente")), _uno(f.c("natural")),
                             F.comparar(f.c("volumen"), ">", 0), F.comparar(f.c("mujer"), "=", mujer)))
    return formula


def _de_vigente(f: Fila) -> str:
    """The row's person is a vigente associate."""
    p = f.c("persona")
    return rapido_o_lento("asociados", F.bandera(F.comparar(total_persona(f.refs, "asociados", VIGENTES, p), ">", 0)),
                          F.bandera(F.es_numero(F.coincidir(p, f.r("asociados", "clave_vigente"), 0))))


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
    p = f.c("persona")
    lenta = F.si_error(F.coincidir(p, f.r("asociados", "persona"), 0), 0)
    if not f.refs.plan("asociados").filas:
        return lenta
    pos = _posicion(f.refs, "asociados", p)
    rapida = F.si_error(F.si(F.comparar(F.indice(datos(f.refs, "asociados", "persona"), pos), "=", p),
                             F.indice(datos(f.refs, "asociados", "inicio"), pos), 0), 0)
    return rapido_o_lento("asociados", rapida, lenta)


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


def _ambas_tasas(f: Fila) -> str:
    """The row has its own Tasa Efectiva and a reference rate for its product."""
    return F.bandera(F.y(F.es_numero(f.c("tasa_efectiva")), F.es_numero(f.c("tasa_referencia"))))


def _beneficio_tasa(saldo: str, vigente: str, propia_menos_referencia: bool) -> Callable[[Fila], str]:
    """Saldo x (rate difference) / 100 of a row with balance of a vigente, when both rates are known."""
    def formula(f: Fila) -> str:
        propia, ref = f.c("tasa_efectiva"), f.c("tasa_referencia")
        diferencia = f"{propia}-{ref}" if propia_menos_referencia else f"{ref}-{propia}"
        return F.si(F.y(_uno(f.c("saldo_positivo")), _uno(f.c(vigente)), _uno(f.c("ambas_tasas"))),
                    f"{f.c(saldo)}*({diferencia})/100", 0)
    return formula


# Concentration (k of the 80 % rule, integer cents): per person, on the person's first row, the total
# balance and its cents; k itself is found on Calculos by bisection over the cents (bloques.concentracion_80).

def _saldo_persona(columna: str) -> Callable[[Fila], str]:
    def formula(f: Fila) -> str:
        return F.si(_uno(f.c("primera_fila")), suma_persona(f.refs, f.reporte, f.c("persona"), columna), 0)
    return formula


def _titular(f: Fila) -> str:
    return F.bandera(F.y(_uno(f.c("primera_fila")), F.comparar(f.c("saldo_persona"), ">", 0)))


def _centavos(f: Fila) -> str:
    return F.si(_uno(f.c("titular")), F.redondear(f"{f.c('saldo_persona')}*100", 0), 0)


def _concentracion(columna: str) -> tuple[Auxiliar, ...]:
    return (
        Auxiliar("primera_fila", "Primera fila de la persona", _primera_fila),
        Auxiliar("saldo_persona", "Saldo total de la persona", _saldo_persona(columna), FORMATO_DECIMAL),
        Auxiliar("titular", "Persona con saldo total > 0", _titular),
        Auxiliar("centavos", "Saldo total en centavos", _centavos, "0"),
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
AMBAS_TASAS = Auxiliar("ambas_tasas", "Con tasa efectiva y de referencia", _ambas_tasas)

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
        AMBAS_TASAS,
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
        AMBAS_TASAS,
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
        *(Auxiliar(t, f"Tipo beneficio {t}", _texto_es("tipo_beneficio", t)) for t in TIPOS_BENEFICIO),
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

# The running sums each sheet carries (suma_persona reads them; add one here to look a new total up).
ACUMULADOS: dict[str, tuple[Acumulado, ...]] = {
    "asociados": (
        Acumulado(None, ("vigente",)),
        Acumulado(None, ("vinculado_p", "retirado_p")),
        Acumulado(None, ("vinculado_p", "habil")),
        Acumulado(None, ("retirado_p",)),
        Acumulado(None, ("vigente_inicio",)),
        Acumulado(None, ("vinculado_p", "natural", "con_nacimiento")),
        Acumulado(None, ("vinculado_p", "joven")),
    ),
    "aportes": (Acumulado(None, ("pago_p",)), Acumulado("cuota_mensual"), Acumulado("valor_revalorizacion"),
                Acumulado("saldo_total")),
    "captaciones": (
        Acumulado(None, ("saldo_positivo",)),
        Acumulado(None, ("ahorro_vista_cdat", "saldo_positivo")),
        Acumulado("valor_inicial", ("apertura_p",)),
        Acumulado("saldo_disponible"),
        # beneficio solidario (hoja_beneficio): rows with balance of a vigente, those with both rates, the sum
        Acumulado(None, ("de_vigente",)), Acumulado(None, ("de_vigente", "ambas_tasas")),
        Acumulado("beneficio_ahorro"),
    ),
    "cartera": (
        Acumulado(None, ("en_mora",)),
        Acumulado(None, ("saldo_positivo",)),
        Acumulado(None, ("desembolso_p",)),
        Acumulado("monto", ("desembolso_cuenta",)),
        Acumulado("saldo_capital"),
        # beneficio solidario (hoja_beneficio): rows with balance of a vigente, those with both rates, the sum
        Acumulado(None, ("de_vigente",)), Acumulado(None, ("de_vigente", "ambas_tasas")),
        Acumulado("beneficio_credito"),
    ),
    "directivos": (Acumulado(None, ("organo_directivo",)),),
    "beneficios": (
        Acumulado(None, ("en_p",)),
        Acumulado(None, ("en_p", "educacion")),
        Acumulado(None, ("en_p", "fondo_social")),
        Acumulado(None, ("en_p_anterior", "fondo_social")),
        *(Acumulado("valor", ("en_p", t)) for t in TIPOS_BENEFICIO),
    ),
    "asamblea": (Acumulado(None, ("asistio_si",)),),
    "revalorizacion": (Acumulado("valor_revalorizado"),),
}
VIGENTES = ACUMULADOS["asociados"][0]
REPORTES_PERSONA = tuple(r for r, aux in AUXILIARES.items() if PERSONA in aux)


def _encabezado_acumulado(a: Acumulado) -> str:
    que = a.valor or "filas"
    return f"Acumulado de la persona: {que}" + (f" con {' y '.join(a.banderas)}" if a.banderas else "")


def _auxiliares_de_orden(reporte: str) -> tuple[Auxiliar, ...]:
    """fin (every person sheet), inicio (Asociados) and the running sums of ACUMULADOS."""
    salida = [Auxiliar("fin", "Última fila de la persona (posición)", _fin, "0",
                       "Posición de la última fila de la persona; sirve a las búsquedas en la hoja ordenada.")]
    if reporte == "asociados":
        salida.append(Auxiliar("inicio", "Primera fila de la persona (posición)", _inicio, "0"))
    salida += [Auxiliar(a.nombre, _encabezado_acumulado(a), _acumulado(a), FORMATO_DECIMAL if a.valor else "0")
               for a in ACUMULADOS[reporte]]
    return tuple(salida)


for _rep in REPORTES_PERSONA:
    AUXILIARES[_rep] = (*AUXILIARES[_rep], *_auxiliares_de_orden(_rep))

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
    """The column's cells as Python values; missing -> None (an empty cell). Whole-column conversions: the
    per-cell work left is the int/float choice and the text check."""
    if serie is None:
        return [None] * n
    if c.tipo == "fecha":
        fechas = pd.to_datetime(serie)
        vacias = fechas.isna().tolist()
        return [None if vacia else v for v, vacia in zip(fechas.dt.to_pydatetime().tolist(), vacias, strict=True)]
    if c.tipo in ("decimal", "entero"):
        numeros = serie.to_numpy(dtype="float64", na_value=math.nan).tolist()
        return [None if x != x else int(x) if x.is_integer() and abs(x) < 2**53 else x for x in numeros]
    textos = serie.to_numpy(dtype=object, na_value=None).tolist()
    return [None if v is None or (isinstance(v, float) and math.isnan(v)) or (t := str(v)) == ""
            else limpiar_texto(t) for v in textos]


FILA_MOLDE = 1_048_000  # a row no data range reaches: its number (and the ones around) is replaced per row
MOLDE_ACTUAL = str(FILA_MOLDE)
MOLDE_ANTERIOR = str(FILA_MOLDE - 1)
MOLDE_SIGUIENTE = str(FILA_MOLDE + 1)


def _plantilla(ws: Any, formato: str) -> WriteOnlyCell:
    plantilla = WriteOnlyCell(ws)
    plantilla.number_format = formato
    return plantilla


def moldes_auxiliares(refs: R.Referencias, reporte: str, con_asamblea: bool) -> list[FR.Molde]:
    """Each helper formula built once, for a model row, with the rows whose numbers are replaced on every row:
    the text depends on the row only through this row's cells ($F5) and the rows around it ($F$1:$F4, $F6)."""
    plan = refs.plan(reporte)
    marcas = {MOLDE_SIGUIENTE: 1, MOLDE_ANTERIOR: -1, MOLDE_ACTUAL: 0}
    moldes = [FR.Molde(F.formula(a.formula(Fila(refs, reporte, FILA_MOLDE, con_asamblea))), marcas)
              for a in AUXILIARES[reporte]]
    if plan.ultima >= FILA_MOLDE - 1 or any(str(FILA_MOLDE + 2) in m.texto for m in moldes):
        raise ValueError(f"la hoja {plan.hoja} es demasiado grande para el molde de fórmulas")
    return moldes


def _columnas(ws: Any, ds: Any, reporte: str, plan: R.PlanHoja, refs: R.Referencias) -> list[FR.Columna]:
    """Every column of the data rows for the fast writer (filas_rapidas): layout values, file line, helpers."""
    df = getattr(ds, reporte)
    n = plan.filas
    layout = LAYOUTS[reporte].columnas
    columnas_valor = [_valores(None if df is None else df.get(c.nombre), c, n) for c in layout]
    lineas = [None] * n if df is None or "_linea" not in df else [int(v) for v in df["_linea"]]
    columnas_valor.append(lineas)
    if reporte in REPORTES_PERSONA and n:
        nombres = [c.nombre for c in layout]
        orden = orden_filas(columnas_valor[nombres.index("tipo_documento")], columnas_valor[nombres.index("documento")])
        if orden != list(range(n)):
            columnas_valor = [[valores[i] for i in orden] for valores in columnas_valor]
    tipos = [c.tipo for c in layout] + ["entero"]
    formatos = [_formato(c) for c in layout] + ["0"]
    salida: list[FR.Columna] = []
    for indice, (valores, tipo, formato) in enumerate(zip(columnas_valor, tipos, formatos, strict=True), start=1):
        clase = "fecha" if tipo == "fecha" else "numero" if tipo in ("decimal", "entero") else "texto"
        salida.append(FR.Columna(indice, FR.estilo(_plantilla(ws, formato)), clase, valores))  # text stays text
    moldes = moldes_auxiliares(refs, reporte, ds.asamblea is not None)
    for indice, (auxiliar, molde) in enumerate(zip(AUXILIARES[reporte], moldes, strict=True),
                                               start=len(salida) + 1):
        if n:
            molde.comprobar(R.PRIMERA_FILA, R.PRIMERA_FILA + n - 1)
        salida.append(FR.Columna(indice, FR.estilo(_plantilla(ws, auxiliar.formato)), "formula", molde))
    return salida


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
    if plan.filas:
        ws.auto_filter.ref = f"A1:{columnas[-1].letra}{plan.ultima_con_datos}"
    FR.escribir_filas(ws, FR.bloque(R.PRIMERA_FILA, plan.filas, _columnas(ws, ds, reporte, plan, refs)))
    for c in columnas:
        definir(wb, c.nombre_definido, c.rango)
    for nombre, rango in rangos_de_datos(refs, reporte).items():
        definir(wb, nombre, rango)
    return ws


def escribir_hojas_datos(wb: Any, ds: Any, refs: R.Referencias) -> list[Any]:
    """Every data sheet, in the order of referencias.HOJAS."""
    return [hoja_datos(wb, ds, reporte, refs) for reporte in R.HOJAS]
