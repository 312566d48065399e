"""One declarative layout per report: columns in file order, aliases for both header styles, types, codes.

The first alias of a column is the header coopxl writes (the entity's core-system style of
../shared/reference/sicses.md); the others are the SICSES download style, vendor variants and
common spellings. Headers are compared after `normalizar_encabezado` (lower case, no accents, no
spaces or punctuation), so "Fecha Último Pago", "FECHA ULTIMO PAGO" and "fechaUltimoPago" are one.
A header that appears twice (cartera's "Fecha Apertura", "Amortizacion") is resolved by position:
the n-th occurrence goes to the n-th column that claims it.
"""

from __future__ import annotations

import functools
import re
import unicodedata
from dataclasses import dataclass, field
from typing import Literal

# "mixto": kept as typed (text trimmed, workbook numbers and dates as they are), for clave;valor files.
Tipo = Literal["texto", "documento", "tipo_documento", "entero", "decimal", "fecha", "codigo", "cuenta", "mixto"]


@functools.lru_cache(maxsize=65536)
def _normalizar(texto: str) -> str:
    s = unicodedata.normalize("NFKD", texto).encode("ascii", "ignore").decode("ascii")
    return re.sub(r"[^a-z0-9]", "", s.lower())


def normalizar_encabezado(texto: object) -> str:
    """Lower case, accents and every non-alphanumeric character removed: the key headers are matched on."""
    return _normalizar(str(texto or ""))


@dataclass(frozen=True)
class Columna:
    nombre: str
    alias: tuple[str, ...]
    tipo: Tipo = "texto"
    requerida: bool = False
    codigos: tuple[str, ...] | None = None
    descripcion: str = ""
    # A rate in percent: an ambiguous separator ("12.683", "4,125") is always the decimal one.
    tasa: bool = False

    @property
    def encabezado(self) -> str:
        return self.alias[0]

    @functools.cached_property
    def claves(self) -> frozenset[str]:  # cached in the (frozen) instance's __dict__
        return frozenset(normalizar_encabezado(a) for a in self.alias)


@dataclass(frozen=True)
class Layout:
    id: str
    titulo: str
    columnas: tuple[Columna, ...]
    # Words that, found in a file name, hint at this report (compared normalised).
    pistas_nombre: tuple[str, ...] = ()
    codigo_sicses: str | None = None
    # Columns that belong to a later version of the format and may be absent.
    opcionales_finales: int = 0
    firma_minima: int = 3
    # Words that, found in a file name, say it is another report even if its header looks like this one.
    pistas_excluir: tuple[str, ...] = ()
    _por_nombre: dict[str, Columna] = field(default_factory=dict, init=False, repr=False, compare=False)

    def __post_init__(self) -> None:
        nombres = [c.nombre for c in self.columnas]
        if len(set(nombres)) != len(nombres):
            raise ValueError(f"layout {self.id}: nombres de columna repetidos")
        self._por_nombre.update({c.nombre: c for c in self.columnas})

    def columna(self, nombre: str) -> Columna:
        return self._por_nombre[nombre]

    @functools.cached_property
    def por_clave(self) -> dict[str, tuple[str, ...]]:
        """Normalised header -> the names of the columns that claim it, in layout order."""
        claves: dict[str, list[str]] = {}
        for c in self.columnas:
            for k in c.claves:
                claves.setdefault(k, []).append(c.nombre)
        return {k: tuple(v) for k, v in claves.items()}

    @property
    def encabezados(self) -> list[str]:
        return [c.encabezado for c in self.columnas]

    @property
    def requeridas(self) -> list[Columna]:
        return [c for c in self.columnas if c.requerida]

    @property
    def ancho_minimo(self) -> int:
        """Fields of a headerless file of this report without its optional trailing columns."""
        return len(self.columnas) - self.opcionales_finales


def col(nombre: str, *alias: str, tipo: Tipo = "texto", req: bool = False,
        codigos: tuple[str, ...] | None = None, desc: str = "", tasa: bool = False) -> Columna:
    return Columna(nombre, alias, tipo, req, codigos, desc, tasa)


# Document types: the exporter's letters, plus the DIAN numeric codes some systems write.
TIPOS_DOCUMENTO = ("C", "E", "N", "I", "R", "P", "T", "D", "O")
ALIAS_TIPO_DOCUMENTO = {
    "CC": "C", "13": "C", "1": "C", "CE": "E", "22": "E", "NIT": "N", "31": "N", "3": "N",
    "TI": "I", "12": "I", "RC": "R", "11": "R", "PA": "P", "PAS": "P", "41": "P", "PP": "P",
    "PEP": "E", "PPT": "E", "47": "E", "48": "E", "21": "E",
}

_DOC = ("Documento", "Numero Documento", "Número de Documento", "Identificacion", "Número de Identificación",
        "NumeroIdentificacion", "Cedula", "Cédula", "NIT", "NroDocumento", "Nit Asociado")
_TIPO = ("Tipo Doc", "Tipo Documento", "Tipo de Documento", "TipoDto", "TipoIden", "Tipo Identificacion",
         "Tipo de Identificación", "tipo_iden", "TipoDocumento")
_UNO_CERO = ("0", "1")


def _tipo_doc() -> Columna:
    return col("tipo_documento", *_TIPO, tipo="tipo_documento", req=True, codigos=TIPOS_DOCUMENTO)


def _documento() -> Columna:
    return col("documento", *_DOC, tipo="documento", req=True)


ASOCIADOS = Layout(
    "asociados",
    "Informe individual de asociados",
    (
        _tipo_doc(),
        _documento(),
        col("primer_apellido", "Primer Apellido", "PrimerApellido", "Apellido1"),
        col("segundo_apellido", "Segundo Apellido", "SegundoApellido", "Apellido2"),
        col("nombres", "Nombres", "Nombre", "Nombres Asociado"),
        col("fecha_ingreso", "Fecha Ingreso", "Fecha de Ingreso", "FechaIngreso", "Fecha Afiliacion",
            "Fecha de Afiliación", tipo="fecha", req=True),
        col("telefono", "Telefono", "Teléfono"),
        col("direccion", "Direccion", "Dirección"),
        col("asociado", "Asociado", "Es Asociado", "Tipo Vinculo", tipo="codigo", req=True,
            desc="1 asociado; otros códigos: empleados o clientes no asociados"),
        col("activo", "Activo", "Estado Activo", tipo="codigo", codigos=_UNO_CERO),
        col("actividad_economica", "Actividad Economica", "Actividad Económica", "CIIU"),
        col("cod_municipio", "Cod Municipio", "Codigo Municipio", "Código Municipio", "Municipio"),
        col("correo", "Correo", "Correo Electronico", "Correo Electrónico", "Email", "E-mail"),
        col("genero", "Genero", "Género", "Sexo", tipo="codigo", req=True, codigos=("1", "2", "3"),
            desc="1 masculino, 2 femenino, 3 persona jurídica"),
        col("empleado", "Empleado", "Es Empleado", tipo="codigo", codigos=_UNO_CERO),
        col("tipo_contrato", "Tipo Contrato", "Tipo de Contrato", "TipoContrato"),
        col("nivel_escolaridad", "Nivel Escolaridad", "Nivel de Escolaridad", "Escolaridad", tipo="codigo",
            codigos=tuple(str(i) for i in range(9))),
        col("estrato", "Estrato", tipo="codigo", codigos=tuple(str(i) for i in range(7))),
        col("ingresos", "Ingresos", "Rango Ingresos", "Nivel Ingresos", tipo="codigo",
            codigos=tuple(str(i) for i in range(13))),
        col("fecha_nacimiento", "Nacimiento", "Fecha Nacimiento", "Fecha de Nacimiento", "FechaNacimiento",
            tipo="fecha"),
        col("estado_civil", "Estado Civil", "EstadoCivil", tipo="codigo", codigos=tuple(str(i) for i in range(7))),
        col("mujer_cabeza", "Mujer Cabeza", "Mujer Cabeza de Familia", "MujerCabezaFamilia", tipo="codigo",
            codigos=_UNO_CERO),
        col("ocupacion", "Ocupacion", "Ocupación", tipo="codigo", codigos=tuple(str(i) for i in range(7))),
        col("sector_economico", "Sector Economico", "Sector Económico"),
        col("jornada_laboral", "Jornada Laboral", "JornadaLaboral"),
        col("fecha_retiro", "fechaRetiro", "Fecha Retiro", "Fecha de Retiro", tipo="fecha"),
        col("asistio_ultima_asamblea", "AsistioUltimaAsamblea", "Asistio Ultima Asamblea",
            "Asistió a la última asamblea", tipo="codigo", codigos=_UNO_CERO),
    ),
    pistas_nombre=("asociado", "9999", "individualdeasociados", "socios"),
    codigo_sicses="9999",
)

APORTES = Layout(
    "aportes",
    "Informe individual de aportes o contribuciones",
    (
        _tipo_doc(),
        _documento(),
        col("saldo_total", "Saldo Total", "Saldo a fecha", "Saldo a la fecha", "SaldoFecha", "Saldo Aportes",
            tipo="decimal", req=True),
        col("cuota_mensual", "Cuota Mensual", "CuotaMensual", "Valor Cuota", tipo="decimal"),
        col("saldo_ordinarios", "Saldo Aportes Ordinarios", "Aportes Ordinarios", "SaldoAportesOrdinarios",
            tipo="decimal"),
        col("saldo_extraordinarios", "Saldo Aportes Extraordinarios", "Aportes Extraordinarios",
            "SaldoAportesExtraordinarios", tipo="decimal"),
        col("valor_revalorizacion", "Valor Revalorización", "Valor Revalorizacion", "Revalorizacion",
            "Revalorización Aportes", "ValorRevalorizacion", tipo="decimal"),
        col("monto_promedio", "Monto Promedio", "MontoPromedio", tipo="decimal"),
        col("fecha_ultimo_pago", "Fecha Último Pago", "Fecha Ultimo Pago", "FechaUltimoPago", tipo="fecha"),
    ),
    pistas_nombre=("aporte", "9013", "contribuciones"),
    codigo_sicses="9013",
)

CAPTACIONES = Layout(
    "captaciones",
    "Informe individual de las captaciones",
    (
        _tipo_doc(),
        _documento(),
        col("codigo", "Codigo", "Código", "CodigoContable", "Cuenta Contable", tipo="cuenta", req=True),
        col("nombre_ahorro", "Nombre Ahorro", "NombreAhorro", "Nombre Producto", "NombreDeposito"),
        col("tipo_ahorro", "Tipo Ahorro", "TipoAhorro", "Tipo de Ahorro", "TipoDeposito", tipo="codigo",
            req=True, codigos=("1", "2", "3", "4"),
            desc="1 a la vista, 2 CDAT, 3 contractual, 4 permanente"),
        col("amortizacion", "Amortizacion", "Amortización", "PeriodicidadInteres"),
        col("fecha_apertura", "Fecha Apertura", "FechaApertura", "Fecha de Apertura", tipo="fecha", req=True),
        col("plazo", "Plazo", tipo="entero"),
        col("fecha_vencimiento", "Fecha Vencimiento", "FechaVencimiento", tipo="fecha"),
        col("modalidad", "Modalidad"),
        col("tasa_nominal", "Tasa Nominal", "TasaNominal", "TasaInteresNominal", tipo="decimal", tasa=True),
        col("tasa_efectiva", "Tasa Efectiva", "TasaEfectiva", "TasaInteresEfectiva", tipo="decimal", tasa=True),
        col("intereses", "Intereses", "InteresesCausados", "Intereses Causados", tipo="decimal"),
        col("saldo_disponible", "Saldo Disponible", "SaldoDisponible", "Saldo", tipo="decimal", req=True),
        col("valor_inicial", "Valor Inicial", "ValorInicial", "Monto Inicial", tipo="decimal"),
        col("cuenta", "Cuenta", "NumeroCuenta", "Numero Cuenta", "Número de Cuenta", "NroCuenta"),
        col("exenta_gmf", "exentaGMF", "Exenta GMF", "ExentaGMF"),
        col("fecha_exencion_gmf", "FechaExencionGMF", "Fecha Exencion GMF", tipo="fecha"),
        col("estado", "Estado", "EstadoCuenta"),
        col("cuenta_bajo_monto", "CuentaBajoMonto", "Cuenta Bajo Monto"),
        col("cotitulares", "Cotitulares", "Numero Cotitulares", tipo="entero"),
        col("conjunta", "Conjunta", "Conjunta o Colectiva", "ConjuntaColectiva"),
    ),
    pistas_nombre=("captacion", "ahorro", "9026", "deposito"),
    codigo_sicses="9026",
    opcionales_finales=1,
)

_MODALIDAD_CARTERA = "código contable CUIF de 6 dígitos; su prefijo da la modalidad"

CARTERA = Layout(
    "cartera",
    "Formato 19 — Informe individual de cartera de crédito",
    (
        col("tipo_documento", "Tipo Documento", "TipoIden", *_TIPO, tipo="tipo_documento", req=True,
            codigos=TIPOS_DOCUMENTO),
        col("documento", "Cedula", "NIT", *_DOC, tipo="documento", req=True),
        col("codigo", "Codigo", "CodigoContable", "Código", "Cuenta Contable", tipo="cuenta", req=True,
            desc=_MODALIDAD_CARTERA),
        col("reestructurado", "Reestructurado", "ModificacionesAlCredito", "Modificaciones al Credito"),
        col("pagare", "Pagare", "Pagaré", "NroCredito", "Numero Credito", "Número de Crédito", "Obligacion",
            req=True),
        col("fecha_desembolso", "Fecha Apertura", "FechaDesembolsoInicial", "Fecha Desembolso",
            "Fecha de Desembolso", tipo="fecha", req=True),
        col("fecha_vencimiento", "Fecha Vencimiento", "FechaVencimiento", tipo="fecha"),
        col("edad_mora", "Edad Mora", "Morosidad", "Dias Mora", "Días de Mora", "DiasMora", tipo="entero",
            req=True),
        col("tipo_cuota", "TipCuo", "TipoCuota", "Tipo Cuota"),
        col("cuotas_pagas", "Cuotas Pagas", "AlturaCuota", "Altura Cuota", tipo="entero"),
        col("amortizacion", "Amortizacion", "Amortización"),
        col("modalidad", "Modalidad"),
        col("tasa_nominal", "Tasa Nominal", "TasaIntereNominal", "TasaInteresNominal", tipo="decimal", tasa=True),
        col("tasa_efectiva", "Tasa Efectiva", "TasaInteresEfectiva", "TasaEfectiva", tipo="decimal", tasa=True),
        col("monto", "Monto", "ValorPrestamo", "Valor Prestamo", "Valor Desembolsado", tipo="decimal",
            req=True),
        col("cuota", "Cuota", "ValorCuotaFija", "Valor Cuota", tipo="decimal"),
        col("saldo_capital", "Saldo Capital", "SaldoCapital", tipo="decimal", req=True),
        col("saldo_interes", "Saldo Interes", "SaldoIntereses", "Saldo Interés", tipo="decimal"),
        col("otro_saldo", "Otro Saldo", "OtrosSaldos", tipo="decimal"),
        col("garantia", "Garan", "Garantia", "Garantía"),
        col("fecha_avaluo", "Fecha Apertura", "FechaAvaluo", "Fecha Avaluo", tipo="fecha"),
        col("provision", "Provision", "Provisión", tipo="decimal"),
        col("provision_interes", "Provision Interes", "ProvisionInteres", tipo="decimal"),
        col("interes_dificil_cobro", "Interes Dificil Cobro", "Contingencia", tipo="decimal"),
        col("valor_cuota_extra", "VlrExt", "ValosCuotasExtra", "ValorCuotasExtra", tipo="decimal"),
        col("meses_cuota_extra", "MesExt", "MesesCuotaExtra"),
        col("fecha_ultimo_pago", "Fecha Ultimo Pago", "fechaultimopago", "Fecha Último Pago", tipo="fecha"),
        col("clase_garantia", "ClGar", "clasegarantia", "Clase Garantia"),
        col("destino_credito", "DesCre", "destinocredito", "Destino Credito"),
        col("agencia", "Agencia", "CodOficina", "Oficina"),
        col("amortizacion_capital", "Amortizacion", "AmortiCapital", "Amortizacion Capital"),
        col("valor_mora", "Val Atraso", "ValorMora", "Valor Mora", tipo="decimal"),
        col("clase_vivienda", "Clase de vivienda", "TipoVivienda"),
        col("vis", "Señal VIS", "VIS"),
        col("rango_vivienda", "Tipo o rango de vivienda", "RangoTipo"),
        col("subsidio", "Señal de subsidio", "Subsidio"),
        col("entidad_redescuento", "Entidad de redescuento", "EntidadRedescuento"),
        col("margen_redescuento", "Margen de redescuento", "MargenRedescuento", tipo="decimal", tasa=True),
        col("sujeto_desembolso", "Sujeto de desembolso", "Desembolso"),
        col("moneda", "Moneda"),
        col("fecha_reestructuracion", "Fecha Reeestructurado", "FechaReestructuracion", "Fecha Reestructurado",
            tipo="fecha"),
        col("categoria_reestructuracion", "Categ Reeestructurado", "CategoriaReestr", "Categ Reestructurado"),
        col("aportes", "APORTES", "AportesSociales", tipo="decimal"),
        col("linea_credito", "COD_CREDITO", "LineaCredEntidad", "Linea Credito"),
        col("num_modificaciones", "NUM_ACTUALIZACIONES", "NumModificaciones", tipo="entero"),
        col("estado_credito", "ESTADO", "Estadocredito", "Estado Credito"),
        col("nit_patronal", "NIT_PATRONAL", "NITPatronal"),
        col("nombre_patronal", "NOMBRE_PATRONAL", "NombrePatronal"),
        # Circular Externa 15 de 2020, from the 30/06/2020 cut: optional trailing columns.
        col("modificacion_credito", "Modificacion del credito", "ModificacionCredito",
            "Modificación del crédito"),
        col("tipo_modificacion", "Tipo de modificacion", "TipoModificacion", "Tipo de modificación"),
        col("fecha_modificacion", "Fecha de modificacion", "FechaModificacion", "Fecha de modificación",
            tipo="fecha"),
        col("calificacion_antes", "Calificacion antes de la modificacion", "CalificacionAntesModificacion",
            "Calificación antes de la modificación", tipo="codigo", codigos=("A", "B", "C", "D", "E")),
        col("plazo_gracia", "Plazo periodo de gracia", "PlazoPeriodoGracia", "Plazo período de gracia",
            tipo="entero"),
        col("tarjeta_cupo", "Tarjeta de credito o cupo rotativo", "TarjetaCreditoCupoRotativo",
            "Tarjeta de crédito o cupo rotativo"),
        col("pagare_garantia", "Pagare en garantia", "PagareGarantia", "Pagaré en garantía"),
    ),
    pistas_nombre=("cartera", "credito", "9027", "formato19", "f19", "prestamo"),
    pistas_excluir=("bancos", "obligacionesfinancieras", "9052"),
    codigo_sicses="9027",
    opcionales_finales=7,
    firma_minima=5,
)

ORGANOS = ("1", "2", "3", "4", "5")

DIRECTIVOS = Layout(
    "directivos",
    "Informe de órganos de dirección y control (8888)",
    (
        _tipo_doc(),
        col("documento", "Documento", "identificacion", *(a for a in _DOC[1:] if a != "NIT"), tipo="documento",
            req=True),
        col("nombre", "Nombres y Apellidos", "Nombre", "Nombre Completo", "nombre_directivo"),
        col("organo", "Organo", "Órgano", "id_tipo_directivo", "Tipo Directivo", tipo="codigo", req=True,
            codigos=ORGANOS,
            desc="1 consejo/junta directiva, 2 junta de vigilancia, 3 comité de apoyo, 4 gerencia, 5 revisoría"),
        col("calidad", "Calidad", "principal_suplente", "Principal Suplente", tipo="codigo", codigos=("P", "S")),
        col("cargo", "Cargo", "cargo_directivo"),
        col("fecha_nombramiento", "Fecha Nombramiento", "fecha_nombra", "Fecha de Nombramiento", tipo="fecha"),
    ),
    pistas_nombre=("directivo", "8888", "organo", "consejo"),
    codigo_sicses="8888",
)

REVALORIZACION = Layout(
    "revalorizacion",
    "Revalorización de aportes",
    (
        _tipo_doc(),
        _documento(),
        col("saldo_base", "Saldo Base", "SaldoBase", tipo="decimal", req=True),
        col("porcentaje", "Porcentaje", "Porcentaje Revalorizacion", tipo="decimal", req=True, tasa=True),
        col("valor_revalorizado", "Valor Revalorizado", "ValorRevalorizado", "Valor Revalorizacion",
            tipo="decimal", req=True),
    ),
    pistas_nombre=("revaloriz",),
)

CATALOGO = Layout(
    "catalogo",
    "Catálogo de cuentas (CUIF)",
    (
        col("codigo", "Codigo", "CUENTA", "Código", "CODCUENTA", "CODRENGLON", "Codigo Cuenta", tipo="cuenta",
            req=True),
        col("nombre", "Nombre", "DESCRIPCION DE LA CUENTA", "NOMBRE CUENTA", "Descripcion",
            "Nombre de la cuenta"),
        col("saldo", "Saldo", "SALDO", "VALOR EN PESOS", "Saldo Actual", "Saldo Final", tipo="decimal", req=True),
        col("saldo_anterior", "Saldo Anterior", "SaldoAnterior", "Saldo Inicial", tipo="decimal"),
        col("debitos", "Debitos", "Débitos", tipo="decimal"),
        col("creditos", "Creditos", "Créditos", tipo="decimal"),
    ),
    pistas_nombre=("catalogo", "cuif", "balance", "formato1", "cuentas"),
    codigo_sicses="3",
    opcionales_finales=3,
    firma_minima=2,
)

TIPOS_BENEFICIO = ("auxilio", "educacion", "recreacion", "salud", "convenio", "seguro", "retorno", "otro")
FONDOS = ("educacion", "solidaridad", "recreacion", "bienestar", "otro")

BENEFICIOS = Layout(
    "beneficios",
    "Beneficios entregados (archivo propio)",
    (
        _tipo_doc(),
        _documento(),
        col("fecha", "Fecha", "Fecha Beneficio", "Fecha Entrega", tipo="fecha", req=True),
        col("tipo_beneficio", "Tipo Beneficio", "TipoBeneficio", "Tipo de Beneficio", tipo="codigo", req=True,
            codigos=TIPOS_BENEFICIO),
        col("concepto", "Concepto", "Descripcion", "Detalle"),
        col("valor", "Valor", "Valor Beneficio", "Monto", tipo="decimal", req=True),
        col("fondo", "Fondo", "Fondo Social", tipo="codigo", codigos=FONDOS),
    ),
    pistas_nombre=("beneficio", "auxilio"),
)

ASAMBLEA = Layout(
    "asamblea",
    "Asamblea: delegados y asistentes (archivo propio)",
    (
        _tipo_doc(),
        _documento(),
        col("delegado", "Delegado", "Es Delegado", tipo="codigo", codigos=_UNO_CERO),
        col("asistio", "Asistio", "Asistió", "Asistencia", tipo="codigo", req=True, codigos=_UNO_CERO),
    ),
    pistas_nombre=("asamblea", "delegado"),
    firma_minima=3,
)

COMPLEMENTARIOS = Layout(
    "complementarios",
    "Datos complementarios (clave;valor)",
    (
        col("clave", "clave", "Clave", "Variable", "Concepto", req=True),
        col("valor", "valor", "Valor", "Dato", tipo="mixto"),  # blank = a missing input, not an error
        col("descripcion", "descripcion", "Descripción", "Nota"),
    ),
    pistas_nombre=("complementario",),
    opcionales_finales=1,
    firma_minima=2,
)

LAYOUTS: dict[str, Layout] = {
    lay.id: lay
    for lay in (ASOCIADOS, APORTES, CAPTACIONES, CARTERA, DIRECTIVOS, REVALORIZACION, CATALOGO, BENEFICIOS,
                ASAMBLEA, COMPLEMENTARIOS)
}
