"""Extracto de beneficios solidarios (per associate and for the entity) and the assembly report.

`generar_extractos` is the bulk entry point (CLI `coopxl extractos`, the add-in's "Generar extractos"
button); `extracto_de` writes one associate's file; `escribir_extracto` renders one extract as xlsx
bytes; `informe.escribir_informe` writes the Balance Social report for the assembly (`coopxl informe`).
"""

from coopxl.extractos.datos import Encabezado, Extracto, Linea, extracto_entidad, extractos_asociados
from coopxl.extractos.masivo import ResultadoMasivo, extracto_de, generar_extractos, leer_documentos
from coopxl.extractos.xlsx import escribir_extracto

__all__ = ["Encabezado", "Extracto", "Linea", "ResultadoMasivo", "escribir_extracto", "extracto_de",
           "extracto_entidad", "extractos_asociados", "generar_extractos", "leer_documentos"]
