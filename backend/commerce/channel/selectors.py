"""Reads of sales channels."""

from django.conf import settings
from django.db.models import QuerySet

from backend.commerce.channel.models import Channel
from backend.core.rows import columns, instances


def channels_visible(*, include_inactive: bool) -> QuerySet[Channel]:
    """Channels a caller may list: active ones, or all of them for staff managing channels or products."""
    channels = Channel.objects.order_by("slug")
    return channels if include_inactive else channels.filter(is_active=True)


def channel_by_slug(slug: str) -> Channel | None:
    if "\x00" in slug:  # PostgreSQL refuses NUL in text: such a slug matches no channel
        return None
    # A fixed statement: every API request looks its channel up, and composing the ORM query cost more than running it.
    sql = f'SELECT {columns(Channel)} FROM "channel_channel" WHERE "slug" = %s LIMIT 1'  # noqa: S608 (model names)
    found = instances(Channel, sql, [slug])
    return found[0] if found else None


def default_channel() -> Channel | None:
    """Saleor's fallback when no channel is given: the configured default channel, else the only channel there is."""
    channel = Channel.objects.filter(slug=settings.DEFAULT_CHANNEL_SLUG).first()
    if channel is not None:
        return channel
    only = list(Channel.objects.all()[:2])
    return only[0] if len(only) == 1 else None
