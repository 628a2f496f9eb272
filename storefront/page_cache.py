"""Short server-side cache of whole pages for anonymous visitors (home, catalogue, product and producer pages).

Only visitors without a session cookie are served from it: signed-in residents, carts and flash messages all live in
the session, so a visitor without one sees exactly what everyone without one sees. The CSRF tokens of the cached
HTML are swapped for a fresh token of the visitor on every hit (a cached page never carries someone else's token).
STOREFRONT_PAGE_CACHE_SECONDS (setting or environment) sets the lifetime; 0 turns it off.
"""

import os
import re
from functools import wraps

from django.conf import settings
from django.core.cache import cache
from django.http import HttpResponse
from django.middleware.csrf import get_token

DEFAULT_SECONDS = int(os.environ.get("STOREFRONT_PAGE_CACHE_SECONDS", "30"))
TOKEN_FIELD = re.compile(r'(name="csrfmiddlewaretoken" value=")[^"]*(")')
PLACEHOLDER = "\x00csrf\x00"


def cache_seconds() -> int:
    return int(getattr(settings, "STOREFRONT_PAGE_CACHE_SECONDS", DEFAULT_SECONDS))


def _cacheable(request) -> bool:
    # Flash messages may live in their own cookie (Django's fallback storage): such a visitor gets a fresh page.
    return (request.method in ("GET", "HEAD") and cache_seconds() > 0
            and settings.SESSION_COOKIE_NAME not in request.COOKIES and "messages" not in request.COOKIES)


def _key(request) -> str:
    return f"storefront:page:{request.get_host()}:{request.get_full_path()[:500]}"


def anonymous_page_cache(view):
    @wraps(view)
    def wrapper(request, *args, **kwargs):
        if not _cacheable(request):
            return view(request, *args, **kwargs)
        key = _key(request)
        stored = cache.get(key)
        if stored is None:
            response = view(request, *args, **kwargs)
            if response.status_code != 200 or response.cookies or getattr(response, "streaming", False):
                return response
            body = TOKEN_FIELD.sub(lambda m: m.group(1) + PLACEHOLDER + m.group(2),
                                   response.content.decode(response.charset))
            cache.set(key, (body, response["Content-Type"]), cache_seconds())
            return response
        body, content_type = stored
        if PLACEHOLDER in body:
            body = body.replace(PLACEHOLDER, get_token(request))
        response = HttpResponse(body, content_type=content_type)
        response["X-Page-Cache"] = "hit"
        return response
    return wrapper
