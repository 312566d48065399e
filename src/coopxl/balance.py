"""The Balance Social of one cut: every indicator computed and explained, and the beneficio solidario.

`calcular_balance` is the one entry point the CLI, the workbook, the UDFs and the extracts share;
`a_json` is the documented, stable JSON contract (see README, "Salida JSON").
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any

from coopxl import analisis, formato
from coopxl.beneficios import Beneficios, calcular_beneficios
from coopxl.dataset import Dataset
from coopxl.hilos import aparte
from coopxl.indicadores import todos
from coopxl.indicadores.modelo import Indicador, Resultado
from coopxl.indicadores.textos.catalogo import FILAS_SES, NOMBRES_PRINCIPIO

VERSION_JSON = 1


@dataclass(frozen=True)
class Fila:
    indicador: Indicador
    resultado: Resultado
    resultado_texto: str
    analisis: str
    advertencias: tuple[str, ...]
    anterior: Resultado | None = None

    @property
    def id(self) -> str:
        return self.indicador.id

    def cambio(self) -> float | None:
        """Change in points (or ratio units) against the previous cut, when both are numbers."""
        a = self.anterior
        if a is None or a.valor is None or self.resultado.valor is None:
            return None
        return self.resultado.valor - a.valor


@dataclass(frozen=True)
class Balance:
    ds: Dataset
    filas: tuple[Fila, ...]
    beneficios: Beneficios

    def fila(self, id_: str) -> Fila:
        return next(f for f in self.filas if f.id == id_)

    def por_principio(self) -> list[tuple[int, str, list[Fila]]]:
        """The supervisor's layout: principle by principle; equidad_genero_operaciones under 2 and 3."""
        tipo = _tipo_asamblea(self.ds)
        salida: list[tuple[int, str, list[Fila]]] = []
        por_id = {f.id: f for f in self.filas}
        for p, nombre in sorted(NOMBRES_PRINCIPIO.items()):
            filas = []
            for principio, id_ in FILAS_SES:
                if principio != p:
                    continue
                f = por_id[id_]
                if principio != f.indicador.principio:  # shown again with its own sentence
                    frase = analisis.frase_analisis(f.indicador, f.resultado, tipo, principio)
                    f = Fila(f.indicador, f.resultado, f.resultado_texto, frase, f.advertencias, f.anterior)
                filas.append(f)
            salida.append((p, nombre, filas))
        return salida


def _tipo_asamblea(ds: Dataset) -> str | None:
    v = ds.complementarios.get("asamblea_tipo")
    return v if isinstance(v, str) else None


def _calcular_uno(ind: Indicador, ds: Dataset) -> Resultado:
    try:
        return ind.calcular(ds)
    except Exception as e:  # never a traceback at the assembly: the row says what failed
        falla = f"un cálculo que falló ({type(e).__name__}: {e}); informe este error a los desarrolladores"
        return Resultado("sin_datos", faltantes=(falla,))


def calcular_balance(ds: Dataset) -> Balance:
    # The beneficio solidario (numpy and pandas sums, mostly free of the GIL) beside the indicators; the one
    # indicator that needs its totals waits for it (`dataset.una_vez`).
    beneficios_de = aparte(calcular_beneficios, ds)
    tipo = _tipo_asamblea(ds)
    filas = []
    for ind in todos():
        res = _calcular_uno(ind, ds)
        anterior = _calcular_uno(ind, ds.anterior) if ds.anterior is not None else None
        avisos = list(res.advertencias)
        if (imposible := analisis.advertencia_imposible(ind, res)) is not None:
            avisos.append(imposible)
        filas.append(Fila(ind, res, analisis.texto_resultado(ind, res),
                          analisis.frase_analisis(ind, res, tipo), tuple(avisos), anterior))
    return Balance(ds, tuple(filas), beneficios_de())


# --- JSON contract -------------------------------------------------------------------------------

def _num(v: float | None) -> float | None:
    return None if v is None or v != v else float(v)  # NaN -> null


def _fecha(d: dt.date) -> str:
    return d.isoformat()


def a_json(b: Balance) -> dict[str, Any]:
    ds = b.ds
    indicadores = []
    for f in b.filas:
        r = f.resultado
        item: dict[str, Any] = {
            "id": f.id,
            "principio": f.indicador.principio,
            "nombre": f.indicador.nombre,
            "valor": _num(r.valor) if r.estado == "ok" else None,
            "estado": r.estado,
            "numerador": _num(r.numerador),
            "denominador": _num(r.denominador),
            "resultado": f.resultado_texto,
            "analisis": f.analisis,
            "advertencias": list(f.advertencias),
        }
        if f.anterior is not None:
            item["anterior"] = {"valor": _num(f.anterior.valor), "estado": f.anterior.estado,
                                "cambio": _num(f.cambio())}
        if "escala_ipc" in r.extra:
            item["escala_ipc"] = r.extra["escala_ipc"]
        indicadores.append(item)
    ben = b.beneficios
    return {
        "version": VERSION_JSON,
        "entidad": ds.entidad,
        "corte": _fecha(ds.corte),
        "periodo": {"inicio": _fecha(ds.periodo.inicio), "fin": _fecha(ds.periodo.fin)},
        "indicadores": indicadores,
        "beneficios": {
            "totales": {k: _num(v) for k, v in ben.totales.items()},
            "asociados": ben.asociados,
            "rentabilidad_aportes": _num(ben.rentabilidad_total()),
            "no_calculados": list(ben.faltantes),
            "tasas_referencia": [{"producto": t.producto, "tasa": t.tasa, "fuente": t.fuente} for t in ben.tasas],
        },
        "advertencias": list(ds.advertencias) + list(ben.advertencias),
    }


def resumen_beneficios(ben: Beneficios) -> list[tuple[str, str]]:
    from coopxl.beneficios import COMPONENTES, NOMBRE_COMPONENTE

    filas = []
    for c in COMPONENTES:
        if c in ben.no_calculados:
            filas.append((NOMBRE_COMPONENTE[c], "no calculado"))
        else:
            filas.append((NOMBRE_COMPONENTE[c], formato.pesos(ben.totales[c])))
    filas.append(("Total beneficio solidario", formato.pesos(ben.totales["total"])))
    filas.append(("Aportes sociales de los asociados vigentes", formato.pesos(ben.totales["aportes"])))
    r = ben.rentabilidad_total()
    filas.append(("Rentabilidad de los aportes", formato.porcentaje(r) if r is not None else "no calculable"))
    return filas
