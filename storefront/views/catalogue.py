"""Home, catalogue, categories and product pages."""

from django.http import Http404

from storefront import client
from storefront.views.common import api, channel_slug, page

PAGE_SIZE = 24
SORTS = {
    "nom": {"field": "NAME", "direction": "ASC"},
    "prix": {"field": "MINIMAL_PRICE", "direction": "ASC"},
    "prix-desc": {"field": "MINIMAL_PRICE", "direction": "DESC"},
    "nouveautes": {"field": "CREATED_AT", "direction": "DESC"},
}
SORT_LABELS = {"nom": "Nom (A à Z)", "prix": "Prix croissant", "prix-desc": "Prix décroissant",
               "nouveautes": "Nouveautés"}


def _nodes(connection) -> list:
    return [edge["node"] for edge in ((connection or {}).get("edges") or [])]


def home(request):
    data = api(request, "HomePage", {"channel": channel_slug()})
    return page(request, "storefront/home.html", {
        "selection": _nodes((data.get("selection") or {}).get("products")),
        "seasonal": _nodes((data.get("seasonal") or {}).get("products")),
        "categories": _nodes(data.get("categories")),
    })


def product_list(request, category_slug: str | None = None):
    category = None
    where = {}
    if category_slug:
        category = api(request, "CategoryBySlug", {"slug": category_slug}).get("category")
        if not category:
            raise Http404("Cette catégorie n'existe pas.")
        where["category"] = {"eq": category["id"]}
    search = request.GET.get("q", "").strip()[:200]
    sort_key = request.GET.get("tri", "")
    variables = {"channel": channel_slug(), "search": search or None, "where": where or None,
                 "sortBy": SORTS.get(sort_key)}
    after, before = request.GET.get("apres"), request.GET.get("avant")
    if before:
        variables.update(last=PAGE_SIZE, before=before)
    else:
        variables.update(first=PAGE_SIZE, after=after or None)
    try:
        data = api(request, "ProductList", variables)
    except client.GraphQLErrors:
        # A tampered cursor or filter: start again from the first page rather than failing.
        variables.update(first=PAGE_SIZE, after=None, last=None, before=None)
        data = api(request, "ProductList", variables)
    products = data.get("products") or {}
    return page(request, "storefront/product_list.html", {
        "category": category,
        "products": _nodes(products),
        "total": products.get("totalCount") or 0,
        "page_info": products.get("pageInfo") or {},
        "search": search,
        "sort": sort_key if sort_key in SORTS else "",
        "sort_labels": SORT_LABELS,
    })


def product_detail(request, slug: str):
    product = api(request, "ProductDetails", {"slug": slug, "channel": channel_slug()}).get("product")
    if not product:
        raise Http404("Ce produit n'existe pas ou n'est plus en vente.")
    return page(request, "storefront/product_detail.html", {"product": product})
