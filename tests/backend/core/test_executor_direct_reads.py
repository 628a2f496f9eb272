"""The executor answers plain fields (attributes, GlobalIDs, `info_free` resolvers) without resolve info: the answers
and the errors must be exactly graphql-core's."""

import graphene
from graphql import GraphQLError

from backend.api.core.execution import execute_operation
from backend.api.core.executor import info_free


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


class Label(graphene.ObjectType):
    text = graphene.String(required=True)

    @staticmethod
    def resolve_text(root, _info):
        if root["text"] == "boom":
            raise ValueError("étiquette illisible")
        return root["text"]


class Box(graphene.ObjectType):
    label = graphene.Field(Label)  # nullable, read from the parent: the direct path
    name = graphene.String(required=True)


class Options(graphene.InputObjectType):
    tags = graphene.List(graphene.String)


class Shelf(graphene.ObjectType):
    boxes = graphene.List(graphene.NonNull(Box), required=True)
    wrapped = graphene.String(size=graphene.Int(), required=True)
    tagged = graphene.String(options=Options(), required=True)
    nosy = graphene.String(required=True)

    @staticmethod
    def resolve_wrapped(root, info, size=None):
        return f"{root['name']}:{size}"

    @staticmethod
    def resolve_tagged(root, info, options=None):
        tags = options["tags"]
        tags.append("ajouté")  # a resolver that changes its argument must not change the next item's
        return ",".join(tags)

    @staticmethod
    def resolve_nosy(root, _info):
        return _info.field_name  # breaks the convention: must still answer, through the full path


class ShelfQuery(graphene.ObjectType):
    shelves = graphene.List(graphene.NonNull(Shelf), required=True)

    @staticmethod
    def resolve_shelves(_root, _info):
        return [
            {"name": "a", "boxes": [{"name": "ok", "label": {"text": "fromage"}},
                                    {"name": "ko", "label": {"text": "boom"}},
                                    {"name": "vide", "label": {"text": None}}]},
            {"name": "b", "boxes": []},
        ]


SHELF_SCHEMA = graphene.Schema(query=ShelfQuery)


def run_shelves(query):
    return execute_operation(SHELF_SCHEMA, query, None, None, Context())


def test_a_failure_below_a_directly_read_object_nulls_that_object_only():
    query = "{ shelves { boxes { name label { text } } } }"
    result, reference = run_shelves(query), SHELF_SCHEMA.execute(query)  # and graphql-core's own executor
    assert result.data == reference.data
    assert [(e.message, e.path) for e in result.errors] == [(e.message, e.path) for e in reference.errors]
    assert result.data == {"shelves": [
        {"boxes": [{"name": "ok", "label": {"text": "fromage"}}, {"name": "ko", "label": None},
                   {"name": "vide", "label": None}]},
        {"boxes": []},
    ]}
    assert [(error.message, error.path) for error in result.errors] == [
        ("étiquette illisible", ["shelves", 0, "boxes", 1, "label", "text"]),
        ("Cannot return null for non-nullable field Label.text.", ["shelves", 0, "boxes", 2, "label", "text"])]


def test_a_subtree_of_plain_reads_is_read_in_one_go_and_answers_as_graphql_core():
    result = run("{ items { price { amount cents } } }")
    assert result.errors is None
    assert result.data == {"items": [{"price": {"amount": 12.5, "cents": 1250}},
                                     {"price": {"amount": 3.9, "cents": 390}}]}
    # the same subtree under a list of the same nodes, with one refused value deep down, is answered by the full
    # path: the error's path and the nulled level are graphql-core's
    for query in ("{ items { name count price { amount } } }", "{ items { count price { amount } name } }"):
        ours, theirs = run(query), SCHEMA.execute(query)  # graphene's execute: graphql-core's own executor
        assert ours.data == theirs.data
        assert [(e.message, e.path) for e in ours.errors] == [(e.message, e.path) for e in theirs.errors]
        assert len(ours.errors) == (1 if query.index("name") < query.index("count") else 2)


def test_a_resolver_naming_its_info_unused_is_called_without_one_and_one_that_reads_it_still_answers(monkeypatch):
    import backend.api.core.executor as executor

    assert executor._names_info_unused(Label.resolve_text) is True
    assert executor._names_info_unused(Shelf.resolve_wrapped) is False
    built = []
    original = executor.BatchingExecutionContext.build_resolve_info

    def counting(self, field_def, field_nodes, parent_type, path):
        built.append(f"{parent_type.name}.{field_nodes[0].name.value}")
        return original(self, field_def, field_nodes, parent_type, path)

    monkeypatch.setattr(executor.BatchingExecutionContext, "build_resolve_info", counting)
    result = run_shelves('{ shelves { boxes { label { text } } } }')
    assert result.data["shelves"][0]["boxes"][0] == {"label": {"text": "fromage"}}
    # Label.text (`_info`) is read directly for "fromage"; the label that raises and the null one take the full path
    assert built.count("Label.text") == 2

    built.clear()
    result = run_shelves("{ shelves { nosy } }")
    assert result.errors is None
    assert result.data == {"shelves": [{"nosy": "nosy"}, {"nosy": "nosy"}]}
    assert built == ["ShelfQuery.shelves", "Shelf.nosy", "Shelf.nosy"]  # it failed without: the full path answered


def test_arguments_of_plain_values_are_coerced_once_per_request_and_input_objects_on_every_call(monkeypatch):
    import backend.api.core.executor as executor

    coerced = []
    original = executor.get_argument_values

    def counting(field_def, node, variables):
        coerced.append(node.name.value)
        return original(field_def, node, variables)

    monkeypatch.setattr(executor, "get_argument_values", counting)
    result = run_shelves('{ shelves { wrapped(size: 256) tagged(options: {tags: ["bio"]}) } }')
    assert result.errors is None
    assert result.data == {"shelves": [{"wrapped": "a:256", "tagged": "bio,ajouté"},
                                       {"wrapped": "b:256", "tagged": "bio,ajouté"}]}
    assert sorted(coerced) == ["tagged", "tagged", "wrapped"]
