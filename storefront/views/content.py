"""CMS pages (legal pages, roadmap) and the files robots and crawlers read."""

from xml.sax.saxutils import escape

from django.core.cache import cache
from django.http import Http404, HttpResponse

from storefront import client
from storefront.views.common import api, channel_slug, page

SITEMAP_CACHE_SECONDS = 3600
MAX_SITEMAP_PAGES = 50  # 5,000 products: far above the catalogue, and a bound on the work


def cms_page(request, slug: str):
    data = api(request, "PageBySlug", {"slug": slug}).get("page")
    if not data:
        raise Http404("Cette page n'existe pas.")
    return page(request, "storefront/cms_page.html", {"cms": data})


def robots_txt(request):
    lines = ["User-agent: *", "Disallow: /admin/", "Disallow: /panier/", "Disallow: /compte/",
             f"Sitemap: {request.build_absolute_uri('/sitemap.xml')}"]
    return HttpResponse("\n".join(lines) + "\n", content_type="text/plain; charset=utf-8")


def sitemap_xml(request):
    body = cache.get("storefront:sitemap")
    if body is None:
        body = _build_sitemap(request)
        cache.set("storefront:sitemap", body, SITEMAP_CACHE_SECONDS)
    return HttpResponse(body, content_type="application/xml; charset=utf-8")


def _build_sitemap(request) -> str:
    base = request.build_absolute_uri("/").rstrip("/")
    urls = [(f"{base}/{path}", None) for path in ("", "produits/", "feuille-de-route/", "feuille-de-route/ateliers/",
                                                   "feuille-de-route/lieux/")]
    after = None
    for _ in range(MAX_SITEMAP_PAGES):
        data = client.execute("SitemapProducts", {"channel": channel_slug(), "after": after})["products"]
        urls += [(f"{base}/produits/{e['node']['slug']}/", e["node"].get("updatedAt")) for e in data["edges"]]
        if not data["pageInfo"]["hasNextPage"]:
            break
        after = data["pageInfo"]["endCursor"]
    content = client.execute("SitemapPages")
    urls += [(f"{base}/categories/{e['node']['slug']}/", e["node"].get("updatedAt"))
             for e in content["categories"]["edges"]]
    urls += [(f"{base}/pages/{e['node']['slug']}/", None) for e in content["pages"]["edges"]]
    try:  # our own extension: absent from a plain Saleor backend
        producers = client.execute("ProducerNames")["producers"]["edges"]
    except (client.GraphQLErrors, KeyError, TypeError):
        producers = []
    urls += [(f"{base}/producteurs/", None)] + [(f"{base}/producteurs/{e['node']['slug']}/", None) for e in producers]
    entries = "".join(
        f"<url><loc>{escape(loc)}</loc>{f'<lastmod>{escape(mod[:10])}</lastmod>' if mod else ''}</url>"
        for loc, mod in urls
    )
    return ('<?xml version="1.0" encoding="UTF-8"?>'
            f'<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">{entries}</urlset>')
