"""The template BalanceSocial.xlsm (`coopxl plantilla`): sheets, headers, UDF formulas, xlwings.conf, the VBA
project (read back with oletools' olevba), the buttons' macro bindings, reproducibility against the committed
file, the macro-free variant, addin/ and the packaging of the udfs/ modules."""

from __future__ import annotations

import importlib
import inspect
import io
import re
import shutil
import subprocess
import sys
import tomllib
import zipfile
from pathlib import Path

import openpyxl
import pytest
from openpyxl.formula.tokenizer import Token, Tokenizer

from coopxl.cli import main
from coopxl.complementarios import CLAVES
from coopxl.complemento import plantilla as P
from coopxl.complemento import plantilla_hojas as H
from coopxl.complemento import vba_modulos as V
from coopxl.excel import formulas as F
from coopxl.excel.libro import hojas_del_libro
from coopxl.indicadores.registro import todos
from coopxl.parametros import cargar_parametros
from coopxl.sicses.desde_tabla import es_hoja_de_reporte, leer_hojas, parametros_de_hojas
from coopxl.sicses.layouts import LAYOUTS, normalizar_encabezado
from coopxl.sicses.problemas import Informe

RAIZ = Path(__file__).resolve().parents[1]
COMETIDA = RAIZ / "workbook_templates" / "BalanceSocial.xlsm"
COMETIDA_XLSX = RAIZ / "workbook_templates" / "BalanceSocial.xlsx"
ADDIN = RAIZ / "addin"

olevba = pytest.importorskip("oletools.olevba")


@pytest.fixture(scope="module")
def construida(tmp_path_factory) -> Path:
    ruta = tmp_path_factory.mktemp("plantilla") / "BalanceSocial.xlsm"
    P.escribir_plantilla(ruta)
    return ruta


@pytest.fixture(scope="module")
def libro(construida):
    return openpyxl.load_workbook(construida, keep_vba=True)


def _filas(ws) -> list[list[object]]:
    return [list(f) for f in ws.iter_rows(values_only=True)]


def _modulos_olevba(ruta: Path) -> dict[str, str]:
    """Module name -> source (CRLF normalised) as olevba reads the OLE streams of the VBA project."""
    vp = olevba.VBA_Parser(str(ruta))
    try:
        return {Path(n).stem: c.replace("\r\n", "\n") for _, _, n, c in vp.extract_macros()}
    finally:
        vp.close()


def _funciones(formula: str) -> list[str]:
    return [t.value[:-1] for t in Tokenizer(formula).items if t.type == Token.FUNC and t.subtype == Token.OPEN]


# --- sheets ----------------------------------------------------------------------------------------

def test_hojas_en_orden_con_instrucciones_primero(libro):
    assert libro.sheetnames == list(H.hojas_plantilla())
    assert libro.sheetnames[0] == "Instrucciones"
    assert {"Complementarios", "Parametros", "Indicadores", "xlwings.conf"} <= set(libro.sheetnames)


def test_hojas_de_reportes_con_los_encabezados_del_layout(libro):
    for reporte, nombre in H.HOJAS_REPORTES.items():
        assert es_hoja_de_reporte(nombre) and normalizar_encabezado(nombre) == reporte
        encabezado = [c.value for c in libro[nombre][1]]
        assert encabezado == LAYOUTS[reporte].encabezados, nombre
        assert libro[nombre].max_row == 1  # nothing but the header: the user pastes below
    # every report the UDFs read has its sheet
    assert set(H.HOJAS_REPORTES) | {"complementarios"} == set(LAYOUTS)


def test_instrucciones_en_espanol_paso_a_paso(libro):
    textos = [v for f in _filas(libro["Instrucciones"]) for v in f if isinstance(v, str)]
    todo = " ".join(textos)
    for paso in ("1. Guarde una copia", "2. Pegue los reportes", "3. Complete Complementarios", "6. Use los botones"):
        assert paso in textos
    for m in V.MACROS:
        assert m.boton in todo
    assert "no se ha abierto en un Excel real" in todo


def test_complementarios_con_la_forma_que_lee_el_lector(libro):
    filas = _filas(libro["Complementarios"])
    assert tuple(filas[0]) == H.ENCABEZADO_COMPLEMENTARIOS == ("clave", "valor", "descripcion")
    assert [f[0] for f in filas[1:]] == [c.clave for c in CLAVES]
    assert all(f[1] is None for f in filas[1:])  # empty = no data
    assert all(c.etiqueta in f[2] for c, f in zip(CLAVES, filas[1:], strict=True))
    informe = Informe()
    lectura = leer_hojas({"Complementarios": filas}, informe)
    assert "complementarios" in lectura.cargas
    assert informe.errores == 0, [p.texto() for p in informe.todos()]
    opciones = {c.clave: c for c in CLAVES if c.opciones}
    validaciones = libro["Complementarios"].data_validations.dataValidation
    assert len(validaciones) == len(opciones)


def test_parametros_dan_las_tasas_de_coopxl(libro):
    filas = _filas(libro["Parametros"])
    assert filas[0] == ["producto", "anio", "tasa_efectiva_anual", "fuente"]
    informe = Informe()
    desde_hoja = parametros_de_hojas({"Parametros": filas}, informe)
    assert informe.errores == 0
    propias = cargar_parametros(None, Informe())
    pares = {(t.producto, t.anio) for t in propias.tasas}
    assert pares and {(t.producto, t.anio) for t in desde_hoja.tasas} == pares
    for producto, anio in pares:  # the rate each lookup gives is the shipped one
        assert desde_hoja.tasa(producto, anio).tasa == propias.tasa(producto, anio).tasa


def test_indicadores_llaman_las_udfs_en_el_orden_ses(libro):
    ws = libro["Indicadores"]
    fila = H.FILA_ENCABEZADO_INDICADORES
    assert [c.value for c in ws[fila]] == list(H.ENCABEZADO_INDICADORES)
    ids = [i.id for i in todos()]
    assert len(ids) == 41
    filas = [list(f) for f in ws.iter_rows(min_row=fila + 1, values_only=True)]
    assert [f[1] for f in filas] == ids
    for f in filas:
        assert f[3] == f'=BS_RESULTADO("{f[1]}")'
        assert f[4] == f'=BS_INDICADOR("{f[1]}")'
        assert f[5] == f'=BS_ANALISIS("{f[1]}")'
    assert ws["C2"].value == "=BS_VALIDAR()"


def test_cada_udf_de_una_formula_existe_en_udfs(libro):
    udfs = V.modulo_udfs()
    nombres = set()
    for ws in libro.worksheets:
        for fila in ws.iter_rows():
            for c in fila:
                if isinstance(c.value, str) and c.value.startswith("="):
                    nombres.update(_funciones(c.value))
    assert nombres == {"BS_RESULTADO", "BS_INDICADOR", "BS_ANALISIS", "BS_VALIDAR"}
    for n in nombres:
        f = getattr(udfs, n, None)
        assert inspect.isfunction(f) or hasattr(f, "__xlfunc__"), n
        assert f in V.funciones_udf(udfs)


def test_nombres_definidos(libro):
    assert set(libro.defined_names) == set()
    fila = H.FILA_ENCABEZADO_INDICADORES
    assert libro["Indicadores"].print_title_rows == f"${fila}:${fila}"  # the header repeats on every page


def test_hoja_xlwings_conf(libro):
    ws = libro["xlwings.conf"]
    claves = [(ws.cell(r, 1).value, ws.cell(r, 2).value) for r in range(1, len(H.CONF) + 1)]
    assert claves == list(H.CONF)
    assert dict(claves)["UDF Modules"] == "coopxl_udfs"
    assert all(isinstance(v, bool) for k, v in claves if k != "UDF Modules")
    # xlwings reads column A from A1 down to the first empty cell: the notes below must not be read as keys
    assert ws.cell(len(H.CONF) + 1, 1).value is None
    assert not any(k.upper().startswith("INTERPRETER") for k, _ in claves)  # the user's own setting stays in force
    importlib.import_module(dict(claves)["UDF Modules"])


def test_formula_complemento_admite_guion_bajo():
    casos = [(("BS_RESULTADO", F.texto("cultura_ahorro")), 'BS_RESULTADO("cultura_ahorro")'),
             (("BS_VALIDAR",), "BS_VALIDAR()"),
             (("BS_BENEFICIO", "A2", F.texto("total")), 'BS_BENEFICIO(A2,"total")')]
    for args, esperado in casos:
        assert F.llamada_complemento(*args) == esperado
    for malo in ("bs_resultado", "1BS", "BS-X", 'BS"'):
        with pytest.raises(ValueError):
            F.llamada_complemento(malo)
    with pytest.raises(ValueError):
        F.llamada("BS_RESULTADO")


# --- VBA ---------------------------------------------------------------------------------------------

def test_modulos_vba_iguales_a_addin_vba(construida):
    modulos = _modulos_olevba(construida)
    for nombre in (V.MODULO_BOTONES, V.MODULO_UDFS):
        bas = (ADDIN / "vba" / f"{nombre}.bas").read_bytes().decode("ascii")
        assert modulos[nombre] == bas.replace("\r\n", "\n"), nombre
        assert bas == V.fuentes()[nombre]
    # xlwings' own standalone module (RunPython) of the pinned version, without the quickstart's sample
    assert "Public Function RunPython(" in modulos["xlwings"]
    assert "'Version: 0.37.8" in modulos["xlwings"]
    assert "Module1" not in modulos
    # one document module per sheet, named as the sheets' code names
    hojas = {f"Sheet{i}" for i in range(1, len(H.hojas_plantilla()) + 1)}
    assert hojas <= set(modulos)
    pyopenvba = pytest.importorskip("pyopenvba")
    assert pyopenvba.check_file(construida).issues == ()  # the package's own consistency check of the parts


def test_macros_de_los_botones_llaman_a_coopxl_botones(construida):
    fuente = _modulos_olevba(construida)[V.MODULO_BOTONES]
    subs = re.findall(r"^Sub (\w+)\(\)\n(.*?)^End Sub", fuente, flags=re.S | re.M)
    assert [s for s, _ in subs] == ["ValidarDatos", "CalcularBalance", "GenerarExtractos",
                                    "GenerarExtractosCombinados"]
    botones = importlib.import_module(V.MODULO_PYTHON_BOTONES)
    for (sub, cuerpo), m in zip(subs, V.MACROS, strict=True):
        llamada = re.search(r'RunPython "import coopxl_botones; coopxl_botones\.(\w+)\(\)"', cuerpo)
        assert llamada and llamada.group(1) == m.funcion, sub
        assert callable(getattr(botones, m.funcion)), m.funcion


def test_envolturas_de_udfs_siguen_las_firmas(construida):
    fuente = _modulos_olevba(construida)[V.MODULO_UDFS]
    udfs = V.modulo_udfs()
    declaradas = dict(re.findall(r"^Function (\w+)\(([^)]*)\)$", fuente, flags=re.M))
    esperadas = {f.__name__: f for f in V.funciones_udf(udfs)}
    assert set(declaradas) == set(esperadas) >= {"BS_INDICADOR", "BS_RESULTADO", "BS_ANALISIS", "BS_BENEFICIO",
                                                  "BS_VALIDAR", "BS_TABLA"}
    for nombre, f in esperadas.items():
        params = [p for p in inspect.signature(f).parameters.values() if p.name != "caller"]
        firma = ", ".join(("Optional " if p.default is not p.empty else "") + p.name for p in params)
        assert declaradas[nombre] == firma, nombre
        args = ", ".join([*(p.name for p in params), "Nothing"])
        assert f'XLPy.CallUDF("coopxl_udfs", "{nombre}", Array({args}), ThisWorkbook, Application.Caller)' in fuente


def test_botones_enlazados_a_las_macros_en_el_zip(construida):
    with zipfile.ZipFile(construida) as z:
        dibujos = {n: z.read(n).decode("utf-8") for n in z.namelist() if n.startswith("xl/drawings/vmlDrawing")}
        rels = {n: z.read(n).decode("utf-8") for n in z.namelist() if n.startswith("xl/worksheets/_rels/")}
        libro_xml = z.read("xl/workbook.xml").decode("utf-8")
    assert len(dibujos) == 2  # Instrucciones and Indicadores
    subs = re.findall(r"^Sub (\w+)\(\)", V.fuentes()[V.MODULO_BOTONES], flags=re.M)
    for texto in dibujos.values():
        assert re.findall(r'ObjectType="(\w+)"', texto) == ["Button"] * len(V.MACROS)
        macros = re.findall(r"<x:FmlaMacro>\[0\]!(\w+)</x:FmlaMacro>", texto)
        assert macros == [m.sub for m in V.MACROS]
        assert set(macros) <= set(subs)
        for m in V.MACROS:
            assert f">{m.boton}</font>" in texto
    hojas_con_botones = sorted(re.search(r"sheet(\d+)\.xml\.rels", n).group(1) for n in rels
                               if "vmlDrawing" in rels[n])
    orden = H.hojas_plantilla()
    assert sorted(orden[int(i) - 1] for i in hojas_con_botones) == ["Indicadores", "Instrucciones"]
    assert 'codeName="ThisWorkbook"' in libro_xml


# --- reproducibility and the committed files ---------------------------------------------------------------

def _contenido(ruta: Path) -> dict[str, object]:
    wb = openpyxl.load_workbook(ruta, keep_vba=ruta.suffix == ".xlsm")
    hojas = {ws.title: [[c.value for c in f] for f in ws.iter_rows()] for ws in wb.worksheets}
    nombres = {n: wb.defined_names[n].attr_text for n in wb.defined_names}
    locales = {ws.title: {n: d.attr_text for n, d in ws.defined_names.items()} for ws in wb.worksheets}
    return {"hojas": hojas, "nombres": nombres, "locales": locales}


def test_misma_entrada_mismos_bytes():
    assert P.construir_plantilla() == P.construir_plantilla()


REGENERAR = ("regenere los archivos con  coopxl plantilla --salida workbook_templates/BalanceSocial.xlsm --forzar "
             "--addin addin  y  coopxl plantilla --salida workbook_templates/BalanceSocial.xlsx --forzar")


def test_la_cometida_es_la_que_se_construye(construida):
    assert COMETIDA.is_file(), REGENERAR
    assert _contenido(construida) == _contenido(COMETIDA), REGENERAR
    assert _modulos_olevba(construida) == _modulos_olevba(COMETIDA), REGENERAR


def test_variante_sin_macros_es_el_libro_del_generador(tmp_path):
    assert COMETIDA_XLSX.is_file(), REGENERAR
    ruta = P.escribir_variante_xlsx(tmp_path / "BalanceSocial.xlsx")
    assert _contenido(ruta) == _contenido(COMETIDA_XLSX), REGENERAR
    wb = openpyxl.load_workbook(ruta)
    assert wb.sheetnames[:len(hojas_del_libro())] == list(hojas_del_libro())
    with zipfile.ZipFile(ruta) as z:
        assert "xl/vbaProject.bin" not in z.namelist()
    formulas = [c.value for f in wb["Indicadores"].iter_rows() for c in f
                if isinstance(c.value, str) and c.value.startswith("=")]
    assert len(formulas) >= 41 and not any("BS_RESULTADO(" in f for f in formulas)


def test_addin_generado_al_dia():
    for relativa, datos in P.archivos_addin().items():
        assert (ADDIN / relativa).read_bytes() == datos, f"{relativa}: {REGENERAR}"
    assert '"UDF MODULES","coopxl_udfs"' in (ADDIN / "xlwings.conf").read_text(encoding="ascii")


# --- the command -----------------------------------------------------------------------------------------

def test_comando_plantilla(tmp_path, capsys):
    destino = tmp_path / "mi_plantilla.xlsm"
    assert main(["plantilla", "--salida", str(destino)]) == 0
    assert "Plantilla escrita" in capsys.readouterr().out
    antes = destino.read_bytes()
    assert main(["plantilla", "--salida", str(destino)]) == 2
    assert "--forzar" in capsys.readouterr().err
    assert destino.read_bytes() == antes
    assert main(["plantilla", "--salida", str(destino), "--forzar"]) == 0
    assert main(["plantilla", "--salida", str(tmp_path / "x.xls")]) == 2
    assert ".xlsm o .xlsx" in capsys.readouterr().err


def test_falta_pyopenvba_da_mensaje_en_espanol(monkeypatch):
    from coopxl.complemento import vba_proyecto

    monkeypatch.setitem(sys.modules, "pyopenvba", None)
    with pytest.raises(vba_proyecto.ErrorPlantilla, match="pyOpenVBA"):
        vba_proyecto.modulos_vba(b"")


# --- LibreOffice (small, optional) ------------------------------------------------------------------------

@pytest.mark.skipif(shutil.which("soffice") is None, reason="LibreOffice no está instalado")
def test_libreoffice_abre_la_plantilla_con_botones_y_macros(construida, tmp_path):
    perfil = tmp_path / "perfil"
    r = subprocess.run(["soffice", f"-env:UserInstallation={perfil.as_uri()}", "--headless", "--norestore",
                        "--convert-to", "ods", "--outdir", str(tmp_path), str(construida)],
                       capture_output=True, text=True, timeout=240)
    salida = tmp_path / "BalanceSocial.ods"
    assert r.returncode == 0 and salida.is_file(), r.stderr
    with zipfile.ZipFile(salida) as z:
        contenido = z.read("content.xml").decode("utf-8")
        basic = {n for n in z.namelist() if n.startswith("Basic/VBAProject/")}
    for m in V.MACROS:
        assert f"vnd.sun.star.script:VBAProject.coopxl.{m.sub}?" in contenido
    assert {"Basic/VBAProject/coopxl.xml", "Basic/VBAProject/xlwings.xml",
            "Basic/VBAProject/xlwings_udfs.xml"} <= basic


# --- packaging: Excel finds coopxl_udfs / coopxl_botones after pip install ---------------------------------------

def test_pyproject_instala_los_modulos_de_udfs():
    config = tomllib.loads((RAIZ / "pyproject.toml").read_text(encoding="utf-8"))
    herramientas = config["tool"]["setuptools"]
    assert set(herramientas["py-modules"]) == {V.MODULO_PYTHON_UDFS, V.MODULO_PYTHON_BOTONES}
    carpeta = RAIZ / herramientas["package-dir"][""]
    for m in herramientas["py-modules"]:
        assert (carpeta / f"{m}.py").is_file(), m
    assert "xlwings==0.37.8" in config["project"]["optional-dependencies"]["excel"]


def test_la_rueda_trae_los_modulos_de_udfs(tmp_path):
    fuente = tmp_path / "fuente"
    fuente.mkdir()
    for nombre in ("pyproject.toml", "README.md"):
        shutil.copy(RAIZ / nombre, fuente / nombre)
    ignorar = shutil.ignore_patterns("__pycache__", "*.pyc", "*.egg-info")
    shutil.copytree(RAIZ / "src", fuente / "src", ignore=ignorar)
    shutil.copytree(RAIZ / "udfs", fuente / "udfs", ignore=ignorar)
    ruedas = tmp_path / "ruedas"
    r = subprocess.run([sys.executable, "-m", "pip", "wheel", "--no-deps", "-q", "-w", str(ruedas), str(fuente)],
                       capture_output=True, text=True, timeout=300)
    assert r.returncode == 0, r.stderr[-2000:]
    (rueda,) = ruedas.glob("coopxl-*.whl")
    nombres = set(zipfile.ZipFile(io.BytesIO(rueda.read_bytes())).namelist())
    assert {"coopxl_udfs.py", "coopxl_botones.py", "coopxl/complemento/plantilla.py",
            "coopxl/parametros/tasas_referencia.csv"} <= nombres
    assert not any(n.startswith(("udfs/", "__init__.py")) for n in nombres)


# --- end to end: the template filled with the demo, through the UDFs and the buttons' actions -----------------

def _llenar_con_demo(ruta: Path) -> Path:
    """Paste the bundled demo's files into the template's sheets, as a user would (text cells, from A1)."""
    import csv

    from coopxl.demo.incluido import CARPETA_INCLUIDA

    wb = openpyxl.load_workbook(ruta, keep_vba=True)
    for archivo in sorted(CARPETA_INCLUIDA.glob("*.csv")):
        with archivo.open(encoding="cp1252", newline="") as f:
            filas = [fila for fila in csv.reader(f, delimiter=";") if fila]
        if archivo.stem == "complementarios":
            ws = wb[H.HOJA_COMPLEMENTARIOS]
            donde = {ws.cell(r, 1).value: r for r in range(2, ws.max_row + 1)}
            for clave, valor, *_ in filas[1:]:
                fila = donde.get(clave) or ws.max_row + 1
                ws.cell(fila, 1, clave)
                ws.cell(fila, 2, valor)
            continue
        nombre = H.HOJA_PARAMETROS if archivo.stem == "tasas_referencia" else H.HOJAS_REPORTES[archivo.stem]
        ws = wb[nombre]
        ws.delete_rows(1, ws.max_row)
        for fila in filas:
            ws.append(fila)
    destino = ruta.with_name("llena.xlsm")
    wb.save(destino)
    return destino


def test_plantilla_llena_con_la_demo_da_el_balance_del_motor(construida):
    from coopxl.balance import calcular_balance
    from coopxl.complemento import acciones
    from coopxl.complemento.libro_openpyxl import LibroOpenpyxl
    from coopxl.dataset import cargar_dataset
    from coopxl.demo.incluido import CARPETA_INCLUIDA

    motor = {f.id: f for f in calcular_balance(cargar_dataset(CARPETA_INCLUIDA)[0]).filas}
    assert sum(f.resultado.estado == "ok" for f in motor.values()) >= 35  # a comparison of real figures
    libro = LibroOpenpyxl.abrir(_llenar_con_demo(construida))
    respuesta = acciones.calcular_balance(libro)
    assert respuesta.ok, respuesta.mensaje
    balance = libro.leer(acciones.HOJA_BALANCE)
    assert [f[1] for f in balance[1:]] == list(motor)
    assert [f[3] for f in balance[1:]] == [f.resultado_texto for f in motor.values()]
    # the UDFs read the same sheets: the Indicadores cells would show the engine's texts
    udfs = V.modulo_udfs()
    hojas = {n: libro.leer(n) for n in libro.hojas() if es_hoja_de_reporte(n)}
    for id_ in ("cultura_ahorro", "equidad_genero_asamblea", "gastos_comunidad"):
        assert udfs.BS_RESULTADO(id_, None, hojas) == motor[id_].resultado_texto
        assert udfs.BS_ANALISIS(id_, None, hojas) == motor[id_].analisis
    assert acciones.validar_datos(libro).ok


def test_las_macros_compilan_y_llaman_a_runpython(construida):
    """pyOpenVBA's VBA interpreter compiles both modules as read from the template; each button's macro, run
    with a stand-in RunPython that writes its argument to A1, passes the contract's Python command."""
    excel = pytest.importorskip("pyopenvba.apps.excel")
    modulos = _modulos_olevba(construida)
    app = excel.ExcelApplication()
    app.add_workbook()
    for nombre in (V.MODULO_UDFS, V.MODULO_BOTONES):  # a syntax error raises VBACompileError here
        cuerpo = "\n".join(linea for linea in modulos[nombre].split("\n") if not linea.startswith("Attribute VB_"))
        app.add_module(cuerpo, name=nombre)
    app.add_module('Function RunPython(comando As String)\n    Range("A1").Value = comando\nEnd Function\n',
                   name="sustituto")
    for m in V.MACROS:
        app.run(m.sub)
        assert app.sheet(1).value("A1") == m.comando == f"import coopxl_botones; coopxl_botones.{m.funcion}()"
