"""Helpers the CMS types (pages, menus, shop) share: types owned by other domains, IDs, channels, languages, staff.

Several domains of the API are written at the same time. A field whose type belongs to another domain (Category,
Collection, Attribute, Address...) names that type by its GraphQL name and finds it when the schema is built, so the
domains do not import each other's modules. A small fallback keeps the schema buildable until the owner's type exists;
the owner's type always wins.
"""

from collections.abc import Callable

from django.db.models import Q
from django.utils import timezone
from graphql import GraphQLError

from backend.core.ids import InvalidGlobalId, from_global_id
from backend.core.permissions import PermissionEnum, has_one_of_permissions


def _subclasses(base: type) -> list[type]:
    found, stack = [], [base]
    while stack:
        for sub in stack.pop().__subclasses__():
            found.append(sub)
            stack.append(sub)
    return found


def graphql_type(name: str, fallback: type) -> Callable[[], type]:
    """A thunk for graphene.Field(...): another domain's type named `name`, else `fallback` (ours, provisional)."""

    def find() -> type:
        base = next(b for b in fallback.__mro__[1:] if b.__module__.startswith("graphene.types"))
        owners = [cls for cls in _subclasses(base)
                  if cls is not fallback and getattr(getattr(cls, "_meta", None), "name", None) == name
                  and cls.__module__.startswith(("backend.", "plugins.", "logistics."))
                  and not cls.__module__.startswith(("backend.api.page.", "backend.api.menu.", "backend.api.shop."))]
        return owners[0] if owners else fallback

    return find


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


def check_channel(slug: str | None) -> str | None:
    """The channel slug to use: the given one (it must exist), else the default channel's when it exists."""
    from django.conf import settings

    from backend.commerce.channel.models import Channel

    if slug is None:
        return settings.DEFAULT_CHANNEL_SLUG
    if not Channel.objects.filter(slug=slug).exists():
        raise GraphQLError(f"Channel with '{slug}' slug does not exist.",
                           extensions={"exception": {"code": "NotFound"}})
    return slug


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
