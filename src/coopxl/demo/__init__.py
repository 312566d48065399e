"""A synthetic solidarity cooperative: the SICSES reports and own files coopxl reads, at any cut date."""

from coopxl.demo.generador import generar_demo

__all__ = ["generar_demo"]
