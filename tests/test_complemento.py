"""The add-in's buttons (issue 5 item 2) run end to end on a workbook filled with the bundled demo.

The demo's files are read through the SICSES readers and pasted, header row first, into sheets named as the
template names them — a copy of H6's built template when `coopxl.complemento.plantilla` exists, and a plain
openpyxl workbook —; the three actions run through the openpyxl implementation of the workbook interface,
and what they write is compared with the engine run on the same folder (`cargar_dataset`,
`calcular_balance`, the bulk extracts). The xlwings face cannot run on Linux: it is driven here through a
fake object shaped like the part of xlwings' API it uses (Book.caller, sheets, used_range, range.value,
app.status_bar, app.alert, selection.address).
"""

from __future__ import annotations

import importlib.util
import math
import shutil
from pathlib import Path

import pytest
import xlwings as xw
from openpyxl import Workbook, load_workbook
from python_calamine import CalamineWorkbook
from test_extractos import _indice, comprobar_extracto

from coopxl import formato
from coopxl.analisis import ESTADOS_TEXTO
from coopxl.balance import calcular_balance
from coopxl.beneficios import COMPONENTES, calcular_beneficios
from coopxl.complemento import acciones
from coopxl.complemento.combinado import AVISO, ENCABEZADO, FILA_ENCABEZADO
from coopxl.complemento.interfaz import MAX_FILAS_EXCEL, LibroAbierto, rangos_de_direccion
from coopxl.complemento.libro_openpyxl import LibroOpenpyxl
from coopxl.dataset import cargar_dataset
from coopxl.demo.incluido import CARPETA_INCLUIDA
from coopxl.indicadores.textos.catalogo import NOMBRES_PRINCIPIO
from coopxl.sicses.lectura import leer_texto, muestra
from udfs import coopxl_botones as botones

HAY_PLANTILLA = importlib.util.find_spec("coopxl.complemento.plantilla") is not None


# --- filling a workbook with the demo -------------------------------------------------------------------

def nombre_hoja(archivo: Path) -> str:
    """The template's sheet for a demo file: asociados.csv -> Asociados; the reference rates -> Parametros."""
    return "Parametros" if archivo.stem == "tasas_referencia" else archivo.stem.capitalize()


def filas_archivo(ruta: Path) -> list[list[object]]:
    """Every line of a report file (header included) as the SICSES readers split it: encoding and delimiter
    detected by `muestra`, cells by `leer_texto`; empty cells as None, as Excel gives them."""
    m = muestra(ruta)
    ancho = max(len(f) for f in m.lineas)
    tabla = leer_texto(ruta, 1, ancho, m.codificacion or "utf-8", m.delimitador or ";")
    columnas = [c.to_pylist() for c in tabla.columnas]
    return [[v if v not in ("", None) else None for v in fila] for fila in zip(*columnas, strict=True)]


def hojas_de_carpeta(carpeta: Path) -> dict[str, list[list[object]]]:
    return {nombre_hoja(r): filas_archivo(r) for r in sorted(carpeta.iterdir()) if r.suffix == ".csv"}


def libro_lleno(carpeta: Path, destino: Path, base: str) -> Path:
    """A workbook file at `destino` with the folder's reports pasted: into the built template, or new."""
    if base == "plantilla":
        from coopxl.complemento.plantilla import construir_plantilla

        destino = destino.with_suffix(".xlsm")
        destino.write_bytes(construir_plantilla())
        libro = LibroOpenpyxl.abrir(destino)
    else:
        wb = Workbook()
        wb.active.title = "Inicio"
        libro = LibroOpenpyxl(wb, destino)
    for hoja, filas in hojas_de_carpeta(carpeta).items():
        libro.escribir(hoja, filas)
    libro.activar(libro.hojas()[0])
    return libro.guardar(destino)


@pytest.fixture(scope="module", params=["nuevo", "plantilla"])
def base(request) -> str:
    if request.param == "plantilla" and not HAY_PLANTILLA:
        pytest.skip("la plantilla (coopxl plantilla) todavía no existe")
    return request.param


@pytest.fixture(scope="module")
def motor():
    ds, lectura = cargar_dataset(CARPETA_INCLUIDA)
    return ds, lectura, calcular_balance(ds)


@pytest.fixture(scope="module")
def archivo_demo(tmp_path_factory, base) -> Path:
    return libro_lleno(CARPETA_INCLUIDA, tmp_path_factory.mktemp("libro") / "BalanceSocial.xlsx", base)


@pytest.fixture(scope="module")
def archivo_nuevo(tmp_path_factory) -> Path:
    return libro_lleno(CARPETA_INCLUIDA, tmp_path_factory.mktemp("libro_nuevo") / "BalanceSocial.xlsx", "nuevo")


def _copia(archivo: Path, carpeta: Path) -> LibroOpenpyxl:
    copia = carpeta / archivo.name
    shutil.copy(archivo, copia)
    return LibroOpenpyxl.abrir(copia)


@pytest.fixture
def libro(archivo_demo, tmp_path) -> LibroOpenpyxl:
    """A fresh copy of the filled workbook (the template's, and a new one) in its own folder (the extracts go
    beside it): for the checks the issue names."""
    return _copia(archivo_demo, tmp_path)


@pytest.fixture
def libro_nuevo(archivo_nuevo, tmp_path) -> LibroOpenpyxl:
    """The same on the new workbook only: the other checks (the readers are the same)."""
    return _copia(archivo_nuevo, tmp_path)


def releer(libro: LibroOpenpyxl, hoja: str) -> list[list[object]]:
    """A sheet as saved on disk (the action's writing survives a save and a reopen)."""
    libro.guardar()
    wb = load_workbook(libro.ruta, keep_vba=libro.ruta.suffix == ".xlsm")
    return [list(f) for f in wb[hoja].iter_rows(values_only=True)]


def test_las_implementaciones_cumplen_la_interfaz(libro):
    assert isinstance(libro, LibroAbierto)
    assert isinstance(botones.LibroXlwings(LibroFalso({})), LibroAbierto)


# --- Validar datos --------------------------------------------------------------------------------------

def _editar_csv(ruta: Path, fila: int, columna: str, valor: str) -> None:
    texto = ruta.read_bytes().decode("cp1252")
    lineas = texto.split("\n")
    i = lineas[0].split(";").index(columna)
    partes = lineas[fila - 1].split(";")
    partes[i] = valor
    lineas[fila - 1] = ";".join(partes)
    ruta.write_bytes("\n".join(lineas).encode("cp1252"))


@pytest.fixture(scope="module")
def carpeta_con_errores(tmp_path_factory) -> Path:
    carpeta = tmp_path_factory.mktemp("errores") / "corte"
    shutil.copytree(CARPETA_INCLUIDA, carpeta)
    _editar_csv(carpeta / "aportes.csv", 5, "Saldo Total", "mucho")
    _editar_csv(carpeta / "asociados.csv", 7, "Fecha Ingreso", "31/02/2020")
    _editar_csv(carpeta / "cartera.csv", 4, "Cedula", "999999999")
    return carpeta


def test_validacion_igual_al_informe_de_la_carpeta(carpeta_con_errores, tmp_path, base):
    ruta = libro_lleno(carpeta_con_errores, tmp_path / "libro.xlsx", base)
    libro = LibroOpenpyxl.abrir(ruta)
    r = acciones.validar_datos(libro)
    ds, lectura = cargar_dataset(carpeta_con_errores)
    inf = lectura.informe
    assert r.ok and inf.errores == 2 and inf.advertencias >= 2
    assert r.mensaje == (f"coopxl: validación: {inf.errores} error(es) y {inf.advertencias} advertencia(s); el "
                         "detalle está en la hoja Validacion.")
    assert libro.mensajes[-1] == r.mensaje

    hojas = {f"{a.stem}.csv": nombre_hoja(a) for a in carpeta_con_errores.glob("*.csv")}

    def en_el_libro(texto: str) -> str:  # the same problem says the sheet where the folder says the file
        for archivo, hoja in hojas.items():
            texto = texto.replace(archivo, hoja)
        return texto

    esperado = [("Severidad", "Hoja", "Fila", "Columna", "Valor", "Problema")]
    for p in sorted(inf.todos(), key=lambda p: (en_el_libro(p.archivo), p.fila or 0)):
        esperado.append((p.severidad, en_el_libro(p.archivo), p.fila, p.columna, p.valor, en_el_libro(p.mensaje)))
    esperado += [("nota", None, None, None, None, aviso) for aviso in ds.advertencias]
    filas = [tuple(f) for f in releer(libro, "Validacion")]
    assert filas == esperado
    assert ("error", "Aportes", 5, "Saldo Total", "mucho", en_el_libro(next(
        p.mensaje for p in inf.todos() if p.valor == "mucho"))) in filas
    assert libro.libro.active.title == "Validacion"


def test_validacion_sin_problemas(libro, motor):
    _, lectura, _ = motor
    assert not len(lectura.informe)
    r = acciones.validar_datos(libro)
    assert r.ok and r.mensaje == "coopxl: validación sin errores ni advertencias."
    filas = libro.leer("Validacion")
    assert [f[-1] for f in filas[1:]] == list(motor[0].advertencias)


def test_validar_dos_veces_no_deja_restos(carpeta_con_errores, tmp_path):
    libro = LibroOpenpyxl.abrir(libro_lleno(carpeta_con_errores, tmp_path / "libro.xlsx", "nuevo"))
    acciones.validar_datos(libro)
    largo = len(libro.leer("Validacion"))
    libro.escribir("Aportes", hojas_de_carpeta(CARPETA_INCLUIDA)["Aportes"])  # the bad cell corrected
    acciones.validar_datos(libro)
    filas = libro.leer("Validacion")
    assert len(filas) < largo and not any(f[1] == "Aportes" and f[4] == "mucho" for f in filas)


# --- Calcular balance -----------------------------------------------------------------------------------

def test_balance_igual_al_motor(libro, motor):
    _, _, balance = motor
    r = acciones.calcular_balance(libro)
    assert r.ok, r.mensaje
    filas = releer(libro, "Balance")
    assert tuple(filas[0]) == ("Principio", "Id", "Nombre", "Resultado", "Estado", "Análisis", "Valor")
    assert len(filas) == 42 and len(balance.filas) == 41
    for fila, f in zip(filas[1:], balance.filas, strict=True):
        p = f.indicador.principio
        valor = pytest.approx(f.resultado.valor, rel=1e-12) if f.resultado.estado == "ok" else None  # as saved
        assert fila == [f"{p}. {NOMBRES_PRINCIPIO[p]}", f.id, f.indicador.nombre, f.resultado_texto,
                        ESTADOS_TEXTO[f.resultado.estado], f.analisis, valor], f.id
    assert [f[6] for f in libro.leer("Balance")[1:]] == [f.resultado.valor if f.resultado.estado == "ok" else None
                                                         for f in balance.filas]  # exact before the save
    calculados = sum(1 for f in balance.filas if f.resultado.estado == "ok")
    assert r.mensaje == f"coopxl: balance social calculado en la hoja Balance: 41 indicadores, {calculados} con " \
                        "resultado."
    assert any(isinstance(v, str) and v.endswith("%") for f in filas for v in f)  # texts stayed texts


def test_balance_con_errores_avisa(carpeta_con_errores, tmp_path):
    libro = LibroOpenpyxl.abrir(libro_lleno(carpeta_con_errores, tmp_path / "libro.xlsx", "nuevo"))
    r = acciones.calcular_balance(libro)
    assert r.ok and "los datos tienen 2 error(es); pulse «Validar datos»" in r.mensaje
    ds, _ = cargar_dataset(carpeta_con_errores)
    esperado = calcular_balance(ds)
    assert [f[3] for f in libro.leer("Balance")[1:]] == [f.resultado_texto for f in esperado.filas]


# --- Generar extractos ----------------------------------------------------------------------------------

def _archivos_asociados(carpeta: Path) -> list[Path]:
    return sorted(p for p in carpeta.glob("*.xlsx") if p.stem not in ("entidad",) and not p.name.startswith("USO"))


def _comprobar_valores(carpeta: Path, ds, personas) -> None:
    tabla = calcular_beneficios(ds).por_asociado
    vig = ds.vigentes.drop_duplicates("persona").set_index("persona")
    for persona in personas:
        comprobar_extracto(carpeta, vig, persona, tabla.loc[persona])


def test_extractos_de_todos(libro, motor):
    ds, _, _ = motor
    r = acciones.generar_extractos(libro, procesos=1)
    assert r.ok, r.mensaje
    carpeta = libro.carpeta() / "extractos"
    tabla = calcular_beneficios(ds).por_asociado
    assert len(_archivos_asociados(carpeta)) == len(tabla) == ds.total_asociados == r.extractos.escritos
    assert (carpeta / "entidad.xlsx").exists()
    assert not (carpeta / acciones.ARCHIVO_COMBINADO).exists()  # only on request
    _comprobar_valores(carpeta, ds, tabla.index)
    indice = _indice(carpeta)
    assert len(indice) == len(tabla)
    totales = {f"{p.partition(':')[0]}_{p.partition(':')[2]}.xlsx": t for p, t in tabla["total"].items()}
    for f in indice:
        assert (carpeta / f["Archivo"]).exists()
        assert f["Total Beneficio"] == formato.pesos(totales[f["Archivo"]])
    progreso = [m for m in libro.mensajes if "generando extractos" in m]
    assert progreso[0] == f"coopxl: generando extractos: 0 de {len(tabla)}…"
    assert progreso[-1] == f"coopxl: generando extractos: {len(tabla)} de {len(tabla)}…"
    assert libro.mensajes[-1] == r.mensaje and r.mensaje.startswith(
        f"coopxl: {len(tabla)} extracto(s) de todos los asociados vigentes en la carpeta {carpeta}")


def _filas_de(ds, cuantas: int, desde: int = 0) -> list[int]:
    """Sheet rows of `cuantas` vigente associates of the Asociados sheet."""
    vig = ds.asociados[ds.asociados["vigente"]].drop_duplicates("persona")
    return [int(x) for x in vig["_linea"].iloc[desde:desde + cuantas]]


def test_seleccion_de_tres_asociados(libro, motor):
    ds, _, _ = motor
    a, b, c = _filas_de(ds, 3, desde=10)
    ws = libro.libro["Asociados"]
    ws.sheet_view.selection[0].sqref = f"B{a}:D{a} A{b} C{c}"  # three areas, as Ctrl+click leaves them
    assert libro.libro.active.title != "Asociados"  # the button is pressed on another sheet
    r = acciones.generar_extractos(libro, procesos=1)
    assert r.ok, r.mensaje
    assert libro.preguntas == ["¿Generar solo los extractos de los 3 asociados seleccionados en la hoja Asociados?"
                               "\n\nSí: solo esos. No: los de todos los asociados vigentes. Cancelar: ninguno."]
    carpeta = libro.carpeta() / "extractos"
    personas = list(ds.asociados.set_index("_linea").loc[[a, b, c], "persona"])
    assert len(_archivos_asociados(carpeta)) == 3
    _comprobar_valores(carpeta, ds, personas)
    indice = _indice(carpeta)
    assert sorted(f"{f['Tipo Doc']}:{f['Documento']}" for f in indice) == sorted(personas)
    assert "de los 3 asociados seleccionados en la hoja Asociados" in r.mensaje


def test_seleccion_que_no_elige(libro_nuevo, motor):
    ds, _, _ = motor
    todos = (None, "todos los asociados vigentes")
    asociados = libro_nuevo.libro["Asociados"]
    libro_nuevo.libro["Aportes"].sheet_view.selection[0].sqref = "A2:A5"  # another sheet's: does not choose
    for direccion in ("A1", "B1:F1", f"A1:AA{asociados.max_row}", "A:A", "2:1048576"):  # header, every row
        asociados.sheet_view.selection[0].sqref = direccion
        assert acciones.asociados_elegidos(libro_nuevo, ds) == todos, direccion


@pytest.mark.parametrize(("respuesta", "archivos"), [("no", "todos"), ("cancelar", 0)])
def test_seleccion_no_confirmada(libro_nuevo, motor, respuesta, archivos):
    ds, _, _ = motor
    filas = _filas_de(ds, 2)
    libro_nuevo.libro["Asociados"].sheet_view.selection[0].sqref = f"A{filas[0]}:A{filas[1]}"
    libro_nuevo.respuesta = respuesta
    r = acciones.generar_extractos(libro_nuevo, procesos=1)
    assert r.ok and len(libro_nuevo.preguntas) == 1
    carpeta = libro_nuevo.carpeta() / "extractos"
    if archivos == "todos":
        assert len(_archivos_asociados(carpeta)) == ds.total_asociados
        assert "de todos los asociados vigentes" in r.mensaje
    else:
        assert not carpeta.exists()
        assert r.mensaje == "coopxl: generación de extractos cancelada: no se escribió ningún archivo."


def test_hoja_seleccion(libro_nuevo, motor):
    ds, _, _ = motor
    vig = ds.asociados[ds.asociados["vigente"]].drop_duplicates("persona")
    docs = [float(d) for d in vig["documento"].iloc[:2]]  # as Excel holds numbers
    con_puntos = f"{int(docs[1]):,}".replace(",", ".")
    libro_nuevo.escribir("Seleccion", [["Nombre", "Documento"], ["a", docs[0]], ["b", con_puntos], ["c", 123]])
    r = acciones.generar_extractos(libro_nuevo, procesos=1)
    assert r.ok, r.mensaje
    carpeta = libro_nuevo.carpeta() / "extractos"
    assert len(_archivos_asociados(carpeta)) == 2
    _comprobar_valores(carpeta, ds, list(vig["persona"].iloc[:2]))
    assert "de los 3 documentos de la hoja Seleccion" in r.mensaje
    assert "1 documento(s) no son de asociados vigentes al corte: 123." in r.mensaje


def test_libro_combinado_solo_si_se_pide(libro_nuevo, motor):
    ds, _, _ = motor
    filas = _filas_de(ds, 4)
    libro_nuevo.libro["Asociados"].sheet_view.selection[0].sqref = f"A{filas[0]}:A{filas[-1]}"
    r = acciones.generar_extractos(libro_nuevo, combinado=True, procesos=1)
    assert r.ok and r.combinado == libro_nuevo.carpeta() / "extractos" / "USO_INTERNO_extractos_combinados.xlsx"
    wb = load_workbook(r.combinado)
    assert wb.sheetnames == ["Uso interno"] and wb.properties.keywords == "uso interno"
    assert "USO INTERNO" in wb.properties.title
    hoja = CalamineWorkbook.from_path(str(r.combinado)).get_sheet_by_name("Uso interno").to_python()
    assert hoja[0][0] == AVISO and tuple(hoja[FILA_ENCABEZADO]) == ENCABEZADO
    cuerpo = hoja[FILA_ENCABEZADO + 1:]
    tabla = calcular_beneficios(ds).por_asociado
    personas = list(ds.asociados.set_index("_linea").loc[filas, "persona"])
    assert sorted(f"{f[0]}:{f[1]}" for f in cuerpo) == sorted(personas)
    for f in cuerpo:
        fila = tabla.loc[f"{f[0]}:{f[1]}"]
        for j, c in enumerate(COMPONENTES, start=4):
            assert f[j] == ("no calculado" if math.isnan(fila[c]) else pytest.approx(fila[c], abs=1e-6))
        assert f[4 + len(COMPONENTES)] == pytest.approx(fila["total"])


# --- errors come back as Spanish text -------------------------------------------------------------------

def test_sin_hoja_asociados(tmp_path):
    wb = Workbook()
    wb.active.title = "Aportes"
    for fila in filas_archivo(CARPETA_INCLUIDA / "aportes.csv"):
        wb.active.append(fila)
    libro = LibroOpenpyxl(wb, tmp_path / "libro.xlsx")
    for accion in (acciones.validar_datos, acciones.calcular_balance, acciones.generar_extractos):
        r = accion(libro)
        assert not r.ok
        assert r.mensaje == "coopxl: falta la hoja Asociados (pegue allí el reporte de asociados, con su encabezado)"
        assert libro.mensajes[-1] == r.mensaje
    assert not (tmp_path / "extractos").exists()


def test_libro_sin_guardar(libro_nuevo):
    sin_archivo = LibroOpenpyxl(libro_nuevo.libro, None)
    r = acciones.generar_extractos(sin_archivo)
    assert not r.ok and r.mensaje.startswith("coopxl: guarde el libro antes de generar los extractos")


def test_hoja_asociados_ilegible(libro_nuevo):
    libro_nuevo.escribir("Asociados", [["Nada", "que", "ver"], ["x", "y", "z"]])
    r = acciones.calcular_balance(libro_nuevo)
    assert not r.ok and r.mensaje.startswith("coopxl: la hoja Asociados no se pudo leer (")
    assert "Traceback" not in r.mensaje


def test_error_inesperado_sin_traza(libro_nuevo, monkeypatch):
    import coopxl.extractos.masivo as masivo

    def falla(*a, **k):
        raise RuntimeError("algo se rompió")

    monkeypatch.setattr(masivo, "generar_extractos", falla)
    r = acciones.generar_extractos(libro_nuevo)
    assert not r.ok and r.mensaje == ("coopxl: error inesperado (RuntimeError: algo se rompió); informe este error "
                                      "a los desarrolladores")


def test_archivo_bloqueado(libro_nuevo, monkeypatch):
    import coopxl.extractos.masivo as masivo

    def bloqueado(ds, destino, **k):
        raise PermissionError(13, "Permission denied", str(destino / "C_1.xlsx"))

    monkeypatch.setattr(masivo, "generar_extractos", bloqueado)
    r = acciones.generar_extractos(libro_nuevo)
    assert not r.ok and "está abierto en otro programa" in r.mensaje and "C_1.xlsx" in r.mensaje


def test_ninguno_vigente(libro_nuevo, motor):
    ds, _, _ = motor
    retirado = ds.asociados[~ds.asociados["vigente"]]["_linea"].iloc[0]
    libro_nuevo.libro["Asociados"].sheet_view.selection[0].sqref = f"A{retirado}"
    r = acciones.generar_extractos(libro_nuevo, procesos=1)
    assert not r.ok and not libro_nuevo.preguntas
    assert not (libro_nuevo.carpeta() / "extractos" / "indice.csv").exists()
    assert r.mensaje == ("coopxl: no se generó ningún extracto: ninguno de los elegidos (el asociado seleccionado en "
                         "la hoja Asociados) es un asociado vigente al corte")


def test_hojas_con_solo_el_encabezado_no_se_pegaron(motor):
    """The template ships every report sheet with its header: a sheet left so is a report not pasted, not an
    empty file to warn about (for the UDFs and the buttons alike)."""
    from coopxl.complemento.hojas import dataset_desde_hojas, solo_encabezado

    hojas = hojas_de_carpeta(CARPETA_INCLUIDA)
    asamblea = [["Tipo Doc", "Documento", "Delegado", "Asistio"], [None, None, None, None]]
    ds, informe = dataset_desde_hojas({**hojas, "Asamblea": asamblea})
    assert not len(informe) and ds.asamblea is None and ds.beneficios is not None
    ds_sin, _ = dataset_desde_hojas({**hojas, "Beneficios": ["Tipo Doc", "Documento", "Fecha"]})  # one row, as
    assert ds_sin.beneficios is None  # xlwings gives a one-row range
    with pytest.raises(Exception, match="falta la hoja Asociados"):
        dataset_desde_hojas({**hojas, "Asociados": [hojas["Asociados"][0]]})
    assert solo_encabezado(None) and solo_encabezado("x") and solo_encabezado([[None], ["a"]])
    assert not solo_encabezado([["a"], [None], ["b"]])


# --- selection addresses ---------------------------------------------------------------------------------

@pytest.mark.parametrize(("direccion", "rangos"), [
    ("A2", [(2, 2)]),
    ("$A$2:$C$5", [(2, 5)]),
    ("$A$2:$C$5,$A$8", [(2, 5), (8, 8)]),  # Excel: areas split by commas
    ("B7:D7 A3 C9", [(7, 7), (3, 3), (9, 9)]),  # openpyxl sqref: by spaces
    ("$2:$5", [(2, 5)]),  # whole rows
    ("$A:$A", [(1, MAX_FILAS_EXCEL)]),  # a whole column
    ("C5:A3", [(3, 5)]),
    ("Asociados!$A$4", [(4, 4)]),
    ("", []),
    ("no es una celda", []),
    ("A", []),
    ("A:C", [(1, MAX_FILAS_EXCEL)]),
])
def test_rangos_de_direccion(direccion, rangos):
    assert rangos_de_direccion(direccion) == rangos


# --- the xlwings face, over a fake shaped like xlwings' API ------------------------------------------------

class RangoFalso:
    def __init__(self, hoja: HojaFalsa, fila: int, col: int, fila2: int | None = None, col2: int | None = None):
        self.hoja, self.row, self.column = hoja, fila, col
        self.fila2, self.col2 = fila2 or fila, col2 or col

    @property
    def last_cell(self) -> RangoFalso:
        return RangoFalso(self.hoja, self.fila2, self.col2)

    def options(self, ndim: int | None = None) -> RangoFalso:
        assert ndim == 2
        return self

    @property
    def value(self) -> list[list[object]]:
        return [[self.hoja.celdas.get((i, j)) for j in range(self.column, self.col2 + 1)]
                for i in range(self.row, self.fila2 + 1)]

    @value.setter
    def value(self, bloque: list[list[object]]) -> None:
        for i, fila in enumerate(bloque):
            for j, v in enumerate(fila):
                self.hoja.enviados[(self.row + i, self.column + j)] = v
                if isinstance(v, str) and v.startswith("'"):
                    v = v[1:]  # Excel keeps the text, the apostrophe only marks it
                elif isinstance(v, str):
                    v = _como_excel(v)
                if v is None:
                    self.hoja.celdas.pop((self.row + i, self.column + j), None)
                else:
                    self.hoja.celdas[(self.row + i, self.column + j)] = v


def _como_excel(v: str) -> object:
    """What Excel makes of a string typed into a cell (the part that matters here): numbers and percents."""
    limpio = v.replace(".", "").replace(",", ".").strip()
    try:
        return float(limpio[:-1]) / 100 if limpio.endswith("%") else float(limpio)
    except ValueError:
        return v


class HojaFalsa:
    def __init__(self, libro: LibroFalso, nombre: str, filas: list[list[object]] | None = None) -> None:
        self.libro, self.name = libro, nombre
        self.seleccion = "$A$1"
        self.celdas: dict[tuple[int, int], object] = {}
        self.enviados: dict[tuple[int, int], object] = {}
        for i, fila in enumerate(filas or [], start=1):
            for j, v in enumerate(fila, start=1):
                if v is not None:
                    self.celdas[(i, j)] = v

    @property
    def used_range(self) -> RangoFalso:
        if not self.celdas:
            return RangoFalso(self, 1, 1)
        filas = [i for i, _ in self.celdas]
        cols = [j for _, j in self.celdas]
        return RangoFalso(self, min(filas), min(cols), max(filas), max(cols))

    def range(self, a: tuple[int, int], b: tuple[int, int] | None = None) -> RangoFalso:
        return RangoFalso(self, *a, *(b or (None, None)))

    def clear_contents(self) -> None:
        self.celdas.clear()

    def activate(self) -> None:
        self.libro.sheets.activa = self


class HojasFalsas:
    def __init__(self, hojas: list[HojaFalsa]) -> None:
        self.lista = hojas
        self.activa = hojas[0] if hojas else None

    def __iter__(self):
        return iter(self.lista)

    def __len__(self) -> int:
        return len(self.lista)

    def __getitem__(self, i: int) -> HojaFalsa:
        return self.lista[i]

    @property
    def active(self) -> HojaFalsa | None:
        return self.activa

    def add(self, name: str, before=None, after=None) -> HojaFalsa:
        hoja = HojaFalsa(after.libro, name)
        self.lista.insert(self.lista.index(after) + 1, hoja)
        self.activa = hoja
        return hoja


class AppFalsa:
    def __init__(self) -> None:
        self.status_bar: str | bool = False
        self.screen_updating = True
        self.barra: list[str] = []
        self.avisos: list[tuple[str, str, str]] = []

    def __setattr__(self, nombre: str, valor: object) -> None:
        if nombre == "status_bar" and isinstance(valor, str):
            self.barra.append(valor)
        object.__setattr__(self, nombre, valor)

    def alert(self, prompt: str, title: str | None = None, buttons: str = "ok", mode: str | None = None) -> str:
        self.avisos.append((prompt, title, mode))
        return "yes" if buttons == "yes_no_cancel" else "ok"


class SeleccionFalsa:
    def __init__(self, address: str) -> None:
        self.address = address


class LibroFalso:
    def __init__(self, hojas: dict[str, list[list[object]]], fullname: str = "Libro1") -> None:
        self.app = AppFalsa()
        self.sheets = HojasFalsas([HojaFalsa(self, n, f) for n, f in hojas.items()])
        self.fullname = fullname

    @property
    def selection(self) -> SeleccionFalsa | None:
        """Excel's Selection: the active sheet's only."""
        return SeleccionFalsa(self.sheets.activa.seleccion) if self.sheets.activa is not None else None


@pytest.fixture
def excel(tmp_path, monkeypatch):
    """A fake Excel book holding the demo's sheets, saved in tmp_path, returned by xw.Book.caller()."""
    libro = LibroFalso({"Inicio": [], **hojas_de_carpeta(CARPETA_INCLUIDA)}, str(tmp_path / "BalanceSocial.xlsm"))
    monkeypatch.setattr(xw.Book, "caller", classmethod(lambda cls: libro))
    return libro


def test_botones_xlwings(excel, libro_nuevo, motor):
    """The three entry points over the fake write what the openpyxl implementation writes."""
    ds, _, balance = motor
    r = botones.validar_datos()
    assert r.ok and excel.app.barra[-1] == r.mensaje and excel.sheets.active.name == "Validacion"
    r = botones.calcular_balance()
    assert r.ok and not excel.app.avisos
    acciones.validar_datos(libro_nuevo)
    acciones.calcular_balance(libro_nuevo)
    for nombre in ("Validacion", "Balance"):
        hoja = next(h for h in excel.sheets if h.name == nombre)
        assert botones.LibroXlwings(excel).leer(nombre) == libro_nuevo.leer(nombre)
        assert all(v.startswith("'") for v in hoja.enviados.values() if isinstance(v, str) and v)
    resultados = [f[3] for f in botones.LibroXlwings(excel).leer("Balance")[1:]]
    assert resultados == [f.resultado_texto for f in balance.filas]  # "27,66 %" stayed a text in Excel
    assert excel.app.screen_updating is True

    asociados = next(h for h in excel.sheets if h.name == "Asociados")
    inicio = excel.sheets[0]
    excel.sheets.activa = inicio  # the button's sheet
    a, b = _filas_de(ds, 2, desde=5)
    asociados.seleccion = f"$A${a}:$C${a},$B${b}"
    r = botones.generar_extractos()
    assert r.ok and r.extractos.escritos == 2
    assert excel.sheets.active is inicio and excel.app.screen_updating is True  # the user's sheet is back
    assert excel.app.avisos[-2][0].startswith("¿Generar solo los extractos de los 2 asociados seleccionados")
    assert len(_archivos_asociados(Path(excel.fullname).parent / "extractos")) == 2
    assert excel.app.avisos[-1] == (r.mensaje, "coopxl", "info")
    assert any("generando extractos: 0 de 2…" in m for m in excel.app.barra)
    r = botones.generar_extractos_combinados()
    assert r.ok and r.combinado.exists()


def test_botones_xlwings_errores(excel, monkeypatch):
    excel.fullname = "Libro1"  # never saved
    r = botones.generar_extractos()
    assert not r.ok and excel.app.avisos[-1] == (r.mensaje, "coopxl", "critical")
    assert r.mensaje.startswith("coopxl: guarde el libro")
    excel.sheets.lista = [h for h in excel.sheets if h.name != "Asociados"]
    r = botones.calcular_balance()
    assert not r.ok and excel.app.avisos[-1][0] == r.mensaje and "falta la hoja Asociados" in r.mensaje

    def sin_excel(cls):
        raise RuntimeError("no hay Excel")

    monkeypatch.setattr(xw.Book, "caller", classmethod(sin_excel))
    avisos = []
    monkeypatch.setattr(botones, "_avisar_sin_libro", avisos.append)
    assert botones.validar_datos() is None
    assert avisos and avisos[0].startswith("coopxl: no se encontró el libro que llamó al botón")


def test_carpeta_del_libro_xlwings(tmp_path):
    assert botones.LibroXlwings(LibroFalso({}, "Libro1")).carpeta() is None
    assert botones.LibroXlwings(LibroFalso({}, "https://x.sharepoint.com/a/Libro.xlsm")).carpeta() is None
    assert botones.LibroXlwings(LibroFalso({}, str(tmp_path / "a.xlsm"))).carpeta() == tmp_path


def test_las_macros_llaman_funciones_que_existen():
    """Every RunPython call of the template's VBA (addin/vba/*.bas, H6) names a function of coopxl_botones
    that takes no argument."""
    import inspect
    import re

    fuentes = sorted((Path(__file__).resolve().parents[1] / "addin" / "vba").glob("*.bas"))
    if not fuentes:
        pytest.skip("las macros de la plantilla todavía no existen")
    llamadas = {m for f in fuentes for m in re.findall(r"coopxl_botones\.(\w+)\(\)", f.read_text(encoding="utf-8",
                                                                                                errors="replace"))}
    assert {"validar_datos", "calcular_balance", "generar_extractos"} <= llamadas
    for nombre in llamadas:
        funcion = getattr(botones, nombre)
        assert not [p for p in inspect.signature(funcion).parameters.values() if p.default is p.empty], nombre
