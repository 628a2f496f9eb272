"""Saleor's shared filter inputs (names, fields and descriptions as in Saleor 3.24) and the Q objects they build.

Several domains filter with them (`products(where:)`, `pages(where:)`, `attributes(where:)`...): a GraphQL type name
may exist once in a schema, so they live here and every domain imports them.
"""

import graphene
from django.db.models import Q

from backend.api.core.scalars import Decimal


class StringFilterInput(graphene.InputObjectType):
    eq = graphene.String(description="The value equal to.")
    one_of = graphene.List(graphene.NonNull(graphene.String), description="The value included in.")

    class Meta:
        description = "Define the filtering options for string fields."


class GlobalIDFilterInput(graphene.InputObjectType):
    eq = graphene.ID(description="The value equal to.")
    one_of = graphene.List(graphene.NonNull(graphene.ID), description="The value included in.")

    class Meta:
        description = "Define the filtering options for foreign key fields."


class MetadataFilter(graphene.InputObjectType):
    key = graphene.String(required=True, description="Key of a metadata item.")
    value = graphene.String(description="Value of a metadata item.")


class MetadataValueFilterInput(graphene.InputObjectType):
    eq = graphene.String(description="The value equal to.")
    one_of = graphene.List(graphene.NonNull(graphene.String), description="The value included in.")

    class Meta:
        description = "Define the filtering options for metadata value fields."


class MetadataFilterInput(graphene.InputObjectType):
    key = graphene.String(required=True, description="Key to filter by. If not other fields provided - checking the "
                                                     "existence of the key in metadata.")
    value = graphene.InputField(MetadataValueFilterInput, description="Value to filter by.")

    class Meta:
        description = "Allows filtering based on metadata key/value pairs."


class DecimalRangeInput(graphene.InputObjectType):
    gte = graphene.InputField(Decimal, description="Decimal value greater than or equal to.")
    lte = graphene.InputField(Decimal, description="Decimal value less than or equal to.")


class DecimalFilterInput(graphene.InputObjectType):
    eq = graphene.InputField(Decimal, description="The value equal to.")
    one_of = graphene.List(graphene.NonNull(Decimal), description="The value included in.")
    range = graphene.InputField(DecimalRangeInput, description="The value in range.")

    class Meta:
        description = "Define the filtering options for decimal fields."


class DateTimeRangeInput(graphene.InputObjectType):
    gte = graphene.DateTime(description="Start date.")
    lte = graphene.DateTime(description="End date.")


class DateTimeFilterInput(graphene.InputObjectType):
    eq = graphene.DateTime(description="The value equal to.")
    one_of = graphene.List(graphene.NonNull(graphene.DateTime), description="The value included in.")
    range = graphene.InputField(DateTimeRangeInput, description="The value in range.")

    class Meta:
        description = "Define the filtering options for date time fields."


class DateRangeInput(graphene.InputObjectType):
    gte = graphene.Date(description="Start date.")
    lte = graphene.Date(description="End date.")


class IntRangeInput(graphene.InputObjectType):
    gte = graphene.Int(description="Value greater than or equal to.")
    lte = graphene.Int(description="Value less than or equal to.")


class ContainsFilterInput(graphene.InputObjectType):
    contains_any = graphene.List(graphene.NonNull(graphene.String),
                                 description="The field contains at least one of the specified values.")
    contains_all = graphene.List(graphene.NonNull(graphene.String),
                                 description="The field contains all of the specified values.")

    class Meta:
        description = "Define the filtering options for fields that can contain multiple values."


class PriceRangeInput(graphene.InputObjectType):
    gte = graphene.Float(description="Price greater than or equal to.")
    lte = graphene.Float(description="Price less than or equal to.")


# --- Q builders: each returns Q() (no restriction) for an empty input ---

def string_filter_q(field: str, value) -> Q:
    if not value:
        return Q()
    if value.get("eq") is not None:
        return Q(**{field: value["eq"]})
    if value.get("one_of") is not None:
        return Q(**{f"{field}__in": value["one_of"]})
    return Q()


def range_q(field: str, value) -> Q:
    """{gte, lte} -> Q; either bound may be missing."""
    q = Q()
    if not value:
        return q
    if value.get("gte") is not None:
        q &= Q(**{f"{field}__gte": value["gte"]})
    if value.get("lte") is not None:
        q &= Q(**{f"{field}__lte": value["lte"]})
    return q


def value_filter_q(field: str, value) -> Q:
    """DecimalFilterInput / DateTimeFilterInput: eq, oneOf or range."""
    if not value:
        return Q()
    if value.get("eq") is not None:
        return Q(**{field: value["eq"]})
    if value.get("one_of") is not None:
        return Q(**{f"{field}__in": value["one_of"]})
    return range_q(field, value.get("range"))


def metadata_list_q(items, field: str = "metadata") -> Q:
    """[MetadataFilter{key, value}]: every key must exist (with that value when given)."""
    q = Q()
    for item in items or ():
        if item.get("value") is None:
            q &= Q(**{f"{field}__has_key": item["key"]})
        else:
            q &= Q(**{f"{field}__contains": {item["key"]: item["value"]}})
    return q


def metadata_filter_q(item, field: str = "metadata") -> Q:
    """MetadataFilterInput{key, value{eq, oneOf}}."""
    if not item:
        return Q()
    value = item.get("value")
    if not value:
        return Q(**{f"{field}__has_key": item["key"]})
    if value.get("eq") is not None:
        return Q(**{f"{field}__contains": {item["key"]: value["eq"]}})
    if value.get("one_of") is not None:
        q = Q(pk__in=[])
        for option in value["one_of"]:
            q |= Q(**{f"{field}__contains": {item["key"]: option}})
        return q
    return Q(**{f"{field}__has_key": item["key"]})
