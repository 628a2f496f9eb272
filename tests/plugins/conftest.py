"""localstripe for the payment plugin tests: started once per session on 127.0.0.1, state in a temporary folder."""

import subprocess
import sys
import time
from dataclasses import dataclass
from pathlib import Path

import pytest
import requests

ROOT = Path(__file__).resolve().parents[2]


@dataclass(frozen=True)
class LocalStripe:
    url: str

    def post(self, path: str, data: dict | None = None) -> dict:
        """Act as the browser (Stripe.js) would: a confirmation, an authentication..."""
        answer = requests.post(self.url + path, data=data or {}, auth=("sk_test_comptoir", ""), timeout=10)
        answer.raise_for_status()
        return answer.json() if answer.content else {}  # /_config/ answers an empty 200

    def get(self, path: str, params: dict | None = None) -> dict:
        answer = requests.get(self.url + path, params=params, auth=("sk_test_comptoir", ""), timeout=10)
        answer.raise_for_status()
        return answer.json()


@pytest.fixture(scope="session")
def localstripe_server(tmp_path_factory):
    state_dir = tmp_path_factory.mktemp("localstripe")
    errors = state_dir / "stderr.log"  # a file, not a pipe: a full pipe would block the server
    with errors.open("w") as stderr:
        process = subprocess.Popen(
            [sys.executable, "-m", "plugins.stripe.localstripe_server", "--state-dir", str(state_dir)],
            cwd=ROOT, stdout=subprocess.PIPE, stderr=stderr, text=True)
    line = process.stdout.readline().strip()
    if not line.startswith("LISTENING "):
        process.kill()
        pytest.fail(f"localstripe did not start (a dev dependency, it must run): {line!r} "
                    f"{errors.read_text()[-2000:]}")
    server = LocalStripe(url=f"http://127.0.0.1:{line.split()[1]}")
    deadline = time.monotonic() + 15
    while True:
        try:
            requests.get(server.url + "/v1/balance", auth=("sk_test_comptoir", ""), timeout=2)
            break
        except requests.ConnectionError:
            if time.monotonic() > deadline or process.poll() is not None:
                process.kill()
                pytest.fail("localstripe started but never answered on " + server.url)
            time.sleep(0.1)
    yield server
    process.terminate()
    try:
        process.wait(timeout=10)
    except subprocess.TimeoutExpired:
        process.kill()


@pytest.fixture
def localstripe(localstripe_server, settings):
    """Stripe configured against localstripe for one test."""
    from backend.core.plugins import reset_plugin_manager

    settings.STRIPE_SECRET_KEY = "sk_test_comptoir"
    settings.STRIPE_PUBLISHABLE_KEY = "pk_test_comptoir"
    settings.STRIPE_WEBHOOK_SECRET = "whsec_comptoir"
    settings.STRIPE_API_BASE = localstripe_server.url
    settings.PLUGINS = ["plugins.stripe.plugin.StripePlugin"]
    reset_plugin_manager()
    yield localstripe_server
    reset_plugin_manager()
