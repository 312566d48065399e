"""Before filing: per indicator, the numerator and denominator coopxl used and where each came from,
ready to be typed into the supervisor's web form (the form asks for the inputs, not the result).

`datos_formulario(balance)` gives one `FilaFormulario` per row of the supervisor's layout; `texto_formulario`
renders them as plain text for the console.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from coopxl import formato
from coopxl.analisis import EN_PESOS
from coopxl.indicadores.modelo import TEXTO_DENOMINADOR_CERO, Origen

if TYPE_CHECKING:
    from coopxl.balance import Balance, Fila
    from coopxl.indicadores.modelo import Indicador


@dataclass(frozen=True)
class Dato:
    """One value to type: what it is, the value (None: coopxl does not have it) and where it came from."""

    etiqueta: str
    valor: float | None
    en_pesos: bool
    origen: Origen | None

    def valor_texto(self) -> str:
        if self.valor is None:
            return "(falta)"
        v = float(self.valor)
        texto = formato.numero(v, 0 if v.is_integer() else 2)
        return f"$ {texto}" if self.en_pesos else texto

    def origen_texto(self) -> str:
        return origen_texto(self.origen)


@dataclass(frozen=True)
class FilaFormulario:
    principio: int
    id: str
    nombre: str
    formula: str
    resultado: str
    estado: str
    datos: tuple[Dato, ...]
    nota: str = ""  # states other than ok: what is missing, why it does not apply, which denominator is 0
    advertencias: tuple[str, ...] = ()


def origen_texto(origen: Origen | None) -> str:
    """'asociados vigentes al corte (archivo asociados.csv, 312 filas)'."""
    if origen is None:
        return "sin origen registrado"
    detalles = []
    if origen.archivo:
        detalles.append(f"archivo {origen.archivo}")
    if origen.filas is not None:
        detalles.append(f"{formato.entero(origen.filas)} fila{'s' if origen.filas != 1 else ''}")
    if origen.clave and "clave" not in origen.descripcion:
        detalles.append(f"clave {origen.clave} de complementarios")
    return origen.descripcion + (f" ({', '.join(detalles)})" if detalles else "")


def _extra(fila: Fila, clave: str) -> float | None:
    v = fila.resultado.extra.get(clave)
    return float(v) if isinstance(v, int | float) and not isinstance(v, bool) else None


def _datos(fila: Fila) -> tuple[Dato, ...]:
    ind, res = fila.indicador, fila.resultado
    pesos = ind.id in EN_PESOS
    on, od = res.origen_numerador, res.origen_denominador
    if ind.id == "crecimiento_fondos_sociales":
        return (
            Dato("Ejecución de fondos sociales del periodo analizado", _extra(fila, "ejecucion"), True, on),
            Dato("Asociados beneficiados durante el periodo analizado", _extra(fila, "beneficiados"), False,
                 on),
            Dato("Ejecución de fondos sociales del periodo anterior", _extra(fila, "ejecucion_anterior"),
                 True, od),
            Dato("Asociados beneficiados durante el periodo anterior", _extra(fila, "beneficiados_anterior"),
                 False, od),
        )
    if ind.id == "crecimiento_inversion_educacion":
        actual = _extra(fila, "gasto_educacion")
        return (
            Dato("Gastos en educación, formación e información del periodo analizado", actual, True,
                 Origen("complementarios, clave gasto_educacion", clave="gasto_educacion")),
            Dato("Gastos en educación, formación e información del periodo anterior",
                 _extra(fila, "gasto_anterior"), True, od),
        )
    if ind.id == "crecimiento_neto_asociados_habiles" and "vinculados_habiles" in res.extra:
        return (
            Dato("Asociados hábiles vinculados en el periodo", _extra(fila, "vinculados_habiles"), False, on),
            Dato("Asociados retirados en el periodo", _extra(fila, "retirados"), False, on),
            Dato(f"Denominador: {ind.denominador_texto}", res.denominador, False, od),
        )
    datos = [Dato(f"Numerador: {ind.numerador_texto}", res.numerador, pesos, on)]
    if ind.denominador_texto:
        datos.append(Dato(f"Denominador: {ind.denominador_texto}", res.denominador, pesos, od))
    return tuple(datos)


def _nota(ind: Indicador, fila: Fila) -> str:
    res = fila.resultado
    if res.estado == "sin_datos":
        faltan = [f for f in res.faltantes if f] or ["un dato de entrada"]
        return "Falta: " + "; ".join(faltan) + "."
    if res.estado == "no_aplica":
        return f"No aplica: {res.motivo.rstrip('.')}."
    if res.estado == "denominador_cero":
        return (f"El denominador ({ind.denominador_texto or 'el denominador'}) es cero: la herramienta del "
                f"supervisor mostrará «{TEXTO_DENOMINADOR_CERO}».")
    return ""


def datos_formulario(balance: Balance) -> list[FilaFormulario]:
    """The inputs of every row of the supervisor's layout, in its order."""
    from coopxl.analisis import formula

    tipo = balance.ds.complementarios.get("asamblea_tipo")
    tipo = tipo if isinstance(tipo, str) else None
    filas = []
    for principio, _, filas_p in balance.por_principio():
        for fila in filas_p:
            ind = fila.indicador
            datos = _datos(fila)
            if fila.resultado.estado != "ok":  # show what coopxl has; the note says what is missing
                datos = tuple(d for d in datos if d.valor is not None)
            filas.append(FilaFormulario(principio, ind.id, ind.nombre, formula(ind, tipo),
                                        fila.resultado_texto, fila.resultado.estado, datos, _nota(ind, fila),
                                        fila.advertencias))
    return filas


def texto_formulario(balance: Balance) -> str:
    """The inputs, principle by principle, as plain text."""
    from coopxl.indicadores.textos.catalogo import NOMBRES_PRINCIPIO

    ds = balance.ds
    ent = ds.entidad
    lineas = ["DATOS PARA EL FORMULARIO DEL BALANCE SOCIAL (Supersolidaria)"]
    if ent["nombre"]:
        lineas.append(f"Entidad: {ent['nombre']}" + (f" ({ent['sigla']})" if ent["sigla"] else ""))
    lineas.append(f"Corte: {ds.corte:%d/%m/%Y}   Periodo evaluado: {ds.periodo.inicio:%d/%m/%Y} a "
                  f"{ds.periodo.fin:%d/%m/%Y}")
    lineas.append("Para cada indicador: los valores que coopxl usó y de dónde salen.")
    actual = None
    for f in datos_formulario(balance):
        if f.principio != actual:
            actual = f.principio
            lineas += ["", f"{f.principio}. {NOMBRES_PRINCIPIO[f.principio].upper()}"]
        lineas += ["", f"  {f.nombre}: {f.resultado}", f"    Fórmula: {f.formula}"]
        for d in f.datos:
            lineas.append(f"    {d.etiqueta}: {d.valor_texto()}")
            lineas.append(f"      de: {d.origen_texto()}")
        if f.nota:
            lineas.append(f"    {f.nota}")
        lineas += [f"    Nota: {a}" for a in f.advertencias]
    return "\n".join(lineas)
