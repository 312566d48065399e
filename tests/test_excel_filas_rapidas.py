"""The fast row writer (coopxl.excel.filas_rapidas) against openpyxl's own cell writer.

- Edge values (text that looks like a formula, & < >, accents, spaces, control characters, very long text,
  ints and floats at the edges of exactness, dates around 1900-03-01 and with a time, formulas with quotes
  and <>) read back by openpyxl equal to the input and equal to what openpyxl writes for the same cells;
  recalculated by the `formulas` package and LibreOffice, text stays text and formulas read their row.
- Whole workbooks (the 300-associate demo, the same with every sheet sorted, the edge entity of
  test_excel_datos) read back exactly as the workbooks written before the fast writer existed (openpyxl
  writing every cell): a fingerprint of every cell (coordinate, type, value, number format, bold, wrap,
  fill), of the sheet setup and of the defined names, stored in tests/datos/huella_libro.json from that
  earlier code. Regenerate it (`python tests/test_excel_filas_rapidas.py`) only for a deliberate change of
  the workbook's content, and say so.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
import math
import sys
from pathlib import Path

import openpyxl
import pytest
from openpyxl import Workbook
from openpyxl.cell import WriteOnlyCell

from coopxl.excel import filas_rapidas as FR
from coopxl.excel import recalculo
from coopxl.excel.portada import MAX_TEXTO_CELDA, limpiar_texto

REFERENCIA = Path(__file__).parent / "datos" / "huella_libro.json"
GENERADO = dt.datetime(2026, 1, 15, 10, 0)
D = dt.datetime

TEXTOS = ["=SUMA(A1)", "+57 300", "-x", "@nombre", "a & b", "<x> y </x>", "a<b>c&amp;", "ñandú, Bogotá D.C.",
          "  espacios al inicio", "al final  ", "   ", 'comillas "dobles" y \'simples\'', "x" * 40_000,
          "línea\nnueva", "\x01con\x1fcontrol", "", None, "\tTab", "0123", "1e5", "TRUE"]
NUMEROS = [0, 1, -5, 2**53, 2**53 - 1, -(2**53), 1e-20, -1234.5678, 1e300, 12345678.9, 0.5, -0.0, None,
           0.1 + 0.2, 1 / 3, 2.0**53, 3.0, float("nan"), float("inf")]
EXACTOS_16 = 9  # NUMEROS[:9] need at most 16 significant digits: openpyxl's %.16g writes them exactly too
FECHAS = [D(2025, 12, 31), D(1900, 1, 1), D(1900, 2, 28), D(1900, 3, 1), D(1950, 7, 4), D(2024, 2, 29),
          D(2025, 6, 30, 12, 30), dt.date(2000, 1, 1), None, D(9999, 12, 31)]
# (formula for the model row 1000, the formula expected on row 2) with the row replaced; quotes and <> escaped
FORMULAS = [
    ('=IF(ISTEXT($A1000),LEN($A1000),-1)', '=IF(ISTEXT($A2),LEN($A2),-1)'),
    ('=IF(ISNUMBER($B1000),"a<b>&""c""",N($B1000)*2)', '=IF(ISNUMBER($B2),"a<b>&""c""",N($B2)*2)'),
    ('=IF($A999=$A1000,1,0)+N($B1001)', '=IF($A1=$A2,1,0)+N($B3)'),
    ('=SUM($B$1:$B999)', '=SUM($B$1:$B1)'),
]
MARCAS = {"1001": 1, "999": -1, "1000": 0}
FORMATOS = {"A": "@", "B": "#,##0.00", "C": "dd/mm/yyyy", "D": "0", "E": "0.00", "F": "0", "G": "0"}
N_FILAS = max(len(TEXTOS), len(NUMEROS), len(FECHAS))


def _columna(valores: list[object]) -> list[object]:
    return valores + [None] * (N_FILAS - len(valores))


def _estilo(ws, formato: str) -> int:
    c = WriteOnlyCell(ws)
    c.number_format = formato
    return FR.estilo(c)


def _escribir_rapido(ruta: Path) -> None:
    wb = Workbook(write_only=True)
    ws = wb.create_sheet("Datos")
    ws.append(["Texto", "Número", "Fecha", *(f"Fórmula {i}" for i in range(len(FORMULAS)))])
    filas = range(2, 2 + N_FILAS)
    columnas = [FR.textos(1, filas, _columna(TEXTOS), _estilo(ws, FORMATOS["A"])),
                FR.numeros(2, filas, _columna(NUMEROS), _estilo(ws, FORMATOS["B"])),
                FR.fechas(3, filas, _columna(FECHAS), _estilo(ws, FORMATOS["C"]))]
    for i, (molde, _) in enumerate(FORMULAS):
        columnas.append(FR.formulas(4 + i, filas, FR.Molde(molde, MARCAS), _estilo(ws, "0.00" if i else "0")))
    FR.escribir_filas(ws, FR.filas_xml(filas, columnas))
    wb.save(ruta)


def _escribir_openpyxl(ruta: Path) -> None:
    """The same cells through openpyxl's own writer (what the workbook did before)."""
    wb = Workbook(write_only=True)
    ws = wb.create_sheet("Datos")
    ws.append(["Texto", "Número", "Fecha", *(f"Fórmula {i}" for i in range(len(FORMULAS)))])
    for i in range(N_FILAS):
        fila: list[object] = []
        for letra, valores in (("A", TEXTOS), ("B", NUMEROS), ("C", FECHAS)):
            v = _columna(valores)[i]
            if isinstance(v, str):
                v = limpiar_texto(v)
            if v is None or v == "" or (isinstance(v, float) and not math.isfinite(v)):
                fila.append(None)
                continue
            c = WriteOnlyCell(ws, value=v)
            if isinstance(v, str):
                c.data_type = "s"
            c.number_format = FORMATOS[letra]
            fila.append(c)
        for j, (molde, _) in enumerate(FORMULAS):
            r = 2 + i
            c = WriteOnlyCell(ws, value=molde.replace("1001", str(r + 1)).replace("999", str(r - 1))
                              .replace("1000", str(r)))
            c.number_format = "0.00" if j else "0"
            fila.append(c)
        ws.append(fila)
    wb.save(ruta)


@pytest.fixture(scope="module")
def libros(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Path]:
    base = tmp_path_factory.mktemp("filas_rapidas")
    rapido, referencia = base / "rapido.xlsx", base / "openpyxl.xlsx"
    _escribir_rapido(rapido)
    _escribir_openpyxl(referencia)
    return rapido, referencia


def _celdas(ruta: Path, data_only: bool = False) -> dict[str, openpyxl.cell.Cell]:
    ws = openpyxl.load_workbook(ruta, data_only=data_only)["Datos"]
    return {c.coordinate: c for fila in ws.iter_rows() for c in fila if c.value is not None}


def test_los_valores_vuelven_iguales(libros) -> None:
    celdas = _celdas(libros[0])
    for i in range(N_FILAS):
        fila = 2 + i
        texto, numero, fecha = (_columna(v)[i] for v in (TEXTOS, NUMEROS, FECHAS))
        t = celdas.get(f"A{fila}")
        esperado = limpiar_texto(texto) if texto else None
        assert (t.value if t is not None else None) == (esperado or None), fila
        if t is not None:
            assert t.data_type == "s" and t.number_format == "@"
        n = celdas.get(f"B{fila}")
        if numero is None or not math.isfinite(numero):
            assert n is None, fila
        else:
            assert n.data_type == "n" and n.number_format == "#,##0.00"
            assert n.value == numero and type(n.value) is type(numero), (fila, n.value, numero)
            assert math.copysign(1, n.value) == math.copysign(1, numero)
        f = celdas.get(f"C{fila}")
        if fecha is None:
            assert f is None
        else:
            comparable = fecha if isinstance(fecha, dt.datetime) else dt.datetime(fecha.year, fecha.month, fecha.day)
            assert f.value == comparable and f.is_date and f.number_format == "dd/mm/yyyy", fila
    assert celdas["A14"].value == "x" * MAX_TEXTO_CELDA  # the very long text, cut as openpyxl cuts it
    assert celdas["A2"].value == "=SUMA(A1)" and celdas["A2"].data_type == "s"


def test_las_formulas_llevan_su_fila(libros) -> None:
    celdas = _celdas(libros[0])
    for j, (_, en_fila_2) in enumerate(FORMULAS):
        c = celdas[f"{'DEFG'[j]}2"]
        assert c.data_type == "f" and c.value == en_fila_2
    assert celdas["F9"].value == '=IF($A8=$A9,1,0)+N($B10)'
    sin_cache = openpyxl.load_workbook(libros[0], data_only=True)["Datos"]
    assert all(sin_cache.cell(fila, 4).value is None for fila in range(2, 2 + N_FILAS))  # no cached value


def test_igual_a_lo_que_escribe_openpyxl(libros) -> None:
    for data_only in (False, True):
        rapido, referencia = _celdas(libros[0], data_only), _celdas(libros[1], data_only)
        assert rapido.keys() == referencia.keys()
        for clave, c in referencia.items():
            r = rapido[clave]
            assert (r.data_type, r.number_format) == (c.data_type, c.number_format), clave
            if c.column == 2 and c.row - 2 >= EXACTOS_16:
                assert r.value == pytest.approx(c.value, rel=1e-15), clave  # openpyxl keeps 16 digits only
            else:
                assert r.value == c.value, clave


def _comprobar_recalculo(valores: dict[str, object]) -> None:
    for i in range(N_FILAS):
        fila, texto, numero = 2 + i, _columna(TEXTOS)[i], _columna(NUMEROS)[i]
        limpio = limpiar_texto(texto) if texto else None
        assert valores.get(f"Datos!D{fila}") == (len(limpio) if limpio else -1), fila
        if limpio and limpio.strip():
            assert valores.get(f"Datos!A{fila}") == limpio.replace("\r", "\n"), fila
        con_numero = numero is not None and math.isfinite(numero)
        assert valores.get(f"Datos!E{fila}") == ('a<b>&"c"' if con_numero else 0), fila
    assert valores.get("Datos!G4") == NUMEROS[0] + NUMEROS[1]  # SUM($B$1:$B3): the rows above


def test_recalcula_con_formulas(libros) -> None:
    _comprobar_recalculo(recalculo.recalcular_con_formulas(libros[0]))


@pytest.mark.skipif(recalculo.buscar_soffice() is None, reason="LibreOffice (soffice) no está instalado")
def test_recalcula_con_libreoffice(libros) -> None:
    _comprobar_recalculo(recalculo.recalcular_con_libreoffice(libros[0]))


def test_hoja_sin_filas_de_openpyxl(tmp_path: Path) -> None:
    wb = Workbook(write_only=True)
    ws = wb.create_sheet("Vacia")  # openpyxl writes <sheetData/>: the rows go inside it
    FR.escribir_filas(ws, FR.filas_xml([1, 2], [FR.textos(1, [1, 2], ["x", None], _estilo(ws, "@"))]))
    wb.save(tmp_path / "x.xlsx")
    assert openpyxl.load_workbook(tmp_path / "x.xlsx")["Vacia"]["A1"].value == "x"


def test_las_filas_van_despues_de_las_de_openpyxl() -> None:
    wb = Workbook(write_only=True)
    ws = wb.create_sheet("Otra")
    ws.append(["a"])
    ws.append(["b"])
    with pytest.raises(RuntimeError, match="después de la fila 2"):
        FR.escribir_filas(ws, FR.filas_xml([2], [FR.numeros(1, [2], [7], _estilo(ws, "0"))]))


def test_molde_que_no_se_puede_reemplazar() -> None:
    FR.Molde("=$A1000+$B999", MARCAS).comprobar(2, 500)
    with pytest.raises(ValueError, match="molde"):
        FR.Molde("=A1", {"1": 1, "2": 0}).comprobar(1)  # sequential replace: 1 -> 2 -> 1; the split gives 2


def test_los_bloques_no_cambian_las_filas() -> None:
    columnas = [FR.Columna(1, 3, "texto", _columna(TEXTOS)), FR.Columna(2, 4, "numero", _columna(NUMEROS)),
                FR.Columna(3, 5, "fecha", _columna(FECHAS)),
                FR.Columna(4, 6, "formula", FR.Molde(FORMULAS[2][0], MARCAS)),
                FR.Columna(5, 7, "texto_con_vacias", _columna(TEXTOS))]
    enteras = list(FR.bloque(2, N_FILAS, columnas))
    assert list(FR.bloque(2, N_FILAS, columnas, tamano=3)) == enteras and len(enteras) == N_FILAS
    assert enteras[0].startswith('<row r="2"><c r="A2" s="3" t="inlineStr">')
    assert '<c r="E17" s="7" t="inlineStr"/>' in enteras[15]  # "" keeps its styled empty cell, as does None
    assert '<c r="E18" s="7" t="inlineStr"/>' in enteras[16] and '<c r="A17"' not in enteras[15]


def test_serial_de_fechas_como_openpyxl() -> None:
    from openpyxl.utils.datetime import to_excel

    otras = (D(1900, 2, 28, 6), D(1899, 1, 1), D(1899, 12, 30), D(1899, 12, 31))
    for f in (*(x for x in FECHAS if x is not None), *otras):
        esperado = to_excel(f if isinstance(f, dt.datetime) else dt.datetime(f.year, f.month, f.day))
        assert float(FR.serial_fecha(f)) == esperado


# --- whole workbooks against the earlier writer ---------------------------------------------------------

def _valor(v: object) -> str:
    if isinstance(v, (dt.datetime, dt.date, dt.time)):
        return v.isoformat()
    return repr(v)


def huella(ruta: Path) -> dict[str, object]:
    """What a reader sees of a workbook: per sheet, a hash of every non-empty or styled cell (coordinate, data
    type, value, number format, bold, wrap, fill), of the sheet setup (filter, panes, widths, heights), and
    the defined names."""
    wb = openpyxl.load_workbook(ruta)
    hojas: dict[str, object] = {}
    for ws in wb.worksheets:
        celdas = []
        for fila in ws.iter_rows():
            for c in fila:
                if c.value is None and not c.has_style:
                    continue
                celdas.append("|".join((c.coordinate, c.data_type, _valor(c.value), c.number_format,
                                        str(c.font.b), str(c.alignment.wrap_text), str(c.fill.fgColor.rgb))))
        montaje = [str(ws.auto_filter.ref), str(ws.freeze_panes), str(ws.print_title_rows), str(ws.print_area),
                   str(ws.max_row), str(ws.max_column), str(ws.dimensions),
                   *(f"{k}:{d.width}" for k, d in sorted(ws.column_dimensions.items())),
                   *(f"{k}:{d.height}" for k, d in sorted(ws.row_dimensions.items()) if d.height)]
        hojas[ws.title] = {"celdas": len(celdas),
                           "hash": hashlib.sha256("\n".join(celdas).encode()).hexdigest(),
                           "montaje": hashlib.sha256("\n".join(montaje).encode()).hexdigest()}
    nombres = sorted(f"{n}={d.attr_text}" for n, d in wb.defined_names.items())
    return {"hojas": hojas, "orden": wb.sheetnames,
            "nombres": hashlib.sha256("\n".join(nombres).encode()).hexdigest()}


def huellas(base: Path) -> dict[str, object]:
    """The fingerprints of the three reference workbooks, generated into `base`."""
    from coopxl.dataset import cargar_dataset
    from coopxl.demo import generar_demo
    from coopxl.excel import hojas_datos as H
    from coopxl.excel.libro import escribir_libro
    from tests.test_excel_datos import _entidad

    generar_demo(base / "demo", asociados=300, semilla=3)
    ds, _ = cargar_dataset(base / "demo")
    salida: dict[str, object] = {}
    escribir_libro(ds, base / "demo.xlsx", forzar=True, generado=GENERADO)
    salida["demo_300"] = huella(base / "demo.xlsx")
    previo = H.ORDENAR_DESDE
    H.ORDENAR_DESDE = 0
    try:
        escribir_libro(ds, base / "demo_ordenada.xlsx", forzar=True, generado=GENERADO)
    finally:
        H.ORDENAR_DESDE = previo
    salida["demo_300_ordenada"] = huella(base / "demo_ordenada.xlsx")
    bordes, _ = _entidad(base / "bordes").cargar()
    escribir_libro(bordes, base / "bordes.xlsx", forzar=True, generado=GENERADO)
    salida["bordes"] = huella(base / "bordes.xlsx")
    return salida


def test_libros_iguales_a_los_del_escritor_anterior(tmp_path: Path) -> None:
    esperado = json.loads(REFERENCIA.read_text(encoding="utf-8"))
    obtenido = huellas(tmp_path)
    for libro, h in esperado.items():
        assert obtenido[libro]["orden"] == h["orden"], libro
        assert obtenido[libro]["nombres"] == h["nombres"], f"{libro}: nombres definidos"
        for hoja, datos in h["hojas"].items():
            assert obtenido[libro]["hojas"][hoja] == datos, f"{libro}: hoja {hoja}"


if __name__ == "__main__":  # regenerate the reference (a deliberate change of the workbook's content only)
    import tempfile

    with tempfile.TemporaryDirectory() as tmp:
        REFERENCIA.write_text(json.dumps(huellas(Path(tmp)), indent=1, ensure_ascii=False) + "\n", encoding="utf-8")
    sys.exit(0)
