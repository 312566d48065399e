"""Reconciliation with the supervisor: reading the SES tool's result and comparing it with coopxl's.

- `lector_ses`: the supervisor's downloaded result (text or PDF) -> ResultadoSES.
- `comparacion`: coopxl's Balance against a ResultadoSES, row by row, with a verdict and its cause.
- `lecturas`: the alternative readings of the formulas that explain a differing figure.
- `formulario`: the inputs coopxl used, to type into the supervisor's web form.
- `formato_ses`: coopxl's Balance in the SES text layout (read back by `lector_ses`).
- `salida`: the reconciliation as console text and as an .xlsx workbook.
"""

from coopxl.conciliacion.comparacion import Conciliacion, FilaConciliacion, coinciden, conciliar
from coopxl.conciliacion.formato_ses import a_texto_ses
from coopxl.conciliacion.formulario import FilaFormulario, datos_formulario, texto_formulario
from coopxl.conciliacion.lector_ses import (
    ErrorLecturaSES,
    FilaSES,
    ResultadoSES,
    analizar_texto_ses,
    identificar_indicador,
    leer_resultado_ses,
)

__all__ = [
    "Conciliacion",
    "ErrorLecturaSES",
    "FilaConciliacion",
    "FilaFormulario",
    "FilaSES",
    "ResultadoSES",
    "a_texto_ses",
    "analizar_texto_ses",
    "coinciden",
    "conciliar",
    "datos_formulario",
    "identificar_indicador",
    "leer_resultado_ses",
    "texto_formulario",
]
