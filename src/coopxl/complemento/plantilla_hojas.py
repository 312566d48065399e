"""What each sheet of the template BalanceSocial.xlsm holds, as plain data (the writer is `plantilla`).

The report sheets are named like the UDFs and the buttons expect (`sicses.desde_tabla.es_hoja_de_reporte`),
with header row 1 = the layout headers coopxl writes (`sicses.layouts`, first alias of each column);
Complementarios has the `clave;valor;descripcion` shape the reader of complementarios accepts, one row per
key of `coopxl.complementarios`; Parametros holds the shipped reference rates (`tasas_referencia.csv`), the
file the UDFs read from a sheet of that name; Indicadores calls the UDFs of `udfs/coopxl_udfs.py` for the
41 indicators in the supervisor's order.
"""

from __future__ import annotations

import csv
from dataclasses import dataclass

from coopxl.complementarios import CLAVES, Clave
from coopxl.complemento.vba_modulos import MACROS, MODULO_PYTHON_UDFS
from coopxl.excel import formulas as F
from coopxl.indicadores.registro import todos
from coopxl.indicadores.textos.catalogo import NOMBRES_PRINCIPIO
from coopxl.parametros import CARPETA as CARPETA_PARAMETROS
from coopxl.sicses.layouts import LAYOUTS, Columna

HOJA_INSTRUCCIONES = "Instrucciones"
HOJA_COMPLEMENTARIOS = "Complementarios"
HOJA_PARAMETROS = "Parametros"
HOJA_INDICADORES = "Indicadores"
HOJA_CONF = "xlwings.conf"

# Layout id -> sheet name, in the order the sheets appear (the names of udfs/coopxl_udfs.py's docstring).
HOJAS_REPORTES: dict[str, str] = {
    "asociados": "Asociados",
    "aportes": "Aportes",
    "captaciones": "Captaciones",
    "cartera": "Cartera",
    "directivos": "Directivos",
    "catalogo": "Catalogo",
    "beneficios": "Beneficios",
    "asamblea": "Asamblea",
    "revalorizacion": "Revalorizacion",
}


def hojas_plantilla() -> tuple[str, ...]:
    return (HOJA_INSTRUCCIONES, *HOJAS_REPORTES.values(), HOJA_COMPLEMENTARIOS, HOJA_PARAMETROS,
            HOJA_INDICADORES, HOJA_CONF)


# --- report sheets ---------------------------------------------------------------------------------

def encabezados_reporte(reporte: str) -> list[str]:
    return LAYOUTS[reporte].encabezados


def columna_es_texto(c: Columna) -> bool:
    """Columns whose cells must stay text when typed (documents and codes keep their leading zeros)."""
    return c.tipo in ("texto", "documento", "tipo_documento", "codigo", "cuenta")


# --- Complementarios -------------------------------------------------------------------------------

ENCABEZADO_COMPLEMENTARIOS = tuple(c.encabezado for c in LAYOUTS["complementarios"].columnas)  # clave, valor, …


def _descripcion(c: Clave) -> str:
    partes = [c.etiqueta]
    if c.opciones:
        partes.append("opciones: " + ", ".join(c.opciones))
    if c.derivable:
        partes.append("si se deja vacío, se calcula de los reportes")
    return "; ".join(partes)


def filas_complementarios() -> list[tuple[str, None, str]]:
    """One row per key: clave, an empty valor (empty = no data, not zero) and what to write."""
    return [(c.clave, None, _descripcion(c)) for c in CLAVES]


# --- Parametros ------------------------------------------------------------------------------------

def _numero(texto: str) -> float | int | str:
    t = texto.strip()
    try:
        return int(t)
    except ValueError:
        pass
    try:
        return float(t.replace(".", "").replace(",", ".")) if "," in t else float(t)
    except ValueError:
        return t


def filas_parametros() -> list[list[object]]:
    """The shipped tasas_referencia.csv, header first, numbers as numbers."""
    with (CARPETA_PARAMETROS / "tasas_referencia.csv").open(encoding="utf-8") as f:
        filas = list(csv.reader(f, delimiter=";"))
    encabezado, datos = filas[0], filas[1:]
    numericas = {"anio", "tasa_efectiva_anual"}
    return [list(encabezado)] + [[_numero(v) if encabezado[i] in numericas else v for i, v in enumerate(f)]
                                 for f in datos if f]


# --- Indicadores -----------------------------------------------------------------------------------

ENCABEZADO_INDICADORES = ("Principio", "Id", "Indicador", "Resultado", "Valor", "Análisis")
FILA_ENCABEZADO_INDICADORES = 4  # rows 1-3: title, problems count, note
UDF_RESULTADO = "BS_RESULTADO"
UDF_VALOR = "BS_INDICADOR"
UDF_ANALISIS = "BS_ANALISIS"
UDF_VALIDAR = "BS_VALIDAR"


@dataclass(frozen=True)
class FilaIndicador:
    principio: str
    id: str
    nombre: str
    resultado: str
    valor: str
    analisis: str

    def celdas(self) -> tuple[str, str, str, str, str, str]:
        return (self.principio, self.id, self.nombre, self.resultado, self.valor, self.analisis)


def _udf(nombre: str, *args: F.Arg) -> str:
    return F.formula(F.llamada_complemento(nombre, *args))


def filas_indicadores() -> list[FilaIndicador]:
    """The 41 indicators in the supervisor's order, each with its three UDF formulas."""
    return [FilaIndicador(NOMBRES_PRINCIPIO[i.principio], i.id, i.nombre,
                          _udf(UDF_RESULTADO, F.texto(i.id)), _udf(UDF_VALOR, F.texto(i.id)),
                          _udf(UDF_ANALISIS, F.texto(i.id)))
            for i in todos()]


def formula_problemas() -> str:
    return _udf(UDF_VALIDAR)


# --- xlwings.conf ----------------------------------------------------------------------------------

# Read by xlwings' VBA (GetConfigFromSheet): keys in column A from A1 down to the first empty cell, values in
# column B; keys are upper-cased there. A key present with an empty value hides the user's own setting
# (~/.xlwings/xlwings.conf, the ribbon), so the interpreter keys are left out; the booleans must be real
# booleans (an empty "Use UDF Server" would break RunPython's Boolean assignment).
CONF: tuple[tuple[str, object], ...] = (
    ("UDF Modules", MODULO_PYTHON_UDFS),
    ("Debug UDFs", False),
    ("Use UDF Server", False),
    ("Show Console", False),
)

NOTAS_CONF: tuple[str, ...] = (
    "Configuración de xlwings para este libro: la lee xlwings desde la celda A1 hacia abajo, hasta la primera "
    "celda vacía de la columna A.",
    "UDF Modules: el módulo de Python con las funciones BS_… (se instala con coopxl).",
    "Para usar un Python distinto del que se encuentra en el PATH, agregue arriba, sin dejar filas vacías, "
    "una fila Interpreter_Win (Windows) o Interpreter_Mac (macOS) con la ruta completa del ejecutable.",
    "Si borra esta hoja, xlwings usa su configuración general (cinta de xlwings o ~/.xlwings/xlwings.conf).",
)


def texto_conf() -> str:
    """The same settings as an xlwings.conf file (one "KEY","value" line each, as xlwings' VBA reads it)."""
    lineas = []
    for clave, valor in CONF:
        texto = ("True" if valor else "False") if isinstance(valor, bool) else str(valor)
        lineas.append(f'"{clave.upper()}","{texto}"')
    return "\r\n".join(lineas) + "\r\n"


# --- Instrucciones ---------------------------------------------------------------------------------

TITULO = "Balance Social y Beneficio Solidario — plantilla de coopxl"

PASOS: tuple[tuple[str, str], ...] = (
    ("Antes de empezar",
     "En el computador debe estar instalado Python con coopxl y xlwings: python -m pip install \"coopxl[excel]\" "
     "(o, desde la carpeta de coopxl, python -m pip install \".[excel]\"). "
     "En macOS, además, ejecute una vez en la Terminal: xlwings runpython install. La guía completa está en "
     "addin/INSTALACION.md."),
    ("1. Guarde una copia",
     "Guarde este libro con otro nombre, como libro habilitado para macros (.xlsm), en la carpeta donde quiera "
     "los extractos. Al abrirlo, pulse «Habilitar contenido» para permitir las macros."),
    ("2. Pegue los reportes",
     "Pegue cada reporte de SICSES, con su fila de encabezado, en la hoja del mismo nombre desde la celda A1: "
     "Asociados, Aportes, Captaciones, Cartera, Directivos, Catalogo, y los archivos propios Beneficios, "
     "Asamblea y Revalorizacion. Use Pegado especial > Valores. Deje vacías las hojas de los reportes que no "
     "tenga: los indicadores que los necesitan dirán SIN DATOS."),
    ("3. Complete Complementarios",
     "En la hoja Complementarios escriba cada dato en la columna valor. Empiece por fecha_corte (dd/mm/aaaa). "
     "Una celda vacía significa «sin dato», no cero."),
    ("4. Revise Parametros",
     "La hoja Parametros trae las tasas de referencia de coopxl. Cámbielas solo si su entidad usa otras."),
    ("5. Vea los indicadores",
     "La hoja Indicadores muestra los 41 indicadores con las funciones =BS_RESULTADO(\"id\"), "
     "=BS_INDICADOR(\"id\") y =BS_ANALISIS(\"id\"), que se recalculan al cambiar los datos. Estas funciones "
     "solo calculan en Excel para Windows con xlwings; en macOS use el botón Calcular balance."),
    ("6. Use los botones",
     " · ".join(f"{m.boton}: {m.ayuda}" for m in MACROS)
     + " Para generar solo algunos extractos, seleccione sus filas en la hoja Asociados antes de pulsar el "
       "botón, o escriba sus documentos en una hoja llamada Seleccion."),
    ("Si una celda dice #¿NOMBRE?",
     "Excel no encuentra las funciones: revise que las macros estén habilitadas. Si sigue igual, en la cinta "
     "de xlwings pulse «Import Functions» (o ejecute la macro ImportPythonUDFs con Alt+F8): xlwings vuelve a "
     "escribir las funciones y agrega su ayuda en el asistente de funciones."),
    ("Si una celda dice «coopxl: …»",
     "Es un problema de los datos dicho en español (por ejemplo, falta la hoja Asociados). El botón Validar "
     "datos lista cada problema con su hoja, fila y columna."),
    ("Configuración",
     "La hoja xlwings.conf le dice a xlwings qué módulo de Python tiene las funciones. No la cambie, salvo "
     "para indicar la ruta de Python (Interpreter_Win o Interpreter_Mac)."),
    ("Lo que no se ha verificado",
     "Esta plantilla se construye y se prueba en Linux: su contenido, sus fórmulas, sus macros y sus botones "
     "se revisan automáticamente, pero no se ha abierto en un Excel real. Informe cualquier problema."),
)
