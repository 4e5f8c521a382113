"""Configuración única, gobernada por variables de entorno.

Sin variables: SQLite, broker ORM de django-q2 y correo en archivos bajo var/correo/.
DATABASE_URL y REDIS_URL llevan el mismo código a PostgreSQL y Redis.
"""

import datetime
import os
from pathlib import Path

import dj_database_url
import dj_email_url
from csp.constants import NONCE, NONE, SELF
from django.core.exceptions import ImproperlyConfigured
from django.utils.translation import gettext_lazy as _

BASE_DIR = Path(__file__).resolve().parent.parent
VAR_DIR = Path(os.environ.get("SESIONES_VAR_DIR", BASE_DIR / "var"))
# Base embebida, archivos y correo viven aquí; existe desde el primer arranque.
VAR_DIR.mkdir(parents=True, exist_ok=True)


def _env_bool(name: str, default: bool) -> bool:
    value = os.environ.get(name)
    if value is None:
        return default
    return value.strip().lower() in {"1", "true", "yes", "si", "sí", "on"}


def _env_list(name: str, default: str) -> list[str]:
    return [item.strip() for item in os.environ.get(name, default).split(",") if item.strip()]


DEBUG = _env_bool("DJANGO_DEBUG", False)
# Con la clave pública del repositorio cualquiera falsifica los enlaces personales firmados:
# fuera de desarrollo, sin una clave propia la aplicación no arranca.
CLAVE_DESARROLLO = "django-insecure-solo-para-desarrollo-cambie-esta-clave"
SECRET_KEY = os.environ.get("DJANGO_SECRET_KEY", "").strip()
if not SECRET_KEY or SECRET_KEY == CLAVE_DESARROLLO:
    if not DEBUG:
        raise ImproperlyConfigured(
            "Falta DJANGO_SECRET_KEY. Fuera del modo de desarrollo (DJANGO_DEBUG=1) la "
            "aplicación no arranca con la clave pública del repositorio: defina una clave "
            "propia, por ejemplo con: python -c 'import secrets; print(secrets.token_urlsafe(50))'"
        )
    SECRET_KEY = CLAVE_DESARROLLO
ALLOWED_HOSTS = _env_list("DJANGO_ALLOWED_HOSTS", "127.0.0.1,localhost,testserver")
CSRF_TRUSTED_ORIGINS = _env_list("DJANGO_CSRF_TRUSTED_ORIGINS", "")
SITE_URL = os.environ.get("SESIONES_SITE_URL", "http://127.0.0.1:8000").rstrip("/")

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django.contrib.humanize",
    "django_q",
    "crispy_forms",
    "crispy_bootstrap5",
    "django_htmx",
    "axes",
    "csp",
    # En el orden de sus capas (import-linter lo revisa): cada una solo importa las de antes.
    "comun",
    "bitacora",
    "sesiones",
    "documentos",
    "entregas",
    "acuerdos",
    "transparencia",
    "api",
    "rest_framework",
    "rest_framework.authtoken",
    "drf_spectacular",
    "drf_spectacular_sidecar",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    # Un NUL en la ruta, una cookie o un encabezado es un 400 antes de llegar a la base.
    "comun.middleware.RechazarEntradaNulaMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "django_htmx.middleware.HtmxMiddleware",
    "csp.middleware.CSPMiddleware",
    # Último, como pide django-axes: cuenta los intentos fallidos de entrada.
    "axes.middleware.AxesMiddleware",
]

AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",
    "django.contrib.auth.backends.ModelBackend",
]

ROOT_URLCONF = "config.urls"
WSGI_APPLICATION = "config.wsgi.application"
ASGI_APPLICATION = "config.asgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "sesiones.context_processors.roles",
            ],
        },
    },
]

# Base de datos: SQLite embebida salvo que DATABASE_URL diga otra cosa.
DATABASE_URL = os.environ.get("DATABASE_URL", "")
if DATABASE_URL:
    DATABASES = {"default": dj_database_url.parse(DATABASE_URL, conn_max_age=60)}
else:
    DATABASES = {
        "default": {
            "ENGINE": "django.db.backends.sqlite3",
            "NAME": str(VAR_DIR / "sesiones.sqlite3"),
            "OPTIONS": {
                # IMMEDIATE evita el "database is locked" al escalar un lector a escritor.
                "transaction_mode": "IMMEDIATE",
                "timeout": 20,
                "init_command": (
                    "PRAGMA journal_mode=WAL;"
                    "PRAGMA synchronous=NORMAL;"
                    "PRAGMA busy_timeout=20000;"
                    "PRAGMA foreign_keys=ON;"
                ),
            },
        }
    }
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

REDIS_URL = os.environ.get("REDIS_URL", "")
if REDIS_URL:
    CACHES = {
        "default": {"BACKEND": "django.core.cache.backends.redis.RedisCache", "LOCATION": REDIS_URL}
    }
else:
    CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}

# django-q2: broker ORM embebido; con REDIS_URL, Redis (sin la clave "orm", que get_broker prefiere).
Q_CLUSTER = {
    "name": "sesiones",
    "workers": int(os.environ.get("Q_WORKERS", "1" if not DATABASE_URL else "2")),
    "timeout": 300,
    "retry": 360,  # debe ser mayor que timeout
    "max_attempts": 3,
    "queue_limit": 50,
    "bulk": 1,
    "catch_up": False,
    "label": _("Tareas"),
    "sync": _env_bool("Q_SYNC", False),
}
if REDIS_URL:
    Q_CLUSTER["redis"] = REDIS_URL
else:
    Q_CLUSTER["orm"] = "default"

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
LOGIN_URL = "login"
LOGIN_REDIRECT_URL = "sesiones:inicio"
LOGOUT_REDIRECT_URL = "login"

LANGUAGE_CODE = "es-mx"
LANGUAGES = [("es-mx", _("Español (México)"))]
TIME_ZONE = "America/Mexico_City"
USE_I18N = True
USE_TZ = True

STATIC_URL = "/static/"
STATICFILES_DIRS = [BASE_DIR / "static"]
STATIC_ROOT = VAR_DIR / "staticfiles"
STATIC_ROOT.mkdir(parents=True, exist_ok=True)  # whitenoise avisa si no existe
# Los archivos subidos nunca se sirven desde una ruta pública: solo a través de vistas con permiso.
MEDIA_ROOT = Path(os.environ.get("SESIONES_MEDIA_ROOT", VAR_DIR / "archivos"))
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {
        "BACKEND": (
            "whitenoise.storage.CompressedManifestStaticFilesStorage"
            if not DEBUG and not _env_bool("SESIONES_STATIC_SIMPLE", False)
            else "django.contrib.staticfiles.storage.StaticFilesStorage"
        )
    },
}
WHITENOISE_USE_FINDERS = DEBUG

# Correo: archivos en var/correo/ salvo EMAIL_URL (smtp://usuario:clave@host:587/?tls=True).
EMAIL_URL = os.environ.get("EMAIL_URL", "")
if EMAIL_URL:
    _email = dj_email_url.parse(EMAIL_URL)
    EMAIL_BACKEND = _email["EMAIL_BACKEND"]
    EMAIL_HOST = _email["EMAIL_HOST"]
    EMAIL_PORT = _email["EMAIL_PORT"]
    EMAIL_HOST_USER = _email["EMAIL_HOST_USER"]
    EMAIL_HOST_PASSWORD = _email["EMAIL_HOST_PASSWORD"]
    EMAIL_USE_TLS = _email["EMAIL_USE_TLS"]
    EMAIL_USE_SSL = _email["EMAIL_USE_SSL"]
    EMAIL_FILE_PATH = _email.get("EMAIL_FILE_PATH") or str(VAR_DIR / "correo")
else:
    EMAIL_BACKEND = "django.core.mail.backends.filebased.EmailBackend"
    EMAIL_FILE_PATH = str(VAR_DIR / "correo")
DEFAULT_FROM_EMAIL = os.environ.get(
    "DEFAULT_FROM_EMAIL", "Dirección Jurídica <juridico@sesaech.example>"
)
SERVER_EMAIL = DEFAULT_FROM_EMAIL

# Respaldos: el manifiesto se firma con HMAC; sin clave propia se deriva de SECRET_KEY (y entonces
# un respaldo solo se restaura donde SECRET_KEY es la misma). Se conservan N copias.
SESIONES_RESPALDO_CLAVE = os.environ.get("SESIONES_RESPALDO_CLAVE", "")
SESIONES_RESPALDO_COPIAS = int(os.environ.get("SESIONES_RESPALDO_COPIAS", "7"))

# Subidas: límite por archivo (anexos y plantillas).
SESIONES_MAX_UPLOAD_MB = int(os.environ.get("SESIONES_MAX_UPLOAD_MB", "25"))
# Una plantilla Word es un ZIP: más de esto descomprimido se rechaza sin abrirla (bomba ZIP).
SESIONES_PLANTILLA_MAX_DESCOMPRIMIDO_MB = int(
    os.environ.get("SESIONES_PLANTILLA_MAX_DESCOMPRIMIDO_MB", "20")
)
DATA_UPLOAD_MAX_MEMORY_SIZE = 5 * 1024 * 1024
FILE_UPLOAD_MAX_MEMORY_SIZE = 5 * 1024 * 1024

CRISPY_ALLOWED_TEMPLATE_PACKS = "bootstrap5"
CRISPY_TEMPLATE_PACK = "bootstrap5"

# Seguridad: valores seguros cuando DEBUG está apagado.
SESSION_COOKIE_HTTPONLY = True
CSRF_COOKIE_HTTPONLY = False
X_FRAME_OPTIONS = "DENY"
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
_https = _env_bool("DJANGO_HTTPS", not DEBUG)
SESSION_COOKIE_SECURE = _https
CSRF_COOKIE_SECURE = _https
SECURE_SSL_REDIRECT = _env_bool("DJANGO_SECURE_SSL_REDIRECT", _https)
SECURE_HSTS_SECONDS = int(os.environ.get("DJANGO_HSTS_SECONDS", "31536000" if _https else "0"))
SECURE_HSTS_INCLUDE_SUBDOMAINS = _https
SECURE_HSTS_PRELOAD = _https
# X-Forwarded-Proto lo puede mandar cualquiera: solo se cree cuando un proxy propio lo fija.
if _env_bool("SESIONES_PROXY_HTTPS", False):
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")

# Política de seguridad de contenido: todo se sirve desde static/; los scripts en línea
# llevan el nonce de la petición. Los atributos style de Bootstrap obligan a unsafe-inline en estilos.
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": [SELF],
        "script-src": [SELF, NONCE],
        "style-src": [SELF, "'unsafe-inline'"],
        "img-src": [SELF, "data:"],
        "font-src": [SELF],
        "connect-src": [SELF],
        "object-src": [NONE],
        "base-uri": [SELF],
        "form-action": [SELF],
        "frame-ancestors": [NONE],
    }
}

# Límite de intentos de entrada: 5 fallos por usuario e IP bloquean 15 minutos; además, 20 fallos
# desde una IP con cualquier nombre de usuario la bloquean (quien prueba una clave contra muchos).
AXES_ENABLED = _env_bool("SESIONES_LIMITAR_ENTRADAS", True)
AXES_FAILURE_LIMIT = "comun.limites.limite_de_fallos"
SESIONES_FALLOS_POR_USUARIO = 5
SESIONES_FALLOS_POR_IP = int(os.environ.get("SESIONES_FALLOS_POR_IP", "20"))
AXES_COOLOFF_TIME = datetime.timedelta(minutes=15)
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"], "ip_address"]
AXES_RESET_ON_SUCCESS = True
AXES_LOCKOUT_TEMPLATE = "registration/bloqueado.html"

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "filters": {"sin_traza_en_rechazos": {"()": "config.registro.SinTrazaEnRechazos"}},
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "loggers": {"django.request": {"filters": ["sin_traza_en_rechazos"]}},
    "root": {"handlers": ["console"], "level": os.environ.get("DJANGO_LOG_LEVEL", "WARNING")},
}

# Institución por omisión (editable en el admin, modelo Institucion).
SESIONES_CIUDAD = "Tuxtla Gutiérrez, Chiapas"

# API de datos abiertos (transparencia): lectura pública, escritura del personal con token.
REST_FRAMEWORK = {
    "DEFAULT_AUTHENTICATION_CLASSES": [
        "rest_framework.authentication.TokenAuthentication",
        "rest_framework.authentication.SessionAuthentication",
    ],
    "DEFAULT_PERMISSION_CLASSES": ["rest_framework.permissions.AllowAny"],
    "DEFAULT_PAGINATION_CLASS": "transparencia.api_base.Paginacion",
    "PAGE_SIZE": 25,
    "DEFAULT_SCHEMA_CLASS": "drf_spectacular.openapi.AutoSchema",
    "EXCEPTION_HANDLER": "transparencia.api_base.manejar_excepcion",
    "UNAUTHENTICATED_USER": "django.contrib.auth.models.AnonymousUser",
}
SPECTACULAR_SETTINGS = {
    "TITLE": "Sesiones — datos abiertos",
    "DESCRIPTION": (
        "Órganos colegiados, sesiones celebradas, orden del día, acuerdos publicados y "
        "documentos públicos. La escritura requiere token del personal."
    ),
    "VERSION": "1.0.0",
    "SERVE_INCLUDE_SCHEMA": False,
    "COMPONENT_SPLIT_REQUEST": True,
    # Swagger UI y ReDoc servidos desde static/, sin CDN.
    "SWAGGER_UI_DIST": "SIDECAR",
    "SWAGGER_UI_FAVICON_HREF": "SIDECAR",
    "REDOC_DIST": "SIDECAR",
    "ENUM_NAME_OVERRIDES": {
        "TipoSesionEnum": "sesiones.models.TipoSesion",
        "TipoPuntoEnum": "sesiones.models.TipoPunto",
        "ModalidadEnum": "sesiones.models.Modalidad",
        "EstadoSesionEnum": "sesiones.models.EstadoSesion",
        "EstadoAsistenciaEnum": "sesiones.models.EstadoAsistencia",
        "TipoAcuerdoEnum": "acuerdos.models.TipoAcuerdo",
        "EstadoAcuerdoEnum": "acuerdos.models.EstadoAcuerdo",
        "RequierePublicacionEnum": "acuerdos.models.RequierePublicacion",
    },
}
