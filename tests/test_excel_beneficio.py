"""The sheet BeneficioSolidario against the Python engine: every associate's components, total, aportes and
return, and the entity totals, recalculated by the `formulas` package and by LibreOffice, must equal
`calcular_beneficios(ds)` (relative difference below 1e-9), with the same «no calculado» states (for one
associate, and for everybody). The hand-made entities of test_excel_indicadores plus two here: one where
nothing can be computed, one with partial rates, rows without their own rate, negative components, benefits
outside P and a revalorización that comes from aportes. A liveness test edits rates in the data sheets.
"""

from __future__ import annotations

import datetime as dt
import math
from pathlib import Path

import openpyxl
import pytest

from coopxl.beneficios import COMPONENTES, calcular_beneficios
from coopxl.excel import formulas as F
from coopxl.excel import hoja_beneficio as HB
from coopxl.excel import hojas_datos as H
from coopxl.excel import recalculo
from coopxl.excel import referencias as R
from coopxl.excel.libro import escribir_libro, hojas_del_libro
from coopxl.excel.portada import DESCRIPCION_HOJAS
from coopxl.extractos import textos as tx
from tests.constructor import Entidad, aporte, asociado, beneficio, captacion, credito
from tests.test_excel_indicadores import ENTIDADES, TOLERANCIA, sin_libreoffice

D = dt.date
HOJA = R.HOJA_BENEFICIO


def _sin_tasas(carpeta: Path) -> Entidad:
    """Nothing computable: loans with balance but no Tasa Efectiva, no captaciones, aportes, beneficios."""
    return Entidad(carpeta, asociados=[asociado("1"), asociado("2"), asociado("3", retiro=D(2025, 3, 1))],
                   cartera=[credito("1", "A", tasa=None), credito("2", "B", saldo=0), credito("3", "C", tasa=None)],
                   complementarios={"entidad_nombre": "Fondo Sin Tasas", "entidad_sigla": "FST"})


def _mixto(carpeta: Path) -> Entidad:
    """Partial rates: a loan without its own rate beside one with it (a note), a person with only such a loan
    (no calculado for them), a loan and an account above or below the market (negative), a CDAT without a
    reference rate, a benefit outside P, revalorización from aportes, an associate without aportes."""
    asociados = [asociado("1", nombres="Ana María", apellido="Pérez"), asociado("2", genero="2"),
                 asociado("3", nombres="Luis", apellido="Gómez"), asociado("4"),
                 asociado("900123456", tipo="N", genero="3", nacimiento=None, nombres="Empresa Aliada", apellido=""),
                 asociado("5", retiro=D(2025, 2, 1))]
    cartera = [credito("1", "A1", saldo=1_000_000, tasa=20.0), credito("1", "A2", saldo=500_000, tasa=None),
               credito("2", "B1", saldo=800_000, tasa=None), credito("3", "C1", saldo=2_000_000, tasa=30.0),
               credito("900123456", "N1", tipo="N", saldo=3_000_000, tasa=21.25),
               credito("5", "R1", saldo=1_000_000, tasa=10.0)]
    captaciones = [captacion("1", saldo=1_000_000, tasa=3.0), captacion("2", tipo_ahorro="2", saldo=500_000, tasa=9.0),
                   captacion("3", saldo=400_000, tasa=1.0), captacion("4", saldo=0, tasa=2.0),
                   captacion("5", saldo=100_000, tasa=5.0)]
    aportes = [aporte("1", saldo=2_000_000, revalorizacion=10_000), aporte("2", saldo=0),
               aporte("3", saldo=1_000_000, revalorizacion=3_333.33), aporte("900123456", saldo=5_000_000)]
    beneficios = [beneficio("1", "auxilio", 50_000), beneficio("1", "educacion", 20_000, fondo="educacion"),
                  beneficio("1", "auxilio", 5_000, fecha=D(2025, 12, 31)), beneficio("3", "retorno", 5_000),
                  beneficio("2", "salud", 7_000, fecha=D(2024, 6, 1)), beneficio("5", "seguro", 9_000),
                  beneficio("4", "convenio", 1_234.56, fecha=D(2025, 1, 1))]
    return Entidad(carpeta, asociados=asociados, cartera=cartera, captaciones=captaciones, aportes=aportes,
                   beneficios=beneficios, tasas={"consumo": 22.5, "ahorro_vista": 1.5},
                   complementarios={"entidad_nombre": "Cooperativa Mixta", "entidad_nit": "900.000.001-2"})


CASOS = {**{n: f for n, f in ENTIDADES.items()}, "sin_tasas": _sin_tasas, "mixto": _mixto}


# --- comparing with the engine ----------------------------------------------------------------------

def _esperado(valor: float, no_calculado: bool, texto: str = tx.NO_CALCULADO) -> object:
    return texto if no_calculado or valor is None or math.isnan(valor) else float(valor)


def _igual(obtenido: object, esperado: object) -> bool:
    if isinstance(esperado, str):
        return obtenido == esperado
    return isinstance(obtenido, int | float) and not isinstance(obtenido, bool) \
        and math.isclose(obtenido, esperado, rel_tol=TOLERANCIA, abs_tol=1e-6)


def diferencias(ds, valores: dict[str, object]) -> list[str]:
    """Every cell of BeneficioSolidario (associates and totals) that differs from calcular_beneficios."""
    ben = calcular_beneficios(ds)
    fallas: list[str] = []

    def ver(donde: str, esperado: object) -> None:
        obtenido = valores.get(donde)
        if not _igual(obtenido, esperado):
            fallas.append(f"{donde}: libro {obtenido!r}, Python {esperado!r}")

    def en(clave: str, fila: int) -> str:
        return f"{HOJA}!{F.letra(HB.COL[clave])}{fila}"

    for i, (persona, r) in enumerate(ben.por_asociado.iterrows()):
        fila = HB.PRIMERA + i
        ver(en("persona", fila), persona)
        for c in COMPONENTES:
            ver(en(c, fila), _esperado(r[c], c in ben.no_calculados))
        ver(en("total", fila), float(r["total"]))
        ver(en("aportes", fila), float(r["aportes"]))
        ver(en("rentabilidad", fila), _esperado(r["rentabilidad"], False, tx.NO_CALCULABLE))
    siguiente = HB.PRIMERA + ben.asociados
    if valores.get(en("documento", siguiente)) is not None:
        fallas.append(f"fila {siguiente}: sobra un asociado")
    for c in COMPONENTES:
        ver(HB.nombre_total(c), _esperado(ben.totales[c], c in ben.no_calculados))
        ver(HB.nombre_no_calculado(c), 1 if c in ben.no_calculados else 0)
    ver(HB.nombre_total("total"), ben.totales["total"])
    ver(HB.nombre_total("aportes"), ben.totales["aportes"])
    rent = ben.rentabilidad_total()
    ver(HB.nombre_total("rentabilidad"), tx.NO_CALCULABLE if rent is None else rent)
    return fallas


@pytest.fixture(scope="module")
def casos(tmp_path_factory: pytest.TempPathFactory):
    base = tmp_path_factory.mktemp("beneficio")
    salida = {}
    for nombre, fabrica in CASOS.items():
        ds, _ = fabrica(base / nombre).cargar()
        salida[nombre] = (ds, escribir_libro(ds, base / f"{nombre}.xlsx").ruta)
    return salida


@pytest.fixture(scope="module")
def valores_libreoffice(casos):
    if recalculo.buscar_soffice() is None:
        pytest.skip("LibreOffice (soffice) no está instalado")
    con_asociados = {n: r for n, (ds, r) in casos.items() if ds.asociados is not None}
    return dict(zip(con_asociados, recalculo.recalcular_varios_con_libreoffice(con_asociados.values()),
                    strict=True))


def test_los_casos_cubren_los_estados(casos) -> None:
    """The cases hold every state the sheet must show: otherwise the comparisons below prove little."""
    por_persona_nan, para_todos, negativos, sin_aportes = set(), set(), set(), 0
    for ds, _ in casos.values():
        if ds.asociados is None:
            continue
        ben = calcular_beneficios(ds)
        t = ben.por_asociado
        para_todos |= ben.no_calculados
        for c in ("credito", "ahorro"):
            if c not in ben.no_calculados and t[c].isna().any():
                por_persona_nan.add(c)
            if (t[c] < 0).any():
                negativos.add(c)
        sin_aportes += int(t["rentabilidad"].isna().sum())
    assert por_persona_nan == {"credito", "ahorro"}
    assert negativos == {"credito", "ahorro"}
    assert set(COMPONENTES) <= para_todos
    assert sin_aportes > 0


@pytest.mark.parametrize("nombre", [n for n in CASOS if n != "sin_asociados"])
def test_beneficio_en_formulas(casos, nombre) -> None:
    ds, ruta = casos[nombre]
    assert diferencias(ds, recalculo.recalcular_con_formulas(ruta)) == []


@sin_libreoffice
@pytest.mark.parametrize("nombre", [n for n in CASOS if n != "sin_asociados"])
def test_beneficio_en_libreoffice(casos, valores_libreoffice, nombre) -> None:
    ds, _ = casos[nombre]
    assert diferencias(ds, valores_libreoffice[nombre]) == []


def test_sin_asociados_la_hoja_queda_vacia(casos) -> None:
    _, ruta = casos["sin_asociados"]
    ws = openpyxl.load_workbook(ruta)[HOJA]
    assert ws.cell(HB.FILA_ENCABEZADO, HB.COL["credito"]).value
    assert ws.cell(HB.PRIMERA, HB.COL["documento"]).value is None


def test_la_hoja_identifica_a_cada_asociado(casos) -> None:
    ds, ruta = casos["mixto"]
    ws = openpyxl.load_workbook(ruta)[HOJA]
    vig = ds.vigentes.drop_duplicates("persona")
    filas = [(ws.cell(HB.PRIMERA + i, HB.COL["tipo_documento"]).value,
              ws.cell(HB.PRIMERA + i, HB.COL["documento"]).value,
              ws.cell(HB.PRIMERA + i, HB.COL["nombre"]).value) for i in range(len(vig))]
    assert [(t, d) for t, d, _ in filas] == list(zip(vig["tipo_documento"], vig["documento"], strict=True))
    assert filas[0][2] == "Ana María Pérez"
    assert ws.cell(HB.PRIMERA, HB.COL["documento"]).data_type == "s"
    assert HOJA in DESCRIPCION_HOJAS and R.HOJA_EXTRACTO in DESCRIPCION_HOJAS
    assert {HOJA, R.HOJA_EXTRACTO} <= set(hojas_del_libro())


def test_el_grafico_por_tipo_lee_los_totales(casos) -> None:
    import zipfile

    _, ruta = casos["mixto"]
    with zipfile.ZipFile(ruta) as z:
        graficos = [n for n in z.namelist() if n.startswith("xl/charts/chart")]
        textos = "".join(z.read(n).decode("utf-8") for n in graficos)
    fila = HB.FILA_TOTAL
    primera, ultima = F.letra(HB.COL[COMPONENTES[0]]), F.letra(HB.COL[COMPONENTES[-1]])
    assert f"'{HOJA}'!${primera}${fila}:${ultima}${fila}" in textos
    assert HB.TITULO_GRAFICO in textos


def test_formulas_de_la_hoja_son_portables(casos) -> None:
    for nombre, (_, ruta) in casos.items():
        wb = openpyxl.load_workbook(ruta)
        problemas = []
        for hoja in (HOJA, R.HOJA_EXTRACTO):
            for fila in wb[hoja].iter_rows():
                for c in fila:
                    if c.data_type == "f":
                        problemas += [f"{hoja}!{c.coordinate}: {p}" for p in F.revisar_formula(str(c.value))]
        for n, definido in wb.defined_names.items():
            if n.startswith("BN_"):
                problemas += [f"{n}: {p}" for p in F.revisar_formula("=" + definido.attr_text)]
        assert problemas == [], nombre


# --- sorted data sheets: the lookups are binary searches over running sums ------------------------------

@pytest.fixture(scope="module")
def ordenados(tmp_path_factory: pytest.TempPathFactory):
    """The mixto entity and the tricky keys of test_excel_orden, written with every data sheet sorted."""
    from tests.test_excel_orden import _entidad

    base = tmp_path_factory.mktemp("beneficio_ordenado")
    salida = {}
    previo = H.ORDENAR_DESDE
    H.ORDENAR_DESDE = 0
    try:
        for nombre, fabrica in (("mixto", _mixto), ("claves", _entidad)):
            ds, _ = fabrica(base / nombre).cargar()
            salida[nombre] = (ds, escribir_libro(ds, base / f"{nombre}.xlsx").ruta)
    finally:
        H.ORDENAR_DESDE = previo
    return salida


def test_hoja_ordenada_usa_busqueda_binaria(ordenados) -> None:
    _, ruta = ordenados["mixto"]
    ws = openpyxl.load_workbook(ruta)[HOJA]
    for clave in ("credito", "ahorro", "revalorizacion", "auxilio", "aportes"):
        texto = str(ws.cell(HB.PRIMERA, HB.COL[clave]).value)
        assert "MATCH(" in texto and "SUMPRODUCT" not in texto, clave


def test_beneficio_de_hojas_ordenadas(ordenados) -> None:
    motores = {"formulas": [recalculo.recalcular_con_formulas(r) for _, r in ordenados.values()]}
    if recalculo.buscar_soffice() is not None:
        motores["LibreOffice"] = recalculo.recalcular_varios_con_libreoffice([r for _, r in ordenados.values()])
    for motor, valores in motores.items():
        for (nombre, (ds, _)), v in zip(ordenados.items(), valores, strict=True):
            for reporte in H.REPORTES_PERSONA:
                if getattr(ds, reporte) is not None and len(getattr(ds, reporte)):
                    assert v[H.nombre_ordenada(reporte)] in (True, 1), (motor, nombre, reporte)  # the fast branch
            assert diferencias(ds, v) == [], (motor, nombre)


# --- liveness: rates changed in the data sheets ------------------------------------------------------

@pytest.fixture(scope="module")
def editado(tmp_path_factory: pytest.TempPathFactory):
    """The mixto workbook with a loan's Tasa Efectiva raised (crédito turns negative), a savings rate blanked
    (that associate's ahorro becomes «no calculado») and a benefit's value changed; the engine reads the same
    changes from the files."""
    base = tmp_path_factory.mktemp("beneficio_vivo")
    ent = _mixto(base / "antes")
    ds, _ = ent.cargar()
    libro = escribir_libro(ds, base / "antes.xlsx")
    wb = openpyxl.load_workbook(libro.ruta)
    refs = libro.referencias
    cambios = (("cartera", 0, "tasa_efectiva", 24.0), ("captaciones", 0, "tasa_efectiva", None),
               ("beneficios", 0, "valor", 61_000))
    for reporte, i, columna, valor in cambios:
        ws = wb[R.HOJAS[reporte]]
        ws[f"{refs.columna(reporte, columna).letra}{R.PRIMERA_FILA + i}"].value = valor
        getattr(ent, reporte)[i][columna] = valor
    destino = base / "despues.xlsx"
    wb.save(destino)
    ent.carpeta = base / "despues"
    despues, _ = ent.cargar()
    antes = calcular_beneficios(ds).por_asociado.loc["C:1"]
    ahora = calcular_beneficios(despues).por_asociado.loc["C:1"]
    assert antes["credito"] > 0 > ahora["credito"] and math.isnan(ahora["ahorro"]) and not math.isnan(antes["ahorro"])
    return despues, destino


def test_libro_vivo_en_formulas(editado) -> None:
    ds, ruta = editado
    assert diferencias(ds, recalculo.recalcular_con_formulas(ruta)) == []


@sin_libreoffice
def test_libro_vivo_en_libreoffice(editado) -> None:
    ds, ruta = editado
    assert diferencias(ds, recalculo.recalcular_con_libreoffice(ruta)) == []


@sin_libreoffice
def test_demo_incluida_en_libreoffice(tmp_path) -> None:
    """The bundled demo (a few hundred associates, every file, partial reference rates): the whole table and
    the default extract."""
    from coopxl.dataset import cargar_dataset
    from coopxl.demo.incluido import CARPETA_INCLUIDA
    from coopxl.extractos.datos import extractos_asociados
    from tests.test_excel_extracto import diferencias as diferencias_extracto

    ds, _ = cargar_dataset(Path(CARPETA_INCLUIDA))
    valores = recalculo.recalcular_con_libreoffice(escribir_libro(ds, tmp_path / "demo.xlsx").ruta)
    assert calcular_beneficios(ds).asociados > 100
    assert diferencias(ds, valores) == []
    assert diferencias_extracto(ds, valores, extractos_asociados(ds)[0].numero_documento) == []
