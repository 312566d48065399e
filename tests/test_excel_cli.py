"""`coopxl libro`: writes the workbook of a folder, refuses to overwrite without --forzar (Spanish message)."""

from __future__ import annotations

import datetime as dt

import openpyxl

from coopxl.cli import main
from coopxl.excel import referencias as R
from tests.constructor import Entidad, asociado


def test_libro_escribe_y_no_sobrescribe(tmp_path, capsys) -> None:
    carpeta = Entidad(tmp_path / "entrada", asociados=[asociado("1"), asociado("2", genero="2")]).escribir()
    destino = tmp_path / "balance.xlsx"
    assert main(["libro", str(carpeta), "--salida", str(destino)]) == 0
    assert "Libro del Balance Social escrito" in capsys.readouterr().out
    wb = openpyxl.load_workbook(destino)
    assert R.nombre_indicador("asociados_activos") in wb.defined_names
    antes = destino.read_bytes()
    assert main(["libro", str(carpeta), "--salida", str(destino)]) == 2
    assert "ya existe: use --forzar" in capsys.readouterr().err
    assert destino.read_bytes() == antes
    assert main(["libro", str(carpeta), "--salida", str(destino), "--forzar", "--corte", "2025-06-30"]) == 0
    assert openpyxl.load_workbook(destino)[R.HOJA_PARAMETROS]["B5"].value.date() == dt.date(2025, 6, 30)


def test_libro_pide_xlsx(tmp_path, capsys) -> None:
    assert main(["libro", "--salida", str(tmp_path / "balance.xls")]) == 2
    assert ".xlsx" in capsys.readouterr().err
