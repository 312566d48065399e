Attribute VB_Name = "coopxl"
' Macros de los botones de la plantilla BalanceSocial.xlsm (coopxl).
' Generado por coopxl plantilla desde src/coopxl/complemento/vba_modulos.py: no lo edite a mano.
' Cada macro ejecuta Python con xlwings (RunPython, del modulo xlwings de este libro).
Option Explicit

Sub ValidarDatos()
    ' Revisa las hojas pegadas y escribe los problemas en la hoja Validacion.
    RunPython "import coopxl_botones; coopxl_botones.validar_datos()"
End Sub

Sub CalcularBalance()
    ' Calcula los 41 indicadores y los escribe en la hoja Balance.
    RunPython "import coopxl_botones; coopxl_botones.calcular_balance()"
End Sub

Sub GenerarExtractos()
    ' Escribe un extracto por asociado en la carpeta extractos, junto al libro.
    RunPython "import coopxl_botones; coopxl_botones.generar_extractos()"
End Sub

Sub GenerarExtractosCombinados()
    ' Como Generar extractos, y ademas un libro combinado con todos los asociados, de uso interno.
    RunPython "import coopxl_botones; coopxl_botones.generar_extractos_combinados()"
End Sub

