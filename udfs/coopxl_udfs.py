"""coopxl functions for Excel (xlwings UDFs): the Balance Social computed from the calling workbook.

How the data is reached: the user pastes each report into a sheet of the workbook named like the report
(Asociados, Aportes, Captaciones, Cartera, Directivos, Catalogo, Beneficios, Asamblea, Revalorizacion,
Complementarios; optional Parametros = reference rates, or Smmlv_ipc, Tasas_referencia, Generales…),
header row first. Every UDF declares `caller`: xlwings passes the calling cell, and the UDF reads the
used range of every sheet of that cell's workbook. The pure functions below do the rest:
`dataset_desde_hojas` (`coopxl.complemento.hojas`, shared with the buttons of `coopxl_botones`) turns the
2-D lists into a Dataset through the very readers of the files (`coopxl.sicses.desde_tabla`), and a small
cache keyed on a fingerprint of the sheets' values means that 40 cells recalculated together read, build and
compute once.

Nothing here computes an indicator or a benefit: values, texts and sentences come from
`calcular_balance` (the registry + analisis) and `calcular_beneficios`. From plain Python (tests, scripts)
pass the sheets themselves as `caller`: a dict sheet name -> 2-D list.
"""

from __future__ import annotations

import datetime as dt
from collections import OrderedDict
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from typing import Any

import xlwings as xw

from coopxl.balance import Balance, calcular_balance
from coopxl.beneficios import COMPONENTES, NOMBRE_COMPONENTE
from coopxl.complemento.hojas import ErrorCoopxl, dataset_desde_hojas
from coopxl.dataset import Dataset
from coopxl.sicses.desde_tabla import es_hoja_de_reporte, huella
from coopxl.sicses.layouts import normalizar_encabezado
from coopxl.sicses.problemas import Informe

CATEGORIA = "coopxl"
PREFIJO = "coopxl: "
ENCABEZADO_TABLA = ["Id", "Principio", "Nombre", "Resultado", "Estado", "Análisis"]
TIPOS_BENEFICIO = (*COMPONENTES, "total", "aportes", "rentabilidad")
MAX_CACHE = 4


# --- pure layer (the sheets -> Dataset step is coopxl.complemento.hojas, shared with the buttons) ----------

@dataclass
class Calculo:
    """What one content of the sheets gives: the Dataset, its problems and (once asked) the Balance."""

    ds: Dataset
    informe: Informe
    _balance: Balance | None = field(default=None, repr=False)

    @property
    def balance(self) -> Balance:
        if self._balance is None:
            self._balance = calcular_balance(self.ds)
        return self._balance


_CACHE: OrderedDict[str, Calculo] = OrderedDict()


def calculo(hojas: Mapping[str, object], corte: object = None) -> Calculo:
    """The cached computation of these sheets' contents (rebuilt only when a value or the cut changes)."""
    fecha = leer_corte(corte)
    clave = huella(hojas, fecha)
    hecho = _CACHE.get(clave)
    if hecho is None:
        ds, informe = dataset_desde_hojas(hojas, fecha)
        hecho = Calculo(ds, informe)
        _CACHE[clave] = hecho
        while len(_CACHE) > MAX_CACHE:
            _CACHE.popitem(last=False)
    else:
        _CACHE.move_to_end(clave)
    return hecho


def vaciar_cache() -> None:
    _CACHE.clear()


def leer_corte(corte: object) -> dt.date | None:
    """The optional cut as Excel passes it: a date, an Excel serial number, a dd/mm/aaaa text or empty."""
    if corte is None or corte == "":
        return None
    if isinstance(corte, dt.datetime):
        return corte.date()
    if isinstance(corte, dt.date):
        return corte
    if isinstance(corte, int | float) and not isinstance(corte, bool):
        return dt.date(1899, 12, 30) + dt.timedelta(days=int(corte))
    if isinstance(corte, str):
        for formato in ("%d/%m/%Y", "%Y-%m-%d"):
            try:
                return dt.datetime.strptime(corte.strip(), formato).date()
            except ValueError:
                pass
    raise ErrorCoopxl(f"fecha de corte no válida «{corte}» (use dd/mm/aaaa)")


def _fila(c: Calculo, id_: object):
    clave = str(id_ if id_ is not None else "").strip().lower()
    for f in c.balance.filas:
        if f.id == clave:
            return f
    raise ErrorCoopxl(f"indicador desconocido «{id_}»")


def valor_indicador(hojas: Mapping[str, object], id_: object, corte: object = None) -> float | str:
    """The unrounded value (x100 for percentages), or the state text when the indicator is not ok."""
    f = _fila(calculo(hojas, corte), id_)
    r = f.resultado
    return float(r.valor) if r.estado == "ok" and r.valor is not None else f.resultado_texto


def texto_indicador(hojas: Mapping[str, object], id_: object, corte: object = None) -> str:
    return _fila(calculo(hojas, corte), id_).resultado_texto


def analisis_indicador(hojas: Mapping[str, object], id_: object, corte: object = None) -> str:
    return _fila(calculo(hojas, corte), id_).analisis


def _documento(documento: object) -> str:
    if isinstance(documento, float) and documento.is_integer():
        documento = int(documento)
    texto = str(documento if documento is not None else "").strip()
    if ":" in texto:
        tipo, _, numero = texto.partition(":")
        return f"{tipo.strip().upper()}:{_numero_documento(numero)}"
    return _numero_documento(texto)


def _numero_documento(numero: str) -> str:
    limpio = numero.strip().replace(".", "").replace(" ", "").split("-")[0]
    return limpio.lstrip("0") or limpio


def beneficio(hojas: Mapping[str, object], documento: object, tipo: object = "total",
              corte: object = None) -> float | str:
    """One column of the associate's row of `calcular_beneficios(ds).por_asociado`."""
    c = calculo(hojas, corte)
    clave = normalizar_encabezado(str(tipo if tipo not in (None, "") else "total"))
    if clave not in TIPOS_BENEFICIO:
        raise ErrorCoopxl(f"tipo de beneficio desconocido «{tipo}»; use uno de: {', '.join(TIPOS_BENEFICIO)}")
    tabla = c.balance.beneficios.por_asociado
    doc = _documento(documento)
    if ":" in doc:
        filas = [doc] if doc in tabla.index else []
    else:
        filas = [p for p in tabla.index if p.partition(":")[2] == doc]
    if not filas:
        raise ErrorCoopxl(f"el documento «{documento}» no es de un asociado vigente")
    if len(filas) > 1:
        raise ErrorCoopxl(f"el documento «{documento}» está con varios tipos; escríbalo como {filas[0]}")
    valor = tabla.at[filas[0], clave]
    if valor != valor:  # NaN
        if clave == "rentabilidad":
            return "sin aportes"
        return f"no calculado ({NOMBRE_COMPONENTE.get(clave, clave)})"
    return float(valor)


def contar_problemas(hojas: Mapping[str, object], severidad: object = None, corte: object = None) -> int:
    """How many problems reading and validating found: all, or only "errores" / "advertencias"."""
    informe = calculo(hojas, corte).informe
    clave = normalizar_encabezado(str(severidad or ""))
    if clave in ("", "todos", "todas"):
        return len(informe)
    if clave in ("error", "errores"):
        return informe.errores
    if clave in ("advertencia", "advertencias"):
        return informe.advertencias
    raise ErrorCoopxl(f"severidad desconocida «{severidad}»; use errores o advertencias")


def tabla(hojas: Mapping[str, object], corte: object = None) -> list[list[object]]:
    """Header row plus one row per indicator: id, principio, nombre, resultado, estado, análisis."""
    filas: list[list[object]] = [list(ENCABEZADO_TABLA)]
    for f in calculo(hojas, corte).balance.filas:
        filas.append([f.id, f.indicador.principio, f.indicador.nombre, f.resultado_texto, f.resultado.estado,
                      f.analisis])
    return filas


# --- reaching the workbook -----------------------------------------------------------------------

def hojas_del_libro(caller: object) -> Mapping[str, object]:
    """The used range of the calling cell's workbook's sheets named like a report (the user's other sheets,
    the one holding these formulas among them, are not read); a dict given as `caller` is used as is."""
    if isinstance(caller, Mapping):
        return caller
    if caller is None:
        raise ErrorCoopxl("no se sabe desde qué libro se llama la función")
    libro = caller.sheet.book
    return {hoja.name: hoja.used_range.value for hoja in libro.sheets if es_hoja_de_reporte(hoja.name)}


def _responder(funcion: Callable[[], Any]) -> Any:
    """Every answer goes to a cell: a problem becomes a readable Spanish text, never a traceback."""
    try:
        return funcion()
    except ErrorCoopxl as e:
        return PREFIJO + str(e)
    except Exception as e:  # a cell must never show a traceback
        return f"{PREFIJO}error inesperado ({type(e).__name__}: {e}); informe este error a los desarrolladores"


def _responder_tabla(funcion: Callable[[], list[list[object]]]) -> list[list[object]]:
    r = _responder(funcion)
    return r if isinstance(r, list) else [[r]]


# --- Excel functions (positional arguments; `caller` is filled by xlwings, not shown in Excel) ------------

@xw.func(category=CATEGORIA)
def BS_INDICADOR(id_indicador, corte=None, caller=None):
    """Valor del indicador del Balance Social (sin redondear; los porcentajes ya multiplicados por 100).

    id_indicador: identificador del indicador, por ejemplo "participacion_democratica".
    corte: fecha de corte (opcional; si se omite, la de la hoja Complementarios).
    Si el indicador no se puede calcular devuelve el texto del estado (por ejemplo "SIN DATOS").
    Lee las hojas del libro con los reportes pegados: Asociados, Aportes, Captaciones, Cartera, etc.
    """
    return _responder(lambda: valor_indicador(hojas_del_libro(caller), id_indicador, corte))


@xw.func(category=CATEGORIA)
def BS_RESULTADO(id_indicador, corte=None, caller=None):
    """Resultado del indicador como se muestra en el Balance Social (por ejemplo "27,66 %").

    id_indicador: identificador del indicador.
    corte: fecha de corte (opcional).
    """
    return _responder(lambda: texto_indicador(hojas_del_libro(caller), id_indicador, corte))


@xw.func(category=CATEGORIA)
def BS_ANALISIS(id_indicador, corte=None, caller=None):
    """Frase de análisis del indicador, en español, como la escribe el Balance Social.

    id_indicador: identificador del indicador.
    corte: fecha de corte (opcional).
    """
    return _responder(lambda: analisis_indicador(hojas_del_libro(caller), id_indicador, corte))


@xw.func(category=CATEGORIA)
def BS_BENEFICIO(documento, tipo="total", corte=None, caller=None):
    """Beneficio solidario de un asociado vigente, en pesos.

    documento: número de documento del asociado (o "C:12345678" para indicar el tipo).
    tipo: componente: credito, ahorro, revalorizacion, auxilio, educacion, recreacion, salud, convenio,
    seguro, retorno, otro, total (por omisión), aportes o rentabilidad (porcentaje sobre los aportes).
    corte: fecha de corte (opcional).
    """
    return _responder(lambda: beneficio(hojas_del_libro(caller), documento, tipo, corte))


@xw.func(category=CATEGORIA)
def BS_VALIDAR(severidad=None, corte=None, caller=None):
    """Número de problemas encontrados al leer y validar las hojas de los reportes.

    severidad: "errores", "advertencias" o vacío para contar todos.
    corte: fecha de corte (opcional).
    El detalle de cada problema (hoja, fila, columna) lo da el botón o el comando coopxl validar.
    """
    return _responder(lambda: contar_problemas(hojas_del_libro(caller), severidad, corte))


@xw.func(category=CATEGORIA)
def BS_TABLA(corte=None, caller=None):
    """Tabla completa del Balance Social: una fila por indicador con id, principio, nombre, resultado,
    estado y análisis, con fila de encabezado.

    En Excel 365 se derrama sola; en versiones anteriores ingrésela como fórmula matricial sobre un
    rango de 42 filas x 6 columnas (Ctrl+Mayús+Enter).
    corte: fecha de corte (opcional).
    """
    return _responder_tabla(lambda: tabla(hojas_del_libro(caller), corte))
