"""Formularios del personal: solo validan lo que se escribe; los servicios deciden el resto."""

import datetime
import zoneinfo

from django import forms
from django.core import signing
from django.db.models import Q
from django.utils import timezone
from django.utils.datastructures import MultiValueDict
from django.utils.translation import gettext_lazy as _

from comun.validadores import validar_archivo
from sesiones.exceptions import EdicionConcurrente, valores_de
from sesiones.models import (
    ESTADOS_CON_MOTIVO,
    Clasificacion,
    EstadoAsistencia,
    EstadoSesion,
    Integrante,
    Modalidad,
    OrganoColegiado,
    Persona,
    Sesion,
    TipoPunto,
    TipoSesion,
)
from sesiones.selectors import integrantes_de_sesion
from sesiones.services import CAMPOS_EDITABLES_PUNTO, CAMPOS_EDITABLES_SESION

ZONA_MX = zoneinfo.ZoneInfo("America/Mexico_City")
MAXIMO_NUMERO_SESION = 199  # hasta donde se escriben los ordinales en letras


TODOS = _("Todos")


def _con_blanco(opciones):
    return [("", TODOS), *opciones]


def _campo_modelo(form: forms.BaseForm, nombre: str) -> forms.ModelChoiceField:
    """El campo de selección de modelo `nombre`, para cambiar su consulta al crear el form."""
    campo = form.fields[nombre]
    assert isinstance(campo, forms.ModelChoiceField), nombre
    return campo


def _campo_fecha(**kwargs):
    return forms.DateField(
        widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"), **kwargs
    )


def _campo_hora(**kwargs):
    return forms.TimeField(widget=forms.TimeInput(attrs={"type": "time"}, format="%H:%M"), **kwargs)


def fecha_hora_mx(fecha: datetime.date, hora: datetime.time) -> datetime.datetime:
    """La fecha y la hora que escribe el personal son de la Ciudad de México."""
    return datetime.datetime.combine(fecha, hora.replace(second=0, microsecond=0), tzinfo=ZONA_MX)


SAL_VISTOS = "sesiones.edicion.vistos"


def firmar_vistos(valores: dict) -> str:
    """Los valores que se muestran al abrir un formulario de edición, firmados para el oculto."""

    def a_json(valor):
        if isinstance(valor, datetime.date):  # también datetime
            return valor.isoformat()
        return valor

    return signing.dumps(
        {campo: a_json(valor) for campo, valor in valores.items()}, salt=SAL_VISTOS, compress=True
    )


class FormularioConVersion(forms.Form):
    """Formulario de edición que detecta si otra persona guardó mientras estaba abierto.

    Lleva ocultos la versión del objeto al abrirlo y, firmados, los valores de `campos_vistos`
    que se tenían a la vista; el servicio compara la versión dentro de su transacción y, si
    quedó vieja, dice qué cambió entretanto. Sin `objeto` (alta) no lleva esos campos.
    """

    campos_vistos: tuple[str, ...] = ()

    version = forms.IntegerField(widget=forms.HiddenInput, required=False, min_value=1)
    vistos = forms.CharField(widget=forms.HiddenInput, required=False)

    def __init__(self, *args, objeto=None, con_version: bool = True, **kwargs):
        super().__init__(*args, **kwargs)
        if not con_version:
            del self.fields["version"], self.fields["vistos"]
            return
        # Una página puede llevar dos de estos formularios (datos y texto de un acuerdo).
        for nombre in ("version", "vistos"):
            self.fields[nombre].widget.attrs["id"] = f"id_{type(self).__name__}_{nombre}"
        if objeto is not None:
            self.initial["version"] = objeto.version
            self.initial["vistos"] = firmar_vistos(valores_de(objeto, self.campos_vistos))

    def clean_vistos(self) -> dict | None:
        valor = self.cleaned_data.get("vistos")
        if not valor:
            return None
        try:
            return signing.loads(valor, salt=SAL_VISTOS)
        except signing.BadSignature:
            # Solo sirve para el aviso: sin él, el servicio compara con lo que hay.
            return None

    def datos_version(self) -> dict:
        if "version" not in self.fields:
            return {}
        return {
            "version": self.cleaned_data.get("version"),
            "vistos": self.cleaned_data.get("vistos"),
        }

    def poner_al_dia(self, error: EdicionConcurrente) -> None:
        """Tras el rechazo, conserva lo escrito y toma la versión vigente para volver a guardar."""
        assert isinstance(self.data, MultiValueDict | dict)  # request.POST (QueryDict) o un dict
        datos = self.data.copy()
        datos[self.add_prefix("version")] = str(error.version_actual)
        datos[self.add_prefix("vistos")] = firmar_vistos(error.actuales)
        self.data = datos


class FiltroSesionesForm(forms.Form):
    """Filtros del listado (GET): un valor inválido se ignora, nunca rompe la página."""

    organo = forms.ModelChoiceField(
        label=_("Órgano"),
        queryset=OrganoColegiado.objects.none(),
        required=False,
        empty_label=TODOS,
    )
    tipo = forms.ChoiceField(
        label=_("Tipo"), choices=_con_blanco(TipoSesion.choices), required=False
    )
    anio = forms.IntegerField(label=_("Año"), required=False, min_value=2000, max_value=2100)
    estado = forms.ChoiceField(
        label=_("Estado"), choices=_con_blanco(EstadoSesion.choices), required=False
    )
    texto = forms.CharField(
        label=_("Clave o sede"),
        required=False,
        max_length=100,
        widget=forms.TextInput(attrs={"placeholder": _("Buscar…")}),
    )

    def __init__(self, *args, organos=None, anios=(), **kwargs):
        super().__init__(*args, **kwargs)
        if organos is not None:
            self.fields["organo"].queryset = organos
        if anios:
            self.fields["anio"].widget = forms.Select(
                choices=[("", TODOS), *((a, a) for a in anios)]
            )

    def filtros_validos(self) -> dict:
        """Solo los campos que pasaron su validación; el resto se descarta en silencio."""
        self.is_valid()
        datos = {k: v for k, v in self.cleaned_data.items() if v not in (None, "")}
        if "organo" in datos:
            datos["organo"] = datos["organo"].pk
        return datos


class SesionForm(FormularioConVersion):
    campos_vistos = CAMPOS_EDITABLES_SESION

    organo = forms.ModelChoiceField(
        label=_("Órgano colegiado"),
        queryset=OrganoColegiado.objects.filter(activo=True),
    )
    tipo = forms.ChoiceField(label=_("Tipo de sesión"), choices=TipoSesion.choices)
    numero = forms.IntegerField(
        label=_("Número"),
        required=False,
        min_value=1,
        max_value=MAXIMO_NUMERO_SESION,
        help_text=_(
            "Déjelo vacío para asignar el siguiente número libre del periodo y tipo. "
            "Escríbalo solo para registrar una sesión con un número ya conocido."
        ),
    )
    titulo = forms.CharField(
        label=_("Título especial"),
        required=False,
        max_length=200,
        help_text=_(
            "Solo para sesiones con nombre propio, p. ej. «Sesión Solemne de Instalación». "
            "Vacío: «Cuarta Sesión Ordinaria»."
        ),
    )
    fecha = _campo_fecha(label=_("Fecha"))
    hora = _campo_hora(label=_("Hora"), help_text=_("Hora del centro de México, 24 horas."))
    sede = forms.CharField(
        label=_("Sede"),
        required=False,
        max_length=300,
        help_text=_("Lugar de la sesión, p. ej. «Sala de juntas de la Secretaría Ejecutiva»."),
    )
    modalidad = forms.ChoiceField(
        label=_("Modalidad"), choices=Modalidad.choices, initial=Modalidad.PRESENCIAL
    )
    enlace = forms.URLField(
        label=_("Enlace de conexión"),
        required=False,
        max_length=200,
        assume_scheme="https",
        help_text=_("Obligatorio para sesiones a distancia o mixtas."),
    )

    def __init__(self, *args, sesion: Sesion | None = None, **kwargs):
        self.sesion = sesion
        if sesion is not None:
            local = sesion.fecha_local
            kwargs.setdefault(
                "initial",
                {
                    "organo": sesion.organo_id,
                    "tipo": sesion.tipo,
                    "numero": sesion.numero,
                    "titulo": sesion.titulo,
                    "fecha": local.date(),
                    "hora": local.time().replace(second=0, microsecond=0),
                    "sede": sesion.sede,
                    "modalidad": sesion.modalidad,
                    "enlace": sesion.enlace,
                },
            )
        super().__init__(*args, objeto=sesion, con_version=sesion is not None, **kwargs)
        if sesion is not None:
            # Órgano y tipo definen la numeración: no cambian una vez programada.
            for campo in ("organo", "tipo"):
                self.fields[campo].disabled = True
                self.fields[campo].help_text = _("No cambia una vez programada la sesión.")
            _campo_modelo(self, "organo").queryset = OrganoColegiado.objects.all()
            self.fields["numero"].required = True
            self.fields["numero"].help_text = _("Consecutivo de la sesión en su periodo y tipo.")
            if sesion.estado == EstadoSesion.CONVOCADA:
                for campo in ("fecha", "hora"):
                    self.fields[campo].disabled = True
                    self.fields[campo].help_text = _(
                        "La sesión ya fue convocada: para cambiar la fecha, difiérala y reprográmela."
                    )

    def clean(self):
        datos = super().clean()
        if datos.get("modalidad") in (Modalidad.A_DISTANCIA, Modalidad.MIXTA) and not datos.get(
            "enlace"
        ):
            self.add_error(
                "enlace", _("Una sesión a distancia o mixta necesita el enlace de conexión.")
            )
        return datos

    def fecha_hora(self) -> datetime.datetime:
        return fecha_hora_mx(self.cleaned_data["fecha"], self.cleaned_data["hora"])

    def datos_servicio(self) -> dict:
        datos = {
            "titulo": self.cleaned_data["titulo"].strip(),
            "fecha_hora": self.fecha_hora(),
            "sede": self.cleaned_data["sede"].strip(),
            "modalidad": self.cleaned_data["modalidad"],
            "enlace": self.cleaned_data["enlace"],
            "numero": self.cleaned_data["numero"],
        }
        if self.sesion is None:
            datos.update(organo=self.cleaned_data["organo"], tipo=self.cleaned_data["tipo"])
        return {**datos, **self.datos_version()}


class PuntoForm(FormularioConVersion):
    campos_vistos = CAMPOS_EDITABLES_PUNTO

    titulo = forms.CharField(
        label=_("Asunto"),
        max_length=5000,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_(
            "Como se leerá en el orden del día y en la convocatoria (hasta 5,000 caracteres)."
        ),
    )
    tipo = forms.ChoiceField(
        label=_("Tipo"), choices=TipoPunto.choices, initial=TipoPunto.INFORMATIVO
    )
    presenta = forms.CharField(
        label=_("Presenta"),
        required=False,
        max_length=300,
        help_text=_("Quién expone el punto, p. ej. «la Secretaria Técnica»."),
    )
    descripcion = forms.CharField(
        label=_("Descripción"),
        required=False,
        max_length=20000,
        widget=forms.Textarea(attrs={"rows": 5}),
        help_text=_("Antecedentes o desarrollo que el acta puede retomar."),
    )

    def __init__(self, *args, punto=None, **kwargs):
        if punto is not None:
            kwargs.setdefault("initial", {c: getattr(punto, c) for c in CAMPOS_EDITABLES_PUNTO})
        super().__init__(*args, objeto=punto, con_version=punto is not None, **kwargs)


def personas_del_organo(sesion: Sesion):
    """Integrantes y suplentes en funciones el día de la sesión."""
    integrantes = integrantes_de_sesion(sesion)
    return (
        Persona.objects.filter(Q(membresias__in=integrantes) | Q(suplencias__in=integrantes))
        .distinct()
        .order_by("nombre")
    )


class AnexoForm(forms.Form):
    archivo = forms.FileField(
        label=_("Archivo"),
        help_text=_("PDF, Word (DOCX), Excel (XLSX), PNG o JPEG."),
    )
    titulo = forms.CharField(label=_("Título"), max_length=300)
    clasificacion = forms.ChoiceField(
        label=_("Clasificación"),
        choices=Clasificacion.choices,
        initial=Clasificacion.PUBLICA,
        help_text=_("Reservada y confidencial nunca se muestran al público."),
    )
    fundamento_legal = forms.CharField(
        label=_("Fundamento legal"),
        required=False,
        max_length=5000,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("Obligatorio para información reservada o confidencial."),
    )
    reservado_hasta = _campo_fecha(
        label=_("Reservado hasta"),
        required=False,
        help_text=_("Obligatorio para información reservada: fecha en que termina la reserva."),
    )
    personas_autorizadas = forms.ModelMultipleChoiceField(
        label=_("Personas autorizadas"),
        queryset=Persona.objects.none(),
        required=False,
        widget=forms.CheckboxSelectMultiple,
        help_text=_("Solo para confidencial: integrantes del órgano que sí pueden verlo."),
    )

    def __init__(self, *args, sesion: Sesion, max_mb: int, **kwargs):
        super().__init__(*args, **kwargs)
        self.max_mb = max_mb
        self.tipo_contenido = ""
        _campo_modelo(self, "personas_autorizadas").queryset = personas_del_organo(sesion)
        self.fields["archivo"].help_text = _(
            "PDF, Word (DOCX), Excel (XLSX), PNG o JPEG; hasta %(mb)s MB."
        ) % {"mb": max_mb}

    def clean_archivo(self):
        archivo = self.cleaned_data["archivo"]
        self.tipo_contenido = validar_archivo(archivo, max_mb=self.max_mb)
        return archivo

    def clean(self):
        datos = super().clean()
        clasificacion = datos.get("clasificacion")
        fundamento = (datos.get("fundamento_legal") or "").strip()
        if (
            clasificacion in (Clasificacion.RESERVADA, Clasificacion.CONFIDENCIAL)
            and not fundamento
        ):
            self.add_error(
                "fundamento_legal",
                _("La información reservada o confidencial requiere fundamento legal."),
            )
        if clasificacion == Clasificacion.RESERVADA:
            hasta = datos.get("reservado_hasta")
            if hasta is None and "reservado_hasta" not in self.errors:
                self.add_error(
                    "reservado_hasta", _("Indique hasta cuándo está reservada la información.")
                )
            elif hasta is not None and hasta <= timezone.localdate():
                self.add_error(
                    "reservado_hasta", _("La reserva debe terminar en una fecha futura.")
                )
        if clasificacion == Clasificacion.CONFIDENCIAL and not datos.get("personas_autorizadas"):
            self.add_error(
                "personas_autorizadas",
                _("Elija al menos a una persona autorizada para ver el anexo confidencial."),
            )
        return datos

    def datos_servicio(self) -> dict:
        clasificacion = self.cleaned_data["clasificacion"]
        return {
            "archivo": self.cleaned_data["archivo"],
            "titulo": self.cleaned_data["titulo"].strip(),
            "clasificacion": clasificacion,
            "fundamento_legal": (
                ""
                if clasificacion == Clasificacion.PUBLICA
                else self.cleaned_data["fundamento_legal"].strip()
            ),
            "reservado_hasta": self.cleaned_data.get("reservado_hasta"),
            "personas_autorizadas": (
                list(self.cleaned_data["personas_autorizadas"])
                if clasificacion == Clasificacion.CONFIDENCIAL
                else []
            ),
            "tipo_contenido": self.tipo_contenido,
        }


class TransicionForm(forms.Form):
    """Confirmación de un cambio de estado; muestra solo los campos que el destino necesita."""

    estado = forms.ChoiceField(choices=EstadoSesion.choices, widget=forms.HiddenInput)
    motivo = forms.CharField(
        label=_("Motivo o nota"),
        required=False,
        max_length=5000,
        widget=forms.Textarea(attrs={"rows": 3}),
    )
    sin_quorum = forms.BooleanField(
        label=_("No se celebró por falta de quórum"),
        required=False,
        help_text=_("La sesión conserva su número y se reprograma después."),
    )
    nueva_fecha = _campo_fecha(label=_("Nueva fecha"), required=False)
    nueva_hora = _campo_hora(label=_("Nueva hora"), required=False)
    hora_clausura = _campo_hora(
        label=_("Hora de clausura"),
        required=False,
        help_text=_("Hora en que se clausuró la sesión; el acta la escribe en palabras."),
    )
    justificacion_aviso = forms.CharField(
        label=_("Justificación de convocatoria tardía"),
        required=False,
        max_length=5000,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("Obligatoria si se convoca con menos anticipación que la que fija el órgano."),
    )

    def __init__(
        self, *args, sesion: Sesion, estado: str, pedir_justificacion: bool = False, **kwargs
    ):
        kwargs.setdefault("initial", {"estado": estado})
        super().__init__(*args, **kwargs)
        self.sesion = sesion
        self.destino = estado
        if estado in ESTADOS_CON_MOTIVO:
            self.fields["motivo"].required = True
            self.fields["motivo"].label = _("Motivo")
            self.fields["motivo"].help_text = _("Obligatorio: quedará en la historia de la sesión.")
            self.fields["motivo"].error_messages["required"] = _(
                "Indique el motivo para marcar la sesión como %(estado)s."
            ) % {"estado": EstadoSesion(estado).label.lower()}
        if estado != EstadoSesion.DIFERIDA:
            del self.fields["sin_quorum"]
        if not self.reprograma:
            del self.fields["nueva_fecha"]
            del self.fields["nueva_hora"]
        else:
            self.fields["nueva_fecha"].required = True
            self.fields["nueva_hora"].required = True
            self.fields["nueva_fecha"].error_messages["required"] = _(
                "Indique la nueva fecha de la sesión."
            )
            self.fields["nueva_hora"].error_messages["required"] = _(
                "Indique la nueva hora de la sesión."
            )
        if estado != EstadoSesion.CONVOCADA or not pedir_justificacion:
            del self.fields["justificacion_aviso"]
        if estado == EstadoSesion.CELEBRADA:
            self.fields["hora_clausura"].required = True
            self.fields["hora_clausura"].error_messages["required"] = _(
                "Indique la hora de clausura de la sesión."
            )
            if not self.is_bound:
                self.initial.setdefault(
                    "hora_clausura",
                    sesion.hora_clausura
                    or timezone.localtime().time().replace(second=0, microsecond=0),
                )
        else:
            del self.fields["hora_clausura"]

    @property
    def reprograma(self) -> bool:
        return self.sesion.estado == EstadoSesion.DIFERIDA and self.destino in (
            EstadoSesion.PROGRAMADA,
            EstadoSesion.CONVOCADA,
        )

    def clean_estado(self):
        estado = self.cleaned_data["estado"]
        if estado != self.destino:
            raise forms.ValidationError(_("El estado de destino no coincide con la confirmación."))
        return estado

    def datos_servicio(self) -> dict:
        datos = {
            "estado": self.destino,
            "motivo": self.cleaned_data.get("motivo", "").strip(),
            "sin_quorum": bool(self.cleaned_data.get("sin_quorum")),
            "justificacion_aviso": self.cleaned_data.get("justificacion_aviso", "").strip(),
        }
        if self.destino == EstadoSesion.CELEBRADA:
            datos["hora_clausura"] = self.cleaned_data["hora_clausura"]
        if self.reprograma:
            datos["nueva_fecha_hora"] = fecha_hora_mx(
                self.cleaned_data["nueva_fecha"], self.cleaned_data["nueva_hora"]
            )
        return datos


class AsistenciaForm(forms.Form):
    """Una fila de la lista de asistencia; el prefijo distingue a cada integrante."""

    estado = forms.ChoiceField(
        label=_("Asistencia"),
        required=False,
        choices=[("", _("— sin registrar —")), *EstadoAsistencia.choices],
    )
    hora_llegada = forms.TimeField(
        label=_("Hora de llegada"),
        required=False,
        widget=forms.TimeInput(
            attrs={"type": "time", "class": "form-control form-control-sm"}, format="%H:%M"
        ),
    )

    @staticmethod
    def prefijo(integrante: Integrante) -> str:
        return f"a{integrante.pk}"


class InvitadoForm(forms.Form):
    persona = forms.ModelChoiceField(
        label=_("Persona registrada"),
        queryset=Persona.objects.none(),
        required=False,
        empty_label=_("— una persona nueva —"),
        help_text=_("Elija a alguien ya registrado o llene los datos de una persona nueva."),
    )
    titulo = forms.CharField(
        label=_("Título"), required=False, max_length=30, help_text=_("«Mtro.», «Dra.», «Lic.».")
    )
    nombre = forms.CharField(label=_("Nombre completo"), required=False, max_length=200)
    cargo = forms.CharField(label=_("Cargo"), required=False, max_length=300)
    institucion = forms.CharField(label=_("Institución"), required=False, max_length=300)
    correo = forms.EmailField(label=_("Correo electrónico"), required=False)
    motivo = forms.CharField(
        label=_("Motivo de la invitación"),
        required=False,
        max_length=300,
        help_text=_("Para qué se le invita, p. ej. «presentar el punto 4»."),
    )

    def __init__(self, *args, sesion: Sesion, **kwargs):
        super().__init__(*args, **kwargs)
        miembros = integrantes_de_sesion(sesion).values("persona_id")
        _campo_modelo(self, "persona").queryset = (
            Persona.objects.exclude(pk__in=miembros)
            .exclude(invitaciones__sesion=sesion)
            .order_by("nombre")
        )

    def clean(self):
        datos = super().clean()
        nombre = (datos.get("nombre") or "").strip()
        if datos.get("persona") and nombre:
            raise forms.ValidationError(
                _("Elija una persona registrada o escriba los datos de una nueva, no ambas.")
            )
        if not datos.get("persona") and not nombre and "nombre" not in self.errors:
            self.add_error(
                "nombre", _("Escriba el nombre de la persona invitada o elija una registrada.")
            )
        return datos

    def datos_persona(self) -> dict:
        return {
            campo: self.cleaned_data[campo].strip()
            for campo in ("titulo", "nombre", "cargo", "institucion", "correo")
        }
