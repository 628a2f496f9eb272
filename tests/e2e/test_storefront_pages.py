"""The residents' site in Debian's Chromium: a keyboard-only purchase (Tab, Space, Enter and typing only) from the
home page to the confirmation with payment at pickup, axe-core over every page type met on the way (no serious or
critical violation), screenshots of the key pages. One browser, one data set, one test: browser tests are slow."""

from datetime import time, timedelta

import pytest
from django.utils import timezone

from tests import factories
from tests.backend.commerce.conftest import channel  # noqa: F401 - fixture by name

pytestmark = pytest.mark.django_db(transaction=True)
PASSWORD = "mot-de-passe-solide"


@pytest.fixture
def shop(channel):  # noqa: F811 - the commerce tests' channel, by name
    """Communes, a producer with a Maroilles, a pickup point with a slot, a legal page, a resident."""
    from backend.commerce.page.models import Page, PageType
    from backend.commerce.territory.services import communes_load
    from backend.commerce.warehouse.models import WarehouseClickAndCollectOption
    from logistics.models import PickupPoint, PickupSlot
    from plugins.producers.services.ownership import producer_warehouse_attach
    from tests.plugins.producers.conftest import VALID_SIRETS, make_producer, owned_variant

    communes_load()
    producer = make_producer("Ferme du Bocage", "59053", VALID_SIRETS[0], labels=["aop-maroilles"])
    producer_warehouse_attach(producer=producer, warehouse=factories.warehouse("Ferme du Bocage"))
    variant = owned_variant(producer, "Maroilles fermier", price="12.50")
    point = factories.warehouse("Point retrait Le Quesnoy")
    point.click_and_collect_option = WarehouseClickAndCollectOption.ALL_WAREHOUSES
    point.is_private = False
    point.save()
    slot_point = PickupPoint.objects.create(warehouse=point)
    PickupSlot.objects.create(pickup_point=slot_point, date=timezone.localdate() + timedelta(days=2),
                              start=time(16), end=time(19), capacity=20)
    page_type = PageType.objects.create(name="Page légale", slug="page-legale")
    Page.objects.create(page_type=page_type, slug="mentions-legales", title="Mentions légales", is_published=True,
                        content={"blocks": [{"type": "paragraph", "data": {"text": "Éditeur : Comptoir de Mormal."}}]})
    factories.user("lea@example.fr", password=PASSWORD, first_name="Léa")
    return variant.product


def _serious_violations(page) -> list[str]:
    from axe_playwright_python.sync_playwright import Axe

    results = Axe().run(page)
    return [f"{v['id']} ({v['impact']}): {v['nodes'][0]['target']}" for v in results.response["violations"]
            if v.get("impact") in ("serious", "critical")]


def _tab_to(page, selector: str, text: str = "", limit: int = 200) -> None:
    """Press Tab until the focused element matches (keyboard only: no click, no focus())."""
    check = "([s, t]) => { const e = document.activeElement; return !!e && e.matches(s) && e.textContent.includes(t) }"
    for _ in range(limit):
        page.keyboard.press("Tab")
        if page.evaluate(check, [selector, text]):
            return
    raise AssertionError(f"Tab never reached {selector} {text!r} on {page.url}")


def _enter(page) -> None:
    """Enter on a link or button that loads a page: wait for that page."""
    with page.expect_navigation():
        page.keyboard.press("Enter")


def test_keyboard_only_purchase_and_axe_over_every_page_type(live_server, page, screenshot, shop):
    from backend.commerce.order.models import Order

    base = live_server.url
    audited: dict[str, list[str]] = {}

    def audit(name: str, shot: bool = False):
        audited[name] = _serious_violations(page)
        if shot:
            screenshot(f"storefront-{name}")

    # Home -> product page, by keyboard.
    page.goto(f"{base}/")
    audit("accueil", shot=True)
    _tab_to(page, "a.card-link, a[href='/produits/']", "")
    page.goto(f"{base}/produits/")  # the catalogue (a page type of its own)
    audit("catalogue", shot=True)
    _tab_to(page, f"a[href='/produits/{shop.slug}/']")
    _enter(page)
    page.wait_for_url(f"{base}/produits/{shop.slug}/")
    audit("produit", shot=True)

    # Add to cart, go to the cart, order.
    _tab_to(page, "button", "Ajouter au panier")
    _enter(page)
    _tab_to(page, "a[href='/panier/']")
    _enter(page)
    page.wait_for_url(f"{base}/panier/")
    audit("panier", shot=True)
    _tab_to(page, "a", "Commander")
    _enter(page)
    page.wait_for_url(f"{base}/commande/")
    audit("commande-coordonnees")
    _tab_to(page, "input[type=email]")
    page.keyboard.type("lea.clavier@example.fr")
    _enter(page)
    page.wait_for_url(f"{base}/commande/livraison/")
    audit("commande-livraison", shot=True)
    _tab_to(page, "input[type=radio][name=mode]")
    page.keyboard.press("Space")
    _tab_to(page, "button", "Continuer")
    _enter(page)
    page.wait_for_url(f"{base}/commande/paiement/")
    audit("commande-paiement")
    _tab_to(page, "button", "Valider ma commande")
    _enter(page)
    page.wait_for_url(f"{base}/commande/confirmation/**")
    audit("confirmation", shot=True)

    order = Order.objects.get()
    assert order.user_email == "lea.clavier@example.fr"
    assert page.locator(".pickup-code").inner_text() == order.pickup_code

    # The other page types.
    for name, path in (("categorie", "/categories/fromages/"), ("producteurs", "/producteurs/"),
                       ("producteur", "/producteurs/ferme-du-bocage/"), ("page-legale", "/pages/mentions-legales/"),
                       ("404", "/produits/n-existe-pas/"), ("connexion", "/compte/connexion/"),
                       ("inscription", "/compte/inscription/")):
        page.goto(f"{base}{path}")
        audit(name, shot=name in ("producteur", "404"))
    page.goto(f"{base}/compte/connexion/")
    page.fill("#id_email", "lea@example.fr")
    page.fill("#id_password", PASSWORD)
    _enter(page)
    page.wait_for_url(f"{base}/compte/")
    for name, path in (("compte", "/compte/"), ("commandes", "/compte/commandes/"), ("adresses", "/compte/adresses/"),
                       ("mot-de-passe", "/compte/mot-de-passe/"), ("suppression", "/compte/supprimer/")):
        page.goto(f"{base}{path}")
        audit(name, shot=name == "adresses")

    assert len(audited) == 20
    assert {name: found for name, found in audited.items() if found} == {}
