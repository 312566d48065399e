"""The 41 indicator formulas of the workbook against the Python engine: the same definition, two faces.

Several small hand-made entities (written through tests/constructor.py) cover every indicator's states
(ok, denominador_cero, sin_datos, no_aplica); each workbook is recalculated by LibreOffice (all of them
in one start) and by the `formulas` package, and every BS_<id> cell must give the state and value of
`calcular_balance(ds)` (relative difference below 1e-9). The bundled demo is checked with LibreOffice.
A liveness test edits a generated workbook (a loan added, a fechaRetiro set, a complementarios cell
blanked), recalculates it and compares with the Python engine run on the same changed input files.
"""

from __future__ import annotations

import datetime as dt
import math
from pathlib import Path

import openpyxl
import pytest

from coopxl.balance import calcular_balance
from coopxl.dataset import cargar_dataset
from coopxl.excel import formulas as F
from coopxl.excel import recalculo
from coopxl.excel import referencias as R
from coopxl.excel.hojas_datos import planificar
from coopxl.excel.libro import COLUMNA_RESULTADO, escribir_libro, formulas_indicadores
from coopxl.indicadores import todos
from coopxl.indicadores.modelo import FormulasIndicador
from coopxl.indicadores.registro import RegistroInvalido, indicador
from coopxl.indicadores.textos.catalogo import FILAS_SES
from coopxl.indicadores.textos.modelo import (
    RESULTADO_DENOMINADOR_CERO,
    RESULTADO_NO_APLICA,
    RESULTADO_SIN_DATOS,
)
from tests.constructor import (
    Entidad,
    aporte,
    asociado,
    beneficio,
    captacion,
    credito,
    cuenta,
    directivo,
)

D = dt.date
SOFFICE = recalculo.buscar_soffice()
sin_libreoffice = pytest.mark.skipif(SOFFICE is None, reason="LibreOffice (soffice) no está instalado: "
                                     "apt-get install libreoffice-calc (o ejecute .ci/run)")
ESTADOS = {RESULTADO_DENOMINADOR_CERO: "denominador_cero", RESULTADO_SIN_DATOS: "sin_datos",
           RESULTADO_NO_APLICA: "no_aplica"}
TOLERANCIA = 1e-9


# --- the hand-made entities -----------------------------------------------------------------------

def _completo(carpeta: Path) -> Entidad:
    """Most indicators ok: every file, a catálogo that lists every level, reference rates."""
    a = asociado
    asociados = [
        a("100"), a("101", genero="2"), a("102"), a("103", genero="2", nacimiento=D(1990, 12, 31), asistio="1"),
        a("104", nacimiento=D(1989, 12, 31), asistio="1"),
        a("105", tipo="N", genero="3", nacimiento=None, nombres="Cooperativa Amiga"),
        a("106", retiro=D(2026, 1, 15), genero="2", asistio="1"), a("107", retiro=D(2025, 6, 30), asistio="1"),
        a("108", ingreso=D(2025, 3, 1), nacimiento=D(2000, 2, 29)),
        a("109", ingreso=D(2025, 2, 1), retiro=D(2025, 10, 1)),
        a("110", ingreso=D(2025, 5, 1), genero="2", nacimiento=D(1970, 1, 1)), a("111", asociado_="2"),
        a("112", ingreso=D(2026, 1, 15)), a("113", nacimiento=None, ingreso=D(2025, 4, 1)),
        a("114", genero="2", ingreso=D(2020, 1, 1), asistio="1"), a("115", ingreso=D(2010, 1, 1)),
        a("116", asistio="1", ingreso=D(2025, 1, 1), genero="2", nacimiento=D(1999, 1, 1)),
        a("117", ingreso=D(2024, 12, 31), retiro=D(2025, 1, 1)), a("118"),
        a("119", ingreso=D(2010, 1, 1), retiro=D(2020, 5, 5)), a("119", ingreso=D(2022, 4, 1), genero="2"),
    ]
    cartera = [
        credito("100", "P100", mora=31, saldo=1_000_000, tasa=20.0),
        credito("101", "P101", mora=30, saldo=2_000_000, codigo="146105", monto=2_500_000),
        credito("101", "P101B", saldo=500_000.5, codigo="141105", desembolso=D(2024, 1, 1), tasa=16.5),
        credito("102", "P102", mora=90, saldo=0, desembolso=D(2023, 5, 1), codigo="145505"),
        credito("118", "P118", saldo=0, desembolso=D(2025, 1, 1), codigo="147605", monto=90_000_000),
        credito("999", "P999", mora=120, saldo=500_000, codigo="140405"),
        credito("105", "P105", tipo="N", codigo="146905", desembolso=D(2025, 7, 1), saldo=10, monto=3_000_000),
        credito("113", "P113", codigo="149905", desembolso=D(2025, 12, 31), saldo=0, mora=0, monto=700_000),
        credito("114", "P114", codigo="141105", saldo=3_000_000, tasa=12.0, desembolso=D(2025, 2, 1),
                monto=3_000_000),
        credito("114", "P114", codigo="141105", saldo=0, desembolso=D(2025, 2, 1), monto=3_000_000),  # same
    ]
    captaciones = [
        captacion("114", tipo_ahorro="2", saldo=300_000, tasa=9.0, apertura=D(2025, 3, 1), valor_inicial=300_000),
        captacion("102", saldo=0), captacion("104", tipo_ahorro="3", saldo=10, tasa=5.0),
        captacion("101", saldo=2_000_000, tasa=2.5, apertura=D(2025, 6, 1), valor_inicial=1_000_000),
        captacion("100", tipo_ahorro="4", saldo=800_000, tasa=6.0),
    ]
    aportes = [aporte("115", ultimo_pago=D(2025, 1, 1), revalorizacion=12_000),
               aporte("102", ultimo_pago=D(2024, 12, 31), cuota=30_000),
               aporte("113", ultimo_pago=None), aporte("101", saldo=1_500_000, revalorizacion=5_000),
               aporte("114", saldo=2_500_000, cuota=80_000), aporte("107", saldo=900_000)]
    directivos = [directivo("100"), directivo("100", "2"), directivo("103", "3", "S"), directivo("107"),
                  directivo("999"), directivo("104", "4"), directivo("119"), directivo("108", "5"),
                  directivo("108", "2"), directivo("114", "1")]
    beneficios = [
        beneficio("100", "educacion", 50_000, fondo="educacion"),
        beneficio("101", "auxilio", 20_000, fecha=D(2024, 6, 1)),
        beneficio("114", "auxilio", 70_000), beneficio("114", "recreacion", 30_000, fondo="recreacion"),
        beneficio("103", "educacion", 40_000, fondo="educacion", fecha=D(2024, 2, 1)),
        beneficio("999", "salud", 10_000, fondo="bienestar"),
        beneficio("107", "seguro", 15_000, fondo="otro"),
    ]
    catalogo = [
        cuenta("100000", 10_000_000, "ACTIVO"), cuenta("120000", 1_500_000, "INVERSIONES"),
        cuenta("122600", 500_000, "APORTES EN ENTIDADES"), cuenta("122602", 300_000), cuenta("122603", 200_000),
        cuenta("140000", 6_000_000, "CARTERA DE CREDITOS"), cuenta("141100", 6_200_000, "CONSUMO"),
        cuenta("141105", 6_200_000, "CONSUMO CON LIBRANZA"), cuenta("145500", 200_000),
        cuenta("145505", 200_000), cuenta("146800", 400_000, "DETERIORO CONSUMO (CR)"),
        cuenta("146805", 400_000, "DETERIORO INDIVIDUAL"),
        cuenta("230000", 2_000_000, "OBLIGACIONES FINANCIERAS"), cuenta("230510", 600_000),
        cuenta("230515", 400_000), cuenta("230810", 300_000), cuenta("230895", 700_000),
        cuenta("311010", 500_000, "APORTES AMORTIZADOS"), cuenta("320500", 800_000),
        cuenta("320505", 400_000), cuenta("320510", 400_000), cuenta("330505", 100_000),
        cuenta("400000", 5_000_000, "INGRESOS"), cuenta("500000", 4_000_000, "GASTOS"),
        cuenta("530000", 250_000, "EXCEDENTES"),
    ]
    comp = {
        "entidad_nombre": "Cooperativa de Prueba", "asamblea_tipo": "asociados", "satisfaccion_porcentaje": 87.5,
        "votantes_antiguedad_inferior": 12, "votantes_potenciales": 40, "transacciones_total": 321,
        "educacion_directivos_participantes": 9, "educacion_directivos_convocados": 8,
        "gasto_educacion": 1_500_000, "gasto_educacion_anterior": 1_200_000,
        "educacion_empleados_participantes": 3, "educacion_empleados_convocados": 4, "gasto_difusion": 90_000,
        "patrocinios_recibidos": 120_000, "buen_gobierno_cumplidas": 7, "buen_gobierno_establecidas": 9,
        "gasto_comunidad": 400_000, "gasto_medio_ambiente": 100_000, "proveedores_locales_numero": 5,
        "proveedores_totales_numero": 8, "contribuciones_integracion": 33_000, "economias_escala_valor": 10,
        "costo_sin_alianzas": 30,
    }
    return Entidad(carpeta, asociados=asociados, cartera=cartera, captaciones=captaciones, aportes=aportes,
                   directivos=directivos, beneficios=beneficios, catalogo=catalogo, complementarios=comp,
                   tasas={"consumo": 22.5, "comercial": 19.0, "ahorro_vista": 1.5, "cdat": 8.0})


def _ceros(carpeta: Path) -> Entidad:
    """Every input there, every denominator zero."""
    asociados = [asociado("1", retiro=D(2020, 1, 1)), asociado("2", asociado_="2")]
    return Entidad(
        carpeta, asociados=asociados, cartera=[credito("1", "A", saldo=0, desembolso=D(2020, 1, 1))],
        captaciones=[captacion("1", saldo=0)], aportes=[aporte("1", saldo=0, cuota=0)],
        directivos=[directivo("1")], beneficios=[beneficio("1", "auxilio", 0, fecha=D(2024, 3, 1))],
        catalogo=[cuenta("100000", 0), cuenta("120000", 0), cuenta("230000", 0), cuenta("400000", 0),
                  cuenta("500000", 0), cuenta("311010", 10)],
        complementarios={
            "asamblea_tipo": "delegados", "votacion_votantes": 0, "votacion_habiles": 0,
            "delegados_asistentes": 0, "delegados_habiles": 0, "asamblea_integrantes": 0, "asamblea_mujeres": 0,
            "asamblea_jovenes": 0, "votantes_antiguedad_inferior": 0, "votantes_potenciales": 0,
            "transacciones_total": 5, "fondos_ejecucion": 100, "fondos_beneficiados": 2,
            "educacion_directivos_participantes": 0, "educacion_directivos_convocados": 0,
            "gasto_educacion": 5, "gasto_educacion_anterior": 0, "educacion_empleados_participantes": 0,
            "educacion_empleados_convocados": 0, "gasto_difusion": 0, "patrocinios_recibidos": 0,
            "buen_gobierno_cumplidas": 0, "buen_gobierno_establecidas": 0, "gasto_comunidad": 0,
            "gasto_medio_ambiente": 0, "proveedores_locales_numero": 0, "proveedores_totales_numero": 0,
            "contribuciones_integracion": 0, "economias_escala_valor": 0, "costo_sin_alianzas": 0,
            "obligaciones_sector_solidario": 0, "inversiones_sector_solidario_valor": 0,
        })


def _vacio(carpeta: Path) -> Entidad:
    """Almost nothing: one associate, no assembly type, no key typed."""
    return Entidad(carpeta, asociados=[asociado("1")])


def _delegados(carpeta: Path) -> Entidad:
    """Delegates' assembly (its own file), typed assembly keys, a catálogo in thousands that lists only the
    most detailed accounts (contra accounts subtracted) and stops at 230000 without detail, a revalorización
    file, one reference rate, the previous period's social funds typed."""
    asociados = [asociado("1", genero="2", nacimiento=D(1995, 1, 1)), asociado("2"),
                 asociado("3", genero="2", retiro=D(2025, 5, 1)), asociado("4", nacimiento=None),
                 asociado("5", genero="2", ingreso=D(2025, 8, 1), nacimiento=D(1960, 1, 1))]
    asamblea = [{"tipo_documento": "C", "documento": d, "delegado": "1", "asistio": s}
                for d, s in (("1", "1"), ("2", "1"), ("3", "1"), ("4", "1"), ("9", "1"), ("5", "0"))]
    catalogo = [cuenta("110505", 400), cuenta("141105", 700), cuenta("146805", 50, "DETERIORO (CR)"),
                cuenta("146810", -20, "DETERIORO GENERAL (CR)"), cuenta("149805", 30), cuenta("230000", 300),
                cuenta("122602", 7), cuenta("122605", 3), cuenta("510505", 900), cuenta("530505", 100),
                cuenta("410505", 1200), cuenta("311010", 25), cuenta("330505", 5)]
    revalorizacion = [{"tipo_documento": "C", "documento": "1", "saldo_base": 1_000_000, "porcentaje": 5.0,
                       "valor_revalorizado": 50_000},
                      {"tipo_documento": "C", "documento": "3", "saldo_base": 1_000_000, "porcentaje": 5.0,
                       "valor_revalorizado": 50_000}]
    return Entidad(
        carpeta, asociados=asociados, asamblea=asamblea, catalogo=catalogo, revalorizacion=revalorizacion,
        cartera=[credito("1", "A", saldo=100, tasa=10.0), credito("2", "B", saldo=100, codigo="146105"),
                 credito("4", "C", saldo=100, monto=100, desembolso=D(2025, 9, 9))],
        aportes=[aporte("1", saldo=1_000), aporte("2", saldo=3_000), aporte("5", saldo=500)],
        captaciones=[captacion("1", saldo=10), captacion("2", saldo=10), captacion("4", saldo=10),
                     captacion("5", saldo=10), captacion("6", saldo=60)],
        beneficios=[beneficio("1", "auxilio", 5_000), beneficio("5", "educacion", 3_000, fondo="educacion")],
        complementarios={"asamblea_tipo": "delegados", "asamblea_integrantes": 10, "asamblea_mujeres": 4,
                         "votacion_votantes": 30, "votacion_habiles": 45, "delegados_asistentes": 9,
                         "delegados_habiles": 10, "fondos_ejecucion_anterior": 6_000,
                         "fondos_beneficiados_anterior": 3, "asociados_educacion": 2,
                         "obligaciones_sector_solidario": 150, "creditos_comunitarios_valor": 50,
                         "gasto_educacion": 10, "gasto_comunidad": 20},
        tasas={"consumo": 15.0}, parametros={"unidad_cuif": 1000})


def _empates(carpeta: Path) -> Entidad:
    """Concentration with ties and several loans per person; duplicated loan numbers; debtors who are not
    associates. (Without an asociados file at all, calcular_balance fails in Dataset.vigentes: reported.)"""
    cartera = [credito(str(i), f"P{i}", saldo=s) for i, s in enumerate((100, 100, 100, 100, 50, 50), start=1)]
    cartera += [credito("1", "P1", saldo=0), credito("7", "P7", saldo=33.33), credito("7", "P7b", saldo=16.67),
                credito("8", "", saldo=0, desembolso=D(2025, 4, 4)), credito("8", "", saldo=0)]
    captaciones = [captacion(str(i), saldo=10) for i in range(1, 6)] + [captacion("1", saldo=0)]
    return Entidad(carpeta, asociados=[asociado("1"), asociado("2", genero="2")], cartera=cartera,
                   captaciones=captaciones,
                   complementarios={"asamblea_tipo": "asociados", "satisfaccion_porcentaje": 0})


def _sin_asociados(carpeta: Path) -> Entidad:
    """No asociados file: the indicators that need it are sin_datos."""
    return Entidad(carpeta, cartera=[credito("1", "A")], captaciones=[captacion("1")],
                   catalogo=[cuenta("100000", 100)], complementarios={"asamblea_tipo": "asociados"})


ENTIDADES = {"completo": _completo, "ceros": _ceros, "vacio": _vacio, "delegados": _delegados,
             "empates": _empates, "sin_asociados": _sin_asociados}


# --- comparing a recalculated workbook with the Python engine ------------------------------------

def _estado_excel(valor: object) -> tuple[str, float | None]:
    if isinstance(valor, str) and valor in ESTADOS:
        return ESTADOS[valor], None
    if isinstance(valor, int | float) and not isinstance(valor, bool):
        return "ok", float(valor)
    return f"inesperado: {valor!r}", None


def resultados_python(ds) -> dict[str, object]:
    """calcular_balance(ds) by id; without an asociados file the balance fails in Dataset.vigentes (the
    beneficio solidario reads it), so each indicator is computed alone, as the balance does."""
    if ds.asociados is not None:
        return {f.id: f.resultado for f in calcular_balance(ds).filas}
    return {ind.id: ind.calcular(ds) for ind in todos()}


def diferencias(ds, valores: dict[str, object]) -> list[str]:
    """Every indicator whose BS_<id> differs from the Python engine in state or value."""
    fallas = []
    for id_, r in resultados_python(ds).items():
        estado, valor = _estado_excel(valores.get(R.nombre_indicador(id_)))
        if estado != r.estado:
            fallas.append(f"{id_}: libro {estado}, Python {r.estado}")
        elif estado == "ok" and not math.isclose(valor, r.valor, rel_tol=TOLERANCIA, abs_tol=1e-12):
            fallas.append(f"{id_}: libro {valor!r}, Python {r.valor!r}")
    return fallas


@pytest.fixture(scope="module")
def casos(tmp_path_factory: pytest.TempPathFactory):
    base = tmp_path_factory.mktemp("indicadores")
    salida = {}
    for nombre, fabrica in ENTIDADES.items():
        ds, _ = fabrica(base / nombre).cargar()
        libro = escribir_libro(ds, base / f"{nombre}.xlsx")
        salida[nombre] = (ds, libro.ruta)
    return salida


@pytest.fixture(scope="module")
def valores_libreoffice(casos):
    if SOFFICE is None:
        pytest.skip("LibreOffice (soffice) no está instalado")
    rutas = [ruta for _, ruta in casos.values()]
    return dict(zip(casos, recalculo.recalcular_varios_con_libreoffice(rutas), strict=True))


def test_los_casos_cubren_todos_los_estados(casos) -> None:
    vistos: dict[str, set[str]] = {}
    for ds, _ in casos.values():
        for id_, r in resultados_python(ds).items():
            vistos.setdefault(id_, set()).add(r.estado)
    for ind in todos():
        esperados = {"ok", "sin_datos"}
        if ind.id != "satisfaccion_asociados":
            esperados.add("denominador_cero")
        if ind.id == "participacion_votacion_delegados":
            esperados.add("no_aplica")
        assert esperados <= vistos[ind.id], (ind.id, vistos[ind.id])


@sin_libreoffice
@pytest.mark.parametrize("nombre", list(ENTIDADES))
def test_indicadores_en_libreoffice(casos, valores_libreoffice, nombre) -> None:
    ds, _ = casos[nombre]
    assert diferencias(ds, valores_libreoffice[nombre]) == []


@pytest.mark.parametrize("nombre", list(ENTIDADES))
def test_indicadores_en_formulas(casos, nombre) -> None:
    ds, ruta = casos[nombre]
    assert diferencias(ds, recalculo.recalcular_con_formulas(ruta)) == []


@sin_libreoffice
def test_demo_incluida_en_libreoffice(tmp_path) -> None:
    from coopxl.demo.incluido import CARPETA_INCLUIDA

    ds, _ = cargar_dataset(Path(CARPETA_INCLUIDA))
    libro = escribir_libro(ds, tmp_path / "demo.xlsx")
    valores = recalculo.recalcular_con_libreoffice(libro.ruta)
    assert diferencias(ds, valores) == []
    assert sum(1 for f in calcular_balance(ds).filas if f.resultado.estado == "ok") >= 30


# --- liveness: edit the workbook, recalculate, compare with the engine on the same changed data --------

def _editar(ruta: Path, destino: Path, libro_refs: R.Referencias, ent: Entidad) -> None:
    """Add a loan row, set a fechaRetiro, blank a complementarios cell (openpyxl, formulas kept)."""
    wb = openpyxl.load_workbook(ruta)
    # 1. a new loan below the data, with its helper formulas copied from the row above
    ws = wb[R.HOJAS["cartera"]]
    plan = libro_refs.plan("cartera")
    nueva = plan.ultima_con_datos + 1
    modelo = plan.ultima_con_datos
    prestamo = credito("104", "PNUEVO", codigo="141105", desembolso=D(2025, 9, 15), monto=1_200_000,
                       saldo=1_100_000, mora=45, tasa=14.0)
    for nombre, col in plan.columnas.items():
        celda = ws[f"{col.letra}{nueva}"]
        if col.auxiliar:
            formula = ws[f"{col.letra}{modelo}"].value
            celda.value = _mover_fila(formula, modelo, nueva)
        elif nombre in prestamo:
            v = prestamo[nombre]
            celda.value = dt.datetime.combine(v, dt.time()) if isinstance(v, dt.date) else v
    ent.cartera.append(prestamo)
    # 2. a fechaRetiro for associate 115 inside P
    wa = wb[R.HOJAS["asociados"]]
    fila = next(R.PRIMERA_FILA + i for i, x in enumerate(ent.asociados) if x["documento"] == "115")
    wa[f"{libro_refs.columna('asociados', 'fecha_retiro').letra}{fila}"].value = dt.datetime(2025, 8, 31)
    next(x for x in ent.asociados if x["documento"] == "115")["fecha_retiro"] = D(2025, 8, 31)
    # 3. a complementarios cell blanked
    wc = wb[R.HOJA_COMPLEMENTARIOS]
    for fila_c in wc.iter_rows(min_row=1):
        if fila_c[0].value == "votantes_potenciales":
            fila_c[2].value = None
    ent.complementarios.pop("votantes_potenciales")
    wb.save(destino)


def _mover_fila(formula: str, desde: int, hasta: int) -> str:
    """The helper formula of row `desde` written for row `hasta` (relative rows: $X5 and $X$1:$X4)."""
    from openpyxl.formula.translate import Translator

    return Translator(formula, origin=f"A{desde}").translate_formula(f"A{hasta}")


@pytest.fixture(scope="module")
def editado(tmp_path_factory: pytest.TempPathFactory):
    base = tmp_path_factory.mktemp("vivo")
    ent = _completo(base / "antes")
    ds, _ = ent.cargar()
    libro = escribir_libro(ds, base / "antes.xlsx")
    destino = base / "despues.xlsx"
    _editar(libro.ruta, destino, libro.referencias, ent)
    ent.carpeta = base / "despues"
    ds_despues, _ = ent.cargar()
    return ds, ds_despues, destino


def test_la_edicion_cambia_resultados(editado) -> None:
    antes, despues, _ = editado
    a = {f.id: f.resultado for f in calcular_balance(antes).filas}
    d = {f.id: f.resultado for f in calcular_balance(despues).filas}
    cambian = {i for i in a if (a[i].estado, a[i].valor) != (d[i].estado, d[i].valor)}
    assert {"diversidad_democratica", "concentracion_creditos", "crecimiento_neto_asociados_habiles",
            "inclusion_financiera"} <= cambian


@sin_libreoffice
def test_libro_vivo_en_libreoffice(editado) -> None:
    _, despues, ruta = editado
    assert diferencias(despues, recalculo.recalcular_con_libreoffice(ruta)) == []


def test_libro_vivo_en_formulas(editado) -> None:
    _, despues, ruta = editado
    assert diferencias(despues, recalculo.recalcular_con_formulas(ruta)) == []


# --- the sheet and the registry ------------------------------------------------------------------

def test_todas_las_formulas_del_libro_son_portables(casos) -> None:
    for nombre, (_, ruta) in casos.items():
        wb = openpyxl.load_workbook(ruta)
        problemas = []
        for ws in wb.worksheets:
            for fila in ws.iter_rows():
                for c in fila:
                    if c.data_type == "f":
                        problemas += [f"{ws.title}!{c.coordinate}: {p}" for p in F.revisar_formula(str(c.value))]
        for n, definido in wb.defined_names.items():
            problemas += [f"{n}: {p}" for p in F.revisar_formula("=" + definido.attr_text)]
        assert problemas == [], nombre


def test_hoja_indicadores_nombra_cada_resultado(casos) -> None:
    _, ruta = casos["completo"]
    wb = openpyxl.load_workbook(ruta)
    nombres = dict(wb.defined_names.items())
    ws = wb[R.HOJA_INDICADORES]
    primeras: dict[str, int] = {}
    for i, (_, id_) in enumerate(FILAS_SES, start=2):
        assert ws.cell(i, 2).value == id_
        assert str(ws.cell(i, COLUMNA_RESULTADO).value).startswith("=")
        primeras.setdefault(id_, i)
    for id_, fila in primeras.items():
        destino = nombres[R.nombre_indicador(id_)].attr_text
        assert destino == F.celda(COLUMNA_RESULTADO, fila, R.HOJA_INDICADORES)


def test_cada_indicador_tiene_su_formula(casos) -> None:
    ds, _ = casos["completo"]
    formulas = formulas_indicadores(planificar(ds))
    assert set(formulas) == {i.id for i in todos()}
    assert all(isinstance(fx, FormulasIndicador) for fx in formulas.values())


def test_el_registro_rechaza_un_indicador_sin_excel() -> None:
    with pytest.raises(RegistroInvalido, match="Excel"):
        indicador("indicador_de_prueba", entradas=("asociados",))(lambda ds: None)


def test_la_entidad_de_empates_tiene_empates(casos) -> None:
    ds, _ = casos["empates"]
    assert sorted(ds.deudores.round(2)) == [50, 50, 50, 100, 100, 100, 100]
