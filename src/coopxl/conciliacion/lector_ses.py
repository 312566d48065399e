"""Reader of the supervisor's Balance Social result (the SES tool's report), as text or PDF.

The SES tool prints, principle by principle, one row per indicator: name, purpose, formula, result and
analysis. Its reports reach us in several shapes: the text of the PDF (names broken across lines,
results such as "350.00\\n%", page footers), the web version (a header block ENTIDAD / CÓDIGO / ...,
upper-case names, rows wrapped in <p>...</p>, LaTeX formulas), or a text the entity re-typed.

The reader does not rely on the layout. It cleans the text (tags, LaTeX, footers, column headers),
finds the principle headers and the indicator names (matched to coopxl ids by their set of words, so
case, accents, punctuation, plurals and word order do not matter), and inside each row takes the first
printed result after the formula; what follows the result is the analysis.
"""

from __future__ import annotations

import html
import itertools
import re
import shutil
import subprocess
import unicodedata
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import Literal

from coopxl.indicadores.textos.catalogo import FILAS_SES, NOMBRES_PRINCIPIO, PRINCIPIO_DE, TODOS

TipoResultado = Literal["porcentaje", "razon", "no_calculado", "vacio"]


class ErrorLecturaSES(Exception):
    """A supervisor's result that could not be read: names the file and what was not understood."""

    def __init__(self, archivo: str, mensaje: str) -> None:
        self.archivo = archivo
        self.mensaje = mensaje
        super().__init__(f"No se pudo leer el resultado de la Supersolidaria «{archivo}»: {mensaje}")


@dataclass(frozen=True)
class FilaSES:
    """One printed row of the SES report."""

    id: str
    principio: int
    nombre_impreso: str
    resultado_impreso: str
    valor: float | None
    tipo_resultado: TipoResultado
    analisis_impreso: str


@dataclass(frozen=True)
class ResultadoSES:
    """The SES report: header data (when printed) and its rows in printed order."""

    filas: list[FilaSES]
    entidad: str | None = None
    codigo: str | None = None
    sigla: str | None = None
    tipo: str | None = None
    fecha_corte: date | None = None
    fecha_reporte: date | None = None
    vigencia: int | None = None
    origen: str = "texto"
    # Spanish notes on what was odd: missing or repeated rows, a result not found, a bad date...
    avisos: tuple[str, ...] = field(default=())

    def fila(self, id_: str, principio: int | None = None) -> FilaSES | None:
        """The first row of an indicator (under `principio` when given)."""
        for fila in self.filas:
            if fila.id == id_ and (principio is None or fila.principio == principio):
                return fila
        return None

    def faltantes(self) -> list[tuple[int, str]]:
        """The (principle, id) rows of the SES report that were not found."""
        vistas = {(f.principio, f.id) for f in self.filas}
        return [fila for fila in FILAS_SES if fila not in vistas]


# --- word matching --------------------------------------------------------------------------------

_VACIAS = frozenset(
    {"a", "al", "con", "de", "del", "e", "el", "en", "la", "las", "lo", "los", "o", "para", "por", "u", "un",
     "una", "y"}
)  # fmt: skip

# SES name variants seen in its versions and in re-typed reports, besides the `nombre` of each text.
# An alias must not be a phrase that can start a line of a purpose or an analysis (e.g. "Educación,
# formación e información para asociados" would match "La educación, formación e información a los
# asociados" of the purpose of educacion_asociados).
ALIAS: dict[str, tuple[str, ...]] = {
    "participacion_asistencia_asamblea": (
        "Participación democrática asistencia delegados",
        "Participación democrática asistencia asociados",
        "Participación democrática asistencia a la asamblea",
    ),
    "participacion_votacion_delegados": ("Participación democrática en la elección de delegados",),
    "satisfaccion_asociados": ("Satisfacción de asociados", "Nivel de satisfacción de los asociados"),
    "diversidad_organos": ("Diversidad en órganos de dirección, administración y control",),
    "equidad_genero_operaciones": ("Equidad de género en operaciones de crédito",),
    "crecimiento_fondos_sociales": ("Crecimiento en fondos sociales",),
    "cobertura_programas_sociales": ("Cobertura de programas sociales",),
    "educacion_directivos": ("Participación en educación, formación e información para directivos",),
    "educacion_asociados": ("Cobertura en educación, formación e información para asociados",),
    "educacion_empleados": ("Participación en educación, formación e información para empleados",),
    "participacion_gasto_educacion": ("Participación del gasto en educación, formación e información",),
    "crecimiento_inversion_educacion": ("Crecimiento de la inversión en educación",),
    "financiacion_externa": ("Financiación externa",),
    "buen_gobierno": ("Buen gobierno",),
    "gastos_comunidad": ("Gastos en favor de la comunidad",),
    "proveedores_locales": ("Proveedores locales",),
    "fondeo_sector_solidario": ("Fondeo con el sector solidario",),
    "economias_escala": ("Economías de escala",),
}


def _sin_tildes(texto: str) -> str:
    descompuesto = unicodedata.normalize("NFKD", texto)
    return "".join(c for c in descompuesto if not unicodedata.combining(c))


def _raiz(palabra: str) -> str:
    """Plural to singular, roughly: 'órganos' -> 'organo', 'mujeres' -> 'mujer', 'fines' -> 'fin'."""
    if len(palabra) > 4 and palabra.endswith("es") and palabra[-3] not in "aeiou":
        return palabra[:-2]
    if len(palabra) > 3 and palabra.endswith("s"):
        return palabra[:-1]
    return palabra


def _normal(palabra: str) -> str:
    return _sin_tildes(palabra).lower()


def firma(texto: str) -> frozenset[str]:
    """The set of meaningful words of a name: no case, accents, punctuation, plurals or stop words."""
    palabras = re.findall(r"[a-z0-9]+", _normal(texto))
    return frozenset(_raiz(p) for p in palabras if p not in _VACIAS)


def _firmas() -> dict[frozenset[str], str]:
    por_firma: dict[frozenset[str], str] = {}
    for id_, texto in TODOS.items():
        for nombre in (texto.nombre, *ALIAS.get(id_, ())):
            clave = firma(nombre)
            if por_firma.get(clave, id_) != id_:
                raise RuntimeError(f"two indicators share the words of {nombre!r}: {por_firma[clave]}, {id_}")
            por_firma[clave] = id_
    return por_firma


_POR_FIRMA = _firmas()
_MAX_PALABRAS = max(len(f) for f in _POR_FIRMA)


def identificar_indicador(nombre: str) -> str | None:
    """The coopxl id of a printed indicator name, or None.

    Exact on the set of meaningful words first; otherwise the closest name (Jaccard >= 0.6) when it is
    clearly closer than the second best.
    """
    clave = firma(nombre)
    if not clave:
        return None
    exacto = _POR_FIRMA.get(clave)
    if exacto is not None:
        return exacto
    puntajes: dict[str, float] = {}
    for otra, id_ in _POR_FIRMA.items():
        puntaje = len(clave & otra) / len(clave | otra)
        puntajes[id_] = max(puntajes.get(id_, 0.0), puntaje)
    orden = sorted(puntajes.items(), key=lambda kv: kv[1], reverse=True)
    mejor_id, mejor = orden[0]
    segundo = orden[1][1] if len(orden) > 1 else 0.0
    if mejor >= 0.6 and mejor - segundo >= 0.15:
        return mejor_id
    return None


# --- cleaning --------------------------------------------------------------------------------------

_ETIQUETAS_COLUMNAS = frozenset(
    {"nombre", "indicador", "proposito", "formula", "resultado", "analisis", "del"}
)
_ETIQUETAS_SUELTAS = frozenset({
    "Nombre Indicador", "Nombre indicador", "Nombre del indicador", "Proposito", "Propósito", "Formula",
    "Fórmula", "Resultado", "Analisis", "Análisis", "Análisis del resultado", "Analisis del resultado",
})  # fmt: skip
_PIE_PAGINA = re.compile(r"(?im)^.*sistema de informaci[oó]n\s+elaborado por.*$")
_NUMERO_PAGINA = re.compile(r"(?im)^[ \t]*(?:p[aá]gina[ \t]+)?\d+[ \t]*(?:de|/)[ \t]*\d+[ \t]*$")
_ETIQUETA_BLOQUE = re.compile(r"(?i)</?(?:p|div|br|tr|td|th|li|ul|ol|h[1-6]|table|thead|tbody)\b[^>]*>")
_ETIQUETA = re.compile(r"</?[a-zA-Z][^>]*>")
_MATEMATICA = re.compile(r"\$\$(.+?)\$\$|\$([^$\n]+)\$", re.S)


def _sin_latex(texto: str) -> str:
    texto = re.sub(r"\\(?:text|mathrm|textrm|mbox)\s*\{([^{}]*)\}", r"\1", texto)
    for comando, reemplazo in (
        ("\\left", ""), ("\\right", ""), ("\\leq", "<="), ("\\le ", "<= "), ("\\geq", ">="),
        ("\\ge ", ">= "), ("\\times", "*"), ("\\cdot", "*"), ("\\#", "#"), ("\\%", "%"), ("\\,", " "),
        ("\\;", " "), ("\\ ", " "),
    ):  # fmt: skip
        texto = texto.replace(comando, reemplazo)

    def formula(m: re.Match[str]) -> str:
        contenido = m.group(1) if m.group(1) is not None else m.group(2)
        contenido = re.sub(r"\\frac\s*", "", contenido).replace("}{", " / ")
        return re.sub(r"[{}]", "", contenido)

    return _MATEMATICA.sub(formula, texto)


def _limpiar(texto: str) -> str:
    texto = texto.replace("\r\n", "\n").replace("\r", "\n").replace("\f", "\n")
    texto = texto.replace("\t", " ").replace("\xa0", " ").replace("\u200b", "")
    texto = _ETIQUETA_BLOQUE.sub("\n", texto)
    texto = _ETIQUETA.sub(" ", texto)
    texto = html.unescape(texto)
    texto = _sin_latex(texto)
    texto = _PIE_PAGINA.sub("", texto)
    texto = _NUMERO_PAGINA.sub("", texto)
    lineas = []
    for linea in texto.split("\n"):
        palabras = set(re.findall(r"[a-z]+", _normal(linea)))
        if palabras and palabras <= _ETIQUETAS_COLUMNAS and (
            len(palabras) >= 4 or linea.strip().isupper() or linea.strip() in _ETIQUETAS_SUELTAS
        ):
            linea = ""  # a column header line ("Nombre Indicador Proposito ..." or one label a line)
        lineas.append(linea.rstrip())
    return "\n".join(lineas)


# --- header ----------------------------------------------------------------------------------------

_CAMPOS_ENCABEZADO: dict[str, re.Pattern[str]] = {
    "entidad": re.compile(r"(?i)^entidad\s*:\s*(.+)$"),
    "codigo": re.compile(r"(?i)^c[oó]digo(?:\s+(?:de\s+la\s+)?entidad)?\s*:\s*(.+)$"),
    "sigla": re.compile(r"(?i)^sigla\s*:\s*(.+)$"),
    "tipo": re.compile(r"(?i)^tipo(?:\s+de\s+entidad)?\s*:\s*(.+)$"),
    "fecha_corte": re.compile(r"(?i)^fecha\s+(?:de\s+)?corte\s*:\s*(.+)$"),
    "fecha_reporte": re.compile(r"(?i)^fecha\s+(?:de\s+)?reporte\s*:\s*(.+)$"),
}
_VIGENCIA = re.compile(r"(?i)\bvigencia\s+(\d{4})\b")


def _fecha(texto: str) -> date | None:
    m = re.search(r"\b(\d{1,2})[/.-](\d{1,2})[/.-](\d{4})\b", texto)
    if m:
        dia, mes, anio = int(m.group(1)), int(m.group(2)), int(m.group(3))
    else:
        m = re.search(r"\b(\d{4})-(\d{1,2})-(\d{1,2})\b", texto)
        if not m:
            return None
        anio, mes, dia = int(m.group(1)), int(m.group(2)), int(m.group(3))
    try:
        return date(anio, mes, dia)
    except ValueError:
        return None


@dataclass(frozen=True)
class _Encabezado:
    entidad: str | None = None
    codigo: str | None = None
    sigla: str | None = None
    tipo: str | None = None
    fecha_corte: date | None = None
    fecha_reporte: date | None = None
    vigencia: int | None = None


def _encabezado(texto: str, avisos: list[str]) -> _Encabezado:
    """The ENTIDAD / CÓDIGO / SIGLA / TIPO / FECHA CORTE / FECHA REPORTE block, when printed."""
    crudo: dict[str, str] = {}
    for linea in texto.split("\n"):
        for pieza in re.split(r"\s{2,}", linea.strip()):
            for campo, patron in _CAMPOS_ENCABEZADO.items():
                m = patron.match(pieza)
                if m and campo not in crudo and m.group(1).strip():
                    crudo[campo] = m.group(1).strip()
    fechas: dict[str, date | None] = {}
    for campo, nombre in (("fecha_corte", "fecha de corte"), ("fecha_reporte", "fecha de reporte")):
        fechas[campo] = _fecha(crudo[campo]) if campo in crudo else None
        if campo in crudo and fechas[campo] is None:
            avisos.append(f"No se entendió la {nombre}: «{crudo[campo]}» (se espera dd/mm/aaaa).")
    vigencia = _VIGENCIA.search(texto)
    return _Encabezado(
        entidad=crudo.get("entidad"),
        codigo=crudo.get("codigo"),
        sigla=crudo.get("sigla"),
        tipo=crudo.get("tipo"),
        fecha_corte=fechas["fecha_corte"],
        fecha_reporte=fechas["fecha_reporte"],
        vigencia=int(vigencia.group(1)) if vigencia else None,
    )


# --- principle headers and names ---------------------------------------------------------------

_CABECERA_PRINCIPIO = re.compile(
    r"(?im)^[ \t]*(?:principio[ \t]*:?[ \t]*)?([1-7])[ \t]*[.)\-][ \t]*(\S[^\n]*)$"
)
_HUECO_NOMBRE = re.compile(r"[ \t]*(?:[,.:;\u2013-][ \t]*)?(?:\n[ \t]*)?")
_PALABRA = re.compile(r"[^\W_]+")


@dataclass(frozen=True)
class _Marca:
    inicio: int
    fin: int
    principio: int | None = None  # a principle header
    id: str | None = None  # an indicator name


def _principios(texto: str) -> list[_Marca]:
    marcas = []
    for m in _CABECERA_PRINCIPIO.finditer(texto):
        numero = int(m.group(1))
        conocido = firma(NOMBRES_PRINCIPIO[numero])
        if len(conocido & firma(m.group(2))) >= 0.6 * len(conocido):
            marcas.append(_Marca(m.start(), m.end(), principio=numero))
    return marcas


def _inicio_de_linea(texto: str, pos: int) -> bool:
    return texto[texto.rfind("\n", 0, pos) + 1 : pos].strip() == ""


def _fin_de_nombre(texto: str, fin: int) -> bool:
    """After a name: the end of the line, or the purpose starting on the same line with a capital."""
    salto = texto.find("\n", fin)
    resto = texto[fin : salto if salto >= 0 else len(texto)].lstrip(" .:;,")
    return resto == "" or resto[0].isupper()


def _nombre_en(texto: str, palabras: list[re.Match[str]], i: int) -> tuple[str, int] | None:
    """An indicator name starting at word i: (id, end offset), the longest one that matches."""
    if not palabras[i].group()[0].isupper():
        return None
    contenido: list[str] = []
    fines: list[int] = []
    fin_anterior: int | None = None
    for m in itertools.islice(palabras, i, None):
        if fin_anterior is not None and not _HUECO_NOMBRE.fullmatch(texto[fin_anterior : m.start()]):
            break
        fin_anterior = m.end()
        palabra = _normal(m.group())
        if palabra in _VACIAS:
            continue
        contenido.append(_raiz(palabra))
        fines.append(m.end())
        if len(contenido) >= _MAX_PALABRAS:
            break
    for n in range(len(contenido), 0, -1):
        clave = frozenset(contenido[:n])
        if len(clave) == n and clave in _POR_FIRMA and _fin_de_nombre(texto, fines[n - 1]):
            return _POR_FIRMA[clave], fines[n - 1]
    return None


def _frase_flexible(frase: str) -> str:
    """A regex of a phrase whose letters may be split by spaces or line breaks (a narrow PDF column)."""
    return r"\s*".join(re.escape(c) for c in frase.replace(" ", ""))


# "NO SE PUDO CALCULAR, DENOMINADOR EN CERO", even when a narrow column broke it inside words.
_NO_CALCULADO = re.compile(_frase_flexible("NO SE PUDO CALCULAR") + r"\s*,?\s*" + _frase_flexible(
    "DENOMINADOR EN CERO") + r"(?:[ \t]*%)?", re.I)
_FIN_DE_PARRAFO = re.compile(r"\n[ \t]*\n")


def _inicio_de_parrafo(texto: str, pos: int) -> bool:
    inicio_linea = texto.rfind("\n", 0, pos)
    if inicio_linea < 0:
        return True
    return texto[texto.rfind("\n", 0, inicio_linea) + 1 : inicio_linea].strip() == ""


def _parrafo_en_mayusculas(parrafo: str) -> bool:
    """An upper-case paragraph that may be an indicator name of the web layout."""
    letras = [c for c in parrafo if c.isalpha()]
    return (
        len(letras) >= 4
        and all(c.isupper() for c in letras)
        and ":" not in parrafo
        and len(parrafo.split()) >= 2
        and len(firma(parrafo)) <= _MAX_PALABRAS + 2
        and not _NO_CALCULADO.search(parrafo)
        and not _CABECERA_PRINCIPIO.match(parrafo)
    )


def _nombres(texto: str, desde: int, avisos: list[str]) -> list[_Marca]:
    marcas: list[_Marca] = []
    palabras = list(_PALABRA.finditer(texto))
    ocupado_hasta = -1
    for i, m in enumerate(palabras):
        if m.start() < max(desde, ocupado_hasta) or not _inicio_de_linea(texto, m.start()):
            continue
        encontrado = _nombre_en(texto, palabras, i)
        if encontrado is not None:
            id_, fin = encontrado
            marcas.append(_Marca(m.start(), fin, id=id_))
            ocupado_hasta = fin
            continue
        if not _inicio_de_parrafo(texto, m.start()):
            continue
        # An upper-case paragraph (the web layout) that is not an exact name: the closest name, if clear.
        corte = _FIN_DE_PARRAFO.search(texto, m.start())
        fin = corte.start() if corte else len(texto)
        parrafo = texto[m.start() : fin]
        if _parrafo_en_mayusculas(parrafo):
            id_ = identificar_indicador(parrafo)
            if id_ is not None:
                marcas.append(_Marca(m.start(), m.start() + len(parrafo.rstrip()), id=id_))
            else:
                avisos.append(f"No se reconoció el indicador «{_una_linea(parrafo)}».")
            ocupado_hasta = fin
    return marcas


# --- results ---------------------------------------------------------------------------------------

_NUMERO = re.compile(r"(?<![\w.,])[-\u2212]?\d+(?:[.,]\d+)*(?![\w])(?P<pct>[ \t]*\n?[ \t]*%)?")
_SOLO_PORCENTAJE = re.compile(r"(?m)^[ \t]*%[ \t]*$")
_OPERADORES = set("*/×<>=≤≥+")


def a_numero(texto: str) -> float:
    """A printed number: '27.66' or '27,66' -> 27.66, '1.234,5' -> 1234.5, '-9.46' -> -9.46."""
    s = texto.replace("\u2212", "-").replace(" ", "").replace("%", "").strip()
    if "," in s and "." in s:
        decimal_coma = s.rfind(",") > s.rfind(".")
        s = s.replace(".", "").replace(",", ".") if decimal_coma else s.replace(",", "")
    elif "," in s:
        s = s.replace(",", ".") if s.count(",") == 1 else s.replace(",", "")
    elif s.count(".") > 1:
        s = s.replace(".", "")
    return float(s)


def _resto_de_linea(texto: str, fin: int) -> str:
    salto = texto.find("\n", fin)
    return texto[fin : salto if salto >= 0 else len(texto)].strip()


def _numero_valido(seg: str, m: re.Match[str], es_razon: bool) -> bool:
    anterior = seg[: m.start()].rstrip()
    if anterior and anterior[-1] in _OPERADORES:
        return False  # "* 100", "<= 35", "IPC + 2", "= 3"
    resto = _resto_de_linea(seg, m.end())
    cierra = resto == "" or resto[0].isupper()
    if m.group("pct"):
        return cierra
    sola = _inicio_de_linea(seg, m.start()) and resto == ""
    return (es_razon and cierra) or sola


@dataclass(frozen=True)
class _Resultado:
    inicio: int
    fin: int
    impreso: str
    valor: float | None
    tipo: TipoResultado


def _resultado(seg: str, unidad: str) -> _Resultado | None:
    candidatos: list[_Resultado] = []
    m = _NO_CALCULADO.search(seg)
    if m:
        candidatos.append(_Resultado(m.start(), m.end(), m.group(), None, "no_calculado"))
    for m in _NUMERO.finditer(seg):
        if _numero_valido(seg, m, unidad == "razon"):
            tipo: TipoResultado = "porcentaje" if m.group("pct") or unidad != "razon" else "razon"
            candidatos.append(_Resultado(m.start(), m.end(), m.group(), a_numero(m.group()), tipo))
            break
    m = _SOLO_PORCENTAJE.search(seg)
    if m:
        candidatos.append(_Resultado(m.start(), m.end(), m.group(), None, "vacio"))
    if not candidatos:
        return None
    return min(candidatos, key=lambda r: r.inicio)


# --- parsing ---------------------------------------------------------------------------------------


def _una_linea(texto: str) -> str:
    return " ".join(texto.split())


def analizar_texto_ses(texto: str, origen: str = "texto") -> ResultadoSES:
    """Parse the text of a SES Balance Social report (either layout). Raises ErrorLecturaSES."""
    limpio = _limpiar(texto)
    avisos: list[str] = []
    principios = _principios(limpio)
    desde = principios[0].inicio if principios else 0
    nombres = _nombres(limpio, desde, avisos)
    if not nombres:
        raise ErrorLecturaSES(
            origen,
            "no se encontró ningún indicador del Balance Social; el archivo no parece un resultado de la "
            "herramienta de la Supersolidaria (se esperan los nombres de los indicadores, por ejemplo "
            "«Equidad de género en asamblea»).",
        )
    marcas = sorted([*principios, *nombres], key=lambda marca: marca.inicio)
    datos = _encabezado(limpio[: marcas[0].inicio], avisos)

    filas: list[FilaSES] = []
    vistas: set[tuple[int, str]] = set()
    principio_actual: int | None = None
    for k, marca in enumerate(marcas):
        if marca.principio is not None:
            principio_actual = marca.principio
            continue
        id_ = marca.id
        if id_ is None:
            continue
        fin = marcas[k + 1].inicio if k + 1 < len(marcas) else len(limpio)
        seg = limpio[marca.fin : fin]
        nombre = _una_linea(limpio[marca.inicio : marca.fin])
        posibles = [p for p, i in FILAS_SES if i == id_]
        if principio_actual is None:
            libres = [p for p in posibles if (p, id_) not in vistas]
            principio = libres[0] if libres else PRINCIPIO_DE[id_]
        else:
            principio = principio_actual
            if principio not in posibles:
                avisos.append(
                    f"«{nombre}» aparece bajo el principio {principio}; la Supersolidaria lo presenta "
                    f"bajo el principio {PRINCIPIO_DE[id_]}."
                )
        if (principio, id_) in vistas:
            avisos.append(f"«{nombre}» aparece más de una vez bajo el principio {principio}.")
        vistas.add((principio, id_))
        resultado = _resultado(seg, TODOS[id_].unidad)
        if resultado is None:
            avisos.append(f"«{nombre}» (principio {principio}): no se encontró el resultado impreso.")
            filas.append(FilaSES(id_, principio, nombre, "", None, "vacio", ""))
            continue
        filas.append(
            FilaSES(
                id=id_,
                principio=principio,
                nombre_impreso=nombre,
                resultado_impreso=resultado.impreso.strip(),
                valor=resultado.valor,
                tipo_resultado=resultado.tipo,
                analisis_impreso=_una_linea(seg[resultado.fin :]),
            )
        )
    for principio, id_ in FILAS_SES:
        if (principio, id_) not in vistas:
            avisos.append(f"No aparece el indicador «{TODOS[id_].nombre}» (principio {principio}).")
    return ResultadoSES(
        filas=filas,
        entidad=datos.entidad,
        codigo=datos.codigo,
        sigla=datos.sigla,
        tipo=datos.tipo,
        fecha_corte=datos.fecha_corte,
        fecha_reporte=datos.fecha_reporte,
        vigencia=datos.vigencia,
        origen=origen,
        avisos=tuple(avisos),
    )


# --- files -----------------------------------------------------------------------------------------


def _decodificar(datos: bytes) -> str:
    for codificacion in ("utf-8-sig", "cp1252"):
        try:
            return datos.decode(codificacion)
        except UnicodeDecodeError:
            continue
    return datos.decode("latin-1")


# --- PDF ------------------------------------------------------------------------------------------
#
# The SES PDF is a five-column table whose cells are vertically centred. `pdftotext -layout` interleaves
# the lines of the columns, so the table is rebuilt from the word boxes (`pdftotext -bbox-layout`):
# columns are the x ranges separated by gutters no word crosses, rows the y bands separated by gaps
# wider than the line spacing. The reading order (`pdftotext` alone) is the fallback; the better of
# the two readings wins.

_CAJA_PALABRA = re.compile(
    r'<word\s+xMin="([\d.]+)"\s+yMin="([\d.]+)"\s+xMax="([\d.]+)"\s+yMax="([\d.]+)"\s*>(.*?)</word>', re.S
)


@dataclass(frozen=True)
class _Caja:
    x0: float
    y0: float
    x1: float
    y1: float
    texto: str

    @property
    def xc(self) -> float:
        return (self.x0 + self.x1) / 2

    @property
    def yc(self) -> float:
        return (self.y0 + self.y1) / 2


def _lineas_fisicas(cajas: list[_Caja]) -> list[list[_Caja]]:
    """Words on the same baseline, top to bottom, each line left to right."""
    lineas: list[list[_Caja]] = []
    for caja in sorted(cajas, key=lambda c: (c.yc, c.x0)):
        if lineas and abs(caja.yc - lineas[-1][0].yc) <= 0.5 * max(caja.y1 - caja.y0, 0.1):
            lineas[-1].append(caja)
        else:
            lineas.append([caja])
    return [sorted(linea, key=lambda c: c.x0) for linea in lineas]


def _texto_de(linea: list[_Caja]) -> str:
    return " ".join(c.texto for c in linea)


def _limites_de_columnas(cajas: list[_Caja]) -> list[float] | None:
    """The four x limits between the five columns, from the gutters no word crosses."""
    grupos: list[list[float]] = []
    for x0, x1 in sorted((c.x0, c.x1) for c in cajas):
        if grupos and x0 <= grupos[-1][1] + 1.0:
            grupos[-1][1] = max(grupos[-1][1], x1)
        else:
            grupos.append([x0, x1])
    while len(grupos) > 5:
        k = min(range(len(grupos) - 1), key=lambda i: grupos[i + 1][0] - grupos[i][1])
        grupos[k : k + 2] = [[grupos[k][0], max(grupos[k][1], grupos[k + 1][1])]]
    if len(grupos) < 5:
        return None
    return [(grupos[k][1] + grupos[k + 1][0]) / 2 for k in range(4)]


def _mediana(valores: list[float]) -> float:
    ordenados = sorted(valores)
    return ordenados[len(ordenados) // 2] if ordenados else 0.0


def _es_cabecera_principio(texto: str) -> bool:
    m = _CABECERA_PRINCIPIO.match(texto)
    if not m:
        return False
    conocido = firma(NOMBRES_PRINCIPIO[int(m.group(1))])
    return len(conocido & firma(m.group(2))) >= 0.6 * len(conocido)


def _texto_de_cajas(xhtml: str) -> str | None:
    """The SES table rebuilt from `pdftotext -bbox-layout`: one paragraph per cell, row by row."""
    paginas: list[list[list[_Caja]]] = []
    for trozo in re.split(r"<page\b", xhtml)[1:]:
        cajas = [
            _Caja(float(m.group(1)), float(m.group(2)), float(m.group(3)), float(m.group(4)),
                  html.unescape(m.group(5)).strip())
            for m in _CAJA_PALABRA.finditer(trozo)
        ]  # fmt: skip
        paginas.append(_lineas_fisicas([c for c in cajas if c.texto]))
    # Full-width lines (title, header block, principle headers) apart; footers out.
    tipos: list[list[str]] = []
    visto_principio = False
    tabla: list[_Caja] = []
    for lineas in paginas:
        tipos_pagina = []
        for linea in lineas:
            texto = _texto_de(linea)
            if _PIE_PAGINA.fullmatch(texto) or _NUMERO_PAGINA.fullmatch(texto):
                tipos_pagina.append("pie")
            elif _es_cabecera_principio(texto):
                visto_principio = True
                tipos_pagina.append("ancha")
            elif not visto_principio:
                tipos_pagina.append("ancha")
            else:
                tipos_pagina.append("tabla")
                tabla.extend(linea)
        tipos.append(tipos_pagina)
    if not tabla:
        return None
    limites = _limites_de_columnas(tabla)
    if limites is None:
        return None
    alto = _mediana([c.y1 - c.y0 for c in tabla])
    huecos = []
    for lineas, tipos_pagina in zip(paginas, tipos, strict=True):
        filas = [ln for ln, t in zip(lineas, tipos_pagina, strict=True) if t == "tabla"]
        for arriba, abajo in itertools.pairwise(filas):
            hueco = min(c.y0 for c in abajo) - max(c.y1 for c in arriba)
            if hueco > 0:
                huecos.append(hueco)
    tipico = _mediana(huecos)
    umbral = max(2 * tipico, tipico + 0.6 * alto)

    partes: list[str] = []

    def cerrar(banda: list[_Caja]) -> None:
        if not banda:
            return
        celdas: list[list[_Caja]] = [[] for _ in range(5)]
        for caja in banda:
            celdas[sum(1 for limite in limites if caja.xc > limite)].append(caja)
        for celda in celdas:
            if celda:
                partes.append("\n".join(_texto_de(ln) for ln in _lineas_fisicas(celda)))

    for lineas, tipos_pagina in zip(paginas, tipos, strict=True):
        banda: list[_Caja] = []
        fondo = 0.0
        for linea, tipo in zip(lineas, tipos_pagina, strict=True):
            if tipo == "pie":
                continue
            if tipo == "ancha":
                cerrar(banda)
                banda = []
                partes.append(_texto_de(linea))
                continue
            if banda and min(c.y0 for c in linea) - fondo > umbral:
                cerrar(banda)
                banda = []
            fondo = max([c.y1 for c in linea] + ([fondo] if banda else []))
            banda.extend(linea)
        cerrar(banda)
    return "\n\n".join(partes)


def _pdftotext(programa: str, ruta: Path, opciones: list[str]) -> str:
    try:
        proceso = subprocess.run(
            [programa, *opciones, "-enc", "UTF-8", str(ruta), "-"],
            capture_output=True,
            timeout=120,
            check=False,
        )
    except (OSError, subprocess.TimeoutExpired) as error:
        raise ErrorLecturaSES(str(ruta), f"pdftotext no pudo extraer el texto del PDF ({error}).") from error
    if proceso.returncode != 0:
        detalle = proceso.stderr.decode("utf-8", errors="replace").strip()
        detalle = detalle or f"código de salida {proceso.returncode}"
        raise ErrorLecturaSES(str(ruta), f"pdftotext no pudo extraer el texto del PDF: {detalle}.")
    return proceso.stdout.decode("utf-8", errors="replace")


def _textos_de_pdf(ruta: Path) -> list[str]:
    """Candidate texts of a PDF: the rebuilt table (when it can be rebuilt), then the reading order."""
    programa = shutil.which("pdftotext")
    if programa is None:
        raise ErrorLecturaSES(
            str(ruta),
            "para leer un PDF se necesita el programa «pdftotext» del paquete poppler-utils, que no está "
            "instalado. Instálelo (por ejemplo, «sudo apt-get install poppler-utils») o entregue el "
            "resultado como archivo de texto.",
        )
    textos = []
    reconstruido = _texto_de_cajas(_pdftotext(programa, ruta, ["-bbox-layout"]))
    if reconstruido:
        textos.append(reconstruido)
    textos.append(_pdftotext(programa, ruta, []))
    if not any(t.strip() for t in textos):
        raise ErrorLecturaSES(
            str(ruta),
            "el PDF no contiene texto (¿es una imagen escaneada?); entregue el PDF descargado de la "
            "herramienta de la Supersolidaria o el texto del resultado.",
        )
    return textos


def _calidad(resultado: ResultadoSES) -> tuple[int, int]:
    con_resultado = sum(1 for f in resultado.filas if f.resultado_impreso)
    return con_resultado, -len(resultado.avisos)


def leer_resultado_ses(ruta: Path | str) -> ResultadoSES:
    """Read the supervisor's result from a text (.txt, .html, .md) or PDF file. Raises ErrorLecturaSES."""
    ruta = Path(ruta)
    if not ruta.exists():
        raise ErrorLecturaSES(str(ruta), "el archivo no existe.")
    if ruta.is_dir():
        raise ErrorLecturaSES(str(ruta), "es una carpeta; indique el archivo del resultado (PDF o texto).")
    try:
        datos = ruta.read_bytes()
    except OSError as error:
        raise ErrorLecturaSES(str(ruta), f"no se pudo abrir ({error.strerror or error}).") from error
    if datos.startswith(b"%PDF-") or ruta.suffix.lower() == ".pdf":
        if not datos.startswith(b"%PDF-"):
            raise ErrorLecturaSES(str(ruta), "tiene extensión .pdf pero no es un PDF válido.")
        errores: list[ErrorLecturaSES] = []
        lecturas: list[ResultadoSES] = []
        for texto in _textos_de_pdf(ruta):
            try:
                lecturas.append(analizar_texto_ses(texto, origen=str(ruta)))
            except ErrorLecturaSES as error:
                errores.append(error)
        if not lecturas:
            raise errores[0]
        return max(lecturas, key=_calidad)
    if datos.startswith(b"PK\x03\x04") or b"\x00" in datos[:4096]:
        raise ErrorLecturaSES(
            str(ruta),
            "no es un archivo de texto ni un PDF (¿un Excel o un Word?); entregue el PDF del resultado o "
            "su texto.",
        )
    return analizar_texto_ses(_decodificar(datos), origen=str(ruta))
