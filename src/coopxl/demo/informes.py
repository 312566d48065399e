"""The reports of a cut, as tables with the exact headers of `coopxl.sicses.layouts`.

Codes of the columns the layouts leave open, as the demo writes them: Tipo Contrato 1 indefinido,
2 fijo, 3 obra o labor, 4 prestación de servicios; Sector Economico 1 público, 2 privado, 3 solidario;
Jornada Laboral 1 completa, 2 medio tiempo, 3 por turnos; Actividad Economica the RUT/CIIU code
(0010 asalariado, 0020 pensionado...). Captaciones: Amortizacion = days between interest payments,
Modalidad V (vencida), Estado 1 activa / 2 inactiva. Cartera: TipCuo 1 cuota fija, Garan 1 admisible /
2 otras, ClGar 1 hipotecaria / 2 otra admisible / 3 personal, DesCre 1 libre inversión, 2 educación,
3 vehículo, 4 vivienda, 5 actividad productiva, Moneda 1 pesos, ESTADO 1 vigente / 2 cancelado.
"""

from __future__ import annotations

import numpy as np
import pyarrow as pa

from coopxl.demo import nombres as tx
from coopxl.demo.ahorros import CDAT, CONTRACTUAL, nombres_ahorro
from coopxl.demo.azar import uniforme
from coopxl.demo.cadenas import como_texto
from coopxl.demo.calendario import NUNCA, ultima_asamblea
from coopxl.demo.creditos import CATEGORIAS, MODALIDADES, PRODUCTIVO, VIVIENDA, tasa_mensual
from coopxl.demo.historia import Corte, Historia
from coopxl.demo.poblacion import nit_con_digito
from coopxl.demo.tablas import Tabla, decimal, entero, fecha, texto
from coopxl.sicses.layouts import LAYOUTS


def _tabla(id_: str, columnas: list, n_encabezados: int | None = None) -> Tabla:
    encabezados = LAYOUTS[id_].encabezados
    return Tabla(id_, tuple(encabezados[: n_encabezados or len(encabezados)]), tuple(columnas))


def _codigo(valores: np.ndarray, vacio: int) -> pa.Array:
    """A coded column whose value `vacio` means "not applicable" (an empty cell)."""
    return entero(valores, np.asarray(valores) == vacio)


def asociados(h: Historia, c: Corte) -> Tabla:
    """Everyone the core system lists: vigentes, recent retirements, employees and clients (Asociado 4)."""
    p, i = h.personas, c.archivo
    asoc = p.vinculo[i] == 1
    vigente = p.vigente(c.dia)[i]
    activo = np.where(asoc, vigente & (p.fin_pagos[i] > c.dia), p.retiro[i] > c.dia)
    municipio = np.array([m[0] for m in tx.MUNICIPIOS], dtype=object)[p.municipio[i]]
    retiro = np.where(p.retiro[i] <= c.dia, p.retiro[i], NUNCA)
    return _tabla("asociados", [
        texto(p.tipo_doc[i]), texto(p.documento[i]), texto(p.primer_apellido[i]),
        texto(p.segundo_apellido[i]), texto(p.nombres[i]), fecha(p.ingreso[i]), texto(p.telefono[i]),
        texto(p.direccion[i]), entero(p.vinculo[i]), entero(activo), texto(p.actividad[i]), texto(municipio),
        texto(p.correo[i]), entero(p.genero[i]), entero(p.empleado[i]), _codigo(p.tipo_contrato[i], 0),
        _codigo(p.escolaridad[i], -1), _codigo(p.estrato[i], 0), entero(p.ingresos[i]),
        fecha(p.nacimiento[i], p.sin_nacimiento[i]), entero(p.estado_civil[i]), entero(p.mujer_cabeza[i]),
        _codigo(p.ocupacion[i], 0), _codigo(p.sector[i], 0), _codigo(p.jornada[i], 0), fecha(retiro),
        entero(p.asistio_asamblea(ultima_asamblea(c.dia), i)),
    ])


def aportes(h: Historia, c: Corte) -> Tabla:
    """One row per vigente associate."""
    p, a = h.personas, c.aportes
    i = a.idx
    return _tabla("aportes", [
        texto(p.tipo_doc[i]), texto(p.documento[i]), entero(a.ordinarios + a.extraordinarios),
        entero(a.cuota), entero(a.ordinarios), entero(a.extraordinarios), entero(a.revalorizacion),
        entero(a.promedio), fecha(a.ultimo_pago),
    ])


def revalorizacion(h: Historia, c: Corte) -> Tabla:
    """The revalorización granted within the period, one row per associate who received it."""
    p, a = h.personas, c.aportes
    sel = a.revalorizacion > 0
    i = a.idx[sel]
    return _tabla("revalorizacion", [
        texto(p.tipo_doc[i]), texto(p.documento[i]), entero(a.saldo_base[sel]),
        decimal(np.full(len(i), a.porcentaje)), entero(a.revalorizacion[sel]),
    ])


def captaciones(h: Historia, c: Corte) -> Tabla:
    """One row per account open at the cut (zero balances included)."""
    p, k, e = h.personas, h.cuentas, c.captaciones
    i = e.idx
    quien = k.persona[i]
    tipo = k.tipo[i]
    con_plazo = np.isin(tipo, (CDAT, CONTRACTUAL))
    nominal = np.round(tasa_mensual(k.tasa[i]) * 1200, 2)
    amortizacion = np.where((tipo == CDAT) & (k.plazo_dias[i] <= 180), k.plazo_dias[i], 30)
    return _tabla("captaciones", [
        texto(p.tipo_doc[quien]), texto(p.documento[quien]), entero(k.codigo[i]), texto(nombres_ahorro(k, i)),
        entero(tipo), entero(amortizacion), fecha(k.apertura[i]), entero(k.plazo_dias[i], ~con_plazo),
        fecha(e.vencimiento), texto(np.full(len(i), "V", dtype=object)), decimal(nominal), decimal(k.tasa[i]),
        decimal(e.intereses), entero(e.saldo), entero(k.valor_inicial[i]), texto(como_texto(k.numero[i])),
        entero(k.exenta[i]), fecha(k.apertura[i], ~k.exenta[i]), entero(np.where(k.inactiva[i], 2, 1)),
        entero(k.bajo_monto[i]), entero(k.cotitulares[i]), entero(k.cotitulares[i] > 0),
    ])


def _vacio(n: int) -> pa.Array:
    return texto(np.full(n, "", dtype=object))


def _cartera_credito(h: Historia, c: Corte) -> list[pa.Array]:
    """Columns 1-17: debtor, account, loan number, dates, arrears, terms, rates, amounts."""
    p, k, e = h.personas, h.creditos, c.cartera
    i = e.idx
    n, quien = len(i), k.persona[i]
    return [
        texto(p.tipo_doc[quien]), texto(p.documento[quien]), entero(e.codigo), entero(e.reestructurado),
        texto(como_texto(k.pagare[i])), fecha(k.desembolso[i]), fecha(e.vencimiento), entero(e.edad_mora),
        entero(np.ones(n)), entero(e.cuotas_pagas), entero(np.full(n, 30)),
        texto(np.full(n, "V", dtype=object)),
        decimal(np.round(tasa_mensual(k.tasa[i]) * 1200, 2)), decimal(k.tasa[i]), entero(k.monto[i]),
        entero(e.cuota), entero(e.saldo_capital),
    ]


def _cartera_saldos(h: Historia, c: Corte) -> list[pa.Array]:
    """Columns 18-32: interest, guarantee, impairment, payments, office, amount in arrears."""
    p, k, e = h.personas, h.creditos, c.cartera
    i = e.idx
    n = len(i)
    vivienda = k.modalidad[i] == VIVIENDA
    avaluo = k.desembolso[i] - 10 - (uniforme(h.semilla, "avaluo", i) * 50).astype(np.int64)
    agencia = np.array([m[3] for m in tx.MUNICIPIOS], dtype=object)[p.municipio[k.persona[i]]]
    clase_garantia = np.where(vivienda, 1, np.where(k.admisible[i], 2, 3))
    cero = np.zeros(n, dtype=np.int64)
    dificil_cobro = np.where(e.categoria >= 2, e.saldo_interes, 0.0)
    return [
        decimal(e.saldo_interes), entero(cero), entero(np.where(k.admisible[i], 1, 2)),
        fecha(avaluo, ~vivienda), entero(e.provision), decimal(e.provision_interes), decimal(dificil_cobro),
        entero(cero), _vacio(n), fecha(e.ultimo_pago), entero(clase_garantia), entero(k.destino[i]),
        texto(agencia), entero(np.full(n, 30)), entero(e.valor_mora),
    ]


def _cartera_vivienda_y_fondeo(h: Historia, c: Corte) -> list[pa.Array]:
    """Columns 33-42: housing flags, rediscount, currency, restructuring."""
    k, e = h.creditos, c.cartera
    i = e.idx
    n = len(i)
    no_vivienda = k.modalidad[i] != VIVIENDA
    u = uniforme(h.semilla, "vivienda", i)
    redescuento = (k.modalidad[i] == PRODUCTIVO) & (uniforme(h.semilla, "redescuento", i) < 0.3)
    return [
        entero(np.where(u < 0.6, 1, 2), no_vivienda), entero(u < 0.35, no_vivienda),
        entero(1 + (u * 3).astype(np.int64) % 3, no_vivienda), entero(u < 0.15, no_vivienda),
        texto(np.where(redescuento, "FINAGRO", "")), decimal(np.full(n, 3.5), ~redescuento), _vacio(n),
        entero(np.ones(n)), fecha(e.fecha_reestructuracion),
        texto(np.where(e.reestructurado, CATEGORIAS[e.categoria], "")),
    ]


def _cartera_entidad(h: Historia, c: Corte) -> list[pa.Array]:
    """Columns 43-48: debtor's aportes, credit line, updates, state, payroll employer."""
    k, e = h.creditos, c.cartera
    i = e.idx
    patronal = k.patronal[i]
    con_patronal = patronal >= 0
    nits = nit_con_digito(np.array([int(x[0]) for x in tx.PATRONALES]))[np.maximum(patronal, 0)]
    nombres = np.array([x[1] for x in tx.PATRONALES], dtype=object)[np.maximum(patronal, 0)]
    linea = np.array([m.linea for m in MODALIDADES], dtype=object)[k.modalidad[i]]
    return [
        entero(c.saldo_aportes[k.persona[i]]), texto(linea), entero(e.reestructurado),
        entero(np.where(e.saldo_capital == 0, 2, 1)), texto(np.where(con_patronal, nits.astype(object), "")),
        texto(np.where(con_patronal, nombres, "")),
    ]


def _cartera_circular_15(h: Historia, c: Corte) -> list[pa.Array]:
    """Columns 49-55, added by Circular Externa 15 de 2020: credit modifications."""
    e = c.cartera
    n = len(e.idx)
    reest = e.reestructurado
    antes = np.where(uniforme(h.semilla, "calificacion", e.idx) < 0.5, "B", "C")
    no_aplica = texto(np.full(n, "No aplica", dtype=object))
    return [
        texto(np.where(reest, "Reestructurado", "")), texto(np.where(reest, "Ampliación de plazo", "")),
        fecha(e.fecha_reestructuracion), texto(np.where(reest, antes, "")), entero(np.full(n, 2), ~reest),
        no_aplica, no_aplica,
    ]


def cartera(h: Historia, c: Corte) -> Tabla:
    """One row per loan with a balance, or paid off within the period; 48 columns + 7 of CE 15/2020."""
    partes = (_cartera_credito, _cartera_saldos, _cartera_vivienda_y_fondeo, _cartera_entidad,
              _cartera_circular_15)
    return _tabla("cartera", [col for parte in partes for col in parte(h, c)])


def directivos(h: Historia, c: Corte) -> Tabla:
    """The organs of the term that covers the cut, with feminine positions for women."""
    p, o = h.personas, c.organos
    interno = o.persona >= 0
    q = np.maximum(o.persona, 0)
    partes = zip(p.nombres[q], p.primer_apellido[q], p.segundo_apellido[q], strict=True)
    nombre = [" ".join(f"{a} {b} {c_}".split()) if i else o.externo_nombre
              for (a, b, c_), i in zip(partes, interno, strict=True)]
    mujer = np.where(interno, p.genero[q] == 2, True)  # the revisora fiscal is a woman
    cargo = [tx.CARGOS_FEMENINOS.get(x, x) if m else x for x, m in zip(o.cargo, mujer, strict=True)]
    return _tabla("directivos", [
        texto(np.where(interno, p.tipo_doc[q].astype(object), "C")),
        texto(np.where(interno, p.documento[q].astype(object), o.externo_documento)),
        texto(nombre), entero(o.organo), texto(o.calidad), texto(cargo), fecha(o.nombramiento),
    ])


def beneficios(h: Historia, c: Corte) -> Tabla:
    """Benefits of the 24 months to the cut (this period and the previous one)."""
    p, b = h.personas, h.beneficios
    i = c.beneficios
    quien = b.persona[i]
    return _tabla("beneficios", [
        texto(p.tipo_doc[quien]), texto(p.documento[quien]), fecha(b.fecha[i]), texto(b.columna(i, 0)),
        texto(b.columna(i, 1)), entero(b.valor[i]), texto(b.columna(i, 2)),
    ])


def catalogo(c: Corte) -> Tabla:
    """Every CUIF level, `Codigo;Nombre;Saldo` (the layout's optional movement columns are not written)."""
    filas = c.catalogo
    return _tabla("catalogo", [
        entero(np.array([f[0] for f in filas])), texto(np.array([f[1] for f in filas], dtype=object)),
        decimal(np.array([f[2] for f in filas], dtype=np.float64) / 100),
    ], n_encabezados=3)

