"""Saleor's attribute filter inputs, shared by products, variants and pages (names and fields as in Saleor 3.24)."""

import graphene

from backend.api.core.filter_inputs import (
    ContainsFilterInput,
    DateRangeInput,
    DateTimeRangeInput,
    DecimalFilterInput,
    IntRangeInput,
    StringFilterInput,
)


class AssignedAttributeReferenceInput(graphene.InputObjectType):
    referenced_ids = graphene.InputField(
        ContainsFilterInput,
        description="Returns objects with a reference pointing to an object identified by the given ID.",
    )
    page_slugs = graphene.InputField(
        ContainsFilterInput,
        description="Returns objects with a reference pointing to a page identified by the given slug.",
    )
    product_slugs = graphene.InputField(
        ContainsFilterInput,
        description="Returns objects with a reference pointing to a product identified by the given slug.",
    )
    product_variant_skus = graphene.InputField(
        ContainsFilterInput,
        description="Returns objects with a reference pointing to a product variant identified by the given sku.",
    )
    category_slugs = graphene.InputField(
        ContainsFilterInput,
        description="Returns objects with a reference pointing to a category identified by the given slug.",
    )
    collection_slugs = graphene.InputField(
        ContainsFilterInput,
        description="Returns objects with a reference pointing to a collection identified by the given slug.",
    )



class AssignedAttributeValueInput(graphene.InputObjectType):
    slug = graphene.InputField(StringFilterInput, description='Filter by slug assigned to AttributeValue.')
    name = graphene.InputField(StringFilterInput, description='Filter by name assigned to AttributeValue.')
    numeric = graphene.InputField(
        DecimalFilterInput,
        description="Filter by numeric value for attributes of numeric type.",
    )
    date = graphene.InputField(DateRangeInput, description='Filter by date value for attributes of date type.')
    date_time = graphene.InputField(
        DateTimeRangeInput,
        description="Filter by date time value for attributes of date time type.",
    )
    boolean = graphene.Boolean(description='Filter by boolean value for attributes of boolean type.')
    reference = graphene.InputField(AssignedAttributeReferenceInput, description='Filter by reference attribute value.')



class AssignedAttributeWhereInput(graphene.InputObjectType):
    slug = graphene.String(description='Filter by attribute slug.')
    value = graphene.InputField(
        AssignedAttributeValueInput,
        description=("Filter by value of the attribute. Only one value input field is allowed. If provided more "
                     "than one, the error will be raised."),
    )



class AttributeInput(graphene.InputObjectType):
    slug = graphene.String(description='Internal representation of an attribute name.')
    value = graphene.InputField(
        AssignedAttributeValueInput,
        description=("Filter by value of the attribute. Only one value input field is allowed. If provided more "
                     "than one, the error will be raised. Cannot be combined with deprecated fields of "
                     "`AttributeInput`."),
    )
    values = graphene.List(
        graphene.NonNull(graphene.String),
        deprecation_reason="Use `value` instead.",
        description=("Slugs identifying the attributeValues associated with the Attribute. When specified, it "
                     "filters the results to include only records with one of the matching values. Requires `slug` "
                     "to be provided."),
    )
    values_range = graphene.InputField(
        IntRangeInput,
        deprecation_reason="Use `value` instead.",
        description="The range that the returned values should be in. Requires `slug` to be provided.",
    )
    date_time = graphene.InputField(
        DateTimeRangeInput,
        deprecation_reason="Use `value` instead.",
        description="The date/time range that the returned values should be in. Requires `slug` to be provided.",
    )
    date = graphene.InputField(
        DateRangeInput,
        deprecation_reason="Use `value` instead.",
        description=("The date range that the returned values should be in. In case of date/time attributes, the "
                     "UTC midnight of the given date is used. Requires `slug` to be provided."),
    )
    boolean = graphene.Boolean(
        deprecation_reason="Use `value` instead.",
        description="The boolean value of the attribute. Requires `slug` to be provided.",
    )
