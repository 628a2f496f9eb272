"""The search vector and document follow the catalogue through explicit service calls, after commit."""

import pytest
from django.core.management import call_command

from tests import factories
from tests.search.conftest import ranked_names


def _vector(product_id: int) -> str:
    from django.db import connection

    with connection.cursor() as cursor:
        cursor.execute("SELECT search_vector::text FROM product_product WHERE id = %s", [product_id])
        return cursor.fetchone()[0]


@pytest.mark.django_db
def test_the_vector_weighs_name_a_category_and_labels_b_producer_and_commune_c_description_d(catalogue):
    from backend.commerce.product.models import Product

    product = Product.objects.get(pk=catalogue["Pâté de campagne"].pk)

    assert _vector(product.pk) == (
        "'campagn':3A 'charcuter':4B,7C 'delattr':8C 'fermi':14 'label':5B 'pat':1A,11 'poivr':16 'porc':13 "
        "'quesnoy':10C 'roug':6B"
    )
    assert product.search_document == "pate de campagne charcuterie label rouge charcuterie delattre le quesnoy"
    assert product.search_index_dirty is False


@pytest.mark.django_db
def test_a_renamed_product_is_found_under_its_new_name_once_the_transaction_commits(
    catalogue, django_capture_on_commit_callbacks
):
    from backend.commerce.product.models import Product
    from backend.commerce.search.services import search_products_changed

    product = catalogue["Chicons"]

    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        Product.objects.filter(pk=product.pk).update(name="Witloof de pleine terre")
        ids = search_products_changed(product_ids=[product.pk])
        dirty_before_commit = Product.objects.get(pk=product.pk).search_index_dirty
        found_before_commit = ranked_names("witloof")
    for callback in callbacks:
        callback()

    assert ids == [product.pk]
    assert dirty_before_commit is True
    assert found_before_commit == []
    assert ranked_names("witloof") == ["Witloof de pleine terre"]
    assert Product.objects.get(pk=product.pk).search_index_dirty is False


@pytest.mark.django_db
def test_renaming_a_category_reindexes_its_products_and_those_of_its_subcategories(
    catalogue, django_capture_on_commit_callbacks
):
    from backend.commerce.product.models import Category, Product
    from backend.commerce.search.services import search_products_changed

    spirits = Category.objects.get(name="Spiritueux")
    child = factories.category("Eaux-de-vie", parent=spirits)
    Product.objects.filter(pk=catalogue["Liqueur de framboise"].pk).update(category=child)

    with django_capture_on_commit_callbacks(execute=True):
        Category.objects.filter(pk=spirits.pk).update(name="Alcools forts")
        ids = search_products_changed(category_ids=[spirits.pk])

    assert sorted(ids) == sorted([catalogue["Genièvre de Wargnies"].pk, catalogue["Liqueur de framboise"].pk])
    assert sorted(ranked_names("alcools forts")) == ["Genièvre de Wargnies", "Liqueur de framboise"]


@pytest.mark.django_db
def test_moving_a_warehouse_to_another_commune_reindexes_the_products_it_stocks(
    catalogue, django_capture_on_commit_callbacks
):
    from backend.commerce.search.services import search_products_changed
    from backend.commerce.territory.models import Commune
    from backend.commerce.warehouse.models import Warehouse

    distillery = Warehouse.objects.get(name="Distillerie de Wargnies")

    with django_capture_on_commit_callbacks(execute=True):
        Warehouse.objects.filter(pk=distillery.pk).update(commune=Commune.objects.get(name="Ruesnes"))
        ids = search_products_changed(warehouse_ids=[distillery.pk])

    assert len(ids) == 2
    assert sorted(ranked_names("ruesnes")) == ["Genièvre de Wargnies", "Liqueur de framboise"]


@pytest.mark.django_db
def test_a_plugin_adds_searchable_text_through_the_product_search_document_hook(catalogue, settings):
    from backend.commerce.search.services import search_index_products
    from backend.core.plugins import reset_plugin_manager

    settings.PLUGINS = ["tests.search.plugins.ProducerNamePlugin"]
    reset_plugin_manager()
    try:
        search_index_products(product_ids=[catalogue["Miel d'acacia"].pk])
    finally:
        settings.PLUGINS = []
        reset_plugin_manager()

    assert ranked_names("tante germaine") == ["Miel d'acacia"]


@pytest.mark.django_db
def test_typos_are_corrected_from_the_lexicon_of_indexed_words(catalogue):
    from django.db import connection

    with connection.cursor() as cursor:
        cursor.execute("SELECT comptoir_search_tsquery(%s::text[])::text", [["andouilete", "de", "cambrai"]])
        tsquery = cursor.fetchone()[0]

    assert tsquery == "( 'andouilet':* | 'andouillet' ) & 'cambr':*"


@pytest.mark.django_db
def test_the_update_search_index_command_reindexes_dirty_products_then_all(catalogue):
    from io import StringIO

    from backend.commerce.product.models import Product

    Product.objects.filter(pk__in=[catalogue["Bière brune"].pk, catalogue["Poireaux"].pk]).update(
        search_index_dirty=True
    )
    dirty_out, all_out = StringIO(), StringIO()

    call_command("update_search_index", "--no-progress", stdout=dirty_out)
    call_command("update_search_index", "--all", "--no-progress", stdout=all_out)

    assert dirty_out.getvalue() == "2 produit(s) réindexé(s).\n"
    assert all_out.getvalue() == f"{len(catalogue)} produit(s) réindexé(s).\n"
    assert Product.objects.filter(search_index_dirty=True).count() == 0


@pytest.mark.django_db
def test_a_full_reindex_drops_the_words_of_deleted_products_from_the_lexicon(catalogue):
    from backend.commerce.product.models import Product
    from backend.commerce.search.models import SearchTerm
    from backend.commerce.search.services import search_reindex_all

    assert SearchTerm.objects.filter(word="potjevleesch").exists()
    Product.objects.filter(pk=catalogue["Potjevleesch"].pk).delete()

    count = search_reindex_all()

    assert count == len(catalogue) - 1
    assert not SearchTerm.objects.filter(word="potjevleesch").exists()
    assert SearchTerm.objects.filter(word="maroilles").exists()


@pytest.mark.django_db
def test_the_reindex_task_reports_its_progress(catalogue, monkeypatch):
    from backend.commerce.search.tasks import search_reindex_all_task

    states = []
    monkeypatch.setattr(search_reindex_all_task, "update_state",
                        lambda state, meta: states.append((state, meta)))

    result = search_reindex_all_task.apply()

    assert result.get() == len(catalogue)
    assert states == [("PROGRESS", {"current": len(catalogue), "total": len(catalogue)})]


@pytest.mark.django_db
def test_the_dirty_products_task_reindexes_every_dirty_product(catalogue):
    from backend.commerce.product.models import Product
    from backend.commerce.search.tasks import update_search_index_task

    Product.objects.update(search_index_dirty=True)

    result = update_search_index_task.delay()

    assert result.get() == len(catalogue)
    assert Product.objects.filter(search_index_dirty=True).count() == 0
