"""The entity-level figures of the demo: complementarios (clave;valor) and illustrative reference rates.

Values are tied to the generated files where they can be (education spending = the education benefits
of the period plus the cost of the free courses; community spending = account 523035; sponsorships =
426000). Keys that coopxl derives from the files are left blank on purpose.
"""

from __future__ import annotations

import numpy as np

from coopxl.complementarios import CLAVES
from coopxl.demo.azar import uniforme
from coopxl.demo.calendario import DIAS_ANIO, a_date, sumar_meses, ultima_asamblea
from coopxl.demo.historia import Corte, Historia
from coopxl.demo.poblacion import nit_con_digito
from coopxl.demo.supuestos import indice_salarial
from coopxl.demo.tablas import Celda, Tabla

ENTIDAD = {
    "entidad_nombre": "COOPERATIVA MULTIACTIVA DEMOSTRATIVA LOS ANDES (DATOS SINTÉTICOS)",
    "entidad_sigla": "COOPANDES DEMO",
    "entidad_codigo": "99999",
    "entidad_nit": str(nit_con_digito(np.array([999999999]))[0]),
    "entidad_tipo": "cooperativa",
}
COSTO_CURSO_GRATUITO = 30_000  # per participant, 2025 pesos
COSTO_FORMACION_DIRECTIVO = 250_000  # per directivo and year
FUENTE_TASAS = "Tasa ilustrativa de la demostración, no es un dato oficial"
TASAS_REFERENCIA = (
    ("consumo", "1411 1412 1441 1442 1469", 21.5), ("comercial", "1461 1462", 17.8),
    ("microcredito", "1448 1454 1455", 34.0), ("vivienda", "1404 1405", 12.6), ("productivo", "1476", 24.0),
    ("ahorro_vista", "1", 1.5), ("cdat", "2", 8.8), ("contractual", "3", 6.0), ("permanente", "4", 4.0),
)


def _gasto_educacion(h: Historia, desde: int, hasta: int, directivos: int) -> int:
    """Education benefits paid, the cost of the free courses, and the training of the directivos."""
    b = h.beneficios
    i = b.en(desde, hasta)
    educ = b.tipo(i) == "educacion"
    gratis = educ & (b.valor[i] == 0)
    indice = float(indice_salarial(np.array([a_date(hasta).year]))[0])
    costo = int(b.valor[i][educ].sum()) + gratis.sum() * COSTO_CURSO_GRATUITO * indice
    return int(round(costo + directivos * COSTO_FORMACION_DIRECTIVO * indice, -3))


def _habiles(h: Historia, c: Corte) -> np.ndarray:
    """Vigentes with no loan more than 30 days past due."""
    p = h.personas
    e = c.cartera
    morosos = h.creditos.persona[e.idx[(e.saldo_capital > 0) & (e.edad_mora > 30)]]
    habil = p.vigente(c.dia)
    habil[morosos] = False
    return habil


def _saldo(c: Corte, codigo: int) -> int:
    """Balance of a CUIF account in whole pesos (0 when absent)."""
    return next((v // 100 for k, _, v in c.catalogo if k == codigo), 0)


def _participacion(h: Historia, c: Corte) -> dict[str, Celda]:
    """Voters at the last assembly and the year's transactions, counted from the files."""
    p = h.personas
    habil = _habiles(h, c)
    vig = np.flatnonzero(p.vigente(c.dia))
    antig = (c.dia - p.ingreso) / DIAS_ANIO
    promedio = antig[vig].mean() if len(vig) else 0.0
    fue = np.zeros(p.n, dtype=bool)
    fue[vig] = p.asistio_asamblea(ultima_asamblea(c.dia), vig)
    votantes = fue & habil
    e = c.cartera
    prestamos = int((e.saldo_capital > 0).sum())
    vista = int(((h.cuentas.tipo[c.captaciones.idx] == 1) & (c.captaciones.saldo > 0)).sum())
    pagan = int(((c.aportes.ultimo_pago >= c.inicio) & (c.aportes.ultimo_pago <= c.dia)).sum())
    return {
        "votantes_antiguedad_inferior": int((votantes & (antig < promedio)).sum()),
        "votantes_potenciales": int(habil.sum()),
        "transacciones_total": (12 * pagan + 12 * prestamos + 9 * vista
                                + len(h.beneficios.en(c.inicio, c.dia))),
    }


def _valores(h: Historia, c: Corte) -> dict[str, Celda]:
    """Every non-derivable key; spending keys are tied to the catalogue's magnitudes."""
    o = c.organos
    directivos = len(np.unique(o.persona[o.organo <= 3]))
    empleados = int((h.personas.empleado & (h.personas.ingreso <= c.dia) & (h.personas.retiro > c.dia)).sum())
    anterior_fin = c.inicio - 1
    anterior_ini = int(sumar_meses(np.array([c.inicio]), -12)[0])
    gastos = _saldo(c, 500000) - _saldo(c, 530000)
    comunidad = _saldo(c, 523035)
    sin_alianzas = int(round(0.06 * gastos, -3))
    u = uniforme(h.semilla, "complementarios", np.arange(4), c.dia)
    proveedores = 25 + round(h.asociados ** 0.5 / 4)
    return {
        **ENTIDAD, "fecha_corte": c.fecha, "asamblea_tipo": "asociados",
        **_participacion(h, c),
        "satisfaccion_porcentaje": round(82 + 10 * float(u[0]), 1),
        "educacion_directivos_participantes": round(directivos * (1.1 + 0.5 * float(u[1]))),
        "educacion_directivos_convocados": directivos,
        "gasto_educacion": _gasto_educacion(h, c.inicio, c.dia, directivos),
        "gasto_educacion_anterior": _gasto_educacion(h, anterior_ini, anterior_fin, directivos),
        "educacion_empleados_participantes": max(1, round(empleados * (0.7 + 0.25 * float(u[2])))),
        "educacion_empleados_convocados": empleados,
        "gasto_difusion": int(round(0.3 * _saldo(c, 511018), -3)),
        "patrocinios_recibidos": _saldo(c, 426000),
        "buen_gobierno_cumplidas": 17, "buen_gobierno_establecidas": 19,
        "gasto_comunidad": comunidad, "gasto_medio_ambiente": int(round(0.35 * comunidad, -3)),
        "proveedores_locales_numero": round(proveedores * (0.6 + 0.2 * float(u[3]))),
        "proveedores_totales_numero": proveedores,
        "contribuciones_integracion": int(round(0.7 * _saldo(c, 511019), -3)),
        "economias_escala_valor": int(round(0.15 * sin_alianzas, -3)), "costo_sin_alianzas": sin_alianzas,
    }


def complementarios(h: Historia, c: Corte) -> Tabla:
    """Every key of `coopxl.complementarios.CLAVES`; derivable keys and the delegates' keys blank."""
    valores = _valores(h, c)
    claves = [k.clave for k in CLAVES]
    celdas: list[Celda] = [None if k.derivable else valores.get(k.clave) for k in CLAVES]
    return Tabla("complementarios", ("clave", "valor"), (claves, celdas))


def tasas_referencia() -> Tabla:
    filas = TASAS_REFERENCIA
    columnas = ([f[0] for f in filas], [f[1] for f in filas], [f[2] for f in filas],
                [FUENTE_TASAS] * len(filas))
    return Tabla("tasas_referencia", ("producto", "codigo", "tasa_efectiva_anual", "fuente"), columnas)

