"""Who may use the portal, with the API's own rules: a member acts for its own producer only; staff with
MANAGE_PRODUCTS may act for any producer (chosen with ?producteur=<slug>, kept in the session); anyone else is
refused. Products are those of the core's catalogue scope (so a member of a producer not yet approved, like in the
API, manages no product). Anonymous visitors are sent to the login page."""

from dataclasses import dataclass
from functools import wraps
from pathlib import Path
from urllib.parse import urlencode

from django.db.models import QuerySet
from django.http import HttpResponse, HttpResponseForbidden
from django.shortcuts import redirect
from django.template.backends.django import DjangoTemplates

from backend.api.product.scope import catalogue_scope
from backend.commerce.product.models import Product
from backend.core.permissions import PermissionEnum, has_one_of_permissions
from plugins.producers.models import Producer
from plugins.producers.selectors import producer_of_user

STAFF_PRODUCER_SESSION_KEY = "portal_producer_id"

# The portal's templates live with it (plugins/producers/portal/templates), outside the apps' template folders.
TEMPLATES = DjangoTemplates({
    "NAME": "portal", "DIRS": [Path(__file__).resolve().parent / "templates"], "APP_DIRS": False,
    "OPTIONS": {"context_processors": ["django.template.context_processors.request",
                                       "django.contrib.auth.context_processors.auth",
                                       "django.contrib.messages.context_processors.messages",
                                       "django.template.context_processors.csrf"]}})


@dataclass
class Portal:
    user: object
    producer: Producer
    is_staff: bool

    def products(self) -> QuerySet[Product]:
        """The producer's products the user may manage (the API's catalogue scope)."""
        scope = catalogue_scope(self.user)
        if scope is None:
            return Product.objects.none()
        return scope.products.filter(producer_link__producer=self.producer)


def is_catalogue_staff(user) -> bool:
    return bool(getattr(user, "is_staff", False) and has_one_of_permissions(user, [PermissionEnum.MANAGE_PRODUCTS]))


def render(request, template: str, context: dict | None = None, status: int = 200) -> HttpResponse:
    portal = getattr(request, "portal", None)
    base = {"portal": portal, "producer": getattr(portal, "producer", None)}
    if portal is not None and portal.is_staff:
        base["all_producers"] = Producer.objects.only("slug", "trade_name")
    html = TEMPLATES.get_template(template).render({**base, **(context or {})}, request)
    return HttpResponse(html, status=status)


def _staff_producer(request) -> Producer | None:
    slug = request.GET.get("producteur")
    if slug:
        producer = Producer.objects.filter(slug=slug).first()
        if producer is not None:
            request.session[STAFF_PRODUCER_SESSION_KEY] = producer.pk
            return producer
    chosen = request.session.get(STAFF_PRODUCER_SESSION_KEY)
    return (Producer.objects.filter(pk=chosen).first() if chosen else None) or Producer.objects.first()


def portal_view(view):
    """Resolves request.portal or answers: login page for anonymous, 403 for anybody who is not a member/staff."""

    @wraps(view)
    def wrapper(request, *args, **kwargs):
        user = request.user
        if not user.is_authenticated:
            return redirect(f"/espace-producteur/connexion/?{urlencode({'next': request.get_full_path()})}")
        producer = producer_of_user(user)
        staff = producer is None and is_catalogue_staff(user)
        if staff:
            producer = _staff_producer(request)
        if producer is None:
            html = TEMPLATES.get_template("portal/forbidden.html").render({}, request)
            return HttpResponseForbidden(html)
        request.portal = Portal(user=user, producer=producer, is_staff=staff)
        return view(request, *args, **kwargs)

    return wrapper
