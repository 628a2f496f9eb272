"""One typed declaration per hook. A hook is either:

- a *filter*: plugins are called in order, each receiving the previous plugin's value (`previous_value`) and returning
  a new one; the caller gets the last value. A failing plugin is logged and its input value passes through unchanged.
- a *notification*: plugins are told that something happened; calls run after the current transaction commits, and a
  failing plugin is logged and never breaks the caller.

Later issues add their hooks here (checkout, order, payment, delivery options, schema extension).
"""

from dataclasses import dataclass
from typing import Literal


@dataclass(frozen=True)
class Hook:
    name: str
    kind: Literal["filter", "notify"]
    doc: str


def _declare(*hooks: Hook) -> dict[str, Hook]:
    return {hook.name: hook for hook in hooks}


HOOKS: dict[str, Hook] = _declare(
    # catalogue
    Hook("product_created", "notify", "A product was created. kwargs: product"),
    Hook("product_updated", "notify", "A product was updated. kwargs: product"),
    Hook("product_deleted", "notify", "A product was deleted. kwargs: product_id (pk), product_name"),
    Hook("stock_changed", "notify", "A stock quantity changed. kwargs: stock"),
    # search (issue 7)
    Hook("product_search_document", "filter",
         "Add searchable text to products. value: dict {product pk: WeightedDocument} (append to .producers, .labels, "
         ".communes...); kwargs: product_ids. Return the dict."),
    # schema: plugins add GraphQL query/mutation classes and fields on core types (filter on a list)
    Hook("graphql_query_classes", "filter", "Extend the list of graphene ObjectType classes merged into Query."),
    Hook("graphql_mutation_classes", "filter", "Extend the list of graphene ObjectType classes merged into Mutation."),
    Hook("graphql_type_extensions", "filter", "Extend the dict {type name: {field name: (graphene field, resolver)}}."),
)
