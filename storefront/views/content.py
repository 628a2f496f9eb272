"""CMS pages (legal pages, roadmap) and the files robots and crawlers read."""

from django.http import Http404, HttpResponse

from storefront.views.common import api, page


def cms_page(request, slug: str):
    data = api(request, "PageBySlug", {"slug": slug}).get("page")
    if not data:
        raise Http404("Cette page n'existe pas.")
    return page(request, "storefront/cms_page.html", {"cms": data})


def robots_txt(request):
    lines = ["User-agent: *", "Disallow: /admin/", "Disallow: /panier/", "Disallow: /compte/",
             f"Sitemap: {request.build_absolute_uri('/sitemap.xml')}"]
    return HttpResponse("\n".join(lines) + "\n", content_type="text/plain; charset=utf-8")
