"""The platform's commands, run with call_command on the test database."""

import io
import re

import pytest
from django.contrib.auth import get_user_model
from django.core.management import CommandError, call_command
from django.db import connection

from backend.commerce.channel.models import Channel
from backend.commerce.page.models import Page
from backend.commerce.product.models import Product
from backend.commerce.tax.models import TaxClass
from backend.commerce.territory.models import Commune, PublicPlace
from backend.commerce.warehouse.models import Warehouse
from backend.core.management.commands.serve import _positive_int, gunicorn_options


def _run(*args) -> str:
    out = io.StringIO()
    call_command(*args, stdout=out)
    return out.getvalue()


@pytest.mark.django_db
def test_setup_builds_the_platform_and_is_safe_to_run_twice(settings, tmp_path):
    # given an empty database, no admin configured, static files copied (not compressed: faster) to a temporary folder
    settings.STATIC_ROOT = tmp_path / "static"
    settings.STORAGES = {**settings.STORAGES,
                         "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"}}
    settings.COMPTOIR_ADMIN_EMAIL = ""
    settings.COMPTOIR_ADMIN_PASSWORD = ""

    # when setup runs
    first = _run("setup", "--verbosity", "1")

    # then everything is there, and the generated password was printed once
    assert Commune.objects.count() == 52
    assert PublicPlace.objects.exclude(kind=PublicPlace.Kind.TIERS_LIEU).count() == 21  # reference data
    assert PublicPlace.objects.filter(kind=PublicPlace.Kind.TIERS_LIEU).count() == 3  # the roadmap's tiers-lieux
    assert Channel.objects.filter(slug="comptoir-de-mormal").count() == 1
    assert Product.objects.filter(metadata__demo="true").count() >= 400
    assert Warehouse.objects.filter(is_demo=True, is_private=True).count() == 150
    admin = get_user_model().objects.get(email="admin@comptoir-de-mormal.fr")
    assert (admin.is_staff, admin.is_superuser, admin.is_active) == (True, True, True)
    password = first.split("mot de passe : ")[1].split()[0]
    assert admin.check_password(password)
    assert (tmp_path / "static" / "admin" / "css" / "base.css").exists()
    assert re.search(r"\[(\d+)/\1\] Fichiers statiques", first)  # the last step, after the plugins' steps
    assert "Feuille de route numérique" in first  # a plugin's setup step (the roadmap) ran too
    with connection.cursor() as cursor:  # the planner knows the catalogue's size (ANALYZE after the bulk load)
        cursor.execute("SELECT reltuples FROM pg_class WHERE relname = %s", [Product._meta.db_table])
        assert cursor.fetchone()[0] == Product.objects.count()

    # when it runs again
    counts = (Product.objects.count(), Warehouse.objects.count(), get_user_model().objects.count())
    second = _run("setup")

    # then nothing is duplicated, no password is shown again, the static files are known to be up to date
    assert re.search(r"\[(\d+)/\1\] Fichiers statiques\nDéjà à jour\.", second)
    assert (Product.objects.count(), Warehouse.objects.count(), get_user_model().objects.count()) == counts
    assert "mot de passe :" not in second
    assert "existe déjà" in second


@pytest.mark.django_db
def test_setup_without_demo_creates_only_what_the_platform_needs(settings):
    # given
    settings.COMPTOIR_ADMIN_EMAIL = "equipe@cc-paysdemormal.fr"
    settings.COMPTOIR_ADMIN_PASSWORD = "un-mot-de-passe-solide"

    # when
    output = _run("setup", "--no-demo", "--no-static")

    # then: territory, channel, VAT classes, legal pages, the admin from the environment; no demo row
    assert Commune.objects.count() == 52
    assert Channel.objects.get().slug == "comptoir-de-mormal"
    assert TaxClass.objects.count() == 3
    assert Page.objects.filter(is_published=True, page_type__slug="page-legale").count() == 3
    assert Product.objects.count() == 0
    assert Warehouse.objects.count() == 0
    admin = get_user_model().objects.get(email="equipe@cc-paysdemormal.fr")
    assert admin.is_superuser and admin.check_password("un-mot-de-passe-solide")
    assert "un-mot-de-passe-solide" not in output
    assert "Catalogue de démonstration non chargé." in output


@pytest.mark.django_db
def test_create_admin_refuses_an_invalid_email(settings):
    settings.COMPTOIR_ADMIN_EMAIL = "pas-une-adresse"

    with pytest.raises(CommandError, match="COMPTOIR_ADMIN_EMAIL n'est pas une adresse e-mail valide"):
        call_command("create_admin")

    assert get_user_model().objects.count() == 0


@pytest.mark.django_db
def test_demo_is_refused_in_production(settings):
    settings.COMPTOIR_ENV = "production"

    with pytest.raises(CommandError, match="COMPTOIR_ENV=production"):
        call_command("load_demo")
    output = _run("setup", "--no-static")

    assert Product.objects.count() == 0
    assert "Catalogue de démonstration non chargé." in output


@pytest.mark.django_db
def test_load_reference_reports_its_counts():
    assert _run("load_reference") == "Données de référence : 52 communes, 20 bibliothèques, 1 France services.\n"


def test_serve_runs_gunicorn_workers_with_threads_on_loopback():
    options = gunicorn_options(host="127.0.0.1", port=8123, workers=3, threads=4)
    assert (options["bind"], options["workers"], options["worker_class"], options["threads"]) == (
        "127.0.0.1:8123", 3, "gthread", 4)


def test_serve_rejects_bad_numbers():
    assert _positive_int("PORT", "8000") == 8000
    with pytest.raises(CommandError, match="PORT doit être un nombre entier, reçu 'abc'"):
        _positive_int("PORT", "abc")
    with pytest.raises(CommandError, match="WEB_CONCURRENCY doit être au moins 1, reçu 0"):
        _positive_int("WEB_CONCURRENCY", "0")


def test_serve_never_stops_a_database_it_does_not_own(settings, monkeypatch):
    # given a DATABASE_URL pointing to a server of its own (CI, production)
    from backend.config import embedded_db
    from backend.core.management.commands.serve import Command

    stopped = []
    monkeypatch.setattr(embedded_db, "stop_embedded", lambda var_dir: stopped.append(var_dir) or True)
    settings.DATABASE_URL = "postgres://postgres@127.0.0.1:5432/comptoir"

    # when the server stops with --stop-db
    Command(stdout=io.StringIO())._stop_embedded_database()

    # then nothing was stopped; with the embedded server's URL it is stopped
    assert stopped == []
    settings.DATABASE_URL = f"postgresql://postgres:@/comptoir?host={settings.VAR_DIR / 'pgdata'}"
    Command(stdout=io.StringIO())._stop_embedded_database()
    assert stopped == [settings.VAR_DIR]
