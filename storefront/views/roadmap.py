"""The digital roadmap of the Pays de Mormal: axes and projects, the workshops calendar with registration, and the
public places. Every page works without JavaScript; the maps are inline SVG drawn here, that Leaflet enhances."""

import base64
import binascii
import functools
import math
import os
from datetime import date

from django import forms
from django.conf import settings
from django.http import Http404
from django.shortcuts import redirect
from django.utils import timezone, translation
from django.utils.dateparse import parse_datetime
from django.views.decorators.http import require_http_methods

from storefront import client
from storefront.views.common import api, page

WORKSHOPS_PER_PAGE = 20
MAX_SEATS = 3
SESSION_KEY = "roadmap_registration"
FORM_FIELDS = {"name", "email", "phone", "seats"}
PLACE_KINDS = {"bibliotheques": "LIBRARY", "france-services": "FRANCE_SERVICES", "tiers-lieux": "TIERS_LIEU"}
PLACE_KIND_LABELS = {"bibliotheques": "Bibliothèques publiques", "france-services": "France services",
                     "tiers-lieux": "Tiers-lieux"}
DEFAULT_TILE_URL = "https://tile.openstreetmap.org/{z}/{x}/{y}.png"


def in_french(view):
    """These pages are French whatever the browser asks (dates, months, form messages): the territory's language."""

    @functools.wraps(view)
    def wrapper(request, *args, **kwargs):
        with translation.override("fr"):
            return view(request, *args, **kwargs)

    return wrapper


def tile_url() -> str:
    """Tiles are an enhancement only: MAP_TILE_URL (setting or environment) chooses them, empty turns them off."""
    return getattr(settings, "MAP_TILE_URL", os.environ.get("MAP_TILE_URL", DEFAULT_TILE_URL))


def workshop_global_id(pk: int) -> str:
    return base64.b64encode(f"Workshop:{pk}".encode()).decode()


def pk_from_global_id(global_id: str) -> int | None:
    try:
        type_name, _, pk = base64.b64decode(global_id, validate=True).decode().partition(":")
        return int(pk)
    except (binascii.Error, UnicodeDecodeError, ValueError):
        return None


def _local(value: str | None):
    moment = parse_datetime(value) if value else None
    return timezone.localtime(moment) if moment else None


def _workshop(node: dict) -> dict:
    """A workshop as the templates want it: local datetimes and the pk of its page's URL."""
    return {**node, "pk": pk_from_global_id(node["id"]), "starts": _local(node["startsAt"]),
            "ends": _local(node["endsAt"])}


# --- maps: communes and places projected on an inline SVG, no tile and no script needed ---

MAP_WIDTH = 640
MAP_PADDING = 24


def project_points(points: list[dict], *, width: int = MAP_WIDTH, padding: int = MAP_PADDING):
    """Equirectangular projection of {latitude, longitude} dicts around their mean latitude, scaled to `width`.

    Returns (the points with x and y added, height of the drawing). Points without coordinates are left out."""
    located = [p for p in points if p.get("latitude") is not None and p.get("longitude") is not None]
    if not located:
        return [], 0
    lats = [p["latitude"] for p in located]
    lons = [p["longitude"] for p in located]
    shrink = math.cos(math.radians(sum(lats) / len(lats)))  # a degree of longitude is shorter than one of latitude
    span_x = max((max(lons) - min(lons)) * shrink, 1e-6)
    span_y = max(max(lats) - min(lats), 1e-6)
    scale = (width - 2 * padding) / span_x
    height = round(span_y * scale + 2 * padding)
    projected = [{**p, "x": round(padding + (p["longitude"] - min(lons)) * shrink * scale, 1),
                  "y": round(padding + (max(lats) - p["latitude"]) * scale, 1)} for p in located]
    return projected, height


def _commune_map(communes: list[dict]) -> dict:
    dots, height = project_points(communes)
    for dot in dots:
        dot["state"] = "held" if dot["workshopsHeld"] else ("planned" if dot["workshopsPlanned"] else "none")
    return {"dots": dots, "width": MAP_WIDTH, "height": height,
            "held": sum(1 for c in communes if c["workshopsHeld"]),
            "planned": sum(1 for c in communes if c["workshopsPlanned"] and not c["workshopsHeld"]),
            "none": sum(1 for c in communes if not c["workshopsHeld"] and not c["workshopsPlanned"])}


def _places_map(places: list[dict], communes: list[dict]) -> dict:
    # One projection for both layers, so the places sit at the right spot among the communes.
    tagged = [{**c, "layer": "commune"} for c in communes] + [{**p, "layer": "place"} for p in places]
    points, height = project_points(tagged)
    return {"communes": [p for p in points if p["layer"] == "commune"],
            "places": [p for p in points if p["layer"] == "place"], "width": MAP_WIDTH, "height": height}


# --- axes and projects ---

@in_french
def overview(request):
    axes = api(request, "RoadmapOverview").get("roadmapAxes") or []
    return page(request, "storefront/roadmap/overview.html", {"axes": axes, "section": "axes"})


@in_french
def axis(request, key: str):
    if len(key) > 100:
        raise Http404("Cet axe de la feuille de route n'existe pas.")
    data = api(request, "RoadmapAxis", {"key": key})
    if not data.get("roadmapAxis"):
        raise Http404("Cet axe de la feuille de route n'existe pas.")
    return page(request, "storefront/roadmap/axis.html", {"axis": data["roadmapAxis"], "section": "axes",
                                                          "axes": data.get("roadmapAxes") or []})


# --- workshops ---

@in_french
def workshops(request):
    chosen = request.GET.get("commune", "")[:100]
    variables = {"commune": chosen or None, "first": WORKSHOPS_PER_PAGE, "after": request.GET.get("apres") or None}
    try:
        data = api(request, "RoadmapWorkshops", variables)
    except client.GraphQLErrors:  # a tampered cursor: back to the first page
        data = api(request, "RoadmapWorkshops", {**variables, "after": None})
    communes = data.get("roadmapCommunes") or []
    slugs = {c["slug"]: c for c in communes}
    unknown = bool(chosen) and chosen not in slugs
    connection = (data.get("workshops") or {}) if not unknown else {}
    items = [_workshop(edge["node"]) for edge in connection.get("edges") or []]
    days: dict[date, list] = {}
    for item in items:
        days.setdefault(item["starts"].date(), []).append(item)
    return page(request, "storefront/roadmap/workshops.html", {
        "section": "ateliers", "days": sorted(days.items()), "total": connection.get("totalCount") or 0,
        "page_info": connection.get("pageInfo") or {}, "communes": communes,
        "commune": slugs.get(chosen), "unknown_commune": unknown, "map": _commune_map(communes),
        "map_points": [{"name": c["name"], "lat": c["latitude"], "lon": c["longitude"], "held": c["workshopsHeld"],
                        "planned": c["workshopsPlanned"]} for c in communes],
        "tile_url": tile_url(),
    })


class RegistrationForm(forms.Form):
    name = forms.CharField(label="Nom et prénom", min_length=2, max_length=120,
                           error_messages={"required": "Indiquez votre nom.",
                                           "min_length": "Indiquez votre nom (2 caractères au moins)."},
                           widget=forms.TextInput(attrs={"autocomplete": "name"}))
    email = forms.EmailField(label="Adresse e-mail", max_length=254,
                             error_messages={"required": "Indiquez votre adresse e-mail.",
                                             "invalid": "Saisissez une adresse e-mail valide, par exemple "
                                                        "prenom@exemple.fr."},
                             help_text="Nous y envoyons la confirmation et le lien pour annuler.",
                             widget=forms.EmailInput(attrs={"autocomplete": "email"}))
    phone = forms.CharField(label="Téléphone (facultatif)", required=False, max_length=30,
                            help_text="Pour vous prévenir si l'atelier change.",
                            widget=forms.TextInput(attrs={"autocomplete": "tel", "inputmode": "tel"}))
    seats = forms.TypedChoiceField(label="Nombre de places", coerce=int, initial=1,
                                   help_text=f"Jusqu'à {MAX_SEATS} places : pour vous et vos proches.")

    def __init__(self, *args, seats_left: int = MAX_SEATS, **kwargs):
        super().__init__(*args, **kwargs)
        most = max(1, min(MAX_SEATS, seats_left))
        self.fields["seats"].choices = [(n, "1 place" if n == 1 else f"{n} places") for n in range(1, most + 1)]

    def describe_fields(self) -> "RegistrationForm":
        """Tie each input to its help text and errors for screen readers (aria-describedby, aria-invalid)."""
        for name, field in self.fields.items():
            bound = self[name]
            ids = [f"{bound.id_for_label}-aide"] if field.help_text else []
            if bound.errors:
                ids.append(f"{bound.id_for_label}-erreur")
                field.widget.attrs["aria-invalid"] = "true"
            if ids:
                field.widget.attrs["aria-describedby"] = " ".join(ids)
        return self


def _load_workshop(request, pk: int) -> dict:
    node = None
    if 0 < pk < 2**63:  # larger numbers cannot be an atelier's id: a 404, not an API error
        node = api(request, "RoadmapWorkshop", {"id": workshop_global_id(pk)}).get("workshop")
    if not node:
        raise Http404("Cet atelier n'existe pas ou n'est plus proposé.")
    return _workshop(node)


@in_french
@require_http_methods(["GET", "POST"])
def workshop_detail(request, pk: int):
    workshop = _load_workshop(request, pk)
    open_for_registration = not (workshop["isFull"] or workshop["isCancelled"] or workshop["isPast"])
    form = RegistrationForm(request.POST or None, seats_left=workshop["seatsLeft"])
    status = 200
    if request.method == "POST":
        if form.is_valid():
            result = api(request, "RoadmapWorkshopRegister", {"input": {
                "workshopId": workshop["id"], "name": form.cleaned_data["name"],
                "email": form.cleaned_data["email"], "phone": form.cleaned_data["phone"] or None,
                "seats": form.cleaned_data["seats"]}})["workshopRegister"]
            if not result["errors"]:
                registration = result["registration"]
                request.session[SESSION_KEY] = {"workshop": pk, "name": registration["name"],
                                                "email": registration["email"], "seats": registration["seats"]}
                return redirect("storefront:roadmap-registered", pk=pk)
            for error in result["errors"]:
                form.add_error(error["field"] if error["field"] in FORM_FIELDS else None, error["message"])
            workshop = _load_workshop(request, pk)  # places may have gone meanwhile: show the current count
            open_for_registration = not (workshop["isFull"] or workshop["isCancelled"] or workshop["isPast"])
        status = 400 if not open_for_registration else 200
    return page(request, "storefront/roadmap/workshop_detail.html", {
        "section": "ateliers", "workshop": workshop, "form": form.describe_fields(), "open": open_for_registration,
    }, status=status)


@in_french
def registration_done(request, pk: int):
    registration = request.session.pop(SESSION_KEY, None)
    if not registration or registration.get("workshop") != pk:
        return redirect("storefront:roadmap-workshop", pk=pk)
    return page(request, "storefront/roadmap/registered.html", {
        "section": "ateliers", "workshop": _load_workshop(request, pk), "registration": registration,
    })


@in_french
@require_http_methods(["GET", "POST"])
def cancel_registration(request, token: str):
    registration = None
    if len(token) <= 64:
        registration = api(request, "RoadmapRegistrationByToken", {"token": token}).get("workshopRegistrationByToken")
    if not registration:
        raise Http404("Ce lien d'annulation n'est pas valide. Vérifiez qu'il est complet, ou écrivez-nous.")
    workshop = _workshop(registration["workshop"])
    error, done = None, False
    if request.method == "POST":
        result = api(request, "RoadmapRegistrationCancel", {"token": token})["workshopRegistrationCancel"]
        if result["errors"]:
            error = result["errors"][0]["message"]
        else:
            done = True
    return page(request, "storefront/roadmap/cancel.html", {
        "section": "ateliers", "registration": registration, "workshop": workshop, "error": error, "done": done,
    }, status=400 if error else 200)


# --- places ---

@in_french
def places(request):
    kind_key = request.GET.get("type", "")
    kind = PLACE_KINDS.get(kind_key)
    data = api(request, "RoadmapPlaces", {"kind": kind})
    found = data.get("publicPlaces") or []
    groups = [(key, PLACE_KIND_LABELS[key], [p for p in found if p["kind"] == value])
              for key, value in PLACE_KINDS.items()]
    return page(request, "storefront/roadmap/places.html", {
        "section": "lieux", "groups": [g for g in groups if g[2]], "kind": kind_key if kind else "",
        "kind_labels": PLACE_KIND_LABELS,
        "unknown_kind": bool(kind_key) and not kind, "total": len(found),
        "map": _places_map(found, data.get("roadmapCommunes") or []),
        "map_points": [{"name": p["name"], "lat": p["latitude"], "lon": p["longitude"], "kind": p["kindLabel"],
                        "doubtful": p["locationDoubtful"], "address": p["address"]}
                       for p in found if p["latitude"] is not None],
        "tile_url": tile_url(),
    })
