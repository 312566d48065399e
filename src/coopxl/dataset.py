"""The Dataset: one frozen object with a DataFrame per report, the cut, the period, the parameters and
complementarios, and the populations of indicadores.md computed once.

Person identity across files is `persona` = "<tipo documento>:<número normalizado>" (sicses.md).
Every population below is a boolean column of `asociados` (one row per person of the asociados
file) or a small frame of its own; indicators only combine them, they never recompute them.

Every frame with persons also carries `_pid`: the person's number among the distinct persons of the
asociados file (-1 when it is not there), computed with one hash pass over all the files, so that
membership ("has a loan in arrears", "is in asociados") is array indexing, not string matching.
"""

from __future__ import annotations

import datetime as dt
import functools
import threading
from collections.abc import Callable
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any, TypeVar

import numpy as np
import pandas as pd
import pyarrow as pa
import pyarrow.compute as pc

from coopxl.complementarios import POR_CLAVE
from coopxl.cuif import Catalogo
from coopxl.hilos import en_paralelo, piezas
from coopxl.parametros import Parametros, cargar_parametros
from coopxl.sicses.conversion import a_numeros_texto, desplazamientos, digitos, largos
from coopxl.sicses.descubrimiento import Lectura, leer_carpeta
from coopxl.sicses.layouts import TIPOS_DOCUMENTO
from coopxl.sicses.problemas import Informe

ORGANOS_DIRECTIVOS = ("1", "2", "3")
EDAD_JOVEN = 35
FONDOS_SOCIALES = ("educacion", "solidaridad", "recreacion", "bienestar")
REPORTES = ("asociados", "aportes", "captaciones", "cartera", "directivos", "revalorizacion", "catalogo",
            "beneficios", "asamblea")


@dataclass(frozen=True)
class Periodo:
    inicio: dt.date
    fin: dt.date

    @classmethod
    def de_corte(cls, corte: dt.date) -> Periodo:
        """P = [the day after C minus 12 months, C]: 31/12/2025 -> 01/01/2025; 29/02/2024 -> 01/03/2023."""
        siguiente = corte + dt.timedelta(days=1)
        try:
            inicio = siguiente.replace(year=siguiente.year - 1)
        except ValueError:  # C = 28/02 of a leap year: 12 months back from 29/02 start on 01/03
            inicio = dt.date(siguiente.year - 1, 3, 1)
        return cls(inicio, corte)

    def anterior(self) -> Periodo:
        return Periodo.de_corte(self.inicio - dt.timedelta(days=1))

    def contiene(self, fechas: pd.Series) -> pd.Series:
        return (fechas >= pd.Timestamp(self.inicio)) & (fechas <= pd.Timestamp(self.fin))


def persona(df: pd.DataFrame) -> pd.Series:
    """'<tipo documento>:<número normalizado>' of every row."""
    tipo = pa.array(df["tipo_documento"].astype("str")).cast(pa.large_string())
    doc = pa.array(df["documento"].astype("str")).cast(pa.large_string())
    unido = pc.binary_join_element_wise(tipo, doc, pa.scalar(":", pa.large_string()))
    return pd.Series(unido.to_pandas().array, index=df.index)


_COLUMNAS_VACIAS = {
    "persona": "str", "_pid": "int64", "tipo_documento": "str", "documento": "str", "genero": "str",
    "vigente": "bool", "natural": "bool", "mujer": "bool", "joven": "bool", "habil": "bool", "activo_p": "bool",
    "asistente": "bool", "edad": "float64", "antiguedad": "float64", "fecha_nacimiento": "datetime64[ns]",
    "fecha_ingreso": "datetime64[ns]",
}
PID = "_pid"  # int column: the person's index among the distinct persons of asociados (-1: not there)


@dataclass(frozen=True)
class Dataset:
    corte: dt.date
    periodo: Periodo
    parametros: Parametros
    complementarios: dict[str, float | str | None]
    asociados: pd.DataFrame | None = None
    aportes: pd.DataFrame | None = None
    captaciones: pd.DataFrame | None = None
    cartera: pd.DataFrame | None = None
    directivos: pd.DataFrame | None = None
    revalorizacion: pd.DataFrame | None = None
    catalogo: pd.DataFrame | None = None
    beneficios: pd.DataFrame | None = None
    asamblea: pd.DataFrame | None = None
    # Populations (computed once by `construir`)
    directivos_personas: pd.DataFrame | None = None
    desembolsos: pd.DataFrame | None = None
    deudores: pd.Series | None = None
    ahorradores: pd.Series | None = None
    cuif: Catalogo | None = None
    anterior: Dataset | None = None
    advertencias: tuple[str, ...] = ()
    carpeta: Path | None = None
    archivos: dict[str, str] = field(default_factory=dict)

    @property
    def entidad(self) -> dict[str, str]:
        c = self.complementarios
        return {k: str(c.get(f"entidad_{k}") or "") for k in ("nombre", "sigla", "codigo", "nit", "tipo")}

    def tiene(self, reporte: str) -> bool:
        return getattr(self, reporte) is not None

    @functools.cached_property
    def vigentes(self) -> pd.DataFrame:
        """Rows of vigente associates, computed once (cached_property writes __dict__, so it works frozen)."""
        a = self.asociados
        if a is None:  # no asociados file: an empty frame with the population columns the indicators read
            return pd.DataFrame({c: pd.Series(dtype=t) for c, t in _COLUMNAS_VACIAS.items()})
        return a[a["vigente"]]

    @functools.cached_property
    def total_asociados(self) -> int:
        return int(self.vigentes["persona"].nunique())

    def anio_corte(self) -> int:
        return self.corte.year

    def complementario(self, clave: str) -> float | str | None:
        return self.complementarios.get(clave)


T = TypeVar("T")


def una_vez(ds: Dataset, clave: str, calcular: Callable[[Dataset], T]) -> T:
    """`calcular(ds)`, computed on the first call for this Dataset object and kept on it.

    The result lives on the (frozen) Dataset itself, in a private attribute that is not a dataclass field: it
    dies with the Dataset, `dataclasses.replace` (a new Dataset) starts without it, and equality and repr
    ignore it. A WeakKeyDictionary cannot be used (a frozen dataclass with eq hashes its fields, DataFrames
    included, so it is unhashable) and a dict keyed on id(ds) would be wrong once an id is reused.

    Threads may ask at once (the beneficio solidario is computed beside the indicators): the first computes,
    the others wait for its result; a failure is raised to each of them, and the next call tries again.
    """
    nombre = f"_coopxl_{clave}"
    guardado = ds.__dict__.get(nombre)
    if guardado is not None and not isinstance(guardado, _Calculando):
        return guardado
    with _REGISTRO:
        guardado = ds.__dict__.get(nombre)
        if guardado is None:
            en_curso = _Calculando()
            object.__setattr__(ds, nombre, en_curso)
        elif isinstance(guardado, _Calculando):
            en_curso = None
        else:
            return guardado
    if en_curso is None:
        return guardado.esperar()
    try:
        valor = calcular(ds)
    except BaseException as e:
        with _REGISTRO:
            del ds.__dict__[nombre]
        en_curso.terminar(None, e)
        raise
    with _REGISTRO:
        if valor is None:
            del ds.__dict__[nombre]
        else:
            object.__setattr__(ds, nombre, valor)
    en_curso.terminar(valor, None)
    return valor


_REGISTRO = threading.Lock()


class _Calculando:
    """A result of `una_vez` still being computed by another thread."""

    def __init__(self) -> None:
        self._hecho = threading.Event()
        self._valor: Any = None
        self._error: BaseException | None = None

    def terminar(self, valor: object, error: BaseException | None) -> None:
        self._valor, self._error = valor, error
        self._hecho.set()

    def esperar(self) -> Any:
        self._hecho.wait()
        if self._error is not None:
            raise self._error
        return self._valor


# --- building -----------------------------------------------------------------------------------

def _anios(fin: pd.Series, inicio: pd.Series | pd.Timestamp) -> pd.Series:
    """Whole years between dates (age at the cut): birthdays not yet reached this year subtract one."""
    f = pd.Timestamp(inicio) if not isinstance(inicio, pd.Series) else inicio
    anios = f.year - fin.dt.year if not isinstance(f, pd.Series) else f.dt.year - fin.dt.year
    antes = (fin.dt.month > f.month) | ((fin.dt.month == f.month) & (fin.dt.day > f.day))
    return (anios - antes.astype("int64")).where(fin.notna())


class _Personas:
    """The persons of every file, numbered once, and set operations on them by integer id.

    Ids follow first appearance, asociados first: ids below `n` are its persons. A person is keyed by an
    integer (the number, with the document type above bit 50) when the document is all digits, the common
    case, so that numbering 4 million rows is an integer hash, not a string one; other documents by their
    text.
    """

    def __init__(self, a: pd.DataFrame | None, otros: dict[str, pd.DataFrame] | None = None,
                 numericas: dict[str, tuple[np.ndarray, np.ndarray]] | None = None) -> None:
        """`numericas`: `_claves_numericas` of the frames, when already computed (side by side with other work)."""
        marcos = {"asociados": a, **(otros or {})}
        self._marcos = {k: v for k, v in marcos.items() if v is not None and len(v)}
        self._global: dict[str, np.ndarray] = {}
        self._universo: pa.Array | None = None
        if not self._marcos:
            self.ids = np.zeros(0, dtype=np.int64)
            self.n = 0
            return
        claves = _claves_de(self._marcos, numericas)
        # asociados numbered first (a small hash table), the other reports looked up in it: a lookup costs
        # a fraction of numbering, and only the persons found nowhere in asociados are numbered after it,
        # in order of first appearance over the reports, as one numbering of all the rows would.
        propios = claves.pop("asociados", np.zeros(0, dtype=np.int64))
        codigos, unicos = pd.factorize(propios, sort=False)
        self.ids = self._global["asociados"] = codigos.astype(np.int64)
        self.n = len(unicos)
        indice = pd.Index(unicos)
        indice.get_indexer(unicos[:1])  # its hash table built here, once, before the threads look it up
        vistos = en_paralelo(indice.get_indexer, claves, peso=len)
        fuera = [c[v < 0] for c, v in zip(claves.values(), vistos.values(), strict=True)]
        ajenos, _ = pd.factorize(np.concatenate(fuera), sort=False) if fuera else (np.zeros(0, np.int64), None)
        inicio = 0
        for k, v in vistos.items():
            faltan = v < 0
            cuantos = int(np.count_nonzero(faltan))
            if cuantos:
                v[faltan] = ajenos[inicio: inicio + cuantos] + self.n
                inicio += cuantos
            self._global[k] = v.astype(np.int64, copy=False)
        self.total = self.n + (int(ajenos.max()) + 1 if len(ajenos) else 0)

    def globales(self) -> dict[str, np.ndarray]:
        """Per report: each row's person number among the persons of every report."""
        return dict(self._global)

    @property
    def universo(self) -> pa.Array:
        """The persona text of each asociados person id."""
        if self._universo is None:
            a = self._marcos.get("asociados")
            if a is None:
                self._universo = pa.array([], pa.large_string())
            else:
                filas = _primeras_filas(self.ids, self.n)
                self._universo = pa.array(a["persona"]).cast(pa.large_string()).take(pa.array(filas))
        return self._universo

    def ids_de(self, personas: pd.Series, reporte: str | None = None) -> np.ndarray:
        """The id of each person in `personas` (-1 for one that is not in asociados)."""
        if reporte is not None and reporte in self._global:
            g = self._global[reporte]
            return np.where(g < self.n, g, -1)
        if not len(personas):
            return np.zeros(0, dtype=np.int64)
        i = pc.index_in(pa.array(personas).cast(pa.large_string()), value_set=self.universo)
        return np.asarray(pc.fill_null(i, -1).to_numpy(zero_copy_only=False), dtype=np.int64)

    def suma(self, reporte: str, valores: pd.Series, nombre: str) -> pd.Series:
        """Σ `valores` by person of one report, for the persons whose total is > 0, indexed by persona."""
        g = self._global.get(reporte, np.zeros(0, dtype=np.int64))
        totales = np.bincount(g, weights=valores.fillna(0.0).to_numpy(dtype=np.float64), minlength=self.total)
        positivos = np.flatnonzero(totales > 0)
        filas = _primeras_filas(g, self.total)[positivos]
        nombres = pa.array(self._marcos[reporte]["persona"]).cast(pa.large_string()).take(pa.array(filas)) \
            if len(filas) else pa.array([], pa.large_string())
        orden = orden_de_personas(nombres)
        indice = pd.Index(nombres.take(pa.array(orden)).to_pandas().array, name="persona")
        return pd.Series(totales[positivos][orden], index=indice, name=nombre)

    def marcados(self, ids: np.ndarray) -> np.ndarray:
        """Per asociados row: whether its person is among `ids` (any of its rows)."""
        m = np.zeros(self.n + 1, dtype=bool)
        m[np.asarray(ids, dtype=np.int64) + 1] = True
        return m[self.ids + 1]

    def primera_fila(self, filas: np.ndarray | None = None) -> np.ndarray:
        """Per person id: the first asociados row (within `filas`) of that person, -1 if none."""
        posiciones = np.arange(len(self.ids)) if filas is None else np.flatnonzero(filas)
        return primera_por_id(self.ids, posiciones, self.n)


_DIGITOS_ORDEN = 15  # 15 digits left-aligned (< 2**50), times 16, with the lead byte above bit 54: an int64


def orden_de_personas(textos: pa.Array | pa.ChunkedArray) -> np.ndarray:
    """The indices that sort persona texts in byte order, stable, as `pc.sort_indices` gives them.

    A persona is '<one-letter type>:<digits>' nearly always, and then its byte order is an integer's: the
    type's byte, then the digits left-aligned to 15 places ("119" before "12", as in text), then how many
    they are ("12" before "120"). Integers sort in a fraction of the time texts do; any other persona (a
    letter in the number, a longer number) sends the whole array through the text sort.
    """
    if isinstance(textos, pa.ChunkedArray):
        textos = textos.combine_chunks()
    n = len(textos)
    if not n or textos.null_count or not pa.types.is_large_string(textos.type):
        return np.asarray(pc.sort_indices(textos), dtype=np.int64)
    pos = desplazamientos(textos)
    largo = np.diff(pos)
    if largo.min() < 3 or largo.max() > _DIGITOS_ORDEN + 2:
        return np.asarray(pc.sort_indices(textos), dtype=np.int64)
    bytes_ = np.frombuffer(textos.buffers()[2], dtype=np.uint8)
    lider = bytes_[pos[:-1]].astype(np.int64)
    numeros = pc.utf8_slice_codeunits(textos, 2)
    if (lider >= 0x80).any() or not (bytes_[pos[:-1] + 1] == ord(":")).all() or not pc.all(
            pc.ascii_is_decimal(numeros)).as_py():
        return np.asarray(pc.sort_indices(textos), dtype=np.int64)
    cifras = largo - 2
    valor = np.asarray(pc.cast(numeros, pa.int64()), dtype=np.int64)
    clave = (lider << 54) | (valor * 10 ** (_DIGITOS_ORDEN - cifras) * 16 + cifras)
    return np.argsort(clave, kind="stable")


def _claves_de(marcos: dict[str, pd.DataFrame], hechas: dict[str, tuple[np.ndarray, np.ndarray]] | None = None
               ) -> dict[str, np.ndarray]:
    """An integer key per row of each frame for its person: number + document type × 2**50 for all-digit
    documents (up to 15 digits), a negative number shared by all the frames for any other document."""
    faltan = {k: v for k, v in marcos.items() if not hechas or k not in hechas}
    numericas = {**(hechas or {}), **en_paralelo(_claves_numericas, faltan, peso=len)}
    numericas = {k: numericas[k] for k in marcos}
    textos: dict[str, int] = {}
    for k, (claves, otros) in numericas.items():  # in frame order: the same text, the same key
        if len(otros):
            personas = marcos[k]["persona"].to_numpy()[otros]
            claves[otros] = [-1 - textos.setdefault(p, len(textos)) for p in personas]
    return {k: claves for k, (claves, _) in numericas.items()}


def _claves_numericas(df: pd.DataFrame) -> tuple[np.ndarray, np.ndarray]:
    """The keys of the all-digit documents (any other gets 0), and the rows of the others."""
    tipo_n = _numeros_de_tipo(pa.array(df["tipo_documento"].astype("str")).cast(pa.large_string()))
    doc = pa.array(df["documento"].astype("str")).cast(pa.large_string())
    if doc.null_count:
        doc = pc.fill_null(doc, "")
    numerico = digitos(doc) & (largos(doc) <= 15)
    # Nearly always every document is digits: then they are cast as they are, with no copy that blanks the others.
    casteables = doc if numerico.all() else pc.if_else(pa.array(numerico), doc, pa.scalar("0", pa.large_string()))
    valor = pc.cast(casteables, pa.int64())
    # The type above bit 50 (a 15-digit number is below 2**50): the low bits, which the hash tables use
    # most, are the number's own.
    claves = np.asarray(valor.to_numpy(zero_copy_only=False), dtype=np.int64) + (tipo_n << 50)
    return claves, np.flatnonzero(~numerico)


_NUMERO_DE_TIPO = np.full(256, 15, dtype=np.int64)  # a code's byte -> its place in TIPOS_DOCUMENTO (15: other)
_NUMERO_DE_TIPO[[ord(t) for t in TIPOS_DOCUMENTO]] = np.arange(len(TIPOS_DOCUMENTO))


def _numeros_de_tipo(tipo: pa.Array | pa.ChunkedArray) -> np.ndarray:
    """Each row's document type as its place in TIPOS_DOCUMENTO, 15 for any other: through a table of bytes
    when every code is one byte long (the codes are letters), by text otherwise."""
    if isinstance(tipo, pa.ChunkedArray):
        tipo = tipo.combine_chunks()
    datos = tipo.buffers()[2]
    if len(tipo) and not tipo.null_count and datos is not None:
        pos = desplazamientos(tipo)
        if (np.diff(pos) == 1).all():
            return _NUMERO_DE_TIPO[np.frombuffer(datos, dtype=np.uint8)[pos[:-1]]]
    i = pc.index_in(tipo, value_set=pa.array(TIPOS_DOCUMENTO, pa.large_string()))
    return np.asarray(pc.fill_null(i, 15).to_numpy(zero_copy_only=False), dtype=np.int64)


def primera_por_id(ids: np.ndarray, posiciones: np.ndarray, n: int) -> np.ndarray:
    """Per id 0..n-1: the first of the rows `posiciones` (ascending) whose id (`ids[row]`) it is; -1 if none."""
    primera = np.full(n, -1, dtype=np.int64)
    primera[ids[posiciones][::-1]] = posiciones[::-1]  # reversed: the last write of each id is its first row
    return primera


def _primeras_filas(ids: np.ndarray, n: int) -> np.ndarray:
    """The first row of each id 0..n-1 (ids that never appear get row 0)."""
    return np.maximum(primera_por_id(ids, np.arange(len(ids)), n), 0)


def _poblaciones_asociados(a: pd.DataFrame, ds_corte: dt.date, p: Periodo, cartera: pd.DataFrame | None,
                           captaciones: pd.DataFrame | None, aportes: pd.DataFrame | None, dias_mora: int,
                           asamblea: pd.DataFrame | None, personas: _Personas | None = None) -> pd.DataFrame:
    a = a.copy(deep=False)  # copy-on-write: new columns never touch the loaded frame
    c = pd.Timestamp(ds_corte)
    s = pd.Timestamp(p.inicio)
    if "persona" not in a:
        a["persona"] = persona(a)
    pers = personas or _Personas(a)

    def ids(df: pd.DataFrame) -> np.ndarray:
        return df[PID].to_numpy() if PID in df else pers.ids_de(df["persona"])

    es = a["asociado"] == "1"
    retiro = a["fecha_retiro"]
    a["es_asociado"] = es
    a["vigente"] = es & (a["fecha_ingreso"] <= c) & (retiro.isna() | (retiro > c))
    a["vinculado_p"] = es & p.contiene(a["fecha_ingreso"])
    a["retirado_p"] = es & p.contiene(retiro)
    a["vigente_inicio"] = es & (a["fecha_ingreso"] < s) & (retiro.isna() | (retiro >= s))
    a["natural"] = a["genero"].isin(("1", "2"))
    a["mujer"] = a["genero"] == "2"
    a["edad"] = _anios(a["fecha_nacimiento"], c)
    a["joven"] = a["natural"] & (a["edad"] <= EDAD_JOVEN)
    a["antiguedad"] = (c - a["fecha_ingreso"]).dt.days / 365.25
    # hábil: every loan with Saldo Capital > 0 has Edad Mora <= dias_mora_habil (no loan: hábil)
    usaron: list[np.ndarray] = []
    if cartera is not None:
        k = ids(cartera)
        vivo = (cartera["saldo_capital"] > 0).to_numpy()
        mora = (cartera["edad_mora"].fillna(0) > dias_mora).to_numpy()
        a["habil"] = a["vigente"] & ~pers.marcados(k[vivo & mora])
        usaron += [k[vivo], k[cartera["desembolso_p"].to_numpy()]]
    else:
        a["habil"] = a["vigente"]
    if captaciones is not None:
        usaron.append(ids(captaciones)[(captaciones["saldo_disponible"] > 0).to_numpy()])
    if aportes is not None:
        usaron.append(ids(aportes)[p.contiene(aportes["fecha_ultimo_pago"]).to_numpy()])
    a["activo_p"] = a["vigente"] & (pers.marcados(np.concatenate(usaron)) if usaron else False)
    if asamblea is not None:
        a["asistente"] = a["vigente"] & pers.marcados(ids(asamblea)[(asamblea["asistio"] == "1").to_numpy()])
    else:
        a["asistente"] = a["vigente"] & (a["asistio_ultima_asamblea"] == "1")
    return a


def _directivos_personas(d: pd.DataFrame, a: pd.DataFrame | None, personas: _Personas | None = None
                         ) -> tuple[pd.DataFrame, list[str]]:
    """Distinct persons with a seat in organs 1-3 whose document is a vigente associate."""
    avisos: list[str] = []
    # Seats and distinct organs per person, persons in text order, as a groupby gives them, in a fraction
    # of its fixed cost (a consejo has tens of seats; this runs on its own, between the Dataset's rounds).
    silla = (d["organo"].isin(ORGANOS_DIRECTIVOS) & d["persona"].notna()).to_numpy()
    unicas, cual = np.unique(d["persona"].to_numpy(dtype=object)[silla], return_inverse=True)
    organo = pd.factorize(d["organo"].to_numpy(dtype=object)[silla])[0]
    base = int(organo.max(initial=0)) + 1
    pares = np.unique(cual * base + organo) // base
    por_persona = {"persona": pd.array(unicas, dtype="str"), "sillas": np.bincount(cual, minlength=len(unicas)),
                   "organos": np.bincount(pares, minlength=len(unicas))}
    if a is None:
        return pd.DataFrame(por_persona).iloc[0:0], avisos
    pers = personas or _Personas(a)
    fila_vigente = pers.primera_fila(a["vigente"].to_numpy())
    if PID in d:  # each person's first seat's id
        ids = d[PID].to_numpy(np.int64)[silla][primera_por_id(cual, np.arange(len(cual)), len(unicas))]
    else:
        ids = pers.ids_de(pd.Series(por_persona["persona"]))
    filas = np.where(ids >= 0, fila_vigente[np.maximum(ids, 0)], -1) if len(ids) else ids
    fuera = [p for p, f in zip(unicas, filas, strict=True) if f < 0]
    if fuera:
        avisos.append(f"{len(fuera)} directivo(s) no figuran como asociados vigentes y se excluyen de los "
                      f"indicadores de órganos: {', '.join(_documento_legible(x) for x in fuera[:10])}.")
    dentro = filas >= 0
    cols = ["mujer", "natural", "joven", "edad", "antiguedad", "fecha_nacimiento"]
    return pd.DataFrame({**{k: v[dentro] for k, v in por_persona.items()},
                         **{c: a[c].to_numpy()[filas[dentro]] for c in cols}}), avisos


def _documento_legible(clave: str) -> str:
    """'C:77' -> 'C 77' (type and number, as the user writes them)."""
    tipo, _, numero = clave.partition(":")
    return f"{tipo} {numero}"


_PROPIOS = "_propios"  # the key of the piece of a round that is not a report's


def _persona_y_claves(df: pd.DataFrame) -> tuple[pd.DataFrame, tuple[np.ndarray, np.ndarray]]:
    con = _con_persona(df)
    assert con is not None
    return con, _claves_numericas(con)


def _con_persona(df: pd.DataFrame | None) -> pd.DataFrame | None:
    if df is None:
        return None
    df = df.copy(deep=False)  # copy-on-write: the loaded frame stays as read
    df["persona"] = persona(df)
    return df


# Said when the disbursements come from the cut's cartera alone (coopxl.evolucion replaces it when the
# earlier cuts' loans were added).
AVISO_UN_CORTE = ("Los desembolsos del periodo se toman de un solo corte: no incluyen los créditos "
                  "desembolsados y cancelados antes del corte.")


def construir(lectura: Lectura, corte: dt.date | None = None, parametros: Parametros | None = None,
              anterior: Dataset | None = None, cortes_previos: list[Lectura] | None = None) -> Dataset:
    """Build the Dataset of one cut from what was read; problems found go to `lectura.informe`."""
    informe = lectura.informe
    leidos = {r: df for r in REPORTES if r != "catalogo" and (df := lectura.datos(r)) is not None}
    # Side by side (coopxl.hilos), in two rounds of independent pieces: each frame's persona and key, with
    # the parameters and complementarios; then the numbering and the cartera columns; then the per-report
    # sums, the asociados populations, the disbursements and the catálogo. A piece never writes a frame
    # another piece reads: new columns are put on the frames here, between rounds.
    ronda1: dict[str, tuple[int, Callable[[], Any]]] = {
        r: (len(df), functools.partial(_persona_y_claves, df)) for r, df in leidos.items()}
    ronda1[_PROPIOS] = (0, lambda: (parametros or cargar_parametros(lectura.carpeta, informe),
                                    leer_complementarios(lectura, informe)))
    hechos = piezas(ronda1)
    par, complementarios = hechos.pop(_PROPIOS)
    corte = corte or _corte(lectura, complementarios, informe)
    p = Periodo.de_corte(corte)
    avisos: list[str] = []
    datos: dict[str, pd.DataFrame | None] = dict.fromkeys(r for r in REPORTES if r != "catalogo")
    datos.update({r: h[0] for r, h in hechos.items()})
    numericas = {r: h[1] for r, h in hechos.items()}
    personas = _Personas(datos["asociados"], {k: v for k, v in datos.items() if k != "asociados"}, numericas)
    for r, df in datos.items():
        if df is not None:
            df[PID] = personas.ids if r == "asociados" else personas.ids_de(df["persona"], r)
    datos["catalogo"] = lectura.datos("catalogo")
    cartera = datos["cartera"]
    if cartera is not None:  # one look-up per distinct account and a date comparison: no piece of their own
        cartera["modalidad_credito"] = modalidades(cartera["codigo"], par)
        cartera["desembolso_p"] = p.contiene(cartera["fecha_desembolso"])
    a = datos["asociados"]
    # Weights: rows times the measured cost per row of each kind of piece (a population or the disbursements
    # cost about half again as much per row as a sum), so that the heaviest start first.
    ronda2: dict[str, tuple[int, Callable[[], Any]]] = {
        r: (2 * len(df), functools.partial(personas.suma, r, df[c], c))
        for r, c in (("cartera", "saldo_capital"), ("captaciones", "saldo_disponible"))
        if (df := datos[r]) is not None}
    if a is not None:
        ronda2["asociados"] = (3 * len(a), functools.partial(
            _poblaciones_asociados, a, corte, p, cartera, datos["captaciones"], datos["aportes"], par.dias_mora_habil,
            datos["asamblea"], personas))
    if cartera is not None:
        ronda2["desembolsos"] = (3 * len(cartera), functools.partial(
            _desembolsos, cartera, p, cortes_previos or [], par, personas))
    ronda2["catalogo"] = (0, functools.partial(Catalogo.desde, datos["catalogo"], par.unidad_cuif))
    hechos = piezas(ronda2)
    deudores, ahorradores = hechos.get("cartera"), hechos.get("captaciones")
    if a is not None:
        a = hechos["asociados"]
        sin_nacimiento = int((a["vigente"] & a["natural"] & a["fecha_nacimiento"].isna()).sum())
        if sin_nacimiento:
            avisos.append(f"{sin_nacimiento} asociado(s) vigentes sin fecha de nacimiento: no cuentan en los "
                          "indicadores de edad.")
        datos["asociados"] = a
    dir_personas = None
    if datos["directivos"] is not None:
        dir_personas, av = _directivos_personas(datos["directivos"], a, personas)
        avisos += av
    desembolsos = hechos.get("desembolsos")
    if cartera is not None and not cortes_previos:
        avisos.append(AVISO_UN_CORTE)
    cuif = hechos["catalogo"]
    if cuif is not None and corte.month != 12:
        avisos.append(f"Las cuentas de ingresos y gastos (clases 4 y 5) son acumuladas del 1 de enero al "
                      f"{corte:%d/%m/%Y}, no del periodo de 12 meses.")
    ds = Dataset(
        corte=corte, periodo=p, parametros=par, complementarios=complementarios,
        directivos_personas=dir_personas, desembolsos=desembolsos, deudores=deudores,
        ahorradores=ahorradores, cuif=cuif, anterior=anterior, advertencias=tuple(avisos),
        carpeta=lectura.carpeta, archivos={k: c.archivo.name for k, c in lectura.cargas.items()},
        **datos,
    )
    numerados = {r: (getattr(ds, r), ids) for r, ids in personas.globales().items()}
    object.__setattr__(ds, _NUMERADOS, numerados)  # as `una_vez` keeps things: gone with a replaced Dataset
    return ds


_NUMERADOS = "_coopxl_numerados"


def numeros_de_persona(ds: Dataset, reporte: str) -> np.ndarray | None:
    """Per row of `reporte`: its person's number among the persons of every file, as `construir` numbered
    them (the same person, the same number, in any report); None when this Dataset object was not built by
    `construir` or that frame is no longer the one numbered."""
    marco, ids = ds.__dict__.get(_NUMERADOS, {}).get(reporte, (None, None))
    return ids if marco is not None and marco is getattr(ds, reporte) else None


def _desembolsos(cartera: pd.DataFrame, p: Periodo, previos: list[Lectura], par: Parametros,
                 personas: _Personas) -> pd.DataFrame:
    """Loans disbursed in P, over the union of the cuts given, deduplicated by (person, loan number): the
    latest cut wins; two persons' loans that share a number stay two loans."""
    marcos = [cartera]
    for lec in previos:
        df = _con_persona(lec.datos("cartera"))
        if df is not None:
            df["modalidad_credito"] = modalidades(df["codigo"], par)
            df[PID] = personas.ids_de(df["persona"])  # the ids of this cut's asociados
            marcos.append(df)
    todos = pd.concat(marcos, ignore_index=True) if len(marcos) > 1 else cartera
    en_p = p.contiene(todos["fecha_desembolso"]).to_numpy()
    # A loan seen in several cuts counts once; rows without a number are all kept. The repeats are looked
    # for among the loans of P (two columns), and the frame is copied once, for the rows that stay.
    filas = np.flatnonzero(en_p)
    claves = todos[["persona", "pagare"]].iloc[filas]
    repetido = (claves.duplicated(keep="first") & (claves["pagare"] != "")).to_numpy()
    return todos.iloc[filas[~repetido]].reset_index(drop=True)


def modalidades(codigo: pd.Series, par: Parametros) -> pd.Series:
    """Each loan's modality, by the 4-digit CUIF prefix of its account (`Parametros.modalidad`), looked up
    once per distinct account: a cartera has a few dozen."""
    d = pc.dictionary_encode(pa.array(codigo).cast(pa.large_string()), null_encoding="encode")
    if isinstance(d, pa.ChunkedArray):
        d = d.combine_chunks()
    nombres = [par.modalidad(v) if v is not None else "otra" for v in d.dictionary.to_pylist()]
    return pd.Series(pa.array(nombres, pa.large_string()).take(d.indices).to_pandas().array, index=codigo.index)


def _corte(lectura: Lectura, comp: dict[str, float | str | None], informe: Informe) -> dt.date:
    v = comp.get("fecha_corte")
    if isinstance(v, dt.date):
        return v
    # Last resort: the end of the month of the latest date in the files, said as a warning.
    fechas = []
    for rep, col in (("cartera", "fecha_desembolso"), ("asociados", "fecha_ingreso"),
                     ("captaciones", "fecha_apertura"), ("aportes", "fecha_ultimo_pago")):
        df = lectura.datos(rep)
        if df is not None and df[col].notna().any():
            fechas.append(df[col].max())
    hoy = dt.date.today()
    base = max(fechas).date() if fechas else dt.date(hoy.year - 1, 12, 31)
    siguiente = (base.replace(day=1) + dt.timedelta(days=32)).replace(day=1)
    corte = siguiente - dt.timedelta(days=1)
    informe.advertencia("complementarios", f"no se indicó la fecha de corte (opción --corte o clave fecha_corte): "
                        f"se toma {corte:%d/%m/%Y}, fin del mes de la fecha más reciente de los archivos.")
    return corte


def leer_complementarios(lectura: Lectura, informe: Informe) -> dict[str, float | str | None]:
    """clave;valor rows checked against the known keys and their types; a blank value is None (missing)."""
    carga = lectura.cargas.get("complementarios")
    valores: dict[str, float | str | None] = {c: None for c in POR_CLAVE}
    if carga is None:
        return valores
    nombre = carga.archivo.name
    df = carga.datos
    col_clave, col_valor = carga.titulo("clave"), carga.titulo("valor")
    vistas: dict[str, int] = {}
    numeros = a_numeros_texto(v for v in df["valor"] if isinstance(v, str))  # one pass for all
    for clave_txt, valor, linea in zip(df["clave"], df["valor"], df["_linea"], strict=True):
        clave = _sin_acentos(str(clave_txt).strip().lower())
        if not clave:
            continue
        if clave not in POR_CLAVE:
            informe.advertencia(nombre, "clave desconocida; se ignora (vea la lista de claves en el README).",
                                fila=int(linea), columna=col_clave, valor=clave_txt)
            continue
        if clave in vistas:
            informe.advertencia(nombre, f"la clave está repetida (ya estaba en la fila {vistas[clave]}); "
                                        "vale la última.", fila=int(linea), columna=col_clave, valor=clave_txt)
        vistas[clave] = int(linea)
        spec = POR_CLAVE[clave]
        texto = _texto_valor(valor)
        if texto == "":
            valores[clave] = None
            continue
        if spec.tipo in ("numero", "porcentaje"):
            x = _numero_valor(valor, numeros)
            if x is None:
                informe.error(nombre, f"se esperaba un número para «{spec.etiqueta}».", fila=int(linea),
                              columna=col_valor, valor=texto)
                continue
            if x < 0 or (spec.tipo == "porcentaje" and x > 100):
                rango = "entre 0 y 100" if spec.tipo == "porcentaje" else "mayor o igual a 0"
                informe.error(nombre, f"«{spec.etiqueta}» debe ser {rango}.", fila=int(linea), columna=col_valor,
                              valor=texto)
                continue
            valores[clave] = x
        elif spec.tipo == "fecha":
            f = _fecha_valor(valor)
            if f is None:
                informe.error(nombre, "se esperaba una fecha dd/mm/aaaa.", fila=int(linea), columna=col_valor,
                              valor=texto)
                continue
            valores[clave] = f
        elif spec.tipo == "opcion":
            v = _sin_acentos(texto.lower())
            opciones = {_sin_acentos(o): o for o in spec.opciones}
            if v not in opciones:
                informe.error(nombre, f"valor no válido para «{spec.etiqueta}»; se esperaba uno de: "
                              f"{', '.join(spec.opciones)}.", fila=int(linea), columna=col_valor, valor=texto)
                continue
            valores[clave] = opciones[v]
        else:
            valores[clave] = texto
    return valores


def _sin_acentos(texto: str) -> str:
    from coopxl.sicses.conversion import sin_acentos

    return sin_acentos(texto)


def _texto_valor(valor: object) -> str:
    from coopxl.sicses.lectura import celda_texto

    if isinstance(valor, dt.date | dt.datetime):
        return valor.strftime("%d/%m/%Y")
    return celda_texto(valor)


def _numero_valor(valor: object, leidos: dict[str, float | ValueError | None]) -> float | None:
    """A complementarios number: a workbook number as it is; text in Colombian style ("1.500.000", "12,5"),
    as `a_numeros_texto` read it into `leidos`."""
    if isinstance(valor, bool):
        return None
    if isinstance(valor, int | float | np.integer | np.floating):
        return None if np.isnan(valor) else float(valor)
    if not isinstance(valor, str):
        return None
    r = leidos[valor]
    return None if isinstance(r, ValueError) else r


def _fecha_valor(valor: object) -> dt.date | None:
    from coopxl.sicses.conversion import fecha_texto

    if isinstance(valor, dt.datetime):
        return valor.date()
    if isinstance(valor, dt.date):
        return valor
    if isinstance(valor, int | float) and not isinstance(valor, bool):
        from coopxl.sicses.conversion import _serial_uno

        f = _serial_uno(float(valor))
        return None if f is False else f.date()
    if isinstance(valor, str):
        f = fecha_texto(valor.strip())
        return f.date() if isinstance(f, dt.datetime) else None
    return None


def cargar_dataset(carpeta: Path, corte: dt.date | None = None, anterior: Path | None = None,
                   informe: Informe | None = None) -> tuple[Dataset, Lectura]:
    """Read a folder (and optionally the previous cut's folder) into a Dataset."""
    from coopxl.sicses.validacion import validar

    lectura = leer_carpeta(carpeta, informe)
    ds = construir(lectura, corte)
    if anterior is not None:
        # The previous cut is the day before this period starts, read with this cut's parameters.
        lec_ant = leer_carpeta(anterior)
        corte_ant = ds.periodo.inicio - dt.timedelta(days=1)
        ds_anterior = construir(lec_ant, corte_ant, parametros=ds.parametros)
        propio = ds_anterior.complementarios.get("fecha_corte")
        if isinstance(propio, dt.date) and propio != corte_ant:
            lectura.informe.advertencia(Path(anterior).name, f"la carpeta del corte anterior declara la fecha de corte "
                                        f"{propio:%d/%m/%Y}; se usa {corte_ant:%d/%m/%Y}, el día antes del periodo.")
        validar(ds_anterior, lec_ant)
        lectura.informe.extender(
            replace(p, archivo=f"{Path(anterior).name}/{p.archivo}")
            for p in lec_ant.informe.todos() if p.severidad == "error"
        )
        ds = replace(ds, anterior=ds_anterior)
    validar(ds, lectura)
    return ds, lectura
