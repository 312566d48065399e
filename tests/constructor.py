"""Build small hand-made input folders for golden tests: rows as dicts of canonical column names,
written in the real layouts (semicolon, cp1252, dd/mm/yyyy, Colombian numbers) and loaded through
the real readers, so a golden test exercises the same path as a user's files."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from pathlib import Path

from coopxl.sicses.layouts import LAYOUTS

CORTE = dt.date(2025, 12, 31)


def _celda(v: object) -> str:
    if v is None:
        return ""
    if isinstance(v, dt.date):
        return v.strftime("%d/%m/%Y")
    if isinstance(v, bool):
        return "1" if v else "0"
    if isinstance(v, float):
        return repr(v).replace(".", ",")
    return str(v)


def escribir_reporte(carpeta: Path, reporte: str, filas: list[dict[str, object]], nombre: str | None = None) -> Path:
    """One file of `reporte` with the layout's header and these rows (missing columns left empty)."""
    lay = LAYOUTS[reporte]
    columnas = lay.columnas[: len(lay.columnas) - lay.opcionales_finales] if reporte != "captaciones" \
        else lay.columnas
    lineas = [";".join(c.encabezado for c in columnas)]
    for fila in filas:
        desconocidas = set(fila) - {c.nombre for c in lay.columnas}
        if desconocidas:
            raise KeyError(f"columnas desconocidas para {reporte}: {desconocidas}")
        lineas.append(";".join(_celda(fila.get(c.nombre)) for c in columnas))
    ruta = carpeta / (nombre or f"{reporte}.csv")
    ruta.write_bytes(("\r\n".join(lineas) + "\r\n").encode("cp1252"))
    return ruta


def asociado(documento: str, *, genero: str = "1", ingreso: dt.date = dt.date(2015, 1, 1),
             nacimiento: dt.date | None = dt.date(1980, 6, 15), retiro: dt.date | None = None,
             asociado_: str = "1", tipo: str = "C", asistio: str = "0", nombres: str = "José",
             apellido: str = "Núñez") -> dict[str, object]:
    return {"tipo_documento": tipo, "documento": documento, "primer_apellido": apellido, "nombres": nombres,
            "fecha_ingreso": ingreso, "asociado": asociado_, "genero": genero, "fecha_nacimiento": nacimiento,
            "fecha_retiro": retiro, "asistio_ultima_asamblea": asistio, "activo": "1"}


def credito(documento: str, pagare: str, *, codigo: str = "141105", desembolso: dt.date = dt.date(2025, 3, 1),
            monto: float = 5_000_000, saldo: float = 4_000_000, mora: int = 0, tasa: float = 18.0,
            tipo: str = "C") -> dict[str, object]:
    return {"tipo_documento": tipo, "documento": documento, "codigo": codigo, "pagare": pagare,
            "fecha_desembolso": desembolso, "edad_mora": mora, "monto": monto, "saldo_capital": saldo,
            "tasa_efectiva": tasa}


def captacion(documento: str, *, tipo_ahorro: str = "1", saldo: float = 1_000_000, tasa: float = 3.0,
              apertura: dt.date = dt.date(2020, 1, 1), valor_inicial: float = 0, codigo: str | None = None,
              tipo: str = "C") -> dict[str, object]:
    cod = codigo or {"1": "210505", "2": "211005", "3": "212505", "4": "213005"}[tipo_ahorro]
    return {"tipo_documento": tipo, "documento": documento, "codigo": cod, "tipo_ahorro": tipo_ahorro,
            "fecha_apertura": apertura, "saldo_disponible": saldo, "tasa_efectiva": tasa,
            "valor_inicial": valor_inicial}


def aporte(documento: str, *, saldo: float = 2_000_000, cuota: float = 50_000,
           ultimo_pago: dt.date | None = dt.date(2025, 11, 30), revalorizacion: float = 0,
           tipo: str = "C") -> dict[str, object]:
    return {"tipo_documento": tipo, "documento": documento, "saldo_total": saldo, "cuota_mensual": cuota,
            "saldo_ordinarios": saldo, "valor_revalorizacion": revalorizacion, "fecha_ultimo_pago": ultimo_pago}


def directivo(documento: str, organo: str = "1", calidad: str = "P", tipo: str = "C") -> dict[str, object]:
    return {"tipo_documento": tipo, "documento": documento, "nombre": "Directivo", "organo": organo,
            "calidad": calidad}


def beneficio(documento: str, tipo_beneficio: str, valor: float, *, fecha: dt.date = dt.date(2025, 6, 1),
              fondo: str = "solidaridad", tipo: str = "C") -> dict[str, object]:
    return {"tipo_documento": tipo, "documento": documento, "fecha": fecha, "tipo_beneficio": tipo_beneficio,
            "concepto": "Beneficio", "valor": valor, "fondo": fondo}


def cuenta(codigo: str, saldo: float, nombre: str = "") -> dict[str, object]:
    return {"codigo": codigo, "nombre": nombre or f"CUENTA {codigo}", "saldo": saldo}


@dataclass
class Entidad:
    """A hand-made entity: fill the lists, then `cargar()` writes the folder and returns the Dataset."""

    carpeta: Path
    corte: dt.date = CORTE
    asociados: list[dict[str, object]] = field(default_factory=list)
    aportes: list[dict[str, object]] = field(default_factory=list)
    captaciones: list[dict[str, object]] = field(default_factory=list)
    cartera: list[dict[str, object]] = field(default_factory=list)
    directivos: list[dict[str, object]] = field(default_factory=list)
    beneficios: list[dict[str, object]] = field(default_factory=list)
    catalogo: list[dict[str, object]] = field(default_factory=list)
    asamblea: list[dict[str, object]] = field(default_factory=list)
    revalorizacion: list[dict[str, object]] = field(default_factory=list)
    complementarios: dict[str, object] = field(default_factory=dict)
    tasas: dict[str, float] = field(default_factory=dict)  # producto -> tasa de referencia
    parametros: dict[str, object] = field(default_factory=dict)  # generales.csv: dias_mora_habil, unidad_cuif

    def escribir(self) -> Path:
        self.carpeta.mkdir(parents=True, exist_ok=True)
        for reporte in ("asociados", "aportes", "captaciones", "cartera", "directivos", "beneficios", "catalogo",
                        "asamblea", "revalorizacion"):
            filas = getattr(self, reporte)
            if filas:
                escribir_reporte(self.carpeta, reporte, filas)
        comp = {"fecha_corte": self.corte.strftime("%d/%m/%Y"), **self.complementarios}
        texto = "clave;valor\r\n" + "".join(f"{k};{_celda(v)}\r\n" for k, v in comp.items())
        (self.carpeta / "complementarios.csv").write_bytes(texto.encode("cp1252"))
        if self.tasas:
            # anio left empty: a yearless user rate wins over the shipped yearly ones
            filas_t = "".join(f"{p};;{_celda(float(t))};prueba\r\n" for p, t in self.tasas.items())
            encabezado_t = "producto;anio;tasa_efectiva_anual;fuente\r\n"
            (self.carpeta / "tasas_referencia.csv").write_text(encabezado_t + filas_t, encoding="utf-8")
        if self.parametros:
            filas_p = "".join(f"{k};{_celda(v)};prueba\r\n" for k, v in self.parametros.items())
            (self.carpeta / "generales.csv").write_text("clave;valor;descripcion\r\n" + filas_p, encoding="utf-8")
        return self.carpeta

    def cargar(self, anterior: Path | None = None):  # -> tuple[Dataset, Lectura]
        from coopxl.dataset import cargar_dataset

        return cargar_dataset(self.escribir(), self.corte, anterior=anterior)
