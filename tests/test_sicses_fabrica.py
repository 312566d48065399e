"""Builders of small, real-looking SICSES files for the sicses tests (and a few tests of the builders).

Headers are written exactly as ../shared/reference/sicses.md gives them: the entity's core-system style
(cp1252, `;`, dd/mm/yyyy, decimal comma) and the SICSES download style (three lines before the header,
CamelCase cartera headers). Each builder returns the cells of one row; `texto`/`xlsx` write a file.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Sequence
from pathlib import Path

from coopxl.sicses.problemas import Informe, Problema

ASOCIADOS = ["Tipo Doc", "Documento", "Primer Apellido", "Segundo Apellido", "Nombres", "Fecha Ingreso",
             "Telefono", "Direccion", "Asociado", "Activo", "Actividad Economica", "Cod Municipio", "Correo",
             "Genero", "Empleado", "Tipo Contrato", "Nivel Escolaridad", "Estrato", "Ingresos", "Nacimiento",
             "Estado Civil", "Mujer Cabeza", "Ocupacion", "Sector Economico", "Jornada Laboral",
             "fechaRetiro", "AsistioUltimaAsamblea"]
APORTES = ["Tipo Documento", "Documento", "Saldo Total", "Cuota Mensual", "Saldo Aportes Ordinarios",
           "Saldo Aportes Extraordinarios", "Valor Revalorización", "Monto Promedio", "Fecha Último Pago"]
APORTES_SICSES = ["TipoIden", "NIT", "Saldo a fecha", *APORTES[3:]]
CAPTACIONES = ["TipoDto", "Cedula", "Codigo", "Nombre Ahorro", "Tipo Ahorro", "Amortizacion",
               "Fecha Apertura", "Plazo", "Fecha Vencimiento", "Modalidad", "Tasa Nominal", "Tasa Efectiva",
               "Intereses", "Saldo Disponible", "Valor Inicial", "Cuenta", "exentaGMF", "FechaExencionGMF",
               "Estado", "CuentaBajoMonto", "Cotitulares"]
CARTERA = ["Tipo Documento", "Cedula", "Codigo", "Reestructurado", "Pagare", "Fecha Apertura",
           "Fecha Vencimiento", "Edad Mora", "TipCuo", "Cuotas Pagas", "Amortizacion", "Modalidad",
           "Tasa Nominal", "Tasa Efectiva", "Monto", "Cuota", "Saldo Capital", "Saldo Interes", "Otro Saldo",
           "Garan", "Fecha Apertura", "Provision", "Provision Interes", "Interes Dificil Cobro", "VlrExt",
           "MesExt", "Fecha Ultimo Pago", "ClGar", "DesCre", "Agencia", "Amortizacion", "Val Atraso",
           "Clase de vivienda", "Señal VIS", "Tipo o rango de vivienda", "Señal de subsidio",
           "Entidad de redescuento", "Margen de redescuento", "Sujeto de desembolso", "Moneda",
           "Fecha Reeestructurado", "Categ Reeestructurado", "APORTES", "COD_CREDITO", "NUM_ACTUALIZACIONES",
           "ESTADO", "NIT_PATRONAL", "NOMBRE_PATRONAL"]
CARTERA_SICSES = ["TipoIden", "NIT", "CodigoContable", "ModificacionesAlCredito", "NroCredito",
                  "FechaDesembolsoInicial", "FechaVencimiento", "Morosidad", "TipoCuota", "AlturaCuota",
                  "Amortizacion", "Modalidad", "TasaIntereNominal", "TasaInteresEfectiva", "ValorPrestamo",
                  "ValorCuotaFija", "SaldoCapital", "SaldoIntereses", "OtrosSaldos", "Garantia",
                  "FechaAvaluo", "Provision", "ProvisionInteres", "Contingencia", "ValosCuotasExtra",
                  "MesesCuotaExtra", "fechaultimopago", "clasegarantia", "destinocredito", "CodOficina",
                  "AmortiCapital", "ValorMora", "TipoVivienda", "VIS", "RangoTipo", "EntidadRedescuento",
                  "MargenRedescuento", "Subsidio", "Desembolso", "Moneda", "FechaReestructuracion",
                  "CategoriaReestr", "AportesSociales", "LineaCredEntidad", "NumModificaciones",
                  "Estadocredito", "NITPatronal", "NombrePatronal"]
CARTERA_CE15 = ["Modificación del crédito", "Tipo de modificación", "Fecha de modificación",
                "Calificación antes de la modificación", "Plazo periodo de gracia",
                "Tarjeta de crédito o cupo rotativo", "Pagaré en garantía"]
DIRECTIVOS = ["Tipo Doc", "Documento", "Nombres y Apellidos", "Organo", "Calidad", "Cargo",
              "Fecha Nombramiento"]
CATALOGO = ["Codigo", "Nombre", "Saldo"]
PREAMBULO_SICSES = ("SUPERINTENDENCIA DE LA ECONOMÍA SOLIDARIA", "{titulo}",
                    "Entidad: 1234 COOPERATIVA DE PRUEBA   Fecha de corte: 31/12/2025")

assert len(ASOCIADOS) == 27 and len(APORTES) == 9 and len(CAPTACIONES) == 21
assert len(CARTERA) == 48 and len(CARTERA_SICSES) == 48 and len(DIRECTIVOS) == 7


def asociado(doc: str, *, tipo: str = "C", ape1: str = "Pérez", ape2: str = "Gómez", nombres: str = "Ana",
             ingreso: str = "15/03/2015", asociado_: str = "1", genero: str = "2", nacimiento: str = "10/05/1985",
             retiro: str = "", asistio: str = "0", activo: str = "1", estrato: str = "3",
             ingresos: str = "4") -> list[str]:
    fila = dict.fromkeys(ASOCIADOS, "")
    fila.update({
        "Tipo Doc": tipo, "Documento": doc, "Primer Apellido": ape1, "Segundo Apellido": ape2, "Nombres": nombres,
        "Fecha Ingreso": ingreso, "Telefono": "3001234567", "Direccion": "Calle 10 # 5-20", "Asociado": asociado_,
        "Activo": activo, "Cod Municipio": "05001", "Correo": "", "Genero": genero, "Empleado": "0",
        "Nivel Escolaridad": "5", "Estrato": estrato, "Ingresos": ingresos, "Nacimiento": nacimiento,
        "Estado Civil": "1" if genero != "3" else "0", "Mujer Cabeza": "0", "Ocupacion": "1",
        "fechaRetiro": retiro, "AsistioUltimaAsamblea": asistio,
    })
    return list(fila.values())


def aporte(doc: str, *, tipo: str = "C", saldo: str = "1.000.000", cuota: str = "50.000",
           ultimo_pago: str = "15/12/2025", revalorizacion: str = "0", ordinarios: str = "0") -> list[str]:
    return [tipo, doc, saldo, cuota, ordinarios, "0", revalorizacion, cuota, ultimo_pago]


def captacion(doc: str, *, tipo: str = "C", codigo: str = "210505", tipo_ahorro: str = "1",
              apertura: str = "01/02/2020", saldo: str = "100.000", inicial: str = "0", tasa: str = "2,5",
              cuenta: str = "") -> list[str]:
    venc = "" if tipo_ahorro in ("1", "4") else "01/02/2026"
    return [tipo, doc, codigo, "AHORRO A LA VISTA" if tipo_ahorro == "1" else "CDAT", tipo_ahorro, "1", apertura,
            "0" if tipo_ahorro in ("1", "4") else "360", venc, "1", tasa, tasa, "0", saldo, inicial,
            cuenta or f"A{doc}{tipo_ahorro}", "0", "", "1", "0", "0"]


def credito(doc: str, pagare: str, *, tipo: str = "C", codigo: str = "141105", desembolso: str = "10/01/2025",
            mora: str = "0", monto: str = "2.000.000", saldo: str = "1.500.000", tasa_nominal: str = "18",
            tasa_efectiva: str = "19,56", fecha_avaluo: str = "", amortizacion: str = "30",
            amortizacion_capital: str = "M", ce15: bool = False) -> list[str]:
    fila = dict.fromkeys(range(48), "")
    valores = {
        0: tipo, 1: doc, 2: codigo, 3: "0", 4: pagare, 5: desembolso, 6: "10/01/2028", 7: mora, 8: "1", 9: "3",
        10: amortizacion, 11: "1", 12: tasa_nominal, 13: tasa_efectiva, 14: monto, 15: "70.000", 16: saldo,
        17: "0", 18: "0", 19: "2", 20: fecha_avaluo, 21: "0", 22: "0", 23: "0", 24: "0", 25: "", 26: "10/12/2025",
        27: "2", 28: "1", 29: "1", 30: amortizacion_capital, 31: "0", 39: "1", 42: "0", 43: "L01", 44: "0",
        45: "1",
    }
    fila.update(valores)
    celdas = list(fila.values())
    if ce15:
        celdas += ["No aplica", "", "", "", "", "No aplica", "No aplica"]
    return celdas


def directivo(doc: str, *, tipo: str = "C", organo: str = "1", calidad: str = "P", nombre: str = "Ana Pérez",
              cargo: str = "Consejero") -> list[str]:
    return [tipo, doc, nombre, organo, calidad, cargo, "20/03/2024"]


def texto(ruta: Path, encabezado: Sequence[str] | None, filas: Iterable[Sequence[str]], *, delim: str = ";",
          codificacion: str = "cp1252", preambulo: Sequence[str] = (), fin: str = "\r\n",
          bom: bool = False) -> Path:
    """Write a delimited text file the way an exporter does (no quoting, cp1252 by default)."""
    lineas = list(preambulo)
    if encabezado is not None:
        lineas.append(delim.join(encabezado))
    lineas += [delim.join(f) for f in filas]
    datos = (fin.join(lineas) + fin).encode(codificacion)
    if bom:
        datos = b"\xef\xbb\xbf" + datos
    ruta.write_bytes(datos)
    return ruta


def xlsx(ruta: Path, encabezado: Sequence[str] | None, filas: Iterable[Sequence[object]], *,
         preambulo: Sequence[str] = (), hoja: str = "Hoja1") -> Path:
    from openpyxl import Workbook

    wb = Workbook()
    ws = wb.active
    ws.title = hoja
    for p in preambulo:
        ws.append([p])
    if encabezado is not None:
        ws.append(list(encabezado))
    for f in filas:
        ws.append(list(f))
    wb.save(ruta)
    return ruta


def catalogo(ruta: Path, cuentas: Iterable[tuple[str, str, str]], **kw: object) -> Path:
    return texto(ruta, CATALOGO, [list(c) for c in cuentas], **kw)  # type: ignore[arg-type]


def complementarios(ruta: Path, pares: dict[str, str]) -> Path:
    return texto(ruta, ["clave", "valor"], [[k, v] for k, v in pares.items()])


def problemas(informe: Informe, archivo: str | None = None, contiene: str | None = None,
              severidad: str | None = None) -> list[Problema]:
    return [p for p in informe.todos()
            if (archivo is None or p.archivo == archivo) and (contiene is None or contiene in p.mensaje)
            and (severidad is None or p.severidad == severidad)]


def uno(informe: Informe, archivo: str | None = None, contiene: str | None = None,
        severidad: str | None = None) -> Problema:
    """The single problem that matches (fails listing every problem otherwise)."""
    hallados = problemas(informe, archivo, contiene, severidad)
    assert len(hallados) == 1, "\n".join(p.texto() for p in informe.todos())
    return hallados[0]


def carpeta_consistente(carpeta: Path) -> Path:
    """A small folder whose files agree with each other and with the catálogo: validates with no error."""
    carpeta.mkdir(parents=True, exist_ok=True)
    texto(carpeta / "asociados.csv", ASOCIADOS, [
        asociado("1001", ape1="Núñez", ape2="Peña", nombres="José", genero="1", asistio="1"),
        asociado("1002", nombres="María", ingreso="01/06/2020"),
        asociado("900123456", tipo="N", ape1="Cooperativa Ñandú", ape2="", nombres="", genero="3",
                 nacimiento=""),
    ])
    texto(carpeta / "aportes.csv", APORTES, [
        aporte("1001", saldo="1.500.000"), aporte("1002", saldo="500.000,50"),
        aporte("900123456", tipo="N", saldo="2.000.000"),
    ])
    texto(carpeta / "captaciones.csv", CAPTACIONES, [
        captacion("1001", saldo="300.000"), captacion("1002", codigo="211005", tipo_ahorro="2", saldo="700.000"),
    ])
    texto(carpeta / "cartera.csv", CARTERA, [
        credito("1001", "P-1", saldo="1.000.000"), credito("1002", "P-2", codigo="144105", saldo="400.000"),
    ])
    texto(carpeta / "directivos.csv", DIRECTIVOS, [directivo("1001"), directivo("1002", organo="2")])
    catalogo(carpeta / "catalogo.csv", [
        ("100000", "ACTIVO", "1.400.000"), ("140000", "CARTERA DE CRÉDITOS", "1.400.000"),
        ("141105", "CATEGORÍA A RIESGO NORMAL", "1.000.000"), ("144105", "CATEGORÍA A RIESGO NORMAL", "400.000"),
        ("200000", "PASIVO", "1.000.000"), ("210000", "DEPÓSITOS", "1.000.000"),
        ("210505", "AHORRO ORDINARIO", "300.000"), ("211005", "CDAT", "700.000"),
        ("300000", "PATRIMONIO", "4.000.000,50"),
        ("310500", "APORTES SOCIALES TEMPORALMENTE RESTRINGIDOS", "3.000.000,50"),
        ("311000", "APORTES SOCIALES MÍNIMOS NO REDUCIBLES", "1.000.000"),
    ])
    complementarios(carpeta / "complementarios.csv", {"fecha_corte": "31/12/2025", "asamblea_tipo": "asociados"})
    return carpeta


def fecha(texto_: str) -> dt.date:
    return dt.datetime.strptime(texto_, "%d/%m/%Y").date()


# --- tests of the builders themselves --------------------------------------------------------------

def test_encabezados_tienen_las_columnas_de_sicses_md():
    assert CARTERA.count("Fecha Apertura") == 2 and CARTERA.count("Amortizacion") == 2
    assert CARTERA_SICSES[0] == "TipoIden" and CARTERA_SICSES[-1] == "NombrePatronal"
    assert len(credito("1", "P")) == 48 and len(credito("1", "P", ce15=True)) == 55
    assert len(asociado("1")) == 27 and len(captacion("1")) == 21 and len(aporte("1")) == 9


def test_texto_escribe_cp1252_por_omision(tmp_path):
    ruta = texto(tmp_path / "a.csv", ["Nombre"], [["Núñez"]])
    assert ruta.read_bytes() == "Nombre\r\nNúñez\r\n".encode("cp1252")
