"""The catálogo de cuentas (CUIF) and its level rule: take an account at its own level when the file
has it, otherwise the sum of the most detailed accounts below it (contra accounts subtracted), so a
trial balance that lists every level is never double counted.

Contra accounts ("DETERIORO ... (CR)") are recognised by a name ending in "(CR)", by a listed
ancestor that is one, or by the official CUIF list shipped in parametros/cuentas_contra.csv (so an
export with shortened names still subtracts them). Their balance is subtracted from a parent that is
not itself a contra account, when given as a positive number; a negative balance is already signed.
"""

from __future__ import annotations

import csv
import functools
import re
from dataclasses import dataclass, field
from pathlib import Path

import pandas as pd

NIVELES = (1, 2, 4, 6)
_RE_CONTRA = re.compile(r"\(\s*CR\s*\)\s*\.?\s*$", re.IGNORECASE)


def prefijo(codigo: str) -> str:
    """'100000' -> '1', '140000' -> '14', '310500' -> '3105', '230510' -> '230510'."""
    codigo = codigo.ljust(6, "0")
    for n in NIVELES[:-1]:
        if codigo[n:] == "0" * (6 - n):
            return codigo[:n]
    return codigo


def ancestros(codigo: str) -> list[str]:
    """The 6-digit codes of the levels above an account, nearest first: 141105 -> 141100, 140000, 100000."""
    p = prefijo(codigo)
    return [p[:n].ljust(6, "0") for n in reversed(NIVELES) if n < len(p)]


def es_contra(nombre: str) -> bool:
    return bool(_RE_CONTRA.search(nombre or ""))


@functools.cache
def contra_oficiales() -> frozenset[str]:
    """Codes the official CUIF names as contra accounts (parametros/cuentas_contra.csv)."""
    ruta = Path(__file__).parent / "parametros" / "cuentas_contra.csv"
    with open(ruta, encoding="utf-8", newline="") as f:
        return frozenset(fila["codigo"].strip() for fila in csv.DictReader(f, delimiter=";") if fila.get("codigo"))


@dataclass(frozen=True)
class Catalogo:
    """Balances by 6-digit code, already in pesos (unidad_cuif applied)."""

    saldos: dict[str, float]
    nombres: dict[str, str]
    repetidos: tuple[str, ...] = ()  # codes listed more than once (their balances were added)
    _contra: dict[str, bool] = field(default_factory=dict, repr=False, compare=False)

    @classmethod
    def desde(cls, df: pd.DataFrame | None, unidad: float = 1.0) -> Catalogo | None:
        if df is None:
            return None
        validas = df[(df["codigo"].str.len() == 6) & df["saldo"].notna()]
        saldos: dict[str, float] = {}
        nombres: dict[str, str] = {}
        repetidos: list[str] = []
        for cod, nom, saldo in zip(validas["codigo"], validas["nombre"], validas["saldo"], strict=True):
            if cod in saldos:
                repetidos.append(cod)
            saldos[cod] = saldos.get(cod, 0.0) + float(saldo) * unidad
            nombres.setdefault(cod, str(nom))
        return cls(saldos, nombres, tuple(dict.fromkeys(repetidos)))

    def tiene(self, codigo: str) -> bool:
        return codigo.ljust(6, "0") in self.saldos

    def contra(self, codigo: str) -> bool:
        """Whether an account (listed or not) is a contra account."""
        codigo = codigo.ljust(6, "0")
        if codigo not in self._contra:
            oficiales = contra_oficiales()
            self._contra[codigo] = (
                es_contra(self.nombres.get(codigo, "")) or codigo in oficiales
                or any(es_contra(self.nombres.get(a, "")) or a in oficiales for a in ancestros(codigo))
            )
        return self._contra[codigo]

    def ancestro_listado(self, codigo: str) -> str | None:
        """The nearest account above `codigo` that the file lists."""
        return next((a for a in ancestros(codigo) if a in self.saldos), None)

    def hijos_directos(self, codigo: str) -> list[str]:
        """Listed accounts below `codigo` whose nearest listed ancestor is `codigo`."""
        codigo = codigo.ljust(6, "0")
        return [c for c in self.saldos if c != codigo and self.ancestro_listado(c) == codigo]

    def aporte_a(self, hijo: str, padre: str) -> float:
        """What an account adds to a parent's total: a contra account under a non-contra parent subtracts."""
        v = self.saldos[hijo]
        return -v if v > 0 and self.contra(hijo) and not self.contra(padre) else v

    def _con_signo(self, codigo: str) -> float:
        """Kept for callers of the first version: the balance as it adds to its nearest listed ancestor."""
        padre = self.ancestro_listado(codigo)
        if padre is None:
            v = self.saldos[codigo]
            return -v if v > 0 and self.contra(codigo) else v
        return self.aporte_a(codigo, padre)

    def saldo(self, codigo: str) -> float | None:
        """The balance of an account by the level rule; None when neither it nor anything below it is listed."""
        codigo = codigo.ljust(6, "0")
        if codigo in self.saldos:
            return self.saldos[codigo]
        p = prefijo(codigo)
        debajo = [c for c in self.saldos if len(prefijo(c)) > len(p) and prefijo(c).startswith(p)]
        if not debajo:
            return None
        con_hijos = {a for c in debajo for a in ancestros(c)}
        hojas = [c for c in debajo if c not in con_hijos]
        return sum(self.aporte_a(c, codigo) for c in hojas)

    def descuadres(self, tolerancia: float) -> list[tuple[str, float, float]]:
        """Listed accounts that differ from the sum of their listed sub-accounts by more than `tolerancia`:
        (code, balance, sum of the sub-accounts)."""
        sumas: dict[str, float] = {}
        for c in self.saldos:
            padre = self.ancestro_listado(c)
            if padre is not None:
                sumas[padre] = sumas.get(padre, 0.0) + self.aporte_a(c, padre)
        return [(c, self.saldos[c], total) for c, total in sorted(sumas.items())
                if abs(self.saldos[c] - total) > tolerancia]

    def expresion(self, expr: str) -> tuple[float | None, list[str]]:
        """Evaluate '311010+320500-530000'; returns (value, codes absent from the file). An absent code counts
        as 0 when at least one term is present; the value is None when none is."""
        total = 0.0
        faltan: list[str] = []
        presentes = 0
        for signo, cod in re.findall(r"([+-]?)\s*(\d{1,6})", expr):
            v = self.saldo(cod)
            if v is None:
                faltan.append(cod.ljust(6, "0"))
                continue
            presentes += 1
            total += -v if signo == "-" else v
        return (total if presentes else None), faltan

