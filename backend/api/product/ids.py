"""Global IDs received from clients, checked the way Saleor does: a malformed ID or an ID of another type is a
GraphQL error with a clear message, never a 500; a well-formed ID of an unknown object is simply not found."""

import uuid

from graphql import GraphQLError

from backend.core.ids import InvalidGlobalId, from_global_id

UUID_TYPES = {"Warehouse"}


def decode_id(global_id: str, expected: str):
    """`expected` type name -> the primary key (int, or UUID for warehouses)."""
    try:
        type_name, pk = from_global_id(global_id)
    except InvalidGlobalId as exc:
        raise GraphQLError(f"Invalid ID: {global_id}. Expected: {expected}.") from exc
    if type_name != expected:
        raise GraphQLError(f"Invalid ID: {global_id}. Expected: {expected}, received: {type_name}.")
    try:
        return uuid.UUID(pk) if expected in UUID_TYPES else int(pk)
    except ValueError as exc:
        raise GraphQLError(f"Invalid ID: {global_id}. Expected: {expected}.") from exc


def decode_ids(global_ids, expected: str) -> list:
    return [decode_id(global_id, expected) for global_id in global_ids or ()]
