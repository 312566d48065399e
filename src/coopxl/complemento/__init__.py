"""The Excel add-in's logic, independent of Excel: what the buttons do, over a small workbook interface.

`interfaz.LibroAbierto` is what an action needs from an open workbook (read a sheet, write a block, the
folder, the status bar, the selection); `libro_openpyxl.LibroOpenpyxl` implements it over a file (tests,
scripts) and `udfs/coopxl_botones.py` over Excel through xlwings. `acciones` holds the three buttons
(validar_datos, calcular_balance, generar_extractos); `hojas.dataset_desde_hojas` is the one way the UDFs and
the buttons turn the pasted report sheets into a Dataset.
"""
