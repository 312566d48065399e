"""The `coopxl` commands, thin: parse the arguments, call the library, print in Spanish."""

from __future__ import annotations

import argparse
import datetime as dt
import os
import sys
from collections.abc import Sequence
from pathlib import Path

from coopxl import __version__, formato
from coopxl.consola import preparar_salida, tabla


class ErrorUso(Exception):
    """A user mistake on the command line: printed as one Spanish line, exit code 2."""


def _fecha(texto: str) -> dt.date:
    for fmt in ("%Y-%m-%d", "%d/%m/%Y"):
        try:
            return dt.datetime.strptime(texto, fmt).date()
        except ValueError:
            pass
    raise argparse.ArgumentTypeError(f"fecha no válida «{texto}»: use AAAA-MM-DD (por ejemplo 2025-12-31)")


def _anticipar(*carpetas: Path | Sequence[Path] | None) -> None:
    """Start reading the folders now, while the command still imports its engine (pandas, the indicators):
    the read goes on meanwhile (`descubrimiento.anticipar`)."""
    from coopxl.sicses.descubrimiento import anticipar

    lista: list[Path] = []
    for c in carpetas:
        lista += [c] if isinstance(c, Path) else list(c or [])
    anticipar(lista)


def _carpeta_o_demo(carpeta: Path | None) -> Path:
    if carpeta is not None:
        return carpeta
    from coopxl.demo.incluido import CARPETA_INCLUIDA

    print(f"Sin carpeta: se usa la cooperativa de demostración incluida ({CARPETA_INCLUIDA}).\n")
    return CARPETA_INCLUIDA


def _cargar_cortes(carpetas: Sequence[Path] | None, corte: dt.date | None, anterior: Path | None = None):
    """One folder (none: the demo) or one folder per cut, the latest being C: (C's Dataset with the loans the
    earlier cuts add, its reading, the earlier cuts' Datasets, C's folder)."""
    from coopxl.evolucion import ErrorCortes, cargar_cortes

    lista = list(carpetas or []) or [_carpeta_o_demo(None)]
    for c in lista:
        if not c.is_dir():
            raise ErrorUso(f"la carpeta {c} no existe o no es una carpeta.")
    try:
        cortes = cargar_cortes(lista, corte, anterior=anterior)
    except ErrorCortes as e:
        raise ErrorUso(str(e)) from e
    ds = cortes.actual
    if cortes.anteriores:
        print(f"{len(lista)} cortes leídos, del {cortes.anteriores[0].corte:%d/%m/%Y} al {ds.corte:%d/%m/%Y}: el más "
              "reciente es el corte del Balance Social; los anteriores aportan los créditos desembolsados en el "
              "periodo y cancelados antes del corte.\n")
    return ds, cortes.lectura, cortes.anteriores, ds.carpeta or lista[-1]


def _destino(salida: str, extensiones: tuple[str, ...], forzar: bool) -> Path:
    """The output file of a command, refused before any work: wrong extension, or existing without --forzar."""
    destino = Path(salida)
    if destino.suffix.lower() not in extensiones:
        raise ErrorUso(f"--salida debe ser un archivo {' o '.join(extensiones)} (se indicó {destino}).")
    if destino.exists() and not forzar:
        raise ErrorUso(f"{destino} ya existe: use --forzar para reemplazarlo.")
    return destino


def _avisar_errores(lectura, carpeta: Path, cuando: str = "", salto: bool = False) -> None:
    """The footer every computing command prints when the data had validation errors."""
    if lectura.informe.errores:
        print(("\n" if salto else "") + f"La validación encontró {lectura.informe.errores} error(es) en los datos: "
              f"revíselos con «coopxl validar {carpeta}»{cuando}.")


# --- validar ------------------------------------------------------------------------------------

def cmd_validar(args: argparse.Namespace) -> int:
    destino = _destino(args.salida, (".xlsx", ".csv"), args.forzar) if args.salida else None
    _anticipar(args.carpeta)
    from coopxl.dataset import cargar_dataset

    carpeta = _carpeta_o_demo(args.carpeta)
    ds, lectura = cargar_dataset(carpeta, args.corte)
    inf = lectura.informe
    print(f"Carpeta: {carpeta}")
    print(f"Corte: {ds.corte:%d/%m/%Y}   Periodo: {ds.periodo.inicio:%d/%m/%Y} a {ds.periodo.fin:%d/%m/%Y}\n")
    filas = [(c.layout.titulo, c.archivo.name, formato.entero(c.filas), c.descripcion_formato())
             for c in lectura.cargas.values()]
    print(tabla(["Reporte", "Archivo", "Filas", "Formato detectado"], filas, alinear_derecha=[2], max_ancho=120))
    faltan = [r for r in ("asociados", "aportes", "captaciones", "cartera", "directivos", "catalogo",
                          "beneficios", "complementarios") if r not in lectura.cargas]
    if faltan:
        print(f"\nReportes no encontrados: {', '.join(faltan)}.")
    _resumen_datos(ds)
    problemas = sorted(inf.todos(), key=lambda p: (p.archivo, p.fila or 0))
    print()
    if problemas:
        print(tabla(["Severidad", "Archivo", "Fila", "Columna", "Valor", "Problema"],
                    [(p.severidad, p.archivo, p.fila or "", p.columna or "", p.valor or "", p.mensaje)
                     for p in problemas], max_ancho=220))
    for aviso in ds.advertencias:
        print(f"Nota: {aviso}")
    print(f"\n{inf.errores} error(es), {inf.advertencias} advertencia(s).")
    if destino is not None:
        if destino.suffix.lower() == ".xlsx":
            inf.escribir_xlsx(destino)
        else:
            inf.escribir_csv(destino)
        print(f"Informe de validación escrito en {destino}.")
    return 1 if inf.errores else 0


def _resumen_datos(ds) -> None:
    if ds.asociados is None:
        return
    a = ds.asociados
    vig = a[a["vigente"]]
    lineas = [
        ("Asociados vigentes al corte", formato.entero(ds.total_asociados)),
        ("  mujeres / hombres / personas jurídicas",
         f"{formato.entero(vig['mujer'].sum())} / {formato.entero((vig['genero'] == '1').sum())} / "
         f"{formato.entero((vig['genero'] == '3').sum())}"),
        ("  hábiles / activos en el periodo", f"{formato.entero(vig['habil'].sum())} / "
                                              f"{formato.entero(vig['activo_p'].sum())}"),
        ("Vinculados / retirados en el periodo", f"{formato.entero(a['vinculado_p'].sum())} / "
                                                 f"{formato.entero(a['retirado_p'].sum())}"),
    ]
    if ds.aportes is not None:
        lineas.append(("Aportes sociales (suma de Saldo Total)", formato.pesos(ds.aportes["saldo_total"].sum())))
    if ds.captaciones is not None:
        lineas.append(("Captaciones (suma de Saldo Disponible)",
                       formato.pesos(ds.captaciones["saldo_disponible"].sum())))
    if ds.cartera is not None:
        lineas.append(("Cartera (suma de Saldo Capital)", formato.pesos(ds.cartera["saldo_capital"].sum())))
    if ds.desembolsos is not None:
        lineas.append(("Desembolsos en el periodo", f"{formato.entero(len(ds.desembolsos))} por "
                       f"{formato.pesos(ds.desembolsos['monto'].sum())}"))
    if ds.directivos_personas is not None:
        lineas.append(("Directivos (personas en órganos 1 a 3)", formato.entero(len(ds.directivos_personas))))
    print()
    print(tabla(["Resumen de los datos", "Valor"], lineas, alinear_derecha=[1]))


# --- balance ------------------------------------------------------------------------------------

def cmd_balance(args: argparse.Namespace) -> int:
    destino_libro = _destino(args.salida, (".xlsx",), args.forzar) if args.salida else None
    _anticipar(args.carpeta, args.anterior)
    import json

    from coopxl.analisis import ESTADOS_TEXTO
    from coopxl.archivos import escritura_atomica
    from coopxl.balance import a_json, calcular_balance, resumen_beneficios

    ds, lectura, anteriores, carpeta = _cargar_cortes(args.carpeta, args.corte, args.anterior)
    b = calcular_balance(ds)
    ent = ds.entidad
    print("BALANCE SOCIAL Y BENEFICIO SOLIDARIO")
    if ent["nombre"]:
        print(f"Entidad: {ent['nombre']}" + (f" ({ent['sigla']})" if ent["sigla"] else ""))
    print(f"Corte: {ds.corte:%d/%m/%Y}   Periodo evaluado: {ds.periodo.inicio:%d/%m/%Y} a {ds.periodo.fin:%d/%m/%Y}")
    con_anterior = ds.anterior is not None
    for p, nombre, filas in b.por_principio():
        print(f"\n{p}. {nombre.upper()}")
        encabezado = ["Indicador", "Resultado", "Estado"]
        if con_anterior:
            encabezado += ["Anterior", "Cambio"]
        cuerpo = []
        for f in filas:
            fila = [f.indicador.nombre, f.resultado_texto if f.resultado.estado == "ok" else "-",
                    ESTADOS_TEXTO[f.resultado.estado]]
            if con_anterior:
                fila.append(_texto_anterior(f))
                cambio = f.cambio()
                fila.append("" if cambio is None else formato.numero(cambio) + (" pts" if f.indicador.es_porcentaje
                                                                               else ""))
            cuerpo.append(fila)
        print(tabla(encabezado, cuerpo, alinear_derecha=[1, 3, 4] if con_anterior else [1], max_ancho=70))
    if args.detalle:
        print("\nANÁLISIS")
        for f in b.filas:
            print(f"- {f.indicador.nombre}: {f.analisis}")
    print("\nBENEFICIO SOLIDARIO (asociados vigentes: " + formato.entero(b.beneficios.asociados) + ")")
    print(tabla(["Componente", "Valor"], resumen_beneficios(b.beneficios), alinear_derecha=[1]))
    if b.beneficios.tasas:
        print("Tasas de referencia de mercado usadas (efectivas anuales):")
        for t in b.beneficios.tasas:
            print(f"  {t.producto}: {formato.porcentaje(t.tasa)} ({t.fuente})")
    avisos = [(f.indicador.nombre, a) for f in b.filas for a in f.advertencias]
    avisos += [("Datos", a) for a in (*ds.advertencias, *b.beneficios.advertencias)]
    avisos += [("Beneficio solidario", f"No calculado: {x}.") for x in b.beneficios.faltantes]
    if avisos:
        print("\nADVERTENCIAS")
        for quien, a in avisos:
            print(f"- {quien}: {a}")
    inf = lectura.informe
    if inf.errores:
        print(f"\nLa validación encontró {inf.errores} error(es) y {inf.advertencias} advertencia(s) en los datos: "
              f"revíselos con «coopxl validar {carpeta}».")
    if args.json:
        destino = Path(args.json)
        with escritura_atomica(destino, "w", encoding="utf-8") as fh:
            json.dump(a_json(b), fh, ensure_ascii=False, indent=2)
        print(f"\nResultado en JSON escrito en {destino}.")
    if destino_libro is not None:
        print()
        _escribir_libro(ds, destino_libro, args.forzar, anteriores)
    return 0


def _texto_anterior(f) -> str:
    from coopxl.analisis import resultado_o_estado

    return "" if f.anterior is None else resultado_o_estado(f.indicador, f.anterior)


# --- demo ---------------------------------------------------------------------------------------

def cmd_demo(args: argparse.Namespace) -> int:
    from coopxl.demo import generar_demo

    destino = Path(args.salida)
    if destino.exists() and any(destino.iterdir()) and not args.forzar:
        raise ErrorUso(f"la carpeta {destino} no está vacía: use --forzar para sobrescribir sus archivos.")
    archivos = generar_demo(destino, asociados=args.asociados, semilla=args.semilla, formato=args.formato,
                            corte=args.corte or dt.date(2025, 12, 31))
    print(f"Cooperativa de demostración (datos sintéticos) escrita en {destino}:")
    for a in archivos:
        print(f"  {a.name}")
    return 0


# --- conciliar / formulario ---------------------------------------------------------------------

def cmd_conciliar(args: argparse.Namespace) -> int:
    from coopxl.balance import calcular_balance
    from coopxl.conciliacion import ErrorLecturaSES, conciliar, leer_resultado_ses
    from coopxl.conciliacion.salida import escribir_xlsx, texto_conciliacion
    from coopxl.dataset import cargar_dataset

    destino = _destino(args.salida, (".xlsx",), args.forzar) if args.salida else None
    if not args.carpeta.is_dir():
        raise ErrorUso(f"la carpeta {args.carpeta} no existe o no es una carpeta.")
    try:
        ses = leer_resultado_ses(args.resultado_ses)
    except ErrorLecturaSES as e:
        raise ErrorUso(str(e)) from e
    ds, lectura = cargar_dataset(args.carpeta, args.corte, anterior=args.anterior)
    if args.corte is None and ds.complementarios.get("fecha_corte") is None and ses.fecha_corte \
            and ses.fecha_corte != ds.corte:
        ds, lectura = cargar_dataset(args.carpeta, ses.fecha_corte, anterior=args.anterior)
        print(f"Sin --corte ni fecha_corte en complementarios: se usa la fecha de corte del resultado del "
              f"supervisor ({ses.fecha_corte:%d/%m/%Y}).\n")
    c = conciliar(calcular_balance(ds), ses)
    print("CONCILIACIÓN CON EL RESULTADO DE LA SUPERSOLIDARIA")
    print(f"Datos de coopxl: {args.carpeta}   Corte: {ds.corte:%d/%m/%Y}")
    del_ses = [x for x in (ses.entidad, ses.fecha_corte and f"corte {ses.fecha_corte:%d/%m/%Y}") if x]
    print(f"Resultado del supervisor: {args.resultado_ses}" + (f" ({', '.join(del_ses)})" if del_ses else ""))
    print("Diferencia = coopxl menos supervisor (en puntos para los porcentajes).\n")
    print(texto_conciliacion(c))
    _avisar_errores(lectura, args.carpeta, salto=True)
    if destino is not None:
        escribir_xlsx(c, destino, [("Carpeta de datos", str(args.carpeta)), ("Corte", f"{ds.corte:%d/%m/%Y}"),
                                   ("Resultado del supervisor", str(args.resultado_ses))])
        print(f"\nConciliación escrita en {destino}.")
    return 0


def cmd_formulario(args: argparse.Namespace) -> int:
    from coopxl.balance import calcular_balance
    from coopxl.conciliacion import texto_formulario
    from coopxl.dataset import cargar_dataset

    carpeta = _carpeta_o_demo(args.carpeta)
    ds, lectura = cargar_dataset(carpeta, args.corte, anterior=args.anterior)
    print(texto_formulario(calcular_balance(ds)))
    _avisar_errores(lectura, carpeta, " antes de digitar el formulario", salto=True)
    return 0


# --- extractos / informe -------------------------------------------------------------------------

def cmd_extractos(args: argparse.Namespace) -> int:
    from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeRemainingColumn

    from coopxl.dataset import cargar_dataset
    from coopxl.extractos import generar_extractos, leer_documentos
    from coopxl.extractos.pdf import ErrorPDF

    carpeta = _carpeta_o_demo(args.carpeta)
    if args.proteger and args.formato != "pdf":
        raise ErrorUso("--proteger solo aplica a PDF: agregue --formato pdf.")
    if args.logo is not None and not Path(args.logo).is_file():
        raise ErrorUso(f"no se encontró el logo {args.logo}.")
    documentos = None
    if args.documentos is not None:
        if not Path(args.documentos).is_file():
            raise ErrorUso(f"no se encontró la lista de documentos {args.documentos}.")
        documentos = leer_documentos(Path(args.documentos))
        if not documentos:
            raise ErrorUso(f"la lista {args.documentos} no trae ningún documento.")
    ds, lectura = cargar_dataset(carpeta, args.corte)
    etapas = {"xlsx": "Libros de Excel", "pdf": "PDF"}
    with Progress(TextColumn("{task.description}"), BarColumn(), MofNCompleteColumn(), TimeRemainingColumn(),
                  transient=False) as barra:
        tareas: dict[str, int] = {}

        def progreso(hechos: int, total: int, etapa: str) -> None:
            if etapa not in tareas:
                tareas[etapa] = barra.add_task(etapas.get(etapa, etapa), total=total)
            barra.update(tareas[etapa], completed=hechos, total=total)

        try:
            r = generar_extractos(ds, Path(args.salida), documentos=documentos, formato=args.formato,
                                  progreso=progreso, forzar=args.forzar, proteger=args.proteger, logo=args.logo,
                                  encabezado=args.encabezado or "")
        except (ErrorPDF, ValueError) as e:
            raise ErrorUso(str(e)) from e
    print(f"Extractos de beneficios solidarios en {r.destino}: {formato.entero(r.escritos)} escrito(s)"
          + (f", {formato.entero(r.omitidos)} ya existían (use --forzar para rehacerlos)" if r.omitidos else "")
          + ".")
    if r.entidad is not None:
        print(f"Extracto de la entidad: {r.entidad.name}.")
    print(f"Índice para el envío masivo ({formato.entero(r.asociados)} asociados): {r.indice.name}.")
    if args.proteger:
        print("Cada PDF se abre con el número de documento del asociado, sin puntos ni dígito de verificación.")
    if r.no_encontrados:
        muestra = ", ".join(r.no_encontrados[:10]) + (" ..." if len(r.no_encontrados) > 10 else "")
        print(f"{len(r.no_encontrados)} documento(s) de la lista no son asociados vigentes al corte: {muestra}")
    _avisar_errores(lectura, carpeta, salto=False)
    return 0


def cmd_informe(args: argparse.Namespace) -> int:
    from coopxl.balance import calcular_balance
    from coopxl.dataset import cargar_dataset
    from coopxl.extractos.informe import escribir_informe
    from coopxl.extractos.pdf import ErrorPDF

    destino = _destino(args.salida, (".pdf", ".xlsx"), args.forzar)
    carpeta = _carpeta_o_demo(args.carpeta)
    ds, lectura = cargar_dataset(carpeta, args.corte, anterior=args.anterior)
    try:
        escribir_informe(calcular_balance(ds), destino, lectura.informe.errores)
    except ErrorPDF as e:
        raise ErrorUso(str(e)) from e
    print(f"Informe del Balance Social para la asamblea escrito en {destino}.")
    return 0


# --- libro ---------------------------------------------------------------------------------------

def cmd_libro(args: argparse.Namespace) -> int:
    destino = _destino(args.salida, (".xlsx",), args.forzar)
    _anticipar(args.carpeta)
    ds, lectura, anteriores, carpeta = _cargar_cortes(args.carpeta, args.corte)
    _escribir_libro(ds, destino, args.forzar, anteriores)
    _avisar_errores(lectura, carpeta, salto=False)
    return 0


def _escribir_libro(ds, destino: Path, forzar: bool, anteriores) -> None:
    """The workbook of `coopxl libro`, also written by `coopxl balance --salida`."""
    from coopxl.excel.libro import LibroExistente, escribir_libro

    try:
        libro = escribir_libro(ds, destino, forzar=forzar, anteriores=anteriores)
    except LibroExistente as e:
        raise ErrorUso(f"{destino} ya existe: use --forzar para reemplazarlo.") from e
    print(f"Libro del Balance Social escrito en {libro.ruta} ({len(libro.hojas)} hojas). Los 41 indicadores son "
          "fórmulas sobre las hojas de datos: al abrirlo, Excel los calcula.")
    if anteriores:
        print(f"La hoja Evolucion trae los asociados por producto de los {len(anteriores) + 1} cortes y su gráfico.")


# --- actualizar ----------------------------------------------------------------------------------

def cmd_actualizar(args: argparse.Namespace) -> int:
    from coopxl.excel.actualizar import ErrorActualizacion, actualizar_libro, texto_actualizacion

    try:
        a = actualizar_libro(args.libro, args.carpeta, args.corte)
    except ErrorActualizacion as e:
        raise ErrorUso(str(e)) from e
    print(texto_actualizacion(a))
    _avisar_errores(a.lectura, args.carpeta, salto=True)
    return 0


# --- plantilla ----------------------------------------------------------------------------------

def cmd_plantilla(args: argparse.Namespace) -> int:
    from coopxl.complemento import plantilla as P
    from coopxl.complemento.vba_proyecto import ErrorPlantilla

    destino = _destino(args.salida, (".xlsm", ".xlsx"), args.forzar)
    try:
        if destino.suffix.lower() == ".xlsx":
            P.escribir_variante_xlsx(destino, forzar=args.forzar)
            print(f"Libro sin macros escrito en {destino}: la cooperativa de demostración con los 41 indicadores "
                  "como fórmulas nativas de Excel. Para un libro con sus datos use «coopxl libro CARPETA».")
        else:
            p = P.escribir_plantilla(destino, forzar=args.forzar)
            print(f"Plantilla escrita en {p.ruta} ({len(p.hojas)} hojas, macros {', '.join(p.modulos)}). Ábrala en "
                  "Excel, habilite las macros y siga la hoja Instrucciones.")
        if args.addin:
            for ruta in P.escribir_addin(args.addin, forzar=args.forzar):
                print(f"  {ruta}")
    except (ErrorPlantilla, P.PlantillaExistente) as e:
        raise ErrorUso(str(e)) from e
    return 0


# --- parser -------------------------------------------------------------------------------------

def construir_parser() -> argparse.ArgumentParser:
    p = argparse.ArgumentParser(
        prog="coopxl",
        description="Balance Social y Beneficio Solidario a partir de los reportes SICSES.",
    )
    p.add_argument("--version", action="version", version=f"coopxl {__version__}")
    sub = p.add_subparsers(dest="comando", metavar="COMANDO")

    v = sub.add_parser("validar", help="lee y valida los archivos de una carpeta")
    v.add_argument("carpeta", nargs="?", type=Path, help="carpeta con los reportes (sin ella: la demostración)")
    v.add_argument("--corte", type=_fecha, help="fecha de corte AAAA-MM-DD")
    v.add_argument("--salida", help="escribe el informe de validación en un archivo .xlsx o .csv")
    v.add_argument("--forzar", action="store_true", help="reemplaza el archivo de salida si existe")
    v.set_defaults(func=cmd_validar)

    b = sub.add_parser("balance", help="calcula los 41 indicadores y el beneficio solidario")
    b.add_argument("carpeta", nargs="*", type=Path, metavar="CARPETA",
                   help="carpeta con los reportes (sin ella: la demostración); con varias, una por corte: la más "
                        "reciente es el corte y las anteriores aportan los créditos desembolsados y cancelados")
    b.add_argument("--corte", type=_fecha, help="fecha de corte AAAA-MM-DD")
    b.add_argument("--anterior", type=Path, help="carpeta del corte anterior, para comparar")
    b.add_argument("--json", help="escribe el resultado completo en un archivo JSON")
    b.add_argument("--detalle", action="store_true", help="imprime también la frase de análisis de cada indicador")
    b.add_argument("--salida", help="escribe también el libro de Excel del Balance Social (.xlsx), como «coopxl libro»")
    b.add_argument("--forzar", action="store_true", help="reemplaza el libro de salida si existe")
    b.set_defaults(func=cmd_balance)

    d = sub.add_parser("demo", help="escribe una cooperativa de demostración con datos sintéticos")
    d.add_argument("--asociados", type=int, default=300, help="número aproximado de asociados vigentes")
    d.add_argument("--semilla", type=int, default=1, help="semilla: la misma semilla da los mismos archivos")
    d.add_argument("--salida", required=True, help="carpeta de destino")
    d.add_argument("--formato", choices=("csv", "xlsx"), default="csv")
    d.add_argument("--corte", type=_fecha, help="fecha de corte AAAA-MM-DD (por omisión 2025-12-31)")
    d.add_argument("--forzar", action="store_true", help="sobrescribe una carpeta que ya tiene archivos")
    d.set_defaults(func=cmd_demo)

    c = sub.add_parser("conciliar", help="compara el resultado de la Supersolidaria con el de coopxl")
    c.add_argument("carpeta", type=Path, help="carpeta con los reportes de la entidad")
    c.add_argument("resultado_ses", type=Path, metavar="RESULTADO_SES",
                   help="resultado del Balance Social descargado de la Supersolidaria (PDF o texto)")
    c.add_argument("--corte", type=_fecha, help="fecha de corte AAAA-MM-DD")
    c.add_argument("--anterior", type=Path, help="carpeta del corte anterior (indicadores de crecimiento)")
    c.add_argument("--salida", help="escribe la conciliación en un archivo .xlsx")
    c.add_argument("--forzar", action="store_true", help="reemplaza el archivo de salida si existe")
    c.set_defaults(func=cmd_conciliar)

    f = sub.add_parser("formulario", help="numeradores y denominadores para el formulario del supervisor")
    f.add_argument("carpeta", nargs="?", type=Path, help="carpeta con los reportes (sin ella: la demo)")
    f.add_argument("--corte", type=_fecha, help="fecha de corte AAAA-MM-DD")
    f.add_argument("--anterior", type=Path, help="carpeta del corte anterior (indicadores de crecimiento)")
    f.set_defaults(func=cmd_formulario)
    x = sub.add_parser("extractos", help="extractos de beneficios solidarios, uno por asociado, e índice de envío")
    x.add_argument("carpeta", nargs="?", type=Path, help="carpeta con los reportes (sin ella: la demostración)")
    x.add_argument("--salida", required=True, help="carpeta donde se escriben los extractos")
    x.add_argument("--corte", type=_fecha, help="fecha de corte AAAA-MM-DD")
    x.add_argument("--formato", choices=("xlsx", "pdf"), default="xlsx", help="xlsx (por omisión) o pdf")
    x.add_argument("--documentos", type=Path,
                   help="solo estos documentos: uno por línea, o un csv con columna documento")
    x.add_argument("--forzar", action="store_true", help="rehace los extractos que ya existen")
    x.add_argument("--proteger", action="store_true", help="cada PDF se abre con el documento del asociado")
    x.add_argument("--logo", type=Path, help="imagen PNG o JPEG para el encabezado")
    x.add_argument("--encabezado", help="texto libre bajo el nombre de la entidad")
    x.set_defaults(func=cmd_extractos)

    n = sub.add_parser("informe", help="informe del Balance Social para la asamblea, en PDF o xlsx")
    n.add_argument("carpeta", nargs="?", type=Path, help="carpeta con los reportes (sin ella: la demostración)")
    n.add_argument("--salida", required=True, help="archivo .pdf o .xlsx")
    n.add_argument("--corte", type=_fecha, help="fecha de corte AAAA-MM-DD")
    n.add_argument("--anterior", type=Path, help="carpeta del corte anterior (indicadores de crecimiento)")
    n.add_argument("--forzar", action="store_true", help="reemplaza el archivo de salida si existe")
    n.set_defaults(func=cmd_informe)

    li = sub.add_parser("libro", help="libro de Excel del Balance Social con los indicadores como fórmulas")
    li.add_argument("carpeta", nargs="*", type=Path, metavar="CARPETA",
                    help="carpeta con los reportes (sin ella: la demostración); con varias, una por corte (p. ej. "
                         "doce cierres mensuales): la más reciente es el corte, las anteriores dan la hoja Evolucion")
    li.add_argument("--salida", required=True, help="archivo .xlsx")
    li.add_argument("--corte", type=_fecha, help="fecha de corte AAAA-MM-DD")
    li.add_argument("--forzar", action="store_true", help="reemplaza el archivo de salida si existe")
    li.set_defaults(func=cmd_libro)

    ac = sub.add_parser("actualizar", help="pone un nuevo corte en un libro generado por coopxl y conserva lo que "
                                           "usted escribió (complementarios, parámetros, hojas propias)")
    ac.add_argument("libro", type=Path, metavar="LIBRO", help="libro .xlsx generado por «coopxl libro»")
    ac.add_argument("carpeta", type=Path, metavar="CARPETA", help="carpeta con los reportes del nuevo corte")
    ac.add_argument("--corte", type=_fecha, help="fecha de corte AAAA-MM-DD")
    ac.set_defaults(func=cmd_actualizar)

    pl = sub.add_parser("plantilla", help="plantilla de Excel con macros y botones para pegar los reportes SICSES")
    pl.add_argument("--salida", required=True,
                    help="archivo .xlsm (la plantilla con macros) o .xlsx (el libro sin macros de demostración)")
    pl.add_argument("--forzar", action="store_true", help="reemplaza el archivo de salida si existe")
    pl.add_argument("--addin", type=Path, help=argparse.SUPPRESS)  # maintainers: rewrite addin/ (vba/*.bas, conf)
    pl.set_defaults(func=cmd_plantilla)
    return p


def main(argv: Sequence[str] | None = None) -> int:
    preparar_salida()
    parser = construir_parser()
    args = parser.parse_args(argv)
    if not getattr(args, "func", None):
        parser.print_help()
        return 2
    try:
        return int(args.func(args))
    except ErrorUso as e:
        print(f"coopxl: {e}", file=sys.stderr)
        return 2
    except BrokenPipeError:  # the output was piped into a program that stopped reading (head, more)
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        return 0
    except KeyboardInterrupt:
        print("\ncoopxl: interrumpido.", file=sys.stderr)
        return 130
    except Exception as e:  # last resort: one readable line, the traceback only on request
        if os.environ.get("COOPXL_DEPURAR"):
            raise
        print(f"coopxl: error inesperado ({type(e).__name__}: {e}). Defina COOPXL_DEPURAR=1 para ver el "
              "detalle y reporte el problema.", file=sys.stderr)
        return 3


if __name__ == "__main__":
    raise SystemExit(main())
