"""The workbook's data sheets against the Dataset: every helper column, recalculated by LibreOffice and
by the `formulas` package, equals the Dataset's population on every row."""

from __future__ import annotations

import datetime as dt
import math
from pathlib import Path

import openpyxl
import pandas as pd
import pytest

from coopxl.complementarios import CLAVES
from coopxl.excel import formulas as F
from coopxl.excel import recalculo
from coopxl.excel import referencias as R
from coopxl.excel.hojas_datos import ACUMULADOS, AUXILIARES
from coopxl.excel.libro import LibroExistente, escribir_libro
from coopxl.sicses.layouts import TIPOS_BENEFICIO
from tests.constructor import Entidad, aporte, asociado, beneficio, captacion, credito, cuenta, directivo

D = dt.date
SOFFICE = recalculo.buscar_soffice()
ERRORES = {"#VALUE!", "#REF!", "#N/A", "#DIV/0!", "#NAME?", "#NUM!", "#NULL!", "Err:502", "Err:504",
           "Err:508"}
sin_libreoffice = pytest.mark.skipif(SOFFICE is None, reason="LibreOffice (soffice) no está instalado: "
                                     "apt-get install libreoffice-calc (o ejecute .ci/run)")


def _entidad(carpeta: Path) -> Entidad:
    a = asociado
    asociados = [
        a("100"),                                              # loan with mora 31 > 30: not hábil
        a("101", genero="2"),                                  # loan with mora 30: hábil
        a("102"),                                              # paid loan with mora 90: hábil, not activo
        a("103", genero="2", nacimiento=D(1990, 12, 31)),      # birthday on the cut: 35, joven
        a("104", nacimiento=D(1989, 12, 31)),                  # 36 on the cut: not joven
        a("105", tipo="N", genero="3", nacimiento=None, nombres="Cooperativa Amiga"),  # legal person
        a("106", retiro=D(2026, 1, 15)),                       # retired after the cut: vigente
        a("107", retiro=D(2025, 6, 30), asistio="1"),          # retired in P
        a("108", ingreso=D(2025, 3, 1), nacimiento=D(2000, 2, 29)),  # joined in P
        a("109", ingreso=D(2025, 2, 1), retiro=D(2025, 10, 1)),  # joined and retired in P
        a("110", nombres="=SUMA(A1)", apellido="+57 300"),     # text that looks like a formula
        a("111", asociado_="2"),                               # not an associate
        a("112", ingreso=D(2026, 1, 15)),                      # joins after the cut
        a("113", nacimiento=None),                             # natural person without birth date
        a("114", genero="2"),                                  # savings account with balance: activo
        a("115"),                                              # aportes payment in P: activo
        a("116", asistio="1", ingreso=D(2025, 1, 1)),          # asistente; joined on the first day of P
        a("117", ingreso=D(2024, 12, 31), retiro=D(2025, 1, 1)),  # vigente at the start, retired on day 1
        a("118"),                                              # loan disbursed in P and paid: activo
        a("119", ingreso=D(2010, 1, 1), retiro=D(2020, 5, 5)),  # first membership, retired
        a("119", ingreso=D(2022, 4, 1), genero="2"),           # rejoined: the vigente row of 119
        a("120", ingreso=D(2025, 12, 31), retiro=D(2025, 12, 31)),  # joined and retired on the cut
    ]
    cartera = [
        credito("100", "P100", mora=31, saldo=1_000_000),
        credito("101", "P101", mora=30, saldo=2_000_000, codigo="146105"),
        credito("102", "P102", mora=90, saldo=0, desembolso=D(2023, 5, 1), codigo="145505"),
        credito("118", "P118", mora=45, saldo=0, desembolso=D(2025, 1, 1), codigo="147605"),
        credito("999", "P999", mora=120, saldo=500_000, codigo="140405"),  # not an associate
        credito("105", "P105", tipo="N", codigo="146905", desembolso=D(2024, 12, 31), saldo=10),
        credito("113", "P113", codigo="149905", desembolso=D(2025, 12, 31), saldo=0, mora=0),
    ]
    captaciones = [captacion("114", tipo_ahorro="2", saldo=300_000), captacion("102", saldo=0),
                   captacion("104", tipo_ahorro="3", saldo=10)]
    aportes = [aporte("115", ultimo_pago=D(2025, 1, 1)), aporte("102", ultimo_pago=D(2024, 12, 31)),
               aporte("113", ultimo_pago=None)]
    directivos = [directivo("100"), directivo("100", "2"), directivo("103", "3", "S"), directivo("107"),
                  directivo("999"), directivo("104", "4"), directivo("119"), directivo("108", "5"),
                  directivo("108", "2")]
    return Entidad(carpeta, asociados=asociados, cartera=cartera, captaciones=captaciones, aportes=aportes,
                   directivos=directivos,
                   beneficios=[beneficio("100", "educacion", 50_000), beneficio("101", "auxilio", 20_000,
                                                                                 fecha=D(2024, 6, 1))],
                   catalogo=[cuenta("100000", 1e9), cuenta("230000", 1e8)],
                   complementarios={"entidad_nombre": "Cooperativa de Prueba", "gasto_educacion": 1_500_000,
                                    "asamblea_tipo": "asociados", "satisfaccion_porcentaje": 87.5})


@pytest.fixture(scope="module")
def caso(tmp_path_factory: pytest.TempPathFactory):
    base = tmp_path_factory.mktemp("libro")
    ds, _ = _entidad(base / "entrada").cargar()
    ruta = base / "balance.xlsx"
    libro = escribir_libro(ds, ruta)
    return ds, libro, ruta


@pytest.fixture(scope="module")
def valores_formulas(caso):
    return recalculo.recalcular_con_formulas(caso[2])


@pytest.fixture(scope="module")
def valores_libreoffice(caso):
    if SOFFICE is None:
        pytest.skip("LibreOffice (soffice) no está instalado: apt-get install libreoffice-calc")
    return recalculo.recalcular_con_libreoffice(caso[2])


# --- expected values from the Dataset ------------------------------------------------------------

def _esperado(ds, reporte: str) -> dict[str, list[object]]:
    """Per helper column, the Dataset's value of every row (0/1 for flags, None for blank)."""
    p = ds.periodo
    dias = ds.parametros.dias_mora_habil
    df = getattr(ds, reporte)
    n = len(df)

    def flags(s: pd.Series) -> list[object]:
        return [int(bool(v)) for v in s]

    if reporte == "asociados":
        primera = df["vigente"] & ~df["persona"].where(df["vigente"]).duplicated() & df["vigente"]
        return {
            "persona": list(df["persona"]),
            **{c: flags(df[c]) for c in ("vigente", "vinculado_p", "retirado_p", "vigente_inicio", "natural",
                                         "mujer", "joven", "habil", "activo_p", "asistente")},
            "edad": [None if pd.isna(v) else int(v) for v in df["edad"]],
            "antiguedad": [None if pd.isna(v) else float(v) for v in df["antiguedad"]],
            "clave_vigente": [p_ if v else None for p_, v in zip(df["persona"], df["vigente"], strict=True)],
            "primera_vigente": flags(primera),
        }
    if reporte == "cartera":
        saldo = df["saldo_capital"].fillna(0) > 0
        return {"persona": list(df["persona"]), "desembolso_p": flags(df["desembolso_p"]),
                "saldo_positivo": flags(saldo),
                "en_mora": flags(saldo & (df["edad_mora"].fillna(0) > dias)),
                "modalidad_credito": list(df["modalidad_credito"])}
    if reporte == "captaciones":
        return {"persona": list(df["persona"]), "saldo_positivo": flags(df["saldo_disponible"].fillna(0) > 0),
                "ahorro_vista_cdat": flags(df["tipo_ahorro"].isin(("1", "2")))}
    if reporte == "aportes":
        return {"persona": list(df["persona"]), "pago_p": flags(p.contiene(df["fecha_ultimo_pago"]))}
    if reporte == "beneficios":
        return {"persona": list(df["persona"]), "en_p": flags(p.contiene(df["fecha"])),
                **{t: flags(df["tipo_beneficio"] == t) for t in TIPOS_BENEFICIO}}
    if reporte == "directivos":
        dp = ds.directivos_personas.set_index("persona")
        sillas = df["organo"].isin(("1", "2", "3"))
        primera = sillas & ~df["persona"].where(sillas).duplicated() & sillas
        cuenta = primera & df["persona"].isin(dp.index)
        vig = df["persona"].isin(set(ds.vigentes["persona"]))
        salida: dict[str, list[object]] = {"persona": list(df["persona"]), "organo_directivo": flags(sillas),
                                           "primera_silla": flags(primera), "vigente": flags(vig),
                                           "cuenta": flags(cuenta)}
        vigentes = ds.vigentes.drop_duplicates("persona").set_index("persona")
        for col in ("natural", "mujer", "joven"):
            salida[col] = [int(bool(vigentes.loc[x, col])) if x in vigentes.index else None
                           for x in df["persona"]]
        salida["edad"] = [None if x not in vigentes.index or pd.isna(vigentes.loc[x, "edad"])
                          else int(vigentes.loc[x, "edad"]) for x in df["persona"]]
        salida["antiguedad"] = [float(vigentes.loc[x, "antiguedad"]) if x in vigentes.index else None
                                for x in df["persona"]]
        return salida
    return {"persona": list(df["persona"])} if n and "persona" in df else {}


def _igual(obtenido: object, esperado: object) -> bool:
    if esperado is None:
        return obtenido is None
    if isinstance(esperado, float):
        return isinstance(obtenido, int | float) and math.isclose(obtenido, esperado, rel_tol=1e-12,
                                                                  abs_tol=1e-9)
    if isinstance(esperado, int) and not isinstance(esperado, bool):
        return isinstance(obtenido, int | float) and not isinstance(obtenido, bool) and obtenido == esperado
    return obtenido == esperado


def _diferencias(ds, libro, valores) -> list[str]:
    refs = libro.referencias
    fallas: list[str] = []
    for reporte in R.HOJAS:
        if getattr(ds, reporte) is None:
            continue
        for nombre, esperados in _esperado(ds, reporte).items():
            col = refs.columna(reporte, nombre)
            for i, esperado in enumerate(esperados):
                clave = f"{col.hoja}!{col.letra}{R.PRIMERA_FILA + i}"
                if not _igual(valores.get(clave), esperado):
                    fallas.append(f"{clave} ({reporte}.{nombre}, fila {i}): {valores.get(clave)!r} != "
                                  f"{esperado!r}")
    return fallas


def test_el_caso_cubre_los_bordes(caso) -> None:
    ds = caso[0]
    a = ds.asociados.set_index("documento")
    assert not a.loc["100", "habil"] and a.loc["101", "habil"] and a.loc["102", "habil"]
    assert not a.loc["102", "activo_p"] and a.loc["118", "activo_p"]
    assert a.loc["103", "edad"] == 35 and a.loc["103", "joven"] and not a.loc["104", "joven"]
    assert not a.loc["105", "natural"] and a.loc["106", "vigente"]
    assert a.loc["109", "vinculado_p"] and a.loc["109", "retirado_p"]
    assert len(ds.directivos_personas) == 4  # 100, 103, 108, 119 (rejoined); not 107, 999, 104


def test_auxiliares_iguales_al_dataset_en_formulas(caso, valores_formulas) -> None:
    ds, libro, _ = caso
    assert _diferencias(ds, libro, valores_formulas) == []


@sin_libreoffice
def test_auxiliares_iguales_al_dataset_en_libreoffice(caso, valores_libreoffice) -> None:
    ds, libro, _ = caso
    assert _diferencias(ds, libro, valores_libreoffice) == []


# Helpers that only feed an indicator formula: tests/test_excel_indicadores.py checks them through the
# indicator results (every state, both engines), not row by row.
DE_INDICADORES = {
    "con_nacimiento", "neto_vinculado", "neto_retirado", "inicio_persona", "relevo_base", "relevo_joven", "ahorra",
    "beneficiado", "beneficiado_educacion", "volumen", "volumen_hombre", "volumen_mujer", "de_vigente",
    "apertura_p", "tasa_referencia", "beneficio_ahorro", "beneficio_credito", "primera_fila", "saldo_persona",
    "titular", "centavos", "mayores", "empates_antes", "bajo_umbral", "desembolso_cuenta", "natural_deudor",
    "mujer_deudor", "bajo_tope", "juridica", "productivo", "con_edad", "antiguedad_inferior", "en_p_anterior",
    "antes_p", "fondo_social", "educacion", "beneficiado_fondos", "beneficiado_fondos_anterior", "valida",
    "nivel", "ancestro_1", "ancestro_2", "ancestro_4", "codigo_valido", "saldo_pesos", "positivo",
    "contra_nombre", "contra", "hoja", "ambas_tasas",
}
# The sorted-sheet helpers (fin, inicio, acum_…): tests/test_excel_orden.py checks them row by row.
DE_INDICADORES |= {"fin", "inicio"} | {a.nombre for acumulados in ACUMULADOS.values() for a in acumulados}


def test_las_columnas_auxiliares_cubren_las_poblaciones(caso) -> None:
    ds = caso[0]
    for reporte in R.HOJAS:
        if getattr(ds, reporte) is None:
            continue
        probadas = set(_esperado(ds, reporte))
        auxiliares = {a.nombre for a in AUXILIARES[reporte]} - {"fila_asociado"} - DE_INDICADORES
        assert auxiliares <= probadas, (reporte, auxiliares - probadas)


def _valores_libreoffice_o_formulas(request) -> list[tuple[str, dict]]:
    motores = [("formulas", request.getfixturevalue("valores_formulas"))]
    if SOFFICE is not None:
        motores.append(("LibreOffice", request.getfixturevalue("valores_libreoffice")))
    return motores


def test_parametros(caso, request) -> None:
    ds = caso[0]
    for motor, v in _valores_libreoffice_o_formulas(request):
        assert v["PA_corte"] == openpyxl.utils.datetime.to_excel(ds.corte), motor
        assert v["PA_inicio"] == openpyxl.utils.datetime.to_excel(ds.periodo.inicio), motor
        assert v["PA_fin"] == v["PA_corte"], motor
        assert v["PA_dias_mora_habil"] == 30, motor
        assert v["PA_smmlv_anio"] == 2025 and v["PA_smmlv"] == ds.parametros.smmlv[2025], motor
        assert v["PA_ipc_anio"] == 2025 and math.isclose(v["PA_ipc"], ds.parametros.ipc[2025]), motor
        assert v["PA_unidad_cuif"] == 1, motor


def test_complementarios_vacio_no_es_cero(caso, valores_formulas) -> None:
    ds, _, ruta = caso
    wb = openpyxl.load_workbook(ruta)
    for c in CLAVES:
        hoja, ref = next(iter(wb.defined_names[R.nombre_complementario(c.clave)].destinations))
        valor = wb[hoja][ref.replace("$", "")].value
        esperado = ds.complementarios.get(c.clave)
        if esperado is None:
            assert valor is None, c.clave
        elif isinstance(esperado, dt.date):
            assert valor.date() == esperado, c.clave
        else:
            assert valor == esperado, c.clave
    assert valores_formulas["CO_gasto_educacion"] == 1_500_000
    assert valores_formulas["CO_gasto_comunidad"] is None
    assert valores_formulas["CO_satisfaccion_porcentaje"] == 87.5


def test_validaciones_de_complementarios(caso) -> None:
    wb = openpyxl.load_workbook(caso[2])
    ws = wb[R.HOJA_COMPLEMENTARIOS]
    por_celda = {}
    for dv in ws.data_validations.dataValidation:
        for rango in dv.sqref.ranges:
            for fila in range(rango.min_row, rango.max_row + 1):
                por_celda[f"C{fila}"] = dv
    for c in CLAVES:
        _, ref = next(iter(wb.defined_names[R.nombre_complementario(c.clave)].destinations))
        dv = por_celda.get(ref.replace("$", ""))
        if c.tipo == "texto":
            assert dv is None, c.clave
            continue
        assert dv is not None and dv.allow_blank, c.clave
        esperado = {"numero": ("decimal", "0", None), "porcentaje": ("decimal", "0", "100"),
                    "fecha": ("date", "1", "73051")}.get(c.tipo)
        if c.tipo == "opcion":
            assert dv.type == "list" and dv.formula1 == F.texto(",".join(c.opciones)), c.clave
        else:
            assert (dv.type, dv.formula1, dv.formula2) == esperado, c.clave


def test_textos_quedan_como_texto_y_fechas_como_fechas(caso) -> None:
    ds, libro, ruta = caso
    wb = openpyxl.load_workbook(ruta)
    ws = wb["Asociados"]
    refs = libro.referencias
    fila = R.PRIMERA_FILA + list(ds.asociados["documento"]).index("110")
    nombres = ws[f"{refs.columna('asociados', 'nombres').letra}{fila}"]
    assert nombres.value == "=SUMA(A1)" and nombres.data_type == "s"
    apellido = ws[f"{refs.columna('asociados', 'primer_apellido').letra}{fila}"]
    assert apellido.value == "+57 300" and apellido.data_type == "s"
    documento = ws[f"{refs.columna('asociados', 'documento').letra}{fila}"]
    assert documento.value == "110" and documento.data_type == "s" and documento.number_format == "@"
    ingreso = ws[f"{refs.columna('asociados', 'fecha_ingreso').letra}{fila}"]
    assert ingreso.is_date and ingreso.number_format == "dd/mm/yyyy"
    assert ingreso.value.date() == D(2015, 1, 1)
    retiro = ws[f"{refs.columna('asociados', 'fecha_retiro').letra}{fila}"]
    assert retiro.value is None
    wc = wb["Cartera"]
    monto = wc[f"{refs.columna('cartera', 'monto').letra}2"]
    assert monto.value == 5_000_000 and monto.number_format == "#,##0.00"
    codigo = wc[f"{refs.columna('cartera', 'codigo').letra}2"]
    assert codigo.value == "141105" and codigo.data_type == "s"
    # Headers are the layout's first alias, helper headers follow the file line.
    assert ws["A1"].value == "Tipo Doc" and ws.freeze_panes == "A2"


def test_nombres_definidos_acotados(caso) -> None:
    ds, libro, ruta = caso
    wb = openpyxl.load_workbook(ruta)
    nombres = dict(wb.defined_names.items())
    for reporte in R.HOJAS:
        plan = libro.referencias.plan(reporte)
        for col in plan.columnas.values():
            definido = nombres[col.nombre_definido]
            assert definido.attr_text == col.rango
            assert col.rango.endswith(f"${R.ultima_fila(plan.filas)}")
    assert nombres["AS_vigente"].attr_text.startswith("'Asociados'!$") and \
        nombres["AS_vigente"].attr_text.endswith(f"$2:${nombres['AS_vigente'].attr_text.split('$')[-2]}$"
                                                 f"{R.ultima_fila(len(ds.asociados))}")
    for n in ("PA_corte", "PA_inicio", "PA_fin", "PA_dias_mora_habil", "PA_unidad_cuif", "PA_smmlv", "PA_ipc",
              "PA_modalidad_prefijo", "PA_modalidad_nombre", "PA_tasa_valor", "PA_cuenta_total_activo",
              "CO_gasto_educacion", "CO_asamblea_tipo", "BS_asociados_activos", "CL_cuif_total_gastos",
              "PA_contra_codigo", "PA_tasa_elegida"):
        assert n in nombres, n


def test_todas_las_formulas_son_portables(caso) -> None:
    wb = openpyxl.load_workbook(caso[2])
    problemas = []
    n = 0
    for ws in wb.worksheets:
        for fila in ws.iter_rows():
            for c in fila:
                if c.data_type == "f":
                    n += 1
                    problemas += [f"{ws.title}!{c.coordinate}: {p}" for p in F.revisar_formula(str(c.value))]
    for nombre, definido in wb.defined_names.items():
        problemas += [f"{nombre}: {p}" for p in F.revisar_formula("=" + definido.attr_text)]
    assert n > 500
    assert problemas == []


def test_ningun_error_en_los_resultados(request) -> None:
    for motor, v in _valores_libreoffice_o_formulas(request):
        errores = {k: x for k, x in v.items() if x in ERRORES}
        assert errores == {}, motor


def test_el_texto_sigue_siendo_texto_tras_recalcular(caso, request) -> None:
    ds, libro, _ = caso
    refs = libro.referencias
    fila = R.PRIMERA_FILA + list(ds.asociados["documento"]).index("110")
    nombres = f"Asociados!{refs.columna('asociados', 'nombres').letra}{fila}"
    apellido = f"Asociados!{refs.columna('asociados', 'primer_apellido').letra}{fila}"
    for motor, v in _valores_libreoffice_o_formulas(request):
        assert v[nombres] == "=SUMA(A1)" and v[apellido] == "+57 300", motor


def test_no_sobrescribe_sin_forzar(caso, tmp_path) -> None:
    ds = caso[0]
    destino = tmp_path / "libro.xlsx"
    destino.write_bytes(b"anterior")
    with pytest.raises(LibroExistente):
        escribir_libro(ds, destino)
    assert destino.read_bytes() == b"anterior"
    escribir_libro(ds, destino, forzar=True)
    assert openpyxl.load_workbook(destino).sheetnames[0] == R.HOJA_PORTADA
    assert not [p for p in tmp_path.iterdir() if p.name.endswith(".tmp")]
    with pytest.raises(ValueError):
        escribir_libro(ds, tmp_path / "libro.xls")


def test_hojas_e_indicadores(caso) -> None:
    from coopxl.indicadores.textos.catalogo import FILAS_SES, TODOS

    _, libro, ruta = caso
    wb = openpyxl.load_workbook(ruta)
    assert wb.sheetnames == list(libro.hojas)
    ws = wb[R.HOJA_INDICADORES]
    filas = list(ws.iter_rows(min_row=2, values_only=True))
    assert len(filas) == len(FILAS_SES)
    for (principio, id_), fila in zip(FILAS_SES, filas, strict=True):
        assert fila[1] == id_ and fila[2] == TODOS[id_].nombre and str(fila[7]).startswith("=")
        assert fila[0].startswith(f"{principio}. ")
    assert ws.print_title_rows.replace("$", "") == "1:1"
    assert int(ws.page_setup.paperSize) == 1 and ws.sheet_properties.pageSetUpPr.fitToPage
    assert ws.page_setup.fitToWidth == 1 and ws.page_setup.fitToHeight == 0


# --- variants: delegates' assembly file, absent reports, other cuts ------------------------------

def _con_asamblea(carpeta: Path) -> Entidad:
    return Entidad(carpeta, asociados=[asociado("1", asistio="1"), asociado("2"),
                                       asociado("3", retiro=D(2025, 5, 1)), asociado("4")],
                   asamblea=[{"tipo_documento": "C", "documento": "2", "delegado": "1", "asistio": "1"},
                             {"tipo_documento": "C", "documento": "3", "delegado": "1", "asistio": "1"},
                             {"tipo_documento": "C", "documento": "4", "delegado": "1", "asistio": "0"},
                             {"tipo_documento": "C", "documento": "9", "delegado": "1", "asistio": "1"}])


CORTES = [D(2025, 12, 31), D(2024, 2, 29), D(2025, 2, 28), D(2024, 2, 28), D(2025, 6, 30)]


@pytest.fixture(scope="module")
def variantes(tmp_path_factory: pytest.TempPathFactory):
    base = tmp_path_factory.mktemp("variantes")
    casos = []
    ds, _ = _con_asamblea(base / "asamblea").cargar()
    casos.append((ds, escribir_libro(ds, base / "asamblea.xlsx")))
    for corte in CORTES:
        ent = Entidad(base / f"corte{corte:%Y%m%d}", corte=corte,
                      asociados=[asociado("1", nacimiento=D(2000, 2, 29)), asociado("2", ingreso=corte)],
                      parametros={"dias_mora_habil": 60})
        ds, _ = ent.cargar()
        casos.append((ds, escribir_libro(ds, base / f"corte{corte:%Y%m%d}.xlsx")))
    return casos


def test_variantes_en_formulas(variantes) -> None:
    for ds, libro in variantes:
        v = recalculo.recalcular_con_formulas(libro.ruta)
        assert _diferencias(ds, libro, v) == [], libro.ruta.name
        assert v["PA_inicio"] == openpyxl.utils.datetime.to_excel(ds.periodo.inicio), ds.corte


@sin_libreoffice
def test_variantes_en_libreoffice(variantes) -> None:
    todos = recalculo.recalcular_varios_con_libreoffice([libro.ruta for _, libro in variantes])
    for (ds, libro), v in zip(variantes, todos, strict=True):
        assert _diferencias(ds, libro, v) == [], libro.ruta.name
        assert v["PA_inicio"] == openpyxl.utils.datetime.to_excel(ds.periodo.inicio), ds.corte
        assert v["PA_dias_mora_habil"] == ds.parametros.dias_mora_habil == (60 if ds.asamblea is None else 30)


def test_asistentes_del_archivo_de_asamblea(variantes) -> None:
    ds, libro = variantes[0]
    assert list(ds.asociados["asistente"]) == [False, True, False, False]
    # Absent reports still get their sheet, header only, and the cover says so.
    wb = openpyxl.load_workbook(libro.ruta)
    assert wb["Cartera"].max_row == 1 and not libro.referencias.entregado("cartera")
    portada = [r for r in wb[R.HOJA_PORTADA].iter_rows(values_only=True) if r and r[0] == "Cartera"]
    assert portada and portada[-1][1] == "no entregado"
