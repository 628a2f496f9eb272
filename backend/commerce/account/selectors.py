"""Reads of the account domain: users by e-mail, their addresses and their Saleor permissions, in batches."""

from collections import defaultdict

from django.contrib.auth.models import Group, Permission

from backend.commerce.account.models import Address, User
from backend.core.permissions import PermissionEnum

_ENUM_BY_PERMISSION = {(p.app_label, p.codename): p for p in PermissionEnum}


def user_by_email(email: str, *, for_update: bool = False) -> User | None:
    queryset = User.objects.filter(email__iexact=email)
    if for_update:
        queryset = queryset.select_for_update()
    return queryset.first()


def permissions_of_users(users: list[User]) -> dict[int, list[tuple[PermissionEnum, str]]]:
    """Saleor permissions of each user (own and through groups) with their French names, in PermissionEnum order.

    Superusers hold them all; inactive users none. Two queries whatever the number of users (three with a superuser).
    """
    user_ids = [user.pk for user in users]
    granted: dict[int, dict[PermissionEnum, str]] = defaultdict(dict)
    direct = Permission.objects.filter(user__in=user_ids).values_list(
        "user", "content_type__app_label", "codename", "name")
    grouped = Permission.objects.filter(group__user__in=user_ids).values_list(
        "group__user", "content_type__app_label", "codename", "name")
    for user_id, app_label, codename, name in [*direct, *grouped]:
        enum = _ENUM_BY_PERMISSION.get((app_label, codename))
        if enum is not None:
            granted[user_id][enum] = name
    all_names = _all_permission_names() if any(u.is_superuser and u.is_active for u in users) else {}
    result = {}
    for user in users:
        if not user.is_active:
            result[user.pk] = []
        elif user.is_superuser:
            result[user.pk] = [(p, all_names.get(p, p.name)) for p in PermissionEnum]
        else:
            result[user.pk] = [(p, granted[user.pk][p]) for p in PermissionEnum if p in granted[user.pk]]
    return result


def _all_permission_names() -> dict[PermissionEnum, str]:
    rows = Permission.objects.filter(codename__in=[p.codename for p in PermissionEnum]).values_list(
        "content_type__app_label", "codename", "name")
    return {_ENUM_BY_PERMISSION[(a, c)]: n for a, c, n in rows if (a, c) in _ENUM_BY_PERMISSION}


def user_permission_codes(user: User) -> list[str]:
    """Names as Saleor puts them in a staff access token: ["MANAGE_ORDERS", ...]."""
    return [p.name for p, _ in permissions_of_users([user])[user.pk]]


def addresses_by_user_ids(user_ids: list[int]) -> dict[int, list[Address]]:
    """The address book of each user, oldest first, in one query."""
    through = User.addresses.through
    rows = through.objects.filter(user_id__in=user_ids).select_related("address").order_by("address_id")
    book: dict[int, list[Address]] = defaultdict(list)
    for row in rows:
        book[row.user_id].append(row.address)
    return {user_id: book.get(user_id, []) for user_id in user_ids}


def user_owns_address(user: User, address_id: int) -> bool:
    return User.addresses.through.objects.filter(user_id=user.pk, address_id=address_id).exists()


def groups_of_users(user_ids: list[int]) -> dict[int, list[Group]]:
    """Each user's permission groups (Django's auth groups: Saleor's permission groups), by name, in one query."""
    rows = User.groups.through.objects.filter(user_id__in=user_ids).select_related("group")
    found: dict[int, list[Group]] = defaultdict(list)
    for row in sorted(rows, key=lambda row: (row.group.name, row.group_id)):
        found[row.user_id].append(row.group)
    return {user_id: found.get(user_id, []) for user_id in user_ids}


def all_groups() -> list[Group]:
    return list(Group.objects.order_by("name", "pk"))


def permissions_of_groups(group_ids: list[int]) -> dict[int, list[tuple[PermissionEnum, str]]]:
    """The Saleor permissions each group grants (others are left out), in PermissionEnum order, in one query."""
    rows = Permission.objects.filter(group__in=group_ids).values_list(
        "group", "content_type__app_label", "codename", "name")
    granted: dict[int, dict[PermissionEnum, str]] = defaultdict(dict)
    for group_id, app_label, codename, name in rows:
        enum = _ENUM_BY_PERMISSION.get((app_label, codename))
        if enum is not None:
            granted[group_id][enum] = name
    return {group_id: [(p, granted[group_id][p]) for p in PermissionEnum if p in granted[group_id]]
            for group_id in group_ids}


def users_of_groups(group_ids: list[int]) -> dict[int, list[User]]:
    rows = User.groups.through.objects.filter(group_id__in=group_ids).select_related("user")
    found: dict[int, list[User]] = defaultdict(list)
    for row in sorted(rows, key=lambda row: (row.user.email, row.user_id)):
        found[row.group_id].append(row.user)
    return {group_id: found.get(group_id, []) for group_id in group_ids}
