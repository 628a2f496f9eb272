"""Saleor's ShippingErrorCode (3.24)."""

from enum import Enum


class ShippingErrorCode(str, Enum):
    ALREADY_EXISTS = "ALREADY_EXISTS"
    GRAPHQL_ERROR = "GRAPHQL_ERROR"
    INVALID = "INVALID"
    MAX_LESS_THAN_MIN = "MAX_LESS_THAN_MIN"
    NOT_FOUND = "NOT_FOUND"
    REQUIRED = "REQUIRED"
    UNIQUE = "UNIQUE"
    DUPLICATED_INPUT_ITEM = "DUPLICATED_INPUT_ITEM"
