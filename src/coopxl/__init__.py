"""coopxl: Balance Social y Beneficio Solidario from the SICSES reports of a Colombian solidarity entity."""

__version__ = "0.1.0"
