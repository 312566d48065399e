"""The Excel UDFs called as plain Python with what xlwings would pass: the sheets' used ranges as 2-D lists."""

from __future__ import annotations

import csv
import datetime as dt
from pathlib import Path

import pandas as pd
import pytest
from python_calamine import CalamineWorkbook

from coopxl.balance import calcular_balance
from coopxl.beneficios import calcular_beneficios
from coopxl.dataset import cargar_dataset
from coopxl.demo import generar_demo
from udfs import coopxl_udfs as u

INCLUIDO = Path(__file__).resolve().parents[1] / "src" / "coopxl" / "demo" / "incluido"


def _como_xlwings(v: object) -> object:
    """A calamine cell as xlwings gives it: None when empty, numbers as float."""
    if v == "":
        return None
    if isinstance(v, int) and not isinstance(v, bool):
        return float(v)
    if isinstance(v, dt.date) and not isinstance(v, dt.datetime):
        return dt.datetime(v.year, v.month, v.day)
    return v


def _leer_csv(ruta: Path) -> list[list[object]]:
    datos = ruta.read_bytes()
    try:
        texto = datos.decode("utf-8-sig")
    except UnicodeDecodeError:
        texto = datos.decode("cp1252")
    return [[c if c != "" else None for c in fila] for fila in csv.reader(texto.splitlines(), delimiter=";")]


def hojas_de_carpeta(carpeta: Path) -> dict[str, list[list[object]]]:
    hojas: dict[str, list[list[object]]] = {}
    for ruta in sorted(carpeta.iterdir()):
        nombre = ruta.stem.capitalize()
        if ruta.suffix == ".xlsx":
            libro = CalamineWorkbook.from_path(str(ruta))
            filas = libro.get_sheet_by_name(libro.sheet_names[0]).to_python(skip_empty_area=False)
            hojas[nombre] = [[_como_xlwings(v) for v in f] for f in filas]
        elif ruta.suffix == ".csv":
            hojas[nombre] = _leer_csv(ruta)
    return hojas


@pytest.fixture(scope="module")
def demo(tmp_path_factory):
    carpeta = tmp_path_factory.mktemp("demo_xlsx")
    generar_demo(carpeta, formato="xlsx")
    ds, lectura = cargar_dataset(carpeta)
    return hojas_de_carpeta(carpeta), ds, lectura, calcular_balance(ds)


@pytest.fixture(autouse=True)
def _cache_vacia():
    u.vaciar_cache()
    yield
    u.vaciar_cache()


def test_todos_los_indicadores_iguales_al_motor(demo):
    hojas, _, _, balance = demo
    assert len(balance.filas) == 41
    for f in balance.filas:
        r = f.resultado
        esperado = r.valor if r.estado == "ok" else f.resultado_texto
        assert u.BS_INDICADOR(f.id, None, hojas) == esperado, f.id
        assert u.BS_RESULTADO(f.id, None, hojas) == f.resultado_texto, f.id
        assert u.BS_ANALISIS(f.id, None, hojas) == f.analisis, f.id


def test_tabla_completa(demo):
    hojas, _, _, balance = demo
    t = u.BS_TABLA(None, hojas)
    assert t[0] == ["Id", "Principio", "Nombre", "Resultado", "Estado", "Análisis"]
    assert t[1:] == [[f.id, f.indicador.principio, f.indicador.nombre, f.resultado_texto, f.resultado.estado,
                      f.analisis] for f in balance.filas]


def test_beneficios_iguales_al_motor(demo):
    hojas, ds, _, _ = demo
    tabla = calcular_beneficios(ds).por_asociado
    assert len(tabla) > 3
    for persona in [*tabla.index[:3], tabla["total"].idxmax()]:
        numero = persona.partition(":")[2]
        for tipo in ("total", "credito", "ahorro", "revalorizacion", "aportes", "rentabilidad"):
            assert u.BS_BENEFICIO(float(numero), tipo, None, hojas) == tabla.at[persona, tipo], (persona, tipo)
        assert u.BS_BENEFICIO(persona, "Revalorización", None, hojas) == tabla.at[persona, "revalorizacion"]
        assert u.BS_BENEFICIO(numero, None, None, hojas) == tabla.at[persona, "total"]


def test_validar_cuenta_los_problemas_del_motor(demo):
    hojas, _, lectura, _ = demo
    assert u.BS_VALIDAR(None, None, hojas) == len(lectura.informe)
    assert u.BS_VALIDAR("errores", None, hojas) == lectura.informe.errores
    assert u.BS_VALIDAR("advertencias", None, hojas) == lectura.informe.advertencias


def test_problemas_con_hoja_fila_y_columna(demo):
    hojas, _, _, _ = demo
    aportes = [list(f) for f in hojas["Aportes"]]
    encabezado = [str(c) for c in aportes[0]]
    col = encabezado.index("Saldo Total")
    aportes[4][col] = "mucho"
    _, informe = u.dataset_desde_hojas({**hojas, "Aportes": aportes})
    malos = [p for p in informe.todos() if p.archivo == "Aportes" and p.valor == "mucho"]
    assert len(malos) == 1
    assert malos[0].fila == 5 and malos[0].columna == "Saldo Total" and malos[0].severidad == "error"
    assert u.BS_VALIDAR("errores", None, {**hojas, "Aportes": aportes}) >= 1


def test_errores_como_texto(demo):
    hojas, _, _, _ = demo
    sin_asociados = {k: v for k, v in hojas.items() if k != "Asociados"}
    assert u.BS_INDICADOR("participacion_asamblea", None, sin_asociados).startswith("coopxl: falta la hoja Asociados")
    assert u.BS_TABLA(None, sin_asociados)[0][0].startswith("coopxl: falta la hoja Asociados")
    assert u.BS_RESULTADO("x", None, hojas) == "coopxl: indicador desconocido «x»"
    assert u.BS_BENEFICIO("1", "total", None, hojas) == "coopxl: el documento «1» no es de un asociado vigente"
    assert u.BS_BENEFICIO("1", "nada", None, hojas).startswith("coopxl: tipo de beneficio desconocido «nada»")
    assert u.BS_VALIDAR("x", None, hojas).startswith("coopxl: severidad desconocida")
    assert u.BS_INDICADOR("equidad_genero_asamblea", "ayer", hojas).startswith("coopxl: fecha de corte no válida")
    assert u.BS_INDICADOR("equidad_genero_asamblea", None, None).startswith("coopxl: ")
    rota = {**hojas, "Asociados": [["nada", "que", "ver"], [1.0, 2.0, 3.0]]}
    assert u.BS_ANALISIS("equidad_genero_asamblea", None, rota).startswith("coopxl: ")


def test_cache_construye_una_vez(demo, monkeypatch):
    hojas, _, _, _ = demo
    construidos = []
    original = u.dataset_desde_hojas

    def contando(*args, **kwargs):
        construidos.append(1)
        return original(*args, **kwargs)

    monkeypatch.setattr(u, "dataset_desde_hojas", contando)
    primero = u.BS_TABLA(None, hojas)
    for f in primero[1:]:
        u.BS_INDICADOR(f[0], None, hojas)
        u.BS_RESULTADO(f[0], None, hojas)
    u.BS_VALIDAR(None, None, hojas)
    assert len(construidos) == 1
    copia = {k: [list(f) for f in v] for k, v in hojas.items()}  # same values, other lists: same key
    u.BS_TABLA(None, copia)
    assert len(construidos) == 1
    copia["Complementarios"].append(["nota", "otra"])
    u.BS_VALIDAR(None, None, copia)
    assert len(construidos) == 2


def test_corte_como_fecha_o_serie(demo):
    hojas, ds, _, balance = demo
    f = balance.filas[0]
    serie = (ds.corte - dt.date(1899, 12, 30)).days
    for corte in (dt.datetime.combine(ds.corte, dt.time()), float(serie), ds.corte.strftime("%d/%m/%Y")):
        assert u.BS_RESULTADO(f.id, corte, hojas) == f.resultado_texto


def test_hojas_por_encabezado_y_parametros(demo):
    hojas, _, _, balance = demo
    otras = {("Hoja1" if k == "Captaciones" else "Parametros" if k == "Tasas_referencia" else k): v
             for k, v in hojas.items()}
    otras["Balance"] = [["Indicador", "Valor"], ["=BS_INDICADOR(...)", None]]  # the user's own sheet
    assert u.tabla(otras)[1:] == u.tabla(hojas)[1:]
    assert u.BS_VALIDAR(None, None, otras) == u.BS_VALIDAR(None, None, hojas)
    assert u.BS_TABLA(None, otras)[1][3] == balance.filas[0].resultado_texto
    persona = u.calculo(hojas).balance.beneficios.por_asociado.index[1]
    assert u.BS_BENEFICIO(persona, "ahorro", None, otras) == u.BS_BENEFICIO(persona, "ahorro", None, hojas)
    sin_tasas = {k: v for k, v in hojas.items() if k != "Tasas_referencia"}
    assert u.BS_BENEFICIO(persona, "ahorro", None, sin_tasas) != u.BS_BENEFICIO(persona, "ahorro", None, hojas)


def test_demo_incluida_en_texto():
    """The bundled CSV demo as text cells (what a sheet pasted as text gives)."""
    hojas = {}
    for ruta in sorted(INCLUIDO.glob("*.csv")):
        df = pd.read_csv(ruta, sep=";", dtype=str, encoding="cp1252", keep_default_na=False)
        hojas[ruta.stem.capitalize()] = [list(df.columns), *df.to_numpy().tolist()]
    ds, _ = cargar_dataset(INCLUIDO)
    balance = calcular_balance(ds)
    assert [r[3] for r in u.tabla(hojas)[1:]] == [f.resultado_texto for f in balance.filas]


class _Rango:
    def __init__(self, valor: object) -> None:
        self.value = valor


class _Hoja:
    def __init__(self, nombre: str, valores: object, libro: _Libro) -> None:
        self.name, self._valores, self.book = nombre, valores, libro
        self.leidas = 0

    @property
    def used_range(self) -> _Rango:
        self.leidas += 1
        return _Rango(self._valores)


class _Libro:
    def __init__(self, hojas: dict[str, object]) -> None:
        self.sheets = [_Hoja(n, v, self) for n, v in hojas.items()]


class _Celda:
    """What xlwings passes as `caller`: a Range, with its sheet and workbook."""

    def __init__(self, libro: _Libro) -> None:
        self.sheet = libro.sheets[-1]


def test_caller_lee_las_hojas_del_libro(demo):
    hojas, _, _, balance = demo
    libro = _Libro({**hojas, "Balance": [["Indicador", "Valor"], ["participacion_asamblea", None]]})
    celda = _Celda(libro)
    f = balance.filas[5]
    assert u.BS_RESULTADO(f.id, None, celda) == f.resultado_texto
    assert u.BS_TABLA(None, celda)[1:] == u.tabla(hojas)[1:]
    assert libro.sheets[-1].leidas == 0  # the user's own sheet (with the formulas) is not read
