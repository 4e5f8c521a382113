"""Construye docx_templates/informe_trimestral.docx con python-docx.

Se ejecuta una vez (`.venv/bin/python -m transparencia.construir_plantilla`) y el .docx se
guarda en el repositorio. Cada etiqueta Jinja va completa dentro de UNA corrida: si quedara
partida entre corridas, docxtpl no la reconocería. Se renderiza con autoescape=True.
"""

from pathlib import Path

from docx import Document
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.shared import Cm, Inches, Pt

DESTINO = Path(__file__).resolve().parent.parent / "docx_templates" / "informe_trimestral.docx"
COLUMNAS = (
    ("Órgano", "organo"),
    ("Sesiones", "sesiones"),
    ("Convocatorias", "convocatorias"),
    ("Invitaciones", "invitaciones"),
    ("Acuerdos", "acuerdos"),
    ("Actas en el año / meta", None),
    ("Acuerdos en el año / meta", None),
)


def _parrafo(documento, texto: str, *, negrita=False, alineacion=None, tamano=None):
    p = documento.add_paragraph()
    if alineacion is not None:
        p.alignment = alineacion
    corrida = p.add_run(texto)
    corrida.bold = negrita
    if tamano:
        corrida.font.size = Pt(tamano)
    return p


def _celda(celda, texto: str, negrita=False) -> None:
    celda.text = ""
    corrida = celda.paragraphs[0].add_run(texto)
    corrida.bold = negrita
    corrida.font.size = Pt(9)


def construir(destino: Path = DESTINO) -> Path:
    documento = Document()
    seccion = documento.sections[0]
    seccion.page_width, seccion.page_height = Inches(8.5), Inches(11)
    seccion.left_margin = seccion.right_margin = Cm(2.5)
    normal = documento.styles["Normal"]
    normal.font.name = "Calibri"
    normal.font.size = Pt(11)
    justificado = WD_ALIGN_PARAGRAPH.JUSTIFY

    _parrafo(documento, "Dirección Jurídica", negrita=True, tamano=14)
    _parrafo(documento, "Informe del trimestre {{ trimestre }} de {{ anio }} ({{ periodo }})")
    _parrafo(documento, "Línea de Acción 1", negrita=True)
    _parrafo(
        documento,
        "Realizar Agendas de trabajo: consistente en el orden del día, los proyectos de actas y "
        "la documentación anexa de los acuerdos que se tomen en los órganos colegiados, y "
        "documentar las sesiones y el seguimiento de los acuerdos emitidos.",
        alineacion=justificado,
    )
    _parrafo(documento, "Meta", negrita=True)
    _parrafo(documento, "{{ meta_actas }} actas en el año y 12 acuerdos de cada órgano.")
    _parrafo(documento, "Actividades Relevantes Desarrolladas", negrita=True)
    _parrafo(documento, "{{ resumen }}", alineacion=justificado)
    _parrafo(documento, "{%p for texto in organos %}")
    _parrafo(documento, "{{ texto }}", alineacion=justificado)
    _parrafo(documento, "{%p endfor %}")
    _parrafo(documento, "{{ meta }}", negrita=True)

    _parrafo(documento, "Resumen por órgano", negrita=True)
    tabla = documento.add_table(rows=4, cols=len(COLUMNAS))
    tabla.style = "Table Grid"
    for i, (titulo, _clave) in enumerate(COLUMNAS):
        _celda(tabla.rows[0].cells[i], titulo, negrita=True)
    _celda(tabla.rows[1].cells[0], "{%tr for f in filas %}")
    valores = (
        "{{ f.organo }}",
        "{{ f.sesiones }}",
        "{{ f.convocatorias }}",
        "{{ f.invitaciones }}",
        "{{ f.acuerdos }}",
        "{{ f.actas_anio }} / {{ f.meta_actas }}",
        "{{ f.acuerdos_anio }} / {{ f.meta_acuerdos }} ({{ f.avance_acuerdos }})",
    )
    for i, valor in enumerate(valores):
        _celda(tabla.rows[2].cells[i], valor)
    _celda(tabla.rows[3].cells[0], "{%tr endfor %}")
    _parrafo(
        documento,
        "Total: {{ total_sesiones }} sesiones, {{ total_acuerdos }} acuerdos. Actas en el año: "
        "{{ actas_anio }} de {{ meta_actas }} ({{ avance_actas }}).",
    )
    _parrafo(documento, "Generado desde el sistema Sesiones el {{ generado }}.", tamano=8)
    destino.parent.mkdir(parents=True, exist_ok=True)
    documento.save(str(destino))
    return destino


if __name__ == "__main__":
    print(construir())
