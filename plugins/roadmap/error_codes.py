"""WorkshopErrorCode: the `code` of every WorkshopError the workshop mutations return (values are the GraphQL names)."""

from enum import Enum


class WorkshopErrorCode(str, Enum):
    FULL = "FULL"
    NOT_FOUND = "NOT_FOUND"
    INVALID = "INVALID"
    CANCELLED = "CANCELLED"
    ALREADY_REGISTERED = "ALREADY_REGISTERED"
