"""`coopxl validar CARPETA`: the table, the exit code, the report file, a Windows console, no traceback."""

from __future__ import annotations

import csv
import os
import subprocess
import sys
from pathlib import Path

import pytest

try:
    from test_sicses_fabrica import APORTES, ASOCIADOS, aporte, asociado, carpeta_consistente, texto
except ImportError:
    from tests.test_sicses_fabrica import APORTES, ASOCIADOS, aporte, asociado, carpeta_consistente, texto

from coopxl.cli import main

RAIZ = Path(__file__).resolve().parents[1]


def _con_errores(carpeta: Path) -> Path:
    carpeta_consistente(carpeta)
    texto(carpeta / "aportes.csv", APORTES, [aporte("1001"), aporte("1002", saldo="mucho"),
                                             aporte("900123456", tipo="N")])
    (carpeta / "basura.csv").write_bytes(os.urandom(2048))
    return carpeta


def _ejecutar(*args: str, encoding: str = "utf-8") -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "PYTHONPATH": str(RAIZ / "src"), "PYTHONIOENCODING": encoding}
    env.pop("COOPXL_DEPURAR", None)
    return subprocess.run([sys.executable, "-m", "coopxl", "validar", *args], capture_output=True, env=env,
                          cwd=RAIZ, timeout=120, check=False)  # type: ignore[call-overload]


def test_validar_sin_errores_sale_con_0(tmp_path, capsys):
    assert main(["validar", str(carpeta_consistente(tmp_path))]) == 0
    salida = capsys.readouterr().out
    assert "Reporte" in salida and "Formato detectado" in salida and "asociados.csv" in salida
    assert "Informe individual de asociados" in salida
    assert "Asociados vigentes al corte" in salida
    assert "0 error(es), 0 advertencia(s)." in salida


def test_validar_con_errores_sale_con_1_y_muestra_la_tabla(tmp_path, capsys):
    assert main(["validar", str(_con_errores(tmp_path))]) == 1
    salida = capsys.readouterr().out
    assert "Severidad" in salida and "Problema" in salida
    assert "mucho" in salida and "Saldo Total" in salida
    assert "basura.csv" in salida and "no es un archivo de texto" in salida
    assert "2 error(es)" in salida


@pytest.mark.parametrize("extension", ["xlsx", "csv"])
def test_salida_escrita_y_sin_sobrescribir(tmp_path, capsys, extension):
    carpeta = _con_errores(tmp_path / "entrada")
    destino = tmp_path / f"informe.{extension}"
    assert main(["validar", str(carpeta), "--salida", str(destino)]) == 1
    assert destino.is_file()
    if extension == "xlsx":
        from openpyxl import load_workbook

        filas = list(load_workbook(destino).active.iter_rows(values_only=True))
    else:
        with open(destino, encoding="utf-8-sig", newline="") as f:
            filas = [tuple(r) for r in csv.reader(f, delimiter=";")]
    assert filas[0] == ("Severidad", "Archivo", "Fila", "Columna", "Valor", "Problema")
    assert any(r[1] == "aportes.csv" and str(r[2]) == "3" and r[3] == "Saldo Total" and r[4] == "mucho"
               for r in filas[1:])
    assert not [p for p in destino.parent.iterdir() if p.name.endswith(".tmp")]  # written atomically
    capsys.readouterr()
    antes = destino.read_bytes()
    assert main(["validar", str(carpeta), "--salida", str(destino)]) == 2
    assert "ya existe" in capsys.readouterr().err and destino.read_bytes() == antes
    assert main(["validar", str(carpeta), "--salida", str(destino), "--forzar"]) == 1


def test_consola_cp1252_no_falla(tmp_path):
    carpeta = _con_errores(tmp_path)
    texto(carpeta / "asociados.csv", ASOCIADOS, [asociado("1001", ape1="Núñez → ☃"), asociado("1002"),
                                                 asociado("900123456", tipo="N", genero="3", nacimiento="")],
          codificacion="utf-8")
    r = _ejecutar(str(carpeta), encoding="cp1252")
    assert r.returncode == 1, r.stderr.decode("cp1252", "replace")
    assert b"Traceback" not in r.stderr
    salida = r.stdout.decode("cp1252")
    assert "error(es)" in salida and "Informe individual de asociados" in salida


@pytest.mark.parametrize("contenido", [b"", os.urandom(3000), b"PK\x03\x04" + os.urandom(100),
                                       b"\xff\xfe" + os.urandom(101), b"Tipo Doc;Documento\n;\n"])
def test_archivos_malos_nunca_dan_traceback(tmp_path, contenido):
    (tmp_path / "asociados.csv").write_bytes(contenido)
    (tmp_path / "cartera.xlsx").write_bytes(contenido)
    r = _ejecutar(str(tmp_path))
    assert b"Traceback" not in r.stderr, r.stderr.decode()
    assert r.returncode == 1


def test_carpeta_inexistente(tmp_path):
    r = _ejecutar(str(tmp_path / "no_existe"))
    assert r.returncode == 1 and b"Traceback" not in r.stderr
    assert "la carpeta no existe" in r.stdout.decode()


def test_lectura_anticipada_igual_que_la_directa(tmp_path):
    """A folder read in the background while a command imports its engine gives the Lectura a plain read
    gives; asked with its own report, the folder is read again, as asked."""
    from coopxl.sicses import descubrimiento as d
    from coopxl.sicses.problemas import Informe

    carpeta = _con_errores(tmp_path)
    directa = d.leer_carpeta(carpeta)
    d.anticipar([carpeta, tmp_path / "no_existe"])
    anticipada = d.leer_carpeta(carpeta)
    assert anticipada is not directa and list(anticipada.cargas) == list(directa.cargas)
    for k, c in directa.cargas.items():
        assert c.datos.equals(anticipada.cargas[k].datos)
    assert [p.texto() for p in anticipada.informe.todos()] == [p.texto() for p in directa.informe.todos()]
    assert not d._ANTICIPADAS  # taken once; the missing folder was never started
    d.anticipar([carpeta])
    propio = Informe()
    otra = d.leer_carpeta(carpeta, propio)
    assert otra.informe is propio and not d._ANTICIPADAS


def test_reconocer_y_leer_no_importan_pandas():
    """The readers recognise and parse with pyarrow alone (pandas is imported at the first conversion), so a
    command can read while it still imports pandas."""
    codigo = "import sys, coopxl.sicses.descubrimiento; print('pandas' in sys.modules)"
    r = subprocess.run([sys.executable, "-c", codigo], capture_output=True, text=True, check=True, cwd=RAIZ,
                       env={**os.environ, "PYTHONPATH": str(RAIZ / "src")})
    assert r.stdout.strip() == "False"
