"""The text record of one indicator and the sentences shared by every indicator.

A `Texto` holds what the supervisor's tool prints for an indicator (name, purpose, formula) and the
sentence coopxl writes for its result. The templates use `str.format` placeholders:

- `{valor}`: the formatted result, e.g. "27,66 %" or "1,20" (rounded like Excel before formatting);
- `{numerador}` / `{denominador}`: the formatted inputs, integers ("13") or pesos ("$ 1.234.567");
- `{tendencia}`: "crecimiento" or "decrecimiento", chosen by the caller from the sign of the result
  (growth indicators only). `{valor}` keeps its sign, as the SES prints it.

Use `campos_de(plantilla)` or `Texto.campos()` to know which placeholders a template needs.
"""

from __future__ import annotations

import string
from dataclasses import dataclass
from typing import Literal

Unidad = Literal["porcentaje", "razon"]

# What the SES tool prints as the result when a denominator is zero.
RESULTADO_DENOMINADOR_CERO = "NO SE PUDO CALCULAR, DENOMINADOR EN CERO"
# What coopxl prints as the result in the other non-numeric states.
RESULTADO_SIN_DATOS = "SIN DATOS"
RESULTADO_NO_APLICA = "NO APLICA"

# Explanations of the non-numeric states (the analysis column of those rows).
# {denominador} is the `denominador` description of the indicator, e.g. "total de integrantes de la asamblea".
MENSAJE_DENOMINADOR_CERO = "No se pudo calcular porque el denominador ({denominador}) es cero."
# {faltante} names the missing input: a file ("el reporte de asociados") or a complementarios key label.
MENSAJE_SIN_DATOS = "No se pudo calcular porque falta un dato necesario: {faltante}."
# {motivo} says why the indicator does not apply, e.g. MOTIVO_ASAMBLEA_ASOCIADOS.
MENSAJE_NO_APLICA = "Este indicador no aplica a la entidad: {motivo}."
MOTIVO_ASAMBLEA_ASOCIADOS = "la asamblea es de asociados, por lo que no hubo elección de delegados"

# Tendency words for the growth indicators.
TENDENCIA_CRECIMIENTO = "crecimiento"
TENDENCIA_DECRECIMIENTO = "decrecimiento"


def tendencia(valor: float) -> str:
    """'crecimiento' for a result >= 0, 'decrecimiento' for a negative one."""
    return TENDENCIA_DECRECIMIENTO if valor < 0 else TENDENCIA_CRECIMIENTO


def campos_de(plantilla: str) -> frozenset[str]:
    """The placeholder names used in a `str.format` template."""
    return frozenset(nombre for _, nombre, _, _ in string.Formatter().parse(plantilla) if nombre)


@dataclass(frozen=True)
class Texto:
    """The printed texts of one indicator.

    `nombre`, `proposito` and `formula` are the SES texts (line breaks joined, PDF spacing fixed).
    `numerador` and `denominador` are short plain descriptions for explanations; `denominador` is empty
    when the indicator has no denominator (a percentage typed as such).
    `subconjunto` is True when the numerator is part of the denominator, so a result above 100 % means
    inconsistent inputs.
    """

    nombre: str
    proposito: str
    formula: str
    numerador: str
    denominador: str
    analisis: str
    unidad: Unidad = "porcentaje"
    subconjunto: bool = True
    # The sentence of the second appearance of an indicator shown under two principles
    # (equidad_genero_operaciones under principle 3).
    analisis_p3: str | None = None
    # Variants for an assembly of associates (participacion_asistencia_asamblea): the SES prints the
    # delegates' wording in a delegates' assembly and this one in an assembly of associates.
    formula_asociados: str | None = None
    analisis_asociados: str | None = None

    def plantillas(self) -> tuple[str, ...]:
        """Every analysis template of the record, the main one first."""
        extra = (self.analisis_p3, self.analisis_asociados)
        return (self.analisis, *(p for p in extra if p is not None))

    def campos(self) -> frozenset[str]:
        """Placeholders used by the main analysis template."""
        return campos_de(self.analisis)
