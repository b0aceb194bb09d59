"""Settings for the ECCAR Online City Reporting platform.

One module, driven by environment variables (listed in README.md). Without any
variables set it runs as a development install: SQLite, eager Celery, local
memory cache, console email. Production sets DJANGO_DEBUG=false and the URLs of
PostgreSQL, Redis and SMTP.
"""

from pathlib import Path

import environ
from django.utils.translation import gettext_lazy as _

BASE_DIR = Path(__file__).resolve().parent.parent

env = environ.Env()
# A local .env is convenient for development; production sets real variables.
environ.Env.read_env(BASE_DIR / ".env", overwrite=False)

DEBUG = env.bool("DJANGO_DEBUG", default=True)

# Development gets a fixed throw-away key; production must provide its own.
SECRET_KEY = env.str(
    "DJANGO_SECRET_KEY",
    default="django-insecure-development-only-key-change-me-in-production" if DEBUG else "",
)
if not SECRET_KEY:
    from django.core.exceptions import ImproperlyConfigured

    raise ImproperlyConfigured("DJANGO_SECRET_KEY must be set when DJANGO_DEBUG is false.")

# Served over HTTPS (secure cookies, HSTS, redirects): production, whenever DEBUG is off,
# except the demo of `make run`, which serves http://127.0.0.1:8000 with DEBUG off so
# that visitors see the app's own error pages.
HTTPS = env.bool("DJANGO_HTTPS", default=not DEBUG)

ALLOWED_HOSTS = env.list("DJANGO_ALLOWED_HOSTS", default=["127.0.0.1", "localhost", "[::1]"])
CSRF_TRUSTED_ORIGINS = env.list("DJANGO_CSRF_TRUSTED_ORIGINS", default=[])
SITE_URL = env.str("SITE_URL", default="http://127.0.0.1:8000").rstrip("/")

INSTALLED_APPS = [
    # modeltranslation must come before the admin so its admin integration applies.
    "modeltranslation",
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.humanize",
    "whitenoise.runserver_nostatic",
    "django.contrib.staticfiles",
    "allauth",
    "allauth.account",
    "allauth.mfa",
    "rules.apps.AutodiscoverRulesConfig",
    "django_countries",
    "django_filters",
    "csp",
    "eccar",
    "reporting",
    "reviews",
    "prize",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    # No middleware above reads the body (CSRF reads it in process_view, after these):
    # its size is checked first, then the form fields are cleaned once for every view.
    "eccar.middleware.RequestSizeLimitMiddleware",
    "eccar.middleware.PostCleaningMiddleware",
    "eccar.middleware.PrivateCacheMiddleware",
    "eccar.middleware.SessionLifetimeMiddleware",
    "eccar.middleware.UserLanguageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "csp.middleware.CSPMiddleware",
    "allauth.account.middleware.AccountMiddleware",
    "eccar.middleware.RequireTwoFactorMiddleware",
]

ROOT_URLCONF = "eccar.urls"
CSRF_FAILURE_VIEW = "eccar.views.csrf_failure"
WSGI_APPLICATION = "eccar.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.template.context_processors.i18n",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "eccar.context_processors.coalition",
                "eccar.context_processors.notifications",
            ],
        },
    },
]

# Database: SQLite file by default, PostgreSQL (psycopg 3) through DATABASE_URL.
# An empty DATABASE_URL counts as unset (CI uses that to check migrations on SQLite).
DATABASES = {
    "default": environ.Env.db_url_config(
        env.str("DATABASE_URL", default="") or f"sqlite:///{BASE_DIR / 'db.sqlite3'}"
    ),
}
DATABASES["default"]["ATOMIC_REQUESTS"] = False
if DATABASES["default"]["ENGINE"] == "django.db.backends.postgresql":
    DATABASES["default"].setdefault("CONN_MAX_AGE", env.int("DATABASE_CONN_MAX_AGE", default=60))
    DATABASES["default"]["CONN_HEALTH_CHECKS"] = True
else:
    # SQLite (the embedded default of `make run`): a transaction takes the write lock
    # when it begins (IMMEDIATE), so two writers queue on the busy timeout instead of
    # both reading first and one failing with "database is locked" when it upgrades.
    DATABASES["default"].setdefault("OPTIONS", {}).update(
        {"transaction_mode": "IMMEDIATE", "timeout": 20}
    )

DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"
AUTH_USER_MODEL = "reporting.User"

# Redis serves the cache (shared by every web host: rate limits, sessions) and
# Celery. Without it the cache is per process and Celery runs tasks in-process.
REDIS_URL = env.str("REDIS_URL", default="")
if REDIS_URL:
    CACHES = {
        "default": {
            "BACKEND": "django.core.cache.backends.redis.RedisCache",
            "LOCATION": REDIS_URL,
            "KEY_PREFIX": env.str("CACHE_KEY_PREFIX", default="eccar"),
        }
    }
else:
    CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}

CELERY_BROKER_URL = REDIS_URL or "memory://"
CELERY_RESULT_BACKEND = None
CELERY_TASK_ALWAYS_EAGER = env.bool("CELERY_TASK_ALWAYS_EAGER", default=not REDIS_URL)
CELERY_TASK_EAGER_PROPAGATES = True
# Late acknowledgement plus idempotent tasks: a worker killed mid-task gets its
# task redelivered instead of losing it.
CELERY_TASK_ACKS_LATE = True
CELERY_TASK_REJECT_ON_WORKER_LOST = True
CELERY_WORKER_PREFETCH_MULTIPLIER = 1
# Redis redelivers a task whose worker died once this many seconds have passed since it
# was taken; it must exceed the longest task (a batch of letters, a long translation).
# Workers look for such orphaned tasks every interval x throttle seconds.
CELERY_BROKER_TRANSPORT_OPTIONS = {
    "visibility_timeout": env.int("CELERY_VISIBILITY_TIMEOUT", default=60 * 60),
    "unacked_restore_interval": env.int("CELERY_RESTORE_INTERVAL", default=10),
    "unacked_restore_throttle": env.int("CELERY_RESTORE_THROTTLE", default=10),
}
# A letter claimed for sending longer ago than this was interrupted (reviews.services).
LETTER_SEND_TIMEOUT = env.int("LETTER_SEND_TIMEOUT", default=15 * 60)
EMAIL_TIMEOUT = env.int("EMAIL_TIMEOUT", default=60)
CELERY_TASK_SERIALIZER = "json"
CELERY_ACCEPT_CONTENT = ["json"]
CELERY_TIMEZONE = "Europe/Berlin"
CELERY_BEAT_SCHEDULE = {
    # Deadline reminders (30, 7 and 1 days before); each is mailed once per city.
    "deadline-reminders": {"task": "reporting.tasks.task_reminders_send", "schedule": 60 * 60 * 6},
    # Prize candidatures are built soon after the deadline, so each city's population is
    # recorded as it stood then.
    "prize-candidatures": {
        "task": "prize.tasks.task_candidatures_build",
        "schedule": 60 * 60 * 6,
    },
    # Personal data kept no longer than needed (eccar.privacy.retention), once a day.
    "privacy-retention": {
        "task": "eccar.privacy.tasks.task_retention_run",
        "schedule": 60 * 60 * 24,
    },
}

# Sessions live in the database, cached in Redis when it is there, so any web
# host can serve any request.
SESSION_ENGINE = "django.contrib.sessions.backends.cached_db"
SESSION_IDLE_TIMEOUT = env.int("SESSION_IDLE_TIMEOUT", default=2 * 60 * 60)
SESSION_MAX_LIFETIME = env.int("SESSION_MAX_LIFETIME", default=12 * 60 * 60)
SESSION_COOKIE_AGE = SESSION_MAX_LIFETIME
SESSION_COOKIE_HTTPONLY = True
SESSION_COOKIE_SAMESITE = "Lax"
CSRF_COOKIE_SAMESITE = "Lax"

# Authentication (django-allauth): email + password, no public sign-up.
AUTHENTICATION_BACKENDS = [
    "rules.permissions.ObjectPermissionBackend",
    "eccar.backends.StaffModelBackend",
    "eccar.backends.StaffAuthenticationBackend",
]
LOGIN_URL = "account_login"
LOGIN_REDIRECT_URL = "home"
ACCOUNT_LOGOUT_REDIRECT_URL = "home"
ACCOUNT_ADAPTER = "reporting.adapters.AccountAdapter"
ACCOUNT_LOGIN_METHODS = {"email"}
ACCOUNT_SIGNUP_FIELDS = ["email*", "password1*"]
ACCOUNT_USER_MODEL_USERNAME_FIELD = None
ACCOUNT_EMAIL_VERIFICATION = "none"
ACCOUNT_UNIQUE_EMAIL = True
ACCOUNT_PREVENT_ENUMERATION = True
# A reset asked for an unknown address sends nothing: the form must not let anyone make
# the platform mail arbitrary addresses. The page reads the same either way.
ACCOUNT_EMAIL_UNKNOWN_ACCOUNTS = False
ACCOUNT_SESSION_REMEMBER = False
ACCOUNT_LOGIN_ON_PASSWORD_RESET = False
# Client addresses: behind N reverse proxies that each append to X-Forwarded-For, the
# client is the Nth address from the right. 0 (no proxy) ignores the header, so nobody
# can forge an address. allauth's login limits and the app's own (eccar.security_log.
# client_ip) read the same number.
TRUSTED_PROXY_COUNT = env.int("TRUSTED_PROXY_COUNT", default=0)
ALLAUTH_TRUSTED_PROXY_COUNT = TRUSTED_PROXY_COUNT
# Failed logins: 10 a minute per address, 5 per account in 15 minutes.
ACCOUNT_RATE_LIMITS = {"login_failed": "10/m/ip,5/900s/key"}
ACCOUNT_EMAIL_SUBJECT_PREFIX = "[ECCAR] "
ACCOUNT_DEFAULT_HTTP_PROTOCOL = "https" if HTTPS else "http"
MFA_SUPPORTED_TYPES = ["totp", "recovery_codes"]
MFA_TOTP_ISSUER = env.str("MFA_TOTP_ISSUER", default="ECCAR Reporting")

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {
        "NAME": "django.contrib.auth.password_validation.MinimumLengthValidator",
        "OPTIONS": {"min_length": 12},
    },
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "eccar.passwords.CommonVariantValidator"},
    {"NAME": "eccar.passwords.RepetitiveValidator"},
]
PASSWORD_RESET_TIMEOUT = 60 * 60 * 24
INVITATION_VALID_DAYS = env.int("INVITATION_VALID_DAYS", default=14)

# Internationalisation: the interface languages. Cities may write in others.
LANGUAGE_CODE = "en"
LANGUAGES = [
    ("en", _("English")),
    ("fr", _("French")),
    ("de", _("German")),
    ("es", _("Spanish")),
    ("it", _("Italian")),
]
MODELTRANSLATION_DEFAULT_LANGUAGE = "en"
MODELTRANSLATION_FALLBACK_LANGUAGES = ("en",)
LOCALE_PATHS = [BASE_DIR / "locale"]
# Dates and numbers follow the interface language (Django's formats for fr, de, es, it);
# English gets the coalition's European formats instead of Django's American ones.
FORMAT_MODULE_PATH = ["eccar.formats"]
TIME_ZONE = "Europe/Berlin"
USE_I18N = True
USE_TZ = True
# Off: ids and years in templates must never become "1,234". Figures meant for
# people (populations, budgets) use humanize's intcomma, which follows the locale.
USE_THOUSAND_SEPARATOR = False
LANGUAGE_COOKIE_SECURE = HTTPS
LANGUAGE_COOKIE_SAMESITE = "Lax"

# Static files through whitenoise; uploads and letters on a storage every host
# shares: a local folder by default, S3-compatible storage when configured.
STATIC_URL = "/static/"
STATIC_ROOT = BASE_DIR / "staticfiles"
# The user manual shows screenshots the browser tests made (docs/screenshots), as
# /static/manual/<name>.png.
STATICFILES_DIRS = [BASE_DIR / "static", ("manual", BASE_DIR / "docs" / "screenshots")]
MEDIA_ROOT = Path(env.str("MEDIA_ROOT", default=str(BASE_DIR / "var" / "media")))
# The prize ballots' private keys: outside the database and the media folder, and out
# of the backups on purpose (see the README's prize section).
PRIZE_BALLOT_KEY_DIR = Path(
    env.str("PRIZE_BALLOT_KEY_DIR", default=str(BASE_DIR / "var" / "ballot-keys"))
)
# Closing a prize ballot asks a second time when fewer member cities than this share
# (in per cent of those entitled to vote) have voted; 0 never asks again.
PRIZE_BALLOT_QUORUM_PERCENT = env.int("PRIZE_BALLOT_QUORUM_PERCENT", default=50)
AWS_STORAGE_BUCKET_NAME = env.str("AWS_STORAGE_BUCKET_NAME", default="")
if AWS_STORAGE_BUCKET_NAME:
    _private_storage = {
        "BACKEND": "storages.backends.s3.S3Storage",
        "OPTIONS": {
            "bucket_name": AWS_STORAGE_BUCKET_NAME,
            "endpoint_url": env.str("AWS_S3_ENDPOINT_URL", default="") or None,
            "region_name": env.str("AWS_S3_REGION_NAME", default="") or None,
            "default_acl": "private",
            "querystring_auth": True,
            "file_overwrite": False,
        },
    }
else:
    # Private files are never served by a public URL: views stream them after a
    # permission check, so base_url stays unset.
    _private_storage = {
        "BACKEND": "django.core.files.storage.FileSystemStorage",
        "OPTIONS": {"location": str(MEDIA_ROOT), "base_url": None},
    }
STORAGES = {
    "default": _private_storage,
    "staticfiles": {
        "BACKEND": (
            "django.contrib.staticfiles.storage.StaticFilesStorage"
            if DEBUG
            else "whitenoise.storage.CompressedManifestStaticFilesStorage"
        )
    },
}
# Request bodies (eccar.middleware.RequestSizeLimitMiddleware, checked before anything is
# read): a whole section of long answers in a non-Latin script, percent-encoded, fits in
# the general limit; the upload URLs take a 5 MB file plus the form around it. The proxy
# in front (client_max_body_size in README's deployment section) allows the larger one.
REQUEST_BODY_LIMIT = env.int("REQUEST_BODY_LIMIT", default=3 * 1024 * 1024)
UPLOAD_BODY_LIMIT = env.int("UPLOAD_BODY_LIMIT", default=6 * 1024 * 1024)
UPLOAD_URL_NAMES = {"reporting:attachment", "reporting:join"}
# Django's own caps agree: form fields alone never exceed the general limit, and files
# above 2.5 MB go to a temporary file instead of memory.
DATA_UPLOAD_MAX_MEMORY_SIZE = REQUEST_BODY_LIMIT
FILE_UPLOAD_MAX_MEMORY_SIZE = 2_621_440

# Email: console in development, SMTP from EMAIL_URL in production.
EMAIL_URL = env.str("EMAIL_URL", default="")
if EMAIL_URL:
    vars().update(env.email_url("EMAIL_URL"))
else:
    EMAIL_BACKEND = "django.core.mail.backends.console.EmailBackend"
DEFAULT_FROM_EMAIL = env.str("DEFAULT_FROM_EMAIL", default="ECCAR Reporting <reporting@eccar.info>")
SERVER_EMAIL = DEFAULT_FROM_EMAIL

# The coalition itself: configurable so that another regional coalition of
# UNESCO's ICCAR can run the same platform.
COALITION_NAME = env.str("COALITION_NAME", default="European Coalition of Cities Against Racism")
COALITION_SHORT_NAME = env.str("COALITION_SHORT_NAME", default="ECCAR")
COALITION_OFFICE = env.str("COALITION_OFFICE", default="ECCAR office, Heidelberg, Germany")
COALITION_CONTACT_EMAIL = env.str("COALITION_CONTACT_EMAIL", default="reporting@eccar.info")
# The name under the letters' signature; the role line below it is always printed.
# Letters are not sent while it is empty: an official letter is signed by a person.
BOARD_CHAIR_NAME = env.str("BOARD_CHAIR_NAME", default="")
# The letterhead of the feedback letters: the office's postal address, an optional phone
# number for the contact line, and an optional logo (a PNG, JPEG or SVG file; a relative
# path is read from the project folder).
COALITION_STREET = env.str("COALITION_STREET", default="")
COALITION_POSTCODE = env.str("COALITION_POSTCODE", default="")
COALITION_CITY = env.str("COALITION_CITY", default="Heidelberg")
COALITION_COUNTRY = env.str("COALITION_COUNTRY", default="Germany")
COALITION_CONTACT_PHONE = env.str("COALITION_CONTACT_PHONE", default="")
LETTER_LOGO = env.str("LETTER_LOGO", default="")

# Personal data (eccar.privacy): the processors the privacy notice names, and how long
# each kind of personal data is kept (the daily retention task enforces the periods).
# Separated by semicolons in the environment (a processor's address has commas).
PRIVACY_PROCESSORS = [
    part.strip()
    for part in env.str(
        "PRIVACY_PROCESSORS",
        default="Hosting: the coalition's hosting provider, in the European Union; "
        "Email: the coalition's email provider; "
        "Machine translation: DeepL SE, Cologne, Germany, or the coalition's own server",
    ).split(";")
    if part.strip()
]
RETENTION_APPLICATION_MONTHS = env.int("RETENTION_APPLICATION_MONTHS", default=12)
RETENTION_INVITATION_DAYS = env.int("RETENTION_INVITATION_DAYS", default=90)
RETENTION_ACCESS_REQUEST_DAYS = env.int("RETENTION_ACCESS_REQUEST_DAYS", default=90)
RETENTION_SECURITY_LOG_DAYS = env.int("RETENTION_SECURITY_LOG_DAYS", default=90)
RETENTION_DEACTIVATED_ACCOUNT_MONTHS = env.int("RETENTION_DEACTIVATED_ACCOUNT_MONTHS", default=24)

# Machine translation (used by the reporting and reviews apps).
DEEPL_AUTH_KEY = env.str("DEEPL_AUTH_KEY", default="")
DEEPL_SERVER_URL = env.str("DEEPL_SERVER_URL", default="") or None
TRANSLATION_BACKEND = env.str("TRANSLATION_BACKEND", default="deepl")
LIBRETRANSLATE_URL = env.str("LIBRETRANSLATE_URL", default="")
LIBRETRANSLATE_API_KEY = env.str("LIBRETRANSLATE_API_KEY", default="")
# Every report is translated into these languages (besides its own).
TRANSLATION_TARGET_LANGUAGES = env.list(
    "TRANSLATION_TARGET_LANGUAGES", default=[code for code, _name in LANGUAGES]
)
# Saves settle for this many seconds before a report is translated (one task per report).
TRANSLATION_DEBOUNCE_SECONDS = env.int("TRANSLATION_DEBOUNCE_SECONDS", default=60)

# Security headers. Production (HTTPS, by default whenever DEBUG is off) gets
# HTTPS-only cookies and HSTS.
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
SECURE_CROSS_ORIGIN_OPENER_POLICY = "same-origin"
X_FRAME_OPTIONS = "DENY"
if HTTPS:
    SECURE_SSL_REDIRECT = env.bool("DJANGO_SECURE_SSL_REDIRECT", default=True)
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
    SESSION_COOKIE_SECURE = True
    CSRF_COOKIE_SECURE = True
    SECURE_HSTS_SECONDS = env.int("DJANGO_SECURE_HSTS_SECONDS", default=60 * 60 * 24 * 365)
    SECURE_HSTS_INCLUDE_SUBDOMAINS = True
    SECURE_HSTS_PRELOAD = True

# Content-Security-Policy (django-csp 4): no inline scripts or styles anywhere.
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": ["'self'"],
        "script-src": ["'self'"],
        "style-src": ["'self'"],
        # allauth renders the TOTP QR code as a data: URI.
        "img-src": ["'self'", "data:"],
        "font-src": ["'self'"],
        "connect-src": ["'self'"],
        "form-action": ["'self'"],
        "frame-ancestors": ["'none'"],
        "base-uri": ["'self'"],
        "object-src": ["'none'"],
    },
}

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "formatters": {"plain": {"format": "%(asctime)s %(levelname)s %(name)s %(message)s"}},
    "handlers": {"console": {"class": "logging.StreamHandler", "formatter": "plain"}},
    "root": {"handlers": ["console"], "level": "WARNING"},
    "loggers": {
        "eccar": {
            "handlers": ["console"],
            "level": env.str("LOG_LEVEL", default="INFO"),
            "propagate": False,
        },
        "eccar.security": {
            "handlers": ["console"],
            "level": env.str("SECURITY_LOG_LEVEL", default="INFO"),
            "propagate": False,
        },
    },
}
