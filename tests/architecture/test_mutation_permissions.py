"""Deny by default: every mutation of the schema declares who may call it."""

from backend.api.core.mutations import AUTH_RULES, BaseMutation
from backend.api.schema import schema


def _mutation_classes():
    mutation_type = schema.graphql_schema.mutation_type
    if mutation_type is None:
        return {}
    graphene_mutation = schema.graphql_schema.get_type("Mutation").graphene_type
    classes = {}
    for name, field in graphene_mutation._meta.fields.items():
        classes[name] = getattr(field.type, "_meta", None) and field.type
    return classes


def test_every_mutation_is_a_base_mutation_with_a_declared_rule():
    classes = _mutation_classes()
    assert len(classes) >= 60  # the walk really covers the schema (Saleor's contract alone has 33 storefront mutations)
    undeclared = []
    for name, cls in classes.items():
        if not (isinstance(cls, type) and issubclass(cls, BaseMutation)):
            undeclared.append(f"{name}: not a BaseMutation")
            continue
        if cls._meta.permissions is None and cls._meta.auth not in AUTH_RULES:
            undeclared.append(f"{name}: no permissions and no auth rule")

    assert undeclared == []


def test_an_empty_permission_list_denies_everybody():
    from types import SimpleNamespace

    from backend.core.permissions import has_permissions

    superuser = SimpleNamespace(is_active=True, has_perm=lambda perm: True)
    assert has_permissions(superuser, []) is False
