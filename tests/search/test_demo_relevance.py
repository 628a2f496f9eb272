"""Relevance on the demo catalogue (what residents see after `comptoir setup`): exact first results of the queries
residents type, loaded and indexed once for the module (about 440 products)."""

import pytest
from django.db import transaction

from tests.search.conftest import ranked_names


@pytest.fixture(scope="module")
def demo_catalogue(django_db_setup, django_db_blocker, tmp_path_factory):
    """The demo catalogue with its search index, inside a transaction rolled back when the module ends; each test
    runs in a savepoint inside it."""
    from django.test import override_settings

    from backend.commerce.search.backends import reset_search_backend
    from backend.commerce.search.services import search_index_dirty_products
    from backend.commerce.territory.services import communes_load
    from backend.demo.catalogue import demo_catalogue_load

    media = tmp_path_factory.mktemp("demo_media")
    with (django_db_blocker.unblock(), override_settings(MEDIA_ROOT=media, ELASTICSEARCH_URL=""),
          transaction.atomic()):
        reset_search_backend()
        communes_load()
        demo_catalogue_load()
        search_index_dirty_products()
        yield
        transaction.set_rollback(True)
    reset_search_backend()


def _categories(names: list[str]) -> list[str]:
    from backend.commerce.product.models import Product

    by_name = dict(Product.objects.filter(name__in=names).values_list("name", "category__name"))
    return [by_name[name] for name in names]


def _search(text: str):
    from backend.commerce.product.models import Product
    from backend.commerce.search.selectors import search_products

    return search_products(Product.objects.all(), text)


@pytest.mark.django_db
@pytest.mark.parametrize("query", ["maroilles", "maroile"])
def test_the_maroilles_cheeses_come_before_products_of_producers_from_maroilles(demo_catalogue, postgres_search,
                                                                                query):
    names = ranked_names(query, limit=8)

    # Their name starts with Maroilles and their category is Maroilles: before "Assiette … – Poterie de Maroilles",
    # "Bière … – Brasserie de Maroilles", which a rank divided by the document's length put first.
    assert names[:3] == ["Maroilles AOP bien fait – Fromagerie du Bois l'Évêque", "Maroilles AOP affiné",
                         "Maroilles AOP fermier – Fromagerie de la Cense"]
    assert _categories(names) == ["Maroilles"] * 8


@pytest.mark.django_db
def test_words_no_product_holds_together_fall_back_on_the_products_holding_the_most(demo_catalogue, postgres_search):
    results = _search("biere ambree bavay")  # no ambrée beer is brewed in Bavay
    page = list(results[:8])

    assert [p.name for p in page[:4]] == ["Bière ambrée", "Bière ambrée – Brasserie de Maroilles",
                                          "Bière ambrée – Brasserie de la Sambre",
                                          "Bière ambrée – Brasserie de Maresches"]
    # Two words of three each (the Christmas beers say "ambrée" in their description only): then the rank decides.
    assert all(2 < p.search_rank < 3 for p in page)
    assert page[3].search_rank > page[4].search_rank
    assert _categories([p.name for p in page]) == ["Bières"] * 8
    assert results.count() > 20  # every beer and every product of Bavay


@pytest.mark.django_db
@pytest.mark.parametrize(("query", "first", "category"), [
    ("pate de campagne", ["Pâté de campagne au genièvre", "Pâté de campagne nature",
                          "Pâté de campagne nature – Élevage des Prés Hauts"], "Porc et charcuterie"),
    ("fromages bio", ["Fromage frais fermier nature", "Fromage frais fermier nature – Ferme Dubois",
                      "Fromage frais fermier ail et fines herbes", "Fromage frais fermier à l'échalote – Ferme Dubois",
                      "Fromage frais fermier à l'échalote – Fromagerie de la Petite Helpe"], "Fromages de vache"),
    ("tarte au sucre", ["Tarte au sucre", "Tarte au sucre – Boulangerie Delhaye",
                        "Tarte au sucre – Le Fournil d'Élodie", "Tarte au sucre – Boulangerie-pâtisserie Mercier"],
     "Tartes et pâtisseries"),
    ("miel", ["Miel de la forêt de Mormal", "Miel crémeux de printemps", "Miel de châtaignier"], "Miel"),
    ("poulet", ["Cuisses de poulet fermier", "Filets de poulet fermier",
                "Filets de poulet fermier – Les Volailles de Beaudignies"], "Volailles"),
    ("confiture fraise", ["Confiture de fraises – Les Confitures de Maxime",
                          "Confiture de fraises – Les Confitures d'Hugo", "Confiture de fraises"],
     "Confitures et compotes"),
    ("flamiche", ["Flamiche au maroilles", "Flamiche au maroilles – Au Fournil de Bavay"], "Tartes et pâtisseries"),
])
def test_demo_queries_give_exactly_these_first_products(demo_catalogue, postgres_search, query, first, category):
    names = ranked_names(query, limit=len(first))

    assert names == first
    assert _categories(names) == [category] * len(first)


@pytest.mark.django_db
def test_words_held_together_do_not_fall_back(demo_catalogue, postgres_search):
    results = _search("tarte au sucre")

    assert results.count() == 4
    assert all(p.search_rank < 1 for p in results)
