"""Sorted data sheets and their O(log n) per-person lookups (excel/hojas_datos.py, «sorted sheets»).

The generator writes a big sheet sorted by the persona key; helpers then read running sums through a binary
search, guarded by CL_ordenada_<report>. Here sorting is forced on a small entity with tricky keys (letters,
hyphens, leading zeros, different lengths, several document types), and the workbook must give, in LibreOffice
and in the `formulas` package: every sheet recognised as sorted, every helper row equal to the Dataset,
every BS_<id> equal to the Python engine; after an edit that keeps the order (a fechaRetiro) and an appended
unsorted loan (the slow branch), the results of the engine on the changed data.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import openpyxl
import pytest

from coopxl.excel import hojas_datos as H
from coopxl.excel import recalculo
from coopxl.excel import referencias as R
from coopxl.excel.libro import escribir_libro
from tests.constructor import aporte, asociado, beneficio, captacion, credito, directivo
from tests.test_excel_datos import _esperado, _igual
from tests.test_excel_indicadores import _completo, _mover_fila, diferencias

D = dt.date
SOFFICE = recalculo.buscar_soffice()
sin_libreoffice = pytest.mark.skipif(SOFFICE is None, reason="LibreOffice (soffice) no está instalado")
DIFICILES = ["0123", "123", "12-3", "123A", "A123", "9", "90", "1230", "12.3", "00"]


def _entidad(carpeta: Path):
    ent = _completo(carpeta)
    for i, doc in enumerate(DIFICILES):
        tipo = ("C", "CE", "P", "N")[i % 4]
        ent.asociados.append(asociado(doc, tipo=tipo, genero=str(1 + i % 2), ingreso=D(2025, 1 + i, 1)))
        ent.cartera.append(credito(doc, f"PD{i}", tipo=tipo, mora=40 * (i % 2), saldo=100_000 * (i % 3),
                                   desembolso=D(2025, 2, 1 + i), monto=1_000_000 + i))
        ent.captaciones.append(captacion(doc, tipo=tipo, tipo_ahorro=str(1 + i % 4), saldo=5_000 * (i % 3),
                                         apertura=D(2025, 3, 1), valor_inicial=1_000 * i))
        ent.aportes.append(aporte(doc, tipo=tipo, cuota=1_000 * i))
        ent.beneficios.append(beneficio(doc, "educacion" if i % 2 else "auxilio", 1_000 + i, tipo=tipo,
                                        fondo="educacion" if i % 2 else "solidaridad"))
    ent.asociados.append(asociado("0123", tipo="C", ingreso=D(2010, 1, 1), retiro=D(2012, 1, 1)))  # repeated key
    ent.directivos.append(directivo("12-3", "2", tipo="P"))
    return ent


@pytest.fixture(scope="module")
def ordenado(tmp_path_factory: pytest.TempPathFactory):
    base = tmp_path_factory.mktemp("orden")
    previo = H.ORDENAR_DESDE
    H.ORDENAR_DESDE = 0
    try:
        ent = _entidad(base / "antes")
        ds, _ = ent.cargar()
        libro = escribir_libro(ds, base / "antes.xlsx")
        destino = base / "despues.xlsx"
        _editar(libro.ruta, destino, libro.referencias, ent)
        ent.carpeta = base / "despues"
        ds_despues, _ = ent.cargar()
    finally:
        H.ORDENAR_DESDE = previo
    return ds, libro, ds_despues, destino


def _fila_de(ws, refs: R.Referencias, reporte: str, documento: str) -> int:
    letra = refs.columna(reporte, "documento").letra
    plan = refs.plan(reporte)
    return next(f for f in range(R.PRIMERA_FILA, plan.ultima_con_datos + 1) if ws[f"{letra}{f}"].value == documento)


def _editar(ruta: Path, destino: Path, refs: R.Referencias, ent) -> None:
    """A fechaRetiro set in place (the order stays) and a loan appended below the data (the order breaks)."""
    wb = openpyxl.load_workbook(ruta)
    wa = wb[R.HOJAS["asociados"]]
    fila = _fila_de(wa, refs, "asociados", "115")
    wa[f"{refs.columna('asociados', 'fecha_retiro').letra}{fila}"].value = dt.datetime(2025, 8, 31)
    next(x for x in ent.asociados if x["documento"] == "115")["fecha_retiro"] = D(2025, 8, 31)
    ws = wb[R.HOJAS["cartera"]]
    plan = refs.plan("cartera")
    nueva, modelo = plan.ultima_con_datos + 1, plan.ultima_con_datos
    prestamo = credito("104", "PNUEVO", desembolso=D(2025, 9, 15), monto=1_200_000, saldo=1_100_000, mora=45)
    for nombre, col in plan.columnas.items():
        celda = ws[f"{col.letra}{nueva}"]
        if col.auxiliar:
            celda.value = _mover_fila(ws[f"{col.letra}{modelo}"].value, modelo, nueva)
        elif nombre in prestamo:
            v = prestamo[nombre]
            celda.value = dt.datetime.combine(v, dt.time()) if isinstance(v, dt.date) else v
    ent.cartera.append(prestamo)
    wb.save(destino)


@pytest.fixture(scope="module")
def valores(ordenado):
    _, libro, _, destino = ordenado
    salida = {"formulas": [recalculo.recalcular_con_formulas(libro.ruta), recalculo.recalcular_con_formulas(destino)]}
    if SOFFICE is not None:
        salida["LibreOffice"] = recalculo.recalcular_varios_con_libreoffice([libro.ruta, destino])
    return salida


def test_orden_filas_estable_y_con_umbral() -> None:
    tipos, docs = ["C", "C", "CE", "C", "N"], ["9", "10", "1", "10", "0012"]
    assert H.orden_filas(tipos, docs) == list(range(5))  # small: the file order
    previo = H.ORDENAR_DESDE
    H.ORDENAR_DESDE = 0
    try:
        assert H.orden_filas(tipos, docs) == [1, 3, 0, 2, 4]  # C:10, C:10 (file order), C:9, CE:1, N:0012
    finally:
        H.ORDENAR_DESDE = previo


def test_filas_en_hoja_es_la_inversa_del_orden(monkeypatch) -> None:
    import pandas as pd

    df = pd.DataFrame({"tipo_documento": ["C", "C", "CE", "C"], "documento": ["9", "10", "1", "10"]})
    assert H.filas_en_hoja(df) == [2, 3, 4, 5]
    monkeypatch.setattr(H, "ORDENAR_DESDE", 0)
    assert H.filas_en_hoja(df) == [4, 2, 5, 3]  # C:10, C:10, C:9, CE:1


def test_suma_persona_pide_el_acumulado_declarado(ordenado) -> None:
    refs = ordenado[1].referencias
    with pytest.raises(KeyError, match="ACUMULADOS"):
        H.suma_persona(refs, "cartera", "$A2", "monto", "en_mora")
    texto = H.suma_persona(refs, "cartera", "$A2", None, "en_mora")
    assert texto.startswith("IF(CL_ordenada_cartera,") and "MATCH($A2," in texto and "COUNTIFS(" in texto


def test_las_hojas_quedan_ordenadas(valores) -> None:
    for motor, (antes, despues) in valores.items():
        for reporte in H.REPORTES_PERSONA:
            assert antes[f"CL_ordenada_{reporte}"] in (True, 1), (motor, reporte)  # LibreOffice saves 1/0
        assert despues["CL_ordenada_asociados"] in (True, 1), motor  # edited in place: still sorted
        assert despues["CL_ordenada_cartera"] in (False, 0), motor  # a row appended: the slow branch


def test_auxiliares_de_la_hoja_ordenada_iguales_al_dataset(ordenado, valores, monkeypatch) -> None:
    monkeypatch.setattr(H, "ORDENAR_DESDE", 0)
    ds, libro, _, _ = ordenado
    refs = libro.referencias
    for motor, (v, _) in valores.items():
        fallas = []
        for reporte in H.REPORTES_PERSONA:
            df = getattr(ds, reporte)
            if df is None or not len(df):
                continue
            orden = H.orden_filas(list(df["tipo_documento"]), list(df["documento"]))
            for nombre, esperados in _esperado(ds, reporte).items():
                col = refs.columna(reporte, nombre)
                for fila, i in enumerate(orden, start=R.PRIMERA_FILA):
                    if not _igual(v.get(f"{col.hoja}!{col.letra}{fila}"), esperados[i]):
                        fallas.append((reporte, nombre, fila, v.get(f"{col.hoja}!{col.letra}{fila}"), esperados[i]))
        assert fallas == [], motor


def test_fin_inicio_y_acumulados_fila_por_fila(ordenado, valores) -> None:
    """fin, inicio and every running sum against the sheet's own keys and flags (as recalculated)."""
    _, libro, _, _ = ordenado
    refs = libro.referencias
    for motor, (v, _) in valores.items():
        for reporte in H.REPORTES_PERSONA:
            plan = refs.plan(reporte)
            filas = range(R.PRIMERA_FILA, plan.ultima_con_datos + 1)

            def columna(nombre: str, plan=plan, filas=filas, v=v) -> list[object]:
                c = plan.columnas[nombre]
                return [v.get(f"{c.hoja}!{c.letra}{f}") for f in filas]

            claves = columna("persona")
            fin = [max(j for j in range(len(claves)) if claves[j] == k and all(
                claves[m] == k for m in range(i, j + 1))) + 1 for i, k in enumerate(claves)]
            assert columna("fin") == fin, (motor, reporte)
            if reporte == "asociados":
                inicio = [min(j for j in range(i + 1) if all(claves[m] == claves[i] for m in range(j, i + 1))) + 1
                          for i in range(len(claves))]
                assert columna("inicio") == inicio, motor
            for a in H.ACUMULADOS[reporte]:
                valores_fila = [1.0] * len(claves)
                for b in a.banderas:
                    valores_fila = [x * (y or 0) for x, y in zip(valores_fila, columna(b), strict=True)]
                if a.valor:
                    valores_fila = [x * (y if isinstance(y, int | float) else 0)
                                    for x, y in zip(valores_fila, columna(a.valor), strict=True)]
                esperado, previo = [], None
                for i, x in enumerate(valores_fila):
                    previo = x + (previo if i and claves[i] == claves[i - 1] else 0)
                    esperado.append(previo)
                obtenido = columna(a.nombre)
                assert all(abs(o - e) < 1e-6 for o, e in zip(obtenido, esperado, strict=True)), (motor, reporte, a)


def test_indicadores_de_la_hoja_ordenada(ordenado, valores) -> None:
    ds = ordenado[0]
    for motor, (v, _) in valores.items():
        assert diferencias(ds, v) == [], motor


def test_libro_ordenado_vivo(ordenado, valores) -> None:
    despues = ordenado[2]
    for motor, (_, v) in valores.items():
        assert diferencias(despues, v) == [], motor
