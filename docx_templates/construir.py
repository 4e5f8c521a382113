"""Construye las plantillas Word por omisión con python-docx.

Se ejecuta una vez (`.venv/bin/python docx_templates/construir.py`) y los .docx resultantes
se guardan en el repositorio. Cada etiqueta Jinja va completa dentro de UNA corrida de texto:
si Word la partiera en varias, docxtpl no la reconocería.
"""

from pathlib import Path

from docx import Document
from docx.enum.section import WD_ORIENT
from docx.enum.table import WD_TABLE_ALIGNMENT
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.shared import Cm, Inches, Pt

DIRECTORIO = Path(__file__).resolve().parent
CENTRO = WD_ALIGN_PARAGRAPH.CENTER
DERECHA = WD_ALIGN_PARAGRAPH.RIGHT
JUSTIFICADO = WD_ALIGN_PARAGRAPH.JUSTIFY


def nuevo() -> Document:
    documento = Document()
    seccion = documento.sections[0]
    seccion.orientation = WD_ORIENT.PORTRAIT
    seccion.page_width, seccion.page_height = Inches(8.5), Inches(11)  # tamaño carta
    seccion.top_margin = seccion.bottom_margin = Cm(2.0)
    seccion.left_margin = seccion.right_margin = Cm(2.5)
    normal = documento.styles["Normal"]
    normal.font.name = "Calibri"  # LibreOffice usa Carlito, de métricas idénticas
    normal.font.size = Pt(11)
    normal.paragraph_format.space_after = Pt(4)
    pie = seccion.footer.paragraphs[0]
    pie.alignment = CENTRO
    corrida = pie.add_run("{{ lema }}")
    corrida.italic = True
    corrida.font.size = Pt(9)
    return documento


def parrafo(
    documento,
    texto: str = "",
    *,
    negrita=False,
    alineacion=None,
    tamano=None,
    cursiva=False,
    antes=None,
):
    p = documento.add_paragraph()
    if alineacion is not None:
        p.alignment = alineacion
    if antes is not None:
        p.paragraph_format.space_before = Pt(antes)
    if texto:
        corrida = p.add_run(texto)
        corrida.bold = negrita
        corrida.italic = cursiva
        if tamano:
            corrida.font.size = Pt(tamano)
    return p


def etiquetado(documento, etiqueta: str, texto: str, *, alineacion=None):
    """«Asunto:» en negritas y el valor en otra corrida; cada etiqueta Jinja, en una sola."""
    p = documento.add_paragraph()
    if alineacion is not None:
        p.alignment = alineacion
    p.add_run(etiqueta).bold = True
    p.add_run(texto)
    return p


def control(documento, etiqueta: str):
    """Párrafo de control de docxtpl ({%p ... %}): desaparece al generar."""
    return parrafo(documento, etiqueta)


def encabezado(documento):
    control(documento, "{%p if membrete %}")
    parrafo(documento, "{{ membrete }}", alineacion=CENTRO)
    control(documento, "{%p endif %}")
    parrafo(documento, "{{ institucion }}", negrita=True, alineacion=CENTRO, tamano=13)
    parrafo(documento, "{{ area }}", alineacion=CENTRO, tamano=11)


def datos_oficio(documento, etiqueta_numero: str = "Oficio número: "):
    etiquetado(documento, etiqueta_numero, "{{ numero_oficio }}", alineacion=DERECHA)
    parrafo(documento, "{{ lugar_fecha }}", alineacion=DERECHA)
    etiquetado(documento, "Asunto: ", "{{ asunto }}.", alineacion=DERECHA)


def destinatario(documento):
    parrafo(
        documento, "{{ destinatario_titulo }} {{ destinatario_nombre }}", negrita=True, antes=12
    )
    parrafo(documento, "{{ destinatario_cargo }}")
    parrafo(documento, "{{ destinatario_institucion }}")
    parrafo(documento, "P r e s e n t e", negrita=True)


def orden_del_dia_breve(documento):
    parrafo(documento, "ORDEN DEL DÍA", negrita=True, alineacion=CENTRO, antes=6)
    control(documento, "{%p for punto in puntos %}")
    parrafo(
        documento,
        "{{ punto.numero }}. {{ punto.titulo }}"
        "{% if punto.presenta %} (Presenta: {{ punto.presenta }}){% endif %}",
        alineacion=JUSTIFICADO,
    )
    control(documento, "{%p endfor %}")


def firma(documento):
    parrafo(documento, "Atentamente", negrita=True, alineacion=CENTRO, antes=18)
    parrafo(documento, "", alineacion=CENTRO)
    parrafo(documento, "", alineacion=CENTRO)
    parrafo(documento, "{{ firmante_nombre }}", negrita=True, alineacion=CENTRO)
    parrafo(documento, "{{ firmante_cargo }}", alineacion=CENTRO)


def convocatoria():
    d = nuevo()
    encabezado(d)
    datos_oficio(d)
    destinatario(d)
    parrafo(
        d,
        "Por este medio, y con fundamento en la normatividad aplicable, "
        "me permito convocarle a la {{ sesion_nombre_completo }}, que se "
        "celebrará el {{ sesion_fecha }}, a las {{ sesion_hora }}"
        "{% if sede %}, en {{ sede }}{% endif %}"
        "{% if enlace %}, en modalidad {{ modalidad }}, mediante el enlace {{ enlace }}{% endif %}"
        ", conforme al siguiente:",
        alineacion=JUSTIFICADO,
        antes=12,
    )
    orden_del_dia_breve(d)
    parrafo(
        d,
        "Los documentos anexos a los puntos del orden del día pueden consultarse en "
        "{{ consulta_anexos }}.",
        alineacion=JUSTIFICADO,
        antes=6,
    )
    parrafo(d, "Sin otro particular, le envío un cordial saludo.", alineacion=JUSTIFICADO)
    firma(d)
    return d


def invitacion():
    d = nuevo()
    encabezado(d)
    datos_oficio(d)
    destinatario(d)
    parrafo(
        d,
        "Por este medio me permito invitarle a la {{ sesion_nombre_completo }}, que se "
        "celebrará el {{ sesion_fecha }}, a las {{ sesion_hora }}"
        "{% if sede %}, en {{ sede }}{% endif %}"
        "{% if enlace %}, en modalidad {{ modalidad }}, mediante el enlace {{ enlace }}{% endif %}"
        ", en la que participará con voz y sin voto"
        "{% if motivo %}, para {{ motivo }}{% endif %}, conforme al siguiente:",
        alineacion=JUSTIFICADO,
        antes=12,
    )
    orden_del_dia_breve(d)
    parrafo(
        d,
        "Los documentos anexos pueden consultarse en {{ consulta_anexos }}.",
        alineacion=JUSTIFICADO,
        antes=6,
    )
    parrafo(d, "Agradezco de antemano su valiosa participación.", alineacion=JUSTIFICADO)
    firma(d)
    return d


def orden_del_dia():
    d = nuevo()
    encabezado(d)
    parrafo(d, "{{ organo }}", negrita=True, alineacion=CENTRO, antes=12)
    parrafo(d, "{{ sesion_nombre }}", negrita=True, alineacion=CENTRO)
    parrafo(d, "ORDEN DEL DÍA", negrita=True, alineacion=CENTRO, antes=6)
    parrafo(d, "{{ sesion_fecha }}, {{ sesion_hora }}", alineacion=CENTRO)
    control(d, "{%p if sede %}")
    parrafo(d, "{{ sede }}", alineacion=CENTRO)
    control(d, "{%p endif %}")
    control(d, "{%p for punto in puntos %}")
    parrafo(
        d, "{{ punto.numero }}. {{ punto.titulo }}", negrita=True, alineacion=JUSTIFICADO, antes=8
    )
    control(d, "{%p if punto.descripcion %}")
    parrafo(d, "{{ punto.descripcion }}", alineacion=JUSTIFICADO)
    control(d, "{%p endif %}")
    control(d, "{%p if punto.presenta %}")
    parrafo(d, "Presenta: {{ punto.presenta }}.", cursiva=True)
    control(d, "{%p endif %}")
    control(d, "{%p for anexo in punto.anexos %}")
    parrafo(d, "Anexo: {{ anexo }}")
    control(d, "{%p endfor %}")
    control(d, "{%p endfor %}")
    parrafo(
        d,
        "Los anexos pueden consultarse en {{ consulta_anexos }}.",
        alineacion=JUSTIFICADO,
        antes=12,
    )
    return d


def tabla(documento, encabezados: list[str], fila: list[str], ciclo: str, anchos: list[float]):
    """Tabla con fila de encabezado y una fila que se repite ({%tr for %})."""
    t = documento.add_table(rows=4, cols=len(encabezados))
    t.style = "Table Grid"
    t.alignment = WD_TABLE_ALIGNMENT.CENTER
    t.autofit = False
    for i, ancho in enumerate(anchos):
        # LibreOffice ignora el ancho de celda si no se fija también el de la columna.
        t.columns[i].width = Cm(ancho)
        for celda in t.columns[i].cells:
            celda.width = Cm(ancho)
    for i, texto in enumerate(encabezados):
        celda = t.rows[0].cells[i]
        celda.paragraphs[0].add_run(texto).bold = True
    t.rows[1].cells[0].paragraphs[0].add_run(ciclo)
    for i, texto in enumerate(fila):
        celda = t.rows[2].cells[i]
        lineas = texto.split("\n")
        celda.paragraphs[0].add_run(lineas[0])
        for linea in lineas[1:]:
            celda.add_paragraph().add_run(linea)
    t.rows[3].cells[0].paragraphs[0].add_run("{%tr endfor %}")
    return t


def lista_asistencia():
    d = nuevo()
    encabezado(d)
    parrafo(d, "LISTA DE ASISTENCIA", negrita=True, alineacion=CENTRO, antes=12)
    parrafo(d, "{{ sesion_nombre_completo }}", negrita=True, alineacion=CENTRO)
    parrafo(d, "{{ sesion_fecha }}, {{ sesion_hora }}", alineacion=CENTRO)
    control(d, "{%p if sede %}")
    parrafo(d, "{{ sede }}", alineacion=CENTRO)
    control(d, "{%p endif %}")
    parrafo(d, "")
    tabla(
        d,
        ["No.", "Nombre", "Cargo e institución", "Firma"],
        [
            "{{ i.numero }}",
            "{{ i.nombre }}",
            "{{ i.cargo }}\n{{ i.institucion }}",
            "\n\n______________________",
        ],
        "{%tr for i in integrantes %}",
        [1.2, 5.0, 6.0, 4.3],
    )
    control(d, "{%p if invitados %}")
    parrafo(d, "INVITADOS", negrita=True, alineacion=CENTRO, antes=12)
    tabla(
        d,
        ["Nombre", "Cargo e institución", "Firma"],
        ["{{ v.nombre }}", "{{ v.cargo }}\n{{ v.institucion }}", "\n\n______________________"],
        "{%tr for v in invitados %}",
        [5.6, 6.6, 4.3],
    )
    control(d, "{%p endif %}")
    return d


def bloque_firmas(documento):
    parrafo(documento, "FIRMAS", negrita=True, alineacion=CENTRO, antes=18)
    t = documento.add_table(rows=3, cols=1)
    t.alignment = WD_TABLE_ALIGNMENT.CENTER
    t.rows[0].cells[0].paragraphs[0].add_run("{%tr for f in firmantes %}")
    celda = t.rows[1].cells[0]
    celda.paragraphs[0].add_run("")
    for texto, negrita in (
        ("", False),
        ("________________________________________", False),
        ("{{ f.nombre }}", True),
        ("{{ f.cargo }}", False),
    ):
        p = celda.add_paragraph()
        p.alignment = CENTRO
        p.add_run(texto).bold = negrita
    t.rows[2].cells[0].paragraphs[0].add_run("{%tr endfor %}")


def acta():
    d = nuevo()
    encabezado(d)
    parrafo(d, "ACTA DE LA {{ sesion_nombre|upper }}", negrita=True, alineacion=CENTRO, antes=12)
    parrafo(d, "{{ organo }}", negrita=True, alineacion=CENTRO)
    etiquetado(d, "Clave: ", "{{ sesion_clave }}", alineacion=DERECHA)
    parrafo(
        d,
        "En {{ ciudad }}, {{ frase_apertura }}"
        "{% if sede %}, en {{ sede }}{% endif %}"
        "{% if enlace %}, y a distancia mediante el enlace {{ enlace }}{% endif %}"
        ", se reunieron las personas integrantes del {{ organo }} para celebrar su "
        "{{ sesion_nombre }}, conforme al siguiente orden del día:",
        alineacion=JUSTIFICADO,
        antes=12,
    )
    control(d, "{%p for punto in puntos %}")
    parrafo(d, "{{ punto.numero }}. {{ punto.titulo }}", alineacion=JUSTIFICADO)
    control(d, "{%p endfor %}")
    parrafo(d, "LISTA DE ASISTENCIA Y DECLARACIÓN DE QUÓRUM", negrita=True, antes=10)
    parrafo(d, "Se encontraron presentes:", alineacion=JUSTIFICADO)
    control(d, "{%p for a in asistentes %}")
    parrafo(
        d,
        "{{ a.nombre }}, {{ a.cargo }}{% if a.institucion %}, {{ a.institucion }}{% endif %}"
        "{% if a.calidad != 'titular' %} ({{ a.calidad }}){% endif %}.",
        alineacion=JUSTIFICADO,
    )
    control(d, "{%p endfor %}")
    control(d, "{%p if invitados %}")
    parrafo(d, "Asistieron como invitados, con voz y sin voto:", alineacion=JUSTIFICADO)
    control(d, "{%p for v in invitados %}")
    parrafo(
        d, "{{ v.nombre }}, {{ v.cargo }}{% if v.institucion %}, {{ v.institucion }}{% endif %}."
    )
    control(d, "{%p endfor %}")
    control(d, "{%p endif %}")
    control(d, "{%p if ausentes %}")
    parrafo(d, "No asistieron:", alineacion=JUSTIFICADO)
    control(d, "{%p for a in ausentes %}")
    parrafo(d, "{{ a.nombre }}, {{ a.cargo }} ({{ a.motivo|lower }}).")
    control(d, "{%p endfor %}")
    control(d, "{%p endif %}")
    parrafo(d, "Verificada la asistencia, {{ quorum_declaracion }}.", alineacion=JUSTIFICADO)
    parrafo(d, "DESARROLLO DE LA SESIÓN", negrita=True, alineacion=CENTRO, antes=10)
    control(d, "{%p for punto in puntos %}")
    parrafo(
        d,
        "PUNTO {{ punto.numero }}. {{ punto.titulo }}",
        negrita=True,
        alineacion=JUSTIFICADO,
        antes=8,
    )
    control(d, "{%p if punto.presenta %}")
    parrafo(d, "El punto fue presentado por {{ punto.presenta }}.", alineacion=JUSTIFICADO)
    control(d, "{%p endif %}")
    control(d, "{%p if punto.descripcion %}")
    parrafo(d, "{{ punto.descripcion }}", alineacion=JUSTIFICADO)
    control(d, "{%p endif %}")
    control(d, "{%p for acuerdo in punto.acuerdos %}")
    parrafo(
        d,
        "ACUERDO {{ acuerdo.clave }}. {{ acuerdo.texto }} El acuerdo fue {{ acuerdo.votacion }}"
        " ({{ acuerdo.a_favor }} a favor, {{ acuerdo.en_contra }} en contra y "
        "{{ acuerdo.abstenciones }} abstenciones).",
        negrita=False,
        alineacion=JUSTIFICADO,
    )
    control(d, "{%p endfor %}")
    control(d, "{%p endfor %}")
    control(d, "{%p if total_acuerdos %}")
    parrafo(
        d, "En la sesión se tomaron {{ total_acuerdos }} acuerdos.", alineacion=JUSTIFICADO, antes=8
    )
    control(d, "{%p endif %}")
    parrafo(
        d,
        "No habiendo otro asunto que tratar, se da por concluida la sesión siendo las "
        "{{ hora_clausura_letras }} del mismo día de su inicio, y se levanta la presente acta, "
        "que firman al margen y al calce quienes en ella intervinieron.",
        alineacion=JUSTIFICADO,
        antes=10,
    )
    bloque_firmas(d)
    return d


def certificacion():
    d = nuevo()
    encabezado(d)
    etiquetado(d, "Folio: ", "{{ numero_oficio }}", alineacion=DERECHA)
    parrafo(d, "{{ lugar_fecha }}", alineacion=DERECHA)
    parrafo(d, "CERTIFICACIÓN", negrita=True, alineacion=CENTRO, antes=12)
    parrafo(
        d,
        "{{ firmante_nombre }}, {{ firmante_cargo }} del {{ organo }}, con fundamento en las "
        "atribuciones que le confiere la normatividad aplicable,",
        alineacion=JUSTIFICADO,
        antes=8,
    )
    parrafo(d, "C E R T I F I C A:", negrita=True, alineacion=CENTRO)
    parrafo(
        d,
        "Que en la {{ sesion_nombre_completo }}, celebrada el día {{ sesion_fecha_letras }} "
        "e identificada con la clave {{ sesion_clave }}, con la presencia de "
        "{{ quorum_presentes }} de {{ quorum_con_voto }} integrantes con derecho a voto, "
        "se tomaron los acuerdos siguientes:",
        alineacion=JUSTIFICADO,
    )
    control(d, "{%p for acuerdo in acuerdos %}")
    parrafo(
        d,
        "{{ acuerdo.clave }}. {{ acuerdo.texto }} ({{ acuerdo.votacion }}).",
        alineacion=JUSTIFICADO,
    )
    control(d, "{%p endfor %}")
    control(d, "{%p if not acuerdos %}")
    parrafo(d, "En dicha sesión no se registraron acuerdos.", alineacion=JUSTIFICADO)
    control(d, "{%p endif %}")
    parrafo(
        d,
        "Se extiende la presente certificación en {{ ciudad }}, el día "
        "{{ fecha_certificacion_letras }}, para los efectos legales a que haya lugar.",
        alineacion=JUSTIFICADO,
        antes=8,
    )
    firma(d)
    return d


def certificacion_acuerdo():
    d = nuevo()
    encabezado(d)
    etiquetado(d, "Folio: ", "{{ numero_oficio }}", alineacion=DERECHA)
    parrafo(d, "{{ lugar_fecha }}", alineacion=DERECHA)
    parrafo(d, "CERTIFICACIÓN DE ACUERDO", negrita=True, alineacion=CENTRO, antes=12)
    parrafo(
        d,
        "El suscrito, {{ firmante_nombre }}, {{ firmante_cargo }} del {{ organo }}, con "
        "fundamento en las atribuciones que le confiere la normatividad aplicable,",
        alineacion=JUSTIFICADO,
        antes=8,
    )
    parrafo(d, "C E R T I F I C A:", negrita=True, alineacion=CENTRO)
    parrafo(
        d,
        "Que el presente es copia fiel del acuerdo {{ clave }} aprobado en la "
        "{{ sesion_nombre }} del {{ organo }}, identificada con la clave {{ sesion_clave }} y "
        "celebrada el día {{ sesion_fecha_letras }}"
        "{% if punto_numero %}, en el punto {{ punto_numero }} del orden del día{% endif %}, "
        "que a la letra dice:",
        alineacion=JUSTIFICADO,
    )
    parrafo(d, "«{{ texto }}»", alineacion=JUSTIFICADO, cursiva=True, antes=6)
    parrafo(
        d,
        "{% if votacion %}Acuerdo {{ votacion }}.{% else %}Sin votación registrada.{% endif %}",
        alineacion=JUSTIFICADO,
        antes=6,
    )
    parrafo(
        d,
        "Se extiende la presente certificación en {{ ciudad }}, el día "
        "{{ fecha_certificacion_letras }}, para los efectos legales a que haya lugar.",
        alineacion=JUSTIFICADO,
        antes=8,
    )
    firma(d)
    return d


PLANTILLAS = {
    "convocatoria": convocatoria,
    "invitacion": invitacion,
    "orden_del_dia": orden_del_dia,
    "lista_asistencia": lista_asistencia,
    "acta": acta,
    "certificacion": certificacion,
    "certificacion_acuerdo": certificacion_acuerdo,
}


def construir(destino: Path = DIRECTORIO) -> list[Path]:
    rutas = []
    for nombre, fabrica in PLANTILLAS.items():
        ruta = destino / f"{nombre}.docx"
        fabrica().save(ruta)
        rutas.append(ruta)
    return rutas


if __name__ == "__main__":
    for ruta in construir():
        print(ruta)
