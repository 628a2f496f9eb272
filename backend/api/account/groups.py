"""Saleor's permission groups (Group) on a user: `permissionGroups`, `editableGroups`, `accessibleChannels`.

Groups are Django's auth groups, edited in the admin; their Saleor permissions are those of PermissionEnum they hold.
No group is restricted to some channels here (one channel, `restrictedAccessToChannels` is always false), so a group
reaches every channel, and so does every staff member.

Who can manage a group, as Saleor rules it: a staff member holding every permission the group grants (a superuser
holds them all). `User.editableGroups` lists, among all groups, those the user can manage.
"""

import graphene

from backend.api.account.dataloaders import (
    AllChannelsLoader,
    AllGroupsLoader,
    GroupsByUserIdLoader,
    PermissionsByGroupIdLoader,
    PermissionsByUserLoader,
    UsersByGroupIdLoader,
)
from backend.api.core.dataloaders import gather, then
from backend.api.core.field_rules import private_field
from backend.core.permissions import PermissionEnum


def _permission_type():
    from backend.api.shop.types import Permission

    return Permission


def _channel_type():
    from backend.api.channel.types import Channel

    return Channel


def _can_manage(manager_permissions, group_permissions) -> bool:
    return {p for p, _ in group_permissions} <= {p for p, _ in manager_permissions}


class Group(graphene.ObjectType):
    id = graphene.GlobalID(required=True, description="The ID of the group.")
    name = graphene.String(required=True, description="The name of the group.")
    users = graphene.List(graphene.NonNull("backend.api.account.types.User"),
                          description="List of group users\n\nRequires one of the following permissions: "
                                      "MANAGE_STAFF.")
    permissions = graphene.List(graphene.NonNull(_permission_type), description="List of group permissions")
    user_can_manage = graphene.Boolean(required=True, description="True, if the currently authenticated user has "
                                                                  "rights to manage a group.")
    accessible_channels = graphene.List(graphene.NonNull(_channel_type),
                                        description="List of channels the group has access to.")
    restricted_access_to_channels = graphene.Boolean(required=True, description="Determine if the group have "
                                                                                "restricted access to channels.")

    class Meta:
        description = "Represents permission group data."
        interfaces = (graphene.relay.Node,)

    @staticmethod
    @private_field(PermissionEnum.MANAGE_STAFF)
    def resolve_users(root, info):
        return UsersByGroupIdLoader(info.context).load(root.pk)

    @staticmethod
    def resolve_permissions(root, info):
        from backend.api.shop.types import Permission

        return then(PermissionsByGroupIdLoader(info.context).load(root.pk),
                    lambda perms: [Permission(code=p.name, name=name) for p, name in perms])

    @staticmethod
    def resolve_user_can_manage(root, info):
        viewer = getattr(info.context, "user", None)
        if not (viewer and viewer.is_authenticated and viewer.is_active and viewer.is_staff):
            return False
        return then(gather([PermissionsByUserLoader(info.context).load(viewer),
                            PermissionsByGroupIdLoader(info.context).load(root.pk)]),
                    lambda both: _can_manage(*both))

    @staticmethod
    def resolve_accessible_channels(_root, info):
        return AllChannelsLoader(info.context).load(None)

    @staticmethod
    def resolve_restricted_access_to_channels(_root, _info):
        return False


def resolve_permission_groups(root, info):
    return GroupsByUserIdLoader(info.context).load(root.pk)


def resolve_editable_groups(root, info):
    if not (root.is_active and root.is_staff):
        return []

    def manageable(values):
        user_permissions, groups = values
        return then(PermissionsByGroupIdLoader(info.context).load_many([g.pk for g in groups]),
                    lambda per_group: [g for g, perms in zip(groups, per_group, strict=True)
                                       if _can_manage(user_permissions, perms)])

    return then(gather([PermissionsByUserLoader(info.context).load(root), AllGroupsLoader(info.context).load(None)]),
                manageable)


def resolve_accessible_channels(root, info):
    """Every channel for staff (no group restricts channels here); none for a customer, who belongs to no group."""
    return AllChannelsLoader(info.context).load(None) if root.is_staff else []
