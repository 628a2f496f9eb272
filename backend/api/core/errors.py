"""Typed mutation errors, as Saleor returns them in each payload: `errors: [XError!]!` with field, message, code."""

import graphene
from django.core.exceptions import NON_FIELD_ERRORS, ValidationError
from graphql import GraphQLError


class PermissionDenied(GraphQLError):
    def __init__(self, message="You do not have permission to perform this action", permissions=None):
        extensions = {"exception": {"code": "PermissionDenied"}}
        if permissions:
            extensions["exception"]["permissions"] = [getattr(p, "name", str(p)) for p in permissions]
        super().__init__(message, extensions=extensions)


class NotFoundError(GraphQLError):
    def __init__(self, message):
        super().__init__(message, extensions={"exception": {"code": "NotFound"}})


class Error(graphene.ObjectType):
    field = graphene.String(
        description="Name of a field that caused the error. A value of `null` indicates that the error isn't "
        "associated with a particular field."
    )
    message = graphene.String(description="The error message.")

    class Meta:
        description = "Represents an error in the input of a mutation."


def to_camel_case(name: str) -> str:
    head, *rest = name.split("_")
    return head + "".join(part[:1].upper() + part[1:] for part in rest)


def validation_error_to_list(error: ValidationError, default_code: str) -> list[dict]:
    """Flatten a Django ValidationError into [{field, message, code, **params}] (field in camelCase, None if global)."""
    items = []
    if hasattr(error, "error_dict"):
        for field, errors in error.error_dict.items():
            for err in errors:
                items.append(_item(None if field == NON_FIELD_ERRORS else to_camel_case(field), err, default_code))
    else:
        for err in error.error_list:
            items.append(_item(None, err, default_code))
    return items


def _item(field, err: ValidationError, default_code: str) -> dict:
    message = err.message % err.params if err.params and "%" in str(err.message) else str(err.message)
    extra = {}
    if isinstance(err.params, dict):
        extra = {k: v for k, v in err.params.items() if k in {"variants", "lines", "address_type", "warehouses"}}
    return {"field": field, "message": message, "code": (err.code or default_code), **extra}
