"""Producer pages: the list (optionally near a commune, by label) and one producer's profile with their products."""

from django.core.cache import cache
from django.http import Http404

from storefront import client
from storefront.page_cache import anonymous_page_cache
from storefront.territory import map_points
from storefront.views.common import api, channel_slug, optional_api, page

PAGE_SIZE = 30
# URL value -> (GraphQL ProducerLabelEnum name, French name).
LABELS = {"bio": ("ORGANIC", "Agriculture biologique"), "aop-maroilles": ("AOP_MAROILLES", "AOP Maroilles"),
          "hve": ("HVE", "Haute valeur environnementale"),
          "bienvenue-a-la-ferme": ("WELCOME_FARM", "Bienvenue à la ferme"),
          "valeurs-parc": ("PARK_BRAND", "Valeurs Parc naturel régional de l'Avesnois"),
          "label-rouge": ("LABEL_ROUGE", "Label Rouge"), "nature-et-progres": ("NATURE_PROGRES", "Nature & Progrès")}


def _nodes(connection) -> list:
    return [edge["node"] for edge in ((connection or {}).get("edges") or [])]


COMMUNES_CACHE_SECONDS = 3600


def communes(request) -> list[dict]:
    """The 52 communes of the Pays de Mormal (from the roadmap's territory query), alphabetically. They change once in
    a decade: cached an hour."""
    rows = cache.get("storefront:communes")
    if rows is None:
        rows = sorted(optional_api(request, "Communes").get("roadmapCommunes") or [], key=lambda c: c["name"])
        cache.set("storefront:communes", rows, COMMUNES_CACHE_SECONDS if rows else 60)
    return rows


def producers_near(request, commune: str, *, first: int = 6) -> tuple[list[dict], str | None]:
    """Producers sorted by distance from a commune; an unknown commune gives a French message, not an error page."""
    try:
        data = api(request, "ProducerList", {"first": first, "near": commune,
                                             "sortBy": {"field": "DISTANCE", "direction": "ASC"}})
    except client.GraphQLErrors:
        return [], "Nous ne connaissons pas cette commune : choisissez-la dans la liste."
    return _nodes(data.get("producers")), None


@anonymous_page_cache
def producer_list(request):
    commune = request.GET.get("commune", "").strip()[:80]
    label = request.GET.get("label", "").strip()
    message = None
    variables = {"first": PAGE_SIZE, "after": request.GET.get("apres") or None}
    if label in LABELS:
        variables["filter"] = {"labels": [LABELS[label][0]]}
    if commune:
        variables.update(near=commune, sortBy={"field": "DISTANCE", "direction": "ASC"})
    try:
        data = api(request, "ProducerList", variables)
    except client.GraphQLErrors:
        message = "Nous ne connaissons pas cette commune : choisissez-la dans la liste."
        variables.pop("near", None), variables.pop("sortBy", None)
        variables["after"] = None
        data = optional_api(request, "ProducerList", variables)
    producers = data.get("producers") or {}
    nodes = _nodes(producers)
    return page(request, "storefront/producers/list.html", {
        "producers": nodes, "total": producers.get("totalCount") or 0, "page_info": producers.get("pageInfo") or {},
        "communes": communes(request), "commune": commune, "label": label if label in LABELS else "",
        "labels": {key: name for key, (_, name) in LABELS.items()}, "message": message,
        "map": map_points([{**p["commune"], "name": f"{p['name']} ({p['commune']['name']})", "slug": p["slug"],
                            "href": f"/producteurs/{p['slug']}/"} for p in nodes]),
    })


@anonymous_page_cache
def producer_detail(request, slug: str):
    producer = optional_api(request, "ProducerDetails", {"slug": slug[:120], "channel": channel_slug()}).get("producer")
    if not producer:
        raise Http404("Ce producteur n'existe pas ou ne vend plus sur le Comptoir.")
    here = {**producer["commune"], "name": producer["name"], "slug": "__ici__", "href": "#contenu"}
    if producer.get("latitude") is not None:
        here.update(latitude=producer["latitude"], longitude=producer["longitude"])
    return page(request, "storefront/producers/detail.html", {
        "producer": producer, "products": _nodes(producer.get("products")),
        "map": map_points([{**c, "href": f"/producteurs/?commune={c['slug']}"} for c in communes(request)] + [here],
                          selected="__ici__"),
    })
