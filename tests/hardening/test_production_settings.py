"""Production security settings: `comptoir check --deploy` passes without a single warning when COMPTOIR_ENV is
production and the required environment is given (run as a subprocess, as on the server)."""

import os
import secrets
import subprocess
import sys
from pathlib import Path

from django.conf import settings

PRODUCTION_ENV = {
    "COMPTOIR_ENV": "production",
    "DEBUG": "0",
    "ALLOWED_HOSTS": "comptoir-mormal.fr",
    "PUBLIC_URL": "https://comptoir-mormal.fr",
    "CSRF_TRUSTED_ORIGINS": "https://comptoir-mormal.fr",
    "TRUSTED_PROXIES": "10.0.0.0/8,127.0.0.1",
    "PLUGINS": "plugins.roadmap.plugin.RoadmapPlugin",  # the dummy gateway is refused in production
}


def check_deploy(tmp_path: Path, **overrides) -> subprocess.CompletedProcess:
    env = {"PATH": os.environ.get("PATH", ""), "HOME": str(tmp_path), "COMPTOIR_VAR_DIR": str(tmp_path),
           "DATABASE_URL": os.environ.get("DATABASE_URL", "postgres://postgres@127.0.0.1:5432/postgres"),
           "SECRET_KEY": secrets.token_urlsafe(60), **PRODUCTION_ENV, **overrides}
    env = {key: value for key, value in env.items() if value is not None}
    return subprocess.run([sys.executable, "-m", "django", "check", "--deploy", "--fail-level", "WARNING"],
                          cwd=settings.BASE_DIR, env={**env, "DJANGO_SETTINGS_MODULE": "backend.config.settings"},
                          capture_output=True, text=True, timeout=120)


def test_check_deploy_gives_no_warning_in_production(tmp_path):
    result = check_deploy(tmp_path)

    assert (result.returncode, result.stdout.strip()) == (0, "System check identified no issues (0 silenced)."), \
        result.stderr[-2000:]


def test_check_deploy_flags_a_missing_https_redirect_without_trusted_proxies(tmp_path):
    # without trusted proxies the scheme is unknown, so no redirection to HTTPS: the check says so
    result = check_deploy(tmp_path, TRUSTED_PROXIES=None)

    assert result.returncode == 1
    assert "security.W008" in result.stderr + result.stdout
    assert "security.W004" not in result.stderr + result.stdout  # HSTS still on


def test_development_keeps_plain_http():
    # the test settings are the development ones: no HTTPS redirection, no HSTS, no proxy header believed
    assert (settings.SECURE_SSL_REDIRECT, settings.SECURE_HSTS_SECONDS, settings.SECURE_PROXY_SSL_HEADER) == (
        False, 0, None)
    assert (settings.SESSION_COOKIE_HTTPONLY, settings.SESSION_COOKIE_SAMESITE) == (True, "Lax")
