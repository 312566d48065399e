"""The texts of the 41 indicators: ids, principles and templates that format cleanly."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from coopxl.indicadores.textos import modelo
from coopxl.indicadores.textos.catalogo import FILAS_SES, NOMBRES_PRINCIPIO, ORDEN, PRINCIPIO_DE, TODOS
from coopxl.indicadores.textos.modelo import Texto, campos_de
from coopxl.indicadores.textos.p3_participacion_economica import (
    ESCALA_IPC_ANALISIS,
    ESCALA_IPC_RANGOS,
    TAMBIEN,
    escala_ipc,
    frase_escala_ipc,
)

INDICADORES_MD = Path(__file__).resolve().parents[2] / "shared" / "reference" / "indicadores.md"

IDS = [
    "equidad_genero_asamblea", "diversidad_organos", "diversidad_democratica",
    "participacion_votacion_delegados", "participacion_asistencia_asamblea", "asociados_activos",
    "equidad_genero_organos", "poblacion_joven_organos", "poblacion_joven_asamblea",
    "crecimiento_neto_asociados_habiles", "actividad_transaccional", "relevo_generacional",
    "equidad_genero_operaciones", "satisfaccion_asociados",
    "crecimiento_fondos_sociales", "capital_institucional", "equidad_genero_volumen_negocio",
    "inclusion_financiera", "cultura_ahorro", "cobertura_programas_sociales", "rentabilidad_social",
    "educacion_directivos", "educacion_asociados", "participacion_gasto_educacion", "educacion_empleados",
    "difusion_cooperativa", "crecimiento_inversion_educacion",
    "concentracion_creditos", "concentracion_depositos", "financiacion_externa", "patrocinios",
    "buen_gobierno",
    "gastos_comunidad", "creditos_incidencia_comunitaria", "creditos_fines_productivos", "medio_ambiente",
    "proveedores_locales",
    "fondeo_sector_solidario", "inversiones_sector_solidario", "contribuciones_sector_solidario",
    "economias_escala",
]  # fmt: skip

MUESTRA = {
    "valor": "27,66 %",
    "numerador": "13",
    "denominador": "47",
    "tendencia": "crecimiento",
}

PERMITIDOS = {"valor", "numerador", "denominador", "tendencia"}


def _ids_del_md(texto: str) -> list[tuple[int, str]]:
    principio = 0
    filas: list[tuple[int, str]] = []
    for linea in texto.splitlines():
        cabecera = re.match(r"^### (\d)\. ", linea)
        if cabecera:
            principio = int(cabecera.group(1))
            continue
        fila = re.match(r"^- `([a-z_]+)` —", linea)
        if fila and principio:
            filas.append((principio, fila.group(1)))
    return filas


def test_41_ids_distintos_en_el_orden_publico() -> None:
    assert len(IDS) == 41
    assert len(set(IDS)) == 41
    assert list(TODOS) == IDS
    assert ORDEN == IDS
    assert all(isinstance(t, Texto) for t in TODOS.values())


@pytest.mark.skipif(not INDICADORES_MD.exists(), reason="indicadores.md no disponible")
def test_ids_iguales_a_indicadores_md() -> None:
    filas = _ids_del_md(INDICADORES_MD.read_text(encoding="utf-8"))
    assert [i for _, i in filas] == IDS
    assert {i: p for p, i in filas} == PRINCIPIO_DE


def test_principios() -> None:
    assert sorted(NOMBRES_PRINCIPIO) == list(range(1, 8))
    assert NOMBRES_PRINCIPIO[1] == "Administración democrática, participativa, autogestionaria y emprendedora"
    for nombre in NOMBRES_PRINCIPIO.values():
        assert nombre[0].isupper() and not nombre.isupper()
    assert [sum(1 for p in PRINCIPIO_DE.values() if p == n) for n in range(1, 8)] == [9, 5, 7, 6, 5, 5, 4]


def test_equidad_genero_operaciones_dos_veces() -> None:
    assert TAMBIEN == ("equidad_genero_operaciones",)
    assert PRINCIPIO_DE["equidad_genero_operaciones"] == 2
    assert (2, "equidad_genero_operaciones") in FILAS_SES
    assert (3, "equidad_genero_operaciones") in FILAS_SES
    assert len(FILAS_SES) == 42
    texto = TODOS["equidad_genero_operaciones"]
    assert texto.analisis_p3 is not None and texto.analisis_p3 != texto.analisis


def test_unidades() -> None:
    razones = {i for i, t in TODOS.items() if t.unidad == "razon"}
    assert razones == {"actividad_transaccional", "equidad_genero_volumen_negocio"}
    assert {t.unidad for t in TODOS.values()} == {"porcentaje", "razon"}


def test_subconjunto_casos_conocidos() -> None:
    no_subconjunto = {
        "educacion_directivos", "educacion_empleados", "crecimiento_neto_asociados_habiles",
        "crecimiento_fondos_sociales", "crecimiento_inversion_educacion", "actividad_transaccional",
        "equidad_genero_volumen_negocio",
    }  # fmt: skip
    for id_ in no_subconjunto:
        assert TODOS[id_].subconjunto is False, id_
    for id_ in ("equidad_genero_asamblea", "diversidad_organos", "cultura_ahorro", "medio_ambiente"):
        assert TODOS[id_].subconjunto is True, id_


def _frases() -> list[tuple[str, str]]:
    return [(id_, p) for id_, t in TODOS.items() for p in t.plantillas()]


@pytest.mark.parametrize(("id_", "plantilla"), _frases())
def test_plantilla_formatea_limpia(id_: str, plantilla: str) -> None:
    assert campos_de(plantilla) <= PERMITIDOS, id_
    assert "{valor}" in plantilla, id_
    salida = plantilla.format(**MUESTRA)
    assert "{" not in salida and "}" not in salida
    assert "  " not in salida
    assert salida.endswith(".")
    assert ".." not in salida
    assert salida[0].isupper()
    assert " ," not in salida and " ." not in salida


def test_tendencia_solo_en_crecimientos() -> None:
    con_tendencia = {i for i, t in TODOS.items() if "tendencia" in t.campos()}
    assert con_tendencia == {
        "crecimiento_neto_asociados_habiles",
        "crecimiento_fondos_sociales",
        "crecimiento_inversion_educacion",
    }
    assert modelo.tendencia(-1.0) == "decrecimiento"
    assert modelo.tendencia(0.0) == "crecimiento"


@pytest.mark.parametrize("id_", IDS)
def test_campos_de_texto(id_: str) -> None:
    t = TODOS[id_]
    for campo in (t.nombre, t.proposito, t.formula, t.numerador):
        assert campo and campo == campo.strip()
        assert "  " not in campo and "\n" not in campo
        assert "- " not in campo.replace(" - ", "")  # no PDF hyphenation left
    assert t.nombre[0].isupper() and not t.nombre.isupper()
    assert not t.nombre.endswith(".")
    assert t.proposito.endswith(".")
    assert t.denominador or id_ == "satisfaccion_asociados"
    if "{numerador}" in t.analisis or "{denominador}" in t.analisis:
        assert t.numerador and t.denominador


def test_mensajes_de_estado() -> None:
    textos = [
        modelo.MENSAJE_DENOMINADOR_CERO.format(denominador=TODOS["equidad_genero_asamblea"].denominador),
        modelo.MENSAJE_SIN_DATOS.format(faltante="el reporte de asociados"),
        modelo.MENSAJE_NO_APLICA.format(motivo=modelo.MOTIVO_ASAMBLEA_ASOCIADOS),
    ]
    assert textos[0] == (
        "No se pudo calcular porque el denominador (total de integrantes de la asamblea) es cero."
    )
    for texto in textos:
        assert "{" not in texto and "  " not in texto and texto.endswith(".")


@pytest.mark.parametrize(
    ("crecimiento", "ipc", "escala"),
    [(5.0, 5.62, 1), (7.61, 5.62, 1), (7.62, 5.62, 2), (10.62, 5.62, 2), (10.63, 5.62, 3), (-9.46, 5.62, 1)],
)
def test_escala_ipc(crecimiento: float, ipc: float, escala: int) -> None:
    assert escala_ipc(crecimiento, ipc) == escala
    frase = frase_escala_ipc(crecimiento, ipc)
    assert f"escala {escala}:" in frase
    assert frase.startswith("Frente a un IPC de 5,62 %")
    assert "{" not in frase and "  " not in frase and frase.endswith(".")


def test_escala_ipc_plantillas() -> None:
    assert campos_de(ESCALA_IPC_ANALISIS) == {"ipc", "valor", "escala", "rango"}
    assert sorted(ESCALA_IPC_RANGOS) == [1, 2, 3]
