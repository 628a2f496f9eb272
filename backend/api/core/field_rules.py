"""Private fields: the declaration of who may read a field is the code that checks it.

Saleor's SDL says in a field's description "Requires one of the following permissions: MANAGE_ORDERS, OWNER.". Such a
resolver is wrapped with `private_field(...)` naming the same rules; a viewer matching none of them gets Saleor's
PermissionDenied error. tests/architecture walks the schema: every field whose description names permissions must
carry this declaration, with the same names, so a description can never promise a rule the code does not apply.
"""

import functools
from collections.abc import Callable
from dataclasses import dataclass

from backend.api.core.errors import PermissionDenied
from backend.core.permissions import PermissionEnum, has_one_of_permissions

# Saleor's authorization filters besides permissions. We have no apps: AUTHENTICATED_APP never matches anybody.
AUTHENTICATED_STAFF_USER = "AUTHENTICATED_STAFF_USER"
AUTHENTICATED_APP = "AUTHENTICATED_APP"
OWNER = "OWNER"
STAFF_OR_APP = (AUTHENTICATED_STAFF_USER, AUTHENTICATED_APP)


@dataclass(frozen=True)
class FieldRule:
    permissions: tuple[PermissionEnum, ...]
    filters: tuple[str, ...]

    @property
    def names(self) -> frozenset[str]:
        return frozenset([p.name for p in self.permissions] + list(self.filters))


def _viewer(info):
    user = getattr(info.context, "user", None)
    return user if user is not None and user.is_authenticated and user.is_active else None


def is_staff_viewer(info) -> bool:
    viewer = _viewer(info)
    return bool(viewer and viewer.is_staff)


def allowed(rule: FieldRule, root, info, owner: Callable | None) -> bool:
    viewer = _viewer(info)
    if viewer is None:
        return False
    if AUTHENTICATED_STAFF_USER in rule.filters and viewer.is_staff:
        return True
    if OWNER in rule.filters and owner is not None and owner(root, viewer):
        return True
    # Only staff hold permissions: a customer costs no permission query.
    return bool(rule.permissions) and viewer.is_staff and has_one_of_permissions(viewer, rule.permissions)


def private_field(*rules, owner: Callable | None = None):
    """Wrap a resolver: `rules` are PermissionEnum members and the filters above; `owner(root, viewer) -> bool` says
    who the OWNER is when OWNER is listed."""
    permissions = tuple(r for r in rules if isinstance(r, PermissionEnum))
    filters = tuple(r for r in rules if not isinstance(r, PermissionEnum))
    unknown = set(filters) - {AUTHENTICATED_STAFF_USER, AUTHENTICATED_APP, OWNER}
    if unknown or not rules:
        raise ValueError(f"unknown or missing field rules: {sorted(unknown) or 'none given'}")
    if OWNER in filters and owner is None:
        raise ValueError("an OWNER rule needs owner(root, viewer)")
    rule = FieldRule(permissions=permissions, filters=filters)

    def decorate(resolver):
        @functools.wraps(resolver)
        def checked(root, info, **kwargs):
            if not allowed(rule, root, info, owner):
                raise PermissionDenied(permissions=sorted(rule.names))
            return resolver(root, info, **kwargs)

        checked.field_rule = rule
        return checked

    return decorate


def field_rule_of(resolver) -> FieldRule | None:
    return getattr(resolver, "field_rule", None)
