"""Scalars with Saleor's exact names (the storefront's codegen maps them by name)."""

import decimal

import graphene
from graphene.types.generic import GenericScalar
from graphql.language import ast

JSONString = graphene.JSONString
DateTime = graphene.DateTime
Date = graphene.Date
UUID = graphene.UUID


class Decimal(graphene.Float):
    """Custom Decimal implementation. Returns Decimal as a float in the API, parses float to the Decimal on input."""

    @staticmethod
    def parse_literal(node, _variables=None):
        if isinstance(node, ast.FloatValueNode | ast.IntValueNode):
            return Decimal.parse_value(node.value)
        return None

    @staticmethod
    def parse_value(value):
        try:
            result = decimal.Decimal(str(value))
        except (decimal.InvalidOperation, ValueError, TypeError):
            return None
        return result if result.is_finite() else None


class PositiveDecimal(Decimal):
    """Positive Decimal scalar implementation. Should be used in places where value must be positive."""

    @staticmethod
    def parse_value(value):
        result = Decimal.parse_value(value)
        return result if result is not None and result >= 0 else None

    @staticmethod
    def parse_literal(node, _variables=None):
        if isinstance(node, ast.FloatValueNode | ast.IntValueNode):
            return PositiveDecimal.parse_value(node.value)
        return None


class PositiveInt(graphene.Int):
    """Positive Integer scalar implementation. Should be used in places where value must be positive."""

    @staticmethod
    def parse_value(value):
        try:
            result = int(value)
        except (TypeError, ValueError):
            return None
        return result if result >= 0 else None

    @staticmethod
    def parse_literal(node, _variables=None):
        if isinstance(node, ast.IntValueNode):
            return PositiveInt.parse_value(node.value)
        return None


class WeightScalar(graphene.Scalar):
    """Weight scalar: a number (kilograms) or {value, unit}."""

    @staticmethod
    def serialize(value):
        return float(value) if value is not None else None

    @staticmethod
    def parse_value(value):
        if isinstance(value, dict):
            value = value.get("value")
        try:
            result = decimal.Decimal(str(value))
        except (decimal.InvalidOperation, ValueError, TypeError):
            return None
        return result if result.is_finite() and result >= 0 else None

    @staticmethod
    def parse_literal(node, _variables=None):
        if isinstance(node, ast.FloatValueNode | ast.IntValueNode):
            return WeightScalar.parse_value(node.value)
        return None


class Metadata(GenericScalar):
    """Metadata is a map of key-value pairs, both keys and values are `String`."""


class JSON(GenericScalar):
    """The `JSON` scalar type represents JSON values as specified by ECMA-404."""


class Upload(graphene.Scalar):
    """Variables of this type must be set to null in mutations. They will be replaced with a filename from a following
    multipart part containing a binary file. See: https://github.com/jaydenseric/graphql-multipart-request-spec."""

    @staticmethod
    def serialize(value):
        return value

    @staticmethod
    def parse_value(value):
        return value

    @staticmethod
    def parse_literal(node, _variables=None):
        return node


__all__ = ["JSON", "Date", "DateTime", "Decimal", "GenericScalar", "JSONString", "Metadata", "PositiveDecimal",
           "PositiveInt", "UUID", "Upload", "WeightScalar"]
