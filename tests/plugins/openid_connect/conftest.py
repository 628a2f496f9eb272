"""A real OpenID provider for the tests: tests/plugins/openid_connect/provider_site (django-oidc-provider), started
once per session as a subprocess on 127.0.0.1 with its own PostgreSQL database, seeded with two clients and users."""

import json
import re
import subprocess
import sys
import time
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import parse_qs, urlsplit

import psycopg
import pytest
import requests
from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.asymmetric import rsa
from django.conf import settings as django_settings
from psycopg import sql

HERE = Path(__file__).resolve().parent
PLUGIN_ID = "mirumee.authentication.openidconnect"
CLIENT_ID = "comptoir-de-mormal"
CLIENT_SECRET = "secret-du-comptoir"
OTHER_CLIENT_ID = "autre-application"
REDIRECT_URI = "https://boutique.test/connexion/retour"
LOGOUT_RETURN = "https://boutique.test/"
USERS = {
    "marie": {"username": "marie", "email": "marie.dupont@example.fr", "password": "Mormal-2026!",
              "first_name": "Marie", "last_name": "Dupont"},
    "unverified": {"username": "paul", "email": "unverified.paul@example.fr", "password": "Mormal-2026!"},
}


@dataclass(frozen=True)
class Provider:
    url: str
    private_key_pem: str

    @property
    def issuer(self) -> str:
        return f"{self.url}/openid"

    @property
    def discovery_url(self) -> str:
        return f"{self.issuer}/.well-known/openid-configuration"

    def login(self, user: str) -> requests.Session:
        """A browser session signed in at the provider."""
        session = requests.Session()
        form = session.get(f"{self.url}/accounts/login/", timeout=10)
        csrf = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', form.text).group(1)
        answer = session.post(f"{self.url}/accounts/login/", timeout=10, allow_redirects=False, data={
            "csrfmiddlewaretoken": csrf, "username": USERS[user]["username"], "password": USERS[user]["password"],
            "next": "/openid/.well-known/openid-configuration"}, headers={"Referer": f"{self.url}/accounts/login/"})
        assert answer.status_code == 302, answer.text[:500]
        return session

    def authorize(self, session: requests.Session, authorization_url: str) -> dict:
        """Follow the authorization URL as the browser would, stopping at the redirect to the shop: its query."""
        answer = session.get(authorization_url, timeout=10, allow_redirects=False)
        assert answer.status_code == 302, answer.text[:500]
        location = answer.headers["Location"]
        assert location.startswith(REDIRECT_URI + "?"), location
        return {key: values[0] for key, values in parse_qs(urlsplit(location).query).items()}


def _connection(dbname: str) -> dict:
    """Where the test database lives (a TCP address or the embedded server's socket folder), for another database."""
    db = django_settings.DATABASES["default"]
    params = {"host": db.get("HOST") or "", "port": str(db.get("PORT") or ""), "user": db.get("USER") or "",
              "password": db.get("PASSWORD") or "", "dbname": dbname}
    return {name: value for name, value in params.items() if value}


def _recreate_database(name: str) -> None:
    with psycopg.connect(**_connection("postgres"), autocommit=True) as conn:
        conn.execute(sql.SQL("DROP DATABASE IF EXISTS {} WITH (FORCE)").format(sql.Identifier(name)))
        conn.execute(sql.SQL("CREATE DATABASE {}").format(sql.Identifier(name)))


def _new_private_key_pem() -> str:
    key = rsa.generate_private_key(public_exponent=65537, key_size=2048)
    return key.private_bytes(serialization.Encoding.PEM, serialization.PrivateFormat.TraditionalOpenSSL,
                             serialization.NoEncryption()).decode()


@pytest.fixture(scope="session")
def oidc_provider_server(tmp_path_factory, django_db_setup):
    """The provider subprocess; its database is named after the test database, so parallel runs never share it."""
    db_name = f"{django_settings.DATABASES['default']['NAME']}_oidc_provider"[:63]
    _recreate_database(db_name)
    folder = tmp_path_factory.mktemp("oidc_provider")
    private_key_pem = _new_private_key_pem()
    seed = folder / "seed.json"
    seed.write_text(json.dumps({
        "rsa_key": private_key_pem,
        "clients": [
            {"client_id": CLIENT_ID, "client_secret": CLIENT_SECRET, "redirect_uris": [REDIRECT_URI],
             "post_logout_redirect_uris": [LOGOUT_RETURN]},
            {"client_id": OTHER_CLIENT_ID, "client_secret": "autre-secret", "redirect_uris": [REDIRECT_URI]},
        ],
        "users": list(USERS.values()),
    }))
    errors = folder / "stderr.log"  # a file, not a pipe: a full pipe would block the server
    env = {"PATH": "/usr/bin:/bin", "PYTHONUNBUFFERED": "1",
           **{f"PROVIDER_DB_{name.upper()}": value for name, value in _connection(db_name).items()}}
    with errors.open("w") as stderr:
        process = subprocess.Popen([sys.executable, str(HERE / "provider_site" / "serve.py"), str(seed)],
                                   cwd=HERE, stdout=subprocess.PIPE, stderr=stderr, text=True, env=env)
    try:
        line = process.stdout.readline().strip()
        if not line.startswith("LISTENING "):
            pytest.fail(f"the test OpenID provider did not start: {line!r} {errors.read_text()[-3000:]}")
        provider = Provider(url=f"http://127.0.0.1:{line.split()[1]}", private_key_pem=private_key_pem)
        deadline = time.monotonic() + 15
        while True:
            try:
                requests.get(provider.discovery_url, timeout=2).raise_for_status()
                break
            except requests.RequestException:
                if time.monotonic() > deadline or process.poll() is not None:
                    pytest.fail(f"the test OpenID provider never answered: {errors.read_text()[-3000:]}")
                time.sleep(0.1)
        yield provider
    finally:
        process.terminate()
        try:
            process.wait(timeout=10)
        except subprocess.TimeoutExpired:
            process.kill()
        _drop_database_quietly(db_name)


def _drop_database_quietly(name: str) -> None:
    try:
        with psycopg.connect(**_connection("postgres"), autocommit=True) as conn:
            conn.execute(sql.SQL("DROP DATABASE IF EXISTS {} WITH (FORCE)").format(sql.Identifier(name)))
    except psycopg.Error:
        pass


def plugin_config(provider: Provider | None = None, **overrides) -> dict:
    config = {"plugin_id": PLUGIN_ID, "client_id": CLIENT_ID, "client_secret": CLIENT_SECRET,
              "discovery_url": provider.discovery_url if provider else "", "timeout_seconds": 5.0}
    return {**config, **overrides}


@pytest.fixture
def use_plugin(settings):
    """Enable the plugin with a given configuration for one test: use_plugin(plugin_config(...))."""
    from backend.core.plugins import reset_plugin_manager

    def enable(config: dict):
        settings.PLUGINS = ["plugins.openid_connect.plugin.OpenIDConnectPlugin"]
        settings.PLUGIN_CONFIG = {PLUGIN_ID: config}
        settings.ALLOWED_CLIENT_HOSTS = ["boutique.test"]
        reset_plugin_manager()

    yield enable
    reset_plugin_manager()


@pytest.fixture
def oidc(oidc_provider_server, use_plugin):
    """The plugin configured against the live provider (discovery)."""
    use_plugin(plugin_config(oidc_provider_server))
    return oidc_provider_server
