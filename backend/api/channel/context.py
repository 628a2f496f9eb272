"""Channel-scoped nodes, after Saleor's ChannelContext: a product seen "in a channel" knows which channel it was
asked for, so its prices, availability and nested products are answered for that channel."""

from graphql import GraphQLError

from backend.commerce.channel import selectors as channel_selectors
from backend.core.permissions import PermissionEnum, has_one_of_permissions


class ChannelContext:
    """Wraps a model instance; attribute access falls through to it, so plain resolvers keep working."""

    __slots__ = ("channel", "node")

    def __init__(self, node, channel):
        self.node = node
        self.channel = channel

    def __getattr__(self, name):
        return getattr(self.node, name)

    @property
    def channel_id(self):
        return self.channel.id if self.channel is not None else None


def requestor(info):
    return getattr(info.context, "user", None)


def can_manage_products(info) -> bool:
    """Staff allowed to see unpublished catalogue data (cached on the request)."""
    context = info.context
    cached = getattr(context, "_can_manage_products", None)
    if cached is None:
        user = requestor(info)
        cached = bool(user is not None and getattr(user, "is_staff", False)
                      and has_one_of_permissions(user, [PermissionEnum.MANAGE_PRODUCTS]))
        context._can_manage_products = cached
    return cached


def resolve_channel(info, slug: str | None):
    """The channel named by `slug` (a GraphQL error when unknown), else the default channel, else None.

    Cached per request and slug, so nested fields asking for the same channel cost no query.
    """
    cache = getattr(info.context, "_channels_by_slug", None)
    if cache is None:
        cache = {}
        info.context._channels_by_slug = cache
    key = slug or ""
    if key not in cache:
        channel = channel_selectors.channel_by_slug(slug) if slug else channel_selectors.default_channel()
        if slug and channel is None:
            raise GraphQLError(f"Channel with '{slug}' slug does not exist.",
                               extensions={"exception": {"code": "NotFound"}})
        cache[key] = channel
    return cache[key]
