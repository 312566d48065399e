"""`coopxl formulario`: the numerators and denominators coopxl used, where each came from, in the
supervisor's order; states other than ok say what is missing."""

from __future__ import annotations

import dataclasses

import pytest
from constructor import Entidad, aporte, asociado

from coopxl.balance import calcular_balance
from coopxl.cli import main
from coopxl.conciliacion import datos_formulario, texto_formulario
from coopxl.conciliacion.formulario import origen_texto
from coopxl.dataset import cargar_dataset
from coopxl.demo.incluido import CARPETA_INCLUIDA
from coopxl.indicadores.modelo import Origen
from coopxl.indicadores.textos.catalogo import FILAS_SES


@pytest.fixture(scope="module")
def demo():
    ds, _ = cargar_dataset(CARPETA_INCLUIDA)
    return calcular_balance(ds)


def test_filas_en_el_orden_del_supervisor(demo):
    filas = datos_formulario(demo)
    assert [(f.principio, f.id) for f in filas] == FILAS_SES


def test_cada_dato_dice_de_donde_sale(demo):
    archivos = set(demo.ds.archivos.values())
    for f in datos_formulario(demo):
        if f.estado != "ok":
            continue
        assert f.datos, f.id
        assert not f.nota
        for d in f.datos:
            assert d.valor is not None, (f.id, d.etiqueta)
            assert d.origen is not None, (f.id, d.etiqueta)
            texto = d.origen_texto()
            assert any(a in texto for a in archivos) or "clave" in texto or "complementarios" in texto, (
                f.id, texto)


def test_datos_de_indicadores_de_archivos_y_claves(demo):
    filas = {f.id: f for f in datos_formulario(demo)}
    activos = filas["asociados_activos"]
    num, den = activos.datos
    assert num.etiqueta.startswith("Numerador: ") and den.etiqueta.startswith("Denominador: ")
    r = demo.fila("asociados_activos").resultado
    assert (num.valor, den.valor) == (r.numerador, r.denominador)
    assert demo.ds.archivos["asociados"] in den.origen_texto()
    assert "filas" in den.origen_texto()
    gobierno = filas["buen_gobierno"]
    assert all("clave buen_gobierno_" in d.origen_texto() for d in gobierno.datos)
    capital = filas["capital_institucional"]
    assert capital.datos[0].valor_texto().startswith("$ ")  # amounts in pesos
    assert "311010" in capital.datos[0].origen_texto()  # the CUIF accounts
    fondos = filas["crecimiento_fondos_sociales"]
    assert len(fondos.datos) == 4  # the four inputs the form asks for
    assert len(filas["satisfaccion_asociados"].datos) == 1  # a percentage typed as such: no denominator


def test_estados_distintos_de_ok_dicen_que_falta(demo):
    ds = demo.ds
    comp = {**ds.complementarios, "satisfaccion_porcentaje": None, "buen_gobierno_establecidas": 0.0,
            "buen_gobierno_cumplidas": 0.0, "asamblea_tipo": "asociados"}
    b = calcular_balance(dataclasses.replace(ds, complementarios=comp))
    filas = {f.id: f for f in datos_formulario(b)}
    sat = filas["satisfaccion_asociados"]
    assert sat.estado == "sin_datos" and sat.nota.startswith("Falta: ")
    assert "satisfaccion_porcentaje" in sat.nota
    assert sat.datos == ()
    gob = filas["buen_gobierno"]
    assert gob.estado == "denominador_cero"
    assert "es cero" in gob.nota and "NO SE PUDO CALCULAR" in gob.nota
    vot = filas["participacion_votacion_delegados"]
    assert vot.estado == "no_aplica" and vot.nota.startswith("No aplica: ")
    texto = texto_formulario(b)
    assert "Falta: " in texto and "No aplica: " in texto


def test_origen_texto():
    assert origen_texto(Origen("asociados hábiles", "asociados.csv", 12)) == \
        "asociados hábiles (archivo asociados.csv, 12 filas)"
    assert origen_texto(Origen("directivas mujeres", "directivos.csv", 1)) == \
        "directivas mujeres (archivo directivos.csv, 1 fila)"
    assert origen_texto(Origen("complementarios, clave gasto_educacion", clave="gasto_educacion")) == \
        "complementarios, clave gasto_educacion"
    assert origen_texto(Origen("gasto del periodo", clave="gasto_educacion")) == \
        "gasto del periodo (clave gasto_educacion de complementarios)"
    assert origen_texto(None) == "sin origen registrado"


def test_cli_sin_carpeta_usa_el_demo(capsys):
    assert main(["formulario"]) == 0
    salida = capsys.readouterr().out
    assert "Sin carpeta: se usa la cooperativa de demostración incluida" in salida
    assert "DATOS PARA EL FORMULARIO DEL BALANCE SOCIAL" in salida
    assert "Numerador: " in salida and "Denominador: " in salida and "de: " in salida
    assert salida.index("1. ADMINISTRACIÓN") < salida.index("7. INTEGRACIÓN")


def test_cli_con_carpeta_y_datos_faltantes(tmp_path, capsys):
    e = Entidad(tmp_path, asociados=[asociado("1"), asociado("2", genero="2")],
                aportes=[aporte("1"), aporte("2")])
    assert main(["formulario", str(e.escribir()), "--corte", "2025-12-31"]) == 0
    salida = capsys.readouterr().out
    assert "Sin carpeta" not in salida
    assert "Corte: 31/12/2025" in salida
    assert "Falta: " in salida
    assert "asociados.csv" in salida
