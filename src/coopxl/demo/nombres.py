"""Spanish texts of the synthetic cooperative: names, surnames, places, products and concepts.

Surnames and first names are common in Colombia (weighted towards the Boyacá highlands, where the
fictional entity lives); municipalities carry their DANE code. Employers and legal persons are invented.
"""

from __future__ import annotations

NOMBRES_MUJER = (
    "María", "Ana", "Luz", "Carmen", "Sandra", "Diana", "Claudia", "Martha", "Gloria", "Patricia", "Luisa",
    "Laura", "Valentina", "Daniela", "Sofía", "Camila", "Paula", "Natalia", "Andrea", "Carolina", "Juliana",
    "Mónica", "Ángela", "Yolanda", "Rosa", "Blanca", "Esperanza", "Marleny", "Yenny", "Lucía", "Inés",
    "Beatriz", "Adriana", "Liliana", "Johana", "Viviana", "Mariana", "Isabella", "Ximena", "Lorena", "Nubia",
    "Edilma", "Aracely", "Alejandra", "Jimena", "Rocío", "Dora", "Stella", "Milena", "Yuliana", "Tatiana",
    "Estefanía", "Manuela", "Salomé", "Gabriela", "Leidy", "Nelly", "Amparo", "Olga", "Fabiola",
)
SEGUNDOS_MUJER = (
    "Fernanda", "Alejandra", "Isabel", "Cristina", "Teresa", "del Pilar", "Milena", "Andrea", "Paola",
    "Lucía", "Eugenia", "Inés", "Victoria", "Camila", "Sofía", "Esperanza", "Cecilia", "Marcela",
    "Patricia", "Ximena", "Yaneth", "Constanza", "Helena",
)
NOMBRES_HOMBRE = (
    "José", "Juan", "Luis", "Carlos", "Jorge", "Andrés", "Diego", "Javier", "Jesús", "Álvaro", "Óscar",
    "Héctor", "Fabio", "Germán", "Hernán", "Néstor", "Iván", "Julián", "Sebastián", "Santiago", "Mateo",
    "Samuel", "Nicolás", "Alejandro", "Daniel", "David", "Felipe", "Camilo", "Miguel", "Ángel", "Édgar",
    "Wilson", "Fredy", "Ramiro", "Efraín", "Rubén", "Gonzalo", "Ricardo", "Mauricio", "Gustavo", "Hugo",
    "Pedro", "Pablo", "Rafael", "Tomás", "Emilio", "Martín", "Simón", "Jairo", "Orlando", "Alirio", "Joaquín",
    "Víctor", "Arturo", "Fabián", "Wílmer", "Yésid", "Cristian",
)
SEGUNDOS_HOMBRE = (
    "Luis", "Carlos", "Antonio", "Alberto", "Eduardo", "Fernando", "Andrés", "David", "Felipe", "Camilo",
    "José", "Manuel", "Esteban", "Alejandro", "Enrique", "Ernesto", "Darío", "Mauricio", "Sebastián",
    "Ignacio", "Arturo", "Julián", "Alfonso", "Hernando",
)
APELLIDOS = (
    "Rodríguez", "Gómez", "González", "Martínez", "García", "López", "Hernández", "Sánchez", "Ramírez",
    "Pérez", "Díaz", "Muñoz", "Rojas", "Moreno", "Jiménez", "Vargas", "Castro", "Gutiérrez", "Torres", "Ruiz",
    "Suárez", "Álvarez", "Romero", "Castillo", "Ortiz", "Rubio", "Medina", "Cárdenas", "Quintero", "Peña",
    "Núñez", "Ibáñez", "Castañeda", "Ordóñez", "Zúñiga", "Patiño", "Acuña", "Londoño", "Ospina", "Cañón",
    "Bermúdez", "Velásquez", "Chaparro", "Sarmiento", "Becerra", "Buitrago", "Pinzón", "Mojica", "Avendaño",
    "Niño", "Montaña", "Salamanca", "Galindo", "Fonseca", "Camargo", "Barrera", "Parra", "Rincón", "Cely",
    "Ávila", "Pedraza", "Forero", "Vásquez", "Cruz", "Ríos", "Mesa", "Espitia", "Guío", "Tibaduiza",
    "Puentes", "Báez", "Alfonso", "Quiroga", "Herrera", "Mendoza", "Silva", "Reyes", "Páez", "Lozano",
    "Vega", "Osorio", "Cortés", "Guerrero", "León", "Cáceres", "Benítez", "Valbuena", "Carreño", "Mantilla",
    "Piñeros", "Albarracín", "Peñaloza", "Sáenz", "Duarte", "Bohórquez", "Aguilar", "Estupiñán",
)
# The first surnames are the most frequent ones.
PESO_APELLIDO_COMUN = 3.0
APELLIDOS_COMUNES = 20

# Legal persons (associations, foundations, small firms) built from three parts.
JURIDICAS_INICIO = (
    "ASOCIACIÓN DE PRODUCTORES", "FUNDACIÓN", "CORPORACIÓN", "JUNTA DE ACCIÓN COMUNAL",
    "ASOCIACIÓN DE MUJERES", "COOPERATIVA DE TRANSPORTADORES", "PANADERÍA", "FERRETERÍA", "DISTRIBUIDORA",
    "COMERCIALIZADORA", "CONFECCIONES", "LÁCTEOS",
)
JURIDICAS_MEDIO = (
    "EL PORVENIR", "LA ESPERANZA", "NUEVO AMANECER", "SAN ISIDRO", "LOS ALISOS", "EL ROBLE", "LA CAMPIÑA",
    "MANOS UNIDAS", "SEMILLAS DE PAZ", "EL FRAILEJÓN", "LA ESPIGA", "SANTA BÁRBARA", "EL CÓNDOR",
)
JURIDICAS_FIN = ("", " S.A.S.", " DE PAIPA", " DEL NORTE", " DE LA VEREDA EL ROSAL", " LTDA.", " S.A.S.")

# (DANE code, municipality, weight, agency)
MUNICIPIOS = (
    ("15001", "Tunja", 30, "001"), ("15238", "Duitama", 12, "002"), ("15759", "Sogamoso", 12, "003"),
    ("15176", "Chiquinquirá", 6, "004"), ("15516", "Paipa", 5, "002"), ("15407", "Villa de Leyva", 2, "001"),
    ("15469", "Moniquirá", 2, "004"), ("15572", "Puerto Boyacá", 2, "001"), ("15204", "Cómbita", 2, "001"),
    ("15806", "Tibasosa", 1, "003"), ("11001", "Bogotá, D.C.", 10, "001"), ("25899", "Zipaquirá", 2, "001"),
    ("25175", "Chía", 2, "001"), ("68001", "Bucaramanga", 3, "001"), ("68679", "San Gil", 1, "001"),
    ("05001", "Medellín", 1, "001"), ("76001", "Cali", 1, "001"), ("08001", "Barranquilla", 1, "001"),
)

VIAS = ("Calle", "Carrera", "Transversal", "Diagonal", "Avenida")
VEREDAS = ("El Rosal", "La Esperanza", "San Isidro", "Pirgua", "La Hoya", "El Cucubo", "Chorroblanco")
DOMINIOS_CORREO = ("example.com", "example.org", "example.net", "correo.example")

# Economic activity (RUT codes for natural persons; CIIU otherwise) by occupation.
ACTIVIDAD_EMPLEADO = "0010"
ACTIVIDAD_PENSIONADO = "0020"
ACTIVIDAD_SIN_ACTIVIDAD = ("0081", "0082")
ACTIVIDAD_INDEPENDIENTE = ("0111", "0145", "1081", "4711", "4719", "4921", "5611", "8559", "9602", "4321")
ACTIVIDAD_JURIDICA = ("0161", "1410", "4620", "4752", "9499", "8890", "4923")

# Employers of associates with payroll deduction (libranza): invented names, NIT without check digit.
PATRONALES = (
    ("890100231", "COLEGIO NUESTRA SEÑORA DEL ROSARIO LOS ANDES"),
    ("900431552", "CLÍNICA SAN RAFAEL DE LOS ANDES S.A.S."),
    ("891800934", "EMPRESA DE ACUEDUCTO DEL VALLE DE LOS ANDES E.S.P."),
    ("800254117", "INSTITUTO TÉCNICO AGROPECUARIO LA ESPERANZA"),
    ("900918340", "TRANSPORTES EL CÓNDOR ANDINO S.A.S."),
    ("891855201", "HOSPITAL REGIONAL DE LOS ANDES E.S.E."),
    ("900702615", "LÁCTEOS LA CAMPIÑA S.A.S."),
    ("800199442", "FONDO DE PENSIONES DEMOSTRATIVO (PENSIONADOS)"),
)

NOMBRE_AHORRO = {
    1: ("AHORRO A LA VISTA", "AHORRO A LA VISTA NÓMINA"),
    2: ("CDAT",),
    3: ("AHORRO NAVIDEÑO", "AHORRO PROGRAMADO VIVIENDA", "AHORRO EDUCATIVO"),
    4: ("AHORRO PERMANENTE",),
}

# Benefit concepts by Tipo Beneficio: (concepto, fondo, value in 2025 pesos (median), spread, weight).
CONCEPTOS = {
    "auxilio": (
        ("Auxilio por calamidad doméstica", "solidaridad", 600_000, 0.5, 3),
        ("Auxilio funerario", "solidaridad", 1_200_000, 0.3, 2),
        ("Auxilio por incapacidad médica", "solidaridad", 350_000, 0.4, 2),
        ("Auxilio por nacimiento", "solidaridad", 250_000, 0.2, 1),
    ),
    "educacion": (
        ("Curso básico de economía solidaria", "educacion", 0, 0.0, 4),
        ("Taller de finanzas personales", "educacion", 0, 0.0, 2),
        ("Beca de estudio", "educacion", 600_000, 0.4, 1),
        ("Kit escolar", "educacion", 120_000, 0.2, 3),
        ("Diplomado en cooperativismo", "educacion", 450_000, 0.2, 1),
    ),
    "recreacion": (
        ("Vacaciones recreativas", "recreacion", 180_000, 0.4, 2),
        ("Celebración del día de la familia", "recreacion", 60_000, 0.3, 3),
        ("Caminata ecológica al páramo", "recreacion", 45_000, 0.3, 1),
        ("Torneo deportivo de asociados", "recreacion", 35_000, 0.3, 1),
    ),
    "salud": (
        ("Jornada de salud visual y anteojos", "bienestar", 180_000, 0.4, 2),
        ("Brigada odontológica", "bienestar", 90_000, 0.4, 2),
        ("Auxilio de medicamentos", "solidaridad", 150_000, 0.5, 1),
    ),
    "convenio": (
        ("Convenio de servicios exequiales", "bienestar", 90_000, 0.3, 3),
        ("Descuento en óptica aliada", "otro", 60_000, 0.4, 1),
        ("Convenio de salud prepagada", "otro", 120_000, 0.4, 1),
    ),
    "seguro": (
        ("Póliza de vida grupo asociados", "otro", 55_000, 0.3, 3),
        ("Seguro de aportes y ahorros", "otro", 30_000, 0.3, 1),
    ),
    "retorno": (("Retorno de excedentes", "otro", 90_000, 0.8, 1),),
    "otro": (
        ("Detalle de fin de año", "bienestar", 45_000, 0.2, 3),
        ("Detalle día de la madre", "bienestar", 35_000, 0.2, 1),
        ("Bono de cumpleaños", "otro", 30_000, 0.2, 1),
    ),
}
# Share of each Tipo Beneficio among the events drawn during membership (retorno is yearly apart).
PESOS_TIPO = {
    "auxilio": 0.13, "educacion": 0.23, "recreacion": 0.19, "salud": 0.13, "convenio": 0.10,
    "seguro": 0.09, "otro": 0.13,
}

CARGOS_CONSEJO = ("Presidente", "Vicepresidente", "Secretario", "Vocal", "Vocal")
CARGOS_JUNTA = ("Presidente", "Secretario", "Vocal")
COMITES = (
    ("Coordinador comité de educación", "Integrante comité de educación", "Integrante comité de educación"),
    ("Coordinador comité de solidaridad", "Integrante comité de solidaridad"),
    ("Integrante comité de crédito",),
)
# Feminine form of a position held by a woman (the others are invariable).
CARGOS_FEMENINOS = {
    "Presidente": "Presidenta", "Vicepresidente": "Vicepresidenta", "Secretario": "Secretaria",
    "Coordinador comité de educación": "Coordinadora comité de educación",
    "Coordinador comité de solidaridad": "Coordinadora comité de solidaridad",
    "Revisor fiscal": "Revisora fiscal",
}
