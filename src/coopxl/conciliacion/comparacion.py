"""Side by side: the supervisor's result and coopxl's, row by row, with a verdict and its likely cause.

`conciliar(balance, resultado_ses)` walks the supervisor's layout (`balance.por_principio()`, 42 rows)
and gives each row a verdict:

- `coincide`: both numbers, equal as printed (|coopxl - supervisor| <= 0.005, plus a tiny epsilon for
  the binary value of a printed half); or both with a zero denominator.
- `difiere`: both numbers, different; the cause when coopxl can tell: an alternative reading of the
  formula (`lecturas.py`) that gives the supervisor's figure, a figure above 100 % for a subset ratio,
  a factor of 100, a zero...
- `supervisor_no_calculo`: the supervisor printed NO SE PUDO CALCULAR or nothing.
- `faltan_datos`: coopxl lacks an input (sin_datos).
- `no_aplica`: the indicator does not apply to the entity (the SES tool prints 0,00 % there).
- `denominador_cero`: coopxl's denominator is zero and the supervisor printed a 0.
- `sin_fila`: the row is not in the supervisor's result.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Literal

from coopxl import formato
from coopxl.analisis import EN_PESOS, valor_mostrado
from coopxl.conciliacion.lecturas import DENOMINADOR_CERO, ValorLectura, evaluar, lecturas_de

if TYPE_CHECKING:
    from coopxl.balance import Balance, Fila
    from coopxl.conciliacion.lector_ses import FilaSES, ResultadoSES
    from coopxl.dataset import Dataset
    from coopxl.indicadores.modelo import Indicador

Veredicto = Literal["coincide", "difiere", "supervisor_no_calculo", "faltan_datos", "no_aplica",
                    "denominador_cero", "sin_fila"]
VEREDICTOS: tuple[Veredicto, ...] = ("coincide", "difiere", "supervisor_no_calculo", "faltan_datos",
                                     "no_aplica", "denominador_cero", "sin_fila")
ETIQUETAS: dict[Veredicto, str] = {
    "coincide": "coincide",
    "difiere": "difiere",
    "supervisor_no_calculo": "el supervisor no calculó",
    "faltan_datos": "faltan datos",
    "no_aplica": "no aplica",
    "denominador_cero": "denominador en cero",
    "sin_fila": "no está en el resultado del supervisor",
}

TOLERANCIA = 0.005  # half a unit of the second printed decimal
EPSILON = 1e-9  # the binary value of a printed half (27.665 is 27.66499...)


def coinciden(a: float, b: float) -> bool:
    """Equal as the SES prints them (two decimals)."""
    return abs(a - b) <= TOLERANCIA + EPSILON or formato.redondear(a, 2) == formato.redondear(b, 2)


@dataclass(frozen=True)
class LecturaEvaluada:
    causa: str
    valor: ValorLectura
    coincide: bool


@dataclass(frozen=True)
class FilaConciliacion:
    id: str
    principio: int
    nombre: str
    es_porcentaje: bool
    resultado_ses: str  # as printed ("" when the row is missing or empty)
    valor_ses: float | None
    tipo_ses: str | None  # lector_ses.TipoResultado; None when the row is missing
    resultado_coopxl: str
    valor_coopxl: float | None
    estado_coopxl: str
    veredicto: Veredicto
    causa: str = ""  # Spanish; completes "difiere: …"
    lecturas: tuple[LecturaEvaluada, ...] = ()

    @property
    def diferencia(self) -> float | None:
        """coopxl minus the supervisor (points for percentages), when both are numbers."""
        if self.valor_coopxl is None or self.valor_ses is None or self.estado_coopxl != "ok":
            return None
        return self.valor_coopxl - self.valor_ses

    def diferencia_texto(self) -> str:
        d = self.diferencia
        if d is None:
            return ""
        texto = formato.numero(d)
        if texto.lstrip("-") == "0,00":
            texto = "0,00"
        elif not texto.startswith("-"):
            texto = "+" + texto
        return texto + (" pts" if self.es_porcentaje else "")

    def ses_texto(self) -> str:
        """The supervisor's result in coopxl's style ("27,66 %"), or what it printed instead."""
        if self.valor_ses is not None:
            v = self.valor_ses
            return formato.porcentaje(v) if self.es_porcentaje else formato.numero(v)
        if self.tipo_ses == "no_calculado":
            return "no calculado"
        return "-" if self.tipo_ses is None else "vacío"

    def coopxl_texto(self) -> str:
        """coopxl's result, the states in a few words."""
        if self.estado_coopxl == "ok":
            return self.resultado_coopxl
        return {"denominador_cero": "denominador en cero", "sin_datos": "sin datos",
                "no_aplica": "no aplica"}.get(self.estado_coopxl, self.estado_coopxl)

    @property
    def etiqueta(self) -> str:
        return ETIQUETAS[self.veredicto]

    @property
    def texto_veredicto(self) -> str:
        """"difiere: el supervisor cuenta cuentas de ahorro, no personas (esa lectura da 213,13 %)"."""
        return f"{self.etiqueta}: {self.causa}" if self.causa else self.etiqueta

    @property
    def lectura_que_reproduce(self) -> str | None:
        return next((lec.causa for lec in self.lecturas if lec.coincide), None)


@dataclass(frozen=True)
class Conciliacion:
    filas: tuple[FilaConciliacion, ...]
    avisos: tuple[str, ...] = field(default=())

    def conteo(self) -> dict[Veredicto, int]:
        return {v: sum(1 for f in self.filas if f.veredicto == v) for v in VEREDICTOS}

    def resumen(self) -> str:
        conteo = self.conteo()
        partes = [f"{n} {ETIQUETAS[v]}" for v, n in conteo.items() if n]
        return f"{len(self.filas)} filas: " + ", ".join(partes) + "."

    def fila(self, id_: str, principio: int | None = None) -> FilaConciliacion:
        return next(f for f in self.filas if f.id == id_ and (principio is None or f.principio == principio))


# --- one row -------------------------------------------------------------------------------------

def _mostrar(ind: Indicador, valor: float) -> str:
    return valor_mostrado(ind, valor)


def _entrada(ind: Indicador, valor: float | None) -> str:
    if valor is None:
        return ""
    if ind.id in EN_PESOS:
        return formato.pesos(valor)
    return formato.numero(valor, 0 if float(valor).is_integer() else 2)


def _lecturas(fila: Fila, ses: float | None, ds: Dataset) -> tuple[LecturaEvaluada, ...]:
    evaluadas = []
    for lectura in lecturas_de(fila.id):
        valor = evaluar(lectura, ds)
        coincide = (isinstance(valor, float) and ses is not None and coinciden(valor, ses)) or (
            valor == DENOMINADOR_CERO and ses is None)
        evaluadas.append(LecturaEvaluada(lectura.causa, valor, coincide))
    return tuple(evaluadas)


def _causa_lecturas(ind: Indicador, lecturas: tuple[LecturaEvaluada, ...]) -> str | None:
    que_coinciden = [lec for lec in lecturas if lec.coincide]
    if not que_coinciden:
        return None
    partes = []
    for lec in que_coinciden:
        if isinstance(lec.valor, float):
            partes.append(f"el supervisor {lec.causa} (esa lectura da {_mostrar(ind, lec.valor)})")
        else:
            partes.append(f"el supervisor {lec.causa} (con esa lectura el denominador es cero)")
    return "; o bien, ".join(partes)


def _causa_generica(fila: Fila, ses: float) -> str:
    """What coopxl can say about a differing figure when no reading reproduces it."""
    ind, res = fila.indicador, fila.resultado
    coopxl = res.valor
    assert coopxl is not None
    ses_txt = _mostrar(ind, ses)
    if ind.subconjunto and ind.es_porcentaje and ses > 100 + TOLERANCIA:
        return (f"el resultado del supervisor ({ses_txt}) supera el 100 %, imposible para esta razón (el "
                "numerador es parte del denominador): los datos digitados en el formulario no son "
                "consistentes")
    if ses != 0 and coopxl != 0:
        if coinciden(coopxl * 100, ses):
            return ("la cifra del supervisor es la de coopxl multiplicada por 100 (¿un valor digitado como "
                    "porcentaje?)")
        if coinciden(coopxl / 100, ses):
            return ("la cifra del supervisor es la de coopxl dividida por 100 (¿un porcentaje digitado como "
                    "fracción?)")
        if coinciden(-coopxl, ses):
            return ("la cifra del supervisor tiene el signo contrario: revise cuál periodo es el actual y "
                    "cuál el anterior")
    if ses == 0:
        return "el supervisor da 0: probablemente el numerador no se digitó en el formulario"
    implicita = _entrada_implicita(fila, ses)
    if implicita:
        return implicita
    return ("ninguna lectura conocida reproduce la cifra del supervisor; compare el numerador y el "
            "denominador digitados con los de «coopxl formulario»")


def _entero_cercano(x: float, tolerancia: float) -> int | None:
    """The whole number x is, within `tolerancia` (None when the tolerance is too wide to tell)."""
    if tolerancia >= 0.25 or abs(x - round(x)) > tolerancia:
        return None
    return round(x)


def _entrada_implicita(fila: Fila, ses: float) -> str | None:
    """For a count ratio: the numerator (or denominator) the supervisor's figure implies, when it is whole."""
    ind, res = fila.indicador, fila.resultado
    if ind.id in EN_PESOS or res.numerador is None or not res.denominador:
        return None
    escala = 100.0 if ind.es_porcentaje else 1.0
    num = _entero_cercano(ses * res.denominador / escala, TOLERANCIA * abs(res.denominador) / escala + 1e-6)
    if num is not None and num != round(res.numerador):
        return (f"con el denominador de coopxl ({_entrada(ind, res.denominador)}), la cifra del supervisor "
                f"corresponde a un numerador de {formato.entero(num)} (coopxl: "
                f"{_entrada(ind, res.numerador)})")
    if ses != 0 and res.numerador:
        den = _entero_cercano(res.numerador * escala / ses,
                              TOLERANCIA * abs(res.numerador) * escala / ses**2 + 1e-6)
        if den is not None and den > 0 and den != round(res.denominador):
            return (f"con el numerador de coopxl ({_entrada(ind, res.numerador)}), la cifra del supervisor "
                    f"corresponde a un denominador de {formato.entero(den)} (coopxl: "
                    f"{_entrada(ind, res.denominador)})")
    return None


def conciliar_fila(fila: Fila, principio: int, ses_fila: FilaSES | None, ds: Dataset) -> FilaConciliacion:
    ind, res = fila.indicador, fila.resultado
    base = {
        "id": fila.id, "principio": principio, "nombre": ind.nombre, "es_porcentaje": ind.es_porcentaje,
        "resultado_ses": " ".join(ses_fila.resultado_impreso.split()) if ses_fila else "",
        "valor_ses": ses_fila.valor if ses_fila else None,
        "tipo_ses": ses_fila.tipo_resultado if ses_fila else None,
        "resultado_coopxl": fila.resultado_texto,
        "valor_coopxl": res.valor if res.estado == "ok" else None, "estado_coopxl": res.estado,
    }

    def hecho(veredicto: Veredicto, causa: str = "", lecturas: tuple[LecturaEvaluada, ...] = ()
              ) -> FilaConciliacion:
        return FilaConciliacion(**base, veredicto=veredicto, causa=causa, lecturas=lecturas)

    if ses_fila is None:
        return hecho("sin_fila")
    tipo, ses = ses_fila.tipo_resultado, ses_fila.valor
    numero_ses = ses is not None and tipo in ("porcentaje", "razon")
    ses_txt = _mostrar(ind, ses) if numero_ses and ses is not None else ""

    if res.estado == "sin_datos":
        detalle = "; ".join(f for f in res.faltantes if f) or "un dato de entrada"
        if numero_ses:
            detalle += f"; el supervisor da {ses_txt}"
        return hecho("faltan_datos", detalle)

    if res.estado == "no_aplica":
        motivo = res.motivo.rstrip(".") or "no aplica a la entidad"
        if not numero_ses:
            return hecho("no_aplica", f"{motivo}; el supervisor no lo calculó")
        if ses == 0:
            return hecho("no_aplica", f"{motivo}; el supervisor imprime 0,00 % cuando el indicador no aplica")
        return hecho("difiere", f"coopxl no lo aplica ({motivo}) pero el supervisor da {ses_txt}: revise el "
                     "tipo de asamblea (clave asamblea_tipo)")

    if res.estado == "denominador_cero":
        den = ind.denominador_texto or "el denominador"
        if tipo == "no_calculado":
            return hecho("coincide", f"ambos con el denominador en cero ({den})")
        if not numero_ses:
            return hecho("supervisor_no_calculo", f"el resultado del supervisor está vacío; en coopxl el "
                         f"denominador ({den}) es cero")
        if ses == 0:
            return hecho("denominador_cero", f"en coopxl el denominador ({den}) es cero; la herramienta del "
                         "supervisor imprimió 0 en lugar de «NO SE PUDO CALCULAR»")
        lecturas = _lecturas(fila, ses, ds)
        causa = _causa_lecturas(ind, lecturas) or (
            f"en coopxl el denominador ({den}) es cero y el supervisor da {ses_txt}: el supervisor tuvo otro "
            "denominador")
        return hecho("difiere", causa, lecturas)

    # coopxl has a number
    assert res.valor is not None
    if tipo == "no_calculado":
        lecturas = _lecturas(fila, None, ds)
        den_coopxl = _entrada(ind, res.denominador) or "distinto de cero"
        causa = (_causa_lecturas(ind, lecturas)
                 or f"su denominador fue cero; el de coopxl es {den_coopxl} ({ind.denominador_texto})")
        return hecho("supervisor_no_calculo", causa, lecturas)
    if not numero_ses or ses is None:
        return hecho("supervisor_no_calculo", "el resultado del supervisor está vacío: no se digitaron los "
                     "datos en el formulario")
    if coinciden(res.valor, ses):
        return hecho("coincide")
    lecturas = _lecturas(fila, ses, ds)
    causa = _causa_lecturas(ind, lecturas) or _causa_generica(fila, ses)
    return hecho("difiere", causa, lecturas)


# --- the whole report ------------------------------------------------------------------------------

def conciliar(balance: Balance, ses: ResultadoSES) -> Conciliacion:
    """Reconcile coopxl's balance with the supervisor's result, in the supervisor's layout."""
    ds = balance.ds
    filas = []
    for principio, _, filas_p in balance.por_principio():
        for fila in filas_p:
            ses_fila = ses.fila(fila.id, principio)
            if ses_fila is None and sum(1 for f in ses.filas if f.id == fila.id) == 1:
                ses_fila = ses.fila(fila.id)  # shown under another principle (a re-typed report)
            filas.append(conciliar_fila(fila, principio, ses_fila, ds))
    avisos = list(ses.avisos)
    if ses.fecha_corte is not None and ses.fecha_corte != ds.corte:
        avisos.insert(0, f"El resultado del supervisor es del corte {ses.fecha_corte:%d/%m/%Y} y coopxl "
                      f"calculó el corte {ds.corte:%d/%m/%Y}: use --corte {ses.fecha_corte:%Y-%m-%d} si es "
                      "el mismo periodo.")
    elif ses.fecha_corte is None and ses.vigencia is not None and ses.vigencia != ds.corte.year:
        avisos.insert(0, f"El resultado del supervisor es de la vigencia {ses.vigencia} y coopxl calculó el "
                      f"corte {ds.corte:%d/%m/%Y}.")
    codigo = ds.entidad.get("codigo")
    if ses.codigo and codigo and ses.codigo.strip() != codigo.strip():
        avisos.insert(0, f"El resultado del supervisor es de la entidad con código {ses.codigo} y los datos "
                      f"de coopxl son de la entidad {codigo}.")
    return Conciliacion(tuple(filas), tuple(avisos))
