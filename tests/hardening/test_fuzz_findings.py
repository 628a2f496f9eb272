"""Regressions of the crashes the API fuzzes found (test_fuzz_graphql.py, test_schemathesis_graphql.py and the long
schemathesis run of `make bench`): each was a resolver crash answered as "Internal Server Error"."""

import json

import pytest

from backend.api.schema import schema

GRAPHQL = schema.graphql_schema


def post(client, body: dict) -> dict:
    response = client.post("/graphql/", data=json.dumps(body), content_type="application/json")
    assert response.status_code == 200
    return response.json()


@pytest.mark.django_db
def test_a_sorting_input_without_its_required_fields_is_a_validation_error(client):
    # given: found by the fuzz — the sorting inputs declared their required fields as output fields, which gave them
    # a default of null: `sortBy: {}` passed validation and the resolver crashed on the missing field
    document = "query { pageTypes(last: 0, sortBy: {}) { edges { cursor } } }"
    # when
    answer = post(client, {"query": document})
    # then
    assert answer == {"data": None, "errors": [
        {"message": "Field 'PageTypeSortingInput.direction' of required type 'OrderDirection!' was not provided.",
         "extensions": {"exception": {"code": "GraphQLError"}}, "locations": [{"line": 1, "column": 36}]},
        {"message": "Field 'PageTypeSortingInput.field' of required type 'PageTypeSortField!' was not provided.",
         "extensions": {"exception": {"code": "GraphQLError"}}, "locations": [{"line": 1, "column": 36}]}]}


def test_no_required_input_has_a_default_that_makes_it_optional():
    # given: a required input field or argument with a default value is optional for graphql-core's validation
    from graphql import GraphQLInputObjectType, GraphQLNonNull, Undefined

    optional_by_default = []
    for graphql_type in GRAPHQL.type_map.values():
        if isinstance(graphql_type, GraphQLInputObjectType):
            optional_by_default += [f"{graphql_type.name}.{name}" for name, field in graphql_type.fields.items()
                                    if isinstance(field.type, GraphQLNonNull) and field.default_value is not Undefined]
    for root in (GRAPHQL.query_type, GRAPHQL.mutation_type):
        for field_name, field in root.fields.items():
            optional_by_default += [f"{root.name}.{field_name}({name})" for name, argument in field.args.items()
                                    if isinstance(argument.type, GraphQLNonNull)
                                    and argument.default_value is not Undefined]
    # then
    assert optional_by_default == []


@pytest.mark.django_db
@pytest.mark.parametrize("body", [
    {"query": 'query { products(channel: "\\u0000", first: 1) { edges { cursor } } }'},
    {"query": "query ($c: String) { products(channel: $c, first: 1) { edges { cursor } } }",
     "variables": {"c": "\x00"}},
], ids=["literal", "variable"])
def test_a_channel_slug_holding_a_nul_character_matches_no_channel(client, body):
    # given: found by the fuzz — PostgreSQL text cannot hold U+0000, the channel lookup crashed in the database
    # when
    answer = post(client, body)
    # then: the answer for any unknown channel (U+0000 reaches the resolvers as U+FFFD, see test_nul_characters)
    assert answer["data"] == {"products": None}
    assert [(e["message"], e["extensions"]) for e in answer["errors"]] == [
        ("Channel with '\ufffd' slug does not exist.", {"exception": {"code": "NotFound"}})]


@pytest.mark.django_db
def test_the_channel_query_with_a_nul_character_finds_nothing(client):
    assert post(client, {"query": 'query { channel(slug: "\\u0000") { id } }'}) == {"data": {"channel": None}}


@pytest.mark.django_db
@pytest.mark.parametrize(("literal", "stored"), [("FR_BE", "FR_BE"), ("FF_LATN_GW", "FF_LATN_GW")])
def test_checkout_create_accepts_a_language_code(client, literal, stored):
    # given: found by schemathesis — the languageCode input is an enum member, not a string (AttributeError)
    from tests import factories

    factories.channel()
    document = f"""mutation {{ checkoutCreate(input: {{channel: "comptoir-de-mormal", languageCode: {literal}}}) {{
        checkout {{ languageCode }} errors {{ field code }} }} }}"""
    # when
    answer = post(client, {"query": document})
    # then
    assert answer == {"data": {"checkoutCreate": {"checkout": {"languageCode": stored}, "errors": []}}}


@pytest.mark.django_db
@pytest.mark.parametrize("field", ["slug", "name"])
def test_product_update_refuses_a_null_name_or_slug(client, field):
    # given: found by the long schemathesis run — `slug: null` reached the database (NOT NULL column)
    from backend.commerce.account.services import _issue_tokens
    from backend.core.ids import to_global_id
    from tests import factories

    product = factories.product("Maroilles AOP")
    token = _issue_tokens(factories.user("equipe@exemple.fr", is_staff=True, is_superuser=True)).access_token
    document = f"""mutation {{ productUpdate(id: "{to_global_id('Product', product.pk)}", input: {{{field}: null}})
        {{ errors {{ field code message }} }} }}"""
    # when
    response = client.post("/graphql/", data=json.dumps({"query": document}), content_type="application/json",
                           HTTP_AUTHORIZATION=f"Bearer {token}")
    # then
    assert response.json() == {"data": {"productUpdate": {"errors": [
        {"field": field, "code": "REQUIRED", "message": "Ce champ ne peut pas être vide."}]}}}
    product.refresh_from_db()
    assert (product.name, product.slug.startswith("maroilles-aop")) == ("Maroilles AOP", True)
