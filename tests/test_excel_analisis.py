"""The Análisis column of Indicadores: live formulas that write the sentence `analisis` writes.

- texto_formula: Colombian numbers built arithmetically, checked value by value against `formato` in the
  `formulas` package and LibreOffice (ties, negatives, negative zero, large amounts);
- the sentence formula of every indicator on a small table workbook (constant result, numerator and
  denominator cells): every template, growth signs, the IPC scale on both sides of its limits, the
  impossible-result warning, the principle-3 and assembly-of-associates variants;
- the generated workbooks of tests/test_excel_indicadores.py plus three entities made here (growth signs,
  the three IPC scales, an impossible ratio, a tie, pesos, decimals), recalculated by LibreOffice (also in
  a Spanish, comma-decimal locale) and by the `formulas` package: every Análisis cell must equal
  `analisis.analisis_con_advertencia` for its row;
- liveness: Complementarios cells edited in a generated workbook (keys blanked, the assembly type set)
  change the sin_datos / no_aplica sentences as the Python engine does on the same inputs.
"""

from __future__ import annotations

import dataclasses
import os
from collections.abc import Callable
from pathlib import Path

import openpyxl
import pytest
from openpyxl.workbook.defined_name import DefinedName
from openpyxl.workbook.properties import CalcProperties

from coopxl import analisis, formato
from coopxl.excel import analisis_formulas as AF
from coopxl.excel import formulas as F
from coopxl.excel import recalculo
from coopxl.excel import referencias as R
from coopxl.excel import texto_formula as T
from coopxl.excel.hojas_datos import planificar
from coopxl.excel.libro import COLUMNAS_INDICADORES, escribir_libro
from coopxl.indicadores import todos
from coopxl.indicadores.modelo import Resultado
from coopxl.indicadores.registro import obtener
from coopxl.indicadores.textos import modelo as tx
from coopxl.indicadores.textos.catalogo import FILAS_SES, TODOS
from tests.constructor import Entidad, asociado
from tests.test_excel_indicadores import ENTIDADES, SOFFICE, resultados_python, sin_libreoffice

COLUMNA_ANALISIS = F.letra(COLUMNAS_INDICADORES.index("Análisis") + 1)
LOCALE_COMA = {"LC_ALL": "es_CO.UTF-8", "LANG": "es_CO.UTF-8"}
IPC_2025 = 5.10  # parametros/smmlv_ipc.csv, the IPC of the cut year of tests/constructor.py


# --- Colombian numbers as formulas ------------------------------------------------------------------

# 1.005, 0.285, 10.075, -8.325: x * 100 falls just below the half (100.49999999999999), so a plain
# ROUND(x*100, 0) or the binary value would round them down; formato.redondear (and Excel) round them up.
VALORES = [0, 1, -1, 13, 27.665, 2.675, 0.125, -0.004, -0.005, 0.5, 2.5, -44.4, 99.995, 999, 1000, 999.995,
           1.005, 0.285, 10.075, -8.325, 1234567.891, 999999.999, 1e12 + 0.5, 123456789012345, 9876543210.5,
           -1234.5]


def _tabla_numeros(ruta: Path) -> dict[str, str]:
    """A workbook with each value in A and its formats in B.. ; the expected text of every cell."""
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.title = "Numeros"
    esperado: dict[str, str] = {}
    formatos = (
        (lambda a: T.numero(a, 2), lambda v: formato.numero(v, 2)),
        (lambda a: T.numero(a, 0), lambda v: formato.numero(v, 0)),
        (lambda a: T.pesos(a), formato.pesos),
        (lambda a: T.porcentaje(a), formato.porcentaje),
        (lambda a: T.numero(a, 2, decimales_si_fraccion=True),
         lambda v: formato.numero(v, 0 if float(v).is_integer() else 2)),
        (lambda a: T.numero(a, 1), lambda v: formato.numero(v, 1)),
    )
    for i, v in enumerate(VALORES, start=1):
        ws.cell(i, 1, v)
        for j, (formula, python) in enumerate(formatos, start=2):
            ws.cell(i, j, F.formula(formula(F.celda("A", i))))
            esperado[f"Numeros!{F.letra(j)}{i}"] = python(v)
    # fewer groups: values below 1000^2
    for i, v in enumerate((0, 5.1, 7.1, 999999.994, -12.345), start=len(VALORES) + 1):
        ws.cell(i, 1, v)
        ws.cell(i, 2, F.formula(T.porcentaje(F.celda("A", i), grupos=2)))
        esperado[f"Numeros!B{i}"] = formato.porcentaje(v)
    wb.calculation = CalcProperties(fullCalcOnLoad=True)
    wb.save(ruta)
    return esperado


def test_numeros_en_formulas(tmp_path) -> None:
    esperado = _tabla_numeros(tmp_path / "numeros.xlsx")
    valores = recalculo.recalcular_con_formulas(tmp_path / "numeros.xlsx")
    assert {k: valores.get(k) for k in esperado} == esperado


@sin_libreoffice
@pytest.mark.parametrize("entorno", [{}, LOCALE_COMA], ids=["locale_punto", "locale_coma"])
def test_numeros_en_libreoffice(tmp_path, monkeypatch, entorno) -> None:
    for k, v in entorno.items():
        monkeypatch.setenv(k, v)
    esperado = _tabla_numeros(tmp_path / "numeros.xlsx")
    valores = recalculo.recalcular_con_libreoffice(tmp_path / "numeros.xlsx")
    assert {k: valores.get(k) for k in esperado} == esperado


def test_numeros_sin_funciones_de_formato() -> None:
    for texto_formula in (T.numero("$A$1", 2), T.pesos("$A$1"), T.porcentaje("$A$1", grupos=2)):
        assert F.revisar_formula(F.formula(texto_formula)) == []
        assert "TEXT(" not in texto_formula and "FIXED(" not in texto_formula and "MOD(" not in texto_formula
    with pytest.raises(ValueError):
        T.miles("$A$1", grupos=6)


# --- choosing a text from the complementarios cells --------------------------------------------------

def _v(clave: str) -> AF.Variable:
    return AF.Variable(clave, (1.0, None), (f"HAY_{clave}", f"FALTA_{clave}"))


def test_condicion_descarta_lo_que_no_decide() -> None:
    a, b = _v("a"), _v("b")
    # only a decides (typed = index 0)
    assert AF.condicion([a, b], {(0, 0): True, (0, 1): True, (1, 0): False, (1, 1): False}) == "HAY_a"
    assert AF.condicion([a, b], {(0, 0): False, (0, 1): False, (1, 0): True, (1, 1): None}) == "FALTA_a"
    # both decide
    assert AF.condicion([a, b], {(0, 0): False, (0, 1): True, (1, 0): True, (1, 1): False}) == \
        "OR(AND(HAY_a,FALTA_b),AND(FALTA_a,HAY_b))"
    assert AF.condicion([a, b], {(0, 0): True, (0, 1): None, (1, 0): None, (1, 1): True}) == "TRUE"
    assert AF.condicion([a], {(0,): False, (1,): None}) == "FALSE"
    # the negation when shorter
    assert AF.condicion([a, b], {(0, 0): False, (0, 1): True, (1, 0): True, (1, 1): True}) == "NOT(AND(HAY_a,HAY_b))"


def test_elegir_deja_el_texto_mas_frecuente_al_final() -> None:
    a, b = _v("a"), _v("b")
    textos = {(0, 0): None, (0, 1): "falta b", (1, 0): "falta a", (1, 1): "falta a y b"}
    formula = AF.elegir([a, b], textos)
    assert formula.startswith("IF(") and formula.count("IF(") == 2
    assert AF.elegir([a], {(0,): None, (1,): None}) == F.texto(AF.FALTANTE_GENERICO)
    assert AF.elegir([a], {(0,): "x", (1,): "x"}) == '"x"'


def test_plantilla_formula() -> None:
    assert AF.plantilla_formula("El {valor} de {numerador}.", {"valor": "A1", "numerador": "B1"}) == \
        '"El "&A1&" de "&B1&"."'
    largo = "x" * 600
    assert AF.plantilla_formula(largo, {}).count("&") == 2
    with pytest.raises(KeyError):
        AF.plantilla_formula("{falta}", {})


# --- every sentence on a table workbook ---------------------------------------------------------------

@dataclasses.dataclass(frozen=True)
class Escenario:
    id: str
    principio: int
    resultado: Resultado


def _escenarios() -> list[Escenario]:
    """Every row of the SES report with a few results, and the special cases of some indicators."""
    salida = []
    for principio, id_ in FILAS_SES:
        ind = obtener(id_)
        escala = 100 if ind.es_porcentaje else 1
        for num, den, valor in ((13, 47, 13 / 47 * escala), (2.5, 1234567.891, 27.665), (1234567, 1000, 150.0),
                                (0, 9, -0.004)):
            r = Resultado("ok", num, den, valor)
            salida.append(Escenario(id_, principio, r))
        salida.append(Escenario(id_, principio, Resultado("denominador_cero", 5, 0)))
        salida.append(Escenario(id_, principio, Resultado("sin_datos", faltantes=("el archivo x", "la clave y"))))
    for valor in (-44.4, 3.0, 7.099999999999994, 7.1, 8.5, 10.1, 10.105, 10.11, 250.0):  # IPC 5,10 %
        salida.append(Escenario("crecimiento_fondos_sociales", 3, Resultado("ok", valor, 100.0, valor)))
    salida.append(Escenario("participacion_votacion_delegados", 1,
                            Resultado("no_aplica", motivo=tx.MOTIVO_ASAMBLEA_ASOCIADOS)))
    return salida


def _tabla_frases(ruta: Path, tipo_asamblea: str | None, ipc: float | None) -> dict[str, str]:
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.title = R.HOJA_INDICADORES
    otros = wb.create_sheet("Datos")
    otros["A1"] = tipo_asamblea
    otros["A2"] = ipc
    wb.defined_names[R.nombre_complementario("asamblea_tipo")] = DefinedName(
        R.nombre_complementario("asamblea_tipo"), attr_text=F.celda("A", 1, "Datos"))
    wb.defined_names[R.PA_IPC] = DefinedName(R.PA_IPC, attr_text=F.celda("A", 2, "Datos"))
    estados = {"denominador_cero": tx.RESULTADO_DENOMINADOR_CERO, "sin_datos": tx.RESULTADO_SIN_DATOS,
               "no_aplica": tx.RESULTADO_NO_APLICA}
    esperado: dict[str, str] = {}
    for fila, e in enumerate(_escenarios(), start=1):
        ind, r = obtener(e.id), e.resultado
        ws.cell(fila, 1, r.numerador)
        ws.cell(fila, 2, r.denominador)
        ws.cell(fila, 3, r.valor if r.estado == "ok" else estados[r.estado])
        sondeo = AF.Sondeo(F.texto(analisis.enumerar(list(r.faltantes))) if r.faltantes else F.texto(""),
                           F.texto(r.motivo.rstrip(".")))
        celdas = AF.Celdas(F.celda("A", fila), F.celda("B", fila), F.celda("C", fila))
        ws.cell(fila, 4, F.formula(AF.formula_analisis(ind, celdas, e.principio, sondeo)))
        if ind.id == "crecimiento_fondos_sociales" and ipc is not None and r.estado == "ok":
            r = dataclasses.replace(r, extra={"ipc": ipc})
        otra = e.principio if e.principio != ind.principio else None
        esperado[f"{R.HOJA_INDICADORES}!D{fila}"] = analisis.analisis_con_advertencia(ind, r, tipo_asamblea, otra)
    wb.calculation = CalcProperties(fullCalcOnLoad=True)
    wb.save(ruta)
    return esperado


TABLAS = {"asociados_ipc": ("asociados", IPC_2025), "delegados_sin_ipc": ("delegados", None)}


def test_la_tabla_cubre_cada_variante(tmp_path) -> None:
    frases = list(_tabla_frases(tmp_path / "a.xlsx", "asociados", IPC_2025).values()) + \
        list(_tabla_frases(tmp_path / "b.xlsx", "delegados", None).values())
    texto = "\n".join(frases)
    for parte in ("un decrecimiento del -44,40 %", "un crecimiento del 0,00 %", "escala 1", "escala 2", "escala 3",
                  "Resultado imposible", "27,67 %", "$ 1.234.568", "2,50", "1.234.567",
                  TODOS["participacion_asistencia_asamblea"].analisis_asociados.split("{")[0],
                  TODOS["equidad_genero_operaciones"].analisis_p3.split("{")[0],
                  "No se pudo calcular porque el denominador", "el archivo x y la clave y",
                  tx.MOTIVO_ASAMBLEA_ASOCIADOS):
        assert parte in texto, parte


def _comparar(esperado: dict[str, str], valores: dict[str, object]) -> list[str]:
    return [f"{k}:\n  Python: {v}\n  libro:  {valores.get(k)!r}" for k, v in esperado.items() if valores.get(k) != v]


@pytest.mark.parametrize("tabla", list(TABLAS))
def test_frases_en_formulas(tmp_path, tabla) -> None:
    esperado = _tabla_frases(tmp_path / f"{tabla}.xlsx", *TABLAS[tabla])
    assert _comparar(esperado, recalculo.recalcular_con_formulas(tmp_path / f"{tabla}.xlsx")) == []


@sin_libreoffice
@pytest.mark.parametrize("entorno", [{}, LOCALE_COMA], ids=["locale_punto", "locale_coma"])
def test_frases_en_libreoffice(tmp_path, monkeypatch, entorno) -> None:
    for k, v in entorno.items():
        monkeypatch.setenv(k, v)
    rutas, esperados = [], {}
    for tabla, (tipo, ipc) in TABLAS.items():
        rutas.append(tmp_path / f"{tabla}.xlsx")
        esperados[tabla] = _tabla_frases(rutas[-1], tipo, ipc)
    for (tabla, esperado), valores in zip(esperados.items(), recalculo.recalcular_varios_con_libreoffice(rutas),
                                          strict=True):
        assert _comparar(esperado, valores) == [], tabla


# --- generated workbooks ---------------------------------------------------------------------------------

def _variantes(carpeta: Path) -> Entidad:
    """Typed keys only: a decrease (growth indicators, IPC scale 1), an impossible ratio, a tie (27,665 %),
    decimals in a count, pesos."""
    return Entidad(carpeta, asociados=[asociado("1", genero="2"), asociado("2"), asociado("3")], complementarios={
        "asamblea_tipo": "delegados", "votacion_votantes": 2.5, "votacion_habiles": 4,
        "gasto_educacion": 80, "gasto_educacion_anterior": 100,
        "proveedores_locales_numero": 12, "proveedores_totales_numero": 10,
        "fondos_ejecucion": 1000, "fondos_beneficiados": 10, "fondos_ejecucion_anterior": 1200,
        "fondos_beneficiados_anterior": 10, "satisfaccion_porcentaje": 87.5, "transacciones_total": 7,
        "economias_escala_valor": 1234567.5, "costo_sin_alianzas": 9876543210,
        "gasto_comunidad": 10000, "gasto_medio_ambiente": 2766.5,
        "buen_gobierno_cumplidas": 3, "buen_gobierno_establecidas": 3,
    })


def _crece(ejecucion: float) -> Callable[[Path], Entidad]:
    def fabrica(carpeta: Path) -> Entidad:
        """Growth: the previous period 1000 over 10 beneficiaries, this one `ejecucion` over 10."""
        return Entidad(carpeta, asociados=[asociado("1", asistio="1"), asociado("2")], complementarios={
            "asamblea_tipo": "asociados", "fondos_ejecucion": ejecucion, "fondos_beneficiados": 10,
            "fondos_ejecucion_anterior": 1000, "fondos_beneficiados_anterior": 10,
            "gasto_educacion": ejecucion, "gasto_educacion_anterior": 1000})
    return fabrica


CASOS = {**ENTIDADES, "variantes": _variantes, "escala_2": _crece(1085), "escala_3": _crece(1500)}

# Complementarios cells edited in a generated workbook: (case, {key: new value or None for blank}).
EDICIONES = {
    "vacio_asociados": ("vacio", {"asamblea_tipo": "asociados", "votacion_votantes": 3}),
    "delegados_blancos": ("delegados", {"delegados_habiles": None, "fondos_beneficiados_anterior": None,
                                        "asamblea_mujeres": 2, "obligaciones_sector_solidario": None,
                                        "gasto_educacion": None}),
    "variantes_sin_tipo": ("variantes", {"asamblea_tipo": None, "votacion_habiles": None, "fondos_ejecucion": None,
                                         "proveedores_totales_numero": None}),
}


def _editar_complementarios(ruta: Path, destino: Path, cambios: dict[str, object]) -> None:
    wb = openpyxl.load_workbook(ruta)
    ws = wb[R.HOJA_COMPLEMENTARIOS]
    pendientes = dict(cambios)
    for fila in ws.iter_rows(min_row=1):
        if fila[0].value in pendientes:
            fila[2].value = pendientes.pop(fila[0].value)
    assert not pendientes, pendientes
    wb.save(destino)


def esperado_libro(ds) -> dict[str, str]:
    """The sentence of every row of Indicadores as the Python engine writes it."""
    resultados = resultados_python(ds)
    tipo = ds.complementarios.get("asamblea_tipo")
    tipo = tipo if isinstance(tipo, str) else None
    salida = {}
    for fila, (principio, id_) in enumerate(FILAS_SES, start=2):
        ind = obtener(id_)
        otra = principio if principio != ind.principio else None
        salida[f"{R.HOJA_INDICADORES}!{COLUMNA_ANALISIS}{fila}"] = analisis.analisis_con_advertencia(
            ind, resultados[id_], tipo, otra)
    return salida


@pytest.fixture(scope="module")
def libros(tmp_path_factory: pytest.TempPathFactory) -> dict[str, tuple[dict[str, str], Path]]:
    """name -> (expected sentences, workbook): the cases and the edited copies."""
    base = tmp_path_factory.mktemp("analisis")
    salida: dict[str, tuple[object, Path]] = {}
    for nombre, fabrica in CASOS.items():
        ds, _ = fabrica(base / nombre).cargar()
        salida[nombre] = (ds, escribir_libro(ds, base / f"{nombre}.xlsx").ruta)
    for nombre, (origen, cambios) in EDICIONES.items():
        ds, ruta = salida[origen]
        comp = {k: v for k, v in ds.complementarios.items() if k not in cambios}
        comp.update({k: v for k, v in cambios.items() if v is not None})
        _editar_complementarios(ruta, base / f"{nombre}.xlsx", cambios)
        salida[nombre] = (dataclasses.replace(ds, complementarios=comp), base / f"{nombre}.xlsx")
    return {n: (esperado_libro(ds), ruta) for n, (ds, ruta) in salida.items()}


def test_los_casos_cubren_estados_y_variantes(libros) -> None:
    frases = [f for esperado, _ in libros.values() for f in esperado.values()]
    texto = "\n".join(frases)
    for parte in (tx.MENSAJE_DENOMINADOR_CERO.split("(")[0], tx.MENSAJE_SIN_DATOS.split(":")[0],
                  tx.MENSAJE_NO_APLICA.split(":")[0], "un decrecimiento del", "un crecimiento del", "escala 1",
                  "escala 2", "escala 3", "Resultado imposible", "27,67 %", "(2,50 de 4)",
                  TODOS["participacion_asistencia_asamblea"].analisis_asociados.split("{")[0],
                  TODOS["equidad_genero_operaciones"].analisis_p3.split("{")[0]):
        assert parte in texto, parte
    # the edits change sentences, so the liveness cases can fail
    for nombre, (origen, _) in EDICIONES.items():
        assert libros[nombre][0] != libros[origen][0], nombre


def test_formulas_del_analisis_portables_y_cortas(libros) -> None:
    for nombre, (_, ruta) in libros.items():
        ws = openpyxl.load_workbook(ruta)[R.HOJA_INDICADORES]
        for fila in range(2, len(FILAS_SES) + 2):
            formula = ws[f"{COLUMNA_ANALISIS}{fila}"].value
            assert isinstance(formula, str) and formula.startswith("="), (nombre, fila)
            assert F.revisar_formula(formula) == [], (nombre, fila)
            assert len(formula) < 7_500, (nombre, fila, len(formula))


@pytest.fixture(scope="module")
def valores_libreoffice(libros):
    if SOFFICE is None:
        pytest.skip("LibreOffice (soffice) no está instalado")
    return dict(zip(libros, recalculo.recalcular_varios_con_libreoffice([r for _, r in libros.values()]),
                    strict=True))


@pytest.fixture(scope="module")
def valores_libreoffice_coma(libros, tmp_path_factory):
    """The same workbooks recalculated by LibreOffice in a comma-decimal Spanish locale, and a control cell
    that proves the locale is in effect (a number joined to text shows its decimal comma)."""
    if SOFFICE is None:
        pytest.skip("LibreOffice (soffice) no está instalado")
    control = tmp_path_factory.mktemp("control") / "control.xlsx"
    wb = openpyxl.Workbook()
    wb.active["A1"] = F.formula(F.concatenar(F.numero(1.5), F.texto("")))
    wb.save(control)
    antes = {k: os.environ.get(k) for k in LOCALE_COMA}
    os.environ.update(LOCALE_COMA)
    try:
        valores = recalculo.recalcular_varios_con_libreoffice([*(r for _, r in libros.values()), control])
    finally:
        for k, v in antes.items():
            if v is None:
                os.environ.pop(k, None)
            else:
                os.environ[k] = v
    return dict(zip([*libros, "control"], valores, strict=True))


@sin_libreoffice
@pytest.mark.parametrize("nombre", [*CASOS, *EDICIONES])
def test_analisis_en_libreoffice(libros, valores_libreoffice, nombre) -> None:
    esperado, _ = libros[nombre]
    assert _comparar(esperado, valores_libreoffice[nombre]) == []


@sin_libreoffice
def test_analisis_en_libreoffice_con_coma_decimal(libros, valores_libreoffice, valores_libreoffice_coma) -> None:
    assert valores_libreoffice_coma["control"]["Sheet!A1"] == "1,5"  # the locale took effect
    for nombre, (esperado, _) in libros.items():
        assert _comparar(esperado, valores_libreoffice_coma[nombre]) == [], nombre
        assert {k: valores_libreoffice_coma[nombre].get(k) for k in esperado} == \
            {k: valores_libreoffice[nombre].get(k) for k in esperado}, nombre


# The `formulas` package takes about a minute per generated workbook: the cases that hold every state,
# the growth signs, the impossible ratio and an edited copy.
EN_FORMULAS = ("variantes", "empates", "delegados_blancos")


@pytest.mark.parametrize("nombre", EN_FORMULAS)
def test_analisis_en_formulas(libros, nombre) -> None:
    esperado, ruta = libros[nombre]
    assert _comparar(esperado, recalculo.recalcular_con_formulas(ruta)) == []


def test_cada_indicador_tiene_su_analisis_en_el_libro(libros) -> None:
    ids = {ind.id for ind in todos()}
    _, ruta = libros["completo"]
    ws = openpyxl.load_workbook(ruta)[R.HOJA_INDICADORES]
    vistos = {ws.cell(f, 2).value for f in range(2, len(FILAS_SES) + 2) if ws[f"{COLUMNA_ANALISIS}{f}"].value}
    assert vistos == ids


def test_sondeo_sigue_las_claves(tmp_path) -> None:
    """The sin_datos text of an indicator of two keys names the blank ones, chosen by their cells."""
    ds, _ = ENTIDADES["vacio"](tmp_path / "vacio").cargar()
    ind = obtener("buen_gobierno")
    sondeo = AF.sondear(ind, ind.excel(planificar(ds)), ds)
    assert sondeo.faltante.count("IF(") == 2
    for clave in ("buen_gobierno_cumplidas", "buen_gobierno_establecidas"):
        assert R.nombre_complementario(clave) in sondeo.faltante
