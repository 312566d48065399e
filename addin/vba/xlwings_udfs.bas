Attribute VB_Name = "xlwings_udfs"
' Generado por coopxl plantilla con la forma que le da xlwings 0.37.8 (Import Functions lo reemplaza).
#Const App = "Microsoft Excel"
Function BS_ANALISIS(id_indicador, Optional corte)
        #If App = "Microsoft Excel" Then
            If TypeOf Application.Caller Is Range Then On Error GoTo failed
            BS_ANALISIS = XLPy.CallUDF("coopxl_udfs", "BS_ANALISIS", Array(id_indicador, corte, Nothing), ThisWorkbook, Application.Caller)
            Exit Function
        #Else
            BS_ANALISIS = XLPy.CallUDF("coopxl_udfs", "BS_ANALISIS", Array(id_indicador, corte, Nothing))
            Exit Function
        #End If
failed:
        BS_ANALISIS = Err.Description
End Function

Function BS_BENEFICIO(documento, Optional tipo, Optional corte)
        #If App = "Microsoft Excel" Then
            If TypeOf Application.Caller Is Range Then On Error GoTo failed
            BS_BENEFICIO = XLPy.CallUDF("coopxl_udfs", "BS_BENEFICIO", Array(documento, tipo, corte, Nothing), ThisWorkbook, Application.Caller)
            Exit Function
        #Else
            BS_BENEFICIO = XLPy.CallUDF("coopxl_udfs", "BS_BENEFICIO", Array(documento, tipo, corte, Nothing))
            Exit Function
        #End If
failed:
        BS_BENEFICIO = Err.Description
End Function

Function BS_INDICADOR(id_indicador, Optional corte)
        #If App = "Microsoft Excel" Then
            If TypeOf Application.Caller Is Range Then On Error GoTo failed
            BS_INDICADOR = XLPy.CallUDF("coopxl_udfs", "BS_INDICADOR", Array(id_indicador, corte, Nothing), ThisWorkbook, Application.Caller)
            Exit Function
        #Else
            BS_INDICADOR = XLPy.CallUDF("coopxl_udfs", "BS_INDICADOR", Array(id_indicador, corte, Nothing))
            Exit Function
        #End If
failed:
        BS_INDICADOR = Err.Description
End Function

Function BS_RESULTADO(id_indicador, Optional corte)
        #If App = "Microsoft Excel" Then
            If TypeOf Application.Caller Is Range Then On Error GoTo failed
            BS_RESULTADO = XLPy.CallUDF("coopxl_udfs", "BS_RESULTADO", Array(id_indicador, corte, Nothing), ThisWorkbook, Application.Caller)
            Exit Function
        #Else
            BS_RESULTADO = XLPy.CallUDF("coopxl_udfs", "BS_RESULTADO", Array(id_indicador, corte, Nothing))
            Exit Function
        #End If
failed:
        BS_RESULTADO = Err.Description
End Function

Function BS_TABLA(Optional corte)
        #If App = "Microsoft Excel" Then
            If TypeOf Application.Caller Is Range Then On Error GoTo failed
            BS_TABLA = XLPy.CallUDF("coopxl_udfs", "BS_TABLA", Array(corte, Nothing), ThisWorkbook, Application.Caller)
            Exit Function
        #Else
            BS_TABLA = XLPy.CallUDF("coopxl_udfs", "BS_TABLA", Array(corte, Nothing))
            Exit Function
        #End If
failed:
        BS_TABLA = Err.Description
End Function

Function BS_VALIDAR(Optional severidad, Optional corte)
        #If App = "Microsoft Excel" Then
            If TypeOf Application.Caller Is Range Then On Error GoTo failed
            BS_VALIDAR = XLPy.CallUDF("coopxl_udfs", "BS_VALIDAR", Array(severidad, corte, Nothing), ThisWorkbook, Application.Caller)
            Exit Function
        #Else
            BS_VALIDAR = XLPy.CallUDF("coopxl_udfs", "BS_VALIDAR", Array(severidad, corte, Nothing))
            Exit Function
        #End If
failed:
        BS_VALIDAR = Err.Description
End Function

