"""Maillage settings, read from the environment (twelve-factor).

Defaults give a working development set-up on the embedded SQLite database.
``MAILLAGE_ENV=production`` switches on the secure defaults for deployment behind HTTPS.
"""

import contextlib
import os
from pathlib import Path

import dj_database_url

BASE_DIR = Path(__file__).resolve().parent.parent
VAR_DIR = Path(os.environ.get("MAILLAGE_VAR_DIR", BASE_DIR / "var"))
VAR_DIR.mkdir(parents=True, exist_ok=True)


def env_bool(name: str, default: bool) -> bool:
    value = os.environ.get(name)
    if value is None:
        return default
    return value.strip().lower() in {"1", "true", "yes", "on"}


def env_list(name: str, default: str) -> list[str]:
    return [item.strip() for item in os.environ.get(name, default).split(",") if item.strip()]


ENVIRONMENT = os.environ.get("MAILLAGE_ENV", "development")
IS_PRODUCTION = ENVIRONMENT == "production"

SECRET_KEY = os.environ.get("DJANGO_SECRET_KEY", "dev-only-insecure-key-change-me")
if IS_PRODUCTION and SECRET_KEY.startswith("dev-only"):
    raise RuntimeError("DJANGO_SECRET_KEY doit être défini en production.")

DEBUG = env_bool("DJANGO_DEBUG", not IS_PRODUCTION)
ALLOWED_HOSTS = env_list("DJANGO_ALLOWED_HOSTS", "localhost,127.0.0.1,[::1],testserver")
CSRF_TRUSTED_ORIGINS = env_list("DJANGO_CSRF_TRUSTED_ORIGINS", "")

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django.contrib.humanize",
    "rest_framework",
    "rest_framework.authtoken",
    "drf_spectacular_sidecar",
    "drf_spectacular",
    "django_filters",
    "django_htmx",
    "huey.contrib.djhuey",
    "axes",
    "csp",
    "maillage.kernel",
    "maillage.core",
    "maillage.accounts",
    "maillage.territories",
    "maillage.referentials",
    "maillage.people",
    "maillage.companies",
    "maillage.clauses",
    "maillage.procurement",
    "maillage.jobs",
    "maillage.reconversion",
    "maillage.steering",
    "maillage.observatory",
    "maillage.directory",
    "maillage.events",
    "maillage.api",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "maillage.kernel.guards.InputGuardMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    # Every page needs a login unless its view is marked ``login_not_required`` (listed in
    # tests/core/test_login_required.py); the API (DRF) authenticates by itself (session or token).
    "django.contrib.auth.middleware.LoginRequiredMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "django_htmx.middleware.HtmxMiddleware",
    "axes.middleware.AxesMiddleware",
    "csp.middleware.CSPMiddleware",
]

ROOT_URLCONF = "config.urls"
WSGI_APPLICATION = "config.wsgi.application"

# Selects written in Python (same markup as Django's templates, much faster on long lists): kernel/form_renderer.py
FORM_RENDERER = "maillage.kernel.form_renderer.FormRenderer"

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
                "maillage.core.context_processors.site",
            ],
            # French typography everywhere without {% load %}: elision, agreement, thousands (docs in the module).
            "builtins": ["maillage.kernel.templatetags.french"],
        },
    },
]

# Database: embedded SQLite by default, PostgreSQL in production through DATABASE_URL.
DATABASES = {
    "default": dj_database_url.parse(
        os.environ.get("DATABASE_URL", f"sqlite:///{VAR_DIR / 'maillage.sqlite3'}"),
        conn_max_age=int(os.environ.get("DATABASE_CONN_MAX_AGE", "60")),
        conn_health_checks=True,
    )
}
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    DATABASES["default"]["CONN_MAX_AGE"] = 0
    DATABASES["default"]["OPTIONS"] = {
        "timeout": 20,
        "init_command": "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL;",
        "transaction_mode": "IMMEDIATE",
    }
elif env_bool("DATABASE_SERVER_SIDE_BINDING", False):
    DATABASES["default"].setdefault("OPTIONS", {})["server_side_binding"] = True
if os.environ.get("DATABASE_TEST_NAME"):
    DATABASES["default"]["TEST"] = {"NAME": os.environ["DATABASE_TEST_NAME"]}

DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"
AUTH_USER_MODEL = "accounts.User"

AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",
    "maillage.accounts.backends.EmailBackend",
]
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator", "OPTIONS": {"min_length": 10}},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
LOGIN_URL = "accounts:login"
LOGIN_REDIRECT_URL = "core:home"
LOGOUT_REDIRECT_URL = "core:home"

# Lockout after repeated failures (django-axes): by account and address.
AXES_FAILURE_LIMIT = int(os.environ.get("AXES_FAILURE_LIMIT", "5"))
AXES_COOLOFF_TIME = float(os.environ.get("AXES_COOLOFF_HOURS", "0.25"))
# Two separate counters: the account itself (normalised e-mail), whatever the address or the case
# typed — a lock on the pair (username, address) was bypassed by changing the case or the
# X-Forwarded-For header — and the client address (many accounts tried from one place).
AXES_LOCKOUT_PARAMETERS = ["username", "ip_address"]
AXES_USERNAME_FORM_FIELD = "username"
AXES_USERNAME_CALLABLE = "maillage.accounts.backends.axes_username"
AXES_RESET_ON_SUCCESS = True
AXES_VERBOSE = False
# Retention of technical traces (days), enforced by `manage.py enforce_retention`.
LOGIN_TRACE_RETENTION_DAYS = int(os.environ.get("LOGIN_TRACE_RETENTION_DAYS", "90"))
AUDIT_RETENTION_DAYS = int(os.environ.get("AUDIT_RETENTION_DAYS", "365"))
AXES_LOCKOUT_TEMPLATE = "accounts/locked_out.html"
# X-Forwarded-For is trusted only behind a proxy that sets it (MAILLAGE_BEHIND_PROXY).
AXES_IPWARE_META_PRECEDENCE_ORDER = (
    ["HTTP_X_FORWARDED_FOR", "REMOTE_ADDR"] if env_bool("MAILLAGE_BEHIND_PROXY", False) else ["REMOTE_ADDR"]
)
# One reading of that rule for the lockout and the abuse limits: without django-ipware (not installed)
# axes would otherwise read REMOTE_ADDR only, and behind the proxy lock every visitor out at once.
AXES_CLIENT_IP_CALLABLE = "maillage.kernel.ratelimit.client_address"
# Abuse limits on the public forms (maillage/kernel/ratelimit.py, docs/deployment.md): "count/period"
# (s, m, h, d), per client address except the last, per target e-mail address for every e-mail sent on a
# public request. Room for a group behind one address (a workshop of a Mission locale, a mobile network),
# none for a script: the defaults are said why in docs/deployment.md.
MAILLAGE_RATE_LIMITS = {
    "event_registration": os.environ.get("MAILLAGE_LIMIT_EVENT_REGISTRATIONS", "30/h"),
    "event_action": os.environ.get("MAILLAGE_LIMIT_EVENT_ACTIONS", "60/h"),
    "self_registration": os.environ.get("MAILLAGE_LIMIT_SELF_REGISTRATIONS", "20/h"),
    "password_reset": os.environ.get("MAILLAGE_LIMIT_PASSWORD_RESETS", "10/h"),
    "mail_per_address": os.environ.get("MAILLAGE_LIMIT_MAILS_PER_ADDRESS", "5/d"),
    # Page views of the directory's search and questionnaire and of the transition explorer (cheap GETs).
    "public_search": os.environ.get("MAILLAGE_LIMIT_PUBLIC_SEARCHES", "300/5m"),
}
# Public address of the site, for links in e-mails sent outside a request (invitations).
SITE_URL = os.environ.get("MAILLAGE_SITE_URL", "http://localhost:8000")
# API tokens expire after this many days (a new one is made from the profile page).
API_TOKEN_LIFETIME_DAYS = int(os.environ.get("API_TOKEN_LIFETIME_DAYS", "90"))

LANGUAGE_CODE = "fr"
# Dates and thousands as French users read them (config/formats/fr/formats.py, docs/french.md); never
# USE_THOUSAND_SEPARATOR: ids, years and codes in pages and URLs must stay as they are.
FORMAT_MODULE_PATH = ["config.formats"]
USE_THOUSAND_SEPARATOR = False
LANGUAGES = [("fr", "Français")]
TIME_ZONE = "Europe/Paris"
USE_I18N = True
USE_TZ = True

STATIC_URL = "/static/"
STATIC_ROOT = Path(os.environ.get("STATIC_ROOT", VAR_DIR / "static"))
STATICFILES_DIRS = [BASE_DIR / "static"]
with contextlib.suppress(OSError):  # whitenoise warns when the collected-static folder is missing
    STATIC_ROOT.mkdir(parents=True, exist_ok=True)
MEDIA_URL = "/media/"
MEDIA_ROOT = Path(os.environ.get("MEDIA_ROOT", VAR_DIR / "media"))
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {
        "BACKEND": (
            "whitenoise.storage.CompressedManifestStaticFilesStorage"
            if IS_PRODUCTION
            else "django.contrib.staticfiles.storage.StaticFilesStorage"
        )
    },
}

# Never the console in production: it would write messages naming people to the journal (kernel/mail.py).
EMAIL_BACKEND = os.environ.get(
    "EMAIL_BACKEND",
    "maillage.kernel.mail.UnconfiguredBackend" if IS_PRODUCTION else "django.core.mail.backends.console.EmailBackend",
)
DEFAULT_FROM_EMAIL = os.environ.get("DEFAULT_FROM_EMAIL", "Maillage <ne-pas-repondre@maillage.local>")
if os.environ.get("EMAIL_HOST"):
    EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
    EMAIL_HOST = os.environ["EMAIL_HOST"]
    EMAIL_PORT = int(os.environ.get("EMAIL_PORT", "587"))
    EMAIL_HOST_USER = os.environ.get("EMAIL_HOST_USER", "")
    EMAIL_HOST_PASSWORD = os.environ.get("EMAIL_HOST_PASSWORD", "")
    EMAIL_USE_TLS = env_bool("EMAIL_USE_TLS", True)

# Sessions and cookies: secure defaults, hardened in production (behind HTTPS).
SESSION_COOKIE_HTTPONLY = True
SESSION_COOKIE_AGE = 60 * 60 * 10
SESSION_EXPIRE_AT_BROWSER_CLOSE = True
SESSION_COOKIE_SAMESITE = "Lax"
CSRF_COOKIE_SAMESITE = "Lax"
# A refused form explained in French, with what to do (Django's page is in English).
CSRF_FAILURE_VIEW = "maillage.core.errors.csrf_failure"
X_FRAME_OPTIONS = "DENY"
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
if IS_PRODUCTION:
    SESSION_COOKIE_SECURE = True
    CSRF_COOKIE_SECURE = True
    SECURE_SSL_REDIRECT = env_bool("SECURE_SSL_REDIRECT", True)
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
    SECURE_HSTS_SECONDS = int(os.environ.get("SECURE_HSTS_SECONDS", str(60 * 60 * 24 * 365)))
    SECURE_HSTS_INCLUDE_SUBDOMAINS = True
    SECURE_HSTS_PRELOAD = True
    SECURE_REDIRECT_EXEMPT = [r"^healthz$"]

# Content-Security-Policy (django-csp; Django 5.2 has none built in): scripts from our own static
# files only — no inline script, no on* attribute, no javascript: URL, no eval. Styles from files
# only too: no style= attribute, no <style> (widths of progress bars are classes, ``bar_class``);
# scripts may still set element.style (Leaflet, Chart.js), which the policy allows. A map tile
# server, when set, is allowed for images.
_CSP_IMG = ["'self'", "data:"]
if os.environ.get("MAP_TILE_URL"):
    from urllib.parse import urlsplit as _urlsplit

    _tile = _urlsplit(os.environ["MAP_TILE_URL"].replace("{s}", "a"))
    _CSP_IMG.append(f"{_tile.scheme}://{_tile.netloc.replace('a.', '*.', 1)}")
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": ["'self'"],
        "script-src": ["'self'"],
        "style-src": ["'self'"],
        "img-src": _CSP_IMG,
        "font-src": ["'self'"],
        "connect-src": ["'self'"],
        "object-src": ["'none'"],
        "base-uri": ["'self'"],
        "form-action": ["'self'"],
        "frame-ancestors": ["'none'"],
    }
}

# Cache: local memory by default; Redis shared by every process when REDIS_URL is set.
REDIS_URL = os.environ.get("REDIS_URL", "")
if REDIS_URL:
    # One Redis client per connection pool, not one per operation (kernel/redis_cache.py).
    CACHES = {"default": {"BACKEND": "maillage.kernel.redis_cache.ReusedClientRedisCache", "LOCATION": REDIS_URL}}
    # Sessions read from Redis, written through to the database (a Redis restart logs nobody out).
    SESSION_ENGINE = "django.contrib.sessions.backends.cached_db"
else:
    CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}

# Background tasks (Huey): SQLite storage by default, Redis when REDIS_URL is set,
# run inline (immediate) when HUEY_IMMEDIATE is set (tests).
HUEY_IMMEDIATE = env_bool("HUEY_IMMEDIATE", False)
if REDIS_URL:
    HUEY = {
        "huey_class": "huey.RedisHuey",
        "name": os.environ.get("HUEY_NAME", "maillage"),
        "url": REDIS_URL,
        "immediate": HUEY_IMMEDIATE,
        "consumer": {"workers": int(os.environ.get("HUEY_WORKERS", "2")), "worker_type": "thread"},
    }
else:
    HUEY = {
        "huey_class": "huey.SqliteHuey",
        "name": "maillage",
        "filename": str(VAR_DIR / "huey.sqlite3"),
        "immediate": HUEY_IMMEDIATE,
        "consumer": {"workers": int(os.environ.get("HUEY_WORKERS", "2")), "worker_type": "thread"},
    }

REST_FRAMEWORK = {
    "DEFAULT_AUTHENTICATION_CLASSES": [
        "maillage.accounts.tokens.ExpiringTokenAuthentication",
        "rest_framework.authentication.SessionAuthentication",
    ],
    "DEFAULT_PERMISSION_CLASSES": ["rest_framework.permissions.IsAuthenticated"],
    "DEFAULT_PAGINATION_CLASS": "rest_framework.pagination.PageNumberPagination",
    "PAGE_SIZE": 50,
    "DEFAULT_FILTER_BACKENDS": ["django_filters.rest_framework.DjangoFilterBackend"],
    "DEFAULT_SCHEMA_CLASS": "drf_spectacular.openapi.AutoSchema",
    "EXCEPTION_HANDLER": "maillage.kernel.guards.api_exception_handler",
    "DEFAULT_THROTTLE_CLASSES": ["rest_framework.throttling.UserRateThrottle"],
    "DEFAULT_THROTTLE_RATES": {"user": os.environ.get("API_USER_RATE", "2000/hour")},
}
SPECTACULAR_SETTINGS = {
    "TITLE": "API Maillage",
    "DESCRIPTION": "API REST de Maillage, le système d'information de la Maison de l'Emploi.",
    "VERSION": "1.0.0",
    "SERVE_INCLUDE_SCHEMA": False,
    "SWAGGER_UI_DIST": "SIDECAR",
    "SWAGGER_UI_FAVICON_HREF": "SIDECAR",
    "REDOC_DIST": "SIDECAR",
    "COMPONENT_SPLIT_REQUEST": True,
    # Several modules have their own "status" and "contract_type" choice sets: name them.
    "ENUM_NAME_OVERRIDES": {
        "ApplicationStateEnum": "maillage.jobs.models.ApplicationState",
        "OfferContractTypeEnum": "maillage.jobs.models.ContractType",
        "OfferStatusEnum": "maillage.jobs.models.OfferStatus",
        "NeedContractTypeEnum": "maillage.companies.models.ContractType",
        "NeedStatusEnum": "maillage.companies.models.NeedStatus",
        "OperationStatusEnum": "maillage.clauses.models.markets.OperationStatus",
        "LotStatusEnum": "maillage.clauses.models.markets.LotStatus",
        "StatementStatusEnum": "maillage.clauses.models.people.StatementStatus",
        "JobsRefusalReasonEnum": "maillage.jobs.models.RefusalReason",
        "ReferralRefusalReasonEnum": "maillage.directory.models.RefusalReason",
        "NeedReasonEnum": "maillage.companies.models.NeedReason",
        "InvitationReasonEnum": "maillage.events.choices.InvitationReason",
        "NotRetainedReasonEnum": "maillage.events.choices.NotRetainedReason",
    },
}

# Reference data bundled in the repository (compressed); a directory of newer official files
# can be given instead.
REFERENCE_DATA_DIR = Path(os.environ.get("MAILLAGE_REFERENCE_DIR", BASE_DIR / "data" / "reference"))
MAP_TILE_URL = os.environ.get("MAP_TILE_URL", "")
MAP_TILE_ATTRIBUTION = os.environ.get("MAP_TILE_ATTRIBUTION", "")

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "formatters": {"plain": {"format": "%(asctime)s %(levelname)s %(name)s %(message)s"}},
    "filters": {"forbidden_line": {"()": "maillage.kernel.request_log.ForbiddenLineFilter"}},
    "handlers": {"console": {"class": "logging.StreamHandler", "formatter": "plain"}},
    "root": {"handlers": ["console"], "level": os.environ.get("LOG_LEVEL", "INFO")},
    "loggers": {
        # django-axes would log e-mail addresses of failed logins: personal data stays out of logs.
        "axes": {"level": "CRITICAL"},
        # A 403 is one warning line (method, path, user id), not a traceback: kernel/request_log.py.
        "django.request": {"filters": ["forbidden_line"]},
    },
}
