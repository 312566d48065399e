"""coopxl: Balance Social y Beneficio Solidario from the SICSES reports of a Colombian solidarity entity."""

import os

__version__ = "0.1.0"

# Allocator settings, applied before pyarrow (and the mimalloc inside it) is first loaded; a value the user
# has set wins. mimalloc commits its 1 GiB arenas eagerly on Linux and asks for transparent huge pages over
# them, so every 2 MB of fresh arrow memory is zeroed whole at the first touch. Loading 500k asociados
# touches ~1.4 GB of it (the bare read ~0.4 GB); on the benchmark VM that zeroing took up to a third of the
# load's CPU and varied from run to run. Committed on demand (4 KB pages), the load was 0.75 s faster in
# the median of 10 paired runs at 500k, and the same at 100k (bench/bench_carga.py, which gives the bare
# read the same settings). Windows and macOS do not commit eagerly anyway.
AJUSTES_DEL_ASIGNADOR = {"MIMALLOC_ARENA_EAGER_COMMIT": "0"}
for _clave, _valor in AJUSTES_DEL_ASIGNADOR.items():
    os.environ.setdefault(_clave, _valor)
