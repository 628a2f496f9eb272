"""A search is one SQL query for its plan (tsquery and candidates, typos resolved inside it), then one per page and
one for the count, whatever the query and the result size."""

import pytest


@pytest.mark.django_db
@pytest.mark.parametrize(("text", "expected_count"), [("sauc", 1), ("maroile", 8), ("bio", 11), ("fromages", 7)])
def test_a_search_costs_its_plan_then_one_query_per_page_and_one_for_the_count(catalogue, django_assert_num_queries,
                                                                               text, expected_count):
    from backend.commerce.product.models import Product
    from backend.commerce.search.selectors import search_products

    with django_assert_num_queries(3):
        results = search_products(Product.objects.all(), text)
        total = results.count()
        page = list(results[:24])

    assert total == expected_count
    assert len(page) == expected_count
    assert [p.search_rank for p in page] == sorted((p.search_rank for p in page), reverse=True)


@pytest.mark.django_db
def test_the_resolved_tsquery_is_a_constant_of_the_page_query_and_the_indexes_exist(catalogue):
    from django.db import connection

    from backend.commerce.product.models import Product
    from backend.commerce.search.selectors import search_products

    sql, params = search_products(Product.objects.all(), "maroile").query.sql_with_params()
    with connection.cursor() as cursor:
        cursor.execute("SET LOCAL enable_seqscan = off")  # the test catalogue is tiny; show what a big one does
        cursor.execute(f"EXPLAIN {sql}", params)
        plan = "\n".join(row[0] for row in cursor.fetchall())
        cursor.execute("SELECT indexname, indexdef FROM pg_indexes WHERE indexname IN "
                       "('search_term_word_trgm_idx', 'search_posting_top_idx') ORDER BY indexname")
        indexes = dict(cursor.fetchall())

    assert "InitPlan" not in plan  # the lexicon was read once, by the plan query
    assert "Bitmap Index Scan on product_search_vector_idx" in plan
    assert "(search_vector @@ '''maroil'':* | ''maroill'''::tsquery)" in plan  # prefix, and the nearest word
    assert indexes["search_term_word_trgm_idx"].endswith("USING gin (word gin_trgm_ops)")
    assert indexes["search_posting_top_idx"].endswith("USING btree (lexeme, score DESC, product_id)")


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
