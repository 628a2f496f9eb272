"""Settings of the test OpenID provider: its own PostgreSQL database (PROVIDER_DB_* variables), loopback only."""

import os
from pathlib import Path

BASE_DIR = Path(__file__).resolve().parent
SECRET_KEY = "provider-site-test-only"
DEBUG = False
ALLOWED_HOSTS = ["127.0.0.1", "localhost"]
INSTALLED_APPS = [
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "oidc_provider",
]
MIDDLEWARE = [
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
]
ROOT_URLCONF = "provider_site.urls"
TEMPLATES = [{
    "BACKEND": "django.template.backends.django.DjangoTemplates",
    "DIRS": [BASE_DIR / "templates"],
    "APP_DIRS": True,
    "OPTIONS": {"context_processors": ["django.template.context_processors.request",
                                       "django.contrib.auth.context_processors.auth"]},
}]
DATABASES = {"default": {
    "ENGINE": "django.db.backends.postgresql",
    "NAME": os.environ["PROVIDER_DB_DBNAME"],
    "HOST": os.environ.get("PROVIDER_DB_HOST", ""),
    "PORT": os.environ.get("PROVIDER_DB_PORT", ""),
    "USER": os.environ.get("PROVIDER_DB_USER", ""),
    "PASSWORD": os.environ.get("PROVIDER_DB_PASSWORD", ""),
}}
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"
USE_TZ = True
# Tables straight from the models (no migration history to replay) and a fast hasher: the provider starts in
# seconds, not half a minute, on a busy machine. The response types its data migration would add are seeded.
MIGRATION_MODULES = {app: None for app in ("auth", "contenttypes", "sessions", "oidc_provider")}
PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
LOGIN_URL = "/accounts/login/"
SESSION_COOKIE_NAME = "provider_session"
OIDC_USERINFO = "provider_site.userinfo.userinfo"
OIDC_IDTOKEN_INCLUDE_CLAIMS = False  # e-mail through the userinfo endpoint, as many providers (FranceConnect) do
OIDC_SKIP_CONSENT_EXPIRE = 1
LOGGING = {"version": 1, "disable_existing_loggers": False, "root": {"level": "WARNING"}}
