"""`attributes(where:)`: Saleor's AttributeWhereInput and the Q it builds."""

import graphene
from django.db.models import Q

from backend.api.core.enums import saleor_enum
from backend.api.core.filter_inputs import MetadataFilter, StringFilterInput, metadata_list_q, string_filter_q
from backend.api.product.ids import decode_id, decode_ids

ENUM_FILTER_DESCRIPTIONS = {"eq": "The value equal to.", "one_of": "The value included in."}


def _enum_filter_input(enum_name: str):
    enum = saleor_enum(enum_name)
    return type(f"{enum_name}FilterInput", (graphene.InputObjectType,), {
        "eq": graphene.InputField(enum, description=ENUM_FILTER_DESCRIPTIONS["eq"]),
        "one_of": graphene.List(graphene.NonNull(enum), description=ENUM_FILTER_DESCRIPTIONS["one_of"]),
    })


AttributeInputTypeEnumFilterInput = _enum_filter_input("AttributeInputTypeEnum")
AttributeEntityTypeEnumFilterInput = _enum_filter_input("AttributeEntityTypeEnum")
AttributeTypeEnumFilterInput = _enum_filter_input("AttributeTypeEnum")
MeasurementUnitsEnumFilterInput = _enum_filter_input("MeasurementUnitsEnum")


class AttributeWhereInput(graphene.InputObjectType):
    metadata = graphene.List(graphene.NonNull(MetadataFilter))
    ids = graphene.List(graphene.NonNull(graphene.ID))
    name = graphene.InputField(StringFilterInput)
    slug = graphene.InputField(StringFilterInput)
    with_choices = graphene.Boolean()
    input_type = graphene.InputField(AttributeInputTypeEnumFilterInput)
    entity_type = graphene.InputField(AttributeEntityTypeEnumFilterInput)
    type = graphene.InputField(AttributeTypeEnumFilterInput)
    unit = graphene.InputField(MeasurementUnitsEnumFilterInput)
    in_collection = graphene.ID()
    in_category = graphene.ID()
    value_required = graphene.Boolean()
    visible_in_storefront = graphene.Boolean()
    filterable_in_dashboard = graphene.Boolean(
        deprecation_reason="This flag is not used by Saleor. Keep the logic in the dashboard or use `Attribute` "
                           "metadata instead.",
        description="Whether the attribute can be filtered in dashboard.")
    and_ = graphene.List(graphene.NonNull(lambda: AttributeWhereInput), name="AND",
                         description="List of conditions that must be met.")
    or_ = graphene.List(graphene.NonNull(lambda: AttributeWhereInput), name="OR",
                        description="A list of conditions of which at least one must be met.")

    class Meta:
        description = "Where filtering options."


def _names(value) -> list[str]:
    if not value:
        return []
    if value.get("eq") is not None:
        return [getattr(value["eq"], "name", value["eq"])]
    return [getattr(item, "name", item) for item in value.get("one_of") or ()]


def in_category_q(category_global_id) -> Q:
    category_id = decode_id(category_global_id, "Category")
    return Q(product_types__products__category_id=category_id) | Q(
        variant_product_types__products__category_id=category_id)


def in_collection_q(collection_global_id) -> Q:
    collection_id = decode_id(collection_global_id, "Collection")
    return Q(product_types__products__collections__id=collection_id) | Q(
        variant_product_types__products__collections__id=collection_id)


def attribute_where_q(where) -> Q:
    if not where:
        return Q()
    q = metadata_list_q(where.get("metadata"))
    if where.get("ids") is not None:
        q &= Q(pk__in=decode_ids(where["ids"], "Attribute"))
    q &= string_filter_q("name", where.get("name")) & string_filter_q("slug", where.get("slug"))
    if where.get("with_choices") is not None:
        choices = Q(input_type__in=["dropdown", "multiselect", "swatch"])
        q &= choices if where["with_choices"] else ~choices
    if where.get("input_type"):
        q &= Q(input_type__in=[name.lower().replace("_", "-") for name in _names(where["input_type"])])
    if where.get("entity_type"):
        q &= Q(entity_type__in=[name.lower() for name in _names(where["entity_type"])])
    if where.get("type"):
        q &= Q(type__in=[name.lower().replace("_", "-") for name in _names(where["type"])])
    if where.get("unit"):
        q &= Q(unit__in=[name.lower() for name in _names(where["unit"])])
    for flag in ("value_required", "visible_in_storefront", "filterable_in_dashboard"):
        if where.get(flag) is not None:
            q &= Q(**{flag: where[flag]})
    if where.get("in_category"):
        q &= in_category_q(where["in_category"])
    if where.get("in_collection"):
        q &= in_collection_q(where["in_collection"])
    for item in where.get("and_") or ():
        q &= attribute_where_q(item)
    if where.get("or_"):
        any_of = Q(pk__in=[])
        for item in where["or_"]:
            any_of |= attribute_where_q(item)
        q &= any_of
    return q
