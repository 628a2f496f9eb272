"""Global IDs in checkout, order and payment arguments, answered as Saleor does inside the payload's `errors`:
a malformed ID or an ID of another type is GRAPHQL_ERROR, a well-formed ID of nothing is NOT_FOUND (said by the
service that looks it up)."""

import uuid

from django.core.exceptions import ValidationError

from backend.core.ids import InvalidGlobalId, from_global_id


def decode_pk(global_id, expected: str | tuple[str, ...], *, field: str = "id", kind: str = "uuid"):
    """`expected` type name(s) -> (type name, pk); pk is a UUID (kind="uuid") or an int (kind="int")."""
    expected = (expected,) if isinstance(expected, str) else expected
    try:
        type_name, pk = from_global_id(global_id)
    except InvalidGlobalId:
        raise _invalid(field, f"Identifiant invalide : {global_id}.") from None
    if type_name not in expected:
        raise _invalid(field, f"Identifiant invalide : il faut un identifiant de type {' ou '.join(expected)}, "
                              f"pas {type_name}.")
    try:
        return type_name, (uuid.UUID(pk) if kind == "uuid" else int(pk))
    except ValueError:
        raise _invalid(field, f"Identifiant invalide : {global_id}.") from None


def decode_uuid(global_id, expected: str, *, field: str = "id") -> uuid.UUID:
    return decode_pk(global_id, expected, field=field)[1]


def decode_int(global_id, expected: str, *, field: str = "id") -> int:
    return decode_pk(global_id, expected, field=field, kind="int")[1]


def _invalid(field: str, message: str) -> ValidationError:
    return ValidationError({field: ValidationError(message, code="GRAPHQL_ERROR")})
