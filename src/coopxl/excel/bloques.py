"""Building blocks of the indicator formulas, shared by the `excel=` functions of indicadores/p1…p7.

Each block mirrors one Python helper of the indicators (modelo.desde_claves, cuentas.monto_cuif, the
assembly type, the populations of the Dataset) and builds its text only through `excel.formulas`.
Intermediate values live in named cells of the sheet Calculos (`CL_…`, see `CalculoExcel`); the ones the
per-row helper columns read are always written (`calculos_base`).

Whether a report was given is known when the workbook is generated: a sheet that was not given has its
header only, and the formulas treat the report as missing, as the Python engine does.
"""

from __future__ import annotations

import re

from coopxl.beneficios import MODALIDADES, PRODUCTO_AHORRO
from coopxl.cuif import prefijo
from coopxl.excel import formulas as F
from coopxl.excel import referencias as R
from coopxl.excel.hojas_datos import REPORTES_PERSONA, calculo_ordenada, contra_de_codigo
from coopxl.excel.hojas_parametros import inicio_periodo
from coopxl.indicadores.modelo import CalculoExcel, FormulasIndicador

NUM = "{num}"
DEN = "{den}"


# --- complementarios and static facts -------------------------------------------------------------

def co(clave: str) -> str:
    """The input cell of a complementarios key: CO_<clave>."""
    return R.nombre_complementario(clave)


def hay(clave: str) -> str:
    """ISNUMBER(CO_<clave>): a number was typed (blank means missing, never 0)."""
    return F.es_numero(co(clave))


def falta(clave: str) -> str:
    return F.es_vacio(co(clave))


def ambos(clave_num: str, clave_den: str) -> str:
    """Typed values win only when both are typed (modelo.par_complementario)."""
    return F.y(hay(clave_num), hay(clave_den))


def logico(valor: bool) -> str:
    return F.logico(valor)


def no_entregado(refs: R.Referencias, *reportes: str) -> str:
    """TRUE when any of these reports was not given (modelo.falta_reporte), as a constant."""
    return logico(any(not refs.entregado(r) for r in reportes))


def alguno(*condiciones: str) -> str | None:
    """OR of the conditions that are not constant FALSE; None when none is left."""
    quedan = [c for c in condiciones if c and c != "FALSE"]
    if not quedan:
        return None
    if "TRUE" in quedan:
        return "TRUE"
    return quedan[0] if len(quedan) == 1 else F.o(*quedan)


def tipo_asociados() -> str:
    return F.comparar(co("asamblea_tipo"), "=", F.texto("asociados"))


def tipo_delegados() -> str:
    return F.comparar(co("asamblea_tipo"), "=", F.texto("delegados"))


def sin_tipo_asamblea() -> str:
    return F.no(F.o(tipo_asociados(), tipo_delegados()))


# --- populations ------------------------------------------------------------------------------------

def contar(refs: R.Referencias, reporte: str, *columnas: str) -> str:
    """Rows where every 0/1 helper column is 1: SUMPRODUCT of their product (SUM for one column)."""
    rangos = [refs.rango(reporte, c) for c in columnas]
    if len(rangos) == 1:
        return F.llamada("SUM", rangos[0])
    return F.sumproduct(F.producto(*rangos))


def total_asociados(refs: R.Referencias) -> str:
    """Distinct vigente persons (Dataset.total_asociados)."""
    return contar(refs, "asociados", "primera_vigente")


def sumar_si(refs: R.Referencias, reporte: str, columna: str, *banderas: str) -> str:
    """SUMIFS of a column over the rows whose 0/1 helper columns are all 1."""
    return F.sumifs(refs.rango(reporte, columna), *((refs.rango(reporte, b), 1) for b in banderas))


# --- indicator shapes -------------------------------------------------------------------------------

def desde_claves(clave_num: str, clave_den: str, *, por_cien: bool = True,
                 sin_datos: str | None = None, no_aplica: str | None = None) -> FormulasIndicador:
    """Two complementarios keys (modelo.desde_claves)."""
    return FormulasIndicador(co(clave_num), co(clave_den),
                             sin_datos=alguno(sin_datos or "", falta(clave_num), falta(clave_den)),
                             no_aplica=no_aplica, valor=None if por_cien else f"{NUM}/{DEN}")


def cociente(numerador: str, denominador: str, *, sin_datos: str | None = None, por_cien: bool = True,
             calculos: tuple[CalculoExcel, ...] = ()) -> FormulasIndicador:
    return FormulasIndicador(numerador, denominador, sin_datos=alguno(sin_datos or ""),
                             valor=None if por_cien else f"{NUM}/{DEN}", calculos=calculos)


# --- concentration (k of the 80 % rule, p5_autonomia.concentracion_80) -----------------------------------

PASOS_UMBRAL = 52  # bisection steps: totals up to 2^52 cents


def concentracion_80(refs: R.Referencias, reporte: str) -> tuple[str, tuple[CalculoExcel, ...]]:
    """(k, cells): the fewest holders, from the largest total down, whose totals (integer cents, the helper
    column `centavos`) reach 80 % of the sum T: 5 x cumulative >= 4 x T.

    Without sorting and without a per-row rank (a SUMPRODUCT per row is O(n²)): t0, the total of the holder
    at position k, is the largest integer v with 5 x S(>= v) >= 4 x T, where S(>= v) sums the totals >= v;
    Calculos finds it by bisection (PASOS_UMBRAL steps, one SUMPRODUCT each, O(n) per step). Then k = the
    holders above t0 plus the fewest j of the holders equal to t0 with 5 x (S(> t0) + j x t0) >= 4 x T."""
    hoja = R.HOJAS[reporte]
    c = refs.rango(reporte, "centavos")
    total = R.CL_CENTAVOS_TOTAL[reporte]

    def nombre(n: str) -> str:
        return f"{reporte}_umbral_{n}"

    def mayor_o_igual(v: str) -> str:
        return F.sumproduct(F.producto(c, F.comparar(c, ">=", v)))

    calculos = [CalculoExcel(nombre("inferior_0"), f"Concentración 80 % ({hoja}): umbral, cota inferior inicial", "0"),
                CalculoExcel(nombre("superior_0"), f"Concentración 80 % ({hoja}): umbral, cota superior inicial",
                             f"{F.llamada('MAX', c)}+1")]
    for i in range(1, PASOS_UMBRAL + 1):
        lo, hi = R.nombre_calculo(nombre(f"inferior_{i - 1}")), R.nombre_calculo(nombre(f"superior_{i - 1}"))
        medio = F.llamada("INT", f"({lo}+{hi})/2")
        nuevo_lo = F.si(F.comparar(f"5*{mayor_o_igual(medio)}", ">=", f"4*{total}"), medio, lo)
        nuevo_hi = F.si(F.comparar(R.nombre_calculo(nombre(f"inferior_{i}")), "=", medio), hi, medio)
        calculos += [CalculoExcel(nombre(f"inferior_{i}"), f"Concentración 80 % ({hoja}): umbral, paso {i} (inferior)",
                                  nuevo_lo),
                     CalculoExcel(nombre(f"superior_{i}"), f"Concentración 80 % ({hoja}): umbral, paso {i} (superior)",
                                  nuevo_hi)]
    t0 = R.nombre_calculo(nombre(f"inferior_{PASOS_UMBRAL}"))
    suma_mayores = F.sumproduct(F.producto(c, F.comparar(c, ">", t0)))
    mayores = F.sumproduct(F.producto(F.comparar(c, ">", t0), 1))
    calculos += [CalculoExcel(nombre("saldos_mayores"), f"Concentración 80 % ({hoja}): centavos de los totales "
                              "mayores que el umbral", suma_mayores),
                 CalculoExcel(nombre("titulares_mayores"), f"Concentración 80 % ({hoja}): titulares con total "
                              "mayor que el umbral", mayores)]
    s_gt, n_gt = R.nombre_calculo(nombre("saldos_mayores")), R.nombre_calculo(nombre("titulares_mayores"))
    q = F.llamada("INT", f"(4*{total}-5*{s_gt})/(5*{t0})")
    j = f"{q}+{F.si(F.comparar(f'5*({s_gt}+{q}*{t0})', '>=', f'4*{total}'), 0, 1)}"
    k = F.si(F.comparar(total, "<=", 0), 1, f"{n_gt}+{j}")
    calculos.append(CalculoExcel(nombre("k"), f"Concentración 80 % ({hoja}): k, titulares que juntos llegan al 80 %",
                                 k))
    return R.nombre_calculo(nombre("k")), tuple(calculos)


# --- CUIF amounts (cuentas.monto_cuif and the level rule of cuif.py) --------------------------------

def _igual_codigo(refs: R.Referencias, columna: str, codigo: str) -> str:
    return F.comparar(refs.rango("catalogo", columna), "=", F.texto(codigo))


def _listadas(refs: R.Referencias, codigo: str) -> str:
    """How many valid rows list exactly this account."""
    return F.sumproduct(F.producto(_igual_codigo(refs, "codigo_valido", codigo), 1))


def _saldo_listado(refs: R.Referencias, codigo: str) -> str:
    return F.sumproduct(F.producto(_igual_codigo(refs, "codigo_valido", codigo), refs.rango("catalogo", "saldo_pesos")))


def _debajo(refs: R.Referencias, codigo: str) -> str:
    """Valid rows strictly below an account (its subtree without itself)."""
    nivel = len(prefijo(codigo))
    if nivel == 6:
        return "0"
    todas = F.sumproduct(F.producto(_igual_codigo(refs, f"ancestro_{nivel}", codigo), refs.rango("catalogo", "valida")))
    return f"{todas}-{_listadas(refs, codigo)}"


def _contra_cuenta(refs: R.Referencias, codigo: str) -> str:
    """cuif.Catalogo.contra of an account that may not be listed: itself or an account above it."""
    p = prefijo(codigo)
    ancestros = [p[:n].ljust(6, "0") for n in (4, 2, 1) if n < len(p)]
    return F.o(*(contra_de_codigo(F.texto(c), refs) for c in (codigo, *ancestros)))


def _suma_hojas(refs: R.Referencias, codigo: str) -> str:
    """The sum of the most detailed valid accounts below an unlisted account, contra accounts given as
    positive numbers subtracted unless the account itself is a contra account (Catalogo.aporte_a)."""
    nivel = len(prefijo(codigo))
    if nivel == 6:
        return "0"
    base = [_igual_codigo(refs, f"ancestro_{nivel}", codigo), refs.rango("catalogo", "hoja"),
            refs.rango("catalogo", "saldo_pesos")]
    todo = F.sumproduct(F.producto(*base))
    contras = F.sumproduct(F.producto(*base, refs.rango("catalogo", "contra"), refs.rango("catalogo", "positivo")))
    return f"{todo}-{F.si(_contra_cuenta(refs, codigo), 0, f'2*{contras}')}"


def nombre_cuenta(codigo: str) -> str:
    return f"cuenta_{codigo}"


def calculos_cuenta(refs: R.Referencias, codigo: str) -> tuple[CalculoExcel, CalculoExcel]:
    """CL_cuenta_<código> (its amount by the level rule) and CL_cuenta_<código>_sin_detalle (1 when the
    catálogo stops above it with a balance, so its amount cannot be known: cuentas._sin_detalle)."""
    listadas = _listadas(refs, codigo)
    valor = F.si(F.comparar(listadas, ">", 0), _saldo_listado(refs, codigo), _suma_hojas(refs, codigo))
    presente = F.o(F.comparar(listadas, ">", 0), F.comparar(_debajo(refs, codigo), ">", 0))
    p = prefijo(codigo)
    cadena = "FALSE"
    for n in (1, 2, 4):  # built inside out: the nearest listed ancestor decides
        if n >= len(p):
            continue
        candidato = p[:n].ljust(6, "0")
        decide = F.y(F.comparar(_debajo(refs, candidato), "=", 0),
                     F.comparar(_saldo_listado(refs, candidato), "<>", 0))
        cadena = F.si(F.comparar(_listadas(refs, candidato), ">", 0), decide, cadena)
    sin_detalle = F.bandera(F.y(F.no(presente), cadena)) if cadena != "FALSE" else "0"
    nombre = nombre_cuenta(codigo)
    return (CalculoExcel(nombre, f"Cuenta {codigo} (regla de niveles del CUIF)", valor),
            CalculoExcel(f"{nombre}_sin_detalle", f"Cuenta {codigo}: el catálogo no trae su detalle", sin_detalle))


def monto_cuif(refs: R.Referencias, concepto: str) -> tuple[str, str, tuple[CalculoExcel, ...]]:
    """(amount, missing condition, cells) of a concept of parametros/cuentas_cuif.csv.

    The expression is read when the workbook is generated (PA_cuenta_<concepto> shows it); the amount is
    the signed sum of its accounts by the level rule, in pesos (unidad_cuif applied per row). Missing:
    no catálogo, no definition, or an account whose detail the catálogo does not bring."""
    expr = refs.cuentas.get(concepto, "")
    terminos = [(signo, codigo.ljust(6, "0")) for signo, codigo in re.findall(r"([+-]?)\s*(\d{1,6})", expr)]
    calculos: list[CalculoExcel] = []
    partes: list[str] = []
    sin_detalle: list[str] = []
    for signo, codigo in terminos:
        valor, detalle = calculos_cuenta(refs, codigo)
        calculos += [valor, detalle]
        partes.append(("-" if signo == "-" else "+") + R.nombre_calculo(valor.nombre))
        sin_detalle.append(F.comparar(R.nombre_calculo(detalle.nombre), "=", 1))
    monto = "".join(partes).lstrip("+") if partes else "0"
    falta_monto = alguno(no_entregado(refs, "catalogo"), logico(not terminos), *sin_detalle) or "FALSE"
    nombre = f"cuif_{concepto}"
    calculos += [CalculoExcel(nombre, f"Concepto CUIF {concepto} ({expr or 'sin definir'})", monto),
                 CalculoExcel(f"{nombre}_falta", f"Concepto CUIF {concepto}: falta el dato",
                              F.bandera(falta_monto))]
    return (R.nombre_calculo(nombre), F.comparar(R.nombre_calculo(f"{nombre}_falta"), "=", 1), tuple(calculos))


def clave_sobre_cuif(refs: R.Referencias, clave: str, concepto: str) -> FormulasIndicador:
    """A complementarios key over a CUIF concept (cuentas.clave_sobre_cuif)."""
    den, falta_den, calculos = monto_cuif(refs, concepto)
    return FormulasIndicador(co(clave), den, sin_datos=alguno(falta(clave), falta_den), calculos=calculos)


def cuif_o_clave(refs: R.Referencias, clave: str, concepto_num: str, concepto_den: str) -> FormulasIndicador:
    """A CUIF concept over another, the numerator typed in `clave` when given (cuentas.cuif_o_clave)."""
    num, falta_num, calc_num = monto_cuif(refs, concepto_num)
    den, falta_den, calc_den = monto_cuif(refs, concepto_den)
    return FormulasIndicador(F.si(hay(clave), co(clave), num), den,
                             sin_datos=alguno(F.y(falta(clave), falta_num), falta_den), calculos=calc_num + calc_den)


def concepto_sobre_concepto(refs: R.Referencias, concepto_num: str, concepto_den: str) -> FormulasIndicador:
    num, falta_num, calc_num = monto_cuif(refs, concepto_num)
    den, falta_den, calc_den = monto_cuif(refs, concepto_den)
    return FormulasIndicador(num, den, sin_datos=alguno(falta_num, falta_den), calculos=calc_num + calc_den)


# --- cells every workbook has ----------------------------------------------------------------------

PRODUCTOS_TASA: tuple[tuple[str, str], ...] = (
    *((m, "-") for m in MODALIDADES), *((producto, tipo) for tipo, producto in PRODUCTO_AHORRO.items()))


def tasa_producto(producto: str) -> str:
    """The reference rate of a product (Parametros.tasa), or "" when there is none."""
    criterios = ((R.PA_TASA_PRODUCTO, F.texto(producto)), (R.PA_TASA_ELEGIDA, 1))
    return F.si(F.comparar(F.countifs(*criterios), ">", 0), F.sumifs(R.PA_TASA_VALOR, *criterios), F.texto(""))


def calculos_base(refs: R.Referencias) -> tuple[CalculoExcel, ...]:
    """The Calculos cells the per-row helper columns read."""
    return (
        CalculoExcel("inicio_anterior", "Inicio del periodo anterior (12 meses antes de P)",
                     inicio_periodo(f"({R.PA_INICIO}-1)")),
        CalculoExcel("fin_anterior", "Fin del periodo anterior", f"{R.PA_INICIO}-1"),
        CalculoExcel("antiguedad_promedio", "Antigüedad promedio de los asociados vigentes (años)",
                     F.si_error(f"{sumar_si(refs, 'asociados', 'antiguedad', 'primera_vigente')}/"
                                f"{total_asociados(refs)}", 0)),
        CalculoExcel("cartera_centavos_total", "Saldo capital total de los deudores (centavos)",
                     F.llamada("SUM", refs.rango("cartera", "centavos"))),
        CalculoExcel("captaciones_centavos_total", "Saldo disponible total de los ahorradores (centavos)",
                     F.llamada("SUM", refs.rango("captaciones", "centavos"))),
        *(CalculoExcel(f"ordenada_{reporte}", f"Hoja {R.HOJAS[reporte]} ordenada por persona y sin filas agregadas "
                       "(búsquedas rápidas)", calculo_ordenada(refs, reporte)) for reporte in REPORTES_PERSONA),
    )
