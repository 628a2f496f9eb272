"""The production files are checked for structure (Docker is not available on the CI machine: nothing is built)."""

import re
from pathlib import Path

import pytest
import yaml

DOCKER = Path(__file__).resolve().parents[2] / "docker"
SECRET_NAME = re.compile(r"(SECRET|PASSWORD|PRIVATE_KEY|TOKEN)", re.I)
ENV_REFERENCE = re.compile(r"^\$\{[A-Z_]+(:[-?][^}]*)?\}$")


@pytest.fixture(scope="module")
def compose() -> dict:
    return yaml.safe_load((DOCKER / "compose.yaml").read_text(encoding="utf-8"))


@pytest.fixture(scope="module")
def dockerfile() -> list[str]:
    lines = (DOCKER / "Dockerfile").read_text(encoding="utf-8").splitlines()
    return [line.strip() for line in lines if line.strip() and not line.strip().startswith("#")]


def test_every_production_service_is_declared(compose):
    assert set(compose["services"]) == {"postgres", "redis", "elasticsearch", "setup", "web", "worker", "beat"}


@pytest.mark.parametrize("service", ["postgres", "redis", "elasticsearch", "web", "worker", "beat"])
def test_every_long_running_service_has_a_healthcheck(compose, service):
    healthcheck = compose["services"][service]["healthcheck"]

    assert healthcheck["test"]
    assert healthcheck["retries"] >= 3


def test_the_healthchecks_probe_what_matters(compose):
    services = compose["services"]

    assert "pg_isready" in " ".join(services["postgres"]["healthcheck"]["test"])
    assert services["redis"]["healthcheck"]["test"] == ["CMD", "redis-cli", "ping"]
    assert "_cluster/health" in " ".join(services["elasticsearch"]["healthcheck"]["test"])
    assert services["web"]["healthcheck"]["test"] == ["CMD", "python", "/app/docker/healthcheck.py"]


@pytest.mark.parametrize("service", ["web", "worker"])
def test_the_app_waits_for_healthy_dependencies_and_a_successful_setup(compose, service):
    depends_on = compose["services"][service]["depends_on"]

    assert {name: rule["condition"] for name, rule in depends_on.items()} == {
        "postgres": "service_healthy",
        "redis": "service_healthy",
        "elasticsearch": "service_healthy",
        "setup": "service_completed_successfully",
    }


def test_web_runs_gunicorn_through_comptoir_serve_and_workers_run_celery(compose):
    services = compose["services"]

    assert services["web"]["command"][:2] == ["comptoir", "serve"]
    assert services["worker"]["command"][:4] == ["celery", "-A", "backend.config.celery", "worker"]
    assert services["beat"]["command"][:4] == ["celery", "-A", "backend.config.celery", "beat"]
    assert services["setup"]["restart"] == "no"


def _environments(compose):
    for name, service in compose["services"].items():
        for key, value in (service.get("environment") or {}).items():
            yield name, key, str(value)


def test_no_secret_is_written_in_the_compose_file(compose):
    secrets = [(name, key, value) for name, key, value in _environments(compose) if SECRET_NAME.search(key)]

    assert len(secrets) >= 10
    for name, key, value in secrets:
        assert ENV_REFERENCE.match(value), f"{name}.{key} holds a literal: {value!r}"
    for name, key, value in _environments(compose):
        if "://" in value and "@" in value:  # credentials inside URLs come from the environment too
            userinfo = value.split("://", 1)[1].split("@", 1)[0]
            assert "${" in userinfo, f"{name}.{key} embeds a literal password"


def test_the_required_secrets_refuse_to_start_when_missing(compose):
    web = compose["services"]["web"]["environment"]

    assert web["SECRET_KEY"].startswith("${SECRET_KEY:?")
    assert web["ALLOWED_HOSTS"].startswith("${ALLOWED_HOSTS:?")
    assert "${POSTGRES_PASSWORD:?" in web["DATABASE_URL"]
    assert "${ELASTIC_PASSWORD:?" in web["ELASTICSEARCH_URL"]
    assert compose["services"]["postgres"]["environment"]["POSTGRES_PASSWORD"].startswith("${POSTGRES_PASSWORD:?")


def test_data_lives_in_named_volumes(compose):
    services = compose["services"]

    assert set(compose["volumes"]) == {"postgres-data", "redis-data", "elasticsearch-data", "media", "beat-schedule"}
    assert "postgres-data:/var/lib/postgresql/data" in services["postgres"]["volumes"]
    assert "elasticsearch-data:/usr/share/elasticsearch/data" in services["elasticsearch"]["volumes"]
    for service in ("web", "worker", "setup"):
        assert "media:/var/lib/comptoir/media" in services[service]["volumes"]


def test_elasticsearch_is_a_secured_single_node_not_published(compose):
    elastic = compose["services"]["elasticsearch"]

    assert elastic["environment"]["discovery.type"] == "single-node"
    assert elastic["environment"]["xpack.security.enabled"] == "true"
    assert "ports" not in elastic
    assert "ports" not in compose["services"]["postgres"]


def test_the_image_is_slim_runs_as_a_non_root_user_and_checks_its_health(dockerfile):
    users = [line.split()[1] for line in dockerfile if line.startswith("USER ")]

    assert dockerfile[0] == "FROM python:3.11-slim"
    assert users and users[-1].split(":")[0] not in {"root", "0"}
    assert any(line.startswith("RUN pip install .") for line in dockerfile)
    assert any("collectstatic" in line for line in dockerfile)
    assert any(line.startswith("HEALTHCHECK") for line in dockerfile)
    assert dockerfile[-1] == 'CMD ["comptoir", "serve"]'


def test_the_docker_readme_documents_backup_and_restore_of_the_database_and_media():
    text = (DOCKER / "README.md").read_text(encoding="utf-8")

    for needle in ("pg_dump", "pg_restore", "tar -czf", "tar -xzf", "comptoir_media", "ELASTIC_PASSWORD"):
        assert needle in text


def test_web_trusts_the_forwarded_headers_of_the_compose_network_only(compose):
    import ipaddress

    web = compose["services"]["web"]["environment"]
    subnet = compose["networks"]["default"]["ipam"]["config"][0]["subnet"]

    # the default network has a fixed subnet, and TRUSTED_PROXIES defaults to it (overridable as a whole)
    assert subnet == "${COMPTOIR_SUBNET:-172.30.57.0/24}"
    assert web["TRUSTED_PROXIES"] == "${TRUSTED_PROXIES:-${COMPTOIR_SUBNET:-172.30.57.0/24}}"
    network = ipaddress.ip_network("172.30.57.0/24")
    assert network.is_private and next(network.hosts()) == ipaddress.ip_address("172.30.57.1")  # the gateway
    # only the web server reads the forwarded headers; the workers never see a request
    for service in ("worker", "beat", "setup"):
        assert "TRUSTED_PROXIES" not in compose["services"][service]["environment"]
    assert compose["services"]["web"]["ports"] == ["${WEB_BIND:-127.0.0.1}:${WEB_PORT:-8000}:8000"]


def test_the_docker_readme_explains_the_trusted_proxies():
    text = (DOCKER / "README.md").read_text(encoding="utf-8")
    readme = (DOCKER.parent / "README.md").read_text(encoding="utf-8")

    for needle in ("TRUSTED_PROXIES", "COMPTOIR_SUBNET", "172.30.57.1", "X-Forwarded-For", "X-Forwarded-Proto"):
        assert needle in text
    assert "| `TRUSTED_PROXIES` |" in readme and "`COMPTOIR_SUBNET`" in readme
