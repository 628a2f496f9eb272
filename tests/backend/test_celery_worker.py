"""The celery wiring, proven by a real worker: accountRegister enqueues the confirmation mail after commit, a worker
process started here (against Redis, on the test database) sends it, and the mail file shows up.
"""

import email
import os
import socket
import subprocess
import sys
import time
from pathlib import Path
from urllib.parse import parse_qs, quote, urlsplit

import pytest
from django.conf import settings
from django.db import connection

from tests.processes import stop_group

BROKER_URL = os.environ.get("COMPTOIR_TEST_BROKER_URL", "redis://127.0.0.1:6379/2")
REDIRECT_URL = "http://localhost:8000/compte/confirmer/"
WAIT_SECONDS = 90

REGISTER = """
mutation($input: AccountRegisterInput!) {
  accountRegister(input: $input) { requiresConfirmation errors { field code } }
}"""


def _redis_reachable(url: str) -> bool:
    parts = urlsplit(url)
    try:
        with socket.create_connection((parts.hostname, parts.port or 6379), timeout=1) as sock:
            sock.sendall(b"PING\r\n")
            return sock.recv(16).startswith(b"+PONG")
    except OSError:
        return False


def _test_database_url() -> str:
    db = connection.settings_dict
    credentials = quote(db["USER"] or "", safe="")
    if db.get("PASSWORD"):
        credentials += ":" + quote(db["PASSWORD"], safe="")
    host = db.get("HOST") or "127.0.0.1"
    if host.startswith("/"):  # a Unix socket directory
        return f"postgres://{credentials}@/{db['NAME']}?host={quote(host, safe='')}&port={db.get('PORT') or 5432}"
    return f"postgres://{credentials}@{host}:{db.get('PORT') or 5432}/{db['NAME']}"


def _start_worker(mail_dir: Path, log_path: Path) -> subprocess.Popen:
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "backend.config.settings",
        "DATABASE_URL": _test_database_url(),
        "CELERY_BROKER_URL": BROKER_URL,
        "EMAIL_BACKEND": "django.core.mail.backends.filebased.EmailBackend",
        "EMAIL_FILE_PATH": str(mail_dir),
    }
    env.pop("EMAIL_HOST", None)
    celery = Path(sys.executable).parent / "celery"
    return subprocess.Popen(
        [str(celery), "-A", "backend.config", "worker", "--pool=solo", "-c", "1", "--loglevel=INFO",
         "--without-gossip", "--without-mingle", "--without-heartbeat", "-n", f"test-worker-{os.getpid()}@%h"],
        cwd=settings.BASE_DIR, env=env, stdout=log_path.open("w"), stderr=subprocess.STDOUT,
        start_new_session=True,  # its own process group: stopped as a whole, nothing left behind
    )


def _wait_for_mail(mail_dir: Path, worker: subprocess.Popen, log_path: Path) -> Path:
    deadline = time.monotonic() + WAIT_SECONDS
    while time.monotonic() < deadline:
        files = sorted(mail_dir.glob("*.log"))
        if files and files[0].stat().st_size > 0:
            time.sleep(0.2)  # let the backend finish writing the file
            return files[0]
        if worker.poll() is not None:
            pytest.fail(f"the worker stopped (code {worker.returncode}):\n{log_path.read_text()[-3000:]}")
        time.sleep(0.25)
    pytest.fail(f"no mail after {WAIT_SECONDS} s; worker log:\n{log_path.read_text()[-3000:]}")


@pytest.fixture
def broker_configured():
    """This process sends tasks to Redis instead of running them in-process, for the length of the test."""
    if not _redis_reachable(BROKER_URL):
        pytest.skip(f"Redis is not reachable at {BROKER_URL}: the real-worker test needs it")
    from backend.config.celery import app

    saved = {key: app.conf.get(key) for key in ("task_always_eager", "broker_url")}
    app.close()
    app.conf.update(task_always_eager=False, broker_url=BROKER_URL)
    app.control.purge()  # nothing left over from an earlier run
    yield app
    app.close()
    app.conf.update(saved)


@pytest.mark.worker
@pytest.mark.django_db(transaction=True)
def test_confirmation_mail_is_sent_by_a_real_celery_worker(broker_configured, api_client, tmp_path):
    # given: the shop asks new customers to confirm their e-mail, and a worker is running
    from backend.commerce.account.models import User
    from backend.commerce.account.tokens import account_confirmation_token
    from backend.commerce.site.models import SiteSettings

    site = SiteSettings.load()
    site.enable_account_confirmation_by_email = True
    site.save()
    mail_dir, log_path = tmp_path / "mail", tmp_path / "worker.log"
    mail_dir.mkdir()
    worker = _start_worker(mail_dir, log_path)
    try:
        # when
        body = api_client.query(REGISTER, {"input": {"email": "marie.lefebvre@example.fr",
                                                     "password": "Maroilles-2026!", "firstName": "Marie",
                                                     "redirectUrl": REDIRECT_URL}})
        assert body["data"]["accountRegister"] == {"requiresConfirmation": True, "errors": []}
        mail_file = _wait_for_mail(mail_dir, worker, log_path)
    finally:
        stop_group(worker, timeout=20)
    # then
    message = email.message_from_bytes(mail_file.read_bytes().split(b"-" * 79)[0])
    assert message["To"] == "marie.lefebvre@example.fr"
    assert message["Subject"] == "Confirmez votre compte sur le Comptoir de Mormal"
    text = next(part for part in message.walk() if part.get_content_type() == "text/plain")
    body_text = text.get_payload(decode=True).decode(text.get_content_charset())
    link = next(word for word in body_text.split() if word.startswith(REDIRECT_URL))
    params = {key: values[0] for key, values in parse_qs(urlsplit(link).query).items()}
    assert params["email"] == "marie.lefebvre@example.fr"
    user = User.objects.get(email="marie.lefebvre@example.fr")
    assert account_confirmation_token.check_token(user, params["token"])
    assert len(user.private_metadata["account.mails_sent"]) == 1  # the worker recorded the mail as sent
    assert "account.send_account_confirmation_email" in log_path.read_text()
