"""The VBA source text of the template's own modules: the button macros and the UDF wrappers.

One source of truth: `coopxl plantilla` writes exactly these texts into the template's VBA project, and
`addin/vba/*.bas` are the same texts exported (`plantilla.escribir_addin`; a test keeps them equal).

- `coopxl` (module): one Sub per button, each a `RunPython` call into `udfs/coopxl_botones.py` (the contract
  between the template and the button scripts).
- `xlwings_udfs` (module): the wrappers that let Windows Excel call the Python UDFs of `udfs/coopxl_udfs.py`.
  xlwings writes this module itself when the user presses "Import Functions"; here it is generated at build
  time from the UDF signatures, in the shape xlwings 0.37.8 writes it (`xlwings.udfs.generate_vba_wrapper`),
  so the formulas work without that step. Not verified in a real Excel: "Import Functions" replaces the
  module with xlwings' own and adds the help texts of the function wizard.
"""

from __future__ import annotations

import inspect
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from types import ModuleType

CRLF = "\r\n"
MODULO_BOTONES = "coopxl"
MODULO_UDFS = "xlwings_udfs"
MODULO_PYTHON_BOTONES = "coopxl_botones"
MODULO_PYTHON_UDFS = "coopxl_udfs"
PREFIJO_UDF = "BS_"


@dataclass(frozen=True)
class Macro:
    """A button's macro: the VBA Sub, the Python function it runs and the button's Spanish caption."""

    sub: str
    funcion: str
    boton: str
    ayuda: str

    @property
    def comando(self) -> str:
        return f"import {MODULO_PYTHON_BOTONES}; {MODULO_PYTHON_BOTONES}.{self.funcion}()"


MACROS: tuple[Macro, ...] = (
    Macro("ValidarDatos", "validar_datos", "Validar datos",
          "Revisa las hojas pegadas y escribe los problemas en la hoja Validacion."),
    Macro("CalcularBalance", "calcular_balance", "Calcular balance",
          "Calcula los 41 indicadores y los escribe en la hoja Balance."),
    Macro("GenerarExtractos", "generar_extractos", "Generar extractos",
          "Escribe un extracto por asociado en la carpeta extractos, junto al libro."),
    Macro("GenerarExtractosCombinados", "generar_extractos_combinados", "Extractos + libro interno",
          "Como Generar extractos, y además un libro combinado con todos los asociados, de uso interno."),
)


def _lineas(*lineas: str) -> str:
    return CRLF.join(lineas) + CRLF


def fuente_botones() -> str:
    """The module `coopxl`: one Sub per button (ASCII only: VBA source is stored in the project's code page)."""
    partes = [
        f'Attribute VB_Name = "{MODULO_BOTONES}"',
        "' Macros de los botones de la plantilla BalanceSocial.xlsm (coopxl).",
        "' Generado por coopxl plantilla desde src/coopxl/complemento/vba_modulos.py: no lo edite a mano.",
        "' Cada macro ejecuta Python con xlwings (RunPython, del modulo xlwings de este libro).",
        "Option Explicit",
        "",
    ]
    for m in MACROS:
        partes += [f"Sub {m.sub}()", f"    ' {_ascii(m.ayuda)}", f'    RunPython "{m.comando}"', "End Sub", ""]
    return _lineas(*partes)


def _ascii(texto: str) -> str:
    import unicodedata

    return unicodedata.normalize("NFKD", texto).encode("ascii", "ignore").decode("ascii")


def funciones_udf(modulo: ModuleType) -> list[Callable[..., object]]:
    """The module's Excel functions: those xlwings marked (`__xlfunc__`, on Windows/macOS) or, where the
    decorator is a no-op (Linux), the public functions named BS_…; in name order, as xlwings lists them."""
    funciones = []
    for nombre in sorted(dir(modulo)):
        f = getattr(modulo, nombre)
        if not callable(f) or getattr(f, "__module__", None) != modulo.__name__:
            continue
        if hasattr(f, "__xlfunc__") or nombre.startswith(PREFIJO_UDF):
            funciones.append(f)
    return funciones


def _envoltura(nombre_modulo: str, f: Callable[..., object]) -> list[str]:
    """One function wrapper as xlwings 0.37.8 writes it for a plain (non-volatile, non-vararg) UDF."""
    firma: list[str] = []
    argumentos: list[str] = []
    for p in inspect.signature(f).parameters.values():
        if p.kind not in (p.POSITIONAL_ONLY, p.POSITIONAL_OR_KEYWORD):
            raise ValueError(f"{f.__name__}: solo se admiten argumentos posicionales ({p.name})")
        if p.name == "caller":
            argumentos.append("Nothing")  # xlwings replaces it with the calling cell
            continue
        firma.append(("Optional " if p.default is not p.empty else "") + p.name)
        argumentos.append(p.name)
    nombre = f.__name__
    llamada = f'XLPy.CallUDF("{nombre_modulo}", "{nombre}", Array({", ".join(argumentos)})'
    return [
        f"Function {nombre}({', '.join(firma)})",
        '        #If App = "Microsoft Excel" Then',
        "            If TypeOf Application.Caller Is Range Then On Error GoTo failed",
        f"            {nombre} = {llamada}, ThisWorkbook, Application.Caller)",
        "            Exit Function",
        "        #Else",
        f"            {nombre} = {llamada})",
        "            Exit Function",
        "        #End If",
        "failed:",
        f"        {nombre} = Err.Description",
        "End Function",
        "",
    ]


def fuente_udfs(modulo: ModuleType | None = None, nombre_modulo: str = MODULO_PYTHON_UDFS) -> str:
    """The module `xlwings_udfs` for the UDF module (by default `udfs/coopxl_udfs.py`)."""
    if modulo is None:
        modulo = modulo_udfs()
    partes = [
        f'Attribute VB_Name = "{MODULO_UDFS}"',
        "' Generado por coopxl plantilla con la forma que le da xlwings 0.37.8 (Import Functions lo reemplaza).",
        '#Const App = "Microsoft Excel"',
    ]
    for f in funciones_udf(modulo):
        partes += _envoltura(nombre_modulo, f)
    return _lineas(*partes)


def modulo_udfs() -> ModuleType:
    """`coopxl_udfs`: installed with coopxl (py-modules), else from the repository's udfs/ folder."""
    import importlib
    import sys

    try:
        return importlib.import_module(MODULO_PYTHON_UDFS)
    except ModuleNotFoundError:
        carpeta = Path(__file__).resolve().parents[3] / "udfs"
        if not (carpeta / f"{MODULO_PYTHON_UDFS}.py").is_file():
            raise
        sys.path.insert(0, str(carpeta))
        return importlib.import_module(MODULO_PYTHON_UDFS)


def fuentes() -> dict[str, str]:
    """Module name -> source, in the order they are added to the VBA project."""
    return {MODULO_BOTONES: fuente_botones(), MODULO_UDFS: fuente_udfs()}
