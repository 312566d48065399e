"""Principle 3: participación económica de los asociados, en justicia y equidad."""

from __future__ import annotations

from coopxl.formato import porcentaje, redondear
from coopxl.indicadores.textos.modelo import Texto

PRINCIPIO = 3
NOMBRE_PRINCIPIO = "Participación económica de los asociados, en justicia y equidad"

# Ids recorded under another principle and shown again under this one (with `Texto.analisis_p3`),
# and where the SES PDF report prints them (after which row of this principle).
TAMBIEN: tuple[str, ...] = ("equidad_genero_operaciones",)
TAMBIEN_DESPUES_DE: dict[str, str] = {"equidad_genero_operaciones": "capital_institucional"}

TEXTOS: dict[str, Texto] = {
    "crecimiento_fondos_sociales": Texto(
        nombre="Crecimiento en fondos sociales por asociado beneficiado",
        proposito=(
            "Mide el crecimiento de la ejecución en fondos sociales por asociado beneficiado. La escala toma "
            "como referencia el valor del IPC (Menor de IPC + 2 puntos = 1; Entre IPC + 2 e IPC + 5 = 2; "
            "Mayor de IPC + 5 puntos = 3)."
        ),
        formula=(
            "[(ejecución de fondos sociales del período analizado / # asociados beneficiados durante el "
            "período analizado) - (ejecución de fondos sociales del período anterior / # asociados "
            "beneficiados durante el período anterior)] / (ejecución de fondos sociales del período anterior "
            "/ # asociados beneficiados durante el período anterior) * 100"
        ),
        numerador="variación de la ejecución de fondos sociales por asociado beneficiado",
        denominador="ejecución de fondos sociales por asociado beneficiado del periodo anterior",
        subconjunto=False,  # growth
        analisis=(
            "En el periodo evaluado se presentó un {tendencia} del {valor} en la ejecución de fondos "
            "sociales por asociado beneficiado respecto al periodo anterior, lo que permite evaluar el "
            "desarrollo del objeto social mediante la ejecución responsable de los fondos sociales en "
            "actividades en beneficio de los asociados."
        ),
    ),
    "capital_institucional": Texto(
        nombre="Capital institucional",
        proposito=(
            "Mide la participación que tiene el capital institucional dentro de los activos. Entendiendo por "
            "capital institucional como la principal fortaleza con la que cuenta la organización, ya que no "
            "pertenece a un asociado en particular, sino a todos."
        ),
        formula=(
            "aportes amortizados + reserva protección de aportes + fondo para amortización de aportes + "
            "donaciones y auxilios / total activos * 100"
        ),
        numerador="capital institucional (aportes amortizados, reservas, fondos y donaciones)",
        denominador="total de activos",
        # Doubtful: equity accounts over assets, not a subset; with large accumulated losses the
        # institutional capital can exceed the assets.
        subconjunto=False,
        analisis=(
            "En el periodo evaluado la organización mantuvo un capital institucional del {valor} respecto al "
            "total de activos ({numerador} de {denominador})."
        ),
    ),
    "equidad_genero_volumen_negocio": Texto(
        nombre="Equidad de género en volumen de negocio",
        proposito=(
            "Permite identificar la relación entre hombres y mujeres en los negocios de la organización. "
            "Volumen de negocio: es el valor de los montos de créditos desembolsados durante el año + montos "
            "de depósitos captados durante el año + monto de aportes sociales recibidos durante el año / "
            "número de asociados que forman parte del promedio."
        ),
        formula="volumen de negocio promedio hombres / volumen de negocio promedio mujeres",
        numerador="volumen de negocio promedio de los asociados hombres",
        denominador="volumen de negocio promedio de las asociadas mujeres",
        unidad="razon",
        subconjunto=False,  # a ratio between two averages
        analisis=(
            "En el periodo evaluado, el volumen de negocio promedio de los asociados hombres ({numerador}) "
            "equivale a {valor} veces el de las asociadas mujeres ({denominador})."
        ),
    ),
    "inclusion_financiera": Texto(
        nombre="Inclusión financiera",
        proposito=(
            "Mide la oportunidad de acceder al crédito en condiciones razonables, con formalidad. Se busca "
            "evaluar el nivel de operaciones."
        ),
        formula=(
            "# operaciones con desembolso de crédito inferior a 3 SMMLV / total operaciones desembolso de "
            "crédito en el período * 100"
        ),
        numerador="desembolsos de crédito del periodo por un monto inferior a 3 SMMLV",
        denominador="total de desembolsos de crédito del periodo",
        subconjunto=True,
        analisis=(
            "El {valor} de las operaciones de desembolso de crédito efectuadas por la organización en el "
            "periodo evaluado ({numerador} de {denominador}) se realizó por un monto inferior a 3 SMMLV, lo "
            "que indica el proceso de inclusión financiera que desarrolla la organización al otorgar "
            "créditos a la población que por lo general no califica como cliente del sector financiero "
            "tradicional."
        ),
    ),
    "cultura_ahorro": Texto(
        nombre="Cultura de ahorro",
        proposito=(
            "Identifica la incidencia de la organización en la práctica del ahorro de sus asociados, como "
            "valor cooperativo y familiar."
        ),
        formula="# asociados ahorradores / total asociados * 100",
        numerador="asociados con al menos un producto de ahorro con saldo",
        denominador="total de asociados",
        # Subset in coopxl's rule (vigentes with savings / vigentes); the SES literal reading can pass
        # 100 % (seed 001 prints 213,13 %, seed 003 141,84 %).
        subconjunto=True,
        analisis=(
            "En el periodo evaluado, el {valor} de los asociados ({numerador} de {denominador}) registra al "
            "menos un producto de ahorro a la vista o CDAT activo, lo cual demuestra la promoción de una "
            "cultura de ahorro y de gestión financiera para el desarrollo económico de los asociados."
        ),
    ),
    "cobertura_programas_sociales": Texto(
        nombre="Cobertura de programas y beneficios sociales",
        proposito=(
            "Evidencia el compromiso y cumplimiento de la organización solidaria al contribuir con el "
            "mejoramiento de la calidad de vida de sus asociados, a través de beneficios, programas y "
            "actividades sociales que permitan satisfacer necesidades de bienestar."
        ),
        formula="# asociados beneficiados de programas y actividades sociales / Total de asociados * 100",
        numerador="asociados beneficiados con programas y actividades sociales",
        denominador="total de asociados",
        subconjunto=True,
        analisis=(
            "El {valor} del total de asociados ({numerador} de {denominador}) fue beneficiado con programas "
            "y actividades sociales en el periodo evaluado."
        ),
    ),
    "rentabilidad_social": Texto(
        nombre="Rentabilidad social",
        proposito="Cuantifica los beneficios otorgados a los asociados en relación con los aportes sociales.",
        formula="total beneficios / total aportes sociales * 100",
        numerador="total de beneficios otorgados a los asociados",
        denominador="total de aportes sociales",
        subconjunto=False,  # benefits are not a part of the contributions
        analisis=(
            "En el periodo evaluado, la rentabilidad obtenida a partir de los aportes sociales corresponde "
            "al {valor}, lo cual determina el nivel de contribución al mejoramiento de la calidad de vida de "
            "los asociados y sus familias."
        ),
    ),
}

# The IPC scale of crecimiento_fondos_sociales (its purpose text): 1 below IPC + 2 points,
# 2 from IPC + 2 to IPC + 5 (both included), 3 above IPC + 5.
ESCALA_IPC_ANALISIS = (
    "Frente a un IPC de {ipc}, el crecimiento de {valor} corresponde a la escala {escala}: {rango}."
)
ESCALA_IPC_RANGOS: dict[int, str] = {
    1: "menor que el IPC más 2 puntos ({ipc_mas_2})",
    2: "entre el IPC más 2 puntos ({ipc_mas_2}) y el IPC más 5 puntos ({ipc_mas_5})",
    3: "mayor que el IPC más 5 puntos ({ipc_mas_5})",
}


def escala_ipc(crecimiento: float, ipc: float) -> int:
    """Scale 1, 2 or 3 of a growth (percent, x100) against the IPC (percent).

    Compared on values rounded to 2 decimals, as displayed.
    """
    valor = redondear(crecimiento)
    if valor < redondear(ipc + 2):
        return 1
    if valor <= redondear(ipc + 5):
        return 2
    return 3


def frase_escala_ipc(crecimiento: float, ipc: float) -> str:
    """The scale sentence.

    'Frente a un IPC de 5,62 %, el crecimiento de 9,00 % corresponde a la escala 2: entre el IPC más 2
    puntos (7,62 %) y el IPC más 5 puntos (10,62 %).'
    """
    escala = escala_ipc(crecimiento, ipc)
    rango = ESCALA_IPC_RANGOS[escala].format(ipc_mas_2=porcentaje(ipc + 2), ipc_mas_5=porcentaje(ipc + 5))
    return ESCALA_IPC_ANALISIS.format(ipc=porcentaje(ipc), valor=porcentaje(crecimiento), escala=escala,
                                      rango=rango)
