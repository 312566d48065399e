"""Checks across rows and files, once the Dataset exists: duplicates, orphans, dates, balances, the
catálogo's levels, and the accountant's first cross-checks (files against the catálogo)."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pyarrow as pa
import pyarrow.compute as pc

from coopxl import formato
from coopxl.dataset import PID, Dataset, numeros_de_persona, primera_por_id
from coopxl.hilos import aparte
from coopxl.sicses.carga import LINEA
from coopxl.sicses.conversion import digitos, esta_en, fraccion_probable, largos
from coopxl.sicses.descubrimiento import Lectura
from coopxl.sicses.problemas import MAX_POR_GRUPO, Informe, Problema

TOLERANCIA_PESOS = 1.0


def _filas(informe: Informe, severidad: str, archivo: str, mascara: pd.Series, df: pd.DataFrame, columna: str,
           encabezado: str, mensaje: str) -> None:
    indices = mascara.to_numpy().nonzero()[0]
    for i in indices[:MAX_POR_GRUPO]:
        v = df[columna].iloc[i]
        valor = v.strftime("%d/%m/%Y") if isinstance(v, pd.Timestamp) else ("" if pd.isna(v) else str(v))
        informe.agregar(Problema(severidad, archivo, mensaje, int(df[LINEA].iloc[i]), encabezado, valor))  # type: ignore[arg-type]
    if len(indices) > MAX_POR_GRUPO:
        informe.contar_omitidos(Problema(severidad, archivo, mensaje, None, encabezado),  # type: ignore[arg-type]
                                len(indices) - MAX_POR_GRUPO)


def _primeras(personas: pd.Series) -> tuple[np.ndarray, np.ndarray]:
    """(id of each row's person, whether the row is that person's first) — ids follow first appearance."""
    d = pc.dictionary_encode(pa.array(personas).cast(pa.large_string()))
    if isinstance(d, pa.ChunkedArray):
        d = d.combine_chunks()
    ids = np.asarray(d.indices.to_numpy(zero_copy_only=False), dtype=np.int64)
    previo = np.maximum.accumulate(np.concatenate(([-1], ids[:-1]))) if len(ids) else ids
    return ids, ids > previo


def _repetidos(textos: pd.Series) -> np.ndarray:
    """Whether each row's text is already in an earlier row. All-digit texts (loan numbers, the common
    case) are told apart by an integer, the number with its length above bit 57 ('007' and '7' stay two; the
    low bits, which the hash table uses most, are the number's), cheaper to hash than the text; any other
    text makes the whole column go by text."""
    t = pa.array(textos).cast(pa.large_string())
    if not len(t) or t.null_count:
        return ~_primeras(textos)[1]
    largo = largos(t)
    if not ((digitos(t) & (largo <= 17)) | (largo == 0)).all():
        return ~_primeras(textos)[1]
    numero = pc.cast(pc.if_else(pa.array(largo == 0), pa.scalar("0", pa.large_string()), t), pa.int64())
    codigos, _ = pd.factorize(np.asarray(numero, dtype=np.int64) + (largo << 57), sort=False)
    return ~_primeras_de(codigos.astype(np.int64))[1]


def _primeras_de(ids: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """As `_primeras`, for rows whose persons are numbered already."""
    filas = np.arange(len(ids))
    n = int(ids.max()) + 1 if len(ids) else 0
    return ids, primera_por_id(ids, filas, n)[ids] == filas


def validar(ds: Dataset, lectura: Lectura) -> Informe:
    inf = lectura.informe
    corte = pd.Timestamp(ds.corte)
    # The loan numbers' repeats, the costliest check, are looked for beside the others.
    cartera = ds.cartera
    pagares_repetidos = aparte(_repetidos, cartera["pagare"]) if cartera is not None else None
    nombres = ds.archivos

    def enc(reporte: str, col: str) -> str:
        return lectura.cargas[reporte].titulo(col)

    def despues_del_corte(reporte: str, col: str, que: str) -> None:
        df = getattr(ds, reporte)
        if df is not None:
            _filas(inf, "error", nombres[reporte], df[col] > corte, df, col, enc(reporte, col),
                   f"{que} posterior a la fecha de corte {ds.corte:%d/%m/%Y}.")

    def duplicados(reporte: str, etiqueta: str) -> None:
        df = getattr(ds, reporte)
        if df is None or df.empty:
            return
        numeros = numeros_de_persona(ds, reporte)
        ids, primera = _primeras(df["persona"]) if numeros is None else _primeras_de(numeros)
        repetido = (ids >= 0) & ~primera & (df["documento"] != "").to_numpy()
        if not repetido.any():
            return
        filas = np.flatnonzero(repetido)[: MAX_POR_GRUPO]
        fila_primera = np.full(ids.max() + 1, -1, dtype=np.int64)
        fila_primera[ids[primera]] = df[LINEA].to_numpy()[primera]
        marco = df.iloc[filas][["documento_original", LINEA]].reset_index(drop=True)
        marco["valor"] = [f"{doc} (ya en la fila {int(fila_primera[i])})"
                          for doc, i in zip(marco["documento_original"], ids[filas], strict=True)]
        _filas(inf, "error", nombres[reporte], pd.Series(True, index=marco.index), marco, "valor",
               enc(reporte, "documento"), f"documento repetido en el {etiqueta}: cada persona va en una sola fila.")
        if repetido.sum() > MAX_POR_GRUPO:
            inf.contar_omitidos(Problema("error", nombres[reporte], f"documento repetido en el {etiqueta}: cada "
                                         "persona va en una sola fila.", None, enc(reporte, "documento")),
                                int(repetido.sum()) - MAX_POR_GRUPO)

    def huerfanos(reporte: str, severidad: str, que: str, filtro: pd.Series | None = None) -> None:
        df = getattr(ds, reporte)
        if df is None or ds.asociados is None:
            return
        fuera = df[PID] < 0 if PID in df else ~esta_en(df["persona"], ds.asociados["persona"])
        mascara = fuera & (df["documento"] != "")
        if filtro is not None:
            mascara &= filtro
        _filas(inf, severidad, nombres[reporte], mascara, df, "documento_original", enc(reporte, "documento"),
               f"{que} cuyo documento no está en el archivo de asociados ({nombres.get('asociados')}).")

    def negativos(reporte: str, col: str) -> None:
        df = getattr(ds, reporte)
        if df is not None:
            _filas(inf, "error", nombres[reporte], df[col] < 0, df, col, enc(reporte, col),
                   "saldo negativo: se esperaba un valor mayor o igual a cero.")

    def tasas(reporte: str) -> None:
        df = getattr(ds, reporte)
        if df is not None:
            _filas(inf, "advertencia", nombres[reporte], fraccion_probable(df["tasa_efectiva"]), df,
                   "tasa_efectiva", enc(reporte, "tasa_efectiva"),
                   "tasa menor o igual a 1 con decimales: parece una fracción; las tasas van en porcentaje "
                   "(24,5 para 24,5 % E.A.).")

    a = ds.asociados
    if a is None:
        inf.error(lectura.carpeta.name or str(lectura.carpeta),
                  "no se encontró el informe individual de asociados: sin él no se puede calcular el balance.")
    else:
        duplicados("asociados", "informe de asociados")
        despues_del_corte("asociados", "fecha_ingreso", "fecha de ingreso")
        _filas(inf, "error", nombres["asociados"], a["fecha_retiro"] < a["fecha_ingreso"], a, "fecha_retiro",
               enc("asociados", "fecha_retiro"), "la fecha de retiro es anterior a la fecha de ingreso.")
        _filas(inf, "error", nombres["asociados"], a["fecha_nacimiento"] > corte, a, "fecha_nacimiento",
               enc("asociados", "fecha_nacimiento"), "fecha de nacimiento posterior a la fecha de corte.")
        juridica = (a["genero"] == "3") & (a["tipo_documento"] != "N")
        _filas(inf, "advertencia", nombres["asociados"], juridica, a, "tipo_documento",
               enc("asociados", "tipo_documento"),
               "género 3 (persona jurídica) con un tipo de documento que no es NIT.")
    duplicados("aportes", "informe de aportes")
    huerfanos("aportes", "error", "aportes")
    huerfanos("captaciones", "advertencia", "captación")
    huerfanos("cartera", "advertencia", "crédito")
    if ds.directivos is not None:
        en_organos = ds.directivos["organo"].isin(("1", "2", "3"))
        huerfanos("directivos", "advertencia", "directivo", en_organos)
        if a is not None:
            d = ds.directivos
            ids = d[PID].to_numpy()
            vigente = np.zeros(int(a[PID].max()) + 2 if len(a) else 1, dtype=bool)
            vigente[a.loc[a["vigente"], PID].to_numpy()] = True
            no_vigente = (ids >= 0) & ~vigente[np.maximum(ids, 0)]
            _filas(inf, "advertencia", nombres["directivos"], en_organos & no_vigente, d,
                   "documento_original", enc("directivos", "documento"),
                   f"el directivo está en el archivo de asociados pero no es un asociado vigente al "
                   f"{ds.corte:%d/%m/%Y}: se excluye de los indicadores de órganos.")
    despues_del_corte("cartera", "fecha_desembolso", "fecha de desembolso")
    despues_del_corte("captaciones", "fecha_apertura", "fecha de apertura")
    despues_del_corte("aportes", "fecha_ultimo_pago", "fecha del último pago")
    despues_del_corte("beneficios", "fecha", "fecha del beneficio")
    negativos("aportes", "saldo_total")
    negativos("captaciones", "saldo_disponible")
    negativos("cartera", "saldo_capital")
    negativos("cartera", "monto")
    negativos("beneficios", "valor")
    tasas("cartera")
    tasas("captaciones")
    if cartera is not None and pagares_repetidos is not None:
        repetidos = pd.Series(pagares_repetidos(), index=cartera.index) & (cartera["pagare"] != "")
        _filas(inf, "error", nombres["cartera"], repetidos, cartera, "pagare", enc("cartera", "pagare"),
               "número de crédito (pagaré) repetido.")
    _niveles_catalogo(ds, lectura, inf)
    _cruces(ds, inf)
    return inf


def _niveles_catalogo(ds: Dataset, lectura: Lectura, inf: Informe) -> None:
    """Each listed account with listed accounts below it must equal their sum (contra accounts subtracted);
    an account listed twice is an error (its balances were added)."""
    cat = ds.cuif
    if cat is None:
        return
    archivo = ds.archivos["catalogo"]
    carga = lectura.cargas["catalogo"]
    col_codigo, col_saldo = carga.titulo("codigo"), carga.titulo("saldo")
    lineas: dict[str, list[int]] = {}
    for codigo, linea in zip(ds.catalogo["codigo"], ds.catalogo[LINEA], strict=True):
        lineas.setdefault(codigo, []).append(int(linea))
    for codigo in cat.repetidos:
        filas = lineas.get(codigo, [])
        inf.error(archivo, f"la cuenta aparece {len(filas)} veces (filas {', '.join(map(str, filas))}): cada "
                           "cuenta va una sola vez; se suman sus saldos.", fila=filas[1] if len(filas) > 1 else None,
                  columna=col_codigo, valor=codigo)
    unidad = ds.parametros.unidad_cuif
    for codigo, saldo, suma in cat.descuadres(TOLERANCIA_PESOS * unidad):
        hijos = cat.hijos_directos(codigo)
        inf.error(archivo, f"el saldo de la cuenta {codigo} ({formato.pesos(saldo)}) no es la suma de sus "
                  f"{len(hijos)} subcuenta(s) listadas ({formato.pesos(suma)}, restando las cuentas (CR)); "
                  f"diferencia {formato.pesos(saldo - suma)}.",
                  fila=(lineas.get(codigo) or [None])[0], columna=col_saldo, valor=codigo)


def _cruces(ds: Dataset, inf: Informe) -> None:
    """Files against the catálogo, as advertencias with the difference."""
    cat = ds.cuif
    if cat is None:
        return
    archivo = ds.archivos["catalogo"]

    def cruce(descripcion: str, suma_archivo: float, cuentas: str, archivo_datos: str) -> None:
        valor, _ = cat.expresion(cuentas)
        if valor is None:
            inf.advertencia(archivo, f"no se puede cruzar {descripcion}: el catálogo no tiene {cuentas}.")
            return
        diferencia = suma_archivo - valor
        if abs(diferencia) > TOLERANCIA_PESOS * ds.parametros.unidad_cuif:
            inf.advertencia(archivo, f"{descripcion} de {archivo_datos} ({formato.pesos(suma_archivo)}) no "
                            f"coincide con las cuentas {cuentas} del catálogo ({formato.pesos(valor)}); "
                            f"diferencia {formato.pesos(diferencia)}.", columna=cuentas,
                            valor=formato.pesos(diferencia))

    if ds.aportes is not None:
        cruce("la suma de Saldo Total de aportes", float(ds.aportes["saldo_total"].sum()),
              ds.parametros.cuentas.get("aportes_sociales", "310500+311000"), ds.archivos["aportes"])
    if ds.captaciones is not None:
        cruce("la suma de Saldo Disponible", float(ds.captaciones["saldo_disponible"].sum()),
              ds.parametros.cuentas.get("depositos", "210000"), ds.archivos["captaciones"])
    if ds.cartera is not None:
        codigos = sorted(set(pc.unique(pa.array(ds.cartera["codigo"])).to_pylist()) - {""})
        if codigos:
            cruce("la suma de Saldo Capital", float(ds.cartera["saldo_capital"].sum()), "+".join(codigos),
                  ds.archivos["cartera"])
