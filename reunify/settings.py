"""One settings file, read from the environment.

Every variable has a default that starts the embedded mode: SQLite, no broker,
e-mail written to a local outbox folder. The README lists every variable.
"""

import os
from pathlib import Path

import dj_database_url
from django.utils.translation import gettext_lazy as _
from kombu import Queue

BASE_DIR = Path(__file__).resolve().parent.parent


def env_str(name: str, default: str = "") -> str:
    return os.environ.get(name, default)


def env_bool(name: str, default: bool = False) -> bool:
    value = os.environ.get(name)
    if value is None or value == "":
        return default
    return value.strip().lower() in {"1", "true", "yes", "on"}


def env_int(name: str, default: int) -> int:
    value = os.environ.get(name)
    return int(value) if value not in (None, "") else default


def env_list(name: str, default: str = "") -> list[str]:
    return [item.strip() for item in env_str(name, default).split(",") if item.strip()]


DEBUG = env_bool("DEBUG", False)
# The embedded mode (SQLite, tasks in-process, e-mail in a folder, the key below) is chosen on
# purpose: with DEBUG off and EMBEDDED unset, each of them is a system-check error, so a
# production server missing a variable refuses to start (reunify/checks.py).
EMBEDDED = env_bool("EMBEDDED", False)
EMBEDDED_SECRET_KEY = "embedded-mode-insecure-key-change-me-in-production"
SECRET_KEY = env_str("SECRET_KEY", EMBEDDED_SECRET_KEY)
ALLOWED_HOSTS = env_list("ALLOWED_HOSTS", "localhost,127.0.0.1,[::1],testserver")
CSRF_TRUSTED_ORIGINS = env_list("CSRF_TRUSTED_ORIGINS")
SITE_URL = env_str("SITE_URL", "http://127.0.0.1:8000").rstrip("/")

VAR_DIR = Path(env_str("VAR_DIR", str(BASE_DIR / "var")))

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "whitenoise.runserver_nostatic",
    "django.contrib.staticfiles",
    "rest_framework",
    "reunify.board",
    "reunify.matches",
    "reunify.shelter",
    "reunify.alerts",
    "django_filters",
    "drf_spectacular",
    "drf_spectacular_sidecar",
    "reunify.api",
    "reunify.pfif",
    "reunify.imports",
    "axes",
    "reunify.moderation",
    # Above the apps: use cases composed from their services, then the doors people use.
    "reunify.actions",
    "reunify.web",
    "reunify.volunteer",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    # Before anything that queries: PostgreSQL text cannot hold NUL.
    "reunify.web.middleware.RefuseNulMiddleware",
    # Above the cached pages, so a page answered from the cache gets the header too.
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    # A stored public page for a visitor without cookies, answered here (web/pagecache.py).
    "reunify.web.pagecache.CachedPageMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "reunify.volunteer.middleware.VolunteerSessionMiddleware",
    # Last, as django-axes asks: it turns a locked-out login into the lockout page.
    "axes.middleware.AxesMiddleware",
]

ROOT_URLCONF = "reunify.urls"
WSGI_APPLICATION = "reunify.wsgi.application"

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
            ],
        },
    },
]

DATABASES = {
    "default": dj_database_url.parse(
        env_str("DATABASE_URL", f"sqlite:///{VAR_DIR / 'reunify.sqlite3'}"),
        conn_max_age=env_int("DATABASE_CONN_MAX_AGE", 0),
        # A kept connection is checked before a request reuses it (PostgreSQL restarted,
        # PgBouncer recycled it): a dead one is replaced instead of failing the request.
        conn_health_checks=True,
    )
}
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    Path(DATABASES["default"]["NAME"]).parent.mkdir(parents=True, exist_ok=True)
    # Many requests and the in-process tasks write at once. A write transaction takes the
    # write lock when it begins (IMMEDIATE), so it waits its turn (timeout) instead of failing
    # with "database is locked" when two try to upgrade a read lock; with the write-ahead log
    # readers never wait for a writer, nor a writer for readers (bench/embedded_load.py).
    DATABASES["default"].setdefault("OPTIONS", {}).update(
        timeout=20,
        transaction_mode="IMMEDIATE",
        init_command="PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL;",
    )
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
]

LANGUAGE_CODE = "en"
LANGUAGES = [("en", _("English")), ("fr", _("French")), ("ar", _("Arabic"))]
LOCALE_PATHS = [BASE_DIR / "reunify" / "locale"]
# Completes Django's locale formats where they fall short (Arabic dates with times).
FORMAT_MODULE_PATH = ["reunify.formats"]
TIME_ZONE = env_str("TIME_ZONE", "UTC")
USE_I18N = True
USE_TZ = True

STATIC_URL = "/static/"
STATICFILES_DIRS = [BASE_DIR / "static"]
STATIC_ROOT = Path(env_str("STATIC_ROOT", str(VAR_DIR / "staticfiles")))
# Production (a broker set, no DEBUG) serves hashed, compressed files that browsers keep for
# a year: run collectstatic first. Embedded mode and tests serve the plain files in place.
STATIC_HASHED = env_bool("STATIC_HASHED", bool(env_str("REDIS_URL")) and not DEBUG)
if STATIC_HASHED:
    STORAGES = {
        "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
        "staticfiles": {"BACKEND": "reunify.staticfiles.HashedStaticFiles"},
    }
# Finders let whitenoise serve static files without a collectstatic step in embedded mode.
WHITENOISE_USE_FINDERS = True
WHITENOISE_AUTOREFRESH = DEBUG

# Processed (EXIF-free) photos are public; raw uploads wait in a private folder
# that no URL serves until the photo task has cleaned them.
# A cookieless host in production (deploy/nginx/reunify.conf): https://media.example.org/media/
MEDIA_URL = env_str("MEDIA_URL", "/media/")
MEDIA_ROOT = Path(env_str("MEDIA_ROOT", str(VAR_DIR / "media")))
PRIVATE_UPLOAD_ROOT = Path(env_str("PRIVATE_UPLOAD_ROOT", str(VAR_DIR / "uploads")))
# Django sends photo files itself only in the embedded mode; behind a web server it answers
# with X-Accel-Redirect (reunify/web/photos.py).
SERVE_MEDIA = env_bool("SERVE_MEDIA", EMBEDDED or DEBUG)
# With SERVE_MEDIA off, the photo view answers with X-Accel-Redirect to this internal
# location, which the web server maps to MEDIA_ROOT (README, "Production").
MEDIA_ACCEL_REDIRECT = env_str("MEDIA_ACCEL_REDIRECT", "/_protected_media/")
FILE_UPLOAD_MAX_MEMORY_SIZE = 2 * 1024 * 1024
DATA_UPLOAD_MAX_MEMORY_SIZE = 40 * 1024 * 1024
PHOTO_MAX_BYTES = env_int("PHOTO_MAX_BYTES", 10 * 1024 * 1024)
PHOTOS_PER_RECORD = 3

# E-mail: SMTP when EMAIL_HOST is set, otherwise one file per message in the outbox folder.
EMAIL_HOST = env_str("EMAIL_HOST")
EMAIL_PORT = env_int("EMAIL_PORT", 25)
EMAIL_HOST_USER = env_str("EMAIL_HOST_USER")
EMAIL_HOST_PASSWORD = env_str("EMAIL_HOST_PASSWORD")
EMAIL_USE_TLS = env_bool("EMAIL_USE_TLS", False)
EMAIL_TIMEOUT = env_int("EMAIL_TIMEOUT", 20)
DEFAULT_FROM_EMAIL = env_str("DEFAULT_FROM_EMAIL", "Reunify <noreply@reunify.invalid>")
EMAIL_OUTBOX_DIR = Path(env_str("EMAIL_OUTBOX_DIR", str(VAR_DIR / "outbox")))
if EMAIL_HOST:
    EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
else:
    EMAIL_BACKEND = "django.core.mail.backends.filebased.EmailBackend"
    EMAIL_FILE_PATH = EMAIL_OUTBOX_DIR
EMAIL_BACKEND = env_str("EMAIL_BACKEND", EMAIL_BACKEND)

# Celery: a broker when REDIS_URL is set; otherwise tasks run in-process, eagerly.
REDIS_URL = env_str("REDIS_URL")
CELERY_BROKER_URL = REDIS_URL or "memory://"
CELERY_TASK_ALWAYS_EAGER = not REDIS_URL
CELERY_TASK_EAGER_PROPAGATES = False
# Matching has a queue of its own, which every worker also reads: the sweeper hands deferred
# records over as soon as *matching* has caught up, whatever e-mails still wait in the default
# queue, and a deep matching backlog does not hold back alerts and links.
CELERY_TASK_DEFAULT_QUEUE = "celery"
MATCHING_QUEUE = "matching"
CELERY_TASK_QUEUES = (Queue(CELERY_TASK_DEFAULT_QUEUE), Queue(MATCHING_QUEUE))
CELERY_TASK_ROUTES = {
    f"reunify.actions.tasks.{name}": {"queue": MATCHING_QUEUE}
    for name in ("match_post", "match_report", "match_posts", "match_reports")
}
CELERY_TASK_IGNORE_RESULT = True
CELERY_TASK_ACKS_LATE = True
CELERY_TASK_REJECT_ON_WORKER_LOST = True
CELERY_WORKER_PREFETCH_MULTIPLIER = 1
CELERY_TASK_SERIALIZER = "json"
CELERY_ACCEPT_CONTENT = ["json"]
# Publishing inside a request must never hang it: short timeouts, few retries.
CELERY_BROKER_CONNECTION_TIMEOUT = 3
CELERY_BROKER_CONNECTION_RETRY_ON_STARTUP = True
CELERY_BROKER_TRANSPORT_OPTIONS = {
    "socket_timeout": 3,
    "socket_connect_timeout": 3,
    "max_retries": 1,
    # kombu waits 2 s before its one reconnect by default: retry at once instead.
    "interval_start": 0,
    "interval_step": 0.2,
    "interval_max": 0.2,
    "visibility_timeout": 3600,
}
CELERY_TASK_PUBLISH_RETRY = False
# Celery closes the database connection before and after every task unless this is set: a new
# PostgreSQL backend per task cost the worker, and the database, more than the matching did.
# With it, a worker keeps its connection as a web process does (DATABASE_CONN_MAX_AGE and its
# health check, reunify/celery.py); Celery still closes it after this many tasks.
CELERY_DB_REUSE_MAX = 1000

# One cache shared by every process: rate limits, API throttles, cached public pages.
# Redis in production (CACHE_URL, else REDIS_URL; give it its own database number);
# local memory in embedded mode, which runs one process.
CACHE_URL = env_str("CACHE_URL", REDIS_URL)
_LOCAL_CACHE = {"BACKEND": "reunify.cache.LocalCache", "LOCATION": "local"}
CACHES = {
    "default": {
        # Django's RedisCache, reusing its Redis client (reunify/cache.py).
        "BACKEND": "reunify.cache.SharedRedisCache",
        "LOCATION": CACHE_URL,
        "KEY_PREFIX": "reunify",
        # A hung Redis costs a request one short timeout, then the page is built without it.
        "OPTIONS": {"socket_timeout": 1, "socket_connect_timeout": 1},
    }
    if CACHE_URL
    else _LOCAL_CACHE,
    # This process only: counters fall back to it while the shared cache is unreachable.
    "local": _LOCAL_CACHE,
}
# A task must end (or be killed) before its alert's lease expires, or a second
# worker could claim the alert while the first is still sending (checked at startup).
CELERY_TASK_SOFT_TIME_LIMIT = env_int("CELERY_TASK_SOFT_TIME_LIMIT", 60)
CELERY_TASK_TIME_LIMIT = env_int("CELERY_TASK_TIME_LIMIT", 90)

# Alert delivery (reunify/alerts): the database holds retries, Redis only makes it fast.
ALERT_LEASE_SECONDS = env_int("ALERT_LEASE_SECONDS", 120)
ALERT_MAX_ATTEMPTS = env_int("ALERT_MAX_ATTEMPTS", 8)
ALERT_BACKOFF_SECONDS = env_int("ALERT_BACKOFF_SECONDS", 30)
ALERT_BACKOFF_MAX_SECONDS = env_int("ALERT_BACKOFF_MAX_SECONDS", 3600)
# Later candidates for the same post within this window wait and go out as one e-mail.
ALERT_GROUP_SECONDS = env_int("ALERT_GROUP_SECONDS", 300)
SWEEP_INTERVAL_SECONDS = env_int("SWEEP_INTERVAL_SECONDS", 60)
WEBHOOK_TIMEOUT = env_int("WEBHOOK_TIMEOUT", 10)

# Candidates scored per new record (the best by shared key evidence; see matches/selectors).
MATCH_CANDIDATE_LIMIT = env_int("MATCH_CANDIDATE_LIMIT", 200)
# With this many tasks waiting, new records are not queued for matching: they stay pending
# and the matching sweeper hands them over, a batch per sweep, once the queue is shorter.
MATCHING_QUEUE_DEEP = env_int("MATCHING_QUEUE_DEEP", 1000)
MATCHING_SWEEP_BATCH = env_int("MATCHING_SWEEP_BATCH", 2000)
# Records per task the sweeper sends: fewer, larger tasks cost the workers less per record; a
# batch must end well within CELERY_TASK_SOFT_TIME_LIMIT (a record takes milliseconds).
MATCHING_TASK_BATCH = env_int("MATCHING_TASK_BATCH", 25)
# How often the matching sweeper looks: what a deep queue or intake only kept back goes to
# the workers within about this long once they have room.
MATCHING_SWEEP_SECONDS = env_int("MATCHING_SWEEP_SECONDS", 10)

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "formatters": {"plain": {"format": "%(asctime)s %(levelname)s %(name)s %(message)s"}},
    "filters": {"redact_secret_links": {"()": "reunify.logfilters.RedactSecretLinks"}},
    "handlers": {
        "console": {
            "class": "logging.StreamHandler",
            "formatter": "plain",
            "filters": ["redact_secret_links"],
        }
    },
    "root": {"handlers": ["console"], "level": env_str("LOG_LEVEL", "INFO")},
    # Django's own config gives django.server a handler of its own with no filter, and
    # takes it off the root: the web server's request lines (a secret link's 404 too)
    # would skip the redaction. Here they go through the one filtered handler.
    "loggers": {
        "django.server": {"handlers": ["console"], "level": "INFO", "propagate": False},
        # Likewise Django's debug-only console handler on "django" ("Not Found: /manage/…").
        "django": {"handlers": ["console"], "level": "INFO", "propagate": False},
    },
}

if not DEBUG:
    SESSION_COOKIE_HTTPONLY = True
    SECURE_CONTENT_TYPE_NOSNIFF = True
# Behind TLS (README, "Production"): each is set by the operator, none is guessed.
SESSION_COOKIE_SECURE = env_bool("SECURE_COOKIES", False)
CSRF_COOKIE_SECURE = SESSION_COOKIE_SECURE
SECURE_HSTS_SECONDS = env_int("SECURE_HSTS_SECONDS", 0)
SECURE_HSTS_INCLUDE_SUBDOMAINS = env_bool("SECURE_HSTS_INCLUDE_SUBDOMAINS", False)
SECURE_HSTS_PRELOAD = env_bool("SECURE_HSTS_PRELOAD", False)
SECURE_SSL_REDIRECT = env_bool("SECURE_SSL_REDIRECT", False)
# Load balancers probe over plain HTTP inside the network.
SECURE_REDIRECT_EXEMPT = [r"^healthz$", r"^readyz$"]
# Only behind a proxy that sets X-Forwarded-Proto itself (and drops the client's).
if env_bool("TRUST_X_FORWARDED_PROTO", False):
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
X_FRAME_OPTIONS = "DENY"

# Partner API (reunify/api): keys, not sessions; one error shape; a rate per key.
REST_FRAMEWORK = {
    "DEFAULT_AUTHENTICATION_CLASSES": ["reunify.api.auth.ApiKeyAuthentication"],
    "DEFAULT_PERMISSION_CLASSES": ["reunify.api.permissions.ReadOrScopedWrite"],
    "DEFAULT_THROTTLE_CLASSES": ["reunify.api.throttling.KeyRateThrottle"],
    "DEFAULT_THROTTLE_RATES": {
        "key": env_str("API_RATE_PER_KEY", "600/min"),
        "anon": env_str("API_RATE_ANONYMOUS", "120/min"),
    },
    "DEFAULT_PARSER_CLASSES": ["reunify.api.parsers.JSONParser"],
    "DEFAULT_PAGINATION_CLASS": "reunify.api.pagination.Pagination",
    "DEFAULT_FILTER_BACKENDS": ["django_filters.rest_framework.DjangoFilterBackend"],
    "DEFAULT_SCHEMA_CLASS": "drf_spectacular.openapi.AutoSchema",
    "EXCEPTION_HANDLER": "reunify.api.errors.exception_handler",
    "UNAUTHENTICATED_USER": None,
}
SPECTACULAR_SETTINGS = {
    "TITLE": "Reunify partner API",
    "VERSION": "1.0.0",
    "SERVE_INCLUDE_SCHEMA": False,
    "SWAGGER_UI_DIST": "SIDECAR",
    "SWAGGER_UI_FAVICON_HREF": "SIDECAR",
    "REDOC_DIST": "SIDECAR",
    "COMPONENT_SPLIT_REQUEST": True,
    "ENUM_NAME_OVERRIDES": {
        "IncidentStatusEnum": "reunify.board.models.Incident.Status",
        "PostStatusEnum": "reunify.board.models.Post.Status",
    },
    "POSTPROCESSING_HOOKS": [
        "drf_spectacular.hooks.postprocess_schema_enums",
        "reunify.api.schema.add_error_responses",
    ],
}
# PFIF record ids this board mints: "<domain>/<kind>.<uid>" (PFIF 1.4, section 3.1).
PFIF_DOMAIN = env_str("PFIF_DOMAIN", "reunify.invalid")
# Following other boards' PFIF feeds (peers): how often beat pulls, how long one request may
# take, and the retry backoff of a peer that is down or sends garbage (doubling, capped).
PEER_PULL_SECONDS = env_int("PEER_PULL_SECONDS", 60)
PEER_TIMEOUT = env_int("PEER_TIMEOUT", 10)
PEER_BACKOFF_SECONDS = env_int("PEER_BACKOFF_SECONDS", 60)
PEER_BACKOFF_MAX_SECONDS = env_int("PEER_BACKOFF_MAX_SECONDS", 3600)
API_BATCH_MAX = env_int("API_BATCH_MAX", 500)

# Volunteers (reunify/moderation): brute-force lockout with a cool-off, short sessions.
AUTHENTICATION_BACKENDS = [
    "reunify.volunteer.auth.LockoutBackend",
    "django.contrib.auth.backends.ModelBackend",
]
LOGIN_URL = "moderation:login"
LOGIN_REDIRECT_URL = "moderation:dashboard"
AXES_FAILURE_LIMIT = env_int("LOGIN_FAILURE_LIMIT", 5)
AXES_COOLOFF_TIME = env_int("LOGIN_COOLOFF_MINUTES", 15) / 60  # hours
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"]]
AXES_LOCKOUT_TEMPLATE = "moderation/locked.html"
AXES_RESET_ON_SUCCESS = True
AXES_VERBOSE = False
# Idle timeout for moderator and coordinator sessions, renewed on each request.
VOLUNTEER_SESSION_SECONDS = env_int("VOLUNTEER_SESSION_SECONDS", 30 * 60)

# Public pages for anonymous visitors, from the shared cache (reunify/web/pagecache.py): kept
# this long at most (a write replaces them at once), and by a shared proxy for s-maxage.
PAGE_CACHE_SECONDS = env_int("PAGE_CACHE_SECONDS", 300)
PUBLIC_CACHE_SECONDS = env_int("PUBLIC_CACHE_SECONDS", 10)

# Abuse controls on public forms and search: (requests, seconds) per IP.
RATE_LIMITS = {
    "post": (env_int("RATE_POSTS_PER_HOUR", 10), 3600),
    "report": (env_int("RATE_REPORTS_PER_HOUR", 20), 3600),
    "relay": (env_int("RATE_RELAYS_PER_HOUR", 20), 3600),
    "flag": (env_int("RATE_FLAGS_PER_HOUR", 20), 3600),
    "manage": (env_int("RATE_MANAGE_PER_HOUR", 120), 3600),
    "search": (env_int("RATE_SEARCHES_PER_MINUTE", 30), 60),
    "follow": (env_int("RATE_FOLLOWS_PER_HOUR", 20), 3600),
    "tell": (env_int("RATE_TELLS_PER_HOUR", 10), 3600),
    "offer": (env_int("RATE_OFFERS_PER_HOUR", 3), 3600),
    "door": (env_int("RATE_DOOR_REQUESTS_PER_HOUR", 10), 3600),
}
# Following a person, and "tell my people I'm safe": limits per address written to (from
# anyone) and per sender, counted from the delivery rows' address digests.
FOLLOW_CONFIRMS_PER_ADDRESS_PER_DAY = env_int("FOLLOW_CONFIRMS_PER_ADDRESS_PER_DAY", 3)
TELL_MAX_ADDRESSES = env_int("TELL_MAX_ADDRESSES", 10)
TELL_PER_ADDRESS_PER_DAY = env_int("TELL_PER_ADDRESS_PER_DAY", 2)
TELL_PER_SENDER_PER_DAY = env_int("TELL_PER_SENDER_PER_DAY", 20)
# Open doors: a host's offers a day (per contact address), a guest's requests waiting at once.
DOOR_OFFERS_PER_HOST_PER_DAY = env_int("DOOR_OFFERS_PER_HOST_PER_DAY", 3)
DOOR_REQUESTS_PENDING_PER_GUEST = env_int("DOOR_REQUESTS_PENDING_PER_GUEST", 3)
# Counted in the shared cache (CACHES below), so every web worker sees the same count.
RATELIMIT_CACHE = "default"
# Only behind a proxy that sets X-Forwarded-For; otherwise anyone could pick their own IP.
TRUST_X_FORWARDED_FOR = env_bool("TRUST_X_FORWARDED_FOR", False)
# A form sent sooner than this after it was shown came from a script (0 turns the check off).
FORM_MIN_FILL_SECONDS = env_int("FORM_MIN_FILL_SECONDS", 3)
# Proof of work (per incident, switched on by a coordinator): leading zero bits of sha256.
POW_BITS = env_int("POW_BITS", 18)
