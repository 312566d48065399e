"""coopxl: Balance Social y Beneficio Solidario from the SICSES reports of a Colombian solidarity entity."""

import os

__version__ = "0.1.0"

# Settings of pyarrow's allocator (mimalloc), applied before pyarrow is first loaded (mimalloc reads them
# then); a value the user has set wins. Fresh memory is what a load pays most for: the kernel zeroes every
# page at its first touch, and on the benchmark VM that took up to a third of the load's CPU.
# - Arenas committed on demand: mimalloc commits its 1 GiB arenas eagerly on Linux and asks for
#   transparent huge pages over them, so each fresh 2 MB was zeroed whole at once.
# - Freed memory kept for 10 s instead of 10 ms before it is given back to the system: the CSV parser's
#   buffers, freed after each 1 MB block, and each file's chunks, freed once combined, are then reused by
#   the next block and the next file instead of being touched afresh. A command ends within seconds; a
#   long-lived process (the UDF server) still gives memory back.
# Paired runs of the load at 500k asociados (bench/bench_carga.py gives the bare read the same settings):
# 0.75 s faster for the first in a slow phase; 0.3 s faster for the second with the 1 MB parse blocks
# (coopxl.sicses.lectura), which alone were no faster.
AJUSTES_DEL_ASIGNADOR = {"MIMALLOC_ARENA_EAGER_COMMIT": "0", "MIMALLOC_PURGE_DELAY": "10000"}
for _clave, _valor in AJUSTES_DEL_ASIGNADOR.items():
    os.environ.setdefault(_clave, _valor)
