"""What each extract says, as plain picklable data (no rendering): built once from the Dataset and the
beneficio solidario, then sent to the workers that write the files.

A component that was not computed for an associate carries `valor=None` and the reason ("no calculado",
never 0). A component computed without some of the associate's products (a loan of a modality with no
reference rate) carries its value and a note saying what it leaves out.
"""

from __future__ import annotations

import math
import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

import numpy as np
import pandas as pd

from coopxl import formato
from coopxl.beneficios import (
    COMPONENTES,
    MODALIDADES,
    NOMBRE_COMPONENTE,
    PRODUCTO_AHORRO,
    Beneficios,
    calcular_beneficios,
)
from coopxl.extractos import textos as tx

if TYPE_CHECKING:
    from coopxl.dataset import Dataset


@dataclass(frozen=True)
class Encabezado:
    """The configurable header: entity name, sigla and NIT from complementarios, a logo and free text."""

    nombre: str
    sigla: str = ""
    nit: str = ""
    texto: str = ""
    logo: Path | None = None

    @classmethod
    def de_dataset(cls, ds: Dataset, texto: str = "", logo: Path | None = None) -> Encabezado:
        e = ds.entidad
        return cls(e["nombre"] or e["sigla"] or "Entidad solidaria", e["sigla"], e["nit"], texto or "",
                   Path(logo) if logo else None)

    @property
    def corto(self) -> str:
        return self.sigla or self.nombre


@dataclass(frozen=True)
class Linea:
    componente: str
    concepto: str
    valor: float | None  # None: not computed
    nota: str = ""


@dataclass(frozen=True)
class Extracto:
    """One extract: an associate's (documento set) or the entity's (asociados set)."""

    archivo: str  # file stem, e.g. "C_1012345" (never the name)
    titulo: str
    destinatario: str
    documento: str
    corte: str
    periodo: str
    lineas: tuple[Linea, ...]
    total: float
    aportes: float
    rentabilidad: float | None
    explicacion: tuple[str, ...]
    metodologia: tuple[str, ...]
    asociados: int | None = None
    cierre: str = ""
    # for the index (not printed beyond what the page already shows)
    tipo_documento: str = ""
    numero_documento: str = ""
    correo: str = ""
    extra: dict[str, str] = field(default_factory=dict)


def nombre_archivo(tipo: str, documento: str) -> str:
    """'C', '1012345' -> 'C_1012345': only letters, digits and '-' survive (a safe file name on Windows)."""
    return re.sub(r"[^0-9A-Za-z-]", "", tipo) + "_" + re.sub(r"[^0-9A-Za-z-]", "", documento)


PARTES_NOMBRE = ("nombres", "primer_apellido", "segundo_apellido")


def nombre_de_partes(nombres: object, primer_apellido: object, segundo_apellido: object) -> str:
    """The associate's name from its three parts: blanks, missing values and the text 'nan' are dropped.
    The one rule, used row by row (`_nombre_persona`) and column-wise (`extractos_asociados`)."""
    partes = [str(v or "").strip() for v in (nombres, primer_apellido, segundo_apellido)]
    return " ".join(p for p in partes if p and p.lower() != "nan")


def _nombre_persona(fila: pd.Series) -> str:
    return nombre_de_partes(*(fila.get(c) for c in PARTES_NOMBRE))


# --- per-associate notes: which of the associate's products were left out and why ---------------

def _de_personas(columna: pd.Series, personas: pd.Index) -> np.ndarray:
    """`columna.isin(personas)`, through the index's hash table when it is unique (the arrow-string `isin`
    converts every value one by one: most of this module's time at 50k associates)."""
    if personas.is_unique:
        return personas.get_indexer(columna) >= 0
    return columna.isin(personas).to_numpy(dtype=bool)


def _notas_por_persona(ds: Dataset, personas: pd.Index) -> dict[tuple[str, str], list[str]]:
    """(persona, componente) -> notes naming the associate's own products left out of the component."""
    notas: dict[tuple[str, str], list[str]] = {}
    cache: dict[str, bool] = {}

    def tiene_tasa(producto: str | None) -> bool:
        if producto is None:
            return False
        if producto not in cache:
            cache[producto] = ds.parametros.tasa(producto, ds.corte.year) is not None
        return cache[producto]

    def agregar(df: pd.DataFrame, componente: str, motivo: pd.Series) -> None:
        d = df.assign(_motivo=motivo)[motivo.notna()]
        if d.empty:
            return
        for (persona, texto), n in d.groupby(["persona", "_motivo"]).size().items():
            notas.setdefault((persona, componente), []).append(texto.format(n=n, s="" if n == 1 else "s"))

    if ds.cartera is not None:
        c = ds.cartera[(ds.cartera["saldo_capital"] > 0) & _de_personas(ds.cartera["persona"], personas)]
        modal = c["modalidad_credito"].astype(object).astype(str)
        con_ref = pd.Series([m in MODALIDADES and tiene_tasa(m) for m in modal], index=c.index, dtype=bool)
        nombre = pd.Series([tx.NOMBRE_PRODUCTO.get(m, "crédito sin modalidad reconocida") for m in modal],
                           index=c.index, dtype=object)
        motivo = pd.Series(None, index=c.index, dtype=object)
        motivo[~con_ref] = "{n} " + nombre[~con_ref] + " sin tasa de referencia de mercado"
        sin_propia = con_ref & c["tasa_efectiva"].isna().to_numpy(dtype=bool)
        motivo[sin_propia] = "{n} " + nombre[sin_propia] + " sin tasa efectiva reportada"
        agregar(c, "credito", motivo)
    if ds.captaciones is not None:
        k = ds.captaciones
        k = k[(k["saldo_disponible"] > 0) & _de_personas(k["persona"], personas)]
        prod = [PRODUCTO_AHORRO.get(t) for t in k["tipo_ahorro"].astype(object).astype(str)]
        con_ref = pd.Series([tiene_tasa(p) for p in prod], index=k.index, dtype=bool)
        nombre = pd.Series([tx.NOMBRE_PRODUCTO.get(p or "", "ahorro") for p in prod], index=k.index, dtype=object)
        motivo = pd.Series(None, index=k.index, dtype=object)
        motivo[~con_ref] = "{n} cuenta{s} de " + nombre[~con_ref] + " sin tasa de referencia de mercado"
        sin_propia = con_ref & k["tasa_efectiva"].isna().to_numpy(dtype=bool)
        motivo[sin_propia] = "{n} cuenta{s} de " + nombre[sin_propia] + " sin tasa efectiva reportada"
        agregar(k, "ahorro", motivo)
    return notas


def motivo_general(componente: str, ben: Beneficios) -> str:
    """Why a component was not computed for anybody (a missing file or no rate at all)."""
    if componente == "credito":
        return ("no se entregó la información de cartera" if any("archivo de cartera" in f for f in ben.faltantes)
                else "sin tasa de referencia de mercado para sus créditos")
    if componente == "ahorro":
        return ("no se entregó la información de captaciones"
                if any("archivo de captaciones" in f for f in ben.faltantes)
                else "sin tasa de referencia de mercado para sus ahorros")
    if componente == "revalorizacion":
        return "no se entregó la información de aportes ni de revalorización"
    return "no se entregó la información de beneficios entregados"


def frase(texto: str) -> str:
    """'no se entregó ...' -> 'No se entregó ....' (the reason shown beside «no calculado»)."""
    texto = texto.strip()
    return (texto[:1].upper() + texto[1:]).rstrip(".") + "." if texto else ""


def _num(v: object) -> float | None:
    if v is None:
        return None
    f = float(v)  # type: ignore[arg-type]
    return None if math.isnan(f) else f


# --- methodology note (entity-level facts only: rates, sources, products without a rate) ---------

def metodologia(ben: Beneficios, para_asociado: bool = False) -> tuple[str, ...]:
    """The method, the reference rates used with their source, and what was not computed. An associate's
    copy names the products without a rate, without the entity's counts."""
    partes = [tx.METODO]
    if ben.tasas:
        fuentes = {t.fuente for t in ben.tasas}
        tasas = "; ".join(f"{tx.NOMBRE_PRODUCTO.get(t.producto, t.producto)} {formato.porcentaje(t.tasa)}"
                          + ("" if len(fuentes) == 1 else f" ({t.fuente})") for t in ben.tasas)
        linea = f"Tasas de referencia de mercado usadas (efectivas anuales): {tasas}."
        if len(fuentes) == 1:
            linea += f" Fuente: {next(iter(fuentes))}."
        partes.append(linea)
    faltan = list(ben.faltantes)
    if para_asociado:
        faltan = [re.sub(r"\s*\([^)]*\)", "", f) for f in faltan if "sin Tasa Efectiva" not in f]
    if faltan:
        partes.append("No calculado por falta de datos: " + "; ".join(faltan) + ".")
    return tuple(partes)


# --- building -------------------------------------------------------------------------------------

NEGATIVO = {"credito": "Negativo: la tasa de sus créditos fue mayor que la del mercado.",
            "ahorro": "Negativo: la tasa de sus ahorros fue menor que la del mercado."}


def _lineas_fijas(ben: Beneficios, motivos_nan: dict[str, str]) -> dict[tuple[str, bool], Linea]:
    """The lines that read the same for every associate (built once per run, shared by all extracts):
    (componente, True) when the component was not computed for anybody; (componente, False) when it was not
    computed for this associate and no note of the associate's own says why."""
    fijas = {}
    for c in COMPONENTES:
        if c in ben.no_calculados:
            fijas[(c, True)] = Linea(c, NOMBRE_COMPONENTE[c], None, frase(motivo_general(c, ben)))
        fijas[(c, False)] = Linea(c, NOMBRE_COMPONENTE[c], None,
                                  frase(motivos_nan.get(c, tx.SIN_DATOS_SUFICIENTES)))
    return fijas


def _lineas(valores: dict[str, float | None], notas: dict[str, list[str]], ben: Beneficios,
            motivos_nan: dict[str, str], fijas: dict[tuple[str, bool], Linea] | None = None) -> tuple[Linea, ...]:
    """An associate's lines; `fijas` is `_lineas_fijas(ben, motivos_nan)`, passed in when building many."""
    if fijas is None:
        fijas = _lineas_fijas(ben, motivos_nan)
    lineas = []
    for c in COMPONENTES:
        v = valores.get(c)
        nota = notas.get(c)
        if c in ben.no_calculados:
            lineas.append(fijas[(c, True)])
        elif v is None:
            razon = "; ".join(nota) if nota else ""
            lineas.append(Linea(c, NOMBRE_COMPONENTE[c], None, frase(razon)) if razon else fijas[(c, False)])
        else:
            texto = ("No incluye " + "; ".join(nota) + ".") if nota else ""
            if v < -0.005 and c in NEGATIVO:
                texto = (NEGATIVO[c] + " " + texto).strip()
            lineas.append(Linea(c, NOMBRE_COMPONENTE[c], v, texto))
    return tuple(lineas)


def _columna(df: pd.DataFrame, columna: str) -> list:
    """A column's values as the row iteration yields them (None for every row when the column is absent)."""
    return list(df[columna]) if columna in df.columns else [None] * len(df)


def extractos_asociados(ds: Dataset, documentos: set[str] | None = None) -> list[Extracto]:
    """One Extracto per vigente associate (optionally only those whose document is in `documentos`:
    normalised numbers, or 'C:123' persons)."""
    ben = calcular_beneficios(ds)
    tabla = ben.por_asociado
    vig = ds.vigentes.drop_duplicates("persona").set_index("persona")
    # Column-wise: the needed columns once, then one plain loop (no Series or dict per associate).
    datos = vig[["tipo_documento", "documento", "correo", *(c for c in PARTES_NOMBRE if c in vig.columns)]]
    datos = datos.reindex(tabla.index)
    if documentos is not None:
        pedidos = list(documentos)
        elegir = tabla.index.isin(pedidos) | datos["documento"].isin(pedidos).to_numpy(dtype=bool)
        tabla, datos = tabla[elegir], datos[elegir]
    notas = _notas_por_persona(ds, tabla.index)
    propias_de: dict[str, dict[str, list[str]]] = {}
    for (persona, c), lista in notas.items():
        if c in ("credito", "ahorro"):
            propias_de.setdefault(persona, {})[c] = lista
    ent = Encabezado.de_dataset(ds)
    periodo = tx.periodo_texto(ds.periodo.inicio, ds.periodo.fin)
    corte = tx.fecha_larga(ds.corte)
    explicacion = tx.explicacion_asociado(ent.corto, periodo)
    met = metodologia(ben, para_asociado=True)
    cierre = tx.cierre_asociado(ent.corto)
    componentes = [[_num(v) for v in tabla[c].tolist()] for c in COMPONENTES]
    totales = [float(v) for v in tabla["total"].tolist()]
    aportes = [float(v) for v in tabla["aportes"].tolist()]
    rentabilidades = [_num(v) for v in tabla["rentabilidad"].tolist()]
    nombres = [nombre_de_partes(*p) for p in zip(*(_columna(datos, c) for c in PARTES_NOMBRE), strict=True)]
    sin_notas: dict[str, list[str]] = {}
    fijas = _lineas_fijas(ben, {})
    salida = []
    filas = zip(tabla.index, list(datos["tipo_documento"]), list(datos["documento"]), list(datos["correo"]),
                nombres, zip(*componentes, strict=True), totales, aportes, rentabilidades, strict=True)
    for persona, tipo_v, doc_v, correo_v, nombre, vals, total, aporte, rentabilidad in filas:
        tipo, doc = str(tipo_v), str(doc_v)
        lineas = _lineas(dict(zip(COMPONENTES, vals, strict=True)), propias_de.get(persona, sin_notas), ben, {},
                         fijas)
        correo = "" if pd.isna(correo_v) else str(correo_v).strip()
        salida.append(Extracto(
            archivo=nombre_archivo(tipo, doc), titulo=tx.TITULO_EXTRACTO, destinatario=nombre,
            documento=tx.documento_texto(tipo, doc), corte=corte, periodo=periodo, lineas=lineas,
            total=total, aportes=aporte, rentabilidad=rentabilidad,
            explicacion=explicacion, metodologia=met, cierre=cierre, tipo_documento=tipo, numero_documento=doc,
            correo=correo,
        ))
    return salida


def extracto_entidad(ds: Dataset) -> Extracto:
    ben = calcular_beneficios(ds)
    ent = Encabezado.de_dataset(ds)
    periodo = tx.periodo_texto(ds.periodo.inicio, ds.periodo.fin)
    t = ben.totales
    lineas = []
    for c in COMPONENTES:
        if c in ben.no_calculados:
            lineas.append(Linea(c, NOMBRE_COMPONENTE[c], None, frase(motivo_general(c, ben))))
            continue
        nota = [f for f in ben.faltantes if c in ("credito", "ahorro") and _es_de(f, c)]
        lineas.append(Linea(c, NOMBRE_COMPONENTE[c], t[c], ("No incluye: " + "; ".join(nota) + ".") if nota else ""))
    identificacion = f"NIT {ent.nit}" if ent.nit else ""
    return Extracto(
        archivo="entidad", titulo=tx.TITULO_EXTRACTO_ENTIDAD, destinatario=ent.nombre, documento=identificacion,
        corte=tx.fecha_larga(ds.corte), periodo=periodo, lineas=tuple(lineas), total=t["total"],
        aportes=t["aportes"], rentabilidad=ben.rentabilidad_total(),
        explicacion=tx.explicacion_entidad(ent.corto, periodo, formato.entero(ben.asociados)),
        metodologia=metodologia(ben), asociados=ben.asociados,
    )


def _es_de(faltante: str, componente: str) -> bool:
    """Whether an entity-level 'faltante' line belongs to the crédito or the ahorro component."""
    f = faltante.lower()
    if componente == "credito":
        return f.startswith(("crédito", "credito"))
    return f.startswith(("ahorro", "cdat"))
