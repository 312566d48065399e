"""The sheets Parametros and Complementarios: every input the formulas read, each in a named cell.

Parametros holds the cut date and the period derived from it, dias_mora_habil, unidad_cuif, the
SMMLV/IPC table, the reference rates with their source, the CUIF modality mapping and the account
concepts, as the Dataset loaded them (shipped defaults merged with the user's files).
Complementarios has one labelled input cell per key of `coopxl.complementarios.CLAVES`, with a data
validation by type. A missing input stays an empty cell: empty means «sin dato», never 0.
"""

from __future__ import annotations

import csv
import datetime as dt
from collections.abc import Sequence
from typing import Any

from openpyxl.workbook.defined_name import DefinedName
from openpyxl.worksheet.datavalidation import DataValidation

from coopxl.complementarios import CLAVES, Clave
from coopxl.excel import formulas as F
from coopxl.excel import referencias as R
from coopxl.excel.portada import (
    AJUSTAR,
    BORDE_ENTRADA,
    FORMATO_DECIMAL,
    FORMATO_ENTERO,
    FORMATO_FECHA,
    FORMATO_TEXTO,
    FUENTE_NOTA,
    FUENTE_SUBTITULO,
    FUENTE_TITULO,
    RELLENO_ENTRADA,
    Escritor,
    anchos,
    celda,
    celda_formula,
    configurar_impresion,
    encabezado,
)
from coopxl.parametros import CARPETA as CARPETA_PARAMETROS

HOLGURA_TABLAS = 10  # empty rows under each parameter table, ready for a new year, rate or prefix
SIN_PRIORIDAD = -100_000  # priority of an SMMLV/IPC row without value
DESPLAZAMIENTO_POSTERIOR = 10_000  # years after the cut rank below every year up to the cut


def definir(wb: Any, nombre: str, referencia: str) -> None:
    """Add a workbook-scope defined name."""
    wb.defined_names.add(DefinedName(F.nombre_definido(nombre), attr_text=referencia))


def _incluidos(archivo: str, clave: str) -> dict[str, dict[str, str]]:
    """Rows of a shipped parameter CSV by key, for the texts the Parametros object does not keep."""
    with open(CARPETA_PARAMETROS / archivo, encoding="utf-8") as f:
        filas = list(csv.DictReader(f, delimiter=";"))
    return {(fila.get(clave) or "").strip(): fila for fila in filas}


def _numero(valor: float | None) -> float | int | None:
    if valor is None:
        return None
    return int(valor) if float(valor).is_integer() else float(valor)


def _validacion(ws: Any, tipo: str, *, operador: str | None = None, formula1: str | None = None,
                formula2: str | None = None, error: str, aviso: str | None = None) -> DataValidation:
    dv = DataValidation(type=tipo, operator=operador, formula1=formula1, formula2=formula2, allow_blank=True,
                        showErrorMessage=True, errorTitle="Valor no válido", error=error,
                        showInputMessage=aviso is not None, prompt=aviso)
    ws.data_validations.append(dv)
    return dv


# --- Parametros ----------------------------------------------------------------------------------

def hoja_parametros(wb: Any, ds: Any) -> Any:
    """Write the sheet Parametros and its PA_ names."""
    par = ds.parametros
    ws = wb.create_sheet(R.HOJA_PARAMETROS)
    anchos(ws, (44, 18, 16, 60, 22, 22))
    configurar_impresion(ws, filas_titulo=None)
    w = Escritor(ws)
    v_fecha = _validacion(ws, "date", operador="between", formula1="1", formula2="73051",
                          error="Escriba una fecha dd/mm/aaaa.")
    v_entero = _validacion(ws, "whole", operador="greaterThanOrEqual", formula1="0",
                           error="Escriba un número entero mayor o igual a 0.")
    v_unidad = _validacion(ws, "list", formula1='"1,1000"',
                           error="La unidad es 1 (pesos) o 1000 (miles de pesos).")
    v_decimal = _validacion(ws, "decimal", operador="greaterThanOrEqual", formula1="0",
                            error="Escriba un número mayor o igual a 0.")
    v_anio = _validacion(ws, "whole", operador="between", formula1="1990", formula2="2200",
                         error="Escriba un año de cuatro cifras.")
    v_prefijo = _validacion(ws, "textLength", operador="equal", formula1="4",
                            error="El prefijo CUIF tiene 4 dígitos, escritos como texto (por ejemplo 1411).")

    def entrada(valor: object, formato: str | None = None) -> Any:
        return celda(ws, valor, relleno=RELLENO_ENTRADA, borde=BORDE_ENTRADA, formato=formato)

    w.agregar(celda(ws, "Parámetros del cálculo", fuente=FUENTE_TITULO))
    w.agregar(celda(ws, "Las celdas amarillas se pueden cambiar; las demás son fórmulas. Los datos de las "
                        "hojas de reportes corresponden al corte con que se generó el libro.",
                    fuente=FUENTE_NOTA))
    w.agregar()
    w.agregar(encabezado(ws, "Parámetro"), encabezado(ws, "Valor"), encabezado(ws, "Nombre definido"),
              encabezado(ws, "Descripción"))

    # Positions of the tables below, known before they are written (fixed sizes).
    escalares = 10
    fila_tabla_anios = 4 + escalares + 2 + 2  # blank, title, header
    anios = sorted(set(par.smmlv) | set(par.ipc))
    ultima_anios = fila_tabla_anios + len(anios) + HOLGURA_TABLAS - 1
    prioridad_smmlv = F.rango("E", fila_tabla_anios, ultima_anios)
    prioridad_ipc = F.rango("F", fila_tabla_anios, ultima_anios)

    def anio_usado(prioridad: str) -> str:
        maximo = F.llamada("MAX", prioridad)
        return F.si(F.comparar(maximo, ">", 0), maximo,
                    F.si(F.comparar(maximo, ">", SIN_PRIORIDAD), f"{maximo}+{DESPLAZAMIENTO_POSTERIOR}",
                         F.texto("")))

    def valor_usado(anio: str, tabla: str) -> str:
        return F.si(F.es_numero(anio), F.indice(tabla, F.coincidir(anio, R.PA_TABLA_ANIO, 0)), F.texto(""))

    escalar = [
        ("Fecha de corte (C)", R.PA_CORTE, entrada(dt.datetime.combine(ds.corte, dt.time()), FORMATO_FECHA),
         "Último día del periodo evaluado.", v_fecha),
        ("Inicio del periodo (S)", R.PA_INICIO,
         celda_formula(ws, inicio_periodo(R.PA_CORTE), formato=FORMATO_FECHA),
         "El día siguiente al corte, un año antes (corte 29/02/2024 o 28/02/2024: inicio 01/03/2023).", None),
        ("Fin del periodo", R.PA_FIN, celda_formula(ws, R.PA_CORTE, formato=FORMATO_FECHA),
         "El periodo P va del inicio al corte, ambos incluidos.", None),
        ("Año del corte", R.PA_ANIO_CORTE, celda_formula(ws, F.llamada("YEAR", R.PA_CORTE)), "", None),
        ("Días de mora máximos para ser hábil", R.PA_DIAS_MORA_HABIL, entrada(par.dias_mora_habil),
         "Un asociado vigente es hábil si todos sus créditos con saldo tienen a lo sumo estos días de mora.",
         v_entero),
        ("Unidad del catálogo CUIF", R.PA_UNIDAD_CUIF, entrada(_numero(par.unidad_cuif)),
         "1 = pesos; 1000 = catálogo en miles de pesos.", v_unidad),
        ("Año del SMMLV usado", R.PA_SMMLV_ANIO, celda_formula(ws, anio_usado(prioridad_smmlv)),
         "El del año del corte; si no está, el último anterior (o el más reciente).", None),
        ("SMMLV usado", R.PA_SMMLV, celda_formula(ws, valor_usado(R.PA_SMMLV_ANIO, R.PA_TABLA_SMMLV),
                                                  formato=FORMATO_ENTERO), "", None),
        ("Año del IPC usado", R.PA_IPC_ANIO, celda_formula(ws, anio_usado(prioridad_ipc)),
         "El del año del corte cuando está publicado; si no, el último publicado.", None),
        ("IPC usado (%)", R.PA_IPC, celda_formula(ws, valor_usado(R.PA_IPC_ANIO, R.PA_TABLA_IPC),
                                                  formato=FORMATO_DECIMAL), "", None),
    ]
    assert len(escalar) == escalares
    for etiqueta, nombre, valor, descripcion, validacion in escalar:
        fila = w.agregar(celda(ws, etiqueta), valor, celda(ws, nombre, fuente=FUENTE_NOTA),
                         celda(ws, descripcion, alineacion=AJUSTAR))
        definir(wb, nombre, F.celda("B", fila, R.HOJA_PARAMETROS))
        if validacion is not None:
            validacion.add(f"B{fila}")

    # SMMLV and IPC by year
    incluidos = _incluidos("smmlv_ipc.csv", "anio")
    w.agregar()
    w.agregar(celda(ws, "SMMLV e IPC por año", fuente=FUENTE_SUBTITULO))
    w.agregar(encabezado(ws, "Año"), encabezado(ws, "SMMLV (pesos)"), encabezado(ws, "IPC anual (%)"),
              encabezado(ws, "Fuente"), encabezado(ws, "Prioridad SMMLV (auxiliar)", auxiliar=True),
              encabezado(ws, "Prioridad IPC (auxiliar)", auxiliar=True))
    assert w.fila + 1 == fila_tabla_anios
    for i in range(len(anios) + HOLGURA_TABLAS):
        fila = w.fila + 1
        anio = anios[i] if i < len(anios) else None
        fuente = ""
        if anio is not None:
            base = incluidos.get(str(anio), {})
            partes = [base.get("decreto_smmlv", ""), base.get("fuente", "")]
            fuente = "; ".join(p for p in partes if p) or par.fuentes.get("smmlv_ipc.csv", "")
        a, s, i_ = (F.celda("A", fila, fija_columna=True, fija_fila=False),
                    F.celda("B", fila, fija_fila=False), F.celda("C", fila, fija_fila=False))
        w.agregar(entrada(anio), entrada(_numero(par.smmlv.get(anio)) if anio else None, FORMATO_ENTERO),
                  entrada(_numero(par.ipc.get(anio)) if anio else None, FORMATO_DECIMAL),
                  celda(ws, fuente, alineacion=AJUSTAR),
                  celda_formula(ws, _prioridad(a, s)), celda_formula(ws, _prioridad(a, i_)))
        v_anio.add(f"A{fila}")
        v_decimal.add(f"B{fila}:C{fila}")
    definir(wb, R.PA_TABLA_ANIO, F.rango("A", fila_tabla_anios, ultima_anios, R.HOJA_PARAMETROS))
    definir(wb, R.PA_TABLA_SMMLV, F.rango("B", fila_tabla_anios, ultima_anios, R.HOJA_PARAMETROS))
    definir(wb, R.PA_TABLA_IPC, F.rango("C", fila_tabla_anios, ultima_anios, R.HOJA_PARAMETROS))

    # Reference rates
    w.agregar()
    w.agregar(celda(ws, "Tasas de referencia del mercado (efectiva anual, %)", fuente=FUENTE_SUBTITULO))
    w.agregar(encabezado(ws, "Producto"), encabezado(ws, "Año (vacío: todos)"),
              encabezado(ws, "Tasa E.A. (%)"), encabezado(ws, "Fuente"),
              encabezado(ws, "Prioridad (auxiliar)", auxiliar=True),
              encabezado(ws, "Tasa usada (auxiliar)", auxiliar=True))
    primera = w.fila + 1
    for i in range(len(par.tasas) + HOLGURA_TABLAS):
        t = par.tasas[i] if i < len(par.tasas) else None
        fila = w.fila + 1
        w.agregar(entrada(t.producto if t else None, FORMATO_TEXTO), entrada(t.anio if t else None),
                  entrada(_numero(t.tasa) if t else None, FORMATO_DECIMAL),
                  entrada(t.fuente if t else None),
                  celda_formula(ws, _prioridad_tasa(fila, i + 1)), celda_formula(ws, _tasa_elegida(fila)))
        v_anio.add(f"B{fila}")
        v_decimal.add(f"C{fila}")
    for nombre, col in ((R.PA_TASA_PRODUCTO, "A"), (R.PA_TASA_ANIO, "B"), (R.PA_TASA_VALOR, "C"),
                        (R.PA_TASA_PRIORIDAD, "E"), (R.PA_TASA_ELEGIDA, "F")):
        definir(wb, nombre, F.rango(col, primera, w.fila, R.HOJA_PARAMETROS))

    # CUIF prefix -> loan modality
    fuentes_mod = _incluidos("modalidades_cartera.csv", "prefijo")
    w.agregar()
    w.agregar(celda(ws, "Modalidad de cartera por prefijo CUIF", fuente=FUENTE_SUBTITULO))
    w.agregar(encabezado(ws, "Prefijo (4 dígitos, texto)"), encabezado(ws, "Modalidad"), encabezado(ws, ""),
              encabezado(ws, "Fuente"))
    primera = w.fila + 1
    prefijos = list(par.modalidades.items())
    for i in range(len(prefijos) + HOLGURA_TABLAS):
        prefijo, modalidad = prefijos[i] if i < len(prefijos) else (None, None)
        fuente = fuentes_mod.get(prefijo or "", {}).get("fuente", "") if prefijo else ""
        fila = w.agregar(entrada(prefijo, FORMATO_TEXTO), entrada(modalidad), None,
                         celda(ws, fuente, alineacion=AJUSTAR))
        v_prefijo.add(f"A{fila}")
    definir(wb, R.PA_MODALIDAD_PREFIJO, F.rango("A", primera, w.fila, R.HOJA_PARAMETROS))
    definir(wb, R.PA_MODALIDAD_NOMBRE, F.rango("B", primera, w.fila, R.HOJA_PARAMETROS))

    # Account concepts
    descripciones = _incluidos("cuentas_cuif.csv", "concepto")
    w.agregar()
    w.agregar(celda(ws, "Conceptos de cuentas CUIF", fuente=FUENTE_SUBTITULO))
    w.agregar(celda(ws, "Las fórmulas de la hoja Calculos se generan con estas cuentas: para cambiarlas, edite "
                        "cuentas_cuif.csv en la carpeta de datos y genere de nuevo el libro.", fuente=FUENTE_NOTA))
    w.agregar(encabezado(ws, "Concepto"), encabezado(ws, "Cuentas"), encabezado(ws, "Nombre definido"),
              encabezado(ws, "Descripción"))
    primera = w.fila + 1
    for concepto, cuentas in par.cuentas.items():
        nombre = R.nombre_cuenta(concepto)
        descripcion = descripciones.get(concepto, {}).get("descripcion", "")
        fila = w.agregar(celda(ws, concepto), celda(ws, cuentas, formato=FORMATO_TEXTO),
                         celda(ws, nombre, fuente=FUENTE_NOTA), celda(ws, descripcion, alineacion=AJUSTAR))
        definir(wb, nombre, F.celda("B", fila, R.HOJA_PARAMETROS))
    if par.cuentas:
        definir(wb, R.PA_CUENTA_CONCEPTO, F.rango("A", primera, w.fila, R.HOJA_PARAMETROS))
        definir(wb, R.PA_CUENTA_CUENTAS, F.rango("B", primera, w.fila, R.HOJA_PARAMETROS))

    # Official contra accounts (cuif.contra_oficiales): subtracted from their parent by the level rule
    w.agregar()
    w.agregar(celda(ws, "Cuentas contra del CUIF oficial (se restan de su cuenta superior)",
                    fuente=FUENTE_SUBTITULO))
    w.agregar(encabezado(ws, "Código"), encabezado(ws, "Nombre"))
    primera = w.fila + 1
    contra = _incluidos("cuentas_contra.csv", "codigo")
    for codigo, fila_csv in contra.items():
        w.agregar(entrada(codigo, FORMATO_TEXTO), celda(ws, fila_csv.get("nombre", "")))
    for _ in range(HOLGURA_TABLAS):
        w.agregar(entrada(None, FORMATO_TEXTO))
    definir(wb, R.PA_CONTRA_CODIGO, F.rango("A", primera, w.fila, R.HOJA_PARAMETROS))

    # Where the values came from
    w.agregar()
    w.agregar(celda(ws, "Origen de los parámetros", fuente=FUENTE_SUBTITULO))
    w.agregar(encabezado(ws, "Archivo"), encabezado(ws, "Origen"))
    for archivo, origen in par.fuentes.items():
        w.agregar(celda(ws, archivo), celda(ws, origen))
    return ws


def inicio_periodo(corte: str) -> str:
    """S: the day after the cut, one year back; DATE rolls 29/02 of a common year over to 01/03, as
    dataset.Periodo does (EDATE would roll back to 28/02: C = 28/02/2025 must give 01/03/2024)."""
    siguiente = f"{corte}+1"
    return F.llamada("DATE", f"{F.llamada('YEAR', siguiente)}-1", F.llamada("MONTH", siguiente),
                     F.llamada("DAY", siguiente))


def _prioridad(anio: str, valor: str) -> str:
    """Rank of a table row for «the cut year, else the last year before it, else the latest year»."""
    return F.si(F.y(F.es_numero(anio), F.es_numero(valor)),
                F.si(F.comparar(anio, "<=", R.PA_ANIO_CORTE), anio, f"{anio}-{DESPLAZAMIENTO_POSTERIOR}"),
                SIN_PRIORIDAD)


# Priority of a reference-rate row for its product (Parametros.tasa): the user's yearless rate wins (the
# last one), then the cut year (the last row), then the latest earlier year; later years never apply.
PRIORIDAD_SIN_ANIO = 3_000_000_000
PRIORIDAD_ANIO_CORTE = 2_000_000_000
PRIORIDAD_POR_ANIO = 1_000  # year x 1000 + row: at most 999 rows per table


def _prioridad_tasa(fila: int, orden: int) -> str:
    a, b, c = (F.celda(col, fila, fija_columna=True, fija_fila=False) for col in ("A", "B", "C"))
    return F.si(F.y(F.comparar(F.llamada("LEN", F.concatenar(a, F.texto(""))), ">", 0), F.es_numero(c)),
                F.si(F.no(F.es_numero(b)), PRIORIDAD_SIN_ANIO + orden,
                     F.si(F.comparar(b, "=", R.PA_ANIO_CORTE), PRIORIDAD_ANIO_CORTE + orden,
                          F.si(F.comparar(b, "<", R.PA_ANIO_CORTE), f"{b}*{PRIORIDAD_POR_ANIO}+{orden}", -1))),
                -1)


def _tasa_elegida(fila: int) -> str:
    a, e = (F.celda(col, fila, fija_columna=True, fija_fila=False) for col in ("A", "E"))
    mayores = F.sumproduct(F.producto(F.comparar(R.PA_TASA_PRODUCTO, "=", a),
                                      F.comparar(R.PA_TASA_PRIORIDAD, ">", e)))
    return F.si(F.comparar(e, ">", 0), F.bandera(F.comparar(mayores, "=", 0)), 0)


# --- Complementarios -----------------------------------------------------------------------------

TIPOS = {"numero": "número (0 o más)", "porcentaje": "porcentaje (0 a 100)", "texto": "texto",
         "fecha": "fecha dd/mm/aaaa"}


def _tipo(c: Clave) -> str:
    return f"opción: {' | '.join(c.opciones)}" if c.tipo == "opcion" else TIPOS[c.tipo]


def _si_vacio(c: Clave) -> str:
    if c.clave == "fecha_corte":
        return "La fecha de corte del cálculo está en la hoja Parametros."
    if c.clave.startswith("entidad_"):
        return "Se muestra vacío en la portada."
    if c.derivable:
        return "Se calcula con los archivos."
    return "Los indicadores que lo usan quedan SIN DATOS."


def _valor_complementario(valor: object) -> object:
    if isinstance(valor, dt.date) and not isinstance(valor, dt.datetime):
        return dt.datetime.combine(valor, dt.time())
    if isinstance(valor, float):
        return _numero(valor)
    return valor


def hoja_complementarios(wb: Any, ds: Any, claves: Sequence[Clave] = CLAVES) -> Any:
    """Write the sheet Complementarios: one input cell per key, named CO_<clave>, blank when missing."""
    ws = wb.create_sheet(R.HOJA_COMPLEMENTARIOS)
    anchos(ws, (34, 62, 20, 30, 44))
    configurar_impresion(ws, filas_titulo=4)
    ws.freeze_panes = "A5"
    w = Escritor(ws)
    validaciones = {
        "numero": _validacion(ws, "decimal", operador="greaterThanOrEqual", formula1="0",
                              error="Escriba un número mayor o igual a 0, o deje la celda vacía."),
        "porcentaje": _validacion(ws, "decimal", operador="between", formula1="0", formula2="100",
                                  error="Escriba un porcentaje entre 0 y 100, o deje la celda vacía."),
        "fecha": _validacion(ws, "date", operador="between", formula1="1", formula2="73051",
                             error="Escriba una fecha dd/mm/aaaa, o deje la celda vacía."),
    }
    w.agregar(celda(ws, "Datos complementarios", fuente=FUENTE_TITULO))
    w.agregar(celda(ws, "Datos que ningún reporte trae. Deje vacía la celda de lo que no tenga: una celda "
                        "vacía significa «sin dato», no cero.", fuente=FUENTE_NOTA))
    w.agregar()
    w.agregar(*(encabezado(ws, t) for t in ("Clave", "Dato", "Valor", "Tipo", "Si se deja vacío")))
    for c in claves:
        valor = _valor_complementario(ds.complementarios.get(c.clave))
        formato = {"fecha": FORMATO_FECHA, "texto": FORMATO_TEXTO, "opcion": FORMATO_TEXTO}.get(c.tipo)
        fila = w.agregar(celda(ws, c.clave, fuente=FUENTE_NOTA), celda(ws, c.etiqueta, alineacion=AJUSTAR),
                         celda(ws, valor, relleno=RELLENO_ENTRADA, borde=BORDE_ENTRADA, formato=formato),
                         celda(ws, _tipo(c), alineacion=AJUSTAR), celda(ws, _si_vacio(c), alineacion=AJUSTAR))
        definir(wb, R.nombre_complementario(c.clave), F.celda("C", fila, R.HOJA_COMPLEMENTARIOS))
        if c.tipo == "opcion":
            lista = F.texto(",".join(c.opciones))
            _validacion(ws, "list", formula1=lista,
                        error=f"Elija una de las opciones: {', '.join(c.opciones)}.").add(f"C{fila}")
        elif c.tipo in validaciones:
            validaciones[c.tipo].add(f"C{fila}")
    return ws
