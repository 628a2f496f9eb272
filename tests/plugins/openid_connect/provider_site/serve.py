"""Run the test provider: migrate its database, seed it from a JSON file, then serve on 127.0.0.1 (a free port).

Prints "LISTENING <port>" on stdout once it accepts connections. Usage: python serve.py <seed.json>
Seed: {"rsa_key": PEM, "clients": [{client_id, client_secret, redirect_uris}], "users": [{username, email, password,
first_name, last_name}]}
"""

import json
import os
import sys
from pathlib import Path
from socketserver import ThreadingMixIn
from wsgiref.simple_server import WSGIRequestHandler, WSGIServer, make_server

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
os.environ["DJANGO_SETTINGS_MODULE"] = "provider_site.settings"

import django  # noqa: E402

django.setup()

from django.contrib.auth.models import User  # noqa: E402
from django.core.management import call_command  # noqa: E402
from django.core.wsgi import get_wsgi_application  # noqa: E402
from oidc_provider.models import Client, ResponseType, RSAKey  # noqa: E402


class ThreadingServer(ThreadingMixIn, WSGIServer):
    daemon_threads = True


class QuietHandler(WSGIRequestHandler):
    def log_message(self, *args):
        pass


def seed(data: dict) -> None:
    RSAKey.objects.all().delete()
    RSAKey.objects.create(key=data["rsa_key"])
    code, _ = ResponseType.objects.get_or_create(value="code",
                                                 defaults={"description": "code (Authorization Code Flow)"})
    for item in data["clients"]:
        client = Client.objects.create(
            name=item["client_id"], client_type="confidential", client_id=item["client_id"],
            client_secret=item["client_secret"], jwt_alg="RS256", require_consent=False, reuse_consent=True,
            _redirect_uris="\n".join(item["redirect_uris"]), _post_logout_redirect_uris="\n".join(
                item.get("post_logout_redirect_uris", [])), _scope="openid email profile")
        client.response_types.add(code)
    for item in data["users"]:
        User.objects.create_user(username=item["username"], email=item["email"], password=item["password"],
                                 first_name=item.get("first_name", ""), last_name=item.get("last_name", ""))


def main() -> None:
    call_command("migrate", run_syncdb=True, verbosity=0, interactive=False)
    seed(json.loads(Path(sys.argv[1]).read_text()))
    server = make_server("127.0.0.1", 0, get_wsgi_application(), server_class=ThreadingServer,
                         handler_class=QuietHandler)
    print(f"LISTENING {server.server_port}", flush=True)
    server.serve_forever()


if __name__ == "__main__":
    main()
