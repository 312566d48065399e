"""Where everything sits in the workbook, decided before a cell is written, and the defined-name scheme.

Defined names (workbook scope), one scheme for every face that points into the workbook:

| Prefix | What it names | Example |
|---|---|---|
| `PA_` | a cell or table column of Parametros | `PA_corte`, `PA_dias_mora_habil`, `PA_modalidad_prefijo` |
| `CO_` | the input cell of one complementarios key | `CO_gasto_educacion` |
| `AS_ AP_ CP_ CA_ DI_ BE_ CT_ AM_ RV_` | a data column (rows plus headroom) | `AS_vigente`, `CA_en_mora` |
| `BS_` | the result cell of an indicator on Indicadores (first appearance) | `BS_asociados_activos` |
| `CL_` | an intermediate cell of Calculos (CUIF amounts, reference rates, totals) | `CL_cuif_total_gastos` |
| `BN_` | a beneficio solidario total, flag or column of BeneficioSolidario | `BN_total`, `BN_documentos` |

A data-column name is the prefix of its sheet plus the canonical column name of the layout
(`CA_saldo_capital`) or of the helper column (`AS_habil`). Formulas use the names; the names hold
bounded absolute ranges such as `'Asociados'!$AH$2:$AH$1201`.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from coopxl.excel import formulas as F

# report -> sheet name (no accents or apostrophes: the `formulas` package and printed references
# stay simple) and prefix of its defined names.
HOJAS: dict[str, str] = {
    "asociados": "Asociados",
    "aportes": "Aportes",
    "captaciones": "Captaciones",
    "cartera": "Cartera",
    "directivos": "Directivos",
    "beneficios": "Beneficios",
    "catalogo": "Catalogo",
    "asamblea": "Asamblea",
    "revalorizacion": "Revalorizacion",
}
PREFIJOS: dict[str, str] = {
    "asociados": "AS",
    "aportes": "AP",
    "captaciones": "CP",
    "cartera": "CA",
    "directivos": "DI",
    "beneficios": "BE",
    "catalogo": "CT",
    "asamblea": "AM",
    "revalorizacion": "RV",
}
HOJA_PORTADA = "Portada"
HOJA_INDICADORES = "Indicadores"
HOJA_PARAMETROS = "Parametros"
HOJA_COMPLEMENTARIOS = "Complementarios"
HOJA_CALCULOS = "Calculos"
HOJA_BENEFICIO = "BeneficioSolidario"  # per-associate beneficio solidario table (formulas) and its chart
HOJA_EXTRACTO = "Extracto"  # one associate's extract, chosen from a validated list
HOJA_EVOLUCION = "Evolucion"  # associates per product month by month (several cuts)
HOJA_GRAFICOS = "Graficos"  # indicators by principle

# Parametros cells every formula may read.
PA_CORTE = "PA_corte"
PA_INICIO = "PA_inicio"
PA_FIN = "PA_fin"
PA_ANIO_CORTE = "PA_anio_corte"
PA_DIAS_MORA_HABIL = "PA_dias_mora_habil"
PA_UNIDAD_CUIF = "PA_unidad_cuif"
PA_SMMLV_ANIO = "PA_smmlv_anio"
PA_SMMLV = "PA_smmlv"
PA_IPC_ANIO = "PA_ipc_anio"
PA_IPC = "PA_ipc"
PA_TABLA_ANIO = "PA_tabla_anio"
PA_TABLA_SMMLV = "PA_tabla_smmlv"
PA_TABLA_IPC = "PA_tabla_ipc"
PA_MODALIDAD_PREFIJO = "PA_modalidad_prefijo"
PA_MODALIDAD_NOMBRE = "PA_modalidad_nombre"
PA_TASA_PRODUCTO = "PA_tasa_producto"
PA_TASA_ANIO = "PA_tasa_anio"
PA_TASA_VALOR = "PA_tasa_valor"
PA_CUENTA_CONCEPTO = "PA_cuenta_concepto"
PA_CUENTA_CUENTAS = "PA_cuenta_cuentas"

# Data rows start below the header; ranges run past the data so a user can add rows.
PRIMERA_FILA = 2
HOLGURA_MINIMA = 200


def nombre_complementario(clave: str) -> str:
    return F.nombre_definido(f"CO_{clave}")


def nombre_cuenta(concepto: str) -> str:
    return F.nombre_definido(f"PA_cuenta_{concepto}")


def nombre_indicador(id_: str) -> str:
    return F.nombre_definido(f"BS_{id_}")


def nombre_calculo(nombre: str) -> str:
    return F.nombre_definido(f"CL_{nombre}")


# Calculos cells the per-row helper columns read (always written, see excel/bloques.py).
CL_INICIO_ANTERIOR = "CL_inicio_anterior"
CL_FIN_ANTERIOR = "CL_fin_anterior"
CL_ANTIGUEDAD_PROMEDIO = "CL_antiguedad_promedio"
CL_TASAS_PRODUCTO = "CL_tasas_producto"
CL_TASAS_TIPO = "CL_tasas_tipo_ahorro"
CL_TASAS_VALOR = "CL_tasas_valor"
CL_CENTAVOS_TOTAL = {"cartera": "CL_cartera_centavos_total", "captaciones": "CL_captaciones_centavos_total"}
PA_CONTRA_CODIGO = "PA_contra_codigo"
PA_TASA_PRIORIDAD = "PA_tasa_prioridad"
PA_TASA_ELEGIDA = "PA_tasa_elegida"


def ultima_fila(filas_datos: int) -> int:
    """Last row of a data range: the data, plus a tenth of it or at least 200 rows of headroom."""
    ultima = PRIMERA_FILA - 1 + filas_datos + max(HOLGURA_MINIMA, filas_datos // 10)
    if ultima > F.MAX_FILAS:
        raise ValueError(f"{filas_datos} filas no caben en una hoja de Excel")
    return ultima


@dataclass(frozen=True)
class ColumnaHoja:
    """One column of a data sheet: a layout column as loaded, or a helper formula column."""

    reporte: str
    nombre: str
    encabezado: str
    indice: int  # 1-based
    ultima: int
    auxiliar: bool = False

    @property
    def hoja(self) -> str:
        return HOJAS[self.reporte]

    @property
    def letra(self) -> str:
        return F.letra(self.indice)

    @property
    def nombre_definido(self) -> str:
        return F.nombre_definido(f"{PREFIJOS[self.reporte]}_{self.nombre}")

    @property
    def rango(self) -> str:
        """The bounded absolute range with its sheet: 'Asociados'!$AH$2:$AH$1201."""
        return F.rango(self.indice, PRIMERA_FILA, self.ultima, self.hoja)

    def celda(self, fila: int) -> str:
        """Same-sheet reference to this column in one row, column fixed: $AH5."""
        return F.celda(self.indice, fila, fija_fila=False)

    def arriba(self, fila: int) -> str:
        """Same-sheet range from the header down to the row above `fila`: $AH$1:$AH4."""
        return f"${self.letra}$1:${self.letra}{fila - 1}"


@dataclass(frozen=True)
class PlanHoja:
    reporte: str
    filas: int  # data rows written
    columnas: dict[str, ColumnaHoja]
    entregado: bool = True  # False: the report was not given; the sheet has its header only

    @property
    def hoja(self) -> str:
        return HOJAS[self.reporte]

    @property
    def ultima(self) -> int:
        return ultima_fila(self.filas)

    @property
    def ultima_con_datos(self) -> int:
        return PRIMERA_FILA - 1 + self.filas


@dataclass(frozen=True)
class Referencias:
    """The plan of the data sheets; what phase-2 indicator formulas receive as `refs`."""

    planes: dict[str, PlanHoja] = field(default_factory=dict)
    cuentas: dict[str, str] = field(default_factory=dict)  # CUIF concept -> expression, as generated

    def plan(self, reporte: str) -> PlanHoja:
        return self.planes[reporte]

    def columna(self, reporte: str, nombre: str) -> ColumnaHoja:
        try:
            return self.planes[reporte].columnas[nombre]
        except KeyError:
            raise KeyError(f"la hoja de {reporte} no tiene la columna {nombre!r}") from None

    def rango(self, reporte: str, nombre: str) -> str:
        """The defined name of a data column, to use inside formulas: AS_vigente."""
        return self.columna(reporte, nombre).nombre_definido

    def rango_absoluto(self, reporte: str, nombre: str) -> str:
        return self.columna(reporte, nombre).rango

    def entregado(self, reporte: str) -> bool:
        return self.planes[reporte].entregado

    def nombres(self) -> dict[str, str]:
        """Every data-column defined name -> its range text."""
        return {c.nombre_definido: c.rango for p in self.planes.values() for c in p.columnas.values()}
