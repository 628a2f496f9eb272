"""Global IDs in account mutation arguments: a malformed ID or one of another type is an AccountError, as Saleor."""

from django.core.exceptions import ValidationError

from backend.commerce.account.error_codes import AccountErrorCode
from backend.core.ids import InvalidGlobalId, from_global_id


def pk_from_global_id(global_id: str, expected_type: str, *, field: str = "id") -> int:
    try:
        type_name, pk = from_global_id(global_id)
    except InvalidGlobalId as exc:
        raise ValidationError({field: ValidationError(f"Identifiant invalide : {global_id}.",
                                                      code=AccountErrorCode.GRAPHQL_ERROR.value)}) from exc
    if type_name != expected_type or not pk.isdigit():
        raise ValidationError({field: ValidationError(
            f"Identifiant invalide : {global_id} n'est pas un identifiant de type {expected_type}.",
            code=AccountErrorCode.GRAPHQL_ERROR.value)})
    return int(pk)
