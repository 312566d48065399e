"""File output that never leaves half a file and never writes user text as a formula."""

from __future__ import annotations

import contextlib
import os
import tempfile
from collections.abc import Iterator, Sequence
from pathlib import Path
from typing import IO, Any


@contextlib.contextmanager
def escritura_atomica(destino: Path, modo: str = "wb", **kwargs: Any) -> Iterator[IO[Any]]:
    """Write to a temporary file beside `destino`, then rename it over: a crash leaves the old file intact."""
    destino = Path(destino)
    destino.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(prefix=f".{destino.name}.", suffix=".tmp", dir=destino.parent)
    try:
        with os.fdopen(fd, modo, **kwargs) as f:
            yield f
        os.chmod(tmp, 0o666 & ~_umask())  # mkstemp creates 0600; a normal file follows the umask
        os.replace(tmp, destino)
    except BaseException:
        with contextlib.suppress(FileNotFoundError):
            os.unlink(tmp)
        raise


def _umask() -> int:
    actual = os.umask(0)
    os.umask(actual)
    return actual


def fila_de_textos(ws: Any, valores: Sequence[object]) -> None:
    """Append a row to an openpyxl sheet; strings stay strings even when they start with '=', '+', '-' or '@'."""
    ws.append(list(valores))
    for celda in ws[ws.max_row]:
        if isinstance(celda.value, str) and celda.data_type == "f":
            celda.data_type = "s"
