"""Numbers written as Colombian text by a formula ('27,66 %', '1.234.567', '$ 1.234.567'), the same
whatever the user's decimal separator is.

TEXT() and FIXED() format with the user's locale in Excel (and the number-to-text conversion of `&` uses
the locale's decimal separator for fractions), so the digits are built arithmetically here:

- the value is rounded half away from zero to whole units of 10^-d as INT(ROUND(ABS(x)*10^d, 6) + 0.5);
  rounding the scaled value to 6 decimals first makes 27.665 (stored 27.66499…) reach 2767 in every engine
  (the `formulas` package's ROUND works on the binary value and gives 27.66), as `formato.redondear` does;
- the integer part is turned into text with `&` (an integer has no separator in any locale), padded to
  15 digits, cut into five groups of three joined by '.', and its leading zeros dropped with RIGHT(…, L),
  L the digits of the integer plus their separators; values from 10^15 on are outside the scope (no
  amount of the Balance reaches them). No MOD: Excel's fails on large quotients;
- the decimals are the remaining units padded with RIGHT("0…"&r, d).

Every argument is formula text already (keep it short: a cell reference or a defined name, it is
repeated inside the expression).
"""

from __future__ import annotations

from coopxl.excel import formulas as F

GRUPOS = 5  # groups of three digits: integers below 10^15


def unidades(valor: str, decimales: int) -> str:
    """|valor| in units of 10^-decimales, rounded half away from zero (an integer-valued number)."""
    absoluto = F.llamada("ABS", valor)
    escalado = F.producto(absoluto, 10 ** decimales) if decimales else absoluto
    return F.llamada("INT", f"{F.redondear(escalado, 6)}+0.5")


def _potencia(exponente: int) -> str:
    return F.numero(10 ** exponente)


def miles(entero: str, grupos: int = GRUPOS) -> str:
    """A non-negative integer with '.' between groups of three digits: 1234567 -> "1.234.567".

    The integer's digits (`&` writes an integer without separators in every locale), left-padded with
    zeros to 15, are cut into five groups joined by '.', and the leading zeros and dots are dropped with
    RIGHT(…, digits + separators). `grupos` bounds the integer (below 1000^grupos); fewer groups make a
    shorter formula for values known to be small (the IPC)."""
    if not 1 <= grupos <= GRUPOS:
        raise ValueError(f"grupos debe estar entre 1 y {GRUPOS}")
    ancho = 3 * grupos
    relleno = F.llamada("RIGHT", F.concatenar(F.texto("0" * (ancho - 1)), entero), ancho)
    grupos = [F.llamada("MID", relleno, 3 * i + 1, 3) for i in range(grupos)]
    todo = F.concatenar(*(p for i, g in enumerate(grupos) for p in ((F.texto("."), g) if i else (g,))))
    digitos = F.llamada("LEN", F.concatenar(entero, F.texto("")))
    return F.llamada("RIGHT", todo, f"{digitos}+{F.llamada('INT', f'({digitos}-1)/3')}")


def numero(valor: str, decimales: int = 2, *, decimales_si_fraccion: bool = False, grupos: int = GRUPOS) -> str:
    """`formato.numero(valor, decimales)` as a formula: "-1.234.567,89".

    With `decimales_si_fraccion`, an integer value is written without decimals (analisis._entrada:
    "13" but "2,50")."""
    if decimales < 0:
        raise ValueError("los decimales no pueden ser negativos")
    u = unidades(valor, decimales)
    signo = F.si(F.y(F.comparar(valor, "<", 0), F.comparar(u, ">", 0)), F.texto("-"), F.texto(""))
    if decimales == 0:
        return F.concatenar(signo, miles(u, grupos))
    base = _potencia(decimales)
    entero = F.llamada("INT", f"{u}/{base}")
    resto = f"{u}-{base}*{entero}"
    fraccion = F.concatenar(F.texto(","), F.llamada("RIGHT", F.concatenar(F.texto("0" * (decimales - 1)), resto),
                                                     decimales))
    if decimales_si_fraccion:
        fraccion = F.si(F.comparar(valor, "=", F.llamada("INT", valor)), F.texto(""), fraccion)
    return F.concatenar(signo, miles(entero, grupos), fraccion)


def porcentaje(valor: str, decimales: int = 2, *, grupos: int = GRUPOS) -> str:
    """`formato.porcentaje`: "27,67 %"."""
    return F.concatenar(numero(valor, decimales, grupos=grupos), F.texto(" %"))


def pesos(valor: str, decimales: int = 0) -> str:
    """`formato.pesos`: "$ 1.234.567"."""
    return F.concatenar(F.texto("$ "), numero(valor, decimales))
