"""A search is one SQL statement (the lexicon lookup runs inside it, once), whatever the query and result size."""

import pytest


@pytest.mark.django_db
@pytest.mark.parametrize(("text", "expected_count"), [("sauc", 1), ("maroile", 8), ("bio", 11), ("fromages", 7)])
def test_a_search_page_costs_one_query_and_its_count_one_more(catalogue, django_assert_num_queries, text,
                                                              expected_count):
    from backend.commerce.product.models import Product
    from backend.commerce.search.selectors import search_products

    with django_assert_num_queries(2):
        results = search_products(Product.objects.all(), text)
        total = results.count()
        page = list(results[:24])

    assert total == expected_count
    assert len(page) == expected_count
    assert [p.search_rank for p in page] == sorted((p.search_rank for p in page), reverse=True)


@pytest.mark.django_db
def test_the_tsquery_is_planned_once_per_statement_and_the_gin_indexes_exist(catalogue):
    from django.db import connection

    from backend.commerce.product.models import Product
    from backend.commerce.search.selectors import search_products

    sql, params = search_products(Product.objects.all(), "maroile").query.sql_with_params()
    with connection.cursor() as cursor:
        cursor.execute("SET LOCAL enable_seqscan = off")  # the test catalogue is tiny; show what a big one does
        cursor.execute(f"EXPLAIN {sql}", params)
        plan = "\n".join(row[0] for row in cursor.fetchall())
        cursor.execute("SELECT indexdef FROM pg_indexes WHERE indexname = 'search_term_word_trgm_idx'")
        lexicon_index = cursor.fetchone()[0]

    assert plan.count("InitPlan") == 2  # one tsquery for the match, one for the rank: each computed once
    assert "product_search_vector_idx" in plan
    assert lexicon_index.endswith("USING gin (word gin_trgm_ops)")


@pytest.mark.django_db
def test_the_generic_helper_searches_any_model_with_a_vector_and_a_document(catalogue):
    from backend.commerce.product.models import Product
    from backend.commerce.search.selectors import search_queryset

    names = list(
        search_queryset(Product.objects.all(), "rillete", vector_field="search_vector",
                        document_field="search_document").values_list("name", flat=True)
    )

    assert names == ["Rillettes de canard"]
    assert search_queryset(Product.objects.none(), "").count() == 0
