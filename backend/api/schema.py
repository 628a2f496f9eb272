"""The GraphQL schema: Saleor's Query and Mutation, composed from the domains and from the plugins' schema hooks."""

import graphene

from backend.api.account import schema as account
from backend.api.attribute import schema as attribute
from backend.api.channel import schema as channel
from backend.api.checkout import schema as checkout
from backend.api.discount import schema as discount
from backend.api.menu import schema as menu
from backend.api.order import schema as order
from backend.api.page import schema as page
from backend.api.payment import schema as payment
from backend.api.product import schema as product
from backend.api.shipping import schema as shipping
from backend.api.shop import schema as shop
from backend.api.warehouse import schema as warehouse
from backend.core.plugins import get_plugin_manager

DOMAINS = [account, attribute, channel, checkout, discount, menu, order, page, payment, product, shipping, shop,
           warehouse]


def _non_empty(classes):
    return [cls for cls in classes if cls._meta.fields]


def apply_type_extensions(extensions: dict) -> None:
    """Add plugin fields to existing types: {GrapheneObjectType: {"fieldName": graphene.Field(..., resolver=f)}}.

    Fields are named in camelCase or snake_case as graphene expects (snake_case is camel-cased in the schema). A plugin
    may not replace a field the core already declares: extending is allowed, overriding the contract is not.
    """
    for graphene_type, fields in (extensions or {}).items():
        for name, field in fields.items():
            if name in graphene_type._meta.fields:
                raise ValueError(f"{graphene_type.__name__}.{name} already exists; a plugin cannot replace it")
            graphene_type._meta.fields[name] = field


def build_schema() -> graphene.Schema:
    manager = get_plugin_manager()
    apply_type_extensions(manager.filter("graphql_type_extensions", {}))
    query_classes = manager.filter("graphql_query_classes", [d.Queries for d in DOMAINS])
    mutation_classes = manager.filter("graphql_mutation_classes", [d.Mutations for d in DOMAINS])
    query = type("Query", tuple(_non_empty(query_classes)) or (graphene.ObjectType,), {})
    mutations = _non_empty(mutation_classes)
    mutation = type("Mutation", tuple(mutations), {}) if mutations else None
    # Types reachable only through an interface (e.g. the AssignedAttribute kinds) are listed by their domain.
    extra_types = [t for d in DOMAINS for t in getattr(d, "EXTRA_TYPES", ())]
    return graphene.Schema(query=query, mutation=mutation, types=extra_types, auto_camelcase=True)


schema = build_schema()
