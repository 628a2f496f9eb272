"""What every page of the residents' site shares: the API call, the navigation, error pages."""

import hashlib
import json
import logging
import os

from django.conf import settings
from django.core.cache import cache
from django.shortcuts import render

from storefront import client
from storefront.auth import current_token

logger = logging.getLogger(__name__)
NAVIGATION_CACHE_SECONDS = 60
# What a resident reads when the API refused an action for too many attempts and gave no message of its own.
THROTTLED = "Trop de demandes : réessayez dans quelques instants."
DATA_CACHE_SECONDS = int(os.environ.get("STOREFRONT_DATA_CACHE_SECONDS", "30"))


def channel_slug() -> str:
    return getattr(settings, "STOREFRONT_CHANNEL", "comptoir-de-mormal")


def access_token(request) -> str | None:
    return current_token(request)


def forwarded_for(request) -> str:
    """The visitor's address chain as a reverse proxy passes it on: the X-Forwarded-For it came with, then the address
    that connected. The API applies its own TRUSTED_PROXIES rule to it, so its rate limits (sign-in, registration,
    cart creation...) count each resident, not the storefront as a whole."""
    hops = (request.META.get("HTTP_X_FORWARDED_FOR", ""), request.META.get("REMOTE_ADDR", ""))
    return ", ".join(hop.strip() for hop in hops if hop and hop.strip())


def api(request, operation: str, variables: dict | None = None) -> dict:
    """Run a storefront document for this visitor (with their token when signed in, and their address)."""
    return client.execute(operation, variables, token=access_token(request), forwarded_for=forwarded_for(request))


def shared_data_seconds() -> int:
    return int(getattr(settings, "STOREFRONT_DATA_CACHE_SECONDS", DATA_CACHE_SECONDS))


def public_api(operation: str, variables: dict | None = None) -> dict:
    """Public catalogue data (collections, a product, pickup slots), the same for every visitor: fetched without
    the visitor's token and shared by everyone, signed in or not, for a few seconds. Stock shown may lag by that
    much; the cart checks it for real."""
    seconds = shared_data_seconds()
    if seconds <= 0:
        return client.execute(operation, variables)
    key = "storefront:data:" + hashlib.sha256(
        json.dumps([operation, variables], sort_keys=True).encode()).hexdigest()
    data = cache.get(key)
    if data is None:
        data = client.execute(operation, variables)
        cache.set(key, data, seconds)
    return data


def optional_public_api(operation: str, variables: dict | None = None) -> dict:
    try:
        return public_api(operation, variables)
    except client.GraphQLErrors:
        logger.warning("storefront extension %s unavailable", operation, exc_info=True)
        return {}


def optional_api(request, operation: str, variables: dict | None = None) -> dict:
    """For our own extensions (producers, pickup slots, communes): a page still renders, without that part, when the
    plugin is disabled or the backend elsewhere is a plain Saleor."""
    try:
        return api(request, operation, variables)
    except client.GraphQLErrors:
        logger.warning("storefront extension %s unavailable", operation, exc_info=True)
        return {}


def navigation() -> dict:
    """Menus for header and footer; cached briefly since every page shows them."""
    key = f"storefront:navigation:{channel_slug()}"
    data = cache.get(key)
    if data is None:
        try:
            data = client.execute("Navigation", {"channel": channel_slug()})
        except (client.GraphQLErrors, client.ApiUnavailable):
            logger.warning("navigation unavailable", exc_info=True)
            data = {}
        cache.set(key, data, NAVIGATION_CACHE_SECONDS)
    return {"navbar": _items(data.get("navbar")), "footer": _items(data.get("footer"))}


def _items(menu) -> list[dict]:
    items = []
    for item in (menu or {}).get("items") or []:
        if item.get("category"):
            href = f"/categories/{item['category']['slug']}/"
        elif item.get("collection"):
            href = f"/produits/?collection={item['collection']['slug']}"
        elif item.get("page"):
            href = f"/pages/{item['page']['slug']}/"
        else:
            href = item.get("url") or "/"
        items.append({"name": item["name"], "href": href})
    return items


def page(request, template: str, context: dict, status: int = 200):
    context = {**context, "nav": navigation(), "canonical": request.build_absolute_uri(request.path)}
    return render(request, template, context, status=status)

