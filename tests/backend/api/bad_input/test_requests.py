"""Malformed requests: the body, the batch, the GraphQL text itself."""

import json

import pytest

from tests.backend.api.bad_input.conftest import ask, only_error, post_raw


@pytest.mark.django_db
def test_syntax_error_is_reported_with_its_location(django_assert_num_queries):
    with django_assert_num_queries(0):
        body = ask("{ shop { name }")

    assert body["data"] is None
    assert only_error(body) == "Syntax Error: Expected Name, found <EOF>."
    assert body["errors"][0]["locations"] == [{"line": 1, "column": 16}]


@pytest.mark.django_db
def test_unknown_field_is_a_validation_error(django_assert_num_queries):
    with django_assert_num_queries(0):
        body = ask("{ shop { nom } }")

    assert only_error(body) == "Cannot query field 'nom' on type 'Shop'. Did you mean 'name'?"


@pytest.mark.django_db
def test_body_that_is_not_json_is_a_400():
    status, body = post_raw("query { shop { name } }")

    assert status == 400
    assert only_error(body) == "The request body is not valid JSON."


@pytest.mark.django_db
def test_body_that_is_not_utf8_is_a_400():
    status, body = post_raw(b"\xff\xfe{}")

    assert status == 400
    assert only_error(body) == "The request body is not valid JSON."


@pytest.mark.django_db
def test_json_that_is_not_an_object_is_a_400():
    status, body = post_raw("42")

    assert status == 400
    assert only_error(body) == "The request body must be a JSON object with a 'query'."


@pytest.mark.django_db
def test_missing_query_is_an_error():
    status, body = post_raw(json.dumps({"variables": {}}))

    assert status == 200
    assert only_error(body) == "Must provide a query string."


@pytest.mark.django_db
def test_query_that_is_not_a_string_is_an_error():
    status, body = post_raw(json.dumps({"query": ["{ shop { name } }"]}))

    assert status == 200
    assert only_error(body) == "Must provide a query string."


@pytest.mark.django_db
def test_variables_that_are_not_an_object_are_an_error():
    status, body = post_raw(json.dumps({"query": "{ shop { name } }", "variables": [1, 2]}))

    assert status == 200
    assert only_error(body) == "Variables must be a JSON object."


@pytest.mark.django_db
def test_variable_of_the_wrong_type_is_an_error(django_assert_num_queries):
    with django_assert_num_queries(0):
        body = ask("query($first: Int) { pages(first: $first) { totalCount } }", {"first": "douze"})

    assert only_error(body) == "Variable '$first' got invalid value 'douze'; Int cannot represent non-integer " \
                               "value: 'douze'"


@pytest.mark.django_db
def test_unknown_operation_name_is_an_error():
    status, body = post_raw(json.dumps({"query": "query A { shop { name } }", "operationName": "B"}))

    assert status == 200
    assert only_error(body) == "Unknown operation named 'B'."


@pytest.mark.django_db
def test_empty_batch_is_a_400():
    status, body = post_raw("[]")

    assert status == 400
    assert only_error(body) == "An empty batch was sent."


@pytest.mark.django_db
def test_oversized_batch_is_a_400_and_runs_nothing(settings, django_assert_num_queries):
    operations = [{"query": "{ shop { name } }"}] * (settings.GRAPHQL_MAX_BATCH + 1)

    with django_assert_num_queries(0):
        status, body = post_raw(json.dumps(operations))

    assert status == 400
    assert only_error(body) == f"A batch may hold at most {settings.GRAPHQL_MAX_BATCH} operations."


@pytest.mark.django_db
def test_batch_with_an_item_that_is_not_an_object_is_a_400():
    status, body = post_raw(json.dumps([{"query": "{ shop { name } }"}, "{ shop { name } }"]))

    assert status == 400
    assert only_error(body) == "Each operation of a batch must be a JSON object."


@pytest.mark.django_db
def test_batch_answers_each_operation_in_order():
    status, body = post_raw(json.dumps([{"query": "{ shop { name } }"}, {"query": "{ shop { nom } }"}]))

    assert status == 200
    assert body[0] == {"data": {"shop": {"name": "Comptoir de Mormal"}}}
    assert body[1]["data"] is None
    assert body[1]["errors"][0]["message"] == "Cannot query field 'nom' on type 'Shop'. Did you mean 'name'?"


@pytest.mark.django_db
def test_multipart_upload_without_its_file_is_refused_with_a_400():
    from django.test import Client

    operations = '{"query": "{ shop { name } }", "variables": {"f": null}}'
    response = Client().post("/graphql/", data={"operations": operations, "map": '{"0": ["variables.f"]}'})

    assert response.status_code == 400
    assert response.json()["errors"][0]["message"] == "File '0' of the map was not sent."


@pytest.mark.django_db
def test_a_failing_loader_answers_an_internal_error_without_details(monkeypatch, caplog):
    # given a published page, and the page-type loader broken (a bug, or the database gone mid-request)
    from backend.api.page.dataloaders import PageTypeByIdLoader
    from backend.commerce.page.models import Page, PageType

    page_type = PageType.objects.create(name="Page légale", slug="page-legale")
    Page.objects.create(page_type=page_type, slug="mentions-legales", title="Mentions légales", is_published=True)

    def broken(self, keys):
        raise RuntimeError("mot de passe de la base : secret")

    monkeypatch.setattr(PageTypeByIdLoader, "batch_load", broken)

    # when a query needs it (pageType is non-null: the error nulls the page)
    status, body = post_raw(json.dumps({"query": '{ page(slug: "mentions-legales") { title pageType { slug } } }'}))

    # then HTTP 200, a generic error at the right path, nothing of the exception's text; the bug is logged
    assert status == 200
    assert body["data"] == {"page": None}
    assert body["errors"] == [{"message": "Internal Server Error",
                               "extensions": {"exception": {"code": "InternalServerError"}},
                               "locations": [{"line": 1, "column": 42}], "path": ["page", "pageType"]}]
    assert "secret" not in json.dumps(body)
    assert "Unhandled error in GraphQL resolver" in caplog.text
