"""The product postings follow the search vectors (written by the indexing service, deleted with the product), and
the search plan reads them: candidates only for one word held by many products."""

import pytest

from tests.search.conftest import ranked_names

pytestmark = pytest.mark.django_db


def _postings(product_id: int) -> dict[str, float]:
    from backend.commerce.search.models import ProductPosting

    return dict(ProductPosting.objects.filter(product_id=product_id).values_list("lexeme", "score"))


def _one_lexeme_rank(product_id: int, lexeme: str) -> float:
    from django.db import connection

    with connection.cursor() as cursor:
        cursor.execute("SELECT ts_rank('{0.1,0.2,0.4,1.0}'::float4[], search_vector, %s::tsquery, 0) "
                       "FROM product_product WHERE id = %s", [lexeme, product_id])
        return cursor.fetchone()[0]


def _xmins(product_id: int) -> dict[str, str]:
    from django.db import connection

    with connection.cursor() as cursor:
        cursor.execute("SELECT lexeme, xmin::text FROM search_productposting WHERE product_id = %s", [product_id])
        return dict(cursor.fetchall())


@pytest.fixture
def small_thresholds(monkeypatch):
    """Candidates for a word held by more than 2 products, 3 of them: the fixture catalogue then has both cases."""
    monkeypatch.setattr("backend.commerce.search.postings.CANDIDATES_PER_QUERY", 3)
    monkeypatch.setattr("backend.commerce.search.postings.EXACT_MATCH_LIMIT", 2)


def test_each_lexeme_of_the_vector_is_posted_with_the_rank_of_a_one_word_query(catalogue):
    pate = catalogue["Pâté de campagne"]

    postings = _postings(pate.pk)

    assert sorted(postings) == ["campagn", "charcuter", "delattr", "fermi", "label", "pat", "poivr", "porc",
                                "quesnoy", "roug"]
    assert postings["pat"] == pytest.approx(_one_lexeme_rank(pate.pk, "pat"), rel=1e-7)
    assert postings["pat"] > postings["porc"]  # in the name (A) against the description (D)


def test_the_postings_of_a_word_are_in_the_order_of_its_search(catalogue):
    from backend.commerce.product.models import Product
    from backend.commerce.search.models import ProductPosting

    by_postings = list(ProductPosting.objects.filter(lexeme="fromag").order_by("-score", "product_id")
                       .values_list("product_id", flat=True))
    names = dict(Product.objects.values_list("pk", "name"))

    assert [names[pk] for pk in by_postings] == ranked_names("fromages", limit=10)
    assert len(by_postings) == 7


def test_a_reindex_rewrites_only_the_postings_that_changed(catalogue):
    from backend.commerce.product.models import Product
    from backend.commerce.search.services import search_index_products

    chicons = catalogue["Chicons"]
    before = _xmins(chicons.pk)

    search_index_products(product_ids=[chicons.pk])  # nothing searchable changed (a price, a stock)
    unchanged = _xmins(chicons.pk)
    Product.objects.filter(pk=chicons.pk).update(name="Witloof de pleine terre")
    search_index_products(product_ids=[chicons.pk])
    renamed = _postings(chicons.pk)

    assert unchanged == before
    assert "chicon" in before
    assert "chicon" not in renamed
    assert "witloof" in renamed
    assert ranked_names("witloof") == ["Witloof de pleine terre"]


def test_the_database_deletes_the_postings_with_their_product(catalogue):
    from backend.commerce.search.models import ProductPosting

    andouillette = catalogue["Andouillette"]
    posted = ProductPosting.objects.filter(product_id=andouillette.pk).count()

    andouillette.delete()

    assert posted == 7  # andouillet, charcuter, delattr, quesnoy, cambrai, pur, porc
    assert ProductPosting.objects.filter(product_id=andouillette.pk).count() == 0


def test_a_word_held_by_many_products_gets_its_best_products_as_candidates(catalogue, small_thresholds):
    from backend.commerce.product.models import Product
    from backend.commerce.search.postings import plan_product_search

    plan = plan_product_search(["fromages"])
    names = dict(Product.objects.values_list("pk", "name"))

    assert plan.query == "'fromag'"
    assert [names[pk] for pk in plan.candidates] == ranked_names("fromages", limit=3)


def test_a_prefix_gets_candidates_from_the_lexemes_it_starts(catalogue, small_thresholds):
    from backend.commerce.product.models import Product
    from backend.commerce.search.postings import plan_product_search

    plan = plan_product_search(["confi"])  # starts "confiture": typed, not misspelt, so no trigram neighbours
    names = dict(Product.objects.values_list("pk", "name"))

    assert plan.query == "'conf':*"
    assert sorted(names[pk] for pk in plan.candidates) == ["Confiture de fraises", "Confiture de rhubarbe",
                                                           "Poires Conférence"]


@pytest.mark.parametrize(("tokens", "query", "candidates"), [
    (["moulin"], "'moulin'", None),  # two products: ranked whole
    (["pate", "de", "campagne"], "'pat' & 'campagn'", None),  # several words: their intersection is ranked whole
    (["maroile"], "'maroil':* | 'maroill'", 3),  # misspelt: its prefix and nearest word, held by 8 products
])
def test_candidates_only_for_one_word_held_by_many_products(catalogue, small_thresholds, tokens, query, candidates):
    from backend.commerce.search.postings import plan_product_search

    plan = plan_product_search(tokens)

    assert plan.query == query
    assert (len(plan.candidates) if plan.candidates is not None else None) == candidates


def test_several_words_no_product_holds_together_are_ored_and_each_given_its_tsquery(catalogue):
    from backend.commerce.search.postings import plan_product_search

    plan = plan_product_search(["flamiche", "de", "rhubarbe"])  # "de": a stop word, not a searched word

    assert plan.query == "'flamich' | 'rhubarb'"
    assert plan.words == ("'flamich'", "'rhubarb'")
    assert plan.candidates is None
    assert plan_product_search(["flamiche", "maroilles"]).words == ()  # held together: no fallback


def test_the_any_word_fallback_ranks_products_by_the_number_of_words_they_hold(catalogue, django_assert_num_queries):
    from backend.commerce.product.models import Product
    from backend.commerce.search.selectors import search_products

    with django_assert_num_queries(3):
        results = search_products(Product.objects.all(), "tarte maroilles moulin")
        total = results.count()
        page = list(results[:24])

    assert [p.name for p in page[:1]] == ["Tarte au maroilles"]  # the only one holding two of the three words
    assert 2 < page[0].search_rank < 3
    assert all(1 < p.search_rank < 2 for p in page[1:])
    held_any = set()
    for word in ("tarte", "maroilles", "moulin"):
        held_any |= set(search_products(Product.objects.all(), word).values_list("pk", flat=True))
    assert total == len(page) == len(held_any) == 11
    assert {p.pk for p in page} == held_any


def test_a_query_of_stop_words_matches_nothing_without_a_page_query(catalogue, django_assert_num_queries):
    from backend.commerce.product.models import Product
    from backend.commerce.search.selectors import search_products

    with django_assert_num_queries(1):
        results = search_products(Product.objects.all(), "le de la")
        names = list(results)

    assert names == []
