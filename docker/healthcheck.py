"""Container health check: POST `{ shop { name } }` to the local GraphQL endpoint; exit 0 only on a real answer.

It goes through gunicorn, Django and PostgreSQL, unlike `comptoir check --database default`, which only proves the
code imports and the database accepts a connection. The Host header is the first of ALLOWED_HOSTS so that Django
accepts the request, and X-Forwarded-Proto says https for deployments that redirect plain HTTP."""

import json
import os
import sys
import urllib.request

PORT = os.environ.get("PORT", "8000")
HOSTS = [host.strip() for host in os.environ.get("ALLOWED_HOSTS", "127.0.0.1").split(",") if host.strip()]
HOST = next((host.lstrip(".") for host in HOSTS if host != "*"), "127.0.0.1")


def main() -> int:
    request = urllib.request.Request(
        f"http://127.0.0.1:{PORT}/graphql/",
        data=json.dumps({"query": "{ shop { name } }"}).encode(),
        headers={"Content-Type": "application/json", "Host": HOST, "X-Forwarded-Proto": "https"},
        method="POST",
    )
    try:
        with urllib.request.urlopen(request, timeout=4) as response:  # noqa: S310 (fixed local http URL)
            payload = json.load(response)
    except Exception as error:  # any failure means unhealthy
        sys.stderr.write(f"unhealthy: {error}\n")
        return 1
    if not (payload.get("data") or {}).get("shop"):
        sys.stderr.write(f"unhealthy: {payload.get('errors')}\n")
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
