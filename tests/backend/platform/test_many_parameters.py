"""Statements with more parameters than PostgreSQL's protocol carries (65,535) still run: with server-side binding
they are sent with their values inlined (backend/config/db_cursor.py)."""

import pytest
from django.db import connection

from backend.commerce.product.models import Category
from tests import factories

pytestmark = pytest.mark.django_db


def test_an_in_lookup_of_70000_ids_runs_and_finds_the_rows():
    cheeses, beers = factories.category("Fromages"), factories.category("Bières")
    ids = [*range(10_000_000, 10_070_000), cheeses.pk, beers.pk]

    assert connection.settings_dict["OPTIONS"]["server_side_binding"] is True
    assert sorted(Category.objects.filter(pk__in=ids).values_list("name", flat=True)) == ["Bières", "Fromages"]


def test_a_bulk_insert_of_more_than_65535_values_is_written_whole():
    rows = [Category(name=f"Rayon {n}", slug=f"rayon-{n}", description_plaintext="l'été, 100 % local")
            for n in range(6_000)]  # 6,000 rows of 12+ columns: over 65,535 parameters in one statement

    Category.objects.bulk_create(rows)

    assert Category.objects.filter(slug__startswith="rayon-").count() == 6_000
    assert Category.objects.get(slug="rayon-5999").description_plaintext == "l'été, 100 % local"
