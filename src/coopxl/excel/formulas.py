"""The one module where formula text is built: references, quoting, function calls and the rule checker.

Every formula the workbook holds must compute the same in Excel 2010+, LibreOffice 7.4+ and the
`formulas` package (DESIGN.md, "Formulas that every engine reads the same way"). The builders here
only produce text; they never know what a sheet means. Arguments are formula text already (a
reference, a defined name, a nested call); plain Python numbers and booleans are converted; a
string literal must be asked for explicitly with `texto()`, so a reference is never quoted by
mistake and a user's text never becomes a formula.

Function names are English, as openpyxl stores them (Excel shows them in the user's language).

Engine notes that shaped the rules (checked on LibreOffice 7.4 and formulas 1.3.4):
- `formulas` drops a double unary minus: SUMPRODUCT(--(A1:A3="C")) gives 0 there. Multiply by 1.
- `formulas` cannot resolve a sheet whose name holds an apostrophe (#REF!), although Excel and
  LibreOffice can; the escaping is still right, and `revisar_formula` flags such references.
- COUNTIFS criteria "=" and "<>" count blanks differently in `formulas` and the spreadsheets.
- EDATE, DATEDIF, YEAR/MONTH/DAY, COUNTIFS on numbers and dates, SUMPRODUCT of products of
  comparisons, IF (lazy), IFERROR, INDEX/MATCH and defined names agree in all three.
"""

from __future__ import annotations

import math
import re
from collections.abc import Iterable

from openpyxl.formula.tokenizer import Token, Tokenizer, TokenizerError
from openpyxl.utils import get_column_letter

from coopxl.indicadores.textos.modelo import (
    RESULTADO_DENOMINADOR_CERO,
    RESULTADO_NO_APLICA,
    RESULTADO_SIN_DATOS,
)

MAX_FILAS = 1_048_576
MAX_COLUMNAS = 16_384
MAX_LARGO_FORMULA = 8_192
MAX_ANIDAMIENTO = 64

Arg = str | int | float | bool

# --- references --------------------------------------------------------------------------------

_PROHIBIDOS_HOJA = re.compile(r"[\[\]:*?/\\]")


def letra(columna: int | str) -> str:
    """1 -> 'A', 28 -> 'AB'; a letter is returned upper-cased after checking it."""
    if isinstance(columna, str):
        c = columna.upper()
        if not re.fullmatch(r"[A-Z]{1,3}", c) or _indice_letra(c) > MAX_COLUMNAS:
            raise ValueError(f"columna no válida: {columna!r}")
        return c
    if not 1 <= columna <= MAX_COLUMNAS:
        raise ValueError(f"columna fuera de la hoja: {columna}")
    return get_column_letter(columna)


def _indice_letra(c: str) -> int:
    n = 0
    for ch in c:
        n = n * 26 + ord(ch) - 64
    return n


def hoja(nombre: str) -> str:
    """A sheet name as a reference prefix, always quoted: Asociados -> 'Asociados'; O'Brien -> 'O''Brien'."""
    if not nombre or len(nombre) > 31 or _PROHIBIDOS_HOJA.search(nombre) or nombre.startswith("'") \
            or nombre.endswith("'"):
        raise ValueError(f"nombre de hoja no válido para Excel: {nombre!r}")
    return "'" + nombre.replace("'", "''") + "'"


def _fila(fila: int) -> int:
    if not 1 <= fila <= MAX_FILAS:
        raise ValueError(f"fila fuera de la hoja: {fila}")
    return fila


def celda(columna: int | str, fila: int, nombre_hoja: str | None = None, *, fija_columna: bool = True,
          fija_fila: bool = True) -> str:
    """celda('B', 2) -> '$B$2'; celda(2, 5, 'Cartera', fija_fila=False) -> "'Cartera'!$B5"."""
    texto_celda = f"{'$' if fija_columna else ''}{letra(columna)}{'$' if fija_fila else ''}{_fila(fila)}"
    return f"{hoja(nombre_hoja)}!{texto_celda}" if nombre_hoja else texto_celda


def rango(columna: int | str, primera: int, ultima: int, nombre_hoja: str | None = None,
          columna_final: int | str | None = None) -> str:
    """A bounded absolute range: rango('B', 2, 1201, 'Asociados') -> "'Asociados'!$B$2:$B$1201"."""
    if ultima < primera:
        raise ValueError(f"rango vacío: filas {primera} a {ultima}")
    fin = columna if columna_final is None else columna_final
    texto_rango = f"${letra(columna)}${_fila(primera)}:${letra(fin)}${_fila(ultima)}"
    return f"{hoja(nombre_hoja)}!{texto_rango}" if nombre_hoja else texto_rango


_NOMBRE = re.compile(r"[A-Za-z_\\][A-Za-z0-9_.]*")
_PARECE_CELDA = re.compile(r"(?i)([A-Z]{1,3}[0-9]+|R[0-9]*C?[0-9]*|C[0-9]*)")


def nombre_definido(nombre: str) -> str:
    """Check a defined name (letters, digits, '_' and '.', not a cell address) and return it."""
    if not _NOMBRE.fullmatch(nombre) or _PARECE_CELDA.fullmatch(nombre) or len(nombre) > 255 \
            or nombre.upper() in ("TRUE", "FALSE"):
        raise ValueError(f"nombre definido no válido: {nombre!r}")
    return nombre


# --- literals ------------------------------------------------------------------------------------

def texto(valor: str) -> str:
    """A string literal: 'a"b' -> '"a""b"'."""
    if len(valor) > 255:
        raise ValueError("un texto dentro de una fórmula no puede pasar de 255 caracteres")
    return '"' + valor.replace('"', '""') + '"'


def texto_largo(valor: str) -> str:
    """A string literal of any length: pieces of at most 255 characters joined with '&' (a formula's text
    constants cannot pass 255 characters); a short text is a plain literal."""
    if len(valor) <= 255:
        return texto(valor)
    return "(" + "&".join(texto(valor[i:i + 255]) for i in range(0, len(valor), 255)) + ")"


def numero(valor: float | int) -> str:
    """A number literal without exponent: 0.5 -> '0.5', 30 -> '30', 1e-7 -> '0.0000001'."""
    if isinstance(valor, bool):
        raise TypeError("use logico() para TRUE/FALSE")
    if isinstance(valor, int):
        return str(valor)
    if not math.isfinite(valor):
        raise ValueError(f"número no representable en una fórmula: {valor!r}")
    if valor == int(valor) and abs(valor) < 1e15:
        return str(int(valor))
    t = repr(valor)
    if "e" in t or "E" in t:
        t = f"{valor:.15f}".rstrip("0").rstrip(".")
    return t


def logico(valor: bool) -> str:
    return "TRUE" if valor else "FALSE"


def _arg(valor: Arg) -> str:
    if isinstance(valor, bool):
        return logico(valor)
    if isinstance(valor, int | float):
        return numero(valor)
    if isinstance(valor, str):
        if not valor:
            raise ValueError("argumento vacío: use texto('') para un texto vacío")
        return valor
    raise TypeError(f"argumento no admitido en una fórmula: {valor!r}")


# --- grouping ------------------------------------------------------------------------------------

def _cierre(expr: str, inicio: int) -> int:
    """Index of the parenthesis closing the one at `inicio`, skipping strings and quoted sheet names."""
    nivel = 0
    i = inicio
    while i < len(expr):
        ch = expr[i]
        if ch in "\"'":
            j = i + 1
            while j < len(expr):
                if expr[j] == ch:
                    if j + 1 < len(expr) and expr[j + 1] == ch:
                        j += 2
                        continue
                    break
                j += 1
            i = j + 1
            continue
        if ch == "(":
            nivel += 1
        elif ch == ")":
            nivel -= 1
            if nivel == 0:
                return i
        i += 1
    return -1


_ATOMO = re.compile(
    r"""(?x)
    (?:'(?:[^']|'')+'!|[A-Za-z_][A-Za-z0-9_.]*!)?      # optional sheet
    (?:\$?[A-Za-z]{1,3}\$?[0-9]+(?::\$?[A-Za-z]{1,3}\$?[0-9]+)?   # cell or range
      |[A-Za-z_\\][A-Za-z0-9_.]*)                      # or a defined name
    |[0-9]+(?:\.[0-9]+)?                               # an unsigned number
    |"(?:[^"]|"")*"                                    # a string literal
    """
)
_LLAMADA = re.compile(r"[A-Za-z_][A-Za-z0-9_.]*\(")


def es_atomo(expr: str) -> bool:
    """True when `expr` needs no parentheses as an operand: a reference, name, number, literal or call."""
    if _ATOMO.fullmatch(expr):
        return True
    m = _LLAMADA.match(expr)
    inicio = m.end() - 1 if m else (0 if expr.startswith("(") else -1)
    return inicio >= 0 and _cierre(expr, inicio) == len(expr) - 1


def agrupar(expr: Arg) -> str:
    """Parenthesise an operand unless it is atomic: 'a+b' -> '(a+b)', 'A1' -> 'A1'."""
    t = _arg(expr)
    return t if es_atomo(t) else f"({t})"


# --- calls ---------------------------------------------------------------------------------------

def llamada(funcion: str, *args: Arg) -> str:
    """FUNCTION(arg1,arg2,...) with an English function name."""
    if not re.fullmatch(r"[A-Z][A-Z0-9.]*", funcion):
        raise ValueError(f"nombre de función no válido: {funcion!r}")
    return f"{funcion}({','.join(_arg(a) for a in args)})"


def llamada_complemento(funcion: str, *args: Arg) -> str:
    """A call to an add-in function (an xlwings UDF such as BS_RESULTADO): its name may hold '_'. Such a cell
    computes only where the add-in runs, never in LibreOffice or the `formulas` package."""
    if not re.fullmatch(r"[A-Z][A-Z0-9_.]*", funcion):
        raise ValueError(f"nombre de función no válido: {funcion!r}")
    return f"{funcion}({','.join(_arg(a) for a in args)})"


def formula(expr: Arg) -> str:
    """The cell content: '=' + expression."""
    return "=" + _arg(expr)


def _pares(pares: Iterable[tuple[Arg, Arg]]) -> list[Arg]:
    salida: list[Arg] = []
    for r, c in pares:
        salida += [r, c]
    if not salida:
        raise ValueError("se necesita al menos un par rango, criterio")
    return salida


def countifs(*pares: tuple[Arg, Arg]) -> str:
    """COUNTIFS(r1,c1,r2,c2,...): pass criteria as numbers (equality on 0/1 helper columns) or texto()."""
    return llamada("COUNTIFS", *_pares(pares))


def sumifs(rango_suma: Arg, *pares: tuple[Arg, Arg]) -> str:
    return llamada("SUMIFS", rango_suma, *_pares(pares))


def sumproduct(*matrices: Arg) -> str:
    """SUMPRODUCT(m1,m2,...); build one array argument from conditions with `producto`."""
    if not matrices:
        raise ValueError("SUMPRODUCT necesita al menos una matriz")
    return llamada("SUMPRODUCT", *matrices)


def producto(*factores: Arg) -> str:
    """f1*f2*...: comparisons multiplied give 0/1 arrays ((A=1)*(B=1)); never use '--'."""
    if not factores:
        raise ValueError("producto sin factores")
    return "*".join(agrupar(f) for f in factores)


def suma(*terminos: Arg) -> str:
    """t1+t2+... (the operator, not SUM())."""
    if not terminos:
        raise ValueError("suma sin términos")
    return "+".join(_arg(t) for t in terminos)


_OPERADORES = ("=", "<>", "<", "<=", ">", ">=")


def comparar(a: Arg, operador: str, b: Arg) -> str:
    """a<=b; operands that are not atomic are parenthesised."""
    if operador not in _OPERADORES:
        raise ValueError(f"operador de comparación no válido: {operador!r}")
    return f"{agrupar(a)}{operador}{agrupar(b)}"


def igual_texto(ref: Arg, valor: str) -> str:
    """A code compared as text whatever the cell holds: (ref&"")="1" holds for "1" and for 1."""
    return f'({_arg(ref)}&"")={texto(valor)}'


def concatenar(*partes: Arg) -> str:
    """p1&p2&... (the operator, not CONCATENATE())."""
    return "&".join(agrupar(p) for p in partes)


def si(condicion: Arg, entonces: Arg, si_no: Arg) -> str:
    return llamada("IF", condicion, entonces, si_no)


def si_error(valor: Arg, alterno: Arg) -> str:
    return llamada("IFERROR", valor, alterno)


def y(*condiciones: Arg) -> str:
    return llamada("AND", *condiciones)


def o(*condiciones: Arg) -> str:
    return llamada("OR", *condiciones)


def no(condicion: Arg) -> str:
    return llamada("NOT", condicion)


def bandera(condicion: Arg) -> str:
    """IF(condition,1,0): the 0/1 helper value criteria can compare with plain equality."""
    return si(condicion, 1, 0)


def es_numero(ref: Arg) -> str:
    return llamada("ISNUMBER", ref)


def redondear(valor: Arg, decimales: int = 2) -> str:
    return llamada("ROUND", valor, decimales)


def indice(matriz: Arg, fila: Arg, columna: Arg | None = None) -> str:
    return llamada("INDEX", matriz, fila) if columna is None else llamada("INDEX", matriz, fila, columna)


def coincidir(valor: Arg, matriz: Arg, tipo: int = 0) -> str:
    return llamada("MATCH", valor, matriz, tipo)


def buscar(valor: Arg, en: Arg, devolver: Arg, si_falta: Arg) -> str:
    """IFERROR(INDEX(devolver,MATCH(valor,en,0)),si_falta): exact lookup with a default."""
    return si_error(indice(devolver, coincidir(valor, en, 0)), si_falta)


def division_segura(numerador: Arg, denominador: Arg, *, por_cien: bool = True,
                    decimales: int | None = None) -> str:
    """IF(den=0,"NO SE PUDO CALCULAR, DENOMINADOR EN CERO",num/den*100), as the SES tool prints it."""
    den = agrupar(denominador)
    cociente = f"{agrupar(numerador)}/{den}" + ("*100" if por_cien else "")
    if decimales is not None:
        cociente = redondear(cociente, decimales)
    return si(f"{den}=0", texto(RESULTADO_DENOMINADOR_CERO), cociente)


def es_vacio(ref: Arg) -> str:
    """NOT(ISNUMBER(ref)): a numeric input left blank (or holding text) is «sin dato», never 0."""
    return no(es_numero(ref))


def resultado_estado(valor: Arg, *, cero: Arg | None = None, sin_datos: Arg | None = None,
                     no_aplica: Arg | None = None) -> str:
    """The result cell of an indicator in the precedence of indicadores.md:
    no_aplica > sin_datos > denominador_cero > the value (each condition optional)."""
    salida = _arg(valor)
    if cero is not None:
        salida = si(cero, texto(RESULTADO_DENOMINADOR_CERO), salida)
    if sin_datos is not None:
        salida = si(sin_datos, texto(RESULTADO_SIN_DATOS), salida)
    if no_aplica is not None:
        salida = si(no_aplica, texto(RESULTADO_NO_APLICA), salida)
    return salida


# --- the rule checker ----------------------------------------------------------------------------

# Functions checked to compute alike in Excel 2010+, LibreOffice 7.4 and formulas 1.3.4
# (tests/test_excel_formulas.py evaluates a sample of each in both engines). TEXT and FIXED format by
# the user's locale in Excel (decimal comma in es-CO): a sentence built with them must be tested so.
PERMITIDAS = frozenset({
    "ABS", "AND", "AVERAGE", "CONCATENATE", "COUNT", "COUNTA", "COUNTIF", "COUNTIFS", "DATE", "DATEDIF",
    "DAY", "EDATE", "EOMONTH", "FIXED", "IF", "IFERROR", "INDEX", "INT", "ISBLANK", "ISERROR", "ISNUMBER",
    "ISTEXT", "LEFT", "LEN", "LOWER", "MATCH", "MAX", "MID", "MIN", "MONTH", "N", "NOT", "OR", "RIGHT",
    "ROUND", "ROW", "SUBSTITUTE", "SUM", "SUMIF", "SUMIFS", "SUMPRODUCT", "TEXT", "TRIM", "UPPER", "VALUE", "YEAR",
})
# Dynamic arrays and functions newer than Excel 2010: named so the message says why.
PROHIBIDAS = frozenset({
    "UNIQUE", "FILTER", "SORT", "SORTBY", "SEQUENCE", "RANDARRAY", "LET", "LAMBDA", "XLOOKUP", "XMATCH",
    "MAP", "REDUCE", "SCAN", "MAKEARRAY", "BYROW", "BYCOL", "VSTACK", "HSTACK", "TAKE", "DROP", "CHOOSECOLS",
    "CHOOSEROWS", "TOCOL", "TOROW", "WRAPROWS", "WRAPCOLS", "EXPAND", "TEXTSPLIT", "TEXTBEFORE", "TEXTAFTER",
    "IFS", "SWITCH", "MAXIFS", "MINIFS", "CONCAT", "TEXTJOIN", "SINGLE", "ANCHORARRAY",
})
# Criteria positions (0-based argument index) of the *IF(S) functions.
_CRITERIOS = {
    "COUNTIF": lambda i: i == 1,
    "SUMIF": lambda i: i == 1,
    "AVERAGEIF": lambda i: i == 1,
    "COUNTIFS": lambda i: i % 2 == 1,
    "SUMIFS": lambda i: i >= 2 and i % 2 == 0,
    "AVERAGEIFS": lambda i: i >= 2 and i % 2 == 0,
}
_COLUMNA_ENTERA = re.compile(r"\$?[A-Za-z]{1,3}:\$?[A-Za-z]{1,3}")
_FILA_ENTERA = re.compile(r"\$?[0-9]+:\$?[0-9]+")


def _sin_hoja(ref: str) -> tuple[str, str]:
    """Split "'Hoja'!$A$1" into ("'Hoja'", "$A$1"); no sheet -> ("", ref)."""
    if ref.startswith("'"):
        fin = 1
        while fin < len(ref):
            if ref[fin] == "'":
                if fin + 1 < len(ref) and ref[fin + 1] == "'":
                    fin += 2
                    continue
                break
            fin += 1
        return ref[: fin + 1], ref[fin + 2:]
    if "!" in ref:
        h, _, r = ref.rpartition("!")
        return h, r
    return "", ref


def revisar_formula(texto_formula: str) -> list[str]:
    """The constructs some engine reads differently or not at all; [] when the formula is portable.

    Flags: functions outside PERMITIDAS (dynamic arrays, post-2010 functions, unknown or localised
    names), structured or external references ([...]), whole-column or whole-row references,
    spill (#) and implicit-intersection (@) operators, a double unary minus, sheet names with an
    apostrophe, criteria that start with a comparison operator or use wildcards, and formulas over
    Excel's length or nesting limits.
    """
    problemas: list[str] = []
    if not texto_formula.startswith("="):
        return ["no es una fórmula: debe empezar con «=»."]
    if len(texto_formula) > MAX_LARGO_FORMULA:
        problemas.append(f"la fórmula tiene {len(texto_formula)} caracteres; Excel admite "
                         f"{MAX_LARGO_FORMULA}.")
    try:
        fichas = Tokenizer(texto_formula).items
    except TokenizerError as e:
        return [*problemas, f"no se pudo analizar la fórmula ({e})."]
    # Stack of open calls: [function name or "(" for a plain parenthesis, argument index, tokens in arg]
    pila: list[list] = []
    anterior: Token | None = None
    for ficha in fichas:
        tipo, sub, valor = ficha.type, ficha.subtype, ficha.value
        if tipo == Token.WSPACE:
            continue
        if pila and tipo != Token.SEP:
            pila[-1][2] += 1
        if tipo == Token.FUNC and sub == Token.OPEN:
            nombre = valor[:-1].upper()
            base = nombre
            for prefijo in ("_XLFN._XLWS.", "_XLFN.", "_XLWS."):
                if base.startswith(prefijo):
                    base = base[len(prefijo):]
            if nombre.startswith(("_XLFN.", "_XLWS.")):
                problemas.append(f"«{valor[:-1]}» es una función posterior a Excel 2010 (prefijo _xlfn).")
            elif base in PROHIBIDAS:
                problemas.append(f"«{base}» es una función de matrices dinámicas o posterior a Excel 2010: "
                                 "no calcula en Excel 2010 ni en el paquete formulas.")
            elif base not in PERMITIDAS:
                problemas.append(f"«{base}» no está en la lista de funciones probadas en los tres motores "
                                 "(use el nombre en inglés).")
            pila.append([base, 0, 0])
        elif tipo == Token.PAREN and sub == Token.OPEN:
            pila.append(["(", 0, 0])
        elif (tipo == Token.FUNC or tipo == Token.PAREN) and sub == Token.CLOSE:
            if pila:
                pila.pop()
        elif tipo == Token.SEP and sub == Token.ARG and pila:
            pila[-1][1] += 1
            pila[-1][2] = 0
        elif tipo == Token.OPERAND and sub == Token.RANGE:
            problemas += _revisar_referencia(valor)
        elif tipo == Token.OPERAND and sub == Token.TEXT and pila:
            funcion, i, n = pila[-1]
            es_criterio = funcion in _CRITERIOS and _CRITERIOS[funcion](i) and n == 1
            if es_criterio:
                problemas += _revisar_criterio(valor[1:-1].replace('""', '"'))
        elif tipo == Token.OP_PRE and valor == "-" and anterior is not None \
                and anterior.type == Token.OP_PRE and anterior.value == "-":
            problemas.append("doble negación «--»: el paquete formulas la ignora; multiplique por 1.")
        elif tipo == Token.OP_PRE and valor == "@":
            problemas.append("operador de intersección implícita «@»: no existe en Excel 2010.")
        if len(pila) > MAX_ANIDAMIENTO:
            problemas.append(f"más de {MAX_ANIDAMIENTO} niveles de anidamiento.")
            break
        anterior = ficha
    return list(dict.fromkeys(problemas))


def _revisar_referencia(ref: str) -> list[str]:
    problemas = []
    nombre_hoja, parte = _sin_hoja(ref)
    if "[" in ref:
        problemas.append(f"«{ref}» es una referencia estructurada de tabla o a otro libro: el paquete "
                         "formulas no la entiende; use rangos acotados o nombres definidos.")
    if "#" in parte:
        problemas.append(f"«{ref}» usa un error o el operador de desbordamiento (#).")
    if _COLUMNA_ENTERA.fullmatch(parte):
        problemas.append(f"«{ref}» es una columna entera: use un rango acotado a las filas de datos.")
    elif _FILA_ENTERA.fullmatch(parte):
        problemas.append(f"«{ref}» es una fila entera: use un rango acotado.")
    if "''" in nombre_hoja:
        problemas.append(f"«{ref}»: el paquete formulas no resuelve hojas con apóstrofo en el nombre.")
    return problemas


def _revisar_criterio(criterio: str) -> list[str]:
    if criterio[:1] in ("<", ">", "="):
        return [f"criterio «{criterio}»: los motores no coinciden en criterios con operador (vacíos, "
                "textos); compare por igualdad con una columna auxiliar 0/1."]
    if any(ch in criterio for ch in "*?~"):
        return [f"criterio «{criterio}»: los comodines dependen de la configuración del motor."]
    return []
