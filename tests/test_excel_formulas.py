"""The formula builder, table-driven: input -> exact formula text; the rule checker; and every allowed
function evaluated by both engines (formulas, LibreOffice) on a tiny workbook."""

from __future__ import annotations

import datetime as dt

import openpyxl
import pytest

from coopxl.excel import formulas as F
from coopxl.excel import recalculo

# --- references ----------------------------------------------------------------------------------

REFERENCIAS = [
    (F.letra(1), "A"),
    (F.letra(26), "Z"),
    (F.letra(27), "AA"),
    (F.letra(16384), "XFD"),
    (F.letra("ab"), "AB"),
    (F.hoja("Asociados"), "'Asociados'"),
    (F.hoja("Hoja 1"), "'Hoja 1'"),
    (F.hoja("O'Brien"), "'O''Brien'"),
    (F.celda("B", 2), "$B$2"),
    (F.celda(2, 2), "$B$2"),
    (F.celda("B", 2, fija_fila=False), "$B2"),
    (F.celda("B", 2, fija_columna=False, fija_fila=False), "B2"),
    (F.celda("C", 7, "Parametros"), "'Parametros'!$C$7"),
    (F.celda("A", 1, "O'Brien"), "'O''Brien'!$A$1"),
    (F.rango("B", 2, 1201, "Asociados"), "'Asociados'!$B$2:$B$1201"),
    (F.rango(2, 2, 10), "$B$2:$B$10"),
    (F.rango("A", 5, 9, "Parametros", columna_final="C"), "'Parametros'!$A$5:$C$9"),
    (F.nombre_definido("PA_corte"), "PA_corte"),
    (F.nombre_definido("CO_gasto_educacion"), "CO_gasto_educacion"),
]


@pytest.mark.parametrize(("obtenido", "esperado"), REFERENCIAS)
def test_referencias(obtenido: str, esperado: str) -> None:
    assert obtenido == esperado


@pytest.mark.parametrize("malo", ["", "a" * 32, "A[1]", "A:B", "A*", "'Hoja", "Hoja'", "A/B", "A\\B", "¿A?"])
def test_hoja_invalida(malo: str) -> None:
    with pytest.raises(ValueError):
        F.hoja(malo)


@pytest.mark.parametrize("malo", ["A1", "XFD1048576", "R1C1", "R", "C", "1abc", "con espacio", "TRUE", "a-b",
                                  ""])
def test_nombre_definido_invalido(malo: str) -> None:
    with pytest.raises(ValueError):
        F.nombre_definido(malo)


@pytest.mark.parametrize(("columna", "fila"), [(0, 1), (16385, 1), ("AAAA", 1), ("XFE", 1), ("A1", 1), (1, 0),
                                               (1, 1_048_577)])
def test_referencia_fuera_de_la_hoja(columna: int | str, fila: int) -> None:
    with pytest.raises(ValueError):
        F.celda(columna, fila)


def test_rango_vacio() -> None:
    with pytest.raises(ValueError):
        F.rango("A", 10, 9)


# --- literals and grouping -----------------------------------------------------------------------

LITERALES = [
    (F.texto("hola"), '"hola"'),
    (F.texto('dice "sí"'), '"dice ""sí"""'),
    (F.texto(""), '""'),
    (F.texto("NO SE PUDO CALCULAR, DENOMINADOR EN CERO"), '"NO SE PUDO CALCULAR, DENOMINADOR EN CERO"'),
    (F.texto("=SUMA(1)"), '"=SUMA(1)"'),
    (F.numero(30), "30"),
    (F.numero(-5), "-5"),
    (F.numero(0.5), "0.5"),
    (F.numero(365.25), "365.25"),
    (F.numero(100.0), "100"),
    (F.numero(1e-7), "0.0000001"),
    (F.numero(27.665), "27.665"),
    (F.logico(True), "TRUE"),
    (F.logico(False), "FALSE"),
]


@pytest.mark.parametrize(("obtenido", "esperado"), LITERALES)
def test_literales(obtenido: str, esperado: str) -> None:
    assert obtenido == esperado


def test_literales_invalidos() -> None:
    with pytest.raises(ValueError):
        F.texto("x" * 256)
    with pytest.raises(ValueError):
        F.numero(float("nan"))
    with pytest.raises(TypeError):
        F.numero(True)
    with pytest.raises(ValueError):
        F.llamada("SUM", "")
    with pytest.raises(TypeError):
        F.llamada("SUM", None)  # type: ignore[arg-type]


AGRUPAR = [
    ("A1", "A1"),
    ("$A$1", "$A$1"),
    ("'Asociados'!$B$2:$B$9", "'Asociados'!$B$2:$B$9"),
    ("'O''Brien'!A1", "'O''Brien'!A1"),
    ("PA_corte", "PA_corte"),
    ("12.5", "12.5"),
    ('"a+b"', '"a+b"'),
    ("COUNTIFS(AS_x,1)", "COUNTIFS(AS_x,1)"),
    ('IF(A1="(",1,0)', 'IF(A1="(",1,0)'),
    ("(a+b)", "(a+b)"),
    ("a+b", "(a+b)"),
    ("-5", "(-5)"),
    ("(a)+(b)", "((a)+(b))"),
    ("SUM(A1)+SUM(A2)", "(SUM(A1)+SUM(A2))"),
    ("A1=1", "(A1=1)"),
]


@pytest.mark.parametrize(("expr", "esperado"), AGRUPAR)
def test_agrupar(expr: str, esperado: str) -> None:
    assert F.agrupar(expr) == esperado


# --- builders ------------------------------------------------------------------------------------

CONSTRUCTORES = [
    (F.formula("A1+1"), "=A1+1"),
    (F.llamada("SUM", "A1", 2, 0.5), "SUM(A1,2,0.5)"),
    (F.countifs(("AS_habil", 1), ("AS_activo_p", 1)), "COUNTIFS(AS_habil,1,AS_activo_p,1)"),
    (F.countifs(("'Asociados'!$B$2:$B$1201", F.texto("C:100"))),
     "COUNTIFS('Asociados'!$B$2:$B$1201,\"C:100\")"),
    (F.sumifs("CA_monto", ("CA_desembolso_p", 1), ("CA_natural", 1)),
     "SUMIFS(CA_monto,CA_desembolso_p,1,CA_natural,1)"),
    (F.sumproduct(F.producto(F.comparar("AS_vigente", "=", 1), F.comparar("AS_mujer", "=", 1))),
     "SUMPRODUCT((AS_vigente=1)*(AS_mujer=1))"),
    (F.sumproduct("CA_monto", "CA_desembolso_p"), "SUMPRODUCT(CA_monto,CA_desembolso_p)"),
    (F.producto("AS_x", "a+b", 100), "AS_x*(a+b)*100"),
    (F.suma("A1", "B1", 3), "A1+B1+3"),
    (F.comparar("A1", "<=", "PA_corte"), "A1<=PA_corte"),
    (F.comparar("MONTH(A1)*100+DAY(A1)", ">", "B1"), "(MONTH(A1)*100+DAY(A1))>B1"),
    (F.igual_texto("$I2", "1"), '($I2&"")="1"'),
    (F.concatenar("$A2", F.texto(":"), "$B2"), '$A2&":"&$B2'),
    (F.concatenar("A1+1", "B1"), "(A1+1)&B1"),
    (F.si("A1>0", 1, F.texto("")), 'IF(A1>0,1,"")'),
    (F.si_error("1/A1", 0), "IFERROR(1/A1,0)"),
    (F.y("A1=1", "B1=1"), "AND(A1=1,B1=1)"),
    (F.o("A1=1", "B1=1"), "OR(A1=1,B1=1)"),
    (F.no("ISNUMBER(A1)"), "NOT(ISNUMBER(A1))"),
    (F.bandera("A1>PA_dias_mora_habil"), "IF(A1>PA_dias_mora_habil,1,0)"),
    (F.es_numero("$F2"), "ISNUMBER($F2)"),
    (F.redondear("A1/B1*100"), "ROUND(A1/B1*100,2)"),
    (F.redondear("A1", 0), "ROUND(A1,0)"),
    (F.indice("AS_mujer", "$E2"), "INDEX(AS_mujer,$E2)"),
    (F.indice("PA_tabla", 2, 3), "INDEX(PA_tabla,2,3)"),
    (F.coincidir("$AC2", "AS_clave_vigente"), "MATCH($AC2,AS_clave_vigente,0)"),
    (F.buscar("LEFT($C2,4)", "PA_modalidad_prefijo", "PA_modalidad_nombre", F.texto("otra")),
     'IFERROR(INDEX(PA_modalidad_nombre,MATCH(LEFT($C2,4),PA_modalidad_prefijo,0)),"otra")'),
    (F.division_segura("num", "den"), 'IF(den=0,"NO SE PUDO CALCULAR, DENOMINADOR EN CERO",num/den*100)'),
    (F.division_segura("COUNTIFS(AS_habil,1,AS_activo_p,1)", "COUNTIFS(AS_habil,1)"),
     'IF(COUNTIFS(AS_habil,1)=0,"NO SE PUDO CALCULAR, DENOMINADOR EN CERO",'
     'COUNTIFS(AS_habil,1,AS_activo_p,1)/COUNTIFS(AS_habil,1)*100)'),
    (F.division_segura("a+b", "c-d", decimales=2),
     'IF((c-d)=0,"NO SE PUDO CALCULAR, DENOMINADOR EN CERO",ROUND((a+b)/(c-d)*100,2))'),
    (F.division_segura("CO_transacciones_total", "B1", por_cien=False),
     'IF(B1=0,"NO SE PUDO CALCULAR, DENOMINADOR EN CERO",CO_transacciones_total/B1)'),
]


@pytest.mark.parametrize(("obtenido", "esperado"), CONSTRUCTORES)
def test_constructores(obtenido: str, esperado: str) -> None:
    assert obtenido == esperado


def test_constructores_invalidos() -> None:
    with pytest.raises(ValueError):
        F.comparar("A1", "=>", 1)
    with pytest.raises(ValueError):
        F.countifs()
    with pytest.raises(ValueError):
        F.llamada("si", 1)
    with pytest.raises(ValueError):
        F.sumproduct()


# --- the rule checker ----------------------------------------------------------------------------

PORTABLES = [
    "=COUNTIFS(AS_habil,1,AS_activo_p,1)",
    "=COUNTIFS('Asociados'!$B$2:$B$1201,$AC2,'Asociados'!$C$2:$C$1201,1)",
    '=IF(COUNTIFS(AS_habil,1)=0,"NO SE PUDO CALCULAR, DENOMINADOR EN CERO",COUNTIFS(AS_habil,1)/B1*100)',
    "=SUMPRODUCT((AS_vigente=1)*(AS_mujer=1))",
    '=IF(($I2&"")="1",1,0)',
    '=COUNTIFS(CA_persona,"C:100")',
    '=COUNTIFS(CA_persona,"")',
    '=IF(A1="<>",1,0)',  # an operator-looking text outside a criterion is just text
    "=EDATE(PA_corte+1,-12)",
    "=-A1",
    "=$A$1:$B$2",
    '=IFERROR(INDEX(PA_modalidad_nombre,MATCH(LEFT($C2,4),PA_modalidad_prefijo,0)),"otra")',
]


@pytest.mark.parametrize("formula", PORTABLES)
def test_formulas_portables(formula: str) -> None:
    assert F.revisar_formula(formula) == []


PROHIBIDAS = [
    ("=UNIQUE(A1:A9)", "UNIQUE"),
    ("=_xlfn.UNIQUE(A1:A9)", "_xlfn"),
    ("=FILTER(A1:A9,B1:B9=1)", "FILTER"),
    ("=SORT(A1:A9)", "SORT"),
    ("=SEQUENCE(5)", "SEQUENCE"),
    ("=LET(x,1,x+1)", "LET"),
    ("=LAMBDA(x,x+1)(2)", "LAMBDA"),
    ("=XLOOKUP(1,A1:A9,B1:B9)", "XLOOKUP"),
    ("=IFS(A1=1,2)", "IFS"),
    ("=MAXIFS(A1:A9,B1:B9,1)", "MAXIFS"),
    ("=TEXTJOIN(\",\",TRUE,A1:A9)", "TEXTJOIN"),
    ("=SUMA(A1:A9)", "SUMA"),
    ("=CONTAR.SI(A1:A9,1)", "CONTAR.SI"),
    ("=SUM(Tabla1[Saldo])", "estructurada"),
    ("=Tabla1[[#This Row],[Saldo]]", "estructurada"),
    ("=[1]Hoja!A1", "otro libro"),
    ("=SUM(A:A)", "columna entera"),
    ("=SUM($B:$B)", "columna entera"),
    ("=COUNTIFS('Asociados'!A:A,1)", "columna entera"),
    ("=SUM(2:2)", "fila entera"),
    ('=COUNTIFS(A1:A9,"<>")', "«<>»"),
    ('=COUNTIFS(A1:A9,"=")', "«=»"),
    ('=COUNTIFS(A1:A9,"<>x")', "«<>x»"),
    ('=COUNTIFS(A1:A9,">5")', "«>5»"),
    ('=COUNTIF(A1:A9,">5")', "«>5»"),
    ('=SUMIFS(C1:C9,A1:A9,1,B1:B9,"<3")', "«<3»"),
    ('=SUMIF(A1:A9,">="&PA_inicio,C1:C9)', "«>=»"),
    ('=COUNTIFS(A1:A9,"ab*")', "comodines"),
    ('=SUMPRODUCT(--(A1:A9="C"))', "doble negación"),
    ("='O''Brien'!A1", "apóstrofo"),
    ("=A1#", "no se pudo analizar"),
    ("SUM(A1)", "no es una fórmula"),
    ("=" + "+".join(["A1"] * 3000), "caracteres"),
    ("=" + "ABS(" * 70 + "1" + ")" * 70, "anidamiento"),
]


@pytest.mark.parametrize(("formula", "fragmento"), PROHIBIDAS)
def test_formulas_prohibidas(formula: str, fragmento: str) -> None:
    problemas = F.revisar_formula(formula)
    assert problemas, formula
    assert any(fragmento in p for p in problemas), problemas


def test_el_criterio_de_sumifs_no_es_el_rango_de_suma() -> None:
    # SUMIFS's first argument is the sum range, its criteria are the 3rd, 5th... arguments.
    assert F.revisar_formula('=SUMIFS(C1:C9,A1:A9,"C")') == []
    assert F.revisar_formula('=COUNTIFS(A1:A9,"C",B1:B9,">1")') != []


# --- every allowed function in both engines ------------------------------------------------------

DATOS = [("C", 1, 5, dt.datetime(1990, 2, 28)), ("N", 0, None, None), ("C", 1, "x", dt.datetime(2000, 2, 29)),
         (None, None, 3, None), ("E", 1, 2, dt.datetime(2025, 12, 31))]

MUESTRAS: list[tuple[str, object]] = [
    ("ABS(-2.5)", 2.5),
    ("AND(D!$B$2=1,D!$B$3=0)", True),
    ('CONCATENATE("a",D!$A$2)', "aC"),
    ("COUNT(D!$C$2:$C$6)", 3),
    ("COUNTA(D!$A$2:$A$6)", 4),
    ('COUNTIF(D!$A$2:$A$6,"C")', 2),
    ('COUNTIFS(D!$A$2:$A$6,"C",D!$B$2:$B$6,1)', 2),
    ('COUNTIFS(D!$A$2:$A$6,"")', 1),
    ("DATE(2024,3,0)", 45351),
    ("DATE(2023,2,29)", 44986),
    ('DATEDIF(DATE(2000,2,29),DATE(2025,2,28),"y")', 24),
    ("DAY(D!$D$2)", 28),
    ("EDATE(DATE(2024,2,29)+1,-12)", 44986),
    ("EDATE(DATE(2025,2,28)+1,-12)", 45352),
    ("EDATE(DATE(2025,12,31)+1,-12)", 45658),
    ("EOMONTH(DATE(2024,2,10),0)", 45351),
    ('FIXED(1234.5,2)', "1,234.50"),
    ('IF(D!$A$5="",1,0)', 1),
    ('IF(ISNUMBER(D!$D$2),D!$D$2+1,"x")', 32933),
    ('IFERROR(1/0,"e")', "e"),
    ("INDEX(D!$C$2:$C$6,5)", 2),
    ("INT(2.7)", 2),
    ("ISBLANK(D!$A$5)", True),
    ("ISERROR(1/0)", True),
    ("ISNUMBER(D!$C$4)", False),
    ("ISTEXT(D!$C$4)", True),
    ('LEFT("141105",4)', "1411"),
    ('LEN("abc")', 3),
    ('LOWER("ABC")', "abc"),
    ('MATCH("E",D!$A$2:$A$6,0)', 5),
    ("MAX(D!$C$2:$C$6)", 5),
    ('MID("abcdef",2,3)', "bcd"),
    ("MIN(D!$C$2:$C$6)", 2),
    ("AVERAGE(D!$C$2:$C$6)", 10 / 3),
    ("MONTH(D!$D$4)", 2),
    ("N(D!$C$3)", 0),
    ("N(D!$C$4)", 0),
    ("NOT(D!$B$3=1)", True),
    ('OR(D!$A$2="N",D!$A$2="E")', False),
    ('RIGHT("141105",2)', "05"),
    ("ROUND(27.665,2)", 27.67),
    ("ROUND(-2.5,0)", -3),
    ("ROW($B$7)", 7),  # ROW() without argument (the row's own number) is checked by tests/test_excel_orden.py
    ("SUM(D!$C$2:$C$6)", 10),
    ('SUBSTITUTE("DETERIORO ( CR )"," ","")', "DETERIORO(CR)"),
    ('RIGHT(SUBSTITUTE(UPPER("Deterioro (cr) ")," ",""),4)', "(CR)"),
    ('SUMIF(D!$A$2:$A$6,"C",D!$B$2:$B$6)', 2),
    ("SUMIFS(D!$C$2:$C$6,D!$B$2:$B$6,1)", 7),
    ('SUMPRODUCT((D!$A$2:$A$6="C")*(D!$B$2:$B$6=1))', 2),
    ('SUMPRODUCT((D!$A$2:$A$6="C")*1)', 2),
    ('SUMPRODUCT(D!$B$2:$B$6,D!$B$2:$B$6)', 3),
    ('TEXT(1234.5,"0.00")', "1234.50"),
    ('TRIM("  a  ")', "a"),
    ('UPPER("abc")', "ABC"),
    ('VALUE("12")+1', 13),
    ("YEAR(D!$D$2)", 1990),
    ("YEAR(D!$D$6)-YEAR(D!$D$2)-IF(MONTH(D!$D$2)*100+DAY(D!$D$2)>MONTH(D!$D$6)*100+DAY(D!$D$6),1,0)", 35),
    ('(D!$B$2&"")="1"', True),
    ("COUNTIFS(D!$D$2:$D$6,D!$D$6)", 1),
]


def test_muestras_cubren_las_funciones_permitidas() -> None:
    usadas = {f for formula, _ in MUESTRAS for f in _funciones(formula)}
    assert set(F.PERMITIDAS) <= usadas, sorted(set(F.PERMITIDAS) - usadas)
    for formula, _ in MUESTRAS:
        assert F.revisar_formula("=" + formula) == [], formula


def _funciones(formula: str) -> set[str]:
    from openpyxl.formula.tokenizer import Token, Tokenizer

    return {t.value[:-1].upper() for t in Tokenizer("=" + formula).items
            if t.type == Token.FUNC and t.subtype == Token.OPEN}


@pytest.fixture(scope="module")
def libro_muestras(tmp_path_factory: pytest.TempPathFactory):
    ruta = tmp_path_factory.mktemp("muestras") / "muestras.xlsx"
    wb = openpyxl.Workbook()
    d = wb.active
    d.title = "D"
    d.append(["t", "f", "n", "fecha"])
    for fila in DATOS:
        d.append(list(fila))
    r = wb.create_sheet("R")
    for i, (formula, _) in enumerate(MUESTRAS, start=1):
        r.cell(i, 1, "=" + formula)
    wb.save(ruta)
    return ruta


def _comparar_muestras(valores: dict[str, object]) -> list[str]:
    fallas = []
    for i, (formula, esperado) in enumerate(MUESTRAS, start=1):
        v = valores.get(f"R!A{i}")
        if isinstance(esperado, bool):
            ok = v == esperado
        elif isinstance(esperado, int | float):
            ok = isinstance(v, int | float) and not isinstance(v, bool) and abs(v - esperado) < 1e-9
        else:
            ok = v == esperado
        if not ok:
            fallas.append(f"{formula}: {v!r} != {esperado!r}")
    return fallas


def test_funciones_en_formulas(libro_muestras) -> None:
    assert _comparar_muestras(recalculo.recalcular_con_formulas(libro_muestras)) == []


@pytest.mark.skipif(recalculo.buscar_soffice() is None,
                    reason="LibreOffice (soffice) no está instalado: apt-get install libreoffice-calc")
def test_funciones_en_libreoffice(libro_muestras) -> None:
    assert _comparar_muestras(recalculo.recalcular_con_libreoffice(libro_muestras)) == []
