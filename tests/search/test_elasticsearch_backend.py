"""The Elasticsearch backend's requests, checked through the official client with an in-memory node (no server),
its fallback to PostgreSQL when the cluster is down, and a live test when ELASTICSEARCH_URL is set."""

import functools
import logging
import os
import socket

import pytest

from tests.search.conftest import ranked_names
from tests.search.fake_elasticsearch import Recorder

ALIAS = "comptoir-products"


@pytest.fixture
def recorder():
    return Recorder()


@pytest.fixture
def es_backend(recorder, settings, monkeypatch):
    """The Elasticsearch backend selected from settings, its client talking to the recorder."""
    from elasticsearch import Elasticsearch

    from backend.commerce.search import backends
    from backend.commerce.search.backends.elasticsearch import ElasticsearchBackend

    client = Elasticsearch("http://es.invalid:9200", node_class=recorder.node_class(), max_retries=0)
    backend = ElasticsearchBackend(client=client)
    settings.ELASTICSEARCH_URL = "http://es.invalid:9200"
    monkeypatch.setattr(backends, "_backend_for", functools.lru_cache(lambda url: backend))
    return backend


def _closed_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


@pytest.mark.django_db
def test_a_search_sends_one_multi_match_query_to_the_alias_and_keeps_the_clusters_order(
    catalogue, es_backend, recorder
):
    from backend.commerce.search.backends.elasticsearch_schema import search_body

    mignon, maroilles = catalogue["Mignon de Maroilles"], catalogue["Maroilles AOP fermier"]
    recorder.answer("POST", f"/{ALIAS}/_search", {"hits": {"hits": [{"_id": str(mignon.pk)},
                                                                    {"_id": str(maroilles.pk)}]}})

    names = ranked_names("Maroilles: (AOP)*")

    assert names == ["Mignon de Maroilles", "Maroilles AOP fermier"]
    assert recorder.requests == [("POST", f"/{ALIAS}/_search", search_body("maroilles aop", size=1000))]
    should = recorder.requests[0][2]["query"]["bool"]["should"]
    assert [clause["multi_match"]["type"] for clause in should] == ["cross_fields", "best_fields", "bool_prefix"]
    assert should[1]["multi_match"]["fuzziness"] == "AUTO"


@pytest.mark.django_db
def test_a_full_reindex_fills_a_new_index_then_swaps_the_alias_and_drops_the_old_index(
    catalogue, es_backend, recorder
):
    from backend.commerce.search.backends.elasticsearch_schema import INDEX_SETTINGS, MAPPINGS
    from backend.commerce.search.services import search_reindex_all

    recorder.answer("GET", f"/_alias/{ALIAS}", {"comptoir-products-old": {"aliases": {ALIAS: {}}}})
    progress = []

    count = search_reindex_all(progress=lambda current, total: progress.append((current, total)))

    calls = recorder.calls()
    new_index = calls[0][1].lstrip("/")
    assert count == len(catalogue)
    assert new_index.startswith(f"{ALIAS}-")
    assert calls == [("PUT", f"/{new_index}"), ("PUT", "/_bulk"), ("POST", f"/{new_index}/_refresh"),
                     ("GET", f"/_alias/{ALIAS}"), ("POST", "/_aliases"), ("DELETE", "/comptoir-products-old")]
    assert recorder.requests[0][2] == {"settings": INDEX_SETTINGS, "mappings": MAPPINGS}
    analyzer = INDEX_SETTINGS["analysis"]["analyzer"]["french_folded"]
    assert analyzer["filter"] == ["french_elision", "lowercase", "asciifolding", "french_stop", "french_stemmer"]
    bulk = recorder.requests[1][2]
    assert len(bulk) == 2 * len(catalogue)
    assert {line["index"]["_index"] for line in bulk[0::2]} == {new_index}
    pate = catalogue["Pâté de campagne"]
    source = bulk[1 + 2 * [line["index"]["_id"] for line in bulk[0::2]].index(str(pate.pk))]
    assert source == {"name": "Pâté de campagne", "categories": ["Charcuterie"], "producers": ["Charcuterie Delattre"],
                      "communes": ["Le Quesnoy"], "labels": ["Label Rouge"],
                      "description": "Pâté de porc fermier au poivre."}
    assert recorder.requests[4][2] == {"actions": [
        {"remove": {"index": "comptoir-products-old", "alias": ALIAS}},
        {"add": {"index": new_index, "alias": ALIAS}},
    ]}
    n = len(catalogue)
    assert progress == [(n, 2 * n), (n, 2 * n), (2 * n, 2 * n)]


@pytest.mark.django_db
def test_an_incremental_update_after_commit_writes_through_the_alias(
    catalogue, es_backend, recorder, django_capture_on_commit_callbacks
):
    from backend.commerce.product.models import Product
    from backend.commerce.search.services import search_products_changed

    poireaux = catalogue["Poireaux"]

    with django_capture_on_commit_callbacks(execute=True):
        Product.objects.filter(pk=poireaux.pk).update(name="Poireaux primeurs")
        search_products_changed(product_ids=[poireaux.pk])

    assert recorder.calls() == [("HEAD", f"/_alias/{ALIAS}"), ("PUT", "/_bulk")]
    assert recorder.requests[1][2][0] == {"index": {"_index": ALIAS, "_id": str(poireaux.pk)}}
    assert recorder.requests[1][2][1]["name"] == "Poireaux primeurs"
    assert Product.objects.get(pk=poireaux.pk).search_index_dirty is False


@pytest.mark.django_db
def test_a_deleted_product_is_removed_from_the_index_after_commit(
    catalogue, es_backend, recorder, django_capture_on_commit_callbacks
):
    from backend.commerce.product.models import Product
    from backend.commerce.search.services import search_products_deleted

    tarte = catalogue["Tarte au sucre"]

    with django_capture_on_commit_callbacks(execute=True):
        Product.objects.filter(pk=tarte.pk).delete()
        search_products_deleted(product_ids=[tarte.pk])

    assert recorder.requests == [("PUT", "/_bulk", [{"delete": {"_index": ALIAS, "_id": str(tarte.pk)}}])]


@pytest.mark.django_db
def test_when_the_cluster_is_down_search_falls_back_to_postgres_and_logs_a_warning(catalogue, settings, caplog):
    from backend.commerce.search.backends import get_search_backend, reset_search_backend

    settings.ELASTICSEARCH_URL = f"http://127.0.0.1:{_closed_port()}"
    reset_search_backend()
    try:
        with caplog.at_level(logging.WARNING, logger="backend.commerce.search.selectors"):
            first = ranked_names("pate de campagne")
            second = ranked_names("biere ambree")
        backend_name = get_search_backend().name
    finally:
        reset_search_backend()

    assert backend_name == "elasticsearch"
    assert first == ["Pâté de campagne"]
    assert second == ["Bière ambrée des Remparts"]
    warnings = [record.getMessage() for record in caplog.records
                if record.name == "backend.commerce.search.selectors" and record.levelno == logging.WARNING]
    assert len(warnings) == 2
    assert warnings[0].startswith("Recherche elasticsearch indisponible (ConnectionError")
    assert "circuit ouvert" in warnings[1]  # the second page did not wait on the dead cluster


@pytest.mark.django_db
def test_when_the_cluster_is_down_an_update_keeps_postgres_current_and_the_product_dirty(
    catalogue, settings, django_capture_on_commit_callbacks
):
    from backend.commerce.product.models import Product
    from backend.commerce.search.backends import reset_search_backend
    from backend.commerce.search.services import search_products_changed

    settings.ELASTICSEARCH_URL = f"http://127.0.0.1:{_closed_port()}"
    reset_search_backend()
    chicons = catalogue["Chicons"]
    try:
        with django_capture_on_commit_callbacks(execute=True):
            Product.objects.filter(pk=chicons.pk).update(name="Witloof")
            search_products_changed(product_ids=[chicons.pk])
        names = ranked_names("witloof")
    finally:
        reset_search_backend()

    assert names == ["Witloof"]
    assert Product.objects.get(pk=chicons.pk).search_index_dirty is True


@pytest.mark.skipif(not os.environ.get("ELASTICSEARCH_URL"),
                    reason="ELASTICSEARCH_URL n'est pas défini : pas de cluster Elasticsearch joignable ici "
                           "(lancez docker/compose.yaml et exportez ELASTICSEARCH_URL=http://127.0.0.1:9200)")
@pytest.mark.django_db
def test_live_cluster_reindex_then_search_in_french(catalogue, settings):
    from backend.commerce.search.backends import get_search_backend, reset_search_backend
    from backend.commerce.search.services import search_reindex_all

    settings.ELASTICSEARCH_URL = os.environ["ELASTICSEARCH_URL"]
    settings.ELASTICSEARCH_INDEX_PREFIX = "comptoir-test"
    reset_search_backend()
    try:
        search_reindex_all()
        assert get_search_backend().name == "elasticsearch"
        assert ranked_names("pate de campagne")[0] == "Pâté de campagne"
        assert ranked_names("maroile")[0] in {"Maroilles AOP fermier", "Mignon de Maroilles"}
        assert "Bière ambrée des Remparts" in ranked_names("bieres ambrees")
    finally:
        reset_search_backend()
