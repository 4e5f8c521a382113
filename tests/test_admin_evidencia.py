"""El admin es solo de superusuarios; las constancias no se tocan ni desde ahí.

Lo que es evidencia (descargas, historias, bitácora, firmas, entregas, documentos) y lo que tiene
servicio propio se consulta sin poder agregar, editar ni borrar. La configuración se edita y cada
cambio queda en la bitácora.
"""

import datetime
import io

import pytest
from django.contrib import admin
from django.contrib.auth.models import Group, User
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import call_command
from django.forms import MultiWidget
from django.urls import reverse

from bitacora.admin import SoloLecturaMixin
from bitacora.models import Bitacora
from comun.roles import GRUPO_JURIDICO
from sesiones.models import OrganoColegiado, Periodo
from tests import factories

REGISTRADOS = sorted(admin.site._registry.items(), key=lambda par: par[0]._meta.label)
SOLO_LECTURA = [
    (modelo, modelo_admin)
    for modelo, modelo_admin in REGISTRADOS
    if isinstance(modelo_admin, SoloLecturaMixin)
]
# Constancias que el issue nombra: deben estar registradas y ser de solo lectura.
EVIDENCIA = {
    "sesiones.DescargaAnexo",
    "sesiones.CambioEstadoSesion",
    "bitacora.Bitacora",
    "documentos.FirmaActa",
    "documentos.ActaFirmada",
    "documentos.CopiaCertificada",
    "entregas.Entrega",
    "documentos.DocumentoGenerado",
    "entregas.ConfirmacionAsistencia",
    "documentos.ObservacionActa",
    "entregas.AvisoQuorum",
    "acuerdos.CambioEstadoAcuerdo",
    "acuerdos.VersionTextoAcuerdo",
    "acuerdos.AvanceAcuerdo",
    "acuerdos.Publicacion",
    "acuerdos.Votacion",
    "acuerdos.AvisoEnviado",
    "acuerdos.EjecucionSeguimiento",
}
# Constancias que este escenario no produce (firmas, copias, avisos): solo se prueba el alta.
SIN_DATOS_EN_LA_PRUEBA = {
    "documentos.FirmaActa",
    "documentos.ActaFirmada",
    "documentos.CopiaCertificada",
    "entregas.ConfirmacionAsistencia",
    "documentos.ObservacionActa",
    "entregas.AvisoQuorum",
    "acuerdos.AvisoEnviado",
    "acuerdos.EjecucionSeguimiento",
}
# Con servicio propio: cambian en las páginas de la aplicación.
CON_SERVICIO = {
    "sesiones.Sesion",
    "sesiones.PuntoOrden",
    "sesiones.Anexo",
    "sesiones.Asistencia",
    "sesiones.Invitado",
    "documentos.PlantillaDocumento",
    "documentos.LoteDocumentos",
    "documentos.ConsecutivoOficio",
    "acuerdos.Acuerdo",
}


def _url(modelo, vista: str, *args) -> str:
    return reverse(f"admin:{modelo._meta.app_label}_{modelo._meta.model_name}_{vista}", args=args)


def _ids(pares):
    return [modelo._meta.label for modelo, _admin in pares]


@pytest.fixture
def superusuario(db):
    return User.objects.create_superuser("raiz", "raiz@ejemplo.mx", "clave-de-prueba-123")


@pytest.fixture
def cliente_raiz(client, superusuario):
    client.force_login(superusuario)
    return client


@pytest.fixture
def juridico_staff(db):
    """Personal de la Dirección Jurídica con is_staff, sin ser superusuario."""
    usuario = factories.UserFactory(username="juridico.staff", grupos=[GRUPO_JURIDICO])
    usuario.is_staff = True
    usuario.save()
    return usuario


# --- Quién entra -------------------------------------------------------------------------


def test_constancias_y_datos_con_servicio_son_de_solo_lectura():
    etiquetas = {modelo._meta.label for modelo, _admin in SOLO_LECTURA}
    assert etiquetas >= EVIDENCIA | CON_SERVICIO


def test_staff_no_superusuario_no_entra_al_indice(client, juridico_staff):
    client.force_login(juridico_staff)
    respuesta = client.get(reverse("admin:index"))
    assert respuesta.status_code == 302
    assert respuesta["Location"].startswith(reverse("admin:login"))


@pytest.mark.parametrize(("modelo", "modelo_admin"), REGISTRADOS, ids=_ids(REGISTRADOS))
def test_staff_no_superusuario_no_ve_ningun_modelo(client, juridico_staff, modelo, modelo_admin):
    client.force_login(juridico_staff)
    for url in (_url(modelo, "changelist"), _url(modelo, "add")):
        respuesta = client.get(url)
        assert respuesta.status_code == 302, url
        assert respuesta["Location"].startswith(reverse("admin:login")), url
    respuesta = client.post(_url(modelo, "add"), {})
    assert respuesta.status_code == 302


def test_staff_no_superusuario_no_cambia_nada_por_post(client, juridico_staff, organo):
    client.force_login(juridico_staff)
    respuesta = client.post(
        _url(OrganoColegiado, "change", organo.pk), {"nombre": "Cambiado por staff"}
    )
    assert respuesta.status_code == 302
    organo.refresh_from_db()
    assert organo.nombre != "Cambiado por staff"
    assert not Bitacora.objects.filter(accion__startswith="admin.").exists()


def test_anonimo_va_a_la_entrada_del_admin(client, db):
    respuesta = client.get(_url(Bitacora, "changelist"))
    assert respuesta.status_code == 302
    assert respuesta["Location"].startswith(reverse("admin:login"))


def test_superusuario_ve_el_indice_con_las_constancias(cliente_raiz):
    html = cliente_raiz.get(reverse("admin:index")).content.decode()
    assert _url(Bitacora, "changelist") in html
    assert "Descargas de anexos" in html


# --- Solo lectura, aun para el superusuario -----------------------------------------------


@pytest.mark.parametrize(("modelo", "modelo_admin"), SOLO_LECTURA, ids=_ids(SOLO_LECTURA))
def test_superusuario_no_agrega_constancias(cliente_raiz, modelo, modelo_admin):
    respuesta = cliente_raiz.get(_url(modelo, "changelist"))
    assert respuesta.status_code == 200
    html = respuesta.content.decode()
    assert 'value="delete_selected"' not in html
    assert _url(modelo, "add") not in html
    assert cliente_raiz.get(_url(modelo, "add")).status_code == 403
    assert cliente_raiz.post(_url(modelo, "add"), {}).status_code == 403


@pytest.fixture
def demo_con_constancias(db, settings):
    """La demostración más las constancias que no trae: descarga, documentos, entregas, avance."""
    from acuerdos import services as acuerdos_services
    from acuerdos.models import Acuerdo
    from documentos import services as docs
    from documentos.models import LoteDocumentos, TipoLote
    from entregas import calendario
    from entregas import services as entregas
    from sesiones import services
    from sesiones.models import Anexo, Sesion

    settings.SESIONES_DOCUMENTOS_PDF = False
    call_command("cargar_demo", stdout=io.StringIO())
    juridico = User.objects.get(username="juridico")
    services.anexo_registrar_descarga(
        anexo=Anexo.objects.filter(clasificacion="reservada").first(), usuario=juridico
    )
    proxima = Sesion.objects.get(organo__siglas="CC", estado="programada")
    services.sesion_cambiar_estado(
        sesion=proxima, estado="convocada", usuario=juridico, justificacion_aviso="Prueba"
    )
    lote = LoteDocumentos.objects.create(sesion=proxima, tipo=TipoLote.CONVOCATORIAS_INVITACIONES)
    docs.lote_procesar(lote_id=lote.pk)
    entregas.entregas_solicitar(sesion=proxima, usuario=juridico)
    acuerdo = Acuerdo.objects.filter(estado="en_seguimiento").first()
    acuerdos_services.avance_registrar(
        acuerdo=acuerdo,
        usuario=juridico,
        nota="Oficio enviado",
        evidencia_archivo=SimpleUploadedFile("oficio.pdf", factories.pdf_de_prueba()),
    )
    calendario.calendario_de(persona=User.objects.get(username="integrante.cc").persona)


def test_superusuario_no_edita_ni_borra_constancias(cliente_raiz, demo_con_constancias):
    """Cada modelo de solo lectura con datos: se ve el detalle, pero editar y borrar dan 403."""
    probados, fallas = [], []
    for modelo, _modelo_admin in SOLO_LECTURA:
        objeto = modelo.objects.order_by("pk").first()
        if objeto is None:
            continue
        probados.append(modelo._meta.label)
        antes = modelo.objects.count()
        cambio = _url(modelo, "change", objeto.pk)
        borrar = _url(modelo, "delete", objeto.pk)
        detalle = cliente_raiz.get(cambio)
        resultados = {
            "ver detalle": (detalle.status_code, 200),
            "guardar": (cliente_raiz.post(cambio, {}).status_code, 403),
            "pedir borrar": (cliente_raiz.get(borrar).status_code, 403),
            "borrar": (cliente_raiz.post(borrar, {"post": "yes"}).status_code, 403),
            "acción borrar": (
                cliente_raiz.post(
                    _url(modelo, "changelist"),
                    {"action": "delete_selected", "_selected_action": [objeto.pk], "post": "yes"},
                ).status_code,
                200,  # sin acciones, el admin vuelve a mostrar la lista sin hacer nada
            ),
        }
        if detalle.status_code == 200:
            html = detalle.content.decode()
            resultados["sin botón guardar"] = ('name="_save"' in html, False)
            resultados["sin enlace borrar"] = (borrar in html, False)
        for que, (obtenido, esperado) in resultados.items():
            if obtenido != esperado:
                fallas.append(f"{modelo._meta.label} {que}: {obtenido} (esperado {esperado})")
        if modelo.objects.count() != antes:
            fallas.append(f"{modelo._meta.label}: cambió el número de filas")
    assert not fallas, "\n".join(fallas)
    assert set(probados) >= EVIDENCIA - SIN_DATOS_EN_LA_PRUEBA


def test_calendario_privado_no_muestra_el_token(cliente_raiz, demo_con_constancias):
    from entregas.models import CalendarioPersona

    calendario = CalendarioPersona.objects.first()
    html = cliente_raiz.get(_url(CalendarioPersona, "change", calendario.pk)).content.decode()
    assert calendario.token not in html


# --- Configuración: se edita y queda en la bitácora ----------------------------------------


def _valor(valor):
    if valor is None:
        return ""
    if isinstance(valor, datetime.time):  # como la caja de hora del admin: sin microsegundos
        return valor.strftime("%H:%M:%S")
    if isinstance(valor, bool):
        return "on" if valor else None
    if isinstance(valor, list | tuple):
        return [str(v) for v in valor]
    return str(valor)


def _datos_del_formulario(respuesta) -> dict:
    """Lo que el navegador enviaría sin tocar nada: el formulario y sus renglones en línea."""
    formularios = [respuesta.context["adminform"].form]
    for inline in respuesta.context["inline_admin_formsets"]:
        formularios.append(inline.formset.management_form)
        formularios.extend(inline.formset.forms)
    datos = {}
    for form in formularios:
        for nombre, campo in form.fields.items():
            valor = form[nombre].value()
            # Con valor por omisión calculado, el admin manda también el inicial oculto.
            claves = [form.add_prefix(nombre)]
            if campo.show_hidden_initial:
                claves.append(form.add_initial_prefix(nombre))
            for clave in claves:
                if isinstance(campo.widget, MultiWidget):  # fecha y hora en dos cajas
                    for i, parte in enumerate(campo.widget.decompress(valor)):
                        datos[f"{clave}_{i}"] = _valor(parte)
                elif _valor(valor) is not None:
                    datos[clave] = _valor(valor)
    return datos


def test_superusuario_edita_un_organo_y_queda_en_bitacora(cliente_raiz, superusuario, organo):
    url = _url(OrganoColegiado, "change", organo.pk)
    datos = _datos_del_formulario(cliente_raiz.get(url))
    datos["nombre"] = "Comité Coordinador renombrado"
    # Y un renglón en línea: el primer integrante queda sin voto.
    integrante = organo.integrantes.order_by("pk").first()
    prefijo = next(
        clave[: -len("-id")]
        for clave, valor in datos.items()
        if clave.endswith("-id") and valor == str(integrante.pk) and "integrante" in clave
    )
    datos.pop(f"{prefijo}-con_voto", None)

    respuesta = cliente_raiz.post(url, datos)

    assert respuesta.status_code == 302
    organo.refresh_from_db()
    assert organo.nombre == "Comité Coordinador renombrado"
    entrada = Bitacora.objects.get(accion="admin.editar", modelo="sesiones.organocolegiado")
    assert entrada.usuario == superusuario
    assert entrada.objeto_id == str(organo.pk)
    assert entrada.datos == {"nombre": "Comité Coordinador renombrado"}
    integrante.refresh_from_db()
    assert integrante.con_voto is False
    renglon = Bitacora.objects.get(accion="admin.editar", modelo="sesiones.integrante")
    assert renglon.objeto_id == str(integrante.pk)
    assert renglon.datos == {"con_voto": False}


def test_superusuario_agrega_y_borra_un_periodo_con_bitacora(cliente_raiz, superusuario, organo):
    respuesta = cliente_raiz.post(
        _url(Periodo, "add"),
        {
            "organo": organo.pk,
            "nombre": "2031-2035",
            "fecha_inicio": "2031-01-01",
            "fecha_fin": "2035-12-31",
        },
    )
    assert respuesta.status_code == 302
    periodo = Periodo.objects.get(nombre="2031-2035")
    alta = Bitacora.objects.get(accion="admin.agregar", modelo="sesiones.periodo")
    assert alta.objeto_id == str(periodo.pk)
    assert alta.datos["nombre"] == "2031-2035"
    assert alta.datos["fecha_inicio"] == datetime.date(2031, 1, 1).isoformat()

    respuesta = cliente_raiz.post(_url(Periodo, "delete", periodo.pk), {"post": "yes"})
    assert respuesta.status_code == 302
    assert not Periodo.objects.filter(pk=periodo.pk).exists()
    baja = Bitacora.objects.get(accion="admin.eliminar", modelo="sesiones.periodo")
    assert baja.objeto_id == str(periodo.pk)
    assert baja.usuario == superusuario


def test_accion_borrar_en_configuracion_queda_en_bitacora(cliente_raiz, organo):
    periodos = [
        Periodo.objects.create(
            organo=organo,
            nombre=f"{anio}-{anio + 1}",
            fecha_inicio=datetime.date(anio, 1, 1),
            fecha_fin=datetime.date(anio + 1, 12, 31),
        )
        for anio in (2040, 2042)
    ]
    respuesta = cliente_raiz.post(
        _url(Periodo, "changelist"),
        {
            "action": "delete_selected",
            "_selected_action": [p.pk for p in periodos],
            "post": "yes",
        },
    )
    assert respuesta.status_code == 302
    assert set(
        Bitacora.objects.filter(accion="admin.eliminar", modelo="sesiones.periodo").values_list(
            "objeto_id", flat=True
        )
    ) == {str(p.pk) for p in periodos}


def test_dar_papel_a_un_usuario_queda_en_bitacora(cliente_raiz, juridico_staff):
    otro = factories.UserFactory(username="nuevo.juridico")
    url = _url(User, "change", otro.pk)
    datos = _datos_del_formulario(cliente_raiz.get(url))
    grupo = Group.objects.get(name=GRUPO_JURIDICO)
    datos["groups"] = [str(grupo.pk)]
    respuesta = cliente_raiz.post(url, datos)
    assert respuesta.status_code == 302
    entrada = Bitacora.objects.get(accion="admin.editar", modelo="auth.user")
    assert entrada.datos == {"groups": GRUPO_JURIDICO}


def test_contrasena_cambiada_en_el_admin_queda_sin_la_clave(cliente_raiz, juridico_staff):
    url = reverse("admin:auth_user_password_change", args=[juridico_staff.pk])
    respuesta = cliente_raiz.post(
        url,
        {"password1": "otra-clave-larga-987", "password2": "otra-clave-larga-987"},
    )
    assert respuesta.status_code == 302
    entrada = Bitacora.objects.get(accion="admin.editar", modelo="auth.user")
    assert "otra-clave" not in str(entrada.datos)


def test_error_de_validacion_no_deja_entrada(cliente_raiz, organo):
    respuesta = cliente_raiz.post(
        _url(Periodo, "add"),
        {"organo": organo.pk, "nombre": "", "fecha_inicio": "x", "fecha_fin": ""},
    )
    assert respuesta.status_code == 200
    assert not Bitacora.objects.filter(accion__startswith="admin.").exists()


def test_guardar_sin_cambios_no_deja_entrada(cliente_raiz, organo):
    url = _url(OrganoColegiado, "change", organo.pk)
    respuesta = cliente_raiz.post(url, _datos_del_formulario(cliente_raiz.get(url)))
    assert respuesta.status_code == 302
    assert not Bitacora.objects.filter(accion__startswith="admin.").exists()
