"""`coopxl actualizar`: the quarterly refresh of a generated workbook, and `coopxl balance --salida`.

Two consecutive quarter cuts of the demo cooperative (same seed, cuts 30/09/2025 and 31/12/2025). The
September workbook gets typed complementarios (one of them a formula), a typed parámetro (días de mora),
a sheet of the user's own (text, a formula over BS_ names, a text that starts with '=', merged cells, a
width, a bold cell, a chart) and a defined name; it is refreshed with the December folder. The expected
results come from the Python engine run on a folder written by hand: December's reports with the
complementarios and días de mora the workbook held (a typed value wins, a blank cell takes the folder's).
"""

from __future__ import annotations

import datetime as dt
import shutil
import zipfile
from pathlib import Path

import openpyxl
import pytest
from openpyxl.chart import BarChart, Reference
from openpyxl.comments import Comment
from openpyxl.formatting.rule import CellIsRule
from openpyxl.styles import Font, PatternFill
from openpyxl.workbook.defined_name import DefinedName
from openpyxl.worksheet.datavalidation import DataValidation
from openpyxl.worksheet.hyperlink import Hyperlink

from coopxl.cli import main
from coopxl.dataset import _documento_legible, cargar_dataset
from coopxl.demo import generar_demo
from coopxl.excel import actualizar as A
from coopxl.excel import recalculo
from coopxl.excel import referencias as R
from coopxl.excel.libro import escribir_libro
from tests.test_excel_indicadores import diferencias, resultados_python, sin_libreoffice

SEPTIEMBRE, DICIEMBRE = dt.date(2025, 9, 30), dt.date(2025, 12, 31)
TIPEADOS = {"gasto_educacion": 15_000_000, "satisfaccion_porcentaje": 91.5, "asamblea_integrantes": 40}
FORMULA_DIFUSION = "=1000000+64000"  # typed in CO_gasto_difusion: no cached value (saved by openpyxl)
DIAS_MORA = 60
MOMENTO = dt.datetime(2026, 1, 15, 8, 30, 0)


def _complementarios_csv(carpeta: Path) -> dict[str, str]:
    lineas = (carpeta / "complementarios.csv").read_bytes().decode("cp1252").splitlines()[1:]
    return dict(linea.split(";", 1) for linea in lineas if ";" in linea)


def _texto(v: object) -> str:
    return str(v).replace(".", ",") if isinstance(v, float) else str(v)


def _carpeta_esperada(destino: Path, datos: Path, valores: dict[str, str]) -> Path:
    """`datos`' reports with these complementarios and the typed días de mora."""
    shutil.copytree(datos, destino)
    texto = "clave;valor\r\n" + "".join(f"{k};{v}\r\n" for k, v in valores.items())
    (destino / "complementarios.csv").write_bytes(texto.encode("cp1252"))
    (destino / "generales.csv").write_text(f"clave;valor\ndias_mora_habil;{DIAS_MORA}\n", encoding="utf-8")
    return destino


def _escribir_a_mano(ruta: Path) -> None:
    """What a user does in Excel: type inputs, add a sheet, a chart and a name."""
    wb = openpyxl.load_workbook(ruta)
    for clave, valor in TIPEADOS.items():
        hoja, celda = next(wb.defined_names[R.nombre_complementario(clave)].destinations)
        wb[hoja][celda.replace("$", "")] = valor
    hoja, celda = next(wb.defined_names[R.nombre_complementario("gasto_difusion")].destinations)
    wb[hoja][celda.replace("$", "")] = FORMULA_DIFUSION
    hoja, celda = next(wb.defined_names[R.PA_DIAS_MORA_HABIL].destinations)
    wb[hoja][celda.replace("$", "")] = DIAS_MORA
    ws = wb.create_sheet("Notas", 1)
    ws["A1"] = "Notas del contador"
    ws["A1"].font = Font(bold=True)
    ws["B2"] = f"={R.nombre_indicador('cultura_ahorro')}*2"
    ws["C3"] = "=no es una fórmula"
    ws["C3"].data_type = "s"
    ws["A5"] = "Celdas combinadas"
    ws.merge_cells("A5:C5")
    ws.column_dimensions["A"].width = 30
    for fila, valor in enumerate((3, 5, 8), start=7):
        ws.cell(fila, 1, valor)
    ws["A7"].comment = Comment("revisar con el tesorero", "contador")
    ws["D12"] = "Supersolidaria"
    ws["D12"].hyperlink = "https://www.supersolidaria.gov.co"
    ws["D13"] = "Ir a los indicadores"
    ws["D13"].hyperlink = Hyperlink(ref="D13", location="Indicadores!A1")
    lista = DataValidation(type="list", formula1='"si,no"')
    lista.add("B7:B9")
    ws.add_data_validation(lista)
    ws.conditional_formatting.add("A7:A9", CellIsRule(operator="greaterThan", formula=["4"],
                                                      fill=PatternFill("solid", fgColor="FFC7CE")))
    grafico = BarChart()
    grafico.add_data(Reference(ws, min_col=1, min_row=7, max_row=9))
    ws.add_chart(grafico, "E7")
    wb.defined_names.add(DefinedName("MiCelda", attr_text="Notas!$A$1"))
    wb.save(ruta)


@pytest.fixture(scope="module")
def refresco(tmp_path_factory: pytest.TempPathFactory):
    base = tmp_path_factory.mktemp("actualizar")
    sep, dic = base / "sep", base / "dic"
    generar_demo(sep, corte=SEPTIEMBRE)
    generar_demo(dic, corte=DICIEMBRE)
    ds_sep, _ = cargar_dataset(sep)
    libro = escribir_libro(ds_sep, base / "libro" / "balance.xlsx").ruta
    _escribir_a_mano(libro)
    antes_bytes = libro.read_bytes()
    a = A.actualizar_libro(libro, dic, momento=MOMENTO)
    # The folders the engine should see: December (the new cut) and September (the old results).
    c_sep, c_dic = _complementarios_csv(sep), _complementarios_csv(dic)
    libro_sep = {**c_sep, **{k: _texto(v) for k, v in TIPEADOS.items()}, "gasto_difusion": ""}
    esperado = {k: (c_dic[k] if k == "fecha_corte" or not libro_sep.get(k) else libro_sep[k]) for k in c_dic}
    ds_esperado, _ = cargar_dataset(_carpeta_esperada(base / "esperado", dic, esperado))
    ds_anterior, _ = cargar_dataset(_carpeta_esperada(base / "anterior", sep, libro_sep))
    return {"base": base, "libro": libro, "antes": antes_bytes, "a": a, "ds": ds_esperado,
            "ds_anterior": ds_anterior, "dic": dic, "sep": sep}


def test_conserva_lo_escrito_y_la_hoja_propia(refresco) -> None:
    wb = openpyxl.load_workbook(refresco["libro"])
    for clave, valor in TIPEADOS.items():
        hoja, celda = next(wb.defined_names[R.nombre_complementario(clave)].destinations)
        assert wb[hoja][celda.replace("$", "")].value == valor
    hoja, celda = next(wb.defined_names[R.PA_DIAS_MORA_HABIL].destinations)
    assert wb[hoja][celda.replace("$", "")].value == DIAS_MORA
    hoja, celda = next(wb.defined_names[R.PA_CORTE].destinations)
    assert wb[hoja][celda.replace("$", "")].value.date() == DICIEMBRE
    assert wb.sheetnames[1] == "Notas"  # where the user had put it
    ws = wb["Notas"]
    assert ws["A1"].value == "Notas del contador" and ws["A1"].font.bold
    assert ws["B2"].value == "=BS_cultura_ahorro*2" and ws["B2"].data_type == "f"
    assert ws["C3"].value == "=no es una fórmula" and ws["C3"].data_type == "s"
    assert "A5:C5" in {str(r) for r in ws.merged_cells.ranges}
    assert ws.column_dimensions["A"].width == 30
    assert [ws.cell(f, 1).value for f in (7, 8, 9)] == [3, 5, 8]
    assert ws["A7"].comment.text == "revisar con el tesorero"
    assert ws["D12"].hyperlink.target == "https://www.supersolidaria.gov.co"
    assert ws["D13"].hyperlink.location == "Indicadores!A1"
    assert [(str(d.sqref), d.formula1) for d in ws.data_validations.dataValidation] == [("B7:B9", '"si,no"')]
    assert [str(cf.sqref) for cf in ws.conditional_formatting] == ["A7:A9"]
    assert "MiCelda" in wb.defined_names
    assert refresco["a"].hojas_usuario == ("Notas",)


def test_respaldo_igual_al_libro_anterior(refresco) -> None:
    a = refresco["a"]
    assert a.respaldo == refresco["libro"].with_name("balance.respaldo-20260115-083000.xlsx")
    assert a.respaldo.read_bytes() == refresco["antes"]
    assert refresco["libro"].read_bytes() != refresco["antes"]
    assert A.ruta_respaldo(refresco["libro"], MOMENTO).name == "balance.respaldo-20260115-083000-2.xlsx"


def test_el_motor_ve_lo_escrito_en_el_libro(refresco) -> None:
    """The refreshed Dataset gives what the engine gives on the hand-written folder."""
    a, ds = refresco["a"], refresco["ds"]
    assert a.ds.corte == DICIEMBRE and a.ds.parametros.dias_mora_habil == DIAS_MORA
    assert a.ds.complementarios == ds.complementarios
    nuevos, esperados = resultados_python(a.ds), resultados_python(ds)
    assert {k: (r.estado, r.valor) for k, r in nuevos.items()} == {k: (r.estado, r.valor) for k, r in esperados.items()}


def test_resumen_de_cambios(refresco) -> None:
    a, ds, anterior = refresco["a"], refresco["ds"], refresco["ds_anterior"]
    previos, actuales = set(anterior.vigentes["persona"]), set(ds.vigentes["persona"])
    assert a.entran == tuple(_documento_legible(p) for p in sorted(actuales - previos)) and a.entran
    assert a.salen == tuple(_documento_legible(p) for p in sorted(previos - actuales)) and a.salen
    assert a.vigentes_antes == len(previos) and a.vigentes_ahora == len(actuales)
    antes, ahora = resultados_python(anterior), resultados_python(ds)
    movidos = {k for k in ahora if A.se_movio(antes[k], ahora[k])}
    assert {c.indicador.id for c in a.cambios} == movidos and movidos
    assert "satisfaccion_asociados" not in movidos  # typed once, the same in both cuts
    for c in a.cambios:
        assert (c.antes.estado, c.antes.valor) == (antes[c.indicador.id].estado, antes[c.indicador.id].valor)
    assert a.origen_anteriores == "calculados con las hojas de datos del libro anterior"
    texto = A.texto_actualizacion(a)
    assert "Entran: " + a.entran[0] in texto and "Salen: " + a.salen[0] in texto
    assert "Respaldo del libro anterior" in texto and "30/09/2025 -> 31/12/2025" in texto
    assert any(t.startswith("Gasto en educación") and "se conserva 15.000.000 del libro" in t for t in a.conservados)
    assert any(FORMULA_DIFUSION in t and "sin valor calculado" in t for t in a.avisos)


def test_aviso_de_dibujos(refresco) -> None:
    avisos = refresco["a"].avisos
    assert any("«Notas»" in t and "1 gráfico" in t for t in avisos), avisos
    # charts on coopxl's own sheets are coopxl's: no warning for them
    assert not any("«BeneficioSolidario»" in t for t in avisos)


def test_objetos_de_dibujo_por_clase() -> None:
    xdr = "http://schemas.openxmlformats.org/drawingml/2006/spreadsheetDrawing"
    xml = (f'<xdr:wsDr xmlns:xdr="{xdr}"><xdr:twoCellAnchor><xdr:pic/></xdr:twoCellAnchor>'
           '<xdr:oneCellAnchor><xdr:sp><xdr:nvSpPr><xdr:cNvSpPr txBox="1"/></xdr:nvSpPr></xdr:sp></xdr:oneCellAnchor>'
           '<xdr:twoCellAnchor><xdr:sp><xdr:nvSpPr><xdr:cNvSpPr/></xdr:nvSpPr></xdr:sp></xdr:twoCellAnchor>'
           '<xdr:twoCellAnchor><xdr:grpSp/></xdr:twoCellAnchor></xdr:wsDr>').encode()
    assert A.objetos_de_dibujo(xml) == {"imagen": 1, "cuadro de texto": 1, "forma": 1, "grupo de formas": 1}


def test_aviso_de_minigraficos_y_macros(refresco, tmp_path) -> None:
    origen, destino = refresco["a"].respaldo, tmp_path / "con_extras.xlsx"
    with zipfile.ZipFile(origen) as z, zipfile.ZipFile(destino, "w") as salida:
        for info in z.infolist():
            datos = z.read(info)
            if info.filename == "xl/worksheets/sheet2.xml":
                datos = datos.replace(b"</worksheet>", b"<extLst><ext><x14:sparklineGroups xmlns:x14=\"x\"/></ext>"
                                                       b"</extLst></worksheet>")
            salida.writestr(info, datos)
        salida.writestr("xl/vbaProject.bin", b"")
    avisos = A.contenido_no_conservable(destino, ("Notas",))
    assert any("«Notas»" in t and "minigráficos" in t for t in avisos), avisos
    assert any("macros" in t for t in avisos)


@sin_libreoffice
def test_libro_actualizado_en_libreoffice_y_de_nuevo_desde_valores_guardados(refresco) -> None:
    """LibreOffice recalculates the refreshed workbook to the engine's results for December with the typed
    inputs; that file, now saved by a spreadsheet (cached values), refreshes again with nothing moved."""
    base = refresco["base"]
    convertido = recalculo.convertir_con_libreoffice([refresco["libro"]], base / "recalculado")[0]
    valores = recalculo.leer_valores(convertido, refresco["libro"])
    assert diferencias(refresco["ds"], valores) == []
    cultura = valores[R.nombre_indicador("cultura_ahorro")]
    assert valores["Notas!B2"] == pytest.approx(2 * cultura, rel=1e-12)
    assert valores[R.nombre_complementario("gasto_educacion")] == TIPEADOS["gasto_educacion"]
    otra = base / "otra" / "balance.xlsx"
    otra.parent.mkdir()
    shutil.copy(convertido, otra)
    b = A.actualizar_libro(otra, refresco["dic"], momento=MOMENTO)
    assert b.origen_anteriores == "valores guardados en el libro"
    assert b.cambios == () and b.entran == () and b.salen == ()
    assert b.hojas_usuario == ("Notas",)
    assert not any("«Notas»" in t for t in b.avisos)  # the chart was not carried over, said the first time


def test_rechaza_un_libro_que_no_es_de_coopxl(tmp_path, capsys) -> None:
    ajeno = tmp_path / "ajeno.xlsx"
    wb = openpyxl.Workbook()
    wb.active["A1"] = "mis cuentas"
    wb.save(ajeno)
    antes = ajeno.read_bytes()
    with pytest.raises(A.LibroNoCoopxl, match="no es un libro generado por coopxl"):
        A.leer_libro(ajeno)
    carpeta = tmp_path / "dic"
    generar_demo(carpeta, corte=DICIEMBRE)
    assert main(["actualizar", str(ajeno), str(carpeta)]) == 2
    assert "no es un libro generado por coopxl" in capsys.readouterr().err
    assert ajeno.read_bytes() == antes and list(tmp_path.glob("*respaldo*")) == []
    roto = tmp_path / "roto.xlsx"
    roto.write_text("esto no es un libro", encoding="utf-8")
    assert main(["actualizar", str(roto), str(carpeta)]) == 2
    assert "no se pudo abrir roto.xlsx" in capsys.readouterr().err
    assert main(["actualizar", str(tmp_path / "no_existe.xlsx"), str(carpeta)]) == 2
    assert "no se encontró el libro" in capsys.readouterr().err


def test_actualizar_por_la_linea_de_comandos(tmp_path, capsys) -> None:
    sep, dic = tmp_path / "sep", tmp_path / "dic"
    generar_demo(sep, corte=SEPTIEMBRE)
    generar_demo(dic, corte=DICIEMBRE)
    libro = tmp_path / "balance.xlsx"
    assert main(["libro", str(sep), "--salida", str(libro)]) == 0
    capsys.readouterr()
    assert main(["actualizar", str(libro), str(dic)]) == 0
    salida = capsys.readouterr().out
    assert "Libro actualizado" in salida and "Asociados vigentes:" in salida and "Indicadores que cambiaron" in salida
    assert len(list(tmp_path.glob("balance.respaldo-*.xlsx"))) == 1
    assert main(["actualizar", str(libro), str(tmp_path / "no_hay")]) == 2
    assert "no existe" in capsys.readouterr().err


def test_balance_con_salida_escribe_el_libro(tmp_path, capsys) -> None:
    carpeta = tmp_path / "dic"
    generar_demo(carpeta, corte=DICIEMBRE)
    destino = tmp_path / "balance.xlsx"
    assert main(["balance", str(carpeta), "--salida", str(destino)]) == 0
    salida = capsys.readouterr().out
    assert "BALANCE SOCIAL" in salida and "Libro del Balance Social escrito en" in salida
    wb = openpyxl.load_workbook(destino, read_only=True)
    assert R.nombre_indicador("asociados_activos") in wb.defined_names
    wb.close()
    antes = destino.read_bytes()
    assert main(["balance", str(carpeta), "--salida", str(destino)]) == 2
    assert "ya existe: use --forzar" in capsys.readouterr().err
    assert destino.read_bytes() == antes
    assert main(["balance", str(carpeta), "--salida", str(destino), "--forzar"]) == 0
    assert main(["balance", str(carpeta), "--salida", str(tmp_path / "balance.xls")]) == 2
    assert ".xlsx" in capsys.readouterr().err


def test_solo_se_abren_las_hojas_propias(refresco) -> None:
    """The user's sheets are copied from a reduced copy of the old file: openpyxl never parses the report sheets."""
    wb = openpyxl.load_workbook(A.libro_con_hojas(refresco["a"].respaldo, ("Notas",)))
    assert wb.sheetnames == ["Notas"] and wb["Notas"]["A1"].value == "Notas del contador"


def test_combinar_parametros_gana_el_libro_fila_por_fila() -> None:
    from coopxl.parametros import Parametros, Tasa

    base = Parametros(smmlv={2024: 1_300_000.0, 2025: 1_423_500.0}, ipc={2024: 5.2},
                      tasas=(Tasa("consumo", None, 21.5, "carpeta"), Tasa("cdat", 2025, 8.8, "carpeta")),
                      dias_mora_habil=30, unidad_cuif=1.0, modalidades={"1411": "consumo"}, cuentas={"x": "100000"})
    libro = A.ParametrosLibro(dias_mora_habil=45, smmlv={2025: 1_500_000.0}, ipc={2023: 9.28},
                              tasas=(Tasa("consumo", None, 22.0, "libro"), Tasa("vivienda", 2025, 12.0, "libro")),
                              modalidades={"1411": "libranza", "1499": "otra"})
    par, notas = A.combinar_parametros(base, libro)
    assert par.dias_mora_habil == 45 and par.unidad_cuif == 1.0
    assert par.smmlv == {2024: 1_300_000.0, 2025: 1_500_000.0} and par.ipc == {2023: 9.28, 2024: 5.2}
    assert [(t.producto, t.anio, t.tasa) for t in par.tasas] == [("cdat", 2025, 8.8), ("consumo", None, 22.0),
                                                                 ("vivienda", 2025, 12.0)]
    assert par.tasa("consumo", 2025).fuente == "libro"
    assert par.modalidades == {"1411": "libranza", "1499": "otra"} and par.cuentas == {"x": "100000"}
    assert len(notas) == 4 and any(n.startswith("SMMLV 2025: se conserva 1.500.000 del libro") for n in notas)


def test_un_valor_escrito_no_valido_se_dice_con_hoja_y_fila(refresco) -> None:
    from dataclasses import replace

    from coopxl.sicses.problemas import Informe

    leido = A.leer_libro(refresco["a"].respaldo)
    filas = [list(f) for f in leido.complementarios]
    indice = next(i for i, f in enumerate(filas) if f[0] == "gasto_comunidad")
    filas[indice][1] = "mucho"
    informe = Informe()
    valores = A.complementarios_del_libro(replace(leido, complementarios=filas), informe)
    assert valores["gasto_comunidad"] is None and valores["gasto_educacion"] == TIPEADOS["gasto_educacion"]
    errores = [p.texto() for p in informe.todos() if p.severidad == "error"]
    assert any(f"Complementarios, fila {indice + 1}" in t and "mucho" in t for t in errores), errores
