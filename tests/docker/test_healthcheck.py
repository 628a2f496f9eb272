"""docker/healthcheck.py against a running server (Django's live server on loopback) and against a closed port."""

import importlib.util
import socket
from pathlib import Path
from urllib.parse import urlparse

import pytest

SCRIPT = Path(__file__).resolve().parents[2] / "docker" / "healthcheck.py"


def _load(monkeypatch, port: int):
    monkeypatch.setenv("PORT", str(port))
    monkeypatch.setenv("ALLOWED_HOSTS", ".example.fr,testserver,localhost")
    spec = importlib.util.spec_from_file_location("comptoir_healthcheck", SCRIPT)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


@pytest.mark.django_db(transaction=True)
def test_the_healthcheck_passes_when_the_server_answers_the_shop_query(live_server, monkeypatch, settings):
    settings.ALLOWED_HOSTS = ["example.fr"]
    healthcheck = _load(monkeypatch, urlparse(live_server.url).port)

    assert healthcheck.HOST == "example.fr"
    assert healthcheck.main() == 0


def test_the_healthcheck_fails_when_nothing_listens(monkeypatch, capsys):
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port = sock.getsockname()[1]
    healthcheck = _load(monkeypatch, port)

    assert healthcheck.main() == 1
    assert capsys.readouterr().err.startswith("unhealthy: <urlopen error [Errno 111] Connection refused>")
