"""Home, catalogue, categories and product pages."""

from django.core.cache import cache
from django.http import Http404

from storefront import client
from storefront.catalogue_filters import product_ids_of_producers, read_filters
from storefront.page_cache import anonymous_page_cache
from storefront.templatetags.storefront_tags import editorjs_text
from storefront.territory import distribution_days, map_points, pickup_points
from storefront.views.common import api, channel_slug, optional_api, optional_public_api, page, public_api
from storefront.views.producers import communes, producers_near

PAGE_SIZE = 24
# The API counts the results of a search up to 1 000; 1 001 means "more than 1 000" (backend/api/core/connection.py).
SEARCH_TOTAL_COUNT_LIMIT = 1000
FILTER_CHOICES_CACHE_SECONDS = 300
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


@anonymous_page_cache
def home(request):
    data = public_api("HomePage", {"channel": channel_slug()})
    territory = communes(request)
    commune = request.GET.get("commune", "").strip()[:80]
    near, near_message = producers_near(request, commune) if commune else ([], None)
    slots = optional_public_api("NextPickupSlots").get("pickupSlots") or []
    return page(request, "storefront/home.html", {
        "selection": _nodes((data.get("selection") or {}).get("products")),
        "seasonal": _nodes((data.get("seasonal") or {}).get("products")),
        "categories": _nodes(data.get("categories")),
        "communes": territory, "commune": commune,
        "commune_name": next((c["name"] for c in territory if c["slug"] == commune), ""),
        "near": near, "near_message": near_message,
        "days": distribution_days(slots), "pickup_points": pickup_points(slots),
        "map": map_points([{**c, "href": f"/?commune={c['slug']}#pres-de-chez-vous"} for c in territory],
                          selected=commune or None),
    })


def _labels(request) -> list[dict]:
    """Values of the "label" attribute (bio, AOP...), cached like the navigation."""
    labels = cache.get("storefront:labels")
    if labels is None:
        attribute = api(request, "CatalogueLabels").get("attribute") or {}
        labels = [edge["node"] for edge in (attribute.get("choices") or {}).get("edges") or []]
        cache.set("storefront:labels", labels, FILTER_CHOICES_CACHE_SECONDS)
    return labels


def _producer_names(request) -> list[dict]:
    names = cache.get("storefront:producer-names")
    if names is None:
        names = sorted(_nodes(optional_api(request, "ProducerNames").get("producers")), key=lambda p: p["name"])
        cache.set("storefront:producer-names", names, FILTER_CHOICES_CACHE_SECONDS)
    return names


@anonymous_page_cache
def product_list(request, category_slug: str | None = None):
    category = None
    filters = read_filters(request.GET)
    where = filters.where()
    if filters.needs_producers:
        variables = {"channel": channel_slug(), "filter": {"communes": [filters.commune]} if filters.commune else None}
        where = filters.where(product_ids_of_producers(optional_api(request, "ProducerProductIds", variables),
                                                       filters.producer))
    if category_slug:
        category = public_api("CategoryBySlug", {"slug": category_slug[:255]}).get("category")
        if not category:
            raise Http404("Cette catégorie n'existe pas.")
        where["category"] = {"eq": category["id"]}
    search = request.GET.get("q", "").strip()[:200]
    sort_key = request.GET.get("tri", "")
    variables = {"channel": channel_slug(), "search": search or None, "where": where or None,
                 "sortBy": SORTS.get(sort_key)}
    after, before = request.GET.get("apres"), request.GET.get("avant")
    if before:
        variables.update(last=PAGE_SIZE, before=before[:200])
    else:
        variables.update(first=PAGE_SIZE, after=(after or "")[:200] or None)
    try:
        data = public_api("ProductList", variables)
    except client.GraphQLErrors:
        # A tampered cursor or filter: start again from the first page rather than failing.
        variables.update(first=PAGE_SIZE, after=None, last=None, before=None)
        data = public_api("ProductList", variables)
    products = data.get("products") or {}
    sort = sort_key if sort_key in SORTS else ""
    extra = {"q": search, "tri": sort}
    total = products.get("totalCount") or 0
    return page(request, "storefront/product_list.html", {
        "category": category,
        "products": _nodes(products),
        "total": total,
        "total_more_than": SEARCH_TOTAL_COUNT_LIMIT if search and total > SEARCH_TOTAL_COUNT_LIMIT else None,
        "page_info": products.get("pageInfo") or {},
        "search": search,
        "sort": sort,
        "sort_labels": SORT_LABELS,
        "filters": filters,
        "filter_query": filters.query(**extra),
        "communes": communes(request),
        "producers": _producer_names(request),
        "labels": _labels(request),
    })


@anonymous_page_cache
def product_detail(request, slug: str):
    variables = {"slug": slug[:255], "channel": channel_slug()}
    product = public_api("ProductDetails", variables).get("product")
    if not product:
        raise Http404("Ce produit n'existe pas ou n'est plus en vente.")
    extra = optional_public_api("ProductProducer", variables)
    producer = (extra.get("product") or {}).get("producer")
    producer_map = []
    if producer and producer.get("latitude") is not None:
        producer_map = map_points(
            [{**c, "href": f"/producteurs/?commune={c['slug']}"} for c in communes(request)]
            + [{"name": producer["name"], "slug": "__ici__", "href": f"/producteurs/{producer['slug']}/",
                "latitude": producer["latitude"], "longitude": producer["longitude"]}], selected="__ici__")
    return page(request, "storefront/product_detail.html", {
        "product": product, "producer": producer, "producer_map": producer_map,
        "days": distribution_days(extra.get("pickupSlots") or []),
        "structured_data": product_structured_data(request, product, producer),
    })


def product_structured_data(request, product: dict, producer: dict | None) -> dict:
    """schema.org Product with one Offer per variant (serialised by the ld_json filter, never by hand)."""
    url = request.build_absolute_uri(f"/produits/{product['slug']}/")
    offers = []
    for variant in product.get("variants") or []:
        gross = ((variant.get("pricing") or {}).get("price") or {}).get("gross")
        if not gross:
            continue
        offers.append({
            "@type": "Offer", "sku": variant.get("sku") or "", "name": variant.get("name") or product["name"],
            "price": f"{float(gross['amount']):.2f}", "priceCurrency": gross["currency"], "url": url,
            "availability": "https://schema.org/" + ("InStock" if variant.get("quantityAvailable") else "OutOfStock"),
        })
    data = {"@context": "https://schema.org", "@type": "Product", "name": product["name"], "url": url,
            "description": editorjs_text(product.get("seoDescription") or product.get("description"), 300),
            "offers": offers}
    images = [m["url"] for m in product.get("media") or [] if m.get("url")]
    if images:
        data["image"] = images
    if product.get("category"):
        data["category"] = product["category"]["name"]
    if producer:
        data["brand"] = {"@type": "Brand", "name": producer["name"]}
    return data
