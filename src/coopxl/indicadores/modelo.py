"""The indicator record, its result, and the small helpers every indicator's computation uses."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any, Literal

if TYPE_CHECKING:
    from coopxl.dataset import Dataset

Estado = Literal["ok", "denominador_cero", "sin_datos", "no_aplica"]
ESTADOS: tuple[Estado, ...] = ("ok", "denominador_cero", "sin_datos", "no_aplica")
Unidad = Literal["porcentaje", "razon"]
TEXTO_DENOMINADOR_CERO = "NO SE PUDO CALCULAR, DENOMINADOR EN CERO"


@dataclass(frozen=True)
class Origen:
    """Where a numerator or denominator came from: a file and its rows, a complementarios key, CUIF accounts."""

    descripcion: str
    archivo: str | None = None
    filas: int | None = None
    clave: str | None = None


@dataclass(frozen=True)
class Resultado:
    estado: Estado
    numerador: float | None = None
    denominador: float | None = None
    valor: float | None = None  # unrounded; x100 for percentages; None unless ok
    faltantes: tuple[str, ...] = ()  # missing inputs, in plain Spanish (sin_datos)
    motivo: str = ""  # why it does not apply (no_aplica)
    advertencias: tuple[str, ...] = ()
    origen_numerador: Origen | None = None
    origen_denominador: Origen | None = None
    extra: dict[str, Any] = field(default_factory=dict)  # e.g. the IPC scale of crecimiento_fondos_sociales

    def con_advertencias(self, *avisos: str) -> Resultado:
        from dataclasses import replace

        return replace(self, advertencias=self.advertencias + tuple(a for a in avisos if a))


Calculo = Callable[["Dataset"], Resultado]


@dataclass(frozen=True)
class CalculoExcel:
    """A named intermediate cell of the workbook (sheet Calculos, defined name CL_<nombre>)."""

    nombre: str
    etiqueta: str  # Spanish label shown next to the cell
    expresion: str  # formula text without "="


@dataclass(frozen=True)
class FormulasIndicador:
    """The Excel face of an indicator: formula texts (without "=") built with coopxl.excel.formulas.

    The result cell is IF(no_aplica,"NO APLICA",IF(sin_datos,"SIN DATOS",IF(cero,"NO SE PUDO ...",valor)))
    in the precedence of indicadores.md. `cero` defaults to «denominator = 0» and `valor` to
    numerator / denominator (x100 for percentages); both may name the numerator and denominator cells
    through the placeholders {num} and {den}. `calculos` are the intermediate cells it reads.
    """

    numerador: str
    denominador: str | None
    sin_datos: str | None = None  # condition: a needed input is missing
    no_aplica: str | None = None  # condition: the indicator does not apply
    cero: str | None = None  # condition: the denominator is zero (default {den}=0)
    valor: str | None = None  # the unrounded result (default {num}/{den}*100 or {num}/{den})
    calculos: tuple[CalculoExcel, ...] = ()


ExcelIndicador = Callable[[Any], FormulasIndicador]  # (coopxl.excel.referencias.Referencias) -> formulas


@dataclass(frozen=True)
class Indicador:
    id: str
    principio: int
    nombre: str
    proposito: str
    formula: str  # the supervisor's formula text
    numerador_texto: str
    denominador_texto: str
    unidad: Unidad
    subconjunto: bool  # numerator ⊆ denominator: above 100 % is impossible
    analisis: str  # sentence template for the ok state
    entradas: tuple[str, ...]  # reports and complementarios keys it reads
    calcular: Calculo
    excel: ExcelIndicador  # the workbook formulas, generated next to the Python computation
    analisis_extra: dict[str, str] = field(default_factory=dict)  # e.g. the second sentence of a shown-twice id

    @property
    def es_porcentaje(self) -> bool:
        return self.unidad == "porcentaje"


# --- helpers for computations --------------------------------------------------------------------

def sin_datos(*faltantes: str) -> Resultado:
    return Resultado("sin_datos", faltantes=tuple(faltantes))


def no_aplica(motivo: str) -> Resultado:
    return Resultado("no_aplica", motivo=motivo)


def cociente(numerador: float | None, denominador: float | None, *, por_cien: bool = True,
             origen_numerador: Origen | None = None, origen_denominador: Origen | None = None,
             faltantes: tuple[str, ...] = (), advertencias: tuple[str, ...] = (),
             extra: dict[str, Any] | None = None) -> Resultado:
    """numerador / denominador (x100 for percentages) with the states of indicadores.md."""
    if numerador is None or denominador is None or faltantes:
        return Resultado("sin_datos", numerador, denominador, faltantes=faltantes, advertencias=advertencias,
                         origen_numerador=origen_numerador, origen_denominador=origen_denominador,
                         extra=extra or {})
    if denominador == 0:
        return Resultado("denominador_cero", float(numerador), 0.0, advertencias=advertencias,
                         origen_numerador=origen_numerador, origen_denominador=origen_denominador,
                         extra=extra or {})
    valor = float(numerador) / float(denominador) * (100.0 if por_cien else 1.0)
    return Resultado("ok", float(numerador), float(denominador), valor, advertencias=advertencias,
                     origen_numerador=origen_numerador, origen_denominador=origen_denominador,
                     extra=extra or {})


def complementario(ds: Dataset, clave: str) -> float | None:
    v = ds.complementarios.get(clave)
    return float(v) if isinstance(v, int | float) else None


def par_complementario(ds: Dataset, clave_num: str, clave_den: str) -> tuple[float, float] | None:
    """Typed values win only when both the numerator and the denominator are typed (indicadores.md)."""
    n, d = complementario(ds, clave_num), complementario(ds, clave_den)
    return (n, d) if n is not None and d is not None else None


def desde_claves(ds: Dataset, clave_num: str, clave_den: str, *, por_cien: bool = True) -> Resultado:
    """An indicator whose two inputs are complementarios keys only."""
    from coopxl.complementarios import POR_CLAVE

    n, d = complementario(ds, clave_num), complementario(ds, clave_den)
    faltan = tuple(f"{POR_CLAVE[k].etiqueta} (clave {k})"
                   for k, v in ((clave_num, n), (clave_den, d)) if v is None)
    return cociente(n, d, por_cien=por_cien, faltantes=faltan,
                    origen_numerador=Origen(f"complementarios, clave {clave_num}", clave=clave_num),
                    origen_denominador=Origen(f"complementarios, clave {clave_den}", clave=clave_den))


def falta_reporte(ds: Dataset, *reportes: str) -> Resultado | None:
    """sin_datos naming the missing files, or None when every report is there."""
    from coopxl.sicses.layouts import LAYOUTS

    faltan = tuple(f"el archivo {LAYOUTS[r].titulo}" for r in reportes if not ds.tiene(r))
    return sin_datos(*faltan) if faltan else None


def origen_archivo(ds: Dataset, reporte: str, descripcion: str, filas: int | None = None) -> Origen:
    return Origen(descripcion, ds.archivos.get(reporte, reporte), filas)


def origen_clave(clave: str, descripcion: str = "") -> Origen:
    return Origen(descripcion or f"complementarios, clave {clave}", clave=clave)
