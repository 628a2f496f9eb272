"""The executor answers plain fields (attributes, GlobalIDs, `info_free` resolvers) without resolve info: the answers
and the errors must be exactly graphql-core's."""

import graphene
from graphql import GraphQLError

from backend.api.core.execution import execute_operation, info_free


class Price(graphene.ObjectType):
    amount = graphene.Float(required=True)
    cents = graphene.Int(required=True)

    @staticmethod
    @info_free
    def resolve_cents(root, _info):
        return round(root["amount"] * 100)


class Item(graphene.ObjectType):
    id = graphene.GlobalID(required=True)
    name = graphene.String(required=True)
    note = graphene.String()
    price = graphene.Field(Price, required=True)
    count = graphene.Int()

    class Meta:
        interfaces = (graphene.relay.Node,)


class Query(graphene.ObjectType):
    items = graphene.List(graphene.NonNull(Item), required=True)

    @staticmethod
    def resolve_items(_root, _info):
        return [
            {"id": 7, "name": "Maroilles", "note": None, "price": {"amount": 12.5}, "count": 3},
            {"id": 8, "name": None, "note": "sans nom", "price": {"amount": 3.9}, "count": "beaucoup"},
        ]


SCHEMA = graphene.Schema(query=Query, types=[Item])


class Context:
    META: dict = {}
    user = None


def run(query):
    return execute_operation(SCHEMA, query, None, None, Context())


def test_plain_fields_answer_as_graphql_core_does():
    result = run("{ items { id note price { amount cents } } }")
    assert result.errors is None
    assert result.data == {"items": [
        {"id": "SXRlbTo3", "note": None, "price": {"amount": 12.5, "cents": 1250}},
        {"id": "SXRlbTo4", "note": "sans nom", "price": {"amount": 3.9, "cents": 390}},
    ]}


def test_null_on_a_non_null_field_and_a_refused_scalar_are_reported_with_their_paths():
    result = run("{ items { name } }")
    assert result.data is None  # the null travels up to the non-null list
    assert [(error.message, error.path) for error in result.errors] == [
        ("Cannot return null for non-nullable field Item.name.", ["items", 1, "name"])]

    result = run("{ items { count } }")
    assert result.data == {"items": [{"count": 3}, {"count": None}]}
    assert len(result.errors) == 1 and isinstance(result.errors[0], GraphQLError)
    assert result.errors[0].path == ["items", 1, "count"]
    assert result.errors[0].message == "Int cannot represent non-integer value: 'beaucoup'"
