"""The Excel face: formula text (formulas.py), workbook layout and names (referencias.py), the sheets
(portada, hojas_parametros, hojas_datos), the workbook (libro.py) and recalculation by LibreOffice or
the `formulas` package (recalculo.py). The workbook never computes an indicator by itself: its
formulas are generated next to each indicator's Python computation."""
