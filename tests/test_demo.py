"""The synthetic demo cooperative: determinism, layouts, encoding, two consistent cuts, a consistent CUIF."""

from __future__ import annotations

import csv
import re
from datetime import date
from pathlib import Path

import pandas as pd
import pytest

from coopxl.complementarios import CLAVES
from coopxl.demo import generar_demo
from coopxl.demo.incluido import CARPETA_INCLUIDA
from coopxl.sicses.layouts import LAYOUTS

REFERENCIA = Path(__file__).resolve().parents[1] / "src" / "coopxl" / "demo" / "datos" / "cuif_catalogo.csv"
INFORMES = ("asociados", "aportes", "captaciones", "cartera", "directivos", "catalogo", "beneficios",
            "complementarios", "revalorizacion")
SEPTIEMBRE = date(2025, 9, 30)
DICIEMBRE = date(2025, 12, 31)
IPC_2024 = 5.20


def leer(carpeta: Path, informe: str) -> pd.DataFrame:
    """Parse a demo CSV as a user would: `;`, cp1252, every cell as text, empty cells as ""."""
    with open(carpeta / f"{informe}.csv", encoding="cp1252", newline="") as f:
        filas = list(csv.reader(f, delimiter=";"))
    encabezado, datos = filas[0], filas[1:]
    nombres = [f"{h}#{i}" if encabezado.count(h) > 1 else h for i, h in enumerate(encabezado)]
    return pd.DataFrame(datos, columns=nombres, dtype=str)


def numero(serie: pd.Series) -> pd.Series:
    return pd.to_numeric(serie.str.replace(",", ".", regex=False).replace("", None))


def fechas(serie: pd.Series) -> pd.Series:
    return pd.to_datetime(serie.replace("", None), format="%d/%m/%Y")


def encabezados_esperados(informe: str) -> list[str]:
    if informe == "complementarios":
        return ["clave", "valor"]
    todos = LAYOUTS[informe].encabezados
    return todos[:3] if informe == "catalogo" else todos


@pytest.fixture(scope="module")
def demo(tmp_path_factory: pytest.TempPathFactory) -> Path:
    carpeta = tmp_path_factory.mktemp("demo")
    generar_demo(carpeta, asociados=1500, semilla=7)
    return carpeta


@pytest.fixture(scope="module")
def dos_cortes(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Path]:
    base = tmp_path_factory.mktemp("cortes")
    generar_demo(base / "sep", asociados=1000, semilla=3, corte=SEPTIEMBRE)
    generar_demo(base / "dic", asociados=1000, semilla=3, corte=DICIEMBRE)
    return base / "sep", base / "dic"


# --- determinism -------------------------------------------------------------------------------------------

def _bytes(carpeta: Path) -> dict[str, bytes]:
    return {p.name: p.read_bytes() for p in sorted(carpeta.iterdir())}


def test_misma_semilla_mismos_bytes(tmp_path: Path) -> None:
    a = generar_demo(tmp_path / "a", asociados=300, semilla=5)
    generar_demo(tmp_path / "b", asociados=300, semilla=5)
    assert [p.name for p in a] == [f"{i}.csv" for i in INFORMES] + ["tasas_referencia.csv"]
    assert _bytes(tmp_path / "a") == _bytes(tmp_path / "b")


def test_otra_semilla_otros_datos(tmp_path: Path) -> None:
    generar_demo(tmp_path / "a", asociados=300, semilla=5)
    generar_demo(tmp_path / "b", asociados=300, semilla=6)
    a, b = _bytes(tmp_path / "a"), _bytes(tmp_path / "b")
    for informe in ("asociados", "aportes", "captaciones", "cartera", "beneficios", "catalogo"):
        assert a[f"{informe}.csv"] != b[f"{informe}.csv"]


def test_xlsx_determinista_y_legible(tmp_path: Path) -> None:
    openpyxl = pytest.importorskip("openpyxl")
    calamine = pytest.importorskip("python_calamine")
    rutas = generar_demo(tmp_path / "a", asociados=300, semilla=2, formato="xlsx")
    generar_demo(tmp_path / "b", asociados=300, semilla=2, formato="xlsx")
    assert _bytes(tmp_path / "a") == _bytes(tmp_path / "b")
    generar_demo(tmp_path / "c", asociados=300, semilla=2)
    for ruta in rutas[:-1]:
        assert ruta.suffix == ".xlsx"
        informe = ruta.stem
        hoja = openpyxl.load_workbook(ruta, read_only=True).active
        filas = list(hoja.iter_rows(values_only=True))
        assert list(filas[0]) == encabezados_esperados(informe)
        assert len(filas) - 1 == len(leer(tmp_path / "c", informe))
        libro = calamine.CalamineWorkbook.from_path(str(ruta))
        assert len(libro.get_sheet_by_index(0).to_python()) == len(filas)
    asociados = _segunda_fila(openpyxl, tmp_path / "a" / "asociados.xlsx")
    assert hasattr(asociados[5], "year")  # Fecha Ingreso is a real date
    assert isinstance(asociados[8], int)  # Asociado is a real number
    cartera = _segunda_fila(openpyxl, tmp_path / "a" / "cartera.xlsx")
    assert isinstance(cartera[13], float | int) and isinstance(cartera[16], int)


def _segunda_fila(openpyxl: object, ruta: Path) -> tuple:
    hoja = openpyxl.load_workbook(ruta, read_only=True).active  # type: ignore[attr-defined]
    return next(hoja.iter_rows(min_row=2, max_row=2, values_only=True))


# --- layouts, encoding, codes ------------------------------------------------------------------------------

@pytest.mark.parametrize("informe", INFORMES)
def test_encabezados_de_los_layouts(demo: Path, informe: str) -> None:
    primera = (demo / f"{informe}.csv").read_bytes().split(b"\r\n", 1)[0].decode("cp1252")
    assert primera.split(";") == encabezados_esperados(informe)


def test_cartera_trae_las_columnas_de_la_circular_15(demo: Path) -> None:
    encabezado = (demo / "cartera.csv").read_bytes().split(b"\r\n", 1)[0].decode("cp1252").split(";")
    assert len(encabezado) == 55
    assert encabezado.count("Fecha Apertura") == 2 and encabezado.count("Amortizacion") == 2


def test_windows_1252_con_tildes_y_enies(demo: Path) -> None:
    crudo = (demo / "asociados.csv").read_bytes()
    with pytest.raises(UnicodeDecodeError):
        crudo.decode("utf-8")
    texto = crudo.decode("cp1252")
    assert "Fecha Ingreso" in texto
    assert "ñ" in texto and re.search(r"[áéíóú]", texto)
    assert re.search(r"(Núñez|Peña|Muñoz|Ibáñez|Castañeda|Ordóñez|Zúñiga|Acuña|Patiño|Niño)", texto)
    for informe in INFORMES:
        (demo / f"{informe}.csv").read_bytes().decode("cp1252")


def test_formato_de_numeros_y_fechas(demo: Path) -> None:
    cap = leer(demo, "captaciones")
    assert cap["Tasa Efectiva"].str.fullmatch(r"\d+(,\d{1,2})?").all()
    assert cap["Saldo Disponible"].str.fullmatch(r"\d+").all()
    assert cap["Fecha Apertura"].str.fullmatch(r"\d{2}/\d{2}/\d{4}").all()
    cat = leer(demo, "catalogo")
    assert cat["Saldo"].str.fullmatch(r"-?\d+(,\d{1,2})?").all()
    assert not cat["Saldo"].str.contains(r"\.").any()


def test_codigos_dentro_de_los_layouts(demo: Path) -> None:
    for informe in INFORMES:
        if informe == "complementarios":
            continue
        tabla = leer(demo, informe)
        for i, columna in enumerate(LAYOUTS[informe].columnas[: len(tabla.columns)]):
            if columna.codigos is None:
                continue
            valores = set(tabla.iloc[:, i]) - {""}
            assert valores <= set(columna.codigos), (informe, columna.nombre, valores - set(columna.codigos))


def test_codigos_cuif_de_captaciones_y_cartera(demo: Path) -> None:
    cap = leer(demo, "captaciones")
    prefijos = {"1": "2105", "2": "2110", "3": "2125", "4": "2130"}
    assert (cap["Codigo"].str[:4] == cap["Tipo Ahorro"].map(prefijos)).all()
    assert set(cap["Tipo Ahorro"]) == {"1", "2", "3", "4"}
    sin_vencimiento = cap["Tipo Ahorro"].isin(["1", "4"])
    assert (cap.loc[sin_vencimiento, "Fecha Vencimiento"] == "").all()
    assert (cap.loc[~sin_vencimiento, "Fecha Vencimiento"] != "").all()
    cart = leer(demo, "cartera")
    permitidos = {"1404", "1405", "1411", "1412", "1441", "1442", "1448", "1454", "1455", "1461", "1462",
                  "1469", "1476"}
    assert set(cart["Codigo"].str[:4]) <= permitidos
    usados = set(cart["Codigo"].str[:4])
    assert {"1404", "1411", "1412", "1441", "1442", "1454", "1461", "1469", "1476"} <= usados
    assert cart["Pagare"].is_unique


# --- two cuts of the same entity --------------------------------------------------------------------------

def _vigentes(asociados: pd.DataFrame, corte: date) -> pd.DataFrame:
    c = pd.Timestamp(corte)
    retiro = fechas(asociados["fechaRetiro"])
    ingreso = fechas(asociados["Fecha Ingreso"])
    return asociados[(asociados["Asociado"] == "1") & (ingreso <= c) & (retiro.isna() | (retiro > c))]


def test_dos_cortes_mismas_personas(dos_cortes: tuple[Path, Path]) -> None:
    sep, dic = (leer(c, "asociados") for c in dos_cortes)
    clave = ["Tipo Doc", "Documento"]
    v_sep = _vigentes(sep, SEPTIEMBRE)
    retirados = dic[fechas(dic["fechaRetiro"]).between(pd.Timestamp(SEPTIEMBRE), pd.Timestamp(DICIEMBRE),
                                                       inclusive="right")]
    assert len(retirados) > 0
    siguen = v_sep.merge(retirados[clave], on=clave, how="left", indicator=True)
    siguen = siguen[siguen["_merge"] == "left_only"].drop(columns="_merge")
    juntos = siguen.merge(dic, on=clave, suffixes=("_sep", "_dic"))
    assert len(juntos) == len(siguen) > 0
    assert (juntos["Fecha Ingreso_sep"] == juntos["Fecha Ingreso_dic"]).all()
    assert (juntos["Nombres_sep"] == juntos["Nombres_dic"]).all()
    assert (juntos["fechaRetiro_dic"] == "").all()
    nuevos = dic[fechas(dic["Fecha Ingreso"]) > pd.Timestamp(SEPTIEMBRE)]
    assert len(nuevos) > 0
    assert not nuevos.set_index(clave).index.isin(sep.set_index(clave).index).any()
    assert (fechas(sep["Fecha Ingreso"]) <= pd.Timestamp(SEPTIEMBRE)).all()
    assert (fechas(sep["fechaRetiro"]).dropna() <= pd.Timestamp(SEPTIEMBRE)).all()


def test_dos_cortes_creditos_nuevos_solo_en_el_ultimo(dos_cortes: tuple[Path, Path]) -> None:
    sep, dic = (leer(c, "cartera") for c in dos_cortes)
    assert (fechas(sep["Fecha Apertura#5"]) <= pd.Timestamp(SEPTIEMBRE)).all()
    solo_dic = dic[~dic["Pagare"].isin(sep["Pagare"])]
    assert len(solo_dic) > 0
    assert (fechas(solo_dic["Fecha Apertura#5"]) > pd.Timestamp(SEPTIEMBRE)).all()
    comunes = sep.merge(dic, on="Pagare", suffixes=("_sep", "_dic"))
    assert len(comunes) > 0
    for col in ("Monto", "Fecha Apertura#5", "Cedula", "Tasa Efectiva"):
        assert (comunes[f"{col}_sep"] == comunes[f"{col}_dic"]).all()
    abiertos = comunes[numero(comunes["Saldo Capital_dic"]) > 0]
    assert (numero(abiertos["Saldo Capital_dic"]) <= numero(abiertos["Saldo Capital_sep"])).mean() > 0.9


def test_dos_cortes_mismos_directivos(dos_cortes: tuple[Path, Path]) -> None:
    sep, dic = (leer(c, "directivos") for c in dos_cortes)
    assert sep.equals(dic)


# --- catalogue consistency ---------------------------------------------------------------------------------

def _padre(codigo: int) -> int | None:
    if codigo % 100_000 == 0:
        return None
    if codigo % 10_000 == 0:
        return codigo // 100_000 * 100_000
    if codigo % 100 == 0:
        return codigo // 10_000 * 10_000
    return codigo // 100 * 100


def _saldos(carpeta: Path) -> tuple[dict[int, float], dict[int, str]]:
    cat = leer(carpeta, "catalogo")
    codigos = cat["Codigo"].astype(int)
    saldos = dict(zip(codigos, numero(cat["Saldo"]), strict=True))
    return saldos, dict(zip(codigos, cat["Nombre"], strict=True))


def test_catalogo_nombres_oficiales_y_todos_los_niveles(demo: Path) -> None:
    oficial = pd.read_csv(REFERENCIA, sep=";", dtype=str)
    oficial = dict(zip(oficial["codigo"].astype(int), oficial["nombre"].str.strip(), strict=True))
    saldos, nombres = _saldos(demo)
    for codigo, nombre in nombres.items():
        assert oficial[codigo] == nombre
        padre = _padre(codigo)
        assert padre is None or padre in saldos, codigo
    assert {100000, 140000, 141100, 141105}.issubset(saldos)


def test_catalogo_cada_padre_es_la_suma_de_sus_hijos(demo: Path) -> None:
    saldos, nombres = _saldos(demo)
    sumas: dict[int, float] = {}
    for codigo, saldo in saldos.items():
        padre = _padre(codigo)
        if padre is None:
            continue
        contra = nombres[codigo].rstrip().endswith("(CR)") and not nombres[padre].rstrip().endswith("(CR)")
        sumas[padre] = sumas.get(padre, 0.0) + (-saldo if contra else saldo)
    for padre, suma in sumas.items():
        assert saldos[padre] == pytest.approx(suma, abs=0.01), padre
    assert saldos[100000] == pytest.approx(saldos[200000] + saldos[300000], abs=0.01)
    assert saldos[400000] == pytest.approx(saldos[500000] + saldos[600000], abs=0.01)
    assert saldos[530000] == pytest.approx(saldos[350000], abs=0.01)
    assert any(n.endswith("(CR)") and saldos[c] > 0 for c, n in nombres.items())


def test_catalogo_cuadra_con_los_informes(demo: Path) -> None:
    saldos, _ = _saldos(demo)
    cap = leer(demo, "captaciones")
    assert saldos[210000] == pytest.approx(numero(cap["Saldo Disponible"]).sum(), abs=0.01)
    for codigo, suma in numero(cap["Saldo Disponible"]).groupby(cap["Codigo"].astype(int)).sum().items():
        assert saldos.get(codigo, 0.0) == pytest.approx(suma, abs=0.01), codigo
    cart = leer(demo, "cartera")
    for codigo, suma in numero(cart["Saldo Capital"]).groupby(cart["Codigo"].astype(int)).sum().items():
        assert saldos.get(codigo, 0.0) == pytest.approx(suma, abs=0.01), codigo
    capital = [c for c in saldos if c // 100 in {int(x) for x in cart["Codigo"].str[:4]} and c % 100]
    assert sum(saldos[c] for c in capital) == pytest.approx(numero(cart["Saldo Capital"]).sum(), abs=0.01)
    apo = leer(demo, "aportes")
    assert saldos[310500] + saldos[311000] == pytest.approx(numero(apo["Saldo Total"]).sum(), abs=0.01)
    for codigo in (311010, 320500, 330500, 331000, 340500, 230000, 230510, 230515, 230810, 230815, 120000,
                   122602, 122603, 260000, 260500, 261000, 261500, 262500, 264800, 400000, 500000, 530000,
                   511019, 523035, 426000, 350000):
        assert saldos.get(codigo, 0) > 0, codigo


# --- contents ----------------------------------------------------------------------------------------------

def test_poblacion_realista(demo: Path) -> None:
    aso = leer(demo, "asociados")
    vig = _vigentes(aso, DICIEMBRE)
    assert 1350 <= len(vig) <= 1650
    natural = vig[vig["Genero"].isin(["1", "2"])]
    assert 0.50 <= (natural["Genero"] == "2").mean() <= 0.60
    edad = (pd.Timestamp(DICIEMBRE) - fechas(natural["Nacimiento"]).dropna()).dt.days / 365.25
    assert edad.min() >= 18 and edad.max() < 86
    assert 0.18 <= (edad < 36).mean() <= 0.32
    assert (natural["Nacimiento"] == "").sum() >= 2
    juridicas = aso[aso["Tipo Doc"] == "N"]
    assert len(juridicas) > 0
    assert (juridicas["Genero"] == "3").all() and (juridicas["Nacimiento"] == "").all()
    assert juridicas["Documento"].str.fullmatch(r"\d{9}-\d").all()
    assert (aso["Asociado"] == "4").sum() > 0
    ingreso, retiro = fechas(aso["Fecha Ingreso"]), fechas(aso["fechaRetiro"])
    inicio = pd.Timestamp(2025, 1, 1)
    socios = aso["Asociado"] == "1"
    assert 0.05 <= (socios & (ingreso >= inicio)).sum() / len(vig) <= 0.12
    assert 0.03 <= (socios & (retiro >= inicio)).sum() / len(vig) <= 0.08
    assert (socios & (ingreso >= inicio) & (retiro >= inicio)).sum() > 0
    assert 1997 <= ingreso.dt.year.min() <= 2002
    assert (aso["Correo"] != "").mean() > 0.7 and (aso["Correo"] == "").any()
    assert aso["Cod Municipio"].str.fullmatch(r"\d{5}").all()
    assert aso.set_index(["Tipo Doc", "Documento"]).index.is_unique


def test_aportes_y_revalorizacion(demo: Path) -> None:
    aso, apo, rev = leer(demo, "asociados"), leer(demo, "aportes"), leer(demo, "revalorizacion")
    vig = _vigentes(aso, DICIEMBRE)
    assert sorted(apo["Documento"]) == sorted(vig["Documento"])
    total = numero(apo["Saldo Total"])
    partes = numero(apo["Saldo Aportes Ordinarios"]) + numero(apo["Saldo Aportes Extraordinarios"])
    assert (total == partes).all()
    assert (numero(apo["Valor Revalorización"]) <= IPC_2024 / 100 * total).all()
    pago = fechas(apo["Fecha Último Pago"])
    assert (pago >= pd.Timestamp(2025, 10, 1)).mean() > 0.75 and (pago < pd.Timestamp(2025, 1, 1)).any()
    juntos = rev.merge(apo, on=["Tipo Doc", "Documento"])
    assert len(juntos) == len(rev) > 0
    assert (juntos["Valor Revalorizado"] == juntos["Valor Revalorización"]).all()
    assert (numero(juntos["Porcentaje"]) <= IPC_2024).all()
    esperado = (numero(juntos["Saldo Base"]) * numero(juntos["Porcentaje"]) / 100).round()
    assert (esperado == numero(juntos["Valor Revalorizado"])).all()


def test_cartera_realista(demo: Path) -> None:
    cart = leer(demo, "cartera")
    saldo, monto, mora = numero(cart["Saldo Capital"]), numero(cart["Monto"]), numero(cart["Edad Mora"])
    desembolso = fechas(cart["Fecha Apertura#5"])
    en_periodo = desembolso >= pd.Timestamp(2025, 1, 1)
    assert ((saldo == 0) & en_periodo).any()
    assert monto.between(500_000, 150_000_000).all()
    assert 0.2 <= (monto[en_periodo] < 3 * 1_423_500).mean() <= 0.6
    assert numero(cart["Tasa Efectiva"]).between(12, 26).all()
    abiertos = mora[saldo > 0]
    assert (abiertos == 0).mean() > 0.8
    for desde, hasta in ((31, 60), (61, 90), (91, 180), (181, 10_000)):
        assert abiertos.between(desde, hasta).any(), (desde, hasta)
    aso = leer(demo, "asociados")
    deudores = cart.merge(aso, left_on=["Tipo Documento", "Cedula"], right_on=["Tipo Doc", "Documento"])
    assert len(deudores) == len(cart)
    assert (deudores["Asociado"] == "4").any() and (deudores["Tipo Doc"] == "N").any()
    assert (desembolso >= pd.Timestamp(2019, 1, 1)).mean() > 0.8


def test_captaciones_realistas(demo: Path) -> None:
    cap = leer(demo, "captaciones")
    saldo = numero(cap["Saldo Disponible"])
    assert (saldo == 0).any()
    assert cap.groupby("Documento").size().max() >= 3
    assert (cap.groupby("Documento").size() > 1).mean() > 0.2
    cdat = cap[cap["Tipo Ahorro"] == "2"]
    assert (cdat["Plazo"] != "").all() and cap["Cuenta"].is_unique
    tasa = numero(cap["Tasa Efectiva"])
    assert tasa.between(0.5, 12).all()


def test_directivos(demo: Path) -> None:
    aso, dire = leer(demo, "asociados"), leer(demo, "directivos")
    organo = dire["Organo"]
    assert ((organo == "1") & (dire["Calidad"] == "P")).sum() == 5
    assert ((organo == "1") & (dire["Calidad"] == "S")).sum() == 5
    assert ((organo == "2") & (dire["Calidad"] == "P")).sum() == 3
    assert ((organo == "2") & (dire["Calidad"] == "S")).sum() == 3
    assert 4 <= (organo == "3").sum() <= 8 and (organo == "4").sum() == 1 and (organo == "5").sum() == 1
    internos = dire[organo.isin(["1", "2", "3"])]
    vig = _vigentes(aso, DICIEMBRE)
    assert internos["Documento"].isin(vig["Documento"]).all()
    assert (internos.groupby("Documento")["Organo"].nunique() >= 2).sum() >= 2
    personas = vig[vig["Documento"].isin(internos["Documento"])]
    assert set(personas["Genero"]) == {"1", "2"}
    edad = (pd.Timestamp(DICIEMBRE) - fechas(personas["Nacimiento"])).dt.days / 365.25
    assert (edad < 36).any()


def test_beneficios(demo: Path) -> None:
    ben = leer(demo, "beneficios")
    fecha = fechas(ben["Fecha"])
    assert fecha.min() < pd.Timestamp(2024, 3, 1) and fecha.max() <= pd.Timestamp(DICIEMBRE)
    assert fecha.min() >= pd.Timestamp(2024, 1, 1)
    assert set(ben["Tipo Beneficio"]) == set(LAYOUTS["beneficios"].columna("tipo_beneficio").codigos)
    assert set(ben["Fondo"]) == set(LAYOUTS["beneficios"].columna("fondo").codigos)
    cero = numero(ben["Valor"]) == 0
    assert cero.any() and (ben.loc[cero, "Tipo Beneficio"] == "educacion").all()
    assert numero(ben["Valor"]).max() < 5_000_000


def test_complementarios(demo: Path) -> None:
    comp = leer(demo, "complementarios")
    valores = dict(zip(comp["clave"], comp["valor"], strict=True))
    assert list(comp["clave"]) == [c.clave for c in CLAVES]
    for clave in CLAVES:
        if clave.derivable:
            assert valores[clave.clave] == "", clave.clave
    assert valores["fecha_corte"] == "31/12/2025"
    assert valores["asamblea_tipo"] == "asociados"
    assert "SINTÉTICOS" in valores["entidad_nombre"]
    assert 0 <= float(valores["satisfaccion_porcentaje"].replace(",", ".")) <= 100
    assert int(valores["educacion_empleados_participantes"]) <= int(valores["educacion_empleados_convocados"])
    assert int(valores["proveedores_locales_numero"]) <= int(valores["proveedores_totales_numero"])
    assert int(valores["gasto_medio_ambiente"]) <= int(valores["gasto_comunidad"])
    assert int(valores["economias_escala_valor"]) <= int(valores["costo_sin_alianzas"])
    saldos, _ = _saldos(demo)
    gastos = saldos[500000] - saldos[530000]
    assert 0 < int(valores["gasto_educacion"]) < 0.2 * gastos
    assert int(valores["patrocinios_recibidos"]) == int(saldos[426000])


def test_tasas_de_referencia(demo: Path) -> None:
    tasas = leer(demo, "tasas_referencia")
    assert list(tasas.columns) == ["producto", "codigo", "tasa_efectiva_anual", "fuente"]
    assert set(tasas["producto"]) == {"consumo", "comercial", "microcredito", "vivienda", "productivo",
                                      "ahorro_vista", "cdat", "contractual", "permanente"}
    assert (tasas["fuente"] == "Tasa ilustrativa de la demostración, no es un dato oficial").all()


# --- arguments, bundled copy -------------------------------------------------------------------------------

@pytest.mark.parametrize(("argumentos", "mensaje"), [
    ({"asociados": 10}, "asociados"), ({"formato": "ods"}, "formato"), ({"corte": date(2010, 1, 1)}, "corte"),
    ({"semilla": -1}, "semilla"),
])
def test_argumentos_invalidos(tmp_path: Path, argumentos: dict, mensaje: str) -> None:
    with pytest.raises(ValueError, match=mensaje):
        generar_demo(tmp_path, **argumentos)


def test_demo_incluida_al_dia(tmp_path: Path) -> None:
    generar_demo(tmp_path, asociados=300, semilla=1, formato="csv", corte=DICIEMBRE)
    assert CARPETA_INCLUIDA.is_dir()
    assert _bytes(CARPETA_INCLUIDA) == _bytes(tmp_path)
