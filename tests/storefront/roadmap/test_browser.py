"""In Chromium (Playwright, Debian's browser): a workshop registration done with the keyboard only, the roadmap
pages checked by axe-core, screenshots saved to tests/artifacts/screenshots/ for review."""

import os
from datetime import timedelta

import pytest
from django.core import mail
from django.utils import timezone

from plugins.roadmap.models import Registration
from tests.e2e.conftest import ARTIFACTS

os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")  # Playwright's sync API runs an event loop in this thread

pytestmark = [pytest.mark.browser, pytest.mark.slow]


@pytest.fixture
def chromium_page(transactional_db, chromium_browser):
    context = chromium_browser.new_context(locale="fr-FR", viewport={"width": 1280, "height": 900})
    page = context.new_page()
    page.set_default_timeout(15_000)
    # No tile server in tests: the SVG map must stay (and the test must not reach the internet).
    page.route("**/tile.openstreetmap.org/**", lambda route: route.abort())
    yield page
    context.close()


def _shot(page, name: str) -> None:
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(ARTIFACTS / f"{name}.png"), full_page=True)


def _serious_violations(page) -> list:
    from axe_playwright_python.sync_playwright import Axe

    violations = Axe().run(page).response["violations"]
    return [(v["id"], v["impact"]) for v in violations if v["impact"] in {"serious", "critical"}]


@pytest.mark.django_db(transaction=True)
def test_a_resident_registers_to_a_workshop_with_the_keyboard_only(chromium_page, live_server, make_workshop):
    # given a workshop with 3 places at Bavay
    workshop = make_workshop(title="Démarches en ligne pas à pas", starts_at=timezone.now() + timedelta(days=4))
    page = chromium_page

    # when a resident reaches it from the calendar and fills the form with the keyboard
    page.goto(f"{live_server.url}/feuille-de-route/ateliers/")
    page.get_by_role("link", name="Démarches en ligne pas à pas").focus()
    page.keyboard.press("Enter")
    page.wait_for_url(f"**/feuille-de-route/ateliers/{workshop.pk}/")
    page.locator("#id_name").focus()
    page.keyboard.type("Marie Dupont")
    page.keyboard.press("Tab")
    page.keyboard.type("marie@exemple.fr")
    page.keyboard.press("Tab")
    page.keyboard.press("Tab")  # phone is optional
    page.keyboard.press("ArrowDown")  # 2 places
    page.keyboard.press("Tab")
    assert page.evaluate("document.activeElement.textContent") == "Je m'inscris"
    page.keyboard.press("Enter")
    page.wait_for_url(f"**/feuille-de-route/ateliers/{workshop.pk}/inscription-confirmee/")
    _shot(page, "roadmap-registration-confirmed")

    # then the confirmation is shown, the places are booked and the mail has left
    assert page.get_by_role("heading", level=1).inner_text() == "Votre inscription est confirmée"
    registration = Registration.objects.get()
    assert (registration.name, registration.email, registration.seats) == ("Marie Dupont", "marie@exemple.fr", 2)
    assert [m.to for m in mail.outbox] == [["marie@exemple.fr"]]
    assert _serious_violations(page) == []


@pytest.mark.django_db(transaction=True)
@pytest.mark.parametrize(("path", "name"), [
    ("/feuille-de-route/", "roadmap-overview"),
    ("/feuille-de-route/inclusion-numerique/", "roadmap-axis"),
    ("/feuille-de-route/ateliers/", "roadmap-workshops"),
    ("/feuille-de-route/lieux/", "roadmap-places"),
])
def test_the_roadmap_pages_have_no_serious_accessibility_violation(chromium_page, live_server, roadmap, path, name):
    chromium_page.goto(f"{live_server.url}{path}")
    chromium_page.wait_for_load_state("networkidle")
    _shot(chromium_page, name)

    assert chromium_page.locator("h1").count() == 1
    assert _serious_violations(chromium_page) == []
