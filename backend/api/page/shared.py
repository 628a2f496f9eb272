"""Helpers the CMS types (pages, menus, shop) share: IDs, languages, publication, who is asking."""

from django.db.models import Q
from django.utils import timezone
from graphql import GraphQLError

from backend.core.ids import InvalidGlobalId, from_global_id
from backend.core.permissions import PermissionEnum, has_one_of_permissions


def decode_id(global_id: str, expected: str) -> int | None:
    """The integer pk of a global ID of type `expected`: GraphQL error when malformed or of another type."""
    try:
        type_name, pk = from_global_id(global_id)
    except InvalidGlobalId as exc:
        raise GraphQLError(f"Invalid ID: {global_id}. Expected: {expected}.") from exc
    if type_name != expected:
        raise GraphQLError(f"Invalid ID: {global_id}. Expected: {expected}, received: {type_name}.")
    try:
        return int(pk)
    except ValueError as exc:
        raise GraphQLError(f"Invalid ID: {global_id}. Expected: {expected}.") from exc


def decode_ids(global_ids, expected: str) -> list[int]:
    return [decode_id(value, expected) for value in global_ids or ()]


def language_candidates(language_code: str) -> tuple[str, ...]:
    """Stored codes that answer a LanguageCodeEnum value: 'FR_BE' -> ('fr-be', 'fr_be', 'fr')."""
    code = str(getattr(language_code, "value", language_code)).lower()
    base = code.split("_")[0]
    return tuple(dict.fromkeys((code.replace("_", "-"), code, base)))


def is_french(language_code) -> bool:
    """French is the base language: its 'translation' is the text itself."""
    return language_candidates(language_code)[-1] == "fr"


def pick_translation(rows, language_code):
    by_code = {row.language_code.lower(): row for row in rows}
    return next((by_code[code] for code in language_candidates(language_code) if code in by_code), None)


def user_of(info):
    return getattr(info.context, "user", None)


def can_manage_pages(info) -> bool:
    return has_one_of_permissions(user_of(info), [PermissionEnum.MANAGE_PAGES])


def is_staff(info) -> bool:
    user = user_of(info)
    return bool(user is not None and user.is_active and user.is_staff)


def published_q(prefix: str = "") -> Q:
    """Published now: the flag set and the publication date (if any) in the past."""
    now = timezone.now()
    return Q(**{f"{prefix}is_published": True}) & (
        Q(**{f"{prefix}published_at__isnull": True}) | Q(**{f"{prefix}published_at__lte": now})
    )


def is_published_now(obj) -> bool:
    return bool(obj.is_published and (obj.published_at is None or obj.published_at <= timezone.now()))
