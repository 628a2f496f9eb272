"""Relay global IDs encoded exactly as Saleor does: base64("<TypeName>:<pk>")."""

import base64
import binascii


class InvalidGlobalId(ValueError):
    pass


def to_global_id(type_name: str, pk) -> str:
    return base64.b64encode(f"{type_name}:{pk}".encode()).decode()


def from_global_id(global_id: str) -> tuple[str, str]:
    """Decode a global ID into (type name, pk string); raises InvalidGlobalId on anything malformed."""
    if not isinstance(global_id, str) or not global_id:
        raise InvalidGlobalId("Couldn't resolve id: empty value.")
    try:
        decoded = base64.b64decode(global_id, validate=True).decode()
    except (binascii.Error, UnicodeDecodeError, ValueError) as exc:
        raise InvalidGlobalId(f"Couldn't resolve id: {global_id}.") from exc
    type_name, sep, pk = decoded.partition(":")
    if not sep or not type_name or not pk:
        raise InvalidGlobalId(f"Couldn't resolve id: {global_id}.")
    return type_name, pk
