"""The persons of the synthetic cooperative and their history: ingreso, retiro, birth, identity.

Persons arrive over ~25 years at a slowly growing rate and stay a random time (a few leave within
months); their number is set so that about `asociados` are vigentes at the reference cut 31/12/2025.
Employees and non-associate clients (Asociado = 4) complete the file. Everything here is independent
of the cut date: the export of a cut only looks at this history.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from coopxl.demo import nombres as tx
from coopxl.demo.azar import generador
from coopxl.demo.cadenas import como_texto, elegir, si, slugs, textos, unir
from coopxl.demo.calendario import DIAS_ANIO, NUNCA, anio
from coopxl.demo.supuestos import dias_clave

# Arrivals: a few founders, then a rate growing CRECIMIENTO a year; stays: exponential with hazard
# RETIRO a year, except a share CORTA_ESTANCIA that leaves within about a year.
FUNDADORES = 0.02
CRECIMIENTO = 0.018
RETIRO = 0.05
CORTA_ESTANCIA = 0.035
CORTA_MIN, CORTA_MAX = 30, 420
JURIDICAS = 0.012
MINIMO_JURIDICAS = 4
MUJERES = 0.55
RETENCION_RETIRADOS = 730  # retired persons stay in the core system's file for two years
TIPO_DOC_CODIGO = {"C": 1, "E": 2, "P": 3, "N": 4}


@dataclass
class Personas:
    """One entry per person, in order of ingreso; day numbers use `NUNCA` for "does not happen"."""

    vinculo: np.ndarray  # 1 asociado, 4 empleado o cliente no asociado
    empleado: np.ndarray
    juridica: np.ndarray
    tipo_doc: np.ndarray
    documento: np.ndarray
    primer_apellido: np.ndarray
    segundo_apellido: np.ndarray
    nombres: np.ndarray
    genero: np.ndarray
    nacimiento: np.ndarray
    sin_nacimiento: np.ndarray
    ingreso: np.ndarray
    retiro: np.ndarray
    telefono: np.ndarray
    direccion: np.ndarray
    correo: np.ndarray
    municipio: np.ndarray  # index into nombres.MUNICIPIOS
    actividad: np.ndarray
    tipo_contrato: np.ndarray  # 0 = blank
    escolaridad: np.ndarray  # -1 = blank
    estrato: np.ndarray  # 0 = blank
    ingresos: np.ndarray
    estado_civil: np.ndarray
    mujer_cabeza: np.ndarray
    ocupacion: np.ndarray  # 0 = blank
    sector: np.ndarray  # 0 = blank
    jornada: np.ndarray  # 0 = blank
    propension: np.ndarray  # engagement 0..1: products, benefits, assemblies
    fin_pagos: np.ndarray  # stops paying aportes (inactive associate)
    rotacion_asamblea: np.ndarray
    gerente: int

    @property
    def n(self) -> int:
        return len(self.vinculo)

    def vigente(self, dia: int) -> np.ndarray:
        return (self.vinculo == 1) & (self.ingreso <= dia) & (self.retiro > dia)

    def en_archivo(self, dia: int) -> np.ndarray:
        """Who the core system lists at the cut: linked by then, and not retired more than 2 years ago."""
        return (self.ingreso <= dia) & (self.retiro > dia - RETENCION_RETIRADOS)

    @property
    def activo_hasta(self) -> np.ndarray:
        """Until when the person uses the entity's services (retirement, or stopping the aportes)."""
        return np.minimum(self.retiro, self.fin_pagos)

    def asistio_asamblea(self, reunion: int, quien: np.ndarray) -> np.ndarray:
        """Attendance rotates from one assembly to the next; engaged associates attend more often."""
        anio_reunion = int(anio(np.array([reunion]))[0])
        probabilidad = 0.12 + 0.55 * self.propension[quien]
        giro = (self.rotacion_asamblea[quien] + anio_reunion * 0.6180339887) % 1.0
        return self.vigente(reunion)[quien] & (giro < probabilidad)

    def edad(self, dia: int) -> np.ndarray:
        return np.floor((dia - self.nacimiento) / DIAS_ANIO).astype(np.int64)


def _supervivencia(d: np.ndarray) -> np.ndarray:
    """P(stay longer than d days)."""
    corta = np.clip((CORTA_MAX - d) / (CORTA_MAX - CORTA_MIN), 0.0, 1.0)
    larga = np.exp(-RETIRO * d / DIAS_ANIO)
    return CORTA_ESTANCIA * corta + (1 - CORTA_ESTANCIA) * larga


def _llegadas_por_vigente() -> float:
    """Persons to simulate for each vigente at the reference cut (numeric integration, deterministic)."""
    k = dias_clave()
    f, r, h = k["fundacion"], k["referencia"], k["horizonte"]
    t = np.linspace(f, h, 40_001)
    dens = np.exp(CRECIMIENTO * (t - f) / DIAS_ANIO)
    dens /= np.trapezoid(dens, t)
    vivo = np.where(t <= r, _supervivencia(r - t), 0.0)
    p_regular = np.trapezoid(dens * vivo, t)
    p_fundador = float(_supervivencia(np.array([r - f - 45.0]))[0])
    return 1.0 / (FUNDADORES * p_fundador + (1 - FUNDADORES) * p_regular)


def _fechas_llegada(rng: np.random.Generator, n: int) -> np.ndarray:
    k = dias_clave()
    f, h = k["fundacion"], k["horizonte"]
    total = (h - f) / DIAS_ANIO
    u = rng.random(n)
    anios = np.log1p(u * np.expm1(CRECIMIENTO * total)) / CRECIMIENTO
    llegada = f + np.floor(anios * DIAS_ANIO).astype(np.int64)
    fundador = rng.random(n) < FUNDADORES
    llegada[fundador] = f + rng.integers(0, 90, fundador.sum())
    return np.minimum(llegada, h)


def _estancias(rng: np.random.Generator, n: int) -> np.ndarray:
    corta = rng.random(n) < CORTA_ESTANCIA
    d = np.ceil(rng.exponential(DIAS_ANIO / RETIRO, n)).astype(np.int64)
    d[corta] = rng.integers(CORTA_MIN, CORTA_MAX, corta.sum())
    return np.maximum(d, 1)


def _digito_nit(base: np.ndarray) -> np.ndarray:
    """DIAN check digit of 9-digit NIT numbers."""
    pesos = np.array([3, 7, 13, 17, 19, 23, 29, 37, 41], dtype=np.int64)
    resto = base.astype(np.int64).copy()
    suma = np.zeros_like(resto)
    for w in pesos:
        suma += (resto % 10) * w
        resto //= 10
    r = suma % 11
    return np.where(r > 1, 11 - r, r)


def nit_con_digito(base: np.ndarray) -> np.ndarray:
    base = np.asarray(base, dtype=np.int64)
    return unir(base, "-", _digito_nit(base))


def _numeros_documento(rng: np.random.Generator, tipo: np.ndarray, nacido: np.ndarray,
                       genero: np.ndarray, idx: np.ndarray) -> np.ndarray:
    """Document numbers shaped like the real ones (old cédulas by sex, 10-digit ones since ~2003)."""
    m = len(idx)
    t, a, g = tipo[idx], nacido[idx], genero[idx]
    x = np.zeros(m, dtype=np.int64)
    nueva = (t == "C") & (a >= 1985)
    mujer_vieja = (t == "C") & (a < 1985) & (g == 2)
    hombre_viejo = (t == "C") & (a < 1985) & (g != 2)
    x[nueva] = rng.integers(1_000_000_000, 1_125_000_000, nueva.sum())
    x[mujer_vieja] = rng.integers(20_000_000, 65_000_000, mujer_vieja.sum())
    bajo = rng.random(hombre_viejo.sum()) < 0.6
    x[hombre_viejo] = np.where(bajo, rng.integers(1_000_000, 19_999_999, hombre_viejo.sum()),
                               rng.integers(70_000_000, 99_999_999, hombre_viejo.sum()))
    x[t == "E"] = rng.integers(150_000, 9_999_999, (t == "E").sum())
    x[t == "P"] = rng.integers(100_000_000, 999_999_999, (t == "P").sum())
    x[t == "N"] = rng.integers(800_000_000, 901_999_999, (t == "N").sum())
    return x


def _documentos(rng: np.random.Generator, tipo: np.ndarray, nacido: np.ndarray,
                genero: np.ndarray) -> np.ndarray:
    n = len(tipo)
    codigo = np.vectorize(TIPO_DOC_CODIGO.get, otypes=[np.int64])(tipo)
    num = _numeros_documento(rng, tipo, nacido, genero, np.arange(n))
    while True:
        clave = codigo * 10**11 + num
        orden = np.argsort(clave, kind="stable")
        ordenada = clave[orden]
        repetido = orden[np.r_[False, ordenada[1:] == ordenada[:-1]]]
        if len(repetido) == 0:
            break
        num[repetido] = _numeros_documento(rng, tipo, nacido, genero, repetido)
    return si(np.asarray(tipo) == "N", nit_con_digito(num), como_texto(num))


def _pesos(valores: tuple[str, ...], favoritos: dict[str, float]) -> np.ndarray:
    p = np.array([favoritos.get(v, 1.0) for v in valores])
    return p / p.sum()


def _nombres_naturales(rng: np.random.Generator, genero: np.ndarray) -> tuple[np.ndarray, ...]:
    n = len(genero)
    mujer = genero == 2
    i1m = rng.choice(len(tx.NOMBRES_MUJER), n, p=_pesos(tx.NOMBRES_MUJER, {"María": 7, "Ana": 2, "Luz": 2}))
    i1h = rng.choice(len(tx.NOMBRES_HOMBRE), n,
                     p=_pesos(tx.NOMBRES_HOMBRE, {"José": 4, "Juan": 5, "Luis": 2, "Carlos": 2}))
    i2m = rng.integers(0, len(tx.SEGUNDOS_MUJER), n)
    i2h = rng.integers(0, len(tx.SEGUNDOS_HOMBRE), n)
    primero = si(mujer, elegir(tx.NOMBRES_MUJER, i1m), elegir(tx.NOMBRES_HOMBRE, i1h))
    segundo = si(mujer, elegir(tx.SEGUNDOS_MUJER, i2m), elegir(tx.SEGUNDOS_HOMBRE, i2h))
    con_segundo = (rng.random(n) < 0.5) & (primero != segundo)
    nombres = si(con_segundo, unir(primero, " ", segundo), primero)
    slug_nombre = si(mujer, slugs(tx.NOMBRES_MUJER)[i1m], slugs(tx.NOMBRES_HOMBRE)[i1h])
    peso = np.ones(len(tx.APELLIDOS))
    peso[: tx.APELLIDOS_COMUNES] = tx.PESO_APELLIDO_COMUN
    peso /= peso.sum()
    j1 = rng.choice(len(tx.APELLIDOS), n, p=peso)
    j2 = rng.choice(len(tx.APELLIDOS), n, p=peso)
    apellidos = textos(tx.APELLIDOS)
    return nombres, apellidos[j1], apellidos[j2], slug_nombre, slugs(tx.APELLIDOS)[j1]


def _nombres_juridicos(rng: np.random.Generator, n: int) -> tuple[np.ndarray, np.ndarray]:
    partes = (tx.JURIDICAS_INICIO, tx.JURIDICAS_MEDIO, tx.JURIDICAS_FIN)
    i = [rng.integers(0, len(x), n) for x in partes]
    nombre = unir(elegir(partes[0], i[0]), " ", elegir(partes[1], i[1]), elegir(partes[2], i[2]))
    slug_ = unir(slugs(partes[0])[i[0]], slugs(partes[1])[i[1]])
    return nombre, np.strings.slice(slug_, 0, 24)


def _correos(rng: np.random.Generator, slug_nombre: np.ndarray, slug_apellido: np.ndarray,
             juridica: np.ndarray, slug_juridica: np.ndarray) -> np.ndarray:
    n = len(slug_nombre)
    sufijo = si(rng.random(n) < 0.6, como_texto(rng.integers(1, 99, n)), "")
    dominio = elegir(tx.DOMINIOS_CORREO, rng.integers(0, len(tx.DOMINIOS_CORREO), n))
    natural = unir(slug_nombre, ".", slug_apellido, sufijo, "@", dominio)
    empresa = unir("contacto@", slug_juridica, ".", dominio)
    sin_correo = rng.random(n) < np.where(juridica, 0.10, 0.18)
    return si(sin_correo, "", si(juridica, empresa, natural))


def _telefonos(rng: np.random.Generator, n: int) -> np.ndarray:
    prefijos = np.array([300, 301, 304, 310, 311, 312, 313, 314, 315, 316, 317, 318, 320, 321, 322, 323, 350])
    movil = prefijos[rng.integers(0, len(prefijos), n)] * 10_000_000 + rng.integers(0, 10_000_000, n)
    fijo = 6_080_000_000 + rng.integers(4, 8, n) * 1_000_000 + rng.integers(0, 1_000_000, n)
    u = rng.random(n)
    return si(u > 0.95, "", como_texto(np.where(u < 0.88, movil, fijo)))


def _direcciones(rng: np.random.Generator, n: int) -> np.ndarray:
    via = elegir(tx.VIAS, rng.choice(len(tx.VIAS), n, p=[0.42, 0.38, 0.07, 0.06, 0.07]))
    calle, numero, placa = rng.integers(1, 120, n), rng.integers(1, 99, n), rng.integers(1, 99, n)
    urbana = unir(via, " ", calle, " # ", numero, "-", placa)
    apto = si(rng.random(n) < 0.2, unir(" Apto ", rng.integers(101, 905, n)), "")
    vereda = elegir(tx.VEREDAS, rng.integers(0, len(tx.VEREDAS), n))
    rural = unir("Vereda ", vereda, " Km ", rng.integers(1, 15, n))
    return si(rng.random(n) < 0.85, unir(urbana, apto), rural)


def _categoria(rng: np.random.Generator, n: int, pesos: list[float], valores: list[int]) -> np.ndarray:
    p = np.array(pesos, dtype=np.float64)
    return np.array(valores, dtype=np.int8)[rng.choice(len(valores), n, p=p / p.sum())]


def _escolaridad_y_ocupacion(rng: np.random.Generator, p: dict[str, np.ndarray], edad: np.ndarray) -> None:
    """Schooling (older people less), occupation (pensioners from 60, students under 25)."""
    n = len(edad)
    natural = ~p["juridica"]
    esc_joven = _categoria(rng, n, [1, 10, 30, 17, 12, 20, 7, 2.5, 0.5], list(range(9)))
    esc_mayor = _categoria(rng, n, [3, 25, 35, 12, 7, 12, 4, 1.5, 0.5], list(range(9)))
    p["escolaridad"] = np.where(natural, np.where(edad >= 55, esc_mayor, esc_joven), -1).astype(np.int8)
    u = rng.random(n)
    ocup = np.select([u < 0.58, u < 0.86, u < 0.92, u < 0.96], [1, 2, 5, 6], 4).astype(np.int8)
    ocup = np.where((edad >= 60) & (rng.random(n) < 0.65), 3, ocup)
    ocup = np.where((edad < 25) & (rng.random(n) < 0.35), 4, ocup)
    ocup = np.where((ocup == 5) & (p["genero"] == 1) & (rng.random(n) < 0.7), 2, ocup)
    p["ocupacion"] = np.where(natural, ocup, 0).astype(np.int8)


def _hogar(rng: np.random.Generator, p: dict[str, np.ndarray], edad: np.ndarray) -> None:
    """Income band (with schooling), estrato, civil status, women heads of household."""
    n = len(edad)
    natural = ~p["juridica"]
    ocup = p["ocupacion"]
    sin_ingreso = (ocup == 4) | (ocup == 5)
    banda = 2 + p["escolaridad"] // 2 + rng.integers(0, 3, n) - sin_ingreso
    banda = np.where(sin_ingreso & (rng.random(n) < 0.6), 1, banda)
    p["ingresos"] = np.where(natural, np.clip(banda, 1, 12), rng.integers(9, 13, n)).astype(np.int8)
    p["estrato"] = np.where(natural, _categoria(rng, n, [18, 36, 30, 10, 4, 2], [1, 2, 3, 4, 5, 6]), 0)
    civil = _categoria(rng, n, [35, 33, 20, 6, 3, 3], [1, 2, 3, 4, 5, 6])
    civil = np.where((edad < 26) & (rng.random(n) < 0.7), 1, civil)
    civil = np.where((edad >= 60) & (rng.random(n) < 0.15), 6, civil)
    p["estado_civil"] = np.where(natural, civil, 0).astype(np.int8)
    p["mujer_cabeza"] = ((p["genero"] == 2) & (rng.random(n) < 0.2)).astype(np.int8)


def _empleo(rng: np.random.Generator, p: dict[str, np.ndarray]) -> None:
    """Contract, sector and working hours of employees; economic activity (RUT/CIIU) of everyone."""
    n = len(p["ocupacion"])
    ocup = p["ocupacion"]
    empleado = ocup == 1
    p["tipo_contrato"] = np.where(empleado, _categoria(rng, n, [55, 30, 10, 5], [1, 2, 3, 4]), 0)
    p["sector"] = np.where(empleado, np.where(rng.random(n) < 0.35, 1, 2),
                           np.where((ocup == 2) | p["juridica"], 2, 0)).astype(np.int8)
    p["jornada"] = np.where(empleado, _categoria(rng, n, [85, 10, 5], [1, 2, 3]), 0).astype(np.int8)
    indep = elegir(tx.ACTIVIDAD_INDEPENDIENTE, rng.integers(0, len(tx.ACTIVIDAD_INDEPENDIENTE), n))
    jur = elegir(tx.ACTIVIDAD_JURIDICA, rng.integers(0, len(tx.ACTIVIDAD_JURIDICA), n))
    actividad = elegir(tx.ACTIVIDAD_SIN_ACTIVIDAD, rng.integers(0, len(tx.ACTIVIDAD_SIN_ACTIVIDAD), n))
    actividad = si(ocup == 3, tx.ACTIVIDAD_PENSIONADO, actividad)
    actividad = si(ocup == 2, indep, actividad)
    actividad = si(empleado, tx.ACTIVIDAD_EMPLEADO, actividad)
    p["actividad"] = si(p["juridica"], jur, actividad)


def _socio_demografia(rng: np.random.Generator, p: dict[str, np.ndarray], referencia: int) -> None:
    """Natural persons' profile; legal persons get blanks (or the codes the exporter writes for NIT)."""
    edad = (referencia - p["nacimiento"]) / DIAS_ANIO
    _escolaridad_y_ocupacion(rng, p, edad)
    _hogar(rng, p, edad)
    _empleo(rng, p)


def _edad_ingreso(rng: np.random.Generator, ingreso: np.ndarray, referencia: int) -> np.ndarray:
    """Age in years when joining: 18 + gamma, and nobody older than 85 at the reference cut."""
    n = len(ingreso)
    a0 = 18 + rng.gamma(2.4, 8.0, n)
    antiguedad = np.maximum(referencia - ingreso, 0) / DIAS_ANIO
    tope = np.maximum(85 - antiguedad, 18.5)
    excede = a0 >= tope
    a0[excede] = 18 + rng.random(excede.sum()) * (tope[excede] - 18)
    return a0


def _no_asociados(rng: np.random.Generator, asociados: int) -> dict[str, np.ndarray]:
    """Employees who are not associates (the manager among them) and a few clients."""
    k = dias_clave()
    n_emp = max(4, round(asociados / 150))
    n_cli = max(3, round(asociados / 150))
    n = n_emp + n_cli
    empleado = np.r_[np.ones(n_emp, bool), np.zeros(n_cli, bool)]
    desde = np.where(empleado, k["fundacion"] + 2000, k["inicio_creditos"] + 700)
    ingreso = desde + np.floor(rng.random(n) * (k["horizonte"] - desde)).astype(np.int64)
    ingreso[0] = k["fundacion"] + 30  # the manager, there from the start
    retiro = np.full(n, NUNCA)
    sale = empleado & (rng.random(n) < 0.15)
    sale[0] = False
    retiro[sale] = ingreso[sale] + rng.integers(200, 2500, sale.sum())
    return {"ingreso": ingreso, "retiro": retiro, "empleado": empleado, "vinculo": np.full(n, 4, np.int8)}


def _lineas_de_tiempo(rng: np.random.Generator, asociados: int) -> dict[str, np.ndarray]:
    """Ingreso and retiro of associates, employees and clients, sorted by ingreso."""
    k = dias_clave()
    n_asoc = round(asociados * _llegadas_por_vigente())
    ingreso_a = _fechas_llegada(rng, n_asoc)
    retiro_a = ingreso_a + _estancias(rng, n_asoc)
    otros = _no_asociados(rng, asociados)
    ingreso = np.r_[ingreso_a, otros["ingreso"]]
    retiro = np.r_[retiro_a, otros["retiro"]]
    t = {
        "ingreso": ingreso, "retiro": np.where(retiro > k["horizonte"], NUNCA, retiro),
        "vinculo": np.r_[np.ones(n_asoc, np.int8), otros["vinculo"]],
        "empleado": np.r_[np.zeros(n_asoc, bool), otros["empleado"]],
    }
    orden = np.argsort(ingreso, kind="stable")
    t = {c: v[orden] for c, v in t.items()}
    t["gerente"] = np.flatnonzero(orden == n_asoc)  # the first non-associate employee
    return t


def _juridicas(rng: np.random.Generator, t: dict[str, np.ndarray]) -> np.ndarray:
    """Legal persons among the associates: about 1.2 %, and never fewer than 4 vigentes at the reference."""
    ref = dias_clave()["referencia"]
    asociado = t["vinculo"] == 1
    juridica = (rng.random(len(asociado)) < JURIDICAS) & asociado
    vig_ref = asociado & (t["ingreso"] <= ref) & (t["retiro"] > ref)
    faltan = max(0, MINIMO_JURIDICAS - int((juridica & vig_ref).sum()))
    juridica[rng.choice(np.flatnonzero(vig_ref & ~juridica), faltan, replace=False)] = True
    return juridica


def _identidad(rng: np.random.Generator, t: dict[str, np.ndarray]) -> dict[str, np.ndarray]:
    """Legal or natural person, sex, document type, birth date, names."""
    n = len(t["ingreso"])
    no_asoc = t["vinculo"] == 4
    juridica = _juridicas(rng, t)
    genero = np.where(juridica, 3, np.where(rng.random(n) < MUJERES, 2, 1)).astype(np.int8)
    u = rng.random(n)
    tipo = np.where(juridica, "N", np.where(u < 0.972, "C", np.where(u < 0.994, "E", "P")))
    a0 = _edad_ingreso(rng, t["ingreso"], dias_clave()["referencia"])
    a0[no_asoc] = np.minimum(a0[no_asoc], 55)
    nombres, ap1, ap2, slug_n, slug_a = _nombres_naturales(rng, genero)
    razon, slug_j = _nombres_juridicos(rng, n)
    ap2 = si((tipo != "C") & (rng.random(n) < 0.5), "", ap2)
    return {
        "juridica": juridica, "genero": genero, "tipo_doc": como_texto(tipo),
        "nacimiento": t["ingreso"] - np.floor(a0 * DIAS_ANIO).astype(np.int64),
        "primer_apellido": si(juridica, "", ap1), "segundo_apellido": si(juridica, "", ap2),
        "nombres": si(juridica, razon, nombres), "correo": _correos(rng, slug_n, slug_a, juridica, slug_j),
    }


def _socios_empleados(rng: np.random.Generator, p: dict[str, np.ndarray], asociados: int) -> None:
    """A few vigente associates also work for the entity."""
    ref = dias_clave()["referencia"]
    vig_ref = (p["vinculo"] == 1) & (p["ingreso"] <= ref) & (p["retiro"] > ref) & ~p["juridica"]
    candidatos = np.flatnonzero(vig_ref & (p["ocupacion"] == 1))
    elegidos = rng.choice(candidatos, min(max(2, round(asociados / 220)), len(candidatos)), replace=False)
    p["empleado"][elegidos] = True
    emp = p["empleado"]
    p["ocupacion"] = np.where(emp, 1, p["ocupacion"]).astype(np.int8)
    p["tipo_contrato"] = np.where(emp, 1, p["tipo_contrato"])
    p["sector"] = np.where(emp, 3, p["sector"]).astype(np.int8)
    p["jornada"] = np.where(emp, 1, p["jornada"]).astype(np.int8)
    p["actividad"] = si(emp, tx.ACTIVIDAD_EMPLEADO, p["actividad"])


def _sin_nacimiento(rng: np.random.Generator, p: dict[str, np.ndarray]) -> np.ndarray:
    """A few natural persons without a birth date, at least two of them vigentes at the reference cut."""
    ref = dias_clave()["referencia"]
    n = len(p["ingreso"])
    vig_ref = (p["vinculo"] == 1) & (p["ingreso"] <= ref) & (p["retiro"] > ref) & ~p["juridica"]
    sin = ~p["juridica"] & (rng.random(n) < 0.003)
    libres = np.flatnonzero(vig_ref & ~sin & ~p["empleado"])
    faltan = max(0, 2 - int((sin & vig_ref).sum()))
    sin[rng.choice(libres, faltan, replace=False)] = True
    return sin | p["juridica"]


def _pagos(rng: np.random.Generator, p: dict[str, np.ndarray]) -> np.ndarray:
    """Inactive associates stop paying their aportes at some point of their membership."""
    n = len(p["ingreso"])
    inactivo = (p["vinculo"] == 1) & (rng.random(n) < 0.15)
    fin = np.full(n, NUNCA)
    hasta = np.minimum(p["retiro"], dias_clave()["horizonte"])
    desde = p["ingreso"]
    fin[inactivo] = desde[inactivo] + np.floor(
        rng.uniform(0.25, 1.0, inactivo.sum()) * (hasta[inactivo] - desde[inactivo])).astype(np.int64)
    return fin


def generar_personas(semilla: int, asociados: int) -> Personas:
    rng = generador(semilla, "personas")
    t = _lineas_de_tiempo(rng, asociados)
    gerente = int(t.pop("gerente")[0])
    p = {**t, **_identidad(rng, t)}
    _socio_demografia(rng, p, dias_clave()["referencia"])
    _socios_empleados(rng, p, asociados)
    p["sin_nacimiento"] = _sin_nacimiento(rng, p)
    p["documento"] = _documentos(rng, p["tipo_doc"], anio(p["nacimiento"]), p["genero"])
    n = len(p["ingreso"])
    pesos_mun = np.array([m[2] for m in tx.MUNICIPIOS], dtype=np.float64)
    p.update(
        propension=rng.beta(2.0, 3.0, n), fin_pagos=_pagos(rng, p), rotacion_asamblea=rng.random(n),
        telefono=_telefonos(rng, n), direccion=_direcciones(rng, n),
        municipio=rng.choice(len(pesos_mun), n, p=pesos_mun / pesos_mun.sum()),
    )
    return Personas(**p, gerente=gerente)
