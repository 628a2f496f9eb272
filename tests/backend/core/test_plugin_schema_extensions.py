import graphene
import pytest

from backend.api.schema import apply_type_extensions


def _types():
    class Cheese(graphene.ObjectType):
        name = graphene.String()

    class Query(graphene.ObjectType):
        cheese = graphene.Field(Cheese)

        def resolve_cheese(root, info):
            return {"name": "Maroilles"}

    return Cheese, Query


def test_a_plugin_adds_a_field_to_an_existing_type():
    cheese, query = _types()

    apply_type_extensions({cheese: {"producer_name": graphene.Field(
        graphene.String, resolver=lambda root, info: f"Ferme de {root['name']}")}})
    result = graphene.Schema(query=query).execute("{ cheese { name producerName } }")

    assert result.errors is None
    assert result.data == {"cheese": {"name": "Maroilles", "producerName": "Ferme de Maroilles"}}


def test_a_plugin_cannot_replace_a_field_of_the_contract():
    cheese, _ = _types()

    with pytest.raises(ValueError, match="Cheese.name already exists"):
        apply_type_extensions({cheese: {"name": graphene.Field(graphene.Int)}})
