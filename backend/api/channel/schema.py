import graphene

from backend.api.channel.context import resolve_channel
from backend.api.channel.types import Channel
from backend.api.product.ids import decode_id
from backend.commerce.channel import selectors
from backend.core.permissions import PermissionEnum, has_one_of_permissions


def _sees_inactive_channels(info) -> bool:
    user = getattr(info.context, "user", None)
    return bool(user and user.is_staff and has_one_of_permissions(
        user, [PermissionEnum.MANAGE_CHANNELS, PermissionEnum.MANAGE_PRODUCTS, PermissionEnum.MANAGE_ORDERS]))


class Queries(graphene.ObjectType):
    channel = graphene.Field(
        Channel,
        id=graphene.Argument(graphene.ID, description="ID of the channel."),
        slug=graphene.Argument(graphene.String, description="Slug of the channel.\n\nAdded in Saleor 3.6."),
        description="Look up a channel by ID or slug.",
    )
    channels = graphene.List(graphene.NonNull(Channel), description="List of all channels.")

    @staticmethod
    def resolve_channels(_root, info):
        # Public here (Saleor asks for an app or staff token): the storefront lists channels without one.
        return list(selectors.channels_visible(include_inactive=_sees_inactive_channels(info)))

    @staticmethod
    def resolve_channel(_root, info, id=None, slug=None):
        from graphql import GraphQLError

        if id and slug:
            raise GraphQLError("Only one of 'id' or 'slug' can be provided.")
        if not id and not slug:
            raise GraphQLError("Either 'id' or 'slug' must be provided.")
        channels = selectors.channels_visible(include_inactive=_sees_inactive_channels(info))
        if id:
            return channels.filter(pk=decode_id(id, "Channel")).first()
        if "\x00" in slug:  # PostgreSQL refuses NUL in text: such a slug matches no channel
            return None
        return channels.filter(slug=slug).first()


class Mutations(graphene.ObjectType):
    pass


__all__ = ["Queries", "Mutations", "resolve_channel"]
